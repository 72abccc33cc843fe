//! End to end: [`StockholmProvider`] against the HTTPS emulator on loopback, under the real host
//! names, with the emulator's CA as the only trusted root.

use std::time::Duration;

use crate::support;
use skolbryggan::Error;
use skolbryggan::error::LoginFailure;
use skolbryggan::http::HttpConfig;
use skolbryggan::model::{Child, EventKind, FamilySnapshot, IsoWeek, Platform};
use skolbryggan::provider::skola24::Skola24ChildRef;
use skolbryggan::provider::stockholm::StockholmChildRef;
use skolbryggan::provider::stockholm::StockholmProvider;
use skolbryggan::provider::{
    DateRange, DriveOptions, LoginRequest, LoginState, LoginUpdate, Provider, drive_login,
};
use skolbryggan_emulator::{
    BankIdOutcome, BankIdScript, EmulatorConfig, EmulatorHandle, Fault, FaultEffect, FaultRule,
    FrejaOutcome, FrejaScript, MenuKind,
};

fn week48() -> IsoWeek {
    IsoWeek {
        year: 2026,
        week: 48,
    }
}

fn emulator() -> EmulatorHandle {
    support::sample_emulator()
}

fn provider(emu: &EmulatorHandle) -> StockholmProvider {
    provider_with(HttpConfig::with_upstream(emu.upstream_override()))
}

fn provider_with(config: HttpConfig) -> StockholmProvider {
    StockholmProvider::new(config, EmulatorConfig::account_key()).unwrap()
}

fn fast() -> DriveOptions {
    DriveOptions {
        interval: Duration::from_millis(10),
        timeout: Duration::from_secs(20),
        max_transient_errors: 3,
    }
}

async fn login_with(
    provider: &StockholmProvider,
    request: LoginRequest,
) -> (Result<skolbryggan::model::User, Error>, Vec<LoginUpdate>) {
    let flow = provider.start_login(request).await.unwrap();
    let mut updates = Vec::new();
    let result = drive_login(
        flow,
        fast(),
        |u| updates.push(u.clone()),
        std::future::pending(),
    )
    .await;
    (result, updates)
}

async fn bankid_login(provider: &StockholmProvider) -> skolbryggan::model::User {
    let (user, _) = login_with(
        provider,
        LoginRequest::BankId {
            personal_number: None,
            other_device: false,
        },
    )
    .await;
    user.unwrap()
}

fn expected_family() -> FamilySnapshot {
    skolbryggan_emulator::sample::family()
}

fn stockholm_children(children: &[Child]) -> Vec<&Child> {
    children
        .iter()
        .filter(|c| c.platform == Platform::Stockholm)
        .collect()
}

fn by_name<'a>(children: &'a [Child], first: &str) -> &'a Child {
    children.iter().find(|c| c.first_name == first).unwrap()
}

