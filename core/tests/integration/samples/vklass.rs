//! The Vklass parsers against the upstream samples (copied into `tests/fixtures/vklass/`),
//! checking the normalized values of the sample table in `docs/upstream/vklass.md`.

use std::path::PathBuf;

use jiff::civil::{date, time};
use skolbryggan::Error;
use skolbryggan::model::{AccountId, EntityId, EntityKind, EventKind, EventTiming, Platform};
use skolbryggan::provider::vklass::endpoints::parse_endpoint;
use skolbryggan::provider::vklass::parse::{self, BrokerStatus};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/vklass")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn child(id: &str) -> EntityId {
    EntityId::new(
        Platform::Vklass,
        &AccountId::from_raw("acc"),
        EntityKind::Child,
        id,
    )
}

fn utc(z: &jiff::ZonedDateTime) -> String {
    z.timestamp().strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

#[test]
fn custodian_root_names_the_guardian() {
    let g = parse::parse_root(&fixture("custodian-root.html")).unwrap();
    assert_eq!(g.user_id, "guardian-42");
    let user = g.user(&g.account());
    assert_eq!(user.first_name, "Tolvan");
    assert_eq!(user.last_name, "Testsson");
    assert!(user.id.as_str().ends_with(":user:guardian-42"));
    assert!(matches!(
        parse::parse_root("<html><body>login</body></html>"),
        Err(Error::SessionExpired { .. })
    ));
}

#[test]
fn fullcalendar_2026_maps_events_and_lessons() {
    let body = fixture("events-fullcalendar.json");
    let raw = parse::parse_calendar_raw(&body).unwrap();
    assert_eq!(raw.len(), 10);
    assert_eq!(raw[0].detail_id().as_deref(), Some("32698"));
    assert_eq!(raw[0].context, None);
    assert_eq!(raw[1].context.as_deref(), Some("Alva"));
    let alva = child("1223735");
    let entries = parse::parse_calendar(&body, &alva).unwrap();
    // The holiday is an all-day event on Easter Sunday: 2026-04-04T22:00Z .. 2026-04-05T21:59Z.
    let easter = &entries.events[0];
    assert_eq!(easter.title, "Påskdagen");
    assert_eq!(easter.kind, EventKind::Holiday);
    assert_eq!(
        easter.timing,
        EventTiming::AllDay {
            start: date(2026, 4, 5),
            end: date(2026, 4, 5)
        }
    );
    assert!(easter.id.as_str().ends_with("/32698"));
    assert_eq!(entries.events.len(), 1);
    assert!(entries.assignments.is_empty());
    assert_eq!(entries.lessons.len(), 9);
    let sv = &entries.lessons[0];
    assert!(sv.id.as_str().ends_with("/198199506"));
    assert_eq!(sv.subject.code, "SV");
    assert_eq!(sv.subject.name, "Svenska");
    assert_eq!(sv.subject.category, "");
    assert_eq!(sv.block_name.as_deref(), Some("1B/SV"));
    assert_eq!(sv.room, None);
    assert_eq!(utc(&sv.start), "2026-04-13T06:00:00.000Z");
    assert_eq!(utc(&sv.end), "2026-04-13T07:20:00.000Z");
    assert_eq!(
        skolbryggan::time::in_stockholm(&sv.start).time(),
        time(8, 0, 0, 0)
    );
    assert_eq!(sv.start.weekday().to_monday_one_offset(), 1);
    assert_eq!(sv.comment, None);
    let idh = entries
        .lessons
        .iter()
        .find(|l| l.block_name.as_deref() == Some("1B/IDH:1"))
        .unwrap();
    assert_eq!(
        (idh.subject.code.as_str(), idh.subject.name.as_str()),
        ("IDH", "Idrott och hälsa")
    );
    assert_eq!(idh.room.as_deref(), Some("Rörelserum"));
    let no = entries
        .lessons
        .iter()
        .find(|l| l.block_name.as_deref() == Some("4A/BIFYKE"))
        .unwrap();
    assert_eq!(
        (no.subject.code.as_str(), no.subject.name.as_str()),
        ("NO", "Naturorienterande ämnen")
    );
    assert_eq!(no.start.weekday().to_monday_one_offset(), 2);
    let livsk = entries
        .lessons
        .iter()
        .find(|l| l.block_name.as_deref() == Some("1B/LIVSK"))
        .unwrap();
    assert_eq!(livsk.subject.code, "LIVSK");
    assert_eq!(livsk.subject.name, "Livskunskap");
    assert_eq!(livsk.subject.category, "Okänd");
    assert_eq!(livsk.comment.as_deref(), Some("Värdegrund"));
    // Per child (by context): Alva 4, Bo 5.
    let alva_lessons = raw
        .iter()
        .filter(|e| e.event_type == Some(1) && e.context.as_deref() == Some("Alva"))
        .count();
    let bo_lessons = raw
        .iter()
        .filter(|e| e.event_type == Some(1) && e.context.as_deref() == Some("Bo"))
        .count();
    assert_eq!((alva_lessons, bo_lessons), (4, 5));
}

#[test]
fn fullcalendar_2021_anchor_sample() {
    let body = fixture("calendar-events.json");
    let raw = parse::parse_calendar_raw(&body).unwrap();
    assert_eq!(raw.len(), 17);
    assert_eq!(
        raw[0].detail_id(),
        None,
        "placeholder detail URLs give no id"
    );
    let entries = parse::parse_calendar(&body, &child("1")).unwrap();
    let first = &entries.lessons[0];
    assert_eq!(first.subject.code, "MA");
    assert_eq!(first.subject.name, "Matematik");
    assert_eq!(first.block_name.as_deref(), Some("4K/2021MA__MA"));
    assert_eq!(utc(&first.start), "2021-12-14T08:45:00.000Z");
    assert_eq!(utc(&first.end), "2021-12-14T09:40:00.000Z");
    assert_eq!(first.start.weekday().to_monday_one_offset(), 2);
}

#[test]
fn home_welcome_cards_menu_and_teasers() {
    let home = parse::parse_home(&fixture("home-welcome.html")).unwrap();
    assert_eq!(home.cards.len(), 2);
    let bo = &home.cards[0];
    assert_eq!(bo.child, "Bo");
    assert_eq!(bo.student_id.as_deref(), Some("974364"));
    let care = bo.care_time.as_ref().unwrap();
    assert_eq!((care.start.as_str(), care.end.as_str()), ("07:00", "17:00"));
    assert_eq!(bo.presence.as_deref(), Some("Ej närvarande"));
    let next = bo.next_lesson.as_ref().unwrap();
    assert_eq!(next.when, "mån, 08:10–09:20");
    assert_eq!(next.title, "Svenska (4A/SV)");
    assert_eq!(bo.menu.len(), 1);
    assert_eq!(bo.menu[0].title, "Idag");
    assert_eq!(
        bo.menu[0].description(),
        "Kyckling i currysås med cous cous (Fågel),\nKökets val"
    );
    let alva = &home.cards[1];
    assert_eq!(alva.child, "Alva");
    assert_eq!(alva.student_id.as_deref(), Some("1223735"));
    assert_eq!(alva.presence.as_deref(), Some("Utcheckad (15:35)"));
    assert_eq!(alva.next_lesson.as_ref().unwrap().when, "mån, 08:00–09:20");
    assert_eq!(alva.next_lesson.as_ref().unwrap().title, "Svenska (1B/SV)");
    assert_eq!(alva.menu, bo.menu);
    // Recorded on Friday 27 March 2026: "Idag" is that day.
    let days = parse::menu_days(bo, &child("974364"), date(2026, 3, 27));
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].date, date(2026, 3, 27));
    assert_eq!(
        parse::column_date("måndag", date(2026, 3, 27)),
        Some(date(2026, 3, 30))
    );
    // The two teasers are the first two feed items.
    let ids: Vec<_> = home.teasers.iter().filter_map(|a| a.id_text()).collect();
    assert_eq!(ids, ["4565615", "4563056"]);
}

