//! The facade an app embeds: one [`Client`] per data directory.
//!
//! A client opens the encrypted cache, logs in to platforms ([`Client::start_login`] returns a
//! [`PendingLogin`] to show and drive), remembers sessions (sealed in the cache) so a restart
//! needs no BankID while the upstream session lives ([`Client::resume_sessions`]), refreshes
//! politely through the [`crate::sync::SyncEngine`], and serves every read from the cache, with
//! how fresh it is ([`Cached`]).
//!
//! ```no_run
//! # async fn run() -> skolbryggan::Result<()> {
//! use skolbryggan::client::ClientBuilder;
//! use skolbryggan::secrets::MemorySecretStore;
//! use std::sync::Arc;
//!
//! let client = ClientBuilder::new("/tmp/skolbryggan")
//!     .secret_store(Arc::new(MemorySecretStore::new()))
//!     .build()
//!     .await?;
//! client.login_demo().await?;
//! client.refresh_week(skolbryggan::time::today(), None).await?;
//! let week = client.week_overview(skolbryggan::time::today()).await?;
//! println!("{} days, stale: {}", week.value.days.len(), week.stale);
//! # Ok(()) }
//! ```

mod background;
mod builder;
mod cached;
mod content;
mod data_changed;
mod export;
mod family;
mod feed;
mod home;
mod legacy_ids;
mod login;
mod menus;
mod organisations;
mod page;
mod platforms;
mod providers;
mod refresh;
mod school_work;
mod sessions;
mod state;
mod writes;

use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use tokio::sync::broadcast;

pub use background::{BackgroundOutcome, BackgroundReport, ChildChanges};
pub use builder::ClientBuilder;
pub use cached::Cached;
pub use content::Content;
pub use data_changed::{DataChanged, WriteAction};
pub use home::NEXT_EVENT_WEEKS;
pub use login::{PendingLogin, ResumeOutcome};
pub use page::{Page, PageRequest};
pub use platforms::PlatformSummary;
pub use providers::provider_name_for;
pub use sessions::{PlatformSession, ResumeReport, ResumeStatus, SessionState};

use crate::cache::{Change, ForgetReport, OpenEvent, RebuildReason, ResourceKind};
use crate::error::{Error, Result};
use crate::model::DateRange;
use crate::model::{
    AccountId, AccountKey, CalendarEvent, Child, Classmate, EntityId, FamilySnapshot, IsoWeek,
    MenuDay, NewsItem, Notification, SchoolContact, Teacher, TimetableLesson, User, WeekOverview,
};
use crate::provider::Provider;
use crate::sync::{Clock, Progress, RefreshReport, RefreshRequest, SyncEngine};
use crate::upstream::UpstreamOverride;

pub(crate) struct Inner {
    pub(crate) engine: SyncEngine,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) upstream: Option<UpstreamOverride>,
    pub(crate) state: state::StateFile,
    pub(crate) account: Mutex<Option<AccountId>>,
    pub(crate) active: Mutex<Vec<Arc<dyn Provider>>>,
    /// Each live platform session's own id namespace (see [`family`]).
    pub(crate) namespaces: family::Namespaces,
    pub(crate) sessions: sessions::SessionBook,
    pub(crate) organisations: organisations::OrganisationChoices,
    pub(crate) events: broadcast::Sender<DataChanged>,
    /// The installation's key of account ids (the cache's, [`crate::cache::Cache::account_key`]).
    pub(crate) account_key: AccountKey,
}

/// The embeddable client. Cheap to clone; all clones share one cache and session set.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

impl Client {
    /// The family whose data the client shows, once logged in or resumed: the cache account
    /// that every platform session the parent logs in to joins (see the `family` module).
    pub fn account(&self) -> Option<AccountId> {
        lock(&self.inner.account).clone()
    }

    fn require_account(&self) -> Result<AccountId> {
        self.account().ok_or(Error::NotLoggedIn)
    }

