"""The Python bindings (the installed `skolbryggan` wheel) against the real library.

Scenarios: demo login → week overview (compared with the CLI's Rust output), a BankID login
observed through the state listener, a cancelled login (explicitly and by cancelling the asyncio
task), session expiry as the typed error, the foreign `SecretStore` implemented in Python, paged
reads, the data-changed listener and the log sink.
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
    DataChangedListener,
    DataKind,
    LoginFailureReason,
    LoginListener,
    LoginMethod,
    LoginOptions,
    LoginState,
    LogLevel,
    LogSink,
    RefreshListener,
    SchoolPlatform,
    SecretStore,
    SkolbrygganError,
    Week,
)

DATE = "2026-11-25"  # a Wednesday of the demo family's school year
DEMO_PN = "121212121212"  # ends in 1212121212: the demo family
FAST = LoginOptions(poll_interval_ms=50, timeout_seconds=30)


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

    def list(self, prefix):
        return sorted(k for k in self.values if k.startswith(prefix))


class Recorder(LoginListener):
    def __init__(self):
        self.updates = []

    def on_update(self, update):
        self.updates.append(update)

    def states(self):
        return [type(u.state).__name__.rsplit(".", 1)[-1] for u in self.updates]


def run(coro):
    return asyncio.run(coro)


async def demo_client(tmp_path, store=None, scale=1):
    builder = ClientBuilder(str(tmp_path / "data")).demo_family(DATE, scale)
    if store is not None:
        builder = builder.secret_store(store)
    return await builder.build()


def test_the_installed_wheel_is_tested():
    path = pathlib.Path(skolbryggan.__file__).resolve()
    assert "site-packages" in path.parts, path
    assert any(p.name.startswith("libskolbryggan") for p in path.parent.iterdir())


def test_demo_login_then_week_overview_matches_the_rust_cli(tmp_path, cli_bin):
    async def go():
        client = await demo_client(tmp_path)
        assert not client.is_logged_in()
        user = await client.login_demo()
        assert client.is_logged_in()
        assert user.personal_number_masked is None or user.personal_number_masked.endswith("-****")
        return user, await client.week_overview(DATE), await client.children()

    user, week, children = run(go())
    assert user.first_name
    assert (week.week.year, week.week.week) == (2026, 48)
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
                assert py.first_lesson == expected.astimezone(dt.timezone.utc).replace(tzinfo=py.first_lesson.tzinfo)
            else:
                assert py.first_lesson is None
    wednesday = week.days[2]
    assert sum(c.lesson_count for c in wednesday.children) > 0
    assert wednesday.children[0].lesson_count == 0  # the pre-school child


def test_bankid_login_reports_states_through_the_listener(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        login = await client.start_login(
            SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=DEMO_PN)
        )
        prompt = login.prompt()
        listener = Recorder()
        user = await login.complete(listener, FAST)
        with pytest.raises(SkolbrygganError.InvalidInput):
            await login.complete(Recorder(), FAST)
        kids = await client.children()
        return prompt, listener, user, kids

    prompt, listener, user, kids = run(go())
    assert prompt.autostart_token
    assert prompt.bankid_app_link.startswith("bankid:///?autostarttoken=")
    assert prompt.bankid_universal_link.startswith("https://app.bankid.com/")
    assert listener.states() == ["PENDING", "USER_SIGN", "COMPLETE"]
    assert user.first_name and len(kids) == 3


def test_invalid_personal_number_is_a_typed_login_failure(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_OTHER_DEVICE(personal_number="12ab"))

    with pytest.raises(SkolbrygganError.LoginFailed) as e:
        run(go())
    assert isinstance(e.value.reason, LoginFailureReason.INVALID_PERSONAL_NUMBER)


def test_cancel_a_login_explicitly(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        login = await client.start_login(
            SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=DEMO_PN)
        )
        listener = Recorder()
        slow = LoginOptions(poll_interval_ms=5_000, timeout_seconds=60)
        task = asyncio.ensure_future(login.complete(listener, slow))
        while "USER_SIGN" not in listener.states():
            await asyncio.sleep(0.01)
        login.cancel()
        with pytest.raises(SkolbrygganError.Cancelled):
            await asyncio.wait_for(task, 2)
        return client, listener

    client, listener = run(go())
    assert listener.states() == ["PENDING", "USER_SIGN", "CANCELLED"]
    assert not client.is_logged_in()


def test_cancelling_the_asyncio_task_stops_the_login(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        login = await client.start_login(
            SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=DEMO_PN)
        )
        listener = Recorder()
        slow = LoginOptions(poll_interval_ms=300, timeout_seconds=60)
        task = asyncio.ensure_future(login.complete(listener, slow))
        while "USER_SIGN" not in listener.states():
            await asyncio.sleep(0.01)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        seen = len(listener.updates)
        await asyncio.sleep(1.0)  # three more poll intervals: a live login would have completed
        return client, listener, seen

    client, listener, seen = run(go())
    assert len(listener.updates) == seen, "no state after the task was cancelled"
    assert "COMPLETE" not in listener.states()
    assert not client.is_logged_in()


def test_secret_store_in_python_keeps_the_session_for_the_next_client(tmp_path):
    store = DictStore()

    async def first():
        client = await demo_client(tmp_path, store)
        login = await client.start_login(SchoolPlatform.STOCKHOLM, LoginMethod.BANK_ID_SAME_DEVICE(personal_number=DEMO_PN))
        await login.complete(Recorder(), FAST)

    async def second():
        client = await demo_client(tmp_path, store)
        assert not client.is_logged_in()
        users = await client.resume_sessions()
        return client, users, await client.children()

    run(first())
    assert any(op == "set" and key.startswith("skolbryggan.session.") for op, key in store.calls)
    client, users, kids = run(second())
    assert len(users) == 1 and client.is_logged_in() and len(kids) == 3

    async def forget():
        await client.forget()

    run(forget())
    assert not any(k.startswith("skolbryggan.session.") for k in store.values)
    assert not client.is_logged_in()


def test_a_failing_secret_store_surfaces_as_a_key_error(tmp_path):
    class Broken(DictStore):
        def set(self, key, value):
            raise skolbryggan.SecretStoreError.Unavailable("device locked")

    async def go():
        client = await demo_client(tmp_path, Broken())
        await client.login_demo()

    with pytest.raises(SkolbrygganError.Key) as e:
        run(go())
    assert "device locked" in str(e.value)


def test_an_expired_session_is_the_typed_error(tmp_path):
    store = DictStore()
    store.values["skolbryggan.session.stockholm.demo"] = json.dumps(
        {"provider": "stockholm", "account": "demo", "secret": "stale-cookies"}
    ).encode()

    async def go():
        client = await demo_client(tmp_path, store)
        await client.resume_sessions()

    with pytest.raises(SkolbrygganError.SessionExpired):
        run(go())


def test_reads_before_login_and_bad_input_are_typed_errors(tmp_path):
    async def go():
        client = await demo_client(tmp_path)
        with pytest.raises(SkolbrygganError.NotLoggedIn):
            await client.children()
        await client.login_demo()
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.week_overview("25/11/2026")
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.menu("no-such-child", Week(year=2026, week=48))
        with pytest.raises(SkolbrygganError.InvalidInput):
            await client.timetable((await client.children())[1].id, Week(year=2027, week=53))

    run(go())


def test_refresh_progress_reads_and_paging(tmp_path):
    class Progress(RefreshListener):
        def __init__(self):
            self.seen = []

        def on_progress(self, progress):
            self.seen.append((progress.done, progress.total))

    class Changed(DataChangedListener):
        def __init__(self):
            self.kinds = []
            self.event = threading.Event()

        def on_data_changed(self, kinds):
            self.kinds.extend(kinds)
            self.event.set()

    async def go():
        client = await demo_client(tmp_path)
        await client.login_demo()
        changed = Changed()
        handle = client.subscribe_changes(changed)
        progress = Progress()
        report = await client.refresh(progress)
        for _ in range(100):
            if changed.event.is_set():
                break
            await asyncio.sleep(0.02)
        handle.cancel()
        kids = await client.children()
        pupil = kids[1]
        week = Week(year=2026, week=48)
        pages, offset = [], 0
        while offset is not None:
            page = await client.news(pupil.id, offset, 7)
            pages.append(page)
            offset = page.next_offset
        article = await client.news_article(pages[0].items[0].id)
        return dict(
            report=report,
            progress=progress.seen,
            changed=changed.kinds,
            handle=handle,
            pages=pages,
            article=article,
            menu=await client.menu(kids[0].id, week),
            lessons=await client.timetable(pupil.id, week),
            classmates=await client.classmates(pupil.id),
            teachers=await client.teachers(pupil.id),
            contacts=await client.contacts(pupil.id),
            calendar=await client.calendar("2026-08-17", "2026-12-31", 0, 500),
            notifications=await client.notifications(0, 10),
            ics=await client.export_ics("2026-11-23", "2026-11-29", True),
        )

    r = run(go())
    assert r["report"].children == 3 and r["report"].entities > 1000 and not r["report"].failures
    assert r["progress"] == [(1, 3), (2, 3), (3, 3)]
    assert DataKind.NEWS in r["changed"]
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
    titles = {e.title for e in r["calendar"].items}
    assert {"Höstlov", "Jullov"} <= titles
    assert len(r["notifications"].items) == 10 and r["notifications"].total >= 10
    assert r["ics"].startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in r["ics"]


def test_log_sink_receives_the_library_logs(tmp_path):
    class Sink(LogSink):
        def __init__(self):
            self.records = []

        def log(self, record):
            self.records.append(record)

    sink = Sink()

    async def go():
        await ClientBuilder(str(tmp_path)).log_sink(sink, LogLevel.DEBUG).build()

    run(go())
    assert any(
        r.message.startswith("building a client") and "emulator=false" in r.message and r.level == LogLevel.DEBUG
        for r in sink.records
    ), [r.message for r in sink.records]
    assert all(r.level in (LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR) for r in sink.records)
