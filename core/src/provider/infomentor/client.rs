//! The InfoMentor Hub provider: session, pupil switching, reads and the two write actions.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use jiff::civil::{Date, Time};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use super::flow::{self, InfoMentorLogin};
use super::parse::{self, AttendanceOverview, Availability, CareSchedule, ClassList, HubRoot};
use super::routes::{self, HubEndpoint};
use super::writes::{self, WriteBody, WritePlan};
use crate::error::{Error, LoginFailure, Result};
use crate::http::{CookieJar, HttpClient, HttpConfig, HttpRequest};
use crate::model::{
    AbsenceReportAction, AccountId, Assignment, AttendanceRecord, CalendarEvent, CareTime,
    CareTimeEditAction, Child, Classmate, EntityId, EntityKind, IsoWeek, NewsItem, Notification,
    Platform, Teacher, TimetableLesson, User,
};
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginRequest, Provider, STOCKHOLM_SSO_DOMAIN,
    SavedSession, SsoCookie, sso_cookies_in,
};

/// The provider's name.
pub const NAME: &str = "infomentor";

/// How long silent re-login attempts are blocked after one failed.
pub(crate) const SILENT_BLOCK: Duration = Duration::from_secs(300);

pub use crate::provider::WriteOutcome;

/// The InfoMentor Hub.
///
/// One cookie jar and one session per provider. Hub reads answer for the pupil selected in the
/// session, so every child-bound call switches first (and checks the switch took effect); calls
/// are serialized so that two children's reads never interleave.
#[derive(Clone)]
pub struct InfoMentorProvider {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for InfoMentorProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InfoMentorProvider")
            .field("idp", &self.inner.idp)
            .finish_non_exhaustive()
    }
}

pub(crate) struct Inner {
    pub(crate) http: HttpClient,
    pub(crate) idp: String,
    pub(crate) hub: Mutex<HubState>,
    pub(crate) silent_blocked_until: std::sync::Mutex<Option<Instant>>,
    /// SiteMinder cookies adopted from another provider, put into the fresh jar of the next
    /// login.
    pub(crate) adopted_sso: std::sync::Mutex<(Vec<SsoCookie>, Option<AccountId>)>,
    /// The class list last fetched per child and when, until the next read takes it:
    /// classmates and teachers are two resources of the sync engine but one upstream page.
    pub(crate) class_lists: Mutex<HashMap<EntityId, (Instant, ClassList)>>,
}

/// How long a fetched class list answers both the classmates and the teachers read.
const CLASS_LIST_REUSE: Duration = Duration::from_secs(60);

/// What the client knows about the Hub session.
#[derive(Default)]
pub(crate) struct HubState {
    pub(crate) root: Option<HubRoot>,
    pub(crate) account: Option<AccountId>,
    pub(crate) original_pupil: Option<String>,
}

/// The last path segment of a URL (the endpoint name in errors).
pub(crate) fn endpoint_of(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let path = path.split_once('/').map(|(_, p)| p).unwrap_or("");
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("hub root")
        .to_owned()
}

impl InfoMentorProvider {
    /// A provider for Stockholm guardians (identity provider `stockholm_par`).
    pub fn new(config: &HttpConfig) -> Result<Self> {
        Self::with_idp(config, routes::STOCKHOLM_GUARDIAN_IDP)
    }

    /// A provider for another municipality's identity provider key.
    pub fn with_idp(config: &HttpConfig, idp: &str) -> Result<Self> {
        Ok(InfoMentorProvider {
            inner: Arc::new(Inner {
                http: HttpClient::with_jar(config, CookieJar::new())?,
                idp: idp.to_owned(),
                hub: Mutex::new(HubState::default()),
                silent_blocked_until: std::sync::Mutex::new(None),
                adopted_sso: std::sync::Mutex::new((Vec::new(), None)),
                class_lists: Mutex::new(HashMap::new()),
            }),
        })
    }

    fn http(&self) -> &HttpClient {
        &self.inner.http
    }

