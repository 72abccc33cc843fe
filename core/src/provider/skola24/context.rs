//! What a Stockholm session keeps of Skola24: the shared HTTP client, whether this session has
//! signed on, and the API call helpers (sign on once, sign on again once when the Skola24 session
//! is gone).

use std::sync::atomic::{AtomicBool, Ordering};

use super::login::single_sign_on;
use super::routes;
use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpRequest, HttpResponse};

/// Skola24 calls on top of a Stockholm session: signs on once per session, redoes the sign-on
/// once when a call fails as if the Skola24 session were gone, and fetches a fresh render key
/// for every timetable.
#[derive(Debug)]
pub struct Skola24Context {
    http: HttpClient,
    authorized: AtomicBool,
    sso_lock: tokio::sync::Mutex<()>,
}

/// True for an error that suggests the Skola24 session is gone.
pub(super) fn is_auth_error(error: &Error) -> bool {
    matches!(
        error,
        Error::SessionExpired { .. }
            | Error::Upstream {
                status: Some(401 | 403),
                ..
            }
    )
}

impl Skola24Context {
    /// A client sharing `http` (and its cookie jar) with the Stockholm provider.
    pub fn new(http: HttpClient) -> Self {
        Skola24Context {
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
    pub(super) async fn ensure_signed_on(&self, force: bool) -> Result<()> {
        let _guard = self.sso_lock.lock().await;
        if !force && self.authorized.load(Ordering::SeqCst) {
            return Ok(());
        }
        self.authorized.store(false, Ordering::SeqCst);
        single_sign_on(&self.http).await?;
        self.authorized.store(true, Ordering::SeqCst);
        Ok(())
    }

    pub(super) fn api_request(
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

    pub(super) async fn call_once(&self, request: &HttpRequest) -> Result<HttpResponse> {
        let response = self.http.follow(request.clone()).await?;
        response.json_text()?;
        Ok(response)
    }

    /// Sends an API call after signing on; on an auth-like failure (of the call or of its
    /// parser) signs on again once and repeats it.
    pub(super) async fn call<T>(
        &self,
        request: HttpRequest,
        parse: impl Fn(&str) -> Result<T>,
    ) -> Result<T> {
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
}
