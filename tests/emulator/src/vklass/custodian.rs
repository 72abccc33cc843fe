//! `custodian.vklass.se`: the guardian application. Every call needs a live ticket; without
//! one the browser is sent to the login service.

use axum::http::Method;
use jiff::ToSpan;
use jiff::civil::Date;
use serde_json::json;

use super::family::{self, GUARDIAN_ID, GUARDIAN_NAME, MENU, PUPILS, SCHOOL_NAME};
use super::login::{antiforgery, antiforgery_ok};
use super::{VkAbsenceReport, session_ok, today};
use crate::html::escape;
use crate::http::{Req, Resp};
use crate::state::State;

/// A JSON document as the third argument of an enhancer call (a single-quoted JS string).
fn js_string(json: &str) -> String {
    json.replace('\\', "\\\\").replace('\'', "\\'")
}

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html data-vk-no-chrome=\"true\"><head><title>Vklass</title><meta charset=\"utf-8\" /></head><body id=\"body\" class=\"mdc-typography\"><div aurelia-app=\"main\" style=\"display: none;\"></div><div id=\"content-container\"><div class=\"razor-load-area\"><div class=\"render-body\">\n{body}\n</div></div></div></body></html>"
    )
}

fn enhancer(element: &str, view: &str, payload: &str) -> String {
    format!(
        "<script>$(document).on('aurelia-composed', function() {{ requirejs(['common/core/aurelia-enhancer'], (enhancer) => {{ enhancer.enhanceServerHtml('{element}', '{view}', '{}', '', '', null) }}); }});</script>",
        js_string(payload)
    )
}

fn login_redirect() -> Resp {
    Resp::redirect(&format!(
        "https://auth.vklass.se/organisation/189?returnUrl={}",
        form_urlencoded::byte_serialize(b"http://custodian.vklass.se/").collect::<String>()
    ))
}

/// Routes one custodian request.
pub(crate) fn handle(state: &mut State, req: &Req) -> Resp {
    if !session_ok(state, req) {
        return login_redirect();
    }
    let today = today(state);
    match (req.method.clone(), req.path.as_str()) {
        (Method::GET, "/") => root(),
        (Method::GET, "/Home/Welcome") => Resp::html(200, welcome(today)),
        (Method::GET, "/Home/NewsArticles") => news(req, today),
        (Method::POST, "/Events/FullCalendar") => calendar(req, today),
        (Method::GET, "/CareSchedule/LoadDays") => care(req),
        (Method::GET, "/Absence/Notify") => absence_page(state, today, None),
        (Method::POST, "/Absence/Notify") => absence_post(state, req, today),
        (Method::GET, "/Account/Scoreboard") => {
            Resp::json(&json!({ "notifications": 2, "messages": 1 }))
        }
        (Method::GET, "/ClassList/Index") => Resp::html(200, class_list()),
        _ => crate::hosts::not_found(),
    }
}

fn root() -> Resp {
    let data = json!({ "userId": GUARDIAN_ID, "userFullName": GUARDIAN_NAME }).to_string();
    Resp::html(
        200,
        format!(
            "<!DOCTYPE html><html><head><title>Vklass</title></head><body id=\"body\"><div aurelia-app=\"main\"></div><script>window['appData'] = '{}';</script></body></html>",
            js_string(&data)
        ),
    )
}

