//! The SchoolSoft family the emulator serves: one guardian at the friskola tenant
//! `procivitas` with two children at school (`orgId`) 4, each with data of their own so that a
//! read for the wrong child shows.

/// The tenant slug.
pub const TENANT: &str = "procivitas";
/// The school's `orgId`.
pub const ORG_ID: &str = "4";
/// The school's name.
pub const SCHOOL_NAME: &str = "Påhittade skolan";
/// The guardian's SchoolSoft username (password login).
pub const USERNAME: &str = "anna.exempelsson";
/// The guardian's SchoolSoft password.
pub const PASSWORD: &str = "sommar2026";
/// The guardian's Eva id (`userId` of the Eva API; as in the sample `eva-parent.json`).
pub const EVA_USER_ID: &str = "30001";
/// The guardian.
pub const GUARDIAN: (&str, &str) = ("Anna", "Exempelsson");

/// One lesson of a child's weekly timetable.
pub(crate) struct Lesson {
    pub code: &'static str,
    pub room: &'static str,
    pub teacher: &'static str,
    pub start: (i8, i8),
    pub end: (i8, i8),
}

/// One child and everything served for it.
pub(crate) struct SsChild {
    pub id: &'static str,
    pub first: &'static str,
    pub last: &'static str,
    pub class: &'static str,
    /// A number that keeps the child's generated ids apart.
    pub base: u64,
    pub lessons: &'static [Lesson],
    pub news: (&'static str, &'static str, &'static str, &'static str),
    pub message: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    pub event: &'static str,
    pub assignment: (&'static str, &'static str),
    pub staff: &'static [(&'static str, &'static str)],
    /// Booked fritids times (weekdays), if the child goes to fritids.
    pub fritids: Option<&'static str>,
    /// `studentLessonStatus.status` of the week's first lesson.
    pub first_lesson_status: i64,
}

/// The two children; the first is the default focus of a fresh login.
pub(crate) const CHILDREN: [SsChild; 2] = [
    SsChild {
        id: "17001",
        first: "Alva",
        last: "Exempelsson",
        class: "7B",
        base: 1,
        lessons: &[
            Lesson {
                code: "MATMAT01",
                room: "Sal 12",
                teacher: "Tor Testsson",
                start: (8, 25),
                end: (9, 40),
            },
            Lesson {
                code: "Lunch",
                room: "",
                teacher: "",
                start: (11, 0),
                end: (11, 40),
            },
            Lesson {
                code: "SOISOO0",
                room: "Sal 14",
                teacher: "Lena Lärarsson",
                start: (12, 40),
                end: (13, 50),
            },
        ],
        news: (
            "54001",
            "Skolstart hösten 2026",
            "Välkomna tillbaka efter sommaren! Skolan börjar kl. 08.30.",
            "Rut Rektorsson (P)",
        ),
        message: (
            "117001",
            "Utflykt fredag",
            "På fredag åker vi till skogen. Ta med matsäck.",
            "Tor Testsson",
            "697",
        ),
        event: "Idrottsdag åk 7",
        assignment: ("Läxa kapitel 3", "Matematik"),
        staff: &[("7790", "Lärarsson Lena"), ("697", "Testsson Tor")],
        fritids: None,
        first_lesson_status: 2,
    },
    SsChild {
        id: "17002",
        first: "Bo",
        last: "Exempelsson",
        class: "3A",
        base: 2,
        lessons: &[
            Lesson {
                code: "SVESVE01",
                room: "Sal 3",
                teacher: "Greta Grönkvist",
                start: (8, 15),
                end: (9, 0),
            },
            Lesson {
                code: "Lunch",
                room: "",
                teacher: "",
                start: (10, 45),
                end: (11, 15),
            },
            Lesson {
                code: "IDRIDR01",
                room: "Gympasalen",
                teacher: "Örjan Östlund",
                start: (12, 30),
                end: (13, 30),
            },
        ],
        news: (
            "54101",
            "Veckobrev 3A",
            "Den här veckan läser vi om årstider och övar på ä och ö.",
            "Greta Grönkvist (L)",
        ),
        message: (
            "117101",
            "Simskola",
            "Simskolan börjar på tisdag. Glöm inte badkläder!",
            "Greta Grönkvist",
            "812",
        ),
        event: "Utflykt åk 3",
        assignment: ("Läsläxa", "Svenska"),
        staff: &[("812", "Grönkvist Greta"), ("813", "Östlund Örjan")],
        fritids: Some("8:00 - 16:30"),
        first_lesson_status: 1,
    },
];

/// The child with this pupil id.
pub(crate) fn child(id: &str) -> Option<&'static SsChild> {
    CHILDREN.iter().find(|c| c.id == id)
}
