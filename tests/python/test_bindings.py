"""The Python bindings (the installed `skolbryggan` wheel) against the real library.

Demo scenarios (no network) and emulator scenarios (the real Stockholm provider over HTTPS
against `skolbryggan-emulator` on loopback): demo login → week overview compared with the Rust
CLI; BankID (same device, other device) and Freja logins observed through the state listener →
refresh → reads; session expiry as the typed error; a cancelled login (explicitly, and by
cancelling the asyncio task, with the emulator's request log showing the polling stopped); the
foreign `SecretStore` implemented in Python; paging; the data-changed listener; the log sink.
"""

import asyncio
import datetime as dt
import json
import pathlib
import subprocess
import threading

import pytest

skolbryggan = pytest.importorskip("skolbryggan")

from skolbryggan import (  # noqa: E402
    AbsenceState,
    BringItem,
    ClientBuilder,
    DataChange,
    DataChangedListener,
    DayOffReason,
    DataKind,
    DemoFamily,
    LoginFailureReason,
    LoginListener,
    LoginMethod,
    LoginMethodKind,
    LoginOptions,
    LogLevel,
    LogSink,
    PlatformSessionStatus,
    RefreshListener,
    RefreshOptions,
    SchoolPlatform,
    SecretStore,
    SessionState,
    SkolbrygganError,
    TermKind,
    Week,
    WriteKind,
    WriteOutcome,
    WriteRefusalReason,
    WheelKind,
    WriteAction,
)

DATE = "2026-11-25"  # a Wednesday of the demo family's school year
WEEK = Week(year=2026, week=48)
DEMO_PN = "121212121212"  # ends in 1212121212: the demo family
FAST = LoginOptions(poll_interval_ms=20, timeout_seconds=30)
EVERYTHING = RefreshOptions(date=DATE, everything=True, force=False)


class DictStore(SecretStore):
    """The foreign SecretStore, in Python: a dict, with a log of the calls."""

    def __init__(self):
        self.values = {}
        self.calls = []

    def get(self, key):
        self.calls.append(("get", key))
        return self.values.get(key)

    def set(self, key, value):
        self.calls.append(("set", key))
        self.values[key] = bytes(value)

    def delete(self, key):
        self.calls.append(("delete", key))
        self.values.pop(key, None)


class Recorder(LoginListener):
    def __init__(self):
        self.updates = []

    def on_update(self, update):
        self.updates.append(update)

    def states(self):
        return [type(u.state).__name__.rsplit(".", 1)[-1] for u in self.updates]


def _entity_part(entity_id):
    """An entity id after its account (`platform:account:kind:local` -> `kind:local`)."""
    return entity_id.split(":", 2)[2]


def run(coro):
    return asyncio.run(coro)


async def make_client(data_dir, store=None, emulator=None):
    builder = ClientBuilder(str(data_dir)).fixed_today(DATE).secret_store(store or DictStore())
    if emulator is not None:
        builder = builder.emulator(emulator.address, emulator.ca_pem)
    return await builder.build()


def test_the_installed_wheel_is_tested():
    path = pathlib.Path(skolbryggan.__file__).resolve()
    assert "site-packages" in path.parts, path
    assert any(p.name.startswith("libskolbryggan") for p in path.parent.iterdir())


# ---------------------------------------------------------------- demo (no network)


def test_demo_login_then_week_overview_matches_the_rust_cli(tmp_path, cli_bin):
    async def go():
        client = await make_client(tmp_path)
        assert not client.is_logged_in()
        user = await client.login_demo()
        assert client.is_logged_in()
        report = await client.refresh(EVERYTHING, None)
        return user, report, await client.week_overview(DATE), await client.children()

    user, report, week, children = run(go())
    assert user.first_name and report.fetched > 0 and not report.failures
    assert (week.week.year, week.week.week) == (2026, 48)
    assert not week.freshness.stale and week.freshness.oldest_fetch is not None
    assert [d.date for d in week.days] == [f"2026-11-{d}" for d in range(23, 30)]
    assert [c.first_name for c in children] == [c.child_name for c in week.days[0].children]

    rust = json.loads(
        subprocess.run(
            [str(cli_bin), "demo", "--json", "--date", DATE], check=True, capture_output=True, text=True
        ).stdout
    )["week"]
    assert len(rust["days"]) == len(week.days) == 7
    for py_day, rs_day in zip(week.days, rust["days"]):
        assert py_day.date == rs_day["date"]
        assert len(py_day.children) == len(rs_day["children"]) == 5
        for py, rs in zip(py_day.children, rs_day["children"]):
            assert py.child_id == rs["childId"]
            assert py.child_name == rs["childName"]
            assert py.lesson_count == rs["lessonCount"]
            assert py.subjects == rs.get("subjects", [])
            assert py.lunch == rs.get("lunch", [])
            assert py.bring_gym_clothes == rs["bringGymClothes"]
            assert py.day_off == rs.get("dayOff")
            assert [e.title for e in py.events] == [e["title"] for e in rs.get("events", [])]
            if "firstLesson" in rs:
                expected = dt.datetime.fromisoformat(rs["firstLesson"].split("[")[0])
                assert py.first_lesson.timestamp() == expected.timestamp()
            else:
                assert py.first_lesson is None
    wednesday = week.days[2]
    assert wednesday.children[0].lesson_count == 0  # the pre-school child
    assert wednesday.children[1].lesson_count > 0


