//! The public menu services.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A public lunch-menu service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MenuService {
    /// skolmaten.se.
    Skolmaten,
    /// Matilda Menu (`menu.matildaplatform.com`).
    Matilda,
}

impl MenuService {
    /// Every service, in a stable order (the order a search without a service asks them).
    pub const ALL: [MenuService; 2] = [MenuService::Skolmaten, MenuService::Matilda];

    /// The stable name (`"skolmaten"`, `"matilda"`): the CLI's `--service`, stored in the cache.
    pub fn as_str(self) -> &'static str {
        match self {
            MenuService::Skolmaten => "skolmaten",
            MenuService::Matilda => "matilda",
        }
    }

    /// A name for people ("Skolmaten", "Matilda").
    pub fn label(self) -> &'static str {
        match self {
            MenuService::Skolmaten => "Skolmaten",
            MenuService::Matilda => "Matilda",
        }
    }

    /// The service called `name`; an unknown name is [`Error::InvalidInput`] listing the valid
    /// ones.
    pub fn named(name: &str) -> Result<MenuService> {
        MenuService::ALL
            .into_iter()
            .find(|s| s.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = MenuService::ALL.iter().map(|s| s.as_str()).collect();
                Error::InvalidInput(format!(
                    "unknown menu service {name:?}; valid: {}",
                    names.join(", ")
                ))
            })
    }
}

impl std::fmt::Display for MenuService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in MenuService::ALL {
            assert_eq!(MenuService::named(s.as_str()).unwrap(), s);
        }
        let err = MenuService::named("mashie").unwrap_err();
        assert!(matches!(&err, Error::InvalidInput(m) if m.ends_with("valid: skolmaten, matilda")));
    }
}