    /// Names of the providers with a live session.
    pub fn logged_in_providers(&self) -> Vec<String> {
        lock(&self.inner.active)
            .iter()
            .map(|p| p.name().to_owned())
            .collect()
    }

    /// What happened to the cache when the client opened it: created, opened, recovered, or
    /// rebuilt and why.
    pub fn cache_open_event(&self) -> OpenEvent {
        self.inner.engine.cache().open_event().clone()
    }

    /// True when the cache was rebuilt empty at open because the key store had no key for it
    /// (its old files are kept aside until the next successful login): tell the user to log in
    /// again, or to use the key store the cache was made with. Stored sessions then resume
    /// with [`Error::KeyLost`].
    pub fn cache_key_lost(&self) -> bool {
        matches!(
            self.inner.engine.cache().open_event(),
            OpenEvent::Rebuilt {
                reason: RebuildReason::KeyLost
            }
        )
    }

    /// The sync engine (for tests and advanced use).
    pub fn engine(&self) -> &SyncEngine {
        &self.inner.engine
    }

    /// A receiver of [`DataChanged`] events, so a UI can re-render.
    pub fn subscribe(&self) -> broadcast::Receiver<DataChanged> {
        self.inner.events.subscribe()
    }

    pub(crate) fn notify(&self, event: DataChanged) {
        // No subscribers is fine.
        let _ = self.inner.events.send(event);
    }

    /// Today in Sweden, by the client's clock.
    pub fn today(&self) -> Date {
        crate::time::from_timestamp(self.inner.clock.now()).date()
    }

    /// Refreshes what the week view of `date` shows (news, notifications and the week's
    /// calendar, menu and timetable).
    pub async fn refresh_week(
        &self,
        date: Date,
        progress: Option<&(dyn Fn(&Progress) + Send + Sync)>,
    ) -> Result<RefreshReport> {
        self.refresh(&RefreshRequest::week_view(date), progress)
            .await
    }

    async fn read_all(&self) -> Result<Cached<FamilySnapshot>> {
        let account = self.require_account()?;
        let view = self.inner.engine.read_all(&account).await?;
        Ok(Cached::from_view(view))
    }

    /// The cached resources of `kinds` only (one screen's data: no decryption of the rest).
    async fn read(&self, kinds: &'static [ResourceKind]) -> Result<Cached<FamilySnapshot>> {
        let account = self.require_account()?;
        let view = self.inner.engine.read_kinds(&account, kinds).await?;
        Ok(Cached::from_view(view))
    }

    /// The whole cached family (every entity of every platform).
    pub async fn snapshot(&self) -> Result<Cached<FamilySnapshot>> {
        self.read_all().await
    }

    /// The family's week containing `date`, from the cache.
    pub async fn week_overview(&self, date: Date) -> Result<Cached<WeekOverview>> {
        let account = self.require_account()?;
        let view = self
            .inner
            .engine
            .read_week(&account, IsoWeek::containing(date))
            .await?;
        Ok(Cached::from_view(view).map(|s| WeekOverview::build(&s, date)))
    }

    /// The children, across platforms.
    pub async fn children(&self) -> Result<Cached<Vec<Child>>> {
        Ok(self
            .read(&[ResourceKind::Children])
            .await?
            .map(|s| s.children))
    }

    /// News, newest first; only one child's when `child` is given.
    pub async fn news(&self, child: Option<&EntityId>) -> Result<Cached<Vec<NewsItem>>> {
        Ok(self.read(&[ResourceKind::News]).await?.map(|s| {
            let mut items: Vec<NewsItem> = s
                .news
                .into_iter()
                .filter(|n| child.is_none_or(|c| &n.child_id == c))
                .collect();
            items.sort_by(|a, b| b.sort_instant().cmp(a.sort_instant()));
            items
        }))
    }

    /// One news item by id.
    pub async fn news_item(&self, id: &EntityId) -> Result<Cached<Option<NewsItem>>> {
        Ok(self
            .read(&[ResourceKind::News])
            .await?
            .map(|s| s.news.into_iter().find(|n| &n.id == id)))
    }

