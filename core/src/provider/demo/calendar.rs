//! The demo family's calendar: school-year dates, holidays, study days, trips, meetings and
//! pre-school events for every child.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::model::{CalendarEvent, EntityId, EntityKind, EventKind, EventTiming, IsoWeek};

use super::names::Dice;
use super::people::{ChildKind, DemoChild};
use super::school_year::{SchoolYear, at};

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
            (true, ChildKind::Primary | ChildKind::FirstYear) => Some("Ingen undervisning. Fritids är öppet för barn som har plats, anmäl behov senast en vecka innan.".to_owned()),
            (true, _) => Some("Ingen undervisning – lärarna planerar och fortbildar sig.".to_owned()),
            (false, ChildKind::Primary | ChildKind::FirstYear) if off.name.ends_with("lov") => Some("Skolan är stängd. Fritids är öppet 07.00–17.30 för barn som anmält behov.".to_owned()),
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
        ChildKind::Intermediate => {
            for (week, day, title) in [
                (
                    41i8,
                    Weekday::Tuesday,
                    "Studiebesök på Naturhistoriska riksmuseet",
                ),
                (19, Weekday::Friday, "Vårutflykt till Hagaparken"),
            ] {
                let wy = if week > 30 { y } else { y + 1 };
                if let Some(d) = weekday_in_week(IsoWeek { year: wy, week }, day) {
                    let d = school_day_from(year, d, false);
                    out.push(all_day(
                        child,
                        &id("trip"),
                        title,
                        EventKind::Excursion,
                        d,
                        d,
                        Some("Ta med matsäck och vattenflaska. Vi åker kommunalt.".to_owned()),
                    ));
                }
            }
            let tests = [
                "Läxförhör i engelska",
                "Prov i matematik",
                "Prov i NO",
                "Läsförståelse i svenska",
                "Glosförhör i engelska",
            ];
            for k in 0..6 * scale.max(1) {
                let week = if k % 2 == 0 {
                    36 + (k as i8 % 13)
                } else {
                    4 + (k as i8 % 17)
                };
                let wy = if week > 30 { y } else { y + 1 };
                let day = [Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday][dice.below(3)];
                if let Some(d) = weekday_in_week(IsoWeek { year: wy, week }, day)
                    .filter(|d| year.is_school_day(*d))
                {
                    out.push(all_day(
                        child,
                        &id("test"),
                        tests[dice.below(tests.len())],
                        EventKind::Test,
                        d,
                        d,
                        Some("Se planeringen i SchoolSoft för vad som ingår.".to_owned()),
                    ));
                }
            }
        }
        ChildKind::FirstYear => {
            for (week, title) in [
                (38i8, "Utflykt till Slottsskogen"),
                (20, "Friluftsdag vid Delsjöarna"),
            ] {
                let wy = if week > 30 { y } else { y + 1 };
                if let Some(d) = weekday_in_week(IsoWeek { year: wy, week }, Weekday::Thursday) {
                    let d = school_day_from(year, d, false);
                    out.push(all_day(
                        child,
                        &id("trip"),
                        title,
                        EventKind::Excursion,
                        d,
                        d,
                        Some("Packa matsäck, vattenflaska och kläder efter väder.".to_owned()),
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
