//! The family's week as readable terminal text.

use std::fmt::Write as _;

use jiff::ZonedDateTime;
use jiff::civil::{Date, Weekday};
use skolbryggan::model::{Child, ChildDay, Platform, WeekOverview};
use skolbryggan::time;

fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Monday => "Måndag",
        Weekday::Tuesday => "Tisdag",
        Weekday::Wednesday => "Onsdag",
        Weekday::Thursday => "Torsdag",
        Weekday::Friday => "Fredag",
        Weekday::Saturday => "Lördag",
        Weekday::Sunday => "Söndag",
    }
}

fn month_name(d: Date) -> &'static str {
    time::swedish_month_name(d)
}

fn hm(z: &ZonedDateTime) -> String {
    let local = time::in_stockholm(z);
    format!("{:02}:{:02}", local.hour(), local.minute())
}

fn platform_label(p: Platform) -> &'static str {
    skolbryggan::provider::registry::for_platform(p)
        .map_or(skolbryggan::provider::registry::display_name(p), |e| {
            e.label
        })
}

fn child_line(children: &[Child], day: &ChildDay, out: &mut String) {
    let child = children.iter().find(|c| c.id == day.child_id);
    let place = child
        .map(|c| {
            let school = c.school.as_ref().map(|s| s.name.as_str()).unwrap_or("");
            let class = c.class_name.as_deref().unwrap_or("");
            format!("{school} {class}").trim().to_owned()
        })
        .unwrap_or_default();
    let _ = write!(
        out,
        "  {} · {} · {}",
        day.child_name,
        place,
        platform_label(day.platform)
    );
    let _ = writeln!(out);
    if let Some(off) = &day.day_off {
        let _ = writeln!(out, "      {off}");
    }
    if let (Some(first), Some(last)) = (&day.first_lesson, &day.last_lesson_end) {
        let _ = write!(
            out,
            "      Skola {}–{}, {} lektioner",
            hm(first),
            hm(last),
            day.lesson_count
        );
        if !day.subjects.is_empty() {
            let _ = write!(out, ": {}", day.subjects.join(", "));
        }
        let _ = writeln!(out);
    }
    if day.bring_gym_clothes {
        let _ = writeln!(out, "      Idrott idag – packa gympakläder!");
    }
    for event in &day.events {
        if day.day_off.as_deref() == Some(event.title.as_str()) && event.start.is_none() {
            continue;
        }
        match (&event.start, &event.end) {
            (Some(s), Some(e)) => {
                let _ = write!(out, "      {}–{} {}", hm(s), hm(e), event.title);
            }
            _ => {
                let _ = write!(out, "      Heldag: {}", event.title);
            }
        }
        if let Some(l) = &event.location {
            let _ = write!(out, " ({l})");
        }
        let _ = writeln!(out);
    }
    if !day.lunch.is_empty() {
        let _ = writeln!(out, "      Lunch: {}", day.lunch.join(" / "));
    }
    for headline in &day.news {
        let _ = writeln!(out, "      Nytt: {}", headline.title);
    }
}

fn is_quiet(day: &ChildDay) -> bool {
    day.first_lesson.is_none()
        && day.events.is_empty()
        && day.lunch.is_empty()
        && day.news.is_empty()
        && day.day_off.is_none()
}

/// Renders a week: per day, per child, school hours, events, lunch and news headlines.
/// `children` (the family's, for names, schools and classes) comes from the same cache.
pub fn render(children: &[Child], week: &WeekOverview) -> String {
    let mut out = String::new();
    let (first, last) = match (week.days.first(), week.days.last()) {
        (Some(f), Some(l)) => (f.date, l.date),
        _ => return "No days in this week.\n".to_owned(),
    };
    let _ = writeln!(
        out,
        "Familjens vecka {} ({} {} – {} {} {})",
        week.week.week,
        first.day(),
        month_name(first),
        last.day(),
        month_name(last),
        last.year()
    );
    let names: Vec<String> = children.iter().map(|c| c.first_name.clone()).collect();
    let _ = writeln!(out, "Barn: {}", names.join(", "));
    for day in &week.days {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{} {} {}",
            weekday_name(day.date.weekday()),
            day.date.day(),
            month_name(day.date)
        );
        let mut quiet = 0;
        for child in &day.children {
            if is_quiet(child) {
                quiet += 1;
                continue;
            }
            child_line(children, child, &mut out);
        }
        if quiet == day.children.len() {
            let _ = writeln!(out, "  Ingenting inplanerat.");
        }
    }
    out
}