#[tokio::test]
async fn bankid_login_then_every_read() {
    let emu = emulator();
    let provider = provider(&emu);
    let flow = provider
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: false,
        })
        .await
        .unwrap();
    let prompt = flow.prompt();
    let token = prompt.autostart_token.clone().unwrap();
    assert_eq!(
        prompt.bankid_app_link.as_deref(),
        Some(format!("bankid:///?autostarttoken={token}&redirect=null").as_str())
    );
    assert!(
        prompt
            .bankid_universal_link
            .unwrap()
            .starts_with("https://app.bankid.com/?autostarttoken=")
    );
    let mut states = Vec::new();
    let user = drive_login(
        flow,
        fast(),
        |u| states.push(u.state.clone()),
        std::future::pending(),
    )
    .await
    .unwrap();
    assert_eq!(
        states,
        vec![
            LoginState::Pending,
            LoginState::UserSign,
            LoginState::Signed,
            LoginState::Complete
        ]
    );
    let expected = expected_family();
    assert_eq!(user, expected.users[0]);
    assert_eq!(provider.user().await.unwrap(), user);

    let children = provider.children().await.unwrap();
    let want: Vec<_> = stockholm_children(&expected.children);
    assert_eq!(children.len(), want.len());
    for w in &want {
        let got = children.iter().find(|c| c.id == w.id).unwrap();
        assert_eq!(got.first_name, w.first_name);
        assert_eq!(got.school_forms, w.school_forms);
        assert_eq!(
            got.refs.get::<StockholmChildRef>(),
            w.refs.get::<StockholmChildRef>()
        );
        assert_eq!(
            got.refs.get::<Skola24ChildRef>().map(|r| r.person_guid),
            w.refs.get::<Skola24ChildRef>().map(|r| r.person_guid),
            "Skola24 merge of {}",
            w.first_name
        );
    }

    let range = DateRange::of_week(week48());
    for child in &children {
        // Calendar: school calendar + schedule, limited to the week.
        let mut got: Vec<String> = provider
            .calendar(child, range)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.title)
            .collect();
        got.sort();
        let mut want: Vec<String> = expected
            .calendar
            .iter()
            .filter(|e| e.child_id == child.id)
            .filter(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start)
            // The school calendar lists upcoming events only; the schedule the asked range.
            .filter(|e| {
                e.kind == EventKind::Schedule
                    || e.timing.last_date() >= skolbryggan_emulator::sample::today()
            })
            .map(|e| e.title.clone())
            .collect();
        want.sort();
        assert_eq!(got, want, "calendar of {}", child.first_name);

        let news = provider.news(child).await.unwrap();
        let want_news: Vec<_> = expected
            .news
            .iter()
            .filter(|n| n.child_id == child.id)
            .collect();
        assert_eq!(news.len(), want_news.len(), "news of {}", child.first_name);
        for item in &news {
            let want = want_news.iter().find(|n| n.id == item.id).unwrap();
            assert_eq!(item.title, want.title);
            assert_eq!(item.published, want.published);
            let article = provider.news_article(child, item).await.unwrap();
            assert_eq!(article.id, item.id);
            assert!(
                article
                    .body_markdown
                    .contains(want.body_markdown.split_whitespace().next().unwrap())
            );
        }

        let notes = provider.notifications(child).await.unwrap();
        let want_notes = expected
            .notifications
            .iter()
            .filter(|n| n.child_id == child.id)
            .count();
        assert_eq!(notes.len(), want_notes);

        let menu = provider.menu(child, week48()).await.unwrap();
        let want_menu: Vec<_> = expected
            .menus
            .iter()
            .filter(|m| m.child_id == child.id)
            .collect();
        assert_eq!(menu.len(), want_menu.len(), "menu of {}", child.first_name);
        for (got, want) in menu.iter().zip(&want_menu) {
            assert_eq!(got.date, want.date);
            assert_eq!(got.dishes, want.dishes);
        }

        let classmates = provider.classmates(child).await.unwrap();
        assert_eq!(
            classmates.len(),
            expected
                .classmates
                .iter()
                .filter(|c| c.child_id == child.id)
                .count()
        );
        let teachers = provider.teachers(child).await.unwrap();
        let mut got_t: Vec<_> = teachers.iter().map(|t| t.full_name()).collect();
        got_t.sort();
        let mut want_t: Vec<_> = expected
            .teachers
            .iter()
            .filter(|t| t.child_id == child.id)
            .map(|t| t.full_name())
            .collect();
        want_t.sort();
        assert_eq!(got_t, want_t, "teachers of {}", child.first_name);
        let contacts = provider.contacts(child).await.unwrap();
        assert_eq!(
            contacts.len(),
            expected
                .contacts
                .iter()
                .filter(|c| c.child_id == child.id)
                .count()
        );

        let lessons = provider.timetable(child, week48()).await.unwrap();
        let want_lessons: Vec<_> = expected
            .lessons
            .iter()
            .filter(|l| l.child_id == child.id && IsoWeek::containing(l.start.date()) == week48())
            .collect();
        assert_eq!(
            lessons.len(),
            want_lessons.len(),
            "lessons of {}",
            child.first_name
        );
        for (got, want) in lessons.iter().zip(&want_lessons) {
            assert_eq!(got.subject.code, want.subject.code);
            assert_eq!(got.start, want.start);
            assert_eq!(got.teacher, want.teacher, "teacher names from initials");
        }
    }
    // One sign-on for the whole session; the FS child forced child selection.
    assert_eq!(emu.request_count("authenticate"), 1);
    assert!(emu.request_count("SelectChild") >= 1);

    // Images of news need the session: cookie and token.
    let headers = provider.session_headers(
        "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=101.jpeg",
    );
    assert!(
        headers
            .iter()
            .any(|(n, v)| n == "cookie" && v.contains("SMSESSION="))
    );
    assert!(headers.iter().any(|(n, _)| n == "x-xsrf-token"));
    assert!(
        provider
            .session_headers("https://example.org/x.jpeg")
            .is_empty()
    );

    provider.logout().await.unwrap();
    assert!(provider.saved_session().is_none());
    assert!(matches!(provider.children().await, Err(Error::NotLoggedIn)));
}

