//! One entry point for parsing a saved upstream answer, for `skolbryggan parse --platform …
//! --endpoint … FILE`: useful to check a recorded body against the parsers.
//!
//! Results are the model's JSON form. Parsers that need a child get [`demo_child`]; menus are
//! dated relative to today; timetables are read as the current ISO week, in Swedish, without
//! teacher names.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{
    AccountId, Child, ChildRefs, EntityId, EntityKind, IsoWeek, Platform, SchoolForm,
    StockholmChildRef,
};
use crate::provider::skola24::parse as skola24;
use crate::provider::stockholm::parse as stockholm;
use crate::provider::upstream_json::decode;

/// Endpoint names accepted for `--platform stockholm` (last path segments as in `stockholm.md`).
pub const STOCKHOLM_ENDPOINTS: &[&str] = &[
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

/// Endpoint names accepted for `--platform skola24`.
pub const SKOLA24_ENDPOINTS: &[&str] = &[
    "timetables",
    "key",
    "render-timetable",
    "saml-request",
    "saml-response",
];

/// The child every child-bound parser gets here: platform Stockholm, account
/// [`AccountId::demo`], upstream id `42C3997E-D772-423F-9290-6FEEB3CB2DA7` (the `Id` of the
/// recorded `GetChildren` sample), SDS id `786E3393-F044-4660-9105-B444DEB289AA`, school forms
/// `GR`, named "Demo Barn".
pub fn demo_child() -> Child {
    let id = "42C3997E-D772-423F-9290-6FEEB3CB2DA7";
    Child {
        id: EntityId::new(
            Platform::Stockholm,
            &AccountId::demo(),
            EntityKind::Child,
            id,
        ),
        platform: Platform::Stockholm,
        first_name: "Demo".to_owned(),
        last_name: "Barn".to_owned(),
        school_forms: vec![SchoolForm::Grundskola],
        school: None,
        class_name: None,
        school_year: None,
        refs: ChildRefs {
            stockholm: Some(StockholmChildRef {
                id: id.to_owned(),
                sds_id: "786E3393-F044-4660-9105-B444DEB289AA".to_owned(),
                school_id: Some("DE2E1293-0F40-4B91-9D91-1E99355DC257".to_owned()),
                status: "GR".to_owned(),
            }),
            ..ChildRefs::default()
        },
    }
}

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

/// Parses `body` as the answer of `endpoint` on `platform` (`stockholm` or `skola24`) and returns
/// the normalized result as JSON. Unknown platforms or endpoints are [`Error::InvalidInput`]
/// listing the valid names.
pub fn parse_endpoint(platform: &str, endpoint: &str, body: &str) -> Result<serde_json::Value> {
    let child = demo_child();
    let today = crate::time::today();
    match platform {
        "stockholm" => match endpoint {
            "getuserdata" => json(endpoint, stockholm::user(body)?),
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
            _ => Err(unknown("stockholm", endpoint, STOCKHOLM_ENDPOINTS)),
        },
        "skola24" => match endpoint {
            "timetables" => json(endpoint, skola24::children(body)?),
            "key" => json(
                endpoint,
                serde_json::json!({ "key": skola24::render_key(body)? }),
            ),
            "render-timetable" => json(
                endpoint,
                skola24::timetable(body, &child, IsoWeek::containing(today), "sv", &[])?,
            ),
            "saml-request" => json(
                endpoint,
                serde_json::json!({ "SAMLRequest": skola24::saml_request(body)? }),
            ),
            "saml-response" => json(
                endpoint,
                serde_json::json!({ "SAMLResponse": skola24::saml_response(body)? }),
            ),
            _ => Err(unknown("skola24", endpoint, SKOLA24_ENDPOINTS)),
        },
        _ => Err(Error::InvalidInput(format!(
            "unknown platform {platform:?}; valid: stockholm, skola24"
        ))),
    }
}

fn unknown(platform: &str, endpoint: &str, valid: &[&str]) -> Error {
    Error::InvalidInput(format!(
        "unknown {platform} endpoint {endpoint:?}; valid: {}",
        valid.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_list_the_valid_ones() {
        let err = parse_endpoint("stockholm", "GetNews", "{}").unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput(m) if m.contains("GetNewsArchive") && m.contains("hem")),
            "{err:?}"
        );
        assert!(matches!(
            parse_endpoint("vklass", "x", ""),
            Err(Error::InvalidInput(_))
        ));
        let v = parse_endpoint("stockholm", "verifyorder", r#"{"state":"OK"}"#).unwrap();
        assert_eq!(v["state"], "OK");
    }
}
