//! Stockholm e-service JSON, with the upstream key casing.

use jiff::civil::Date;
use serde_json::{Value, json};
use skolbryggan::model::{
    CalendarEvent, Classmate, EventTiming, FamilySnapshot, MenuDay, NewsItem, Notification,
    Platform, SchoolContact, Teacher,
};

use super::{StockholmKid, item_local, local, month_name, month_short, ms_date, swedish_text};
use crate::ids;

/// `{Success: true, Error: null, Data}`.
pub(crate) fn envelope(data: Value) -> Value {
    json!({ "Success": true, "Error": null, "Data": data })
}

/// `{Success: false, Error, Data: null}`.
pub(crate) fn envelope_error(message: &str) -> Value {
    json!({ "Success": false, "Error": message, "Data": null })
}

/// `getuserdata` (no envelope).
pub(crate) fn user(family: &FamilySnapshot, personal_number: &str, authenticated: bool) -> Value {
    if !authenticated {
        return json!({
            "socialSecurityNumber": null,
            "isAuthenticated": false,
            "userFirstName": null,
            "userLastName": null,
            "userEmail": null,
            "notificationId": null,
        });
    }
    let user = family
        .users
        .iter()
        .find(|u| u.id.platform() == Some(Platform::Stockholm))
        .or(family.users.first());
    // Upstream always sends 64 hex characters; a snapshot without one gets null, so that the
    // round trip gives back exactly the snapshot.
    let notification_id = user.and_then(|u| u.notification_id.clone());
    json!({
        "socialSecurityNumber": personal_number,
        "isAuthenticated": true,
        "userFirstName": user.map(|u| u.first_name.clone()),
        "userLastName": user.map(|u| u.last_name.clone()),
        "userEmail": user.and_then(|u| u.email.clone()),
        "notificationId": notification_id,
    })
}

/// One `GetChildren` / `SelectChild` item.
pub(crate) fn child(kid: StockholmKid<'_>) -> Value {
    json!({
        "Name": format!("{} (elev)", kid.child.full_name()),
        "Id": kid.r.id,
        "SDSId": kid.r.sds_id,
        "Status": kid.r.status,
        "UserType": "Student",
        "SchoolId": kid.r.school_id,
        "SchoolName": kid.child.school.as_ref().map(|s| s.name.clone()),
        "GroupId": null,
        "GroupName": kid.child.class_name,
        "Classes": format!("VHsidan_{};Section_{}", kid.r.sds_id, kid.r.id),
        "isSameSDSId": false,
        "ResultUnitId": null,
        "ResultUnitName": null,
        "UnitId": null,
        "UnitName": null,
    })
}

struct Ends {
    date: Date,
    time: Option<String>,
}

impl Ends {
    fn long(&self) -> String {
        match &self.time {
            Some(t) => format!("{} {t}", self.date),
            None => self.date.to_string(),
        }
    }
}

fn ends(timing: &EventTiming) -> (Ends, Ends, bool) {
    match timing {
        EventTiming::AllDay { start, end } => (
            Ends {
                date: *start,
                time: None,
            },
            Ends {
                date: *end,
                time: None,
            },
            true,
        ),
        EventTiming::Timed { start, end } => {
            let (s, e) = (local(start), local(end));
            (
                Ends {
                    date: s.date(),
                    time: Some(format!("{:02}:{:02}", s.hour(), s.minute())),
                },
                Ends {
                    date: e.date(),
                    time: Some(format!("{:02}:{:02}", e.hour(), e.minute())),
                },
                false,
            )
        }
    }
}

/// One school calendar (`GetSchoolCalender`, `id` numeric) or schedule (`GetSchema`, `id` 0) item.
pub(crate) fn calendar_item(event: &CalendarEvent, id: i64) -> Value {
    let (start, end, all_day) = ends(&event.timing);
    json!({
        "Title": event.title,
        "Id": id,
        "Description": event.description,
        "Location": event.location,
        "EventDate": start.date.to_string(),
        "EventDateTime": start.time.clone().unwrap_or_default(),
        "LongEventDateTime": start.long(),
        "EndDate": end.date.to_string(),
        "EndDateTime": end.time.clone().unwrap_or_default(),
        "LongEndDateTime": end.long(),
        "EventDateDayNumber": start.date.day().to_string(),
        "EventDateMonthName": month_short(start.date.month()),
        "EventDateMonthFullName": month_name(start.date.month()),
        "FullDateDescription": format!("{} - {}", start.long(), end.long()),
        "IsSameDay": start.date == end.date,
        "AllDayEvent": all_day,
        "ListId": null,
        "Mentor": null,
    })
}