#[test]
fn news_articles_map_to_news_items() {
    let page = parse::parse_news_page(&fixture("home-newsarticles.json")).unwrap();
    assert_eq!(page.next_page_token, None);
    assert_eq!(page.items.len(), 3);
    let c = child("974364");
    let items: Vec<_> = page
        .items
        .iter()
        .filter_map(|a| parse::news_item(a, &c))
        .collect();
    assert_eq!(items.len(), 3);
    let first = &items[0];
    assert!(first.id.as_str().ends_with("/4565615"));
    assert_eq!(
        first.title,
        "Dags att ansöka om plats på sommaröppet fritidshem"
    );
    assert_eq!(first.author.as_deref(), Some("Karin Exempelsson Berg"));
    assert_eq!(first.published.date(), date(2026, 3, 26));
    assert_eq!(
        first.modified.as_ref().map(|m| m.date()),
        Some(date(2026, 3, 26))
    );
    let intro = first.intro.as_deref().unwrap();
    assert!(intro.starts_with("Exempelskolans fritidshem är stängt mellan 6 och 31 juli 2026 (v28 – 31). \nOm du som vårdnadshavare"));
    assert!(intro.ends_with("på Testskolan F-6."));
    assert!(first.body_markdown.starts_with(intro));
    assert!(
        first
            .body_markdown
            .contains("Viktigt att du fyller i alla tre blanketter")
    );
    assert!(
        first
            .body_markdown
            .contains("karin.exempelsson.berg@example.com")
    );
    let names: Vec<_> = first.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "1a Ansökan-sommarfritidshem-dubbelsidig utskrift_Testskolan.docx",
            "2 Arbetsgivarintyg-Sommarfritidshem.docx"
        ]
    );
    assert_eq!(
        first.attachments[0].url,
        "https://files.vklass.se/A1A1A1A1-0000-4000-8000-000000000001.docx"
    );
    assert_eq!(page.items[0].child_names(), ["Bo", "Alva"]);
    let second = &items[1];
    assert!(second.id.as_str().ends_with("/4563056"));
    assert_eq!(second.title, "VÅRT FÖRSTA GEMENSAMMA FRITIDSBREV🌷");
    assert_eq!(Some(second.body_markdown.as_str()), second.intro.as_deref());
    assert_eq!(second.attachments.len(), 1);
    assert_eq!(second.attachments[0].name, "Fritidsbrev.pdf");
    let third = &items[2];
    assert!(third.id.as_str().ends_with("/4542969"));
    assert_eq!(third.title, "Veckobrev för 4C, vecka 11");
    assert_eq!(third.author.as_deref(), Some("Anna Testsson Holm"));
    assert_eq!(third.published.date(), date(2026, 3, 12));
    assert_eq!(third.intro.as_deref(), Some("Dags igen för veckobrev."));
    assert!(third.attachments.is_empty());
    assert_eq!(page.items[2].child_names(), ["Bo"]);
    assert!(!parse::concerns(&page.items[2], "Alva"));
}

