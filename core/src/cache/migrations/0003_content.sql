-- Skolbryggan cache, schema 3: loaded content (news images, attachments).
-- `key` is a keyed BLAKE3 hash of the URL under the account's key, `scope` the account's
-- scope (as in `items`), `value` the sealed media type and bytes bound to `key`. `size` is the
-- sealed length (for the caps) and `used` a counter of the last use (least recently used is
-- evicted first); neither is personal.
CREATE TABLE content (
    key   BLOB PRIMARY KEY,
    scope BLOB NOT NULL,
    value BLOB NOT NULL,
    size  INTEGER NOT NULL,
    used  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX content_scope ON content (scope);
CREATE INDEX content_used ON content (used);
