//! The client's small plain-text state file: which accounts exist and which providers each has
//! a stored session for. It holds only hashed account ids and provider names — nothing personal.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::model::AccountId;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct State {
    version: u32,
    current: Option<AccountId>,
    accounts: BTreeMap<String, Vec<String>>,
}

/// `state.json` in the data directory.
pub(crate) struct StateFile {
    path: PathBuf,
    state: Mutex<State>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

impl StateFile {
    /// Loads the file; a missing or unreadable file is an empty state (it holds nothing that
    /// cannot be rebuilt by logging in).
    pub(crate) fn load(path: PathBuf) -> Self {
        let state = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<State>(&bytes).ok())
            .unwrap_or_default();
        StateFile {
            path,
            state: Mutex::new(state),
        }
    }

    fn save(&self, state: &State) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(state).map_err(std::io::Error::from)?;
        let tmp = self.path.with_extension("json.tmp");
        crate::cache::private_files::ensure_private_file(&tmp)?;
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &self.path)?;
        Ok(())
    }

    pub(crate) fn current(&self) -> Option<(AccountId, Vec<String>)> {
        let state = lock(&self.state);
        let account = state.current.clone()?;
        let providers = state
            .accounts
            .get(account.as_str())
            .cloned()
            .unwrap_or_default();
        Some((account, providers))
    }

    pub(crate) fn add_provider(&self, account: &AccountId, provider: &str) -> Result<()> {
        let mut state = lock(&self.state);
        state.version = 1;
        state.current = Some(account.clone());
        let list = state
            .accounts
            .entry(account.as_str().to_owned())
            .or_default();
        if !list.iter().any(|p| p == provider) {
            list.push(provider.to_owned());
        }
        let snapshot = state.clone();
        drop(state);
        self.save(&snapshot)
    }

    pub(crate) fn set_providers(&self, account: &AccountId, providers: &[String]) -> Result<()> {
        let mut state = lock(&self.state);
        state
            .accounts
            .insert(account.as_str().to_owned(), providers.to_vec());
        let snapshot = state.clone();
        drop(state);
        self.save(&snapshot)
    }

    /// Renames the account `from` to `to` (its providers, and the current family), after the
    /// cache moved its data ([`crate::cache::Cache::rebase_account`]).
    pub(crate) fn rename_account(&self, from: &AccountId, to: &AccountId) -> Result<()> {
        let mut state = lock(&self.state);
        if let Some(providers) = state.accounts.remove(from.as_str()) {
            let list = state.accounts.entry(to.as_str().to_owned()).or_default();
            for p in providers {
                if !list.contains(&p) {
                    list.push(p);
                }
            }
        }
        if state.current.as_ref() == Some(from) {
            state.current = Some(to.clone());
        }
        let snapshot = state.clone();
        drop(state);
        self.save(&snapshot)
    }

    pub(crate) fn remove_account(&self, account: &AccountId) -> Result<()> {
        let mut state = lock(&self.state);
        state.accounts.remove(account.as_str());
        if state.current.as_ref() == Some(account) {
            state.current = None;
        }
        let snapshot = state.clone();
        drop(state);
        self.save(&snapshot)
    }
}
