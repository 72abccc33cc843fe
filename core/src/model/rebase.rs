//! Moving stored values from one account namespace to another: every account id and every
//! entity id (`platform:account:kind:local`) of the old account inside a JSON value is
//! rewritten to the new one. The cache uses it for the one-time move from the legacy, unkeyed
//! account id to the keyed one ([`super::AccountKey`]).

use serde_json::Value;

use super::ids::AccountId;

/// `text` with the account `from` replaced by `to`, when `text` is that account id or an
/// entity id of it; `None` when it is neither.
fn rebased(text: &str, from: &str, to: &str) -> Option<String> {
    if text == from {
        return Some(to.to_owned());
    }
    let mut parts = text.splitn(3, ':');
    let platform = parts.next()?;
    let account = parts.next()?;
    let rest = parts.next()?;
    // An entity id has a kind and a local part after the account.
    (account == from && !platform.is_empty() && rest.contains(':'))
        .then(|| format!("{platform}:{to}:{rest}"))
}

/// Rewrites, everywhere in `value` (strings and object keys, at any depth), the account id
/// `from` and the entity ids in its namespace to `to`. Returns how many were rewritten.
pub fn rebase_account(value: &mut Value, from: &AccountId, to: &AccountId) -> usize {
    let (from, to) = (from.as_str(), to.as_str());
    if from == to || from.is_empty() {
        return 0;
    }
    rebase_value(value, from, to)
}

fn rebase_value(value: &mut Value, from: &str, to: &str) -> usize {
    match value {
        Value::String(text) => match rebased(text, from, to) {
            Some(new) => {
                *text = new;
                1
            }
            None => 0,
        },
        Value::Array(items) => items.iter_mut().map(|v| rebase_value(v, from, to)).sum(),
        Value::Object(map) => {
            let old = std::mem::take(map);
            let mut count = 0;
            for (key, mut item) in old {
                count += rebase_value(&mut item, from, to);
                let key = match rebased(&key, from, to) {
                    Some(new) => {
                        count += 1;
                        new
                    }
                    None => key,
                };
                map.insert(key, item);
            }
            count
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_and_entity_ids_of_the_old_account_only_are_rewritten() {
        let from = AccountId::from_raw("0123456789abcdef");
        let to = AccountId::from_raw("fedcba9876543210");
        let mut value = serde_json::json!({
            "account": "0123456789abcdef",
            "id": "stockholm:0123456789abcdef:news:A/n1:x",
            "other": "stockholm:1111111111111111:child:A",
            "title": "0123456789abcdef is not at the start: x 0123456789abcdef",
            "no_kind": "stockholm:0123456789abcdef",
            "sources": { "stockholm:0123456789abcdef:child:A": { "n": 1 } },
            "list": ["vklass:0123456789abcdef:child:B", 3, null],
        });
        assert_eq!(rebase_account(&mut value, &from, &to), 4);
        assert_eq!(
            value,
            serde_json::json!({
                "account": "fedcba9876543210",
                "id": "stockholm:fedcba9876543210:news:A/n1:x",
                "other": "stockholm:1111111111111111:child:A",
                "title": "0123456789abcdef is not at the start: x 0123456789abcdef",
                "no_kind": "stockholm:0123456789abcdef",
                "sources": { "stockholm:fedcba9876543210:child:A": { "n": 1 } },
                "list": ["vklass:fedcba9876543210:child:B", 3, null],
            })
        );
        assert_eq!(rebase_account(&mut value, &to, &to), 0);
    }
}
