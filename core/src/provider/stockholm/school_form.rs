//! Stockholm's school-form codes (`Status` of a child: `"F;GR"`) and the model's [`SchoolForm`].

use crate::model::SchoolForm;

/// Maps one Stockholm status code (`GR`, `F`, `FS`, …; whitespace ignored): `FS` förskola, `F`
/// förskoleklass, `GR` grundskola, `FR`/`FRI` fritidshem, `S`/`GRS` anpassad grundskola, `GY`
/// gymnasieskola; anything else is kept as [`SchoolForm::Other`].
pub fn from_code(code: &str) -> SchoolForm {
    match code.trim() {
        "FS" => SchoolForm::Forskola,
        "F" => SchoolForm::Forskoleklass,
        "GR" => SchoolForm::Grundskola,
        "FR" | "FRI" => SchoolForm::Fritidshem,
        "S" | "GRS" => SchoolForm::AnpassadGrundskola,
        "GY" => SchoolForm::Gymnasieskola,
        other => SchoolForm::Other(other.to_owned()),
    }
}

/// The Stockholm status code of `form`.
pub fn code(form: &SchoolForm) -> &str {
    match form {
        SchoolForm::Forskola => "FS",
        SchoolForm::Forskoleklass => "F",
        SchoolForm::Grundskola => "GR",
        SchoolForm::Fritidshem => "FR",
        SchoolForm::AnpassadGrundskola => "S",
        SchoolForm::Gymnasieskola => "GY",
        SchoolForm::Other(code) => code,
    }
}

/// Parses a `;`-separated Stockholm status (`"F;GR"`).
pub fn parse_status(status: &str) -> Vec<SchoolForm> {
    status
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(from_code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stockholm_status_codes() {
        assert_eq!(
            parse_status("F;GR"),
            vec![SchoolForm::Forskoleklass, SchoolForm::Grundskola]
        );
        assert_eq!(parse_status(" FS"), vec![SchoolForm::Forskola]);
        assert_eq!(parse_status("XY"), vec![SchoolForm::Other("XY".to_owned())]);
    }
}
