//! The JSP pages (`{S}jsp/student/…`), each for the child in focus, in the shapes of the
//! recorded pages: start page, news, inbox with staff list, absence form, fritids month.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use skolbryggan::model::IsoWeek;

use super::family::{self, SsChild};
use crate::html::escape;
use crate::http::{Req, Resp};

fn wrap(body: &str) -> String {
    format!(
        "<html lang=\"sv\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><title>SchoolSoft</title></head><body>{body}</body></html>"
    )
}

/// A plain-text answer (the absence AJAX), in Windows-1252.
pub(super) fn plain(text: &str) -> Resp {
    Resp::new(
        200,
        "text/plain;charset=ISO-8859-1",
        skolbryggan::provider::schoolsoft::parse::encode_windows_1252(text),
    )
}

/// `GET {S}jsp/Login.jsp`.
pub(super) fn login_page() -> String {
    wrap(
        "<form id=\"loginform\" action=\"Login.jsp\" method=\"post\"><input type=\"hidden\" name=\"action\" value=\"login\"><input name=\"ssusername\"><input type=\"password\" name=\"sspassword\"><input type=\"submit\" name=\"button\" value=\"Logga in\"></form>",
    )
}

const MONTHS: [&str; 12] = [
    "jan.", "feb.", "mars", "apr.", "maj", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "dec.",
];
const DAYS: [&str; 5] = ["Mån", "Tis", "Ons", "Tor", "Fre"];

fn short_date(d: Date) -> String {
    let month = MONTHS
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{} {month}", d.day())
}

/// The page at `rest` (the path after the tenant), or `None` for an unknown page.
pub(super) fn page(
    rest: &str,
    req: &Req,
    child: &SsChild,
    today: Date,
    reported: &[Date],
) -> Option<String> {
    Some(match rest {
        "jsp/student/right_student_startpage.jsp" => start_page(child),
        "jsp/student/right_student_news.jsp" => news(child, today),
        "jsp/student/right_student_message.jsp" => messages(child, today),
        "jsp/student/right_student_absence.jsp" => {
            let week = req
                .q("termweek")
                .and_then(|w| w.parse().ok())
                .unwrap_or(today.iso_week_date().week());
            absence_form(
                IsoWeek {
                    year: today.iso_week_date().year(),
                    week,
                },
                today,
                reported,
            )?
        }
        "jsp/student/right_parent_preschool_schedule_new.jsp" => {
            let year: i16 = req.q("year")?.parse().ok()?;
            let month0: i8 = req.q("month")?.parse().ok()?;
            fritids(child, Date::new(year, month0 + 1, 1).ok()?)
        }
        _ => return None,
    })
}

fn start_page(child: &SsChild) -> String {
    wrap(&format!(
        "<div id=\"parentPageWrapper\"><div id=\"parent-header-root\"><div class=\"MuiBox-root\"><div class=\"MuiStack-root\"><p class=\"MuiTypography-root MuiTypography-body2\">{} {}</p><span class=\"MuiTypography-root MuiTypography-caption\">{}  | {}</span></div><a id=\"messages-link-button\" href=\"right_student_message.jsp\">1</a><button id=\"menu-button\" type=\"button\"><p class=\"MuiTypography-root\">{}</p></button></div></div><div id=\"content\"><div class=\"h3_bold\">Rektorn informerar</div><a class=\"toplist-item\" href=\"right_student_news.jsp?requestid={}&amp;type=1&amp;action=view\"><div class=\"heading_bold\">{}</div><div></div></a></div></div>",
        child.first,
        child.last,
        family::SCHOOL_NAME,
        child.class,
        family::GUARDIAN.0,
        child.news.0,
        escape(child.news.1)
    ))
}

fn news(child: &SsChild, today: Date) -> String {
    let (id, title, body, author) = child.news;
    let day = today.checked_sub(3.days()).unwrap_or(today);
    wrap(&format!(
        "<div id=\"content\"><div class=\"h3_bold\">Rektorn informerar</div><div class=\"accordion\" id=\"accordion\"><div id=\"accordion-group{id}\" class=\"accordion-group\"><div class=\"accordion-heading\"><a class=\"accordion-toggle\"><div class=\"accordion-heading-left\"><div><span id=\"name{id}\">{title}</span></div><div class=\"preview-block\">{teaser}...</div></div><div class=\"accordion-heading-right\"><div class=\"accordion-heading-date-wide\">{short}</div></div></a></div><div id=\"collapse{id}\" class=\"accordion-body collapse\"><div class=\"accordion-inner\"><div class=\"accordion_inner_left\"><p class=\"tinymce-p\">{body}</p><p class=\"tinymce-p\">Hälsningar, skolan</p></div><div class=\"accordion_inner_right\"><div class=\"inner_right_info\"><label>Från</label><div>{author}</div><label>Till</label><div>Alla på skolan&nbsp;</div><div class=\"hidden\" id=\"fromDateDay{id}\">{d}</div><div class=\"hidden\" id=\"fromDateMonth{id}\">{m0}</div><div class=\"hidden\" id=\"fromDateYear{id}\">{y}</div><div id=\"fileAttach{id}\"><label>Bifogade filer</label><div><div><a href=\"right_student_file_download.jsp?requestid1={id}&amp;requestid2=1&amp;object=news&amp;fileid={file}\" title=\"Veckobrev.pdf\">Veckobrev.pdf</a> (12&nbsp;KB)</div></div></div></div></div></div></div></div></div></div>",
        title = escape(title),
        teaser = escape(body.get(..20).unwrap_or(body)),
        short = short_date(day),
        body = escape(body),
        author = escape(author),
        d = day.day(),
        m0 = day.month() - 1,
        y = day.year(),
        file = 8000 + child.base,
    ))
}

