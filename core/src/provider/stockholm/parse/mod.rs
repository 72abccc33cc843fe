//! Every Stockholm e-service answer → the normalized model. Pure functions, no HTTP.
//!
//! One file per endpoint family; each function is named after what it returns and documents
//! its mapping (`docs/upstream/stockholm.md`). Upstream keys are named explicitly in typed serde
//! structs. Errors name the endpoint (last path segment): `Success: false` is
//! [`crate::Error::Upstream`], an HTML page where JSON was expected (the login page after a
//! redirect) is [`crate::Error::SessionExpired`], an empty, truncated or differently shaped body
//! is [`crate::Error::Parse`]. No parser panics on any input.

mod calendar;
mod children;
mod contacts;
mod date;
mod envelope;
mod menu;
mod news;
mod notifications;
mod session;
mod user;

use serde::Deserialize;

pub use calendar::{classify_event, schedule, school_calendar};
pub use children::{children, select_child, split_child_name};
pub use contacts::{classmates, school_contacts, teachers};
pub use date::parse_date;
pub use envelope::envelope_data;
pub use menu::{
    MenuForm, date_in_nearest_week, menu_choice, menu_list, menu_rss, parse_menu_title,
};
pub use news::{NEWS_BANNER_URL, news_archive, news_article, space_after_punctuation};
pub use notifications::notifications;
pub use session::{check_child_cookie, wrong_child_cookie, xsrf_token};
pub use user::{UserData, user};

/// A number that upstream sometimes sends as a string (`"12"`) and sometimes as a number.
pub(crate) enum Lenient {
    Int(i64),
    Float(f64),
    Text(String),
}

impl<'de> Deserialize<'de> for Lenient {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LenientVisitor;

        impl serde::de::Visitor<'_> for LenientVisitor {
            type Value = Lenient;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number or a string")
            }

            fn visit_i64<E>(self, v: i64) -> Result<Lenient, E> {
                Ok(Lenient::Int(v))
            }

            fn visit_u64<E>(self, v: u64) -> Result<Lenient, E> {
                Ok(i64::try_from(v).map_or(Lenient::Float(v as f64), Lenient::Int))
            }

            fn visit_f64<E>(self, v: f64) -> Result<Lenient, E> {
                Ok(Lenient::Float(v))
            }

            fn visit_str<E>(self, v: &str) -> Result<Lenient, E> {
                Ok(Lenient::Text(v.to_owned()))
            }

            fn visit_string<E>(self, v: String) -> Result<Lenient, E> {
                Ok(Lenient::Text(v))
            }
        }

        deserializer.deserialize_any(LenientVisitor)
    }
}

impl Lenient {
    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self {
            Lenient::Int(n) => Some(*n),
            #[allow(clippy::cast_possible_truncation)]
            Lenient::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Some(*f as i64),
            Lenient::Float(_) => None,
            Lenient::Text(s) => s.trim().parse().ok(),
        }
    }

    pub(crate) fn as_string(&self) -> Option<String> {
        match self {
            Lenient::Int(n) => Some(n.to_string()),
            Lenient::Float(f) => Some(f.to_string()),
            Lenient::Text(s) => (!s.trim().is_empty()).then(|| s.trim().to_owned()),
        }
    }
}

/// 16 hex characters of a 64-bit FNV-1a hash over the parts (each followed by a 0 byte): a
/// stable id for upstream items without one. The algorithm is fixed: ids stored in caches must
/// come out the same in every version.
pub(crate) fn short_hash(parts: &[&str]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

/// Sorts newest first by `key`; equal keys end up in reverse input order (what the upstream app's
/// never-equal comparator produces).
pub(crate) fn newest_first<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let mut keyed: Vec<(K, usize, T)> = std::mem::take(items)
        .into_iter()
        .enumerate()
        .map(|(i, item)| (key(&item), i, item))
        .collect();
    keyed.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    items.extend(keyed.into_iter().map(|(_, _, item)| item));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_reverses_ties() {
        let mut v = vec![(1, 'a'), (3, 'b'), (1, 'c'), (3, 'd')];
        newest_first(&mut v, |x| x.0);
        assert_eq!(v, vec![(3, 'd'), (3, 'b'), (1, 'c'), (1, 'a')]);
    }

    #[test]
    fn short_hash_is_fixed() {
        // FNV-1a 64 of "a\0": pinned so that stored ids never change.
        assert_eq!(short_hash(&["a"]), "089be207b544f1e4");
        assert_ne!(short_hash(&["ab", ""]), short_hash(&["a", "b"]));
    }

    #[test]
    fn lenient_numbers() {
        let v: Vec<Lenient> = serde_json::from_str(r#"[12, "12", " 7 ", 3.0, "x"]"#).unwrap();
        let n: Vec<Option<i64>> = v.iter().map(Lenient::as_i64).collect();
        assert_eq!(n, vec![Some(12), Some(12), Some(7), Some(3), None]);
    }
}
