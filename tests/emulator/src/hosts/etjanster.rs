//! `etjanster.stockholm.se`: the guardian e-services.

use jiff::civil::Date;
use serde_json::Value;
use skolbryggan::model::{EventKind, IsoWeek, MenuDay};

use super::{Ctx, login_redirect_url, not_found};
use crate::html;
use crate::http::{Req, Resp};
use crate::knobs::MenuKind;
use crate::render::stockholm::{self as r, envelope, envelope_error};
use crate::render::{self, StockholmKid, item_local};
use crate::state::{Shared, State};

/// A 2×2 PNG, the banner image of every news item.
const BANNER_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xd0, 0xcb, 0xde, 0x02,
    0x44, 0x0c, 0x10, 0x0a, 0x00, 0x22, 0x62, 0x05, 0x35, 0xb0, 0xda, 0xa7, 0x5f, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A minimal one-page PDF, the attachment every news item may link to. Served as
/// `application/octet-stream` (as attachment downloads often are), so a client has to tell the
/// type from its first bytes.
const ATTACHMENT_PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// The endpoints that answer for the selected child when the family has an FS child.
const QUEUED: &[&str] = &[
    "Calender/GetSchoolCalender",
    "News/GetNewsArchive",
    "News/GetNewsArticle",
    "Matsedel/GetMatsedelChoice",
    "Matsedel/GetMatsedelRSS",
    "Matsedel/GetMatsedelList",
];

/// The `etjanster.stockholm.se` handler.
pub(crate) fn handle(shared: &Shared, req: &Req, ctx: Ctx) -> Resp {
    let mut state = shared.lock();
    if req.path == "/vardnadshavare/base/getuserdata" {
        let authenticated = state.session(req.cookie("SMSESSION")).is_some();
        return Resp::json(&r::user(
            &state.family,
            &state.guardian_personal_number,
            authenticated,
        ));
    }
    // IIS matches the application prefix case-insensitively (the app's banner URLs say
    // `Vardnadshavare`); the endpoint names below are matched as written.
    let Some(rest) = req
        .path
        .get(..26)
        .filter(|p| p.eq_ignore_ascii_case("/vardnadshavare/inloggad2/"))
        .and_then(|_| req.path.get(26..))
    else {
        return not_found();
    };
    let rest = rest.to_owned();
    let Some(session) = state.session(req.cookie("SMSESSION")) else {
        return Resp::redirect(&login_redirect_url(&req.url));
    };
    let xsrf = session.xsrf.clone();
    let selected = session.selected_child.clone();
    match rest.as_str() {
        "hem" => return Resp::html(200, html::hem_page(&xsrf)),
        "NewsBanner" => return Resp::new(200, "image/png", BANNER_PNG.to_vec()),
        // Inferred: attachments are downloaded from the same application behind the same
        // session (the real endpoint name is not recorded).
        "NewsAttachment" => {
            return Resp::new(200, "application/octet-stream", ATTACHMENT_PDF.to_vec());
        }
        _ => {}
    }
    if req.header("x-xsrf-token") != Some(xsrf.as_str()) {
        // Inferred: ASP.NET's anti-forgery check answers 400 with an HTML error page.
        return Resp::html(
            400,
            html::error_page(
                400,
                "Bad Request",
                "The required anti-forgery header \"x-xsrf-token\" is not present or invalid.",
            ),
        );
    }
    if rest == "SelectChild" {
        return select_child(&mut state, req);
    }
    let queued = QUEUED.contains(&rest.as_str());
    let by_sds = rest.starts_with("contacts/") || rest == "notifications/getnotifications";
    let param = if by_sds {
        req.q("studentId").or(req.q("childId"))
    } else {
        req.q("childId")
    };
    let family = &state.family;
    match rest.as_str() {
        "GetChildren" => Resp::json(&envelope(Value::Array(
            render::stockholm_kids(family)
                .into_iter()
                .map(r::child)
                .collect(),
        ))),
        "Calender/GetSchoolCalender"
        | "Calender/GetSchema"
        | "News/GetNewsArchive"
        | "News/GetNewsArticle"
        | "notifications/getnotifications"
        | "Matsedel/GetMatsedelChoice"
        | "Matsedel/GetMatsedelRSS"
        | "Matsedel/GetMatsedelList"
        | "contacts/GetStudentsByClass"
        | "contacts/GetTeachersByStudent"
        | "contacts/GetSchoolContacts" => {
            let requested = param.and_then(|p| {
                if by_sds {
                    render::kid_by_sds(family, p)
                } else {
                    render::kid_by_id(family, p)
                }
            });
            let Some(requested) = requested else {
                return Resp::json(&envelope_error(
                    "Object reference not set to an instance of an object.",
                ));
            };
            let fs_family = render::family_has_fs(family);
            let mut kid = requested;
            if queued && fs_family {
                let selected = selected
                    .as_deref()
                    .and_then(|id| render::kid_by_id(family, id))
                    .or_else(|| render::stockholm_kids(family).into_iter().next());
                if let Some(selected) = selected {
                    kid = selected;
                }
            }
            let mut fs_cookie = queued && fs_family && kid.is_fs();
            if ctx.wrong_child {
                if let Some(other) = render::other_kid(family, &kid.r.id) {
                    kid = other;
                }
                fs_cookie = true;
            }
            let data = child_data(&state, req, &rest, kid, ctx.wrong_child);
            let resp = Resp::json(&data);
            if fs_cookie {
                resp.cookie("Status=FS; path=/")
            } else {
                resp
            }
        }
        _ => not_found(),
    }
}

