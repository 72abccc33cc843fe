//! The background refresh and the change feed against the HTTPS emulator: news added upstream
//! between two runs come back grouped per child, the feed pages since an id, filters by child,
//! looks up by id, marks read by entity and keeps a notified watermark apart from read; a run
//! cancelled from another task or out of budget while the emulator is slow stops at once and
//! leaves the cache readable; a run in a process that was not running resumes the stored
//! session first (or says it expired), and with nobody signed in sends nothing.

use crate::support;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use skolbryggan::client::{BackgroundOutcome, Client, ClientBuilder};
use skolbryggan::model::{EntityId, EntityKind, Platform};
use skolbryggan::provider::stockholm::StockholmChildRef;
use skolbryggan::sync::{CancelToken, Clock, ManualClock};
use skolbryggan_emulator::{EmulatorHandle, Fault, FaultRule};

/// Adds `per_child[i]` news items to the i-th Stockholm child of the emulator's family;
/// returns the children's ids and first names.
fn add_news(emu: &EmulatorHandle, per_child: &[usize]) -> Vec<(EntityId, String)> {
    let mut family = emu.family();
    let children: Vec<_> = family
        .children
        .iter()
        .filter(|c| c.refs.has::<StockholmChildRef>())
        .map(|c| (c.id.clone(), c.first_name.clone()))
        .collect();
    for ((child, _), &count) in children.iter().zip(per_child) {
        let template = family
            .news
            .iter()
            .find(|n| &n.child_id == child)
            .cloned()
            .expect("the demo family has news per child");
        for i in 0..count {
            let mut item = template.clone();
            item.id = EntityId::for_child(child, EntityKind::News, &format!("feed-test-{i}"));
            item.title = format!("Nyhet {i}");
            family.news.push(item);
        }
    }
    emu.set_family(family);
    children
}

/// A client with the week refreshed once (the first fetch makes no feed entries).
async fn warmed(emu: &EmulatorHandle) -> support::LoggedIn {
    let session = support::logged_in(emu, Platform::Stockholm).await;
    let first = support::refresh_week(&session.client).await;
    assert_eq!(first.failures().count(), 0, "{first:?}");
    assert!(session.client.changes(false).await.unwrap().is_empty());
    session
}

