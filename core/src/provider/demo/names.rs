//! Swedish names, places and identifiers for the demo family.

/// Girls' first names common among Stockholm children born 2010–2022.
pub const GIRLS: &[&str] = &[
    "Alice", "Maja", "Vera", "Elsa", "Astrid", "Alma", "Selma", "Freja", "Ella", "Wilma", "Olivia",
    "Ebba", "Saga", "Stella", "Agnes", "Lilly", "Signe", "Ines", "Nora", "Tyra", "Ellen", "Juni",
    "Lo", "Siri", "Edith", "Hedda", "Mira", "Leah", "Sara", "Amira",
];

/// Boys' first names common among Stockholm children born 2010–2022.
pub const BOYS: &[&str] = &[
    "Noah",
    "William",
    "Hugo",
    "Lucas",
    "Liam",
    "Oscar",
    "Adam",
    "Elias",
    "Nils",
    "Ludvig",
    "Vincent",
    "Alexander",
    "Frans",
    "Theo",
    "Leo",
    "Olle",
    "Sixten",
    "Isak",
    "Melvin",
    "Vidar",
    "Harry",
    "Ali",
    "Omar",
    "Gustav",
    "Arvid",
    "Viggo",
    "Sam",
    "Otto",
    "Malte",
    "Love",
];

/// Adult first names (guardians, teachers).
pub const ADULTS: &[&str] = &[
    "Anna", "Karin", "Maria", "Sara", "Emma", "Linnea", "Johanna", "Sofia", "Helena", "Malin",
    "Jenny", "Camilla", "Erik", "Anders", "Johan", "Mikael", "Fredrik", "Daniel", "Magnus",
    "Henrik", "Niklas", "Mattias", "Jonas", "Peter", "Fatima", "Ahmed", "Mohammed", "Leila",
    "Yusuf", "Nadia", "Björn", "Gunilla", "Åsa", "Ulf",
];

/// Family names.
pub const SURNAMES: &[&str] = &[
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Lindberg",
    "Lindqvist",
    "Bergström",
    "Lundgren",
    "Holm",
    "Sandberg",
    "Forsberg",
    "Engström",
    "Nyström",
    "Ali",
    "Hassan",
    "Mohammed",
    "Ahmadi",
    "Virtanen",
    "Nowak",
    "Ekström",
    "Hedlund",
    "Wallin",
    "Åberg",
    "Öberg",
    "Sjöberg",
];

/// Stockholm streets for guardians' addresses.
pub const STREETS: &[&str] = &[
    "Ringvägen",
    "Götgatan",
    "Hornsgatan",
    "Folkungagatan",
    "Katarina Bangata",
    "Skånegatan",
    "Bondegatan",
    "Åsögatan",
    "Tegnérlunden",
    "Sankt Eriksgatan",
    "Fleminggatan",
    "Hantverkargatan",
    "Västerbroplan",
];

/// A deterministic random source for the generator.
pub struct Dice(fastrand::Rng);

impl Dice {
    /// A source seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Dice(fastrand::Rng::with_seed(seed))
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.0.usize(0..n) }
    }

    /// A value in `lo..=hi`.
    pub fn between(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo { lo } else { self.0.u32(lo..=hi) }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.f64() < p
    }

    /// One element of a non-empty list ("" for an empty one).
    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list.get(self.below(list.len())).copied().unwrap_or("")
    }

    /// An upper-case GUID (`8-4-4-4-12` hex digits), as Stockholm's services write them.
    pub fn guid(&mut self) -> String {
        let hex = |rng: &mut fastrand::Rng, n: usize| -> String {
            (0..n).map(|_| format!("{:X}", rng.u8(0..16))).collect()
        };
        let r = &mut self.0;
        format!(
            "{}-{}-{}-{}-{}",
            hex(r, 8),
            hex(r, 4),
            hex(r, 4),
            hex(r, 4),
            hex(r, 12)
        )
    }

    /// A Swedish mobile number (`070-123 45 67`).
    pub fn mobile(&mut self) -> String {
        let prefix = self.pick(&["070", "072", "073", "076", "079"]);
        format!(
            "{prefix}-{:03} {:02} {:02}",
            self.between(100, 999),
            self.between(10, 99),
            self.between(10, 99)
        )
    }
}

/// A lower-case ASCII e-mail local part for a name (`åsa öberg` → `asa.oberg`).
pub fn email_local(first: &str, last: &str) -> String {
    let fold = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .map(|c| match c {
                'å' | 'ä' | 'á' | 'à' => 'a',
                'ö' | 'ó' => 'o',
                'é' | 'è' => 'e',
                'ü' => 'u',
                ' ' => '-',
                c => c,
            })
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect()
    };
    format!("{}.{}", fold(first), fold(last))
}

/// The school weekdays in Swedish, Monday first.
pub(super) const WEEKDAY_NAMES: [&str; 5] = ["Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag"];
