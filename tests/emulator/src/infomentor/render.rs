//! The family snapshot rendered in InfoMentor Hub formats (see `infomentor.md`).
//!
//! Pure functions from model values to the Hub's JSON and HTML; the handlers choose what to
//! render. Every function is the inverse of a parser in `skolbryggan::provider::infomentor::parse`.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde_json::{Value, json};
use skolbryggan::model::{
    AbsenceReportAction, Assignment, AssignmentStatus, AttendanceRecord, CalendarEvent, CareTime,
    CareTimeEditAction, Classmate, EntityId, EventKind, EventTiming, NewsItem, Notification,
    Teacher, TimetableLesson,
};

/// A pupil as the start page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PupilEntry {
    /// Hub pupil id.
    pub pupil_id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// The switch id (a different number than the pupil id).
    pub switch_id: String,
    /// Currently selected in the session.
    pub selected: bool,
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `"Efternamn, Förnamn"`, the Hub's name form.
pub fn hub_name(first: &str, last: &str) -> String {
    if last.is_empty() {
        first.to_owned()
    } else {
        format!("{last}, {first}")
    }
}

/// A local ISO date-time without offset (`2026-09-07T08:10:00`).
pub fn local_iso(z: &ZonedDateTime) -> String {
    let local = z.with_time_zone(skolbryggan::time::stockholm());
    local.datetime().strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Midnight of a date as the Hub writes it (`2026-09-07T00:00:00`).
pub fn date_iso(d: Date) -> String {
    format!("{d}T00:00:00")
}

/// The upstream part of a child-scoped id (`<child>/<item>` → `<item>`).
pub fn upstream_id(id: &EntityId) -> String {
    let local = id.local();
    local
        .split_once('/')
        .map(|(_, item)| item)
        .unwrap_or(local)
        .to_owned()
}

/// An upstream id as the Hub sends it: a JSON number when it is one (news, notification and
/// calendar ids are numbers on the Hub), the string otherwise.
pub fn id_value(id: &str) -> Value {
    id.parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::from(id))
}

/// Simple Markdown (paragraphs, line breaks, `**bold**`, `*em*`, `[text](url)`, `- ` lists) as
/// the Hub's editor HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut out = String::new();
    for block in markdown
        .split("\n\n")
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        let lines: Vec<&str> = block.lines().collect();
        if lines.iter().all(|l| l.trim_start().starts_with("- ")) {
            out.push_str("<ul>");
            for l in lines {
                out.push_str("<li>");
                out.push_str(&inline(l.trim_start().trim_start_matches("- ")));
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        } else {
            out.push_str("<p>");
            out.push_str(
                &lines
                    .iter()
                    .map(|l| inline(l))
                    .collect::<Vec<_>>()
                    .join("<br>"),
            );
            out.push_str("</p>");
        }
    }
    out
}

fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut bold = false;
    let mut em = false;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("**") {
            out.push_str(if bold { "</strong>" } else { "<strong>" });
            bold = !bold;
            rest = r;
        } else if let Some(r) = rest.strip_prefix('*') {
            out.push_str(if em { "</em>" } else { "<em>" });
            em = !em;
            rest = r;
        } else if rest.starts_with('[')
            && let Some(close) = rest.find("](")
            && let Some(end) = rest.get(close + 2..).and_then(|s| s.find(')'))
        {
            let label = rest.get(1..close).unwrap_or("");
            let href = rest.get(close + 2..close + 2 + end).unwrap_or("");
            out.push_str(&format!(
                "<a href=\"{}\">{}</a>",
                escape(href),
                escape(label)
            ));
            rest = rest.get(close + 3 + end..).unwrap_or("");
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push_str(&escape(&c.to_string()));
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    if em {
        out.push_str("</em>");
    }
    if bold {
        out.push_str("</strong>");
    }
    out
}

