//! The TLS accept loop and the one fallback handler that dispatches on the host name.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::response::Response;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio_rustls::TlsAcceptor;

use crate::control::{self, CONTROL_HOST};
use crate::hosts::{self, Ctx};
use crate::html;
use crate::http::{Req, Resp, parse_cookies};
use crate::knobs::FaultEffect;
use crate::log::{LoggedRequest, endpoint_name};
use crate::state::Shared;

/// Serves until `shutdown` turns true.
pub(crate) async fn serve(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let acceptor = TlsAcceptor::from(tls);
    let app = Router::new().fallback(handler).with_state(shared);
    loop {
        tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let acceptor = acceptor.clone();
                let app = app.clone();
                let mut stop = shutdown.clone();
                tokio::spawn(async move {
                    // A client that does not trust the CA aborts the handshake here.
                    let Ok(stream) = acceptor.accept(stream).await else { return };
                    let service = TowerToHyperService::new(app);
                    let builder = auto::Builder::new(TokioExecutor::new());
                    let connection = builder.serve_connection(TokioIo::new(stream), service);
                    tokio::select! {
                        _ = connection => {}
                        _ = stop.changed() => {}
                    }
                });
            }
        }
    }
}

/// The host name of a request without port (HTTP/1 `Host`, or the HTTP/2 authority).
fn host_of(parts: &Parts) -> String {
    let raw = parts
        .headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| parts.uri.authority().map(|a| a.as_str().to_owned()))
        .unwrap_or_default();
    let host = match raw.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => raw.as_str(),
    };
    host.trim_end_matches('.').to_ascii_lowercase()
}

async fn handler(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let host = host_of(&parts);
    let body = axum::body::to_bytes(body, 8 << 20)
        .await
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    let query_string = parts.uri.query().unwrap_or("").to_owned();
    let query = form_urlencoded::parse(query_string.as_bytes())
        .into_owned()
        .collect();
    let url = if query_string.is_empty() {
        format!("https://{host}{path}")
    } else {
        format!("https://{host}{path}?{query_string}")
    };
    let req = Req {
        method: parts.method.clone(),
        cookies: parse_cookies(&parts.headers),
        headers: parts.headers,
        host,
        path,
        query,
        body,
        url,
    };
    // The control API also answers on `localhost` and `127.0.0.1` (both in the certificate), so
    // that `curl --cacert ca.pem https://localhost:PORT/__control/…` needs no `--resolve`.
    if matches!(req.host.as_str(), CONTROL_HOST | "localhost" | "127.0.0.1") {
        return control::handle(&shared, &req).into_response();
    }
    let endpoint = endpoint_name(&req.path);
    let fault = {
        let mut state = shared.lock();
        state.log.record(LoggedRequest {
            method: req.method.to_string(),
            host: req.host.clone(),
            path: req.path.clone(),
            endpoint: endpoint.clone(),
            cookies: req.cookies.iter().map(|(name, _)| name.clone()).collect(),
        });
        state.take_fault(&req.host, &endpoint)
    }
    .unwrap_or_default();
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    let ctx = Ctx {
        wrong_child: fault.effect == FaultEffect::WrongChild,
    };
    let resp = match &fault.effect {
        FaultEffect::Status {
            status,
            retry_after_secs,
        } => status_response(*status, *retry_after_secs),
        FaultEffect::Redirect { location } => Resp::redirect(location),
        _ => hosts::dispatch(&shared, &req, ctx),
    };
    let resp = match fault.effect {
        FaultEffect::TruncatedBody => {
            let mut resp = resp;
            let keep = resp.body.len() / 2;
            resp.body.truncate(keep);
            resp
        }
        FaultEffect::HtmlInsteadOfJson => Resp::html(200, html::maintenance_page()),
        _ => resp,
    };
    resp.into_response()
}

fn status_response(status: u16, retry_after: Option<u64>) -> Resp {
    let title = axum::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let resp = Resp::html(
        status,
        html::error_page(status, title, "The service is temporarily unavailable."),
    );
    match retry_after {
        Some(secs) => resp.header("retry-after", &secs.to_string()),
        None => resp,
    }
}
