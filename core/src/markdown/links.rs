//! Link destinations: resolved against the conversion's base URL and made safe for Markdown.

use super::BASE_URL;

/// A URL as a Markdown link destination: resolved against the base URL, spaces and parentheses
/// percent-encoded.
pub(super) fn link_destination(href: &str) -> String {
    let resolved = BASE_URL.with(|b| match b.borrow().as_deref() {
        Some(base) => resolve_url(base, href),
        None => href.to_owned(),
    });
    let mut out = String::with_capacity(resolved.len());
    for c in resolved.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '\n' | '\r' | '\t' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Resolves `href` against `base` (enough of RFC 3986 for links in rich text: absolute URLs,
/// fragments, scheme-relative, host-relative and path-relative references).
pub(crate) fn resolve_url(base: &str, href: &str) -> String {
    let has_scheme = href.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
    });
    if has_scheme || href.starts_with('#') {
        return href.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_owned();
    };
    if let Some(stripped) = href.strip_prefix("//") {
        return format!("{scheme}://{stripped}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &base[..scheme.len() + 3 + authority_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    let path = &rest[authority_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    format!("{origin}{dir}{href}")
}
