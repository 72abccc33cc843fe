//! `skolbryggan login`.

use std::io::Write as _;
use std::sync::{Arc, Mutex, PoisonError};

use skolbryggan::model::PersonalNumber;
use skolbryggan::provider::{DriveOptions, LoginRequest, LoginUpdate, Password};

use skolbryggan::provider::registry;

use crate::args::{GlobalArgs, LoginArgs, OrganisationsArgs};
use crate::exit::Failure;

use super::browser_redirect::RedirectCatcher;
use super::login_screen::LoginScreen;

/// The password for `--username`: SKOLBRYGGAN_PASSWORD, else one line of standard input
/// (asked for on standard error).
fn read_password() -> Result<Password, Failure> {
    if let Ok(password) = std::env::var("SKOLBRYGGAN_PASSWORD") {
        return Ok(Password::new(password));
    }
    eprint!("Password: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Failure::usage(format!("could not read the password: {e}")))?;
    let password = line.trim_end_matches(['\r', '\n']);
    if password.is_empty() {
        return Err(Failure::usage(
            "no password: set SKOLBRYGGAN_PASSWORD or type it on standard input",
        ));
    }
    Ok(Password::new(password))
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
    if let Some(organisation) = &args.organisation {
        client.set_organisation(entry.name, organisation)?;
    }
    if args.browser {
        return browser_login(global, &client, platform, args).await;
    }
    let request = if let Some(username) = &args.username {
        LoginRequest::Password {
            username: username.trim().to_owned(),
            password: read_password()?,
        }
    } else if args.freja {
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
    let app = if args.freja { "Freja eID+" } else { "BankID" };
    let screen = Arc::new(Mutex::new(LoginScreen::new(args.qr, app)));
    let shown = Arc::clone(&screen);
    let on_update = move |update: &LoginUpdate| {
        shown
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .update(update);
    };
    let cancel = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let outcome = pending
        .complete(DriveOptions::default(), on_update, cancel)
        .await;
    // Whatever the outcome, the code leaves the screen before the next line is written.
    screen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clear();
    let user = outcome?;
    super::key_probe::check_kept(global)?;
    eprintln!(
        "logged in as {}; the session is stored encrypted",
        user.full_name()
    );
    Ok(())
}

/// `login --browser`: prints the address to open, catches (or reads) the redirect, hands it
/// back, and completes the login.
async fn browser_login(
    global: &GlobalArgs,
    client: &skolbryggan::client::Client,
    platform: skolbryggan::model::Platform,
    args: &LoginArgs,
) -> Result<(), Failure> {
    let catcher = RedirectCatcher::new(args.redirect_uri.as_deref()).await?;
    let request = LoginRequest::Browser {
        redirect_uri: catcher.redirect_uri.clone(),
    };
    let pending = client.start_login(platform, request).await?;
    let (Some(url), Some(back)) = (
        pending.prompt().browser_url.clone(),
        pending.browser_return(),
    ) else {
        return Err(Failure::usage("this platform has no browser login"));
    };
    eprintln!("Open this address in a browser and log in:\n{url}");
    eprintln!("(or paste here the address the browser ends on)");
    let hand_back = async move {
        let redirect = catcher.wait().await?;
        back.hand_back(&redirect).map_err(Failure::from)
    };
    let options = DriveOptions {
        // The guardian logs in at the school's own pages: give it time.
        timeout: std::time::Duration::from_secs(600),
        ..DriveOptions::default()
    };
    let cancel = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let complete = pending.complete(options, |_| {}, cancel);
    tokio::pin!(complete);
    let user = tokio::select! {
        done = &mut complete => done?,
        handed = hand_back => {
            handed?;
            complete.await?
        }
    };
    super::key_probe::check_kept(global)?;
    eprintln!(
        "logged in as {}; the session is stored encrypted",
        user.full_name()
    );
    Ok(())
}

/// Prints the organisations of a platform whose name contains the query, one per line: the
/// `--organisation` value, a tab, the name.
pub async fn organisations(global: &GlobalArgs, args: &OrganisationsArgs) -> Result<(), Failure> {
    let client = super::open::client(global).await?;
    let found = client.organisations(&args.platform, &args.query).await?;
    if found.is_empty() {
        eprintln!(
            "no organisation of {} matches {:?}",
            args.platform, args.query
        );
    }
    let mut out = std::io::stdout().lock();
    for o in found {
        let _ = writeln!(out, "{}\t{}", o.id, o.name);
    }
    Ok(())
}