    /// Loads and parses the Hub start page (session cookies required).
    pub(crate) async fn load_root(inner: &Inner, hub: &mut HubState) -> Result<HubRoot> {
        let request = HttpRequest::get("hub root", routes::HUB_ROOT)?;
        let response = inner.http.follow(request).await?;
        let html = response.html_text()?;
        let root = parse::parse_hub_root(&html, hub.account.as_ref())?;
        hub.account = Some(root.account.clone());
        hub.root = Some(root.clone());
        Ok(root)
    }

    /// Makes `child` the selected pupil (switching and checking when needed).
    async fn select(&self, hub: &mut HubState, child: &Child) -> Result<()> {
        let want = child
            .refs
            .infomentor
            .as_ref()
            .map(|r| r.pupil_id.clone())
            .ok_or_else(|| {
                Error::InvalidInput("the child is not an InfoMentor pupil".to_owned())
            })?;
        let root = match &hub.root {
            Some(r) => r.clone(),
            None => Self::load_root(&self.inner, hub).await?,
        };
        if root.selected_pupil_id.as_deref() == Some(want.as_str()) {
            return Ok(());
        }
        let pupil = root
            .pupils
            .iter()
            .find(|p| p.pupil_id == want)
            .ok_or_else(|| {
                Error::InvalidInput("the child is not a pupil of this account".to_owned())
            })?;
        let path = pupil
            .switch_path
            .clone()
            .ok_or_else(|| Error::parse("SwitchPupil", "the switch URL failed validation"))?;
        if hub.original_pupil.is_none() {
            hub.original_pupil = root.selected_pupil_id.clone();
        }
        let request = HttpRequest::get("SwitchPupil", &format!("{}{path}", routes::HUB))?;
        let response = self.http().follow(request).await?;
        let html = response.html_text()?;
        let after = parse::parse_hub_root(&html, hub.account.as_ref())?;
        hub.root = Some(after.clone());
        if after.selected_pupil_id.as_deref() != Some(want.as_str()) {
            // The wrong-pupil guard: never read data for the wrong child.
            return Err(Error::WrongChild {
                endpoint: "SwitchPupil".to_owned(),
            });
        }
        Ok(())
    }

    /// Switches back to the pupil that was selected before this session's reads, so that a
    /// guardian who also uses the web sees no surprise. Call after a sync.
    pub async fn restore_original_pupil(&self) -> Result<()> {
        let mut hub = self.inner.hub.lock().await;
        let Some(original) = hub.original_pupil.clone() else {
            return Ok(());
        };
        let Some(root) = hub.root.clone() else {
            return Ok(());
        };
        if let Some(child) = root
            .children
            .iter()
            .find(|c| c.refs.infomentor.as_ref().map(|r| r.pupil_id.as_str()) == Some(&original))
        {
            self.select(&mut hub, child).await?;
        }
        hub.original_pupil = None;
        Ok(())
    }

    /// One Hub data call (POST, JSON body): the body text, or `None` when the app is not
    /// available for the pupil (a redirect to `HandleUnauthorizedRequest`).
    async fn hub_post(
        &self,
        endpoint: HubEndpoint,
        body: Option<&WriteBody>,
    ) -> Result<Option<String>> {
        let mut request = HttpRequest::post(endpoint.name, &endpoint.url())?;
        for (name, value) in routes::hub_headers() {
            request = request.header(name, value);
        }
        request = match body {
            Some(WriteBody::Json(v)) => request.json(v),
            Some(WriteBody::Form(pairs)) => {
                let pairs: Vec<(&str, &str)> = pairs
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                request.form(&pairs)
            }
            None => request.body("", "application/json; charset=utf-8"),
        };
        let response = self.http().send(&request).await?;
        let status = response.status();
        if (300..400).contains(&status) {
            let location = response
                .location()
                .map(|u| u.to_string())
                .unwrap_or_default();
            return match parse::classify_redirect(&location) {
                parse::RedirectMeaning::NotAvailable => Ok(None),
                parse::RedirectMeaning::SessionExpired => Err(Error::SessionExpired {
                    endpoint: endpoint.name.to_owned(),
                }),
                parse::RedirectMeaning::Error | parse::RedirectMeaning::Follow => Err(
                    Error::upstream(endpoint.name, Some(status), "unexpected redirect"),
                ),
            };
        }
        if status == 401 || status == 403 {
            return Err(Error::SessionExpired {
                endpoint: endpoint.name.to_owned(),
            });
        }
        response.ensure_success()?;
        Ok(Some(response.text().into_owned()))
    }

