//! Opening the client the way every cache-backed command needs it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use skolbryggan::client::{Client, ClientBuilder};
use skolbryggan::secrets::{FileSecretStore, MemorySecretStore, SecretStore};
use skolbryggan::upstream::UpstreamOverride;

use crate::args::{GlobalArgs, KeyStore};
use crate::exit::Failure;

/// The data directory: --data-dir, else $XDG_DATA_HOME/skolbryggan, else
/// ~/.local/share/skolbryggan.
pub fn data_dir(global: &GlobalArgs) -> Result<PathBuf, Failure> {
    if let Some(d) = &global.data_dir {
        return Ok(d.clone());
    }
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(xdg).join("skolbryggan"));
    }
    match std::env::var_os("HOME") {
        Some(home) => Ok(PathBuf::from(home).join(".local/share/skolbryggan")),
        None => Err(Failure::usage("no data directory: pass --data-dir")),
    }
}

/// The emulator override from --emulator / --emulator-ca, if given.
pub fn upstream(global: &GlobalArgs) -> Result<Option<UpstreamOverride>, Failure> {
    let Some(addr) = &global.emulator else {
        return Ok(None);
    };
    let addr = addr.parse().map_err(|_| {
        Failure::usage(format!(
            "--emulator must be HOST:PORT like 127.0.0.1:37033, not {addr:?}"
        ))
    })?;
    let Some(ca) = &global.emulator_ca else {
        return Err(Failure::usage(
            "--emulator needs the emulator's CA: --emulator-ca FILE or SKOLBRYGGAN_EMULATOR_CA",
        ));
    };
    let ca_pem = std::fs::read_to_string(ca)
        .map_err(|e| Failure::usage(format!("cannot read {}: {e}", ca.display())))?;
    Ok(Some(UpstreamOverride { addr, ca_pem }))
}

/// The key store chosen with --key-store, for the data directory `dir`.
pub fn secret_store(global: &GlobalArgs, dir: &Path) -> Result<Arc<dyn SecretStore>, Failure> {
    Ok(match global.key_store {
        KeyStore::File => Arc::new(FileSecretStore::new(dir.join("keys"))),
        KeyStore::Memory => Arc::new(MemorySecretStore::new()),
        KeyStore::Keyring => match skolbryggan::secrets::default_store() {
            Ok(store) => Arc::new(store),
            Err(e) => {
                return Err(Failure::from(e).with_hint(
                    "no OS keystore here; pass --key-store file to keep the key in a file only you can read",
                ));
            }
        },
    })
}

/// Builds the client over the cache in the data directory; says so on stderr when the key
/// store had no key for the cache (it then starts empty).
pub async fn client(global: &GlobalArgs) -> Result<Client, Failure> {
    build(global, true).await
}

/// Builds the client; `warn_key_lost`: print the note about a cache started empty.
async fn build(global: &GlobalArgs, warn_key_lost: bool) -> Result<Client, Failure> {
    let dir = data_dir(global)?;
    let secrets = secret_store(global, &dir)?;
    let client = ClientBuilder::new(dir)
        .upstream(upstream(global)?)
        .secret_store(secrets)
        .build()
        .await;
    match client {
        Ok(c) => {
            if warn_key_lost && c.cache_key_lost() {
                eprintln!(
                    "skolbryggan: the key store has no key for this cache; it was started empty \
                     and the old cache files were kept aside"
                );
                eprintln!("  hint: {KEY_LOST_HINT}");
            }
            Ok(c)
        }
        Err(e @ skolbryggan::Error::KeyUnavailable(_)) => Err(e.into()),
        Err(e) if e.is_key_problem() => Err(Failure::from(e).with_hint(
            "the key store's key does not open this cache, or the keystore refused it: use the \
             --key-store the cache was made with; on a headless machine pass --key-store file",
        )),
        Err(e) => Err(e.into()),
    }
}

/// What to do when the key store had no key for the cache.
pub const KEY_LOST_HINT: &str = "use the --key-store you logged in with (the old cache comes back \
     then), or run `skolbryggan login` again (which removes the old files); on a machine without \
     a working OS keystore pass --key-store file";

/// Builds the client and resumes the stored sessions, reporting expired ones on stderr. When
/// no session could be resumed and one had expired, that is the error (exit code 3).
pub async fn resumed_client(global: &GlobalArgs) -> Result<Client, Failure> {
    // A lost key is the error below (`KeyLost`), not a note as well.
    let client = build(global, false).await?;
    let mut expired = None;
    for outcome in client.resume_sessions().await? {
        match outcome.result {
            // Not an expired session: the key store has no key for the cache that held it.
            Err(skolbryggan::Error::KeyLost) => {
                return Err(Failure::from(skolbryggan::Error::KeyLost));
            }
            Err(e) => {
                eprintln!("{}: {}", outcome.provider, e);
                if matches!(e, skolbryggan::Error::SessionExpired { .. }) {
                    expired = Some(e);
                }
            }
            Ok(_) => {}
        }
    }
    if client.logged_in_providers().is_empty()
        && let Some(e) = expired
    {
        return Err(e.into());
    }
    Ok(client)
}