#[test]
fn class_list_groups_teachers_and_no_classmates() {
    let groups = parse::parse_class_list(&fixture("classlist-index.html")).unwrap();
    let ids: Vec<_> = groups
        .iter()
        .map(|g| (g.class_id.as_str(), g.name.as_str(), g.pupil_id.as_str()))
        .collect();
    assert_eq!(
        ids,
        [
            ("160214", "Seglet 2", "974364"),
            ("178975", "4A", "974364"),
            ("115928", "Ankaret", "1223735"),
            ("178989", "1B", "1223735")
        ]
    );
    let bo = parse::teachers(&groups, "974364", &child("974364"));
    let alva = parse::teachers(&groups, "1223735", &child("1223735"));
    assert_eq!(bo.len() + alva.len(), 6);
    let all: Vec<_> = bo.iter().chain(alva.iter()).collect();
    let kim = all.iter().find(|t| t.first_name == "Kim").unwrap();
    assert_eq!(kim.last_name, "Yusuf Testsson");
    assert_eq!((kim.email.as_deref(), kim.phone.as_deref()), (None, None));
    let nina = all.iter().find(|t| t.first_name == "Nina").unwrap();
    assert_eq!(nina.last_name, "Testsson");
    assert_eq!(nina.email.as_deref(), Some("nina.testsson@example.com"));
    let sara = all.iter().find(|t| t.first_name == "Sara").unwrap();
    assert_eq!(sara.last_name, "Maria Testsson");
    assert!(parse::classmates(&groups, "974364", &child("974364")).is_empty());
    assert!(parse::classmates(&groups, "1223735", &child("1223735")).is_empty());
}

