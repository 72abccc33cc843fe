//! `skolbryggan parse`: one raw upstream answer → normalized JSON.

use std::io::Read as _;

use skolbryggan::provider::parse_cli;

use crate::args::ParseArgs;
use crate::exit::Failure;

/// Parses the file and prints the normalized JSON.
pub fn run(args: &ParseArgs) -> Result<(), Failure> {
    let body = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text)?;
        text
    } else {
        let bytes = std::fs::read(&args.file)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", args.file.display())))?;
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let value = parse_cli::parse_endpoint(&args.platform, &args.endpoint, &body)?;
    crate::output::print(&super::pretty_json(&value)?)?;
    Ok(())
}