    /// A read (or a read-then-write) for `child` with one silent re-login and retry when the
    /// session turns out to be dead.
    async fn with_session<T, F, Fut>(&self, op: F) -> Result<T>
    where
        F: Fn() -> Fut + Send + Sync,
        Fut: std::future::Future<Output = Result<T>> + Send,
        T: Send,
    {
        match op().await {
            Err(Error::SessionExpired { endpoint }) => {
                if flow::silent_relogin(&self.inner).await {
                    op().await
                } else {
                    Err(Error::SessionExpired { endpoint })
                }
            }
            other => other,
        }
    }

    /// Fetches and parses one app for `child` (or for the session when `child` is `None`).
    async fn read<T: Send>(
        &self,
        child: Option<&Child>,
        endpoint: HubEndpoint,
        body: Option<Value>,
        parse: impl Fn(&str) -> Result<Availability<T>> + Send + Sync,
    ) -> Result<Availability<T>> {
        let body = body.map(WriteBody::Json);
        self.with_session(|| async {
            let mut hub = self.inner.hub.lock().await;
            if let Some(child) = child {
                self.select(&mut hub, child).await?;
            }
            match self.hub_post(endpoint, body.as_ref()).await? {
                None => Ok(Availability::NotAvailable),
                Some(text) => parse(&text),
            }
        })
        .await
    }

    /// A child's class list (classmates and staff). A fetched list is kept for the next read
    /// of the same child within [`CLASS_LIST_REUSE`] and handed over once: the classmates read
    /// fetches, the teachers read of the same refresh takes it, and the next refresh asks the
    /// upstream again. Concurrent reads of one child wait for one request.
    async fn class_list(&self, child: &Child) -> Result<ClassList> {
        let mut lists = self.inner.class_lists.lock().await;
        if let Some((at, list)) = lists.remove(&child.id)
            && at.elapsed() < CLASS_LIST_REUSE
        {
            return Ok(list);
        }
        let list = self
            .read(Some(child), routes::CLASS_LIST, None, |t| {
                parse::parse_class_list(t, &child.id)
            })
            .await?
            .or_empty();
        lists.insert(child.id.clone(), (Instant::now(), list.clone()));
        Ok(list)
    }

    /// A child's assignments: the task app, plus calendar entries that are tasks (merged by id).
    pub async fn fetch_assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        let mut tasks = self
            .read(
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
        let types = match self
            .read(Some(child), routes::CALENDAR_APP_DATA, None, |t| {
                parse::parse_calendar_app_data(t)
            })
            .await
        {
            Ok(types) => types.or_empty(),
            Err(e @ (Error::SessionExpired { .. } | Error::WrongChild { .. })) => return Err(e),
            Err(e) => {
                tracing::warn!(error = %e, "calendar entry types not read; titles decide");
                parse::CalendarTypes::default()
            }
        };
        self.read(
            Some(child),
            routes::CALENDAR_ENTRIES,
            Some(json!({ "startDate": range.start.to_string(), "endDate": range.end.to_string() })),
            |t| parse::parse_calendar_entries_with_types(t, &child.id, &types),
        )
        .await
    }

