//! Every Stockholm and Skola24 URL, and the SiteMinder constants, in one place.
//!
//! Source: `stockholm.md` and `skola24.md` of the upstream documentation. Query values that come
//! from upstream (GUIDs, order ids) are form-encoded, which leaves GUIDs unchanged.

use base64::Engine;

use crate::model::PersonalNumber;

/// SiteMinder login server that runs BankID and Freja.
pub const LOGIN003: &str = "https://login003.stockholm.se";
/// SiteMinder start pages and the SAML identity provider.
pub const LOGIN001: &str = "https://login001.stockholm.se";
/// The guardian e-services host.
pub const ETJANSTER: &str = "https://etjanster.stockholm.se";
/// Base of the logged-in e-service API (`{E}` in the documentation).
pub const E: &str = "https://etjanster.stockholm.se/vardnadshavare/inloggad2";
/// The page to land on after login; it carries the anti-forgery token.
pub const START_PAGE: &str = "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem";

/// The SiteMinder parameter block of the BankID realm, verbatim and in upstream order.
pub const BANKID_SM: &str = "TYPE=33554433&REALMOID=06-42f40edd-0c5b-4dbc-b714-1be1e907f2de&GUID=1&SMAUTHREASON=0&METHOD=GET&SMAGENTNAME=IfNE0iMOtzq2TcxFADHylR6rkmFtwzoxRKh5nRMO9NBqIxHrc38jFyt56FASdxk1&TARGET=-SM-HTTPS%3a%2f%2flogin001%2estockholm%2ese%2fNECSadc%2fmbid%2fb64startpage%2ejsp%3fstartpage%3daHR0cHM6Ly9ldGphbnN0ZXIuc3RvY2tob2xtLnNlL3ZhcmRuYWRzaGF2YXJlL2lubG9nZ2FkMi9oZW0%3d";

/// The SiteMinder parameter block of the Freja eID+ realm.
pub const FREJA_SM: &str = "TYPE=33554433&REALMOID=06-89cf916c-9764-45fa-8690-eaf3fe9282bc&GUID=1&SMAUTHREASON=0&METHOD=GET&SMAGENTNAME=IfNE0iMOtzq2TcxFADHylR6rkmFtwzoxRKh5nRMO9NBqIxHrc38jFyt56FASdxk1&TARGET=-SM-HTTPS%3a%2f%2flogin001%2estockholm%2ese%2fNECSadc%2ffreja%2fb64startpage%2ejsp%3fstartpage%3daHR0cHM6Ly9ldGphbnN0ZXIuc3RvY2tob2xtLnNlL3ZhcmRuYWRzaGF2YXJlL2lubG9nZ2FkMi9oZW0%3d";

/// The `TARGET` value SiteMinder expects for a realm (`mbid` or `freja`) and a landing page:
/// `-SM-HTTPS://login001.stockholm.se/NECSadc/<realm>/b64startpage.jsp?startpage=<base64>`,
/// escaped with the lower-case `%3a`/`%2f`/`%2e`/`%3f`/`%3d` of the real URLs.
pub fn siteminder_target(realm: &str, start_page: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(start_page);
    let raw = format!(
        "-SM-HTTPS://login001.stockholm.se/NECSadc/{realm}/b64startpage.jsp?startpage={b64}"
    );
    let mut out = String::with_capacity(raw.len() * 2);
    for c in raw.chars() {
        match c {
            ':' => out.push_str("%3a"),
            '/' => out.push_str("%2f"),
            '.' => out.push_str("%2e"),
            '?' => out.push_str("%3f"),
            '=' => out.push_str("%3d"),
            '+' => out.push_str("%2b"),
            other => out.push(other),
        }
    }
    out
}