/// The Hub start page with its bootstrap script.
pub fn hub_root(
    guardian_id: &str,
    guardian_first: &str,
    guardian_last: &str,
    pupils: &[PupilEntry],
    apps: &[&str],
) -> String {
    let pupil_values: Vec<Value> = pupils
        .iter()
        .map(|p| {
            let initials: String = [p.first_name.chars().next(), p.last_name.chars().next()]
                .into_iter()
                .flatten()
                .collect();
            json!({
                "id": p.pupil_id,
                "name": hub_name(&p.first_name, &p.last_name),
                "initials": initials,
                "selected": p.selected,
                "switchPupilUrl": format!("/Account/PupilSwitcher/SwitchPupil/{}", p.switch_id),
            })
        })
        .collect();
    let home = json!({
        "account": {
            "currentUser": { "id": guardian_id, "firstName": hub_name(guardian_first, guardian_last) },
            "pupils": pupil_values,
        },
        "apps": apps.iter().map(|a| json!({ "codeName": a })).collect::<Vec<_>>(),
        // The single-page app's own routes, among them the login page it returns to when a
        // call finds the session gone (so a logged-in page mentions the login URL too).
        "urls": {
            "login": "/Authentication/Authentication/Login?apitype=im1",
            "logout": "/Authentication/Authentication/LogOut?ApiType=IM1&ApiInstance=",
            "isAuthenticated": "/authentication/authentication/isauthenticated/",
        },
    });
    let selected = pupils
        .iter()
        .find(|p| p.selected)
        .map(|p| hub_name(&p.first_name, &p.last_name))
        .unwrap_or_default();
    let js = |s: &str| {
        s.replace('\\', "\\\\")
            .replace('\'', "\\'")
            .replace('<', "\\u003c")
    };
    // `</` must not appear inside a script block.
    let home_text = home.to_string().replace("</", "<\\/");
    // The application object is defined before the bootstrap uses it, so the page runs in a
    // browser: `IMHome.init` carries the names, `IMHome.home.init` renders the pupil list.
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head><meta charset=\"utf-8\"><title>InfoMentor Hub</title></head>\n<body>\n<div id=\"root\"></div>\n<script>\nvar IMHome = {{ init: {{ firstName: '{}', selectedPupilName: '{}', userRole: 'parent' }}, home: {{ init: function (data) {{ var root = document.getElementById('root'); if (root) {{ root.setAttribute('data-pupil-count', String(data.account.pupils.length)); }} }} }} }};\n</script>\n<script>\nIMHome.home.homeData = {home_text}; IMHome.home.init(IMHome.home.homeData);\n</script>\n<p><a href=\"/Authentication/Authentication/LogOut?ApiType=IM1&amp;ApiInstance=\">Logga ut</a></p>\n</body>\n</html>\n",
        js(&hub_name(guardian_first, guardian_last)),
        js(&selected),
    )
}

/// Timetable lesson items (`gettimetablelist`, `appData.items`).
pub fn timetable_items(lessons: &[&TimetableLesson]) -> Value {
    Value::Array(
        lessons
            .iter()
            .map(|l| {
                let start = l.start.with_time_zone(skolbryggan::time::stockholm());
                let end = l.end.with_time_zone(skolbryggan::time::stockholm());
                json!({
                    "start": local_iso(&l.start),
                    "end": local_iso(&l.end),
                    "title": l.subject.name,
                    "startTime": start.strftime("%H:%M").to_string(),
                    "endTime": end.strftime("%H:%M").to_string(),
                    "notes": {
                        "roomInfo": l.room.clone().unwrap_or_default(),
                        "timetableNotes": l.comment.clone().unwrap_or_default(),
                        "tutors": l.teacher.clone().unwrap_or_default(),
                    },
                    "allDay": false,
                    "establishmentName": Value::Null,
                    "details": l.room.clone().unwrap_or_default(),
                })
            })
            .collect(),
    )
}

/// `timetable/appData` with its rolling window of lessons.
pub fn timetable_app_data(lessons: &[&TimetableLesson]) -> Value {
    json!({
        "maxDate": "30-07-27",
        "minDate": "01-08-26",
        "startingHour": "07:00",
        "endingHour": "17:00",
        "numberOfDays": 5,
        "shortDatePattern": "yyyy-MM-dd",
        "appendRoomNameToTitle": false,
        "translations": { "room": "Sal", "tutors": "Lärare", "notes": "Anteckningar" },
        "items": timetable_items(lessons),
    })
}

fn swedish_short(d: Date) -> String {
    const DAYS: [&str; 7] = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    let day = DAYS
        .get(usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0))
        .copied()
        .unwrap_or("");
    let month = MONTHS
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{day} {:02} {month}", d.day())
}

