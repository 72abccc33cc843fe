//! The public lunch-menu services, under their real host names: skolmaten.se's v4 JSON API
//! ([`skolmaten`]) and Matilda Menu's Next.js pages and search ([`matilda`]). No login; the
//! schools are a fixed catalogue ([`catalogue`]) and each school-day's dishes a pure function
//! of the school and the date ([`dishes_for`]), so tests can assert the exact values.

pub mod catalogue;
pub(crate) mod matilda;
pub(crate) mod skolmaten;

use jiff::civil::{Date, Weekday};

const MAINS: &[&str] = &[
    "Köttbullar med potatismos och lingon",
    "Fiskgratäng med kokt potatis",
    "Kycklinggryta med ris",
    "Pannkakor med sylt",
    "Spaghetti med köttfärssås",
    "Ärtsoppa och pannkakor",
    "Fisk med citronsås och kokt potatis",
];

const GREENS: &[&str] = &[
    "Vegetarisk lasagne",
    "Falafel med bulgur",
    "Linsgryta med ris",
    "Grönsaksbiffar med potatis",
    "Tofu med dragonsås och potatis",
];

/// The dishes a school of the catalogue serves on `date`: a main dish and a vegetarian one on
/// weekdays, nothing on weekends. The same for both services (the school id picks the start).
pub fn dishes_for(school_id: &str, date: Date) -> Vec<String> {
    if matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) {
        return Vec::new();
    }
    let seed: usize = school_id.bytes().map(usize::from).sum();
    let day = usize::try_from(date.day_of_year()).unwrap_or(0);
    let main = MAINS.get((seed + day) % MAINS.len()).copied().unwrap_or("");
    let green = GREENS
        .get((seed + 2 * day) % GREENS.len())
        .copied()
        .unwrap_or("");
    vec![main.to_owned(), green.to_owned()]
}
