//! Choosing an organisation (tenant, municipality, school group) before a login.
//!
//! The choice is kept by the client, not by a provider object: the provider that runs the
//! login is built when the login starts, and takes the chosen organisation then. After a login
//! the provider keeps it in its saved session.

use std::collections::BTreeMap;

use super::{Client, lock};
use crate::error::Result;
use crate::provider::{Organisation, Provider};

/// The organisations chosen per provider name, until their login starts.
#[derive(Debug, Default)]
pub(crate) struct OrganisationChoices(std::sync::Mutex<BTreeMap<String, String>>);

impl OrganisationChoices {
    /// Hands the chosen organisation (if any) to a provider about to log in.
    pub(crate) fn apply_to(&self, provider: &dyn Provider) -> Result<()> {
        let chosen = lock(&self.0).get(provider.name()).cloned();
        match chosen {
            Some(id) => provider.set_organisation(&id),
            None => Ok(()),
        }
    }
}

impl Client {
    /// Searches the public organisation list of the platform called `name` (a registry name
    /// such as `schoolsoft`) for names containing `query`. Sends one request at most; empty for
    /// platforms with a single organisation.
    pub async fn organisations(&self, name: &str, query: &str) -> Result<Vec<Organisation>> {
        self.provider(name)?.organisations(query).await
    }

    /// Chooses the organisation the next login on platform `name` goes to. The id is checked
    /// by the provider ([`crate::Error::InvalidInput`] for a platform without organisations or
    /// an id it cannot use).
    pub fn set_organisation(&self, name: &str, id: &str) -> Result<()> {
        let provider = self.provider(name)?;
        provider.set_organisation(id)?;
        lock(&self.inner.organisations.0).insert(provider.name().to_owned(), id.to_owned());
        Ok(())
    }
}
