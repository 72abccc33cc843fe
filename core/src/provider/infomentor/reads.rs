//! Hub reads with one silent re-login and retry when the session turns out to be dead.

use serde_json::Value;

use super::context::Context;
use super::login::silent_relogin;
use super::parse::Availability;
use super::routes::{HubEndpoint, WriteBody};
use crate::error::{Error, Result};
use crate::model::Child;

/// A read (or a read-then-write) for `child` with one silent re-login and retry when the
/// session turns out to be dead.
pub(crate) async fn with_session<T, F, Fut>(context: &Context, op: F) -> Result<T>
where
    F: Fn() -> Fut + Send + Sync,
    Fut: std::future::Future<Output = Result<T>> + Send,
    T: Send,
{
    match op().await {
        Err(Error::SessionExpired { endpoint }) => {
            if silent_relogin(context).await {
                op().await
            } else {
                Err(Error::SessionExpired { endpoint })
            }
        }
        other => other,
    }
}

/// Fetches and parses one app for `child` (or for the session when `child` is `None`).
pub(crate) async fn read<T: Send>(
    context: &Context,
    child: Option<&Child>,
    endpoint: HubEndpoint,
    body: Option<Value>,
    parse: impl Fn(&str) -> Result<Availability<T>> + Send + Sync,
) -> Result<Availability<T>> {
    let body = body.map(WriteBody::Json);
    with_session(context, || async {
        let mut hub = context.hub.lock().await;
        if let Some(child) = child {
            context.select(&mut hub, child).await?;
        }
        match context.hub_post(endpoint, body.as_ref()).await? {
            None => Ok(Availability::NotAvailable),
            Some(text) => parse(&text),
        }
    })
    .await
}
