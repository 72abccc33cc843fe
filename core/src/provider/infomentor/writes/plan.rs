//! The two write actions, planned from a fresh read: report (or withdraw) a day's absence, and
//! save a day's care times or comment.
//!
//! A plan is made only from data read just before the write, so the permission flags are
//! current; a write whose effect is already in place is not sent again (idempotency: retrying a
//! write after a lost answer does nothing twice).

use jiff::civil::{Date, Time};
use serde_json::{Value, json};

use crate::error::{Error, Result, WriteRefusal};
use crate::provider::infomentor::parse::{AttendanceOverview, CareSchedule};
use crate::provider::infomentor::routes::WriteBody;

/// What to do for a write.
#[derive(Debug, Clone, PartialEq)]
pub enum WritePlan {
    /// The wanted state is already upstream: send nothing.
    AlreadyDone,
    /// Send this body (JSON for absence and care times, form pairs for a comment).
    Send(WriteBody),
}

fn refused(reason: WriteRefusal) -> Error {
    Error::WriteRefused(reason)
}

/// Plans `registerAttendance` for `day` (`absent` = report absent, `false` = withdraw).
///
/// Refuses ([`Error::WriteRefused`]) with [`WriteRefusal::NotOffered`] when the day is not today
/// or tomorrow, [`WriteRefusal::NotAllowed`] when upstream does not let guardians report for
/// the child, and [`WriteRefusal::Locked`] when the day is locked.
pub fn plan_absence_report(
    fresh: &AttendanceOverview,
    day: Date,
    absent: bool,
    mark_care_time: bool,
) -> Result<WritePlan> {
    let Some(action) = fresh.actions.iter().find(|a| a.day == day) else {
        return Err(refused(WriteRefusal::NotOffered));
    };
    let label = if Some(day) == fresh.today {
        "today"
    } else if Some(day) == fresh.tomorrow {
        "tomorrow"
    } else {
        return Err(refused(WriteRefusal::NotOffered));
    };
    if !action.allowed {
        return Err(refused(WriteRefusal::NotAllowed));
    }
    if action.already_reported == absent {
        return Ok(WritePlan::AlreadyDone);
    }
    if action.locked {
        return Err(refused(WriteRefusal::Locked));
    }
    Ok(WritePlan::Send(WriteBody::Json(json!({
        "present": !absent,
        "day": label,
        "RegType": "day",
        "canAddSicknessToTimeRegistration": mark_care_time && action.can_mark_care_time,
    }))))
}

/// Plans `SaveTimeRegistrations/` for one day: `times` = `(start, end)` of the planned stay.
/// `raw_day` is the day object exactly as `GetTimeRegistrations/` sent it.
pub fn plan_care_times(
    fresh: &CareSchedule,
    raw_day: &Value,
    date: Date,
    start: Time,
    end: Time,
) -> Result<WritePlan> {
    crate::model::check_care_times(start, end)?;
    let Some(action) = fresh.actions.iter().find(|a| a.date == date) else {
        return Err(refused(WriteRefusal::NotOffered));
    };
    let Some(day) = fresh.days.iter().find(|d| d.date == date) else {
        return Err(refused(WriteRefusal::NotOffered));
    };
    let same = |z: &Option<jiff::ZonedDateTime>, t: Time| {
        z.as_ref()
            .map(|z| crate::time::in_stockholm(z).time() == t)
            .unwrap_or(false)
    };
    if same(&day.start, start) && same(&day.end, end) && !day.on_leave {
        return Ok(WritePlan::AlreadyDone);
    }
    if !action.can_edit_times() {
        return Err(refused(if action.locked {
            WriteRefusal::Locked
        } else if action.closed {
            WriteRefusal::Closed
        } else {
            WriteRefusal::NotAllowed
        }));
    }
    let Value::Object(mut object) = raw_day.clone() else {
        return Err(Error::parse(
            "GetTimeRegistrations",
            "the day is not a JSON object",
        ));
    };
    let at = |t: Time| format!("{date}T{}", t.strftime("%H:%M:00"));
    object.insert("startDateTime".to_owned(), json!(at(start)));
    object.insert("endDateTime".to_owned(), json!(at(end)));
    object.insert("onLeave".to_owned(), json!(false));
    object.insert("registrationType".to_owned(), json!("TimeReg"));
    let comment = day.comment.clone().unwrap_or_default();
    object.insert("commentText".to_owned(), json!(comment));
    object.insert("isCommentUpdated".to_owned(), json!(false));
    if !object.contains_key("commentId") {
        object.insert("commentId".to_owned(), json!(0));
    }
    Ok(WritePlan::Send(WriteBody::Json(json!({
        "days": [Value::Object(object)],
        "series": Value::Null,
    }))))
}

