//! The sync engine against the scripted provider: freshness, coalescing, politeness, failures,
//! the change feed, a fault soak and a simulated parent-day.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use jiff::Timestamp;
use jiff::civil::date;
use skolbryggan::cache::{Cache, ChangeKind, ResourceData, ResourceKind};
use skolbryggan::model::{EventTiming, IsoWeek};
use skolbryggan::provider::Provider;
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{
    BackgroundProfile, Clock, FailureKind, Freshness, ManualClock, Outcome, Progress,
    RefreshRequest, SchoolDay, SyncEngine, SyncSettings,
};
use skolbryggan::testing::{Fault, ScriptedProvider, TestFamily, test_family};

const MIN: u64 = 60;

fn start() -> Timestamp {
    // 06:00 in Stockholm, Wednesday of week 48.
    "2026-11-25T05:00:00Z".parse().unwrap()
}

struct Setup {
    _dir: tempfile::TempDir,
    clock: Arc<ManualClock>,
    engine: SyncEngine,
    provider: Arc<ScriptedProvider>,
    family: TestFamily,
}

fn setup(children: usize, settings: SyncSettings) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let cache =
        Arc::new(Cache::open(dir.path().join("c.db"), Arc::new(MemorySecretStore::new())).unwrap());
    let clock = Arc::new(ManualClock::new(start()));
    let family = test_family(children, date(2026, 11, 23), 2);
    let provider = Arc::new(
        ScriptedProvider::new(family.account.clone(), family.snapshot.clone())
            .with_clock(clock.clone() as Arc<dyn Clock>),
    );
    let engine = SyncEngine::new(cache, clock.clone(), settings);
    Setup {
        _dir: dir,
        clock,
        engine,
        provider,
        family,
    }
}

fn today() -> jiff::civil::Date {
    date(2026, 11, 25)
}

fn week() -> IsoWeek {
    IsoWeek::containing(today())
}

fn dynp(p: &Arc<ScriptedProvider>) -> Arc<dyn Provider> {
    p.clone()
}

#[tokio::test]
async fn a_second_refresh_within_freshness_makes_no_request() {
    let s = setup(3, SyncSettings::fixed(Freshness::default()));
    let done = Arc::new(AtomicUsize::new(0));
    let d2 = done.clone();
    let progress = move |p: &Progress| {
        assert!(p.done <= p.total);
        d2.fetch_add(1, Ordering::SeqCst);
    };
    let first = s
        .engine
        .refresh(
            &s.family.account,
            dynp(&s.provider),
            &RefreshRequest::week_view(today()),
            Some(&progress),
        )
        .await;
    // Children list + 3 children x (news, notifications, calendar, menu, timetable).
    assert_eq!(first.requests(), 16, "{first:#?}");
    assert_eq!(s.provider.calls(), 16);
    assert_eq!(first.fetched(), 16);
    assert_eq!(done.load(Ordering::SeqCst), 16);
    assert!(first.changes.is_empty(), "the first sync is not news");

    s.clock.advance(Duration::from_secs(5 * MIN));
    let second = s
        .engine
        .refresh(
            &s.family.account,
            dynp(&s.provider),
            &RefreshRequest::week_view(today()),
            None,
        )
        .await;
    assert_eq!(second.requests(), 0);
    assert_eq!(s.provider.calls(), 16);
    assert!(second.resources.iter().all(|r| r.outcome == Outcome::Fresh));

    // Reads come from the cache, fresh.
    let view = s.engine.read_week(&s.family.account, week()).await.unwrap();
    assert!(!view.is_stale());
    assert_eq!(view.snapshot.children.len(), 3);
    assert_eq!(view.snapshot.menus.len(), 15);
    // The session was kept (sealed).
    assert!(
        s.engine
            .cache()
            .session(&s.family.account, "stockholm")
            .unwrap()
            .is_some()
    );

    // After 20 minutes only news and notifications are stale.
    s.clock.advance(Duration::from_secs(15 * MIN));
    let third = s
        .engine
        .refresh(
            &s.family.account,
            dynp(&s.provider),
            &RefreshRequest::week_view(today()),
            None,
        )
        .await;
    assert_eq!(third.requests(), 6);
}