    /// Today's and tomorrow's absence, the report offers, and the past registrations.
    pub async fn attendance_overview(&self, child: &Child) -> Result<AttendanceOverview> {
        let mut overview = self
            .read(Some(child), routes::ATTENDANCE_APP_DATA, None, |t| {
                parse::parse_attendance_app_data(t, &child.id)
            })
            .await?
            .or_empty();
        if let Availability::Available(list) = self
            .read(
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

    /// The care weeks touching `range`, each read once.
    /// One kind of per-day item (`pick`) of the care weeks covering `range`: only the days in
    /// `range`, one item per day (weeks can overlap at the edges).
    async fn care_week_items<T>(
        &self,
        child: &Child,
        range: DateRange,
        pick: impl Fn(CareSchedule) -> Vec<T>,
        date: impl Fn(&T) -> Date,
    ) -> Result<Vec<T>> {
        let mut items: Vec<T> = self
            .care_weeks(child, range)
            .await?
            .into_iter()
            .flat_map(pick)
            .filter(|item| range.contains(date(item)))
            .collect();
        items.dedup_by(|a, b| date(a) == date(b));
        Ok(items)
    }

    async fn care_weeks(&self, child: &Child, range: DateRange) -> Result<Vec<CareSchedule>> {
        let mut out = Vec::new();
        let mut day = range.start;
        let mut weeks = 0;
        while day <= range.end && weeks < 60 {
            out.push(self.care_schedule(child, day).await?);
            weeks += 1;
            let Ok(next) = day.checked_add(jiff::Span::new().days(7)) else {
                break;
            };
            day = next;
        }
        Ok(out)
    }

    async fn care_week(
        &self,
        child: &Child,
        date: Date,
    ) -> Result<(Availability<CareSchedule>, Option<Value>)> {
        let body = json!({ "date": date.to_string(), "showNextWeekIfNoMoreSchoolDays": false });
        let raw_day = std::sync::Mutex::new(None);
        let schedule = self
            .read(Some(child), routes::TIME_REGISTRATIONS, Some(body), |t| {
                if let Ok(Availability::Available(day)) = parse::raw_care_day(t, date)
                    && let Ok(mut slot) = raw_day.lock()
                {
                    *slot = day;
                }
                parse::parse_time_registrations(t, &child.id)
            })
            .await?;
        let raw = raw_day.lock().ok().and_then(|mut s| s.take());
        Ok((schedule, raw))
    }

    /// The care times (and edit offers) of the week containing `date`, with each day's comments
    /// and actual times where the Hub says there are comments.
    pub async fn care_schedule(&self, child: &Child, date: Date) -> Result<CareSchedule> {
        let (schedule, _) = self.care_week(child, date).await?;
        let mut schedule = schedule.or_empty();
        for day in schedule.days.iter_mut().filter(|d| d.has_comments) {
            let comments = self
                .read(
                    Some(child),
                    routes::CARE_COMMENTS,
                    Some(json!({ "date": day.date.to_string() })),
                    parse::parse_care_time_comments,
                )
                .await;
            if let Ok(Availability::Available(c)) = comments {
                c.apply_to(day);
            }
        }
        Ok(schedule)
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
        self.with_session(|| async {
            let fresh = self.fresh_attendance(child).await?;
            let plan = writes::plan_absence_report(&fresh, day, absent, false)?;
            let WritePlan::Send(body) = plan else {
                return Ok(WriteOutcome::AlreadyDone);
            };
            self.write(child, routes::REGISTER_ATTENDANCE, &body)
                .await?;
            let after = self.fresh_attendance(child).await?;
            let applied = after
                .actions
                .iter()
                .any(|a| a.day == day && a.already_reported == absent);
            if applied {
                Ok(WriteOutcome::Done)
            } else {
                Err(Error::upstream(
                    "registerAttendance",
                    None,
                    "the absence report does not show after saving",
                ))
            }
        })
        .await
    }

    async fn fresh_attendance(&self, child: &Child) -> Result<AttendanceOverview> {
        let mut hub = self.inner.hub.lock().await;
        self.select(&mut hub, child).await?;
        match self.hub_post(routes::ATTENDANCE_APP_DATA, None).await? {
            Some(text) => match parse::parse_attendance_app_data(&text, &child.id)? {
                Availability::Available(o) => Ok(o),
                Availability::NotAvailable => Err(Error::Unsupported {
                    platform: NAME.to_owned(),
                    what: "absence reports for this child".to_owned(),
                }),
            },
            None => Err(Error::Unsupported {
                platform: NAME.to_owned(),
                what: "absence reports for this child".to_owned(),
            }),
        }
    }

    async fn write(&self, child: &Child, endpoint: HubEndpoint, body: &WriteBody) -> Result<()> {
        let mut hub = self.inner.hub.lock().await;
        self.select(&mut hub, child).await?;
        match self.hub_post(endpoint, Some(body)).await? {
            Some(text) if text.trim().is_empty() => Err(Error::SessionExpired {
                endpoint: endpoint.name.to_owned(),
            }),
            Some(text) => {
                if text.trim_start().starts_with('{') {
                    writes::check_save_answer(endpoint.name, &text).or_else(|e| match e {
                        // An answer without a success flag: the read-back decides.
                        Error::Parse { .. } => Ok(()),
                        other => Err(other),
                    })
                } else {
                    Ok(())
                }
            }
            None => Err(Error::Unsupported {
                platform: NAME.to_owned(),
                what: endpoint.name.to_owned(),
            }),
        }
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
        self.with_session(|| async {
            let (schedule, raw) = self.care_week(child, date).await?;
            let Availability::Available(fresh) = schedule else {
                return Err(Error::Unsupported {
                    platform: NAME.to_owned(),
                    what: "care times for this child".to_owned(),
                });
            };
            let raw = raw.ok_or_else(|| Error::Unsupported {
                platform: NAME.to_owned(),
                what: format!("care times for {date}"),
            })?;
            let WritePlan::Send(body) = writes::plan_care_times(&fresh, &raw, date, start, end)?
            else {
                return Ok(WriteOutcome::AlreadyDone);
            };
            self.write(child, routes::SAVE_TIME_REGISTRATIONS, &body)
                .await?;
            let (after, _) = self.care_week(child, date).await?;
            let ok = after.or_empty().days.iter().any(|d| {
                d.date == date
                    && d.start
                        .as_ref()
                        .map(|z| crate::time::in_stockholm(z).time())
                        == Some(start)
                    && d.end.as_ref().map(|z| crate::time::in_stockholm(z).time()) == Some(end)
            });
            if ok {
                Ok(WriteOutcome::Done)
            } else {
                Err(Error::upstream(
                    "SaveTimeRegistrations",
                    None,
                    "the care times do not show after saving",
                ))
            }
        })
        .await
    }

    /// Sets the guardian's comment of a care-time day.
    pub async fn save_care_comment(
        &self,
        child: &Child,
        date: Date,
        text: &str,
    ) -> Result<WriteOutcome> {
        self.with_session(|| async {
            let (schedule, _) = self.care_week(child, date).await?;
            let fresh = schedule.available().ok_or_else(|| Error::Unsupported {
                platform: NAME.to_owned(),
                what: "care-time comments for this child".to_owned(),
            })?;
            let comments = self
                .read(
                    Some(child),
                    routes::CARE_COMMENTS,
                    Some(json!({ "date": date.to_string() })),
                    parse::parse_care_time_comments,
                )
                .await?
                .available();
            let current = comments.as_ref().and_then(|c| c.guardian_comment.clone());
            let comment_id = comments.as_ref().and_then(|c| c.comment_id.clone());
            let WritePlan::Send(body) = writes::plan_care_comment(
                &fresh,
                date,
                current.as_deref(),
                comment_id.as_deref(),
                text,
            )?
            else {
                return Ok(WriteOutcome::AlreadyDone);
            };
            self.write(child, routes::SAVE_CARE_COMMENT, &body).await?;
            Ok(WriteOutcome::Done)
        })
        .await
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
        }
    }

    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        match request {
            LoginRequest::BankId { other_device, .. } => Ok(Box::new(
                InfoMentorLogin::start(Arc::clone(&self.inner), other_device).await?,
            )),
            LoginRequest::Freja => Err(Error::Login(LoginFailure::MethodNotSupported)),
        }
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        if saved.provider != NAME {
            return Err(Error::InvalidInput(
                "the saved session belongs to another provider".to_owned(),
            ));
        }
        self.http().jar().restore(&saved.secret)?;
        let mut hub = self.inner.hub.lock().await;
        *hub = HubState {
            account: Some(saved.account.clone()),
            ..HubState::default()
        };
        let root = Self::load_root(&self.inner, &mut hub).await?;
        Ok(root.user)
    }

