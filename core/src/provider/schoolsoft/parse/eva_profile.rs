//! Eva `GET {S}eva/api/v1/parent/<userId>/profile` (Bearer): the guardian's own details. Only
//! the personal number (`socialNumber`) is read — it names the account, so a guardian who
//! logs in through the browser lands in the same family as through GrandID's BankID.

use serde::Deserialize;

use super::util::de_text;
use crate::error::Result;
use crate::model::PersonalNumber;
use crate::provider::upstream_json::decode;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawProfile {
    #[serde(default, deserialize_with = "de_text")]
    social_number: Option<String>,
}

/// The guardian's personal number from the profile, when it has a readable one (`this_year`
/// decides the century of a 10-digit form).
pub fn parse_eva_profile_number(body: &str, this_year: i16) -> Result<Option<PersonalNumber>> {
    let raw: RawProfile = decode("profile", body)?;
    Ok(raw
        .social_number
        .and_then(|n| PersonalNumber::parse(n.trim(), this_year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_number_or_none() {
        let body =
            r#"{"fName":"Anna","lName":"Exempelsson","socialNumber":"19800101-2387","city":"Ort"}"#;
        let number = parse_eva_profile_number(body, 2026).unwrap().unwrap();
        assert_eq!(number.digits(), "198001012387");
        assert_eq!(
            parse_eva_profile_number(r#"{"fName":"Anna"}"#, 2026).unwrap(),
            None
        );
        assert_eq!(
            parse_eva_profile_number(r#"{"socialNumber":"okänt"}"#, 2026).unwrap(),
            None
        );
        assert!(parse_eva_profile_number("<html>", 2026).is_err());
    }
}
