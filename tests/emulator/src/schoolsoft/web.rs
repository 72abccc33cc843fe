//! The web REST answers (`{S}rest-api/…`), each for the child in focus, and the public school
//! list.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde_json::{Value, json};
use skolbryggan::model::IsoWeek;

use super::family::{self, CHILDREN, SsChild};
use crate::http::{Req, Resp};

/// `GET /internal/rest-api/login/schoollist`.
pub(super) fn school_list() -> Resp {
    Resp::json(&json!([
        { "name": "Påhittade skolan", "orgId": 4, "evaUrl": "https://sms.schoolsoft.se/procivitas/eva" },
        { "name": "ProCivitas Privata Gymnasium Exempelstad", "orgId": 5, "evaUrl": "https://sms.schoolsoft.se/procivitas/eva" },
        { "name": "Täby Exempelskola", "orgId": 1, "evaUrl": "https://sms.schoolsoft.se/taby/eva", "discoveryUrl": "https://sms.schoolsoft.se/taby/rest-api/login/discovery/document" }
    ]))
}

fn date_param(req: &Req, name: &str) -> Option<Date> {
    req.q(name).and_then(|d| d.parse().ok())
}

fn week_param(path_tail: &str, today: Date) -> Option<IsoWeek> {
    let week: i8 = path_tail.parse().ok()?;
    Some(IsoWeek {
        year: today.iso_week_date().year(),
        week,
    })
}

fn weekdays(start: Date, end: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut day = start;
    while day <= end && out.len() < 400 {
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            out.push(day);
        }
        match day.checked_add(1.day()) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    out
}

fn day_number(day: Date) -> i64 {
    day.since(Date::constant(2026, 1, 1))
        .map(|s| i64::from(s.get_days()))
        .unwrap_or(0)
}

fn lesson_items(child: &SsChild, days: &[Date], with_status: bool) -> Vec<Value> {
    let mut items = Vec::new();
    for (d, day) in days.iter().enumerate() {
        for (i, l) in child.lessons.iter().enumerate() {
            let id = child.base * 1_000_000
                + u64::try_from(day_number(*day)).unwrap_or(0) * 10
                + u64::try_from(i).unwrap_or(0);
            let mut item = json!({
                "eventId": id,
                "name": l.code,
                "description": l.code,
                "startDate": format!("{day}T{:02}:{:02}", l.start.0, l.start.1),
                "endDate": format!("{day}T{:02}:{:02}", l.end.0, l.end.1),
                "allDay": false,
                "eventColor": "#24b370",
                "editable": false,
                "room": l.room,
                "teachingGroup": if l.code == "Lunch" { child.class.to_owned() } else { format!("{}_{}", l.code, child.class) },
                "teacher": l.teacher,
                "dayId": day.weekday().to_monday_zero_offset(),
                "status": if l.code == "Lunch" { -1 } else { 2 },
                "category": "lesson",
                "roomBooking": false,
            });
            if with_status {
                item["studentLessonStatus"] = if d == 0 && i == 0 {
                    json!({
                        "absence": if child.first_lesson_status == 2 { 75 } else { 0 },
                        "comment": "",
                        "lessonId": id,
                        "name": l.code,
                        "reason": if child.first_lesson_status == 2 { "Sjuk" } else { "" },
                        "status": child.first_lesson_status,
                        "statusType": 1,
                        "week": day.iso_week_date().week(),
                    })
                } else {
                    Value::Null
                };
            }
            items.push(item);
        }
    }
    items
}

fn header(child: &SsChild) -> Value {
    json!({
        "firstName": family::GUARDIAN.0,
        "lastName": family::GUARDIAN.1,
        "children": CHILDREN.iter().map(|c| json!({
            "id": c.id.parse::<u64>().unwrap_or(0),
            "firstName": c.first,
            "lastName": c.last,
            "schools": [{
                "orgId": 4,
                "className": c.class,
                "schoolName": format!("{} ", family::SCHOOL_NAME),
                "parentAllowedAccess": true,
                "studentActive": true,
            }],
        })).collect::<Vec<_>>(),
        "logoutURL": "../Login.jsp?action=logout",
        "currentChildId": child.id.parse::<u64>().unwrap_or(0),
        "currentOrgId": 4,
    })
}

