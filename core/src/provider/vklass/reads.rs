//! The reads of the Vklass provider, each one custodian call (or a short run of them) with one
//! silent re-login when a password login's session has died.

use jiff::civil::Date;

use super::context::{Context, pupil_id};
use super::login::password;
use super::parse::{self, CalendarEntries, ClassGroup, HomePage};
use super::routes;
use crate::error::{Error, Result};
use crate::model::{
    AttendanceRecord, AttendanceStatus, CareTime, Child, DateRange, EntityId, EntityKind, NewsItem,
};

/// Pages of the news feed read at most.
const MAX_NEWS_PAGES: usize = 20;
/// Care-schedule windows read at most for one range.
const MAX_CARE_WINDOWS: usize = 8;
/// Days per calendar call (Vklass returns little beyond a month).
const CALENDAR_CHUNK_DAYS: i64 = 31;

/// Runs `op`; when the session turns out to be dead and the login was a password login, signs
/// in again once (silently) and retries. Other sessions surface [`Error::SessionExpired`].
pub(crate) async fn with_session<T, F, Fut>(context: &Context, op: F) -> Result<T>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: std::future::Future<Output = Result<T>> + Send,
    T: Send,
{
    match op().await {
        Err(Error::SessionExpired { endpoint }) => {
            let credentials = context
                .credentials
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            let Some((username, secret)) = credentials else {
                return Err(Error::SessionExpired { endpoint });
            };
            match password::login(context, &username, &secret).await {
                Ok(_) => op().await,
                Err(e) => {
                    tracing::debug!(error = %e, "silent Vklass re-login failed");
                    Err(Error::SessionExpired { endpoint })
                }
            }
        }
        other => other,
    }
}

/// The home page.
pub(crate) async fn home(context: &Context) -> Result<HomePage> {
    with_session(context, || async {
        parse::parse_home(&context.get(routes::HOME_WELCOME, &[]).await?)
    })
    .await
}

/// The home card of `child`: by pupil id where the card shows one, else by first name.
pub(crate) fn card_of<'a>(home: &'a HomePage, child: &Child) -> Option<&'a parse::HomeCard> {
    let pupil = pupil_id(child).ok();
    home.cards
        .iter()
        .find(|c| c.student_id.is_some() && c.student_id == pupil)
        .or_else(|| {
            home.cards.iter().find(|c| {
                c.student_id.is_none() && c.child.eq_ignore_ascii_case(child.first_name.trim())
            })
        })
}

/// Today's presence of `child` from the home card, as an attendance record.
pub(crate) fn presence_record(
    card: &parse::HomeCard,
    child: &Child,
    today: Date,
) -> Option<AttendanceRecord> {
    let text = card.presence.clone()?;
    let lower = text.to_lowercase();
    let status = if lower.starts_with("incheckad") || lower.starts_with("utcheckad") {
        AttendanceStatus::Present
    } else {
        AttendanceStatus::Other
    };
    Some(AttendanceRecord {
        id: EntityId::for_child(
            &child.id,
            EntityKind::Attendance,
            &format!("presence/{today}"),
        ),
        child_id: child.id.clone(),
        date: today,
        lesson: None,
        start: None,
        end: None,
        status,
        registration_type: Some(text),
        reason: None,
        comment: None,
        reported_by: None,
        minutes: None,
    })
}

/// Every news article concerning `child`, all pages.
pub(crate) async fn news(context: &Context, child: &Child) -> Result<Vec<NewsItem>> {
    with_session(context, || async {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        for _ in 0..MAX_NEWS_PAGES {
            let url = match &token {
                Some(t) => format!("{}?pageToken={}", routes::NEWS_ARTICLES, routes::encode(t)),
                None => routes::NEWS_ARTICLES.to_owned(),
            };
            let page = parse::parse_news_page(&context.get_json(&url, &[]).await?)?;
            out.extend(
                page.items
                    .iter()
                    .filter(|a| parse::concerns(a, &child.first_name))
                    .filter_map(|a| parse::news_item(a, &child.id)),
            );
            match page.next_page_token {
                Some(next) if Some(&next) != token.as_ref() => token = Some(next),
                _ => break,
            }
        }
        Ok(out)
    })
    .await
}

/// `child`'s calendar over `range`, one call per month at most.
pub(crate) async fn calendar(
    context: &Context,
    child: &Child,
    range: DateRange,
) -> Result<CalendarEntries> {
    let pupil = pupil_id(child)?;
    with_session(context, || async {
        let mut all = CalendarEntries::default();
        let mut first = range.start;
        while first <= range.end {
            let last = first
                .checked_add(jiff::Span::new().days(CALENDAR_CHUNK_DAYS - 1))
                .unwrap_or(range.end)
                .min(range.end);
            let (start, end) = parse::calendar_window(first, last);
            let answer = context
                .post_form(
                    routes::FULL_CALENDAR,
                    &[("students", &pupil), ("start", &start), ("end", &end)],
                    &[("referer", routes::CUSTODIAN_ORIGIN)],
                )
                .await?;
            super::context::check_custodian(&answer)?;
            let part = parse::parse_calendar(&answer.json_text()?, &child.id)?;
            for e in part.events {
                if !all.events.iter().any(|x| x.id == e.id) {
                    all.events.push(e);
                }
            }
            all.lessons.extend(part.lessons);
            all.assignments.extend(part.assignments);
            match last.tomorrow() {
                Ok(next) => first = next,
                Err(_) => break,
            }
        }
        Ok(all)
    })
    .await
}

/// `child`'s care days over `range`, reading window after window.
pub(crate) async fn care_times(
    context: &Context,
    child: &Child,
    range: DateRange,
) -> Result<Vec<CareTime>> {
    let pupil = pupil_id(child)?;
    with_session(context, || async {
        let mut out = Vec::new();
        let mut from = range.start;
        for _ in 0..MAX_CARE_WINDOWS {
            let url = format!("{}?fromDate={from}", routes::CARE_LOAD_DAYS);
            let body = context.get_json(&url, &[("vk-json-load", "true")]).await?;
            let schedule = parse::parse_care_schedule(&body)?;
            if schedule.from_date != from {
                return Err(Error::parse(
                    "LoadDays",
                    "the schedule window is not as requested",
                ));
            }
            out.extend(
                schedule
                    .days
                    .iter()
                    .filter(|d| d.child_id == pupil && d.date >= range.start && d.date <= range.end)
                    .map(|d| d.care_time(&child.id)),
            );
            if schedule.until_date >= range.end {
                break;
            }
            match schedule.until_date.tomorrow() {
                Ok(next) => from = next,
                Err(_) => break,
            }
        }
        Ok(out)
    })
    .await
}

/// The class list.
pub(crate) async fn class_list(context: &Context) -> Result<Vec<ClassGroup>> {
    with_session(context, || async {
        parse::parse_class_list(&context.get(routes::CLASS_LIST, &[]).await?)
    })
    .await
}
