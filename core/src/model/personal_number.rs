//! Swedish personal identity numbers, masked wherever they are shown.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A Swedish personal identity number (personnummer) in its 12-digit form `YYYYMMDDNNNN`.
///
/// `Debug` and `Display` show only the birth date (`19121212-****`), so a personal number that
/// ends up in a log line or an error message does not leak. Use [`PersonalNumber::digits`] when
/// the full number is really needed (a login request, an SMS absence report).
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct PersonalNumber(String);

impl From<PersonalNumber> for String {
    fn from(value: PersonalNumber) -> Self {
        value.0
    }
}

impl TryFrom<String> for PersonalNumber {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        if value.len() == 12 && value.chars().all(|c| c.is_ascii_digit()) {
            Ok(PersonalNumber(value))
        } else {
            Err("a personal number has 12 digits".to_owned())
        }
    }
}

impl PersonalNumber {
    /// Parses `YYYYMMDDNNNN`, `YYYYMMDD-NNNN`, `YYMMDD-NNNN` or `YYMMDDNNNN` (10-digit forms are
    /// placed in the century that makes the person at most 100 years old relative to
    /// `this_year`). Returns `None` for anything else.
    pub fn parse(input: &str, this_year: i16) -> Option<Self> {
        let digits: String = input
            .chars()
            .filter(|c| *c != '-' && *c != '+' && !c.is_whitespace())
            .collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let full = match digits.len() {
            12 => digits,
            10 => {
                let yy: i16 = digits[0..2].parse().ok()?;
                let century_now = this_year / 100;
                let mut year = century_now * 100 + yy;
                if year > this_year || input.contains('+') {
                    year -= 100;
                }
                format!("{year:04}{}", &digits[2..])
            }
            _ => return None,
        };
        Some(PersonalNumber(full))
    }

    /// The full 12 digits. Never log this.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The ten-digit form with a dash (`YYMMDD-NNNN`), as Stockholm's SMS absence report wants.
    pub fn short_form(&self) -> String {
        format!("{}-{}", &self.0[2..8], &self.0[8..12])
    }

    /// The masked form: birth date, then `-****`.
    pub fn masked(&self) -> String {
        format!("{}-****", &self.0[0..8])
    }

    /// True for the numbers that switch every provider into the built-in demo (any number
    /// ending in `1212121212`, e.g. `121212121212` or `201212121212`), as the upstream apps do.
    pub fn is_demo_trigger(input: &str) -> bool {
        let digits: String = input.chars().filter(|c| c.is_ascii_digit()).collect();
        (digits.len() == 10 || digits.len() == 12) && digits.ends_with("1212121212")
    }
}

impl fmt::Debug for PersonalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonalNumber({})", self.masked())
    }
}

impl fmt::Display for PersonalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_masks() {
        let p = PersonalNumber::parse("19121212-1212", 2026).unwrap();
        assert_eq!(p.digits(), "191212121212");
        assert_eq!(format!("{p}"), "19121212-****");
        assert_eq!(format!("{p:?}"), "PersonalNumber(19121212-****)");
        assert_eq!(p.short_form(), "121212-1212");
        assert_eq!(
            PersonalNumber::parse("1512121212", 2026).unwrap().digits(),
            "201512121212"
        );
        assert_eq!(
            PersonalNumber::parse("5012121212", 2026).unwrap().digits(),
            "195012121212"
        );
        assert!(PersonalNumber::parse("abc", 2026).is_none());
        assert!(PersonalNumber::parse("123", 2026).is_none());
    }

    #[test]
    fn demo_trigger() {
        assert!(PersonalNumber::is_demo_trigger("121212121212"));
        assert!(PersonalNumber::is_demo_trigger("201212121212"));
        assert!(PersonalNumber::is_demo_trigger("1212121212"));
        assert!(!PersonalNumber::is_demo_trigger("198001011234"));
    }
}
