//! The encrypted, offline-first cache.
//!
//! SQLite (bundled) in WAL mode, schema in numbered migrations, one connection as the single
//! writer. Nothing personal is stored in plain text: every value is sealed with
//! XChaCha20-Poly1305 and bound to its row, every lookup key is a keyed BLAKE3 hash
//! ([`cipher`]). The database key lives in a [`crate::secrets::SecretStore`]; each account has
//! its own random key, sealed with the database key, so forgetting an account destroys its key
//! (crypto-shredding).
//!
//! What is stored, per account: one sealed blob per resource (provider × child × kind, and ×
//! ISO week for calendar, menu and timetable), its sync metadata ([`SyncMeta`]), an index of
//! the resources, the upstream sessions, and the change feed ([`Change`]).

pub mod cipher;
mod feed;
mod import;
mod resource;
mod schema;
mod store;

pub use feed::{Change, ChangeKind, NewChange, diff};
pub use resource::{ResourceData, ResourceId, ResourceKind, SyncMeta};
pub use schema::SCHEMA_VERSION;
pub use store::{Cache, CacheOptions, DEFAULT_KEY_NAME, ForgetReport, OpenEvent, RebuildReason};