/// A web REST call (`rest` is the path after `rest-api/`) for `child`, the child in focus.
pub(super) fn handle(rest: &str, req: &Req, child: &SsChild, today: Date) -> Resp {
    let bad = || Resp::json_status(400, &json!({ "status": 400 }));
    match rest {
        "session" => Resp::json(
            &json!({ "user": { "userType": "PARENT", "firstName": family::GUARDIAN.0 } }),
        ),
        "parent/header/parent" => Resp::json(&header(child)),
        "parent/calendar/settings" => Resp::json(&json!({
            "userType": "STUDENT", "userId": child.id.parse::<u64>().unwrap_or(0), "app": false,
            "mode": "agenda", "categories": [], "showWeekends": false, "agendaRange": "day"
        })),
        "parent/calendar/lessons/agenda" => {
            let (Some(start), Some(end)) =
                (date_param(req, "start_date"), date_param(req, "end_date"))
            else {
                return bad();
            };
            Resp::json(&Value::Array(lesson_items(
                child,
                &weekdays(start, end),
                false,
            )))
        }
        "parent/calendar/event/agenda" => {
            let (Some(start), Some(end)) =
                (date_param(req, "start_date"), date_param(req, "end_date"))
            else {
                return bad();
            };
            // One all-day event on each Wednesday of the range.
            let events: Vec<Value> = weekdays(start, end)
                .into_iter()
                .filter(|d| d.weekday() == Weekday::Wednesday)
                .map(|d| json!({
                    "eventId": 9000 + child.base * 100_000 + u64::try_from(day_number(d)).unwrap_or(0),
                    "name": child.event,
                    "description": format!("{} för {}", child.event, child.class),
                    "startDate": format!("{d}T00:00"),
                    "endDate": format!("{d}T23:59"),
                    "allDay": true,
                    "category": "event",
                }))
                .collect();
            Resp::json(&Value::Array(events))
        }
        "parent/holistic_assessment/rows" => Resp::json(&json!([
            { "title": format!("Matematik {}", child.class), "subTitle": "Godtagbara kunskaper", "color": "#c23e1a",
              "subjectWarning": false, "updatedAt": "2026-05-06T08:28:22", "friendlyUpdatedAt": "6 maj 08:28",
              "publishedAt": "2026-05-06T08:28:22", "friendlyPublishedAt": "6 maj 08:28",
              "holisticAssessmentId": 700 + child.base, "published": true, "read": false }
        ])),
        _ => {
            if let Some(week) = rest.strip_prefix("parent/calendar/lessons/week/") {
                let Some(monday) = week_param(week, today).and_then(IsoWeek::monday) else {
                    return bad();
                };
                let friday = monday.checked_add(4.days()).unwrap_or(monday);
                return Resp::json(&Value::Array(lesson_items(
                    child,
                    &weekdays(monday, friday),
                    true,
                )));
            }
            if let Some(week) = rest.strip_prefix("lunchmenu/week/") {
                if week_param(week, today).is_none() {
                    return bad();
                }
                return Resp::json(&json!([
                    { "dayId": 1, "dishes": [{ "dishType": "Dagens lunch", "dish": "Fiskgratäng med potatis\r\n\r\nVegetarisk\r\nGrönsaksgratäng\r\n" }] },
                    { "dayId": 2, "dishes": [{ "dishType": "Dagens lunch", "dish": "Köttbullar med potatismos\r\n\r\nVegetariskt\r\nVegobullar med potatismos\r\n" }] },
                    { "dayId": 3, "dishes": [] },
                    { "dayId": 4, "dishes": [{ "dishType": "Dagens lunch", "dish": "Ärtsoppa och pannkakor\r\n" }] },
                    { "dayId": 5, "dishes": [{ "dishType": "Dagens lunch", "dish": "Tacos\r\n\r\nVegetarisk\r\nTacos med bönfärs\r\n" }] }
                ]));
            }
            if rest == "parent/ps/assignments/start-page" {
                let (Some(week), Some(year)) = (
                    req.q("week").and_then(|w| w.parse::<i8>().ok()),
                    req.q("year").and_then(|y| y.parse::<i16>().ok()),
                ) else {
                    return bad();
                };
                let Some(friday) = IsoWeek { year, week }
                    .monday()
                    .and_then(|m| m.checked_add(4.days()).ok())
                else {
                    return bad();
                };
                return Resp::json(&json!([{
                    "id": 5000 + child.base * 1000 + u64::try_from(week).unwrap_or(0),
                    "activityId": 300 + child.base,
                    "title": format!("{} v {week}", child.assignment.0),
                    "subTitle": child.assignment.1,
                    "read": false,
                    "submissionStatus": "NOT_SUBMITTED",
                    "resultReportStatus": "NOT_REPORTED",
                    "sortDate": format!("{friday} 16:00"),
                }]));
            }
            crate::hosts::not_found()
        }
    }
}
