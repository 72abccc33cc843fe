//! Account ids: keyed by the installation (stable across reopening, different elsewhere), and
//! the one-time move of a cache written under the legacy, unkeyed id.

use std::sync::Arc;

use jiff::civil::date;
use rusqlite::Connection;
use skolbryggan::cache::{Cache, ChangeKind, NewChange, ResourceData, ResourceId, ResourceKind};
use skolbryggan::cache::{StoredContent, SyncMeta};
use skolbryggan::model::{AccountId, FamilySnapshot, rebase_account};
use skolbryggan::provider::SavedSession;
use skolbryggan::provider::menus::{MenuService, MenuSource};
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::testing::test_family;

const NUMBER: &str = "197001011234";
const IMAGE: &str = "https://etjanster.stockholm.se/image/1.png";

fn now() -> jiff::Timestamp {
    "2026-11-25T07:00:00Z".parse().unwrap()
}

/// `snapshot` with every id of `from` moved to `to`.
fn rebased(snapshot: &FamilySnapshot, from: &AccountId, to: &AccountId) -> FamilySnapshot {
    let mut value = serde_json::to_value(snapshot).unwrap();
    rebase_account(&mut value, from, to);
    serde_json::from_value(value).unwrap()
}

fn json_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn account_ids_are_keyed_stable_across_reopening_and_differ_between_installations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let first = Cache::open(&path, secrets.clone())
        .unwrap()
        .account_key()
        .unwrap()
        .account_id(NUMBER);
    let legacy = AccountId::legacy_unkeyed_from_personal_number(NUMBER);
    assert_ne!(first, legacy);
    assert_eq!(first.as_str().len(), 16);
    // The same installation (the same cache key): the same id after reopening.
    let again = Cache::open(&path, secrets.clone())
        .unwrap()
        .account_key()
        .unwrap()
        .account_id(NUMBER);
    assert_eq!(again, first);
    // Another installation (another cache key): another id.
    let other = Cache::open(dir.path().join("b.db"), Arc::new(MemorySecretStore::new()))
        .unwrap()
        .account_key()
        .unwrap()
        .account_id(NUMBER);
    assert_ne!(other, first);
    assert_ne!(other, legacy);
}

/// Every row's scope in the three tables of account data, and the number of account keys.
fn scopes(path: &std::path::Path) -> (Vec<Vec<u8>>, usize) {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for table in ["items", "changes", "content"] {
        let mut stmt = conn
            .prepare(&format!("SELECT DISTINCT scope FROM {table}"))
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0)).unwrap();
        for scope in rows {
            let scope = scope.unwrap();
            if !out.contains(&scope) {
                out.push(scope);
            }
        }
    }
    let keys: i64 = conn
        .query_row("SELECT COUNT(*) FROM account_keys", [], |r| r.get(0))
        .unwrap();
    (out, usize::try_from(keys).unwrap())
}

