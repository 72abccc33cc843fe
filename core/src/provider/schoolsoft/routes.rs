//! Every SchoolSoft and GrandID URL the provider uses (see `docs/upstream/schoolsoft.md`).
//! A tenant's base is `https://sms.schoolsoft.se/<slug>/`; [`Tenant`] builds its URLs.

use crate::model::IsoWeek;

/// The SchoolSoft origin.
pub const SMS: &str = "https://sms.schoolsoft.se";

/// The public school list (no login): `[{ name, orgId, evaUrl, discoveryUrl? }]`.
pub const SCHOOL_LIST: &str = "https://sms.schoolsoft.se/internal/rest-api/login/schoollist";

/// GrandID's BankID pages.
pub const GRANDID: &str = "https://login.grandid.com/";

/// The GrandID page of one session with one query flag (`bankid`, `collect`, `cancel-bankid`).
pub fn grandid(session_id: &str, flag: Option<&str>) -> String {
    match flag {
        Some(flag) => format!("{GRANDID}?sessionid={}&{flag}=1", escape(session_id)),
        None => format!("{GRANDID}?sessionid={}", escape(session_id)),
    }
}

/// One tenant (`slug`): the base of every tenant URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    slug: String,
}

impl Tenant {
    /// The tenant `slug` (letters, digits, `-` and `_` only; checked by the caller).
    pub fn new(slug: &str) -> Self {
        Tenant {
            slug: slug.to_owned(),
        }
    }

    /// The slug.
    pub fn slug(&self) -> &str {
        &self.slug
    }

    /// `https://sms.schoolsoft.se/<slug>/` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{SMS}/{}/{path}", self.slug)
    }

    /// The SAML web login start (GrandID tenants).
    pub fn saml_login(&self) -> String {
        self.url("samlLogin.jsp?usertype=parent&ajaxlogin=1")
    }

    /// The JSP login form (username and password).
    pub fn login_jsp(&self) -> String {
        self.url("jsp/Login.jsp")
    }

    /// The start page that proves a web session (`#parent-header-root`).
    pub fn start_page(&self) -> String {
        self.url("jsp/student/right_student_startpage.jsp")
    }

    /// The parent header: guardian, children, child in focus. `PUT ?childId&orgId` switches.
    pub fn parent_header(&self) -> String {
        self.url("rest-api/parent/header/parent")
    }

    /// The focus switch.
    pub fn switch_child(&self, child_id: &str, org_id: &str) -> String {
        format!(
            "{}?childId={}&orgId={}",
            self.parent_header(),
            escape(child_id),
            escape(org_id)
        )
    }

    /// The OAuth token endpoint for a refresh grant (parameters in the query, empty body).
    pub fn token_refresh(&self, client_id: &str, refresh_token: &str) -> String {
        self.url(&format!(
            "rest-api/login/token?clientId={}&grantType=refresh_token&refreshToken={}",
            escape(client_id),
            escape(refresh_token)
        ))
    }

    /// Eva: the guardian (`userId`) and the children with their schools (Bearer).
    pub fn eva_parent(&self) -> String {
        self.url("eva/api/v1/parent")
    }

    /// Eva: the guardian's profile (its `socialNumber` names the account).
    pub fn eva_profile(&self, user_id: &str) -> String {
        self.url(&format!("eva/api/v1/parent/{}/profile", escape(user_id)))
    }

    /// The token → web-cookie exchange (headers `token`, `userId`, `orgId`, `childInFocus`).
    pub fn cookie_exchange(&self) -> String {
        self.url("eva-apps/auth/login/parent")
    }

    /// Where the cookie exchange sends the web view afterwards (its `redirecturl` header).
    pub fn react_parent_start(&self) -> String {
        self.url("react/#/parent/start")
    }

    /// The session check of the web REST surface (a `user` object when logged in).
    pub fn session(&self) -> String {
        self.url("rest-api/session")
    }

    /// Lessons between two dates (inclusive).
    pub fn lessons_agenda(&self, start: &str, end: &str) -> String {
        self.url(&format!(
            "rest-api/parent/calendar/lessons/agenda?start_date={start}&end_date={end}"
        ))
    }

    /// Lessons of a week with the child's attendance per lesson.
    pub fn lessons_week(&self, week: IsoWeek) -> String {
        self.url(&format!(
            "rest-api/parent/calendar/lessons/week/{}",
            week.week
        ))
    }

    /// School events between two dates.
    pub fn events_agenda(&self, start: &str, end: &str) -> String {
        self.url(&format!(
            "rest-api/parent/calendar/event/agenda?start_date={start}&end_date={end}"
        ))
    }

    /// The lunch menu of a week (web REST).
    pub fn lunch_week(&self, week: IsoWeek) -> String {
        self.url(&format!("rest-api/lunchmenu/week/{}", week.week))
    }

    /// The assignments of a week.
    pub fn assignments_week(&self, week: IsoWeek) -> String {
        self.url(&format!(
            "rest-api/parent/ps/assignments/start-page?week={}&year={}",
            week.week, week.year
        ))
    }

    /// The holistic assessments.
    pub fn holistic_rows(&self) -> String {
        self.url("rest-api/parent/holistic_assessment/rows")
    }

    /// The JSP news page (bodies inline).
    pub fn news_page(&self) -> String {
        self.url("jsp/student/right_student_news.jsp?type=1")
    }

    /// The JSP inbox (with the staff list of the compose form).
    pub fn messages_page(&self) -> String {
        self.url("jsp/student/right_student_message.jsp?folder=inbox")
    }

    /// The JSP page's base for relative links.
    pub fn jsp_student_base(&self) -> String {
        self.url("jsp/student/")
    }

    /// The absence form of a week (`termweek` = ISO week number).
    pub fn absence_form(&self, week: i8) -> String {
        self.url(&format!(
            "jsp/student/right_student_absence.jsp?type=day&termweek={week}"
        ))
    }

    /// The absence AJAX endpoint (report / withdraw a day).
    pub fn absence_ajax(&self) -> String {
        self.url("jsp/student/right_student_absence_ajax.jsp")
    }

    /// The fritids schedule of a month (0-based month, as the page wants it).
    pub fn fritids_month(&self, student_id: &str, year: i16, month0: i8, from: &str) -> String {
        self.url(&format!(
            "jsp/student/right_parent_preschool_schedule_new.jsp?requestid={}&month={month0}&year={year}&fromdate={from}",
            escape(student_id)
        ))
    }
}

/// Percent-encodes a query value.
pub fn escape(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// True for a tenant slug SchoolSoft could have (a path segment of letters, digits, `-`, `_`).
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_urls() {
        let t = Tenant::new("procivitas");
        assert_eq!(
            t.switch_child("17002", "4"),
            "https://sms.schoolsoft.se/procivitas/rest-api/parent/header/parent?childId=17002&orgId=4"
        );
        assert_eq!(
            grandid("ABC", Some("collect")),
            "https://login.grandid.com/?sessionid=ABC&collect=1"
        );
        assert!(is_valid_slug("taby"));
        assert!(!is_valid_slug("../x"));
    }
}