/// The calendar `Id` of an event: its upstream id if numeric, else a stable number.
pub(crate) fn calendar_id(event: &CalendarEvent) -> i64 {
    ids::number_for(&item_local(&event.child_id, &event.id))
}

/// The banner file name of a news image URL (`…/NewsBanner?url=<file>` or the last segment).
pub(crate) fn banner_file(url: &str) -> String {
    if let Some((_, file)) = url.split_once("NewsBanner?url=") {
        return file.to_owned();
    }
    url.rsplit('/').next().unwrap_or(url).to_owned()
}

/// One news item (`NewsItems[]` / `CurrentNewsItem`).
pub(crate) fn news_item(item: &NewsItem, school: &str, with_source_url: bool) -> Value {
    let news_id = item_local(&item.child_id, &item.id);
    let site = "elevstockholm.sharepoint.com,27892acc-ba2e-4dec-97b8-25f7098c3bf6,a239466a-9a52-42ff-8a3f-d94c342f2700";
    // Upstream always sends ModifiedDate; a snapshot item without one gets null.
    let modified = item.modified.as_ref();
    let banner = item.image.as_ref().map(|i| banner_file(&i.url));
    let banner_guid = banner
        .as_ref()
        .map(|b| b.split('.').next().unwrap_or(b).to_owned());
    let mut value = json!({
        "NewsId": news_id,
        "SiteId": site,
        "NewsListId": "3ec323a1-ea16-4d24-84c8-daa49e76f9f4",
        "NewsItemId": format!("{site}_{}", ids::number_for(&news_id) % 1000),
        "Header": item.title,
        "PublicationDate": ms_date(&item.published),
        "PubDateSE": swedish_text(&item.published),
        "ModifiedDate": modified.map(ms_date),
        "ModDateSE": modified.map(swedish_text),
        "Source": school,
        "Preamble": item.intro.clone().unwrap_or_default(),
        "BannerImageUrl": banner,
        "BannerImageGuid": banner_guid,
        "BannerImageListId": banner.as_ref().map(|_| "ffbe49e9-bdc1-4c75-ba0e-d98d4e2fcf21"),
        "Body": crate::html::news_body(&item.body_markdown),
        "BodyNoHtml": null,
        "AuthorDisplayName": item.author,
        "altText": item.image.as_ref().and_then(|i| i.alt_text.clone()),
    });
    if with_source_url && let Some(map) = value.as_object_mut() {
        map.insert("OriginalSourceUrl".to_owned(), Value::Null);
    }
    value
}

fn translations() -> (Value, Value) {
    (
        json!([
            "InformationalHeader",
            "ContactUsMessageLabel",
            "Send",
            "RequiredFieldMessageInfo",
            "SSN",
            "FirstName",
            "LastName",
            "Email",
        ]),
        json!(["IndexPageHeading1"]),
    )
}

/// `GetNewsArchive` data.
pub(crate) fn news_archive(items: &[&NewsItem], school: &str) -> Value {
    let (global, local_ids) = translations();
    json!({
        "CurrentChild": null,
        "NewsItems": items.iter().map(|n| news_item(n, school, false)).collect::<Vec<_>>(),
        "ViewGlobalTranslations": {},
        "ViewLocalTranslations": {},
        "Children": null,
        "Status": null,
        "GlobalTranslationIds": global,
        "LocalTranslationIds": local_ids,
    })
}

/// `GetNewsArticle` data.
pub(crate) fn news_article(item: &NewsItem, school: &str) -> Value {
    let (global, local_ids) = translations();
    json!({
        "CurrentNewsItem": news_item(item, school, true),
        "CurrentChild": null,
        "ViewGlobalTranslations": {},
        "ViewLocalTranslations": {},
        "Children": null,
        "Status": null,
        "GlobalTranslationIds": global,
        "LocalTranslationIds": local_ids,
    })
}