#[tokio::test]
async fn concurrent_refreshes_of_the_same_resource_make_one_request() {
    let s = setup(3, SyncSettings::new());
    s.provider.set_latency(Duration::from_millis(20));
    let req = RefreshRequest::week_view(today());
    let (a, b, c) = tokio::join!(
        s.engine
            .refresh(&s.family.account, dynp(&s.provider), &req, None),
        s.engine
            .refresh(&s.family.account, dynp(&s.provider), &req, None),
        s.engine
            .refresh(&s.family.account, dynp(&s.provider), &req, None),
    );
    assert_eq!(s.provider.calls(), 16);
    assert_eq!(a.requests() + b.requests() + c.requests(), 16);
    for r in [&a, &b, &c] {
        assert!(r.failures().next().is_none(), "{r:#?}");
    }
}

#[tokio::test]
async fn at_most_three_requests_in_flight_per_platform() {
    let s = setup(3, SyncSettings::new());
    s.provider.set_latency(Duration::from_millis(5));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    // Sample the provider's concurrency through a wrapper.
    struct Counting {
        inner: Arc<ScriptedProvider>,
        in_flight: Arc<AtomicUsize>,
        peak: Arc<AtomicUsize>,
    }
    impl Counting {
        async fn run<T>(&self, f: impl std::future::Future<Output = T>) -> T {
            let n = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            self.peak.fetch_max(n, Ordering::SeqCst);
            let out = f.await;
            self.in_flight.fetch_sub(1, Ordering::SeqCst);
            out
        }
    }
    use skolbryggan::model::*;
    use skolbryggan::provider::*;
    #[async_trait::async_trait]
    impl Provider for Counting {
        fn name(&self) -> &'static str {
            self.inner.name()
        }
        fn platforms(&self) -> Vec<Platform> {
            self.inner.platforms()
        }
        fn capabilities(&self) -> Capabilities {
            self.inner.capabilities()
        }
        async fn start_login(&self, r: LoginRequest) -> skolbryggan::Result<Box<dyn LoginFlow>> {
            self.inner.start_login(r).await
        }
        async fn resume(&self, s: &SavedSession) -> skolbryggan::Result<User> {
            self.inner.resume(s).await
        }
        fn saved_session(&self) -> Option<SavedSession> {
            self.inner.saved_session()
        }
        async fn logout(&self) -> skolbryggan::Result<()> {
            Ok(())
        }
        async fn user(&self) -> skolbryggan::Result<User> {
            self.run(self.inner.user()).await
        }
        async fn children(&self) -> skolbryggan::Result<Vec<Child>> {
            self.run(self.inner.children()).await
        }
        async fn news(&self, c: &Child) -> skolbryggan::Result<Vec<NewsItem>> {
            self.run(self.inner.news(c)).await
        }
        async fn notifications(&self, c: &Child) -> skolbryggan::Result<Vec<Notification>> {
            self.run(self.inner.notifications(c)).await
        }
        async fn calendar(
            &self,
            c: &Child,
            r: DateRange,
        ) -> skolbryggan::Result<Vec<CalendarEvent>> {
            self.run(self.inner.calendar(c, r)).await
        }
        async fn menu(&self, c: &Child, w: IsoWeek) -> skolbryggan::Result<Vec<MenuDay>> {
            self.run(self.inner.menu(c, w)).await
        }
        async fn timetable(
            &self,
            c: &Child,
            w: IsoWeek,
        ) -> skolbryggan::Result<Vec<TimetableLesson>> {
            self.run(self.inner.timetable(c, w)).await
        }
    }
    let p: Arc<dyn Provider> = Arc::new(Counting {
        inner: s.provider.clone(),
        in_flight: in_flight.clone(),
        peak: peak.clone(),
    });
    let r = s
        .engine
        .refresh(
            &s.family.account,
            p,
            &RefreshRequest::week_view(today()),
            None,
        )
        .await;
    assert_eq!(r.fetched(), 16);
    assert_eq!(peak.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let s = setup(1, SyncSettings::new());
    s.provider
        .script([Some(Fault::RateLimited(Some(Duration::from_secs(30))))]);
    let r = s
        .engine
        .refresh(
            &s.family.account,
            dynp(&s.provider),
            &RefreshRequest::week_view(today()),
            None,
        )
        .await;
    assert!(r.failures().next().is_none(), "{r:#?}");
    let log = s.provider.call_log();
    assert_eq!(log.len(), 7, "one 429, its retry, then five resources");
    let first = log[0].0;
    for (t, _) in &log[1..] {
        assert!(t.duration_since(first) >= jiff::SignedDuration::from_secs(30));
    }

    // A Retry-After longer than the engine waits: the resource fails now, typed, and nothing
    // else is sent to the platform before the time is up.
    s.clock.advance(Duration::from_secs(2 * 3600));
    s.provider
        .script([Some(Fault::RateLimited(Some(Duration::from_secs(600))))]);
    let before = s.provider.calls();
    let r = s
        .engine
        .refresh(
            &s.family.account,
            dynp(&s.provider),
            &RefreshRequest::week_view(today()),
            None,
        )
        .await;
    // Requests already in flight when the 429 came (at most the per-platform limit) finish;
    // nothing new is sent.
    assert!(
        s.provider.calls() <= before + 3,
        "{}",
        s.provider.calls() - before
    );
    assert!(r.failures().count() >= 1);
    assert!(
        r.failures()
            .all(|f| f.failure().unwrap().kind == FailureKind::RateLimited)
    );
    assert!(r.failures().all(|f| matches!(
        f.outcome,
        Outcome::Failed {
            stale_served: true,
            ..
        }
    )));
}