/// Plans `SaveComment/` for one day's guardian comment. `comment_id` is the current
/// `parentCommentId` (none for a new comment).
pub fn plan_care_comment(
    fresh: &CareSchedule,
    date: Date,
    current_comment: Option<&str>,
    comment_id: Option<&str>,
    text: &str,
) -> Result<WritePlan> {
    let Some(action) = fresh.actions.iter().find(|a| a.date == date) else {
        return Err(refused(WriteRefusal::NotOffered));
    };
    if current_comment.map(str::trim) == Some(text.trim()) {
        return Ok(WritePlan::AlreadyDone);
    }
    if !action.can_comment() {
        return Err(refused(WriteRefusal::NotAllowed));
    }
    Ok(WritePlan::Send(WriteBody::Form(vec![
        ("commentId".to_owned(), comment_id.unwrap_or("0").to_owned()),
        ("commentText".to_owned(), text.to_owned()),
        (
            "timeRegistrationId".to_owned(),
            action.registration_id.clone(),
        ),
    ])))
}

/// Reads a save answer `{ success: bool, notifications: [...] }`.
pub fn check_save_answer(endpoint: &str, body: &str) -> Result<()> {
    let text = body.trim();
    if text.is_empty() {
        return Err(Error::SessionExpired {
            endpoint: endpoint.to_owned(),
        });
    }
    let value: Value =
        serde_json::from_str(text).map_err(|_| Error::parse(endpoint, "the answer is not JSON"))?;
    match value.get("success").and_then(Value::as_bool) {
        Some(true) => Ok(()),
        Some(false) => Err(Error::upstream(endpoint, None, "the save was refused")),
        None if value.as_bool() == Some(true) => Ok(()),
        None => Err(Error::parse(endpoint, "no success flag in the answer")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, EntityId, EntityKind, Platform};
    use crate::provider::infomentor::parse::{
        self, Availability, parse_attendance_app_data, parse_time_registrations,
    };
    use jiff::civil::{date, time};

    const ATTENDANCE: &str =
        include_str!("../../../../tests/fixtures/infomentor/attendance-appData.json");
    const WEEK: &str = include_str!(
        "../../../../tests/fixtures/infomentor/timeregistration-GetTimeRegistrations.json"
    );

    fn child() -> EntityId {
        EntityId::new(
            Platform::InfoMentor,
            &AccountId::from_raw("a"),
            EntityKind::Child,
            "1001",
        )
    }

    fn avail<T>(a: Availability<T>) -> T {
        match a {
            Availability::Available(v) => v,
            Availability::NotAvailable => panic!("not available"),
        }
    }

    #[test]
    fn absence_reports() {
        let fresh = avail(parse_attendance_app_data(ATTENDANCE, &child()).unwrap());
        let plan = plan_absence_report(&fresh, date(2026, 9, 9), true, true).unwrap();
        assert_eq!(
            plan,
            WritePlan::Send(WriteBody::Json(json!({
                "present": false, "day": "tomorrow", "RegType": "day",
                "canAddSicknessToTimeRegistration": true
            })))
        );
        // Today is already reported: reporting again does nothing; withdrawing is locked.
        assert_eq!(
            plan_absence_report(&fresh, date(2026, 9, 8), true, false).unwrap(),
            WritePlan::AlreadyDone
        );
        assert!(matches!(
            plan_absence_report(&fresh, date(2026, 9, 8), false, false),
            Err(Error::WriteRefused(WriteRefusal::Locked))
        ));
        assert!(matches!(
            plan_absence_report(&fresh, date(2026, 9, 10), true, false),
            Err(Error::WriteRefused(WriteRefusal::NotOffered))
        ));
        let mut not_allowed = fresh.clone();
        for a in &mut not_allowed.actions {
            a.allowed = false;
        }
        assert!(matches!(
            plan_absence_report(&not_allowed, date(2026, 9, 9), true, false),
            Err(Error::WriteRefused(WriteRefusal::NotAllowed))
        ));
    }

    #[test]
    fn care_times_and_comments() {
        let fresh = avail(parse_time_registrations(WEEK, &child()).unwrap());
        let tue = date(2026, 9, 8);
        let raw = avail(parse::raw_care_day(WEEK, tue).unwrap()).unwrap();
        let WritePlan::Send(WriteBody::Json(body)) =
            plan_care_times(&fresh, &raw, tue, time(7, 45, 0, 0), time(16, 0, 0, 0)).unwrap()
        else {
            panic!("expected a JSON body");
        };
        let day = &body["days"][0];
        assert_eq!(day["startDateTime"], "2026-09-08T07:45:00");
        assert_eq!(day["endDateTime"], "2026-09-08T16:00:00");
        assert_eq!(day["timeRegistrationId"], 7001002);
        assert_eq!(day["registrationType"], "TimeReg");
        assert!(body["series"].is_null());
        // Monday is locked; but asking for the times it already has is a no-op.
        let mon = date(2026, 9, 7);
        let raw_mon = avail(parse::raw_care_day(WEEK, mon).unwrap()).unwrap();
        assert_eq!(
            plan_care_times(&fresh, &raw_mon, mon, time(8, 0, 0, 0), time(16, 30, 0, 0)).unwrap(),
            WritePlan::AlreadyDone
        );
        assert!(matches!(
            plan_care_times(&fresh, &raw_mon, mon, time(9, 0, 0, 0), time(16, 30, 0, 0)),
            Err(Error::WriteRefused(WriteRefusal::Locked))
        ));
        assert!(matches!(
            plan_care_times(&fresh, &raw, tue, time(16, 0, 0, 0), time(8, 0, 0, 0)),
            Err(Error::InvalidInput(_))
        ));
        // Comments.
        let plan = plan_care_comment(&fresh, mon, None, Some("8001001"), "Hämtas 15").unwrap();
        assert_eq!(
            plan,
            WritePlan::Send(WriteBody::Form(vec![
                ("commentId".to_owned(), "8001001".to_owned()),
                ("commentText".to_owned(), "Hämtas 15".to_owned()),
                ("timeRegistrationId".to_owned(), "7001001".to_owned()),
            ]))
        );
        assert_eq!(
            plan_care_comment(&fresh, mon, Some("Hämtas 15"), None, "Hämtas 15 ").unwrap(),
            WritePlan::AlreadyDone
        );
        assert!(matches!(
            plan_care_comment(&fresh, date(2026, 9, 9), None, None, "x"),
            Err(Error::WriteRefused(WriteRefusal::NotAllowed))
        ));
        assert!(check_save_answer("x", r#"{"success":true,"notifications":[]}"#).is_ok());
        assert!(matches!(
            check_save_answer("x", r#"{"success":false}"#),
            Err(Error::Upstream { .. })
        ));
        assert!(matches!(
            check_save_answer("x", ""),
            Err(Error::SessionExpired { .. })
        ));
    }
}
