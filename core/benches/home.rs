//! The home cards of the demo family at scale 1 and 10: the pure build over the whole
//! generated school year, and `Client::family_home` end to end (encrypted cache read of the
//! resources the cards need, the unread change feed, the build).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::home::{FamilyHome, HomeInputs, PlatformSession, SessionState};
use skolbryggan::model::Platform;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::ManualClock;

fn inputs(day: jiff::civil::Date) -> HomeInputs {
    HomeInputs {
        date: day,
        now: skolbryggan::time::local(day.at(7, 30, 0, 0)).timestamp(),
        unread: Vec::new(),
        resources: Vec::new(),
        sessions: vec![PlatformSession {
            provider: "demo".to_owned(),
            platforms: vec![Platform::Stockholm, Platform::InfoMentor],
            state: SessionState::LoggedIn,
        }],
    }
}

/// A demo client whose cache holds the scale-`scale` family's whole school year.
fn client(
    rt: &tokio::runtime::Runtime,
    day: jiff::civil::Date,
    scale: u32,
) -> (Client, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let now = skolbryggan::time::local(day.at(7, 30, 0, 0)).timestamp();
    let client = rt.block_on(async {
        let client = ClientBuilder::new(dir.path())
            .secret_store(Arc::new(MemorySecretStore::new()))
            .clock(Arc::new(ManualClock::new(now)))
            .build()
            .await
            .unwrap();
        client.login_demo().await.unwrap();
        client
    });
    let family = DemoFamily::generate(&DemoConfig::for_date(day).with_scale(scale));
    let n = client
        .engine()
        .cache()
        .store_snapshot(&client.account().unwrap(), "demo", &family.snapshot, now)
        .unwrap();
    eprintln!(
        "scale {scale}: {} children, {n} resources cached",
        family.snapshot.children.len()
    );
    (client, dir)
}

fn home(c: &mut Criterion) {
    let day = date(2026, 11, 25);
    for scale in [1u32, 10] {
        let family = DemoFamily::generate(&DemoConfig::for_date(day).with_scale(scale)).snapshot;
        let inputs = inputs(day);
        c.bench_function(&format!("home/build_year_snapshot/scale_{scale}"), |b| {
            b.iter(|| FamilyHome::build(std::hint::black_box(&family), &inputs))
        });
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    for scale in [1u32, 10] {
        let (client, _dir) = client(&rt, day, scale);
        let cards = rt.block_on(client.family_home(Some(day))).unwrap();
        assert_eq!(cards.value.children.len(), 3 * scale as usize);
        c.bench_function(&format!("home/client_family_home/scale_{scale}"), |b| {
            b.iter(|| rt.block_on(client.family_home(Some(day))).unwrap())
        });
        let range = client.school_year(Some(day));
        c.bench_function(&format!("home/client_year_wheel/scale_{scale}"), |b| {
            b.iter(|| rt.block_on(client.year_wheel(range)).unwrap())
        });
    }
}

criterion_group!(benches, home);
criterion_main!(benches);