#[tokio::test]
async fn with_upstream_down_reads_return_cached_data_marked_stale() {
    let s = setup(2, SyncSettings::new());
    let req = RefreshRequest::week_view(today());
    s.engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    let fresh = s.engine.read_week(&s.family.account, week()).await.unwrap();
    s.clock.advance(Duration::from_secs(3 * 3600));
    s.provider.set_down(true);
    let r = s
        .engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    assert_eq!(r.fetched(), 0);
    for f in r.failures() {
        assert!(matches!(
            f.failure().unwrap().kind,
            FailureKind::Network | FailureKind::CircuitOpen
        ));
        assert!(matches!(
            f.outcome,
            Outcome::Failed {
                stale_served: true,
                ..
            }
        ));
        assert!(f.fetched_at.is_some());
    }
    // The breaker stopped the hammering: 3 failures open it.
    assert!(r.requests() <= 5, "{}", r.requests());
    let stale = s.engine.read_week(&s.family.account, week()).await.unwrap();
    assert_eq!(stale.snapshot, fresh.snapshot);
    assert!(stale.is_stale());
    assert!(stale.resources.iter().any(|r| r.last_error.is_some()));
}

#[tokio::test]
async fn an_expired_session_is_reported_and_the_data_stays() {
    let s = setup(2, SyncSettings::fixed(Freshness::default()));
    let req = RefreshRequest::week_view(today());
    s.engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    s.clock.advance(Duration::from_secs(2 * 86400));
    s.provider.script([Some(Fault::SessionExpired)]);
    let r = s
        .engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    assert!(r.session_expired);
    assert_eq!(r.requests(), 1, "never retried, nothing else asked");
    assert!(
        r.failures()
            .all(|f| f.failure().unwrap().kind == FailureKind::SessionExpired)
    );
    let view = s.engine.read_all(&s.family.account).await.unwrap();
    assert_eq!(view.snapshot.children.len(), 2);
    assert!(!view.snapshot.news.is_empty());
    // After a new login the next refresh works again.
    let r = s
        .engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    assert!(!r.session_expired);
    assert_eq!(r.fetched(), 11);
}

