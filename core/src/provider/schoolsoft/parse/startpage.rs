//! The JSP start page `GET {S}jsp/student/right_student_startpage.jsp`: the proof of a web
//! login (`#parent-header-root`), the header's child and guardian, the unread count and the
//! news teasers.

use serde::Serialize;

use super::dom::Page;
use super::util::query_value;

/// What the start page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartPage {
    /// The page is a logged-in page.
    pub logged_in: bool,
    /// The child in the header.
    pub child_name: Option<String>,
    /// The child's school in the header.
    pub school_name: Option<String>,
    /// The child's class in the header.
    pub class_name: Option<String>,
    /// The guardian's first name (menu button).
    pub guardian_first_name: Option<String>,
    /// Unread messages.
    pub unread_messages: Option<u32>,
    /// News teasers.
    pub teasers: Vec<NewsTeaser>,
}

/// A news teaser of the start page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsTeaser {
    /// News id.
    pub id: String,
    /// Category heading.
    pub category: Option<String>,
    /// Title.
    pub title: String,
    /// Teaser text.
    pub teaser: Option<String>,
}

/// Parses the start page (never fails: a login page is `logged_in: false`).
pub fn parse_start_page(html: &str) -> StartPage {
    let page = Page::parse(html);
    let Some(header) = page.by_id("parent-header-root") else {
        return StartPage::default();
    };
    let child_name = header
        .first(Some("p"), Some("MuiTypography-body2"))
        .map(|e| e.text());
    let caption = header
        .first(Some("span"), Some("MuiTypography-caption"))
        .map(|e| e.text())
        .unwrap_or_default();
    let (school, class) = match caption.split_once('|') {
        Some((s, c)) => (s.trim().to_owned(), c.trim().to_owned()),
        None => (caption.trim().to_owned(), String::new()),
    };
    let guardian_first_name = header
        .by_id("menu-button")
        .and_then(|b| b.first(Some("p"), None))
        .map(|p| p.text());
    let unread_messages = header
        .by_id("messages-link-button")
        .and_then(|a| a.text().parse().ok());
    let mut teasers = Vec::new();
    let mut category = None;
    for el in page.elements() {
        if el.tag() == "div" && el.has_class("h3_bold") {
            category = Some(el.text());
        } else if el.tag() == "a" && el.has_class("toplist-item") {
            let Some(id) = el
                .attr("href")
                .filter(|h| h.contains("right_student_news.jsp"))
                .and_then(|h| query_value(&h, "requestid"))
            else {
                continue;
            };
            let divs = el.children();
            let title = divs
                .iter()
                .find(|d| d.has_class("heading_bold"))
                .map(|d| d.text())
                .unwrap_or_default();
            let teaser = divs
                .iter()
                .find(|d| !d.has_class("heading_bold"))
                .map(|d| d.text())
                .filter(|t| !t.is_empty());
            teasers.push(NewsTeaser {
                id,
                category: category.clone(),
                title,
                teaser,
            });
        }
    }
    StartPage {
        logged_in: true,
        child_name: child_name.filter(|n| !n.is_empty()),
        school_name: Some(school).filter(|s| !s.is_empty()),
        class_name: Some(class).filter(|c| !c.is_empty()),
        guardian_first_name: guardian_first_name.filter(|n| !n.is_empty()),
        unread_messages,
        teasers,
    }
}
