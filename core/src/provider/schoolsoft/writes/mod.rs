//! The absence report (whole school day) through the JSP surface: the week's form is read
//! fresh (focus checked) to plan, the AJAX call `right_student_absence_ajax.jsp` writes, and
//! the form is read again to verify. A day already in the wanted state sends nothing, so a
//! retry after a success never reports twice; an unclear failure is never retried here.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use super::SchoolSoftChildRef;
use super::context::{Context, SessionState};
use super::parse::{self, AbsenceForm};
use crate::error::{Error, Result, WriteRefusal};
use crate::http::HttpRequest;
use crate::model::{AbsenceReportAction, Child, EntityId, EntityKind, IsoWeek};
use crate::provider::WriteOutcome;

/// The form index of a weekday (Monday 0 … Friday 4); `None` on weekends.
fn day_index(day: Date) -> Option<u8> {
    match day.weekday() {
        Weekday::Monday => Some(0),
        Weekday::Tuesday => Some(1),
        Weekday::Wednesday => Some(2),
        Weekday::Thursday => Some(3),
        Weekday::Friday => Some(4),
        _ => None,
    }
}

/// Reads the absence form of `week` for `child` (focus switched and checked).
pub(crate) async fn read_form(
    context: &Context,
    session: &mut SessionState,
    child: &Child,
    week: IsoWeek,
) -> Result<AbsenceForm> {
    context.focus(session, child).await?;
    let tenant = context.tenant()?;
    let html = context
        .jsp_get("right_student_absence.jsp", &tenant.absence_form(week.week))
        .await?;
    parse::parse_absence_form(&html)
}

/// The offers of one week's form, for the days from `today` on.
pub(crate) fn actions_of(
    form: &AbsenceForm,
    week: IsoWeek,
    child: &Child,
    today: Date,
) -> Vec<AbsenceReportAction> {
    let Some(monday) = week.monday() else {
        return Vec::new();
    };
    form.days
        .iter()
        .filter_map(|d| {
            let day = monday.checked_add(i64::from(d.index).days()).ok()?;
            (day >= today).then(|| AbsenceReportAction {
                id: EntityId::for_child(
                    &child.id,
                    EntityKind::AbsenceReportAction,
                    &day.to_string(),
                ),
                child_id: child.id.clone(),
                day,
                allowed: true,
                locked: d.locked,
                already_reported: d.reported,
                comment: None,
                can_mark_care_time: false,
            })
        })
        .collect()
}

/// Reports `child` absent for the whole of `day` (`absent: false` withdraws).
pub(crate) async fn report_absence(
    context: &Context,
    child: &Child,
    day: Date,
    absent: bool,
) -> Result<WriteOutcome> {
    let index = day_index(day).ok_or(Error::WriteRefused(WriteRefusal::NotOffered))?;
    let student = child
        .refs
        .get::<SchoolSoftChildRef>()
        .ok_or_else(|| Error::InvalidInput("the child is not a SchoolSoft pupil".to_owned()))?;
    let week = IsoWeek::containing(day);
    let mut session = context.session.lock().await;
    let form = read_form(context, &mut session, child, week).await?;
    let planned = form
        .days
        .iter()
        .find(|d| d.index == index)
        .ok_or(Error::WriteRefused(WriteRefusal::NotOffered))?;
    if planned.reported == absent {
        return Ok(WriteOutcome::AlreadyDone);
    }
    if planned.locked {
        return Err(Error::WriteRefused(WriteRefusal::Locked));
    }
    let tenant = context.tenant()?;
    let week_text = week.week.to_string();
    let day_text = index.to_string();
    let request = HttpRequest::post("right_student_absence_ajax.jsp", &tenant.absence_ajax())?
        .form(&[
            ("week", week_text.as_str()),
            ("student", student.student_id.as_str()),
            ("day", day_text.as_str()),
            ("type", "ls"),
            ("absence", if absent { "1" } else { "0" }),
        ]);
    let response = context.web(request).await?;
    let answer = parse::parse_ajax_answer(&parse::decode_jsp(response.body()))?;
    let after = read_form(context, &mut session, child, week).await?;
    let now = after.days.iter().find(|d| d.index == index);
    match now {
        Some(d) if d.reported == absent && answer.is_old() => Ok(WriteOutcome::AlreadyDone),
        Some(d) if d.reported == absent => Ok(WriteOutcome::Done),
        _ if answer.is_old() => Err(Error::WriteRefused(WriteRefusal::Locked)),
        _ => Err(Error::upstream(
            "right_student_absence_ajax.jsp",
            Some(response.status()),
            "the absence report did not take effect",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_map_to_form_columns() {
        assert_eq!(day_index(date(2026, 8, 31)), Some(0));
        assert_eq!(day_index(date(2026, 9, 4)), Some(4));
        assert_eq!(day_index(date(2026, 9, 5)), None);
    }
}
