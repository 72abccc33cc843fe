//! `skolbryggan show`: cached data, offline.

use std::fmt::Write as _;

use skolbryggan::client::{Cached, Client};
use skolbryggan::model::{EntityId, EventTiming, IsoWeek};
use skolbryggan::provider::DateRange;
use skolbryggan::time;

use crate::args::{Entity, GlobalArgs, ShowArgs};
use crate::exit::{ExitCode, Failure};
use crate::render;

fn json<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| Failure {
            code: ExitCode::Failure,
            message: e.to_string(),
            hint: None,
        })
}

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

async fn child_filter(client: &Client, query: Option<&str>) -> Result<Option<EntityId>, Failure> {
    let Some(q) = query else { return Ok(None) };
    let children = client.children().await?.value;
    let found: Vec<_> = children
        .iter()
        .filter(|c| {
            c.first_name.eq_ignore_ascii_case(q)
                || c.full_name().eq_ignore_ascii_case(q)
                || c.id.as_str() == q
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(Some(one.id.clone())),
        [] => Err(
            Failure::usage(format!("no child called {q:?}")).with_hint(format!(
                "the children are: {}",
                children
                    .iter()
                    .map(|c| c.first_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        ),
        _ => Err(Failure::usage(format!(
            "{q:?} matches several children; use the full name or the id"
        ))),
    }
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
    let mut out = String::new();
    let note = match args.entity {
        Entity::Week => {
            let cached = client.week_overview(date).await?;
            if args.json {
                out = json(&cached.value)?;
            } else {
                let family = client.snapshot().await?.value;
                out = render::week::render(&family, &cached.value);
            }
            freshness(&cached)
        }
        Entity::Children => {
            let c = client.children().await?;
            if args.json {
                out = json(&c.value)?;
            }
            for x in &c.value {
                let school = x.school.as_ref().map(|s| s.name.as_str()).unwrap_or("");
                let _ = writeln!(
                    out,
                    "{} {} · {} {} · {}",
                    x.first_name,
                    x.last_name,
                    school,
                    x.class_name.as_deref().unwrap_or(""),
                    x.platform.display_name()
                );
            }
            if args.json {
                out = json(&c.value)?;
            }
            freshness(&c)
        }
        Entity::News => {
            let c = client.news(child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for n in &c.value {
                    let _ = writeln!(
                        out,
                        "{}  {}{}",
                        time::in_stockholm(&n.published).strftime("%Y-%m-%d %H:%M"),
                        n.title,
                        n.author
                            .as_deref()
                            .map(|a| format!(" — {a}"))
                            .unwrap_or_default()
                    );
                }
            }
            freshness(&c)
        }
        Entity::Calendar => {
            let range = DateRange::of_week(week);
            let c = client.calendar(range, child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for e in &c.value {
                    let when = match &e.timing {
                        EventTiming::AllDay { start, end } if start == end => format!("{start}"),
                        EventTiming::AllDay { start, end } => format!("{start} – {end}"),
                        EventTiming::Timed { start, end } => format!(
                            "{}–{}",
                            time::in_stockholm(start).strftime("%Y-%m-%d %H:%M"),
                            time::in_stockholm(end).strftime("%H:%M")
                        ),
                    };
                    let _ = writeln!(out, "{when}  {}", e.title);
                }
            }
            freshness(&c)
        }
        Entity::Notifications => {
            let c = client.notifications(child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for n in &c.value {
                    let _ = writeln!(
                        out,
                        "{}  {}: {}",
                        time::in_stockholm(n.sort_instant()).strftime("%Y-%m-%d %H:%M"),
                        n.sender,
                        n.message
                    );
                }
            }
            freshness(&c)
        }
        Entity::Menu => {
            let c = client.menu(week, child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for m in &c.value {
                    let _ = writeln!(out, "{}  {}", m.date, m.dishes.join(" / "));
                }
            }
            freshness(&c)
        }
        Entity::Timetable => {
            let c = client.timetable(week, child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for l in &c.value {
                    let _ = writeln!(
                        out,
                        "{}–{}  {} {}{}",
                        time::in_stockholm(&l.start).strftime("%a %H:%M"),
                        time::in_stockholm(&l.end).strftime("%H:%M"),
                        l.subject.name,
                        l.room.as_deref().unwrap_or(""),
                        l.teacher
                            .as_deref()
                            .map(|t| format!(" ({t})"))
                            .unwrap_or_default()
                    );
                }
            }
            freshness(&c)
        }
        Entity::Classmates => {
            let c = client.classmates(child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for m in &c.value {
                    let guardians: Vec<String> = m
                        .guardians
                        .iter()
                        .map(|g| format!("{} {}", g.first_name, g.last_name))
                        .collect();
                    let _ = writeln!(
                        out,
                        "{} {} ({}) — {}",
                        m.first_name,
                        m.last_name,
                        m.class_name.as_deref().unwrap_or(""),
                        guardians.join(", ")
                    );
                }
            }
            freshness(&c)
        }
        Entity::Teachers => {
            let c = client.teachers(child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for t in &c.value {
                    let _ = writeln!(
                        out,
                        "{} ({}) {}",
                        t.full_name(),
                        t.timetable_abbreviation,
                        t.email.as_deref().unwrap_or("")
                    );
                }
            }
            freshness(&c)
        }
        Entity::Contacts => {
            let c = client.contacts(child).await?;
            if args.json {
                out = json(&c.value)?;
            } else {
                for x in &c.value {
                    let _ = writeln!(
                        out,
                        "{}: {} {} {}",
                        x.title.as_deref().unwrap_or(""),
                        x.name.as_deref().unwrap_or(""),
                        x.phone.as_deref().unwrap_or(""),
                        x.email.as_deref().unwrap_or("")
                    );
                }
            }
            freshness(&c)
        }
    };
    crate::output::print(&out)?;
    eprintln!("({note})");
    Ok(())
}