#[tokio::test]
async fn bankid_with_personal_number() {
    let emu = emulator();
    let provider = provider(&emu);
    let pnr =
        skolbryggan::model::PersonalNumber::parse(skolbryggan_emulator::sample::GUARDIAN, 2026);
    let (user, _) = login_with(
        &provider,
        LoginRequest::BankId {
            personal_number: pnr,
            other_device: false,
        },
    )
    .await;
    assert_eq!(user.unwrap().first_name, "Tolvan");
}

#[tokio::test]
async fn bankid_qr_on_another_device() {
    let emu = emulator();
    let provider = provider(&emu);
    let flow = provider
        .start_login(LoginRequest::BankId {
            personal_number: None,
            other_device: true,
        })
        .await
        .unwrap();
    let first = flow.prompt().qr.unwrap();
    assert!(first.payload.starts_with("bankid."));
    let mut frames = Vec::new();
    let user = drive_login(
        flow,
        fast(),
        |u| {
            if let Some(qr) = &u.qr {
                frames.push(qr.payload.clone());
            }
        },
        std::future::pending(),
    )
    .await
    .unwrap();
    assert_eq!(user.first_name, "Tolvan");
    frames.dedup();
    assert!(
        frames.len() >= 2,
        "the QR code is animated: {} frames",
        frames.len()
    );
}

#[tokio::test]
async fn bankid_failures_are_typed() {
    let emu = emulator();
    let provider = provider(&emu);
    let bankid = LoginRequest::BankId {
        personal_number: None,
        other_device: false,
    };
    emu.set_bankid_script(BankIdScript {
        pending_polls: 1,
        user_sign_polls: 0,
        outcome: BankIdOutcome::Error,
    });
    let (result, updates) = login_with(&provider, bankid.clone()).await;
    assert!(
        matches!(result, Err(Error::Login(LoginFailure::Rejected(_)))),
        "{result:?}"
    );
    assert!(matches!(
        updates.last().unwrap().state,
        LoginState::Failed(_)
    ));
    emu.set_bankid_script(BankIdScript {
        pending_polls: 0,
        user_sign_polls: 1,
        outcome: BankIdOutcome::Cancelled,
    });
    let (result, _) = login_with(&provider, bankid.clone()).await;
    assert!(matches!(
        result,
        Err(Error::Login(LoginFailure::CancelledByUser))
    ));
    emu.set_bankid_script(BankIdScript {
        pending_polls: 1,
        user_sign_polls: 0,
        outcome: BankIdOutcome::Expire,
    });
    let (result, _) = login_with(&provider, bankid.clone()).await;
    assert!(
        matches!(
            result,
            Err(Error::Upstream {
                status: Some(500),
                ..
            })
        ),
        "{result:?}"
    );
    // Cancelling locally stops the flow.
    emu.set_bankid_script(BankIdScript {
        pending_polls: 10_000,
        user_sign_polls: 0,
        outcome: BankIdOutcome::Ok,
    });
    let flow = provider.start_login(bankid).await.unwrap();
    let result = drive_login(
        flow,
        fast(),
        |_| {},
        tokio::time::sleep(Duration::from_millis(100)),
    )
    .await;
    assert!(matches!(result, Err(Error::Cancelled)));
    assert!(provider.saved_session().is_none());
}

