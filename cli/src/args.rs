//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Skolbryggan: your children's school platforms in one place.
#[derive(Debug, Parser)]
#[command(name = "skolbryggan", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 ok, 1 failure, 2 usage, 3 session expired (log in again), \
4 platform unavailable, 5 unparseable upstream answer, 6 login failed or cancelled, 7 local storage.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the built-in demo family's week (offline, no login).
    Demo(DemoArgs),
    /// Export to other formats.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Parse one raw upstream response and print the normalized JSON (exits non-zero with the
    /// typed error when the answer is an upstream error or cannot be parsed).
    Parse(ParseArgs),
}

/// Arguments of `parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The platform that answered: stockholm, skola24 or infomentor.
    #[arg(long)]
    pub platform: String,
    /// The endpoint: the last path segment of the upstream URL (e.g. GetNewsArchive,
    /// getnotifications, render-timetable, hub-root).
    #[arg(long)]
    pub endpoint: String,
    /// The file holding the raw response body (`-` for standard input).
    pub file: PathBuf,
}

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// Any date of the week to show (YYYY-MM-DD); default: this week.
    #[arg(long)]
    pub date: Option<String>,
    /// Print the whole normalized model (the week's overview plus the family) as JSON.
    #[arg(long)]
    pub json: bool,
    /// Seed of the generated family.
    #[arg(long, default_value_t = skolbryggan::provider::demo::DemoConfig::DEFAULT_SEED)]
    pub seed: u64,
    /// Volume multiplier of the generated family.
    #[arg(long, default_value_t = 1)]
    pub scale: u32,
}

/// `export` subcommands.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write an RFC 5545 iCalendar file of events, lessons and holidays.
    Ics(IcsArgs),
}

/// What to include in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Include {
    /// Calendar events, holidays and lessons.
    All,
    /// Calendar events and holidays only.
    Events,
    /// Lessons only.
    Lessons,
}

/// Arguments of `export ics`.
#[derive(Debug, clap::Args)]
pub struct IcsArgs {
    /// Only this child (first name or id); repeat for several.
    #[arg(long)]
    pub child: Vec<String>,
    /// First day (YYYY-MM-DD); default: the start of the data.
    #[arg(long)]
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// What to include.
    #[arg(long, value_enum, default_value_t = Include::All)]
    pub include: Include,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Export the demo family (the default until you have logged in).
    #[arg(long)]
    pub demo: bool,
    /// Seed of the demo family.
    #[arg(long, default_value_t = skolbryggan::provider::demo::DemoConfig::DEFAULT_SEED)]
    pub seed: u64,
}
