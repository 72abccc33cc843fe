//! The two names of Stockholm's guardian e-services: `etjanster.stockholm.se` since February
//! 2024 and `etjanst.stockholm.se` before. The real servers answer both (an independent client
//! used the old name in production for years), so a login that ends on either name has reached
//! the e-services: the session cookie (`SMSESSION`, domain `.stockholm.se`) is set by then, and
//! the provider reads the start page and every endpoint under the current name itself.

use crate::error::{Error, Result};
use crate::http::{HttpClient, HttpRequest, HttpResponse};

/// The e-services host names, current first.
pub const ESERVICES_HOSTS: &[&str] = &["etjanster.stockholm.se", "etjanst.stockholm.se"];

/// True for either name of the e-services (case-insensitive).
pub fn is_eservices_host(host: &str) -> bool {
    ESERVICES_HOSTS.iter().any(|h| h.eq_ignore_ascii_case(host))
}

/// Sends a login-chain `GET` and follows its redirects until one points at the e-services
/// (under either name) or the chain ends, and returns that last answer. The hop onto the
/// e-services is not taken: the start page is loaded afterwards under the current name.
pub async fn follow_to_eservices(http: &HttpClient, request: HttpRequest) -> Result<HttpResponse> {
    let endpoint = request.endpoint().to_owned();
    let mut request = request;
    for _ in 0..=http.config().max_redirects {
        let response = http.send(&request).await?;
        let Some(next) = response
            .is_redirect()
            .then(|| response.location())
            .flatten()
        else {
            return Ok(response);
        };
        if next.host_str().is_some_and(is_eservices_host) || next.scheme() != "https" {
            return Ok(response);
        }
        request = HttpRequest::get(&endpoint, next.as_str())?.login_flow();
    }
    Err(Error::upstream(endpoint, None, "too many redirects"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_names() {
        assert!(is_eservices_host("etjanster.stockholm.se"));
        assert!(is_eservices_host("ETJANST.stockholm.se"));
        assert!(!is_eservices_host("login001.stockholm.se"));
        assert!(!is_eservices_host("etjanst.stockholm.se.example.com"));
    }
}
