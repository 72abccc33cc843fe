//! The fritids / pre-school care-time app: `TimeRegistration/GetTimeRegistrations/` (a week of
//! planned times with edit flags) and `TimeRegistration/GetComments/` (one day's comments and the
//! actual check-in / check-out).

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Availability;
use super::util::{self, de_bool, de_text};
use crate::error::{Error, Result};
use crate::model::{CareTime, CareTimeEditAction, EntityId, EntityKind};

const LIST: &str = "GetTimeRegistrations";
const COMMENTS: &str = "GetComments";

/// A week of care times.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareSchedule {
    /// First day of the period upstream answered for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Date>,
    /// Last day of the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Date>,
    /// One entry per day, in date order.
    pub days: Vec<CareTime>,
    /// One edit offer per day, with upstream's flags.
    pub actions: Vec<CareTimeEditAction>,
}

/// One day's comments and actual times (`GetComments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareTimeComments {
    /// The day.
    pub date: Date,
    /// The guardian's comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guardian_comment: Option<String>,
    /// Who wrote the guardian comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guardian_name: Option<String>,
    /// The staff's comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_comment: Option<String>,
    /// Who wrote the staff comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff_name: Option<String>,
    /// Actual check-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_in: Option<ZonedDateTime>,
    /// Actual check-out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_out: Option<ZonedDateTime>,
    /// Who checked the child in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_in_by: Option<String>,
    /// Who checked the child out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked_out_by: Option<String>,
    /// The guardian may edit the comment.
    pub can_edit_comment: bool,
    /// The school locked the times.
    pub times_locked_by_school: bool,
    /// The id to save the guardian comment under (`parentCommentId`; 0 or none = new).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment_id: Option<String>,
}

