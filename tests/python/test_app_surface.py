"""The app surface's hygiene, from Python against the real library (demo family, no network).

Readable records (`repr` shows the fields), listeners that raise (the subscription goes on),
`DataChange.Refreshed` naming the kinds and children that changed, today as the default date,
organisations and password logins where a platform has none, and the speed of the home cards
and the week overview through the generated code (printed with `-s`).
"""

import asyncio
import threading
import time

import pytest

skolbryggan = pytest.importorskip("skolbryggan")

from skolbryggan import (  # noqa: E402
    ClientBuilder,
    DataChange,
    DataChangedListener,
    DataKind,
    DemoFamily,
    LoginFailureReason,
    LoginMethod,
    LoginMethodKind,
    Organisation,
    SchoolPlatform,
    SecretStore,
    SkolbrygganError,
)

DATE = "2026-11-25"


class DictStore(SecretStore):
    def __init__(self):
        self.values = {}

    def get(self, key):
        return self.values.get(key)

    def set(self, key, value):
        self.values[key] = bytes(value)

    def delete(self, key):
        self.values.pop(key, None)


def run(coro):
    return asyncio.run(coro)


async def demo_client(tmp_path):
    client = await ClientBuilder(str(tmp_path)).fixed_today(DATE).secret_store(DictStore()).build()
    await client.login_demo()
    return client


def test_records_and_enum_variants_print_their_fields(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        await client.refresh()
        return await client.children()

    children = run(go())
    text = repr(children[0])
    assert text.startswith("Child {") and children[0].first_name in text, text
    assert "Child()" not in text
    org = Organisation(id="taby", name="Täby kommun")
    assert repr(org) == 'Organisation { id: "taby", name: "Täby kommun" }'
    change = DataChange.REFRESHED(changes=2, kinds=[DataKind.NEWS], child_ids=["c1"])
    assert repr(change) == 'Refreshed { changes: 2, kinds: [News], child_ids: ["c1"] }'


def test_a_listener_that_raises_does_not_end_its_subscription(tmp_path):
    class Flaky(DataChangedListener):
        def __init__(self):
            self.seen = []
            self.refreshed = threading.Event()

        def on_data_changed(self, change):
            self.seen.append(change)
            if isinstance(change, DataChange.REFRESHED):
                self.refreshed.set()
            raise ValueError("the app's listener broke")

    async def go():
        client = await ClientBuilder(str(tmp_path)).fixed_today(DATE).secret_store(DictStore()).build()
        flaky = Flaky()
        handle = client.subscribe_changes(flaky)
        await client.login_demo()  # LoggedIn: the listener raises
        report = await client.refresh()  # Refreshed: still delivered
        for _ in range(200):
            if flaky.refreshed.is_set():
                break
            await asyncio.sleep(0.01)
        finished = handle.is_finished()
        handle.cancel()
        return flaky, report, finished

    flaky, report, finished = run(go())
    assert report.fetched > 0
    assert isinstance(flaky.seen[0], DataChange.LOGGED_IN)
    assert flaky.refreshed.is_set(), flaky.seen
    assert not finished, "the subscription outlived the exceptions"


def test_refreshed_names_the_kinds_and_children_that_changed(tmp_path):
    class Collect(DataChangedListener):
        def __init__(self):
            self.refreshed = []

        def on_data_changed(self, change):
            if isinstance(change, DataChange.REFRESHED):
                self.refreshed.append(change)

    async def go():
        client = await demo_client(tmp_path)
        collect = Collect()
        handle = client.subscribe_changes(collect)
        await client.refresh()
        for _ in range(200):
            if collect.refreshed:
                break
            await asyncio.sleep(0.01)
        handle.cancel()
        return collect.refreshed, await client.children()

    refreshed, children = run(go())
    first = refreshed[0]
    assert sorted(first.child_ids) == sorted(c.id for c in children)
    assert {DataKind.LESSON, DataKind.CALENDAR_EVENT, DataKind.CHILD} <= set(first.kinds)


def test_today_is_the_default_date(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        await client.refresh()
        return await client.week_overview(), await client.week_overview(DATE), await client.family_home()

    default, explicit, home = run(go())
    assert default == explicit
    assert home.date == DATE


def test_platforms_without_organisations_and_password_logins_are_typed(tmp_path):
    async def go():
        client = await ClientBuilder(str(tmp_path)).fixed_today(DATE).secret_store(DictStore()).build()
        platforms = client.platforms()
        found = await client.organisations("stockholm", "Stockholm")
        with pytest.raises(SkolbrygganError.InvalidInput):
            client.set_organisation("stockholm", "taby")
        with pytest.raises(SkolbrygganError.LoginFailed) as failed:
            await client.start_login(
                SchoolPlatform.STOCKHOLM, LoginMethod.PASSWORD(username="tolvan", password="hemligt-lösen")
            )
        return platforms, found, failed.value

    platforms, found, failed = run(go())
    stockholm = next(p for p in platforms if p.name == "stockholm")
    assert not stockholm.organisation_required
    assert LoginMethodKind.PASSWORD not in stockholm.login_methods
    assert found == []
    assert isinstance(failed.reason, LoginFailureReason.METHOD_NOT_SUPPORTED)


def _median_us(fn, warmup=5, runs=30):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1e6


def test_speed_of_home_cards_and_week_overview_through_python(tmp_path):
    """Figures for the note (printed with -s): family_home of the demo family at scale 1 through
    a client, and the week overview of the scale-10 family (30 children) lifted into Python."""

    async def home_client():
        client = await demo_client(tmp_path)
        await client.refresh()
        return client

    client = run(home_client())
    loop = asyncio.new_event_loop()
    home_us = _median_us(lambda: loop.run_until_complete(client.family_home()))
    home = loop.run_until_complete(client.family_home())
    loop.close()
    assert len(home.children) == 5
    family = DemoFamily.generate(DATE, 10)
    week_us = _median_us(lambda: family.week_overview(DATE))
    assert len(family.week_overview(DATE).days[0].children) == 50
    print(f"\nSPEED python family_home scale=1: median {home_us:.0f} µs")
    print(f"SPEED python week_overview scale=10: median {week_us:.0f} µs")
