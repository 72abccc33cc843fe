//! The task app: `task/GetTasks` (assignments and homework).

use serde::Deserialize;
use serde_json::Value;

use super::Availability;
use super::util::{self, de_bool, de_text};
use crate::error::{Error, Result};
use crate::model::{Assignment, AssignmentStatus, EntityId, EntityKind};

const ENDPOINT: &str = "GetTasks";

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTasks {
    Bare(Vec<Value>),
    Wrapped(RawTaskPage),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTaskPage {
    #[serde(default)]
    items: Option<Vec<Value>>,
    /// `task/appData` holds the same list here.
    #[serde(default)]
    task_results: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTask {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    text: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    subject: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    due_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    status: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    status_text: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    is_overdue: bool,
    #[serde(default, deserialize_with = "de_text")]
    assigned_on: Option<String>,
}

/// Parses `GetTasks` (`{ items: [...] }`, a bare array, or `task/appData`'s `taskResults`).
pub fn parse_tasks(body: &str, child: &EntityId) -> Result<Availability<Vec<Assignment>>> {
    let Availability::Available(raw) = util::json_body::<RawTasks>(ENDPOINT, body)? else {
        return Ok(Availability::NotAvailable);
    };
    let items = match raw {
        RawTasks::Bare(items) => items,
        RawTasks::Wrapped(page) => match (page.items, page.task_results) {
            (Some(items), _) => items,
            (None, Some(Value::Array(items))) => items,
            (None, Some(Value::Object(map))) => map
                .get("items")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            (None, Some(Value::Null)) => Vec::new(),
            (None, None) => return Err(Error::parse(ENDPOINT, "no task list in the answer")),
            (None, Some(_)) => return Err(Error::parse(ENDPOINT, "taskResults is not a list")),
        },
    };
    let mut out: Vec<Assignment> = util::decode_items::<RawTask>(ENDPOINT, items)
        .into_iter()
        .filter_map(|t| assignment(t, child))
        .collect();
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.title.cmp(&b.title)));
    Ok(Availability::Available(out))
}

/// The normalized status of a task status string (the real vocabulary is not known; matched
/// loosely in English and Swedish).
pub fn status_of(status: Option<&str>, status_text: Option<&str>) -> AssignmentStatus {
    let text = format!(
        "{} {}",
        status.unwrap_or_default(),
        status_text.unwrap_or_default()
    )
    .to_lowercase();
    let compact: String = text
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    if compact.contains("notstarted")
        || compact.contains("not started")
        || compact.contains("ej påbörjad")
        || compact.contains("inte påbörjad")
    {
        AssignmentStatus::NotStarted
    } else if [
        "done",
        "complete",
        "klar",
        "inlämnad",
        "submitted",
        "handedin",
    ]
    .iter()
    .any(|w| compact.contains(w))
    {
        AssignmentStatus::Done
    } else if [
        "inprogress",
        "in progress",
        "started",
        "påbörjad",
        "pågående",
    ]
    .iter()
    .any(|w| compact.contains(w))
    {
        AssignmentStatus::InProgress
    } else {
        AssignmentStatus::Unknown
    }
}

fn assignment(raw: RawTask, child: &EntityId) -> Option<Assignment> {
    let id = raw.id?;
    let due_at = raw.due_date.as_deref().and_then(util::local_datetime);
    let due = raw.due_date.as_deref().and_then(util::local_date);
    let due_at = due_at.filter(|d| d.hour() != 0 || d.minute() != 0);
    Some(Assignment {
        id: EntityId::for_child(child, EntityKind::Assignment, &id),
        child_id: child.clone(),
        title: raw.title.unwrap_or_default(),
        description_markdown: util::markdown_opt(raw.description.as_deref())
            .or_else(|| util::markdown_opt(raw.text.as_deref())),
        subject: raw.subject,
        due,
        due_at,
        assigned: raw.assigned_on.as_deref().and_then(util::local_date),
        status: status_of(raw.status.as_deref(), raw.status_text.as_deref()),
        status_text: raw.status_text,
        overdue: raw.is_overdue,
        url: Some(format!("{}/#/task/show/{id}", util::HUB_ORIGIN)),
    })
}