#[tokio::test]
async fn freja_login_and_failures() {
    let emu = emulator();
    let provider = provider(&emu);
    let flow = provider.start_login(LoginRequest::Freja).await.unwrap();
    let link = flow.prompt().freja_link.unwrap();
    assert!(!link.contains('&'));
    let mut states = Vec::new();
    let user = drive_login(
        flow,
        fast(),
        |u| states.push(u.state.clone()),
        std::future::pending(),
    )
    .await
    .unwrap();
    assert_eq!(user.first_name, "Tolvan");
    assert!(states.contains(&LoginState::UserSign));
    assert!(!provider.children().await.unwrap().is_empty());

    for (outcome, check) in [
        (
            FrejaOutcome::Canceled,
            (|e: &Error| matches!(e, Error::Login(LoginFailure::CancelledByUser)))
                as fn(&Error) -> bool,
        ),
        (FrejaOutcome::Expired, |e: &Error| {
            matches!(e, Error::Login(LoginFailure::TimedOut))
        }),
        (FrejaOutcome::RpCanceled, |e: &Error| {
            matches!(e, Error::Login(LoginFailure::Rejected(_)))
        }),
        (FrejaOutcome::Error, |e: &Error| {
            matches!(e, Error::Login(LoginFailure::Rejected(_)))
        }),
    ] {
        emu.set_freja_script(FrejaScript {
            started_polls: 1,
            delivered_polls: 1,
            outcome,
        });
        let (result, _) = login_with(&provider, LoginRequest::Freja).await;
        let error = result.unwrap_err();
        assert!(check(&error), "{outcome:?}: {error:?}");
    }
}

