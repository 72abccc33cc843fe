//! News: the JSP page `GET {S}jsp/student/right_student_news.jsp?type=1` (bodies inline, one
//! `div.accordion-group#accordion-group<id>` per item under `div.h3_bold` category headings) and
//! Eva `GET {S}eva/api/v2/parent/<user>/schools/<org>/news` (JSON).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::dom::{El, Page};
use super::util::{de_id, de_text, local_datetime, swedish_date, zoned};
use crate::error::{Error, Result};
use crate::markdown::html_to_markdown;
use crate::model::{Attachment, Child, EntityId, EntityKind, NewsItem};
use crate::provider::upstream_json::decode;

/// A news item of the JSP page with its category heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JspNews {
    /// The category heading above it ("Rektorn informerar").
    pub category: Option<String>,
    /// The normalized item.
    pub item: NewsItem,
}

/// Parses the JSP news page. `base` is the page's folder (`{S}jsp/student/`) for attachment
/// links; `today` dates "24 aug."-style texts when the hidden date fields are missing.
pub fn parse_news_page(html: &str, child: &Child, base: &str, today: Date) -> Result<Vec<JspNews>> {
    let page = Page::parse(html);
    let mut category = None;
    let mut out = Vec::new();
    for el in page.elements() {
        if el.tag() == "div" && el.has_class("h3_bold") {
            category = Some(el.text()).filter(|t| !t.is_empty());
            continue;
        }
        let Some(id) = el
            .attr("id")
            .and_then(|i| i.strip_prefix("accordion-group").map(str::to_owned))
            .filter(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        if let Some(item) = news_item(&el, &id, child, base, today) {
            out.push(JspNews {
                category: category.clone(),
                item,
            });
        }
    }
    if out.is_empty() && !html.contains("accordion") && !html.contains("content") {
        return Err(Error::parse("right_student_news.jsp", "not a news page"));
    }
    Ok(out)
}

fn hidden_date(group: &El, id: &str) -> Option<Date> {
    let number = |name: &str| -> Option<i16> {
        group
            .by_id(&format!("{name}{id}"))
            .and_then(|e| e.text().parse().ok())
    };
    let year = number("fromDateYear")?;
    let month0 = number("fromDateMonth")?;
    let day = number("fromDateDay")?;
    Date::new(
        year,
        i8::try_from(month0 + 1).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The value after the label `label` in the info column.
fn info_value(group: &El, label: &str) -> Option<String> {
    let info = group.first(Some("div"), Some("inner_right_info"))?;
    let children = info.children();
    let index = children
        .iter()
        .position(|e| e.tag() == "label" && e.text() == label)?;
    children
        .get(index + 1)
        .map(El::text)
        .filter(|t| !t.is_empty())
}

fn news_item(group: &El, id: &str, child: &Child, base: &str, today: Date) -> Option<NewsItem> {
    let title = group.by_id(&format!("name{id}"))?.text();
    let intro = group
        .first(Some("div"), Some("preview-block"))
        .map(|e| e.text())
        .filter(|t| !t.is_empty());
    let date = hidden_date(group, id).or_else(|| {
        group
            .first(Some("div"), Some("accordion-heading-date-wide"))
            .and_then(|e| swedish_date(&e.text(), today))
            .map(|(d, _)| d)
    })?;
    let paragraphs: Vec<String> = group
        .select(Some("p"), Some("tinymce-p"))
        .iter()
        .map(|p| format!("<p>{}</p>", p.inner_html()))
        .collect();
    let body_markdown = html_to_markdown(&paragraphs.join(""), Some(base));
    let attachments = group
        .by_id(&format!("fileAttach{id}"))
        .map(|files| {
            files
                .select(Some("a"), None)
                .iter()
                .filter_map(|a| {
                    let href = a.attr("href")?;
                    if !href.contains("right_student_file_download.jsp") {
                        return None;
                    }
                    let url = url::Url::parse(base).ok()?.join(&href).ok()?.to_string();
                    let name = a
                        .attr("title")
                        .filter(|t| !t.is_empty())
                        .unwrap_or(a.text());
                    Some(Attachment { name, url })
                })
                .collect()
        })
        .unwrap_or_default();
    Some(NewsItem {
        id: EntityId::for_child(&child.id, EntityKind::News, id),
        child_id: child.id.clone(),
        title,
        intro,
        body_markdown,
        author: info_value(group, "Från"),
        published: crate::time::start_of_day(date),
        modified: None,
        image: None,
        attachments,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawEvaNews {
    #[serde(default, deserialize_with = "de_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    cre_date: Option<String>,
    #[serde(default)]
    author: Option<RawAuthor>,
    #[serde(default)]
    has_attachment: bool,
}

#[derive(Deserialize)]
struct RawAuthor {
    #[serde(default, deserialize_with = "de_text")]
    name: Option<String>,
}

/// An Eva news item (the attachment flag is kept: Eva's download is not documented).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EvaNews {
    /// The normalized item.
    pub item: NewsItem,
    /// `hasAttachment`.
    pub has_attachment: bool,
}

/// Parses Eva's news list.
pub fn parse_eva_news(body: &str, child: &Child) -> Result<Vec<EvaNews>> {
    let raw: Vec<RawEvaNews> = decode("news", body)?;
    Ok(raw
        .into_iter()
        .filter_map(|n| {
            let id = n.id?;
            let published = zoned(local_datetime(n.cre_date.as_deref()?)?);
            Some(EvaNews {
                item: NewsItem {
                    id: EntityId::for_child(&child.id, EntityKind::News, &id),
                    child_id: child.id.clone(),
                    title: n.title.unwrap_or_default(),
                    intro: None,
                    body_markdown: html_to_markdown(n.description.as_deref().unwrap_or(""), None),
                    author: n.author.and_then(|a| a.name),
                    published,
                    modified: None,
                    image: None,
                    attachments: Vec::new(),
                },
                has_attachment: n.has_attachment,
            })
        })
        .collect())
}
