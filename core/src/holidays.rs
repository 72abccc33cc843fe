//! Public holidays in calendar titles: a school calendar marks a public holiday ("röd dag")
//! with its name, often followed by "(röd dag)", or as "helgdag". Every platform's calendar
//! parser classes such an entry as a day off ([`crate::model::EventKind::Holiday`]), and the
//! year wheel (`home::classify`) uses the same names.

/// The Swedish public holidays (and the days treated as such: the eves schools close on), in
/// lower case, as school calendars write them.
pub const PUBLIC_HOLIDAYS: &[&str] = &[
    "nyårsdagen",
    "trettondedag jul",
    "trettondagen",
    "långfredagen",
    "påskdagen",
    "annandag påsk",
    "första maj",
    "kristi himmelsfärd",
    "nationaldagen",
    "pingstdagen",
    "midsommarafton",
    "midsommardagen",
    "alla helgons dag",
    "julafton",
    "juldagen",
    "annandag jul",
    "nyårsafton",
];

/// True when a title names a public holiday: "röd dag" / "röda dagen", "helgdag" (also
/// "allmän helgdag"), or the name of a Swedish public holiday ("Nationaldagen",
/// "Kristi himmelsfärdsdag"). Case-insensitive.
pub fn is_public_holiday(title: &str) -> bool {
    let t = title.to_lowercase();
    t.contains("röd dag")
        || t.contains("röda dag")
        || t.contains("helgdag")
        || PUBLIC_HOLIDAYS.iter().any(|h| t.contains(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_markers() {
        assert!(is_public_holiday("Nationaldagen (röd dag)"));
        assert!(is_public_holiday("Kristi himmelsfärdsdag"));
        assert!(is_public_holiday("Allmän helgdag"));
        assert!(is_public_holiday("RÖD DAG"));
        assert!(is_public_holiday("Annandag påsk"));
        assert!(!is_public_holiday("Julavslutning i aulan"));
        assert!(!is_public_holiday("Föräldramöte"));
        assert!(!is_public_holiday("Nationaldagsfirande på skolgården"));
    }
}
