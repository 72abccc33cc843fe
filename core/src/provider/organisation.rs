//! Organisations: the tenant, municipality or school group a platform splits its users into.
//!
//! Platforms such as SchoolSoft (a tenant per school group or municipality) and Vklass (an
//! organisation per municipality) need one chosen before a login; the provider offers a search
//! over its public list ([`crate::provider::Provider::organisations`]) and remembers the choice
//! in its saved session.

use serde::{Deserialize, Serialize};

/// One organisation a parent can choose before logging in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    /// The platform's id for it (a tenant slug, an organisation number), passed back to
    /// [`crate::provider::Provider::set_organisation`].
    pub id: String,
    /// Its name, as the platform writes it.
    pub name: String,
}

/// The organisations whose name contains `query` (case-insensitive, Unicode-aware), in the
/// list's order: the search every provider's `organisations` offers over its public list.
pub fn matching(list: impl IntoIterator<Item = Organisation>, query: &str) -> Vec<Organisation> {
    let needle = query.trim().to_lowercase();
    list.into_iter()
        .filter(|o| needle.is_empty() || o.name.to_lowercase().contains(&needle))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str) -> Organisation {
        Organisation {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn matching_ignores_case_and_keeps_order() {
        let list = vec![
            org("taby", "Täby kommun"),
            org("procivitas", "ProCivitas Privata Gymnasium"),
            org("ies", "Internationella Engelska Skolan Täby"),
        ];
        let found = matching(list.clone(), "TÄBY");
        assert_eq!(found, vec![list[0].clone(), list[2].clone()]);
        assert_eq!(matching(list.clone(), "  ").len(), 3);
        assert!(matching(list, "Göteborg").is_empty());
    }
}
