//! [`VklassProvider`]: the `Provider` impl of Vklass's guardian application.

use std::sync::Arc;

use async_trait::async_trait;
use jiff::civil::Date;

use super::context::{Context, SessionSecret, SessionState, pupil_id};
use super::login::goteborg_bankid::GoteborgBankIdLogin;
use super::login::{organisations, password};
use super::parse;
use super::reads;
use super::routes;
use super::{NAME, writes};
use crate::error::{Error, LoginFailure, Result};
use crate::http::{CookieJar, HttpClient, HttpConfig};
use crate::model::{
    AbsenceReportAction, Assignment, AttendanceRecord, CalendarEvent, CareTime, Child, Classmate,
    EntityKind, IsoWeek, MenuDay, NewsItem, Platform, Teacher, TimetableLesson, User,
};
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginRequest, Organisation, Provider,
    ReadyFlow, SavedSession, WriteOutcome, matching_organisations,
};

/// Vklass (`custodian.vklass.se`).
///
/// One cookie jar per provider; the session ticket is the `se.vklass.authentication` cookie.
/// Vklass has no selected child: every call names its pupil or covers all of them.
#[derive(Clone)]
pub struct VklassProvider {
    pub(crate) context: Arc<Context>,
}

impl std::fmt::Debug for VklassProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VklassProvider")
            .field("organisation", &self.context.organisation())
            .finish_non_exhaustive()
    }
}

impl VklassProvider {
    /// A provider with a fresh cookie jar.
    pub fn new(config: &HttpConfig) -> Result<Self> {
        let http = HttpClient::with_jar(
            &config
                .clone()
                .for_provider(super::HOSTS, super::LOGIN_HOSTS),
            CookieJar::new(),
        )?;
        Ok(VklassProvider {
            context: Arc::new(Context::new(http)),
        })
    }

    /// Keeps the session alive: requests the application shell without following redirects
    /// (the clients that keep sessions for weeks do this every 10 minutes).
    /// [`Error::SessionExpired`] when it is gone.
    pub async fn keep_alive(&self) -> Result<()> {
        let html = self.context.get(routes::ROOT, &[]).await?;
        parse::parse_root(&html).map(|_| ())
    }

    /// The guardian's unread counts (`/Account/Scoreboard`; the model has no entity for them).
    pub async fn unread_counts(&self) -> Result<parse::Scoreboard> {
        reads::with_session(&self.context, || async {
            parse::parse_scoreboard(&self.context.get_json(routes::SCOREBOARD, &[]).await?)
        })
        .await
    }

    async fn calendar_entries(
        &self,
        child: &Child,
        range: DateRange,
    ) -> Result<parse::CalendarEntries> {
        reads::calendar(&self.context, child, range).await
    }
}

fn today() -> Date {
    crate::time::today()
}