/// The `calendarEntryTypeId` of an event kind, after the types `calendarv2/appData` lists
/// (1 Händelse, 2 Möte, 3 Prov, 4 Utflykt, 5 Uppgift, 6 Lov, 7 Helgdag, 8 Studiedag).
pub fn entry_type_of(kind: EventKind) -> u32 {
    match kind {
        EventKind::ParentMeeting => 2,
        EventKind::Test => 3,
        EventKind::Excursion => 4,
        EventKind::Holiday => 6,
        EventKind::StudyDay => 8,
        EventKind::Schedule | EventKind::Other => 1,
    }
}

/// `calendarv2/getentries`: events, then assignments as `/task/show/<id>` entries.
pub fn calendar_entries(events: &[&CalendarEvent], tasks: &[&Assignment]) -> Value {
    let mut out: Vec<Value> = events
        .iter()
        .map(|e| {
            let (start_full, end_full, all_day, start_time, end_time) = match &e.timing {
                EventTiming::AllDay { start, end } => (
                    date_iso(*start),
                    date_iso(end.tomorrow().unwrap_or(*end)),
                    true,
                    String::new(),
                    String::new(),
                ),
                EventTiming::Timed { start, end } => (
                    local_iso(start),
                    local_iso(end),
                    false,
                    start
                        .with_time_zone(skolbryggan::time::stockholm())
                        .strftime("%H:%M")
                        .to_string(),
                    end.with_time_zone(skolbryggan::time::stockholm())
                        .strftime("%H:%M")
                        .to_string(),
                ),
            };
            let first = e.timing.first_date();
            let last = e.timing.last_date();
            json!({
                "id": id_value(&upstream_id(&e.id)),
                "o365EventId": Value::Null,
                "googleEventId": Value::Null,
                "title": e.title,
                "text": e.description.as_deref().map(markdown_to_html).unwrap_or_default(),
                "description": "",
                "calendarEntryTypeId": entry_type_of(e.kind),
                "isAllDayEvent": all_day,
                "startDateFull": start_full,
                "endDateFull": end_full,
                "startDate": first.to_string(),
                "endDate": end_full.get(..10).unwrap_or(""),
                "formattedStartDate": swedish_short(first),
                "formattedEndDate": swedish_short(last),
                "startTime": start_time,
                "endTime": end_time,
                "hasAttachments": false,
                "subjects": [],
                "courses": [],
                "url": Value::Null,
            })
        })
        .collect();
    for t in tasks {
        let Some(due) = t.due else { continue };
        let id = upstream_id(&t.id);
        out.push(json!({
            "id": format!("task-{id}"),
            "title": t.title,
            "text": t.description_markdown.as_deref().map(markdown_to_html).unwrap_or_default(),
            "description": "",
            "calendarEntryTypeId": 5,
            "isAllDayEvent": true,
            "startDateFull": date_iso(due),
            "endDateFull": date_iso(due.tomorrow().unwrap_or(due)),
            "startDate": due.to_string(),
            "endDate": due.tomorrow().unwrap_or(due).to_string(),
            "formattedStartDate": swedish_short(due),
            "formattedEndDate": swedish_short(due),
            "startTime": "",
            "endTime": "",
            "hasAttachments": false,
            "subjects": t.subject.iter().map(|s| json!({ "id": 1, "title": s })).collect::<Vec<_>>(),
            "courses": [],
            "url": format!("/task/show/{id}"),
        }));
    }
    Value::Array(out)
}

/// A Hub-relative URL (`https://hub.infomentor.se/x` → `/x`); other URLs stay absolute.
fn hub_relative(url: &str) -> String {
    url.strip_prefix("https://hub.infomentor.se")
        .map(str::to_owned)
        .unwrap_or_else(|| url.to_owned())
}

