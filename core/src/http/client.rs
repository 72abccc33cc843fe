//! The HTTP client a provider owns.

use std::sync::Arc;

use bytes::BytesMut;
use reqwest::header::{HeaderName, HeaderValue};
use tokio::sync::Semaphore;

use super::config::{BROWSER_USER_AGENT, HttpConfig};
use super::cookies::CookieJar;
use super::errors::from_reqwest;
use super::hosts::matches_any;
use super::redirect::next_hop;
use super::request::HttpRequest;
use super::response::HttpResponse;
use super::tls::client_config;
use super::transport_policy::{check_hop, check_scheme};
use crate::error::{Error, Result};

/// A provider's HTTP client: one connection pool, one cookie jar, a bound on requests in flight.
///
/// Cloning shares everything. Redirects are never followed implicitly: use
/// [`HttpClient::follow`] where a browser would follow them.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    client: reqwest::Client,
    jar: CookieJar,
    permits: Semaphore,
    config: HttpConfig,
}

impl std::fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpClient")
            .field("config", &self.inner.config)
            .field("jar", &self.inner.jar)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// A client with an empty cookie jar.
    pub fn new(config: &HttpConfig) -> Result<Self> {
        Self::with_jar(config, CookieJar::new())
    }

    /// A client using `jar` (shared with the caller).
    pub fn with_jar(config: &HttpConfig, jar: CookieJar) -> Result<Self> {
        let tls = client_config(config.upstream.as_ref())?;
        let mut builder = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .user_agent(BROWSER_USER_AGENT)
            .cookie_provider(jar.provider())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.request_timeout)
            .connect_timeout(config.connect_timeout)
            .http1_only();
        if let Some(upstream) = &config.upstream {
            builder = builder.no_proxy();
            for host in config.hosts {
                builder = builder.resolve(host, upstream.addr);
            }
        }
        let client = builder
            .build()
            .map_err(|e| Error::InvalidInput(format!("could not build the HTTP client: {e}")))?;
        Ok(HttpClient {
            inner: Arc::new(Inner {
                client,
                jar,
                permits: Semaphore::new(config.max_concurrent_requests.max(1)),
                config: config.clone(),
            }),
        })
    }

    /// The cookie jar.
    pub fn jar(&self) -> &CookieJar {
        &self.inner.jar
    }

    /// The configuration.
    pub fn config(&self) -> &HttpConfig {
        &self.inner.config
    }

    /// Sends one request and reads the whole answer; a redirect comes back as the 3xx answer
    /// (with its cookies stored). A plain-HTTP URL is refused without a request (only a loopback
    /// IP literal may be reached over `http:`). Only transport failures are errors here
    /// ([`Error::Timeout`], [`Error::Network`], or [`Error::Parse`] for a body over the size
    /// limit); check the answer with [`HttpResponse::ensure_success`] and friends.
    pub async fn send(&self, request: &HttpRequest) -> Result<HttpResponse> {
        let endpoint = request.endpoint.as_str();
        check_scheme(request)?;
        if self.inner.config.upstream.is_some() {
            let host = request.url.host_str().unwrap_or("");
            if !self
                .inner
                .config
                .hosts
                .iter()
                .any(|h| h.eq_ignore_ascii_case(host))
            {
                return Err(Error::Network {
                    endpoint: endpoint.to_owned(),
                    detail: format!("host {host} is not served by the emulator"),
                    offline: true,
                });
            }
        }
        let mut builder = self
            .inner
            .client
            .request(request.method.clone(), request.url.clone());
        for (name, value) in &request.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::InvalidInput(format!("invalid header name {name}")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| Error::parse(endpoint, format!("invalid value for header {name}")))?;
            builder = builder.header(name, value);
        }
        if let Some(timeout) = request.timeout {
            builder = builder.timeout(timeout);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|_| Error::Cancelled)?;
        tracing::debug!(endpoint, method = %request.method, host = request.url.host_str(), "upstream request");
        let mut response = builder
            .send()
            .await
            .map_err(|e| from_reqwest(endpoint, e))?;
        let status = response.status();
        let url = response.url().clone();
        let headers = response.headers().clone();
        let limit = self.inner.config.max_body_bytes;
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| from_reqwest(endpoint, e))?
        {
            if body.len() + chunk.len() > limit {
                return Err(Error::parse(
                    endpoint,
                    format!("the answer is larger than {limit} bytes"),
                ));
            }
            body.extend_from_slice(&chunk);
        }
        tracing::debug!(
            endpoint,
            status = status.as_u16(),
            bytes = body.len(),
            "upstream answer"
        );
        Ok(HttpResponse {
            endpoint: endpoint.to_owned(),
            status,
            url,
            headers,
            body: body.freeze(),
            redirects: Vec::new(),
            session_required: request.session_required,
            login_hosts: self.inner.config.login_hosts,
        })
    }

    /// Sends a request and follows redirects (at most [`HttpConfig::max_redirects`] hops), storing
    /// the cookies of every hop. For a request that needs a session, a hop to a login server stops
    /// the walk with [`Error::SessionExpired`]. A hop to plain HTTP, or to a host that is not the
    /// platform's, is refused before it is requested (an [`Error::Upstream`]; see
    /// `transport_policy`).
    pub async fn follow(&self, request: HttpRequest) -> Result<HttpResponse> {
        let mut request = request;
        let mut visited = Vec::new();
        loop {
            let mut response = self.send(&request).await?;
            let Some(next) = next_hop(&request, &response) else {
                response.redirects = visited;
                return Ok(response);
            };
            let to_login_host = next
                .url
                .host_str()
                .is_some_and(|h| matches_any(self.inner.config.login_hosts, h));
            if request.session_required && to_login_host {
                return Err(Error::SessionExpired {
                    endpoint: request.endpoint.clone(),
                });
            }
            check_hop(
                &request,
                &next,
                self.inner.config.hosts,
                self.inner.config.login_hosts,
            )?;
            if visited.len() >= self.inner.config.max_redirects {
                return Err(Error::upstream(
                    request.endpoint.clone(),
                    Some(response.status()),
                    "too many redirects",
                ));
            }
            visited.push(request.url.clone());
            request = next;
        }
    }
}
