//! Every expected value of the recorded Skola24 sample (`docs/upstream/README.md`, "Samples and
//! fixtures"), the constructed answers, child merging and error cases.

use jiff::Timestamp;
use skolbryggan::Error;
use skolbryggan::model::{
    AccountId, Child, ChildRefs, EntityId, EntityKind, IsoWeek, Platform, Teacher,
};
use skolbryggan::provider::parse_cli::{demo_child, parse_endpoint};
use skolbryggan::provider::skola24::Skola24ChildRef;
use skolbryggan::provider::skola24::parse as s24;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn instant(s: &str) -> Timestamp {
    s.parse().unwrap()
}

const WEEK_15_2021: IsoWeek = IsoWeek {
    year: 2021,
    week: 15,
};

#[test]
fn render_timetable_sample() {
    let child = demo_child();
    let lessons = s24::timetable(
        &fixture("skola24/render-timetable.json"),
        &child,
        WEEK_15_2021,
        "sv",
        &[],
    )
    .unwrap();
    assert_eq!(lessons.len(), 2);

    let lunch = &lessons[0];
    assert_eq!(
        lunch.id,
        EntityId::for_child(
            &child.id,
            EntityKind::Lesson,
            "N2FjMDc1NjYtZmM2Yy0wZDQyLTY3M2YtZWI5NGNiZDA3ZGU4"
        )
    );
    assert_eq!(lunch.subject.code, "Lunch");
    assert_eq!(lunch.subject.category, "Diverse");
    assert_eq!(lunch.subject.name, "Lunch");
    assert_eq!(lunch.comment, None);
    assert_eq!(lunch.teacher, None); // "" upstream
    assert_eq!(lunch.room.as_deref(), Some("Ö5"));
    assert_eq!(lunch.block_name, None); // "" upstream
    assert_eq!(
        lunch.start.timestamp(),
        instant("2021-04-12T11:40:00.000+02:00")
    );
    assert_eq!(
        lunch.end.timestamp(),
        instant("2021-04-12T12:05:00.000+02:00")
    );
    // timeStart/timeEnd and dayOfWeek 1 as local values.
    assert_eq!(lunch.start.time().to_string(), "11:40:00");
    assert_eq!(lunch.end.time().to_string(), "12:05:00");
    assert_eq!(lunch.start.weekday(), jiff::civil::Weekday::Monday);
    assert_eq!(lunch.start.offset().seconds(), 7200);

    let art = &lessons[1];
    assert_eq!(
        art.id.local(),
        format!(
            "{}/ZTQ1NWE0N2EtNzAwOS0wZTAzLTQ1ZDYtNTA1NWI4Y2JhNDYw",
            child.id.local()
        )
    );
    assert_eq!(art.subject.code, "BL");
    assert_eq!(art.subject.name, "Bild");
    assert_eq!(art.subject.category, "");
    assert_eq!(art.teacher.as_deref(), Some("KUr"));
    assert_eq!(art.room.as_deref(), Some("221"));
    assert_eq!(art.block_name.as_deref(), Some("block"));
    assert_eq!(
        art.start.timestamp(),
        instant("2021-04-12T09:40:00.000+02:00")
    );
    assert_eq!(
        art.end.timestamp(),
        instant("2021-04-12T11:35:00.000+02:00")
    );
    assert_eq!(art.start.time().to_string(), "09:40:00");
    assert_eq!(art.start.weekday(), jiff::civil::Weekday::Monday);
    assert_eq!(art.child_id, child.id);
}

#[test]
fn teacher_initials_are_replaced_case_insensitively() {
    let child = demo_child();
    let karin = Teacher {
        id: EntityId::for_child(&child.id, EntityKind::Teacher, "k"),
        child_id: child.id.clone(),
        first_name: "Karin".to_owned(),
        last_name: "Ursson".to_owned(),
        email: None,
        phone: None,
        active: true,
        school_form: None,
        timetable_abbreviation: Teacher::abbreviation_for("Karin", "Ursson"),
    };
    let lessons = s24::timetable(
        &fixture("skola24/render-timetable.json"),
        &child,
        WEEK_15_2021,
        "en",
        &[karin],
    )
    .unwrap();
    assert_eq!(lessons[1].teacher.as_deref(), Some("Karin Ursson"));
    assert_eq!(lessons[1].subject.name, "Art");
    assert_eq!(lessons[0].subject.category, "Miscellaneous");
}

