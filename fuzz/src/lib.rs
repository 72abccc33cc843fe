//! The bodies of Skolbryggan's fuzz targets (`fuzz_targets/*.rs` are one line each).
//!
//! Every target reads its input the same way: the first byte picks *what* to run from a table
//! (an endpoint, a scanner, a base URL, a host), the rest is the text, decoded like an upstream
//! answer (invalid UTF-8 replaced, as `HttpResponse::text` does). A table only grows: adding an
//! endpoint to the registry or a scanner to [`login_pages::SCANNERS`] is the whole change.

pub mod cookie_jar;
pub mod endpoints;
pub mod login_pages;
pub mod markdown;
pub mod sso_walk;

use std::borrow::Cow;

/// Splits an input into its selector byte and its text; `None` for an empty input.
pub fn split(data: &[u8]) -> Option<(u8, Cow<'_, str>)> {
    let (&selector, rest) = data.split_first()?;
    Some((selector, String::from_utf8_lossy(rest)))
}

/// The entry of `table` the selector picks (modulo its length); `None` for an empty table.
pub fn pick<T>(table: &[T], selector: u8) -> Option<&T> {
    table.get(usize::from(selector) % table.len().max(1))
}
