//! [`StockholmProvider`]: Stockholm's guardian e-services plus Skola24 timetables.

use std::sync::Arc;

use async_trait::async_trait;

use super::NAME;
use super::context::{Context, stockholm_ref};
use super::login::{BankIdFlow, FrejaFlow};
use super::parse;
use super::routes;
use super::saved_session::{restore_secret, save_secret};
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpConfig, HttpRequest};
use crate::model::{
    AccountId, AccountKey, CalendarEvent, Child, Classmate, EntityId, EntityKind, IsoWeek, MenuDay,
    NewsItem, Notification, Platform, SchoolContact, Teacher, TimetableLesson, User,
};
use crate::provider::skola24::Skola24ChildRef;
use crate::provider::{
    Capabilities, DateRange, LoginFlow, LoginMethod, LoginRequest, Provider, ReadyFlow,
    STOCKHOLM_SSO_DOMAIN, SavedSession, SsoCookie, adopt_sso_into, sso_cookies_in,
};

/// Stockholm stad's "Skolplattformen" for guardians, with the timetables of Skola24 behind the
/// same login.
///
/// Log in with [`Provider::start_login`] (BankID on this or another device, Freja eID+) or
/// [`Provider::resume`]; every fetch then uses the session. Retries are left to the caller: each
/// failure comes back as a typed [`Error`] (`SessionExpired`, `RateLimited`, `WrongChild`, …).
#[derive(Debug, Clone)]
pub struct StockholmProvider {
    context: Arc<Context>,
    /// SiteMinder cookies adopted from another provider, used by the next login.
    adopted_sso: Arc<std::sync::Mutex<(Vec<SsoCookie>, Option<AccountId>)>>,
}

impl StockholmProvider {
    /// A provider talking to the real hosts, or to an emulator when `config.upstream` is set;
    /// the guardian's account id is made with `account_key` (the installation's).
    pub fn new(config: HttpConfig, account_key: AccountKey) -> Result<Self> {
        let http = HttpClient::new(&config.for_provider(super::HOSTS, super::LOGIN_HOSTS))?;
        Ok(StockholmProvider {
            context: Arc::new(Context::new(http, "sv".to_owned(), account_key)),
            adopted_sso: Arc::default(),
        })
    }

    /// The same provider with timetable subjects named in `language` (`sv` or `en`). Call before
    /// logging in.
    pub fn with_language(self, language: &str) -> Self {
        let http = self.context.http.clone();
        StockholmProvider {
            context: Arc::new(Context::new(
                http,
                language.to_owned(),
                self.context.account_key.clone(),
            )),
            adopted_sso: self.adopted_sso,
        }
    }

    /// The HTTP client (its cookie jar holds the session).
    pub fn http(&self) -> &HttpClient {
        &self.context.http
    }

    /// With the session cookies already in the jar: lets SiteMinder pick the session up,
    /// checks that the e-services see a logged-in user and reads the token. Fails with
    /// [`Error::SessionExpired`] (everything forgotten) when the session is not live.
    /// `account`, when given and different from the user's own, namespaces the session's ids
    /// (a session joined through another provider's login, or resumed from one).
    async fn take_up_session(
        &self,
        saved_xsrf: Option<String>,
        account: Option<&AccountId>,
    ) -> Result<User> {
        let context = self.context();
        // Never follow here (that can loop).
        let adc =
            HttpRequest::get("SiteMinderAuthADC", &routes::bankid_siteminder_adc())?.login_flow();
        context.http.send(&adc).await?;
        let data = context.fetch_user().await?;
        if !data.is_authenticated {
            context.reset();
            return Err(Error::SessionExpired {
                endpoint: "getuserdata".to_owned(),
            });
        }
        let xsrf = match context.fetch_xsrf().await {
            Ok(token) if !token.is_empty() => token,
            Ok(_) => saved_xsrf.unwrap_or_default(),
            Err(e) => {
                context.reset();
                return Err(e);
            }
        };
        let mut user = data.user;
        if let Some(account) = account
            && *account != user.id.account()
        {
            user.id = EntityId::new(
                Platform::Stockholm,
                account,
                EntityKind::User,
                user.id.local(),
            );
        }
        {
            let mut session = context.session();
            session.user = Some(user.clone());
            session.xsrf = Some(xsrf);
        }
        Ok(user)
    }

