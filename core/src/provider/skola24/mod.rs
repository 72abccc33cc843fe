//! Skola24 timetables, reached with SAML single sign-on from a Stockholm session.

// pub mod parse;

pub mod client;
mod sso;
