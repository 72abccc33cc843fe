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
use skolbryggan::model::{AccountId, AccountKey, IsoWeek};
use skolbryggan::provider::parse_cli::{demo_child, parse_endpoint};
use skolbryggan::provider::registry;
use skolbryggan::provider::skola24::parse as s24;
use skolbryggan::provider::stockholm::parse as st;

#[path = "../tests/integration/samples/schoolsoft_samples.rs"]
mod schoolsoft_samples;
use schoolsoft_samples::SAMPLES;

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
        b.iter(|| st::user(black_box(&s.user), &AccountKey::derive(&[1; 32])).unwrap())
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
            black_box(st::user(&s.user, &AccountKey::derive(&[1; 32])).unwrap());
            black_box(st::classmates(&s.classmates, &child).unwrap());
            black_box(st::school_contacts(&s.contacts, &child).unwrap());
            black_box(s24::timetable(&s.timetable, &child, week, "sv", &[]).unwrap());
            black_box(html_to_markdown(&s.table, None));
        })
    });
    group.finish();
    bench_vklass(c);
}

/// One entry per Vklass endpoint (its `parse --endpoint` name is the sample's file name before
/// `--` and the extension; the first sample of each in name order), through the dispatch, as
/// the CLI parses them. Outside the Stockholm `family` target.
fn bench_vklass(c: &mut Criterion) {
    let dir = format!("{}/tests/fixtures/vklass", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let endpoints = registry::parsers()
        .find(|p| p.platform == "vklass")
        .unwrap()
        .endpoints;
    let mut group = c.benchmark_group("parse vklass");
    for endpoint in endpoints {
        let file = files
            .iter()
            .find(|f| {
                let stem = f.split("--").next().unwrap_or(f);
                stem.trim_end_matches(".json").trim_end_matches(".html") == *endpoint
            })
            .unwrap_or_else(|| panic!("no Vklass sample for {endpoint}"));
        let body = fixture(&format!("vklass/{file}"));
        group.bench_function(*endpoint, |b| {
            b.iter(|| parse_endpoint("vklass", file, black_box(&body)).unwrap())
        });
    }
    group.finish();
}

/// The SchoolSoft samples, one entry per endpoint that has a sample (the list the sample test
/// reads), through the `parse --endpoint` dispatch (body → model JSON), so that the JSP pages'
/// DOM parse and the JSON decoders are measured the way the provider uses them.
fn bench_schoolsoft(c: &mut Criterion) {
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