#[test]
fn absence_form_wards_and_whole_day_post() {
    let form = parse::parse_absence_form(&fixture("absence-notify.html")).unwrap();
    let wards: Vec<_> = form
        .wards
        .iter()
        .map(|w| (w.id.as_str(), w.name.as_str()))
        .collect();
    assert_eq!(wards, [("974364", "Bo"), ("1223735", "Alva")]);
    for w in &form.wards {
        assert_eq!(w.report_from, Some(date(2026, 8, 27).at(6, 0, 0, 0)));
        assert_eq!(w.report_until, Some(date(2026, 8, 28).at(20, 0, 0, 0)));
        assert!(!w.locked);
    }
    assert_eq!(form.quick_option_date, Some(date(2026, 8, 27)));
    assert!(
        form.token
            .as_deref()
            .unwrap()
            .starts_with("CfDJ8EXAMPLEabsenceForm")
    );
    let alva = form.ward("1223735").unwrap();
    assert!(alva.can_report(date(2026, 8, 27)));
    assert!(!alva.can_report(date(2026, 8, 29)));
    let fields = parse::whole_day_report(&form, alva).unwrap();
    let encoded: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields.iter())
        .finish();
    let token = form.token.clone().unwrap();
    let expected: String = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("Notify.FormOnly", "False"),
            ("Notify.MinimumStartDateTime", "2026-08-27 06:00"),
            ("Notify.MaximumEndDateTime", "2026-08-28 20:00"),
            ("Notify.QuickOptionDateIsNull", "False"),
            ("Notify.SelectedStudentIds", "1223735"),
            ("Notify.QuickOptionDate", "2026-08-27"),
            ("Notify.StartDate", ""),
            ("Notify.StartTime", ""),
            ("Notify.EndDate", ""),
            ("Notify.EndTime", ""),
            ("__RequestVerificationToken", token.as_str()),
        ])
        .finish();
    assert_eq!(encoded, expected);
    assert!(matches!(
        parse::parse_absence_form(
            "<form action=\"/credentials/signin\"><input type=\"password\"></form>"
        ),
        Err(Error::SessionExpired { .. })
    ));
    let empty = parse::parse_absence_form(
        "<script>enhanceServerHtml('absence-notify', 'v', '{\"studentOptions\":[]}')</script>",
    )
    .unwrap();
    assert!(empty.wards.is_empty());
}

