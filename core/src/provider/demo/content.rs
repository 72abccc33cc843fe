//! The demo family's calendar, news, notifications and lunch menus.

use jiff::ToSpan;
use jiff::civil::{Date, Time, Weekday};

use crate::model::{
    CalendarEvent, EntityId, EntityKind, EventKind, EventTiming, IsoWeek, MenuDay, NewsImage,
    NewsItem, Notification, Platform,
};
use crate::time;

use super::names::Dice;
use super::people::{ChildKind, DemoChild};
use super::school_year::SchoolYear;
use super::timetable::Slot;

fn at(date: Date, h: i8, m: i8) -> jiff::ZonedDateTime {
    time::local(date.to_datetime(Time::new(h, m, 0, 0).unwrap_or(Time::midnight())))
}

fn weekday_in_week(week: IsoWeek, day: Weekday) -> Option<Date> {
    week.monday().and_then(|m| {
        m.checked_add(i64::from(day.to_monday_zero_offset()).days())
            .ok()
    })
}

fn all_day(
    child: &DemoChild,
    local: &str,
    title: &str,
    kind: EventKind,
    start: Date,
    end: Date,
    description: Option<String>,
) -> CalendarEvent {
    CalendarEvent {
        id: EntityId::for_child(&child.child.id, EntityKind::CalendarEvent, local),
        child_id: child.child.id.clone(),
        title: title.to_owned(),
        description,
        location: None,
        timing: EventTiming::AllDay { start, end },
        kind,
    }
}

fn timed(
    child: &DemoChild,
    local: &str,
    title: &str,
    kind: EventKind,
    start: jiff::ZonedDateTime,
    minutes: i64,
) -> CalendarEvent {
    let end = start
        .checked_add(minutes.minutes())
        .unwrap_or_else(|_| start.clone());
    CalendarEvent {
        id: EntityId::for_child(&child.child.id, EntityKind::CalendarEvent, local),
        child_id: child.child.id.clone(),
        title: title.to_owned(),
        description: None,
        location: None,
        timing: EventTiming::Timed { start, end },
        kind,
    }
}

fn placed(
    mut event: CalendarEvent,
    location: Option<&str>,
    description: Option<String>,
) -> CalendarEvent {
    event.location = location.map(str::to_owned);
    event.description = description;
    event
}

/// The first school day on or after `d` (or `d` itself when none is found within 3 weeks).
fn school_day_from(year: &SchoolYear, d: Date, preschool: bool) -> Date {
    let mut day = d;
    for _ in 0..21 {
        let open = if preschool {
            year.is_preschool_day(day)
        } else {
            year.is_school_day(day)
        };
        if open {
            return day;
        }
        day = day.tomorrow().unwrap_or(day);
    }
    d
}

