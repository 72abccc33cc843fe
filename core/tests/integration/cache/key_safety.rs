//! Key safety: a new install, a key missing for an existing cache (old files kept aside, the
//! right key store brings them back), and a key store that cannot answer now (nothing touched).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use skolbryggan::Error;
use skolbryggan::cache::{Cache, CacheError, DEFAULT_KEY_NAME, OpenEvent, RebuildReason};
use skolbryggan::client::ClientBuilder;
use skolbryggan::model::AccountId;
use skolbryggan::provider::SavedSession;
use skolbryggan::secrets::{MemorySecretStore, SecretStore};

use crate::support::{LockedSecretStore, file_listing, orphan_files};

fn session(account: &str) -> SavedSession {
    SavedSession {
        provider: "stockholm".to_owned(),
        account: AccountId::from_raw(format!("acct-{account}")),
        secret: "SMSESSION=secret-token".to_owned(),
    }
}

/// Answers "no such secret", and refuses to store one right now.
struct ReadsButCannotWrite;

impl SecretStore for ReadsButCannotWrite {
    fn get(&self, _name: &str) -> skolbryggan::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
        Ok(None)
    }
    fn set(&self, _name: &str, _secret: &[u8]) -> skolbryggan::Result<()> {
        Err(Error::KeyUnavailable("locked".to_owned()))
    }
    fn delete(&self, _name: &str) -> skolbryggan::Result<()> {
        Ok(())
    }
}

#[test]
fn a_new_install_creates_the_cache_and_its_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    assert_eq!(cache.open_event(), &OpenEvent::Created);
    assert_eq!(secrets.get(DEFAULT_KEY_NAME).unwrap().unwrap().len(), 32);
    assert!(cache.orphans().unwrap().is_empty());
    drop(cache);
    let again = Cache::open(&path, secrets).unwrap();
    assert_eq!(again.open_event(), &OpenEvent::Opened);
}

#[test]
fn a_missing_key_keeps_the_old_files_aside_and_the_right_key_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let right = Arc::new(MemorySecretStore::new());
    let old = session("198001012387");
    {
        let cache = Cache::open(&path, right.clone()).unwrap();
        cache.save_session(&old).unwrap();
    }

    // Another key store (no key in it): a fresh cache, the old one kept aside.
    let wrong = Arc::new(MemorySecretStore::new());
    let fresh = Cache::open(&path, wrong.clone()).unwrap();
    assert_eq!(
        fresh.open_event(),
        &OpenEvent::Rebuilt {
            reason: RebuildReason::KeyLost
        }
    );
    let orphans = fresh.orphans().unwrap();
    assert_eq!(orphans, orphan_files(dir.path()));
    assert_eq!(orphans.len(), 1);
    assert!(orphans[0].metadata().unwrap().len() > 0);
    assert!(fresh.session(&old.account, "stockholm").unwrap().is_none());
    // The fresh cache works.
    let other = session("197001012389");
    fresh.save_session(&other).unwrap();
    assert_eq!(
        fresh.session(&other.account, "stockholm").unwrap(),
        Some(other.clone())
    );
    drop(fresh);

    // The right key store again: the old cache is back, the fresh one kept aside in turn.
    let back = Cache::open(&path, right.clone()).unwrap();
    assert_eq!(back.open_event(), &OpenEvent::Recovered);
    assert_eq!(
        back.session(&old.account, "stockholm").unwrap(),
        Some(old.clone())
    );
    assert!(back.session(&other.account, "stockholm").unwrap().is_none());
    assert_eq!(orphan_files(dir.path()).len(), 1);
    drop(back);

    // And the other way round: nothing is lost by switching stores before a login.
    let again = Cache::open(&path, wrong).unwrap();
    assert_eq!(again.open_event(), &OpenEvent::Recovered);
    assert_eq!(
        again.session(&other.account, "stockholm").unwrap(),
        Some(other)
    );
    assert_eq!(again.remove_orphans().unwrap(), 1);
    assert!(orphan_files(dir.path()).is_empty());
    drop(again);

    // With the orphan removed, the first key opens nothing here: a typed error, nothing deleted.
    let before = file_listing(dir.path());
    let err = Cache::open(&path, right).unwrap_err();
    assert!(matches!(err, Error::Cache(CacheError::WrongKey)), "{err:?}");
    assert_eq!(
        file_listing(dir.path())
            .iter()
            .map(|f| &f.0)
            .collect::<Vec<_>>(),
        before.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
}

