//! Write actions: `report-absence` and `fritids set`.

use jiff::civil::Time;
use skolbryggan::client::Client;
use skolbryggan::model::EntityId;
use skolbryggan::provider::WriteOutcome;

use crate::args::{AbsenceArgs, AbsenceDay, FritidsSetArgs, GlobalArgs};
use crate::exit::Failure;

async fn child_id(client: &Client, query: &str) -> Result<(EntityId, String), Failure> {
    let children = client.children().await?.value;
    let child = super::resolve_child(&children, query)?;
    Ok((child.id.clone(), child.first_name.clone()))
}

fn outcome(what: &str, o: WriteOutcome) -> String {
    match o {
        WriteOutcome::Done => format!("{what}: done (read back from the platform)"),
        WriteOutcome::AlreadyDone => format!("{what}: already so; nothing was sent"),
    }
}

fn time(flag: &str, v: &str) -> Result<Time, Failure> {
    v.trim()
        .parse::<Time>()
        .map_err(|_| Failure::usage(format!("{flag} must be a time like 07:30, not {v:?}")))
}

/// Reports (or withdraws) an absence.
pub async fn report_absence(global: &GlobalArgs, args: &AbsenceArgs) -> Result<(), Failure> {
    let client = super::open::resumed_client(global).await?;
    let (id, name) = child_id(&client, &args.child).await?;
    let today = skolbryggan::time::today();
    let day = match args.day {
        AbsenceDay::Today => today,
        AbsenceDay::Tomorrow => today
            .tomorrow()
            .map_err(|e| Failure::usage(e.to_string()))?,
    };
    let result = client.report_absence(&id, day, !args.withdraw).await?;
    let what = if args.withdraw {
        format!("withdraw {name}'s absence on {day}")
    } else {
        format!("{name} absent on {day}")
    };
    eprintln!("{}", outcome(&what, result));
    Ok(())
}

/// Sets one day's care times.
pub async fn fritids_set(global: &GlobalArgs, args: &FritidsSetArgs) -> Result<(), Failure> {
    let client = super::open::resumed_client(global).await?;
    let (id, name) = child_id(&client, &args.child).await?;
    let date = super::parse_date("--date", &args.date)?;
    let (from, to) = (time("--from", &args.from)?, time("--to", &args.to)?);
    if from >= to {
        return Err(Failure::usage("--from must be before --to"));
    }
    let result = client.set_care_times(&id, date, from, to).await?;
    eprintln!(
        "{}",
        outcome(
            &format!("{name}'s care times on {date}: {from}–{to}"),
            result
        )
    );
    Ok(())
}