#[test]
fn timetable_errors() {
    let child = demo_child();
    let parse = |body: &str| s24::timetable(body, &child, WEEK_15_2021, "sv", &[]);
    assert!(matches!(
        parse(r#"{"error":"Ogiltig selection","data":null,"exception":null,"validation":[]}"#),
        Err(Error::Upstream { endpoint, message, .. }) if endpoint == "timetable" && message == "Ogiltig selection"
    ));
    assert!(matches!(
        parse(r#"{"error":null,"data":{"textList":[]},"exception":null,"validation":[]}"#),
        Err(Error::Parse { endpoint, detail }) if endpoint == "timetable" && detail == "Empty lessonInfo received"
    ));
    assert!(matches!(
        parse(r#"{"error":null,"data":{"lessonInfo":null}}"#),
        Err(Error::Parse { .. })
    ));
    assert!(
        parse(r#"{"error":null,"data":{"lessonInfo":[]}}"#)
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        parse("<html><title>Inloggning</title></html>"),
        Err(Error::SessionExpired { .. })
    ));
    let body = fixture("skola24/render-timetable.json");
    assert!(matches!(
        parse(&body[..body.len() - 40]),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(parse(""), Err(Error::Parse { .. })));
    // A lesson with an impossible day or time is skipped, the rest kept.
    let odd = r#"{"error":null,"data":{"lessonInfo":[
        {"guidId":"a","texts":["MA","",""],"timeStart":"08:00:00","timeEnd":"09:00:00","dayOfWeekNumber":9,"blockName":""},
        {"guidId":"b","texts":["MA"],"timeStart":"25:00:00","timeEnd":"09:00:00","dayOfWeekNumber":1,"blockName":""},
        {"guidId":"c","texts":["MA  grupp 2"],"timeStart":"08:00:00","timeEnd":"09:00:00","dayOfWeekNumber":5}
    ]}}"#;
    let lessons = parse(odd).unwrap();
    assert_eq!(lessons.len(), 1);
    assert_eq!(lessons[0].subject.name, "Matematik");
    assert_eq!(lessons[0].comment.as_deref(), Some("grupp 2"));
    assert_eq!(
        lessons[0].start.timestamp(),
        instant("2021-04-16T08:00:00+02:00")
    );
}

#[test]
fn children_and_key() {
    let children = s24::children(&fixture("constructed/skola24-timetables.json")).unwrap();
    assert_eq!(children.len(), 2);
    assert_eq!(
        children[0].person_guid,
        "7D8E9FA0-0000-4000-8000-000000000701"
    );
    assert_eq!(
        children[0].unit_guid,
        "ZTQ1NWE0N2EtNzAwOS0wZTAzLTQ1ZDYtNTA1NWI4Y2JhNDYx"
    );
    assert_eq!(
        children[0].school_guid,
        "5B6C7D8E-0000-4000-8000-000000000501"
    );
    assert_eq!(children[0].school_id, "Påhittade skolan");
    assert_eq!(
        children[0].timetable_id.as_deref(),
        Some("6C7D8E9F-0000-4000-8000-000000000601")
    );
    assert_eq!(children[0].first_name, "Some");
    assert_eq!(children[0].last_name, "name");
    assert_eq!(children[1].timetable_id, None);
    assert_eq!(
        s24::render_key(&fixture("constructed/skola24-key.json")).unwrap(),
        "c2thbGEyNC1yZW5kZXIta2V5LWV4YW1wbGU="
    );
    assert!(matches!(
        s24::render_key(r#"{"error":"nope","data":null}"#),
        Err(Error::Upstream { endpoint, .. }) if endpoint == "key"
    ));
    assert!(matches!(
        s24::render_key(r#"{"error":null,"data":{}}"#),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        s24::children(r#"{"error":null,"data":{"getPersonalTimetablesResponse":{"childrenTimetables":[{"firstName":"x"}]}}}"#),
        Err(Error::Parse { endpoint, .. }) if endpoint == "timetables"
    ));
}

#[test]
fn saml_pages() {
    assert_eq!(
        s24::saml_request(&fixture("constructed/skola24-authenticate.html")).unwrap(),
        "PHNhbWxwOkF1dGhuUmVxdWVzdCBJRD0iZXhhbXBsZSIvPg=="
    );
    assert_eq!(
        s24::saml_response(&fixture("constructed/skola24-saml2sso.html")).unwrap(),
        "PHNhbWxwOlJlc3BvbnNlIElEPSJleGFtcGxlIi8+"
    );
    let login = fixture("constructed/stockholm-login-page.html");
    assert!(matches!(
        s24::saml_request(&login),
        Err(Error::Parse { detail, .. }) if detail == "Could not parse SAML Request"
    ));
    assert!(matches!(
        s24::saml_response(&login),
        Err(Error::Parse { detail, .. }) if detail == "Could not parse SAML Response"
    ));
}

fn stockholm_child(id: &str, first: &str, last: &str) -> Child {
    Child {
        id: EntityId::new(
            Platform::Stockholm,
            &AccountId::demo(),
            EntityKind::Child,
            id,
        ),
        platform: Platform::Stockholm,
        first_name: first.to_owned(),
        last_name: last.to_owned(),
        school_forms: Vec::new(),
        school: None,
        class_name: None,
        school_year: None,
        refs: ChildRefs::default(),
    }
}

fn skola24_child(guid: &str, first: &str, last: &str) -> Skola24ChildRef {
    Skola24ChildRef {
        person_guid: guid.to_owned(),
        unit_guid: "u".to_owned(),
        school_guid: String::new(),
        school_id: String::new(),
        timetable_id: Some("t".to_owned()),
        first_name: first.to_owned(),
        last_name: last.to_owned(),
    }
}

fn owned(expected: &[Option<&str>]) -> Vec<Option<String>> {
    expected.iter().map(|e| e.map(str::to_owned)).collect()
}

fn attached(children: &[Child]) -> Vec<Option<String>> {
    children
        .iter()
        .map(|c| c.refs.get::<Skola24ChildRef>().map(|r| r.person_guid))
        .collect()
}

#[test]
fn merge_matches_robustly() {
    let mut children = vec![
        stockholm_child("a", "Alva", "Exempelsson"),
        stockholm_child("b", "Alvar", "Exempelsson"),
        stockholm_child("c", "Åsa-Lena", "Östlund Berg"),
        stockholm_child("d", "Nils", "Okänd"),
    ];
    let skola24 = vec![
        // Listed first: the upstream prefix rule would give it to "Alva".
        skola24_child("k-alvar", "Alvar", "Exempelsson"),
        skola24_child("k-alva", "ALVA", "Exempelsson"),
        skola24_child("k-asa", "Asa Lena", "Berg"),
        skola24_child("k-nils", "Nils", "Annansson"),
    ];
    s24::merge_children(&mut children, &skola24);
    assert_eq!(
        attached(&children),
        owned(&[Some("k-alva"), Some("k-alvar"), Some("k-asa"), None])
    );
}

#[test]
fn merge_is_one_to_one_and_prefers_more_shared_tokens() {
    let mut children = vec![
        stockholm_child("a", "Kim", "Svensson Berg"),
        stockholm_child("b", "Kim", "Svensson"),
    ];
    let skola24 = vec![
        skola24_child("k1", "Kim", "Svensson"),
        skola24_child("k2", "Kim", "Svensson Berg"),
    ];
    s24::merge_children(&mut children, &skola24);
    assert_eq!(attached(&children), owned(&[Some("k2"), Some("k1")]));
}

#[test]
fn merge_ambiguous_attaches_nothing() {
    // Twins with the same first name as far as Skola24 is concerned.
    let mut children = vec![stockholm_child("a", "Alva", "Exempelsson Berg")];
    let skola24 = vec![
        skola24_child("k1", "Alva", "Exempelsson"),
        skola24_child("k2", "Alva", "Berg"),
    ];
    s24::merge_children(&mut children, &skola24);
    assert_eq!(attached(&children), owned(&[None]));

    // Two e-service children fit one Skola24 child equally well.
    let mut children = vec![
        stockholm_child("a", "Kim", "Svensson"),
        stockholm_child("b", "Kim", "Svensson"),
    ];
    s24::merge_children(&mut children, &[skola24_child("k", "Kim", "Svensson")]);
    assert_eq!(attached(&children), owned(&[None, None]));
}

#[test]
fn merge_with_missing_last_name_uses_first_name() {
    let mut children = vec![stockholm_child("a", "Some", "")];
    s24::merge_children(&mut children, &[skola24_child("k", "Some", "name")]);
    assert_eq!(attached(&children), owned(&[Some("k")]));
}

#[test]
fn cli_entry_points() {
    let v = parse_endpoint(
        "skola24",
        "render-timetable",
        &fixture("skola24/render-timetable.json"),
    )
    .unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    let v = parse_endpoint(
        "skola24",
        "timetables",
        &fixture("constructed/skola24-timetables.json"),
    )
    .unwrap();
    assert_eq!(v[0]["personGuid"], "7D8E9FA0-0000-4000-8000-000000000701");
    let v = parse_endpoint("skola24", "key", &fixture("constructed/skola24-key.json")).unwrap();
    assert_eq!(v["key"], "c2thbGEyNC1yZW5kZXIta2V5LWV4YW1wbGU=");
    assert!(matches!(
        parse_endpoint("skola24", "render", "{}"),
        Err(Error::InvalidInput(m)) if m.contains("render-timetable")
    ));
}
