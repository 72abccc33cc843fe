//! The `parse --endpoint` names of Vklass and their dispatch (sample file names without
//! extension and without a `--variant` suffix).

use serde::Serialize;
use serde_json::{Value, json};

use super::parse;
use crate::error::{Error, Result};
use crate::model::{AccountId, EntityId, EntityKind, Platform};

/// The endpoint names [`parse_endpoint`] knows.
pub const ENDPOINTS: &[&str] = &[
    "custodian-root",
    "home-welcome",
    "home-newsarticles",
    "events-fullcalendar",
    "calendar-events",
    "careschedule-loaddays",
    "absence-notify",
    "account-scoreboard",
    "classlist-index",
    "auth-credentials",
    "goteborg-logininitial",
    "eid-connect-methods",
    "eid-connect-bankid-status",
    "eid-connect-finish",
    "goteborg-idp-auth",
    "studyoverview-student",
    "studyoverview-courses",
    "weeklyreports-archive",
];

fn value<T: Serialize>(endpoint: &str, v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::parse(endpoint, e))
}

fn unknown(endpoint: &str) -> Error {
    Error::InvalidInput(format!(
        "unknown Vklass endpoint {endpoint:?}; valid names: {}",
        ENDPOINTS.join(", ")
    ))
}

fn form_json(form: Option<crate::provider::infomentor::parse::HtmlForm>) -> Value {
    match form {
        Some(f) => {
            json!({ "action": f.action, "fields": f.fields.iter().map(|(n, _)| n).collect::<Vec<_>>() })
        }
        None => Value::Null,
    }
}

/// Parses one raw Vklass answer by endpoint name into the normalized JSON form, for the CLI's
/// `parse` command. Child-scoped data is attributed to a placeholder child `selected` of the
/// account `cli`. An unknown name is [`Error::InvalidInput`] listing the valid names.
pub fn parse_endpoint(endpoint: &str, body: &str) -> Result<Value> {
    let name = endpoint.split("--").next().unwrap_or(endpoint);
    let name = name
        .strip_suffix(".json")
        .or_else(|| name.strip_suffix(".html"))
        .unwrap_or(name);
    let Some(known) = ENDPOINTS.iter().find(|e| e.eq_ignore_ascii_case(name)) else {
        return Err(unknown(endpoint));
    };
    let account = AccountId::from_raw("cli");
    let child = EntityId::new(Platform::Vklass, &account, EntityKind::Child, "selected");
    match *known {
        "custodian-root" => {
            let g = parse::parse_root(body)?;
            value(known, &g.user(&account))
        }
        "home-welcome" => value(known, &parse::parse_home(body)?.cards),
        "home-newsarticles" => {
            let page = parse::parse_news_page(body)?;
            let items: Vec<_> = page
                .items
                .iter()
                .filter_map(|a| parse::news_item(a, &child))
                .collect();
            Ok(json!({ "items": value(known, &items)?, "nextPageToken": page.next_page_token }))
        }
        "events-fullcalendar" | "calendar-events" => {
            value(known, &parse::parse_calendar(body, &child)?)
        }
        "careschedule-loaddays" => value(known, &parse::parse_care_schedule(body)?),
        "absence-notify" => value(known, &parse::parse_absence_form(body)?),
        "account-scoreboard" => value(known, &parse::parse_scoreboard(body)?),
        "classlist-index" => value(known, &parse::parse_class_list(body)?),
        "auth-credentials" => Ok(json!({ "hasToken": parse::credentials_token(body).is_some() })),
        "goteborg-logininitial" => Ok(json!({
            "bankidIdp": parse::bankid_button(body),
            "samlRequestForm": form_json(parse::form_with(body, "SAMLRequest")),
        })),
        "eid-connect-methods" => Ok(json!({ "methodId": parse::bankid_method(body)? })),
        "eid-connect-bankid-status" => value(known, &parse::broker_status(body)?),
        "eid-connect-finish" | "goteborg-idp-auth" => {
            Ok(form_json(parse::form_with(body, "SAMLResponse")))
        }
        "studyoverview-student" => value(known, &parse::parse_study_overview(body)),
        "studyoverview-courses" => value(known, &parse::parse_courses(body)?),
        "weeklyreports-archive" => value(known, &parse::parse_weekly_reports(body)),
        _ => Err(unknown(endpoint)),
    }
}
