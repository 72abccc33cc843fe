//! `skolbryggan export ics`.

use skolbryggan::ics::{self, ExportOptions};
use skolbryggan::provider::DateRange;
use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::time;

use crate::args::{IcsArgs, Include};
use crate::exit::Failure;

/// Writes the iCalendar file.
pub fn ics(args: &IcsArgs) -> Result<(), Failure> {
    let from = args
        .from
        .as_deref()
        .map(|d| super::parse_date("--from", d))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|d| super::parse_date("--to", d))
        .transpose()?;
    // The demo family of the school year that contains --from (or today).
    let family = DemoFamily::generate(
        &DemoConfig::for_date(from.unwrap_or_else(time::today)).with_seed(args.seed),
    );
    let snapshot = &family.snapshot;
    let mut children = Vec::new();
    for query in &args.child {
        let found = snapshot.find_children(query);
        if found.is_empty() {
            let names: Vec<&str> = snapshot
                .children
                .iter()
                .map(|c| c.first_name.as_str())
                .collect();
            return Err(Failure::usage(format!("no child called {query:?}"))
                .with_hint(format!("the children are: {}", names.join(", "))));
        }
        children.extend(found.into_iter().map(|c| c.id.clone()));
    }
    let range = match (from, to) {
        (None, None) => None,
        (Some(f), None) => Some(DateRange::new(f, jiff::civil::date(9999, 12, 31))),
        (None, Some(t)) => Some(DateRange::new(jiff::civil::date(1900, 1, 1), t)),
        (Some(f), Some(t)) => {
            if f > t {
                return Err(Failure::usage("--from is after --to"));
            }
            Some(DateRange::new(f, t))
        }
    };
    let options = ExportOptions {
        children,
        range,
        lessons: args.include != Include::Events,
        events: args.include != Include::Lessons,
        name: "Skolbryggan – demofamiljen".to_owned(),
        ..ExportOptions::default()
    };
    let text = ics::export(snapshot, &options);
    match &args.output {
        Some(path) => {
            std::fs::write(path, text)?;
            let (events, lessons) = ics::selected(snapshot, &options);
            eprintln!(
                "wrote {} events and {} lessons to {}",
                events.len(),
                lessons.len(),
                path.display()
            );
        }
        None => crate::output::print(&text)?,
    }
    Ok(())
}
