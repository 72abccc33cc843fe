//! `skolbryggan logout` and `skolbryggan forget`.

use crate::args::{GlobalArgs, LogoutArgs};
use crate::exit::Failure;

/// Logs out of every platform (or of one: the others stay logged in); the cache stays.
pub async fn logout(global: &GlobalArgs, args: &LogoutArgs) -> Result<(), Failure> {
    let client = super::open::resumed_client(global).await?;
    match &args.platform {
        Some(platform) => {
            client.logout_platform(platform).await?;
            eprintln!(
                "logged out of {platform}; the other platforms stay logged in, cached data is still readable with `skolbryggan show`"
            );
        }
        None => {
            client.logout().await?;
            eprintln!("logged out; cached data is still readable with `skolbryggan show`");
        }
    }
    Ok(())
}

/// Logs out of every platform and deletes the family's data and key.
pub async fn forget(global: &GlobalArgs) -> Result<(), Failure> {
    let client = super::open::client(global).await?;
    let report = client.forget().await?;
    eprintln!("forgot the family: {report:?}");
    Ok(())
}
