//! The sync engine's wrong-child check end to end: a provider answer that carries another
//! child's items, or a children list of another account, is refused with `WrongChild` and the
//! cache keeps what it held before.

use std::sync::Arc;

use jiff::civil::date;
use skolbryggan::cache::{Cache, ResourceData, ResourceId, ResourceKind};
use skolbryggan::model::{AccountId, EntityId, EntityKind, IsoWeek, Platform};
use skolbryggan::provider::Provider;
use skolbryggan::secrets::MemorySecretStore;
use skolbryggan::sync::{
    Clock, FailureKind, Freshness, ManualClock, Outcome, RefreshRequest, SyncEngine, SyncSettings,
};
use skolbryggan::testing::{Fault, ScriptedProvider, test_family};

fn failure_of(report: &skolbryggan::sync::RefreshReport, id: &ResourceId) -> FailureKind {
    let resource = report
        .resources
        .iter()
        .find(|r| &r.resource == id)
        .unwrap_or_else(|| panic!("{id:?} not in {report:#?}"));
    match &resource.outcome {
        Outcome::Failed {
            failure,
            stale_served,
        } => {
            assert!(stale_served, "the old value is served");
            failure.kind
        }
        other => panic!("{id:?} was not refused: {other:?}"),
    }
}

#[tokio::test]
async fn another_childs_items_or_another_accounts_children_are_refused_and_the_cache_keeps_the_old_value()
 {
    let dir = tempfile::tempdir().unwrap();
    let cache =
        Arc::new(Cache::open(dir.path().join("c.db"), Arc::new(MemorySecretStore::new())).unwrap());
    let clock = Arc::new(ManualClock::new("2026-11-25T05:00:00Z".parse().unwrap()));
    let family = test_family(2, date(2026, 11, 23), 2);
    let account = family.account.clone();
    let provider = Arc::new(
        ScriptedProvider::new(account.clone(), family.snapshot.clone())
            .with_clock(clock.clone() as Arc<dyn Clock>),
    );
    let dynp: Arc<dyn Provider> = provider.clone();
    // One attempt per refresh, so the report shows the refusal itself (retried, the repeated
    // refusals would open the platform's breaker and show as `CircuitOpen`).
    let mut settings = SyncSettings::fixed(Freshness::default());
    settings.retry.max_attempts = 1;
    settings.breaker.failure_threshold = 100;
    let engine = SyncEngine::new(cache.clone(), clock.clone(), settings);
    let today = date(2026, 11, 25);
    let first = engine
        .refresh(
            &account,
            dynp.clone(),
            &RefreshRequest::week_view(today),
            None,
        )
        .await;
    assert!(first.resources.iter().all(|r| r.failure().is_none()));

    let child = &family.snapshot.children[0];
    let news = ResourceId::child(
        provider.name(),
        &child.id,
        ResourceKind::News,
        IsoWeek::containing(today),
    );
    let children = ResourceId::account(provider.name(), ResourceKind::Children);
    let news_before = cache.get_resource(&account, &news).unwrap().unwrap();
    let children_before = cache.get_resource(&account, &children).unwrap().unwrap();
    assert!(!news_before.is_empty());

    // Upstream changes, so a refetch that got through would store something else.
    provider.edit(|s| {
        for n in &mut s.news {
            n.title = format!("{} (edited)", n.title);
        }
    });
    // Every news fetch now answers the child's items plus one of the sibling's.
    provider.script(vec![Some(Fault::WrongChild); 20]);
    let only_news = RefreshRequest {
        weeks: vec![IsoWeek::containing(today)],
        kinds: vec![ResourceKind::News],
        force: true,
    };
    let report = engine
        .refresh(&account, dynp.clone(), &only_news, None)
        .await;
    assert_eq!(failure_of(&report, &news), FailureKind::WrongChild);
    let news_after = cache.get_resource(&account, &news).unwrap().unwrap();
    assert_eq!(news_after, news_before);
    if let ResourceData::News(items) = &news_after {
        assert!(items.iter().all(|n| n.child_id == child.id));
        assert!(items.iter().all(|n| !n.title.ends_with("(edited)")));
    }

    // A children list in which one child belongs to another account.
    provider.script(Vec::new());
    let stranger = AccountId::from_raw("another-account");
    provider.edit(|s| {
        let mut foreign = s.children[0].clone();
        foreign.id = EntityId::new(Platform::Stockholm, &stranger, EntityKind::Child, "x1");
        s.children.push(foreign);
    });
    let only_children = RefreshRequest {
        weeks: vec![IsoWeek::containing(today)],
        kinds: Vec::new(),
        force: true,
    };
    let report = engine
        .refresh(&account, dynp.clone(), &only_children, None)
        .await;
    assert_eq!(failure_of(&report, &children), FailureKind::WrongChild);
    assert_eq!(
        cache.get_resource(&account, &children).unwrap().unwrap(),
        children_before
    );
    let view = engine.read_all(&account).await.unwrap();
    assert_eq!(view.snapshot.children.len(), 2);
    assert!(
        view.snapshot
            .children
            .iter()
            .all(|c| c.id.account() == account)
    );
}
