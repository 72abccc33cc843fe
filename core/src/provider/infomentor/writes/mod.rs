//! The two write actions over HTTP (report or withdraw an absence; save a day's care times or
//! comment), each planned from a fresh read ([`plan`]) and checked by a read afterwards.

mod plan;

use jiff::civil::{Date, Time};
use serde_json::json;

pub use plan::{
    WritePlan, check_save_answer, plan_absence_report, plan_care_comment, plan_care_times,
};

/// A write request body (defined with the request conventions).
pub use super::routes::WriteBody;

use super::NAME;
use super::care_times::care_week;
use super::context::Context;
use super::parse::{self, AttendanceOverview, Availability};
use super::reads::{read, with_session};
use super::routes::{self, HubEndpoint};
use crate::error::{Error, Result};
use crate::model::Child;
use crate::provider::WriteOutcome;

/// Reports `child` absent (sick) for `day` (today or tomorrow), or withdraws the report
/// (`absent = false`). Checks the permission on a fresh read; does nothing when the wanted
/// state is already there; verifies with a read afterwards.
pub(crate) async fn report_absence(
    context: &Context,
    child: &Child,
    day: Date,
    absent: bool,
) -> Result<WriteOutcome> {
    with_session(context, || async {
        let fresh = fresh_attendance(context, child).await?;
        let plan = plan_absence_report(&fresh, day, absent, false)?;
        let WritePlan::Send(body) = plan else {
            return Ok(WriteOutcome::AlreadyDone);
        };
        write(context, child, routes::REGISTER_ATTENDANCE, &body).await?;
        let after = fresh_attendance(context, child).await?;
        let applied = after
            .actions
            .iter()
            .any(|a| a.day == day && a.already_reported == absent);
        if applied {
            Ok(WriteOutcome::Done)
        } else {
            Err(Error::upstream(
                "registerAttendance",
                None,
                "the absence report does not show after saving",
            ))
        }
    })
    .await
}

async fn fresh_attendance(context: &Context, child: &Child) -> Result<AttendanceOverview> {
    let mut hub = context.hub.lock().await;
    context.select(&mut hub, child).await?;
    match context.hub_post(routes::ATTENDANCE_APP_DATA, None).await? {
        Some(text) => match parse::parse_attendance_app_data(&text, &child.id)? {
            Availability::Available(o) => Ok(o),
            Availability::NotAvailable => Err(Error::Unsupported {
                platform: NAME.to_owned(),
                what: "absence reports for this child".to_owned(),
            }),
        },
        None => Err(Error::Unsupported {
            platform: NAME.to_owned(),
            what: "absence reports for this child".to_owned(),
        }),
    }
}

async fn write(
    context: &Context,
    child: &Child,
    endpoint: HubEndpoint,
    body: &WriteBody,
) -> Result<()> {
    let mut hub = context.hub.lock().await;
    context.select(&mut hub, child).await?;
    match context.hub_post(endpoint, Some(body)).await? {
        Some(text) if text.trim().is_empty() => Err(Error::SessionExpired {
            endpoint: endpoint.name.to_owned(),
        }),
        Some(text) => {
            if text.trim_start().starts_with('{') {
                check_save_answer(endpoint.name, &text).or_else(|e| match e {
                    // An answer without a success flag: the read-back decides.
                    Error::Parse { .. } => Ok(()),
                    other => Err(other),
                })
            } else {
                Ok(())
            }
        }
        None => Err(Error::Unsupported {
            platform: NAME.to_owned(),
            what: endpoint.name.to_owned(),
        }),
    }
}

/// Sets the planned care times of `date` (arrival `start`, pick-up `end`). Checks the
/// permission on a fresh read, does nothing when the times are already set, verifies after.
pub(crate) async fn save_care_times(
    context: &Context,
    child: &Child,
    date: Date,
    start: Time,
    end: Time,
) -> Result<WriteOutcome> {
    with_session(context, || async {
        let (schedule, raw) = care_week(context, child, date).await?;
        let Availability::Available(fresh) = schedule else {
            return Err(Error::Unsupported {
                platform: NAME.to_owned(),
                what: "care times for this child".to_owned(),
            });
        };
        let raw = raw.ok_or_else(|| Error::Unsupported {
            platform: NAME.to_owned(),
            what: format!("care times for {date}"),
        })?;
        let WritePlan::Send(body) = plan_care_times(&fresh, &raw, date, start, end)? else {
            return Ok(WriteOutcome::AlreadyDone);
        };
        write(context, child, routes::SAVE_TIME_REGISTRATIONS, &body).await?;
        let (after, _) = care_week(context, child, date).await?;
        let ok = after.or_empty().days.iter().any(|d| {
            d.date == date
                && d.start
                    .as_ref()
                    .map(|z| crate::time::in_stockholm(z).time())
                    == Some(start)
                && d.end.as_ref().map(|z| crate::time::in_stockholm(z).time()) == Some(end)
        });
        if ok {
            Ok(WriteOutcome::Done)
        } else {
            Err(Error::upstream(
                "SaveTimeRegistrations",
                None,
                "the care times do not show after saving",
            ))
        }
    })
    .await
}

/// Sets the guardian's comment of a care-time day.
pub(crate) async fn save_care_comment(
    context: &Context,
    child: &Child,
    date: Date,
    text: &str,
) -> Result<WriteOutcome> {
    with_session(context, || async {
        let (schedule, _) = care_week(context, child, date).await?;
        let fresh = schedule.available().ok_or_else(|| Error::Unsupported {
            platform: NAME.to_owned(),
            what: "care-time comments for this child".to_owned(),
        })?;
        let comments = read(
            context,
            Some(child),
            routes::CARE_COMMENTS,
            Some(json!({ "date": date.to_string() })),
            parse::parse_care_time_comments,
        )
        .await?
        .available();
        let current = comments.as_ref().and_then(|c| c.guardian_comment.clone());
        let comment_id = comments.as_ref().and_then(|c| c.comment_id.clone());
        let WritePlan::Send(body) = plan_care_comment(
            &fresh,
            date,
            current.as_deref(),
            comment_id.as_deref(),
            text,
        )?
        else {
            return Ok(WriteOutcome::AlreadyDone);
        };
        write(context, child, routes::SAVE_CARE_COMMENT, &body).await?;
        Ok(WriteOutcome::Done)
    })
    .await
}