def test_demo_bankid_login_reports_states_through_the_listener(tmp_path):
    async def go():
        client = await make_client(tmp_path)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=DEMO_PN))
        prompt = login.prompt()
        listener = Recorder()
        user = await login.complete(listener, FAST)
        with pytest.raises(SkolbrygganError.InvalidInput):
            await login.complete(Recorder(), FAST)
        return prompt, listener, user

    prompt, listener, user = run(go())
    assert prompt.autostart_token
    assert prompt.bankid_app_link.startswith("bankid:///?autostarttoken=")
    assert prompt.bankid_universal_link.startswith("https://app.bankid.com/")
    assert listener.states() == ["PENDING", "USER_SIGN", "COMPLETE"]
    assert user.first_name


def test_invalid_personal_number_is_a_typed_login_failure(tmp_path):
    async def go():
        client = await make_client(tmp_path)
        await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_OTHER_DEVICE(personal_number="12ab"))

    with pytest.raises(SkolbrygganError.LoginFailed) as e:
        run(go())
    assert isinstance(e.value.reason, LoginFailureReason.INVALID_PERSONAL_NUMBER)


def test_secret_store_in_python_holds_the_cache_key(tmp_path):
    store = DictStore()

    async def first():
        client = await make_client(tmp_path, store)
        await client.login_demo()
        await client.refresh(EVERYTHING, None)

    async def second(s):
        client = await make_client(tmp_path, s)
        users = await client.resume_sessions()
        return client, users, await client.children()

    run(first())
    assert any(op == "set" for op, _ in store.calls), "the cache key went to the Python store"
    client, users, kids = run(second(store))
    assert len(users) == 1 and client.is_logged_in() and len(kids) == 5

    # Without the key the sealed cache cannot be read: nothing of the family leaks.
    async def other_store():
        client = await make_client(tmp_path, DictStore())
        try:
            await client.resume_sessions()
        except SkolbrygganError:
            pass
        try:
            return await client.children()
        except SkolbrygganError:
            return []

    assert run(other_store()) == []


def test_a_failing_secret_store_surfaces_as_a_key_error(tmp_path):
    class Broken(DictStore):
        def get(self, key):
            raise skolbryggan.SecretStoreError.Failed("keystore corrupted")

        def set(self, key, value):
            raise skolbryggan.SecretStoreError.Failed("keystore corrupted")

    with pytest.raises(SkolbrygganError.Key) as e:
        run(make_client(tmp_path, Broken()))
    assert "keystore corrupted" in str(e.value)