#[tokio::test]
async fn resume_a_saved_session() {
    let emu = emulator();
    let first = provider(&emu);
    let user = bankid_login(&first).await;
    let saved = first.saved_session().unwrap();
    assert_eq!(saved.provider, "stockholm");
    assert_eq!(saved.account, user.id.account());
    assert!(!format!("{saved:?}").contains("SMSESSION"));
    drop(first);

    let second = provider(&emu);
    let resumed = second.resume(&saved).await.unwrap();
    assert_eq!(resumed, user);
    let children = second.children().await.unwrap();
    let alva = by_name(&children, "Alva");
    assert!(!second.news(alva).await.unwrap().is_empty());

    // After the session has expired upstream, resuming fails with SessionExpired.
    emu.expire_all_sessions();
    let third = provider(&emu);
    assert!(matches!(
        third.resume(&saved).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(third.saved_session().is_none());
}

#[tokio::test]
async fn session_expiring_mid_sync() {
    let emu = emulator();
    let provider = provider(&emu);
    bankid_login(&provider).await;
    let children = provider.children().await.unwrap();
    let alva = by_name(&children, "Alva");
    assert!(!provider.timetable(alva, week48()).await.unwrap().is_empty());
    emu.expire_all_sessions();
    assert!(matches!(
        provider.news(alva).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        provider.notifications(alva).await,
        Err(Error::SessionExpired { .. })
    ));
    assert!(matches!(
        provider.user().await,
        Err(Error::SessionExpired { .. })
    ));
    // Skola24 needs a new sign-on, which the expired Stockholm session cannot give.
    let timetable = provider.timetable(alva, week48()).await;
    assert!(
        matches!(timetable, Err(Error::SessionExpired { .. })),
        "{timetable:?}"
    );
}

#[tokio::test]
async fn skola24_signs_on_again_once() {
    let emu = emulator();
    let provider = provider(&emu);
    bankid_login(&provider).await;
    let children = provider.children().await.unwrap();
    let alva = by_name(&children, "Alva");
    assert_eq!(emu.request_count("authenticate"), 1);
    emu.add_fault(FaultRule::next("timetable", 1, Fault::status(401, None)));
    let lessons = provider.timetable(alva, week48()).await.unwrap();
    assert!(!lessons.is_empty());
    assert_eq!(emu.request_count("authenticate"), 2);
    // A second failure after the new sign-on is returned, not retried forever.
    emu.add_fault(FaultRule::next("timetable", 2, Fault::status(401, None)));
    assert!(provider.timetable(alva, week48()).await.is_err());
    assert_eq!(emu.request_count("authenticate"), 3);
}

#[tokio::test]
async fn menu_in_feed_form() {
    let emu = emulator();
    let provider = provider(&emu);
    bankid_login(&provider).await;
    let children = provider.children().await.unwrap();
    let alva = by_name(&children, "Alva");
    let id = alva.refs.get::<StockholmChildRef>().unwrap().id.clone();
    emu.set_menu_kind(&id, MenuKind::Rss);
    let menu = provider.menu(alva, week48()).await.unwrap();
    assert_eq!(menu.len(), 5);
    assert_eq!(
        menu[0].dishes,
        vec!["Fiskgratäng med potatis", "Vegetarisk lasagne"]
    );
    assert!(emu.request_count("GetMatsedelRSS") >= 1);
}

#[tokio::test]
async fn faults_become_typed_errors() {
    let emu = emulator();
    let provider = provider_with(
        HttpConfig::with_upstream(emu.upstream_override())
            .request_timeout(Duration::from_millis(500)),
    );
    bankid_login(&provider).await;
    let children = provider.children().await.unwrap();
    let alva = by_name(&children, "Alva").clone();

    emu.add_fault(FaultRule::next("GetChildren", 1, Fault::status(500, None)));
    assert!(matches!(
        provider.children().await,
        Err(Error::Upstream { status: Some(500), ref endpoint, .. }) if endpoint == "GetChildren"
    ));
    emu.add_fault(FaultRule::next(
        "GetChildren",
        1,
        Fault::status(429, Some(30)),
    ));
    assert!(matches!(
        provider.children().await,
        Err(Error::RateLimited { retry_after: Some(d), .. }) if d == Duration::from_secs(30)
    ));
    emu.add_fault(FaultRule::next(
        "getnotifications",
        1,
        Fault::status(503, Some(5)),
    ));
    assert!(matches!(
        provider.notifications(&alva).await,
        Err(Error::RateLimited { .. })
    ));
    emu.add_fault(FaultRule::next(
        "GetNewsArchive",
        1,
        Fault::effect(FaultEffect::TruncatedBody),
    ));
    let truncated = provider.news(&alva).await;
    assert!(
        matches!(truncated, Err(Error::Parse { .. } | Error::Network { .. })),
        "{truncated:?}"
    );
    emu.add_fault(FaultRule::next(
        "GetStudentsByClass",
        1,
        Fault::effect(FaultEffect::HtmlInsteadOfJson),
    ));
    assert!(matches!(
        provider.classmates(&alva).await,
        Err(Error::SessionExpired { .. })
    ));
    emu.add_fault(FaultRule::next(
        "GetNewsArchive",
        1,
        Fault::effect(FaultEffect::WrongChild),
    ));
    assert!(matches!(
        provider.news(&alva).await,
        Err(Error::WrongChild { ref endpoint }) if endpoint == "GetNewsArchive"
    ));
    emu.add_fault(FaultRule::next(
        "GetSchoolContacts",
        1,
        Fault::latency(2_000),
    ));
    assert!(matches!(
        provider.contacts(&alva).await,
        Err(Error::Timeout { .. })
    ));
    emu.add_fault(FaultRule::next("key", 1, Fault::status(500, None)));
    assert!(matches!(
        provider.timetable(&alva, week48()).await,
        Err(Error::Upstream {
            status: Some(500),
            ..
        })
    ));
    // After every fault, the same calls work again.
    assert!(!provider.news(&alva).await.unwrap().is_empty());
    assert!(
        !provider
            .timetable(&alva, week48())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn fs_queue_keeps_children_apart_under_concurrency() {
    let emu = emulator();
    let provider = provider(&emu);
    bankid_login(&provider).await;
    let children = provider.children().await.unwrap();
    assert!(
        children.iter().any(|c| c.is_preschool()),
        "the sample has an FS child"
    );
    emu.reset_request_log();
    // Everything at once, three rounds: the queue must keep each answer with its child.
    let mut calls = Vec::new();
    for _ in 0..3 {
        for child in &children {
            let provider = provider.clone();
            let child = child.clone();
            calls.push(tokio::spawn(async move {
                let news = provider.news(&child).await?;
                let menu = provider.menu(&child, week48()).await?;
                let calendar = provider
                    .calendar(&child, DateRange::of_week(week48()))
                    .await?;
                Ok::<_, Error>((child, news, menu, calendar))
            }));
        }
    }
    let expected = expected_family();
    for call in calls {
        let (child, news, menu, calendar) = call.await.unwrap().unwrap();
        let want: Vec<_> = expected
            .news
            .iter()
            .filter(|n| n.child_id == child.id)
            .map(|n| n.title.clone())
            .collect();
        let mut got: Vec<_> = news.iter().map(|n| n.title.clone()).collect();
        got.sort();
        let mut want = want;
        want.sort();
        assert_eq!(got, want, "news of {}", child.first_name);
        assert!(menu.iter().all(|m| m.child_id == child.id));
        assert_eq!(
            menu.len(),
            expected
                .menus
                .iter()
                .filter(|m| m.child_id == child.id)
                .count()
        );
        assert!(calendar.iter().all(|e| e.child_id == child.id));
    }
    let selects = emu.request_count("SelectChild");
    assert!(selects >= 2, "children were switched ({selects} selects)");
}

#[tokio::test]
async fn the_demo_family_reads_without_errors() {
    let emu = support::demo_emulator();
    let provider = provider(&emu);
    bankid_login(&provider).await;
    let family = emu.family();
    let children = provider.children().await.unwrap();
    assert_eq!(children.len(), stockholm_children(&family.children).len());
    let week = IsoWeek::containing(skolbryggan::time::today());
    let mut lessons = 0;
    for child in &children {
        let range = DateRange::of_week(week);
        let got = provider.calendar(child, range).await.unwrap().len();
        let today = skolbryggan::time::today();
        let want = family
            .calendar
            .iter()
            .filter(|e| e.child_id == child.id)
            .filter(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start)
            .filter(|e| e.kind == EventKind::Schedule || e.timing.last_date() >= today)
            .count();
        assert_eq!(got, want, "calendar of {}", child.first_name);
        for item in provider.news(child).await.unwrap().iter().take(2) {
            provider.news_article(child, item).await.unwrap();
        }
        provider.notifications(child).await.unwrap();
        provider.menu(child, week).await.unwrap();
        provider.classmates(child).await.unwrap();
        provider.teachers(child).await.unwrap();
        provider.contacts(child).await.unwrap();
        lessons += provider.timetable(child, week).await.unwrap().len();
    }
    let want_lessons = family
        .lessons
        .iter()
        .filter(|l| IsoWeek::containing(l.start.date()) == week)
        .filter(|l| children.iter().any(|c| c.id == l.child_id))
        .count();
    assert_eq!(lessons, want_lessons);
}
