//! The encrypted cache: privacy on disk, keys, integrity, corruption, forgetting.

use std::sync::Arc;

use jiff::civil::date;
use skolbryggan::Error;
use skolbryggan::cache::{
    Cache, CacheError, ChangeKind, NewChange, OpenEvent, RebuildReason, ResourceData, ResourceId,
    ResourceKind, SyncMeta,
};
use skolbryggan::model::{AccountId, FamilySnapshot, IsoWeek};
use skolbryggan::provider::SavedSession;
use skolbryggan::secrets::{MemorySecretStore, SecretStore};
use skolbryggan::testing::{TestFamily, test_family};

fn now() -> jiff::Timestamp {
    "2026-11-25T07:00:00Z".parse().unwrap()
}

/// Stores every resource of `family` the way the sync engine does.
fn fill(cache: &Cache, family: &TestFamily, weeks: &[IsoWeek]) {
    let account = &family.account;
    let s = &family.snapshot;
    let provider = "stockholm";
    let meta = SyncMeta {
        fetched_at: Some(now()),
        ..Default::default()
    };
    cache
        .put_resource(
            account,
            &ResourceId::account(provider, ResourceKind::User),
            &ResourceData::User(s.users[0].clone()),
            &meta,
            &[],
            now(),
        )
        .unwrap();
    cache
        .put_resource(
            account,
            &ResourceId::account(provider, ResourceKind::Children),
            &ResourceData::Children(s.children.clone()),
            &meta,
            &[],
            now(),
        )
        .unwrap();
    for child in &s.children {
        let mine = s.only_children(std::slice::from_ref(&child.id));
        let w0 = weeks[0];
        let put = |kind, week, data: ResourceData, changes: &[NewChange]| {
            cache
                .put_resource(
                    account,
                    &ResourceId::child(provider, &child.id, kind, week),
                    &data,
                    &meta,
                    changes,
                    now(),
                )
                .unwrap();
        };
        let first_news = &mine.news[0];
        put(
            ResourceKind::News,
            w0,
            ResourceData::News(mine.news.clone()),
            &[NewChange {
                child_id: child.id.clone(),
                kind: ChangeKind::NewsAdded,
                entity_id: first_news.id.clone(),
                title: first_news.title.clone(),
            }],
        );
        put(
            ResourceKind::Notifications,
            w0,
            ResourceData::Notifications(mine.notifications.clone()),
            &[],
        );
        put(
            ResourceKind::Classmates,
            w0,
            ResourceData::Classmates(mine.classmates.clone()),
            &[],
        );
        put(
            ResourceKind::Teachers,
            w0,
            ResourceData::Teachers(mine.teachers.clone()),
            &[],
        );
        put(
            ResourceKind::Contacts,
            w0,
            ResourceData::Contacts(mine.contacts.clone()),
            &[],
        );
        for &week in weeks {
            let in_week = |d: jiff::civil::Date| IsoWeek::containing(d) == week;
            put(
                ResourceKind::Calendar,
                week,
                ResourceData::Calendar(
                    mine.calendar
                        .iter()
                        .filter(|e| in_week(e.timing.first_date()))
                        .cloned()
                        .collect(),
                ),
                &[],
            );
            put(
                ResourceKind::Menu,
                week,
                ResourceData::Menu(
                    mine.menus
                        .iter()
                        .filter(|m| in_week(m.date))
                        .cloned()
                        .collect(),
                ),
                &[],
            );
            put(
                ResourceKind::Timetable,
                week,
                ResourceData::Timetable(
                    mine.lessons
                        .iter()
                        .filter(|l| in_week(skolbryggan::time::local_date(&l.start)))
                        .cloned()
                        .collect(),
                ),
                &[],
            );
        }
    }
    cache
        .save_session(&SavedSession {
            provider: provider.to_owned(),
            account: account.clone(),
            secret: "SMSESSION=Hemligkaka123".to_owned(),
        })
        .unwrap();
}

fn weeks_of(start: jiff::civil::Date, n: usize) -> Vec<IsoWeek> {
    let mut w = IsoWeek::containing(start);
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(w);
        w = w.next();
    }
    out
}

fn db_bytes(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm"]
        .iter()
        .filter_map(|suffix| {
            let p = format!("{}{suffix}", path.display());
            std::fs::read(&p).ok().map(|b| (p, b))
        })
        .collect()
}