#[tokio::test]
async fn the_change_feed_records_what_changed_per_child() {
    let s = setup(2, SyncSettings::fixed(Freshness::default()));
    let req = RefreshRequest::week_view(today());
    s.engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    let child0 = s.family.snapshot.children[0].id.clone();
    let child1 = s.family.snapshot.children[1].id.clone();
    s.provider.edit(|f| {
        // A new news item and an updated one for child 0.
        let mut n = f
            .news
            .iter()
            .find(|n| n.child_id == child0)
            .unwrap()
            .clone();
        n.id = skolbryggan::model::EntityId::for_child(
            &child0,
            skolbryggan::model::EntityKind::News,
            "brand-new",
        );
        n.title = "Nytt brev".to_owned();
        f.news.insert(0, n);
        let upd = f
            .news
            .iter_mut()
            .filter(|n| n.child_id == child0)
            .nth(1)
            .unwrap();
        upd.body_markdown.push_str(" Rättelse.");
        // A notification for child 1.
        let mut a = f
            .notifications
            .iter()
            .find(|a| a.child_id == child1)
            .unwrap()
            .clone();
        a.id = skolbryggan::model::EntityId::for_child(
            &child1,
            skolbryggan::model::EntityKind::Notification,
            "new",
        );
        f.notifications.push(a);
        // Child 1's excursion this week moves an hour; child 0's is cancelled.
        let w = week();
        let in_week =
            |e: &skolbryggan::model::CalendarEvent| IsoWeek::containing(e.timing.first_date()) == w;
        let ev = f
            .calendar
            .iter_mut()
            .find(|e| e.child_id == child1 && in_week(e))
            .unwrap();
        if let EventTiming::Timed { start, end } = &mut ev.timing {
            *start = start
                .checked_add(jiff::SignedDuration::from_hours(1))
                .unwrap();
            *end = end
                .checked_add(jiff::SignedDuration::from_hours(1))
                .unwrap();
        }
        f.calendar.retain(|e| !(e.child_id == child0 && in_week(e)));
        // Child 0's menu and child 1's timetable change.
        let m = f
            .menus
            .iter_mut()
            .find(|m| m.child_id == child0 && IsoWeek::containing(m.date) == w)
            .unwrap();
        m.dishes = vec!["Fiskgratäng".to_owned()];
        let l = f
            .lessons
            .iter_mut()
            .find(|l| {
                l.child_id == child1
                    && IsoWeek::containing(skolbryggan::time::local_date(&l.start)) == w
            })
            .unwrap();
        l.room = Some("Aulan".to_owned());
    });
    s.clock.advance(Duration::from_secs(2 * 86400));
    let r = s
        .engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    let kinds = |child: &skolbryggan::model::EntityId| {
        let mut k: Vec<ChangeKind> = r
            .changes
            .iter()
            .filter(|c| &c.child_id == child)
            .map(|c| c.kind)
            .collect();
        k.sort_by_key(|k| format!("{k:?}"));
        k
    };
    assert_eq!(
        kinds(&child0),
        vec![
            ChangeKind::EventCancelled,
            ChangeKind::MenuChanged,
            ChangeKind::NewsAdded,
            ChangeKind::NewsUpdated
        ]
    );
    assert_eq!(
        kinds(&child1),
        vec![
            ChangeKind::EventMoved,
            ChangeKind::NotificationAdded,
            ChangeKind::TimetableChanged
        ]
    );
    let feed = s.engine.cache().changes(&s.family.account, true).unwrap();
    assert_eq!(feed.len(), 7);
    assert!(feed.iter().all(|c| !c.read && c.at == s.clock.now()));
    s.engine
        .cache()
        .mark_read(&s.family.account, &[feed[0].id])
        .unwrap();
    assert_eq!(
        s.engine
            .cache()
            .changes(&s.family.account, true)
            .unwrap()
            .len(),
        6
    );
}

