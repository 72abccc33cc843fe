//! Upstream date strings → instants (`docs/upstream/README.md`, "Dates").

use jiff::civil::{Date, DateTime, Time};
use jiff::{Timestamp, ZonedDateTime};

use crate::time;

/// Parses a Stockholm date string into an instant in Europe/Stockholm.
///
/// Tried in order: the ASP.NET JSON form `/Date(<ms>)/` (leading slash optional, negative allowed,
/// a trailing `+hhmm` ignored since the milliseconds are UTC); ISO 8601 with an offset or `Z`;
/// ISO 8601 without offset as Swedish local time (also `yyyy-MM-dd HH:mm`); `yyyy-MM-dd` as local
/// midnight; `d MMMM yyyy` and `d MMMM yyyy HH:mm` with Swedish month names. Anything else is
/// `None`.
pub fn parse_date(s: &str) -> Option<ZonedDateTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(ms) = aspnet_millis(s) {
        return Timestamp::from_millisecond(ms)
            .ok()
            .map(time::from_timestamp);
    }
    let first = s.as_bytes().first().copied().unwrap_or(b' ');
    if first.is_ascii_digit() && s.len() >= 10 && s.as_bytes().get(4) == Some(&b'-') {
        if let Ok(ts) = s.parse::<Timestamp>() {
            return Some(time::from_timestamp(ts));
        }
        if let Ok(dt) = s.parse::<DateTime>() {
            return Some(time::local(dt));
        }
        if let Ok(date) = s.parse::<Date>() {
            return Some(time::start_of_day(date));
        }
    }
    swedish_text_date(s)
}

/// The milliseconds of `/Date(1637935089877)/`, `Date(-1000)`, `/Date(1637935089877+0100)/`.
fn aspnet_millis(s: &str) -> Option<i64> {
    let s = s.strip_prefix('/').unwrap_or(s);
    let inner = s.strip_prefix("Date(")?;
    let inner = inner.strip_suffix('/').unwrap_or(inner);
    let inner = inner.strip_suffix(')')?;
    let (sign, digits) = match inner.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, inner),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let (number, offset) = digits.split_at(end);
    let offset_ok = offset.is_empty()
        || (offset.len() == 5
            && (offset.starts_with('+') || offset.starts_with('-'))
            && offset[1..].bytes().all(|b| b.is_ascii_digit()));
    if number.is_empty() || !offset_ok {
        return None;
    }
    number.parse::<i64>().ok().map(|n| sign * n)
}

fn swedish_month(name: &str) -> Option<i8> {
    let lower = name.to_lowercase();
    crate::time::SWEDISH_MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// `2 oktober 2020`, `15 oktober 2020 11:34`.
fn swedish_text_date(s: &str) -> Option<ZonedDateTime> {
    let mut parts = s.split_whitespace();
    let day: i8 = parts.next()?.parse().ok()?;
    let month = swedish_month(parts.next()?)?;
    let year: i16 = parts.next()?.parse().ok()?;
    let time = match parts.next() {
        Some(t) => t.parse::<Time>().ok()?,
        None => Time::midnight(),
    };
    if parts.next().is_some() {
        return None;
    }
    let date = Date::new(year, month, day).ok()?;
    Some(time::local(date.to_datetime(time)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[track_caller]
    fn check(input: &str, expected: &str) {
        let parsed = parse_date(input).unwrap_or_else(|| panic!("no date for {input}"));
        assert_eq!(parsed.timestamp(), utc(expected), "{input}");
        assert_eq!(parsed.time_zone().iana_name(), Some("Europe/Stockholm"));
    }

    #[test]
    fn upstream_test_vectors() {
        check("2020-12-21 09:00", "2020-12-21T08:00:00.000Z");
        check("2021-05-28", "2021-05-27T22:00:00.000Z");
        check("2 oktober 2020", "2020-10-01T22:00:00.000Z");
        check("12 oktober 2020", "2020-10-11T22:00:00.000Z");
        check("5 oktober 2020 11:34", "2020-10-05T09:34:00.000Z");
        check("15 oktober 2020 11:34", "2020-10-15T09:34:00.000Z");
        check("2020-12-18T15:59:46.34", "2020-12-18T14:59:46.340Z");
        check("2020-12-18T15:59:46.340Z", "2020-12-18T15:59:46.340Z");
        check("/Date(1637935089877)/", "2021-11-26T13:58:09.877Z");
        assert_eq!(parse_date("This is an invalid date"), None);
    }

    #[test]
    fn more_forms() {
        check("Date(1637935089877)", "2021-11-26T13:58:09.877Z");
        check("/Date(-1000)/", "1969-12-31T23:59:59Z");
        check("/Date(1637935089877+0100)/", "2021-11-26T13:58:09.877Z");
        check("2021-03-01T08:15:02.5", "2021-03-01T07:15:02.500Z");
        check("2020-12-18T15:59:46+01:00", "2020-12-18T14:59:46Z");
        check("18 December 2020 16:15", "2020-12-18T15:15:00Z");
        for bad in [
            "",
            "/Date()/",
            "/Date(abc)/",
            "/Date(99999999999999999999)/",
            "2021-13-01",
            "31 februari 2021",
            "5 oktober",
            "5 oktober 2020 25:00",
            "5 oktober 2020 11:34 extra",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
