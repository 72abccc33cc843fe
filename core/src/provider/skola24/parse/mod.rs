//! Every Skola24 answer (and the SAML sign-on pages) → the normalized model. Pure functions, no
//! HTTP.
//!
//! Skola24 answers `{error, data, exception, validation}`: a non-null `error` is
//! [`Error::Upstream`](crate::error::Error::Upstream); an HTML page where JSON was expected is [`Error::SessionExpired`](crate::error::Error::SessionExpired) (the
//! Skola24 session is gone: redo the sign-on); empty, truncated or differently shaped bodies are
//! [`Error::Parse`](crate::error::Error::Parse). Endpoint names in errors: `timetables` (`get/personal/timetables`), `key`
//! (`get/timetable/render/key`), `timetable` (`render/timetable`), `authenticate` and
//! `saml2sso` (the SAML pages).

mod child_match;
mod children;
mod envelope;
mod sso;
mod timetable;

pub use child_match::merge_children;
pub use children::children;
pub use sso::{saml_request, saml_response};
pub use timetable::{render_key, teacher_names, timetable};
