//! The absence report (`POST /Absence/Notify`), planned from a fresh read of the form.
//!
//! Vklass answers an accepted report with a redirect back to the form and a rejected one with
//! the form again (200, validation messages). A connection that breaks after sending leaves the
//! outcome unknown: the report may have been saved, and Vklass shows no structured overview to
//! check it against, so such a report is never sent again by this session — the guardian is
//! told to check the overview in Vklass. A report accepted earlier in the session is not sent
//! twice.

use jiff::civil::Date;

use super::context::{Context, ReportOutcome, pupil_id};
use super::parse;
use super::routes;
use crate::error::{Error, Result, WriteRefusal};
use crate::model::{AbsenceReportAction, Child, EntityId, EntityKind};
use crate::provider::WriteOutcome;

const ENDPOINT: &str = "Notify";

fn unknown_outcome() -> Error {
    Error::upstream(
        ENDPOINT,
        None,
        "the outcome of the absence report is unknown; check the absence overview in Vklass",
    )
}

/// The absence offers of `child` from a fresh form: one whole-day offer for the quick-option
/// day (today), allowed when the ward is neither disabled nor read-only and the day lies within
/// its bounds; `already_reported` when this session had the report accepted.
pub(crate) async fn absence_actions(
    context: &Context,
    child: &Child,
) -> Result<Vec<AbsenceReportAction>> {
    let pupil = pupil_id(child)?;
    let mut state = context.state.lock().await;
    let form = context.absence_form(&mut state, true).await?;
    let (Some(ward), Some(day)) = (form.ward(&pupil), form.quick_option_date) else {
        return Ok(Vec::new());
    };
    let reported = state.reports.get(&(pupil.clone(), day)) == Some(&ReportOutcome::Accepted);
    Ok(vec![AbsenceReportAction {
        id: EntityId::for_child(&child.id, EntityKind::AbsenceReportAction, &day.to_string()),
        child_id: child.id.clone(),
        day,
        allowed: !ward.locked,
        locked: !ward.can_report(day),
        already_reported: reported,
        comment: None,
        can_mark_care_time: false,
    }])
}

/// Reports `child` absent for the whole of `day` (the quick-option day). Withdrawing a report
/// is not offered by Vklass.
pub(crate) async fn report_absence(
    context: &Context,
    child: &Child,
    day: Date,
    absent: bool,
) -> Result<WriteOutcome> {
    if !absent {
        return Err(Error::WriteRefused(WriteRefusal::NotOffered));
    }
    let pupil = pupil_id(child)?;
    let mut state = context.state.lock().await;
    match state.reports.get(&(pupil.clone(), day)) {
        Some(ReportOutcome::Accepted) => return Ok(WriteOutcome::AlreadyDone),
        Some(ReportOutcome::Unknown) => {
            return Err(Error::upstream(
                ENDPOINT,
                None,
                "an earlier absence report may have been saved; check the absence overview in Vklass before reporting again",
            ));
        }
        None => {}
    }
    // A fresh form: a new token and the current bounds.
    let form = context.absence_form(&mut state, true).await?;
    let ward = form
        .ward(&pupil)
        .ok_or(Error::WriteRefused(WriteRefusal::NotAllowed))?;
    if ward.locked {
        return Err(Error::WriteRefused(WriteRefusal::NotAllowed));
    }
    if form.quick_option_date != Some(day) {
        return Err(Error::WriteRefused(WriteRefusal::NotOffered));
    }
    if !ward.can_report(day) {
        return Err(Error::WriteRefused(WriteRefusal::Locked));
    }
    let fields = parse::whole_day_report(&form, ward)?;
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let answer = match context
        .post_form(
            routes::ABSENCE_NOTIFY,
            &pairs,
            &[("referer", routes::ABSENCE_NOTIFY)],
        )
        .await
    {
        Ok(answer) => answer,
        Err(e @ (Error::Network { offline: false, .. } | Error::Timeout { .. })) => {
            // Sent, but no answer: it may have been saved. Never send it again blindly.
            state.reports.insert((pupil, day), ReportOutcome::Unknown);
            tracing::warn!(error = %e, "absence report outcome unknown");
            return Err(unknown_outcome());
        }
        Err(e) => return Err(e),
    };
    state.wards = None;
    match answer.status() {
        302 | 303 => {
            let back_to_form = answer.location().is_some_and(|l| {
                l.host_str() == Some(super::hosts::CUSTODIAN)
                    && l.path().eq_ignore_ascii_case("/Absence/Notify")
            });
            if !back_to_form {
                return Err(Error::SessionExpired {
                    endpoint: ENDPOINT.to_owned(),
                });
            }
            state.reports.insert((pupil, day), ReportOutcome::Accepted);
            Ok(WriteOutcome::Done)
        }
        401 | 403 => Err(Error::SessionExpired {
            endpoint: ENDPOINT.to_owned(),
        }),
        200 => {
            let page = answer.text();
            let messages = parse::validation_messages(&page);
            if messages.is_empty() && parse::parse_absence_form(&page).is_err() {
                // Neither the form with its reasons nor the form again: an error page after
                // sending. The report may have been saved.
                state.reports.insert((pupil, day), ReportOutcome::Unknown);
                return Err(unknown_outcome());
            }
            Err(Error::upstream(
                ENDPOINT,
                Some(200),
                if messages.is_empty() {
                    "Vklass rejected the absence report".to_owned()
                } else {
                    format!(
                        "Vklass rejected the absence report: {}",
                        messages.join("; ")
                    )
                },
            ))
        }
        _ => {
            answer.ensure_success()?;
            Err(Error::upstream(
                ENDPOINT,
                Some(answer.status()),
                "unexpected answer",
            ))
        }
    }
}
