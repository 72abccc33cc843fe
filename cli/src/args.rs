//! Command-line arguments.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Parser, Subcommand, ValueEnum};
use skolbryggan::provider::registry;

/// Skolbryggan: your children's school platforms in one place.
#[derive(Debug, Parser)]
#[command(name = "skolbryggan", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Where the encrypted cache lives (default: $XDG_DATA_HOME/skolbryggan or
    /// ~/.local/share/skolbryggan).
    #[arg(long, global = true, env = "SKOLBRYGGAN_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Where the cache key is kept: the OS keystore (`keyring`), or — explicitly, for a headless
    /// machine without one — a file in the data directory readable only by you (`file`; anyone
    /// who can read that file and the database can read the cache).
    #[arg(long, global = true, value_enum, env = "SKOLBRYGGAN_KEY_STORE", default_value_t = KeyStore::Keyring)]
    pub key_store: KeyStore,
    /// For development: send every request to a running emulator at HOST:PORT instead of the
    /// real platforms (its CA from --emulator-ca).
    #[arg(long, global = true, env = "SKOLBRYGGAN_EMULATOR")]
    pub emulator: Option<String>,
    /// The emulator's CA certificate (PEM file).
    #[arg(long, global = true, env = "SKOLBRYGGAN_EMULATOR_CA")]
    pub emulator_ca: Option<PathBuf>,
}

/// Where the cache key lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyStore {
    /// The operating system's keystore.
    Keyring,
    /// A file in the data directory (explicit fallback).
    File,
    /// For tests only: process memory, so nothing survives the command (hidden).
    #[value(hide = true)]
    Memory,
}

impl KeyStore {
    /// The value as given on the command line.
    pub fn as_arg(self) -> &'static str {
        match self {
            KeyStore::Keyring => "keyring",
            KeyStore::File => "file",
            KeyStore::Memory => "memory",
        }
    }
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
    /// Log in to a school platform with BankID or Freja eID+ (Ctrl-C cancels).
    Login(LoginArgs),
    /// Search a platform's organisations (SchoolSoft tenants, Vklass organisations) for the
    /// `login --organisation` value.
    Organisations(OrganisationsArgs),
    /// Fetch what is stale for every child from every logged-in platform.
    Sync(SyncArgs),
    /// Show cached data (works offline).
    Show(ShowArgs),
    /// List what changed (new news, notifications, moved events, …).
    Changes(ChangesArgs),
    /// Report a child sick/absent for today or tomorrow (where the school's platform offers it).
    ReportAbsence(AbsenceArgs),
    /// Fritids care times.
    #[command(subcommand)]
    Fritids(FritidsCommand),
    /// Public lunch menus (skolmaten.se, Matilda) for a child whose platform has none.
    #[command(subcommand)]
    Menu(MenuCommand),
    /// Log out of every platform (or one, with --platform); the cached data stays readable.
    Logout(LogoutArgs),
    /// Log out and delete the account's cached data and key.
    Forget,
    /// Parse one raw upstream response and print the normalized JSON (exits non-zero with the
    /// typed error when the answer is an upstream error or cannot be parsed).
    Parse(ParseArgs),
    /// Internal (run by `login`): print whether the key store holds the cache key, as a new
    /// process sees it ("present" or "absent"); never the key.
    #[command(hide = true)]
    KeyProbe,
}

/// Arguments of `parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The platform that answered (the systems of the platform registry).
    #[arg(long, help = parse_platform_help())]
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

/// `The platform that answered: stockholm, skola24 or infomentor.`, from the registry.
fn parse_platform_help() -> String {
    let names: Vec<&str> = registry::parsers().map(|p| p.platform).collect();
    format!("The platform that answered: {}", registry::join_or(&names))
}

/// The `login --platform` values: every registry entry, with its one-line summary.
fn login_platforms() -> PossibleValuesParser {
    PossibleValuesParser::new(
        registry::ENTRIES
            .iter()
            .map(|e| PossibleValue::new(e.name).help(e.summary)),
    )
}

/// Arguments of `login`.
#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// The platform.
    #[arg(long, value_parser = login_platforms(), default_value = skolbryggan::provider::stockholm::NAME)]
    pub platform: String,
    /// Your personal number (YYYYMMDDNNNN); optional for BankID on this device. A number
    /// ending in 1212121212 logs in to the demo family.
    #[arg(long)]
    pub personal_number: Option<String>,
    /// BankID on another device: draw the animated QR code here.
    #[arg(long, conflicts_with = "freja")]
    pub qr: bool,
    /// Log in with Freja eID+ instead of BankID.
    #[arg(long)]
    pub freja: bool,
    /// The organisation (SchoolSoft tenant, Vklass organisation) to log in to; find it with
    /// `organisations --platform P <name>`.
    #[arg(long)]
    pub organisation: Option<String>,
    /// Log in with this username and a password (read from SKOLBRYGGAN_PASSWORD, or asked
    /// for on standard input), where the platform hands out accounts.
    #[arg(long, conflicts_with_all = ["freja", "qr", "personal_number"])]
    pub username: Option<String>,
    /// Log in through a browser (SchoolSoft: the school's own login page, where BankID
    /// happens): open the printed address; the redirect back is caught on a loopback port or
    /// can be pasted here.
    #[arg(long, conflicts_with_all = ["freja", "qr", "personal_number", "username"])]
    pub browser: bool,
    /// With --browser: the redirect address to log in with instead of a loopback listener
    /// (then paste the address the browser ends on).
    #[arg(long, requires = "browser")]
    pub redirect_uri: Option<String>,
}

