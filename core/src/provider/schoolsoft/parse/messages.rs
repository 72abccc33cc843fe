//! Messages: the JSP inbox `GET {S}jsp/student/right_student_message.jsp?folder=inbox` (one
//! `div.accordion-group#accordion-group<id>` per message; the compose form's
//! `select[name=users]` lists the staff) and Eva `…/messages/inbox` (JSON). SchoolSoft has no
//! notification feed: inbox messages become [`Notification`]s, the staff list [`Teacher`]s.

use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

use super::dom::{El, Page};
use super::util::{de_id, de_text, full_name, local_datetime, swedish_date, zoned};
use crate::error::Result;
use crate::markdown::html_to_markdown;
use crate::model::{Child, EntityId, EntityKind, Notification, Teacher};
use crate::provider::upstream_json::decode;

/// An inbox message of the JSP page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JspMessage {
    /// Message id.
    pub id: String,
    /// Subject.
    pub subject: String,
    /// Sender as shown.
    pub from: String,
    /// The list's date text ("19 maj").
    pub date_text: String,
    /// The staff id a reply goes to.
    pub teacher_id: Option<String>,
    /// The normalized notification.
    pub notification: Notification,
}

/// What the JSP inbox holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inbox {
    /// The messages, in page order.
    pub messages: Vec<JspMessage>,
    /// The staff of the recipient list.
    pub staff: Vec<Teacher>,
}

/// Parses the JSP inbox. `page_url` is the inbox URL (the notifications' link); `today`
/// dates the year-less texts.
pub fn parse_inbox(html: &str, child: &Child, page_url: &str, today: Date) -> Result<Inbox> {
    let page = Page::parse(html);
    let messages = page
        .select(Some("div"), Some("accordion-group"))
        .iter()
        .filter_map(|g| message(g, child, page_url, today))
        .collect();
    let staff = page
        .select(Some("select"), None)
        .into_iter()
        .filter(|s| s.attr("name").as_deref() == Some("users"))
        .flat_map(|s| s.select(Some("option"), None))
        .filter_map(|o| teacher(&o, child))
        .collect();
    Ok(Inbox { messages, staff })
}

fn message(group: &El, child: &Child, page_url: &str, today: Date) -> Option<JspMessage> {
    let id = group
        .attr("id")?
        .strip_prefix("accordion-group")?
        .to_owned();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let subject = group.by_id(&format!("messheader{id}"))?.text();
    let from = group
        .first(Some("div"), Some("accordion-heading-from"))
        .map(|e| e.text())
        .unwrap_or_default();
    let date_text = group
        .first(Some("div"), Some("accordion-heading-date"))
        .map(|e| e.text())
        .unwrap_or_default();
    let sent = group
        .by_id(&format!("messdate{id}"))
        .map(|e| e.text())
        .unwrap_or_else(|| date_text.clone());
    let (date, time) = swedish_date(&sent, today).or_else(|| swedish_date(&date_text, today))?;
    let created = zoned(date.to_datetime(time.unwrap_or(Time::midnight())));
    let body = group
        .by_id(&format!("mess{id}"))
        .map(|e| html_to_markdown(&e.inner_html(), None))
        .filter(|b| !b.trim().is_empty())
        .or_else(|| {
            group
                .first(Some("div"), Some("preview-block"))
                .map(|e| e.text())
        })
        .unwrap_or_default();
    let teacher_id = group
        .select(Some("input"), None)
        .into_iter()
        .find(|i| i.attr("name").as_deref() == Some(&format!("teacher{id}")))
        .and_then(|i| i.attr("value"))
        .filter(|v| !v.is_empty());
    Some(JspMessage {
        notification: Notification {
            id: EntityId::for_child(&child.id, EntityKind::Notification, &id),
            child_id: child.id.clone(),
            sender: from.clone(),
            message: format!("{subject}\n\n{body}").trim().to_owned(),
            url: Some(page_url.to_owned()),
            category: None,
            notification_type: Some("message".to_owned()),
            created,
            modified: None,
        },
        id,
        subject,
        from,
        date_text,
        teacher_id,
    })
}

/// A staff option "Efternamn Förnamn" (the last space splits; value −222 is a placeholder).
fn teacher(option: &El, child: &Child) -> Option<Teacher> {
    let id = option.attr("value")?;
    if id.starts_with('-') || id.is_empty() {
        return None;
    }
    let text = option.text();
    let (last, first) = text.rsplit_once(' ').unwrap_or((text.as_str(), ""));
    Some(Teacher {
        id: EntityId::for_child(&child.id, EntityKind::Teacher, &id),
        child_id: child.id.clone(),
        first_name: first.trim().to_owned(),
        last_name: last.trim().to_owned(),
        email: None,
        phone: None,
        active: true,
        school_form: None,
        timetable_abbreviation: String::new(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvaMessage {
    #[serde(default, deserialize_with = "de_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    subject: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    message: Option<String>,
    #[serde(default)]
    sender: Option<RawSender>,
    #[serde(default, deserialize_with = "de_text")]
    date: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSender {
    #[serde(default, deserialize_with = "de_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    last_name: Option<String>,
}

/// Parses Eva's inbox; a sender id −1 is a system message (`notification_type` "system").
pub fn parse_eva_inbox(body: &str, child: &Child) -> Result<Vec<Notification>> {
    let raw: Vec<RawEvaMessage> = decode("messages/inbox", body)?;
    Ok(raw
        .into_iter()
        .filter_map(|m| {
            let id = m.id?;
            let created = zoned(local_datetime(m.date.as_deref()?)?);
            let system = m.sender.as_ref().and_then(|s| s.id.as_deref()) == Some("-1");
            let sender = m
                .sender
                .as_ref()
                .map(|s| full_name(s.first_name.as_deref(), s.last_name.as_deref()))
                .unwrap_or_default();
            let subject = m.subject.unwrap_or_default();
            let text = m.message.unwrap_or_default();
            Some(Notification {
                id: EntityId::for_child(&child.id, EntityKind::Notification, &id),
                child_id: child.id.clone(),
                sender,
                message: format!("{subject}\n\n{text}").trim().to_owned(),
                url: None,
                category: None,
                notification_type: Some(if system { "system" } else { "message" }.to_owned()),
                created,
                modified: None,
            })
        })
        .collect())
}