/// ISO local time without offset, fraction digits trimmed (`2021-03-01T08:15:02.5`).
fn local_iso(z: &jiff::ZonedDateTime) -> String {
    let l = local(z);
    let base = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        l.year(),
        l.month(),
        l.day(),
        l.hour(),
        l.minute(),
        l.second()
    );
    let ms = l.millisecond();
    if ms == 0 {
        base
    } else {
        let frac = format!("{ms:03}");
        format!("{base}.{}", frac.trim_end_matches('0'))
    }
}

/// One `getnotifications` entry.
pub(crate) fn notification(n: &Notification, recipient: &str, number: i64) -> Value {
    let id = item_local(&n.child_id, &n.id);
    let correlation = format!("{id}-c");
    let modified = n.modified.as_ref().unwrap_or(&n.created);
    let message_json = json!({
        "messageid": id,
        "messagecorrelationid": correlation,
        "messagetext": n.message,
        "linkbackurl": n.url,
        "category": n.category,
        "sender": { "name": n.sender },
        "messagetype": { "type": n.notification_type },
    })
    .to_string();
    json!({
        "Notification": {
            "Messageid": id,
            "Messagecorrelationid": correlation,
            "Message": message_json,
            "Readreceipt": false,
            "Recipient": recipient,
            "Id": number,
            "DateCreated": local_iso(&n.created),
            "DateModified": ms_date(modified),
            "Role": "Guardian",
            "Participant": ids::guid(),
        },
        "NotificationMessage": {
            "Messages": {
                "Message": {
                    "Messageid": id,
                    "Messagecorrelationid": correlation,
                    "Messagetext": n.message,
                    "Messagetime": ms_date(&n.created),
                    "Linkbackurl": n.url,
                    "Category": n.category,
                    "Sender": { "Name": n.sender },
                    "Recipient": {
                        "RecipientRecipient": recipient,
                        "Role": "Guardian",
                        "Schooltype": null,
                    },
                    "Messagetype": { "Type": n.notification_type },
                    "System": n.sender,
                }
            }
        }
    })
}

/// The dishes of a day as the menu services write them (`<br/>` between dishes).
fn dishes_html(day: &MenuDay) -> String {
    day.dishes
        .iter()
        .map(|d| crate::html::escape(d))
        .collect::<Vec<_>>()
        .join("<br/>")
}

/// `GetMatsedelRSS` data: `[{Title, Description}]`.
pub(crate) fn menu_rss(days: &[&MenuDay]) -> Value {
    Value::Array(
        days.iter()
            .map(|d| json!({ "Title": d.title, "Description": dishes_html(d) }))
            .collect(),
    )
}

/// `GetMatsedelList` data: `{SelectedWeek, Menus: [{Week, Mon…Fri}]}`, one entry per ISO week.
pub(crate) fn menu_list(days: &[&MenuDay], selected_week: i8) -> Value {
    let mut weeks: Vec<i8> = days.iter().map(|d| d.date.iso_week_date().week()).collect();
    weeks.sort_unstable();
    weeks.dedup();
    let menus: Vec<Value> = weeks
        .iter()
        .map(|week| {
            let dish = |weekday: jiff::civil::Weekday| {
                days.iter()
                    .find(|d| d.date.iso_week_date().week() == *week && d.date.weekday() == weekday)
                    .map(|d| dishes_html(d))
                    .unwrap_or_default()
            };
            use jiff::civil::Weekday::*;
            json!({
                "Week": week.to_string(),
                "Mon": dish(Monday),
                "Tue": dish(Tuesday),
                "Wed": dish(Wednesday),
                "Thu": dish(Thursday),
                "Fri": dish(Friday),
            })
        })
        .collect();
    json!({ "SelectedWeek": selected_week, "Menus": menus })
}

/// One `GetStudentsByClass` pupil.
pub(crate) fn classmate(c: &Classmate) -> Value {
    let guardians: Vec<Value> = c
        .guardians
        .iter()
        .map(|g| {
            json!({
                "SOCIALNUMBER": null,
                "DISPLAYNAME": null,
                "FIRSTNAME": g.first_name,
                "LASTNAME": g.last_name,
                "ADDRESS": g.address,
                "CITY": null,
                "POCODE": null,
                "TELHOME": null,
                "TELMOBILE": g.mobile,
                "EMAILHOME": g.email,
                "SECTION_NAME": null,
                "SECTION_ID": null,
                "TERM_STARTDATE": null,
                "TERM_ENDDATE": null,
                "GROUPTYPE": null,
                "STUDENT_FIRSTNAME": null,
                "STUDENT_LASTNAME": null,
                "STUDENT_ID": null,
            })
        })
        .collect();
    json!({
        "ID": 0,
        "BATCH": null,
        "SIS_ID": item_local(&c.child_id, &c.id),
        "USERNAME": null,
        "SCHOOL_SIS_ID": null,
        "EMAILADDRESS": null,
        "STATUS": null,
        "ERRORCODE": 0,
        "PRIMARY_SCHOOL_SIS_ID": null,
        "MENTOR_SIS_ID": null,
        "FIRSTNAME": c.first_name,
        "LASTNAME": c.last_name,
        "ACTIVE": false,
        "Guardians": guardians,
        "ClassName": c.class_name,
        "ClassId": null,
    })
}

