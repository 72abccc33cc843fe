//! Session pieces: the anti-forgery token of the start page and the wrong-child guard.

use crate::error::{Error, Result};
use crate::html_scan::input_value;

/// The anti-forgery token of the start page `/hem`: the `value` of
/// `<input name="__RequestVerificationToken">`, sent as `x-xsrf-token` on later requests.
/// `None` when the page has no such input (the upstream app then sends an empty token).
pub fn xsrf_token(html: &str) -> Option<String> {
    input_value(html, "__RequestVerificationToken")
}

/// True when an answer belongs to another child than the one requested and must be discarded
/// (and retried): the requested child is not a pre-school (`FS`) child, yet a `Set-Cookie` header
/// of the answer contains `Status=FS` (the server answered for a selected FS child). Same test as
/// the upstream app; applies to the news and menu endpoints.
pub fn wrong_child_cookie(set_cookie_values: &[&str], requested_child_is_fs: bool) -> bool {
    !requested_child_is_fs && set_cookie_values.iter().any(|v| v.contains("Status=FS"))
}

/// [`wrong_child_cookie`] as a result: [`Error::WrongChild`] naming `endpoint` (a transient
/// error: retry) when the answer belongs to another child.
pub fn check_child_cookie(
    endpoint: &str,
    set_cookie_values: &[&str],
    requested_child_is_fs: bool,
) -> Result<()> {
    if wrong_child_cookie(set_cookie_values, requested_child_is_fs) {
        Err(Error::WrongChild {
            endpoint: endpoint.to_owned(),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_child() {
        let fs = ["Status=FS; path=/; HttpOnly"];
        assert!(wrong_child_cookie(&fs, false));
        assert!(!wrong_child_cookie(&fs, true));
        assert!(!wrong_child_cookie(&["Status=GR; path=/"], false));
        assert!(!wrong_child_cookie(&[], false));
    }

    #[test]
    fn token() {
        let html = r#"<html><body><form action="/x"><input name="__RequestVerificationToken" type="hidden" value="CfDJ8abc-_123" /></form></body></html>"#;
        assert_eq!(xsrf_token(html).as_deref(), Some("CfDJ8abc-_123"));
        assert_eq!(xsrf_token("<html></html>"), None);
    }
}