/// Arguments of `logout`.
#[derive(Debug, clap::Args)]
pub struct LogoutArgs {
    /// Sign out of this platform only; the family's other platforms stay logged in.
    #[arg(long, value_parser = login_platforms())]
    pub platform: Option<String>,
}

/// Arguments of `organisations`.
#[derive(Debug, clap::Args)]
pub struct OrganisationsArgs {
    /// The platform.
    #[arg(long, value_parser = login_platforms())]
    pub platform: String,
    /// Part of the name to look for (empty: all).
    #[arg(default_value = "")]
    pub query: String,
}

/// Arguments of `sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The week to refresh (any date in it); default: this week.
    #[arg(long)]
    pub date: Option<String>,
    /// Refresh everything (class lists, teachers, contacts too), not only the week view.
    #[arg(long)]
    pub all: bool,
    /// Ignore freshness and fetch again.
    #[arg(long)]
    pub force: bool,
}

/// What `show` shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Entity {
    /// The family's week.
    Week,
    /// The children.
    Children,
    /// News, newest first.
    News,
    /// Calendar events of the week.
    Calendar,
    /// Notifications.
    Notifications,
    /// The week's lunch menus.
    Menu,
    /// The week's lessons.
    Timetable,
    /// Classmates and their guardians.
    Classmates,
    /// Teachers.
    Teachers,
    /// School contacts.
    Contacts,
}

/// Arguments of `show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// What to show.
    #[arg(value_enum)]
    pub entity: Entity,
    /// Only this child (first name or id).
    #[arg(long)]
    pub child: Option<String>,
    /// Any date of the week to show; default: this week.
    #[arg(long)]
    pub date: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `changes`.
#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// Include changes already read.
    #[arg(long)]
    pub all: bool,
    /// Mark the listed changes as read.
    #[arg(long)]
    pub mark_read: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Which day an absence report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AbsenceDay {
    /// Today.
    Today,
    /// Tomorrow.
    Tomorrow,
}

/// Arguments of `report-absence`.
#[derive(Debug, clap::Args)]
pub struct AbsenceArgs {
    /// The child (first name or id).
    #[arg(long)]
    pub child: String,
    /// The day.
    #[arg(long, value_enum)]
    pub day: AbsenceDay,
    /// Withdraw an earlier report instead.
    #[arg(long)]
    pub withdraw: bool,
}

/// `menu` subcommands.
#[derive(Debug, Subcommand)]
pub enum MenuCommand {
    /// Search the public menu services for a school by name (no login needed).
    Search(MenuSearchArgs),
    /// Attach a school's public menu to a child (shown where the child's platform has none).
    Attach(MenuAttachArgs),
    /// Detach a child's public menu.
    Detach(MenuDetachArgs),
}

/// A public menu service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MenuServiceArg {
    /// skolmaten.se.
    Skolmaten,
    /// Matilda Menu (menu.matildaplatform.com).
    Matilda,
}

/// Arguments of `menu search`.
#[derive(Debug, clap::Args)]
pub struct MenuSearchArgs {
    /// Words of the school's name.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// Only this service (default: every service).
    #[arg(long, value_enum)]
    pub service: Option<MenuServiceArg>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `menu attach`.
#[derive(Debug, clap::Args)]
pub struct MenuAttachArgs {
    /// The child (first name or id).
    #[arg(long)]
    pub child: String,
    /// The service.
    #[arg(long, value_enum)]
    pub service: MenuServiceArg,
    /// The school's id on the service (the `id` that `menu search` prints).
    #[arg(long)]
    pub school: String,
    /// The school's name to show (default: the id).
    #[arg(long)]
    pub name: Option<String>,
}

/// Arguments of `menu detach`.
#[derive(Debug, clap::Args)]
pub struct MenuDetachArgs {
    /// The child (first name or id).
    #[arg(long)]
    pub child: String,
}

/// `fritids` subcommands.
#[derive(Debug, Subcommand)]
pub enum FritidsCommand {
    /// Set the care times of one day.
    Set(FritidsSetArgs),
}

/// Arguments of `fritids set`.
#[derive(Debug, clap::Args)]
pub struct FritidsSetArgs {
    /// The child (first name or id).
    #[arg(long)]
    pub child: String,
    /// The day (YYYY-MM-DD).
    #[arg(long)]
    pub date: String,
    /// Drop-off time (HH:MM).
    #[arg(long)]
    pub from: String,
    /// Pick-up time (HH:MM).
    #[arg(long)]
    pub to: String,
}