    /// Logs in with adopted SiteMinder cookies, if any were handed over and still work.
    async fn join_adopted(&self) -> Option<User> {
        let (cookies, account) =
            std::mem::take(&mut *self.adopted_sso.lock().unwrap_or_else(|p| p.into_inner()));
        if cookies.is_empty() {
            return None;
        }
        let context = self.context();
        context.reset();
        adopt_sso_into(context.http.jar(), &cookies);
        match self.take_up_session(None, account.as_ref()).await {
            Ok(user) => Some(user),
            Err(e) => {
                tracing::info!(error = %e, "the shared SiteMinder session did not work; BankID");
                context.reset();
                None
            }
        }
    }

    fn context(&self) -> &Context {
        &self.context
    }

    async fn eservice_json(&self, endpoint: &str, url: &str) -> Result<String> {
        let request = self.context().eservice_get(endpoint, url)?;
        let response = self.context().fetch_json(request).await?;
        Ok(response.text().into_owned())
    }

    async fn on_behalf_json(&self, child: &Child, endpoint: &str, url: &str) -> Result<String> {
        let request = self.context().eservice_get(endpoint, url)?;
        let context = self.context();
        let response = context
            .on_behalf_of(child, || context.fetch_json(request))
            .await?;
        Ok(response.text().into_owned())
    }

    /// The child's teachers (one call per school form), cached for the timetable.
    async fn fetch_teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        let refs = stockholm_ref(child)?;
        let mut all = Vec::new();
        for form in refs
            .status
            .split(';')
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            let body = self
                .eservice_json(
                    "GetTeachersByStudent",
                    &routes::teachers(&refs.sds_id, form),
                )
                .await?;
            all.extend(parse::teachers(&body, child)?);
        }
        self.context()
            .session()
            .teachers
            .insert(child.id.as_str().to_owned(), all.clone());
        Ok(all)
    }

    /// The Skola24 child list of this session (fetched once).
    async fn skola24_children(&self) -> Result<Vec<crate::provider::skola24::Skola24ChildRef>> {
        if let Some(known) = self.context().session().skola24_children.clone() {
            return Ok(known);
        }
        let refs = self.context().skola24.children().await?;
        self.context().session().skola24_children = Some(refs.clone());
        Ok(refs)
    }
}

