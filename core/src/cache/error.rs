//! The cache's own error: what went wrong in its storage, with its keys, or with a sealed value.
//!
//! Everything in [`crate::cache`] works with [`CacheError`]; the crate error wraps it as
//! [`crate::Error::Cache`] in one place (`From<CacheError> for Error`, in [`crate::error`]).
//! Messages carry no personal data: SQLite's texts name tables and codes, never values (the
//! values are sealed), and a value that does not decode is described by where, not by what.

/// Why a sealed value was refused before it was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IntegrityFailure {
    /// The stored value is empty.
    #[error("empty sealed value")]
    Empty,
    /// The value was sealed in a format this build does not know.
    #[error("unknown sealed format version {0}")]
    UnknownVersion(u8),
    /// The value is shorter than a nonce and a tag.
    #[error("sealed value too short")]
    TooShort,
    /// The authentication tag does not match: a changed byte, a value moved to another row,
    /// or another key.
    #[error("a sealed value failed authentication (tampered, moved or wrong key)")]
    Authentication,
    /// The value opened, but holds another kind of data than its row promises.
    #[error("a cached resource holds another kind of data")]
    WrongKind,
}

/// Everything that can go wrong in the cache.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// SQLite failed (locked, full disk, damaged file, …).
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The cache's files could not be created or removed.
    #[error("cache files: {0}")]
    Io(#[from] std::io::Error),
    /// The database was written by a newer build.
    #[error("the cache has schema {found}, newer than this build's {supported}")]
    SchemaTooNew {
        /// The database's schema version.
        found: u32,
        /// The newest schema this build knows.
        supported: u32,
    },
    /// The key the secret store holds does not open this database (nothing was deleted).
    #[error("the key in the secret store does not open this cache")]
    WrongKey,
    /// Key material of the wrong length (a damaged secret-store entry).
    #[error("a data key has {expected} bytes, this one {found}")]
    KeyLength {
        /// The length of a data key.
        expected: usize,
        /// The length found.
        found: usize,
    },
    /// An account's key is missing where it must exist.
    #[error("no key for the account")]
    AccountKeyMissing,
    /// No key material could be made (the system's random generator failed).
    #[error("no randomness from the system: {0}")]
    NoRandomness(String),
    /// A sealed value failed its integrity check (tampered, moved, corrupt or another key).
    #[error("integrity check failed: {0}")]
    Integrity(#[from] IntegrityFailure),
    /// A value opened but does not decode (`detail` says where, not what).
    #[error("integrity check failed: a stored value does not decode ({0})")]
    CorruptValue(String),
    /// A value could not be encoded for storing.
    #[error("could not encode a value: {0}")]
    Encode(String),
    /// The cipher refused to seal a value.
    #[error("encryption failed")]
    Encryption,
    /// A damaged cache was deleted, but the empty one could not be created.
    #[error("the cache could not be rebuilt")]
    RebuildFailed,
    /// An earlier panic while holding the cache left it unusable.
    #[error("the cache is unusable after a panic")]
    Poisoned,
    /// The background task doing the cache work ended abnormally.
    #[error("a cache task failed")]
    TaskFailed,
}

impl CacheError {
    /// A value that does not decode, described by its error's category and position only
    /// (serde's own message may quote the value).
    pub fn corrupt_value(e: &serde_json::Error) -> Self {
        CacheError::CorruptValue(format!(
            "{:?} at line {} column {}",
            e.classify(),
            e.line(),
            e.column()
        ))
    }

    /// An encoding failure, described by its error's category only.
    pub fn encode(e: &serde_json::Error) -> Self {
        CacheError::Encode(format!("{:?}", e.classify()))
    }

    /// True when the problem is the cache's key material (a wrong, malformed, missing or
    /// unobtainable key), not its storage or its values.
    pub fn is_key_problem(&self) -> bool {
        matches!(
            self,
            CacheError::WrongKey
                | CacheError::KeyLength { .. }
                | CacheError::AccountKeyMissing
                | CacheError::NoRandomness(_)
        )
    }

    /// True when a stored value failed its integrity check or does not decode.
    pub fn is_integrity_failure(&self) -> bool {
        matches!(self, CacheError::Integrity(_) | CacheError::CorruptValue(_))
    }

    /// True when SQLite says the database file is damaged or is not a database.
    pub(crate) fn is_corrupt_file(&self) -> bool {
        match self {
            CacheError::Sqlite(e) => is_corrupt_file(e),
            _ => false,
        }
    }
}

/// True when SQLite says the database file is damaged or is not a database.
pub(crate) fn is_corrupt_file(e: &rusqlite::Error) -> bool {
    if let rusqlite::Error::SqliteFailure(f, _) = e
        && matches!(
            f.code,
            rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt
        )
    {
        return true;
    }
    let text = e.to_string();
    text.contains("malformed") || text.contains("not a database")
}

/// The cache's result type.
pub type CacheResult<T> = std::result::Result<T, CacheError>;
