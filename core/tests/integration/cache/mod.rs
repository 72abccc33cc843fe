//! The encrypted cache on its own: storing, keys, tampering, crashes.

mod crash;
mod feed_kinds;
mod file_modes;
mod key_safety;
mod store;