/// The child's calendar: holidays and study days, meetings, excursions, tests, celebrations.
pub fn calendar(
    child: &DemoChild,
    year: &SchoolYear,
    dice: &mut Dice,
    scale: u32,
) -> Vec<CalendarEvent> {
    let preschool = child.kind == ChildKind::Preschool;
    let mut out = Vec::new();
    for (i, off) in year.days_off.iter().enumerate() {
        let applies = if preschool {
            off.preschool_closed
        } else {
            true
        };
        if !applies {
            continue;
        }
        let kind = if off.study_day || off.name.starts_with("Planeringsdag") {
            EventKind::StudyDay
        } else {
            EventKind::Holiday
        };
        let description = match (off.study_day, child.kind) {
            (true, ChildKind::Primary) => Some("Ingen undervisning. Fritids är öppet för barn som har plats, anmäl behov senast en vecka innan.".to_owned()),
            (true, _) => Some("Ingen undervisning – lärarna planerar och fortbildar sig.".to_owned()),
            (false, ChildKind::Primary) if off.name.ends_with("lov") => Some("Skolan är stängd. Fritids är öppet 07.00–17.30 för barn som anmält behov.".to_owned()),
            _ => None,
        };
        out.push(all_day(
            child,
            &format!("{}9{i:03}", year.start_year),
            &off.name,
            kind,
            off.start,
            off.end,
            description,
        ));
    }
    let y = year.start_year;
    // Numeric ids, as Stockholm's calendar has them (so they survive the upstream formats).
    let mut n = 0u32;
    let mut id = |_what: &str| {
        n += 1;
        format!("{y}{n:04}")
    };
    // Parent meeting in week 37 and development talks in weeks 45 and 14.
    if let Some(tue) = weekday_in_week(IsoWeek { year: y, week: 37 }, Weekday::Tuesday) {
        out.push(placed(
            timed(
                child,
                &id("meeting"),
                "Föräldramöte",
                EventKind::ParentMeeting,
                at(tue, 18, 0),
                90,
            ),
            child.child.school.as_ref().map(|s| s.name.as_str()),
            Some("Vi går igenom terminens planering, mål och hur ni når oss. Välkomna!".to_owned()),
        ));
    }
    for (week_year, week) in [(y, 45i8), (y + 1, 14i8)] {
        let day = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
        ][dice.below(4)];
        if let Some(d) = weekday_in_week(
            IsoWeek {
                year: week_year,
                week,
            },
            day,
        ) {
            let d = school_day_from(year, d, preschool);
            let hour = i8::try_from(dice.between(8, 15)).unwrap_or(10);
            let minute = if dice.chance(0.5) { 0 } else { 30 };
            let title = if preschool {
                "Utvecklingssamtal (förskola)"
            } else {
                "Utvecklingssamtal"
            };
            out.push(placed(
                timed(
                    child,
                    &id("talk"),
                    title,
                    EventKind::ParentMeeting,
                    at(d, hour, minute),
                    30,
                ),
                Some("Klassrummet"),
                Some(
                    "Samtal med mentor om hur det går. Boka om via skolan om tiden inte passar."
                        .to_owned(),
                ),
            ));
        }
    }
    // School photo, Lucia, term ends.
    if let Some(d) = weekday_in_week(IsoWeek { year: y, week: 38 }, Weekday::Wednesday) {
        let d = school_day_from(year, d, preschool);
        out.push(placed(
            timed(
                child,
                &id("photo"),
                "Skolfotografering",
                EventKind::Other,
                at(d, 9, 0),
                120,
            ),
            Some("Aulan"),
            Some("Kom gärna med kammat hår och ett glatt humör.".to_owned()),
        ));
    }
    let lucia = Date::new(y, 12, 13).unwrap_or(year.autumn_end);
    let lucia = match lucia.weekday() {
        Weekday::Saturday => lucia.yesterday().unwrap_or(lucia),
        Weekday::Sunday => lucia.checked_sub(2.days()).unwrap_or(lucia),
        _ => lucia,
    };
    if child.kind != ChildKind::Secondary {
        out.push(placed(
            timed(
                child,
                &id("lucia"),
                "Luciafirande",
                EventKind::Other,
                at(lucia, 8, 0),
                45,
            ),
            Some(if preschool {
                "Förskolans gård"
            } else {
                "Skolgården"
            }),
            Some("Barnen lussar för föräldrar. Glögg och pepparkakor efteråt.".to_owned()),
        ));
    }
    if !preschool {
        out.push(placed(
            timed(
                child,
                &id("end"),
                "Terminsavslutning",
                EventKind::Other,
                at(year.autumn_end, 10, 0),
                60,
            ),
            Some("Aulan"),
            None,
        ));
        out.push(placed(
            timed(
                child,
                &id("end"),
                "Skolavslutning",
                EventKind::Other,
                at(year.spring_end, 9, 0),
                60,
            ),
            Some("Skolgården"),
            Some("Skolan slutar kl. 10. Fritids är öppet för anmälda barn.".to_owned()),
        ));
    }
    match child.kind {
        ChildKind::Preschool => {
            for (week, title) in [
                (36i8, "Utflykt till Rålambshovsparken"),
                (20, "Vårutflykt till Skansen"),
            ] {
                let wy = if week > 30 { y } else { y + 1 };
                if let Some(d) = weekday_in_week(IsoWeek { year: wy, week }, Weekday::Thursday) {
                    let d = school_day_from(year, d, true);
                    out.push(placed(
                        timed(
                            child,
                            &id("trip"),
                            title,
                            EventKind::Excursion,
                            at(d, 9, 30),
                            240,
                        ),
                        None,
                        Some("Packa matsäck och vattenflaska. Kläder efter väder!".to_owned()),
                    ));
                }
            }
        }
        ChildKind::Primary => {
            for (week, title) in [
                (40i8, "Utflykt till Tekniska museet"),
                (21, "Friluftsdag i Nackareservatet"),
            ] {
                let wy = if week > 30 { y } else { y + 1 };
                if let Some(d) = weekday_in_week(IsoWeek { year: wy, week }, Weekday::Wednesday) {
                    let d = school_day_from(year, d, false);
                    out.push(all_day(
                        child,
                        &id("trip"),
                        title,
                        EventKind::Excursion,
                        d,
                        d,
                        Some("Ta med matsäck, vattenflaska och SL-kort om ni har.".to_owned()),
                    ));
                }
            }
        }
        ChildKind::Secondary => {
            out.push(all_day(
                child,
                &id("trip"),
                "Friluftsdag",
                EventKind::Excursion,
                school_day_from(
                    year,
                    weekday_in_week(IsoWeek { year: y, week: 37 }, Weekday::Friday)
                        .unwrap_or(year.autumn_start),
                    false,
                ),
                school_day_from(
                    year,
                    weekday_in_week(IsoWeek { year: y, week: 37 }, Weekday::Friday)
                        .unwrap_or(year.autumn_start),
                    false,
                ),
                Some("Orientering och lekar. Kläder efter väder.".to_owned()),
            ));
            let tests = [
                "Prov i matematik",
                "Glosförhör i engelska",
                "Prov i spanska",
                "Prov i kemi",
                "Inlämning: SO-arbete",
                "Läsförståelse i svenska",
                "Prov i fysik",
                "Nationellt prov i engelska",
            ];
            let count = 16 * scale.max(1);
            for k in 0..count {
                let week = if k % 2 == 0 {
                    35 + (k as i8 % 15)
                } else {
                    3 + (k as i8 % 19)
                };
                let wy = if week > 30 { y } else { y + 1 };
                let day = [
                    Weekday::Monday,
                    Weekday::Tuesday,
                    Weekday::Wednesday,
                    Weekday::Thursday,
                    Weekday::Friday,
                ][dice.below(5)];
                if let Some(d) = weekday_in_week(IsoWeek { year: wy, week }, day)
                    .filter(|d| year.is_school_day(*d))
                {
                    let title = tests[dice.below(tests.len())];
                    out.push(all_day(
                        child,
                        &id("test"),
                        title,
                        EventKind::Test,
                        d,
                        d,
                        Some("Se planeringen i InfoMentor för vad som ingår.".to_owned()),
                    ));
                }
            }
        }
    }
    out
}