fn welcome(today: Date) -> String {
    let mut cards = String::new();
    for p in PUPILS {
        let presence = if p.name == "Alva" {
            "Utcheckad (15:35)"
        } else {
            "Ej närvarande "
        };
        let dishes: String = MENU
            .iter()
            .map(|d| format!("<li>{}</li>", escape(d).replace('\r', "&#xD;")))
            .collect();
        cards.push_str(&format!(
            "<div class=\"vk-student-card\"><div class=\"vk-student-card-header opaque\"><vkau-icon-badge text=\"{name}\" entity=\"person\"></vkau-icon-badge><h2 class=\"vk-student-card-header__text\">{name}</h2></div>\n<div class=\"vk-student-card-content\"><div data-vk-align=\"0\">\n<div class=\"vk-display\"><div class=\"vk-display__header\">Omsorgstid</div><div class=\"vk-display__content\"><a class=\"vk-link\" href=\"#/CareSchedule/Overview\"><span class=\"vk-link__text\">07:00 - 17:00</span></a><div class=\"vk-flex\"><span class=\"text-bold\">{presence}</span></div></div></div>\n<div class=\"vk-display\"><div class=\"vk-display__header\">Just nu / Nästa lektion</div><div class=\"vk-display__content\"><a class=\"vk-link\" href=\"#/Calendar/Schedule?date={today}&amp;studentIds={id}\"><span class=\"vk-link__text\">mån, 08:10&#x2013;09:20</span><span class=\"vk-link__secondary-text\">Svenska ({class}/SV)</span></a></div></div></div>\n<div data-vk-align=\"2\"><div class=\"vk-student-card__day\" data-vk-first-day=\"true\"><h3>Idag</h3><div class=\"vk-student-card__day__food\"><h4>Matsedel</h4><ul>{dishes}</ul></div></div></div>\n<div data-vk-align=\"3\"><div class=\"vk-student-card__day\" data-vk-first-day=\"false\"><h3>Imorgon</h3><p class=\"padding-bottom-xs empty\">Det finns inget att visa för denna dag.</p></div></div></div></div>\n",
            name = p.name,
            id = p.id,
            class = p.class,
        ));
    }
    let teasers: String = family::news(today)
        .iter()
        .take(2)
        .map(|a| format!("<vkau-news-article article.bind=\"{}\" teaser-mode.bind=\"true\"></vkau-news-article>", escape(&a.to_string())))
        .collect();
    page(&format!(
        "<div id=\"home-welcome\"><section id=\"student-area\">{cards}</section><section id=\"news-area\">{teasers}</section></div>{}",
        enhancer("home-welcome", "views/home/home-welcome", "undefined")
    ))
}

/// Two pages: the first two articles with a token, then the rest.
fn news(req: &Req, today: Date) -> Resp {
    let all = family::news(today);
    match req.q("pageToken") {
        None => Resp::json(
            &json!({ "items": all.get(..2).unwrap_or(&[]), "nextPageToken": "CAIQAA==" }),
        ),
        Some("CAIQAA==") => {
            Resp::json(&json!({ "items": all.get(2..).unwrap_or(&[]), "nextPageToken": null }))
        }
        Some(_) => Resp::json_status(400, &json!({ "error": "invalid page token" })),
    }
}

fn iso_date(s: &str) -> Option<Date> {
    let ts: jiff::Timestamp = s.trim().parse().ok()?;
    Some(ts.to_zoned_datetime(skolbryggan::time::stockholm()).date())
}

fn calendar(req: &Req, today: Date) -> Resp {
    let (Some(students), Some(start), Some(end)) =
        (req.form("students"), req.form("start"), req.form("end"))
    else {
        return Resp::html(
            400,
            crate::html::error_page(400, "Bad Request", "students, start, end"),
        );
    };
    let (Some(first), Some(end)) = (iso_date(&start), iso_date(&end)) else {
        return Resp::html(400, crate::html::error_page(400, "Bad Request", "dates"));
    };
    let last = end.yesterday().unwrap_or(end);
    let mut items = Vec::new();
    for id in students.split(',') {
        if let Some(p) = family::pupil(id.trim()) {
            items.extend(family::calendar(p, first, last, today));
        }
    }
    Resp::json(&serde_json::Value::Array(items))
}

fn care(req: &Req) -> Resp {
    if req.header("vk-json-load") != Some("true") {
        return Resp::html(200, page("<div id=\"care-schedule\"></div>"));
    }
    let Some(from) = req.q("fromDate").and_then(|d| d.parse::<Date>().ok()) else {
        return Resp::html(400, crate::html::error_page(400, "Bad Request", "fromDate"));
    };
    let until = from.checked_add(27.days()).unwrap_or(from);
    // A school holiday on the first weekday ten days on.
    let mut holiday = from.checked_add(10.days()).unwrap_or(from);
    while matches!(
        holiday.weekday(),
        jiff::civil::Weekday::Saturday | jiff::civil::Weekday::Sunday
    ) {
        holiday = holiday.tomorrow().unwrap_or(holiday);
    }
    Resp::json(&json!({
        "fromDate": from.to_string(), "untilDate": until.to_string(),
        "scheduleData": family::care_days(from),
        "schoolClosedData": {}, "schoolHolidayData": { "456": [holiday.to_string()] },
    }))
}