#[tokio::test]
async fn fault_soak() {
    let s = setup(3, SyncSettings::new());
    s.provider.random_faults(0.3, 7);
    let mut req = RefreshRequest::week_view(today());
    req.kinds.push(ResourceKind::Contacts);
    let children: Vec<_> = s
        .family
        .snapshot
        .children
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let mut ever_stored = std::collections::HashSet::new();
    let mut failures = 0usize;
    let mut rng = fastrand::Rng::with_seed(3);
    for i in 0..1000 {
        let r = s
            .engine
            .refresh(&s.family.account, dynp(&s.provider), &req, None)
            .await;
        for res in &r.resources {
            if let Some(f) = res.failure() {
                failures += 1;
                assert_ne!(f.kind, FailureKind::Internal, "untyped failure {f:?}");
                assert_ne!(f.kind, FailureKind::Cache, "cache failure {f:?}");
                assert_ne!(f.kind, FailureKind::Integrity, "integrity failure {f:?}");
            }
            if matches!(res.outcome, Outcome::Fetched { .. }) {
                ever_stored.insert(res.resource.clone());
            }
        }
        // Every 50 refreshes: nothing lost, nothing of another child.
        if i % 50 == 49 {
            for id in &ever_stored {
                let data = s
                    .engine
                    .cache()
                    .get_resource(&s.family.account, id)
                    .unwrap();
                let data = data.unwrap_or_else(|| panic!("lost {id:?}"));
                if let Some(child) = &id.child {
                    assert!(
                        data.child_ids().iter().all(|c| *c == child),
                        "wrong child in {id:?}"
                    );
                }
                if let ResourceData::Children(c) = &data {
                    assert_eq!(c.len(), 3);
                }
            }
        }
        s.clock.advance(Duration::from_secs(rng.u64(1..40) * MIN));
    }
    assert!(
        failures > 100,
        "the soak injected too few faults ({failures})"
    );
    let all = s.engine.read_all(&s.family.account).await.unwrap();
    for child in &children {
        assert!(all.snapshot.news.iter().any(|n| &n.child_id == child));
    }
    assert!(s.engine.cache().integrity_check().unwrap());
}

/// How the background refreshes of a parent-day run.
#[derive(Clone)]
enum Background {
    /// The week view every 15 minutes around the clock (what earlier versions assumed).
    EveryQuarterHour,
    /// The background profile: its kinds, at the times its `next_run` asks for.
    Profile(BackgroundProfile),
}

/// What one parent-day cost and how fresh the opens were.
#[derive(Debug)]
struct Day {
    /// Upstream requests in the day.
    requests: u32,
    /// The most in any one minute.
    max_per_minute: u32,
    /// Every open's week view fresh by the settings, and no failures.
    fresh_at_opens: bool,
    /// The oldest news or notifications shown at an open between 07:00 and 18:00.
    oldest_school_hours: Duration,
    /// The oldest news or notifications shown at any open.
    oldest_any_open: Duration,
}

