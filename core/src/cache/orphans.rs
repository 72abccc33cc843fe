//! Orphaned caches: the files of a cache whose key the secret store did not have, kept aside
//! (never deleted silently) beside the live cache until a login succeeds.
//!
//! An orphan of `skolbryggan.db` is `skolbryggan.db.orphaned-<unix ms>`, with its SQLite
//! companions renamed the same way (`…orphaned-<ms>-wal`, `-shm`, `-journal`), so it stays a
//! complete database that can be opened again. When the key that opens an orphan shows up again
//! (the right key store is used once more), [`super::open`] swaps it back in.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};

use super::cipher::StoreCipher;
use super::open::{KEY_CHECK_AAD, KEY_CHECK_PLAIN, files_of};
use crate::error::{Error, Result};

/// The marker between a database's file name and an orphan's timestamp.
const MARKER: &str = ".orphaned-";

/// True when the database file or one of its companions exists.
pub(super) fn any_file_exists(db: &Path) -> bool {
    files_of(db).iter().any(|f| f.exists())
}

/// Renames the database at `db` and its companions to a new orphan; returns the orphan's
/// database path. Files that do not exist are skipped.
pub(super) fn move_aside(db: &Path) -> Result<PathBuf> {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let mut stamp = millis;
    let orphan = loop {
        let candidate = with_suffix(db, &format!("{MARKER}{stamp}"));
        if !any_file_exists(&candidate) {
            break candidate;
        }
        stamp += 1;
    };
    rename_set(db, &orphan)?;
    Ok(orphan)
}

/// Moves the orphan at `orphan` back to `db` (which must be free).
pub(super) fn restore(orphan: &Path, db: &Path) -> Result<()> {
    rename_set(orphan, db)
}

/// The orphans of `db`, newest first.
pub(super) fn list(db: &Path) -> Result<Vec<PathBuf>> {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name().and_then(|n| n.to_str())) else {
        return Ok(Vec::new());
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{name}{MARKER}");
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Io(e)),
    };
    let mut found: Vec<(u128, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(Error::Io)?;
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let Some(stamp) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        // Only the database itself: its companions end in "-wal", "-shm" or "-journal".
        if let Ok(stamp) = stamp.parse::<u128>() {
            found.push((stamp, dir.join(file_name)));
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    Ok(found.into_iter().map(|(_, p)| p).collect())
}

/// The newest orphan of `db` that `key` opens (its key check passes), if any.
pub(super) fn find_opened_by(db: &Path, key: &[u8]) -> Result<Option<PathBuf>> {
    let cipher = StoreCipher::new(key)?;
    for orphan in list(db)? {
        if opens(&orphan, &cipher) {
            return Ok(Some(orphan));
        }
    }
    Ok(None)
}

/// Deletes every orphan of `db` with its companions; returns how many orphans there were.
pub(super) fn remove_all(db: &Path) -> Result<usize> {
    let orphans = list(db)?;
    for orphan in &orphans {
        super::open::remove_files(orphan)?;
    }
    Ok(orphans.len())
}

/// True when the orphan's key check opens with `cipher`. Any failure (not a database, no key
/// check, another key) is "no".
fn opens(orphan: &Path, cipher: &StoreCipher) -> bool {
    let Ok(conn) = Connection::open(orphan) else {
        return false;
    };
    let check: Option<Vec<u8>> = conn
        .query_row("SELECT value FROM meta WHERE name = 'key_check'", [], |r| {
            r.get(0)
        })
        .optional()
        .ok()
        .flatten();
    check.is_some_and(|check| {
        cipher
            .open(&check, KEY_CHECK_AAD)
            .is_ok_and(|plain| plain.as_slice() == KEY_CHECK_PLAIN)
    })
}

/// `db` with `suffix` appended to its file name.
fn with_suffix(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Renames the database `from` and each existing companion to the same file under `to`.
fn rename_set(from: &Path, to: &Path) -> Result<()> {
    for (src, dst) in files_of(from).into_iter().zip(files_of(to)) {
        match std::fs::rename(&src, &dst) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::Io(e)),
        }
    }
    Ok(())
}
