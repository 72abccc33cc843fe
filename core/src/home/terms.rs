//! The terms of a Swedish school year, derived from the calendar where it says, estimated
//! where it does not.
//!
//! Each boundary is found in this order (and [`DateSource`] says which rule gave it):
//! 1. An event classified as [`WheelKind::TermStart`] / [`WheelKind::TermEnd`] in the
//!    boundary's window (below): the earliest start, the latest end.
//! 2. The edge of a holiday that borders the term: the autumn term ends on the last weekday
//!    before a holiday starting in December ("Jullov"); the spring term starts on the first
//!    weekday after a holiday ending in January; the autumn term starts on the first weekday
//!    after a holiday ending in August ("Sommarlov"); the spring term ends on the last weekday
//!    before a holiday starting in June.
//! 3. An estimate: autumn 20 August to 20 December, spring 8 January to 12 June, each moved off
//!    a weekend (a start to the Monday after, an end to the Friday before).
//!
//! Windows (guesses from how Swedish municipalities plan the year: autumn term mid/late August
//! to about 20 December, spring term early January to about mid June): autumn start 1 August –
//! 15 September, autumn end 1–31 December, spring start 1–31 January, spring end 15 May –
//! 30 June. The school year runs 1 August to 31 July ([`school_year_range`]); a guess, as
//! municipalities do not publish one rule.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday, date};
use serde::Serialize;

use super::classify::WheelKind;
use crate::model::DateRange;

/// Autumn or spring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// Höstterminen (August to December).
    Autumn,
    /// Vårterminen (January to June).
    Spring,
}

/// Where a term boundary came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A term start or end event in the calendar.
    Calendar,
    /// The edge of a holiday in the calendar.
    HolidayEdge,
    /// No calendar data: the usual date (see the module documentation).
    Estimated,
}

/// One term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Term {
    /// Autumn or spring.
    pub kind: TermKind,
    /// The calendar year the school year starts in (its autumn).
    pub school_year: i16,
    /// First day.
    pub start: Date,
    /// Last day (inclusive).
    pub end: Date,
    /// Where the start came from.
    pub start_source: DateSource,
    /// Where the end came from.
    pub end_source: DateSource,
}

/// A classified calendar span, what term derivation reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Its kind.
    pub kind: WheelKind,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

/// 1 August of `start_year` to 31 July of the next year.
pub fn school_year_range(start_year: i16) -> DateRange {
    DateRange::new(date(start_year, 8, 1), date(start_year + 1, 7, 31))
}

/// The school year (its autumn's calendar year) containing `d`: from August on, the one that
/// starts that year.
pub fn school_year_of(d: Date) -> i16 {
    if d.month() >= 8 {
        d.year()
    } else {
        d.year() - 1
    }
}

fn weekday_on_or_after(d: Date) -> Date {
    match d.weekday() {
        Weekday::Saturday => d.checked_add(2.days()).unwrap_or(d),
        Weekday::Sunday => d.checked_add(1.day()).unwrap_or(d),
        _ => d,
    }
}

fn weekday_on_or_before(d: Date) -> Date {
    match d.weekday() {
        Weekday::Saturday => d.checked_sub(1.day()).unwrap_or(d),
        Weekday::Sunday => d.checked_sub(2.days()).unwrap_or(d),
        _ => d,
    }
}

fn within(d: Date, from: Date, to: Date) -> bool {
    from <= d && d <= to
}

struct Boundary {
    window: (Date, Date),
    estimate: Date,
}

fn start_of(markers: &[Marker], b: &Boundary) -> (Date, DateSource) {
    let (from, to) = b.window;
    if let Some(d) = markers
        .iter()
        .filter(|m| m.kind == WheelKind::TermStart && within(m.start, from, to))
        .map(|m| m.start)
        .min()
    {
        return (d, DateSource::Calendar);
    }
    if let Some(d) = markers
        .iter()
        .filter(|m| m.kind == WheelKind::Holiday && within(m.end, from, to))
        .map(|m| m.end)
        .max()
        .and_then(|end| end.tomorrow().ok())
    {
        return (weekday_on_or_after(d), DateSource::HolidayEdge);
    }
    (weekday_on_or_after(b.estimate), DateSource::Estimated)
}

fn end_of(markers: &[Marker], b: &Boundary) -> (Date, DateSource) {
    let (from, to) = b.window;
    if let Some(d) = markers
        .iter()
        .filter(|m| m.kind == WheelKind::TermEnd && within(m.start, from, to))
        .map(|m| m.start)
        .max()
    {
        return (d, DateSource::Calendar);
    }
    // A holiday of several days (not a single public holiday such as Nationaldagen).
    if let Some(d) = markers
        .iter()
        .filter(|m| m.kind == WheelKind::Holiday && m.end > m.start && within(m.start, from, to))
        .map(|m| m.start)
        .min()
        .and_then(|start| start.yesterday().ok())
    {
        return (weekday_on_or_before(d), DateSource::HolidayEdge);
    }
    (weekday_on_or_before(b.estimate), DateSource::Estimated)
}