/// One family-day: 30 app opens between 07:00 and 21:30 (07:07, 07:37, …, 21:37; each shows
/// the week view and refreshes what is stale), plus background refreshes, 3 school children,
/// everything through the engine. Cold: the cache starts empty at 00:00; warm: the previous
/// day's use filled it at 12:00 the day before, which is what a parent's phone has on an
/// ordinary day. Down: the platform is down all day after one filling refresh.
async fn parent_day(settings: SyncSettings, background: Background, down: bool, warm: bool) -> Day {
    let s = setup(3, settings);
    let req = RefreshRequest::week_view(today());
    if warm {
        let yesterday_noon = start()
            .checked_sub(jiff::SignedDuration::from_hours(18))
            .unwrap();
        s.clock.set(yesterday_noon);
        s.engine
            .refresh(&s.family.account, dynp(&s.provider), &req, None)
            .await;
    }
    if down {
        // Start from a filled cache, then the platform goes down for the day.
        s.engine
            .refresh(&s.family.account, dynp(&s.provider), &req, None)
            .await;
        s.provider.set_down(true);
    }
    let base = s.provider.calls();
    let day_start = start()
        .checked_sub(jiff::SignedDuration::from_hours(6))
        .unwrap(); // 00:00 local
    let day_end = day_start
        .checked_add(jiff::SignedDuration::from_hours(24))
        .unwrap();
    s.clock.set(day_start);
    let at = |offset: u64| {
        day_start
            .checked_add(jiff::SignedDuration::from_secs(offset as i64))
            .unwrap()
    };
    // (when, None = an open, Some(request) = a background run)
    let mut events: Vec<(Timestamp, Option<RefreshRequest>)> = Vec::new();
    match &background {
        Background::EveryQuarterHour => {
            events.extend((0..96).map(|i| (at(i * 15 * MIN), Some(req.clone()))));
        }
        Background::Profile(profile) => {
            let day = SchoolDay::default();
            let mut t = day.next_waking(day_start);
            while t < day_end {
                events.push((t, Some(profile.request(today()))));
                t = profile.next_run(t, &day);
            }
        }
    }
    events.extend((0..30).map(|i| (at((7 * 60 + i * 30) * MIN + 7 * MIN), None)));
    events.sort_by_key(|(t, open)| (*t, open.is_none()));
    let school_opens = at(7 * 60 * MIN);
    let school_closes = at(18 * 60 * MIN);
    let mut day = Day {
        requests: 0,
        max_per_minute: 0,
        fresh_at_opens: true,
        oldest_school_hours: Duration::ZERO,
        oldest_any_open: Duration::ZERO,
    };
    for (t, background_request) in events {
        if s.clock.now() < t {
            s.clock.set(t);
        }
        match background_request {
            Some(bg) => {
                s.engine
                    .refresh(&s.family.account, dynp(&s.provider), &bg, None)
                    .await;
            }
            None => {
                // The app shows the cache at once and refreshes what is stale.
                let r = s
                    .engine
                    .refresh(&s.family.account, dynp(&s.provider), &req, None)
                    .await;
                let view = s.engine.read_week(&s.family.account, week()).await.unwrap();
                if !down && (view.is_stale() || r.failures().next().is_some()) {
                    day.fresh_at_opens = false;
                }
                let now = s.clock.now();
                let oldest = view
                    .resources
                    .iter()
                    .filter(|r| {
                        matches!(
                            r.resource.kind,
                            ResourceKind::News | ResourceKind::Notifications
                        )
                    })
                    .map(|r| {
                        r.fetched_at.map_or(Duration::MAX, |f| {
                            Duration::try_from(now.duration_since(f)).unwrap_or(Duration::ZERO)
                        })
                    })
                    .max()
                    .unwrap_or(Duration::MAX);
                day.oldest_any_open = day.oldest_any_open.max(oldest);
                if now >= school_opens && now < school_closes {
                    day.oldest_school_hours = day.oldest_school_hours.max(oldest);
                }
            }
        }
    }
    let log = s.provider.call_log();
    let log = &log[base as usize..];
    for (i, (t, _)) in log.iter().enumerate() {
        let n = log[i..]
            .iter()
            .take_while(|(u, _)| u.duration_since(*t) < jiff::SignedDuration::from_secs(60))
            .count() as u32;
        day.max_per_minute = day.max_per_minute.max(n);
    }
    day.requests = s.provider.calls() - base;
    day
}

/// The school-day default with news and notifications fresh for `school` while school is
/// open (the curve of requests against staleness).
fn school_day_with(school: Duration) -> SyncSettings {
    let mut settings = SyncSettings::new();
    if let Some(day) = settings.school_day.as_mut() {
        day.school.news = school;
        day.school.notifications = school;
    }
    settings
}

fn minutes(d: Duration) -> String {
    if d == Duration::MAX {
        "never fetched".to_owned()
    } else {
        format!("{} min", d.as_secs() / 60)
    }
}

