//! Skola24's login: a SAML single sign-on from a live Stockholm session (no login of its own).

mod sso;

pub(crate) use sso::single_sign_on;