#[test]
fn a_cache_of_the_legacy_id_moves_whole_to_the_keyed_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    let legacy = AccountId::legacy_unkeyed_from_personal_number(NUMBER);
    let keyed = cache.account_key().unwrap().account_id(NUMBER);

    // What an earlier version wrote: the family's ids under the legacy account.
    let family = test_family(2, date(2026, 11, 23), 2);
    let snapshot = rebased(&family.snapshot, &family.account, &legacy);
    cache
        .store_snapshot(&legacy, "stockholm", &snapshot, now())
        .unwrap();
    let child = snapshot.children[0].clone();
    let news = snapshot
        .news
        .iter()
        .filter(|n| n.child_id == child.id)
        .cloned()
        .collect::<Vec<_>>();
    let feed = cache
        .put_resource(
            &legacy,
            &ResourceId::child(
                "stockholm",
                &child.id,
                ResourceKind::News,
                skolbryggan::model::IsoWeek::containing(date(2026, 11, 23)),
            ),
            &ResourceData::News(news.clone()),
            &SyncMeta {
                fetched_at: Some(now()),
                ..Default::default()
            },
            &news
                .iter()
                .map(|n| NewChange {
                    child_id: child.id.clone(),
                    kind: ChangeKind::NewsAdded,
                    entity_id: n.id.clone(),
                    title: n.title.clone(),
                })
                .collect::<Vec<_>>(),
            now(),
        )
        .unwrap();
    assert!(feed.len() >= 2);
    cache.mark_read(&legacy, &[feed[0].id]).unwrap();
    cache.mark_notified(&legacy, feed[1].id).unwrap();
    let source = MenuSource::new(MenuService::Skolmaten, "skola-1", "Skolan");
    cache
        .set_menu_source(&legacy, &child.id, Some(source.clone()), false)
        .unwrap();
    cache
        .save_session(&SavedSession {
            provider: "stockholm".to_owned(),
            account: legacy.clone(),
            secret: "SMSESSION=legacy-cookie".to_owned(),
        })
        .unwrap();
    let image = StoredContent {
        media_type: "image/png".to_owned(),
        bytes: vec![0x89, b'P', b'N', b'G', 1, 2, 3],
    };
    cache.put_content(&legacy, IMAGE, &image).unwrap();
    let resources_before = cache.resources(&legacy).unwrap().len();
    let snapshot_before = cache.load_snapshot(&legacy).unwrap();
    let changes_before = cache.changes(&legacy, false).unwrap();
    assert!(json_of(&snapshot_before).contains(legacy.as_str()));

    let report = cache.rebase_account(&legacy, &legacy, &keyed).unwrap();
    assert_eq!(report.account, Some(keyed.clone()));
    assert_eq!(report.dropped, 0);
    assert_eq!(report.changes, changes_before.len());
    assert_eq!(report.content, 1);
    drop(cache);

    // Reopened: everything is under the keyed id, nothing under the legacy one.
    let cache = Cache::open(&path, secrets).unwrap();
    assert!(!cache.has_account(&legacy).unwrap());
    assert!(cache.resources(&legacy).unwrap().is_empty());
    assert!(cache.changes(&legacy, false).unwrap().is_empty());
    assert!(cache.session(&legacy, "stockholm").unwrap().is_none());
    assert!(cache.get_content(&legacy, IMAGE).unwrap().is_none());

    assert_eq!(cache.resources(&keyed).unwrap().len(), resources_before);
    let snapshot_after = cache.load_snapshot(&keyed).unwrap();
    assert_eq!(
        json_of(&snapshot_after),
        json_of(&rebased(&snapshot_before, &legacy, &keyed))
    );
    assert!(!json_of(&snapshot_after).contains(legacy.as_str()));
    assert!(
        snapshot_after
            .children
            .iter()
            .all(|c| c.id.account() == keyed)
    );
    let changes_after = cache.changes(&keyed, false).unwrap();
    assert_eq!(changes_after.len(), changes_before.len());
    for (before, after) in changes_before.iter().zip(&changes_after) {
        assert_eq!(after.id, before.id);
        assert_eq!(after.read, before.read);
        assert_eq!(after.title, before.title);
        assert_eq!(after.entity_id.account(), keyed);
        assert_eq!(after.entity_id.local(), before.entity_id.local());
    }
    assert!(changes_after[0].read);
    assert_eq!(cache.notified_up_to(&keyed).unwrap(), feed[1].id);
    let moved_child = rebased(&snapshot_before, &legacy, &keyed).children[0]
        .id
        .clone();
    assert_eq!(
        cache.menu_sources(&keyed).unwrap().get(&moved_child),
        Some(&source)
    );
    let session = cache.session(&keyed, "stockholm").unwrap().unwrap();
    assert_eq!(session.account, keyed);
    assert_eq!(session.secret, "SMSESSION=legacy-cookie");
    assert_eq!(cache.get_content(&keyed, IMAGE).unwrap(), Some(image));
    drop(cache);

    // In the file: one account key, and every row under one scope (the keyed account's).
    let (scopes, keys) = scopes(&path);
    assert_eq!(keys, 1);
    assert_eq!(scopes.len(), 1);
}

#[test]
fn a_legacy_namespace_inside_another_family_is_rewritten_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::open(dir.path().join("d.db"), Arc::new(MemorySecretStore::new())).unwrap();
    let legacy = AccountId::legacy_unkeyed_from_personal_number(NUMBER);
    let keyed = cache.account_key().unwrap().account_id(NUMBER);
    let family = AccountId::from_raw("another-family");
    let test = test_family(1, date(2026, 11, 23), 1);
    let snapshot = rebased(&test.snapshot, &test.account, &legacy);
    cache
        .store_snapshot(&family, "stockholm", &snapshot, now())
        .unwrap();
    let report = cache.rebase_account(&family, &legacy, &keyed).unwrap();
    assert_eq!(report.account, Some(family.clone()));
    assert!(report.ids_rewritten > 0);
    let after = cache.load_snapshot(&family).unwrap();
    assert_eq!(
        json_of(&after),
        json_of(&rebased(&snapshot, &legacy, &keyed))
    );
    assert!(!cache.has_account(&legacy).unwrap());
    assert!(!cache.has_account(&keyed).unwrap());
}