#[tokio::test]
async fn parent_day_request_budget() {
    let profile = || Background::Profile(BackgroundProfile::default());
    // The default: the school day, with the background profile.
    let cold = parent_day(SyncSettings::new(), profile(), false, false).await;
    let warm = parent_day(SyncSettings::new(), profile(), false, true).await;
    println!("parent-day, school-day default: cold {cold:?}, warm {warm:?}");
    for day in [&cold, &warm] {
        assert!(day.fresh_at_opens, "{day:?}");
        // News and notifications are never an hour old at an open while school is open…
        assert!(
            day.oldest_school_hours < Duration::from_secs(60 * MIN),
            "{day:?}"
        );
        // …and at most two hours old at any open.
        assert!(
            day.oldest_any_open < Duration::from_secs(120 * MIN),
            "{day:?}"
        );
    }
    // One fetch of news and notifications per child per hour of school (07:07 … 17:07, 11),
    // two in the evening (19:07, 21:07), the calendar once a day; the cold day adds the first
    // filling of everything (16). 60-minute freshness over 22 opens half an hour apart cannot
    // cost less than 11 rounds of 6 requests.
    assert!(warm.requests <= 13 * 6 + 3 + 1, "{warm:?}");
    assert!(cold.requests <= 13 * 6 + 16, "{cold:?}");

    // The curve: requests against the staleness of news and notifications, per profile.
    println!(
        "| profile | requests, cold day | requests, warm day | oldest news at an open 07–18 | oldest at any open |"
    );
    println!("|---|---|---|---|---|");
    let flat = |news: u64, calendar: u64, week: u64| {
        SyncSettings::fixed(Freshness {
            news: Duration::from_secs(news * MIN),
            notifications: Duration::from_secs(news * MIN),
            calendar: Duration::from_secs(calendar * MIN),
            menu: Duration::from_secs(week * MIN),
            timetable: Duration::from_secs(week * MIN),
            ..Freshness::default()
        })
    };
    let rows: Vec<(String, SyncSettings, Background)> = vec![
        (
            "flat 15 min (earlier default), background every 15 min".to_owned(),
            SyncSettings::fixed(Freshness::default()),
            Background::EveryQuarterHour,
        ),
        (
            "flat 4 h, background every 15 min".to_owned(),
            flat(240, 240, 1440),
            Background::EveryQuarterHour,
        ),
        (
            "flat 1 day (menu, timetable 1 week), background every 15 min".to_owned(),
            flat(1440, 1440, 7 * 1440),
            Background::EveryQuarterHour,
        ),
        (
            "school day, 60 min in school hours (default), background profile".to_owned(),
            SyncSettings::new(),
            profile(),
        ),
        (
            "school day, 60 min in school hours, no background".to_owned(),
            SyncSettings::new(),
            Background::Profile(BackgroundProfile {
                every: Duration::from_secs(48 * 3600),
                ..BackgroundProfile::default()
            }),
        ),
    ];
    let mut rows = rows;
    for school in [61, 90, 120, 180, 240] {
        rows.push((
            format!("school day, {school} min in school hours, background profile"),
            school_day_with(Duration::from_secs(school * MIN)),
            profile(),
        ));
    }
    let mut budgets = Vec::new();
    for (name, settings, background) in rows {
        let cold = parent_day(settings.clone(), background.clone(), false, false).await;
        let warm = parent_day(settings, background, false, true).await;
        println!(
            "| {name} | {} | {} | {} | {} |",
            cold.requests,
            warm.requests,
            minutes(warm.oldest_school_hours),
            minutes(warm.oldest_any_open)
        );
        budgets.push((name, cold.requests, warm.requests));
    }
    // The earlier default: 96 background refreshes x 6 (news + notifications, 3 children) + 24
    // calendar refreshes x 3 + one children list, menu and timetable per child.
    assert_eq!(budgets[0].1, 96 * 6 + 24 * 3 + 7);
    // The daily profile is the floor for this family: one children list + 3 children x 5
    // week-view endpoints.
    assert_eq!(budgets[2].1, 16);
    // Longer staleness never costs more.
    for pair in budgets[3..].windows(2).skip(1) {
        assert!(pair[1].2 <= pair[0].2, "{pair:?}");
    }

    // Upstream down all day: the breaker keeps it to a trickle.
    let down = parent_day(SyncSettings::new(), profile(), true, false).await;
    println!(
        "parent-day, upstream down: {} requests, at most {} in a minute",
        down.requests, down.max_per_minute
    );
    assert!(down.max_per_minute <= 5, "{down:?}");
}

