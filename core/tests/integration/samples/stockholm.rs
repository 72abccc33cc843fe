//! Every expected value of the recorded Stockholm samples (`docs/upstream/README.md`, "Samples
//! and fixtures"), plus the
//! constructed answers of endpoints without a recording, and the error cases.

use jiff::Timestamp;
use jiff::civil::date;
use skolbryggan::Error;
use skolbryggan::markdown::html_to_markdown;
use skolbryggan::model::{
    AccountId, AccountKey, Child, EntityId, EntityKind, EventKind, EventTiming, Platform,
    SchoolForm,
};
use skolbryggan::provider::parse_cli::{demo_child, parse_endpoint};
use skolbryggan::provider::skola24::Skola24ChildRef;
use skolbryggan::provider::stockholm::StockholmChildRef;
use skolbryggan::provider::stockholm::parse as st;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// An installation's key of account ids.
fn key() -> AccountKey {
    AccountKey::derive(&[5; 32])
}

fn utc(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn child() -> Child {
    demo_child()
}

#[test]
fn bankid_answers() {
    let ticket = parse_endpoint(
        "stockholm",
        "bankid-auth-ticket",
        &fixture("stockholm/bankid-auth-ticket.json"),
    )
    .unwrap();
    assert_eq!(ticket["token"], "9462cf77-bde9-4029-bb41-e599f3094613");
    assert_eq!(ticket["order"], "5fe57e4c-9ad2-4b52-b794-48adef2f6663");
    for (file, state) in [("pending", "PENDING"), ("ok", "OK"), ("error", "ERROR")] {
        let v = parse_endpoint(
            "stockholm",
            "verifyorder",
            &fixture(&format!("stockholm/bankid-verifyorder--{file}.json")),
        )
        .unwrap();
        assert_eq!(v["state"], state);
    }
}

#[test]
fn getuserdata() {
    let data = st::user(&fixture("stockholm/getuserdata.json"), &key()).unwrap();
    assert!(data.is_authenticated);
    let user = data.user;
    assert_eq!(user.personal_number.unwrap().digits(), "191212121212");
    assert_eq!(user.first_name, "Tolvan");
    assert_eq!(user.last_name, "Tolvansson");
    assert_eq!(user.email.as_deref(), Some("tolvan.tolvansson@example.com"));
    assert_eq!(
        user.notification_id.as_deref(),
        Some("B026594053D44299AB64ED81990B49C04D32F635C9A3454A84030439BFDDEF04")
    );
    let account = key().account_id("191212121212");
    assert_eq!(
        user.id,
        EntityId::new(
            Platform::Stockholm,
            &account,
            EntityKind::User,
            account.as_str()
        )
    );
    // Not authenticated.
    let expired = st::user(
        r#"{"socialSecurityNumber":null,"isAuthenticated":false}"#,
        &key(),
    )
    .unwrap();
    assert!(!expired.is_authenticated);
}

#[test]
fn get_children() {
    let account = key().account_id("191212121212");
    let children = st::children(&fixture("stockholm/GetChildren.json"), &account).unwrap();
    assert_eq!(children.len(), 1);
    let c = &children[0];
    assert_eq!(c.platform, Platform::Stockholm);
    assert_eq!(
        c.id,
        EntityId::new(
            Platform::Stockholm,
            &account,
            EntityKind::Child,
            "42C3997E-D772-423F-9290-6FEEB3CB2DA7"
        )
    );
    assert_eq!(c.full_name(), "Some name");
    assert_eq!(c.first_name, "Some");
    assert_eq!(c.last_name, "name");
    assert_eq!(c.school_forms, vec![SchoolForm::Grundskola]);
    let r = c.refs.get::<StockholmChildRef>().unwrap();
    assert_eq!(r.id, "42C3997E-D772-423F-9290-6FEEB3CB2DA7");
    assert_eq!(r.sds_id, "786E3393-F044-4660-9105-B444DEB289AA");
    assert_eq!(
        r.school_id.as_deref(),
        Some("DE2E1293-0F40-4B91-9D91-1E99355DC257")
    );
    assert_eq!(r.status, "GR");
    assert_eq!(
        c.school.as_ref().unwrap().id.as_deref(),
        Some("DE2E1293-0F40-4B91-9D91-1E99355DC257")
    );
    assert!(!c.refs.has::<Skola24ChildRef>());
}

#[test]
fn select_child() {
    assert_eq!(
        st::select_child(&fixture("constructed/stockholm-SelectChild.json")).unwrap(),
        "42C3997E-D772-423F-9290-6FEEB3CB2DA7"
    );
}

#[test]
fn get_students_by_class() {
    let child = child();
    let list = st::classmates(&fixture("stockholm/GetStudentsByClass.json"), &child).unwrap();
    assert_eq!(list.len(), 1);
    let m = &list[0];
    assert_eq!(
        m.id,
        EntityId::for_child(
            &child.id,
            EntityKind::Classmate,
            "22F0CFC7-09C7-45DC-9388-AE9A9EA1356B"
        )
    );
    assert_eq!(m.child_id, child.id);
    assert_eq!(m.first_name, "Elev");
    assert_eq!(m.last_name, "Elevsson");
    assert_eq!(m.class_name.as_deref(), Some("7C"));
    assert_eq!(m.guardians.len(), 1);
    let g = &m.guardians[0];
    assert_eq!(g.first_name, "Förälder");
    assert_eq!(g.last_name, "Föräldersson");
    assert_eq!(g.address.as_deref(), Some("Påhittegatan 1"));
    assert_eq!(g.mobile.as_deref(), Some("070-000 00 01"));
    assert_eq!(
        g.email.as_deref(),
        Some("foralder.foraldersson@example.com")
    );
}

#[test]
fn get_school_contacts() {
    let child = child();
    let list = st::school_contacts(&fixture("stockholm/GetSchoolContacts.json"), &child).unwrap();
    assert_eq!(list.len(), 2);
    let a = &list[0];
    assert_eq!(a.title.as_deref(), Some("Expedition"));
    assert_eq!(a.name, None);
    assert_eq!(a.phone.as_deref(), Some("508 000 00"));
    assert_eq!(a.email.as_deref(), Some(""));
    assert_eq!(a.school_name.as_deref(), Some("Påhittade skolan"));
    assert_eq!(a.class_name, None);
    let b = &list[1];
    assert_eq!(b.title.as_deref(), Some("Rektor"));
    assert_eq!(b.name.as_deref(), Some("Rektorsson, Rut Rebecka Ragnhild"));
    assert_eq!(b.phone.as_deref(), Some("08-508 000 00"));
    assert_eq!(b.email.as_deref(), Some("rut.rektorsson@example.com"));
    assert_eq!(b.school_name, None);
    assert_eq!(b.class_name, None);
    assert_ne!(a.id, b.id);
    assert_eq!(a.child_id, child.id);
}

/// The anchor's body check: trim each line, join with single spaces.
fn joined_lines(md: &str) -> String {
    md.split('\n').map(str::trim).collect::<Vec<_>>().join(" ")
}

#[test]
fn get_news_archive() {
    let child = child();
    let items = st::news_archive(&fixture("stockholm/GetNewsArchive.json"), &child).unwrap();
    assert_eq!(items.len(), 1);
    let n = &items[0];
    assert_eq!(
        n.id,
        EntityId::for_child(&child.id, EntityKind::News, "news id")
    );
    assert_eq!(n.author.as_deref(), Some("Eva-Lena Exempelsson"));
    assert_eq!(
        n.title,
        "Problemet med att se betyg i bild, slöjd och teknik löst!"
    );
    let image = n.image.as_ref().unwrap();
    assert!(
        image
            .url
            .ends_with("A703552D-DBF3-45B0-8E67-6E062105A0C5.jpeg")
    );
    assert_eq!(
        image.url,
        "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=A703552D-DBF3-45B0-8E67-6E062105A0C5.jpeg"
    );
    assert!(image.needs_session);
    assert_eq!(
        image.alt_text.as_deref(),
        Some("Nyhetsbild. Bildtext ej tillgänglig.")
    );
    assert_eq!(
        n.intro.as_deref(),
        Some("Hej, Nu är problemet löst! Alla betyg syns som de ska. God jul!...")
    );
    assert_eq!(n.published.timestamp(), utc("2020-12-18T15:15:42.000Z"));
    assert_eq!(
        n.modified.as_ref().unwrap().timestamp(),
        utc("2020-12-18T15:18:00.000Z")
    );
    assert_eq!(
        joined_lines(&n.body_markdown),
        "Hej,  Nu är problemet löst! Alla betyg syns som de ska.  God jul!"
    );
    assert_eq!(
        n.body_markdown.matches("\n\n").count(),
        2,
        "three paragraphs"
    );
}

#[test]
fn get_news_article() {
    let child = child();
    let n = st::news_article(&fixture("stockholm/GetNewsArticle.json"), &child).unwrap();
    assert_eq!(
        n.id,
        EntityId::for_child(&child.id, EntityKind::News, "123")
    );
    assert_eq!(n.title, "Avlusningsdagarna 5-7 februari 2021");
    let image = n.image.as_ref().unwrap();
    assert_eq!(
        image.url,
        "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=123123.jpeg"
    );
    assert_eq!(image.alt_text, None);
    assert_eq!(
        n.intro.as_deref(),
        Some("Kära vårdnadshavare! I helgen är det avlusningsdagar!")
    );
    assert_eq!(n.published.timestamp(), utc("2021-02-04T13:31:11.000Z"));
    assert_eq!(
        n.modified.as_ref().unwrap().timestamp(),
        utc("2021-02-04T13:37:32.000Z")
    );
    assert_eq!(n.author.as_deref(), Some("Tieto Evry"));
    assert!(n.body_markdown.contains(
        "[1177 hemsida](https://www.1177.se/sjukdomar--besvar/hud-har-och-naglar/harbotten-och-harsackar/huvudloss/)"
    ));
    assert!(n.body_markdown.contains(" **tillfället** "));
    assert!(!n.body_markdown.contains('\u{200B}'));
    assert!(!n.body_markdown.contains("****"));
}

#[test]
fn news_sorting_and_fallbacks() {
    let child = child();
    let item = |id: &str, published: &str, modified: &str| {
        format!(
            r#"{{"NewsId":"{id}","Header":"h","PublicationDate":"{published}","ModifiedDate":"{modified}","Body":""}}"#
        )
    };
    let body = format!(
        r#"{{"Success":true,"Error":null,"Data":{{"NewsItems":[{},{},{},{},{}]}}}}"#,
        item("a", "/Date(1000)/", "/Date(5000)/"),
        item("b", "/Date(2000)/", "/Date(5000)/"),
        item("c", "/Date(9000)/", ""),
        item("d", "garbage", "/Date(3000)/"),
        item("e", "garbage", "garbage"),
    );
    let items = st::news_archive(&body, &child).unwrap();
    let ids: Vec<&str> = items.iter().map(|n| n.id.local()).collect();
    let local = |x: &str| format!("{}/{x}", child.id.local());
    assert_eq!(ids, vec![local("c"), local("b"), local("a"), local("d")]);
    // Unparseable published falls back to modified; an empty body is a single space.
    assert_eq!(items[3].published.timestamp().as_millisecond(), 3000);
    assert_eq!(items[3].body_markdown, " ");
}

#[test]
fn get_matsedel_list() {
    let child = child();
    let days = st::menu_list(
        &fixture("stockholm/GetMatsedelList.json"),
        &child,
        date(2021, 3, 20),
    )
    .unwrap();
    let expected = [
        (
            "Måndag - Vecka 12",
            "Köttfärslimpa med sås och potatis",
            date(2021, 3, 22),
        ),
        ("Tisdag - Vecka 12", "Curryfisk med ris", date(2021, 3, 23)),
        (
            "Onsdag - Vecka 12",
            "Tagliatelle med vegetarisk sås",
            date(2021, 3, 24),
        ),
        (
            "Torsdag - Vecka 12",
            "Chorizo med stuvad potatis",
            date(2021, 3, 25),
        ),
        (
            "Fredag - Vecka 12",
            "Ört och vitlöksinbakad fisk, potatis",
            date(2021, 3, 26),
        ),
    ];
    assert_eq!(days.len(), 5);
    for (day, (title, dish, d)) in days.iter().zip(expected) {
        assert_eq!(day.title, title);
        assert_eq!(day.dishes, vec![dish.to_owned()]);
        assert_eq!(day.description_markdown(), dish);
        assert_eq!(day.date, d);
        assert_eq!(
            day.id,
            EntityId::for_child(&child.id, EntityKind::MenuDay, &d.to_string())
        );
    }
}

#[test]
fn matsedel_choice_and_rss() {
    let child = child();
    assert_eq!(
        st::menu_choice(&fixture("constructed/stockholm-GetMatsedelChoice.json")).unwrap(),
        st::MenuForm::Rss
    );
    assert_eq!(
        st::menu_choice(r#"{"Success":true,"Error":null,"Data":"sharepoint"}"#).unwrap(),
        st::MenuForm::List
    );
    let days = st::menu_rss(
        &fixture("constructed/stockholm-GetMatsedelRSS.json"),
        &child,
        date(2021, 2, 10),
    )
    .unwrap();
    assert_eq!(days.len(), 2);
    assert_eq!(days[0].title, "Måndag - Vecka 7");
    assert_eq!(days[0].date, date(2021, 2, 15));
    assert_eq!(
        days[0].dishes,
        vec![
            "Fiskgratäng med potatismos",
            "Vegetarisk: Linsgryta med ris"
        ]
    );
    assert_eq!(days[1].date, date(2021, 2, 16));
    assert_eq!(days[1].dishes, vec!["Köttbullar & makaroner"]);
}

#[test]
fn get_schema() {
    let child = child();
    let events = st::schedule(&fixture("stockholm/GetSchema.json"), &child).unwrap();
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(e.title, "Canceled: Julavslutning 8C");
    assert_eq!(e.description.as_deref(), Some("Nåt kul"));
    assert_eq!(e.location.as_deref(), Some("Lakritskolan"));
    assert_eq!(e.kind, EventKind::Schedule);
    let EventTiming::Timed { start, end } = &e.timing else {
        panic!("allDayEvent is false: {:?}", e.timing)
    };
    assert_eq!(start.timestamp(), utc("2020-12-14T13:10:00.000Z"));
    assert_eq!(end.timestamp(), utc("2020-12-14T13:40:00.000Z"));
    // oneDayEvent
    assert_eq!(e.timing.first_date(), e.timing.last_date());
    assert_eq!(e.child_id, child.id);
    // A child without a schedule.
    assert!(
        st::schedule(
            r#"{"Success":false,"Error":"A task was canceled.","Data":null}"#,
            &child
        )
        .unwrap()
        .is_empty()
    );
    assert!(matches!(
        st::schedule(
            r#"{"Success":false,"Error":"Something else","Data":null}"#,
            &child
        ),
        Err(Error::Upstream { .. })
    ));
}

#[test]
fn school_calendar() {
    let child = child();
    let events = st::school_calendar(
        &fixture("constructed/stockholm-GetSchoolCalender.json"),
        &child,
    )
    .unwrap();
    assert_eq!(events.len(), 3, "the item without a date is skipped");
    assert_eq!(events[0].title, "Höstlov");
    assert_eq!(events[0].kind, EventKind::Holiday);
    assert_eq!(
        events[0].timing,
        EventTiming::AllDay {
            start: date(2026, 10, 26),
            end: date(2026, 10, 30)
        }
    );
    assert_eq!(
        events[0].id,
        EntityId::for_child(&child.id, EntityKind::CalendarEvent, "17")
    );
    assert_eq!(events[0].description, None);
    let meeting = &events[1];
    assert_eq!(meeting.kind, EventKind::ParentMeeting);
    assert_eq!(meeting.location.as_deref(), Some("Matsalen"));
    assert_eq!(
        meeting.description.as_deref(),
        Some("Välkomna till föräldramöte!\n\n**Tid:** 18.00\u{a0}i matsalen")
    );
    let EventTiming::Timed { start, end } = &meeting.timing else {
        panic!()
    };
    assert_eq!(start.timestamp(), utc("2026-11-25T17:00:00Z"));
    assert_eq!(end.timestamp(), utc("2026-11-25T18:30:00Z"));
    let study = &events[2];
    assert_eq!(study.kind, EventKind::StudyDay);
    assert!(study.id.local().contains("/event-"));
    assert_eq!(study.description.as_deref(), Some("Fritids är öppet."));
    assert_eq!(study.location, None);
}

#[test]
fn notifications_constructed() {
    let child = child();
    let list = st::notifications(
        &fixture("constructed/stockholm-getnotifications.json"),
        &child,
    )
    .unwrap();
    let ids: Vec<String> = list
        .iter()
        .map(|n| n.id.local().rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        ids,
        vec![
            "2D3E4F50-0000-4000-8000-000000000003",
            "1C2D3E4F-0000-4000-8000-000000000002",
            "0B9A1C1E-5F0A-4C31-9A0E-1D2C3B4A5F60",
            "3E4F5061-0000-4000-8000-000000000004",
        ]
    );
    let first = &list[2];
    assert_eq!(first.message, "Ny bedömning i Matematik");
    assert_eq!(first.sender, "Planering och Bedömning");
    assert_eq!(
        first.url.as_deref(),
        Some("https://elevdokumentation.stockholm.se/loa3/guardian/assessment/123")
    );
    assert_eq!(first.category.as_deref(), Some("Bedömning"));
    assert_eq!(first.notification_type.as_deref(), Some("webnotify"));
    assert_eq!(first.created.timestamp(), utc("2021-03-01T07:15:02.500Z"));
    assert_eq!(
        first.modified.as_ref().unwrap().timestamp(),
        utc("2021-03-01T08:15:02.500Z")
    );
    assert_eq!(list[1].category, None);
    assert_eq!(list[1].notification_type.as_deref(), Some("avisering"));
    // Unparseable DateCreated falls back to DateModified; an empty link is none.
    assert_eq!(list[3].created.timestamp(), utc("2021-02-28T12:30:00Z"));
    assert_eq!(list[3].url, None);
    // No personal number anywhere in the result.
    assert!(
        !serde_json::to_string(&list)
            .unwrap()
            .contains("191212121212")
    );
}

#[test]
fn teachers_constructed() {
    let child = child();
    let list = st::teachers(
        &fixture("constructed/stockholm-GetTeachersByStudent.json"),
        &child,
    )
    .unwrap();
    assert_eq!(list.len(), 2);
    let k = &list[0];
    assert_eq!(k.full_name(), "Karin Ursson");
    assert_eq!(k.timetable_abbreviation, "KUR");
    assert_eq!(k.school_form, Some(SchoolForm::Grundskola));
    assert_eq!(k.email.as_deref(), Some("karin.ursson@example.com"));
    assert_eq!(k.phone.as_deref(), Some("08-508 000 01"));
    assert!(k.active);
    assert_eq!(
        k.id,
        EntityId::for_child(
            &child.id,
            EntityKind::Teacher,
            "9F8E7D6C-0000-4000-8000-00000000AB01"
        )
    );
    let g = &list[1];
    assert_eq!(g.timetable_abbreviation, "GTE");
    assert_eq!(g.school_form, Some(SchoolForm::Forskoleklass));
    assert_eq!(g.email, None);
    assert!(!g.active);
}

#[test]
fn xsrf_token_of_start_page() {
    assert_eq!(
        st::xsrf_token(&fixture("constructed/stockholm-hem.html")).as_deref(),
        Some("CfDJ8Kx_example-token_0123456789")
    );
    assert_eq!(
        st::xsrf_token(&fixture("constructed/stockholm-login-page.html")),
        None
    );
}

#[test]
fn news_body_table_exactly() {
    assert_eq!(
        html_to_markdown(&fixture("stockholm/news-body--table.html"), None),
        "# Hello\n**World**\n- Foo\n\n[link](#)\n\n|left 1|right 1|\n|--------|--------|\n|left 2|right 2|"
    );
}

/// Every envelope parser, as (endpoint, closure).
type Parser = Box<dyn Fn(&str) -> Result<(), Error>>;

fn envelope_parsers() -> Vec<(&'static str, Parser)> {
    let c = child;
    let today = date(2021, 3, 20);
    let account = AccountId::demo();
    vec![
        (
            "GetChildren",
            Box::new(move |b| st::children(b, &account).map(drop)),
        ),
        ("SelectChild", Box::new(|b| st::select_child(b).map(drop))),
        (
            "GetSchoolCalender",
            Box::new(move |b| st::school_calendar(b, &c()).map(drop)),
        ),
        (
            "GetSchema",
            Box::new(move |b| st::schedule(b, &c()).map(drop)),
        ),
        (
            "GetNewsArchive",
            Box::new(move |b| st::news_archive(b, &c()).map(drop)),
        ),
        (
            "GetNewsArticle",
            Box::new(move |b| st::news_article(b, &c()).map(drop)),
        ),
        (
            "getnotifications",
            Box::new(move |b| st::notifications(b, &c()).map(drop)),
        ),
        (
            "GetMatsedelChoice",
            Box::new(|b| st::menu_choice(b).map(drop)),
        ),
        (
            "GetMatsedelRSS",
            Box::new(move |b| st::menu_rss(b, &c(), today).map(drop)),
        ),
        (
            "GetMatsedelList",
            Box::new(move |b| st::menu_list(b, &c(), today).map(drop)),
        ),
        (
            "GetStudentsByClass",
            Box::new(move |b| st::classmates(b, &c()).map(drop)),
        ),
        (
            "GetTeachersByStudent",
            Box::new(move |b| st::teachers(b, &c()).map(drop)),
        ),
        (
            "GetSchoolContacts",
            Box::new(move |b| st::school_contacts(b, &c()).map(drop)),
        ),
    ]
}

#[test]
fn success_false_is_upstream_error_naming_the_endpoint() {
    let body = r#"{"Success":false,"Error":"Något gick fel för 191212121212","Data":null}"#;
    for (endpoint, parse) in envelope_parsers() {
        match parse(body) {
            Err(Error::Upstream {
                endpoint: e,
                message,
                status: None,
            }) => {
                assert_eq!(e, endpoint);
                assert_eq!(message, "Något gick fel för 19121212-****");
            }
            other => panic!("{endpoint}: {other:?}"),
        }
    }
}

#[test]
fn html_login_page_is_session_expired() {
    let page = fixture("constructed/stockholm-login-page.html");
    for (endpoint, parse) in envelope_parsers() {
        assert!(
            matches!(parse(&page), Err(Error::SessionExpired { endpoint: ref e }) if e == endpoint),
            "{endpoint}"
        );
    }
    assert!(matches!(
        st::user(&page, &key()),
        Err(Error::SessionExpired { endpoint }) if endpoint == "getuserdata"
    ));
}

#[test]
fn truncated_and_empty_bodies_are_parse_errors() {
    let samples = [
        ("GetChildren", "stockholm/GetChildren.json"),
        ("GetNewsArchive", "stockholm/GetNewsArchive.json"),
        ("GetNewsArticle", "stockholm/GetNewsArticle.json"),
        ("GetSchema", "stockholm/GetSchema.json"),
        ("GetMatsedelList", "stockholm/GetMatsedelList.json"),
        ("GetStudentsByClass", "stockholm/GetStudentsByClass.json"),
        ("GetSchoolContacts", "stockholm/GetSchoolContacts.json"),
    ];
    let parsers = envelope_parsers();
    for (endpoint, file) in samples {
        let body = fixture(file);
        let truncated = &body[..body.len() / 2];
        let parse = &parsers.iter().find(|(e, _)| *e == endpoint).unwrap().1;
        assert!(
            matches!(parse(truncated), Err(Error::Parse { endpoint: ref e, .. }) if e == endpoint),
            "{endpoint} truncated"
        );
        for empty in ["", "   \n"] {
            assert!(
                matches!(parse(empty), Err(Error::Parse { .. })),
                "{endpoint} empty"
            );
        }
        assert!(
            matches!(parse("not json"), Err(Error::Parse { .. })),
            "{endpoint}"
        );
    }
    assert!(matches!(
        st::user(r#"{"socialSecurityNumber":"1912"#, &key()),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(st::user("", &key()), Err(Error::Parse { .. })));
}

#[test]
fn wrong_child_cookie_guard() {
    let headers = [
        "SMSESSION=abc; path=/; HttpOnly",
        "Status=FS; path=/vardnadshavare",
    ];
    assert!(st::wrong_child_cookie(&headers, false));
    assert!(!st::wrong_child_cookie(&headers, true));
    assert!(!st::wrong_child_cookie(&headers[..1], false));
    let err = st::check_child_cookie("GetNewsArchive", &headers, false).unwrap_err();
    assert!(
        matches!(&err, Error::WrongChild { endpoint } if endpoint == "GetNewsArchive"),
        "{err:?}"
    );
    assert!(err.is_transient());
    assert!(st::check_child_cookie("GetNewsArchive", &headers, true).is_ok());
}

#[test]
fn envelope_data_as_json() {
    let v = st::envelope_data("GetChildren", &fixture("stockholm/GetChildren.json")).unwrap();
    assert_eq!(v[0]["Id"], "42C3997E-D772-423F-9290-6FEEB3CB2DA7");
}

#[test]
fn cli_entry_points_parse_every_sample() {
    for (endpoint, file) in [
        ("getuserdata", "stockholm/getuserdata.json"),
        ("GetChildren", "stockholm/GetChildren.json"),
        ("SelectChild", "constructed/stockholm-SelectChild.json"),
        (
            "GetSchoolCalender",
            "constructed/stockholm-GetSchoolCalender.json",
        ),
        ("GetSchema", "stockholm/GetSchema.json"),
        ("GetNewsArchive", "stockholm/GetNewsArchive.json"),
        ("GetNewsArticle", "stockholm/GetNewsArticle.json"),
        (
            "getnotifications",
            "constructed/stockholm-getnotifications.json",
        ),
        (
            "GetMatsedelChoice",
            "constructed/stockholm-GetMatsedelChoice.json",
        ),
        (
            "GetMatsedelRSS",
            "constructed/stockholm-GetMatsedelRSS.json",
        ),
        ("GetMatsedelList", "stockholm/GetMatsedelList.json"),
        ("GetStudentsByClass", "stockholm/GetStudentsByClass.json"),
        (
            "GetTeachersByStudent",
            "constructed/stockholm-GetTeachersByStudent.json",
        ),
        ("GetSchoolContacts", "stockholm/GetSchoolContacts.json"),
        ("hem", "constructed/stockholm-hem.html"),
    ] {
        let v = parse_endpoint("stockholm", endpoint, &fixture(file))
            .unwrap_or_else(|e| panic!("{endpoint}: {e}"));
        assert!(!v.is_null(), "{endpoint}");
    }
}
