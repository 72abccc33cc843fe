//! `skolbryggan sync`.

use skolbryggan::sync::{Outcome, RefreshRequest};

use crate::args::{GlobalArgs, SyncArgs};
use crate::exit::{ExitCode, Failure};

/// Refreshes what is stale and prints what happened.
pub async fn run(global: &GlobalArgs, args: &SyncArgs) -> Result<(), Failure> {
    let client = super::open::resumed_client(global).await?;
    let date = super::date_or_today("--date", args.date.as_deref())?;
    let mut request = if args.all {
        RefreshRequest::everything(date)
    } else {
        RefreshRequest::week_view(date)
    };
    request.force = args.force;
    let progress = |p: &skolbryggan::sync::Progress| {
        let what = p.last.resource.kind.as_str();
        let outcome = match &p.last.outcome {
            Outcome::Fetched { items, .. } => format!("{items} items"),
            Outcome::Fresh => "fresh".to_owned(),
            Outcome::Failed { failure, .. } => format!("failed: {}", failure.message),
        };
        eprintln!("  [{}/{}] {what}: {outcome}", p.done, p.total.max(p.done));
    };
    let report = client.refresh(&request, Some(&progress)).await?;
    let failed = report.failures().count();
    eprintln!(
        "synced: {} fetched, {} failed, {} upstream requests, {} changes",
        report.fetched(),
        failed,
        report.requests(),
        report.changes.len()
    );
    if report.session_expired {
        return Err(Failure {
            code: ExitCode::SessionExpired,
            message: "the platform session has expired".to_owned(),
            hint: Some("run `skolbryggan login` again; your cached data is kept".to_owned()),
        });
    }
    if failed > 0 && report.fetched() == 0 {
        return Err(Failure {
            code: ExitCode::Unavailable,
            message: "nothing could be fetched; showing cached data still works".to_owned(),
            hint: None,
        });
    }
    Ok(())
}