fn select_child(state: &mut State, req: &Req) -> Resp {
    if req.method != axum::http::Method::POST {
        return not_found();
    }
    let id = serde_json::from_slice::<Value>(&req.body)
        .ok()
        .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_owned));
    let Some(id) = id else {
        return Resp::json(&envelope_error("Invalid request."));
    };
    let Some(item) = render::kid_by_id(&state.family, &id).map(r::child) else {
        return Resp::json(&envelope_error("Child not found."));
    };
    let canonical = item.get("Id").and_then(Value::as_str).map(str::to_owned);
    if let Some(session) = state.session(req.cookie("SMSESSION")) {
        session.selected_child = canonical;
    }
    Resp::json(&envelope(item))
}

fn school_name(kid: StockholmKid<'_>) -> String {
    kid.child
        .school
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_default()
}

fn menu_days<'a>(state: &'a State, kid: StockholmKid<'_>) -> Vec<&'a MenuDay> {
    let mut days: Vec<&MenuDay> = state
        .family
        .menus
        .iter()
        .filter(|m| m.child_id == kid.child.id)
        .collect();
    days.sort_by_key(|d| d.date);
    days
}

fn parse_date(value: Option<&str>) -> Option<Date> {
    value.and_then(|v| v.get(..10)).and_then(|v| v.parse().ok())
}