def listing(root):
    """Every file under root with its size and modification time."""
    return sorted((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*"))


def test_an_unavailable_secret_store_is_key_unavailable_and_touches_no_file(tmp_path):
    store = DictStore()

    async def first():
        client = await make_client(tmp_path, store)
        await client.login_demo()
        await client.refresh(EVERYTHING, None)

    run(first())
    before = listing(tmp_path)
    assert before

    class Locked(DictStore):
        def get(self, key):
            raise skolbryggan.SecretStoreError.Unavailable("device locked")

        def set(self, key, value):
            raise skolbryggan.SecretStoreError.Unavailable("device locked")

    with pytest.raises(SkolbrygganError.KeyUnavailable) as e:
        run(make_client(tmp_path, Locked()))
    assert "device locked" in str(e.value)
    assert listing(tmp_path) == before

    # Unlocked again: the same cache, the session resumes.
    async def again():
        client = await make_client(tmp_path, store)
        users = await client.resume_sessions()
        return client.cache_key_lost(), users

    lost, users = run(again())
    assert not lost and len(users) == 1


def test_a_missing_key_is_key_lost_not_session_expired(tmp_path):
    async def first():
        client = await make_client(tmp_path, DictStore())
        await client.login_demo()

    run(first())

    async def with_an_empty_store():
        client = await make_client(tmp_path, DictStore())
        lost = client.cache_key_lost()
        with pytest.raises(SkolbrygganError.KeyLost):
            await client.resume_sessions()
        return lost

    assert run(with_an_empty_store())


def test_reads_before_login_and_bad_input_are_typed_errors(tmp_path):
    async def go():
        client = await make_client(tmp_path)
        with pytest.raises(SkolbrygganError.NotLoggedIn):
            await client.children()
        await client.login_demo()
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.week_overview("25/11/2026")
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.timetable(Week(year=2027, week=53), None)
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.news_article("no-such-news")

    run(go())


def test_platforms_session_states_and_ics_with_a_child_filter(tmp_path):
    async def go():
        client = await make_client(tmp_path)
        before = client.session_states()
        platforms = client.platforms()
        user = await client.login_demo()
        after = client.session_states()
        report = await client.refresh_range("2026-11-23", "2026-12-06", None)
        kids = await client.children()
        whole = await client.export_ics("2026-11-23", "2026-12-06", True)
        per_child = [await client.export_ics("2026-11-23", "2026-12-06", True, [k.id]) for k in kids]
        return before, platforms, user, after, report, kids, whole, per_child

    before, platforms, user, after, report, kids, whole, per_child = run(go())
    names = [p.name for p in platforms]
    assert names == [s.provider for s in before] == [s.provider for s in after]
    assert {"stockholm", "infomentor", "demo"} <= set(names)
    assert all(isinstance(s.status, PlatformSessionStatus.NOT_LOGGED_IN) for s in before)
    by_name = {p.name: p for p in platforms}
    stockholm, infomentor = by_name["stockholm"], by_name["infomentor"]
    assert stockholm.freja and LoginMethodKind.FREJA_EID in stockholm.login_methods
    assert stockholm.menu and DataKind.MENU_DAY in stockholm.entities
    assert SchoolPlatform.SKOLA24 in stockholm.platforms and not stockholm.write_actions
    assert infomentor.write_actions == [WriteAction.REPORT_ABSENCE, WriteAction.EDIT_CARE_TIMES]
    assert not infomentor.menu and not infomentor.freja
    states = {s.provider: s.status for s in after}
    assert isinstance(states["demo"], PlatformSessionStatus.LOGGED_IN)
    assert states["demo"].user == f"{user.first_name} {user.last_name}"
    assert isinstance(states["stockholm"], PlatformSessionStatus.NOT_LOGGED_IN)

    assert report.fetched > 0 and not report.failures
    assert "PRODID:-//Skolbryggan//Skolbryggan " in whole and "ICALENDAR-RS" not in whole
    count = lambda text: text.count("BEGIN:VEVENT")  # noqa: E731
    assert sum(count(t) for t in per_child) == count(whole) > 0
    for kid, text in zip(kids, per_child):
        summaries = [line for line in text.splitlines() if line.startswith("SUMMARY:")]
        assert all(line.startswith(f"SUMMARY:{kid.first_name}") for line in summaries), kid.first_name
    assert sum(1 for t in per_child if count(t) > 0) >= 2


def test_refresh_progress_change_listener_reads_and_paging(tmp_path):
    class Progress(RefreshListener):
        def __init__(self):
            self.seen = []

        def on_progress(self, progress):
            self.seen.append((progress.done, progress.total, progress.kind))

    class Changed(DataChangedListener):
        def __init__(self):
            self.changes = []
            self.event = threading.Event()

        def on_data_changed(self, change):
            self.changes.append(change)
            if isinstance(change, DataChange.REFRESHED):
                self.event.set()

    async def go():
        client = await make_client(tmp_path)
        changed = Changed()
        handle = client.subscribe_changes(changed)
        await client.login_demo()
        progress = Progress()
        report = await client.refresh(EVERYTHING, progress)
        for _ in range(100):
            if changed.event.is_set():
                break
            await asyncio.sleep(0.02)
        handle.cancel()
        kids = await client.children()
        pupil = kids[1]
        pages, offset = [], 0
        while offset is not None:
            page = await client.news(pupil.id, offset, 7)
            pages.append(page)
            offset = page.next_offset
        article = await client.news_article(pages[0].items[0].id)
        return dict(
            report=report,
            progress=progress.seen,
            changed=changed.changes,
            handle=handle,
            pages=pages,
            article=article,
            menu=await client.menu(WEEK, kids[0].id),
            lessons=await client.timetable(WEEK, pupil.id),
            classmates=await client.classmates(pupil.id),
            teachers=await client.teachers(pupil.id),
            contacts=await client.contacts(pupil.id),
            calendar=await client.calendar("2026-11-23", "2026-11-29", None, 0, 500),
            notifications=await client.notifications(None, 0, 10),
            ics=await client.export_ics("2026-11-23", "2026-11-29", True),
        )

    r = run(go())
    assert r["report"].fetched > 10 and not r["report"].failures and not r["report"].session_expired
    done = [p[0] for p in r["progress"]]
    assert done == sorted(done) and r["progress"][-1][0] == r["progress"][-1][1]
    assert {p[2] for p in r["progress"]} >= {"news", "timetable", "menu"}
    assert any(isinstance(c, DataChange.LOGGED_IN) for c in r["changed"])
    assert any(isinstance(c, DataChange.REFRESHED) for c in r["changed"])
    assert r["handle"].is_finished()
    pages = r["pages"]
    items = [i for p in pages for i in p.items]
    assert len(items) == pages[0].total > 7 and len({i.id for i in items}) == len(items)
    assert all(len(p.items) <= 7 for p in pages) and pages[-1].next_offset is None
    assert [i.published for i in items] == sorted((i.published for i in items), reverse=True)
    assert r["article"].summary.id == items[0].id and r["article"].body_markdown
    assert [m.date for m in r["menu"]] == [f"2026-11-{d}" for d in range(23, 28)]
    assert all(m.dishes for m in r["menu"])
    assert r["lessons"] and all(a.start <= b.start for a, b in zip(r["lessons"], r["lessons"][1:]))
    assert r["classmates"] and all(c.guardians for c in r["classmates"])
    assert r["teachers"] and all(t.abbreviation for t in r["teachers"])
    assert r["contacts"]
    assert r["calendar"].total == len(r["calendar"].items)
    assert len(r["notifications"].items) == 10 and r["notifications"].total >= 10
    assert r["ics"].startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in r["ics"]


def test_demo_school_work_reads_and_writes_are_read_back(tmp_path):
    """The demo's assignments, attendance, care times and absence offers, paged and fresh; an
    absence report and care times written, read back from the cache, told to the listener; a
    retry is AlreadyDone; a refusal is WriteRefused with its reason."""

    class Changed(DataChangedListener):
        def __init__(self):
            self.changes = []

        def on_data_changed(self, change):
            self.changes.append(change)

    async def go():
        client = await make_client(tmp_path)
        changed = Changed()
        handle = client.subscribe_changes(changed)
        await client.login_demo()
        await client.refresh(EVERYTHING, None)
        kids = await client.children()
        preschool, fritids, pupil = kids[0], kids[1], kids[2]
        out = dict(
            assignments=await client.assignments(pupil.id, 0, 5),
            offers_before=await client.absence_options(fritids.id),
            reported=await client.report_absence(fritids.id, "2026-11-26", True),
            retried=await client.report_absence(fritids.id, "2026-11-26", True),
            offers_after=await client.absence_options(fritids.id),
            attendance=await client.attendance(fritids.id, 0, 3),
            care_set=await client.set_care_times(preschool.id, "2026-11-26", "07:05", "16:50"),
            care=await client.care_times(WEEK, preschool.id),
        )
        with pytest.raises(SkolbrygganError.WriteRefused) as refused:
            await client.report_absence(fritids.id, "2026-11-28", True)
        out["refused"] = refused.value.reason
        with pytest.raises(SkolbrygganError.WriteRefused) as locked:
            await client.set_care_times(preschool.id, DATE, "09:00", "15:00")
        out["locked"] = locked.value.reason
        for _ in range(100):
            if sum(isinstance(c, DataChange.WRITTEN) for c in changed.changes) >= 3:
                break
            await asyncio.sleep(0.02)
        handle.cancel()
        out["changed"] = changed.changes
        out["fritids"] = fritids.id
        return out

    r = run(go())
    a = r["assignments"]
    assert len(a.items) == 5 and a.total > 5 and a.next_offset == 5 and not a.freshness.stale
    assert [o.day for o in r["offers_before"].options] == ["2026-11-25", "2026-11-26"]
    assert all(o.can_report for o in r["offers_before"].options)
    assert r["reported"] == WriteOutcome.DONE and r["retried"] == WriteOutcome.ALREADY_DONE
    tomorrow = [o for o in r["offers_after"].options if o.day == "2026-11-26"][0]
    assert tomorrow.already_reported and tomorrow.can_withdraw and not tomorrow.can_report
    assert r["attendance"].items[0].date == "2026-11-26"
    assert r["attendance"].items[0].status == skolbryggan.AttendanceStatus.ABSENT
    assert r["care_set"] == WriteOutcome.DONE
    thursday = [d for d in r["care"].days if d.date == "2026-11-26"][0]
    stockholm = dt.timezone(dt.timedelta(hours=1))  # CET in November
    assert thursday.start.astimezone(stockholm).strftime("%H:%M") == "07:05"
    assert thursday.end.astimezone(stockholm).strftime("%H:%M") == "16:50"
    assert r["refused"] == WriteRefusalReason.NOT_OFFERED
    assert r["locked"] == WriteRefusalReason.LOCKED
    written = [c for c in r["changed"] if isinstance(c, DataChange.WRITTEN)]
    assert [c.kind for c in written] == [WriteKind.ABSENCE_REPORT, WriteKind.ABSENCE_REPORT, WriteKind.CARE_TIMES]
    assert [c.outcome for c in written] == [WriteOutcome.DONE, WriteOutcome.ALREADY_DONE, WriteOutcome.DONE]
    assert written[0].child_id == r["fritids"]


def test_demo_family_home_has_a_card_per_child_and_a_year_wheel(tmp_path):
    async def go():
        client = await make_client(tmp_path)
        await client.login_demo()
        report = await client.refresh_home()  # today: the fixed DATE
        wheel_report = await client.refresh_year_wheel()
        return (
            report,
            wheel_report,
            await client.family_home(),
            await client.family_home(date="2026-11-28"),
            await client.week_overview(DATE),
            await client.year_wheel(),
            {k.id: await client.absence_options(k.id) for k in await client.children()},
        )

    report, wheel_report, home, saturday, week, wheel, offers = run(go())
    assert report.fetched > 0 and not report.failures and not wheel_report.failures
    assert home.date == DATE and not home.freshness.stale
    assert [(s.provider, s.state) for s in home.sessions] == [("demo", SessionState.LOGGED_IN)]
    wednesday = next(d for d in week.days if d.date == DATE)
    assert len(home.children) == len(wednesday.children) == 5
    # Each card agrees with the week overview's day of the same child (computed apart).
    for card, day in zip(home.children, wednesday.children):
        assert (card.child_id, card.child_name) == (day.child_id, day.child_name)
        assert card.lunch == day.lunch
        assert any(isinstance(b, BringItem.GYM_CLOTHES) for b in card.bring) == day.bring_gym_clothes
        if day.first_lesson is None:
            assert card.school_hours is None
        else:
            assert card.school_hours.start == day.first_lesson
            assert card.school_hours.end == day.last_lesson_end
            assert card.school_hours.lessons == day.lesson_count
        assert card.day_off is None
        # The absence state follows the cached offer of the day (none: nothing to guess).
        offer = next((o for o in offers[card.child_id].options if o.day == DATE), None)
        if offer is None:
            assert card.absence == AbsenceState.UNKNOWN
        elif offer.can_withdraw:
            assert card.absence == AbsenceState.CAN_WITHDRAW
        elif offer.can_report:
            assert card.absence == AbsenceState.CAN_REPORT
        assert card.session == SessionState.LOGGED_IN
        assert not card.freshness.stale
        assert (card.unread_news, card.unread_notifications) == (0, 0)
        if card.next_event is not None:
            assert card.next_event.date >= DATE
    assert home.children[0].school_hours is None  # the pre-school child
    assert all(c.day_off.reason == DayOffReason.WEEKEND for c in saturday.children)

    assert wheel.start == "2026-08-01" and wheel.end == "2027-07-31"
    assert wheel.cached_weeks == wheel.weeks
    assert [t.kind for t in wheel.terms] == [TermKind.AUTUMN, TermKind.SPRING]
    hostlov = next(e for e in wheel.entries if e.title == "Höstlov")
    assert hostlov.kind == WheelKind.HOLIDAY and len(hostlov.child_ids) == 4  # the four pupils
    kinds = {e.kind for e in wheel.entries}
    assert {WheelKind.DEVELOPMENT_TALK, WheelKind.TEST, WheelKind.TRIP, WheelKind.STUDY_DAY} <= kinds
    assert [c.child_id for c in wheel.children] == [c.child_id for c in home.children]


def test_log_sink_receives_the_library_logs(tmp_path):
    class Sink(LogSink):
        def __init__(self):
            self.records = []

        def log(self, record):
            self.records.append(record)

    sink = Sink()
    run(ClientBuilder(str(tmp_path)).secret_store(DictStore()).log_sink(sink, LogLevel.DEBUG).build())
    assert any(
        r.message.startswith("building a client") and "emulator=false" in r.message and r.level == LogLevel.DEBUG
        for r in sink.records
    ), [r.message for r in sink.records]


def test_boundary_cost_week_overview_scale_10():
    """The week overview of the scaled demo family (50 children) called from Python; the figure
    is printed (pytest -s) for comparison with the Rust bench and Kotlin."""
    import time

    family = DemoFamily.generate(DATE, 10)
    assert family.child_count() == 50
    for _ in range(5):
        family.week_overview(DATE)
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        week = family.week_overview(DATE)
        times.append(time.perf_counter() - t0)
    assert len(week.days) == 7 and len(week.days[0].children) == 50
    times.sort()
    print(f"\nBOUNDARY python week_overview scale=10: median {times[len(times) // 2] * 1e6:.0f} µs")


# ---------------------------------------------------------------- against the emulator


def test_bankid_login_against_the_emulator_then_refresh_and_reads(tmp_path, emulator):
    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(
            SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN)
        )
        prompt = login.prompt()
        listener = Recorder()
        user = await login.complete(listener, FAST)
        report = await client.refresh(EVERYTHING, None)
        kids = await client.children()
        week = await client.week_overview(DATE)
        news = await client.news(None, 0, 5)
        return prompt, listener, user, report, kids, week, news

    prompt, listener, user, report, kids, week, news = run(go())
    assert prompt.autostart_token and prompt.bankid_app_link.endswith("&redirect=null")
    states = listener.states()
    assert states[0] == "PENDING" and "USER_SIGN" in states and states[-1] == "COMPLETE"
    assert user.first_name
    assert report.fetched > 0 and report.requests > 0 and not report.session_expired
    assert not [f for f in report.failures if f.kind != skolbryggan.FailureKind.UNSUPPORTED], report.failures
    assert kids and all(k.platform == SchoolPlatform.STOCKHOLM for k in kids)
    assert any(c.lesson_count > 0 for d in week.days for c in d.children)
    assert news.items and news.total >= len(news.items)
    assert emulator.count("GetChildren") >= 1


def test_bankid_other_device_shows_qr_frames_and_freja_logs_in(tmp_path, emulator):
    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        qr = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_OTHER_DEVICE(personal_number=None))
        qr_listener = Recorder()
        await qr.complete(qr_listener, FAST)
        await client.logout()
        freja = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.FREJA())
        freja_prompt = freja.prompt()
        freja_listener = Recorder()
        await freja.complete(freja_listener, FAST)
        return qr.prompt(), qr_listener, freja_prompt, freja_listener, client.is_logged_in()

    qr_prompt, qr_listener, freja_prompt, freja_listener, logged_in = run(go())
    frames = [u.qr_payload for u in qr_listener.updates if u.qr_payload]
    assert frames and all(f.startswith("bankid.") for f in frames)
    assert qr_listener.states()[-1] == "COMPLETE"
    assert freja_listener.states()[-1] == "COMPLETE"
    assert logged_in


