//! Göteborg's SAML login with BankID on another device (animated QR): Vklass's SAML start →
//! Göteborg's method chooser → the BankID SAML request posted to the e-ID broker → a BankID
//! order polled every second with a fresh QR payload → the broker's assertion handed back
//! through Göteborg's IdP to `auth.vklass.se/saml/assertion` → the session check.

use std::sync::Arc;

use async_trait::async_trait;
use reqwest::Method;
use url::Url;

use super::check_session;
use crate::error::{Error, LoginFailure, Result};
use crate::http::{HttpRequest, HttpResponse};
use crate::provider::infomentor::parse::HtmlForm;
use crate::provider::vklass::context::Context;
use crate::provider::vklass::hosts;
use crate::provider::vklass::parse::{self, BrokerStatus};
use crate::provider::vklass::routes;
use crate::provider::{LoginFlow, LoginProgress, LoginPrompt, LoginState, QrFrame};

/// Polls before the order is given up (about 1.5 minutes at one poll a second).
const MAX_POLLS: u32 = 90;

fn fail(step: &str) -> Error {
    Error::Login(LoginFailure::NoSession(format!(
        "the Göteborg login stopped at an unexpected page ({step})"
    )))
}

/// Resolves a form's action against the page and checks it stays on an expected https host.
fn action_url(page: &Url, form: &HtmlForm, expected_host: &str) -> Result<Url> {
    let action = form.action.as_deref().unwrap_or("");
    let url = page.join(action).map_err(|_| fail("form action"))?;
    if url.scheme() != "https" || url.host_str() != Some(expected_host) {
        return Err(fail("form action host"));
    }
    Ok(url)
}

fn post_form(endpoint: &str, url: Url, form: &HtmlForm, origin: &str) -> HttpRequest {
    let pairs: Vec<(&str, &str)> = form
        .fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    HttpRequest::from_url(Method::POST, endpoint, url)
        .login_flow()
        .header("origin", origin)
        .header("referer", origin)
        .form(&pairs)
}

fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Where the broker's web app landed: the order's ids.
struct Landing {
    aid: String,
    referer: String,
}

fn landing(url: &Url) -> Result<Landing> {
    if url.host_str() != Some(hosts::EID_BROKER) {
        return Err(fail("e-ID broker landing host"));
    }
    let segments: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    if segments.len() < 5 {
        return Err(fail("e-ID broker landing path"));
    }
    let aid = query(url, "aid").ok_or_else(|| fail("e-ID broker aid"))?;
    let mut app = url.clone();
    app.set_query(None);
    Ok(Landing {
        referer: format!("{app}?lang=sv&aid={}", routes::encode(&aid)),
        aid,
    })
}

/// A BankID login in progress.
pub(crate) struct GoteborgBankIdLogin {
    context: Arc<Context>,
    aid: String,
    sp_id: String,
    referer: String,
    polls: u32,
    first_qr: Option<QrFrame>,
    done: bool,
}

impl GoteborgBankIdLogin {
    /// Walks to the broker and starts a BankID order for the organisation `org` at `idp`.
    pub(crate) async fn start(context: Arc<Context>, idp: &str, org: &str) -> Result<Self> {
        let http = &context.http;
        // 1. Vklass's SAML start, followed to Göteborg's method chooser.
        let start = HttpRequest::get("initiate", &routes::saml_initiate(idp, org))?.login_flow();
        let chooser = http.follow(start).await?;
        chooser.ensure_success()?;
        let url = chooser.url().clone();
        if url.host_str() != Some(hosts::GOTEBORG_IDP)
            || !url.path().ends_with("/sp/sps/eidpub/saml20/logininitial")
        {
            return Err(fail("method chooser"));
        }
        let target = query(&url, "Target").ok_or_else(|| fail("chooser target"))?;
        let bankid = parse::bankid_button(&chooser.text()).ok_or_else(|| fail("BankID button"))?;
        // 2. The BankID SAML request, posted to the broker.
        let request_url = format!(
            "{}?ResponseBinding=HTTPPost&RequestBinding=HTTPPost&NameIdFormat=Transient&ITFIM_WAYF_IDP={}&Target={}",
            routes::GOTEBORG_LOGININITIAL,
            routes::encode(&bankid),
            routes::encode(&target)
        );
        let page = http
            .send(&HttpRequest::get("logininitial", &request_url)?.login_flow())
            .await?;
        page.ensure_success()?;
        let form =
            parse::form_with(&page.text(), "SAMLRequest").ok_or_else(|| fail("SAML request"))?;
        let to = action_url(page.url(), &form, hosts::EID_BROKER)?;
        let landed = http
            .follow(post_form("saml2", to, &form, routes::GOTEBORG_ORIGIN))
            .await?;
        landed.ensure_success()?;
        let land = landing(landed.url())?;
        let sp_id = landed
            .url()
            .path_segments()
            .and_then(|mut s| s.rfind(|p| !p.is_empty()).map(str::to_owned))
            .ok_or_else(|| fail("spId"))?;
        let mut login = GoteborgBankIdLogin {
            context: Arc::clone(&context),
            aid: land.aid,
            sp_id,
            referer: land.referer,
            polls: 0,
            first_qr: None,
            done: false,
        };
        login.order().await?;
        login.first_qr = login.qr().await.ok().flatten();
        Ok(login)
    }