/// The envelope of one child endpoint.
fn child_data(
    state: &State,
    req: &Req,
    endpoint: &str,
    kid: StockholmKid<'_>,
    wrong_child: bool,
) -> Value {
    let family = &state.family;
    let child_id = &kid.child.id;
    match endpoint {
        "Calender/GetSchoolCalender" => {
            let limit = req
                .q("rowLimit")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(50);
            // Inferred: the school calendar lists upcoming events (not ended before today),
            // soonest first, at most `rowLimit`.
            let today = state.today.unwrap_or_else(skolbryggan::time::today);
            let mut events: Vec<_> = family
                .calendar
                .iter()
                .filter(|e| &e.child_id == child_id && e.kind != EventKind::Schedule)
                .filter(|e| e.timing.last_date() >= today)
                .collect();
            events.sort_by_key(|e| e.timing.first_date());
            envelope(Value::Array(
                events
                    .into_iter()
                    .take(limit)
                    .map(|e| r::calendar_item(e, r::calendar_id(e)))
                    .collect(),
            ))
        }
        "Calender/GetSchema" => {
            let schedule: Vec<_> = family
                .calendar
                .iter()
                .filter(|e| &e.child_id == child_id && e.kind == EventKind::Schedule)
                .collect();
            if schedule.is_empty() {
                return envelope_error("A task was canceled.");
            }
            let (Some(from), Some(to)) =
                (parse_date(req.q("startDate")), parse_date(req.q("endDate")))
            else {
                return envelope_error("The request is invalid.");
            };
            envelope(Value::Array(
                schedule
                    .into_iter()
                    .filter(|e| e.timing.first_date() <= to && e.timing.last_date() >= from)
                    .map(|e| r::calendar_item(e, 0))
                    .collect(),
            ))
        }
        "News/GetNewsArchive" => {
            let items: Vec<_> = family
                .news
                .iter()
                .filter(|n| &n.child_id == child_id)
                .collect();
            envelope(r::news_archive(&items, &school_name(kid)))
        }
        "News/GetNewsArticle" => {
            let wanted = req.q("newsItemId").unwrap_or_default();
            let items: Vec<_> = family
                .news
                .iter()
                .filter(|n| &n.child_id == child_id)
                .collect();
            let item = items
                .iter()
                .find(|n| item_local(&n.child_id, &n.id) == wanted)
                .or(items.first().filter(|_| wrong_child));
            match item {
                Some(item) => envelope(r::news_article(item, &school_name(kid))),
                None => envelope_error("Nyheten kunde inte hittas."),
            }
        }
        "notifications/getnotifications" => envelope(Value::Array(
            family
                .notifications
                .iter()
                .filter(|n| &n.child_id == child_id)
                .map(|n| {
                    let number = crate::ids::number_for(&item_local(&n.child_id, &n.id));
                    r::notification(n, &state.guardian_personal_number, number)
                })
                .collect(),
        )),
        "Matsedel/GetMatsedelChoice" => {
            let kind = state.menu_kinds.get(&kid.r.id).copied().unwrap_or_default();
            envelope(Value::String(
                match kind {
                    MenuKind::Rss => "rss",
                    MenuKind::List => "list",
                }
                .to_owned(),
            ))
        }
        "Matsedel/GetMatsedelRSS" => envelope(r::menu_rss(&menu_days(state, kid))),
        "Matsedel/GetMatsedelList" => {
            let days = menu_days(state, kid);
            let today = state.today.unwrap_or_else(skolbryggan::time::today);
            let this_week = IsoWeek::containing(today);
            let selected = if days
                .iter()
                .any(|d| IsoWeek::containing(d.date) == this_week)
            {
                this_week.week
            } else {
                days.first()
                    .map(|d| IsoWeek::containing(d.date).week)
                    .unwrap_or(this_week.week)
            };
            envelope(r::menu_list(&days, selected))
        }
        "contacts/GetStudentsByClass" => envelope(Value::Array(
            family
                .classmates
                .iter()
                .filter(|c| &c.child_id == child_id)
                .map(r::classmate)
                .collect(),
        )),
        "contacts/GetTeachersByStudent" => {
            let form = req.q("schoolForm").unwrap_or_default().trim().to_owned();
            let forms = skolbryggan::provider::stockholm::school_form::parse_status(&kid.r.status);
            let first_form = forms
                .first()
                .map(|f| skolbryggan::provider::stockholm::school_form::code(f).to_owned());
            envelope(Value::Array(
                family
                    .teachers
                    .iter()
                    .filter(|t| &t.child_id == child_id)
                    .filter_map(|t| {
                        let own = t.school_form.as_ref().filter(|f| forms.contains(f));
                        let serve_as = match own {
                            Some(f) => {
                                skolbryggan::provider::stockholm::school_form::code(f).to_owned()
                            }
                            None => first_form.clone()?,
                        };
                        (serve_as == form).then(|| {
                            let status = t
                                .school_form
                                .as_ref()
                                .map(|f| {
                                    skolbryggan::provider::stockholm::school_form::code(f)
                                        .to_owned()
                                })
                                .unwrap_or(serve_as);
                            r::teacher(t, &status)
                        })
                    })
                    .collect(),
            ))
        }
        "contacts/GetSchoolContacts" => envelope(Value::Array(
            family
                .contacts
                .iter()
                .filter(|c| &c.child_id == child_id)
                .map(r::contact)
                .collect(),
        )),
        _ => envelope_error("Not found."),
    }
}