/// Finds any of many needles in one pass: needles indexed by their first four bytes.
fn assert_nothing_plain(path: &std::path::Path, secrets: &[String]) {
    let mut needles: Vec<Vec<u8>> = Vec::new();
    for s in secrets {
        needles.push(s.as_bytes().to_vec());
        needles.push(s.to_lowercase().into_bytes());
        // The UTF-16 forms SQLite could use.
        needles.push(s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect());
        needles.push(s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect());
    }
    let mut index: std::collections::HashMap<[u8; 4], Vec<&[u8]>> = Default::default();
    for n in &needles {
        assert!(n.len() >= 4, "needle too short to search safely: {n:?}");
        index.entry([n[0], n[1], n[2], n[3]]).or_default().push(n);
    }
    let files = db_bytes(path);
    assert!(!files.is_empty());
    for (name, bytes) in &files {
        for i in 0..bytes.len().saturating_sub(3) {
            let head = [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
            if let Some(candidates) = index.get(&head) {
                for n in candidates {
                    assert!(
                        !bytes[i..].starts_with(n),
                        "{:?} found in plain text in {name}",
                        String::from_utf8_lossy(n)
                    );
                }
            }
        }
    }
}

#[test]
fn nothing_personal_in_plain_text_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets: Arc<dyn SecretStore> = Arc::new(MemorySecretStore::new());
    let start = date(2026, 11, 23);
    let family = test_family(3, start, 2);
    let mut words = family.secrets.clone();
    words.extend([
        "Hemligkaka123".to_owned(),
        family.account.as_str().to_owned(),
    ]);
    // Every child id part and title of the data as well.
    for c in &family.snapshot.children {
        words.push(c.id.as_str().to_owned());
    }
    for n in &family.snapshot.news {
        words.push(n.title.clone());
    }
    {
        let cache = Cache::open(&path, Arc::clone(&secrets)).unwrap();
        fill(&cache, &family, &weeks_of(start, 2));
        // With the data still in the WAL…
        assert_nothing_plain(&path, &words);
        // …and after it is folded into the main file.
        cache.checkpoint().unwrap();
        assert_nothing_plain(&path, &words);
        fill(&cache, &family, &weeks_of(start, 2));
        assert_nothing_plain(&path, &words);
    }
    // And it reads back.
    let cache = Cache::open(&path, Arc::clone(&secrets)).unwrap();
    assert_eq!(cache.open_event(), &OpenEvent::Opened);
    let snapshot = cache.load_snapshot(&family.account).unwrap();
    assert_eq!(snapshot.children.len(), 3);
    assert_eq!(snapshot.news.len(), family.snapshot.news.len());
    assert_eq!(snapshot.lessons.len(), family.snapshot.lessons.len());
    let week = cache
        .load_week(&family.account, IsoWeek::containing(start))
        .unwrap();
    assert_eq!(week.menus.len(), 15);
}

#[test]
fn wrong_key_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(1, date(2026, 11, 23), 1);
    {
        let cache = Cache::open(&path, secrets.clone()).unwrap();
        assert_eq!(cache.open_event(), &OpenEvent::Created);
        fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    }
    let other = Arc::new(MemorySecretStore::new());
    other
        .set(skolbryggan::cache::DEFAULT_KEY_NAME, &[42u8; 32])
        .unwrap();
    let err = Cache::open(&path, other).unwrap_err();
    assert!(matches!(err, Error::Cache(CacheError::WrongKey)), "{err:?}");
    // A key of the wrong length too.
    let short = Arc::new(MemorySecretStore::new());
    short
        .set(skolbryggan::cache::DEFAULT_KEY_NAME, &[1u8; 7])
        .unwrap();
    assert!(matches!(
        Cache::open(&path, short),
        Err(Error::Cache(CacheError::KeyLength { .. }))
    ));
    // Nothing was deleted: the right key still opens it.
    let cache = Cache::open(&path, secrets).unwrap();
    assert_eq!(
        cache.load_snapshot(&family.account).unwrap().children.len(),
        1
    );
}

#[test]
fn a_flipped_byte_is_an_integrity_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(2, date(2026, 11, 23), 1);
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    let raw = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(Vec<u8>, Vec<u8>)> = raw
        .prepare("SELECT key, value FROM items")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(rows.len() > 10);
    for (key, value) in &rows {
        for pos in [0, value.len() / 2, value.len() - 1] {
            let mut bad = value.clone();
            bad[pos] ^= 0x20;
            raw.execute(
                "UPDATE items SET value = ?1 WHERE key = ?2",
                rusqlite::params![bad, key],
            )
            .unwrap();
            let errors = [
                cache.load_snapshot(&family.account).err(),
                cache.resource_states(&family.account).err(),
                cache.session(&family.account, "stockholm").err(),
            ];
            assert!(
                errors
                    .iter()
                    .any(|e| e.as_ref().is_some_and(Error::is_integrity_failure)),
                "flip at {pos} not caught: {errors:?}"
            );
            assert!(errors.iter().flatten().all(Error::is_integrity_failure));
        }
        raw.execute(
            "UPDATE items SET value = ?1 WHERE key = ?2",
            rusqlite::params![value, key],
        )
        .unwrap();
    }
    assert_eq!(
        cache.load_snapshot(&family.account).unwrap().children.len(),
        2
    );
}

