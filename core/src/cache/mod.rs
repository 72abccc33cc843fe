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
//! the resources, the upstream sessions, the change feed ([`Change`]), and loaded content
//! (images, attachments) under a per-item and a total cap ([`ContentLimits`]).
//!
//! Failures are [`CacheError`]s (storage, keys, integrity), which the public methods hand on
//! as [`crate::Error::Cache`].

mod account_keys;
mod account_rebase;
pub mod cipher;
mod content_store;
mod error;
mod feed;
mod feed_store;
mod feed_watermark;
mod import;
mod items;
mod menu_sources;
mod open;
mod orphans;
pub mod private_files;
mod resource;
mod resource_store;
mod schema;
mod session_store;
mod store;

pub use account_keys::ForgetReport;
pub use account_rebase::RebaseReport;
pub use content_store::{ContentLimits, ContentPut, StoredContent};
pub use error::{CacheError, CacheResult, IntegrityFailure};
pub use feed::{Change, ChangeKind, NewChange, diff};
pub use open::{OpenEvent, RebuildReason};
pub use resource::{ResourceData, ResourceId, ResourceKind, SyncMeta};
pub use schema::SCHEMA_VERSION;
pub use store::{Cache, CacheOptions, DEFAULT_KEY_NAME};
