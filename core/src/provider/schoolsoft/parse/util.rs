//! Helpers the SchoolSoft parsers share: ids that come as numbers or strings, local times
//! without zone, Swedish short dates without a year.

use jiff::civil::{Date, DateTime, Time};
use jiff::{ToSpan, ZonedDateTime};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A JSON number or string as text (`17001` and `"17001"` alike); `None` for anything else.
pub(crate) fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Deserializes an id that may be a number or a string.
pub(crate) fn de_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Value>::deserialize(d)?
        .as_ref()
        .and_then(value_text))
}

/// Deserializes a string that may be missing or `null` (trimmed; empty → `None`).
pub(crate) fn de_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Value>::deserialize(d)?
        .and_then(|v| match v {
            Value::String(s) => Some(s.trim().to_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .filter(|s| !s.is_empty()))
}

/// `YYYY-MM-DDTHH:mm[:ss]` or `YYYY-MM-DD HH:mm` (local Swedish time, no zone).
pub(crate) fn local_datetime(text: &str) -> Option<DateTime> {
    let text = text.trim().replace(' ', "T");
    text.parse::<DateTime>().ok()
}

/// A local date-time in Europe/Stockholm.
pub(crate) fn zoned(datetime: DateTime) -> ZonedDateTime {
    crate::time::local(datetime)
}

/// `HH:mm` or `H:mm`.
pub(crate) fn clock(text: &str) -> Option<Time> {
    let (h, m) = text.trim().split_once([':', '.'])?;
    Time::new(h.trim().parse().ok()?, m.trim().parse().ok()?, 0, 0).ok()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];

/// A Swedish short date without a year ("24 aug.", "19 maj", "3 juni 2027", "Idag", "Igår",
/// "Imorgon"), optionally followed by a time ("19 maj 10:54"). Without a year the date is put
/// in the year that makes it closest to `today` (never more than about half a year ahead).
pub(crate) fn swedish_date(text: &str, today: Date) -> Option<(Date, Option<Time>)> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['.', ',']).to_lowercase())
        .collect();
    let first = words.first()?;
    let time = words.iter().find_map(|w| clock(w));
    let relative = match first.as_str() {
        "idag" => Some(0),
        "igår" => Some(-1),
        "imorgon" => Some(1),
        _ => None,
    };
    if let Some(days) = relative {
        return Some((today.checked_add(days.days()).ok()?, time));
    }
    let day: i8 = first.parse().ok()?;
    let month_word = words.get(1)?;
    let month = MONTHS
        .iter()
        .position(|m| month_word.starts_with(m))
        .and_then(|i| i8::try_from(i + 1).ok())?;
    let year: Option<i16> = words
        .get(2)
        .filter(|w| w.len() == 4)
        .and_then(|w| w.parse().ok());
    let date = match year {
        Some(year) => Date::new(year, month, day).ok()?,
        None => nearest_year(today, month, day)?,
    };
    Some((date, time))
}

fn nearest_year(today: Date, month: i8, day: i8) -> Option<Date> {
    let this = Date::new(today.year(), month, day).ok()?;
    let limit = today.checked_add(183.days()).ok()?;
    if this > limit {
        Date::new(today.year() - 1, month, day).ok()
    } else {
        Some(this)
    }
}

/// The query value `name` of a (relative) link.
pub(crate) fn query_value(href: &str, name: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// "Förnamn Efternamn" from two optional parts.
pub(crate) fn full_name(first: Option<&str>, last: Option<&str>) -> String {
    [first.unwrap_or(""), last.unwrap_or("")]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn swedish_dates() {
        let today = date(2026, 9, 5);
        assert_eq!(
            swedish_date("24 aug.", today),
            Some((date(2026, 8, 24), None))
        );
        assert_eq!(
            swedish_date("19 maj 10:54", today),
            Some((date(2026, 5, 19), Time::new(10, 54, 0, 0).ok()))
        );
        assert_eq!(
            swedish_date("3 juni 2027", today),
            Some((date(2027, 6, 3), None))
        );
        assert_eq!(swedish_date("Igår", today), Some((date(2026, 9, 4), None)));
        // December seen in September is last year's.
        assert_eq!(
            swedish_date("20 dec.", date(2026, 5, 1)),
            Some((date(2025, 12, 20), None))
        );
        assert_eq!(swedish_date("", today), None);
    }

    #[test]
    fn datetimes_and_ids() {
        assert_eq!(
            local_datetime("2026-08-31T11:40").map(|d| d.to_string()),
            Some("2026-08-31T11:40:00".to_owned())
        );
        assert_eq!(
            value_text(&serde_json::json!(17001)).as_deref(),
            Some("17001")
        );
        assert_eq!(
            query_value("x.jsp?requestid=54001&amp=1&type=1", "requestid").as_deref(),
            Some("54001")
        );
    }
}
