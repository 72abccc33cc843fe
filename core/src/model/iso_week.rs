//! ISO 8601 weeks, the unit Swedish schools plan in ("vecka 48").

use std::fmt;

use jiff::civil::{Date, ISOWeekDate, Weekday};
use serde::{Deserialize, Serialize};

/// An ISO week of an ISO week-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IsoWeek {
    /// ISO week-year (may differ from the calendar year around New Year).
    pub year: i16,
    /// Week number, 1–53.
    pub week: i8,
}

impl IsoWeek {
    /// The week containing `date`.
    pub fn containing(date: Date) -> Self {
        let iso = date.iso_week_date();
        IsoWeek {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// The Monday of this week, or `None` for a week that does not exist (week 53 of a 52-week
    /// year).
    pub fn monday(self) -> Option<Date> {
        ISOWeekDate::new(self.year, self.week, Weekday::Monday)
            .ok()
            .map(|d| d.date())
    }

    /// The seven dates Monday…Sunday (empty for a week that does not exist).
    pub fn days(self) -> Vec<Date> {
        let Some(monday) = self.monday() else {
            return Vec::new();
        };
        monday.series(jiff::ToSpan::days(1)).take(7).collect()
    }

    /// The following week.
    pub fn next(self) -> Self {
        match self
            .monday()
            .and_then(|m| m.checked_add(jiff::ToSpan::weeks(1)).ok())
        {
            Some(d) => IsoWeek::containing(d),
            None => self,
        }
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_around_new_year() {
        let w = IsoWeek::containing(date(2027, 1, 1));
        assert_eq!(
            w,
            IsoWeek {
                year: 2026,
                week: 53
            }
        );
        assert_eq!(w.monday(), Some(date(2026, 12, 28)));
        assert_eq!(
            w.next(),
            IsoWeek {
                year: 2027,
                week: 1
            }
        );
        assert_eq!(
            IsoWeek {
                year: 2027,
                week: 53
            }
            .monday(),
            None
        );
        assert_eq!(w.days().len(), 7);
        assert_eq!(w.to_string(), "2026-W53");
    }
}
