//! Following a redirect by hand, the way a browser does.

use reqwest::{Method, StatusCode};

use super::request::HttpRequest;
use super::response::HttpResponse;

/// The request a browser makes after `response` to `request`, or `None` when `response` is not
/// a redirect (or has no usable `Location`).
///
/// 301/302/303 turn a non-`GET`/`HEAD` request into a body-less `GET` (what browsers do);
/// 307/308 repeat the method and body. Extra headers are kept except the body's content type
/// when the body is dropped, and `Host`, which belongs to the old URL.
pub(crate) fn next_hop(request: &HttpRequest, response: &HttpResponse) -> Option<HttpRequest> {
    if !response.status.is_redirection() {
        return None;
    }
    let location = response.location()?;
    if !matches!(location.scheme(), "http" | "https") {
        return None;
    }
    let mut next = request.clone();
    next.url = location;
    next.headers
        .retain(|(n, _)| !n.eq_ignore_ascii_case("host"));
    let keep_method = matches!(
        response.status,
        StatusCode::TEMPORARY_REDIRECT | StatusCode::PERMANENT_REDIRECT
    );
    if !keep_method && !matches!(request.method, Method::GET | Method::HEAD) {
        next.method = Method::GET;
        next.body = None;
        next.headers
            .retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
    }
    Some(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};
    use url::Url;

    fn redirect(status: u16, location: &str) -> HttpResponse {
        let mut headers = HeaderMap::new();
        headers.insert("location", HeaderValue::from_str(location).unwrap());
        HttpResponse::from_parts(
            "x",
            status,
            Url::parse("https://login003.stockholm.se/a/b?c=d").unwrap(),
            headers,
            "",
        )
    }

    #[test]
    fn post_becomes_get_on_302_and_stays_post_on_307() {
        let post = HttpRequest::post("saml2sso", "https://login001.stockholm.se/p")
            .unwrap()
            .form(&[("a", "b")])
            .header("Host", "login001.stockholm.se");
        let next = next_hop(&post, &redirect(302, "/hem")).unwrap();
        assert_eq!(next.method, Method::GET);
        assert!(next.body.is_none());
        assert_eq!(next.header_value("content-type"), None);
        assert_eq!(next.header_value("host"), None);
        assert_eq!(next.url.as_str(), "https://login003.stockholm.se/hem");
        let next = next_hop(&post, &redirect(307, "https://etjanster.stockholm.se/x")).unwrap();
        assert_eq!(next.method, Method::POST);
        assert!(next.body.is_some());
        assert_eq!(next.url.host_str(), Some("etjanster.stockholm.se"));
    }

    #[test]
    fn relative_and_odd_locations() {
        let get = HttpRequest::get("x", "https://login003.stockholm.se/a/b").unwrap();
        assert_eq!(
            next_hop(&get, &redirect(301, "c?x=1"))
                .unwrap()
                .url
                .as_str(),
            "https://login003.stockholm.se/a/c?x=1"
        );
        assert!(next_hop(&get, &redirect(302, "javascript:alert(1)")).is_none());
        let ok = HttpResponse::from_parts(
            "x",
            200,
            Url::parse("https://a.se/").unwrap(),
            HeaderMap::new(),
            "",
        );
        assert!(next_hop(&get, &ok).is_none());
    }
}
