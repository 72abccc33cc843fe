//! The commands.

mod demo;
mod export;
mod parse;

use jiff::civil::Date;

use crate::args::{Cli, Command, ExportCommand};
use crate::exit::Failure;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Demo(args) => demo::run(&args),
        Command::Export(ExportCommand::Ics(args)) => export::ics(&args),
        Command::Parse(args) => parse::run(&args),
    }
}

/// Parses a `YYYY-MM-DD` argument.
pub fn parse_date(flag: &str, value: &str) -> Result<Date, Failure> {
    value.trim().parse::<Date>().map_err(|_| {
        Failure::usage(format!(
            "{flag} must be a date like 2026-11-25, not {value:?}"
        ))
    })
}
