//! [`InfoMentorProvider`]: the InfoMentor Hub — the `Provider` impl, its reads (pupil switching
//! through the context, one silent re-login per read) and the public write and care-time calls.

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use jiff::civil::{Date, Time};
use serde_json::json;

use super::NAME;
use super::care_times::{self, care_week_items};
use super::context::{Context, HubState};
use super::login::{
    InfoMentorLogin, LoginKind, PasswordLogin, known_organisations, open_secret, seal_secret,
    validate_idp,
};
use super::parse::{self, AttendanceOverview, Availability, CareSchedule, ClassList};
use super::reads::{read, with_session};
use super::routes;
use super::writes;
use crate::error::{Error, LoginFailure, Result};
use crate::http::{CookieJar, HttpClient, HttpConfig, HttpRequest};
use crate::model::{
    AbsenceReportAction, AccountId, Assignment, AttendanceRecord, CalendarEvent, CareTime,
    CareTimeEditAction, Child, Classmate, EntityKind, IsoWeek, NewsItem, Notification, Platform,
    Teacher, TimetableLesson, User,
};
use crate::provider::infomentor::InfoMentorPupilRef;
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginRequest, Organisation, Provider,
    STOCKHOLM_SSO_DOMAIN, SavedSession, SsoCookie, WriteOutcome, matching_organisations,
    sso_cookies_in,
};

/// The InfoMentor Hub.
///
/// One cookie jar and one session per provider. Hub reads answer for the pupil selected in the
/// session, so every child-bound call switches first (and checks the switch took effect); calls
/// are serialized so that two children's reads never interleave.
#[derive(Clone)]
pub struct InfoMentorProvider {
    pub(crate) context: Arc<Context>,
}

impl std::fmt::Debug for InfoMentorProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InfoMentorProvider")
            .field("idp", &self.context.idp())
            .finish_non_exhaustive()
    }
}

/// How long a fetched class list answers both the classmates and the teachers read.
const CLASS_LIST_REUSE: Duration = Duration::from_secs(60);

impl InfoMentorProvider {
    /// A provider for Stockholm guardians (identity provider `stockholm_par`).
    pub fn new(config: &HttpConfig) -> Result<Self> {
        Self::with_idp(config, routes::STOCKHOLM_GUARDIAN_IDP)
    }

    /// A provider for another municipality's identity provider key (checked as
    /// [`Provider::set_organisation`] does).
    pub fn with_idp(config: &HttpConfig, idp: &str) -> Result<Self> {
        let idp = validate_idp(idp)?;
        let http = HttpClient::with_jar(
            &config
                .clone()
                .for_provider(super::HOSTS, super::LOGIN_HOSTS),
            CookieJar::new(),
        )?;
        Ok(InfoMentorProvider {
            context: Arc::new(Context::new(http, &idp)),
        })
    }

    /// Switches back to the pupil that was selected before this session's reads, so that a
    /// guardian who also uses the web sees no surprise. Call after a sync.
    pub async fn restore_original_pupil(&self) -> Result<()> {
        let mut hub = self.context.hub.lock().await;
        let Some(original) = hub.original_pupil.clone() else {
            return Ok(());
        };
        let Some(root) = hub.root.clone() else {
            return Ok(());
        };
        if let Some(child) = root.children.iter().find(|c| {
            c.refs
                .get::<InfoMentorPupilRef>()
                .is_some_and(|r| r.pupil_id == original)
        }) {
            self.context.select(&mut hub, child).await?;
        }
        hub.original_pupil = None;
        Ok(())
    }

    /// A child's class list (classmates and staff). A fetched list is kept for the next read
    /// of the same child within [`CLASS_LIST_REUSE`] and handed over once: the classmates read
    /// fetches, the teachers read of the same refresh takes it, and the next refresh asks the
    /// upstream again. Concurrent reads of one child wait for one request.
    async fn class_list(&self, child: &Child) -> Result<ClassList> {
        let mut lists = self.context.class_lists.lock().await;
        if let Some((at, list)) = lists.remove(&child.id)
            && at.elapsed() < CLASS_LIST_REUSE
        {
            return Ok(list);
        }
        let list = read(&self.context, Some(child), routes::CLASS_LIST, None, |t| {
            parse::parse_class_list(t, &child.id)
        })
        .await?
        .or_empty();
        lists.insert(child.id.clone(), (Instant::now(), list.clone()));
        Ok(list)
    }