const MAINS: &[&str] = &[
    "Köttbullar med potatismos och lingonsylt",
    "Fiskgratäng med dillpotatis",
    "Kycklinggryta med ris",
    "Spaghetti och köttfärssås",
    "Pannbiff med löksås och kokt potatis",
    "Laxbullar med kall sås och potatis",
    "Korv stroganoff med ris",
    "Tacos med köttfärs och tillbehör",
    "Ugnsbakad torsk med äggsås",
    "Chili con carne med ris",
    "Kycklingklubbor med klyftpotatis",
    "Fläskpannkaka med lingon",
];

const VEGETARIAN: &[&str] = &[
    "Vegetariska biffar med potatismos",
    "Falafel med bulgur och tzatziki",
    "Linsgryta med ris",
    "Pasta med tomat- och bönsås",
    "Grönsaksbiffar med kokt potatis",
    "Halloumigryta med couscous",
    "Vegetarisk lasagne",
    "Sojabolognese med pasta",
];

const WEEKDAY_NAMES: [&str; 5] = ["Måndag", "Tisdag", "Onsdag", "Torsdag", "Fredag"];

/// Lunch for every open day, per school (children at the same school share the menu).
pub fn menus(child: &DemoChild, year: &SchoolYear, dice: &mut Dice) -> Vec<MenuDay> {
    if child.child.platform == Platform::InfoMentor {
        // InfoMentor has no menu source; the demo does not make one up.
        return Vec::new();
    }
    let preschool = child.kind == ChildKind::Preschool;
    year.dates()
        .filter(|d| {
            if preschool {
                year.is_preschool_day(*d)
            } else {
                year.is_school_day(*d)
            }
        })
        .map(|d| {
            let weekday = d.weekday();
            let dishes = if weekday == Weekday::Thursday {
                vec![
                    "Ärtsoppa med pannkakor och sylt".to_owned(),
                    "Vegetarisk ärtsoppa med pannkakor".to_owned(),
                ]
            } else {
                vec![
                    MAINS[dice.below(MAINS.len())].to_owned(),
                    VEGETARIAN[dice.below(VEGETARIAN.len())].to_owned(),
                ]
            };
            let week = IsoWeek::containing(d);
            let index = usize::try_from(weekday.to_monday_zero_offset()).unwrap_or(0);
            MenuDay {
                id: EntityId::for_child(&child.child.id, EntityKind::MenuDay, &d.to_string()),
                child_id: child.child.id.clone(),
                date: d,
                title: format!(
                    "{} - Vecka {}",
                    WEEKDAY_NAMES.get(index).copied().unwrap_or("Dag"),
                    week.week
                ),
                dishes,
            }
        })
        .collect()
}