#[test]
fn a_value_moved_to_another_row_fails_its_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(2, date(2026, 11, 23), 1);
    let cache = Cache::open(&path, secrets).unwrap();
    fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    let raw = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(Vec<u8>, Vec<u8>)> = raw
        .prepare("SELECT key, value FROM items")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    // Copy every value over every other row, one at a time: each read of the target fails.
    let (k0, v0) = &rows[0];
    for (k, v) in rows.iter().skip(1) {
        raw.execute(
            "UPDATE items SET value = ?1 WHERE key = ?2",
            rusqlite::params![v0, k],
        )
        .unwrap();
        let errors = [
            cache.load_snapshot(&family.account).err(),
            cache.resource_states(&family.account).err(),
            cache.session(&family.account, "stockholm").err(),
        ];
        assert!(
            errors
                .iter()
                .any(|e| e.as_ref().is_some_and(Error::is_integrity_failure))
        );
        raw.execute(
            "UPDATE items SET value = ?1 WHERE key = ?2",
            rusqlite::params![v, k],
        )
        .unwrap();
    }
    let _ = k0;
    // Each child's news is bound to that child: child B's row cannot hold child A's news.
    let a = &family.snapshot.children[0].id;
    let b = &family.snapshot.children[1].id;
    let w = IsoWeek::containing(date(2026, 11, 23));
    let news_a = cache
        .get_resource(
            &family.account,
            &ResourceId::child("stockholm", a, ResourceKind::News, w),
        )
        .unwrap()
        .unwrap();
    let news_b = cache
        .get_resource(
            &family.account,
            &ResourceId::child("stockholm", b, ResourceKind::News, w),
        )
        .unwrap()
        .unwrap();
    assert_ne!(news_a, news_b);
}

#[test]
fn a_corrupt_database_is_rebuilt_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(1, date(2026, 11, 23), 1);
    {
        let cache = Cache::open(&path, secrets.clone()).unwrap();
        fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
        cache.checkpoint().unwrap();
    }
    // Garbage over the header.
    let mut bytes = std::fs::read(&path).unwrap();
    for b in bytes.iter_mut().take(100) {
        *b = 0xAB;
    }
    std::fs::write(&path, &bytes).unwrap();
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    assert!(matches!(
        cache.open_event(),
        OpenEvent::Rebuilt {
            reason: RebuildReason::Corrupt { .. }
        }
    ));
    assert_eq!(
        cache.load_snapshot(&family.account).unwrap(),
        FamilySnapshot::empty()
    );
    // The app still works.
    fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    assert_eq!(
        cache.load_snapshot(&family.account).unwrap().children.len(),
        1
    );
    drop(cache);

    // Garbage in the middle of the file (a damaged page).
    let mut bytes = std::fs::read(&path).unwrap();
    let len = bytes.len();
    for b in bytes.iter_mut().skip(len / 2).take(8192) {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).unwrap();
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    // Either quick_check caught it (rebuilt) or the damaged page held no live data.
    match cache.open_event() {
        OpenEvent::Rebuilt { .. } | OpenEvent::Opened => {}
        other => panic!("unexpected {other:?}"),
    }
    drop(cache);

    // Not a database at all.
    std::fs::write(&path, b"hello, this is not sqlite").unwrap();
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    assert!(matches!(cache.open_event(), OpenEvent::Rebuilt { .. }));
}

#[test]
fn a_lost_key_rebuilds_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(1, date(2026, 11, 23), 1);
    {
        let cache = Cache::open(&path, secrets.clone()).unwrap();
        fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    }
    let fresh = Arc::new(MemorySecretStore::new());
    let cache = Cache::open(&path, fresh).unwrap();
    assert_eq!(
        cache.open_event(),
        &OpenEvent::Rebuilt {
            reason: RebuildReason::KeyLost
        }
    );
    assert!(
        cache
            .load_snapshot(&family.account)
            .unwrap()
            .children
            .is_empty()
    );
}

