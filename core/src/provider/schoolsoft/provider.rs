//! [`SchoolSoftProvider`]: SchoolSoft's web surface — the `Provider` impl, tenant discovery,
//! the reads (each with the focus switched and checked first) and the absence report.

use std::sync::Arc;

use async_trait::async_trait;
use jiff::ToSpan;
use jiff::civil::Date;

use super::NAME;
use super::SchoolSoftChildRef;
use super::context::Context;
use super::login::{grandid::GrandIdLogin, oauth::BrowserLogin, password};
use super::parse::{self, ListedSchool};
use super::routes::{self, Tenant};
use super::saved::SavedSecret;
use super::writes;
use crate::error::{Error, LoginFailure, Result};
use crate::http::{CookieJar, HttpClient, HttpConfig};
use crate::model::{
    AbsenceReportAction, AccountKey, Assignment, AttendanceRecord, CalendarEvent, CareTime, Child,
    EntityKind, IsoWeek, MenuDay, NewsItem, Notification, Platform, Teacher, TimetableLesson, User,
};
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginRequest, Organisation, Provider,
    ReadyFlow, SavedSession, WriteOutcome, matching_organisations,
};

/// SchoolSoft, one tenant per provider.
///
/// One cookie jar and one web session. SchoolSoft answers every web REST call and JSP page for
/// the child in focus, so each child-bound read switches the focus, checks it, and reads while
/// holding the session: two children's reads never interleave.
#[derive(Clone)]
pub struct SchoolSoftProvider {
    pub(crate) context: Arc<Context>,
}

impl std::fmt::Debug for SchoolSoftProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchoolSoftProvider").finish_non_exhaustive()
    }
}

impl SchoolSoftProvider {
    /// A provider without a tenant (choose one with [`SchoolSoftProvider::choose_tenant`]).
    pub fn new(config: &HttpConfig, account_key: AccountKey) -> Result<Self> {
        let http = HttpClient::with_jar(
            &config
                .clone()
                .for_provider(super::HOSTS, super::LOGIN_HOSTS),
            CookieJar::new(),
        )?;
        Ok(SchoolSoftProvider {
            context: Arc::new(Context::new(http, account_key)),
        })
    }

    /// Searches SchoolSoft's public school list (no login) by name; one row per school, with
    /// the tenant slug to choose. The list is downloaded once a day, not per search.
    pub async fn search_schools(&self, query: &str) -> Result<Vec<ListedSchool>> {
        let schools = self.context.schools.schools(&self.context.http).await?;
        let query = query.trim().to_lowercase();
        Ok(schools
            .iter()
            .filter(|s| {
                query.is_empty() || s.name.to_lowercase().contains(&query) || s.slug == query
            })
            .cloned()
            .collect())
    }

    /// Chooses the tenant (`slug`, as [`SchoolSoftProvider::search_schools`] lists it).
    pub fn choose_tenant(&self, slug: &str) -> Result<()> {
        if !routes::is_valid_slug(slug) {
            return Err(Error::InvalidInput("not a SchoolSoft school id".to_owned()));
        }
        self.context.set_tenant(Tenant::new(slug));
        Ok(())
    }

    /// Logs in with a SchoolSoft username and password (`Login.jsp`).
    pub async fn login_with_password(&self, username: &str, password: &str) -> Result<User> {
        password::login(&self.context, username, password).await
    }

    /// A web REST body for `child` (focus switched and checked first).
    async fn rest_for(&self, child: &Child, endpoint: &str, url: &str) -> Result<String> {
        self.read_for(child, endpoint, url, false).await
    }

    /// A JSP page for `child` (focus switched and checked first).
    async fn jsp_for(&self, child: &Child, endpoint: &str, url: &str) -> Result<String> {
        self.read_for(child, endpoint, url, true).await
    }

    /// One read for `child` with the focus switched and checked first. When the web session of
    /// a browser login dies between the focus check and the read, it is rebuilt from the
    /// tokens once and the read repeated (reads only: writes are never repeated).
    async fn read_for(
        &self,
        child: &Child,
        endpoint: &str,
        url: &str,
        jsp: bool,
    ) -> Result<String> {
        let mut session = self.context.session.lock().await;
        for attempt in 0..2 {
            self.context.focus(&mut session, child).await?;
            let result = if jsp {
                self.context.jsp_get(endpoint, url).await
            } else {
                self.context.rest_get(endpoint, url).await
            };
            match result {
                Err(Error::SessionExpired { .. }) if attempt == 0 && session.eva.is_some() => {
                    let want = child.refs.get::<SchoolSoftChildRef>();
                    self.context.revive(&mut session, want.as_ref()).await?;
                }
                other => return other,
            }
        }
        Err(Error::SessionExpired {
            endpoint: endpoint.to_owned(),
        })
    }

