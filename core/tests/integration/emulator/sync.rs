//! The sync engine through the client facade against the HTTPS emulator: freshness, coalescing,
//! Retry-After and an upstream outage, counted by the emulator's own request log.

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use skolbryggan::client::Client;
use skolbryggan::model::Platform;
use skolbryggan::provider::stockholm::StockholmChildRef;
use skolbryggan::sync::{Clock, ManualClock};
use skolbryggan_emulator::{EmulatorHandle, Fault, FaultRule};

async fn logged_in(emu: &EmulatorHandle) -> (Client, Arc<ManualClock>, tempfile::TempDir) {
    let session = support::logged_in(emu, Platform::Stockholm).await;
    (session.client, session.clock, session.dir)
}

fn stockholm_children(emu: &EmulatorHandle) -> u64 {
    emu.family()
        .children
        .iter()
        .filter(|c| c.refs.has::<StockholmChildRef>())
        .count() as u64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_refresh_within_freshness_makes_zero_upstream_requests() {
    let emu = support::demo_emulator();
    let (client, _clock, _dir) = logged_in(&emu).await;
    let first = support::refresh_week(&client).await;
    assert_eq!(first.failures().count(), 0, "{first:?}");
    let after_first = emu.request_log().total;
    assert!(after_first > 0);
    let second = support::refresh_week(&client).await;
    assert_eq!(second.requests(), 0);
    assert_eq!(
        emu.request_log().total,
        after_first,
        "no upstream request at all"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_refreshes_of_the_same_resources_make_one_request_each() {
    let emu = support::demo_emulator();
    let (client, _clock, _dir) = logged_in(&emu).await;
    let today = client.today();
    emu.reset_request_log();
    let (a, b, c) = tokio::join!(
        client.refresh_week(today, None),
        client.refresh_week(today, None),
        client.refresh_week(today, None)
    );
    for r in [a, b, c] {
        assert_eq!(r.unwrap().failures().count(), 0);
    }
    let kids = stockholm_children(&emu);
    assert_eq!(
        emu.request_count("GetNewsArchive"),
        kids,
        "one news request per child, not three"
    );
    assert_eq!(emu.request_count("getnotifications"), kids);
    assert_eq!(emu.request_count("GetChildren"), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_with_retry_after_is_honoured() {
    let emu = support::demo_emulator();
    let (client, clock, _dir) = logged_in(&emu).await;
    emu.reset_request_log();
    emu.add_fault(FaultRule::next(
        "getnotifications",
        1,
        Fault::status(429, Some(30)),
    ));
    let before = clock.now();
    let report = support::refresh_week(&client).await;
    assert_eq!(
        report.failures().count(),
        0,
        "the 429 was retried after waiting: {report:?}"
    );
    let waited = clock.now().duration_since(before);
    assert!(
        waited >= jiff::SignedDuration::from_secs(30),
        "waited {waited:?}"
    );
    assert_eq!(
        emu.request_count("getnotifications"),
        stockholm_children(&emu) + 1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_the_upstream_down_reads_return_cached_data_marked_stale() {
    let emu = support::demo_emulator();
    let (client, clock, _dir) = logged_in(&emu).await;
    let today = client.today();
    client.refresh_week(today, None).await.unwrap();
    let fresh = client.week_overview(today).await.unwrap();
    assert!(!fresh.stale);
    drop(emu); // the platform goes away
    // Longer than any news freshness of the school-day default (12 h at night), whatever the
    // time of day the test runs at.
    clock.advance(Duration::from_secs(13 * 3600));
    let report = client.refresh_week(today, None).await.unwrap();
    assert!(report.failures().count() > 0);
    let cached = client.week_overview(today).await.unwrap();
    assert!(cached.stale);
    assert_eq!(cached.value, fresh.value, "the same data, now marked stale");
}
