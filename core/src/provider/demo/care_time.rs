//! The demo family's care times (pre-school and fritids): planned times for every open day up
//! to two weeks ahead, check-in and check-out on past days, closed planning days.

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};

use crate::model::{CareTime, Child, EntityId, EntityKind};

use super::names::Dice;
use super::school_year::{SchoolYear, at};

/// How far ahead the demo guardian has given times; later days still miss them.
pub const PLANNED_DAYS_AHEAD: i64 = 14;

/// One entry per weekday of `year` the unit is open (with the planned stay) or closed for
/// planning. The check-in/out and lock flags are set by [`as_of`].
pub fn care_times(child: &Child, year: &SchoolYear, dice: &mut Dice) -> Vec<CareTime> {
    let mut out = Vec::new();
    for d in year.dates() {
        if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            continue;
        }
        if year.is_preschool_day(d) {
            let start = (
                7 + i8::try_from(dice.below(2)).unwrap_or(0),
                [0, 15, 30, 45][dice.below(4)],
            );
            let end = (
                15 + i8::try_from(dice.below(2)).unwrap_or(0),
                [0, 15, 30, 45][dice.below(4)],
            );
            out.push(CareTime {
                start: Some(at(d, start.0, start.1)),
                end: Some(at(d, end.0, end.1)),
                ..day(child, d)
            });
        } else if let Some(off) = year.day_off(d).filter(|o| o.preschool_closed) {
            out.push(CareTime {
                closed: true,
                closed_reason: Some(off.name.clone()),
                opening_time: None,
                closing_time: None,
                ..day(child, d)
            });
        }
    }
    out
}

/// An open day's entry without times.
pub fn day(child: &Child, d: Date) -> CareTime {
    CareTime {
        id: EntityId::for_child(&child.id, EntityKind::CareTime, &d.to_string()),
        child_id: child.id.clone(),
        date: d,
        start: None,
        end: None,
        checked_in: None,
        checked_out: None,
        on_leave: false,
        locked: false,
        closed: false,
        closed_reason: None,
        opening_time: Some(Time::constant(6, 30, 0, 0)),
        closing_time: Some(Time::constant(18, 0, 0, 0)),
        comment: None,
        staff_comment: None,
        has_comments: false,
        has_unread_comments: false,
        times_missing: false,
    }
}

/// A day as it looks on `today`: today and earlier are locked, past days were checked in and
/// out at the planned times (a few minutes off), days more than [`PLANNED_DAYS_AHEAD`] ahead
/// have no times yet.
pub fn as_of(mut c: CareTime, today: Date) -> CareTime {
    let far = today
        .checked_add(PLANNED_DAYS_AHEAD.days())
        .unwrap_or(today);
    if c.date > far {
        c.start = None;
        c.end = None;
    }
    c.locked = c.date <= today;
    if c.date < today && !c.closed {
        let wobble = i64::from(c.date.day() % 7);
        c.checked_in = c
            .start
            .as_ref()
            .and_then(|z| z.checked_add(wobble.minutes()).ok());
        c.checked_out = c
            .end
            .as_ref()
            .and_then(|z| z.checked_sub(wobble.minutes()).ok());
    }
    c.times_missing = !c.locked && !c.closed && !c.on_leave && c.start.is_none();
    c
}
