//! A provider that serves a snapshot, counts calls and injects faults.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;

use crate::error::{Error, Result};
use crate::model::{
    AccountId, CalendarEvent, Child, Classmate, EntityKind, FamilySnapshot, IsoWeek, MenuDay,
    NewsItem, Notification, Platform, SchoolContact, Teacher, TimetableLesson, User,
};
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginRequest, Provider, SavedSession,
};
use crate::sync::Clock;

/// A fault the provider can answer with instead of data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// A network error.
    Network,
    /// A timeout.
    Timeout,
    /// The session expired.
    SessionExpired,
    /// HTTP 429 with an optional `Retry-After`.
    RateLimited(Option<Duration>),
    /// HTTP 500.
    ServerError,
    /// An answer that does not parse.
    Parse,
    /// Data of another child than the one asked for.
    WrongChild,
}

impl Fault {
    const RANDOM: [Fault; 7] = [
        Fault::Network,
        Fault::Timeout,
        Fault::SessionExpired,
        Fault::RateLimited(Some(Duration::from_secs(5))),
        Fault::ServerError,
        Fault::Parse,
        Fault::WrongChild,
    ];

    fn error(&self, endpoint: &str) -> Error {
        let endpoint = endpoint.to_owned();
        match self {
            Fault::Network => Error::Network {
                endpoint,
                detail: "connection reset".to_owned(),
                offline: false,
            },
            Fault::Timeout => Error::Timeout { endpoint },
            Fault::SessionExpired => Error::SessionExpired { endpoint },
            Fault::RateLimited(retry_after) => Error::RateLimited {
                endpoint,
                retry_after: *retry_after,
            },
            Fault::ServerError => Error::upstream(endpoint, Some(500), "Internal Server Error"),
            Fault::Parse => Error::parse(endpoint, "expected value at line 1 column 1"),
            // Handled by the caller (it needs data); as an error it is the engine's check.
            Fault::WrongChild => Error::WrongChild { endpoint },
        }
    }
}

struct State {
    snapshot: FamilySnapshot,
    script: VecDeque<Option<Fault>>,
    random_rate: f64,
    rng: fastrand::Rng,
    calls: Vec<(Timestamp, &'static str)>,
}

/// A [`Provider`] over a [`FamilySnapshot`] (no network) that counts its calls and can fail on
/// purpose: a script of faults for the next calls, random faults at a rate, a "down" switch,
/// and latency.
pub struct ScriptedProvider {
    name: &'static str,
    account: AccountId,
    state: Mutex<State>,
    down: AtomicBool,
    latency: Mutex<Duration>,
    clock: Option<Arc<dyn Clock>>,
    calls: AtomicU32,
}

impl std::fmt::Debug for ScriptedProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptedProvider")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl ScriptedProvider {
    /// Serves `snapshot` for `account` under the provider name "stockholm".
    pub fn new(account: AccountId, snapshot: FamilySnapshot) -> Self {
        ScriptedProvider {
            name: "stockholm",
            account,
            state: Mutex::new(State {
                snapshot,
                script: VecDeque::new(),
                random_rate: 0.0,
                rng: fastrand::Rng::with_seed(1),
                calls: Vec::new(),
            }),
            down: AtomicBool::new(false),
            latency: Mutex::new(Duration::ZERO),
            clock: None,
            calls: AtomicU32::new(0),
        }
    }

    /// Serves under the provider name `name` (a second platform beside "stockholm").
    pub fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// Records call times with `clock`.
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Replaces the data served from now on.
    pub fn set_snapshot(&self, snapshot: FamilySnapshot) {
        if let Ok(mut s) = self.state.lock() {
            s.snapshot = snapshot;
        }
    }

    /// Changes the data served from now on.
    pub fn edit(&self, f: impl FnOnce(&mut FamilySnapshot)) {
        if let Ok(mut s) = self.state.lock() {
            f(&mut s.snapshot);
        }
    }

    /// The next calls answer with these, in order (`None`: answer normally).
    pub fn script(&self, faults: impl IntoIterator<Item = Option<Fault>>) {
        if let Ok(mut s) = self.state.lock() {
            s.script.extend(faults);
        }
    }

    /// Every call fails with a random fault with probability `rate` (seeded).
    pub fn random_faults(&self, rate: f64, seed: u64) {
        if let Ok(mut s) = self.state.lock() {
            s.random_rate = rate;
            s.rng = fastrand::Rng::with_seed(seed);
        }
    }

    /// While down, every call fails with a network error.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }

    /// Every call takes this long (real time).
    pub fn set_latency(&self, latency: Duration) {
        if let Ok(mut l) = self.latency.lock() {
            *l = latency;
        }
    }

