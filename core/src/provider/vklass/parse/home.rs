//! `GET /Home/Welcome`: one card per child (today's care time and presence, the next lesson,
//! the day columns with their lunch menu) and the news teasers. The data sits in markup; the
//! enhancer payload of this page is always `'undefined'`.

use jiff::civil::{Date, Weekday};
use serde::Serialize;

use super::dom::{Element, Page};
use super::news::RawArticle;
use crate::error::{Error, Result};
use crate::model::{EntityId, EntityKind, MenuDay};

const ENDPOINT: &str = "Welcome";

/// Today's planned care time as shown (`"07:00"`, `"17:00"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CareSpan {
    /// Start, `HH:MM`.
    pub start: String,
    /// End, `HH:MM`.
    pub end: String,
}

/// The next lesson as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextLesson {
    /// `"mån, 08:10–09:20"`.
    pub when: String,
    /// `"Svenska (4A/SV)"`.
    pub title: String,
}

/// One day column with a lunch menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuColumn {
    /// The heading as shown (`"Idag"`, `"Imorgon"`, `"måndag"`).
    pub title: String,
    /// The dishes, trimmed.
    pub dishes: Vec<String>,
}

impl MenuColumn {
    /// The dishes joined by line breaks.
    pub fn description(&self) -> String {
        self.dishes.join("\n")
    }
}

/// One child's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeCard {
    /// The child's first name.
    pub child: String,
    /// The pupil id, from the next-lesson link (missing without an upcoming lesson).
    pub student_id: Option<String>,
    /// Today's planned care time.
    pub care_time: Option<CareSpan>,
    /// The presence line (`"Ej närvarande"`, `"Utcheckad (15:35)"`), trimmed.
    pub presence: Option<String>,
    /// The next lesson.
    pub next_lesson: Option<NextLesson>,
    /// The day columns that have a lunch menu.
    pub menu: Vec<MenuColumn>,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomePage {
    /// The cards, in page order.
    pub cards: Vec<HomeCard>,
    /// The news teasers (the same objects as the news feed).
    #[serde(skip)]
    pub teasers: Vec<RawArticle>,
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_text(e: &Element, class: &str) -> Option<String> {
    e.first_class(class)
        .map(|x| squash(&x.text()))
        .filter(|t| !t.is_empty())
}

fn display_with_header<'a>(card: &'a [Element], header: &str) -> Option<&'a Element> {
    card.iter().find(|d| {
        d.first_class("vk-display__header")
            .is_some_and(|h| squash(&h.text()).eq_ignore_ascii_case(header))
    })
}

fn card(el: &Element) -> HomeCard {
    let child = first_text(el, "vk-student-card-header__text").unwrap_or_default();
    let displays = el.find(|e| e.has_class("vk-display"));
    let care = display_with_header(&displays, "Omsorgstid");
    let care_time = care
        .and_then(|d| first_text(d, "vk-link__text"))
        .and_then(|t| {
            let (a, b) = t.split_once('-')?;
            Some(CareSpan {
                start: a.trim().to_owned(),
                end: b.trim().to_owned(),
            })
        });
    let presence = care.and_then(|d| first_text(d, "text-bold"));
    let lesson_display = displays.iter().find(|d| {
        d.first_class("vk-display__header")
            .is_some_and(|h| squash(&h.text()).to_lowercase().contains("lektion"))
    });
    let link = lesson_display.and_then(|d| d.first(|e| e.tag() == "a"));
    let student_id = link.as_ref().and_then(|a| a.attr("href")).and_then(|h| {
        let at = h.find("studentIds=")?;
        let rest = h.get(at + "studentIds=".len()..)?;
        let id: String = rest.chars().take_while(char::is_ascii_digit).collect();
        (!id.is_empty()).then_some(id)
    });
    let next_lesson = link.as_ref().and_then(|a| {
        Some(NextLesson {
            when: first_text(a, "vk-link__text")?,
            title: first_text(a, "vk-link__secondary-text").unwrap_or_default(),
        })
    });
    let menu = el
        .find(|e| e.has_class("vk-student-card__day"))
        .iter()
        .filter_map(|day| {
            let title = day.first(|e| e.tag() == "h3").map(|h| squash(&h.text()))?;
            let food = day.first_class("vk-student-card__day__food")?;
            let dishes: Vec<String> = food
                .find(|e| e.tag() == "li")
                .iter()
                .map(|li| li.text().trim().to_owned())
                .filter(|d| !d.is_empty())
                .collect();
            (!dishes.is_empty()).then_some(MenuColumn { title, dishes })
        })
        .collect();
    HomeCard {
        child,
        student_id,
        care_time,
        presence,
        next_lesson,
        menu,
    }
}

/// Parses the home page. A page without `#home-welcome` is [`Error::SessionExpired`] when it
/// is a login page, else [`Error::Parse`].
pub fn parse_home(html: &str) -> Result<HomePage> {
    let page = Page::parse(html);
    if page
        .find(|e| e.attr("id").as_deref() == Some("home-welcome"))
        .is_empty()
    {
        if super::is_login_page(html) {
            return Err(Error::SessionExpired {
                endpoint: ENDPOINT.to_owned(),
            });
        }
        return Err(Error::parse(ENDPOINT, "the page has no home-welcome area"));
    }
    let cards = page
        .find(|e| e.has_class("vk-student-card"))
        .iter()
        .map(card)
        .collect();
    let teasers = page
        .find(|e| e.tag() == "vkau-news-article")
        .iter()
        .filter_map(|e| serde_json::from_str(&e.attr("article.bind")?).ok())
        .collect();
    Ok(HomePage { cards, teasers })
}

fn weekday_named(name: &str) -> Option<Weekday> {
    Some(match name.trim().to_lowercase().as_str() {
        "måndag" => Weekday::Monday,
        "tisdag" => Weekday::Tuesday,
        "onsdag" => Weekday::Wednesday,
        "torsdag" => Weekday::Thursday,
        "fredag" => Weekday::Friday,
        "lördag" => Weekday::Saturday,
        "söndag" => Weekday::Sunday,
        _ => return None,
    })
}

/// The date behind a day heading, relative to the day the page was fetched: `Idag` = `today`,
/// `Imorgon` = the day after, a weekday name = the next such day after `today`.
pub fn column_date(title: &str, today: Date) -> Option<Date> {
    let t = title.trim().to_lowercase();
    if t == "idag" {
        return Some(today);
    }
    if t == "imorgon" {
        return today.tomorrow().ok();
    }
    let wd = weekday_named(&t)?;
    let mut d = today.tomorrow().ok()?;
    for _ in 0..7 {
        if d.weekday() == wd {
            return Some(d);
        }
        d = d.tomorrow().ok()?;
    }
    None
}

/// A card's menu as [`MenuDay`]s of `child`, dated relative to `today`.
pub fn menu_days(card: &HomeCard, child: &EntityId, today: Date) -> Vec<MenuDay> {
    card.menu
        .iter()
        .filter_map(|m| {
            let date = column_date(&m.title, today)?;
            Some(MenuDay {
                id: EntityId::for_child(child, EntityKind::MenuDay, &date.to_string()),
                child_id: child.clone(),
                date,
                title: m.title.clone(),
                dishes: m.dishes.clone(),
            })
        })
        .collect()
}
