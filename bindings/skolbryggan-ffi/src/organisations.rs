//! Choosing an organisation (SchoolSoft tenant, Vklass organisation) before a login.

use skolbryggan::provider::Organisation as CoreOrganisation;

use crate::client::Client;
use crate::error::FfiResult;

/// An organisation a parent can choose before logging in (a school group, a municipality).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Organisation {
    /// The platform's id for it: pass it to `Client.setOrganisation`.
    pub id: String,
    /// Its name, as the platform writes it.
    pub name: String,
}

impl From<CoreOrganisation> for Organisation {
    fn from(o: CoreOrganisation) -> Self {
        Organisation {
            id: o.id,
            name: o.name,
        }
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Searches the organisations of the platform called `platform` (`PlatformInfo.name`) whose
    /// name contains `query`. Empty for platforms with one organisation.
    pub async fn organisations(
        &self,
        platform: String,
        query: String,
    ) -> FfiResult<Vec<Organisation>> {
        Ok(self
            .inner
            .organisations(&platform, &query)
            .await?
            .into_iter()
            .map(Organisation::from)
            .collect())
    }

    /// Chooses the organisation (an `Organisation.id`) the next login on `platform` goes to.
    /// The choice is kept with the session, so resuming needs no new choice.
    pub fn set_organisation(&self, platform: String, id: String) -> FfiResult<()> {
        Ok(self.inner.set_organisation(&platform, &id)?)
    }
}