    /// Calls made so far (data fetches; login calls not counted).
    pub fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }

    /// Times and endpoints of the calls so far (times from the clock given with
    /// [`ScriptedProvider::with_clock`], else the epoch).
    pub fn call_log(&self) -> Vec<(Timestamp, &'static str)> {
        self.state
            .lock()
            .map(|s| s.calls.clone())
            .unwrap_or_default()
    }

    /// Counts the call and decides on a fault.
    async fn enter(&self, endpoint: &'static str) -> Result<Option<Fault>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let now = self
            .clock
            .as_ref()
            .map(|c| c.now())
            .unwrap_or(Timestamp::UNIX_EPOCH);
        let fault = {
            let mut s = self
                .state
                .lock()
                .map_err(|_| Error::InvalidInput("scripted provider poisoned".to_owned()))?;
            s.calls.push((now, endpoint));
            match s.script.pop_front() {
                Some(f) => f,
                None => {
                    let rate = s.random_rate;
                    if rate > 0.0 && s.rng.f64() < rate {
                        let i = s.rng.usize(0..Fault::RANDOM.len());
                        Fault::RANDOM.get(i).cloned()
                    } else {
                        None
                    }
                }
            }
        };
        let latency = self.latency.lock().map(|l| *l).unwrap_or_default();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        } else {
            tokio::task::yield_now().await;
        }
        if self.down.load(Ordering::SeqCst) {
            return Err(Fault::Network.error(endpoint));
        }
        match fault {
            Some(Fault::WrongChild) => Ok(Some(Fault::WrongChild)),
            Some(f) => Err(f.error(endpoint)),
            None => Ok(None),
        }
    }

    fn snapshot(&self) -> FamilySnapshot {
        self.state
            .lock()
            .map(|s| s.snapshot.clone())
            .unwrap_or_default()
    }

    /// Items of `child` (or, for a wrong-child fault, of another child).
    fn pick<T: Clone>(
        &self,
        items: &[T],
        child: &Child,
        wrong: bool,
        child_of: impl Fn(&T) -> &crate::model::EntityId,
        keep: impl Fn(&T) -> bool,
    ) -> Vec<T> {
        let mut out: Vec<T> = items
            .iter()
            .filter(|x| child_of(x) == &child.id && keep(x))
            .cloned()
            .collect();
        if wrong {
            // Another child's item slipped in.
            if let Some(other) = items.iter().find(|x| child_of(x) != &child.id) {
                out.push(other.clone());
            }
        }
        out
    }
}

#[async_trait]
impl Provider for ScriptedProvider {
    fn name(&self) -> &'static str {
        self.name
    }

    fn platforms(&self) -> Vec<Platform> {
        vec![Platform::Stockholm]
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            login_methods: vec![LoginMethod::SavedSession],
            entities: vec![
                EntityKind::User,
                EntityKind::Child,
                EntityKind::News,
                EntityKind::CalendarEvent,
                EntityKind::Notification,
                EntityKind::MenuDay,
                EntityKind::Lesson,
                EntityKind::Classmate,
                EntityKind::Teacher,
                EntityKind::Contact,
            ],
            bankid_without_personal_number: false,
            organisation_required: false,
        }
    }

    async fn start_login(&self, _request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        Err(Error::Unsupported {
            platform: self.name.to_owned(),
            what: "login".to_owned(),
        })
    }

    async fn resume(&self, _saved: &SavedSession) -> Result<User> {
        self.user().await
    }

    fn saved_session(&self) -> Option<SavedSession> {
        Some(SavedSession {
            provider: self.name.to_owned(),
            account: self.account.clone(),
            secret: "SMSESSION=scripted-cookie".to_owned(),
        })
    }

    async fn logout(&self) -> Result<()> {
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        self.enter("GetUser").await?;
        self.snapshot()
            .users
            .first()
            .cloned()
            .ok_or(Error::NotLoggedIn)
    }

    async fn children(&self) -> Result<Vec<Child>> {
        self.enter("GetChildren").await?;
        Ok(self.snapshot().children)
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        let wrong = self.enter("GetNewsArchive").await?.is_some();
        Ok(self.pick(
            &self.snapshot().news,
            child,
            wrong,
            |x| &x.child_id,
            |_| true,
        ))
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        let wrong = self.enter("GetCalendar").await?.is_some();
        Ok(self.pick(
            &self.snapshot().calendar,
            child,
            wrong,
            |x| &x.child_id,
            |e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start,
        ))
    }

    async fn notifications(&self, child: &Child) -> Result<Vec<Notification>> {
        let wrong = self.enter("GetNotifications").await?.is_some();
        Ok(self.pick(
            &self.snapshot().notifications,
            child,
            wrong,
            |x| &x.child_id,
            |_| true,
        ))
    }

    async fn menu(&self, child: &Child, week: IsoWeek) -> Result<Vec<MenuDay>> {
        let wrong = self.enter("GetMenu").await?.is_some();
        Ok(self.pick(
            &self.snapshot().menus,
            child,
            wrong,
            |x| &x.child_id,
            |m| IsoWeek::containing(m.date) == week,
        ))
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        let wrong = self.enter("render/timetable").await?.is_some();
        Ok(self.pick(
            &self.snapshot().lessons,
            child,
            wrong,
            |x| &x.child_id,
            |l| IsoWeek::containing(crate::time::local_date(&l.start)) == week,
        ))
    }

    async fn classmates(&self, child: &Child) -> Result<Vec<Classmate>> {
        let wrong = self.enter("GetClassmates").await?.is_some();
        Ok(self.pick(
            &self.snapshot().classmates,
            child,
            wrong,
            |x| &x.child_id,
            |_| true,
        ))
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        let wrong = self.enter("GetTeachers").await?.is_some();
        Ok(self.pick(
            &self.snapshot().teachers,
            child,
            wrong,
            |x| &x.child_id,
            |_| true,
        ))
    }

    async fn contacts(&self, child: &Child) -> Result<Vec<SchoolContact>> {
        let wrong = self.enter("GetContacts").await?.is_some();
        Ok(self.pick(
            &self.snapshot().contacts,
            child,
            wrong,
            |x| &x.child_id,
            |_| true,
        ))
    }
}
