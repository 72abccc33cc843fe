//! Parsing speed of every recorded upstream sample: raw text → normalized model (HTML → Markdown
//! included), and `family` = all of them back to back. Target: the family ≤ 70 µs.
//!
//! `reference: plain htmd, table` converts the table sample with an unmodified `htmd` converter:
//! it measured 13 µs on an idle machine of this project's kind, so it shows how much a busy
//! machine inflates the other figures.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use skolbryggan::markdown::html_to_markdown;
use skolbryggan::model::{AccountId, IsoWeek};
use skolbryggan::provider::parse_cli::{demo_child, parse_endpoint};
use skolbryggan::provider::skola24::parse as s24;
use skolbryggan::provider::stockholm::parse as st;
use skolbryggan::provider::vklass::parse as vk;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

struct Samples {
    archive: String,
    article: String,
    menu_list: String,
    schema: String,
    children: String,
    user: String,
    classmates: String,
    contacts: String,
    timetable: String,
    table: String,
}

fn samples() -> Samples {
    Samples {
        archive: fixture("stockholm/GetNewsArchive.json"),
        article: fixture("stockholm/GetNewsArticle.json"),
        menu_list: fixture("stockholm/GetMatsedelList.json"),
        schema: fixture("stockholm/GetSchema.json"),
        children: fixture("stockholm/GetChildren.json"),
        user: fixture("stockholm/getuserdata.json"),
        classmates: fixture("stockholm/GetStudentsByClass.json"),
        contacts: fixture("stockholm/GetSchoolContacts.json"),
        timetable: fixture("skola24/render-timetable.json"),
        table: fixture("stockholm/news-body--table.html"),
    }
}

fn bench(c: &mut Criterion) {
    let s = samples();
    let child = demo_child();
    let account = AccountId::demo();
    let today = date(2021, 3, 20);
    let week = IsoWeek {
        year: 2021,
        week: 15,
    };
    // Warm the shared converter and tables outside the measurements.
    let _ = html_to_markdown("<p>x</p>", None);
    let _ = skolbryggan::curriculum::resolve("BL", "sv");

    let mut group = c.benchmark_group("parse");
    group.bench_function("GetNewsArchive", |b| {
        b.iter(|| st::news_archive(black_box(&s.archive), &child).unwrap())
    });
    group.bench_function("GetNewsArticle", |b| {
        b.iter(|| st::news_article(black_box(&s.article), &child).unwrap())
    });
    group.bench_function("GetMatsedelList", |b| {
        b.iter(|| st::menu_list(black_box(&s.menu_list), &child, today).unwrap())
    });
    group.bench_function("GetSchema", |b| {
        b.iter(|| st::schedule(black_box(&s.schema), &child).unwrap())
    });
    group.bench_function("GetChildren", |b| {
        b.iter(|| st::children(black_box(&s.children), &account).unwrap())
    });
    group.bench_function("getuserdata", |b| {
        b.iter(|| st::user(black_box(&s.user)).unwrap())
    });
    group.bench_function("GetStudentsByClass", |b| {
        b.iter(|| st::classmates(black_box(&s.classmates), &child).unwrap())
    });
    group.bench_function("GetSchoolContacts", |b| {
        b.iter(|| st::school_contacts(black_box(&s.contacts), &child).unwrap())
    });
    group.bench_function("skola24 render-timetable", |b| {
        b.iter(|| s24::timetable(black_box(&s.timetable), &child, week, "sv", &[]).unwrap())
    });
    group.bench_function("news-body--table.html", |b| {
        b.iter(|| html_to_markdown(black_box(&s.table), None))
    });
    let plain = htmd::HtmlToMarkdown::new();
    group.bench_function("reference: plain htmd, table", |b| {
        b.iter(|| plain.convert(black_box(&s.table)).unwrap())
    });
    group.bench_function("family", |b| {
        b.iter(|| {
            black_box(st::news_archive(&s.archive, &child).unwrap());
            black_box(st::news_article(&s.article, &child).unwrap());
            black_box(st::menu_list(&s.menu_list, &child, today).unwrap());
            black_box(st::schedule(&s.schema, &child).unwrap());
            black_box(st::children(&s.children, &account).unwrap());
            black_box(st::user(&s.user).unwrap());
            black_box(st::classmates(&s.classmates, &child).unwrap());
            black_box(st::school_contacts(&s.contacts, &child).unwrap());
            black_box(s24::timetable(&s.timetable, &child, week, "sv", &[]).unwrap());
            black_box(html_to_markdown(&s.table, None));
        })
    });
    group.finish();
    bench_vklass(c);
}

