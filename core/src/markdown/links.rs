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
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\n' | '\r' | '\t' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The schemes a link may have; an image only `http` and `https`. Anything else
/// (`javascript:`, `vbscript:`, `data:`, `file:`, …) loses its destination.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];
const IMAGE_SCHEMES: &[&str] = &["http", "https"];

/// The scheme of `href` as a browser reads it: tabs and line breaks anywhere and leading
/// spaces and control characters are ignored (`java&#x09;script:` is `javascript:`), case
/// folded. `None` for a relative reference.
fn scheme_of(href: &str) -> Option<String> {
    let cleaned: String = href
        .trim_start_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let end = cleaned.find([':', '/', '?', '#'])?;
    if cleaned[end..].starts_with(':') && end > 0 {
        Some(cleaned[..end].to_ascii_lowercase())
    } else {
        None
    }
}

/// True when a link to `href` is safe to keep: relative, or `http`, `https`, `mailto`, `tel`.
pub(super) fn is_safe_link(href: &str) -> bool {
    scheme_of(href).is_none_or(|s| LINK_SCHEMES.contains(&s.as_str()))
}

/// True when an image at `src` is safe to keep: relative, or `http`, `https`.
pub(super) fn is_safe_image(src: &str) -> bool {
    scheme_of(src).is_none_or(|s| IMAGE_SCHEMES.contains(&s.as_str()))
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
