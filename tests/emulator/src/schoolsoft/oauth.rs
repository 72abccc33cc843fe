//! SchoolSoft's OAuth 2 with PKCE (the apps' login) and what its tokens open: the SAML start
//! of the React app's guardian login (`rest-api/login/parent/saml`), the code handed to the
//! `redirect_uri` after the IdP, the token endpoint (code and refresh grants), the Eva API's
//! parent and profile, and the token → web-cookie exchange (`eva-apps/auth/login/parent`).
//!
//! Strict: the authorization needs `state`, an S256 challenge, `client_id` `vApp` (or `eApp`,
//! whose codes are a pupil's and fail at the token step) and a loopback `redirect_uri`; a code
//! is good once, for ten minutes, and only with the verifier of its challenge (a wrong one burns
//! it); the refresh token rotates and a spent one is refused; access tokens live 15 minutes.

use std::collections::{HashMap, HashSet};

use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::{SsState, family, tenant_url};
use crate::http::{Req, Resp};
use crate::ids;

/// Life of an access token (the JWT's `exp` is `iat` + 900 s upstream).
pub const ACCESS_LIFE: Duration = Duration::from_secs(15 * 60);
/// Life of an unused authorization code (Guessed).
const CODE_LIFE: Duration = Duration::from_secs(10 * 60);

/// An authorization waiting for the IdP (keyed by the Shibboleth relay-state id).
pub(crate) struct PendingAuth {
    state: String,
    redirect_uri: String,
    challenge: String,
    pupil: bool,
}

struct IssuedCode {
    challenge: String,
    pupil: bool,
    issued: Instant,
}

/// What the OAuth side remembers.
#[derive(Default)]
pub(crate) struct OAuthState {
    codes: HashMap<String, IssuedCode>,
    access: HashMap<String, Instant>,
    refresh: HashSet<String>,
    /// Codes issued so far.
    pub(crate) codes_issued: u64,
    /// Refresh grants answered with a new pair.
    pub(crate) refreshes: u64,
}

/// True for a loopback `http` redirect (`127.0.0.1`, `localhost` or `[::1]`, any port): the one
/// kind of `redirect_uri` known to be accepted (a web origin was too; which ones is not known,
/// and custom URL schemes are not known to work, so the emulator takes loopback only).
fn is_allowed_redirect(uri: &str) -> bool {
    let Some(rest) = uri.strip_prefix("http://") else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]") && !uri.contains('#')
}

/// `GET {S}rest-api/login/parent/saml?state&client_id&redirect_uri&code_challenge&code_challenge_method&lang`
/// → the tenant's IdP (GrandID here), with the authorization kept under the relay state.
pub(crate) fn saml_start(ss: &mut SsState, req: &Req) -> Resp {
    let state = req.q("state").unwrap_or_default();
    let redirect_uri = req.q("redirect_uri").unwrap_or_default();
    let challenge = req.q("code_challenge").unwrap_or_default();
    let pupil = match req.q("client_id") {
        Some("vApp") => false,
        Some("eApp") => true,
        _ => return bad_request("client_id"),
    };
    if state.is_empty() {
        return bad_request("state");
    }
    if req.q("code_challenge_method") != Some("S256")
        || challenge.len() != 43
        || URL_SAFE_NO_PAD.decode(challenge).is_err()
    {
        return bad_request("code_challenge");
    }
    if !is_allowed_redirect(redirect_uri) {
        return bad_request("redirect_uri");
    }
    let auth = PendingAuth {
        state: state.to_owned(),
        redirect_uri: redirect_uri.to_owned(),
        challenge: challenge.to_owned(),
        pupil,
    };
    super::grandid::saml_start(ss, Some(auth))
}

fn bad_request(what: &str) -> Resp {
    Resp::json_status(
        400,
        &serde_json::json!({ "status": 400, "message": format!("Ogiltig parameter: {what}") }),
    )
}