    /// A child's assignments: the task app, plus calendar entries that are tasks (merged by id).
    pub async fn fetch_assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        let mut tasks = read(
            &self.context,
            Some(child),
            routes::TASKS,
            Some(json!({ "page": 1, "pageSize": 100 })),
            |t| parse::parse_tasks(t, &child.id),
        )
        .await?
        .or_empty();
        let today = crate::time::today();
        let range = DateRange::new(
            today
                .checked_sub(jiff::Span::new().days(14))
                .unwrap_or(today),
            today
                .checked_add(jiff::Span::new().days(60))
                .unwrap_or(today),
        );
        if let Availability::Available(entries) = self.calendar_entries(child, range).await? {
            for a in entries.assignments {
                if !tasks.iter().any(|t| t.id == a.id) {
                    tasks.push(a);
                }
            }
        }
        Ok(tasks)
    }

    async fn calendar_entries(
        &self,
        child: &Child,
        range: DateRange,
    ) -> Result<Availability<parse::CalendarEntries>> {
        // The school's entry types tell holidays apart; without them, titles decide.
        // A failing appData costs only the types (not the calendar); a dead session does not.
        let types = match read(
            &self.context,
            Some(child),
            routes::CALENDAR_APP_DATA,
            None,
            parse::parse_calendar_app_data,
        )
        .await
        {
            Ok(types) => types.or_empty(),
            Err(e @ (Error::SessionExpired { .. } | Error::WrongChild { .. })) => return Err(e),
            Err(e) => {
                tracing::warn!(error = %e, "calendar entry types not read; titles decide");
                parse::CalendarTypes::default()
            }
        };
        read(
            &self.context,
            Some(child),
            routes::CALENDAR_ENTRIES,
            Some(json!({ "startDate": range.start.to_string(), "endDate": range.end.to_string() })),
            |t| parse::parse_calendar_entries_with_types(t, &child.id, &types),
        )
        .await
    }

    /// Today's and tomorrow's absence, the report offers, and the past registrations.
    pub async fn attendance_overview(&self, child: &Child) -> Result<AttendanceOverview> {
        let mut overview = read(
            &self.context,
            Some(child),
            routes::ATTENDANCE_APP_DATA,
            None,
            |t| parse::parse_attendance_app_data(t, &child.id),
        )
        .await?
        .or_empty();
        if let Availability::Available(list) = read(
            &self.context,
            Some(child),
            routes::ATTENDANCE_LIST,
            Some(json!({ "page": 1, "pageSize": 50 })),
            |t| parse::parse_attendance_list(t, &child.id),
        )
        .await
        .unwrap_or(Availability::NotAvailable)
        {
            let known: Vec<_> = overview.records.iter().map(|r| r.id.clone()).collect();
            overview
                .records
                .extend(list.into_iter().filter(|r| !known.contains(&r.id)));
        }
        Ok(overview)
    }

    /// The care times (and edit offers) of the week containing `date`, with each day's comments
    /// and actual times where the Hub says there are comments.
    pub async fn care_schedule(&self, child: &Child, date: Date) -> Result<CareSchedule> {
        care_times::care_schedule(&self.context, child, date).await
    }

    /// Reports `child` absent (sick) for `day` (today or tomorrow), or withdraws the report
    /// (`absent = false`). Checks the permission on a fresh read; does nothing when the wanted
    /// state is already there; verifies with a read afterwards.
    pub async fn report_absence(
        &self,
        child: &Child,
        day: Date,
        absent: bool,
    ) -> Result<WriteOutcome> {
        writes::report_absence(&self.context, child, day, absent).await
    }

    /// Sets the planned care times of `date` (arrival `start`, pick-up `end`). Checks the
    /// permission on a fresh read, does nothing when the times are already set, verifies after.
    pub async fn save_care_times(
        &self,
        child: &Child,
        date: Date,
        start: Time,
        end: Time,
    ) -> Result<WriteOutcome> {
        writes::save_care_times(&self.context, child, date, start, end).await
    }

    /// Sets the guardian's comment of a care-time day.
    pub async fn save_care_comment(
        &self,
        child: &Child,
        date: Date,
        text: &str,
    ) -> Result<WriteOutcome> {
        writes::save_care_comment(&self.context, child, date, text).await
    }
}

#[async_trait]
impl Provider for InfoMentorProvider {
    async fn report_absence(&self, child: &Child, day: Date, absent: bool) -> Result<WriteOutcome> {
        InfoMentorProvider::report_absence(self, child, day, absent).await
    }

