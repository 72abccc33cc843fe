"""The .ics export of the demo family's term, parsed back with an independent parser."""

import datetime as dt
import json
import subprocess
import zoneinfo

import icalendar

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
TERM = ("2026-08-20", "2026-12-18")


def run(cli_bin, *args: str) -> str:
    return subprocess.run([str(cli_bin), *args], check=True, capture_output=True, text=True).stdout


def instant(rfc9557: str) -> dt.datetime:
    """'2026-11-25T08:10:00+01:00[Europe/Stockholm]' -> an aware datetime."""
    return dt.datetime.fromisoformat(rfc9557.split("[", 1)[0])


def touches(first: str, last: str) -> bool:
    return first <= TERM[1] and last >= TERM[0]


def local_date(rfc9557: str) -> str:
    return instant(rfc9557).astimezone(STOCKHOLM).date().isoformat()


def expected_family(cli_bin):
    family = json.loads(run(cli_bin, "demo", "--json", "--date", TERM[0]))["family"]
    events = {}
    for e in family["calendar"]:
        timing = e["timing"]
        if timing["kind"] == "all_day":
            first, last = timing["start"], timing["end"]
        else:
            first, last = local_date(timing["start"]), local_date(timing["end"])
        if touches(first, last):
            events[e["id"]] = e
    lessons = {l["id"]: l for l in family["lessons"] if touches(local_date(l["start"]), local_date(l["start"]))}
    return events, lessons


def test_term_export_parses_back_with_same_events_and_instants(cli_bin, tmp_path):
    out = tmp_path / "term.ics"
    run(cli_bin, "export", "ics", "--from", TERM[0], "--to", TERM[1], "--output", str(out))
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    vevents = cal.walk("VEVENT")
    events, lessons = expected_family(cli_bin)
    assert len(vevents) == len(events) + len(lessons)
    assert len(events) > 20 and len(lessons) > 500

    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == len(uids), "UIDs are unique"
    by_uid = {str(v["UID"]).removesuffix("@skolbryggan.se"): v for v in vevents}

    for entity_id, lesson in lessons.items():
        v = by_uid[entity_id]
        start, end = v.decoded("DTSTART"), v.decoded("DTEND")
        assert start.tzinfo is not None and str(v["DTSTART"].params["TZID"]) == "Europe/Stockholm"
        assert start == instant(lesson["start"]), entity_id
        assert end == instant(lesson["end"]), entity_id

    for entity_id, event in events.items():
        v = by_uid[entity_id]
        timing = event["timing"]
        start, end = v.decoded("DTSTART"), v.decoded("DTEND")
        if timing["kind"] == "all_day":
            assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
            assert start.isoformat() == timing["start"]
            # DTEND of an all-day event is exclusive.
            assert (end - dt.timedelta(days=1)).isoformat() == timing["end"]
        else:
            assert start == instant(timing["start"])
            assert end == instant(timing["end"])
        assert event["title"] in str(v["SUMMARY"])

    by_category = {}
    for v in vevents:
        by_category.setdefault(str(v.get("CATEGORIES").cats[0]), set()).add(str(v["SUMMARY"]).split(": ", 1)[1])
    assert "Höstlov" in by_category["Lov"]
    assert "Studiedag" in by_category["Studiedag"]
    assert "Utvecklingssamtal" in by_category["Föräldramöte"]


def test_reexport_keeps_uids_stable(cli_bin, tmp_path):
    a = run(cli_bin, "export", "ics", "--from", TERM[0], "--to", TERM[1], "--include", "events")
    b = run(cli_bin, "export", "ics", "--from", TERM[0], "--to", TERM[1], "--include", "events")
    uids = lambda text: sorted(str(v["UID"]) for v in icalendar.Calendar.from_ical(text).walk("VEVENT"))
    assert uids(a) == uids(b)


def test_child_filter_and_bad_input(cli_bin):
    family = json.loads(run(cli_bin, "demo", "--json", "--date", TERM[0]))["family"]
    name = family["children"][1]["firstName"]
    text = run(cli_bin, "export", "ics", "--from", TERM[0], "--to", TERM[1], "--child", name)
    summaries = [str(v["SUMMARY"]) for v in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert summaries and all(s.startswith(name + ":") for s in summaries)
    bad = subprocess.run([str(cli_bin), "export", "ics", "--child", "Nobody"], capture_output=True, text=True)
    assert bad.returncode == 2 and "no child called" in bad.stderr
    bad = subprocess.run([str(cli_bin), "export", "ics", "--from", "2026-13-01"], capture_output=True, text=True)
    assert bad.returncode == 2 and "--from must be a date" in bad.stderr
