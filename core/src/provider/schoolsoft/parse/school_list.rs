//! `GET https://sms.schoolsoft.se/internal/rest-api/login/schoollist` (no login):
//! `[{ name, orgId, evaUrl, discoveryUrl? }]`. The tenant slug is the path segment before
//! `/eva` in `evaUrl`; several schools share one slug.

use serde::{Deserialize, Serialize};

use super::util::{de_id, de_text};
use crate::error::Result;
use crate::provider::upstream_json::decode;

/// One school of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedSchool {
    /// The school's name.
    pub name: String,
    /// Its `orgId` inside the tenant.
    pub org_id: Option<String>,
    /// The tenant slug.
    pub slug: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSchool {
    #[serde(default, deserialize_with = "de_text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de_id")]
    org_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    eva_url: Option<String>,
}

/// The slug of an `evaUrl` (`https://sms.schoolsoft.se/<slug>/eva`).
pub fn slug_of(eva_url: &str) -> Option<String> {
    let parsed = url::Url::parse(eva_url).ok()?;
    let segments: Vec<&str> = parsed.path_segments()?.filter(|s| !s.is_empty()).collect();
    let eva = segments.iter().position(|s| *s == "eva")?;
    let slug = segments.get(eva.checked_sub(1)?)?;
    crate::provider::schoolsoft::routes::is_valid_slug(slug).then(|| (*slug).to_owned())
}

/// Parses the school list (rows without a usable slug are skipped).
pub fn parse_school_list(body: &str) -> Result<Vec<ListedSchool>> {
    let raw: Vec<RawSchool> = decode("schoollist", body)?;
    Ok(raw
        .into_iter()
        .filter_map(|s| {
            Some(ListedSchool {
                slug: slug_of(s.eva_url.as_deref()?)?,
                name: s.name?,
                org_id: s.org_id,
            })
        })
        .collect())
}
