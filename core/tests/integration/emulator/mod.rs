//! End to end against the HTTPS emulator: logins, every endpoint, sync politeness.

mod infomentor;
mod one_bankid;
mod sessions;
mod stockholm;
mod sync;
