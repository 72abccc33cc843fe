"""Public lunch menus through the Python bindings, against `skolbryggan-emulator`.

An InfoMentor login (InfoMentor publishes no menu) → `search_menu_schools` on skolmaten.se and
Matilda → `attach_menu` → a refresh fetches the school's week → `menu` and `week_overview`
show it (the dishes compared with the emulator's own, from its control API) → a fault on the
menu host is a typed refresh failure with the cached menu kept → `detach_menu`.
"""

import asyncio

import pytest

skolbryggan = pytest.importorskip("skolbryggan")

from skolbryggan import (  # noqa: E402
    ClientBuilder,
    LoginListener,
    LoginMethod,
    LoginOptions,
    MenuService,
    MenuSource,
    RefreshOptions,
    SchoolPlatform,
    SecretStore,
    SkolbrygganError,
    Week,
)

DATE = "2026-11-25"
WEEK = Week(year=2026, week=48)
WEEKDAYS = [f"2026-11-{d}" for d in range(23, 28)]
FAST = LoginOptions(poll_interval_ms=20, timeout_seconds=30)


class DictStore(SecretStore):
    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value):
        self.values[key] = bytes(value)

    def delete(self, key):
        self.values.pop(key, None)


class Quiet(LoginListener):
    def on_update(self, update):
        pass


def run(coro):
    return asyncio.run(coro)


async def infomentor_client(data_dir, emulator):
    builder = (
        ClientBuilder(str(data_dir))
        .fixed_today(DATE)
        .secret_store(DictStore())
        .emulator(emulator.address, emulator.ca_pem)
    )
    client = await builder.build()
    login = await client.start_login(
        SchoolPlatform.INFO_MENTOR, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN)
    )
    await login.complete(Quiet(), FAST)
    await client.refresh(RefreshOptions(date=DATE), None)
    return client


def expected(emulator, school):
    out = []
    for day in WEEKDAYS:
        out.append((day, emulator.control("GET", f"menus/{school}/{day}")["dishes"]))
    return out


def test_search_attach_refresh_fault_and_detach(tmp_path, emulator):
    async def go():
        client = await infomentor_client(tmp_path, emulator)
        kids = [k for k in await client.children() if k.platform == SchoolPlatform.INFO_MENTOR]
        child = kids[0]
        before = await client.menu(WEEK, child.id)

        hits = await client.search_menu_schools(None, "skol")
        skolmaten = await client.search_menu_schools(MenuService.SKOLMATEN, "skutehagens")
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.search_menu_schools(None, " ")

        school = skolmaten[0]
        await client.attach_menu(
            child.id, MenuSource(service=school.service, school_id=school.id, school_name=school.name)
        )
        sources = await client.menu_sources()
        report = await client.refresh(RefreshOptions(date=DATE), None)
        menu = await client.menu(WEEK, child.id)
        week = await client.week_overview(DATE)

        emulator.control(
            "POST",
            "faults",
            {"endpoint": "*", "host": "skolmaten.se", "fault": {"effect": {"kind": "status", "status": 500}}},
        )
        failed = await client.refresh(RefreshOptions(date=DATE, force=True), None)
        kept = await client.menu(WEEK, child.id)
        emulator.control("DELETE", "faults")

        was = await client.detach_menu(child.id)
        after = await client.menu(WEEK, child.id)
        return child, before, hits, school, sources, report, menu, week, failed, kept, was, after

    child, before, hits, school, sources, report, menu, week, failed, kept, was, after = run(go())
    assert before == [], "InfoMentor has no menu of its own"
    assert [(h.service, h.name) for h in hits] == [
        (MenuService.SKOLMATEN, "Hålta förskola"),
        (MenuService.SKOLMATEN, "Påskbergsskolan"),
        (MenuService.SKOLMATEN, "Skutehagens skolan"),
        (MenuService.MATILDA, "Parkskolan restaurang"),
        (MenuService.MATILDA, "Skolor"),
    ]
    assert (school.id, school.name, school.place) == ("skutehagens-skolan", "Skutehagens skolan", "Lidköping")
    assert [(s.child_id, s.source.school_id) for s in sources] == [(child.id, "skutehagens-skolan")]
    assert not [f for f in report.failures if f.what == "menu"], report.failures

    want = expected(emulator, "skutehagens-skolan")
    assert [(d.date, d.dishes) for d in menu] == want
    assert menu[0].title == "Måndag - Vecka 48"
    lunch = [
        (d.date, c.lunch) for d in week.days for c in d.children if c.child_id == child.id and c.lunch
    ]
    assert lunch == want

    menu_failures = [f for f in failed.failures if f.what == "menu" and f.child_id == child.id]
    assert menu_failures and menu_failures[0].kind == skolbryggan.FailureKind.UPSTREAM
    assert [(d.date, d.dishes) for d in kept] == want, "the cached menu stays"

    assert was is not None and was.school_id == "skutehagens-skolan"
    assert after == []


def test_attach_refuses_an_unknown_child_and_a_bad_school_id(tmp_path, emulator):
    async def go():
        client = await infomentor_client(tmp_path, emulator)
        child = (await client.children())[0]
        errors = []
        for child_id, school_id in [(child.id, "../etc"), ("infomentor:other:child:1", "paskbergsskolan")]:
            try:
                await client.attach_menu(
                    child_id, MenuSource(service=MenuService.SKOLMATEN, school_id=school_id, school_name="x")
                )
            except SkolbrygganError.InvalidInput as e:
                errors.append(e)
        return errors

    assert len(run(go())) == 2