/// After the SAML response of an OAuth login: the code, sent to `redirect_uri` with `state`.
pub(crate) fn redirect_with_code(ss: &mut SsState, auth: PendingAuth) -> Resp {
    let code = ids::token(6);
    ss.oauth.codes.insert(
        code.clone(),
        IssuedCode {
            challenge: auth.challenge,
            pupil: auth.pupil,
            issued: Instant::now(),
        },
    );
    ss.oauth.codes_issued += 1;
    let glue = if auth.redirect_uri.contains('?') {
        '&'
    } else {
        '?'
    };
    let enc = |v: &str| form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>();
    Resp::redirect(&format!(
        "{}{glue}code={}&state={}",
        auth.redirect_uri,
        enc(&code),
        enc(&auth.state)
    ))
}

fn no_session() -> Resp {
    Resp::json_status(
        404,
        &serde_json::json!({ "status": 404, "message": "Ingen aktiv inloggnings-session" }),
    )
}

/// A JWT shaped like SchoolSoft's (claims as reported; the signature is random here).
fn access_token(pupil: bool) -> String {
    let now = jiff::Timestamp::now().as_second();
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let claims = serde_json::json!({
        "sub": ids::guid(),
        "aud": "https://schoolsoft.se/eva-backend",
        "user_type": if pupil { "STUDENT" } else { "PARENT" },
        "login_method": "SAML",
        "client_id": if pupil { "eApp" } else { "vApp" },
        "iat": now,
        "exp": now + ACCESS_LIFE.as_secs() as i64,
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.{}", ids::token(43))
}

fn issue_pair(ss: &mut SsState) -> Resp {
    let access = access_token(false);
    let refresh = ids::token(48);
    ss.oauth.access.insert(access.clone(), Instant::now());
    ss.oauth.refresh.insert(refresh.clone());
    // No `expires`: the lifetime is the JWT's `exp` (as the live-verified source reports).
    Resp::json(&serde_json::json!({
        "access_token": access,
        "refresh_token": refresh,
        "type": "Bearer",
    }))
}

/// `POST {S}rest-api/login/token?clientId&grantType=code&code&codeVerifier` or
/// `…grantType=refresh_token&refreshToken` (parameters in the query, empty body).
pub(crate) fn token(ss: &mut SsState, req: &Req) -> Resp {
    if req.method != axum::http::Method::POST {
        return Resp::json_status(405, &serde_json::json!({ "status": 405 }));
    }
    match req.q("grantType") {
        Some("code") => {
            // A code is spent by any attempt, right or wrong (Guessed for the wrong verifier).
            let Some(code) = req.q("code").and_then(|c| ss.oauth.codes.remove(c)) else {
                return no_session();
            };
            if code.issued.elapsed() > CODE_LIFE {
                return no_session();
            }
            let verifier = req.q("codeVerifier").unwrap_or_default();
            let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if verifier.len() < 43 || challenge != code.challenge {
                return Resp::json_status(
                    400,
                    &serde_json::json!({ "status": 400, "message": "Felaktig code_verifier" }),
                );
            }
            if code.pupil {
                return Resp::json_status(
                    400,
                    &serde_json::json!({
                        "status": 400,
                        "message": "Vi kunde inte hitta användaren eller så är användaren inte aktiv på den här skolan"
                    }),
                );
            }
            issue_pair(ss)
        }
        Some("refresh_token") => {
            let Some(refresh) = req.q("refreshToken") else {
                return no_session();
            };
            // Rotation: the old token is spent now, whatever follows.
            if !ss.oauth.refresh.remove(refresh) {
                return no_session();
            }
            ss.oauth.refreshes += 1;
            issue_pair(ss)
        }
        _ => bad_request("grantType"),
    }
}

/// True for a live access token.
fn live(ss: &SsState, token: &str) -> bool {
    ss.oauth
        .access
        .get(token)
        .is_some_and(|issued| issued.elapsed() < ACCESS_LIFE)
}

/// `{S}eva/…` with `Authorization: Bearer`: the guardian and the profile; other paths are not
/// served (404 with a good token); any call without a live token is 401.
pub(crate) fn eva(ss: &SsState, req: &Req, rest: &str, guardian_number: &str) -> Resp {
    let bearer = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !live(ss, bearer) {
        return Resp::json_status(401, &serde_json::json!({ "error": "unauthorized" }))
            .header("www-authenticate", "Bearer");
    }
    let org: i64 = family::ORG_ID.parse().unwrap_or_default();
    if rest == "eva/api/v1/parent" {
        let children: Vec<serde_json::Value> = family::CHILDREN
            .iter()
            .map(|c| {
                serde_json::json!({
                    "studentId": c.id.parse::<i64>().unwrap_or_default(),
                    "firstName": c.first,
                    "lastName": c.last,
                    "picture": "",
                    "guid": ids::guid(),
                    "schools": [{ "orgId": org, "name": family::SCHOOL_NAME, "className": c.class }],
                    "username": format!("{}.{}", c.first.to_lowercase(), c.id),
                })
            })
            .collect();
        return Resp::json(&serde_json::json!({
            "guid": "6f1f2f40-0000-4000-8000-000000030001",
            "userId": family::EVA_USER_ID.parse::<i64>().unwrap_or_default(),
            "firstName": family::GUARDIAN.0,
            "lastName": family::GUARDIAN.1,
            "children": children,
        }));
    }
    if rest == format!("eva/api/v1/parent/{}/profile", family::EVA_USER_ID) {
        let number = match guardian_number.split_at_checked(8) {
            Some((date, tail)) => format!("{date}-{tail}"),
            None => guardian_number.to_owned(),
        };
        return Resp::json(&serde_json::json!({
            "fName": family::GUARDIAN.0,
            "lName": family::GUARDIAN.1,
            "email": "anna@example.invalid",
            "socialNumber": number,
            "mobile": "",
            "city": "Påhittby",
            "notPublish": false,
        }));
    }
    crate::hosts::not_found()
}

/// `GET {S}eva-apps/auth/login/parent` with headers `token`, `userId`, `orgId`, `childInFocus`
/// → 303 with the web session cookies, bound to that child; anything missing or wrong, or a
/// dead token → 303 to `…?error=other` without cookies.
pub(crate) fn cookie_exchange(ss: &mut SsState, req: &Req) -> Resp {
    let token = req.header("token").unwrap_or_default();
    let child = req.header("childInFocus").and_then(family::child);
    let ok = live(ss, token)
        && req.header("userId") == Some(family::EVA_USER_ID)
        && req.header("orgId") == Some(family::ORG_ID);
    let (true, Some(child)) = (ok, child) else {
        return Resp::redirect(&format!("{}react/?error=other", tenant_url())).with_status(303);
    };
    let cookies = ss.open_session(child.id, true);
    let target = req
        .header("redirecturl")
        .filter(|u| u.starts_with(&tenant_url()))
        .map_or_else(|| format!("{}react/", tenant_url()), str::to_owned);
    let mut resp = Resp::redirect(&target).with_status(303);
    for c in cookies {
        resp = resp.cookie(&c);
    }
    resp
}

impl OAuthState {
    /// Ends every access token now (a refresh still works).
    pub(crate) fn expire_access(&mut self) {
        self.access.clear();
    }

    /// Ends every refresh token too: only a new login helps.
    pub(crate) fn revoke_all(&mut self) {
        self.access.clear();
        self.refresh.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirects_only() {
        assert!(is_allowed_redirect("http://127.0.0.1:8123/callback"));
        assert!(is_allowed_redirect("http://localhost:1/cb?x=1"));
        assert!(is_allowed_redirect("http://[::1]:9/cb"));
        assert!(!is_allowed_redirect("https://evil.example/cb"));
        assert!(!is_allowed_redirect("http://127.0.0.1.evil.example/cb"));
        assert!(!is_allowed_redirect("skolbryggan://callback"));
        assert!(!is_allowed_redirect("http://127.0.0.1:1/cb#frag"));
    }
}
