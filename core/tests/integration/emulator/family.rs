//! One family on four platforms: a parent logs in to Stockholm, InfoMentor, SchoolSoft and
//! Vklass in turn, attaches a public menu to the InfoMentor child (InfoMentor publishes none),
//! and one refresh fills one week with every child's lessons, events and lunch. Each login
//! joins the family instead of replacing it; signing out of one platform keeps the others;
//! a restart resumes all four; `forget` removes the whole family.

use std::sync::Arc;

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};
use skolbryggan::client::{Client, ClientBuilder, SessionState};
use skolbryggan::model::{AccountId, ChildDay, FamilySnapshot, Platform, WeekOverview};
use skolbryggan::provider::LoginRequest;
use skolbryggan::provider::menus::{MenuService, MenuSource};
use skolbryggan::secrets::MemorySecretStore;

use crate::support;
use skolbryggan::sync::ManualClock;
use skolbryggan_emulator::menus::dishes_for;
use skolbryggan_emulator::{Emulator, EmulatorConfig, EmulatorHandle};

/// The public menu attached to the InfoMentor child.
const SCHOOL: &str = "skutehagens-skolan";

/// The emulator (its "today" the real one, as the Vklass data is generated around it) and the
/// family its Stockholm and InfoMentor hosts serve.
fn emulator() -> (EmulatorHandle, FamilySnapshot) {
    let mut config = EmulatorConfig::demo();
    config.today = Some(skolbryggan::time::today());
    let family = config.family.clone();
    (Emulator::start(config).unwrap(), family)
}

async fn client_in(
    emu: &EmulatorHandle,
    dir: &tempfile::TempDir,
    secrets: Arc<MemorySecretStore>,
) -> Client {
    ClientBuilder::new(dir.path())
        .upstream(Some(emu.upstream_override()))
        .secret_store(secrets)
        .clock(Arc::new(ManualClock::new(jiff::Timestamp::now())))
        .build()
        .await
        .unwrap()
}

/// Logs in to the four platforms in turn, as a parent would.
async fn log_in_to_all_four(client: &Client) {
    support::login(client, Platform::Stockholm, support::demo_bankid()).await;
    support::login(client, Platform::InfoMentor, support::demo_bankid()).await;
    let tenant = client
        .organisations("schoolsoft", "Påhittade")
        .await
        .unwrap()
        .remove(0);
    client.set_organisation("schoolsoft", &tenant.id).unwrap();
    support::login(client, Platform::SchoolSoft, support::demo_bankid()).await;
    client.set_organisation("vklass", "189").unwrap();
    support::login(
        client,
        Platform::Vklass,
        LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        },
    )
    .await;
}

fn logged_in(client: &Client) -> Vec<&'static str> {
    client
        .session_states()
        .into_iter()
        .filter(|s| matches!(s.state, SessionState::LoggedIn { .. }))
        .map(|s| s.provider)
        .collect()
}

/// What the week shows of one child on one day: first lesson, subjects, event titles, lunch.
type Row = (Option<Time>, Vec<String>, Vec<String>, Vec<String>);

fn row(c: &ChildDay) -> Row {
    (
        c.first_lesson.as_ref().map(|t| t.time()),
        c.subjects.clone(),
        c.events.iter().map(|e| e.title.clone()).collect(),
        c.lunch.clone(),
    )
}