/// One entry per Vklass endpoint sample (outside the Stockholm `family` target).
fn bench_vklass(c: &mut Criterion) {
    let child = demo_child();
    let text = |name: &str| fixture(&format!("vklass/{name}"));
    let root = text("custodian-root.html");
    let home = text("home-welcome.html");
    let news = text("home-newsarticles.json");
    let calendar = text("events-fullcalendar.json");
    let care = text("careschedule-loaddays.json");
    let absence = text("absence-notify.html");
    let classes = text("classlist-index.html");
    let scoreboard = text("account-scoreboard.json");
    let mut group = c.benchmark_group("parse vklass");
    group.bench_function("custodian-root", |b| {
        b.iter(|| vk::parse_root(black_box(&root)).unwrap())
    });
    group.bench_function("home-welcome", |b| {
        b.iter(|| vk::parse_home(black_box(&home)).unwrap())
    });
    group.bench_function("home-newsarticles", |b| {
        b.iter(|| {
            let page = vk::parse_news_page(black_box(&news)).unwrap();
            page.items
                .iter()
                .filter_map(|a| vk::news_item(a, &child.id))
                .count()
        })
    });
    group.bench_function("events-fullcalendar", |b| {
        b.iter(|| vk::parse_calendar(black_box(&calendar), &child.id).unwrap())
    });
    group.bench_function("careschedule-loaddays", |b| {
        b.iter(|| vk::parse_care_schedule(black_box(&care)).unwrap())
    });
    group.bench_function("absence-notify", |b| {
        b.iter(|| vk::parse_absence_form(black_box(&absence)).unwrap())
    });
    group.bench_function("classlist-index", |b| {
        b.iter(|| vk::parse_class_list(black_box(&classes)).unwrap())
    });
    group.bench_function("account-scoreboard", |b| {
        b.iter(|| vk::parse_scoreboard(black_box(&scoreboard)).unwrap())
    });
    group.finish();
}

/// The SchoolSoft samples, one entry per endpoint, through the `parse --endpoint` dispatch
/// (body → model JSON), so that the JSP pages' DOM parse and the JSON decoders are measured
/// the way the provider uses them.
fn bench_schoolsoft(c: &mut Criterion) {
    const SAMPLES: &[(&str, &str)] = &[
        ("header/parent", "rest-api-parent-header-parent.json"),
        (
            "calendar/settings",
            "rest-api-parent-calendar-settings.json",
        ),
        (
            "lessons/agenda",
            "rest-api-parent-calendar-lessons-agenda.json",
        ),
        ("event/agenda", "rest-api-parent-calendar-event-agenda.json"),
        ("lunchmenu/week", "rest-api-lunchmenu-week.json"),
        ("eva/lunchmenu", "eva-lunchmenu-week.json"),
        ("news.jsp", "news.html"),
        ("eva/news", "eva-news.json"),
        ("message.jsp", "messages.html"),
        ("eva/messages/inbox", "eva-messages-inbox.json"),
        ("startpage.jsp", "startpage.html"),
        ("absence.jsp", "absence-form.html"),
        ("eva/student-absence/day", "eva-absence-day.json"),
        ("eva/parent", "eva-parent.json"),
        (
            "holistic_assessment/rows",
            "rest-api-parent-holistic_assessment-rows.json",
        ),
        ("login/token", "rest-api-login-token.json"),
        ("grandid/collect", "grandid-collect--pending.json"),
        ("grandid/status", "grandid-status.html"),
        ("grandid/pnr", "grandid-pnr.html"),
        ("saml/autopost", "saml-autopost.html"),
    ];
    let bodies: Vec<(&str, String)> = SAMPLES
        .iter()
        .map(|(endpoint, file)| (*endpoint, fixture(&format!("schoolsoft/{file}"))))
        .collect();
    let mut group = c.benchmark_group("parse schoolsoft");
    for (endpoint, body) in &bodies {
        group.bench_function(*endpoint, |b| {
            b.iter(|| parse_endpoint("schoolsoft", endpoint, black_box(body)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_schoolsoft);
criterion_main!(benches);
