-- Skolbryggan cache, schema 1.
-- Nothing here is plain text: lookup keys and scopes are keyed BLAKE3 hashes, values are
-- XChaCha20-Poly1305 sealed blobs bound to their row (see cipher.rs). The only readable names
-- are the fixed ones in `meta`.

-- Fixed, non-personal entries: the key check value.
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) WITHOUT ROWID;

-- One random data key per account, sealed with the database key. Deleting the row (with
-- secure_delete) shreds the account's data.
CREATE TABLE account_keys (
    scope  BLOB PRIMARY KEY,
    sealed BLOB NOT NULL
) WITHOUT ROWID;

-- Sealed blobs: one per resource (child x kind [x week]), its sync metadata, the account's
-- index and the upstream session.
CREATE TABLE items (
    key   BLOB PRIMARY KEY,
    scope BLOB NOT NULL,
    value BLOB NOT NULL
) WITHOUT ROWID;
CREATE INDEX items_scope ON items (scope);

-- The change feed, in insertion order.
CREATE TABLE changes (
    seq   INTEGER PRIMARY KEY,
    scope BLOB NOT NULL,
    value BLOB NOT NULL
);
CREATE INDEX changes_scope ON changes (scope, seq);
