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
    ClientBuilder,
    DataChange,
    DataChangedListener,
    DemoFamily,
    LoginFailureReason,
    LoginListener,
    LoginMethod,
    LoginOptions,
    LogLevel,
    LogSink,
    RefreshListener,
    RefreshOptions,
    SchoolPlatform,
    SecretStore,
    SkolbrygganError,
    Week,
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
        assert len(py_day.children) == len(rs_day["children"]) == 3
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
    assert len(users) == 1 and client.is_logged_in() and len(kids) == 3

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
    """The week overview of the scaled demo family (30 children) called from Python; the figure
    is printed (pytest -s) for comparison with the Rust bench and Kotlin."""
    import time

    family = DemoFamily.generate(DATE, 10)
    assert family.child_count() == 30
    for _ in range(5):
        family.week_overview(DATE)
    times = []
    for _ in range(30):
        t0 = time.perf_counter()
        week = family.week_overview(DATE)
        times.append(time.perf_counter() - t0)
    assert len(week.days) == 7 and len(week.days[0].children) == 30
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
    assert {c.entity_id for c in news_updates} <= {n["id"] for n in edited}
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
