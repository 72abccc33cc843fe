//! `skolbryggan`: the command line front door of Skolbryggan.
//!
//! `skolbryggan demo` prints the built-in family's week; `skolbryggan export ics` writes an
//! iCalendar file. See `skolbryggan --help`.

mod args;
mod commands;
mod exit;
mod output;
mod render;

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = args::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("skolbryggan: cannot start: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("skolbryggan: {}", failure.message);
            if let Some(hint) = &failure.hint {
                eprintln!("  hint: {hint}");
            }
            std::process::ExitCode::from(failure.code as u8)
        }
    }
}
