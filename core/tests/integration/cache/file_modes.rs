//! Data files are readable only by the user: the data directory is `0700` and the database,
//! its WAL and SHM files, and the client's state file are `0600`, even under a permissive umask
//! and when the directory existed with looser bits before.

#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::date;
use skolbryggan::client::ClientBuilder;
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::ManualClock;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_data_directory_and_every_file_in_it_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    // As a desktop user's directory might be: readable by everyone.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    let client = ClientBuilder::new(&data)
        .secret_store(Arc::new(MemorySecretStore::new()))
        .clock(Arc::new(ManualClock::new(
            "2026-11-25T06:30:00Z".parse().unwrap(),
        )))
        .build()
        .await
        .unwrap();
    client.login_demo().await.unwrap();
    client.refresh_week(date(2026, 11, 25), None).await.unwrap();

    assert_eq!(mode(&data), 0o700, "the data directory");
    let names: Vec<String> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for expected in ["skolbryggan.db", "skolbryggan.db-wal", "skolbryggan.db-shm"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for name in &names {
        assert_eq!(
            mode(&data.join(name)) & 0o077,
            0,
            "{name} is readable by others"
        );
    }
    drop(client);
}

#[test]
fn a_database_created_loosely_before_is_tightened_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    drop(skolbryggan::cache::Cache::open(&path, secrets.clone()).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let cache = skolbryggan::cache::Cache::open(&path, secrets).unwrap();
    assert_eq!(mode(&path), 0o600);
    drop(cache);
}
