//! Crash safety: a child process syncs in a loop and is killed with SIGKILL at random points;
//! every time the database opens, passes `PRAGMA integrity_check`, and holds at least the last
//! generation the child reported as committed.
//!
//! The child is this test binary re-executed with `CRASH_CHILD_DB` set, running only
//! `crash_child_process`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::date;
use skolbryggan::cache::{Cache, ResourceData, ResourceId, ResourceKind};
use skolbryggan::model::{AccountId, IsoWeek};
use skolbryggan::provider::Provider;
use skolbryggan::secrets::{FileSecretStore, SecretStore};
use skolbryggan::sync::{ManualClock, RefreshRequest, SyncEngine, SyncSettings};
use skolbryggan::testing::{ScriptedProvider, test_family};

const ROUNDS: usize = 100;

fn generation_of(cache: &Cache, account: &AccountId) -> Option<u64> {
    let child = test_family(2, date(2026, 11, 23), 1).snapshot.children[0]
        .id
        .clone();
    let id = ResourceId::child(
        "stockholm",
        &child,
        ResourceKind::News,
        IsoWeek::containing(date(2026, 11, 25)),
    );
    match cache.get_resource(account, &id).unwrap()? {
        ResourceData::News(items) => items
            .first()
            .and_then(|n| n.title.strip_prefix("gen "))
            .and_then(|g| g.parse().ok()),
        _ => None,
    }
}

/// The child: refreshes forever, the news title carrying a generation number, and prints
/// "committed N" after each refresh that stored generation N.
#[test]
fn crash_child_process() {
    let Ok(db) = std::env::var("CRASH_CHILD_DB") else {
        return; // Only runs when re-executed by the parent.
    };
    let keys = std::env::var("CRASH_CHILD_KEYS").unwrap();
    let start_gen: u64 = std::env::var("CRASH_CHILD_GEN").unwrap().parse().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let secrets: Arc<dyn SecretStore> = Arc::new(FileSecretStore::new(keys));
        let cache = Arc::new(Cache::open(&db, secrets).unwrap());
        let family = test_family(2, date(2026, 11, 23), 1);
        let provider = Arc::new(ScriptedProvider::new(
            family.account.clone(),
            family.snapshot.clone(),
        ));
        let clock = Arc::new(ManualClock::new("2026-11-25T07:00:00Z".parse().unwrap()));
        let engine = SyncEngine::new(cache, clock, SyncSettings::new());
        let mut req = RefreshRequest::week_view(date(2026, 11, 25));
        req.force = true;
        let mut generation = start_gen;
        loop {
            generation += 1;
            let g = generation;
            provider.edit(move |f| {
                for n in &mut f.news {
                    n.title = format!("gen {g}");
                }
            });
            let p: Arc<dyn Provider> = provider.clone();
            let r = engine.refresh(&family.account, p, &req, None).await;
            assert!(r.failures().next().is_none());
            println!("committed {g}");
        }
    });
}

#[test]
fn killed_while_syncing_the_cache_stays_sound() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cache.db");
    let keys = dir.path().join("keys");
    let exe = std::env::current_exe().unwrap();
    // The child's test name inside the one integration binary: `cache::crash::crash_child_process`.
    let child_test = format!(
        "{}::crash_child_process",
        module_path!().split_once("::").unwrap().1
    );
    let account = test_family(2, date(2026, 11, 23), 1).account;
    let mut rng = fastrand::Rng::with_seed(11);
    let started = Instant::now();
    let mut last_committed = 0u64;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                child_test.as_str(),
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("CRASH_CHILD_DB", &db)
            .env("CRASH_CHILD_KEYS", &keys)
            .env("CRASH_CHILD_GEN", last_committed.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Kill after a random number of commits (0 = during start-up or the first sync), plus a
        // random extra delay so the kill lands at a random point inside a refresh.
        let commits_before_kill = rng.usize(0..4);
        let extra = Duration::from_micros(rng.u64(0..3000));
        let mut lines = BufReader::new(stdout).lines();
        let mut seen = 0;
        while seen < commits_before_kill {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(g) = line.strip_prefix("committed ") {
                        last_committed = g.trim().parse().unwrap();
                        seen += 1;
                    }
                }
                _ => break,
            }
        }
        std::thread::sleep(extra);
        child.kill().unwrap(); // SIGKILL on Unix.
        child.wait().unwrap();
        // Lines printed before the kill but not yet read are committed too.
        for line in lines.map_while(Result::ok) {
            if let Some(g) = line.strip_prefix("committed ") {
                last_committed = g.trim().parse().unwrap();
            }
        }

        let secrets: Arc<dyn SecretStore> = Arc::new(FileSecretStore::new(&keys));
        let cache = Cache::open(&db, secrets).unwrap();
        assert!(
            !matches!(
                cache.open_event(),
                skolbryggan::cache::OpenEvent::Rebuilt { .. }
            ),
            "round {round}: rebuilt: {:?}",
            cache.open_event()
        );
        assert!(
            cache.integrity_check().unwrap(),
            "round {round}: integrity_check failed"
        );
        let stored = generation_of(&cache, &account);
        if last_committed > 0 {
            let stored = stored.unwrap_or_else(|| panic!("round {round}: data lost"));
            assert!(
                stored >= last_committed,
                "round {round}: stored generation {stored} < committed {last_committed}"
            );
            last_committed = stored;
        }
        let snapshot = cache.load_snapshot(&account).unwrap();
        if last_committed > 0 {
            assert_eq!(snapshot.children.len(), 2);
        }
    }
    assert!(last_committed > 0, "the child never committed");
    assert!(started.elapsed() < Duration::from_secs(120));
    println!(
        "{ROUNDS} kills in {:?}, last generation {last_committed}",
        started.elapsed()
    );
}
