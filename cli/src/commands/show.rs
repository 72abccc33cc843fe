//! `skolbryggan show`: cached data, offline.

use std::fmt::Write as _;

use skolbryggan::client::{Cached, Client};
use skolbryggan::model::{EntityId, EventTiming, IsoWeek};
use skolbryggan::provider::DateRange;
use skolbryggan::time;

use crate::args::{Entity, GlobalArgs, ShowArgs};
use crate::exit::Failure;
use crate::render;

use super::pretty_json as json;

fn freshness<T>(cached: &Cached<T>) -> String {
    match (cached.stale, cached.oldest_fetch) {
        (_, None) => "nothing cached yet: run `skolbryggan sync`".to_owned(),
        (true, Some(t)) => format!(
            "some of this is stale (oldest part fetched {})",
            time::from_timestamp(t).strftime("%Y-%m-%d %H:%M")
        ),
        (false, Some(t)) => format!(
            "fetched {}",
            time::from_timestamp(t).strftime("%Y-%m-%d %H:%M")
        ),
    }
}

fn local(z: &jiff::ZonedDateTime, format: &str) -> String {
    time::in_stockholm(z).strftime(format).to_string()
}

/// A cached list as JSON or one line per item, with its freshness note.
fn list<T: serde::Serialize>(
    as_json: bool,
    cached: Cached<Vec<T>>,
    line: impl Fn(&T) -> String,
) -> Result<(String, String), Failure> {
    let out = if as_json {
        json(&cached.value)?
    } else {
        let mut out = String::new();
        for item in &cached.value {
            let _ = writeln!(out, "{}", line(item));
        }
        out
    };
    Ok((out, freshness(&cached)))
}

async fn child_filter(client: &Client, query: Option<&str>) -> Result<Option<EntityId>, Failure> {
    let Some(q) = query else { return Ok(None) };
    let children = client.children().await?.value;
    Ok(Some(super::resolve_child(&children, q)?.id.clone()))
}

/// Prints one kind of cached data.
pub async fn run(global: &GlobalArgs, args: &ShowArgs) -> Result<(), Failure> {
    let client = super::open::client(global).await?;
    if client.account().is_none() {
        return Err(Failure::from(skolbryggan::Error::NotLoggedIn));
    }
    let date = super::date_or_today("--date", args.date.as_deref())?;
    let week = IsoWeek::containing(date);
    let child = child_filter(&client, args.child.as_deref()).await?;
    let child = child.as_ref();
    let (out, note) = match args.entity {
        Entity::Week => {
            let cached = client.week_overview(date).await?;
            let out = if args.json {
                json(&cached.value)?
            } else {
                let children = client.children().await?.value;
                render::week::render(&children, &cached.value)
            };
            (out, freshness(&cached))
        }
        Entity::Children => list(args.json, client.children().await?, |x| {
            let school = x.school.as_ref().map(|s| s.name.as_str()).unwrap_or("");
            let class = x.class_name.as_deref().unwrap_or("");
            format!(
                "{} {} · {school} {class} · {}",
                x.first_name,
                x.last_name,
                skolbryggan::provider::registry::display_name(x.platform)
            )
        })?,
        Entity::News => list(args.json, client.news(child).await?, |n| {
            let author = n
                .author
                .as_deref()
                .map(|a| format!(" — {a}"))
                .unwrap_or_default();
            format!(
                "{}  {}{author}",
                local(&n.published, "%Y-%m-%d %H:%M"),
                n.title
            )
        })?,
        Entity::Calendar => list(
            args.json,
            client.calendar(DateRange::of_week(week), child).await?,
            |e| {
                let when = match &e.timing {
                    EventTiming::AllDay { start, end } if start == end => format!("{start}"),
                    EventTiming::AllDay { start, end } => format!("{start} – {end}"),
                    EventTiming::Timed { start, end } => {
                        format!("{}–{}", local(start, "%Y-%m-%d %H:%M"), local(end, "%H:%M"))
                    }
                };
                format!("{when}  {}", e.title)
            },
        )?,
        Entity::Notifications => list(args.json, client.notifications(child).await?, |n| {
            format!(
                "{}  {}: {}",
                local(n.sort_instant(), "%Y-%m-%d %H:%M"),
                n.sender,
                n.message
            )
        })?,
        Entity::Menu => list(args.json, client.menu(week, child).await?, |m| {
            format!("{}  {}", m.date, m.dishes.join(" / "))
        })?,
        Entity::Timetable => list(args.json, client.timetable(week, child).await?, |l| {
            let teacher = l
                .teacher
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            let room = l.room.as_deref().unwrap_or("");
            format!(
                "{}–{}  {} {room}{teacher}",
                local(&l.start, "%a %H:%M"),
                local(&l.end, "%H:%M"),
                l.subject.name
            )
        })?,
        Entity::Classmates => list(args.json, client.classmates(child).await?, |m| {
            let guardians: Vec<String> = m
                .guardians
                .iter()
                .map(|g| format!("{} {}", g.first_name, g.last_name))
                .collect();
            format!(
                "{} {} ({}) — {}",
                m.first_name,
                m.last_name,
                m.class_name.as_deref().unwrap_or(""),
                guardians.join(", ")
            )
        })?,
        Entity::Teachers => list(args.json, client.teachers(child).await?, |t| {
            format!(
                "{} ({}) {}",
                t.full_name(),
                t.timetable_abbreviation,
                t.email.as_deref().unwrap_or("")
            )
        })?,
        Entity::Contacts => list(args.json, client.contacts(child).await?, |x| {
            let field = |v: &Option<String>| v.clone().unwrap_or_default();
            format!(
                "{}: {} {} {}",
                field(&x.title),
                field(&x.name),
                field(&x.phone),
                field(&x.email)
            )
        })?,
    };
    crate::output::print(&out)?;
    eprintln!("({note})");
    Ok(())
}
