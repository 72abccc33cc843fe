//! The Hub endpoints a client finds through the start page's `apps` and each app's `appData`
//! `urls` beyond the data calls the core reads: the communication app (news item, article,
//! documents, links), the calendar's entry types and iCal subscription, the time registration
//! app's settings, leave requests and notification state. Each answers JSON (the iCal feed
//! `text/calendar`), as the real Hub does for an app the pupil has.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jiff::civil::Date;
use serde_json::{Value, json};
use skolbryggan::model::{Child, EventTiming, FamilySnapshot};

use super::{Pupil, published_news, render};
use crate::http::{Req, Resp};

/// Where the calendar subscriptions live (lower case, as the handler compares).
pub(crate) const ICAL_PREFIX: &str = "/calendarv2/ical/";

/// The secret token of a pupil's calendar subscription.
pub(crate) fn ical_token(pupil_id: &str) -> String {
    format!(
        "{}.ics",
        URL_SAFE_NO_PAD
            .encode(format!("im-{pupil_id}"))
            .to_ascii_lowercase()
    )
}

/// The calendar entry types of `calendarv2/appData` (`calendarEntryTypes[]`).
pub(crate) fn entry_types() -> Value {
    let types = [
        (1, "Händelse", "#4a90d9"),
        (2, "Möte", "#7b61ff"),
        (3, "Prov", "#d0021b"),
        (4, "Utflykt", "#417505"),
        (5, "Uppgift", "#f5a623"),
        (6, "Lov", "#9b9b9b"),
        (7, "Helgdag", "#e02020"),
        (8, "Studiedag", "#50e3c2"),
    ];
    Value::Array(
        types
            .iter()
            .map(|(id, name, colour)| {
                json!({
                    "id": id,
                    "name": name,
                    "colour": colour,
                    "className": format!("entry-type-{id}"),
                    "isCustomType": false,
                })
            })
            .collect(),
    )
}

fn news_item_of(req: &Req, family: &FamilySnapshot, child: &Child, today: Date) -> Resp {
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    let id = req
        .q("id")
        .map(str::to_owned)
        .or_else(|| req.form("id"))
        .or_else(|| {
            body.get("id").and_then(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        });
    let news = published_news(family, &child.id, today);
    let found = id.and_then(|id| news.into_iter().find(|n| render::upstream_id(&n.id) == id));
    match found {
        Some(n) => {
            let list = render::news_list(&[n]);
            let item = list
                .get("items")
                .and_then(|i| i.get(0))
                .cloned()
                .unwrap_or(Value::Null);
            Resp::json(&item)
        }
        None => Resp::json_status(404, &json!({ "success": false, "message": "Not found" })),
    }
}

/// Answers the module endpoints of this file, `None` for every other path.
pub(crate) fn answer(
    path: &str,
    req: &Req,
    pupil: &Pupil<'_>,
    family: &FamilySnapshot,
    today: Date,
) -> Option<Resp> {
    let child = pupil.child;
    Some(match path {
        "/communication/communication/appdata" | "/communication/news/appdata" => {
            Resp::json(&json!({
                "translations": { "news": "Nyheter", "documents": "Dokument", "links": "Länkar" },
                "urls": {
                    "getNewsList": "/Communication/News/GetNewsList",
                    "getNewsItem": "/Communication/News/GetNewsItem",
                    "getArticle": "/Communication/News/GetArticle",
                    "getDocumentsList": "/Communication/Documents/GetDocumentsList",
                    "getLinksList": "/Communication/Links/GetLinksList",
                },
                "canViewNews": true,
                "canViewDocuments": true,
                "canViewLinks": true,
            }))
        }
        "/communication/news/getnewsitem" | "/communication/news/getarticle" => {
            news_item_of(req, family, child, today)
        }
        "/communication/documents/getdocumentslist" => Resp::json(&json!({
            "items": [],
            "folders": [],
            "totalItems": 0,
        })),
        "/communication/links/getlinkslist" => Resp::json(&json!({
            "items": [],
            "totalItems": 0,
        })),
        "/calendarv2/calendarv2/appdata" => Resp::json(&json!({
            "calendarEntryTypes": entry_types(),
            "translations": { "calendar": "Kalender", "week": "Vecka", "allDay": "Heldag" },
            "urls": {
                "getEntries": "/calendarv2/calendarv2/getentries",
                "getAttachments": "/calendarv2/calendarv2/GetAttachments",
                "getICalSubscriptionUri": "/calendarv2/calendarv2/GetICalSubscriptionUri",
            },
            "firstDayOfWeek": 1,
        })),
        "/calendarv2/calendarv2/geticalsubscriptionuri" => Resp::json(&json!({
            "uri": format!(
                "https://hub.infomentor.se/calendarv2/ical/{}",
                ical_token(&pupil.pupil_id)
            ),
        })),
        "/calendarv2/calendarv2/getattachments" => Resp::json(&json!([])),
        "/timeregistration/timeregistration/appdata" => Resp::json(&json!({
            "translations": { "timeRegistration": "Schema", "comment": "Kommentar" },
            "urls": {
                "getTimeRegistrations": "/TimeRegistration/TimeRegistration/GetTimeRegistrations/",
                "saveTimeRegistrations": "/TimeRegistration/TimeRegistration/SaveTimeRegistrations/",
                "getComments": "/TimeRegistration/TimeRegistration/GetComments/",
                "saveComment": "/TimeRegistration/TimeRegistration/SaveComment/",
            },
            "isParent": true,
            "showNextWeekIfNoMoreSchoolDays": true,
        })),
        "/attendance/attendance/getleaverequestlist" => Resp::json(&json!([])),
        "/notificationapp/notificationapp/updatenotificationstate" => {
            Resp::json(&json!({ "success": true }))
        }
        _ => return None,
    })
}

fn ics_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// A pupil's calendar as an iCalendar feed (`text/calendar`).
pub(crate) fn ical_feed(family: &FamilySnapshot, child: &Child) -> Resp {
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//InfoMentor//Calendar//SV\r\nCALSCALE:GREGORIAN\r\nX-WR-TIMEZONE:Europe/Stockholm\r\n",
    );
    for e in family.calendar.iter().filter(|e| e.child_id == child.id) {
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&format!(
            "UID:{}@hub.infomentor.se\r\n",
            render::upstream_id(&e.id)
        ));
        match &e.timing {
            EventTiming::AllDay { start, end } => {
                let after = end.tomorrow().unwrap_or(*end);
                out.push_str(&format!(
                    "DTSTART;VALUE=DATE:{}\r\nDTEND;VALUE=DATE:{}\r\n",
                    start.strftime("%Y%m%d"),
                    after.strftime("%Y%m%d")
                ));
            }
            EventTiming::Timed { start, end } => {
                let utc = |z: &jiff::ZonedDateTime| -> String {
                    z.with_time_zone(jiff::tz::TimeZone::UTC)
                        .strftime("%Y%m%dT%H%M%SZ")
                        .to_string()
                };
                out.push_str(&format!("DTSTART:{}\r\nDTEND:{}\r\n", utc(start), utc(end)));
            }
        }
        out.push_str(&format!("SUMMARY:{}\r\n", ics_escape(&e.title)));
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    Resp::new(200, "text/calendar; charset=utf-8", out)
}