#[test]
fn care_schedule_days() {
    let s = parse::parse_care_schedule(&fixture("careschedule-loaddays.json")).unwrap();
    assert_eq!(s.days.len(), 5);
    let c = child("1223735");
    let fmt = |z: &Option<jiff::ZonedDateTime>| {
        z.as_ref()
            .map(|z| z.strftime("%Y-%m-%dT%H:%M:00").to_string())
    };
    let d0 = &s.days[0];
    assert_eq!(
        (d0.child_id.as_str(), d0.date),
        ("1223735", date(2026, 8, 24))
    );
    let t0 = d0.care_time(&c);
    assert_eq!(fmt(&t0.start).as_deref(), Some("2026-08-24T07:30:00"));
    assert_eq!(fmt(&t0.end).as_deref(), Some("2026-08-24T16:00:00"));
    assert_eq!(fmt(&t0.checked_in).as_deref(), Some("2026-08-24T07:41:00"));
    assert_eq!(fmt(&t0.checked_out).as_deref(), Some("2026-08-24T15:52:00"));
    assert!(!d0.on_leave && !d0.school_closed && !d0.holiday);
    assert_eq!(d0.message, None);
    let d1 = &s.days[1];
    assert_eq!(d1.start, Some(time(8, 0, 0, 0)));
    assert_eq!(d1.end, Some(time(16, 30, 0, 0)));
    assert_eq!((d1.check_in, d1.check_out), (None, None));
    assert_eq!(d1.message.as_deref(), Some("Hämtas av mormor"));
    assert!(s.days[2].on_leave);
    assert_eq!(s.days[2].start, None);
    assert_eq!(s.days[3].date, date(2026, 9, 18));
    assert!(s.days[3].holiday);
    assert!(s.days[3].care_time(&c).closed);
    let d4 = &s.days[4];
    assert_eq!(d4.child_id, "974364");
    let t4 = d4.care_time(&child("974364"));
    assert_eq!(fmt(&t4.start).as_deref(), Some("2026-08-24T13:30:00"));
    assert_eq!(fmt(&t4.end).as_deref(), Some("2026-08-24T16:45:00"));
    assert_eq!(
        (t4.checked_in.clone(), t4.checked_out.clone()),
        (None, None)
    );
}

#[test]
fn scoreboard_counts() {
    let s = parse::parse_scoreboard(&fixture("account-scoreboard.json")).unwrap();
    assert_eq!((s.notifications, s.messages), (2, 1));
}

#[test]
fn login_pages() {
    assert!(
        parse::credentials_token(&fixture("auth-credentials.html"))
            .unwrap()
            .starts_with("CfDJ8EXAMPLEloginForm")
    );
    assert_eq!(
        parse::bankid_button(&fixture("goteborg-logininitial.html")).as_deref(),
        Some("https://eid-connect.funktionstjanster.se/saml2/65ca0c705a557fb525eb8789")
    );
    let form = parse::form_with(
        &fixture("goteborg-logininitial--bankid.html"),
        "SAMLRequest",
    )
    .unwrap();
    assert_eq!(
        form.action.as_deref(),
        Some("https://eid-connect.funktionstjanster.se/saml2/65ca0c705a557fb525eb8789")
    );
    assert_eq!(form.field("RelayState"), Some("relay-state-example"));
    assert_eq!(
        form.field("SAMLRequest"),
        Some("c2FtbC1yZXF1ZXN0LWV4YW1wbGU=")
    );
    assert_eq!(
        parse::bankid_method(&fixture("eid-connect-methods.json")).unwrap(),
        "631992d934c51e4f39e150b9"
    );
    assert_eq!(
        parse::broker_status(&fixture("eid-connect-bankid-status--pending.json")).unwrap(),
        BrokerStatus::Pending
    );
    assert_eq!(
        parse::broker_status(&fixture("eid-connect-bankid-status--complete.json")).unwrap(),
        BrokerStatus::Complete
    );
    assert_eq!(
        parse::broker_status(&fixture("eid-connect-bankid-status--failed.json")).unwrap(),
        BrokerStatus::Failed {
            hint: Some("userCancel".to_owned())
        }
    );
    let finish = parse::form_with(&fixture("eid-connect-finish.html"), "SAMLResponse").unwrap();
    assert_eq!(
        finish.action.as_deref(),
        Some("https://authpub.goteborg.se/sp/sps/eidpub/saml20/login")
    );
    assert_eq!(
        finish.field("SAMLResponse"),
        Some("c2FtbC1yZXNwb25zZS1mcm9tLWVpZC1leGFtcGxl")
    );
    let idp = parse::form_with(&fixture("goteborg-idp-auth.html"), "SAMLResponse").unwrap();
    assert_eq!(
        idp.action.as_deref(),
        Some("https://auth.vklass.se/saml/assertion")
    );
    assert_eq!(
        idp.field("SAMLResponse"),
        Some("c2FtbC1yZXNwb25zZS1mb3ItdmtsYXNzLWV4YW1wbGU=")
    );
    assert_eq!(idp.field("RelayState"), Some(""));
    assert_eq!(
        parse::qr_payload(" bankid.211a33b8.0.abc\n").as_deref(),
        Some("bankid.211a33b8.0.abc")
    );
    assert_eq!(parse::qr_payload("<html>"), None);
    assert!(parse::order_started("a1b2c3"));
    assert!(!parse::order_started("<html><body>fel</body></html>"));
}

