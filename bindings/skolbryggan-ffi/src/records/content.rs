//! Content: news, calendar, notifications, lunch menus, timetable lessons.

use std::time::SystemTime;

use skolbryggan::model as m;

use super::{date_string, instant, instant_opt};

/// A news banner image.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct NewsImage {
    /// Absolute URL.
    pub url: String,
    /// Alternative text.
    pub alt_text: Option<String>,
    /// True when loading it needs the platform session.
    pub needs_session: bool,
}

/// A file attached to a news item.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Attachment {
    /// File name.
    pub name: String,
    /// Download URL (needs the platform session).
    pub url: String,
}

/// A news item in a list: everything but the body (load it with `newsArticle`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct NewsSummary {
    /// Stable id.
    pub id: String,
    /// The child it was shown for.
    pub child_id: String,
    /// Headline.
    pub title: String,
    /// Short plain-text preamble.
    pub intro: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Published.
    pub published: SystemTime,
    /// Last modified.
    pub modified: Option<SystemTime>,
    /// Banner image.
    pub image: Option<NewsImage>,
}

/// A full news article.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct NewsItem {
    /// The list fields.
    pub summary: NewsSummary,
    /// Body as Markdown.
    pub body_markdown: String,
    /// Attached files.
    pub attachments: Vec<Attachment>,
}

fn image(i: &m::NewsImage) -> NewsImage {
    NewsImage {
        url: i.url.clone(),
        alt_text: i.alt_text.clone(),
        needs_session: i.needs_session,
    }
}

impl From<&m::NewsItem> for NewsSummary {
    fn from(n: &m::NewsItem) -> Self {
        NewsSummary {
            id: n.id.to_string(),
            child_id: n.child_id.to_string(),
            title: n.title.clone(),
            intro: n.intro.clone(),
            author: n.author.clone(),
            published: instant(&n.published),
            modified: instant_opt(n.modified.as_ref()),
            image: n.image.as_ref().map(image),
        }
    }
}

impl From<&m::NewsItem> for NewsItem {
    fn from(n: &m::NewsItem) -> Self {
        NewsItem {
            summary: NewsSummary::from(n),
            body_markdown: n.body_markdown.clone(),
            attachments: n
                .attachments
                .iter()
                .map(|a| Attachment {
                    name: a.name.clone(),
                    url: a.url.clone(),
                })
                .collect(),
        }
    }
}

/// A page of news, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct NewsPage {
    /// The items of this page.
    pub items: Vec<NewsSummary>,
    /// Items in the whole list.
    pub total: u32,
    /// The offset of the next page, none on the last page.
    pub next_offset: Option<u32>,
    /// How fresh the cached list is.
    pub freshness: crate::client::Freshness,
}

/// When an event happens.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
#[uniffi::export(Debug)]
pub enum EventTiming {
    /// Whole days, both inclusive (`YYYY-MM-DD`).
    AllDay {
        /// First day.
        start: String,
        /// Last day (inclusive).
        end: String,
    },
    /// A timed event.
    Timed {
        /// Start.
        start: SystemTime,
        /// End.
        end: SystemTime,
    },
}

/// What sort of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum EventKind {
    /// A school or public holiday.
    Holiday,
    /// A study day (no school).
    StudyDay,
    /// A parent meeting or development talk.
    ParentMeeting,
    /// An excursion.
    Excursion,
    /// A test or deadline.
    Test,
    /// A personal schedule entry.
    Schedule,
    /// Anything else.
    Other,
}

impl From<m::EventKind> for EventKind {
    fn from(k: m::EventKind) -> Self {
        match k {
            m::EventKind::Holiday => EventKind::Holiday,
            m::EventKind::StudyDay => EventKind::StudyDay,
            m::EventKind::ParentMeeting => EventKind::ParentMeeting,
            m::EventKind::Excursion => EventKind::Excursion,
            m::EventKind::Test => EventKind::Test,
            m::EventKind::Schedule => EventKind::Schedule,
            m::EventKind::Other => EventKind::Other,
        }
    }
}

