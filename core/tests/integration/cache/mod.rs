//! The encrypted cache on its own: storing, keys, tampering, crashes.

mod account_ids;
mod crash;
mod feed_kinds;
mod file_modes;
mod key_safety;
mod store;