def test_change_feed_pages_and_mark_read_after_the_upstream_changed(tmp_path, emulator):
    """The upstream edits its news: a forced refresh records the edits in the change feed, which
    the app reads a page at a time and marks read."""

    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        await login.complete(Recorder(), FAST)
        await client.refresh(EVERYTHING, None)
        first = await client.changes(False, 0, 0)  # the first fetch records nothing

        family = emulator.control("GET", "family")
        served = {c["id"] for c in family["children"] if (c.get("refs") or {}).get("stockholm")}
        edited = [n for n in family["news"] if n["childId"] in served]
        for item in edited:
            item["title"] = "Uppdaterat: " + item["title"]
        emulator.control("PUT", "family", family)
        await client.refresh(RefreshOptions(date=DATE, everything=True, force=True), None)

        pages, offset = [], 0
        while offset is not None:
            page = await client.changes(False, offset, 2)
            pages.append(page)
            offset = page.next_offset
        first_id = pages[0].items[0].id
        await client.mark_read([first_id])
        unread = await client.changes(True, 0, 0)
        return first, edited, pages, first_id, unread

    first, edited, pages, first_id, unread = run(go())
    assert first.total == 0 and not first.items
    assert edited, "the emulator serves news for the Stockholm children"
    items = [c for p in pages for c in p.items]
    assert all(len(p.items) <= 2 for p in pages) and pages[-1].next_offset is None
    assert len(items) == pages[0].total == len({c.id for c in items})
    news_updates = [c for c in items if c.kind == skolbryggan.ChangeKind.NEWS_UPDATED]
    assert news_updates and all(c.title.startswith("Uppdaterat: ") for c in news_updates)
    # The emulator's ids are namespaced under its own installation's account id, the client's
    # under this installation's: compare what follows the account.
    assert {_entity_part(c.entity_id) for c in news_updates} <= {_entity_part(n["id"]) for n in edited}
    assert [c.id for c in items] == sorted((c.id for c in items), reverse=True), "newest first"
    assert not any(c.read for c in items)
    assert unread.total == len(items) - 1 and first_id not in {c.id for c in unread.items}


