//! The news app: `Communication/News/GetNewsList` (full HTML bodies, no detail call needed).

use serde::Deserialize;
use serde_json::Value;

use super::Availability;
use super::util::{self, de_text};
use crate::error::Result;
use crate::model::{Attachment, EntityId, EntityKind, NewsImage, NewsItem};

const ENDPOINT: &str = "GetNewsList";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawNews {
    #[serde(default, deserialize_with = "de_text")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    content: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    published_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    published_by: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    news_image_url: Option<String>,
    #[serde(default, deserialize_with = "util::de_list")]
    attachments: Vec<Value>,
}

#[derive(Deserialize)]
struct RawAttachment {
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    url: Option<String>,
}

/// Parses `GetNewsList` (`{ items: [...] }` or a bare array), newest first.
pub fn parse_news_list(body: &str, child: &EntityId) -> Result<Availability<Vec<NewsItem>>> {
    Ok(
        util::json_body::<util::ListBody>(ENDPOINT, body)?.map(|raw| {
            let mut items: Vec<NewsItem> =
                util::decode_items::<RawNews>(ENDPOINT, raw.into_items())
                    .into_iter()
                    .filter_map(|n| news_item(n, child))
                    .collect();
            items.sort_by(|a, b| b.published.cmp(&a.published));
            items
        }),
    )
}

fn news_item(raw: RawNews, child: &EntityId) -> Option<NewsItem> {
    let id = raw.id?;
    let Some(published) = raw.published_date.as_deref().and_then(util::local_datetime) else {
        tracing::warn!(
            endpoint = ENDPOINT,
            "skipped a news item without a readable date"
        );
        return None;
    };
    let attachments = raw
        .attachments
        .into_iter()
        .filter_map(|a| serde_json::from_value::<RawAttachment>(a).ok())
        .filter_map(|a| {
            let url = util::absolute_url(a.url.as_deref()?)?;
            Some(Attachment {
                name: a.title.unwrap_or_else(|| "bilaga".to_owned()),
                url,
            })
        })
        .collect();
    Some(NewsItem {
        id: EntityId::for_child(child, EntityKind::News, &id),
        child_id: child.clone(),
        title: raw.title.unwrap_or_default(),
        intro: None,
        body_markdown: raw
            .content
            .as_deref()
            .map(util::markdown)
            .unwrap_or_default(),
        author: raw.published_by,
        published,
        modified: None,
        image: raw
            .news_image_url
            .as_deref()
            .and_then(util::absolute_url)
            .map(|url| NewsImage {
                url,
                alt_text: None,
                needs_session: true,
            }),
        attachments,
    })
}
