//! The InfoMentor URLs and request conventions (see `infomentor.md`, "Hosts" and "Request
//! conventions for Hub endpoints").

/// The Hub's origin.
pub const HUB: &str = "https://hub.infomentor.se";

/// The Hub start page.
pub const HUB_ROOT: &str = "https://hub.infomentor.se/";

/// The identity-provider key of Stockholm's guardians.
pub const STOCKHOLM_GUARDIAN_IDP: &str = "stockholm_par";

/// Where a federated login starts.
pub fn sso_start(idp: &str) -> String {
    format!(
        "https://sso.infomentor.se/login.ashx?idp={}",
        query_escape(idp)
    )
}

/// The IM1 ("Mentor") portal: the username/password form and the `oauth_token` hand-off.
pub const MENTOR: &str = "https://infomentor.se/swedish/production/mentor/";

/// The Hub's login start that forces the OAuth hand-off to IM1 (the fallback when the Hub is
/// not authenticated after the password login).
pub const FORCE_OAUTH_LOGIN: &str =
    "https://hub.infomentor.se/authentication/authentication/login?apitype=im1&forceOAuth=true";

/// `POST …/isauthenticated/` → bare `true` / `false`.
pub fn is_authenticated(now_ms: i64) -> String {
    format!("{HUB}/authentication/authentication/isauthenticated/?_={now_ms}")
}

/// The logout URL.
pub const LOGOUT: &str =
    "https://hub.infomentor.se/Authentication/Authentication/LogOut?ApiType=IM1&ApiInstance=";

/// A write request body (planned by the write actions, sent by the context's Hub call).
#[derive(Debug, Clone, PartialEq)]
pub enum WriteBody {
    /// A JSON body.
    Json(serde_json::Value),
    /// A form-encoded body.
    Form(Vec<(String, String)>),
}

/// A Hub data endpoint: its path and the name used in errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HubEndpoint {
    /// Path on the Hub.
    pub path: &'static str,
    /// Name in errors (the last path segment; `app/appData` for the app data calls).
    pub name: &'static str,
}

impl HubEndpoint {
    /// The absolute URL.
    pub fn url(&self) -> String {
        format!("{HUB}{}", self.path)
    }
}

macro_rules! endpoint {
    ($ident:ident, $path:literal, $name:literal, $doc:literal) => {
        #[doc = $doc]
        pub const $ident: HubEndpoint = HubEndpoint {
            path: $path,
            name: $name,
        };
    };
}

endpoint!(
    TIMETABLE_APP_DATA,
    "/timetable/timetable/appData",
    "timetable/appData",
    "Rolling timetable window."
);
endpoint!(
    TIMETABLE_LIST,
    "/timetable/timetable/gettimetablelist",
    "gettimetablelist",
    "Timetable of a date range."
);
endpoint!(
    CALENDAR_APP_DATA,
    "/calendarv2/calendarv2/appData",
    "calendarv2/appData",
    "The calendar's entry types (names of `calendarEntryTypeId`)."
);
endpoint!(
    CALENDAR_ENTRIES,
    "/calendarv2/calendarv2/getentries",
    "getentries",
    "Calendar entries of a date range."
);
endpoint!(
    NEWS_LIST,
    "/Communication/News/GetNewsList",
    "GetNewsList",
    "News with full bodies."
);
endpoint!(
    NOTIFICATIONS,
    "/NotificationApp/NotificationApp/GetNotifications",
    "GetNotifications",
    "Notifications of every pupil."
);
endpoint!(
    CLASS_LIST,
    "/classlist/classlist/appData",
    "classlist/appData",
    "Class list and staff."
);
endpoint!(TASKS, "/task/task/GetTasks", "GetTasks", "Assignments.");
endpoint!(
    ATTENDANCE_APP_DATA,
    "/attendance/attendance/appData",
    "attendance/appData",
    "Today's and tomorrow's absence with the report flags."
);
endpoint!(
    ATTENDANCE_LIST,
    "/attendance/attendance/GetAttendanceList",
    "GetAttendanceList",
    "Past attendance registrations."
);
endpoint!(
    REGISTER_ATTENDANCE,
    "/attendance/attendance/registerAttendance",
    "registerAttendance",
    "Reports (or withdraws) a day's absence."
);
endpoint!(
    TIME_REGISTRATIONS,
    "/TimeRegistration/TimeRegistration/GetTimeRegistrations/",
    "GetTimeRegistrations",
    "A week of care times."
);
endpoint!(
    SAVE_TIME_REGISTRATIONS,
    "/TimeRegistration/TimeRegistration/SaveTimeRegistrations/",
    "SaveTimeRegistrations",
    "Saves care times."
);
endpoint!(
    CARE_COMMENTS,
    "/TimeRegistration/TimeRegistration/GetComments/",
    "GetComments",
    "One day's care-time comments."
);
endpoint!(
    SAVE_CARE_COMMENT,
    "/TimeRegistration/TimeRegistration/SaveComment/",
    "SaveComment",
    "Saves a care-time comment."
);

/// The headers every Hub data call carries.
pub fn hub_headers() -> [(&'static str, &'static str); 4] {
    [
        ("accept", "application/json, text/javascript, */*; q=0.01"),
        ("x-requested-with", "XMLHttpRequest"),
        ("origin", HUB),
        ("referer", HUB_ROOT),
    ]
}

/// The BankID page URL `P` with an extra parameter (`&initialize=qr&_=…`).
pub fn with_param(page: &str, name: &str, value: &str) -> String {
    let sep = if page.contains('?') { '&' } else { '?' };
    format!("{page}{sep}{name}={}", query_escape(value))
}

/// `P&initialize=<kind>&_=<ms>`.
pub fn bankid_initialize(page: &str, qr: bool, now_ms: i64) -> String {
    let page = with_param(page, "initialize", if qr { "qr" } else { "bankid" });
    with_param(&page, "_", &now_ms.to_string())
}

/// `P&verifyorder=<order>&_=<ms>`.
pub fn bankid_verify(page: &str, order: &str, now_ms: i64) -> String {
    let page = with_param(page, "verifyorder", order);
    with_param(&page, "_", &now_ms.to_string())
}

/// Percent-escapes a query value (unreserved characters stay).
pub fn query_escape(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The origin (`https://host`) of a URL, for a `Referer` shortened on a host change.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bankid_urls_append_parameters() {
        let p =
            "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?TYPE=1&TARGET=x";
        assert_eq!(
            bankid_initialize(p, true, 5),
            format!("{p}&initialize=qr&_=5")
        );
        assert_eq!(
            bankid_verify(p, "a-b", 6),
            format!("{p}&verifyorder=a-b&_=6")
        );
        assert_eq!(with_param("https://x/y", "a", "b c"), "https://x/y?a=b%20c");
        assert_eq!(
            sso_start("stockholm_par"),
            "https://sso.infomentor.se/login.ashx?idp=stockholm_par"
        );
        assert_eq!(
            origin_of("https://infomentor.se/swedish/production/mentor/").as_deref(),
            Some("https://infomentor.se")
        );
        assert_eq!(TASKS.url(), "https://hub.infomentor.se/task/task/GetTasks");
    }
}