/// Older than any news freshness of the school-day default, whatever the time of day.
const STALE: Duration = Duration::from_secs(13 * 3600);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_background_run_reports_new_news_per_child_once() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    let client = &session.client;
    let children = add_news(&emu, &[2, 1]);
    session.clock.advance(STALE);

    let report = client
        .background_refresh(Duration::from_secs(30), CancelToken::new())
        .await
        .unwrap();
    assert_eq!(report.outcome, BackgroundOutcome::Completed);
    let got: BTreeSet<(String, String, usize)> = report
        .children
        .iter()
        .map(|g| {
            (
                g.child_id.to_string(),
                g.first_name.clone(),
                g.changes.len(),
            )
        })
        .collect();
    let want: BTreeSet<(String, String, usize)> = children
        .iter()
        .zip([2usize, 1])
        .map(|((id, name), n)| (id.to_string(), name.clone(), n))
        .collect();
    assert_eq!(
        got, want,
        "two news for the first child, one for the second"
    );
    let ids: Vec<i64> = report
        .children
        .iter()
        .flat_map(|g| g.changes.iter().map(|c| c.id))
        .collect();
    assert_eq!(report.notify_up_to, *ids.iter().max().unwrap());
    assert!(
        report.next_run > session.clock.now(),
        "the next run is later"
    );
    // Only what the background profile asks for was fetched (news, notifications; the
    // children list when stale).
    let refresh = report.refresh.as_ref().unwrap();
    assert!(refresh.resources.iter().all(|r| matches!(
        r.resource.kind.as_str(),
        "news" | "notifications" | "children" | "user"
    )));

    // Posted: the next run reports nothing although nothing was read.
    client.mark_notified(report.notify_up_to).await.unwrap();
    let again = client
        .background_refresh(Duration::from_secs(30), CancelToken::new())
        .await
        .unwrap();
    assert_eq!(again.outcome, BackgroundOutcome::Completed);
    assert!(again.children.is_empty(), "{:?}", again.children);
    assert_eq!(client.changes(true).await.unwrap().len(), 3, "still unread");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_pages_since_an_id_filters_by_child_finds_by_id_and_marks_by_entity() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    let client: &Client = &session.client;
    let children = add_news(&emu, &[3, 2]);
    session.clock.advance(STALE);
    support::refresh_week(client).await;

    let all = client.changes_since(0, None, 100).await.unwrap();
    assert_eq!(all.len(), 5);
    assert!(all.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
    // Paging: two, then the rest after the last id seen.
    let page = client.changes_since(0, None, 2).await.unwrap();
    assert_eq!(page, all[..2]);
    let rest = client.changes_since(page[1].id, None, 100).await.unwrap();
    assert_eq!(rest, all[2..]);
    // One child only.
    let first = &children[0].0;
    let mine = client.changes_since(0, Some(first), 100).await.unwrap();
    assert_eq!(mine.len(), 3);
    assert!(mine.iter().all(|c| &c.child_id == first));
    // By id (a deep link), and an unknown id.
    let one = client.change(all[3].id).await.unwrap();
    assert_eq!(one.as_ref(), Some(&all[3]));
    assert_eq!(client.change(all[4].id + 1000).await.unwrap(), None);

    // Opening the article clears its entry, and only its entry.
    let opened = all[1].entity_id.clone();
    assert_eq!(client.mark_entity_read(&opened).await.unwrap(), 1);
    assert_eq!(client.mark_entity_read(&opened).await.unwrap(), 0, "once");
    let unread = client.changes(true).await.unwrap();
    assert_eq!(unread.len(), 4);
    assert!(unread.iter().all(|c| c.entity_id != opened));

    // Notified is apart from read: the watermark hides entries from `unnotified` only, and
    // never moves back.
    assert_eq!(client.unnotified().await.unwrap().len(), 5);
    client.mark_notified(all[2].id).await.unwrap();
    client.mark_notified(all[0].id).await.unwrap();
    let left = client.unnotified().await.unwrap();
    assert_eq!(
        left,
        client.changes_since(all[2].id, None, 100).await.unwrap()
    );
    assert_eq!(left.len(), 2);
    assert_eq!(
        client.changes(true).await.unwrap().len(),
        4,
        "read unchanged"
    );
}

/// Makes every upstream answer take `ms` milliseconds.
fn slow(emu: &EmulatorHandle, ms: u64) {
    emu.add_fault(FaultRule::always("*", Fault::latency(ms)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_cancelled_from_another_task_stops_at_once_and_the_cache_stays_readable() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    let client = session.client.clone();
    let before = client.week_overview(client.today()).await.unwrap().value;
    add_news(&emu, &[1, 1]);
    session.clock.advance(STALE);
    slow(&emu, 10_000);

    let token = CancelToken::new();
    let canceller = {
        let token = token.clone();
        tokio::spawn(async move {
            // Wait until the slow answers are pending, then cancel (as iOS's expiration
            // handler would).
            tokio::time::sleep(Duration::from_millis(400)).await;
            token.cancel();
        })
    };
    let started = Instant::now();
    let report = client
        .background_refresh(Duration::from_secs(60), token)
        .await
        .unwrap();
    let took = started.elapsed();
    canceller.await.unwrap();
    assert_eq!(report.outcome, BackgroundOutcome::Cancelled);
    assert!(report.refresh.is_none());
    assert!(took < Duration::from_secs(5), "stopped at once: {took:?}");
    assert!(emu.request_log().total > 0, "a request was pending");
    // The cache is readable and unchanged; the next run (the emulator fast again) fetches
    // what the cancelled one did not.
    let after = client.week_overview(client.today()).await.unwrap().value;
    assert_eq!(after, before);
    assert!(client.unnotified().await.unwrap().is_empty());
    emu.clear_faults();
    // No request of the cancelled run is left in flight to be joined: the next run is fast.
    let started = Instant::now();
    let next = client
        .background_refresh(Duration::from_secs(30), CancelToken::new())
        .await
        .unwrap();
    assert_eq!(next.outcome, BackgroundOutcome::Completed);
    assert_eq!(next.children.len(), 2, "{:?}", next.children);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_out_of_budget_reports_it_and_suggests_a_run_soon() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    let client = &session.client;
    session.clock.advance(STALE);
    slow(&emu, 10_000);
    let started = Instant::now();
    let report = client
        .background_refresh(Duration::from_millis(300), CancelToken::new())
        .await
        .unwrap();
    let took = started.elapsed();
    assert_eq!(report.outcome, BackgroundOutcome::BudgetExhausted);
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(5),
        "{took:?}"
    );
    let now = session.clock.now();
    let full = skolbryggan::sync::BackgroundProfile::default();
    assert!(report.next_run > now);
    assert!(
        report.next_run <= full.next_run(now, &skolbryggan::sync::SchoolDay::default()),
        "a cut run asks to run again no later than a full one"
    );
    assert!(client.children().await.is_ok(), "the cache stays readable");
}

#[tokio::test]
async fn an_already_cancelled_token_makes_no_request() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    session.clock.advance(STALE);
    emu.reset_request_log();
    let token = CancelToken::new();
    token.cancel();
    let report = session
        .client
        .background_refresh(Duration::from_secs(30), token)
        .await
        .unwrap();
    assert_eq!(report.outcome, BackgroundOutcome::Cancelled);
    assert_eq!(emu.request_log().total, 0);
}

