//! Pure parsers of every SchoolSoft and GrandID answer Skolbryggan reads: one file per endpoint
//! family, bodies in, model values (or small typed records) out, typed errors, no panics on
//! upstream data. JSP pages are decoded with [`encoding::decode_jsp`] first.

pub mod absence;
pub mod assignments;
pub mod calendar;
pub(crate) mod dom;
pub mod encoding;
pub mod eva_parent;
pub mod eva_profile;
pub mod fritids;
pub mod grandid;
pub mod header;
pub mod holistic;
pub mod lunch;
pub mod messages;
pub mod news;
pub mod school_list;
pub mod startpage;
pub mod token;
pub(crate) mod util;

pub use absence::{
    AbsenceForm, AbsenceFormDay, AjaxAnswer, EvaAbsenceDay, EvaAbsenceLesson, parse_absence_form,
    parse_ajax_answer, parse_eva_absence_day,
};
pub use assignments::parse_assignments;
pub use calendar::{AgendaItem, attendance, events, lessons, parse_agenda};
pub use encoding::{decode_jsp, encode_windows_1252};
pub use eva_parent::{EvaParent, parse_eva_parent};
pub use eva_profile::parse_eva_profile_number;
pub use fritids::parse_fritids_month;
pub use grandid::{
    AutoPost, Collect, check_pnr_page, parse_auto_post, parse_collect, parse_status_page,
    session_id_of,
};
pub use header::{ParentHeader, child_id, parse_calendar_settings, parse_parent_header, user_id};
pub use holistic::{HolisticAssessment, parse_holistic_rows};
pub use lunch::{Dish, LunchDay, menu_days, parse_eva_lunch, parse_rest_lunch};
pub use messages::{Inbox, JspMessage, parse_eva_inbox, parse_inbox};
pub use news::{EvaNews, JspNews, parse_eva_news, parse_news_page};
pub use school_list::{ListedSchool, parse_school_list, slug_of};
pub use startpage::{NewsTeaser, StartPage, parse_start_page};
pub use token::{Claims, TokenPair, jwt_claims, parse_token};
