//! [`Client`]: one family's data — logins, reads from the cache, refresh, change feed. A thin
//! wrapper over `skolbryggan::client::Client`.

use crate::listener_error::tolerate;
use std::sync::Arc;
use std::time::SystemTime;

use skolbryggan::client::{Cached, Client as CoreClient};
use skolbryggan::model::{EntityId, IsoWeek, PersonalNumber};
use skolbryggan::provider::{DateRange, LoginRequest, Password};
use skolbryggan::sync::{Progress, RefreshRequest};
use tokio::sync::broadcast::error::RecvError;

use crate::changes::{Change, ChangePage, DataChangedListener};
use crate::error::{FfiResult, LoginFailureReason, SkolbrygganError};
use crate::login::{LoginMethod, PendingLogin};
use crate::records::{
    CalendarEvent, CalendarPage, Child, Classmate, Lesson, MenuDay, NewsItem, NewsPage,
    NewsSummary, Notification, NotificationPage, SchoolContact, SchoolPlatform, Teacher, User,
    Week, WeekOverview, page, parse_date, timestamp,
};
use crate::refresh::{RefreshListener, RefreshOptions, RefreshProgress, RefreshReport};
use crate::runtime::runtime;
use crate::task_handle::TaskHandle;

/// How fresh cached data is.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Debug)]
pub struct Freshness {
    /// True when some of it is older than its freshness setting or was never fetched: show it,
    /// with a "last updated" hint, and refresh.
    pub stale: bool,
    /// When the oldest part was fetched (none: nothing cached yet).
    pub oldest_fetch: Option<SystemTime>,
}

/// The freshness record of a cached read.
pub(crate) fn freshness<T>(c: &Cached<T>) -> Freshness {
    Freshness {
        stale: c.stale,
        oldest_fetch: c.oldest_fetch.map(timestamp),
    }
}

/// A family's school data: log in, refresh, read. Open one with [`crate::ClientBuilder`].
///
/// Reads come from the encrypted on-device cache and work offline; [`Client::refresh`] updates
/// the cache from the platforms. Every I/O call is async (a Kotlin `suspend fun`, a Swift
/// `async` function, a Python coroutine); cancelling the caller's coroutine stops the work (in
/// Swift use the `…Cancellable` helpers or `cancel()`, as Swift tasks do not cancel Rust
/// futures).
#[derive(uniffi::Object)]
pub struct Client {
    pub(crate) inner: CoreClient,
}

impl Client {
    pub(crate) fn new(inner: CoreClient) -> Self {
        Client { inner }
    }
}

