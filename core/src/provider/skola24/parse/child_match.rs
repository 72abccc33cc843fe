//! Matching Skola24's children to the e-service children by name (there is no shared id).

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::model::Child;
use crate::provider::skola24::Skola24ChildRef;

/// A name as comparable tokens: Unicode-decomposed with diacritics removed (`Åsa` → `asa`),
/// lower-cased, split at whitespace, hyphens and apostrophes.
fn name_tokens(name: &str) -> Vec<String> {
    let folded: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase();
    folded
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2013}' | '\'' | '’' | '.')
        })
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well a Skola24 child fits an e-service child: `None` when it cannot be the same child,
/// else the number of shared name tokens.
fn match_score(stockholm: &Child, skola24: &Skola24ChildRef) -> Option<usize> {
    let s_first = name_tokens(&stockholm.first_name);
    let s_last = name_tokens(&stockholm.last_name);
    let k_first = name_tokens(&skola24.first_name);
    let k_last = name_tokens(&skola24.last_name);
    // First names: the e-service first word must be the first token of the Skola24 first name.
    if s_first.first()? != k_first.first()? {
        return None;
    }
    let s_all: HashSet<&String> = s_first.iter().chain(&s_last).collect();
    if !s_last.is_empty() && !k_last.is_empty() {
        // Skola24 may put a middle name in the first name, or both parents' names in the last
        // name: any shared last-name token counts.
        let s_rest: HashSet<&String> = s_all
            .iter()
            .copied()
            .filter(|t| *t != &s_first[0])
            .collect();
        if !k_last.iter().any(|t| s_rest.contains(t)) {
            return None;
        }
    }
    Some(
        k_first
            .iter()
            .chain(&k_last)
            .filter(|t| s_all.contains(t))
            .count(),
    )
}

/// Attaches Skola24 children to e-service children (`refs.skola24`); there is no shared id.
///
/// Rule (stricter than the upstream app's "first name is a prefix of the name"): names are
/// compared as tokens, case- and diacritics-insensitive, with hyphens as separators. A pair is a
/// candidate when the e-service first name equals the first token of the Skola24 first name and,
/// where both sides have a last name, at least one Skola24 last-name token appears in the
/// e-service name after the first name. Its score is the number of shared tokens. A pair is
/// attached when each is the other's only best-scoring candidate (one-to-one); attached pairs are
/// removed and the rest matched again. Ties attach nothing (logged at debug level, without names).
/// Children that already carry Skola24 ids keep them and take part in no matching.
pub fn merge_children(stockholm: &mut [Child], skola24: &[Skola24ChildRef]) {
    let already: HashSet<String> = stockholm
        .iter()
        .filter_map(|c| c.refs.get::<Skola24ChildRef>().map(|r| r.person_guid))
        .collect();
    let mut open_s: Vec<usize> = (0..stockholm.len())
        .filter(|&i| {
            stockholm
                .get(i)
                .is_some_and(|c| !c.refs.has::<Skola24ChildRef>())
        })
        .collect();
    let mut open_k: Vec<usize> = (0..skola24.len())
        .filter(|&j| {
            skola24
                .get(j)
                .is_some_and(|k| !already.contains(k.person_guid.as_str()))
        })
        .collect();
    let mut scores: HashMap<(usize, usize), usize> = HashMap::new();
    for &i in &open_s {
        for &j in &open_k {
            if let (Some(s), Some(k)) = (stockholm.get(i), skola24.get(j))
                && let Some(score) = match_score(s, k)
            {
                scores.insert((i, j), score);
            }
        }
    }
    let ambiguous = loop {
        let best_of_s = |i: usize, open_k: &[usize]| -> Option<(usize, bool)> {
            best(
                open_k
                    .iter()
                    .filter_map(|&j| scores.get(&(i, j)).map(|s| (j, *s))),
            )
        };
        let best_of_k = |j: usize, open_s: &[usize]| -> Option<(usize, bool)> {
            best(
                open_s
                    .iter()
                    .filter_map(|&i| scores.get(&(i, j)).map(|s| (i, *s))),
            )
        };
        let mut pairs = Vec::new();
        let mut ambiguous = 0usize;
        for &i in &open_s {
            match best_of_s(i, &open_k) {
                Some((j, true)) => {
                    if best_of_k(j, &open_s) == Some((i, true)) {
                        pairs.push((i, j));
                    } else {
                        ambiguous += 1;
                    }
                }
                Some((_, false)) => ambiguous += 1,
                None => {}
            }
        }
        if pairs.is_empty() {
            break ambiguous;
        }
        for (i, j) in pairs {
            if let (Some(child), Some(reference)) = (stockholm.get_mut(i), skola24.get(j)) {
                child.refs.set(reference);
            }
            open_s.retain(|&x| x != i);
            open_k.retain(|&x| x != j);
        }
    };
    if ambiguous > 0 {
        tracing::debug!(
            ambiguous,
            "some children matched several Skola24 children equally well; none attached"
        );
    }
}

/// The best-scoring candidate and whether it is the only one with that score.
fn best(candidates: impl Iterator<Item = (usize, usize)>) -> Option<(usize, bool)> {
    let mut best: Option<(usize, usize)> = None;
    let mut unique = true;
    for (index, score) in candidates {
        match best {
            Some((_, s)) if score < s => {}
            Some((_, s)) if score == s => unique = false,
            _ => {
                best = Some((index, score));
                unique = true;
            }
        }
    }
    best.map(|(index, _)| (index, unique))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_diacritics_and_hyphens() {
        assert_eq!(
            name_tokens("Åsa-Lena  Östlund"),
            vec!["asa", "lena", "ostlund"]
        );
        assert_eq!(name_tokens("José"), vec!["jose"]);
    }
}
