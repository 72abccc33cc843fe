//! Every fixture, cut at every 7th byte, fed to every parser: errors are fine, panics are not.

use jiff::civil::date;
use skolbryggan::markdown::html_to_markdown;
use skolbryggan::model::{AccountId, AccountKey, Child, IsoWeek};
use skolbryggan::provider::parse_cli::demo_child;
use skolbryggan::provider::skola24::parse as s24;
use skolbryggan::provider::stockholm::parse as st;

fn all_parsers(body: &str, child: &Child) {
    let today = date(2021, 3, 20);
    let week = IsoWeek {
        year: 2021,
        week: 15,
    };
    let _ = st::user(body, &AccountKey::derive(&[1; 32]));
    let _ = st::children(body, &AccountId::demo());
    let _ = st::select_child(body);
    let _ = st::school_calendar(body, child);
    let _ = st::schedule(body, child);
    let _ = st::news_archive(body, child);
    let _ = st::news_article(body, child);
    let _ = st::notifications(body, child);
    let _ = st::menu_choice(body);
    let _ = st::menu_rss(body, child, today);
    let _ = st::menu_list(body, child, today);
    let _ = st::classmates(body, child);
    let _ = st::teachers(body, child);
    let _ = st::school_contacts(body, child);
    let _ = st::envelope_data("X", body);
    let _ = st::xsrf_token(body);
    let _ = st::parse_date(body);
    let _ = s24::children(body);
    let _ = s24::render_key(body);
    let _ = s24::timetable(body, child, week, "sv", &[]);
    let _ = s24::saml_request(body);
    let _ = s24::saml_response(body);
    if body.contains('<') {
        let _ = html_to_markdown(body, Some("https://example.com/a/"));
    }
}

#[test]
fn truncated_fixtures_never_panic() {
    let child = demo_child();
    let root = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut files = 0;
    for dir in ["stockholm", "skola24", "constructed"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            files += 1;
            for cut in (0..=bytes.len()).step_by(7) {
                let text = String::from_utf8_lossy(&bytes[..cut]);
                all_parsers(&text, &child);
            }
            all_parsers(&String::from_utf8_lossy(&bytes), &child);
        }
    }
    assert!(files >= 25, "{files} fixtures");
}

#[test]
fn odd_inputs_never_panic() {
    for body in [
        "",
        "null",
        "[]",
        "{}",
        "\u{FEFF}",
        "<",
        "{\"Success\":true,\"Data\":null}",
        "{\"Success\":true,\"Data\":\"x\"}",
        "{\"Success\":true,\"Data\":[null,1,\"a\",{}]}",
        "{\"Success\":true,\"Data\":{\"NewsItems\":[{}],\"Menus\":[{}],\"CurrentNewsItem\":{}}}",
        "{\"error\":{\"a\":1},\"data\":{\"lessonInfo\":[{}]}}",
        "{\"error\":null,\"data\":{\"lessonInfo\":[{\"dayOfWeekNumber\":-9223372036854775808}]}}",
        "<table><tr><td><table><tr><td>x</td><td>y</td></tr></table></td></tr></table>",
        "<ul><li><ol><li><b><i><a href='('>x</a></i></b></li></ol></li></ul>",
        "<div data-sp-webpart><script>alert(1)</script></div><img src=data:x>",
    ] {
        all_parsers(body, &demo_child());
    }
}
