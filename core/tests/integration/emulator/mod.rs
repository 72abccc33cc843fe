//! End to end against the HTTPS emulator: logins, every endpoint, sync politeness.

mod background;
mod infomentor;
mod infomentor_writes;
mod one_bankid;
mod sessions;
mod stockholm;
mod sync;
