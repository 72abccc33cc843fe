//! `skolbryggan logout` and `skolbryggan forget`.

use crate::args::GlobalArgs;
use crate::exit::Failure;

/// Logs out of every platform; the cache stays.
pub async fn logout(global: &GlobalArgs) -> Result<(), Failure> {
    let client = super::open::resumed_client(global).await?;
    client.logout().await?;
    eprintln!("logged out; cached data is still readable with `skolbryggan show`");
    Ok(())
}

/// Logs out and deletes the account's data and key.
pub async fn forget(global: &GlobalArgs) -> Result<(), Failure> {
    let client = super::open::client(global).await?;
    let report = client.forget().await?;
    eprintln!("forgot the account: {report:?}");
    Ok(())
}