    fn sso_cookies(&self) -> Vec<SsoCookie> {
        sso_cookies_in(self.http().jar(), STOCKHOLM_SSO_DOMAIN)
    }

    fn adopt_sso_cookies(&self, cookies: &[SsoCookie], account: &AccountId) {
        *self
            .inner
            .adopted_sso
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = (cookies.to_vec(), Some(account.clone()));
    }

    fn saved_session(&self) -> Option<SavedSession> {
        let account = self.inner.hub.try_lock().ok()?.account.clone()?;
        Some(SavedSession {
            provider: NAME.to_owned(),
            account,
            secret: self.http().jar().to_secret().ok()?,
        })
    }

    fn session_headers(&self, url: &str) -> Vec<(String, String)> {
        let Ok(parsed) = url::Url::parse(url) else {
            return Vec::new();
        };
        let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
        if host != "infomentor.se" && !host.ends_with(".infomentor.se") {
            return Vec::new();
        }
        self.http()
            .jar()
            .cookie_header(&parsed)
            .map(|c| vec![("cookie".to_owned(), c)])
            .unwrap_or_default()
    }

    async fn logout(&self) -> Result<()> {
        if let Ok(request) = HttpRequest::get("LogOut", routes::LOGOUT) {
            // Best effort: the local session is forgotten either way.
            let _ = self.http().follow(request.login_flow()).await;
        }
        self.http().jar().clear();
        *self.inner.hub.lock().await = HubState::default();
        self.inner.class_lists.lock().await.clear();
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        let mut hub = self.inner.hub.lock().await;
        match &hub.root {
            Some(root) => Ok(root.user.clone()),
            None => Ok(Self::load_root(&self.inner, &mut hub).await?.user),
        }
    }

