//! An in-memory secret store for tests.

use std::collections::HashMap;
use std::sync::Mutex;

use zeroize::Zeroizing;

use super::SecretStore;
use crate::error::{Error, Result};

/// Keeps secrets in process memory (zeroed when dropped). Nothing survives the process.
#[derive(Default)]
pub struct MemorySecretStore {
    secrets: Mutex<HashMap<String, Zeroizing<Vec<u8>>>>,
}

impl MemorySecretStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for MemorySecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MemorySecretStore")
    }
}

fn poisoned() -> Error {
    Error::Key("the in-memory secret store is unusable after a panic".to_owned())
}

impl SecretStore for MemorySecretStore {
    fn get(&self, name: &str) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let map = self.secrets.lock().map_err(|_| poisoned())?;
        Ok(map.get(name).cloned())
    }

    fn set(&self, name: &str, secret: &[u8]) -> Result<()> {
        let mut map = self.secrets.lock().map_err(|_| poisoned())?;
        map.insert(name.to_owned(), Zeroizing::new(secret.to_vec()));
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<()> {
        let mut map = self.secrets.lock().map_err(|_| poisoned())?;
        map.remove(name);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_delete() {
        let store = MemorySecretStore::new();
        assert!(store.get("k").unwrap().is_none());
        store.set("k", b"secret").unwrap();
        assert_eq!(store.get("k").unwrap().unwrap().as_slice(), b"secret");
        store.delete("k").unwrap();
        store.delete("k").unwrap();
        assert!(store.get("k").unwrap().is_none());
    }
}