#[test]
fn study_overview_and_weekly_reports() {
    let o = parse::parse_study_overview(&fixture("studyoverview-student.html"));
    assert_eq!(
        o.school,
        Some(("456".to_owned(), "Exempelskolan F-6".to_owned()))
    );
    let pupils: Vec<_> = o
        .pupils
        .iter()
        .map(|(i, n)| (i.as_str(), n.as_str()))
        .collect();
    assert_eq!(pupils, [("974364", "Bo"), ("1223735", "Alva")]);

    let rows = parse::parse_courses(&fixture("studyoverview-courses.html")).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].subject_name.as_deref(), Some("Matematik"));
    assert_eq!(rows[0].course_active, Some(true));
    assert_eq!(rows[0].judgement.as_deref(), Some("Arbetar mot målen"));
    assert_eq!(rows[0].grade, None);
    assert_eq!(rows[0].date.as_deref(), Some("2026-01-20"));
    assert_eq!(rows[1].subject_name.as_deref(), Some("Engelska"));
    assert_eq!(
        (rows[1].course_active, rows[1].grade.as_deref()),
        (Some(true), Some("C"))
    );
    assert_eq!(rows[2].subject_name.as_deref(), Some("Slöjd"));
    assert_eq!(
        (rows[2].course_active, rows[2].grade.as_deref()),
        (Some(false), Some("A"))
    );

    let reports = parse::parse_weekly_reports(&fixture("weeklyreports-archive.html"));
    assert_eq!(reports.len(), 2);
    assert_eq!(
        (reports[0].child.as_str(), reports[0].date.as_str()),
        ("Alva", "2026-08-21")
    );
    assert_eq!(
        reports[0].upcoming,
        [
            "(Måndag 24 augusti 2026) Prov, Matematik: Prov kapitel 1",
            "(Onsdag 26 augusti 2026) Läxa, Svenska: Läs sidan 12-15"
        ]
    );
    assert_eq!(
        (reports[1].child.as_str(), reports[1].upcoming.len()),
        ("Bo", 1)
    );
    let ical = "https://cal.vklass.se/11111111-2222-4333-8444-555555555555.ics?includelectures=false&custodian=true";
    assert_eq!(reports[0].ical_url.as_deref(), Some(ical));
    assert_eq!(reports[1].ical_url.as_deref(), Some(ical));
}

#[test]
fn every_sample_parses_through_the_cli_dispatch() {
    for name in [
        "custodian-root.html",
        "home-welcome.html",
        "home-newsarticles.json",
        "events-fullcalendar.json",
        "calendar-events.json",
        "careschedule-loaddays.json",
        "absence-notify.html",
        "account-scoreboard.json",
        "classlist-index.html",
        "auth-credentials.html",
        "goteborg-logininitial.html",
        "eid-connect-methods.json",
        "eid-connect-bankid-status--pending.json",
        "eid-connect-finish.html",
        "goteborg-idp-auth.html",
        "studyoverview-student.html",
        "studyoverview-courses.html",
        "weeklyreports-archive.html",
    ] {
        parse_endpoint(name, &fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert!(matches!(
        parse_endpoint("nope", "{}"),
        Err(Error::InvalidInput(_))
    ));
}
