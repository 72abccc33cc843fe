//! Skola24 timetables, reached with SAML single sign-on from a Stockholm session.

// Enabled once the parsers (`parse`) are on main:
// pub mod parse;
// pub mod client;
// mod sso;