fn bounds(today: Date) -> (String, String) {
    let tomorrow = today.tomorrow().unwrap_or(today);
    (format!("{today} 06:00"), format!("{tomorrow} 20:00"))
}

fn absence_page(state: &mut State, today: Date, error: Option<&str>) -> Resp {
    let (cookie, token) = antiforgery(state);
    let (min, max) = bounds(today);
    let options: Vec<_> = PUPILS
        .iter()
        .enumerate()
        .map(|(i, p)| json!({
            "textHasHtml": false, "entity": "person", "readOnly": false, "sortIndex": i + 1,
            "fullName": p.name, "disabled": false, "selected": false, "text": p.name, "value": p.id,
            "additionalValues": { "AbsenceBoundaryMinDate": min, "AbsenceBoundaryMaxDate": max },
        }))
        .collect();
    let payload =
        json!({ "studentOptions": options, "quickOptionDate": today.to_string() }).to_string();
    let errors = error
        .map(|e| {
            format!(
                "<div class=\"validation-summary-errors\"><ul><li>{}</li></ul></div>",
                escape(e)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<div id=\"absence-notify\"><form action=\"/Absence/Notify\" method=\"post\">{errors}<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{token}\" /></form></div>{}",
        enhancer(
            "absence-notify",
            "common/views/absence/absence-notify",
            &payload
        )
    );
    Resp::html(200, page(&body)).cookie(&cookie)
}

fn absence_post(state: &mut State, req: &Req, today: Date) -> Resp {
    if !antiforgery_ok(state, req) {
        return Resp::html(
            400,
            crate::html::error_page(
                400,
                "Bad Request",
                "The antiforgery token could not be decrypted.",
            ),
        );
    }
    let (min, max) = bounds(today);
    let pupil = req.form("Notify.SelectedStudentIds").unwrap_or_default();
    let valid = family::pupil(&pupil).is_some()
        && req.form("Notify.FormOnly").as_deref() == Some("False")
        && req.form("Notify.QuickOptionDateIsNull").as_deref() == Some("False")
        && req.form("Notify.QuickOptionDate").as_deref() == Some(today.to_string().as_str())
        && req.form("Notify.MinimumStartDateTime") == Some(min)
        && req.form("Notify.MaximumEndDateTime") == Some(max);
    if !valid {
        return absence_page(state, today, Some("Frånvaron kunde inte anmälas."));
    }
    state.vklass.reports.push(VkAbsenceReport {
        pupil_id: pupil,
        day: today,
    });
    Resp::redirect("/Absence/Notify")
}

fn class_list() -> String {
    let mut options = String::new();
    let mut classes = Vec::new();
    for p in PUPILS {
        for (id, name, teacher) in [
            (p.fritids_id, p.fritids, p.fritids_teacher),
            (p.class_id, p.class, p.teacher),
        ] {
            options.push_str(&format!(
                "<option value=\"{id}:{pid}\" vkau-jquery-data=\"key: vk-option-data; value.bind: {{&#x27;context&#x27;:&#x27;{name}&#x27;,&#x27;fullName&#x27;:&#x27;{pname}&#x27;}}\">{pname}</option>\n",
                pid = p.id,
                pname = p.name
            ));
            let email = teacher
                .split(' ')
                .next()
                .map(|f| format!("{}.testsson@example.com", f.to_lowercase()));
            classes.push(json!({
                "classId": id, "name": name, "showSendThroughCommunicationButton": true,
                "staff": [{ "name": teacher, "imageUrl": null, "mobilePhone": null, "email": email, "url": null }],
                "students": [],
            }));
        }
    }
    let payload = json!({ "selectedClassIdAndStudentId": null, "classList": classes }).to_string();
    page(&format!(
        "<div id=\"classlist-index\"><section><select id=\"SelectedClassIdAndStudentId\" name=\"SelectedClassIdAndStudentId\">{options}</select></section><p>Skolan har valt att inte publicera klasslistan här.</p></div>{}<!-- {SCHOOL_NAME} -->",
        enhancer("classlist-index", "", &payload)
    ))
}
