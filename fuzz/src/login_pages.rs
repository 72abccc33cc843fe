//! The scanners of login and start pages and of the login answers: hidden inputs (anti-forgery
//! token, SAML messages), InfoMentor's page classifier, forms, links and URL helpers, and
//! Stockholm's Freja/BankID answers. The first byte picks the scanner; scanners that also take a
//! URL read it from the first line of the text and the page from the rest.

use skolbryggan::html_scan;
use skolbryggan::provider::infomentor::parse as im;
use skolbryggan::provider::infomentor::walk;
use skolbryggan::provider::skola24::parse as s24;
use skolbryggan::provider::stockholm::parse as st;
use skolbryggan::testing::scanners;

/// One scanner: its name (for docs/fuzzing.md) and how it reads a text.
pub type Scanner = (&'static str, fn(&str));

/// The first line of `text` and the rest.
fn url_and_page(text: &str) -> (&str, &str) {
    text.split_once('\n').unwrap_or((text, ""))
}

/// Every scanner, in selector order.
pub const SCANNERS: &[Scanner] = &[
    ("html_scan::input_value", |t| {
        let (name, page) = url_and_page(t);
        let _ = html_scan::input_value(page, name);
    }),
    ("html_scan::text_lines", |t| {
        let _ = html_scan::text_lines(t);
    }),
    ("stockholm xsrf_token", |t| {
        let _ = st::xsrf_token(t);
    }),
    ("stockholm Freja app link", |t| {
        let _ = scanners::stockholm_freja_app_link(t);
    }),
    ("stockholm Freja status", |t| {
        let _ = scanners::stockholm_freja_status(t);
    }),
    ("stockholm BankID state", |t| {
        let _ = scanners::stockholm_bankid_state(t);
    }),
    ("skola24 saml_request", |t| {
        let _ = s24::saml_request(t);
    }),
    ("skola24 saml_response", |t| {
        let _ = s24::saml_response(t);
    }),
    ("infomentor classify_login_page", |t| {
        let (url, page) = url_and_page(t);
        let _ = im::classify_login_page(url, page);
    }),
    ("infomentor forms", |t| {
        for form in im::forms(t) {
            let _ = form.field("SAMLResponse");
            let _ = format!("{form:?}");
        }
    }),
    ("infomentor links", |t| {
        let _ = im::links(t);
    }),
    ("infomentor query_param", |t| {
        let (name, url) = url_and_page(t);
        let _ = im::query_param(url, name);
    }),
    ("infomentor walk::resolve", |t| {
        let (base, href) = url_and_page(t);
        let _ = walk::resolve(base, href);
    }),
    ("infomentor walk::decode_startpage", |t| {
        let _ = walk::decode_startpage(t);
    }),
];

/// One input: the scanner picked by the first byte, its text the rest.
pub fn run(data: &[u8]) {
    let Some((selector, text)) = crate::split(data) else {
        return;
    };
    if let Some((_, scan)) = crate::pick(SCANNERS, selector) {
        scan(&text);
    }
}