def test_session_expiry_is_the_typed_error(tmp_path, emulator):
    store = DictStore()

    async def login_and_expire():
        client = await make_client(tmp_path, store, emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        await login.complete(Recorder(), FAST)
        await client.refresh(EVERYTHING, None)
        emulator.control("POST", "sessions/expire", {})
        report = await client.refresh(RefreshOptions(date=DATE, everything=False, force=True), None)
        return report, await client.children()

    async def restart():
        client = await make_client(tmp_path, store, emulator)
        await client.resume_sessions()

    report, kids = run(login_and_expire())
    assert report.session_expired
    assert any(f.kind == skolbryggan.FailureKind.SESSION_EXPIRED for f in report.failures)
    assert kids, "the cached data stays readable"
    with pytest.raises(SkolbrygganError.SessionExpired):
        run(restart())


def test_load_content_and_session_cookies_stay_on_the_platforms_hosts(tmp_path, emulator):
    banner = "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=py.png"

    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        await login.complete(Recorder(), FAST)
        image = await client.load_content(banner)
        again = await client.load_content(banner)
        fetched = emulator.count("NewsBanner")
        own = client.session_cookies("https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem")
        with pytest.raises(SkolbrygganError.InvalidInput):
            client.session_cookies("https://example.com/")
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.load_content("https://example.com/banner.png")
        return image, again, fetched, own

    image, again, fetched, own = run(go())
    assert image.media_type == "image/png" and image.bytes.startswith(b"\x89PNG")
    assert again == image and fetched == 1, "the second load comes from the cache"
    assert any(c.name == "SMSESSION" for c in own)
    assert all("etjanster.stockholm.se".endswith(c.domain) for c in own)


def test_cancelling_the_asyncio_task_stops_the_polling_at_the_emulator(tmp_path, emulator):
    emulator.control("POST", "bankid", {"pendingPolls": 10_000, "userSignPolls": 1, "outcome": "ok"})

    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        listener = Recorder()
        task = asyncio.ensure_future(login.complete(listener, LoginOptions(poll_interval_ms=50, timeout_seconds=60)))
        await asyncio.sleep(0.8)
        polls_before = emulator.count("NECSadcmbid")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(0.3)  # let an in-flight request land
        at_cancel = emulator.count("NECSadcmbid")
        await asyncio.sleep(1.0)  # 20 poll intervals
        return client, listener, polls_before, at_cancel, emulator.count("NECSadcmbid")

    client, listener, polls_before, at_cancel, later = run(go())
    assert polls_before >= 5, "the login was polling"
    assert later == at_cancel, "the emulator saw the polling stop"
    assert "COMPLETE" not in listener.states()
    assert not client.is_logged_in()


def test_explicit_cancel_ends_the_login_with_cancelled(tmp_path, emulator):
    emulator.control("POST", "bankid", {"pendingPolls": 10_000, "userSignPolls": 1, "outcome": "ok"})

    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        listener = Recorder()
        task = asyncio.ensure_future(login.complete(listener, LoginOptions(poll_interval_ms=50, timeout_seconds=60)))
        await asyncio.sleep(0.5)
        login.cancel()
        with pytest.raises(SkolbrygganError.Cancelled):
            await asyncio.wait_for(task, 5)
        at_cancel = emulator.count("NECSadcmbid")
        await asyncio.sleep(0.6)
        return listener, at_cancel, emulator.count("NECSadcmbid")

    listener, at_cancel, later = run(go())
    assert listener.states()[0] == "PENDING" and listener.states()[-1] == "CANCELLED"
    assert later == at_cancel


def test_a_rejected_bankid_login_is_login_failed_with_its_reason(tmp_path, emulator):
    emulator.control("POST", "bankid", {"pendingPolls": 1, "userSignPolls": 1, "outcome": "cancelled"})

    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        listener = Recorder()
        try:
            await login.complete(listener, FAST)
        except SkolbrygganError.LoginFailed as e:
            return listener, e
        return listener, None

    listener, error = run(go())
    assert error is not None and listener.states()[-1] == "FAILED"
    assert isinstance(error.reason, (LoginFailureReason.CANCELLED_BY_USER, LoginFailureReason.REJECTED))


def test_feed_since_by_id_by_entity_and_the_notified_watermark(tmp_path, emulator):
    """The upstream edits its news: the feed pages since an id, filters by child, finds an entry
    by id (a deep link), clears an article's entries when it is opened, and keeps the notified
    watermark apart from read."""

    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        await login.complete(Recorder(), FAST)
        await client.refresh(EVERYTHING, None)
        family = emulator.control("GET", "family")
        served = {c["id"] for c in family["children"] if (c.get("refs") or {}).get("stockholm")}
        for item in family["news"]:
            if item["childId"] in served:
                item["title"] = "Uppdaterat: " + item["title"]
        emulator.control("PUT", "family", family)
        await client.refresh(RefreshOptions(date=DATE, everything=True, force=True), None)

        everything = await client.changes_since(0, None, 1000)
        head = await client.changes_since(0, None, 2)
        rest = await client.changes_since(head[-1].id, None, 1000)
        child = everything[0].child_id
        mine = await client.changes_since(0, child, 1000)
        by_id = await client.change(everything[1].id)
        missing = await client.change(everything[-1].id + 1000)
        opened = everything[0].entity_id
        marked = await client.mark_entity_read(opened)
        marked_again = await client.mark_entity_read(opened)
        unread = await client.changes(True, 0, 1000)
        before = await client.unnotified()
        await client.mark_notified(everything[1].id)
        await client.mark_notified(everything[0].id)  # never moves back
        after = await client.unnotified()
        return everything, head, rest, child, mine, by_id, missing, opened, marked, marked_again, unread, before, after

    everything, head, rest, child, mine, by_id, missing, opened, marked, again, unread, before, after = run(go())
    assert len(everything) >= 2
    assert [c.id for c in everything] == sorted(c.id for c in everything), "oldest first"
    assert head + rest == everything
    assert mine and all(c.child_id == child for c in mine)
    assert len(mine) == sum(1 for c in everything if c.child_id == child)
    assert by_id == everything[1] and missing is None
    assert marked == sum(1 for c in everything if c.entity_id == opened) and again == 0
    assert opened not in {c.entity_id for c in unread.items}
    ids = [c.id for c in everything]
    assert [c.id for c in before] == ids, "nothing notified yet, read or not"
    assert before[0].read, "the opened entry is read and still to be notified"
    assert [c.id for c in after] == ids[2:]


def test_background_refresh_on_the_demo_and_a_handle_cancelled_from_another_thread(tmp_path):
    async def go():
        client = await make_client(tmp_path)
        await client.login_demo()
        done = await client.background_refresh(30_000, None)
        handle = skolbryggan.BackgroundRefresh()
        t = threading.Thread(target=handle.cancel)
        t.start()
        t.join()
        cancelled = await client.background_refresh(30_000, handle)
        return client, done, handle, cancelled

    client, done, handle, cancelled = run(go())
    assert done.outcome == skolbryggan.BackgroundOutcome.COMPLETED
    assert done.children == [] and done.notify_up_to_id == 0, "a first fetch is no news"
    # The client's clock is fixed on DATE: the next run is later that day or the next, and
    # never at night (Stockholm is UTC+1 in November).
    local = done.next_run.astimezone(dt.timezone(dt.timedelta(hours=1)))
    assert dt.date(2026, 11, 25) <= local.date() <= dt.date(2026, 11, 26)
    assert dt.time(7, 0) <= local.time() < dt.time(21, 30)
    assert handle.is_cancelled()
    assert cancelled.outcome == skolbryggan.BackgroundOutcome.CANCELLED


def test_background_refresh_cancelled_from_a_thread_while_the_upstream_is_slow(tmp_path, emulator):
    async def go():
        client = await make_client(tmp_path, emulator=emulator)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=emulator.GUARDIAN))
        await login.complete(Recorder(), FAST)
        before = await client.children()
        emulator.control("POST", "faults", {"endpoint": "*", "fault": {"latencyMs": 10_000}})
        handle = skolbryggan.BackgroundRefresh()
        timer = threading.Timer(0.5, handle.cancel)  # as a BGTask expiration handler would
        timer.start()
        started = asyncio.get_running_loop().time()
        report = await client.background_refresh(60_000, handle)
        took = asyncio.get_running_loop().time() - started
        timer.join()
        emulator.control("DELETE", "faults")
        after = await client.children()
        return report, took, before, after

    report, took, before, after = run(go())
    assert report.outcome == skolbryggan.BackgroundOutcome.CANCELLED
    assert took < 5, f"stopped at once ({took:.1f} s)"
    assert after == before, "the cache is readable and unchanged (nothing half written)"
