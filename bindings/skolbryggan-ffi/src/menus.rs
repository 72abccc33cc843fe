//! Public lunch menus: searching a menu service for a school, attaching it to a child and
//! detaching it (the core's `client/menus.rs`), with their records. A refresh then fetches the
//! attached menu for a child whose platform has none; `menu` and `week_overview` show it.

use skolbryggan::model::EntityId;
use skolbryggan::provider::menus as core;

use crate::client::Client;
use crate::error::FfiResult;

/// A public lunch-menu service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum MenuService {
    /// skolmaten.se.
    Skolmaten,
    /// Matilda Menu (menu.matildaplatform.com).
    Matilda,
}

impl From<core::MenuService> for MenuService {
    fn from(s: core::MenuService) -> Self {
        match s {
            core::MenuService::Skolmaten => MenuService::Skolmaten,
            core::MenuService::Matilda => MenuService::Matilda,
        }
    }
}

impl From<MenuService> for core::MenuService {
    fn from(s: MenuService) -> Self {
        match s {
            MenuService::Skolmaten => core::MenuService::Skolmaten,
            MenuService::Matilda => core::MenuService::Matilda,
        }
    }
}

/// A school a menu service publishes a menu for (one search hit).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MenuSchool {
    /// The service.
    pub service: MenuService,
    /// The service's id of the school (what `MenuSource.school_id` takes).
    pub id: String,
    /// The school's name as the service writes it.
    pub name: String,
    /// Where it is (municipality or organisation), as the service writes it.
    pub place: Option<String>,
}

impl From<&core::MenuSchool> for MenuSchool {
    fn from(s: &core::MenuSchool) -> Self {
        MenuSchool {
            service: s.service.into(),
            id: s.id.clone(),
            name: s.name.clone(),
            place: s.place.clone(),
        }
    }
}

/// The menu source attached to a child.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MenuSource {
    /// The service.
    pub service: MenuService,
    /// The service's id of the school (`MenuSchool.id`).
    pub school_id: String,
    /// The school's name, for showing what is attached.
    pub school_name: String,
}

impl From<&core::MenuSource> for MenuSource {
    fn from(s: &core::MenuSource) -> Self {
        MenuSource {
            service: s.service.into(),
            school_id: s.school_id.clone(),
            school_name: s.school_name.clone(),
        }
    }
}

impl From<MenuSource> for core::MenuSource {
    fn from(s: MenuSource) -> Self {
        core::MenuSource::new(s.service.into(), &s.school_id, &s.school_name)
    }
}

/// A child and the menu source attached to it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AttachedMenu {
    /// The child's id.
    pub child_id: String,
    /// The source.
    pub source: MenuSource,
}

#[uniffi::export(async_runtime = "tokio")]
impl Client {
    /// Schools whose name matches `query` (every word) on `service`, or on every menu service
    /// when `None`. No login needed. An empty query is `InvalidInput`.
    pub async fn search_menu_schools(
        &self,
        service: Option<MenuService>,
        query: String,
    ) -> FfiResult<Vec<MenuSchool>> {
        let hits = self
            .inner
            .search_menu_schools(service.map(Into::into), &query)
            .await?;
        Ok(hits.iter().map(MenuSchool::from).collect())
    }

    /// Attaches `source` as the child's public menu (replacing an earlier one); the next
    /// refresh fetches it when the child's platform has no menu of its own.
    pub async fn attach_menu(&self, child_id: String, source: MenuSource) -> FfiResult<()> {
        self.inner
            .attach_menu(&EntityId::from_raw(child_id), source.into())
            .await?;
        Ok(())
    }

    /// Detaches the child's public menu; returns the source it had.
    pub async fn detach_menu(&self, child_id: String) -> FfiResult<Option<MenuSource>> {
        let was = self
            .inner
            .detach_menu(&EntityId::from_raw(child_id))
            .await?;
        Ok(was.as_ref().map(MenuSource::from))
    }

    /// The menu sources attached to the account's children.
    pub async fn menu_sources(&self) -> FfiResult<Vec<AttachedMenu>> {
        let sources = self.inner.menu_sources().await?;
        Ok(sources
            .iter()
            .map(|(child, source)| AttachedMenu {
                child_id: child.as_str().to_owned(),
                source: source.into(),
            })
            .collect())
    }
}