    /// Calendar events that touch `range`, earliest first.
    pub async fn calendar(
        &self,
        range: DateRange,
        child: Option<&EntityId>,
    ) -> Result<Cached<Vec<CalendarEvent>>> {
        Ok(self.read(&[ResourceKind::Calendar]).await?.map(|s| {
            let mut items: Vec<CalendarEvent> = s
                .calendar
                .into_iter()
                .filter(|e| child.is_none_or(|c| &e.child_id == c))
                .filter(|e| {
                    e.timing.first_date() <= range.end && e.timing.last_date() >= range.start
                })
                .collect();
            items.sort_by_key(|e| e.timing.first_date());
            items
        }))
    }

    /// Notifications, newest first.
    pub async fn notifications(
        &self,
        child: Option<&EntityId>,
    ) -> Result<Cached<Vec<Notification>>> {
        Ok(self.read(&[ResourceKind::Notifications]).await?.map(|s| {
            let mut items: Vec<Notification> = s
                .notifications
                .into_iter()
                .filter(|n| child.is_none_or(|c| &n.child_id == c))
                .collect();
            items.sort_by(|a, b| b.sort_instant().cmp(a.sort_instant()));
            items
        }))
    }

    /// Lunch menus of a week.
    pub async fn menu(
        &self,
        week: IsoWeek,
        child: Option<&EntityId>,
    ) -> Result<Cached<Vec<MenuDay>>> {
        let account = self.require_account()?;
        let view = self.inner.engine.read_week(&account, week).await?;
        Ok(Cached::from_view(view).map(|s| {
            s.menus
                .into_iter()
                .filter(|m| {
                    IsoWeek::containing(m.date) == week && child.is_none_or(|c| &m.child_id == c)
                })
                .collect()
        }))
    }

    /// Lessons of a week, by start.
    pub async fn timetable(
        &self,
        week: IsoWeek,
        child: Option<&EntityId>,
    ) -> Result<Cached<Vec<TimetableLesson>>> {
        let account = self.require_account()?;
        let view = self.inner.engine.read_week(&account, week).await?;
        Ok(Cached::from_view(view).map(|s| {
            let mut items: Vec<TimetableLesson> = s
                .lessons
                .into_iter()
                .filter(|l| IsoWeek::containing(crate::time::local_date(&l.start)) == week)
                .filter(|l| child.is_none_or(|c| &l.child_id == c))
                .collect();
            items.sort_by(|a, b| a.start.cmp(&b.start));
            items
        }))
    }

    /// Classmates with their guardians.
    pub async fn classmates(&self, child: Option<&EntityId>) -> Result<Cached<Vec<Classmate>>> {
        Ok(self.read(&[ResourceKind::Classmates]).await?.map(|s| {
            s.classmates
                .into_iter()
                .filter(|x| child.is_none_or(|c| &x.child_id == c))
                .collect()
        }))
    }

    /// Teachers.
    pub async fn teachers(&self, child: Option<&EntityId>) -> Result<Cached<Vec<Teacher>>> {
        Ok(self.read(&[ResourceKind::Teachers]).await?.map(|s| {
            s.teachers
                .into_iter()
                .filter(|x| child.is_none_or(|c| &x.child_id == c))
                .collect()
        }))
    }

    /// School contacts.
    pub async fn contacts(&self, child: Option<&EntityId>) -> Result<Cached<Vec<SchoolContact>>> {
        Ok(self.read(&[ResourceKind::Contacts]).await?.map(|s| {
            s.contacts
                .into_iter()
                .filter(|x| child.is_none_or(|c| &x.child_id == c))
                .collect()
        }))
    }

    /// The guardian's user records (one per platform).
    pub async fn users(&self) -> Result<Cached<Vec<User>>> {
        Ok(self.read(&[ResourceKind::User]).await?.map(|s| s.users))
    }

