//! Skola24's URLs and request conventions as a Stockholm session reaches them (the SAML sign-on
//! through Stockholm's identity provider, then the timetable API).

use crate::provider::stockholm::routes::LOGIN001;

/// Skola24's SAML service provider for Stockholm.
pub const SSO_HOST: &str = "https://stockholm-sso.skola24.se";
/// The timetable viewer and its API.
pub const API_HOST: &str = "https://websthlm.skola24.se";
/// The `x-scope` header: the Stockholm timetable viewer.
pub const X_SCOPE: &str = "8a22163c-8662-4535-9050-bc5e1923df48";
/// The `host` value inside request bodies.
pub const HOST_NAME: &str = "stockholm.skola24.se";
/// The school-year id of the timetable request (fixed upstream since April 2024; it may
/// change with each school year — *uncertain*).
pub const SCHOOL_YEAR: &str = "b976f986-4308-4583-b39e-2d3933094eb2";
/// The viewer page, sent as `referer`.
pub const REFERER: &str =
    "https://websthlm.skola24.se/ng/timetable/timetable-viewer/fns.stockholm.se/";

/// SSO step 1: start (the `customer` value is not encoded, as upstream).
pub fn sso_start() -> String {
    format!(
        "{SSO_HOST}/nssso/saml-2.0/authenticate?customer=https://login001.stockholm.se&targetsystem=TimetableViewer"
    )
}

/// SSO step 2: Stockholm's SAML identity provider.
pub fn idp() -> String {
    format!("{}/affwebservices/public/saml2sso", LOGIN001)
}

/// SSO step 3: Skola24's assertion consumer.
pub fn sso_response() -> String {
    format!("{SSO_HOST}/nssso/saml-2.0/response")
}

/// The children Skola24 knows.
pub fn personal_timetables() -> String {
    format!("{API_HOST}/api/services/skola24/get/personal/timetables")
}

/// A one-use render key.
pub fn render_key() -> String {
    format!("{API_HOST}/api/get/timetable/render/key")
}

/// The timetable.
pub fn render_timetable() -> String {
    format!("{API_HOST}/api/render/timetable")
}

/// Headers of every Skola24 API call besides cookies and `User-Agent` (`host` is left to
/// the HTTP client, which sends the same value).
pub const HEADERS: &[(&str, &str)] = &[
    ("accept", "application/json, text/javascript, */*; q=0.01"),
    ("x-scope", X_SCOPE),
    ("referer", REFERER),
    ("accept-language", "en-US,en;q=0.9,sv;q=0.8"),
    ("cache-control", "no-cache"),
    ("pragma", "no-cache"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skola24_urls() {
        assert_eq!(
            sso_start(),
            "https://stockholm-sso.skola24.se/nssso/saml-2.0/authenticate?customer=https://login001.stockholm.se&targetsystem=TimetableViewer"
        );
        assert_eq!(
            idp(),
            "https://login001.stockholm.se/affwebservices/public/saml2sso"
        );
        assert_eq!(
            sso_response(),
            "https://stockholm-sso.skola24.se/nssso/saml-2.0/response"
        );
        assert_eq!(
            personal_timetables(),
            "https://websthlm.skola24.se/api/services/skola24/get/personal/timetables"
        );
        assert_eq!(
            render_key(),
            "https://websthlm.skola24.se/api/get/timetable/render/key"
        );
        assert_eq!(
            render_timetable(),
            "https://websthlm.skola24.se/api/render/timetable"
        );
    }
}