fn enc(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// BankID: the order endpoint (start and poll).
pub fn bankid_endpoint() -> String {
    format!("{LOGIN003}/NECSadcmbid/authenticate/NECSadcmbid?{BANKID_SM}")
}

/// BankID: start an order for this device (`initialize=bankid`), with or without a personal
/// number. `now_ms` is the cache buster.
pub fn bankid_start(personal_number: Option<&PersonalNumber>, now_ms: i64) -> String {
    match personal_number {
        Some(pnr) => format!(
            "{}&initialize=bankid&personalNumber={}&_={now_ms}",
            bankid_endpoint(),
            pnr.digits()
        ),
        None => format!("{}&initialize=bankid&_={now_ms}", bankid_endpoint()),
    }
}

/// BankID: start an order for another device, answered with animated-QR data
/// (`initialize=qr`; *inferred* from the InfoMentor flow on the same login servers).
pub fn bankid_start_qr(now_ms: i64) -> String {
    format!("{}&initialize=qr&_={now_ms}", bankid_endpoint())
}

/// BankID: poll an order.
pub fn bankid_verify(order: &str, now_ms: i64) -> String {
    format!(
        "{}&verifyorder={}&_={now_ms}",
        bankid_endpoint(),
        enc(order)
    )
}

/// BankID: the SiteMinder step that hands out `SMSESSION` after `OK` (and on resume).
pub fn bankid_siteminder_adc() -> String {
    format!("{LOGIN003}/NECSadcmbid/authenticate/SiteMinderAuthADC?{BANKID_SM}")
}

/// Freja: start (plain-text answer: the app-switch URL).
pub fn freja_init() -> String {
    format!(
        "{LOGIN003}/NECSadcfreja/authenticate/NECSadcfreja?action=init&return_url=https%3A%2F%2Flogin003.stockholm.se%2FNECSadcfreja%2Fauthenticate%2FNECSadcfreja"
    )
}

/// Freja: poll (the server ties it to the session cookies).
pub fn freja_status() -> String {
    format!("{LOGIN003}/NECSadcfreja/authenticate/NECSadcfreja?{FREJA_SM}&action=checkstatus")
}

/// Freja: first step after `APPROVED`.
pub fn freja_authenticate() -> String {
    format!("{LOGIN003}/NECSadcfreja/authenticate/NECSadcfreja?{FREJA_SM}")
}

/// Freja: the SiteMinder step that hands out `SMSESSION`.
pub fn freja_siteminder_adc() -> String {
    format!("{LOGIN003}/NECSadcfreja/authenticate/SiteMinderAuthADCFREJA?{FREJA_SM}")
}

/// The user endpoint (no envelope).
pub fn user_data() -> String {
    format!("{ETJANSTER}/vardnadshavare/base/getuserdata")
}

/// The children.
pub fn children() -> String {
    format!("{E}/GetChildren")
}

/// Select the session's current child (POST).
pub fn select_child() -> String {
    format!("{E}/SelectChild")
}

/// The school calendar ("Calender" is misspelled upstream).
pub fn school_calendar(child_id: &str) -> String {
    format!(
        "{E}/Calender/GetSchoolCalender?childId={}&rowLimit=50",
        enc(child_id)
    )
}

/// The personal schedule for a date range.
pub fn schedule(child_id: &str, start: jiff::civil::Date, end: jiff::civil::Date) -> String {
    format!(
        "{E}/Calender/GetSchema?childId={}&startDate={start}&endDate={end}",
        enc(child_id)
    )
}

/// The news list.
pub fn news_archive(child_id: &str) -> String {
    format!(
        "{E}/News/GetNewsArchive?bannerImageLimit=5000&childId={}",
        enc(child_id)
    )
}

/// One news article.
pub fn news_article(news_id: &str, child_id: &str) -> String {
    format!(
        "{E}/News/GetNewsArticle?newsItemId={}&childId={}",
        enc(news_id),
        enc(child_id)
    )
}

/// A news banner image (the file name is inserted unencoded, as upstream does).
pub fn news_banner(banner_image_url: &str) -> String {
    format!("{ETJANSTER}/Vardnadshavare/inloggad2/NewsBanner?url={banner_image_url}")
}

/// Notifications, keyed by the SDS id.
pub fn notifications(sds_id: &str) -> String {
    format!("{E}/notifications/getnotifications?childId={}", enc(sds_id))
}

/// Which form the school publishes its menu in.
pub fn menu_choice(child_id: &str) -> String {
    format!("{E}/Matsedel/GetMatsedelChoice?childId={}", enc(child_id))
}

/// The menu in feed form (JSON despite the name).
pub fn menu_rss(child_id: &str) -> String {
    format!("{E}/Matsedel/GetMatsedelRSS?childId={}", enc(child_id))
}

/// The menu in list form.
pub fn menu_list(child_id: &str) -> String {
    format!("{E}/Matsedel/GetMatsedelList?childId={}", enc(child_id))
}

/// Classmates with guardians.
pub fn classmates(sds_id: &str) -> String {
    format!("{E}/contacts/GetStudentsByClass?studentId={}", enc(sds_id))
}

/// Teachers for one school form (`GR`, `F`, …).
pub fn teachers(sds_id: &str, school_form: &str) -> String {
    format!(
        "{E}/contacts/GetTeachersByStudent?studentId={}&schoolForm={}",
        enc(sds_id),
        enc(school_form)
    )
}

/// School contacts (`schoolForm` is the literal `Klasslista`).
pub fn school_contacts(school_id: &str, sds_id: &str) -> String {
    format!(
        "{E}/contacts/GetSchoolContacts?schoolId={}&studentId={}&schoolForm=Klasslista",
        enc(school_id),
        enc(sds_id)
    )
}

/// Headers of `SelectChild` besides cookies and the XSRF token. The anchor still sends the
/// pre-2024 host in `origin` and `referer`; kept as documented.
pub const SELECT_CHILD_HEADERS: &[(&str, &str)] = &[
    ("accept", "application/json, text/plain, */*"),
    ("origin", "https://etjanst.stockholm.se"),
    (
        "referer",
        "https://etjanst.stockholm.se/vardnadshavare/inloggad2/hem",
    ),
];

/// The content type of `SelectChild`.
pub const SELECT_CHILD_CONTENT_TYPE: &str = "application/json;charset=UTF-8";

/// Headers only `GetChildren` sends.
pub const GET_CHILDREN_HEADERS: &[(&str, &str)] = &[
    ("accept", "application/json, text/plain, */*"),
    ("host", "etjanster.stockholm.se"),
    (
        "referer",
        "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siteminder_targets_are_rebuilt_exactly() {
        let bankid_target = BANKID_SM.split("&TARGET=").nth(1).unwrap();
        assert_eq!(siteminder_target("mbid", START_PAGE), bankid_target);
        let freja_target = FREJA_SM.split("&TARGET=").nth(1).unwrap();
        assert_eq!(siteminder_target("freja", START_PAGE), freja_target);
        // Escapes are lower case, as in the real URLs.
        assert!(!BANKID_SM.contains("%3A") && !BANKID_SM.contains("%2F"));
    }

    #[test]
    fn start_page_is_base64_of_the_landing_url() {
        let b64 = BANKID_SM
            .split("startpage%3d")
            .nth(1)
            .unwrap()
            .replace("%3d", "=");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), START_PAGE);
    }

    #[test]
    fn siteminder_blocks_are_verbatim() {
        assert_eq!(
            BANKID_SM,
            "TYPE=33554433&REALMOID=06-42f40edd-0c5b-4dbc-b714-1be1e907f2de&GUID=1&SMAUTHREASON=0&METHOD=GET&SMAGENTNAME=IfNE0iMOtzq2TcxFADHylR6rkmFtwzoxRKh5nRMO9NBqIxHrc38jFyt56FASdxk1&TARGET=-SM-HTTPS%3a%2f%2flogin001%2estockholm%2ese%2fNECSadc%2fmbid%2fb64startpage%2ejsp%3fstartpage%3daHR0cHM6Ly9ldGphbnN0ZXIuc3RvY2tob2xtLnNlL3ZhcmRuYWRzaGF2YXJlL2lubG9nZ2FkMi9oZW0%3d"
        );
        assert_eq!(
            FREJA_SM
                .replace("06-89cf916c-9764-45fa-8690-eaf3fe9282bc", "R")
                .replace("%2ffreja%2f", "%2fX%2f"),
            BANKID_SM
                .replace("06-42f40edd-0c5b-4dbc-b714-1be1e907f2de", "R")
                .replace("%2fmbid%2f", "%2fX%2f")
        );
    }

    #[test]
    fn bankid_urls() {
        let pnr = PersonalNumber::parse("191212121212", 2026).unwrap();
        assert_eq!(
            bankid_start(Some(&pnr), 1700000000000),
            format!(
                "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?{BANKID_SM}&initialize=bankid&personalNumber=191212121212&_=1700000000000"
            )
        );
        assert_eq!(
            bankid_start(None, 1),
            format!(
                "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?{BANKID_SM}&initialize=bankid&_=1"
            )
        );
        assert!(bankid_start_qr(5).ends_with("&initialize=qr&_=5"));
        assert!(
            bankid_verify("5fe57e4c-9ad2-4b52-b794-48adef2f6663", 9)
                .ends_with("&verifyorder=5fe57e4c-9ad2-4b52-b794-48adef2f6663&_=9")
        );
        assert_eq!(
            bankid_siteminder_adc(),
            format!(
                "https://login003.stockholm.se/NECSadcmbid/authenticate/SiteMinderAuthADC?{BANKID_SM}"
            )
        );
        // Every URL parses.
        for u in [
            bankid_start(Some(&pnr), 1),
            bankid_verify("a&b", 2),
            freja_init(),
            freja_status(),
            freja_authenticate(),
            freja_siteminder_adc(),
        ] {
            url::Url::parse(&u).unwrap();
        }
        assert!(bankid_verify("a&b", 2).contains("verifyorder=a%26b&"));
    }

    #[test]
    fn freja_urls() {
        assert_eq!(
            freja_init(),
            "https://login003.stockholm.se/NECSadcfreja/authenticate/NECSadcfreja?action=init&return_url=https%3A%2F%2Flogin003.stockholm.se%2FNECSadcfreja%2Fauthenticate%2FNECSadcfreja"
        );
        assert_eq!(
            freja_status(),
            format!(
                "https://login003.stockholm.se/NECSadcfreja/authenticate/NECSadcfreja?{FREJA_SM}&action=checkstatus"
            )
        );
        assert!(
            freja_siteminder_adc()
                .contains("/SiteMinderAuthADCFREJA?TYPE=33554433&REALMOID=06-89cf916c")
        );
    }

    #[test]
    fn eservice_urls() {
        let id = "2e4f2a2c-4a4b-4c3c-9a7e-1b2c3d4e5f60";
        assert_eq!(
            user_data(),
            "https://etjanster.stockholm.se/vardnadshavare/base/getuserdata"
        );
        assert_eq!(
            children(),
            "https://etjanster.stockholm.se/vardnadshavare/inloggad2/GetChildren"
        );
        assert_eq!(
            school_calendar(id),
            format!(
                "https://etjanster.stockholm.se/vardnadshavare/inloggad2/Calender/GetSchoolCalender?childId={id}&rowLimit=50"
            )
        );
        assert_eq!(
            schedule(
                id,
                jiff::civil::date(2026, 11, 23),
                jiff::civil::date(2026, 11, 29)
            ),
            format!(
                "https://etjanster.stockholm.se/vardnadshavare/inloggad2/Calender/GetSchema?childId={id}&startDate=2026-11-23&endDate=2026-11-29"
            )
        );
        assert_eq!(
            news_archive(id),
            format!(
                "https://etjanster.stockholm.se/vardnadshavare/inloggad2/News/GetNewsArchive?bannerImageLimit=5000&childId={id}"
            )
        );
        assert_eq!(
            news_article("123", id),
            format!(
                "https://etjanster.stockholm.se/vardnadshavare/inloggad2/News/GetNewsArticle?newsItemId=123&childId={id}"
            )
        );
        assert_eq!(
            news_banner("abc.jpeg"),
            "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=abc.jpeg"
        );
        assert_eq!(
            notifications(id),
            format!(
                "https://etjanster.stockholm.se/vardnadshavare/inloggad2/notifications/getnotifications?childId={id}"
            )
        );
        assert!(menu_choice(id).ends_with(&format!("/Matsedel/GetMatsedelChoice?childId={id}")));
        assert!(menu_rss(id).ends_with(&format!("/Matsedel/GetMatsedelRSS?childId={id}")));
        assert!(menu_list(id).ends_with(&format!("/Matsedel/GetMatsedelList?childId={id}")));
        assert!(classmates(id).ends_with(&format!("/contacts/GetStudentsByClass?studentId={id}")));
        assert!(teachers(id, "GR").ends_with(&format!(
            "/contacts/GetTeachersByStudent?studentId={id}&schoolForm=GR"
        )));
        assert!(school_contacts("s", id).ends_with(&format!(
            "/contacts/GetSchoolContacts?schoolId=s&studentId={id}&schoolForm=Klasslista"
        )));
    }
}
