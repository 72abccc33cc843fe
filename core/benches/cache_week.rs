//! Open the encrypted cache and build the family's week overview from it: the demo family
//! (five children on four platforms, a school year of data) stored the way the sync engine stores it.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use skolbryggan::cache::{Cache, CacheOptions, ResourceKind};
use skolbryggan::model::{AccountId, IsoWeek};
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::secrets::{MemorySecretStore, SecretStore};
use skolbryggan::week::WeekOverview;

/// The demo family of `day`'s school year stored in a fresh encrypted cache file.
struct StoredFamily {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
    secrets: Arc<dyn SecretStore>,
    account: AccountId,
}

fn stored_family(day: jiff::civil::Date) -> StoredFamily {
    let family = DemoFamily::generate(&DemoConfig::for_date(day));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
    let account = family.config.account.clone();
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
    StoredFamily {
        _dir: dir,
        path,
        secrets,
        account,
    }
}

fn cache_week(c: &mut Criterion) {
    let day = date(2026, 11, 25);
    let StoredFamily {
        _dir,
        path,
        secrets,
        account,
    } = stored_family(day);
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

/// One screen's read on an open cache: everything (what every read did before) against only
/// the resources of the kind the screen shows.
fn cache_reads(c: &mut Criterion) {
    let stored = stored_family(date(2026, 11, 25));
    let account = stored.account.clone();
    let cache = Cache::open(&stored.path, Arc::clone(&stored.secrets)).unwrap();
    c.bench_function("cache_read/everything", |b| {
        b.iter(|| cache.load_snapshot(&account).unwrap())
    });
    for (name, kind) in [
        ("cache_read/children", ResourceKind::Children),
        ("cache_read/news", ResourceKind::News),
        ("cache_read/calendar", ResourceKind::Calendar),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| cache.load_kinds(&account, &[kind]).unwrap())
        });
    }
}

criterion_group!(benches, cache_week, cache_reads);
criterion_main!(benches);
