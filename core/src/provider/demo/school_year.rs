//! The Swedish school year the demo family lives in: terms, holidays and study days, computed
//! for any year the way Stockholm's schools plan them.

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday, date};

use crate::model::IsoWeek;
use crate::time;

/// A named span of days off (inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaysOff {
    /// "Höstlov", "Studiedag", …
    pub name: String,
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// True for a study day (fritids open, no lessons) rather than a holiday.
    pub study_day: bool,
    /// True when pre-schools are closed too (public holidays, planning days).
    pub preschool_closed: bool,
}

/// One school year, autumn term to summer.
#[derive(Debug, Clone)]
pub struct SchoolYear {
    /// The calendar year the autumn term starts in.
    pub start_year: i16,
    /// First day of the autumn term.
    pub autumn_start: Date,
    /// Last day of the autumn term.
    pub autumn_end: Date,
    /// First day of the spring term.
    pub spring_start: Date,
    /// Last day of the spring term.
    pub spring_end: Date,
    /// Holidays, public holidays and study days within the year.
    pub days_off: Vec<DaysOff>,
}

fn weekday_of_week(year: i16, week: i8, day: Weekday) -> Date {
    IsoWeek { year, week }
        .monday()
        .and_then(|m| {
            m.checked_add(i64::from(day.to_monday_zero_offset()).days())
                .ok()
        })
        .unwrap_or(date(year, 1, 1))
}

/// Easter Sunday (anonymous Gregorian algorithm).
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = ((h + l - 7 * m + 114) % 31) + 1;
    Date::new(
        year,
        i8::try_from(month).unwrap_or(4),
        i8::try_from(day).unwrap_or(1),
    )
    .unwrap_or(date(year, 4, 1))
}

fn off(name: &str, start: Date, end: Date, study_day: bool, preschool_closed: bool) -> DaysOff {
    DaysOff {
        name: name.to_owned(),
        start,
        end,
        study_day,
        preschool_closed,
    }
}

fn shift(d: Date, days: i64) -> Date {
    d.checked_add(days.days()).unwrap_or(d)
}

impl SchoolYear {
    /// The school year that starts in the autumn of `start_year`.
    pub fn starting(start_year: i16) -> SchoolYear {
        let spring_year = start_year + 1;
        // Autumn term: Thursday of week 34 to the Friday of week 51.
        let autumn_start = weekday_of_week(start_year, 34, Weekday::Thursday);
        let autumn_end = weekday_of_week(start_year, 51, Weekday::Friday);
        // Spring term: Monday of week 2 to the Thursday of week 23.
        let spring_start = weekday_of_week(spring_year, 2, Weekday::Monday);
        let spring_end = weekday_of_week(spring_year, 23, Weekday::Thursday);
        let easter = easter_sunday(spring_year);
        let ascension = shift(easter, 39);
        let mut days_off = vec![
            off(
                "Studiedag",
                weekday_of_week(start_year, 39, Weekday::Friday),
                weekday_of_week(start_year, 39, Weekday::Friday),
                true,
                false,
            ),
            off(
                "Höstlov",
                weekday_of_week(start_year, 44, Weekday::Monday),
                weekday_of_week(start_year, 44, Weekday::Friday),
                false,
                false,
            ),
            off(
                "Studiedag",
                weekday_of_week(start_year, 46, Weekday::Monday),
                weekday_of_week(start_year, 46, Weekday::Monday),
                true,
                false,
            ),
            off(
                "Jullov",
                shift(autumn_end, 3),
                shift(spring_start, -3),
                false,
                false,
            ),
            off(
                "Julafton",
                date(start_year, 12, 24),
                date(start_year, 12, 24),
                false,
                true,
            ),
            off(
                "Juldagen",
                date(start_year, 12, 25),
                date(start_year, 12, 25),
                false,
                true,
            ),
            off(
                "Annandag jul",
                date(start_year, 12, 26),
                date(start_year, 12, 26),
                false,
                true,
            ),
            off(
                "Nyårsdagen",
                date(spring_year, 1, 1),
                date(spring_year, 1, 1),
                false,
                true,
            ),
            off(
                "Trettondedag jul",
                date(spring_year, 1, 6),
                date(spring_year, 1, 6),
                false,
                true,
            ),
            off(
                "Sportlov",
                weekday_of_week(spring_year, 8, Weekday::Monday),
                weekday_of_week(spring_year, 8, Weekday::Friday),
                false,
                false,
            ),
            off(
                "Studiedag",
                weekday_of_week(spring_year, 11, Weekday::Friday),
                weekday_of_week(spring_year, 11, Weekday::Friday),
                true,
                false,
            ),
            // Stockholm's påsklov: the week of Good Friday.
            off(
                "Påsklov",
                shift(easter, -6),
                shift(easter, -2),
                false,
                false,
            ),
            off(
                "Långfredagen",
                shift(easter, -2),
                shift(easter, -2),
                false,
                true,
            ),
            off(
                "Annandag påsk",
                shift(easter, 1),
                shift(easter, 1),
                false,
                true,
            ),
            off(
                "Första maj",
                date(spring_year, 5, 1),
                date(spring_year, 5, 1),
                false,
                true,
            ),
            off("Kristi himmelsfärds dag", ascension, ascension, false, true),
            off(
                "Lovdag",
                shift(ascension, 1),
                shift(ascension, 1),
                false,
                false,
            ),
            off(
                "Studiedag",
                weekday_of_week(spring_year, 20, Weekday::Monday),
                weekday_of_week(spring_year, 20, Weekday::Monday),
                true,
                false,
            ),
            off(
                "Nationaldagen",
                date(spring_year, 6, 6),
                date(spring_year, 6, 6),
                false,
                true,
            ),
            off(
                "Planeringsdag – förskolan stängd",
                weekday_of_week(start_year, 43, Weekday::Friday),
                weekday_of_week(start_year, 43, Weekday::Friday),
                false,
                true,
            ),
        ];
        days_off.retain(|d| {
            d.start.weekday() != Weekday::Saturday && d.start.weekday() != Weekday::Sunday
                || d.start != d.end
        });
        SchoolYear {
            start_year,
            autumn_start,
            autumn_end,
            spring_start,
            spring_end,
            days_off,
        }
    }

