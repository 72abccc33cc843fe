//! Building the family's week overview from the demo family at scale 1 and 10.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::week::WeekOverview;

fn week_overview(c: &mut Criterion) {
    let day = date(2026, 11, 25);
    for scale in [1u32, 10] {
        let family = DemoFamily::generate(&DemoConfig::for_date(day).with_scale(scale)).snapshot;
        c.bench_function(&format!("week_overview/scale_{scale}"), |b| {
            b.iter(|| WeekOverview::build(std::hint::black_box(&family), day))
        });
    }
    c.bench_function("demo_generate/scale_1", |b| {
        b.iter(|| DemoFamily::generate(&DemoConfig::for_date(day)))
    });
}

criterion_group!(benches, week_overview);
criterion_main!(benches);