/// Every (platform, first name, date) of a week with its row.
fn rows(
    week: &WeekOverview,
    keep: impl Fn(Platform) -> bool,
) -> BTreeMap<(String, String, Date), Row> {
    week.days
        .iter()
        .flat_map(|d| {
            d.children
                .iter()
                .filter(|c| keep(c.platform))
                .map(move |c| {
                    (
                        (c.platform.to_string(), c.child_name.clone(), d.date),
                        row(c),
                    )
                })
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn is_weekday(d: Date) -> bool {
    !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The SchoolSoft emulator's week (tests/emulator/src/schoolsoft): a fixed timetable per
/// child (the lunch break is not a lesson), an all-day event each Wednesday, the tenant's lunch
/// menu on Monday, Tuesday, Thursday and Friday.
fn schoolsoft_rows(week: &WeekOverview) -> BTreeMap<(String, String, Date), Row> {
    let mut out = BTreeMap::new();
    for d in week.week.days() {
        let lunch: &[&str] = match d.weekday() {
            Weekday::Monday => &[
                "Dagens lunch · Fiskgratäng med potatis",
                "Vegetarisk · Grönsaksgratäng",
            ],
            Weekday::Tuesday => &[
                "Dagens lunch · Köttbullar med potatismos",
                "Vegetarisk · Vegobullar med potatismos",
            ],
            Weekday::Thursday => &["Dagens lunch · Ärtsoppa och pannkakor"],
            Weekday::Friday => &["Dagens lunch · Tacos", "Vegetarisk · Tacos med bönfärs"],
            _ => &[],
        };
        for (name, start, subjects, event) in [
            (
                "Alva",
                Time::constant(8, 25, 0, 0),
                ["MATMAT01", "SOISOO0"],
                "Idrottsdag åk 7",
            ),
            (
                "Bo",
                Time::constant(8, 15, 0, 0),
                ["SVESVE01", "IDRIDR01"],
                "Utflykt åk 3",
            ),
        ] {
            let r = if is_weekday(d) {
                let events = if d.weekday() == Weekday::Wednesday {
                    vec![event.to_owned()]
                } else {
                    vec![]
                };
                (Some(start), strings(&subjects), events, strings(lunch))
            } else {
                (None, vec![], vec![], vec![])
            };
            out.insert(("schoolsoft".to_owned(), name.to_owned(), d), r);
        }
    }
    out
}

/// The Vklass emulator's week around `today` (tests/emulator/src/vklass): Swedish and maths
/// every weekday (PE on Tuesdays; Alva starts at 08:00, Bo at 08:10), the maths homework due
/// in three days, a study day in nine, and today's lunch from the home page.
fn vklass_rows(week: &WeekOverview, today: Date) -> BTreeMap<(String, String, Date), Row> {
    let homework = today.checked_add(3.days()).unwrap();
    let study_day = today.checked_add(9.days()).unwrap();
    let mut out = BTreeMap::new();
    for d in week.week.days() {
        for (name, start) in [
            ("Bo", Time::constant(8, 10, 0, 0)),
            ("Alva", Time::constant(8, 0, 0, 0)),
        ] {
            let mut events = Vec::new();
            if d == study_day {
                events.push("Studiedag".to_owned());
            }
            if d == homework {
                events.push("Läxa i matematik".to_owned());
            }
            let lunch = if d == today {
                strings(&["Kyckling i currysås med cous cous (Fågel),", "Kökets val"])
            } else {
                vec![]
            };
            let r = if is_weekday(d) {
                let mut subjects = strings(&["Svenska", "Matematik"]);
                if d.weekday() == Weekday::Tuesday {
                    subjects.push("Idrott och hälsa".to_owned());
                }
                (Some(start), subjects, events, lunch)
            } else {
                (None, vec![], events, lunch)
            };
            out.insert(("vklass".to_owned(), name.to_owned(), d), r);
        }
    }
    out
}

/// The emulator's own family seen as a week: what its Stockholm and InfoMentor hosts serve.
/// InfoMentor serves no menu, so its children's lunch is the attached school's for `child`.
fn city_rows(
    family: &FamilySnapshot,
    today: Date,
    child: &str,
) -> BTreeMap<(String, String, Date), Row> {
    let mut source = family.clone();
    let infomentor: Vec<_> = source
        .children
        .iter()
        .filter(|c| c.platform == Platform::InfoMentor)
        .map(|c| c.id.clone())
        .collect();
    source.menus.retain(|m| !infomentor.contains(&m.child_id));
    let week = WeekOverview::build(&source, today);
    let mut out = rows(&week, |p| {
        p == Platform::Stockholm || p == Platform::InfoMentor
    });
    for ((platform, name, date), r) in out.iter_mut() {
        if platform == "infomentor" && name == child {
            r.3 = dishes_for(SCHOOL, *date);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_platforms_and_a_public_menu_in_one_refresh_and_one_week() {
    let (emu, served) = emulator();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let client = client_in(&emu, &dir, secrets.clone()).await;
    log_in_to_all_four(&client).await;
    // One family: the first login's account, joined by the three others (each platform keeps
    // its own ids: Vklass namespaces them by a hash of its user id). The account is the keyed
    // id of the guardian's personal number under this installation's key.
    let family = support::keyed_account(secrets.as_ref(), EmulatorConfig::DEMO_GUARDIAN);
    assert_ne!(
        family,
        AccountId::legacy_unkeyed_from_personal_number(EmulatorConfig::DEMO_GUARDIAN)
    );
    assert_eq!(client.account(), Some(family.clone()));
    assert_eq!(
        logged_in(&client),
        ["stockholm", "infomentor", "schoolsoft", "vklass"]
    );

    // The InfoMentor child gets the public menu of a school found by a search. The child is
    // known once the family's children are cached: a first refresh of the children only.
    let today = client.today();
    let children_only = skolbryggan::sync::RefreshRequest {
        kinds: vec![skolbryggan::cache::ResourceKind::Children],
        ..skolbryggan::sync::RefreshRequest::week_view(today)
    };
    client.refresh(&children_only, None).await.unwrap();
    let children = client.children().await.unwrap().value;
    let by_platform = |p: Platform| -> Vec<String> {
        let mut names: Vec<String> = children
            .iter()
            .filter(|c| c.platform == p)
            .map(|c| c.first_name.clone())
            .collect();
        names.sort();
        names
    };
    let mut city: Vec<String> = served
        .children
        .iter()
        .filter(|c| c.platform == Platform::Stockholm)
        .map(|c| c.first_name.clone())
        .collect();
    city.sort();
    assert_eq!(by_platform(Platform::Stockholm), city);
    assert_eq!(by_platform(Platform::InfoMentor), ["Bo", "Mira"]);
    assert_eq!(by_platform(Platform::SchoolSoft), ["Alva", "Bo"]);
    assert_eq!(by_platform(Platform::Vklass), ["Alva", "Bo"]);
    let vklass_child = children
        .iter()
        .find(|c| c.platform == Platform::Vklass)
        .unwrap();
    assert_ne!(
        vklass_child.id.account(),
        family,
        "Vklass keeps its own ids"
    );

    let mira = children
        .iter()
        .find(|c| c.platform == Platform::InfoMentor && c.first_name == "Mira")
        .unwrap()
        .clone();
    let school = client
        .search_menu_schools(Some(MenuService::Skolmaten), "skutehagens")
        .await
        .unwrap()
        .remove(0);
    assert_eq!(school.id, SCHOOL);
    client
        .attach_menu(&mira.id, MenuSource::from_school(&school))
        .await
        .unwrap();

    // One refresh: every platform, every child, the public menu.
    emu.reset_request_log();
    let report = client.refresh_week(today, None).await.unwrap();
    let failures: Vec<_> = report.failures().collect();
    assert!(failures.is_empty(), "{failures:?}");
    let providers: std::collections::BTreeSet<&str> = report
        .resources
        .iter()
        .map(|r| r.resource.provider.as_str())
        .collect();
    assert_eq!(
        providers.into_iter().collect::<Vec<_>>(),
        ["infomentor", "schoolsoft", "stockholm", "vklass"]
    );
    assert_eq!(emu.request_count(SCHOOL), 1, "the public menu fetched once");

    // One week holding every child of every platform, each with what its platform serves.
    let week = client.week_overview(today).await.unwrap().value;
    assert_eq!(week.days.len(), 7);
    assert!(week.days.iter().all(|d| d.children.len() == children.len()));
    let got = rows(&week, |_| true);
    let mut want = city_rows(&served, today, "Mira");
    want.extend(schoolsoft_rows(&week));
    want.extend(vklass_rows(&week, today));
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (key, want_row) in &want {
        assert_eq!(&got[key], want_row, "{key:?}");
    }
    // Not an empty week: lessons on every platform, the public menu on a weekday.
    for platform in ["stockholm", "infomentor", "schoolsoft", "vklass"] {
        assert!(
            got.iter()
                .any(|((p, _, _), r)| p == platform && !r.1.is_empty()),
            "{platform} has lessons"
        );
    }
    let monday = week.week.monday().unwrap();
    assert_eq!(
        got[&("infomentor".to_owned(), "Mira".to_owned(), monday)].3,
        dishes_for(SCHOOL, monday)
    );
    assert!(!dishes_for(SCHOOL, monday).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_family_resumes_whole_signs_out_of_one_platform_and_is_forgotten_whole() {
    let (emu, _) = emulator();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let family;
    {
        let client = client_in(&emu, &dir, secrets.clone()).await;
        log_in_to_all_four(&client).await;
        family = support::keyed_account(secrets.as_ref(), EmulatorConfig::DEMO_GUARDIAN);
        let report = client.refresh_week(client.today(), None).await.unwrap();
        assert_eq!(report.failures().count(), 0);
    }

    // A restart: the four stored sessions resume into the same family.
    let client = client_in(&emu, &dir, secrets.clone()).await;
    assert_eq!(client.account(), Some(family.clone()));
    let outcomes = client.resume_sessions().await.unwrap();
    let resumed: Vec<(&str, bool)> = outcomes
        .iter()
        .map(|o| (o.provider.as_str(), o.result.is_ok()))
        .collect();
    assert_eq!(
        resumed,
        [
            ("stockholm", true),
            ("infomentor", true),
            ("schoolsoft", true),
            ("vklass", true)
        ]
    );
    let sorted_ids = |children: Vec<skolbryggan::model::Child>| {
        let mut ids: Vec<String> = children
            .into_iter()
            .map(|c| c.id.as_str().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let cached = sorted_ids(client.children().await.unwrap().value);
    assert_eq!(cached.len(), 8);

    // Signing out of Vklass: its session goes, the other three stay and refresh; the
    // family's cached data, Vklass's included, stays readable.
    client.logout_platform("vklass").await.unwrap();
    assert_eq!(
        logged_in(&client),
        ["stockholm", "infomentor", "schoolsoft"]
    );
    let vklass = client
        .session_states()
        .into_iter()
        .find(|s| s.provider == "vklass")
        .unwrap();
    assert_eq!(vklass.state, SessionState::NotLoggedIn);
    let forced = skolbryggan::sync::RefreshRequest {
        force: true,
        ..skolbryggan::sync::RefreshRequest::week_view(client.today())
    };
    let report = client.refresh(&forced, None).await.unwrap();
    assert_eq!(report.failures().count(), 0);
    assert!(
        report
            .resources
            .iter()
            .all(|r| r.resource.provider != "vklass")
    );
    // (SchoolSoft lists the child in focus first: compare the ids.)
    assert_eq!(sorted_ids(client.children().await.unwrap().value), cached);

    // After another restart only the three are resumed; Vklass needs a new login.
    drop(client);
    let client = client_in(&emu, &dir, secrets.clone()).await;
    let outcomes = client.resume_sessions().await.unwrap();
    let names: Vec<&str> = outcomes.iter().map(|o| o.provider.as_str()).collect();
    assert_eq!(names, ["stockholm", "infomentor", "schoolsoft"]);
    assert!(outcomes.iter().all(|o| o.result.is_ok()), "{outcomes:?}");

    // Forget: the whole family — every platform's sessions and data, and its key.
    let report = client.forget().await.unwrap();
    assert!(report.session_removed && report.key_destroyed, "{report:?}");
    assert_eq!(client.account(), None);
    drop(client);
    let client = client_in(&emu, &dir, secrets).await;
    assert_eq!(client.account(), None);
    assert!(client.resume_sessions().await.unwrap().is_empty());
    assert!(matches!(
        client.children().await,
        Err(skolbryggan::Error::NotLoggedIn)
    ));
}
