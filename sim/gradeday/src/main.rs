//! Grade day, simulated: half a million families open the app within an hour, with a peak at
//! the publication time, against an upstream of fixed capacity. Once with our app (the core's
//! real sync policy: freshness, coalescing, jittered back-off, the breaker, `Retry-After`), once
//! with the upstream parents' app (a BankID login at every open, everything at once, six fast
//! retries without jitter). Writes a results table and SVG plots.
//!
//! `cargo run --release -p skolbryggan-gradeday -- [--quick] [--families N]
//! [--capacities A,B,C] [--out DIR]` (capacities in requests per second for 500 000 families;
//! with fewer families they scale down in proportion, so the curves keep their shape).

mod events;
mod ours;
mod population;
mod sim;
mod svg;
mod theirs;
mod upstream;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use skolbryggan::sync::SyncSettings;

use crate::population::{Family, PopulationModel};
use crate::sim::{BIN, Parents, Stats};
use crate::svg::Series;
use crate::upstream::Upstream;

/// Simulated seconds: the hour and half an hour to drain.
const HORIZON: f64 = 5400.0;
const FULL: f64 = 500_000.0;

struct Args {
    families: u32,
    capacities: Vec<f64>,
    out: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        families: 500_000,
        capacities: vec![6_000.0, 8_000.0, 10_000.0, 12_000.0],
        out: PathBuf::from("docs/grade-day"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--quick" => a.families = 25_000,
            "--families" => {
                a.families = value()?.parse().map_err(|e| format!("--families: {e}"))?
            }
            "--capacities" => {
                a.capacities = value()?
                    .split(',')
                    .map(|c| {
                        c.trim()
                            .parse::<f64>()
                            .map_err(|e| format!("--capacities: {e}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--out" => a.out = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Ours,
    Theirs,
}

impl Which {
    fn name(self) -> &'static str {
        match self {
            Which::Ours => "our app (core policy)",
            Which::Theirs => "upstream app",
        }
    }
}

struct Run {
    which: Which,
    capacity: f64,
    stats: Stats,
}

fn simulate(which: Which, capacity: f64, scale: f64, families: &[Family]) -> Run {
    // The policy's own random numbers (back-off jitter) come from fastrand's thread-local
    // generator: seed it so a run is reproducible.
    fastrand::seed(7);
    let epoch =
        skolbryggan::time::local(jiff::civil::date(2026, 6, 10).at(15, 50, 0, 0)).timestamp();
    let upstream = Upstream::new(capacity * scale);
    let parents = Parents::default();
    let stats = match which {
        Which::Ours => {
            let mut app = ours::OurApp::new(families.len(), SyncSettings::new(), epoch);
            sim::run(&mut app, families, upstream, &parents, HORIZON, 11)
        }
        Which::Theirs => {
            let mut app = theirs::TheirApp::new(families.len());
            sim::run(&mut app, families, upstream, &parents, HORIZON, 11)
        }
    };
    Run {
        which,
        capacity,
        stats,
    }
}

/// Requests per second per bin, scaled to 500 000 families.
fn per_second(v: &[u32], scale: f64) -> Vec<(f64, f64)> {
    (0..(HORIZON / BIN) as usize)
        .map(|i| {
            let n = v.get(i).copied().unwrap_or(0);
            ((i as f64 + 0.5) * BIN / 60.0, f64::from(n) / BIN / scale)
        })
        .collect()
}

fn minutes_over(v: &[u32], capacity: f64, scale: f64) -> f64 {
    per_second(v, scale)
        .iter()
        .filter(|(_, r)| *r > capacity)
        .count() as f64
        * BIN
        / 60.0
}

fn main() -> Result<(), String> {
    let args = args()?;
    let started = Instant::now();
    let scale = f64::from(args.families) / FULL;
    let model = PopulationModel {
        families: args.families,
        ..PopulationModel::default()
    };
    let families = model.draw(&mut fastrand::Rng::with_seed(2026));
    let jobs: Vec<(Which, f64)> = args
        .capacities
        .iter()
        .flat_map(|&c| [(Which::Theirs, c), (Which::Ours, c)])
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(&(which, c)) = jobs.get(i) else {
                        break;
                    };
                    let run = simulate(which, c, scale, &families);
                    if let Ok(mut r) = results.lock() {
                        r.push((i, run));
                    }
                }
            });
        }
    });
    let mut runs = results.into_inner().map_err(|e| e.to_string())?;
    runs.sort_by_key(|(i, _)| *i);
    let runs: Vec<Run> = runs.into_iter().map(|(_, r)| r).collect();

    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{} families ({} children), opens over an hour with a peak at publication; figures per 500 000 families.\n",
        args.families,
        families.iter().map(|f| u64::from(f.children)).sum::<u64>()
    );
    table.push_str("| capacity (req/s) | policy | peak offered (req/s) | minutes offered > capacity | families with fresh data | time to data, median | p95 | requests | 503s | timeouts | BankID orders | opens | coalesced opens |\n");
    table.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    let secs = |v: Option<f64>| v.map_or("–".to_owned(), |s| format!("{s:.1} s"));
    let scaled = |n: u64| format!("{:.0}", n as f64 / scale);
    for r in &runs {
        let peak = per_second(&r.stats.offered, scale)
            .iter()
            .map(|p| p.1)
            .fold(0.0, f64::max);
        let _ = writeln!(
            table,
            "| {:.0} | {} | {:.0} | {:.1} | {:.1} % | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.capacity,
            r.which.name(),
            peak,
            minutes_over(&r.stats.offered, r.capacity, scale),
            100.0 * r.stats.fresh_share(),
            secs(r.stats.time_to_data_quantile(0.5)),
            secs(r.stats.time_to_data_quantile(0.95)),
            scaled(r.stats.requests),
            scaled(r.stats.refused),
            scaled(r.stats.timeouts),
            scaled(r.stats.bankid),
            scaled(r.stats.opens),
            scaled(r.stats.coalesced),
        );
    }
    // Plots: offered load and served requests against capacity, per capacity; the share of
    // families with fresh data over time.
    for &c in &args.capacities {
        let mut series = Vec::new();
        for r in runs.iter().filter(|r| r.capacity == c) {
            let colour = if r.which == Which::Ours {
                "#1b7837"
            } else {
                "#b2182b"
            };
            series.push(Series {
                label: format!("{}: offered", r.which.name()),
                colour,
                dashed: false,
                points: per_second(&r.stats.offered, scale),
            });
            series.push(Series {
                label: format!("{}: answered 200", r.which.name()),
                colour,
                dashed: true,
                points: per_second(&r.stats.served, scale),
            });
        }
        series.push(Series {
            label: "capacity".to_owned(),
            colour: "#444",
            dashed: true,
            points: vec![(0.0, c), (HORIZON / 60.0, c)],
        });
        let svg = svg::chart(
            &format!("Grade day: requests per second, capacity {c:.0}/s (axis cut at 4x)"),
            "minutes (grades published at 10)",
            "requests per second",
            &series,
            Some(4.0 * c),
        );
        let path = args.out.join(format!("load-{c:.0}.svg"));
        std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let colours = [
        "#b2182b", "#ef8a62", "#fddbc7", "#1b7837", "#7fbf7b", "#a6dba0",
    ];
    let mut series = Vec::new();
    for (k, which) in [Which::Theirs, Which::Ours].into_iter().enumerate() {
        for (i, r) in runs.iter().filter(|r| r.which == which).enumerate() {
            let mut total = 0u32;
            let points = (0..(HORIZON / BIN) as usize)
                .map(|b| {
                    total += r.stats.fresh.get(b).copied().unwrap_or(0);
                    (
                        (b as f64 + 1.0) * BIN / 60.0,
                        100.0 * f64::from(total) / f64::from(args.families),
                    )
                })
                .collect();
            series.push(Series {
                label: format!("{}, {:.0}/s", r.which.name(), r.capacity),
                colour: colours[(k * 3 + i).min(5)],
                dashed: false,
                points,
            });
        }
    }
    let svg = svg::chart(
        "Grade day: families with fresh data",
        "minutes (grades published at 10)",
        "% of families",
        &series,
        Some(100.0),
    );
    let path = args.out.join("fresh.svg");
    std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
    let _ = writeln!(
        table,
        "\nSimulated in {:.1} s of wall time.",
        started.elapsed().as_secs_f64()
    );
    let path = args.out.join("results.md");
    std::fs::write(&path, &table).map_err(|e| format!("{}: {e}", path.display()))?;
    print!("{table}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ours_stays_under_capacity_where_the_upstream_app_melts_it() {
        let families = 5_000u32;
        let scale = f64::from(families) / FULL;
        let model = PopulationModel {
            families,
            ..PopulationModel::default()
        };
        let population = model.draw(&mut fastrand::Rng::with_seed(1));
        let theirs = simulate(Which::Theirs, 8_000.0, scale, &population);
        let ours = simulate(Which::Ours, 8_000.0, scale, &population);
        // The upstream app keeps the upstream above capacity for many minutes and most
        // families get nothing…
        assert!(minutes_over(&theirs.stats.offered, 8_000.0, scale) > 10.0);
        assert!(
            theirs.stats.fresh_share() < 0.6,
            "{}",
            theirs.stats.fresh_share()
        );
        // …ours stays (nearly) under capacity and serves nearly everyone, with a fraction of
        // the requests and BankID orders.
        assert!(minutes_over(&ours.stats.offered, 8_000.0, scale) <= 1.0);
        assert!(
            ours.stats.fresh_share() > 0.99,
            "{}",
            ours.stats.fresh_share()
        );
        assert!(ours.stats.requests * 4 < theirs.stats.requests);
        assert!(ours.stats.bankid * 10 < theirs.stats.bankid);
    }
}
