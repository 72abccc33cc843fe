//! End to end against the HTTPS emulator: logins, every endpoint, sync politeness, content
//! loaded with the session.

mod content;
mod infomentor;
mod one_bankid;
mod stockholm;
mod sync;