/// Helpers that are not exported.
impl Client {
    fn id(id: Option<String>) -> Option<EntityId> {
        id.map(EntityId::from_raw)
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
        let this_year = self.inner.today().year();
        let parse = |input: &Option<String>| -> FfiResult<Option<PersonalNumber>> {
            match input.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => PersonalNumber::parse(s, this_year).map(Some).ok_or(
                    SkolbrygganError::LoginFailed {
                        reason: LoginFailureReason::InvalidPersonalNumber,
                    },
                ),
            }
        };
        let request = match &method {
            LoginMethod::BankIdSameDevice { personal_number } => LoginRequest::BankId {
                personal_number: parse(personal_number)?,
                other_device: false,
            },
            LoginMethod::BankIdOtherDevice { personal_number } => LoginRequest::BankId {
                personal_number: parse(personal_number)?,
                other_device: true,
            },
            LoginMethod::Freja => LoginRequest::Freja,
            LoginMethod::Browser { redirect_uri } => LoginRequest::Browser {
                redirect_uri: redirect_uri.clone(),
            },
            LoginMethod::Password { username, password } => LoginRequest::Password {
                username: username.trim().to_owned(),
                password: Password::new(password.as_str()),
            },
        };
        let login = self.inner.start_login(platform.into(), request).await?;
        Ok(Arc::new(PendingLogin::new(login)))
    }

    /// Logs in to the built-in demo family (no network): five children on four platforms (and a public lunch
    /// menu) with a whole school year of data. Call `refresh` to fill the cache.
    pub async fn login_demo(&self) -> FfiResult<User> {
        Ok(User::from(&self.inner.login_demo().await?))
    }

    /// Restores the sessions sealed in the cache (call it at app start); returns the guardians
    /// logged in again, empty when none was saved. When every saved session failed, fails with
    /// the first reason — typically `SessionExpired`: log in again (the cache stays readable).
    pub async fn resume_sessions(&self) -> FfiResult<Vec<User>> {
        let outcomes = self.inner.resume_sessions().await?;
        let mut users = Vec::new();
        let mut first_error = None;
        for outcome in outcomes {
            match outcome.result {
                Ok(user) => users.push(User::from(&user)),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match (users.is_empty(), first_error) {
            (true, Some(e)) => Err(e.into()),
            _ => Ok(users),
        }
    }

    /// True when the cache was rebuilt empty at build because the secret store had no key
    /// for it (the saved sessions are gone; `resume_sessions` fails with `KeyLost`): ask the
    /// user to log in again.
    pub fn cache_key_lost(&self) -> FfiResult<bool> {
        Ok(self.inner.cache_key_lost())
    }

    /// True after a login or a resumed session.
    pub fn is_logged_in(&self) -> FfiResult<bool> {
        Ok(!self.inner.logged_in_providers().is_empty())
    }

    /// Fetches what is stale from every logged-in platform into the cache; `listener` sees the
    /// progress. Never fails for one resource: failures are in the report, and
    /// `sessionExpired` says when the user must log in again. Without options: what the week
    /// view of this week shows, where stale.
    #[uniffi::method(default(options = None, listener = None))]
    pub async fn refresh(
        &self,
        options: Option<RefreshOptions>,
        listener: Option<Arc<dyn RefreshListener>>,
    ) -> FfiResult<RefreshReport> {
        let options = options.unwrap_or(RefreshOptions {
            date: None,
            everything: false,
            force: false,
        });
        let date = match options.date.as_deref() {
            Some(d) => parse_date(d)?,
            None => self.inner.today(),
        };
        let mut request = if options.everything {
            RefreshRequest::everything(date)
        } else {
            RefreshRequest::week_view(date)
        };
        request.force = options.force;
        let progress = move |p: &Progress| {
            if let Some(l) = &listener {
                tolerate("RefreshListener", l.on_progress(RefreshProgress::from(p)));
            }
        };
        let report = self.inner.refresh(&request, Some(&progress)).await?;
        Ok(RefreshReport::from(&report))
    }

    /// The children, across platforms.
    pub async fn children(&self) -> FfiResult<Vec<Child>> {
        Ok(self
            .inner
            .children()
            .await?
            .value
            .iter()
            .filter_map(|c| Child::try_from(c).ok())
            .collect())
    }

    /// The family's week (Monday to Sunday) containing `date` (`YYYY-MM-DD`; none: this week):
    /// per day and child the lessons, events, days off, lunch, news and gym clothes.
    #[uniffi::method(default(date = None))]
    pub async fn week_overview(&self, date: Option<String>) -> FfiResult<WeekOverview> {
        let date = match date.as_deref() {
            Some(d) => parse_date(d)?,
            None => self.inner.today(),
        };
        let cached = self.inner.week_overview(date).await?;
        let mut week = WeekOverview::from(&cached.value);
        week.freshness = freshness(&cached);
        Ok(week)
    }

    /// A page of news (one child's, or everyone's), newest first (`limit` 0 means 50).
    pub async fn news(
        &self,
        child_id: Option<String>,
        offset: u32,
        limit: u32,
    ) -> FfiResult<NewsPage> {
        let cached = self.inner.news(Self::id(child_id).as_ref()).await?;
        let fresh = freshness(&cached);
        let p = page(cached.value, offset, limit);
        Ok(NewsPage {
            items: p.items.iter().map(NewsSummary::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
            freshness: fresh,
        })
    }

    /// The full article (Markdown body, attachments) of a news item.
    pub async fn news_article(&self, news_id: String) -> FfiResult<NewsItem> {
        self.inner
            .news_item(&EntityId::from_raw(news_id))
            .await?
            .value
            .as_ref()
            .map(NewsItem::from)
            .ok_or_else(|| SkolbrygganError::invalid("no news item with this id"))
    }

    /// A page of calendar events that touch `from`..=`to` (`YYYY-MM-DD`), earliest first.
    pub async fn calendar(
        &self,
        from: String,
        to: String,
        child_id: Option<String>,
        offset: u32,
        limit: u32,
    ) -> FfiResult<CalendarPage> {
        let range = DateRange::new(parse_date(&from)?, parse_date(&to)?);
        let cached = self
            .inner
            .calendar(range, Self::id(child_id).as_ref())
            .await?;
        let fresh = freshness(&cached);
        let p = page(cached.value, offset, limit);
        Ok(CalendarPage {
            items: p.items.iter().map(CalendarEvent::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
            freshness: fresh,
        })
    }

    /// A page of notifications, newest first.
    pub async fn notifications(
        &self,
        child_id: Option<String>,
        offset: u32,
        limit: u32,
    ) -> FfiResult<NotificationPage> {
        let cached = self
            .inner
            .notifications(Self::id(child_id).as_ref())
            .await?;
        let fresh = freshness(&cached);
        let p = page(cached.value, offset, limit);
        Ok(NotificationPage {
            items: p.items.iter().map(Notification::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
            freshness: fresh,
        })
    }

    /// The lunch menus of a week (one child's, or everyone's).
    pub async fn menu(&self, week: Week, child_id: Option<String>) -> FfiResult<Vec<MenuDay>> {
        let week = IsoWeek::try_from(week)?;
        let cached = self.inner.menu(week, Self::id(child_id).as_ref()).await?;
        Ok(cached.value.iter().map(MenuDay::from).collect())
    }

    /// The lessons of a week (one child's, or everyone's), by start.
    pub async fn timetable(&self, week: Week, child_id: Option<String>) -> FfiResult<Vec<Lesson>> {
        let week = IsoWeek::try_from(week)?;
        let cached = self
            .inner
            .timetable(week, Self::id(child_id).as_ref())
            .await?;
        Ok(cached.value.iter().map(Lesson::from).collect())
    }

    /// Classmates with their guardians (one child's, or everyone's).
    pub async fn classmates(&self, child_id: Option<String>) -> FfiResult<Vec<Classmate>> {
        let cached = self.inner.classmates(Self::id(child_id).as_ref()).await?;
        Ok(cached.value.iter().map(Classmate::from).collect())
    }

    /// Teachers (one child's, or everyone's).
    pub async fn teachers(&self, child_id: Option<String>) -> FfiResult<Vec<Teacher>> {
        let cached = self.inner.teachers(Self::id(child_id).as_ref()).await?;
        Ok(cached.value.iter().map(Teacher::from).collect())
    }

    /// School contacts (one child's, or everyone's).
    pub async fn contacts(&self, child_id: Option<String>) -> FfiResult<Vec<SchoolContact>> {
        let cached = self.inner.contacts(Self::id(child_id).as_ref()).await?;
        Ok(cached.value.iter().map(SchoolContact::from).collect())
    }

    /// The change feed, a page at a time: what refreshes found new or changed, newest first
    /// (`unread_only`: only what is not marked read). `limit` 0 = 50. The feed keeps the newest
    /// 1 000 entries of each account.
    pub async fn changes(
        &self,
        unread_only: bool,
        offset: u32,
        limit: u32,
    ) -> FfiResult<ChangePage> {
        let all = self.inner.changes(unread_only).await?;
        let p = page(all, offset, limit);
        Ok(ChangePage {
            items: p.items.iter().map(Change::from).collect(),
            total: p.total,
            next_offset: p.next_offset,
        })
    }

    /// Marks entries of the change feed read.
    pub async fn mark_read(&self, change_ids: Vec<i64>) -> FfiResult<()> {
        Ok(self.inner.mark_read(change_ids).await?)
    }

    /// Calls `listener` whenever cached data changes (a refresh stored data, a login, a
    /// logout, an expired session), so a UI can read again. Keep the returned handle;
    /// cancelling or destroying it stops the calls.
    pub fn subscribe_changes(
        &self,
        listener: Arc<dyn DataChangedListener>,
    ) -> FfiResult<Arc<TaskHandle>> {
        let mut rx = self.inner.subscribe();
        let task = runtime()?.spawn(async move {
            loop {
                match rx.recv().await {
                    Ok(change) => tolerate(
                        "DataChangedListener",
                        listener.on_data_changed(change.into()),
                    ),
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                }
            }
        });
        Ok(Arc::new(TaskHandle::new(task)))
    }

    /// The cached events (and, with `lessons`, the timetable) of `from`..=`to` as an iCalendar
    /// (RFC 5545) text, for "add to my calendar"; only `child_ids`' when given (all children
    /// when empty, the default). Call `refreshRange(from, to, …)` first for a whole term.
    #[uniffi::method(default(child_ids))]
    pub async fn export_ics(
        &self,
        from: String,
        to: String,
        lessons: bool,
        child_ids: Vec<String>,
    ) -> FfiResult<String> {
        let range = DateRange::new(parse_date(&from)?, parse_date(&to)?);
        let children: Vec<EntityId> = child_ids.into_iter().map(EntityId::from_raw).collect();
        Ok(self.inner.export_ics(range, &children, lessons).await?)
    }

    /// Logs out of every platform. The cache stays readable offline; use [`Client::forget`] to
    /// delete everything.
    pub async fn logout(&self) -> FfiResult<()> {
        Ok(self.inner.logout().await?)
    }

    /// Logs out and forgets the account: sessions, cached data, change feed and the account's
    /// key.
    pub async fn forget(&self) -> FfiResult<()> {
        self.inner.forget().await?;
        Ok(())
    }
}