    /// The school year that contains `d` (a summer date belongs to the year that starts that
    /// autumn).
    pub fn containing(d: Date) -> SchoolYear {
        let start_year = if d.month() >= 7 {
            d.year()
        } else {
            d.year() - 1
        };
        SchoolYear::starting(start_year)
    }

    /// True when `d` is within a term (weekends included).
    pub fn in_term(&self, d: Date) -> bool {
        (self.autumn_start <= d && d <= self.autumn_end)
            || (self.spring_start <= d && d <= self.spring_end)
    }

    /// The day off that covers `d`, if any.
    pub fn day_off(&self, d: Date) -> Option<&DaysOff> {
        self.days_off.iter().find(|o| o.start <= d && d <= o.end)
    }

    /// True when pupils have lessons on `d`.
    pub fn is_school_day(&self, d: Date) -> bool {
        let weekday = d.weekday();
        weekday != Weekday::Saturday
            && weekday != Weekday::Sunday
            && self.in_term(d)
            && self.day_off(d).is_none()
    }

    /// True when pre-school is open on `d` (weekdays all year except public holidays, planning
    /// days and four summer weeks).
    pub fn is_preschool_day(&self, d: Date) -> bool {
        let weekday = d.weekday();
        if weekday == Weekday::Saturday || weekday == Weekday::Sunday {
            return false;
        }
        let summer_closed = d.month() == 7;
        !summer_closed
            && !self
                .days_off
                .iter()
                .any(|o| o.preschool_closed && o.start <= d && d <= o.end)
    }

    /// First and last day this year's demo data covers (1 August to 31 July).
    pub fn span(&self) -> (Date, Date) {
        (
            date(self.start_year, 8, 1),
            date(self.start_year + 1, 7, 31),
        )
    }

    /// Every date of [`SchoolYear::span`].
    pub fn dates(&self) -> impl Iterator<Item = Date> {
        let (first, last) = self.span();
        first.series(1.day()).take_while(move |d| *d <= last)
    }
}

/// `h:m` on `date`, Stockholm time.
pub(super) fn at(date: Date, h: i8, m: i8) -> jiff::ZonedDateTime {
    time::local(date.to_datetime(Time::new(h, m, 0, 0).unwrap_or(Time::midnight())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates() {
        assert_eq!(easter_sunday(2026), date(2026, 4, 5));
        assert_eq!(easter_sunday(2027), date(2027, 3, 28));
        assert_eq!(easter_sunday(2024), date(2024, 3, 31));
    }

    #[test]
    fn school_year_2026() {
        let y = SchoolYear::starting(2026);
        assert_eq!(y.autumn_start, date(2026, 8, 20));
        assert_eq!(y.autumn_end, date(2026, 12, 18));
        assert_eq!(y.spring_start, date(2027, 1, 11));
        assert_eq!(
            y.day_off(date(2026, 10, 28)).map(|o| o.name.as_str()),
            Some("Höstlov")
        );
        assert_eq!(
            y.day_off(date(2027, 2, 24)).map(|o| o.name.as_str()),
            Some("Sportlov")
        );
        assert_eq!(
            y.day_off(date(2027, 3, 24)).map(|o| o.name.as_str()),
            Some("Påsklov")
        );
        assert!(y.day_off(date(2026, 12, 28)).is_some());
        assert!(y.is_school_day(date(2026, 11, 25)));
        assert!(!y.is_school_day(date(2026, 11, 28)));
        assert!(y.is_preschool_day(date(2026, 10, 28)));
        assert!(!y.is_preschool_day(date(2026, 12, 24)));
        assert_eq!(SchoolYear::containing(date(2027, 3, 1)).start_year, 2026);
    }
}