/// A client opened on `session`'s directory and key, as a process woken for a background run
/// opens it: nothing resumed yet; its clock at `session`'s now plus `later`.
async fn cold_client(emu: &EmulatorHandle, session: &support::LoggedIn, later: Duration) -> Client {
    let clock = Arc::new(ManualClock::new(session.clock.now()));
    clock.advance(later);
    ClientBuilder::new(session.dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(session.secrets.clone())
        .clock(clock)
        .build()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_in_a_cold_process_resumes_the_stored_session_first() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    let children = add_news(&emu, &[1]);
    // The app's process ended; WorkManager or iOS wakes a new one for the run.
    let cold = cold_client(&emu, &session, STALE).await;
    drop(session.client);
    assert!(
        cold.logged_in_providers().is_empty(),
        "nothing resumed at open"
    );
    let before = emu.request_log().total;

    let report = cold
        .background_refresh(Duration::from_secs(30), CancelToken::new())
        .await
        .unwrap();
    assert_eq!(report.outcome, BackgroundOutcome::Completed);
    assert_eq!(cold.logged_in_providers(), vec!["stockholm".to_owned()]);
    assert!(
        emu.request_log().total > before,
        "the run reached the platform"
    );
    assert_eq!(report.children.len(), 1, "{:?}", report.children);
    assert_eq!(report.children[0].child_id, children[0].0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_in_a_cold_process_whose_session_expired_says_so_and_keeps_the_cache() {
    let emu = support::demo_emulator();
    let session = warmed(&emu).await;
    let news = session.client.news(None).await.unwrap().value.len();
    let cold = cold_client(&emu, &session, STALE).await;
    drop(session.client);
    emu.expire_all_sessions();

    let report = cold
        .background_refresh(Duration::from_secs(30), CancelToken::new())
        .await
        .unwrap();
    assert_eq!(report.outcome, BackgroundOutcome::SessionExpired);
    assert!(cold.logged_in_providers().is_empty());
    assert_eq!(cold.news(None).await.unwrap().value.len(), news);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_with_nobody_signed_in_sends_nothing() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let client = ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(Arc::new(skolbryggan::secrets::MemorySecretStore::new()))
        .build()
        .await
        .unwrap();
    let before = emu.request_log().total;
    let err = client
        .background_refresh(Duration::from_secs(30), CancelToken::new())
        .await
        .unwrap_err();
    assert!(matches!(err, skolbryggan::Error::NotLoggedIn), "{err:?}");
    assert_eq!(emu.request_log().total, before);
}
