//! Single sign-on between providers that share a login server (Stockholm's SiteMinder session,
//! used by both Skolplattformen and InfoMentor).

use crate::http::SsoCookie;

/// The domain whose cookies form Stockholm's shared login session.
pub(crate) const STOCKHOLM_SSO_DOMAIN: &str = "stockholm.se";

/// The cookies of `jar` under `domain` (itself or a subdomain).
pub(crate) fn cookies_under(jar: &crate::http::CookieJar, domain: &str) -> Vec<SsoCookie> {
    jar.cookies_under(domain)
}

/// Puts `cookies` into `jar` as if their domain had set them.
pub(crate) fn adopt_into(jar: &crate::http::CookieJar, cookies: &[SsoCookie]) {
    for c in cookies {
        if c.name.is_empty() || c.domain.is_empty() {
            continue;
        }
        let path = if c.path.starts_with('/') {
            c.path.as_str()
        } else {
            "/"
        };
        let Ok(url) = url::Url::parse(&format!("https://{}{path}", c.domain)) else {
            continue;
        };
        let domain_attr = if c.domain_wide {
            format!("; Domain=.{}", c.domain)
        } else {
            String::new()
        };
        let line = format!(
            "{}={}{domain_attr}; Path={path}; Secure; HttpOnly",
            c.name, c.value
        );
        if !jar.set_cookie(&line, &url) {
            tracing::debug!(cookie = %c.name, "an SSO cookie was not accepted");
        }
    }
}

/// A login that a shared session has already completed: the first poll returns the user.
pub(crate) struct ReadyFlow {
    user: Option<crate::model::User>,
}

impl ReadyFlow {
    /// A flow completing with `user`.
    pub(crate) fn new(user: crate::model::User) -> Self {
        ReadyFlow { user: Some(user) }
    }
}

#[async_trait::async_trait]
impl super::LoginFlow for ReadyFlow {
    fn prompt(&self) -> super::LoginPrompt {
        super::LoginPrompt::default()
    }

    async fn poll(&mut self) -> crate::error::Result<super::LoginProgress> {
        match self.user.take() {
            Some(user) => Ok(super::LoginProgress::Complete(user)),
            None => Err(crate::error::Error::InvalidInput(
                "the login has already completed".to_owned(),
            )),
        }
    }

    async fn cancel(&mut self) -> crate::error::Result<()> {
        self.user = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::CookieJar;

    #[test]
    fn stockholm_cookies_move_between_jars_and_debug_hides_values() {
        let a = CookieJar::new();
        let login = url::Url::parse("https://login003.stockholm.se/x").unwrap();
        a.set_cookie(
            "SMSESSION=secret+v/=; Domain=.stockholm.se; Path=/; HttpOnly",
            &login,
        );
        let other = url::Url::parse("https://hub.infomentor.se/").unwrap();
        a.set_cookie("ASP.NET_SessionId=x; Path=/", &other);
        let cookies = cookies_under(&a, STOCKHOLM_SSO_DOMAIN);
        assert_eq!(cookies.len(), 1);
        assert!(!format!("{cookies:?}").contains("secret"));
        let b = CookieJar::new();
        adopt_into(&b, &cookies);
        let etjanster = url::Url::parse("https://etjanster.stockholm.se/vardnadshavare").unwrap();
        assert_eq!(
            b.value_for(&etjanster, "SMSESSION").as_deref(),
            Some("secret+v/=")
        );
        assert_eq!(b.len(), 1);
    }
}
