//! `skolbryggan demo`.

use skolbryggan::provider::demo::{DemoConfig, DemoFamily};
use skolbryggan::time;
use skolbryggan::week::WeekOverview;

use crate::args::DemoArgs;
use crate::exit::Failure;
use crate::render;

/// Prints the demo family's week.
pub fn run(args: &DemoArgs) -> Result<(), Failure> {
    let date = match &args.date {
        Some(d) => super::parse_date("--date", d)?,
        None => time::today(),
    };
    let config = DemoConfig::for_date(date)
        .with_seed(args.seed)
        .with_scale(args.scale);
    // As a logged-in client shows it: the InfoMentor child's lunch from its public menu.
    let family = DemoFamily::generate(&config).as_shown();
    let week = WeekOverview::build(&family, date);
    if args.json {
        let value = serde_json::json!({ "week": week, "family": family });
        crate::output::print(&super::pretty_json(&value)?)?;
    } else {
        crate::output::print(&render::week::render(&family.children, &week))?;
    }
    Ok(())
}
