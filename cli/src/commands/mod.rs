//! The commands.

mod account;
mod browser_redirect;
mod changes;
mod demo;
mod export;
mod key_probe;
mod login;
mod login_screen;
mod menu;
mod open;
mod parse;
mod show;
mod sync;
mod write;

use jiff::civil::Date;

use crate::args::{Cli, Command, ExportCommand};
use crate::exit::Failure;

pub use open::KEY_LOST_HINT;

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    let global = cli.global;
    match cli.command {
        Command::Demo(args) => demo::run(&args),
        Command::Export(ExportCommand::Ics(args)) => export::ics(&args),
        Command::Parse(args) => parse::run(&args),
        Command::Login(args) => login::run(&global, &args).await,
        Command::Organisations(args) => login::organisations(&global, &args).await,
        Command::Sync(args) => sync::run(&global, &args).await,
        Command::Show(args) => show::run(&global, &args).await,
        Command::Changes(args) => changes::run(&global, &args).await,
        Command::ReportAbsence(args) => write::report_absence(&global, &args).await,
        Command::Fritids(crate::args::FritidsCommand::Set(args)) => {
            write::fritids_set(&global, &args).await
        }
        Command::Menu(command) => menu::run(&global, command).await,
        Command::Logout(args) => account::logout(&global, &args).await,
        Command::Forget => account::forget(&global).await,
        Command::KeyProbe => key_probe::run(&global),
    }
}

/// Parses a `YYYY-MM-DD` argument.
/// `value` as pretty JSON with a final line break (what `--json` prints).
pub fn pretty_json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure {
            code: crate::exit::ExitCode::Failure,
            message: e.to_string(),
            hint: None,
        })
}

pub fn parse_date(flag: &str, value: &str) -> Result<Date, Failure> {
    value.trim().parse::<Date>().map_err(|_| {
        Failure::usage(format!(
            "{flag} must be a date like 2026-11-25, not {value:?}"
        ))
    })
}

/// Parses an optional date argument, defaulting to today in Sweden.
pub fn date_or_today(flag: &str, value: Option<&str>) -> Result<Date, Failure> {
    match value {
        Some(v) => parse_date(flag, v),
        None => Ok(skolbryggan::time::today()),
    }
}

/// The one child that `query` names (first name, full name or id), or a usage error that lists
/// the children.
pub fn resolve_child<'a>(
    children: &'a [skolbryggan::model::Child],
    query: &str,
) -> Result<&'a skolbryggan::model::Child, Failure> {
    let found: Vec<_> = children.iter().filter(|c| c.matches(query)).collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<&str> = children.iter().map(|c| c.first_name.as_str()).collect();
            Err(Failure::usage(format!("no child called {query:?}"))
                .with_hint(format!("the children are: {}", names.join(", "))))
        }
        _ => Err(Failure::usage(format!(
            "{query:?} matches several children; use the full name or the id"
        ))),
    }
}