#[test]
fn an_unavailable_key_store_is_a_typed_error_and_touches_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    {
        let cache = Cache::open(&path, Arc::new(MemorySecretStore::new())).unwrap();
        cache.save_session(&session("198001012387")).unwrap();
    }
    let before = file_listing(dir.path());
    assert!(!before.is_empty());
    std::thread::sleep(std::time::Duration::from_millis(20));

    let locked = Arc::new(LockedSecretStore::default());
    let err = Cache::open(&path, locked.clone()).unwrap_err();
    assert!(matches!(err, Error::KeyUnavailable(_)), "{err:?}");
    assert!(err.to_string().contains("try again later"));
    assert_eq!(
        locked.calls.load(Ordering::SeqCst),
        1,
        "only asked, never set"
    );
    assert_eq!(file_listing(dir.path()), before);

    // A store that says "no key" but cannot store a new one now: the old files stay put.
    let err = Cache::open(&path, Arc::new(ReadsButCannotWrite)).unwrap_err();
    assert!(matches!(err, Error::KeyUnavailable(_)), "{err:?}");
    assert_eq!(file_listing(dir.path()), before);

    // A new install on a locked device: not even the directory is created.
    let empty = tempfile::tempdir().unwrap();
    let data_dir = empty.path().join("data");
    let err = Cache::open(data_dir.join("cache.db"), locked.clone()).unwrap_err();
    assert!(matches!(err, Error::KeyUnavailable(_)), "{err:?}");
    assert!(!data_dir.exists());
}

#[tokio::test]
async fn a_client_without_its_key_says_key_lost_and_a_login_removes_the_orphans() {
    let dir = tempfile::tempdir().unwrap();
    let right = Arc::new(MemorySecretStore::new());
    let build = |secrets: Arc<dyn SecretStore>| {
        ClientBuilder::new(dir.path()).secret_store(secrets).build()
    };
    let client = build(right.clone()).await.unwrap();
    assert!(!client.cache_key_lost());
    client.login_demo().await.unwrap();
    client
        .refresh_week(skolbryggan::time::today(), None)
        .await
        .unwrap();
    let children = client.children().await.unwrap().value;
    assert!(!children.is_empty());
    drop(client);

    // The wrong store: the sessions did not expire, the key is lost — and the app can tell.
    let wrong = Arc::new(MemorySecretStore::new());
    let client = build(wrong.clone()).await.unwrap();
    assert!(client.cache_key_lost());
    let outcomes = client.resume_sessions().await.unwrap();
    assert!(!outcomes.is_empty());
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o.result, Err(Error::KeyLost))),
        "{outcomes:?}"
    );
    assert_eq!(orphan_files(dir.path()).len(), 1);
    drop(client);

    // The right store before any login: the old data and session are back.
    let client = build(right.clone()).await.unwrap();
    assert_eq!(client.cache_open_event(), OpenEvent::Recovered);
    assert!(!client.cache_key_lost());
    let resumed = client.resume_sessions().await.unwrap();
    assert!(resumed.iter().all(|o| o.result.is_ok()), "{resumed:?}");
    assert_eq!(client.children().await.unwrap().value, children);
    drop(client);

    // The wrong store again (its own fresh cache comes back), and this time a login: the
    // cache kept aside is deleted.
    let client = build(wrong).await.unwrap();
    assert_eq!(client.cache_open_event(), OpenEvent::Recovered);
    assert_eq!(orphan_files(dir.path()).len(), 1);
    client.login_demo().await.unwrap();
    assert!(orphan_files(dir.path()).is_empty());
    assert!(!client.logged_in_providers().is_empty());
    drop(client);

    // Now the first store's key opens nothing here: a typed error, not a silent rebuild.
    let err = build(right).await.unwrap_err();
    assert!(matches!(err, Error::Cache(CacheError::WrongKey)), "{err:?}");
}