    /// The inbox page of `child` (messages and the staff list).
    async fn inbox(&self, child: &Child) -> Result<parse::Inbox> {
        let tenant = self.context.tenant()?;
        let url = tenant.messages_page();
        let html = self
            .jsp_for(child, "right_student_message.jsp", &url)
            .await?;
        parse::parse_inbox(&html, child, &url, crate::time::today())
    }

    /// A child's holistic assessments ("Helhetsbedömning"; the model has no kind for them).
    pub async fn holistic_assessments(
        &self,
        child: &Child,
    ) -> Result<Vec<parse::HolisticAssessment>> {
        let tenant = self.context.tenant()?;
        let body = self
            .rest_for(child, "holistic_assessment/rows", &tenant.holistic_rows())
            .await?;
        parse::parse_holistic_rows(&body)
    }
}

#[async_trait]
impl Provider for SchoolSoftProvider {
    fn name(&self) -> &'static str {
        NAME
    }

    fn platforms(&self) -> Vec<Platform> {
        vec![Platform::SchoolSoft]
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            login_methods: vec![
                LoginMethod::BankIdSameDevice,
                LoginMethod::BankIdOtherDevice,
                LoginMethod::Password,
                LoginMethod::Browser,
                LoginMethod::SavedSession,
            ],
            entities: vec![
                EntityKind::User,
                EntityKind::Child,
                EntityKind::News,
                EntityKind::CalendarEvent,
                EntityKind::Notification,
                EntityKind::MenuDay,
                EntityKind::Lesson,
                EntityKind::Teacher,
                EntityKind::Assignment,
                EntityKind::Attendance,
                EntityKind::CareTime,
                EntityKind::AbsenceReportAction,
            ],
            bankid_without_personal_number: false,
            organisation_required: true,
        }
    }

    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        match request {
            LoginRequest::BankId {
                personal_number, ..
            } => {
                let number =
                    personal_number.ok_or(Error::Login(LoginFailure::InvalidPersonalNumber))?;
                Ok(Box::new(
                    GrandIdLogin::start(Arc::clone(&self.context), &number).await?,
                ))
            }
            LoginRequest::Password { username, password } => {
                let user = password::login(&self.context, &username, password.expose()).await?;
                Ok(Box::new(ReadyFlow::new(user)))
            }
            LoginRequest::Browser { redirect_uri } => Ok(Box::new(BrowserLogin::start(
                Arc::clone(&self.context),
                &redirect_uri,
            )?)),
            LoginRequest::Freja => Err(Error::Login(LoginFailure::MethodNotSupported)),
        }
    }

    async fn organisations(&self, query: &str) -> Result<Vec<Organisation>> {
        let mut out: Vec<Organisation> = Vec::new();
        for school in self.search_schools("").await? {
            let org = Organisation {
                id: school.slug,
                name: school.name,
            };
            if !out.contains(&org) {
                out.push(org);
            }
        }
        Ok(matching_organisations(out, query))
    }

    fn set_organisation(&self, id: &str) -> Result<()> {
        self.choose_tenant(id)
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        if saved.provider != NAME {
            return Err(Error::InvalidInput(
                "the saved session belongs to another provider".to_owned(),
            ));
        }
        let secret = SavedSecret::from_secret(&saved.secret)?;
        self.choose_tenant(&secret.slug)?;
        self.context.http.jar().restore(&secret.jar)?;
        let mut session = self.context.session.lock().await;
        session.account = Some(saved.account.clone());
        session.header = None;
        // A browser login's cookies may have died meanwhile; its tokens rebuild them.
        session.eva = secret.eva;
        Ok(self.context.header_alive(&mut session).await?.user)
    }

    fn saved_session(&self) -> Option<SavedSession> {
        let (account, eva) = {
            let session = self.context.session.try_lock().ok()?;
            (session.account.clone()?, session.eva.clone())
        };
        let slug = self.context.tenant().ok()?.slug().to_owned();
        let secret = SavedSecret {
            slug,
            jar: self.context.http.jar().to_secret().ok()?,
            eva,
        };
        Some(SavedSession {
            provider: NAME.to_owned(),
            account,
            secret: secret.to_secret().ok()?,
        })
    }

    fn content_http(&self) -> Option<HttpClient> {
        Some(self.context.http.clone())
    }

    async fn logout(&self) -> Result<()> {
        self.context.http.jar().clear();
        *self.context.session.lock().await = Default::default();
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        let mut session = self.context.session.lock().await;
        match &session.header {
            Some(h) => Ok(h.user.clone()),
            None => Ok(self.context.header_alive(&mut session).await?.user),
        }
    }

    async fn children(&self) -> Result<Vec<Child>> {
        let mut session = self.context.session.lock().await;
        Ok(self.context.header_alive(&mut session).await?.children)
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        let tenant = self.context.tenant()?;
        let html = self
            .jsp_for(child, "right_student_news.jsp", &tenant.news_page())
            .await?;
        let mut items: Vec<NewsItem> = parse::parse_news_page(
            &html,
            child,
            &tenant.jsp_student_base(),
            crate::time::today(),
        )?
        .into_iter()
        .map(|n| n.item)
        .collect();
        items.sort_by(|a, b| b.published.cmp(&a.published));
        Ok(items)
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        let tenant = self.context.tenant()?;
        let url = tenant.events_agenda(&range.start.to_string(), &range.end.to_string());
        let body = self.rest_for(child, "event/agenda", &url).await?;
        Ok(parse::events(
            &parse::parse_agenda("event/agenda", &body)?,
            child,
        ))
    }

    async fn notifications(&self, child: &Child) -> Result<Vec<Notification>> {
        let mut list: Vec<Notification> = self
            .inbox(child)
            .await?
            .messages
            .into_iter()
            .map(|m| m.notification)
            .collect();
        list.sort_by(|a, b| b.created.cmp(&a.created));
        Ok(list)
    }

    async fn menu(&self, child: &Child, week: IsoWeek) -> Result<Vec<MenuDay>> {
        let tenant = self.context.tenant()?;
        let body = self
            .rest_for(child, "lunchmenu/week", &tenant.lunch_week(week))
            .await?;
        Ok(parse::menu_days(
            &parse::parse_rest_lunch(&body)?,
            week,
            child,
        ))
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        let tenant = self.context.tenant()?;
        let range = DateRange::of_week(week);
        let url = tenant.lessons_agenda(&range.start.to_string(), &range.end.to_string());
        let body = self.rest_for(child, "lessons/agenda", &url).await?;
        Ok(parse::lessons(
            &parse::parse_agenda("lessons/agenda", &body)?,
            child,
        ))
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        Ok(self.inbox(child).await?.staff)
    }

    async fn assignments(&self, child: &Child) -> Result<Vec<Assignment>> {
        let tenant = self.context.tenant()?;
        let this_week = IsoWeek::containing(crate::time::today());
        let mut out: Vec<Assignment> = Vec::new();
        for week in [this_week, this_week.next()] {
            let body = self
                .rest_for(
                    child,
                    "assignments/start-page",
                    &tenant.assignments_week(week),
                )
                .await?;
            for a in parse::parse_assignments(&body, child, &tenant.url(""))? {
                if !out.iter().any(|o| o.id == a.id) {
                    out.push(a);
                }
            }
        }
        Ok(out)
    }

    async fn attendance(&self, child: &Child) -> Result<Vec<AttendanceRecord>> {
        let tenant = self.context.tenant()?;
        let week = IsoWeek::containing(crate::time::today());
        let body = self
            .rest_for(child, "lessons/week", &tenant.lessons_week(week))
            .await?;
        Ok(parse::attendance(
            &parse::parse_agenda("lessons/week", &body)?,
            child,
        ))
    }

    async fn care_times(&self, child: &Child, range: DateRange) -> Result<Vec<CareTime>> {
        let tenant = self.context.tenant()?;
        let student = child
            .refs
            .get::<SchoolSoftChildRef>()
            .ok_or_else(|| Error::InvalidInput("the child is not a SchoolSoft pupil".to_owned()))?;
        let mut out = Vec::new();
        let mut month = range.start.first_of_month();
        while month <= range.end {
            let url = tenant.fritids_month(
                &student.student_id,
                month.year(),
                month.month() - 1,
                &month.to_string(),
            );
            let html = self
                .jsp_for(child, "right_parent_preschool_schedule_new.jsp", &url)
                .await?;
            out.extend(
                parse::parse_fritids_month(&html, child)?
                    .into_iter()
                    .filter(|c| range.contains(c.date)),
            );
            month = match month.checked_add(1.month()) {
                Ok(next) => next,
                Err(_) => break,
            };
        }
        Ok(out)
    }

    async fn absence_report_actions(&self, child: &Child) -> Result<Vec<AbsenceReportAction>> {
        let today = crate::time::today();
        let this_week = IsoWeek::containing(today);
        let mut out = Vec::new();
        let mut session = self.context.session.lock().await;
        for week in [this_week, this_week.next()] {
            let form = writes::read_form(&self.context, &mut session, child, week).await?;
            out.extend(writes::actions_of(&form, week, child, today));
        }
        Ok(out)
    }

    async fn report_absence(&self, child: &Child, day: Date, absent: bool) -> Result<WriteOutcome> {
        writes::report_absence(&self.context, child, day, absent).await
    }
}