impl CareTimeComments {
    /// Copies the comments and actual times into the day they belong to (same date only).
    pub fn apply_to(&self, day: &mut CareTime) {
        if day.date != self.date {
            return;
        }
        day.comment = self.guardian_comment.clone().or(day.comment.take());
        day.staff_comment = self.staff_comment.clone().or(day.staff_comment.take());
        day.checked_in = self.checked_in.clone().or(day.checked_in.take());
        day.checked_out = self.checked_out.clone().or(day.checked_out.take());
        if self.times_locked_by_school {
            day.locked = true;
            day.times_missing = false;
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawWeek {
    #[serde(default, deserialize_with = "de_text")]
    start_date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end_date: Option<String>,
    #[serde(default)]
    days: Option<Vec<Value>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawDay {
    #[serde(default, deserialize_with = "de_text")]
    time_registration_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    start_date_time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    end_date_time: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    on_leave: bool,
    #[serde(default, deserialize_with = "de_bool")]
    is_locked: bool,
    #[serde(default, deserialize_with = "de_bool")]
    is_school_closed: bool,
    #[serde(default, deserialize_with = "de_text")]
    school_closed_reason: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    can_edit: bool,
    #[serde(default, deserialize_with = "de_bool")]
    has_comments: bool,
    #[serde(default, deserialize_with = "de_bool")]
    has_unread_comments: bool,
    #[serde(default, deserialize_with = "de_bool")]
    can_edit_comment: bool,
    #[serde(default, deserialize_with = "de_text")]
    school_opening_time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    school_closing_time: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    comment: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawComments {
    #[serde(default, deserialize_with = "de_text")]
    date: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    teacher_comment: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    teacher_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    user_comment: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    user_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    checked_in: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    checked_out: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    times_locked_by_school: bool,
    #[serde(default, deserialize_with = "de_text")]
    parent_comment_id: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    check_in_user_display_name: Option<String>,
    #[serde(default, deserialize_with = "de_text")]
    check_out_user_display_name: Option<String>,
    #[serde(default, deserialize_with = "de_bool")]
    can_edit_comment: bool,
}

/// Parses `GetTimeRegistrations/`.
pub fn parse_time_registrations(
    body: &str,
    child: &EntityId,
) -> Result<Availability<CareSchedule>> {
    let Availability::Available(raw) = util::json_object::<RawWeek>(LIST, body)? else {
        return Ok(Availability::NotAvailable);
    };
    let Some(days) = raw.days else {
        return Err(Error::parse(LIST, "no days in the answer"));
    };
    let mut out = CareSchedule {
        start: raw.start_date.as_deref().and_then(util::local_date),
        end: raw.end_date.as_deref().and_then(util::local_date),
        ..Default::default()
    };
    for day in util::decode_items::<RawDay>(LIST, days) {
        let Some(date) = day.date.as_deref().and_then(util::local_date) else {
            tracing::warn!(endpoint = LIST, "skipped a day without a readable date");
            continue;
        };
        let start = day
            .start_date_time
            .as_deref()
            .and_then(util::local_datetime);
        let end = day.end_date_time.as_deref().and_then(util::local_datetime);
        let times_missing = day.can_edit
            && !day.is_locked
            && !day.is_school_closed
            && !day.on_leave
            && (start.is_none() || end.is_none());
        let key = date.to_string();
        out.days.push(CareTime {
            id: EntityId::for_child(child, EntityKind::CareTime, &key),
            child_id: child.clone(),
            date,
            start,
            end,
            checked_in: None,
            checked_out: None,
            on_leave: day.on_leave,
            locked: day.is_locked,
            closed: day.is_school_closed,
            closed_reason: day.school_closed_reason.filter(|_| day.is_school_closed),
            opening_time: day
                .school_opening_time
                .as_deref()
                .and_then(util::clock_time),
            closing_time: day
                .school_closing_time
                .as_deref()
                .and_then(util::clock_time),
            comment: day.comment,
            staff_comment: None,
            has_comments: day.has_comments,
            has_unread_comments: day.has_unread_comments,
            times_missing,
        });
        if let Some(registration_id) = day.time_registration_id {
            out.actions.push(CareTimeEditAction {
                id: EntityId::for_child(child, EntityKind::CareTimeEditAction, &key),
                child_id: child.clone(),
                date,
                registration_id,
                can_edit: day.can_edit,
                can_edit_comment: day.can_edit_comment,
                locked: day.is_locked,
                closed: day.is_school_closed,
            });
        }
    }
    out.days.sort_by_key(|d| d.date);
    out.actions.sort_by_key(|a| a.date);
    Ok(Availability::Available(out))
}

/// The raw JSON object of the day `date` in a `GetTimeRegistrations/` answer, as the save call
/// wants it back (`None` when the week does not contain that day).
pub fn raw_day(body: &str, date: Date) -> Result<Availability<Option<Value>>> {
    let Availability::Available(raw) = util::json_object::<RawWeek>(LIST, body)? else {
        return Ok(Availability::NotAvailable);
    };
    let days = raw
        .days
        .ok_or_else(|| Error::parse(LIST, "no days in the answer"))?;
    Ok(Availability::Available(days.into_iter().find(|d| {
        d.get("date")
            .and_then(Value::as_str)
            .and_then(util::local_date)
            == Some(date)
    })))
}

/// Parses `GetComments/`. `checkedIn` / `checkedOut` are clock times (`08:02`) on the answer's
/// `date`.
pub fn parse_comments(body: &str) -> Result<Availability<CareTimeComments>> {
    let Availability::Available(raw) = util::json_object::<RawComments>(COMMENTS, body)? else {
        return Ok(Availability::NotAvailable);
    };
    let date = raw
        .date
        .as_deref()
        .and_then(util::local_date)
        .ok_or_else(|| Error::parse(COMMENTS, "no readable date"))?;
    let clock = |s: Option<&str>| -> Option<ZonedDateTime> {
        let s = s?;
        if s.len() > 8 {
            // A full date-time.
            return util::local_datetime(s);
        }
        util::clock_time(s).map(|t| util::at(date, t))
    };
    Ok(Availability::Available(CareTimeComments {
        date,
        guardian_comment: raw.user_comment,
        guardian_name: raw.user_name,
        staff_comment: raw.teacher_comment,
        staff_name: raw.teacher_name,
        checked_in: clock(raw.checked_in.as_deref()),
        checked_out: clock(raw.checked_out.as_deref()),
        checked_in_by: raw.check_in_user_display_name,
        checked_out_by: raw.check_out_user_display_name,
        can_edit_comment: raw.can_edit_comment,
        times_locked_by_school: raw.times_locked_by_school,
        comment_id: raw.parent_comment_id.filter(|id| id != "0"),
    }))
}
