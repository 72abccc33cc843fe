//! Does the key store keep the cache key between processes? `login` asks a new process.
//!
//! Some key stores hold a secret only for the process that stored it (an OS keystore without a
//! usable session on a headless machine, the test-only memory store). The next command then
//! finds no key, and the cache starts empty. So after a login, `login` runs itself again as a
//! child (`skolbryggan key-probe`, hidden) with the same --data-dir and --key-store, and the
//! child says whether it sees the key ("present" / "absent", never the key).

use skolbryggan::cache::DEFAULT_KEY_NAME;

use crate::args::GlobalArgs;
use crate::exit::{ExitCode, Failure};

/// What the probe prints when the key is there.
const PRESENT: &str = "present";
/// What the probe prints when it is not.
const ABSENT: &str = "absent";

/// `skolbryggan key-probe`: prints whether the chosen key store holds the cache key.
pub fn run(global: &GlobalArgs) -> Result<(), Failure> {
    let dir = super::open::data_dir(global)?;
    let store = super::open::secret_store(global, &dir)?;
    let found = store.get(DEFAULT_KEY_NAME)?;
    println!("{}", if found.is_some() { PRESENT } else { ABSENT });
    Ok(())
}

/// After a login: fails (exit 7) when a new process does not find the cache key, because the
/// next command would then start with an empty cache and no session.
pub fn check_kept(global: &GlobalArgs) -> Result<(), Failure> {
    let dir = super::open::data_dir(global)?;
    let exe = std::env::current_exe()?;
    let output = std::process::Command::new(exe)
        .arg("--data-dir")
        .arg(&dir)
        .arg("--key-store")
        .arg(global.key_store.as_arg())
        .arg("key-probe")
        .stdin(std::process::Stdio::null())
        .output()?;
    let answer = String::from_utf8_lossy(&output.stdout);
    match answer.trim() {
        PRESENT if output.status.success() => Ok(()),
        ABSENT => Err(Failure {
            code: ExitCode::Storage,
            message: format!(
                "logged in, but the key store ({}) did not keep the cache key for the next \
                 command: a new process found no key, so the next command would start with an \
                 empty cache and no session",
                global.key_store.as_arg()
            ),
            hint: Some(
                "on a machine without a working OS keystore (headless Linux, no session \
                 keyring) pass --key-store file and log in again"
                    .to_owned(),
            ),
        }),
        _ => Err(Failure {
            code: ExitCode::Storage,
            message: "logged in, but a new process could not check the key store".to_owned(),
            hint: Some(
                "if the next command says the key store has no key for this cache, pass \
                 --key-store file and log in again"
                    .to_owned(),
            ),
        }),
    }
}
