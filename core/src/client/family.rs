//! The family: one cache account that several platform sessions join.
//!
//! A parent's family is the account the cache keeps its data under (its key, its index, its
//! change feed, the attached public menus): the account of the first platform they log in to
//! on this device. Every later login on another platform *joins* that family — its session is
//! stored under the family and its data refreshed into it — whatever account its own ids are
//! namespaced by (a personal-number hash on Stockholm and SchoolSoft, a hash of the Vklass user
//! id, the IM1 login on InfoMentor). So Stockholm, InfoMentor, SchoolSoft and Vklass sessions
//! coexist, and one refresh and one week cover them all.
//!
//! Each platform session keeps its own *namespace* (the account of its saved session): the sync
//! engine checks that a platform's list of children is of that namespace
//! ([`crate::sync::SyncEngine::refresh_session`]). Signing out of one platform
//! ([`super::Client::logout_platform`]) removes that session only; [`super::Client::forget`]
//! removes the family with all its data. The built-in demo family never mixes with a real
//! one: a real login while the demo is shown (or the other way round) starts a new family.

use std::collections::HashMap;
use std::sync::Mutex;

use super::lock;
use crate::model::{AccountId, AccountKey, User};
use crate::provider::SavedSession;

/// The family a login of a platform session under `namespace` belongs to, given the `current`
/// family: `(family, starts_new)`. No current family, or the demo on one side only: the
/// session's own account starts a new family. Otherwise the session joins the current one.
pub(crate) fn family_for(current: Option<&AccountId>, namespace: &AccountId) -> (AccountId, bool) {
    let demo = AccountId::demo();
    match current {
        None => (namespace.clone(), true),
        Some(family) if family == namespace => (family.clone(), false),
        Some(family) if *family == demo || *namespace == demo => (namespace.clone(), true),
        Some(family) => (family.clone(), false),
    }
}

/// The account a just logged-in platform session namespaces its ids by: its saved session's,
/// else the guardian's personal number's (keyed with the installation's `key`), else the user
/// id's.
pub(crate) fn session_namespace(
    saved: Option<&SavedSession>,
    user: &User,
    key: &AccountKey,
) -> AccountId {
    match (saved, &user.personal_number) {
        (Some(s), _) => s.account.clone(),
        (None, Some(p)) => key.account_id(p.digits()),
        (None, None) => user.id.account(),
    }
}

/// Each live platform session's namespace, by provider name (memory only: it is also in the
/// stored session, from which a resume sets it again).
#[derive(Debug, Default)]
pub(crate) struct Namespaces {
    by_provider: Mutex<HashMap<String, AccountId>>,
}

impl Namespaces {
    /// Records `provider`'s namespace.
    pub(crate) fn set(&self, provider: &str, namespace: AccountId) {
        lock(&self.by_provider).insert(provider.to_owned(), namespace);
    }

    /// `provider`'s namespace, if it has a live session.
    pub(crate) fn get(&self, provider: &str) -> Option<AccountId> {
        lock(&self.by_provider).get(provider).cloned()
    }

    /// Forgets `provider`'s namespace (signed out).
    pub(crate) fn remove(&self, provider: &str) {
        lock(&self.by_provider).remove(provider);
    }

    /// The providers whose live session is namespaced by `account`.
    pub(crate) fn providers_in(&self, account: &AccountId) -> Vec<String> {
        lock(&self.by_provider)
            .iter()
            .filter(|(_, namespace)| *namespace == account)
            .map(|(provider, _)| provider.clone())
            .collect()
    }

    /// Forgets every namespace (signed out of all, another family).
    pub(crate) fn clear(&self) {
        lock(&self.by_provider).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_login_starts_the_family_and_later_ones_join_it() {
        let stockholm = AccountKey::derive(&[4; 32]).account_id("198001012387");
        let vklass = AccountId::from_raw("5f2b0c1d9e8a7b6c");
        assert_eq!(family_for(None, &stockholm), (stockholm.clone(), true));
        assert_eq!(
            family_for(Some(&stockholm), &vklass),
            (stockholm.clone(), false)
        );
        assert_eq!(
            family_for(Some(&stockholm), &stockholm),
            (stockholm.clone(), false)
        );
    }

    #[test]
    fn the_demo_family_never_mixes_with_a_real_one() {
        let real = AccountKey::derive(&[4; 32]).account_id("198001012387");
        let demo = AccountId::demo();
        assert_eq!(family_for(Some(&demo), &real), (real.clone(), true));
        assert_eq!(family_for(Some(&real), &demo), (demo.clone(), true));
        assert_eq!(family_for(Some(&demo), &demo), (demo, false));
    }

    #[test]
    fn namespaces_are_kept_per_provider() {
        let book = Namespaces::default();
        book.set("vklass", AccountId::from_raw("v"));
        book.set("stockholm", AccountId::from_raw("s"));
        assert_eq!(book.get("vklass"), Some(AccountId::from_raw("v")));
        assert_eq!(book.providers_in(&AccountId::from_raw("v")), vec!["vklass"]);
        book.remove("vklass");
        assert_eq!(book.get("vklass"), None);
        assert_eq!(book.get("stockholm"), Some(AccountId::from_raw("s")));
        book.clear();
        assert_eq!(book.get("stockholm"), None);
    }
}
