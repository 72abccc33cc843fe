//! The client's refresh over several platforms at once (two scripted providers, one slow, on
//! tokio's paused clock): the wall time is the slowest platform's, not the sum; progress is one
//! count that never goes backwards; a range refresh fetches every week of the range.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jiff::civil::date;
use skolbryggan::cache::ResourceKind;
use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::model::{DateRange, IsoWeek};
use skolbryggan::provider::Provider;
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{ManualClock, Progress, RefreshRequest};
use skolbryggan::testing::{ScriptedProvider, test_family};

const SLOW: Duration = Duration::from_millis(800);
const FAST: Duration = Duration::from_millis(100);

/// A client with the scripted providers of `latencies` active ("stockholm", "second", …).
async fn client(latencies: &[Duration]) -> (Client, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new("2026-11-25T06:30:00Z".parse().unwrap()));
    let client = ClientBuilder::new(dir.path())
        .secret_store(Arc::new(MemorySecretStore::new()))
        .clock(clock)
        .build()
        .await
        .unwrap();
    let family = test_family(2, date(2026, 11, 23), 12);
    let user = family.snapshot.users[0].clone();
    for (i, latency) in latencies.iter().enumerate() {
        let name = ["stockholm", "second"][i];
        let p = ScriptedProvider::new(family.account.clone(), family.snapshot.clone()).named(name);
        p.set_latency(*latency);
        let p: Arc<dyn Provider> = Arc::new(p);
        client.activate_for_tests(p, &user).await.unwrap();
    }
    (client, dir)
}

/// Refreshes the week view and returns the report's fetch count and the virtual time taken.
async fn timed_refresh(client: &Client) -> (usize, Duration) {
    let start = tokio::time::Instant::now();
    let report = client
        .refresh(&RefreshRequest::week_view(date(2026, 11, 25)), None)
        .await
        .unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    (report.fetched(), start.elapsed())
}

#[tokio::test(start_paused = true)]
async fn platforms_refresh_concurrently_in_the_time_of_the_slowest() {
    let (slow, _a) = client(&[SLOW]).await;
    let (fast, _b) = client(&[FAST]).await;
    let (both, _c) = client(&[SLOW, FAST]).await;
    let (slow_n, slow_t) = timed_refresh(&slow).await;
    let (fast_n, fast_t) = timed_refresh(&fast).await;
    let (both_n, both_t) = timed_refresh(&both).await;
    assert_eq!(both_n, slow_n + fast_n, "both platforms fetched everything");
    assert!(slow_t > fast_t * 4, "slow {slow_t:?} fast {fast_t:?}");
    // Concurrent: the slowest platform's time (plus scheduling), well under the sum.
    assert!(both_t < slow_t + FAST, "both {both_t:?} slow {slow_t:?}");
    assert!(
        both_t < slow_t + fast_t,
        "both {both_t:?} sum {:?}",
        slow_t + fast_t
    );
    println!("slow {slow_t:?}, fast {fast_t:?}, both at once {both_t:?}");
}

#[tokio::test(start_paused = true)]
async fn progress_over_two_platforms_is_one_count_that_never_goes_backwards() {
    let (both, _dir) = client(&[SLOW, FAST]).await;
    let request = RefreshRequest::week_view(date(2026, 11, 25));
    // The first refresh learns the children; the second plans over them from the start.
    both.refresh(&request, None).await.unwrap();
    let seen: Arc<Mutex<Vec<(usize, usize)>>> = Arc::default();
    let sink = seen.clone();
    let cb = move |p: &Progress| sink.lock().unwrap().push((p.done, p.total));
    let forced = RefreshRequest {
        force: true,
        ..request
    };
    let report = both.refresh(&forced, Some(&cb)).await.unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), report.resources.len());
    let total = report.resources.len();
    for (i, (done, t)) in seen.iter().enumerate() {
        assert_eq!(*done, i + 1, "done counts every resource of both platforms");
        assert_eq!(*t, total, "the total is known up front: {seen:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn a_range_refresh_fetches_every_week_of_the_range_in_one_call() {
    let (both, _dir) = client(&[FAST, FAST]).await;
    let range = DateRange::new(date(2026, 11, 23), date(2027, 1, 31));
    let report = both.refresh_range(range, None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let weeks = RefreshRequest::range(range).unwrap().weeks;
    assert_eq!(weeks.len(), 10);
    for kind in [ResourceKind::Calendar, ResourceKind::Timetable] {
        let mut fetched: Vec<IsoWeek> = report
            .resources
            .iter()
            .filter(|r| r.resource.kind == kind && r.resource.provider == "second")
            .filter_map(|r| r.resource.week)
            .collect();
        fetched.sort();
        fetched.dedup();
        assert_eq!(fetched, weeks, "{kind:?}");
    }
    let too_long = DateRange::new(date(2026, 1, 1), date(2028, 1, 1));
    assert!(matches!(
        both.refresh_range(too_long, None).await,
        Err(skolbryggan::Error::InvalidInput(_))
    ));
}
