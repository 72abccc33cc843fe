//! One entry point for parsing a saved upstream answer, for `skolbryggan parse --platform …
//! --endpoint … FILE`: useful to check a recorded body against the parsers.
//!
//! Results are the model's JSON form. Parsers that need a child get [`demo_child`]; menus are
//! dated relative to today; timetables are read as the current ISO week, in Swedish, without
//! teacher names. Each provider folder holds its own parsers (`stockholm/endpoints.rs`,
//! `skola24/endpoints.rs`, `infomentor/parse`); [`crate::provider::registry`] lists them.

use crate::error::{Error, Result};
use crate::model::{AccountId, Child, ChildRefs, EntityId, EntityKind, Platform, SchoolForm};
use crate::provider::stockholm::StockholmChildRef;

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
        refs: ChildRefs::with(&StockholmChildRef {
            id: id.to_owned(),
            sds_id: "786E3393-F044-4660-9105-B444DEB289AA".to_owned(),
            school_id: Some("DE2E1293-0F40-4B91-9D91-1E99355DC257".to_owned()),
            status: "GR".to_owned(),
        }),
    }
}

/// Parses `body` as the answer of `endpoint` on `platform` (`stockholm`, `skola24` or
/// `infomentor`: the systems of [`crate::provider::registry`]) and returns the normalized result
/// as JSON. Unknown platforms or endpoints are [`Error::InvalidInput`] listing the valid names.
pub fn parse_endpoint(platform: &str, endpoint: &str, body: &str) -> Result<serde_json::Value> {
    crate::provider::registry::parse_endpoint(platform, endpoint, body)
}

/// The error for an endpoint name `platform`'s parser does not know.
pub(crate) fn unknown(platform: &str, endpoint: &str, valid: &[&str]) -> Error {
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
            parse_endpoint("nowhere", "x", ""),
            Err(Error::InvalidInput(_))
        ));
        let v = parse_endpoint("stockholm", "verifyorder", r#"{"state":"OK"}"#).unwrap();
        assert_eq!(v["state"], "OK");
    }
}
