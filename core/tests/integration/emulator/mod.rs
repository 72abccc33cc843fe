//! End to end against the HTTPS emulator: logins, every endpoint, sync politeness, content
//! loaded with the session.

mod background;
mod content;
mod cookie_scope;
mod family;
mod infomentor;
mod infomentor_logins;
mod infomentor_writes;
mod legacy_ids;
mod log_scan;
mod menus;
mod one_bankid;
mod schoolsoft;
mod sessions;
mod stockholm;
mod sync;
mod vklass;