/// The autumn and spring terms of the school year starting in `start_year`, from `markers`.
pub fn terms(start_year: i16, markers: &[Marker]) -> [Term; 2] {
    let y = start_year;
    let n = start_year + 1;
    let autumn_start = start_of(
        markers,
        &Boundary {
            window: (date(y, 8, 1), date(y, 9, 15)),
            estimate: date(y, 8, 20),
        },
    );
    let autumn_end = end_of(
        markers,
        &Boundary {
            window: (date(y, 12, 1), date(y, 12, 31)),
            estimate: date(y, 12, 20),
        },
    );
    let spring_start = start_of(
        markers,
        &Boundary {
            window: (date(n, 1, 1), date(n, 1, 31)),
            estimate: date(n, 1, 8),
        },
    );
    let spring_end = end_of(
        markers,
        &Boundary {
            window: (date(n, 5, 15), date(n, 6, 30)),
            estimate: date(n, 6, 12),
        },
    );
    [
        Term {
            kind: TermKind::Autumn,
            school_year: y,
            start: autumn_start.0,
            end: autumn_end.0,
            start_source: autumn_start.1,
            end_source: autumn_end.1,
        },
        Term {
            kind: TermKind::Spring,
            school_year: y,
            start: spring_start.0,
            end: spring_end.0,
            start_source: spring_start.1,
            end_source: spring_end.1,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(kind: WheelKind, start: Date, end: Date) -> Marker {
        Marker { kind, start, end }
    }

    #[test]
    fn term_events_win_over_holiday_edges() {
        let markers = [
            m(WheelKind::TermStart, date(2026, 8, 19), date(2026, 8, 19)),
            m(WheelKind::TermEnd, date(2026, 12, 18), date(2026, 12, 18)),
            m(WheelKind::Holiday, date(2026, 12, 21), date(2027, 1, 8)),
            m(WheelKind::TermEnd, date(2027, 6, 11), date(2027, 6, 11)),
        ];
        let [autumn, spring] = terms(2026, &markers);
        assert_eq!(
            (autumn.start, autumn.start_source),
            (date(2026, 8, 19), DateSource::Calendar)
        );
        assert_eq!(
            (autumn.end, autumn.end_source),
            (date(2026, 12, 18), DateSource::Calendar)
        );
        // Jullov ends on Friday 8 January: the spring term starts on Monday 11 January.
        assert_eq!(
            (spring.start, spring.start_source),
            (date(2027, 1, 11), DateSource::HolidayEdge)
        );
        assert_eq!(
            (spring.end, spring.end_source),
            (date(2027, 6, 11), DateSource::Calendar)
        );
    }

    #[test]
    fn holiday_edges_bound_the_terms() {
        let markers = [
            m(WheelKind::Holiday, date(2026, 6, 15), date(2026, 8, 16)), // sommarlov
            m(WheelKind::Holiday, date(2026, 12, 19), date(2027, 1, 6)), // jullov from a Saturday
            m(WheelKind::Holiday, date(2027, 6, 6), date(2027, 6, 6)),   // Nationaldagen only
            m(WheelKind::Holiday, date(2027, 6, 12), date(2027, 8, 15)), // sommarlov
        ];
        let [autumn, spring] = terms(2026, &markers);
        assert_eq!(
            (autumn.start, autumn.start_source),
            (date(2026, 8, 17), DateSource::HolidayEdge)
        );
        assert_eq!(
            (autumn.end, autumn.end_source),
            (date(2026, 12, 18), DateSource::HolidayEdge)
        );
        assert_eq!(
            (spring.start, spring.start_source),
            (date(2027, 1, 7), DateSource::HolidayEdge)
        );
        assert_eq!(
            (spring.end, spring.end_source),
            (date(2027, 6, 11), DateSource::HolidayEdge),
            "a one-day public holiday does not end the term"
        );
    }

    #[test]
    fn without_calendar_data_the_usual_dates_off_weekends() {
        let [autumn, spring] = terms(2027, &[]);
        // 20 August 2027 is a Friday; 20 December 2027 a Monday; 8 January 2028 a Saturday;
        // 12 June 2028 a Monday.
        assert_eq!(autumn.start, date(2027, 8, 20));
        assert_eq!(autumn.end, date(2027, 12, 20));
        assert_eq!(spring.start, date(2028, 1, 10));
        assert_eq!(spring.end, date(2028, 6, 12));
        assert!(
            [
                autumn.start_source,
                autumn.end_source,
                spring.start_source,
                spring.end_source
            ]
            .iter()
            .all(|s| *s == DateSource::Estimated)
        );
        let [a, _] = terms(2026, &[]);
        assert_eq!(a.start, date(2026, 8, 20), "a Thursday stays");
    }

    #[test]
    fn school_years_run_august_to_july() {
        assert_eq!(school_year_of(date(2026, 8, 1)), 2026);
        assert_eq!(school_year_of(date(2027, 7, 31)), 2026);
        let r = school_year_range(2026);
        assert_eq!((r.start, r.end), (date(2026, 8, 1), date(2027, 7, 31)));
    }
}