/// One `GetTeachersByStudent` teacher for school form `form` (`STATUS` with a leading space).
pub(crate) fn teacher(t: &Teacher, form: &str) -> Value {
    let sis_id = item_local(&t.child_id, &t.id);
    json!({
        "ID": ids::number_for(&sis_id),
        "BATCH": form,
        "SIS_ID": sis_id,
        "USERNAME": null,
        "SCHOOL_SIS_ID": null,
        "EMAILADDRESS": t.email,
        "STATUS": format!(" {form}"),
        "ERRORCODE": 0,
        "FIRSTNAME": t.first_name,
        "LASTNAME": t.last_name,
        "ACTIVE": t.active,
        "TELWORK": t.phone,
    })
}

/// One `GetSchoolContacts` entry.
pub(crate) fn contact(c: &SchoolContact) -> Value {
    json!({
        "Title": c.title,
        "Name": c.name,
        "Phone": c.phone,
        "Email": c.email,
        "SchoolName": c.school_name,
        "ClassName": c.class_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use skolbryggan::model::{AccountId, EntityId, EntityKind, EventKind, Platform};

    fn event(timing: EventTiming) -> CalendarEvent {
        let child = EntityId::new(
            Platform::Stockholm,
            &AccountId::demo(),
            EntityKind::Child,
            "c",
        );
        CalendarEvent {
            id: EntityId::for_child(&child, EntityKind::CalendarEvent, "17"),
            child_id: child,
            title: "Höstlov".to_owned(),
            description: None,
            location: None,
            timing,
            kind: EventKind::Holiday,
        }
    }

    #[test]
    fn calendar_item_forms() {
        let all_day = event(EventTiming::AllDay {
            start: date(2026, 10, 26),
            end: date(2026, 10, 30),
        });
        assert_eq!(calendar_id(&all_day), 17);
        let v = calendar_item(&all_day, 17);
        assert_eq!(v["LongEventDateTime"], "2026-10-26");
        assert_eq!(v["EventDateTime"], "");
        assert_eq!(v["FullDateDescription"], "2026-10-26 - 2026-10-30");
        assert_eq!(v["EventDateMonthName"], "okt");
        assert_eq!(v["EventDateMonthFullName"], "oktober");
        assert_eq!(v["IsSameDay"], false);
        assert_eq!(v["AllDayEvent"], true);
        let timed = event(EventTiming::Timed {
            start: skolbryggan::time::local(date(2020, 12, 14).at(14, 10, 0, 0)),
            end: skolbryggan::time::local(date(2020, 12, 14).at(14, 40, 0, 0)),
        });
        let v = calendar_item(&timed, 0);
        assert_eq!(v["LongEventDateTime"], "2020-12-14 14:10");
        assert_eq!(v["EndDateTime"], "14:40");
        assert_eq!(v["EventDateDayNumber"], "14");
        assert_eq!(v["IsSameDay"], true);
    }

    #[test]
    fn dates_and_banners() {
        let z = skolbryggan::time::local(date(2020, 12, 18).at(16, 15, 42, 500_000_000));
        assert_eq!(ms_date(&z), "/Date(1608304542500)/");
        assert_eq!(swedish_text(&z), "18 december 2020 16:15");
        assert_eq!(local_iso(&z), "2020-12-18T16:15:42.5");
        assert_eq!(
            banner_file(
                "https://etjanster.stockholm.se/Vardnadshavare/inloggad2/NewsBanner?url=A.jpeg"
            ),
            "A.jpeg"
        );
        assert_eq!(banner_file("https://example.com/img/B.png"), "B.png");
    }
}