/// `Communication/News/GetNewsList`.
pub fn news_list(news: &[&NewsItem]) -> Value {
    json!({
        "items": news.iter().map(|n| json!({
            "id": id_value(&upstream_id(&n.id)),
            "title": n.title,
            "content": markdown_to_html(&n.body_markdown),
            "publishedDate": local_iso(&n.published),
            "publishedDateString": skolbryggan::time::local_date(&n.published).to_string(),
            "publishedBy": n.author.clone().unwrap_or_default(),
            "newsImageUrl": n.image.as_ref().map(|i| hub_relative(&i.url)),
            "newsThumbnailImageUrl": n.image.as_ref().map(|i| hub_relative(&i.url)),
            "attachments": n.attachments.iter().map(|a| json!({
                "title": a.name,
                "url": hub_relative(&a.url),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

/// One notification with the pupil it belongs to.
pub struct NotificationEntry<'a> {
    /// The notification.
    pub notification: &'a Notification,
    /// Its pupil's Hub id.
    pub pupil_id: &'a str,
    /// True when that pupil is the selected one.
    pub selected: bool,
}

/// The `appType` values the Hub uses (`infomentor.md`, notifications).
pub const HUB_APP_TYPES: &[&str] = &[
    "News",
    "CalendarV2",
    "Attendance",
    "IM1Attendance",
    "Messages",
    "Assignment",
    "HomeWork",
    "WeeklyPlan",
    "Timeline",
    "Assessment",
    "Portfolio",
    "Calendar",
    "ParentMeeting",
    "Uol",
    "OnlineTest",
    "Survey",
    "IUP",
    "SpecialPlan",
    "Journal",
    "Consent",
    "Unknown",
];

/// The `appType` of a notification from its sender label (the inverse of the parser's
/// `sender_label`); a sender that names no Hub app is `Unknown`.
pub fn app_type_of(sender: &str) -> &str {
    match sender {
        "Nyheter" => "News",
        "Kalender" => "CalendarV2",
        "Frånvaro" => "Attendance",
        "Meddelanden" => "Messages",
        "Uppgifter" => "Assignment",
        other => HUB_APP_TYPES
            .iter()
            .find(|t| **t == other)
            .copied()
            .unwrap_or("Unknown"),
    }
}

/// The finer `type` of a notification: the snapshot's when it is one of the Hub's (an
/// upper-camel-case name such as `AbsenceRecorded`), else the usual type of its `appType`.
pub fn hub_type_of(app_type: &str, given: Option<&str>) -> String {
    if let Some(t) = given
        && t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && t.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return t.to_owned();
    }
    match app_type {
        "News" => "NewsItem",
        "CalendarV2" | "Calendar" => "CalendarV2EventCreated",
        "Attendance" | "IM1Attendance" => "AbsenceRecorded",
        "Uol" => "UolUpdated",
        // Not shown by any source: the pattern of the documented ones.
        "Assignment" | "HomeWork" => "AssignmentCreated",
        "Assessment" => "AssessmentPublished",
        "Messages" => "MessageReceived",
        _ => "Unknown",
    }
    .to_owned()
}

/// `NotificationApp/GetNotifications` for every pupil.
pub fn notifications(items: &[NotificationEntry<'_>], timestamp: &ZonedDateTime) -> Value {
    json!({
        "notifications": items.iter().map(|e| {
            let n = e.notification;
            let (title, sub) = match n.message.split_once(" — ") {
                Some((t, s)) => (t.to_owned(), s.to_owned()),
                None => (n.message.clone(), String::new()),
            };
            let app_type = app_type_of(&n.sender);
            json!({
                "id": id_value(&upstream_id(&n.id)),
                "title": title,
                "subTitle": sub,
                "subjectsCourses": "",
                "dateSent": local_iso(&n.created),
                "orderDate": local_iso(&n.created),
                "appType": app_type,
                "state": "New",
                "type": hub_type_of(app_type, n.notification_type.as_deref()),
                "url": n.url.as_deref().map(hub_relative),
                "pupilIM2Id": 9_000_000 + e.pupil_id.parse::<u64>().unwrap_or(0) % 1_000_000,
                "pupilSourceId": format!("2372|{}|EMULATOR", e.pupil_id),
                "currentlySelectedPupil": e.selected,
                "entityTypeString": app_type,
            })
        }).collect::<Vec<_>>(),
        "timestamp": local_iso(timestamp),
    })
}

/// `classlist/appData`: the staff group, then the class.
pub fn class_list(class_name: &str, classmates: &[&Classmate], teachers: &[&Teacher]) -> Value {
    json!({
        "groupConfig": [
            {
                "id": -1,
                "title": "Skolans personal",
                "isStaffGroup": false,
                "items": teachers.iter().map(|t| json!({
                    "id": upstream_id(&t.id),
                    "name": hub_name(&t.first_name, &t.last_name),
                    "email": t.email,
                    "phone": t.phone,
                    "establishmentId": Value::Null,
                })).collect::<Vec<_>>(),
            },
            {
                "id": 3_200_001,
                "title": class_name,
                "isStaffGroup": false,
                "items": classmates.iter().map(|c| json!({
                    "id": upstream_id(&c.id),
                    "name": hub_name(&c.first_name, &c.last_name),
                    "establishmentId": Value::Null,
                })).collect::<Vec<_>>(),
            }
        ],
        "userConfig": { "canSendEmail": true, "canViewPhone": true, "isPupil": false },
        "urls": {},
    })
}

/// `task/GetTasks`.
pub fn tasks(assignments: &[&Assignment]) -> Value {
    let done = assignments
        .iter()
        .filter(|a| a.status == AssignmentStatus::Done)
        .count();
    let overdue = assignments.iter().filter(|a| a.overdue).count();
    json!({
        "items": assignments.iter().map(|a| {
            let (status, text) = match a.status {
                AssignmentStatus::NotStarted => ("NotStarted", "Ej påbörjad"),
                AssignmentStatus::InProgress => ("InProgress", "Påbörjad"),
                AssignmentStatus::Done => ("Completed", "Klar"),
                AssignmentStatus::Unknown => ("Unknown", ""),
            };
            json!({
                "id": upstream_id(&a.id),
                "title": a.title,
                "subject": a.subject,
                "dueDate": a.due_at.as_ref().map(local_iso).or_else(|| a.due.map(date_iso)),
                "status": status,
                "statusText": a.status_text.clone().unwrap_or_else(|| text.to_owned()),
                "isOverdue": a.overdue,
                "assignedOn": a.assigned.map(date_iso),
                "description": a.description_markdown.as_deref().map(markdown_to_html),
            })
        }).collect::<Vec<_>>(),
        "totalDue": assignments.len() - done,
        "totalOverdue": overdue,
        "totalDone": done,
        "more": false,
    })
}

/// `attendance/appData` for `today` and the next day: the day's absent sessions and the
/// report flags. `absent` lists the days already reported absent (by the guardian through the
/// emulator, or in the snapshot).
pub fn attendance_app_data(
    today: Date,
    tomorrow: Date,
    records: &[&AttendanceRecord],
    actions: &[&AbsenceReportAction],
    absent: &[Date],
) -> Value {
    let sessions = |d: Date| -> Vec<Value> {
        records
            .iter()
            .filter(|r| r.date == d && r.lesson.is_some())
            .map(|r| {
                let time = match (&r.start, &r.end) {
                    (Some(s), Some(e)) => format!(
                        "{} - {}",
                        s.with_time_zone(skolbryggan::time::stockholm())
                            .strftime("%H:%M"),
                        e.with_time_zone(skolbryggan::time::stockholm())
                            .strftime("%H:%M")
                    ),
                    _ => String::new(),
                };
                json!({ "title": r.lesson, "formattedTimeString": time, "isAbsent": true })
            })
            .collect()
    };
    let action = |d: Date| actions.iter().find(|a| a.day == d);
    let is_absent = |d: Date| absent.contains(&d) || records.iter().any(|r| r.date == d);
    let comment = |d: Date| action(d).and_then(|a| a.comment.clone());
    let allowed = actions.iter().any(|a| a.allowed) || actions.is_empty();
    json!({
        "absentToday": is_absent(today),
        "absentTomorrow": is_absent(tomorrow),
        "absenceTodayComment": comment(today),
        "absenceTomorrowComment": comment(tomorrow),
        "absenceTodayDate": today.to_string(),
        "absenceTomorrowDate": tomorrow.to_string(),
        "absenceTodayLocked": action(today).map(|a| a.locked).unwrap_or(true),
        "absenceTomorrowLocked": action(tomorrow).map(|a| a.locked).unwrap_or(false),
        "absenceTodaySessions": sessions(today),
        "absenceTomorrowSessions": sessions(tomorrow),
        "leaveRequests": [],
        "canRegisterDayAbsence": allowed,
        "canRegisterSessionAbsence": false,
        "canAddSicknessToday": action(today).map(|a| a.can_mark_care_time).unwrap_or(false),
        "canAddSicknessTomorrow": action(tomorrow).map(|a| a.can_mark_care_time).unwrap_or(false),
        "canRequestLeave": true,
        "isParent": true,
        "isPlaySchool": false,
        "urls": {
            "registerAttendance": "/attendance/attendance/registerAttendance",
            "registerSessionAttendance": "/attendance/attendance/registerSessionAttendance",
            "saveAbsenceComment": "/attendance/attendance/saveAbsenceComment",
            "createLeaveRequest": "/attendance/attendance/createLeaveRequest",
            "getLeaveRequestList": "/attendance/attendance/GetLeaveRequestList",
            "deleteLeaveRequest": "/attendance/attendance/deleteLeaveRequest",
            "setSecondaryStatus": "/attendance/attendance/SetSecondaryStatus",
        },
    })
}

/// One care-time day as `GetTimeRegistrations/` lists it.
pub fn care_day(day: &CareTime, action: Option<&CareTimeEditAction>) -> Value {
    let hhmm = |t: Option<jiff::civil::Time>| t.map(|t| t.strftime("%H:%M").to_string());
    json!({
        "timeRegistrationId": action.map(|a| a.registration_id.clone()).unwrap_or_else(|| day.date.strftime("%Y%m%d").to_string()),
        "date": date_iso(day.date),
        "startDateTime": day.start.as_ref().map(local_iso),
        "endDateTime": day.end.as_ref().map(local_iso),
        "onLeave": day.on_leave,
        "isLocked": day.locked,
        "isSchoolClosed": day.closed,
        "schoolClosedReason": day.closed_reason.clone().unwrap_or_default(),
        "canEdit": action.map(|a| a.can_edit).unwrap_or(false),
        "hasUnreadComments": day.has_unread_comments,
        "hasComments": day.has_comments || day.comment.is_some() || day.staff_comment.is_some(),
        "canEditComment": action.map(|a| a.can_edit_comment).unwrap_or(false),
        "schoolOpeningTime": hhmm(day.opening_time),
        "schoolClosingTime": hhmm(day.closing_time),
        "comment": day.comment,
    })
}

/// `GetTimeRegistrations/` for the week `start`..=`end`.
pub fn time_registrations(
    start: Date,
    end: Date,
    days: &[&CareTime],
    actions: &[&CareTimeEditAction],
) -> Value {
    json!({
        "startDate": date_iso(start),
        "endDate": date_iso(end),
        "days": days
            .iter()
            .map(|d| care_day(d, actions.iter().find(|a| a.date == d.date).copied()))
            .collect::<Vec<_>>(),
    })
}

/// `GetComments/` for one day.
pub fn care_comments(
    day: &CareTime,
    action: Option<&CareTimeEditAction>,
    comment_id: u64,
) -> Value {
    let hhmm = |z: &Option<ZonedDateTime>| {
        z.as_ref().map(|z| {
            z.with_time_zone(skolbryggan::time::stockholm())
                .strftime("%H:%M")
                .to_string()
        })
    };
    json!({
        "date": date_iso(day.date),
        "teacherComment": day.staff_comment,
        "teacherName": day.staff_comment.as_ref().map(|_| "Personal Emulatorsson"),
        "teacherCommentDate": day.staff_comment.as_ref().map(|_| date_iso(day.date)),
        "userComment": day.comment,
        "userName": day.comment.as_ref().map(|_| "Vårdnadshavare"),
        "userCommentDate": day.comment.as_ref().map(|_| date_iso(day.date)),
        "checkedIn": hhmm(&day.checked_in),
        "checkedOut": hhmm(&day.checked_out),
        "canEdit": action.map(|a| a.can_edit).unwrap_or(false),
        "timesLockedBySchool": day.locked,
        "parentCommentId": comment_id,
        "checkInUserDisplayName": day.checked_in.as_ref().map(|_| "Personal Emulatorsson"),
        "checkOutUserDisplayName": day.checked_out.as_ref().map(|_| "Personal Emulatorsson"),
        "canEditComment": action.map(|a| a.can_edit_comment).unwrap_or(false),
    })
}
