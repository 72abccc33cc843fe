//! [`Client`]: one family's data — logins, reads from the cache, refresh, change feed.

use std::sync::Arc;

use skolbryggan::model::{self as m, EntityId, FamilySnapshot, IsoWeek, PersonalNumber};
use skolbryggan::provider::{DateRange, LoginRequest};
use skolbryggan::week::WeekOverview as CoreWeekOverview;
use tokio::sync::broadcast::error::RecvError;

use crate::backend::Backend;
use crate::changes::{Change, DataChangedListener};
use crate::error::{FfiResult, SkolbrygganError};
use crate::login::{LoginMethod, PendingLogin};
use crate::records::{
    CalendarEvent, CalendarPage, Child, Classmate, Lesson, MenuDay, NewsItem, NewsPage,
    NewsSummary, Notification, NotificationPage, SchoolContact, SchoolPlatform, Teacher, User,
    Week, WeekOverview, page, parse_date,
};
use crate::refresh::{RefreshListener, RefreshReport};
use crate::runtime::runtime;
use crate::task_handle::TaskHandle;

/// A family's school data: log in, refresh, read. Open one with [`crate::ClientBuilder`].
///
/// Reads come from the on-device cache and work offline; [`Client::refresh`] updates the cache
/// from the platforms. Every I/O call is async (a Kotlin `suspend fun`, a Swift `async`
/// function, a Python coroutine); cancelling the caller's coroutine or task stops the work.
#[derive(uniffi::Object)]
pub struct Client {
    backend: Arc<Backend>,
}

impl Client {
    pub(crate) fn new(backend: Arc<Backend>) -> Self {
        Client { backend }
    }
}

/// Helpers that are not exported.
impl Client {
    fn family(&self) -> FfiResult<Arc<FamilySnapshot>> {
        self.backend.snapshot()
    }

