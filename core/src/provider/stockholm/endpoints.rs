//! `skolbryggan parse --platform stockholm`: one saved e-service answer → normalized JSON.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{AccountId, AccountKey};
use crate::provider::parse_cli::{demo_child, unknown};
use crate::provider::stockholm::parse as stockholm;
use crate::provider::upstream_json::decode;

/// Endpoint names accepted for `--platform stockholm` (last path segments as in `stockholm.md`).
pub const ENDPOINTS: &[&str] = &[
    "getuserdata",
    "GetChildren",
    "SelectChild",
    "GetSchoolCalender",
    "GetSchema",
    "GetNewsArchive",
    "GetNewsArticle",
    "getnotifications",
    "GetMatsedelChoice",
    "GetMatsedelRSS",
    "GetMatsedelList",
    "GetStudentsByClass",
    "GetTeachersByStudent",
    "GetSchoolContacts",
    "hem",
    "bankid-auth-ticket",
    "verifyorder",
];

fn json<T: Serialize>(endpoint: &str, value: T) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::parse(endpoint, e))
}

#[derive(serde::Deserialize, Serialize)]
struct AuthTicket {
    token: String,
    order: String,
}

#[derive(serde::Deserialize, Serialize)]
struct OrderState {
    state: String,
}

/// Parses `body` as the answer of `endpoint` (one of [`ENDPOINTS`]); child-bound parsers get
/// [`demo_child`], menus are dated relative to today.
pub fn parse_endpoint(endpoint: &str, body: &str) -> Result<serde_json::Value> {
    let child = demo_child();
    let today = crate::time::today();
    match endpoint {
        "getuserdata" => json(
            endpoint,
            stockholm::user(body, &AccountKey::for_saved_answers())?,
        ),
        "GetChildren" => json(endpoint, stockholm::children(body, &AccountId::demo())?),
        "SelectChild" => json(
            endpoint,
            serde_json::json!({ "id": stockholm::select_child(body)? }),
        ),
        "GetSchoolCalender" => json(endpoint, stockholm::school_calendar(body, &child)?),
        "GetSchema" => json(endpoint, stockholm::schedule(body, &child)?),
        "GetNewsArchive" => json(endpoint, stockholm::news_archive(body, &child)?),
        "GetNewsArticle" => json(endpoint, stockholm::news_article(body, &child)?),
        "getnotifications" => json(endpoint, stockholm::notifications(body, &child)?),
        "GetMatsedelChoice" => json(endpoint, stockholm::menu_choice(body)?),
        "GetMatsedelRSS" => json(endpoint, stockholm::menu_rss(body, &child, today)?),
        "GetMatsedelList" => json(endpoint, stockholm::menu_list(body, &child, today)?),
        "GetStudentsByClass" => json(endpoint, stockholm::classmates(body, &child)?),
        "GetTeachersByStudent" => json(endpoint, stockholm::teachers(body, &child)?),
        "GetSchoolContacts" => json(endpoint, stockholm::school_contacts(body, &child)?),
        "hem" => json(
            endpoint,
            serde_json::json!({ "xsrfToken": stockholm::xsrf_token(body) }),
        ),
        "bankid-auth-ticket" => json(endpoint, decode::<AuthTicket>(endpoint, body)?),
        "verifyorder" => json(endpoint, decode::<OrderState>(endpoint, body)?),
        _ => Err(unknown("stockholm", endpoint, ENDPOINTS)),
    }
}