/// A calendar event of a child.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct CalendarEvent {
    /// Stable id.
    pub id: String,
    /// The child.
    pub child_id: String,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Location.
    pub location: Option<String>,
    /// When.
    pub timing: EventTiming,
    /// What sort.
    pub kind: EventKind,
}

impl From<&m::CalendarEvent> for CalendarEvent {
    fn from(e: &m::CalendarEvent) -> Self {
        CalendarEvent {
            id: e.id.to_string(),
            child_id: e.child_id.to_string(),
            title: e.title.clone(),
            description: e.description.clone(),
            location: e.location.clone(),
            timing: match &e.timing {
                m::EventTiming::AllDay { start, end } => EventTiming::AllDay {
                    start: date_string(*start),
                    end: date_string(*end),
                },
                m::EventTiming::Timed { start, end } => EventTiming::Timed {
                    start: instant(start),
                    end: instant(end),
                },
            },
            kind: e.kind.into(),
        }
    }
}

/// A page of calendar events, by start.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct CalendarPage {
    /// The events of this page.
    pub items: Vec<CalendarEvent>,
    /// Events in the whole range.
    pub total: u32,
    /// The offset of the next page, none on the last page.
    pub next_offset: Option<u32>,
    /// How fresh the cached list is.
    pub freshness: crate::client::Freshness,
}

/// A notification.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Notification {
    /// Stable id.
    pub id: String,
    /// The child it is about.
    pub child_id: String,
    /// Sender.
    pub sender: String,
    /// Plain-text message.
    pub message: String,
    /// Link to open with the platform session.
    pub url: Option<String>,
    /// Category ("Lärlogg").
    pub category: Option<String>,
    /// Created.
    pub created: SystemTime,
}

impl From<&m::Notification> for Notification {
    fn from(n: &m::Notification) -> Self {
        Notification {
            id: n.id.to_string(),
            child_id: n.child_id.to_string(),
            sender: n.sender.clone(),
            message: n.message.clone(),
            url: n.url.clone(),
            category: n.category.clone(),
            created: instant(&n.created),
        }
    }
}

/// A page of notifications, newest first.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct NotificationPage {
    /// The items of this page.
    pub items: Vec<Notification>,
    /// Items in the whole list.
    pub total: u32,
    /// The offset of the next page, none on the last page.
    pub next_offset: Option<u32>,
    /// How fresh the cached list is.
    pub freshness: crate::client::Freshness,
}

/// The lunch of one day.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct MenuDay {
    /// The day (`YYYY-MM-DD`).
    pub date: String,
    /// Title ("Tisdag - Vecka 7").
    pub title: String,
    /// Dishes, plain text.
    pub dishes: Vec<String>,
}

impl From<&m::MenuDay> for MenuDay {
    fn from(d: &m::MenuDay) -> Self {
        MenuDay {
            date: date_string(d.date),
            title: d.title.clone(),
            dishes: d.dishes.clone(),
        }
    }
}

/// A timetable lesson.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Lesson {
    /// Stable id.
    pub id: String,
    /// Subject code ("BL", "IDH").
    pub subject_code: String,
    /// Subject name ("Bild").
    pub subject_name: String,
    /// Extra words of the lesson text.
    pub comment: Option<String>,
    /// Teacher.
    pub teacher: Option<String>,
    /// Room.
    pub room: Option<String>,
    /// Start.
    pub start: SystemTime,
    /// End.
    pub end: SystemTime,
}

impl From<&m::TimetableLesson> for Lesson {
    fn from(l: &m::TimetableLesson) -> Self {
        Lesson {
            id: l.id.to_string(),
            subject_code: l.subject.code.clone(),
            subject_name: l.subject.name.clone(),
            comment: l.comment.clone(),
            teacher: l.teacher.clone(),
            room: l.room.clone(),
            start: instant(&l.start),
            end: instant(&l.end),
        }
    }
}
