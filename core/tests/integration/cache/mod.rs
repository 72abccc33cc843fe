//! The encrypted cache on its own: storing, keys, tampering, crashes.

mod crash;
mod store;
