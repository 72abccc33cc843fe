//! The layering check: every `crate::<module>` (and `super::` reaching the crate root) in
//! `core/src/**/*.rs` must point at the same top-level module or a lower layer. The table is the
//! one ARCHITECTURE.md draws; a new top-level module must be placed in it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Named exceptions to the layer rule, each with its reason. Keep this list short.
const ALLOWED_EDGES: &[(&str, &str, &str)] = &[(
    "error",
    "cache",
    "the crate error wraps the cache's own error enum in one place (`From<CacheError>`); \
     cache/error.rs itself names nothing above `error`",
)];

/// The layers, lowest first. A module may use its own layer's module only (itself) and any
/// module of a lower layer; never a higher one, never a sibling of its own layer.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaf helpers",
        &["privacy", "time", "html_scan", "markdown", "holidays"],
    ),
    ("error", &["error"]),
    ("model", &["model"]),
    ("model views", &["curriculum", "week", "ics", "home"]),
    ("environment", &["upstream", "secrets"]),
    ("http", &["http"]),
    ("provider", &["provider"]),
    ("cache", &["cache"]),
    ("sync", &["sync"]),
    ("client", &["client"]),
    ("test support", &["testing", "layers"]),
];

fn rank_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file (`http/client.rs` → `["http", "client"]`, `http/mod.rs` →
/// `["http"]`, `lib.rs` → `[]`).
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_owned());
        }
    }
    parts
}

fn ident_at(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The top-level modules a `crate::…` path names: one, or several for `crate::{a::x, b}`.
fn crate_targets(rest: &str) -> Vec<String> {
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident_at(rest)];
    };
    let mut depth = 0usize;
    let mut items = vec![String::new()];
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => items.push(String::new()),
            _ => {}
        }
        if let Some(last) = items.last_mut()
            && c != ','
        {
            last.push(c);
        }
    }
    items
        .iter()
        .map(|i| ident_at(i.trim()))
        .filter(|i| !i.is_empty())
        .collect()
}

/// Every (line, top-level module) a file refers to outside its own module.
fn references(own_path: &[String], source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut search = code;
        while let Some(at) = search.find("crate::") {
            let before = &search[..at];
            let prefix_ok =
                !before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$');
            let rest = &search[at + "crate::".len()..];
            if prefix_ok {
                for t in crate_targets(rest) {
                    found.push((n + 1, t));
                }
            }
            search = rest;
        }
        let mut search = code;
        while let Some(at) = search.find("super::") {
            let before = &search[..at];
            let rest_all = &search[at..];
            if before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
                search = &rest_all["super::".len()..];
                continue;
            }
            let mut rest = rest_all;
            let mut path = own_path.to_vec();
            while let Some(r) = rest.strip_prefix("super::") {
                path.pop();
                rest = r;
            }
            if path.is_empty() {
                // `super::*` in a top-level file's tests: the file's own module, not the root.
                for t in crate_targets(rest).into_iter().filter(|t| !t.is_empty()) {
                    found.push((n + 1, t));
                }
            }
            search = rest;
        }
    }
    found
}

/// Every upward or sideways reference under `src`, as `file:line: from (layer) uses to (layer)`.
fn violations(src: &Path) -> (Vec<String>, BTreeMap<String, usize>) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(src).unwrap().to_path_buf();
        let own_path = module_path(&relative);
        let Some(own) = own_path.first().cloned() else {
            continue; // lib.rs: the root may name every module.
        };
        let Some(own_rank) = rank_of(&own) else {
            problems.push(format!(
                "{}: top-level module `{own}` is not in the layer table",
                relative.display()
            ));
            continue;
        };
        if own == "layers" {
            continue; // this file's strings are samples, not imports.
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for (line, target) in references(&own_path, &source) {
            if target == own || target == "Error" || target == "Result" {
                continue;
            }
            if ALLOWED_EDGES
                .iter()
                .any(|(from, to, _)| *from == own && *to == target)
            {
                continue;
            }
            *seen.entry(target.clone()).or_insert(0) += 1;
            match rank_of(&target) {
                Some(rank) if rank < own_rank => {}
                Some(rank) => problems.push(format!(
                    "src/{}:{line}: `{own}` ({}) uses `{target}` ({}), which is not below it",
                    relative.display(),
                    LAYERS[own_rank].0,
                    LAYERS[rank].0,
                )),
                None => problems.push(format!(
                    "src/{}:{line}: `{own}` uses `crate::{target}`, which is not in the layer table",
                    relative.display()
                )),
            }
        }
    }
    (problems, seen)
}

#[test]
fn modules_only_use_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (problems, seen) = violations(&src);
    assert!(
        problems.is_empty(),
        "upward imports (see ARCHITECTURE.md, \"Layers\"):\n{}",
        problems.join("\n")
    );
    // The scan sees the real imports (a scanner that found nothing would pass vacuously).
    assert!(seen.get("model").is_some_and(|n| *n > 50), "{seen:?}");
    assert!(seen.contains_key("http") && seen.contains_key("provider"));
}

#[test]
fn the_scanner_resolves_paths() {
    let own = vec!["http".to_owned(), "cookies".to_owned()];
    let refs = references(
        &own,
        "use crate::{model::X, provider::{A, B}};\nlet a = super::super::cache::x; // crate::sync\nuse super::y;",
    );
    assert_eq!(
        refs,
        vec![
            (1, "model".to_owned()),
            (1, "provider".to_owned()),
            (2, "cache".to_owned())
        ]
    );
    assert_eq!(module_path(Path::new("http/mod.rs")), vec!["http"]);
    assert_eq!(module_path(Path::new("ics.rs")), vec!["ics"]);
}
