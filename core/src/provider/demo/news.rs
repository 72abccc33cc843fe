//! The demo family's news: weekly letters with Markdown bodies and school news.

use jiff::ToSpan;
use jiff::civil::Weekday;

use crate::model::{EntityId, EntityKind, IsoWeek, NewsImage, NewsItem, Platform};

use super::names::{Dice, WEEKDAY_NAMES};
use super::people::{ChildKind, DemoChild};
use super::school_year::{SchoolYear, at};
use super::timetable::Slot;

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
                // SchoolSoft's and Vklass's news lists carry no banner image.
                image: (i % 3 == 0 && matches!(child.child.platform, Platform::Stockholm | Platform::InfoMentor)).then(|| NewsImage {
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