#[async_trait]
impl Provider for StockholmProvider {
    fn name(&self) -> &'static str {
        NAME
    }

    fn platforms(&self) -> Vec<Platform> {
        vec![Platform::Stockholm, Platform::Skola24]
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            login_methods: vec![
                LoginMethod::BankIdSameDevice,
                LoginMethod::BankIdOtherDevice,
                LoginMethod::FrejaEid,
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
                EntityKind::Classmate,
                EntityKind::Teacher,
                EntityKind::Contact,
            ],
            bankid_without_personal_number: true,
            organisation_required: false,
        }
    }

    async fn start_login(&self, request: LoginRequest) -> Result<Box<dyn LoginFlow>> {
        if let Some(user) = self.join_adopted().await {
            return Ok(Box::new(ReadyFlow::new(user)));
        }
        match request {
            LoginRequest::BankId {
                personal_number,
                other_device,
            } => Ok(Box::new(
                BankIdFlow::start(Arc::clone(&self.context), personal_number, other_device).await?,
            )),
            LoginRequest::Freja => Ok(Box::new(FrejaFlow::start(Arc::clone(&self.context)).await?)),
            LoginRequest::Password { .. } | LoginRequest::Browser { .. } => {
                Err(Error::Login(crate::error::LoginFailure::MethodNotSupported))
            }
        }
    }

    async fn resume(&self, saved: &SavedSession) -> Result<User> {
        if saved.provider != NAME {
            return Err(Error::InvalidInput(format!(
                "a session of {} cannot be resumed by {NAME}",
                saved.provider
            )));
        }
        let context = self.context();
        context.reset();
        let saved_xsrf = restore_secret(context.http.jar(), &saved.secret)?;
        self.take_up_session(saved_xsrf, Some(&saved.account)).await
    }

    fn sso_cookies(&self) -> Vec<SsoCookie> {
        sso_cookies_in(self.context().http.jar(), STOCKHOLM_SSO_DOMAIN)
    }

    fn adopt_sso_cookies(&self, cookies: &[SsoCookie], account: &AccountId) {
        *self.adopted_sso.lock().unwrap_or_else(|p| p.into_inner()) =
            (cookies.to_vec(), Some(account.clone()));
    }

    fn saved_session(&self) -> Option<SavedSession> {
        let context = self.context();
        let (account, xsrf) = {
            let session = context.session();
            (session.account()?, session.xsrf.clone())
        };
        match save_secret(context.http.jar(), xsrf.as_deref()) {
            Ok(secret) => Some(SavedSession {
                provider: NAME.to_owned(),
                account,
                secret,
            }),
            Err(e) => {
                tracing::warn!(error = %e, "could not serialize the Stockholm session");
                None
            }
        }
    }

    fn content_http(&self) -> Option<crate::http::HttpClient> {
        Some(self.context().http.clone())
    }

    fn session_headers(&self, url: &str) -> Vec<(String, String)> {
        let Ok(url) = url::Url::parse(url) else {
            return Vec::new();
        };
        let ours = url.scheme() == "https"
            && url
                .host_str()
                .is_some_and(super::eservices_host::is_eservices_host);
        if !ours {
            return Vec::new();
        }
        let mut headers = Vec::new();
        if let Some(cookie) = self.context().http.jar().cookie_header(&url) {
            headers.push(("cookie".to_owned(), cookie));
        }
        if let Ok(token) = self.context().xsrf() {
            headers.push(("x-xsrf-token".to_owned(), token));
        }
        headers
    }

    async fn logout(&self) -> Result<()> {
        self.context().reset();
        Ok(())
    }

    async fn user(&self) -> Result<User> {
        if self.context().session().user.is_none() {
            return Err(Error::NotLoggedIn);
        }
        let data = self.context().fetch_user().await?;
        if !data.is_authenticated {
            return Err(Error::SessionExpired {
                endpoint: "getuserdata".to_owned(),
            });
        }
        Ok(data.user)
    }

    async fn children(&self) -> Result<Vec<Child>> {
        let mut children = self.context().load_children().await?;
        if children.iter().any(|c| !c.refs.has::<Skola24ChildRef>()) {
            match self.skola24_children().await {
                Ok(refs) => {
                    crate::provider::skola24::parse::merge_children(&mut children, &refs);
                    let mut session = self.context().session();
                    session.children = Some(children.clone());
                }
                Err(e) => {
                    // The e-service data is complete without it; only timetables need Skola24.
                    tracing::warn!(error = %e, "Skola24 children unavailable; timetables will be empty");
                }
            }
        }
        Ok(children)
    }

    async fn news(&self, child: &Child) -> Result<Vec<NewsItem>> {
        let id = &stockholm_ref(child)?.id;
        let body = self
            .on_behalf_json(child, "GetNewsArchive", &routes::news_archive(id))
            .await?;
        parse::news_archive(&body, child)
    }

    async fn news_article(&self, child: &Child, item: &NewsItem) -> Result<NewsItem> {
        let child_id = &stockholm_ref(child)?.id;
        let prefix = format!("{}/", child.id.local());
        let news_id = item
            .id
            .local()
            .strip_prefix(&prefix)
            .unwrap_or_else(|| item.id.local());
        let body = self
            .on_behalf_json(
                child,
                "GetNewsArticle",
                &routes::news_article(news_id, child_id),
            )
            .await?;
        parse::news_article(&body, child)
    }

    async fn calendar(&self, child: &Child, range: DateRange) -> Result<Vec<CalendarEvent>> {
        let id = stockholm_ref(child)?.id.clone();
        let school_url = routes::school_calendar(&id);
        let schedule_url = routes::schedule(&id, range.start, range.end);
        let school = self.on_behalf_json(child, "GetSchoolCalender", &school_url);
        let schedule = self.eservice_json("GetSchema", &schedule_url);
        let (school, schedule) = tokio::join!(school, schedule);
        let mut events = parse::school_calendar(&school?, child)?;
        events.extend(parse::schedule(&schedule?, child)?);
        events
            .retain(|e| e.timing.first_date() <= range.end && e.timing.last_date() >= range.start);
        Ok(events)
    }

    async fn notifications(&self, child: &Child) -> Result<Vec<Notification>> {
        let sds = &stockholm_ref(child)?.sds_id;
        let body = self
            .eservice_json("getnotifications", &routes::notifications(sds))
            .await?;
        parse::notifications(&body, child)
    }

    async fn menu(&self, child: &Child, week: IsoWeek) -> Result<Vec<MenuDay>> {
        let id = stockholm_ref(child)?.id.clone();
        let choice = self
            .on_behalf_json(child, "GetMatsedelChoice", &routes::menu_choice(&id))
            .await?;
        let today = crate::time::today();
        let mut days = match parse::menu_choice(&choice)? {
            parse::MenuForm::Rss => {
                let body = self
                    .on_behalf_json(child, "GetMatsedelRSS", &routes::menu_rss(&id))
                    .await?;
                parse::menu_rss(&body, child, today)?
            }
            parse::MenuForm::List => {
                let body = self
                    .on_behalf_json(child, "GetMatsedelList", &routes::menu_list(&id))
                    .await?;
                parse::menu_list(&body, child, today)?
            }
        };
        // Upstream publishes the current week only: keep what falls in the asked week.
        days.retain(|d| IsoWeek::containing(d.date) == week);
        Ok(days)
    }

    async fn timetable(&self, child: &Child, week: IsoWeek) -> Result<Vec<TimetableLesson>> {
        if child.is_preschool() {
            return Ok(Vec::new());
        }
        let mut child = child.clone();
        if !child.refs.has::<Skola24ChildRef>() {
            // A child from the cache of an earlier session: find its Skola24 ids now.
            let refs = self.skola24_children().await?;
            let mut one = [child.clone()];
            crate::provider::skola24::parse::merge_children(&mut one, &refs);
            let [merged] = one;
            child = merged;
            if !child.refs.has::<Skola24ChildRef>() {
                return Ok(Vec::new());
            }
        }
        let cached = self
            .context()
            .session()
            .teachers
            .get(child.id.as_str())
            .cloned();
        let teachers = match cached {
            Some(t) => t,
            None => self.fetch_teachers(&child).await.unwrap_or_else(|e| {
                tracing::debug!(error = %e, "teachers unavailable; timetable keeps initials");
                Vec::new()
            }),
        };
        let language = self.context().language.clone();
        self.context()
            .skola24
            .timetable(&child, week, &language, &teachers)
            .await
    }

    async fn classmates(&self, child: &Child) -> Result<Vec<Classmate>> {
        let sds = &stockholm_ref(child)?.sds_id;
        let body = self
            .eservice_json("GetStudentsByClass", &routes::classmates(sds))
            .await?;
        parse::classmates(&body, child)
    }

    async fn teachers(&self, child: &Child) -> Result<Vec<Teacher>> {
        self.fetch_teachers(child).await
    }

    async fn contacts(&self, child: &Child) -> Result<Vec<SchoolContact>> {
        let refs = stockholm_ref(child)?;
        let Some(school_id) = refs.school_id.as_deref().filter(|s| !s.trim().is_empty()) else {
            return Ok(Vec::new());
        };
        let body = self
            .eservice_json(
                "GetSchoolContacts",
                &routes::school_contacts(school_id, &refs.sds_id),
            )
            .await?;
        parse::school_contacts(&body, child)
    }
}
