//! Public lunch menus end to end: searching skolmaten.se and Matilda on the emulator,
//! attaching a school to an InfoMentor child (InfoMentor publishes no menu), the refresh
//! fetching it, the week overview and the menu read showing it, a fault → a typed failure with
//! the cached menu kept, and detaching.

use std::time::Duration;

use skolbryggan::cache::ResourceKind;
use skolbryggan::model::{FailureKind, IsoWeek, MenuDay, Platform};
use skolbryggan::provider::menus::{MenuService, MenuSource};
use skolbryggan::sync::RefreshRequest;
use skolbryggan_emulator::menus::dishes_for;
use skolbryggan_emulator::{Fault, FaultRule};

use crate::support;

/// The emulator's weekday dishes of `school` in `week`, as (date, dishes).
fn expected(school: &str, week: IsoWeek) -> Vec<(jiff::civil::Date, Vec<String>)> {
    week.days()
        .into_iter()
        .map(|d| (d, dishes_for(school, d)))
        .filter(|(_, dishes)| !dishes.is_empty())
        .collect()
}

fn as_pairs(days: &[MenuDay]) -> Vec<(jiff::civil::Date, Vec<String>)> {
    days.iter().map(|d| (d.date, d.dishes.clone())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_finds_schools_on_both_services() {
    let emu = support::demo_emulator();
    let session = support::logged_in(&emu, Platform::InfoMentor).await;
    let client = &session.client;

    let hits = client
        .search_menu_schools(Some(MenuService::Skolmaten), "skute")
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "skutehagens-skolan");
    assert_eq!(hits[0].name, "Skutehagens skolan");
    assert_eq!(hits[0].place.as_deref(), Some("Lidköping"));

    let all = client.search_menu_schools(None, "skol").await.unwrap();
    let names: Vec<(MenuService, &str)> =
        all.iter().map(|s| (s.service, s.name.as_str())).collect();
    assert_eq!(
        names,
        vec![
            (MenuService::Skolmaten, "Hålta förskola"),
            (MenuService::Skolmaten, "Påskbergsskolan"),
            (MenuService::Skolmaten, "Skutehagens skolan"),
            (MenuService::Matilda, "Parkskolan restaurang"),
            (MenuService::Matilda, "Skolor"),
        ]
    );
    let matilda = all.iter().find(|s| s.name == "Skolor").unwrap();
    assert_eq!(matilda.id, "63fc6e2dccb95f5ce56d8ada_skolor");
    assert_eq!(matilda.place.as_deref(), Some("Älvkarleby kommun"));

    assert!(matches!(
        client.search_menu_schools(None, "  ").await,
        Err(skolbryggan::Error::InvalidInput(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attached_menu_is_refreshed_shown_kept_on_failure_and_detached() {
    let emu = support::demo_emulator();
    let session = support::logged_in(&emu, Platform::InfoMentor).await;
    let client = &session.client;
    let today = client.today();
    let week = IsoWeek::containing(today);
    support::refresh_week(client).await;

    let children = client.children().await.unwrap().value;
    let child = children
        .iter()
        .find(|c| c.platform == Platform::InfoMentor)
        .expect("an InfoMentor child")
        .clone();
    assert!(
        client
            .menu(week, Some(&child.id))
            .await
            .unwrap()
            .value
            .is_empty(),
        "InfoMentor has no menu of its own"
    );

    // Attach the school found by a search, refresh: the week's menu is there.
    let school = client
        .search_menu_schools(Some(MenuService::Skolmaten), "skutehagens")
        .await
        .unwrap()
        .remove(0);
    client
        .attach_menu(&child.id, MenuSource::from_school(&school))
        .await
        .unwrap();
    assert_eq!(
        client.menu_sources().await.unwrap().get(&child.id),
        Some(&MenuSource::from_school(&school))
    );
    emu.reset_request_log();
    let report = support::refresh_week(client).await;
    let menu_reports: Vec<_> = report
        .resources
        .iter()
        .filter(|r| r.resource.kind == ResourceKind::Menu)
        .collect();
    assert!(!menu_reports.is_empty(), "{report:?}");
    assert!(
        menu_reports.iter().all(|r| r.failure().is_none()),
        "{report:?}"
    );
    assert_eq!(emu.request_count("skutehagens-skolan"), 1);

    let menu = client.menu(week, Some(&child.id)).await.unwrap();
    assert_eq!(as_pairs(&menu.value), expected("skutehagens-skolan", week));
    assert!(!menu.value.is_empty());
    assert!(menu.value.iter().all(|d| d.child_id == child.id));
    let monday = &menu.value[0];
    assert_eq!(monday.title, format!("Måndag - Vecka {}", week.week));

    // The week overview shows it as the child's lunch.
    let overview = client.week_overview(today).await.unwrap().value;
    let lunch: Vec<(jiff::civil::Date, Vec<String>)> = overview
        .days
        .iter()
        .filter_map(|d| {
            d.children
                .iter()
                .find(|c| c.child_id == child.id)
                .filter(|c| !c.lunch.is_empty())
                .map(|c| (d.date, c.lunch.clone()))
        })
        .collect();
    assert_eq!(lunch, expected("skutehagens-skolan", week));

    // The service fails: a typed failure, the cached menu kept (with its last error).
    emu.add_fault(FaultRule {
        endpoint: "*".to_owned(),
        host: Some("skolmaten.se".to_owned()),
        fault: Fault::status(500, None),
        times: None,
    });
    session.clock.advance(Duration::from_secs(2 * 24 * 3600));
    let report = client
        .refresh(
            &RefreshRequest {
                force: true,
                ..RefreshRequest::week_view(today)
            },
            None,
        )
        .await
        .unwrap();
    let failure = report
        .resources
        .iter()
        .filter(|r| r.resource.kind == ResourceKind::Menu)
        .find_map(|r| r.failure())
        .expect("the menu failed");
    assert_eq!(failure.kind, FailureKind::Upstream, "{failure:?}");
    let kept = client.menu(week, Some(&child.id)).await.unwrap();
    assert_eq!(kept.value, menu.value, "the cached menu stays");
    let view = client
        .engine()
        .read_week(&client.account().unwrap(), week)
        .await
        .unwrap();
    let status = view
        .resources
        .iter()
        .find(|r| {
            r.resource.kind == ResourceKind::Menu && r.resource.child.as_ref() == Some(&child.id)
        })
        .unwrap();
    assert_eq!(status.last_error, Some(FailureKind::Upstream));
    assert!(status.fetched_at.is_some(), "the last good fetch is kept");
    emu.clear_faults();

    // Another school on another service replaces it.
    let matilda = MenuSource::new(
        MenuService::Matilda,
        "63fc8f84ccb95f5ce570a0d4_parkskolan-restaurang",
        "Parkskolan restaurang",
    );
    client.attach_menu(&child.id, matilda).await.unwrap();
    assert!(
        client
            .menu(week, Some(&child.id))
            .await
            .unwrap()
            .value
            .is_empty(),
        "the old school's menu is cleared at once"
    );
    support::refresh_week(client).await;
    let menu = client.menu(week, Some(&child.id)).await.unwrap().value;
    assert_eq!(
        as_pairs(&menu),
        expected("63fc8f84ccb95f5ce570a0d4_parkskolan-restaurang", week)
    );

    // Detached: the menu goes, and a refresh fetches none.
    let was = client.detach_menu(&child.id).await.unwrap();
    assert_eq!(was.map(|s| s.service), Some(MenuService::Matilda));
    assert!(
        client
            .menu(week, Some(&child.id))
            .await
            .unwrap()
            .value
            .is_empty()
    );
    emu.reset_request_log();
    support::refresh_week(client).await;
    assert_eq!(
        emu.request_log().by_host.get("menu.matildaplatform.com"),
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attaching_checks_the_child_and_the_school_id() {
    let emu = support::demo_emulator();
    let session = support::logged_in(&emu, Platform::InfoMentor).await;
    let client = &session.client;
    support::refresh_week(client).await;
    let child = client.children().await.unwrap().value.remove(0);
    let bad = MenuSource::new(MenuService::Skolmaten, "../etc", "x");
    assert!(matches!(
        client.attach_menu(&child.id, bad).await,
        Err(skolbryggan::Error::InvalidInput(_))
    ));
    let stranger = skolbryggan::model::EntityId::from_raw("infomentor:other:child:1");
    assert!(matches!(
        client
            .attach_menu(
                &stranger,
                MenuSource::new(MenuService::Skolmaten, "paskbergsskolan", "Påskbergsskolan")
            )
            .await,
        Err(skolbryggan::Error::InvalidInput(_))
    ));
}
