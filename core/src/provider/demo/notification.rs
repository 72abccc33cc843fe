//! The demo family's notifications.

use jiff::civil::Weekday;

use crate::model::{EntityId, EntityKind, Notification, Platform};

use super::names::Dice;
use super::people::DemoChild;
use super::school_year::{SchoolYear, at};

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
