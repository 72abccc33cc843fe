//! Open the encrypted cache and build the family's week overview from it: the demo family
//! (3 children, a school year of data) stored the way the sync engine stores it.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use skolbryggan::cache::{Cache, CacheOptions};
use skolbryggan::model::IsoWeek;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::secrets::{MemorySecretStore, SecretStore};
use skolbryggan::week::WeekOverview;

fn cache_week(c: &mut Criterion) {
    let day = date(2026, 11, 25);
    let family = DemoFamily::generate(&DemoConfig::for_date(day));
    let account = family.config.account.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
    {
        let cache = Cache::open(&path, Arc::clone(&secrets)).unwrap();
        let n = cache
            .store_snapshot(&account, "demo", &family.snapshot, jiff::Timestamp::now())
            .unwrap();
        cache.checkpoint().unwrap();
        let size = std::fs::metadata(&path).unwrap().len();
        eprintln!(
            "cache: {} children, {n} resources, {} lessons, {} events, {} news, {size} bytes",
            family.snapshot.children.len(),
            family.snapshot.lessons.len(),
            family.snapshot.calendar.len(),
            family.snapshot.news.len()
        );
    }
    let week = IsoWeek::containing(day);
    for verify in [true, false] {
        let name = if verify {
            "cache_week/open_checked_load_build"
        } else {
            "cache_week/open_load_build"
        };
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut options = CacheOptions::new(&path);
                options.verify_on_open = verify;
                let cache = Cache::open_with(options, Arc::clone(&secrets)).unwrap();
                let snapshot = cache.load_week(&account, week).unwrap();
                WeekOverview::build(&snapshot, day)
            })
        });
    }
    let cache = Cache::open(&path, Arc::clone(&secrets)).unwrap();
    c.bench_function("cache_week/load_build_open_cache", |b| {
        b.iter(|| {
            let snapshot = cache.load_week(&account, week).unwrap();
            WeekOverview::build(&snapshot, day)
        })
    });
}

criterion_group!(benches, cache_week);
criterion_main!(benches);