    fn child<'a>(family: &'a FamilySnapshot, child_id: &str) -> FfiResult<&'a m::Child> {
        family
            .child(&EntityId::from_raw(child_id))
            .ok_or_else(|| SkolbrygganError::invalid("no child with this id"))
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Starts a login at `platform`. Show the returned login's `prompt()`, then await its
    /// `complete(listener)`. A personal number ending in `1212121212` logs in to the demo family.
    pub async fn start_login(
        &self,
        platform: SchoolPlatform,
        method: LoginMethod,
    ) -> FfiResult<Arc<PendingLogin>> {
        let this_year = skolbryggan::time::today().year();
        let parse = |input: &Option<String>| -> FfiResult<Option<PersonalNumber>> {
            match input.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => PersonalNumber::parse(s, this_year).map(Some).ok_or(
                    SkolbrygganError::LoginFailed {
                        reason: crate::error::LoginFailureReason::InvalidPersonalNumber,
                    },
                ),
            }
        };
        let (request, input) = match &method {
            LoginMethod::BankIdSameDevice { personal_number } => (
                LoginRequest::BankId {
                    personal_number: parse(personal_number)?,
                    other_device: false,
                },
                personal_number.clone(),
            ),
            LoginMethod::BankIdOtherDevice { personal_number } => (
                LoginRequest::BankId {
                    personal_number: parse(personal_number)?,
                    other_device: true,
                },
                personal_number.clone(),
            ),
            LoginMethod::Freja => (LoginRequest::Freja, None),
        };
        let flow = self
            .backend
            .start_login(platform.into(), request, input.as_deref())
            .await?;
        Ok(Arc::new(PendingLogin::new(self.backend.clone(), flow)))
    }

    /// Logs in to the built-in demo family (no network): three children on two platforms with a
    /// whole school year of data, available at once.
    pub async fn login_demo(&self) -> FfiResult<User> {
        Ok(User::from(&self.backend.login_demo().await?))
    }

    /// Restores the sessions saved in the secret store (call it at app start). Returns the
    /// guardians logged in again; empty when nothing was saved. Fails with `SessionExpired`
    /// when a saved session no longer works (the cache stays readable; log in again).
    pub async fn resume_sessions(&self) -> FfiResult<Vec<User>> {
        Ok(self
            .backend
            .resume_sessions()
            .await?
            .iter()
            .map(User::from)
            .collect())
    }

    /// True after a login or a resumed session.
    pub fn is_logged_in(&self) -> bool {
        self.backend.is_logged_in()
    }

    /// Fetches fresh data from the platforms into the cache; `listener` (optional) sees the
    /// progress. Partial failures are listed in the report; `SessionExpired` ends the refresh.
    pub async fn refresh(
        &self,
        listener: Option<Arc<dyn RefreshListener>>,
    ) -> FfiResult<RefreshReport> {
        self.backend
            .refresh(|p| {
                if let Some(l) = &listener {
                    l.on_progress(p);
                }
            })
            .await
    }

    /// The children, across platforms.
    pub async fn children(&self) -> FfiResult<Vec<Child>> {
        Ok(self.family()?.children.iter().map(Child::from).collect())
    }

    /// The family's week (Monday to Sunday) containing `date` (`YYYY-MM-DD`): per day and child
    /// the lessons, events, days off, lunch, news and gym clothes.
    pub async fn week_overview(&self, date: String) -> FfiResult<WeekOverview> {
        let date = parse_date(&date)?;
        let family = self.family()?;
        Ok(WeekOverview::from(&CoreWeekOverview::build(&family, date)))
    }

    /// A page of a child's news, newest first (`limit` 0 means 50).
    pub async fn news(&self, child_id: String, offset: u32, limit: u32) -> FfiResult<NewsPage> {
        let family = self.family()?;
        let child = Self::child(&family, &child_id)?;
        let mut items: Vec<&m::NewsItem> = family
            .news
            .iter()
            .filter(|n| n.child_id == child.id)
            .collect();
        items.sort_by(|a, b| b.sort_instant().cmp(a.sort_instant()));
        let p = page(items, offset, limit);
        Ok(NewsPage {
            items: p.items.into_iter().map(NewsSummary::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
        })
    }

    /// The full article (Markdown body, attachments) of a news item.
    pub async fn news_article(&self, news_id: String) -> FfiResult<NewsItem> {
        let family = self.family()?;
        family
            .news
            .iter()
            .find(|n| n.id.as_str() == news_id)
            .map(NewsItem::from)
            .ok_or_else(|| SkolbrygganError::invalid("no news item with this id"))
    }

    /// A page of every child's calendar events that touch `from`..=`to` (`YYYY-MM-DD`), by start.
    pub async fn calendar(
        &self,
        from: String,
        to: String,
        offset: u32,
        limit: u32,
    ) -> FfiResult<CalendarPage> {
        let range = DateRange::new(parse_date(&from)?, parse_date(&to)?);
        let family = self.family()?;
        let mut items: Vec<&m::CalendarEvent> = family
            .calendar
            .iter()
            .filter(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start)
            .collect();
        items.sort_by_key(|e| e.timing.first_date());
        let p = page(items, offset, limit);
        Ok(CalendarPage {
            items: p.items.into_iter().map(CalendarEvent::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
        })
    }

    /// A page of every child's notifications, newest first.
    pub async fn notifications(&self, offset: u32, limit: u32) -> FfiResult<NotificationPage> {
        let family = self.family()?;
        let mut items: Vec<&m::Notification> = family.notifications.iter().collect();
        items.sort_by(|a, b| b.sort_instant().cmp(a.sort_instant()));
        let p = page(items, offset, limit);
        Ok(NotificationPage {
            items: p.items.into_iter().map(Notification::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
        })
    }

    /// A child's lunch menu for a week, Monday first.
    pub async fn menu(&self, child_id: String, week: Week) -> FfiResult<Vec<MenuDay>> {
        let week = IsoWeek::try_from(week)?;
        let family = self.family()?;
        let child = Self::child(&family, &child_id)?;
        let mut days: Vec<&m::MenuDay> = family
            .menus
            .iter()
            .filter(|d| d.child_id == child.id && IsoWeek::containing(d.date) == week)
            .collect();
        days.sort_by_key(|d| d.date);
        Ok(days.into_iter().map(MenuDay::from).collect())
    }

    /// A child's timetable for a week, by start.
    pub async fn timetable(&self, child_id: String, week: Week) -> FfiResult<Vec<Lesson>> {
        let week = IsoWeek::try_from(week)?;
        let family = self.family()?;
        let child = Self::child(&family, &child_id)?;
        let mut lessons: Vec<&m::TimetableLesson> = family
            .lessons
            .iter()
            .filter(|l| {
                l.child_id == child.id
                    && IsoWeek::containing(skolbryggan::time::local_date(&l.start)) == week
            })
            .collect();
        lessons.sort_by(|a, b| a.start.cmp(&b.start));
        Ok(lessons.into_iter().map(Lesson::from).collect())
    }

    /// A child's classmates with their guardians.
    pub async fn classmates(&self, child_id: String) -> FfiResult<Vec<Classmate>> {
        let family = self.family()?;
        let child = Self::child(&family, &child_id)?;
        Ok(family
            .classmates
            .iter()
            .filter(|c| c.child_id == child.id)
            .map(Classmate::from)
            .collect())
    }

    /// A child's teachers.
    pub async fn teachers(&self, child_id: String) -> FfiResult<Vec<Teacher>> {
        let family = self.family()?;
        let child = Self::child(&family, &child_id)?;
        Ok(family
            .teachers
            .iter()
            .filter(|t| t.child_id == child.id)
            .map(Teacher::from)
            .collect())
    }

    /// Contacts at a child's school.
    pub async fn contacts(&self, child_id: String) -> FfiResult<Vec<SchoolContact>> {
        let family = self.family()?;
        let child = Self::child(&family, &child_id)?;
        Ok(family
            .contacts
            .iter()
            .filter(|c| c.child_id == child.id)
            .map(SchoolContact::from)
            .collect())
    }

    /// The change feed: what is new or changed since earlier refreshes, newest first.
    pub async fn changes(&self, unread_only: bool) -> FfiResult<Vec<Change>> {
        self.backend.changes(unread_only)
    }

    /// Marks entries of the change feed read; returns how many were unread.
    pub async fn mark_read(&self, change_ids: Vec<String>) -> FfiResult<u32> {
        self.backend.mark_read(&change_ids)
    }

    /// Calls `listener` whenever cached data changes (after a refresh, a login, a logout), so a
    /// UI can read again. Keep the returned handle; cancelling or dropping it stops the calls.
    pub fn subscribe_changes(
        &self,
        listener: Arc<dyn DataChangedListener>,
    ) -> FfiResult<Arc<TaskHandle>> {
        let mut rx = self.backend.subscribe();
        let task = runtime()?.spawn(async move {
            loop {
                match rx.recv().await {
                    Ok(kinds) => listener.on_data_changed(kinds),
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                }
            }
        });
        Ok(Arc::new(TaskHandle::new(task)))
    }

    /// The events (and, with `lessons`, the timetable) of `from`..=`to` as an iCalendar (RFC
    /// 5545) text, for "add to my calendar".
    pub async fn export_ics(&self, from: String, to: String, lessons: bool) -> FfiResult<String> {
        let range = DateRange::new(parse_date(&from)?, parse_date(&to)?);
        let family = self.family()?;
        let options = skolbryggan::ics::ExportOptions {
            range: Some(range),
            lessons,
            ..Default::default()
        };
        Ok(skolbryggan::ics::export(&family, &options))
    }

    /// Logs out of every platform. The cache stays (it is encrypted and readable after the next
    /// login); use [`Client::forget`] to delete everything.
    pub async fn logout(&self) -> FfiResult<()> {
        self.backend.logout().await
    }

    /// Logs out and deletes the cache, its key and every saved session.
    pub async fn forget(&self) -> FfiResult<()> {
        self.backend.forget().await
    }

    /// True when this client talks to an emulator instead of the real platforms.
    pub fn uses_emulator(&self) -> bool {
        self.backend.uses_emulator()
    }
}
