//! The schools the emulated menu services publish menus for.

/// One skolmaten.se station: (id, name, URL name, district).
pub const SKOLMATEN_STATIONS: &[(u64, &str, &str, &str)] = &[
    (
        5_001,
        "Skutehagens skolan",
        "skutehagens-skolan",
        "Lidköping",
    ),
    (5_002, "Påskbergsskolan", "paskbergsskolan", "Varberg"),
    (5_003, "Hålta förskola", "halta-forskola", "Kungälv"),
];

/// One Matilda distributor: (id, name, slug, customer).
pub const MATILDA_DISTRIBUTORS: &[(&str, &str, &str, &str)] = &[
    (
        "63fc6e2dccb95f5ce56d8ada",
        "Skolor",
        "skolor",
        "Älvkarleby kommun",
    ),
    (
        "63fc8f84ccb95f5ce570a0d4",
        "Parkskolan restaurang",
        "parkskolan-restaurang",
        "Älvkarleby kommun",
    ),
];

/// True when every word of `query` occurs in `name` (case-insensitive).
pub(crate) fn matches(name: &str, query: &str) -> bool {
    let name = name.to_lowercase();
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    !words.is_empty() && words.iter().all(|w| name.contains(w.as_str()))
}
