//! The `parse --platform schoolsoft --endpoint …` names and their dispatch. Child-bound
//! parsers get [`sample_child`]; year-less dates are read relative to today; week menus are
//! dated in the current ISO week; links are resolved against the tenant `procivitas`.

use serde::Serialize;

use super::SchoolSoftChildRef;
use super::parse;
use super::routes::Tenant;
use crate::error::{Error, Result};
use crate::model::{AccountId, Child, ChildRefs, IsoWeek, Platform};

/// The endpoint names `parse --platform schoolsoft` accepts.
pub const ENDPOINTS: &[&str] = &[
    "header/parent",
    "calendar/settings",
    "lessons/agenda",
    "event/agenda",
    "lessons/week",
    "lunchmenu/week",
    "eva/lunchmenu",
    "news.jsp",
    "eva/news",
    "message.jsp",
    "eva/messages/inbox",
    "startpage.jsp",
    "absence.jsp",
    "eva/student-absence/day",
    "eva/parent",
    "holistic_assessment/rows",
    "assignments/start-page",
    "preschool_schedule.jsp",
    "schoollist",
    "login/token",
    "grandid/collect",
    "grandid/status",
    "grandid/pnr",
    "saml/autopost",
];

/// The child child-bound parsers get: pupil 17001 at school 4, account [`AccountId::demo`].
pub fn sample_child() -> Child {
    let account = AccountId::demo();
    Child {
        id: parse::child_id(&account, "17001"),
        platform: Platform::SchoolSoft,
        first_name: "Alva".to_owned(),
        last_name: "Exempelsson".to_owned(),
        school_forms: Vec::new(),
        school: None,
        class_name: None,
        school_year: None,
        refs: ChildRefs::with(&SchoolSoftChildRef {
            student_id: "17001".to_owned(),
            org_id: "4".to_owned(),
        }),
    }
}

fn json<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::parse("schoolsoft", e))
}

/// Parses `body` as the answer of `endpoint`.
pub fn parse_endpoint(endpoint: &str, body: &str) -> Result<serde_json::Value> {
    let child = sample_child();
    let account = AccountId::demo();
    let today = crate::time::today();
    let week = IsoWeek::containing(today);
    let tenant = Tenant::new("procivitas");
    match endpoint {
        "header/parent" => json(&parse::parse_parent_header(body, &account)?),
        "calendar/settings" => json(&parse::parse_calendar_settings(body)?),
        "lessons/agenda" => json(&parse::lessons(
            &parse::parse_agenda(endpoint, body)?,
            &child,
        )),
        "event/agenda" => json(&parse::events(
            &parse::parse_agenda(endpoint, body)?,
            &child,
        )),
        "lessons/week" => json(&parse::attendance(
            &parse::parse_agenda(endpoint, body)?,
            &child,
        )),
        "lunchmenu/week" => json(&parse::menu_days(
            &parse::parse_rest_lunch(body)?,
            week,
            &child,
        )),
        "eva/lunchmenu" => json(&parse::menu_days(
            &parse::parse_eva_lunch(body)?,
            week,
            &child,
        )),
        "news.jsp" => json(&parse::parse_news_page(
            body,
            &child,
            &tenant.jsp_student_base(),
            today,
        )?),
        "eva/news" => json(&parse::parse_eva_news(body, &child)?),
        "message.jsp" => json(&parse::parse_inbox(
            body,
            &child,
            &tenant.messages_page(),
            today,
        )?),
        "eva/messages/inbox" => json(&parse::parse_eva_inbox(body, &child)?),
        "startpage.jsp" => json(&parse::parse_start_page(body)),
        "absence.jsp" => json(&parse::parse_absence_form(body)?),
        "eva/student-absence/day" => json(&parse::parse_eva_absence_day(body)?),
        "eva/parent" => json(&parse::parse_eva_parent(body, &account)?),
        "holistic_assessment/rows" => json(&parse::parse_holistic_rows(body)?),
        "assignments/start-page" => json(&parse::parse_assignments(body, &child, &tenant.url(""))?),
        "preschool_schedule.jsp" => json(&parse::parse_fritids_month(body, &child)?),
        "schoollist" => json(&parse::parse_school_list(body)?),
        "login/token" => {
            let pair = parse::parse_token(body)?;
            json(&serde_json::json!({
                "expiresAt": pair.expires_at,
                "claims": parse::jwt_claims(&pair.access_token),
            }))
        }
        "grandid/collect" => json(&parse::parse_collect(body)?),
        "grandid/status" => json(&serde_json::json!({
            "autostartToken": parse::parse_status_page(body)?,
        })),
        "grandid/pnr" => {
            parse::check_pnr_page(body)?;
            json(&serde_json::json!({ "pnrForm": true }))
        }
        "saml/autopost" => json(&parse::parse_auto_post(body)?),
        _ => Err(crate::provider::parse_cli::unknown(
            "schoolsoft",
            endpoint,
            ENDPOINTS,
        )),
    }
}