    async fn set_care_times(
        &self,
        child: &Child,
        date: Date,
        start: Time,
        end: Time,
    ) -> Result<WriteOutcome> {
        InfoMentorProvider::save_care_times(self, child, date, start, end).await
    }

    fn name(&self) -> &'static str {
        NAME
    }

    fn platforms(&self) -> Vec<Platform> {
        vec![Platform::InfoMentor]
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            login_methods: vec![
                LoginMethod::BankIdSameDevice,
                LoginMethod::BankIdOtherDevice,
                LoginMethod::Password,
                LoginMethod::SavedSession,
            ],
            entities: vec![
                EntityKind::User,
                EntityKind::Child,
                EntityKind::News,
                EntityKind::CalendarEvent,
                EntityKind::Notification,
                EntityKind::Lesson,
                EntityKind::Classmate,
                EntityKind::Teacher,
                EntityKind::Assignment,
                EntityKind::Attendance,
                EntityKind::CareTime,
                EntityKind::AbsenceReportAction,
                EntityKind::CareTimeEditAction,
            ],
            bankid_without_personal_number: true,
            organisation_required: false,
        }
    }

    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        match request {
            LoginRequest::BankId { other_device, .. } => Ok(Box::new(
                InfoMentorLogin::start(Arc::clone(&self.context), other_device).await?,
            )),
            LoginRequest::Password { username, password } => Ok(Box::new(PasswordLogin::new(
                Arc::clone(&self.context),
                &username,
                password,
            )?)),
            LoginRequest::Freja | LoginRequest::Browser { .. } => {
                Err(Error::Login(LoginFailure::MethodNotSupported))
            }
        }
    }

    /// The municipalities whose identity-provider keys are known (Stockholm's). The IM1
    /// username/password login is not an organisation: it needs no choice
    /// ([`LoginRequest::Password`] always goes to the IM1 form).
    async fn organisations(&self, query: &str) -> Result<Vec<Organisation>> {
        Ok(matching_organisations(known_organisations(), query))
    }

    /// Chooses the municipality's identity-provider key (`idp`) of the next BankID/SAML login
    /// (default `stockholm_par`). Any well-formed key is accepted, since other municipalities'
    /// keys are not published; it is kept in the saved session.
    fn set_organisation(&self, id: &str) -> Result<()> {
        let idp = validate_idp(id)?;
        self.context.set_idp(idp);
        Ok(())
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        if saved.provider != NAME {
            return Err(Error::InvalidInput(
                "the saved session belongs to another provider".to_owned(),
            ));
        }
        let (choice, jar) = open_secret(&saved.secret)?;
        self.context.http.jar().restore(&jar)?;
        if let Some(choice) = choice {
            self.context.set_choice(choice);
        } else {
            // Saved before the choice was kept: a federated login with this provider's idp.
            self.context.set_kind(LoginKind::Federated);
        }
        let mut hub = self.context.hub.lock().await;
        *hub = HubState {
            account: Some(saved.account.clone()),
            ..HubState::default()
        };
        let root = self.context.load_root(&mut hub).await?;
        Ok(root.user)
    }

    fn sso_cookies(&self) -> Vec<SsoCookie> {
        sso_cookies_in(self.context.http.jar(), STOCKHOLM_SSO_DOMAIN)
    }

    fn adopt_sso_cookies(&self, cookies: &[SsoCookie], account: &AccountId) {
        *self
            .context
            .adopted_sso
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = (cookies.to_vec(), Some(account.clone()));
    }

    fn saved_session(&self) -> Option<SavedSession> {
        let account = self.context.hub.try_lock().ok()?.account.clone()?;
        Some(SavedSession {
            provider: NAME.to_owned(),
            account,
            secret: seal_secret(
                &self.context.choice(),
                self.context.http.jar().to_secret().ok()?,
            )
            .ok()?,
        })
    }

    fn content_http(&self) -> Option<crate::http::HttpClient> {
        Some(self.context.http.clone())
    }

    fn session_headers(&self, url: &str) -> Vec<(String, String)> {
        let Ok(parsed) = url::Url::parse(url) else {
            return Vec::new();
        };
        let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
        let ours = host == "infomentor.se" || host.ends_with(".infomentor.se");
        if parsed.scheme() != "https" || !ours {
            return Vec::new();
        }
        self.context
            .http
            .jar()
            .cookie_header(&parsed)
            .map(|c| vec![("cookie".to_owned(), c)])
            .unwrap_or_default()
    }

    async fn logout(&self) -> Result<()> {
        if let Ok(request) = HttpRequest::get("LogOut", routes::LOGOUT) {
            // Best effort: the local session is forgotten either way.
            let _ = self.context.http.follow(request.login_flow()).await;
        }
        self.context.http.jar().clear();
        *self.context.hub.lock().await = HubState::default();
        self.context.class_lists.lock().await.clear();
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        let mut hub = self.context.hub.lock().await;
        match &hub.root {
            Some(root) => Ok(root.user.clone()),
            None => Ok(self.context.load_root(&mut hub).await?.user),
        }
    }

    async fn children(&self) -> Result<Vec<Child>> {
        with_session(&self.context, || async {
            let mut hub = self.context.hub.lock().await;
            Ok(self.context.load_root(&mut hub).await?.children)
        })
        .await
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        Ok(read(
            &self.context,
            Some(child),
            routes::NEWS_LIST,
            Some(json!({ "pageSize": -1, "sortBy": "lastPublishDate___SORT_DESC" })),
            |t| parse::parse_news_list(t, &child.id),
        )
        .await?
        .or_empty())
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        Ok(self
            .calendar_entries(child, range)
            .await?
            .or_empty()
            .events
            .into_iter()
            .filter(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start)
            .collect())
    }

    async fn notifications(&self, child: &Child) -> Result<Vec<Notification>> {
        let account = child.id.account();
        // The feed covers every pupil: no switching needed.
        let all = read(
            &self.context,
            None,
            routes::NOTIFICATIONS,
            Some(json!({})),
            |t| parse::parse_notifications(t, &account, None),
        )
        .await?
        .or_empty();
        Ok(all.into_iter().filter(|n| n.child_id == child.id).collect())
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        let range = DateRange::of_week(week);
        let offset_minutes = crate::time::start_of_day(range.start).offset().seconds() / 60;
        Ok(read(
            &self.context,
            Some(child),
            routes::TIMETABLE_LIST,
            Some(json!({
                "UTCOffset": -offset_minutes,
                "start": range.start.to_string(),
                "end": range.end.to_string(),
            })),
            |t| parse::parse_timetable_list(t, &child.id),
        )
        .await?
        .or_empty())
    }

    async fn classmates(&self, child: &Child) -> Result<Vec<Classmate>> {
        Ok(self.class_list(child).await?.classmates)
    }

    async fn assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        self.fetch_assignments(child).await
    }

    async fn attendance(&self, child: &Child) -> Result<Vec<AttendanceRecord>> {
        Ok(self.attendance_overview(child).await?.records)
    }

    async fn care_times(&self, child: &Child, range: DateRange) -> Result<Vec<CareTime>> {
        care_week_items(&self.context, child, range, |w| w.days, |d| d.date).await
    }

    async fn absence_report_actions(&self, child: &Child) -> Result<Vec<AbsenceReportAction>> {
        Ok(self.attendance_overview(child).await?.actions)
    }

    async fn care_time_edit_actions(
        &self,
        child: &Child,
        range: DateRange,
    ) -> Result<Vec<CareTimeEditAction>> {
        care_week_items(&self.context, child, range, |w| w.actions, |a| a.date).await
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        Ok(self.class_list(child).await?.teachers)
    }
}

#[cfg(test)]
mod session_header_tests {
    use super::*;

    #[test]
    fn session_headers_only_for_infomentor_over_https() {
        let provider = InfoMentorProvider::new(&HttpConfig::production()).unwrap();
        let hub = url::Url::parse("https://hub.infomentor.se/").unwrap();
        assert!(provider.context.http.jar().set_cookie(
            "ASP.NET_SessionId=s3cr3t; Domain=infomentor.se; Path=/; HttpOnly",
            &hub
        ));
        let headers = provider.session_headers("https://hub.infomentor.se/Communication/News");
        assert_eq!(headers.len(), 1);
        assert!(headers[0].1.contains("s3cr3t"));
        for elsewhere in [
            "http://hub.infomentor.se/Communication/News",
            "https://hub.infomentor.se.example.org/",
            "https://example.org/?u=hub.infomentor.se",
            "https://evilinfomentor.se/",
            "not a url",
        ] {
            assert!(
                provider.session_headers(elsewhere).is_empty(),
                "{elsewhere}"
            );
        }
    }
}
