//! `GET {S}rest-api/parent/holistic_assessment/rows` ("Helhetsbedömning"): one row per course.
//! The model has no kind for assessments; these are read through `parse --endpoint` only.

use serde::{Deserialize, Serialize};

use super::util::{de_id, de_text};
use crate::error::Result;
use crate::provider::upstream_json::decode;

/// One course's holistic assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HolisticAssessment {
    /// The course ("Matematik 2b").
    pub course: String,
    /// The assessment text ("Godtagbara kunskaper").
    pub assessment: Option<String>,
    /// The assessment id; `None` when there is none yet (upstream −1).
    pub id: Option<String>,
    /// Published.
    pub published: bool,
    /// A subject warning is set.
    pub subject_warning: bool,
    /// `publishedAt` (`YYYY-MM-DDTHH:mm:ss`), when there is one.
    pub published_at: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRow {
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    sub_title: Option<String>,
    #[serde(default, deserialize_with = "de_id")]
    holistic_assessment_id: Option<String>,
    #[serde(default)]
    published: bool,
    #[serde(default)]
    subject_warning: bool,
    #[serde(default, deserialize_with = "de_text")]
    published_at: Option<String>,
}

/// Parses the rows.
pub fn parse_holistic_rows(body: &str) -> Result<Vec<HolisticAssessment>> {
    let raw: Vec<RawRow> = decode("holistic_assessment/rows", body)?;
    Ok(raw
        .into_iter()
        .map(|r| {
            let id = r.holistic_assessment_id.filter(|i| i != "-1");
            HolisticAssessment {
                course: r.title.unwrap_or_default(),
                assessment: r.sub_title.filter(|_| id.is_some()),
                id,
                published: r.published,
                subject_warning: r.subject_warning,
                published_at: r.published_at.filter(|p| p != "-"),
            }
        })
        .collect())
}