#[async_trait]
impl Provider for VklassProvider {
    fn name(&self) -> &'static str {
        NAME
    }

    fn platforms(&self) -> Vec<Platform> {
        vec![Platform::Vklass]
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            login_methods: vec![
                LoginMethod::BankIdOtherDevice,
                LoginMethod::Password,
                LoginMethod::SavedSession,
            ],
            entities: vec![
                EntityKind::User,
                EntityKind::Child,
                EntityKind::News,
                EntityKind::CalendarEvent,
                EntityKind::MenuDay,
                EntityKind::Lesson,
                EntityKind::Classmate,
                EntityKind::Teacher,
                EntityKind::Assignment,
                EntityKind::Attendance,
                EntityKind::CareTime,
                EntityKind::AbsenceReportAction,
            ],
            bankid_without_personal_number: true,
            organisation_required: true,
        }
    }

    async fn organisations(&self, query: &str) -> Result<Vec<Organisation>> {
        Ok(matching_organisations(organisations::list(), query))
    }

    fn set_organisation(&self, id: &str) -> Result<()> {
        if !organisations::is_valid_id(id) {
            return Err(Error::InvalidInput(
                "a Vklass organisation is a number".to_owned(),
            ));
        }
        *self
            .context
            .organisation
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(id.trim().to_owned());
        Ok(())
    }

    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        match request {
            LoginRequest::BankId {
                other_device: true, ..
            } => {
                let org = self.context.organisation().ok_or_else(|| {
                    Error::InvalidInput("choose the Vklass organisation first".to_owned())
                })?;
                let known = organisations::known(&org)
                    .ok_or(Error::Login(LoginFailure::MethodNotSupported))?;
                self.context.http.jar().clear();
                *self
                    .context
                    .credentials
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) = None;
                Ok(Box::new(
                    GoteborgBankIdLogin::start(Arc::clone(&self.context), known.idp, known.id)
                        .await?,
                ))
            }
            LoginRequest::Password { username, password } => {
                self.context.http.jar().clear();
                let user = password::login(&self.context, &username, &password).await?;
                *self
                    .context
                    .credentials
                    .lock()
                    .unwrap_or_else(|p| p.into_inner()) = Some((username, password));
                Ok(Box::new(ReadyFlow::new(user)))
            }
            LoginRequest::BankId { .. } | LoginRequest::Freja | LoginRequest::Browser { .. } => {
                Err(Error::Login(LoginFailure::MethodNotSupported))
            }
        }
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        if saved.provider != NAME {
            return Err(Error::InvalidInput(
                "the saved session belongs to another provider".to_owned(),
            ));
        }
        let secret: SessionSecret = serde_json::from_str(&saved.secret).map_err(|_| {
            Error::InvalidInput("the saved Vklass session is not readable".to_owned())
        })?;
        self.context.http.jar().restore(&secret.cookies)?;
        *self
            .context
            .organisation
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = secret.organisation;
        let mut state = self.context.state.lock().await;
        *state = SessionState {
            account: Some(saved.account.clone()),
            ..SessionState::default()
        };
        let guardian = self.context.load_guardian(&mut state).await?;
        Ok(guardian.user(&guardian.account()))
    }

    fn saved_session(&self) -> Option<SavedSession> {
        let account = self.context.state.try_lock().ok()?.account.clone()?;
        let secret = SessionSecret {
            cookies: self.context.http.jar().to_secret().ok()?,
            organisation: self.context.organisation(),
        };
        Some(SavedSession {
            provider: NAME.to_owned(),
            account,
            secret: serde_json::to_string(&secret).ok()?,
        })
    }

    fn content_http(&self) -> Option<HttpClient> {
        Some(self.context.http.clone())
    }

    fn session_headers(&self, url: &str) -> Vec<(String, String)> {
        let Ok(parsed) = url::Url::parse(url) else {
            return Vec::new();
        };
        let host = parsed.host_str().unwrap_or("").to_ascii_lowercase();
        if parsed.scheme() != "https" || !host.ends_with(".vklass.se") {
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
        // No client signs out at Vklass; the local session is forgotten.
        self.context.http.jar().clear();
        *self.context.state.lock().await = SessionState::default();
        *self
            .context
            .credentials
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        let mut state = self.context.state.lock().await;
        let guardian = match &state.guardian {
            Some(g) => g.clone(),
            None => self.context.load_guardian(&mut state).await?,
        };
        Ok(guardian.user(&guardian.account()))
    }

    async fn children(&self) -> Result<Vec<Child>> {
        reads::with_session(&self.context, || async {
            let mut state = self.context.state.lock().await;
            self.context.children(&mut state).await
        })
        .await
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        reads::news(&self.context, child).await
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        Ok(self
            .calendar_entries(child, range)
            .await?
            .events
            .into_iter()
            .filter(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start)
            .collect())
    }

    async fn menu(&self, child: &Child, week: IsoWeek) -> Result<Vec<MenuDay>> {
        let home = reads::home(&self.context).await?;
        let range = DateRange::of_week(week);
        Ok(reads::card_of(&home, child)
            .map(|card| parse::menu_days(card, &child.id, today()))
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.date >= range.start && d.date <= range.end)
            .collect())
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        Ok(self
            .calendar_entries(child, DateRange::of_week(week))
            .await?
            .lessons)
    }

    async fn classmates(&self, child: &Child) -> Result<Vec<Classmate>> {
        let groups = reads::class_list(&self.context).await?;
        Ok(parse::classmates(&groups, &pupil_id(child)?, &child.id))
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        let groups = reads::class_list(&self.context).await?;
        Ok(parse::teachers(&groups, &pupil_id(child)?, &child.id))
    }

    async fn assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        let t = today();
        let range = DateRange::new(
            t.checked_sub(jiff::Span::new().days(14)).unwrap_or(t),
            t.checked_add(jiff::Span::new().days(45)).unwrap_or(t),
        );
        Ok(self.calendar_entries(child, range).await?.assignments)
    }

    async fn attendance(&self, child: &Child) -> Result<Vec<AttendanceRecord>> {
        let home = reads::home(&self.context).await?;
        Ok(reads::card_of(&home, child)
            .and_then(|card| reads::presence_record(card, child, today()))
            .into_iter()
            .collect())
    }

    async fn care_times(&self, child: &Child, range: DateRange) -> Result<Vec<CareTime>> {
        reads::care_times(&self.context, child, range).await
    }

    async fn absence_report_actions(&self, child: &Child) -> Result<Vec<AbsenceReportAction>> {
        reads::with_session(&self.context, || {
            writes::absence_actions(&self.context, child)
        })
        .await
    }

    async fn report_absence(&self, child: &Child, day: Date, absent: bool) -> Result<WriteOutcome> {
        reads::with_session(&self.context, || {
            writes::report_absence(&self.context, child, day, absent)
        })
        .await
    }
}
