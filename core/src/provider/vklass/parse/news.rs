//! `GET /Home/NewsArticles[?pageToken=…]` (`{items, nextPageToken}`) and the article objects
//! the home page embeds in `<vkau-news-article article.bind="…">`.

use jiff::civil::Date;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::markdown::html_to_markdown;
use crate::model::{Attachment, EntityId, EntityKind, NewsImage, NewsItem};

const ENDPOINT: &str = "NewsArticles";

/// One article as Vklass sends it (the fields Skolbryggan uses).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawArticle {
    /// Article id.
    #[serde(default)]
    pub id: Option<serde_json::Value>,
    /// Title (may end in a space).
    #[serde(default)]
    pub title: Option<String>,
    /// Lead.
    #[serde(default)]
    pub intro_text: Option<String>,
    /// Body.
    #[serde(default)]
    pub text: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub publish_date: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub last_edited: Option<String>,
    /// Author.
    #[serde(default)]
    pub author_name: Option<String>,
    /// Image URL or `""`.
    #[serde(default)]
    pub image_path: Option<String>,
    /// Attachments.
    #[serde(default)]
    pub files: Option<Vec<RawFile>>,
    /// The guardian's children the article concerns.
    #[serde(default)]
    pub children: Option<Vec<RawChild>>,
}

/// An attachment.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawFile {
    /// File name with extension.
    #[serde(default)]
    pub name_with_extension: Option<String>,
    /// Name without extension.
    #[serde(default)]
    pub name: Option<String>,
    /// Absolute URL.
    #[serde(default)]
    pub url: Option<String>,
}

/// A child an article concerns (`id` is always 0: only the name identifies it).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RawChild {
    /// First name.
    #[serde(default)]
    pub name: Option<String>,
    /// Also the first name.
    #[serde(default)]
    pub full_name: Option<String>,
}

impl RawArticle {
    /// The article id as text.
    pub fn id_text(&self) -> Option<String> {
        match &self.id {
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            _ => None,
        }
    }

    /// The first names of the children it concerns.
    pub fn child_names(&self) -> Vec<String> {
        self.children
            .iter()
            .flatten()
            .filter_map(|c| c.name.clone().or_else(|| c.full_name.clone()))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect()
    }
}

/// One page of the news feed.
#[derive(Debug, Clone)]
pub struct NewsPage {
    /// The articles, newest first.
    pub items: Vec<RawArticle>,
    /// The token of the next page (`None` on the last page).
    pub next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPage {
    items: Vec<RawArticle>,
    #[serde(default)]
    next_page_token: Option<String>,
}

/// Parses one feed page.
pub fn parse_news_page(body: &str) -> Result<NewsPage> {
    let raw: RawPage = serde_json::from_str(body).map_err(|e| Error::parse(ENDPOINT, e))?;
    Ok(NewsPage {
        items: raw.items,
        next_page_token: raw.next_page_token.filter(|t| !t.trim().is_empty()),
    })
}

fn clean(text: Option<&str>) -> String {
    let t = text.unwrap_or("").replace("\r\n", "\n");
    let t = t.trim();
    if t.contains('<') && t.contains('>') {
        html_to_markdown(t, None).trim().to_owned()
    } else {
        t.to_owned()
    }
}

fn date(s: Option<&str>) -> Option<Date> {
    s?.trim().get(..10)?.parse().ok()
}

/// The article as a [`NewsItem`] of `child`. `None` for an article without id or date.
pub fn news_item(a: &RawArticle, child: &EntityId) -> Option<NewsItem> {
    let id = a.id_text()?;
    let published = crate::time::start_of_day(date(a.publish_date.as_deref())?);
    let intro = clean(a.intro_text.as_deref());
    let text = clean(a.text.as_deref());
    let body = [intro.as_str(), text.as_str()]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Some(NewsItem {
        id: EntityId::for_child(child, EntityKind::News, &id),
        child_id: child.clone(),
        title: a.title.clone().unwrap_or_default().trim().to_owned(),
        intro: (!intro.is_empty()).then_some(intro),
        body_markdown: body,
        author: a
            .author_name
            .clone()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        published,
        modified: date(a.last_edited.as_deref()).map(crate::time::start_of_day),
        image: a
            .image_path
            .clone()
            .filter(|p| !p.trim().is_empty())
            .map(|url| NewsImage {
                url,
                alt_text: None,
                needs_session: true,
            }),
        attachments: a
            .files
            .iter()
            .flatten()
            .filter_map(|f| {
                Some(Attachment {
                    name: f.name_with_extension.clone().or_else(|| f.name.clone())?,
                    url: f.url.clone()?,
                })
            })
            .collect(),
    })
}

/// True when the article concerns the child called `first_name` (articles naming no child
/// concern every child).
pub fn concerns(a: &RawArticle, first_name: &str) -> bool {
    let names = a.child_names();
    names.is_empty()
        || names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(first_name.trim()))
}
