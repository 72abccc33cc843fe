//! News items and weekly letters.

use jiff::ZonedDateTime;
use serde::{Deserialize, Serialize};

use super::EntityId;

/// A banner image of a news item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsImage {
    /// Absolute URL of the image.
    pub url: String,
    /// Alternative text, if upstream has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt_text: Option<String>,
    /// True when the URL can only be loaded with the platform session (cookies); use the
    /// client's session headers for it.
    pub needs_session: bool,
}

/// A file attached to a news item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// File name as shown.
    pub name: String,
    /// Absolute download URL (needs the platform session).
    pub url: String,
}

/// A news item, weekly letter or information message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsItem {
    /// Stable id, namespaced by the child.
    pub id: EntityId,
    /// The child this item was shown for.
    pub child_id: EntityId,
    /// Headline.
    pub title: String,
    /// Short plain-text preamble.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    /// Body as Markdown.
    pub body_markdown: String,
    /// Author display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Publication instant.
    #[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]
    pub published: ZonedDateTime,
    /// Last modification, when upstream tells it.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::time::zoned_serde::deserialize_option"
    )]
    pub modified: Option<ZonedDateTime>,
    /// Banner image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<NewsImage>,
    /// Attached files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

impl NewsItem {
    /// The instant used to order news: modified, else published.
    pub fn sort_instant(&self) -> &ZonedDateTime {
        self.modified.as_ref().unwrap_or(&self.published)
    }
}
