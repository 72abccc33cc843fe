//! `News/GetNewsArchive` and `News/GetNewsArticle`.

use serde::Deserialize;

use super::{date::parse_date, envelope, newest_first};
use crate::error::{Error, Result};
use crate::markdown::html_to_markdown;
use crate::model::{Child, EntityId, EntityKind, NewsImage, NewsItem};

/// Where banner images are served (with the session cookie); the file name is appended as is.
pub const NEWS_BANNER_URL: &str =
    "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=";

#[derive(Deserialize)]
struct RawNewsItem {
    #[serde(rename = "NewsId")]
    news_id: String,
    #[serde(rename = "SiteId", default)]
    site_id: Option<String>,
    #[serde(rename = "Header", default)]
    header: Option<String>,
    #[serde(rename = "PublicationDate", default)]
    publication_date: Option<String>,
    #[serde(rename = "ModifiedDate", default)]
    modified_date: Option<String>,
    #[serde(rename = "Preamble", default)]
    preamble: Option<String>,
    #[serde(rename = "BannerImageUrl", default)]
    banner_image_url: Option<String>,
    #[serde(rename = "Body", default)]
    body: Option<String>,
    #[serde(rename = "AuthorDisplayName", default)]
    author: Option<String>,
    #[serde(rename = "altText", default)]
    alt_text: Option<String>,
}

#[derive(Deserialize)]
struct RawArchive {
    #[serde(rename = "NewsItems", default)]
    news_items: Option<Vec<RawNewsItem>>,
}

#[derive(Deserialize)]
struct RawArticle {
    #[serde(rename = "CurrentNewsItem", default)]
    current: Option<RawNewsItem>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

/// Inserts the space SharePoint drops between paragraphs: after every `!`, `,` or `.` directly
/// followed by an ASCII letter, digit or underscore (`"Hej,Nu är"` → `"Hej, Nu är"`), as the
/// upstream app does. Unlike the app, a `.` or `,` between two digits (`8.30`, `3,5`) is left
/// alone.
pub fn space_after_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if matches!(c, '!' | ',' | '.')
            && let Some(&next) = chars.peek()
            && (next.is_ascii_alphanumeric() || next == '_')
        {
            let decimal =
                c != '!' && next.is_ascii_digit() && previous.is_some_and(|p| p.is_ascii_digit());
            if !decimal {
                out.push(' ');
            }
        }
        previous = Some(c);
    }
    out
}

/// The SharePoint site of a news item (`elevstockholm.sharepoint.com,<GUID>,<GUID>`) as the base
/// URL of relative links in its body.
fn base_url(site_id: Option<&str>) -> Option<String> {
    let host = site_id?.split(',').next()?.trim();
    (!host.is_empty() && host.contains('.') && !host.contains(['/', ' ']))
        .then(|| format!("https://{host}/"))
}

fn to_item(raw: RawNewsItem, child: &Child) -> Option<NewsItem> {
    let published = raw.publication_date.as_deref().and_then(parse_date);
    let modified = raw.modified_date.as_deref().and_then(parse_date);
    let published = published.or_else(|| modified.clone())?;
    let body_html = raw.body.unwrap_or_default();
    let base = base_url(raw.site_id.as_deref());
    let mut body_markdown = html_to_markdown(&body_html, base.as_deref());
    if body_markdown.is_empty() {
        body_markdown = " ".to_owned();
    }
    let image = non_empty(raw.banner_image_url).map(|file| NewsImage {
        url: format!("{NEWS_BANNER_URL}{file}"),
        alt_text: non_empty(raw.alt_text),
        needs_session: true,
    });
    Some(NewsItem {
        id: EntityId::for_child(&child.id, EntityKind::News, &raw.news_id),
        child_id: child.id.clone(),
        title: raw.header.unwrap_or_default(),
        intro: non_empty(raw.preamble).map(|p| space_after_punctuation(&p)),
        body_markdown,
        author: non_empty(raw.author),
        published,
        modified,
        image,
        attachments: Vec::new(),
    })
}

/// Parses `GetNewsArchive` into `child`'s news, newest first.
///
/// Mapping as in `stockholm.md`: id from `NewsId`, title `Header`, intro `Preamble` with
/// [`space_after_punctuation`], body Markdown of `Body` (a single space when empty; relative links
/// resolved against the item's SharePoint site), `published`/`modified` from the `/Date()/`
/// values (the Swedish text dates are ignored), banner image behind `NewsBanner` (needs the
/// session). An unparseable `PublicationDate` falls back to `ModifiedDate`; an item with neither
/// is skipped (logged at debug level). Order: newest first by `modified`, else `published`; equal
/// instants in reverse input order (as the upstream app's sort does).
pub fn news_archive(body: &str, child: &Child) -> Result<Vec<NewsItem>> {
    let raw: RawArchive = envelope::required("GetNewsArchive", body)?;
    let raw_items = raw.news_items.unwrap_or_default();
    let total = raw_items.len();
    let mut items: Vec<NewsItem> = raw_items
        .into_iter()
        .filter_map(|r| to_item(r, child))
        .collect();
    if items.len() < total {
        tracing::debug!(
            skipped = total - items.len(),
            "news items without a readable date were skipped"
        );
    }
    newest_first(&mut items, |n| n.sort_instant().clone());
    Ok(items)
}

/// Parses `GetNewsArticle` (`Data.CurrentNewsItem`) with the mapping of [`news_archive`]; an
/// article without a readable date is [`Error::Parse`].
pub fn news_article(body: &str, child: &Child) -> Result<NewsItem> {
    const ENDPOINT: &str = "GetNewsArticle";
    let raw: RawArticle = envelope::required(ENDPOINT, body)?;
    let current = raw
        .current
        .ok_or_else(|| Error::parse(ENDPOINT, "CurrentNewsItem is missing"))?;
    to_item(current, child)
        .ok_or_else(|| Error::parse(ENDPOINT, "the article has no readable date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_spacing() {
        assert_eq!(
            space_after_punctuation(
                "Hej,Nu är problemet löst! Alla betyg syns som de ska.God jul!..."
            ),
            "Hej, Nu är problemet löst! Alla betyg syns som de ska. God jul!..."
        );
        assert_eq!(
            space_after_punctuation("Kära vårdnadshavare!I helgen"),
            "Kära vårdnadshavare! I helgen"
        );
        assert_eq!(space_after_punctuation("Hej.Öppet"), "Hej.Öppet");
        assert_eq!(space_after_punctuation("kl 8.30,3,5 dl"), "kl 8.30,3,5 dl");
        assert_eq!(space_after_punctuation("a.b_c!1"), "a. b_c! 1");
    }

    #[test]
    fn base_url_from_site_id() {
        assert_eq!(
            base_url(Some("elevstockholm.sharepoint.com,27892ACC,A239466A")).as_deref(),
            Some("https://elevstockholm.sharepoint.com/")
        );
        assert_eq!(base_url(Some("")), None);
        assert_eq!(base_url(None), None);
    }
}