#[tokio::test]
async fn the_demo_provider_syncs_and_the_week_matches() {
    use skolbryggan::provider::demo::{DemoConfig, DemoProvider};
    use skolbryggan::week::WeekOverview;
    let dir = tempfile::tempdir().unwrap();
    let cache =
        Arc::new(Cache::open(dir.path().join("c.db"), Arc::new(MemorySecretStore::new())).unwrap());
    let clock = Arc::new(ManualClock::new(start()));
    let engine = SyncEngine::new(cache, clock, SyncSettings::new());
    let config = DemoConfig::for_date(today());
    let provider = Arc::new(DemoProvider::logged_in(&config));
    let account = config.account.clone();
    let mut req = RefreshRequest::everything(today());
    req.weeks.push(week().next());
    let r = engine.refresh(&account, provider.clone(), &req, None).await;
    assert!(
        r.failures()
            .all(|f| f.failure().unwrap().kind == FailureKind::Unsupported),
        "{r:#?}"
    );
    assert!(r.fetched() > 10);
    let view = engine.read_week(&account, week()).await.unwrap();
    let family = &provider.family().snapshot;
    assert_eq!(view.snapshot.children, family.children);
    // The week built from the cache is the week built from the source.
    assert_eq!(
        WeekOverview::build(&view.snapshot, today()),
        WeekOverview::build(family, today())
    );

    // Logout / forget: session, data and key gone, and the report says so.
    assert!(
        engine.cache().session(&account, "demo").unwrap().is_some()
            || provider.saved_session().is_none()
    );
    let report = engine
        .forget(&account, Some(provider.clone()))
        .await
        .unwrap();
    assert!(report.key_destroyed);
    assert!(report.items_removed > 10);
    let view = engine.read_all(&account).await.unwrap();
    assert!(view.snapshot.children.is_empty() && view.resources.is_empty());
}

#[tokio::test]
async fn a_tampered_cache_heals_on_the_next_refresh() {
    let s = setup(2, SyncSettings::new());
    let req = RefreshRequest::week_view(today());
    s.engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    let path = s.engine.cache().path().to_path_buf();
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        let rows: Vec<(Vec<u8>, Vec<u8>)> = raw
            .prepare("SELECT key, value FROM items")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        for (k, mut v) in rows {
            let last = v.len() - 1;
            v[last] ^= 1;
            raw.execute(
                "UPDATE items SET value = ?1 WHERE key = ?2",
                rusqlite::params![v, k],
            )
            .unwrap();
        }
    }
    let err = s.engine.read_all(&s.family.account).await.unwrap_err();
    assert!(err.is_integrity_failure(), "{err:?}");
    let r = s
        .engine
        .refresh(&s.family.account, dynp(&s.provider), &req, None)
        .await;
    assert!(r.failures().next().is_none(), "{r:#?}");
    assert_eq!(r.fetched(), 11);
    let view = s.engine.read_week(&s.family.account, week()).await.unwrap();
    assert_eq!(view.snapshot.children.len(), 2);
    assert!(!view.is_stale());
}

#[tokio::test]
async fn a_platform_session_of_a_family_is_stored_under_the_family_and_checked_against_its_own_namespace()
 {
    let s = setup(2, SyncSettings::fixed(Freshness::default()));
    // The scripted platform namespaces its ids by its own account; the family is another one.
    let family = skolbryggan::model::AccountId::from_raw("family-of-four-platforms");
    let namespace = s.family.account.clone();
    let report = s
        .engine
        .refresh_session(
            &family,
            &namespace,
            dynp(&s.provider),
            &RefreshRequest::week_view(today()),
            None,
        )
        .await;
    assert_eq!(report.failures().count(), 0, "{report:#?}");
    let view = s.engine.read_week(&family, week()).await.unwrap();
    assert_eq!(view.snapshot.children, s.family.snapshot.children);
    assert!(
        s.engine
            .read_all(&namespace)
            .await
            .unwrap()
            .snapshot
            .children
            .is_empty(),
        "nothing stored under the platform's own namespace"
    );
    let session = s.engine.cache().session(&family, "stockholm").unwrap();
    assert_eq!(session.map(|x| x.account), Some(namespace.clone()));

    // The same children under a namespace that is not the session's: another guardian's.
    let other = skolbryggan::model::AccountId::from_raw("someone-else");
    let forced = RefreshRequest {
        force: true,
        ..RefreshRequest::week_view(today())
    };
    let report = s
        .engine
        .refresh_session(&family, &other, dynp(&s.provider), &forced, None)
        .await;
    let children = report
        .resources
        .iter()
        .find(|r| r.resource.kind == ResourceKind::Children)
        .unwrap();
    assert_eq!(
        children.failure().map(|f| f.kind),
        Some(FailureKind::WrongChild)
    );
    // The family's cached children stay.
    let view = s.engine.read_week(&family, week()).await.unwrap();
    assert_eq!(view.snapshot.children, s.family.snapshot.children);
}
