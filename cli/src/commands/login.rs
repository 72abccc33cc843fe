//! `skolbryggan login`.

use std::io::Write as _;

use skolbryggan::model::PersonalNumber;
use skolbryggan::provider::{DriveOptions, LoginRequest, LoginState, LoginUpdate};

use skolbryggan::provider::registry;

use crate::args::{GlobalArgs, LoginArgs};
use crate::exit::Failure;

fn describe(state: &LoginState) -> String {
    match state {
        LoginState::Pending => "waiting for the BankID/Freja app to open…".to_owned(),
        LoginState::UserSign => "the app is open: confirm with your security code".to_owned(),
        LoginState::Signed => "identified; setting up the session…".to_owned(),
        LoginState::Complete => "logged in".to_owned(),
        LoginState::Failed(reason) => format!("failed: {reason}"),
        LoginState::Cancelled => "cancelled".to_owned(),
    }
}

/// Logs in and stores the session.
pub async fn run(global: &GlobalArgs, args: &LoginArgs) -> Result<(), Failure> {
    let client = super::open::client(global).await?;
    let this_year = skolbryggan::time::today().year();
    let personal_number = match &args.personal_number {
        Some(p) => Some(PersonalNumber::parse(p, this_year).ok_or_else(|| {
            Failure::usage("--personal-number must be 12 digits (YYYYMMDDNNNN) or YYMMDD-NNNN")
        })?),
        None => None,
    };
    let entry = registry::entry(&args.platform)
        .ok_or_else(|| Failure::usage(format!("unknown platform {:?}", args.platform)))?;
    // The demo family has no platform of its own: it imitates the others, without network.
    let Some(platform) = entry.main_platform() else {
        let user = client.login_demo().await?;
        super::key_probe::check_kept(global)?;
        eprintln!("logged in to the demo family as {}", user.full_name());
        return Ok(());
    };
    let request = if args.freja {
        LoginRequest::Freja
    } else {
        LoginRequest::BankId {
            personal_number,
            other_device: args.qr,
        }
    };
    let pending = client.start_login(platform, request).await?;
    let prompt = pending.prompt().clone();
    if let Some(link) = &prompt.freja_link {
        eprintln!("Open Freja eID+ on this device: {link}");
    } else if !args.qr {
        if let Some(link) = &prompt.bankid_app_link {
            eprintln!("Open BankID on this device: {link}");
        }
        if let Some(link) = &prompt.bankid_universal_link {
            eprintln!("(or: {link})");
        }
    }
    let qr_mode = args.qr;
    let on_update = move |update: &LoginUpdate| {
        let mut err = std::io::stderr().lock();
        if qr_mode && let Some(frame) = &update.qr {
            // Redraw in place: clear the screen, then the current frame.
            let _ = write!(
                err,
                "\x1b[2J\x1b[H{}\nScan with the BankID app on your other device.\n",
                frame.to_terminal()
            );
        }
        let _ = writeln!(err, "  {}", describe(&update.state));
    };
    let cancel = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let user = pending
        .complete(DriveOptions::default(), on_update, cancel)
        .await?;
    super::key_probe::check_kept(global)?;
    eprintln!(
        "logged in as {}; the session is stored encrypted",
        user.full_name()
    );
    Ok(())
}