fn messages(child: &SsChild, today: Date) -> String {
    let (id, subject, body, from, teacher) = child.message;
    let day = today.checked_sub(1.day()).unwrap_or(today);
    let options: String = child
        .staff
        .iter()
        .map(|(id, name)| format!("<option value=\"{id}\">{}</option>", escape(name)))
        .collect();
    wrap(&format!(
        "<div id=\"content\"><form name=\"message\" action=\"right_student_message.jsp\" method=\"post\"><select name=\"users\" multiple=\"multiple\"><option value=\"-222\" disabled=\"disabled\"></option>{options}</select></form><div class=\"accordion\" id=\"accordion\"><div id=\"accordion-group{id}\" class=\"accordion-group\"><div class=\"accordion-heading\"><a class=\"accordion-toggle\"><div class=\"accordion-heading-left\"><div><span id=\"messheader{id}\">{subject}</span></div><div class=\"preview-block\">{teaser}...</div></div><div class=\"accordion-heading-right\"><div class=\"accordion-heading-from\">{from}</div><div class=\"accordion-heading-date\">{short}</div></div></a></div><div class=\"accordion-body collapse\"><div class=\"accordion-inner\"><div class=\"accordion_inner_left\"><p class=\"acc-item-main\"><span id=\"mess{id}\">Hej!<br><br>{body}<br><br>Mvh<br>{from}</span></p></div><div class=\"accordion_inner_right\"><form name=\"viewmessage\"><input type=\"hidden\" name=\"teacher{id}\" value=\"{teacher}\"><label>Skickat</label><div><span id=\"messdate{id}\">{short} 10:54</span></div></form></div></div></div></div></div></div>",
        subject = escape(subject),
        teaser = escape(body.get(..15).unwrap_or(body)),
        from = escape(from),
        short = short_date(day).trim_end_matches('.'),
        body = escape(body),
    ))
}

fn absence_form(week: IsoWeek, today: Date, reported: &[Date]) -> Option<String> {
    let monday = week.monday()?;
    let mut columns = String::new();
    for (i, name) in DAYS.iter().enumerate() {
        let day = monday.checked_add(i64::try_from(i).ok()?.days()).ok()?;
        let is_reported = reported.contains(&day);
        let locked = day < today;
        let disabled = if locked { " disabled=\"disabled\"" } else { "" };
        let checked = if is_reported {
            " checked=\"checked\""
        } else {
            ""
        };
        let marker = if is_reported {
            "<div class=\"subformheader\">Anmäld frånvaro</div>"
        } else {
            ""
        };
        let month = MONTHS
            .get(usize::try_from(day.month() - 1).ok()?)
            .copied()
            .unwrap_or("")
            .trim_end_matches('.');
        columns.push_str(&format!(
            "<div class=\"wrapper-all\"><div><div class=\"subformheader\">{name}&nbsp;{}&nbsp;{month}</div><div class=\"span6left switch\" id=\"box-day-b{i}\"><input type=\"checkbox\" name=\"day{i}-{w}\" value=\"1\"{disabled}{checked} id=\"day{i}-{w}\"></div><div id=\"button-box-day{i}\"><button{disabled} type=\"button\" id=\"ls-{i}\" class=\"btn \" name=\"b\">Anmäl frånvaro</button></div>{marker}</div></div>",
            day.day(),
            w = week.week,
        ));
    }
    let by = if reported.iter().any(|d| IsoWeek::containing(*d) == week) {
        format!(
            "Anmält av:&nbsp;{}&nbsp;{}",
            family::GUARDIAN.0,
            family::GUARDIAN.1
        )
    } else {
        String::new()
    };
    Some(wrap(&format!(
        "<div class=\"content_wrapper\" id=\"content\"><div class=\"h1\">Frånvaroanmälan</div><form name=\"days\" id=\"days\" action=\"right_student_absence.jsp\" method=\"post\" class=\"formtable\">{columns}<input type=\"hidden\" name=\"action\" value=\"update\"><input type=\"hidden\" name=\"termweek\" value=\"{}\"><input type=\"hidden\" name=\"type\" value=\"day\">{by}<input type=\"submit\" name=\"button\" value=\"Spara kommentar\"></form></div>",
        week.week
    )))
}

fn fritids(child: &SsChild, first: Date) -> String {
    let mut rows = String::new();
    let mut day = first;
    let mut row = String::new();
    while day.month() == first.month() {
        if day.weekday() == Weekday::Monday || day == first {
            if !row.is_empty() {
                rows.push_str(&format!("<tr>{row}</tr>"));
            }
            row = format!("<td class=\"weekback\">{}</td>", day.iso_week_date().week());
        }
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            let times = child.fritids.unwrap_or("");
            row.push_str(&format!(
                "<td><a href=\"right_parent_preschool_schedule_new.jsp?requestid={}&amp;fromdate={day}&amp;day={}\">{}</a><br>{times}</td>",
                child.id,
                day.weekday().to_sunday_one_offset(),
                day.day()
            ));
        }
        match day.checked_add(1.day()) {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    if !row.is_empty() {
        rows.push_str(&format!("<tr>{row}</tr>"));
    }
    wrap(&format!(
        "<div id=\"content\"><table class=\"monthback\">{rows}</table></div>"
    ))
}
