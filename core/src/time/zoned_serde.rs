//! Reading RFC 9557 instants (`"2026-11-25T08:10:00+01:00[Europe/Stockholm]"`) back without a
//! time-zone database.
//!
//! The library links only the Europe/Stockholm rules (see [`super::stockholm`]), not jiff's
//! bundled database of every zone, so jiff's own `Deserialize` for `ZonedDateTime` (which looks
//! the bracketed name up in that database) cannot be used: model fields holding instants use
//! `#[serde(deserialize_with = "crate::time::zoned_serde::deserialize")]` (or
//! [`deserialize_option`]). Writing is jiff's own `Serialize`, so the text is unchanged.

use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use serde::{Deserialize, Deserializer};

/// The annotation jiff writes for an instant in Europe/Stockholm.
const STOCKHOLM_ANNOTATION: &str = "[Europe/Stockholm]";
/// The annotation jiff writes for an instant in UTC.
const UTC_ANNOTATION: &str = "[UTC]";

/// Parses an RFC 9557 instant. `[Europe/Stockholm]` resolves to the linked Stockholm rules (the
/// offset in the text fixes the instant); other annotations (`[UTC]`, `[+01:00]`) are what jiff
/// reads without a database. Any other zone name is an error.
pub fn parse(text: &str) -> Result<ZonedDateTime, jiff::Error> {
    if let Some(instant) = text.strip_suffix(STOCKHOLM_ANNOTATION) {
        return Ok(instant
            .parse::<Timestamp>()?
            .to_zoned_datetime(super::stockholm()));
    }
    if let Some(instant) = text.strip_suffix(UTC_ANNOTATION) {
        return Ok(instant
            .parse::<Timestamp>()?
            .to_zoned_datetime(TimeZone::UTC));
    }
    text.parse::<ZonedDateTime>()
}

/// `deserialize_with` for a `ZonedDateTime` field.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<ZonedDateTime, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).map_err(serde::de::Error::custom)
}

/// `deserialize_with` for an `Option<ZonedDateTime>` field (pair it with `#[serde(default)]`).
pub fn deserialize_option<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<ZonedDateTime>, D::Error> {
    let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
    text.map(|text| parse(&text).map_err(serde::de::Error::custom))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_instants_round_trip_through_their_text() {
        for text in [
            "2026-11-25T08:10:00+01:00[Europe/Stockholm]",
            "2026-07-01T12:00:00+02:00[Europe/Stockholm]",
            // The autumn hour that happens twice: the offset picks which one.
            "2026-10-25T02:30:00+02:00[Europe/Stockholm]",
            "2026-10-25T02:30:00+01:00[Europe/Stockholm]",
        ] {
            let z = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(z.time_zone().iana_name(), Some("Europe/Stockholm"));
            assert_eq!(z.to_string(), text);
        }
    }

    #[test]
    fn utc_and_fixed_offsets_need_no_database() {
        let utc = parse("2026-11-25T07:10:00+00:00[UTC]")
            .map(|z| z.timestamp())
            .ok();
        assert_eq!(utc, "2026-11-25T08:10:00+01:00".parse::<Timestamp>().ok());
        assert!(utc.is_some());
        assert!(parse("2026-11-25T08:10:00+01:00[+01:00]").is_ok());
    }

    #[test]
    fn other_zone_names_and_garbage_are_errors() {
        assert!(parse("2026-11-25T02:10:00-05:00[America/New_York]").is_err());
        assert!(parse("2026-11-25T08:10:00[Europe/Stockholm]").is_err());
        assert!(parse("not a date").is_err());
    }

    #[test]
    fn fields_read_back_what_jiff_wrote() {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Row {
            #[serde(deserialize_with = "deserialize")]
            at: ZonedDateTime,
            #[serde(default, deserialize_with = "deserialize_option")]
            until: Option<ZonedDateTime>,
        }
        let at =
            parse("2026-03-29T03:00:00+02:00[Europe/Stockholm]").unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_string(&Row {
            at: at.clone(),
            until: None,
        })
        .unwrap_or_default();
        let back: Row = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
        assert_eq!(back.at, at);
        assert!(back.until.is_none());
        let missing: Row =
            serde_json::from_str(r#"{"at":"2026-03-29T03:00:00+02:00[Europe/Stockholm]"}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert!(missing.until.is_none());
    }
}
