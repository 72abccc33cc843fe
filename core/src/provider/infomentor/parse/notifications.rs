//! The notification feed: `NotificationApp/GetNotifications` (or its `appData`). It covers every
//! pupil of the guardian; each item names its pupil in `pupilSourceId`
//! (`"<school>|<pupil id>|<source>"`).

use serde::Deserialize;
use serde_json::Value;

use super::Availability;
use super::util::{self, de_bool, de_text};
use crate::error::{Error, Result};
use crate::model::{AccountId, EntityId, EntityKind, Notification, Platform};

const ENDPOINT: &str = "GetNotifications";

#[derive(Deserialize)]
struct RawFeed {
    #[serde(default)]
    notifications: Option<Vec<Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawNotification {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    sub_title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    date_sent: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    order_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    app_type: Option<String>,
    #[serde(rename = "type", default, deserialize_with = "de_text")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    url: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    pupil_source_id: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    currently_selected_pupil: bool,
}

/// The pupil id in a `pupilSourceId` (its second `|`-separated part).
pub fn pupil_of_source_id(source_id: &str) -> Option<String> {
    let id = source_id.split('|').nth(1)?.trim();
    (!id.is_empty()).then(|| id.to_owned())
}

/// A label for a notification's `appType` ("Frånvaro", "Nyheter", …).
pub fn sender_label(app_type: &str) -> String {
    match app_type {
        "News" => "Nyheter",
        "CalendarV2" | "Calendar" => "Kalender",
        "Attendance" | "IM1Attendance" => "Frånvaro",
        "Messages" => "Meddelanden",
        "Assignment" | "HomeWork" => "Uppgifter",
        other => other,
    }
    .to_owned()
}

/// Parses the feed. Each item goes to the child `EntityId::new(InfoMentor, account, Child,
/// <pupil id from pupilSourceId>)`; an item without a readable `pupilSourceId` goes to
/// `selected_child` when it is flagged `currentlySelectedPupil`, and is dropped otherwise.
/// Newest first.
pub fn parse_notifications(
    body: &str,
    account: &AccountId,
    selected_child: Option<&EntityId>,
) -> Result<Availability<Vec<Notification>>> {
    let Availability::Available(raw) = util::json_object::<RawFeed>(ENDPOINT, body)? else {
        return Ok(Availability::NotAvailable);
    };
    let Some(items) = raw.notifications else {
        return Err(Error::parse(
            ENDPOINT,
            "no notifications list in the answer",
        ));
    };
    Ok(Availability::Available({
        let mut out: Vec<Notification> = util::decode_items::<RawNotification>(ENDPOINT, items)
            .into_iter()
            .filter_map(|n| notification(n, account, selected_child))
            .collect();
        out.sort_by(|a, b| b.created.cmp(&a.created));
        out
    }))
}

fn notification(
    raw: RawNotification,
    account: &AccountId,
    selected_child: Option<&EntityId>,
) -> Option<Notification> {
    let id = raw.id?;
    let child = match raw.pupil_source_id.as_deref().and_then(pupil_of_source_id) {
        Some(pupil) => EntityId::new(Platform::InfoMentor, account, EntityKind::Child, &pupil),
        None if raw.currently_selected_pupil => selected_child?.clone(),
        None => {
            tracing::warn!(
                endpoint = ENDPOINT,
                "skipped a notification without a pupil"
            );
            return None;
        }
    };
    let Some(created) = raw
        .date_sent
        .as_deref()
        .or(raw.order_date.as_deref())
        .and_then(util::local_datetime)
    else {
        tracing::warn!(
            endpoint = ENDPOINT,
            "skipped a notification without a readable date"
        );
        return None;
    };
    let title = raw.title.unwrap_or_default();
    let message = match raw.sub_title {
        Some(sub) if !title.is_empty() => format!("{title} — {sub}"),
        Some(sub) => sub,
        None => title,
    };
    Some(Notification {
        id: EntityId::for_child(&child, EntityKind::Notification, &id),
        child_id: child,
        sender: raw
            .app_type
            .as_deref()
            .map(sender_label)
            .unwrap_or_default(),
        message,
        url: raw.url.as_deref().and_then(util::absolute_url),
        category: None,
        notification_type: raw.kind,
        created,
        modified: None,
    })
}