#[test]
fn forget_removes_session_data_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(2, date(2026, 11, 23), 1);
    let other = test_family(1, date(2026, 11, 23), 1);
    let other_account = AccountId::from_raw("otheraccount0001");
    let cache = Cache::open(&path, secrets.clone()).unwrap();
    fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    let other_family = TestFamily {
        account: other_account.clone(),
        ..other
    };
    fill(&cache, &other_family, &weeks_of(date(2026, 11, 23), 1));
    assert!(
        cache
            .session(&family.account, "stockholm")
            .unwrap()
            .is_some()
    );
    assert_eq!(cache.changes(&family.account, true).unwrap().len(), 2);

    let report = cache.forget_account(&family.account).unwrap();
    assert!(report.session_removed);
    assert!(report.key_destroyed);
    assert!(report.items_removed > 10);
    assert_eq!(report.changes_removed, 2);
    assert!(
        cache
            .session(&family.account, "stockholm")
            .unwrap()
            .is_none()
    );
    assert!(
        cache
            .load_snapshot(&family.account)
            .unwrap()
            .children
            .is_empty()
    );
    assert!(cache.changes(&family.account, false).unwrap().is_empty());
    // The other account is untouched.
    assert_eq!(
        cache.load_snapshot(&other_account).unwrap().children.len(),
        1
    );
    // Gone from the files too (secure_delete + WAL truncated).
    let words: Vec<String> = family
        .snapshot
        .news
        .iter()
        .map(|n| n.title.clone())
        .collect();
    assert_nothing_plain(&path, &words);

    // Destroying the whole cache deletes the files and the key.
    let report = cache.destroy().unwrap();
    assert!(report.database_deleted && report.key_destroyed);
    assert!(!path.exists());
    assert!(
        secrets
            .get(skolbryggan::cache::DEFAULT_KEY_NAME)
            .unwrap()
            .is_none()
    );
}

#[test]
fn change_feed_marks_read() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let family = test_family(3, date(2026, 11, 23), 1);
    let cache = Cache::open(dir.path().join("c.db"), secrets).unwrap();
    fill(&cache, &family, &weeks_of(date(2026, 11, 23), 1));
    let unread = cache.changes(&family.account, true).unwrap();
    assert_eq!(unread.len(), 3);
    let children: std::collections::HashSet<_> = unread.iter().map(|c| &c.child_id).collect();
    assert_eq!(children.len(), 3);
    cache
        .mark_read(&family.account, &[unread[0].id, 999_999])
        .unwrap();
    assert_eq!(cache.changes(&family.account, true).unwrap().len(), 2);
    let all = cache.changes(&family.account, false).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[0].read);
}

#[test]
fn the_demo_family_leaves_no_plain_text_on_disk() {
    use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
    let day = date(2026, 11, 25);
    let family = DemoFamily::generate(&DemoConfig::for_date(day));
    let s = &family.snapshot;
    let account = family.config.account.clone();
    let mut words: Vec<String> = Vec::new();
    // Short words only in their quoted JSON form, so random ciphertext cannot match by chance.
    let mut push = |w: &str| {
        let w = w.trim();
        if w.chars().count() >= 6 {
            words.push(w.to_owned());
        } else if !w.is_empty() {
            words.push(format!("\"{w}\""));
        }
    };
    for u in &s.users {
        push(&u.first_name);
        push(&u.last_name);
        if let Some(pn) = &u.personal_number {
            push(pn.digits());
        }
    }
    for c in &s.children {
        push(&c.first_name);
        push(&c.last_name);
        push(&c.full_name());
    }
    for n in s.news.iter().take(40) {
        push(&n.title);
        for w in n.body_markdown.split(|ch: char| !ch.is_alphabetic()) {
            if w.chars().count() >= 8 {
                push(w);
            }
        }
    }
    for e in s.calendar.iter().take(60) {
        push(&e.title);
        push(&e.timing.first_date().to_string());
    }
    for t in &s.teachers {
        push(&t.full_name());
    }
    for m in s.classmates.iter().take(20) {
        push(&format!("{} {}", m.first_name, m.last_name));
    }
    words.sort();
    words.dedup();
    assert!(words.len() > 100, "{}", words.len());

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let cache = Cache::open(&path, Arc::new(MemorySecretStore::new())).unwrap();
    let n = cache.store_snapshot(&account, "demo", s, now()).unwrap();
    assert!(n > 100);
    assert_nothing_plain(&path, &words);
    cache.checkpoint().unwrap();
    assert_nothing_plain(&path, &words);
    let back = cache.load_snapshot(&account).unwrap();
    assert_eq!(back.children, s.children);
    assert_eq!(back.news.len(), s.news.len());
    assert_eq!(back.lessons.len(), s.lessons.len());
    assert_eq!(back.calendar.len(), s.calendar.len());
}

#[test]
#[should_panic(expected = "found in plain text")]
fn the_scanner_finds_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let mut bytes = vec![0u8; 5000];
    bytes.extend_from_slice(r#"{"firstName":"Ida"}"#.as_bytes());
    std::fs::write(&path, bytes).unwrap();
    assert_nothing_plain(&path, &["\"Ida\"".to_owned()]);
}
