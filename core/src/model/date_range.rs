//! An inclusive range of Swedish local dates.

use jiff::civil::Date;

use super::IsoWeek;

/// An inclusive range of Swedish local dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateRange {
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
}

impl DateRange {
    /// A range; the two ends are swapped if given in the wrong order.
    pub fn new(start: Date, end: Date) -> Self {
        if start <= end {
            DateRange { start, end }
        } else {
            DateRange {
                start: end,
                end: start,
            }
        }
    }

    /// The seven days of an ISO week (or the single Monday of a week that does not exist).
    pub fn of_week(week: IsoWeek) -> Self {
        let days = week.days();
        match (days.first(), days.last()) {
            (Some(first), Some(last)) => DateRange::new(*first, *last),
            _ => DateRange::new(crate::time::today(), crate::time::today()),
        }
    }

    /// True when `date` is inside.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}