    fn broker(&self, method: Method, endpoint: &str, url: &str) -> Result<HttpRequest> {
        Ok(HttpRequest::new(method, endpoint, url)?
            .login_flow()
            .header("accept", "*/*")
            .header("origin", routes::BROKER_ORIGIN)
            .header("referer", &self.referer))
    }

    async fn order(&self) -> Result<()> {
        let aid = routes::encode(&self.aid);
        let methods_url = format!(
            "{}?lang=sv&aid={aid}&spId={}",
            routes::BROKER_METHODS,
            routes::encode(&self.sp_id)
        );
        let methods = self
            .context
            .http
            .send(
                &self
                    .broker(Method::GET, "methods", &methods_url)?
                    .header("content-type", "application/json"),
            )
            .await?;
        methods.ensure_success()?;
        let id = parse::bankid_method(&methods.text())?;
        let auth_url = format!(
            "{}?lang=sv&aid={aid}&id={}",
            routes::BROKER_BANKID_AUTH,
            routes::encode(&id)
        );
        let auth = self
            .context
            .http
            .send(
                &self
                    .broker(Method::POST, "auth", &auth_url)?
                    .body(Vec::new(), "text/plain"),
            )
            .await?;
        auth.ensure_success()?;
        if !parse::order_started(&auth.text()) {
            return Err(Error::Login(LoginFailure::Rejected(
                "the BankID order was not started".to_owned(),
            )));
        }
        Ok(())
    }

    async fn qr(&self) -> Result<Option<QrFrame>> {
        let url = format!(
            "{}?aid={}",
            routes::BROKER_BANKID_QR,
            routes::encode(&self.aid)
        );
        let answer = self
            .context
            .http
            .send(&self.broker(Method::GET, "qr", &url)?)
            .await?;
        answer.ensure_success()?;
        Ok(parse::qr_payload(&answer.text()).map(|payload| QrFrame { payload }))
    }

    async fn status(&self) -> Result<BrokerStatus> {
        let url = format!(
            "{}?aid={}",
            routes::BROKER_BANKID_STATUS,
            routes::encode(&self.aid)
        );
        let answer = self
            .context
            .http
            .send(&self.broker(Method::GET, "status", &url)?)
            .await?;
        answer.ensure_success()?;
        parse::broker_status(&answer.text())
    }

    /// Step 5: the broker's assertion through Göteborg's IdP to Vklass.
    async fn hand_back(&self) -> Result<crate::model::User> {
        let http = &self.context.http;
        let url = format!(
            "{}?aid={}",
            routes::BROKER_FINISH,
            routes::encode(&self.aid)
        );
        let finish = http
            .send(&self.broker(Method::GET, "finish", &url)?)
            .await?;
        finish.ensure_success()?;
        let form =
            parse::form_with(&finish.text(), "SAMLResponse").ok_or_else(|| fail("finish"))?;
        let to = action_url(finish.url(), &form, hosts::GOTEBORG_IDP)?;
        let idp = http
            .follow(post_form("login", to, &form, routes::BROKER_ORIGIN))
            .await?;
        idp.ensure_success()?;
        let form = parse::form_with(&idp.text(), "SAMLResponse").ok_or_else(|| fail("IdP auth"))?;
        let to = action_url(idp.url(), &form, hosts::AUTH)?;
        let assertion: HttpResponse = http
            .send(&post_form("assertion", to, &form, routes::GOTEBORG_ORIGIN))
            .await?;
        if !assertion.is_redirect() {
            return Err(Error::Login(LoginFailure::NoSession(
                "Vklass did not accept the assertion".to_owned(),
            )));
        }
        check_session(&self.context).await
    }
}

#[async_trait]
impl LoginFlow for GoteborgBankIdLogin {
    fn prompt(&self) -> LoginPrompt {
        LoginPrompt {
            qr: self.first_qr.clone(),
            ..LoginPrompt::default()
        }
    }

    async fn poll(&mut self) -> Result<LoginProgress> {
        if self.done {
            return Err(Error::InvalidInput(
                "the login has already ended".to_owned(),
            ));
        }
        self.polls += 1;
        if self.polls > MAX_POLLS {
            self.done = true;
            return Err(Error::Login(LoginFailure::TimedOut));
        }
        match self.status().await? {
            BrokerStatus::Pending => Ok(LoginProgress::Waiting {
                state: LoginState::Pending,
                qr: self.qr().await?,
            }),
            BrokerStatus::Complete => {
                self.done = true;
                Ok(LoginProgress::Complete(self.hand_back().await?))
            }
            BrokerStatus::Failed { hint } => {
                self.done = true;
                Err(Error::Login(match hint.as_deref() {
                    Some("userCancel") | Some("cancelled") => LoginFailure::CancelledByUser,
                    Some("expiredTransaction") => LoginFailure::TimedOut,
                    Some(h) => LoginFailure::Rejected(h.to_owned()),
                    None => LoginFailure::Rejected("BankID failed".to_owned()),
                }))
            }
        }
    }

    async fn cancel(&mut self) -> Result<()> {
        // The broker offers no cancel call to clients like this one: forget the order.
        self.done = true;
        Ok(())
    }
}