fn letter_body(
    child: &DemoChild,
    week: IsoWeek,
    year: &SchoolYear,
    template: &[Slot],
    dice: &mut Dice,
) -> String {
    let next = week.next();
    let topics_sv = [
        "högläsning av \"Pippi Långstrump\"",
        "berättelser med inledning, handling och avslut",
        "stavning av ng- och sj-ljud",
        "faktatexter om djur i skogen",
    ];
    let topics_ma = [
        "tiotalsövergångar",
        "klockan och tid",
        "multiplikationstabellerna 2, 5 och 10",
        "mätning med linjal",
        "bråk – halvor och fjärdedelar",
    ];
    let topics_no = [
        "vattnets kretslopp",
        "fåglar på hösten",
        "enkla maskiner",
        "kroppen och sinnena",
    ];
    let mut body = String::new();
    body.push_str(&format!(
        "Hej alla vårdnadshavare i {}!\n\n",
        child.child.class_name.clone().unwrap_or_default()
    ));
    body.push_str("## Veckan som gått\n\n");
    body.push_str(&format!(
        "I svenska har vi arbetat med **{}** och i matematik med **{}**. På NO-lektionerna pratade vi om {}.\n\n",
        topics_sv[dice.below(topics_sv.len())],
        topics_ma[dice.below(topics_ma.len())],
        topics_no[dice.below(topics_no.len())]
    ));
    body.push_str(&format!("## Vecka {}\n\n", next.week));
    let mut any = false;
    for (i, day) in next.days().into_iter().take(5).enumerate() {
        let name = WEEKDAY_NAMES.get(i).copied().unwrap_or("Dag");
        if let Some(off) = year.day_off(day) {
            body.push_str(&format!(
                "- **{name}:** {} – ingen undervisning\n",
                off.name
            ));
            any = true;
        } else if template
            .iter()
            .any(|s| s.weekday == day.weekday() && s.code == "IDH")
        {
            body.push_str(&format!(
                "- **{name}:** idrott – ta med gympakläder och handduk\n"
            ));
            any = true;
        }
    }
    if !any {
        body.push_str("- Inga särskilda händelser.\n");
    }
    body.push_str("\nGlöm inte att läsa minst **20 minuter** varje dag hemma. Hör av er om ni har frågor!\n\n");
    body.push_str(&format!(
        "Hälsningar\n{}",
        child
            .teachers
            .first()
            .map(|t| t.full_name())
            .unwrap_or_default()
    ));
    body
}

