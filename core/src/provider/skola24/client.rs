//! The Skola24 API as a Stockholm session reaches it.

use std::sync::atomic::{AtomicBool, Ordering};

use super::parse;
use super::sso::single_sign_on;
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{Child, IsoWeek, Skola24ChildRef, Teacher, TimetableLesson};
use crate::provider::stockholm::routes::skola24 as routes;

/// Skola24 calls on top of a Stockholm session: signs on once per session, redoes the sign-on
/// once when a call fails as if the Skola24 session were gone, and fetches a fresh render key
/// for every timetable.
#[derive(Debug)]
pub struct Skola24Client {
    http: HttpClient,
    authorized: AtomicBool,
    sso_lock: tokio::sync::Mutex<()>,
}

/// True for an error that suggests the Skola24 session is gone.
fn is_auth_error(error: &Error) -> bool {
    matches!(
        error,
        Error::SessionExpired { .. }
            | Error::Upstream {
                status: Some(401 | 403),
                ..
            }
    )
}

impl Skola24Client {
    /// A client sharing `http` (and its cookie jar) with the Stockholm provider.
    pub fn new(http: HttpClient) -> Self {
        Skola24Client {
            http,
            authorized: AtomicBool::new(false),
            sso_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// Forgets the sign-on (new Stockholm session or logout).
    pub fn reset(&self) {
        self.authorized.store(false, Ordering::SeqCst);
    }

    /// Signs on unless this session already did (concurrent callers wait for one sign-on).
    async fn ensure_signed_on(&self, force: bool) -> Result<()> {
        let _guard = self.sso_lock.lock().await;
        if !force && self.authorized.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.authorized.store(false, Ordering::SeqCst);
        single_sign_on(&self.http).await?;
        self.authorized.store(true, Ordering::SeqCst);
        Ok(())
    }

    fn api_request(
        endpoint: &str,
        url: &str,
        body: Option<serde_json::Value>,
    ) -> Result<HttpRequest> {
        let mut request = match body {
            Some(body) => HttpRequest::post(endpoint, url)?.json(&body),
            None => HttpRequest::get(endpoint, url)?.header("content-type", "application/json"),
        };
        for (name, value) in routes::HEADERS {
            request = request.header(name, value);
        }
        Ok(request)
    }

    async fn call_once(&self, request: &HttpRequest) -> Result<HttpResponse> {
        let response = self.http.follow(request.clone()).await?;
        response.json_text()?;
        Ok(response)
    }

    /// Sends an API call after signing on; on an auth-like failure (of the call or of its
    /// parser) signs on again once and repeats it.
    async fn call<T>(&self, request: HttpRequest, parse: impl Fn(&str) -> Result<T>) -> Result<T> {
        self.ensure_signed_on(false).await?;
        let first = self
            .call_once(&request)
            .await
            .and_then(|r| parse(&r.text()));
        match first {
            Err(e) if is_auth_error(&e) => {
                tracing::debug!(
                    endpoint = request.endpoint(),
                    "Skola24 session gone; signing on again"
                );
                self.ensure_signed_on(true).await?;
                let response = self.call_once(&request).await?;
                parse(&response.text())
            }
            other => other,
        }
    }

    /// The guardian's children as Skola24 knows them.
    pub async fn children(&self) -> Result<Vec<Skola24ChildRef>> {
        let body = serde_json::json!({
            "getPersonalTimetablesRequest": { "hostName": routes::HOST_NAME }
        });
        let request = Self::api_request("timetables", &routes::personal_timetables(), Some(body))?;
        self.call(request, parse::children).await
    }

    /// One week of a child's timetable; empty without Skola24 ids or a `timetableID` (then no
    /// request is made). `teachers` turn initials into names.
    pub async fn timetable(
        &self,
        child: &Child,
        week: IsoWeek,
        language: &str,
        teachers: &[Teacher],
    ) -> Result<Vec<TimetableLesson>> {
        let Some(refs) = child.refs.skola24.as_ref() else {
            return Ok(Vec::new());
        };
        if refs
            .timetable_id
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
        {
            return Ok(Vec::new());
        }
        self.ensure_signed_on(false).await?;
        match self
            .timetable_once(refs, child, week, language, teachers)
            .await
        {
            Err(e) if is_auth_error(&e) => {
                tracing::debug!("Skola24 session gone; signing on again");
                self.ensure_signed_on(true).await?;
                self.timetable_once(refs, child, week, language, teachers)
                    .await
            }
            other => other,
        }
    }

    async fn timetable_once(
        &self,
        refs: &Skola24ChildRef,
        child: &Child,
        week: IsoWeek,
        language: &str,
        teachers: &[Teacher],
    ) -> Result<Vec<TimetableLesson>> {
        // A render key is good for one render call: fetch a fresh one every time.
        let key_request = Self::api_request("key", &routes::render_key(), None)?;
        let key = parse::render_key(&self.call_once(&key_request).await?.text())?;
        let body = serde_json::json!({
            "renderKey": key,
            "host": routes::HOST_NAME,
            "unitGuid": refs.unit_guid,
            "startDate": null,
            "endDate": null,
            "scheduleDay": 0,
            "blackAndWhite": false,
            "width": 1227,
            "height": 1063,
            "selectionType": 5,
            "selection": refs.person_guid,
            "showHeader": false,
            "periodText": "",
            "week": week.week,
            "year": week.year,
            "privateFreeTextMode": null,
            "privateSelectionMode": true,
            "customerKey": "",
            "schoolYear": routes::SCHOOL_YEAR,
        });
        let request = Self::api_request("timetable", &routes::render_timetable(), Some(body))?;
        let response = self.call_once(&request).await?;
        parse::timetable(&response.text(), child, week, language, teachers)
    }
}