    async fn children(&self) -> Result<Vec<Child>> {
        self.with_session(|| async {
            let mut hub = self.inner.hub.lock().await;
            Ok(Self::load_root(&self.inner, &mut hub).await?.children)
        })
        .await
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        Ok(self
            .read(
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
        let all = self
            .read(None, routes::NOTIFICATIONS, Some(json!({})), |t| {
                parse::parse_notifications(t, &account, None)
            })
            .await?
            .or_empty();
        Ok(all.into_iter().filter(|n| n.child_id == child.id).collect())
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        let range = DateRange::of_week(week);
        let offset_minutes = crate::time::start_of_day(range.start).offset().seconds() / 60;
        Ok(self
            .read(
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
        self.care_week_items(child, range, |w| w.days, |d| d.date)
            .await
    }

    async fn absence_report_actions(&self, child: &Child) -> Result<Vec<AbsenceReportAction>> {
        Ok(self.attendance_overview(child).await?.actions)
    }

    async fn care_time_edit_actions(
        &self,
        child: &Child,
        range: DateRange,
    ) -> Result<Vec<CareTimeEditAction>> {
        self.care_week_items(child, range, |w| w.actions, |a| a.date)
            .await
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        Ok(self.class_list(child).await?.teachers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_names() {
        assert_eq!(
            endpoint_of("https://sso.infomentor.se/login.ashx?idp=x"),
            "login.ashx"
        );
        assert_eq!(
            endpoint_of("https://infomentor.se/swedish/production/mentor/"),
            "mentor"
        );
        assert_eq!(endpoint_of("https://hub.infomentor.se/"), "hub root");
    }
}
