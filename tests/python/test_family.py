"""One family on four platforms through the Python bindings, against `skolbryggan-emulator`.

A parent logs in to Stockholm, InfoMentor, SchoolSoft and Vklass in turn (each login joins the
family instead of replacing it), attaches a public menu (skolmaten.se) to the InfoMentor child,
calls `refresh` once and reads one `week_overview` holding every child's lessons, events and
lunch; `logout_platform` signs out of one platform and keeps the others.
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
    PlatformSessionStatus,
    RefreshOptions,
    SchoolPlatform,
    SecretStore,
)

FAST = LoginOptions(poll_interval_ms=20, timeout_seconds=30)
SCHOOL = "skutehagens-skolan"


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


async def login(client, platform, method):
    pending = await client.start_login(platform, method)
    return await pending.complete(Quiet(), FAST)


async def log_in_to_all_four(client, guardian):
    same_device = LoginMethod.BANK_ID_SAME_DEVICE(personal_number=guardian)
    await login(client, SchoolPlatform.STOCKHOLM, same_device)
    await login(client, SchoolPlatform.INFO_MENTOR, same_device)
    tenant = (await client.organisations("schoolsoft", "Påhittade"))[0]
    client.set_organisation("schoolsoft", tenant.id)
    await login(client, SchoolPlatform.SCHOOL_SOFT, same_device)
    client.set_organisation("vklass", "189")
    await login(client, SchoolPlatform.VKLASS, LoginMethod.BANK_ID_OTHER_DEVICE(personal_number=None))


def logged_in(client):
    return [s.provider for s in client.session_states() if isinstance(s.status, PlatformSessionStatus.LOGGED_IN)]


def test_four_platforms_and_a_public_menu_in_one_refresh_and_one_week(tmp_path, emulator):
    async def go():
        client = await ClientBuilder(str(tmp_path)).secret_store(DictStore()).emulator(
            emulator.address, emulator.ca_pem
        ).build()
        await log_in_to_all_four(client, emulator.GUARDIAN)
        sessions = logged_in(client)
        await client.refresh(RefreshOptions(date=None, everything=False, force=False), None)
        children = await client.children()
        mira = next(c for c in children if c.platform == SchoolPlatform.INFO_MENTOR and c.first_name == "Mira")
        school = (await client.search_menu_schools(MenuService.SKOLMATEN, "skutehagens"))[0]
        await client.attach_menu(
            mira.id, MenuSource(service=school.service, school_id=school.id, school_name=school.name)
        )
        report = await client.refresh(RefreshOptions(date=None, everything=False, force=False), None)
        week = await client.week_overview(None)

        await client.logout_platform("vklass")
        after_logout = logged_in(client)
        again = await client.refresh(RefreshOptions(date=None, everything=False, force=True), None)
        week_after = await client.week_overview(None)
        return sessions, children, mira, school, report, week, after_logout, again, week_after

    sessions, children, mira, school, report, week, after_logout, again, week_after = asyncio.run(go())
    assert sessions == ["stockholm", "infomentor", "schoolsoft", "vklass"]
    names = {}
    for c in children:
        names.setdefault(c.platform, []).append(c.first_name)
    assert sorted(names[SchoolPlatform.INFO_MENTOR]) == ["Bo", "Mira"]
    assert sorted(names[SchoolPlatform.SCHOOL_SOFT]) == ["Alva", "Bo"]
    assert sorted(names[SchoolPlatform.VKLASS]) == ["Alva", "Bo"]
    assert len(names[SchoolPlatform.STOCKHOLM]) == 2
    assert school.id == SCHOOL
    assert report.failures == [], report.failures
    assert {f.provider for f in report.failures} == set()
    assert report.fetched > 0 and not report.session_expired

    ids = sorted(c.id for c in children)
    assert len(week.days) == 7
    for day in week.days:
        assert sorted(c.child_id for c in day.children) == ids, day.date
    rows = {(c.platform, c.child_name, d.date): c for d in week.days for c in d.children}
    weekdays = [d.date for d in week.days][:5]
    for date in weekdays:
        dishes = emulator.control("GET", f"menus/{SCHOOL}/{date}")["dishes"]
        assert dishes and rows[(SchoolPlatform.INFO_MENTOR, "Mira", date)].lunch == dishes, date
        assert rows[(SchoolPlatform.SCHOOL_SOFT, "Alva", date)].subjects == ["MATMAT01", "SOISOO0"]
        assert rows[(SchoolPlatform.SCHOOL_SOFT, "Bo", date)].subjects == ["SVESVE01", "IDRIDR01"]
        assert rows[(SchoolPlatform.VKLASS, "Alva", date)].subjects[:2] == ["Svenska", "Matematik"]
        assert rows[(SchoolPlatform.INFO_MENTOR, "Mira", date)].lesson_count > 0
    assert rows[(SchoolPlatform.VKLASS, "Bo", weekdays[1])].subjects == ["Svenska", "Matematik", "Idrott och hälsa"]
    assert [e.title for e in rows[(SchoolPlatform.SCHOOL_SOFT, "Bo", weekdays[2])].events] == ["Utflykt åk 3"]
    assert any(rows[(SchoolPlatform.STOCKHOLM, n, d)].subjects for n in names[SchoolPlatform.STOCKHOLM] for d in weekdays)

    # Signed out of Vklass: three platforms stay, refresh without Vklass, everyone still shown.
    assert after_logout == ["stockholm", "infomentor", "schoolsoft"]
    assert again.failures == [] and again.fetched > 0
    assert sorted(c.child_id for c in week_after.days[0].children) == ids
