//! The demo family's notifications.

use jiff::civil::Weekday;

use crate::model::{EntityId, EntityKind, Notification, Platform};
use crate::provider::schoolsoft::routes::Tenant;

use super::names::Dice;
use super::people::DemoChild;
use super::school_year::{SchoolYear, at};

/// The SchoolSoft tenant of the demo's friskola (its inbox is the notifications' page).
const SCHOOLSOFT_TENANT: &str = "sjostadensfriskola";

/// Notifications, about two a month: documentation, assessments and attendance on
/// Skolplattformen and InfoMentor; on SchoolSoft the inbox's messages from the school's staff
/// (what the SchoolSoft provider reads as notifications); none on Vklass, whose provider reads
/// no notifications.
pub fn notifications(
    child: &DemoChild,
    year: &SchoolYear,
    dice: &mut Dice,
    scale: u32,
) -> Vec<Notification> {
    let first = &child.child.first_name;
    let inbox = Tenant::new(SCHOOLSOFT_TENANT).messages_page();
    let staff = |i: usize| {
        child
            .teachers
            .get(i)
            .map(|t| t.full_name())
            .unwrap_or_else(|| "Skolan".to_owned())
    };
    let kinds: Vec<(String, String, Option<&str>, &str, &str)> = match child.child.platform {
        Platform::Vklass => return Vec::new(),
        Platform::SchoolSoft => vec![
            (
                staff(0),
                format!(
                    "Veckans läxor\n\nHej! {first} har läxor i svenska och matematik till fredag. Se Planering."
                ),
                None,
                "message",
                inbox.as_str(),
            ),
            (
                staff(1),
                "Utvecklingssamtal\n\nNu går det att boka tid för utvecklingssamtal i SchoolSoft."
                    .to_owned(),
                None,
                "message",
                inbox.as_str(),
            ),
            (
                "Expeditionen".to_owned(),
                format!("Frånvaro\n\n{first} är registrerad som frånvarande i dag."),
                None,
                "message",
                inbox.as_str(),
            ),
        ],
        Platform::InfoMentor => vec![
            (
                "InfoMentor".to_owned(),
                format!("Ny uppgift för {first}: läxa i matematik"),
                Some("Uppgift"),
                "task",
                "https://hub.infomentor.se/#/task",
            ),
            (
                "InfoMentor".to_owned(),
                format!("Ny bedömning publicerad för {first}"),
                Some("Bedömning"),
                "assessment",
                "https://hub.infomentor.se/#/assessment",
            ),
            (
                "InfoMentor".to_owned(),
                format!("Frånvaro registrerad för {first}"),
                Some("Närvaro"),
                "attendance",
                "https://hub.infomentor.se/#/attendance",
            ),
        ],
        _ => vec![
            (
                "Elevdokumentation".to_owned(),
                format!("Ny dokumentation finns för {first} i lärloggen"),
                Some("Lärlogg"),
                "webnotify",
                "https://start.unikum.net/unikum/larlogg.html",
            ),
            (
                "Planering och Bedömning".to_owned(),
                format!("En ny bedömning är publicerad för {first}"),
                Some("Bedömning"),
                "avisering",
                "https://start.unikum.net/unikum/bedomning.html",
            ),
            (
                "Skolplattformen".to_owned(),
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
            sender: sender.clone(),
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
