//! The upgrade from the legacy, unkeyed account id: a cache written under it (as an earlier
//! version wrote it) keeps all its data after the first resume or login of this version, under
//! the keyed id, and nothing of the old id remains.

use std::path::Path;
use std::sync::Arc;

use skolbryggan::cache::{Cache, DEFAULT_KEY_NAME};
use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::model::{AccountId, EntityId, EntityKind, FamilySnapshot, Platform};

use skolbryggan::secrets::{MemorySecretStore, SecretStore};
use skolbryggan::sync::RefreshRequest;
use skolbryggan_emulator::{EmulatorConfig, EmulatorHandle};

use crate::support;

fn legacy() -> AccountId {
    AccountId::legacy_unkeyed_from_personal_number(EmulatorConfig::DEMO_GUARDIAN)
}

async fn client_in(emu: &EmulatorHandle, dir: &Path, secrets: Arc<MemorySecretStore>) -> Client {
    ClientBuilder::new(dir)
        .upstream(Some(emu.upstream_override()))
        .secret_store(secrets)
        .build()
        .await
        .unwrap()
}

/// Publishes `count` more news items for the first Stockholm child.
fn add_news(emu: &EmulatorHandle, count: usize) {
    let mut family = emu.family();
    let template = family
        .news
        .iter()
        .find(|n| n.id.as_str().starts_with("stockholm:"))
        .cloned()
        .expect("the demo family has Stockholm news");
    for i in 0..count {
        let mut item = template.clone();
        item.id = EntityId::for_child(
            &template.child_id,
            EntityKind::News,
            &format!("upgrade-{i}"),
        );
        item.title = format!("Nyhet {i}");
        family.news.push(item);
    }
    emu.set_family(family);
}

/// What a client of this version wrote, and the state an app keeps of it.
struct Before {
    keyed: AccountId,
    snapshot: String,
    changes: Vec<(i64, bool, String)>,
    notified: i64,
}

fn json_of(snapshot: &FamilySnapshot) -> String {
    serde_json::to_string(snapshot).unwrap()
}

fn feed_of(client: &Client, account: &AccountId) -> Vec<(i64, bool, String)> {
    client
        .engine()
        .cache()
        .changes(account, false)
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c.read, c.entity_id.as_str().to_owned()))
        .collect()
}

/// A logged-in, refreshed client with a read flag and a notified watermark; then the cache and
/// the state file turned into what the previous version wrote: every id under the legacy id.
async fn legacy_cache(emu: &EmulatorHandle, dir: &Path, secrets: Arc<MemorySecretStore>) -> Before {
    let client = client_in(emu, dir, secrets.clone()).await;
    support::bankid_login(&client, Platform::Stockholm).await;
    let report = client.refresh_week(client.today(), None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let keyed = client.account().unwrap();
    assert_ne!(keyed, legacy());
    // The first fetch records no changes: two news items published after it make the feed.
    add_news(emu, 2);
    let mut forced = RefreshRequest::week_view(client.today());
    forced.force = true;
    let second = client.refresh(&forced, None).await.unwrap();
    assert_eq!(second.failures().count(), 0, "{second:?}");
    let cache = client.engine().cache().clone();
    let feed = cache.changes(&keyed, false).unwrap();
    assert!(
        feed.len() >= 2,
        "the second refresh fills the feed: {feed:?}"
    );
    cache.mark_read(&keyed, &[feed[0].id]).unwrap();
    cache.mark_notified(&keyed, feed[1].id).unwrap();
    let before = Before {
        snapshot: json_of(&client.snapshot().await.unwrap().value),
        changes: feed_of(&client, &keyed),
        notified: feed[1].id,
        keyed: keyed.clone(),
    };
    drop(cache);
    drop(client);

    // The previous version's cache: the same data, every id under the legacy account.
    let cache = Cache::open(dir.join("skolbryggan.db"), secrets).unwrap();
    let report = cache.rebase_account(&keyed, &keyed, &legacy()).unwrap();
    assert_eq!(report.account, Some(legacy()));
    assert!(cache.has_account(&legacy()).unwrap());
    assert!(!cache.has_account(&keyed).unwrap());
    drop(cache);
    let state = dir.join("state.json");
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(text.contains(keyed.as_str()));
    std::fs::write(&state, text.replace(keyed.as_str(), legacy().as_str())).unwrap();
    before
}

/// Everything the previous version's cache held is there under the keyed id, and nothing of
/// the legacy id is left (cache, state file); a refresh then adds no duplicate.
async fn assert_moved(client: &Client, dir: &Path, before: &Before) {
    let keyed = &before.keyed;
    assert_eq!(client.account().as_ref(), Some(keyed));
    let snapshot = client.snapshot().await.unwrap().value;
    assert_eq!(json_of(&snapshot), before.snapshot);
    assert_eq!(feed_of(client, keyed), before.changes);
    let cache = client.engine().cache();
    assert_eq!(cache.notified_up_to(keyed).unwrap(), before.notified);
    assert!(!cache.has_account(&legacy()).unwrap());
    assert!(cache.session(keyed, "stockholm").unwrap().unwrap().account == *keyed);
    let state = std::fs::read_to_string(dir.join("state.json")).unwrap();
    assert!(!state.contains(legacy().as_str()), "{state}");
    assert!(state.contains(keyed.as_str()));

    // The live session makes its ids under the keyed id: a refresh changes nothing.
    let report = client.refresh_week(client.today(), None).await.unwrap();
    assert_eq!(report.failures().count(), 0, "{report:?}");
    let refreshed = client.snapshot().await.unwrap().value;
    assert!(refreshed.children.iter().all(|c| c.id.account() == *keyed));
    assert!(refreshed.users.iter().all(|u| u.id.account() == *keyed));
    assert_eq!(refreshed.children.len(), snapshot.children.len());
    assert_eq!(
        feed_of(client, keyed),
        before.changes,
        "no new feed entries"
    );
    assert!(!client.engine().cache().has_account(&legacy()).unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_legacy_cache_keeps_all_its_data_after_the_upgrade_resume() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let before = legacy_cache(&emu, dir.path(), secrets.clone()).await;

    let client = client_in(&emu, dir.path(), secrets.clone()).await;
    assert_eq!(
        client.account(),
        Some(legacy()),
        "as the previous version left it"
    );
    let outcomes = client.resume_sessions().await.unwrap();
    assert_eq!(outcomes.len(), 1);
    let user = outcomes[0].result.as_ref().unwrap();
    assert_eq!(user.id.account(), before.keyed);
    assert_moved(&client, dir.path(), &before).await;
    // The key is the installation's: derived from the cache key, stable across restarts.
    let key = secrets.get(DEFAULT_KEY_NAME).unwrap().unwrap();
    assert_eq!(
        skolbryggan::model::AccountKey::derive(&key).account_id(EmulatorConfig::DEMO_GUARDIAN),
        before.keyed
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_legacy_cache_keeps_all_its_data_after_the_upgrade_login() {
    let emu = support::demo_emulator();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let before = legacy_cache(&emu, dir.path(), secrets.clone()).await;

    let client = client_in(&emu, dir.path(), secrets).await;
    support::bankid_login(&client, Platform::Stockholm).await;
    assert_moved(&client, dir.path(), &before).await;
}