const SCHOOL_NEWS: &[(&str, &str, &str)] = &[
    (
        "Välkomna till ett nytt läsår!",
        "Nu drar höstterminen igång.",
        "Vi ser fram emot ett nytt läsår tillsammans med er. Läs igenom [skolans ordningsregler](https://example.com/ordningsregler) med ert barn.\n\n- Skolan börjar **08.10** alla dagar\n- Fritids öppnar 07.00\n- Sjukanmälan görs före 07.30",
    ),
    (
        "Höstlov – fritids öppettider",
        "Fritids håller öppet under höstlovet för anmälda barn.",
        "Under höstlovet (vecka 44) är skolan stängd. Fritids är öppet **07.00–17.30** för barn som har anmält behov senast den 15 oktober.",
    ),
    (
        "Influensa och magsjuka – när ska barnet stanna hemma?",
        "Råd från elevhälsan inför vintern.",
        "Barn med feber eller magsjuka ska vara hemma tills de är feberfria och har varit symtomfria i **48 timmar**. Se [1177](https://www.1177.se) för råd.",
    ),
    (
        "Lucia och terminsavslutning",
        "Välkomna på luciafirande och avslutning!",
        "Luciatåget går på skolgården klockan 08.00. Terminsavslutningen hålls i aulan.\n\n*Varmt välkomna!*",
    ),
    (
        "Sportlovsaktiviteter i Stockholm",
        "Gratis aktiviteter för barn under sportlovet.",
        "Stockholms stad erbjuder gratis aktiviteter under sportlovet: skridskor, bibliotek och museer. Se stadens webbplats för anmälan.",
    ),
    (
        "Påminnelse: sjukanmälan",
        "Anmäl frånvaro före klockan 07.30.",
        "Frånvaro anmäls varje dag barnet är borta, senast **07.30**.",
    ),
    (
        "Vårens utvecklingssamtal",
        "Boka tid för utvecklingssamtal.",
        "Utvecklingssamtalen hålls vecka 14. Tider skickas ut via mentor.",
    ),
    (
        "Skolavslutning och sommarlov",
        "Information inför sommaren.",
        "Skolavslutningen hålls på skolgården. Fritids sommaröppet gäller från vecka 25 för anmälda barn.",
    ),
];

/// News: a weekly letter every Friday of a school week, plus school-wide news through the year.
pub fn news(
    child: &DemoChild,
    year: &SchoolYear,
    template: &[Slot],
    dice: &mut Dice,
    scale: u32,
) -> Vec<NewsItem> {
    let mut out = Vec::new();
    let author = child.teachers.first().map(|t| t.full_name());
    let preschool = child.kind == ChildKind::Preschool;
    let mut week_seen = std::collections::BTreeSet::new();
    for d in year.dates() {
        if d.weekday() != Weekday::Friday || !year.in_term(d) {
            continue;
        }
        let week = IsoWeek::containing(d);
        if !week_seen.insert(week) {
            continue;
        }
        if preschool && d.day() > 7 {
            continue; // a monthly letter on the first Friday of the month
        }
        let title = if preschool {
            format!(
                "Månadsbrev från {}",
                child.child.class_name.clone().unwrap_or_default()
            )
        } else {
            format!(
                "Veckobrev {} vecka {}",
                child.child.class_name.clone().unwrap_or_default(),
                week.week
            )
        };
        let hour = i8::try_from(dice.between(13, 16)).unwrap_or(14);
        let published = at(d, hour, i8::try_from(dice.between(0, 59)).unwrap_or(0));
        let body = letter_body(child, week, year, template, dice);
        out.push(NewsItem {
            id: EntityId::for_child(&child.child.id, EntityKind::News, &format!("letter-{week}")),
            child_id: child.child.id.clone(),
            title,
            intro: Some("Här kommer veckans information från klassen.".to_owned()),
            body_markdown: body,
            author: author.clone(),
            published,
            modified: None,
            image: None,
            attachments: Vec::new(),
        });
    }
    let weeks_for_news: [(i16, i8); 8] = [
        (year.start_year, 34),
        (year.start_year, 42),
        (year.start_year, 46),
        (year.start_year, 50),
        (year.start_year + 1, 6),
        (year.start_year + 1, 10),
        (year.start_year + 1, 12),
        (year.start_year + 1, 22),
    ];
    for round in 0..scale.max(1) {
        for (i, ((wy, w), (title, intro, body))) in
            weeks_for_news.iter().zip(SCHOOL_NEWS).enumerate()
        {
            let Some(monday) = (IsoWeek {
                year: *wy,
                week: *w,
            })
            .monday() else {
                continue;
            };
            let day = monday
                .checked_add(i64::from(dice.between(0, 3)).days())
                .unwrap_or(monday);
            let published = at(day, i8::try_from(dice.between(8, 11)).unwrap_or(9), 0);
            let modified = dice.chance(0.3).then(|| {
                published
                    .checked_add(2.hours())
                    .unwrap_or_else(|_| published.clone())
            });
            let title = if round == 0 {
                (*title).to_owned()
            } else {
                format!("{title} ({})", round + 1)
            };
            out.push(NewsItem {
                id: EntityId::for_child(&child.child.id, EntityKind::News, &format!("school-{}-{i}-{round}", year.start_year)),
                child_id: child.child.id.clone(),
                title,
                intro: Some((*intro).to_owned()),
                body_markdown: (*body).to_owned(),
                author: Some(if preschool { "Förskolans ledning".to_owned() } else { "Skolans ledning".to_owned() }),
                published,
                modified,
                image: (i % 3 == 0).then(|| NewsImage {
                    url: if child.child.platform == Platform::Stockholm {
                        format!("https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url={}.jpeg", dice.guid())
                    } else {
                        format!("https://hub.infomentor.se/Resources/Resource/Download/{}", dice.between(100_000, 999_999))
                    },
                    alt_text: Some("Bild från skolan".to_owned()),
                    needs_session: true,
                }),
                attachments: Vec::new(),
            });
        }
    }
    out.sort_by(|a, b| b.sort_instant().cmp(a.sort_instant()));
    out
}

