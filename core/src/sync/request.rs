//! What a refresh asks for: which weeks and kinds, and whether fresh data is fetched again.

use jiff::civil::Date;

use crate::cache::ResourceKind;
use crate::model::{DateRange, IsoWeek};

/// What to refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRequest {
    /// Weeks for the per-week kinds (calendar, menu, timetable).
    pub weeks: Vec<IsoWeek>,
    /// Kinds to refresh (the children list is always refreshed first when stale). Kinds the
    /// provider does not offer are left out.
    pub kinds: Vec<ResourceKind>,
    /// Ignore freshness and fetch everything.
    pub force: bool,
}

impl RefreshRequest {
    /// What the week view of `date` shows: news, notifications, and the week's calendar, menu
    /// and timetable.
    pub fn week_view(date: Date) -> Self {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: vec![
                ResourceKind::News,
                ResourceKind::Notifications,
                ResourceKind::Calendar,
                ResourceKind::Menu,
                ResourceKind::Timetable,
            ],
            force: false,
        }
    }

    /// What the home cards of `date` show: the week view plus the care times, attendance and
    /// absence offers.
    pub fn home(date: Date) -> Self {
        let mut request = RefreshRequest::week_view(date);
        request.kinds.extend([
            ResourceKind::CareTimes,
            ResourceKind::Attendance,
            ResourceKind::AbsenceOptions,
        ]);
        request
    }

    /// The calendars of every ISO week that `range` touches (the year wheel's data), at most 61
    /// weeks from its start.
    pub fn calendar_weeks(range: crate::model::DateRange) -> Self {
        let mut weeks = vec![IsoWeek::containing(range.start)];
        let last = IsoWeek::containing(range.end);
        while let Some(&w) = weeks.last() {
            if w >= last || weeks.len() > 60 {
                break;
            }
            weeks.push(w.next());
        }
        RefreshRequest {
            weeks,
            kinds: vec![ResourceKind::Calendar],
            force: false,
        }
    }

    /// Every kind, for the week of `date`.
    pub fn everything(date: Date) -> Self {
        RefreshRequest {
            weeks: vec![IsoWeek::containing(date)],
            kinds: ResourceKind::ALL.to_vec(),
            force: false,
        }
    }

    /// What a calendar export of `range` needs (the calendar and the timetable of every ISO
    /// week that touches it, a whole term in one request), or `None` when the range spans more
    /// than [`RefreshRequest::MAX_WEEKS`] weeks.
    pub fn range(range: DateRange) -> Option<Self> {
        let last = IsoWeek::containing(range.end);
        let mut week = IsoWeek::containing(range.start);
        let mut weeks = vec![week];
        while week != last {
            if weeks.len() >= Self::MAX_WEEKS {
                return None;
            }
            week = week.next();
            weeks.push(week);
        }
        Some(RefreshRequest {
            weeks,
            kinds: vec![ResourceKind::Calendar, ResourceKind::Timetable],
            force: false,
        })
    }

    /// The most weeks one range refresh covers (a school year and a little more).
    pub const MAX_WEEKS: usize = 60;
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_range_covers_every_week_it_touches() {
        let r =
            RefreshRequest::range(DateRange::new(date(2026, 12, 30), date(2027, 1, 11))).unwrap();
        let weeks: Vec<IsoWeek> = r.weeks;
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[0], IsoWeek::containing(date(2026, 12, 30)));
        assert_eq!(weeks[2], IsoWeek::containing(date(2027, 1, 11)));
        assert!(
            RefreshRequest::range(DateRange::new(date(2026, 1, 1), date(2028, 1, 1))).is_none()
        );
    }
}
