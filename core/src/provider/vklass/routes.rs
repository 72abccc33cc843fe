//! Every upstream URL of the Vklass provider (real hosts only) and the request conventions:
//! data calls never follow redirects (a redirect means the session is gone).

/// The guardian application's origin.
pub const CUSTODIAN_ORIGIN: &str = "https://custodian.vklass.se";
/// The application shell (`window['appData']`); also the keep-alive target.
pub const ROOT: &str = "https://custodian.vklass.se/";
/// The home page: cards per child, news teasers; the session check.
pub const HOME_WELCOME: &str = "https://custodian.vklass.se/Home/Welcome";
/// The news feed (paged with `?pageToken=`).
pub const NEWS_ARTICLES: &str = "https://custodian.vklass.se/Home/NewsArticles";
/// The calendar feed (form post).
pub const FULL_CALENDAR: &str = "https://custodian.vklass.se/Events/FullCalendar";
/// The care schedule (`?fromDate=YYYY-MM-DD`, header `vk-json-load: true`).
pub const CARE_LOAD_DAYS: &str = "https://custodian.vklass.se/CareSchedule/LoadDays";
/// The absence page (wards, form) and the report post.
pub const ABSENCE_NOTIFY: &str = "https://custodian.vklass.se/Absence/Notify";
/// Unread counts.
pub const SCOREBOARD: &str = "https://custodian.vklass.se/Account/Scoreboard";
/// The class list.
pub const CLASS_LIST: &str = "https://custodian.vklass.se/ClassList/Index";

/// The username/password form.
pub const CREDENTIALS: &str = "https://auth.vklass.se/credentials";
/// Where the username/password form posts.
pub const CREDENTIALS_SIGNIN: &str = "https://auth.vklass.se/credentials/signin";
/// Vklass's SAML assertion consumer.
pub const SAML_ASSERTION: &str = "https://auth.vklass.se/saml/assertion";
/// Vklass's SAML start.
pub const SAML_INITIATE: &str = "https://auth.vklass.se/saml/initiate";
/// Where the SAML start returns to.
pub const RETURN_URL: &str = "http://custodian.vklass.se/";

/// Göteborg's IdP entity id (the `idp=` of the SAML start).
pub const GOTEBORG_IDP_ENTITY: &str = "https://authpub.goteborg.se/idp/sps/idppub/saml20";
/// Göteborg's method chooser and BankID SAML request page.
pub const GOTEBORG_LOGININITIAL: &str =
    "https://authpub.goteborg.se/sp/sps/eidpub/saml20/logininitial";
/// Göteborg's origin (for `Origin`/`Referer`).
pub const GOTEBORG_ORIGIN: &str = "https://authpub.goteborg.se";

/// The e-ID broker's origin.
pub const BROKER_ORIGIN: &str = "https://eid-connect.funktionstjanster.se";
/// The broker's method list (`?lang=sv&aid=…&spId=…`).
pub const BROKER_METHODS: &str = "https://eid-connect.funktionstjanster.se/web/res/api/methods";
/// Starts a BankID order (`?lang=sv&aid=…&id=<method>`).
pub const BROKER_BANKID_AUTH: &str = "https://eid-connect.funktionstjanster.se/id/bankid/auth";
/// The order's status (`?aid=…`).
pub const BROKER_BANKID_STATUS: &str = "https://eid-connect.funktionstjanster.se/id/bankid/status";
/// The order's current QR payload (`?aid=…`).
pub const BROKER_BANKID_QR: &str = "https://eid-connect.funktionstjanster.se/id/bankid/qr";
/// The assertion form after a completed order (`?aid=…`).
pub const BROKER_FINISH: &str = "https://eid-connect.funktionstjanster.se/id/finish";

/// The `Accept-Language` the web application is used with.
pub const ACCEPT_LANGUAGE: &str = "sv-SE,sv;q=0.9,en;q=0.7";

/// Query-encodes one value.
pub fn encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The SAML start URL of organisation `org` at identity provider `idp`.
pub fn saml_initiate(idp: &str, org: &str) -> String {
    format!(
        "{SAML_INITIATE}?idp={}&org={}&returnUrl={}",
        encode(idp),
        encode(org),
        encode(RETURN_URL)
    )
}