/// Notifications: documentation, assessments and attendance, about two a month.
pub fn notifications(
    child: &DemoChild,
    year: &SchoolYear,
    dice: &mut Dice,
    scale: u32,
) -> Vec<Notification> {
    let first = &child.child.first_name;
    let kinds: Vec<(&str, String, Option<&str>, &str, &str)> = match child.child.platform {
        Platform::InfoMentor => vec![
            (
                "InfoMentor",
                format!("Ny uppgift för {first}: läxa i matematik"),
                Some("Uppgift"),
                "task",
                "https://hub.infomentor.se/#/task",
            ),
            (
                "InfoMentor",
                format!("Ny bedömning publicerad för {first}"),
                Some("Bedömning"),
                "assessment",
                "https://hub.infomentor.se/#/assessment",
            ),
            (
                "InfoMentor",
                format!("Frånvaro registrerad för {first}"),
                Some("Närvaro"),
                "attendance",
                "https://hub.infomentor.se/#/attendance",
            ),
        ],
        _ => vec![
            (
                "Elevdokumentation",
                format!("Ny dokumentation finns för {first} i lärloggen"),
                Some("Lärlogg"),
                "webnotify",
                "https://start.unikum.net/unikum/larlogg.html",
            ),
            (
                "Planering och Bedömning",
                format!("En ny bedömning är publicerad för {first}"),
                Some("Bedömning"),
                "avisering",
                "https://start.unikum.net/unikum/bedomning.html",
            ),
            (
                "Skolplattformen",
                format!("{first} har registrerats frånvarande"),
                None,
                "avisering",
                "https://etjanster.stockholm.se/vardnadshavare/inloggad2/hem",
            ),
        ],
    };
    let mut out = Vec::new();
    let mut k = 0u32;
    for d in year.dates() {
        if !year.in_term(d) || d.weekday() == Weekday::Saturday || d.weekday() == Weekday::Sunday {
            continue;
        }
        if !dice.chance(0.1 * f64::from(scale.max(1))) {
            continue;
        }
        let (sender, message, category, kind, url) = &kinds[dice.below(kinds.len())];
        let created = at(
            d,
            i8::try_from(dice.between(7, 17)).unwrap_or(12),
            i8::try_from(dice.between(0, 59)).unwrap_or(0),
        );
        k += 1;
        out.push(Notification {
            id: EntityId::for_child(
                &child.child.id,
                EntityKind::Notification,
                &format!("n-{}-{k}", year.start_year),
            ),
            child_id: child.child.id.clone(),
            sender: (*sender).to_owned(),
            message: message.clone(),
            url: Some((*url).to_owned()),
            category: category.map(str::to_owned),
            notification_type: Some((*kind).to_owned()),
            created: created.clone(),
            modified: Some(created),
        });
    }
    out.sort_by(|a, b| b.sort_instant().cmp(a.sort_instant()));
    out
}
