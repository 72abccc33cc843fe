//! `GET {S}rest-api/parent/ps/assignments/start-page?week&year` (the "PS" module, web REST):
//! the week's assignment teasers `[{ id, activityId, title, subTitle, read, submissionStatus,
//! resultReportStatus, sortDate }]`. `sortDate` is taken as the due date (a guess).

use serde::Deserialize;

use super::util::{de_id, de_text, local_datetime};
use crate::error::Result;
use crate::model::{Assignment, AssignmentStatus, Child, EntityId, EntityKind};
use crate::provider::upstream_json::decode;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAssignment {
    #[serde(default, deserialize_with = "de_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    sub_title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    submission_status: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    sort_date: Option<String>,
}

/// Parses the week's assignments.
pub fn parse_assignments(body: &str, child: &Child, base: &str) -> Result<Vec<Assignment>> {
    let raw: Vec<RawAssignment> = decode("assignments/start-page", body)?;
    Ok(raw
        .into_iter()
        .filter_map(|a| {
            let id = a.id?;
            let due = a.sort_date.as_deref().and_then(|d| {
                local_datetime(d)
                    .map(|t| t.date())
                    .or_else(|| d.get(..10).and_then(|d| d.parse().ok()))
            });
            let (status, overdue) = match a.submission_status.as_deref() {
                Some("SUBMITTED") | Some("EXPIRED_SUBMITTED") => (AssignmentStatus::Done, false),
                Some("NOT_SUBMITTED") => (AssignmentStatus::NotStarted, false),
                Some("EXPIRED_NOT_SUBMITTED") => (AssignmentStatus::NotStarted, true),
                _ => (AssignmentStatus::Unknown, false),
            };
            Some(Assignment {
                id: EntityId::for_child(&child.id, EntityKind::Assignment, &id),
                child_id: child.id.clone(),
                title: a.title.unwrap_or_default(),
                description_markdown: None,
                subject: a.sub_title,
                due,
                due_at: None,
                assigned: None,
                status,
                status_text: a.submission_status,
                overdue,
                url: Some(format!("{base}react/#/ps/assignments/{id}")),
            })
        })
        .collect())
}
