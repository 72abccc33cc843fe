//! `notifications/getnotifications` (keyed by the child's `SDSId`).

use serde::Deserialize;

use super::{date::parse_date, envelope, newest_first};
use crate::error::Result;
use crate::model::{Child, EntityId, EntityKind, Notification};

#[derive(Deserialize)]
struct RawEntry {
    #[serde(rename = "Notification")]
    notification: RawHead,
    #[serde(rename = "NotificationMessage", default)]
    message: Option<RawNotificationMessage>,
}

#[derive(Deserialize)]
struct RawHead {
    #[serde(rename = "Messageid")]
    message_id: String,
    #[serde(rename = "DateCreated", default)]
    date_created: Option<String>,
    #[serde(rename = "DateModified", default)]
    date_modified: Option<String>,
}

#[derive(Deserialize)]
struct RawNotificationMessage {
    #[serde(rename = "Messages", default)]
    messages: Option<RawMessages>,
}

#[derive(Deserialize)]
struct RawMessages {
    #[serde(rename = "Message", default)]
    message: Option<RawMessage>,
}

#[derive(Deserialize)]
struct RawMessage {
    #[serde(rename = "Messagetext", default)]
    text: Option<String>,
    #[serde(rename = "Linkbackurl", default)]
    link_back_url: Option<String>,
    #[serde(rename = "Category", default)]
    category: Option<String>,
    #[serde(rename = "Sender", default)]
    sender: Option<RawSender>,
    #[serde(rename = "Messagetype", default)]
    message_type: Option<RawMessageType>,
}

#[derive(Deserialize)]
struct RawSender {
    #[serde(rename = "Name", default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawMessageType {
    #[serde(rename = "Type", default)]
    kind: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

fn to_notification(raw: RawEntry, child: &Child) -> Option<Notification> {
    let created = raw
        .notification
        .date_created
        .as_deref()
        .and_then(parse_date);
    let modified = raw
        .notification
        .date_modified
        .as_deref()
        .and_then(parse_date);
    let created = created.or_else(|| modified.clone())?;
    let message = raw.message.and_then(|m| m.messages).and_then(|m| m.message);
    let (text, url, category, sender, kind) = match message {
        Some(m) => (
            m.text.unwrap_or_default(),
            non_empty(m.link_back_url),
            non_empty(m.category),
            m.sender.and_then(|s| s.name).unwrap_or_default(),
            m.message_type.and_then(|t| non_empty(t.kind)),
        ),
        None => (String::new(), None, None, String::new(), None),
    };
    Some(Notification {
        id: EntityId::for_child(
            &child.id,
            EntityKind::Notification,
            &raw.notification.message_id,
        ),
        child_id: child.id.clone(),
        sender,
        message: text,
        url,
        category,
        notification_type: kind,
        created,
        modified,
    })
}

/// Parses `getnotifications` into `child`'s notifications, newest first.
///
/// Mapping as in `stockholm.md`: id `Notification.Messageid`; message, link, category, sender and
/// type from `NotificationMessage.Messages.Message` (`Messagetext`, `Linkbackurl`, `Category`,
/// `Sender.Name`, `Messagetype.Type`); `created` from `Notification.DateCreated` (local ISO time),
/// `modified` from `Notification.DateModified` (`/Date()/`). The JSON-in-a-string `Message` and
/// the recipient's personal number are not read. An unparseable `DateCreated` falls back to
/// `DateModified`; an entry with neither is skipped. Order: newest first by `modified`, else
/// `created`; ties in reverse input order.
pub fn notifications(body: &str, child: &Child) -> Result<Vec<Notification>> {
    let raw: Vec<RawEntry> = envelope::list("getnotifications", body)?;
    let total = raw.len();
    let mut items: Vec<Notification> = raw
        .into_iter()
        .filter_map(|r| to_notification(r, child))
        .collect();
    if items.len() < total {
        tracing::debug!(
            skipped = total - items.len(),
            "notifications without a readable date were skipped"
        );
    }
    newest_first(&mut items, |n| n.sort_instant().clone());
    Ok(items)
}
