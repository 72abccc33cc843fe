//! The explicit file fallback for machines without a keystore.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::SecretStore;
use crate::error::{Error, Result};

/// Keeps each secret in its own file in a directory, readable only by the owner (Unix mode
/// 0600, directory 0700).
///
/// **Risk:** the key sits next to the data on the same disk. Anyone who can read the user's
/// files (a backup, another program running as the user, a stolen unencrypted disk) can decrypt
/// the cache. Use it only where no keystore exists — a headless Linux CLI — and only when the
/// user chose it (the CLI asks for an explicit flag). Nothing in the library falls back to it on
/// its own.
#[derive(Debug, Clone)]
pub struct FileSecretStore {
    dir: PathBuf,
}

impl FileSecretStore {
    /// A store in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        FileSecretStore { dir: dir.into() }
    }

    /// The directory holding the secrets.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, name: &str) -> Result<PathBuf> {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
            && !name.starts_with('.');
        if !valid {
            return Err(Error::InvalidInput(
                "a secret name may only hold letters, digits, '.', '-' and '_'".to_owned(),
            ));
        }
        Ok(self.dir.join(format!("{name}.key")))
    }
}

fn key_err(what: &str, e: std::io::Error) -> Error {
    Error::Key(format!("file secret store: {what}: {e}"))
}

impl SecretStore for FileSecretStore {
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let path = self.path(name)?;
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(Zeroizing::new(bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(key_err("read", e)),
        }
    }

    fn set(&self, name: &str, secret: &[u8]) -> Result<()> {
        let path = self.path(name)?;
        create_private_dir(&self.dir).map_err(|e| key_err("create directory", e))?;
        let tmp = self.dir.join(format!(".{name}.tmp"));
        {
            let mut file = open_private(&tmp).map_err(|e| key_err("create", e))?;
            file.write_all(secret).map_err(|e| key_err("write", e))?;
            file.sync_all().map_err(|e| key_err("sync", e))?;
        }
        fs::rename(&tmp, &path).map_err(|e| key_err("rename", e))?;
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<()> {
        let path = self.path(name)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(key_err("delete", e)),
        }
    }
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    fs::create_dir_all(dir)
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let store = FileSecretStore::new(dir.path().join("keys"));
        assert!(store.get("cache").unwrap().is_none());
        store.set("cache", &[1, 2, 3]).unwrap();
        assert_eq!(store.get("cache").unwrap().unwrap().as_slice(), &[1, 2, 3]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(dir.path().join("keys/cache.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        store.delete("cache").unwrap();
        assert!(store.get("cache").unwrap().is_none());
        assert!(store.set("../x", b"no").is_err());
    }
}