    /// The change feed, newest first.
    pub async fn changes(&self, unread_only: bool) -> Result<Vec<Change>> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        let mut feed = blocking(move || cache.changes(&account, unread_only)).await?;
        feed.reverse(); // the cache keeps them oldest first
        Ok(feed)
    }

    /// Marks change-feed entries as read.
    pub async fn mark_read(&self, ids: Vec<i64>) -> Result<()> {
        let account = self.require_account()?;
        let cache = self.inner.engine.cache().clone();
        blocking(move || cache.mark_read(&account, &ids)).await
    }

    /// Logs out of every platform of the family: the sessions are forgotten (a new login needs
    /// BankID), the cached data stays readable offline.
    pub async fn logout(&self) -> Result<()> {
        let account = self.require_account()?;
        let providers: Vec<Arc<dyn Provider>> = std::mem::take(&mut *lock(&self.inner.active));
        let mut names: Vec<String> = self
            .inner
            .state
            .current()
            .filter(|(family, _)| *family == account)
            .map(|(_, names)| names)
            .unwrap_or_default();
        for provider in providers {
            let _ = provider.logout().await;
            if !names.iter().any(|n| n == provider.name()) {
                names.push(provider.name().to_owned());
            }
        }
        for name in names {
            let cache = self.inner.engine.cache().clone();
            let acc = account.clone();
            blocking(move || cache.delete_session(&acc, &name).map(|_| ())).await?;
        }
        self.inner.state.set_providers(&account, &[])?;
        self.inner.namespaces.clear();
        self.inner.sessions.clear();
        self.notify(DataChanged::LoggedOut);
        Ok(())
    }

    /// Signs out of one platform (a registry entry's name, "vklass"): its session is forgotten,
    /// the family's other platforms stay logged in, and the family's cached data (that
    /// platform's included) stays readable offline until refreshed or forgotten. Signing out of
    /// the family's last platform is [`Client::logout`]. [`Error::NotLoggedIn`] when no family
    /// is shown; signing out of a platform without a session is a no-op.
    pub async fn logout_platform(&self, provider: &str) -> Result<()> {
        let account = self.require_account()?;
        let live = {
            let mut active = lock(&self.inner.active);
            let found = active.iter().position(|p| p.name() == provider);
            found.map(|i| active.remove(i))
        };
        if let Some(p) = live {
            let _ = p.logout().await;
        }
        let cache = self.inner.engine.cache().clone();
        let acc = account.clone();
        let name = provider.to_owned();
        blocking(move || cache.delete_session(&acc, &name).map(|_| ())).await?;
        let remaining: Vec<String> = self
            .inner
            .state
            .current()
            .filter(|(family, _)| *family == account)
            .map(|(_, names)| names.into_iter().filter(|n| n != provider).collect())
            .unwrap_or_default();
        self.inner.state.set_providers(&account, &remaining)?;
        self.inner.namespaces.remove(provider);
        self.inner.sessions.remove(provider);
        self.notify(DataChanged::LoggedOut);
        Ok(())
    }

    /// Logs out of every platform and forgets the family: its sessions, every cached entity of
    /// every platform, the change feed, the attached menus and the family's key
    /// (crypto-shredding). The report says what was removed.
    pub async fn forget(&self) -> Result<ForgetReport> {
        let account = self.require_account()?;
        let providers: Vec<Arc<dyn Provider>> = std::mem::take(&mut *lock(&self.inner.active));
        for p in &providers {
            let _ = p.logout().await;
        }
        let report = self.inner.engine.forget(&account, None).await?;
        self.inner.state.remove_account(&account)?;
        *lock(&self.inner.account) = None;
        self.inner.namespaces.clear();
        self.inner.sessions.clear();
        self.notify(DataChanged::LoggedOut);
        Ok(report)
    }
}

pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(_) => Err(crate::cache::CacheError::TaskFailed.into()),
    }
}
