//! HTML → Markdown for upstream rich text (SharePoint news bodies, Outlook calendar descriptions,
//! menu texts).
//!
//! Built on [`htmd`] with a few element handlers of our own, following the rules of the upstream
//! apps (`docs/upstream/README.md`, "HTML to Markdown"):
//!
//! * zero-width spaces (and joiners, BOMs) are removed from the HTML before parsing;
//! * `strong`/`b` → `**…**`, `em`/`i` → `*…*`, with the text trimmed and the whitespace that sat
//!   just inside the tag moved outside (`<strong>tillfället </strong>i` → `**tillfället** i`);
//!   nested line breaks are flattened to spaces; whitespace at the start or end of a block is
//!   dropped;
//! * headings → `# text` on their own line, lists → `- item` (dash bullets), `<br>` → newline;
//! * links → `[text](url)` without title, with trimmed text, spaces in the URL as `%20`, and
//!   relative URLs resolved against `base_url`; links with a scheme other than `http`, `https`,
//!   `mailto` and `tel` (`javascript:`, `vbscript:`, `data:`, also written with tabs or line
//!   breaks inside) keep only their text, and images other than `http`/`https` are dropped;
//!   `<` and `>` in a destination are percent-encoded;
//! * tables → pipe tables with a `|--------|` separator after the first row (upstream tables have no
//!   header row); one-column tables (layout tables in Outlook documents) become plain blocks;
//! * SharePoint web-part markup (`data-sp-webpart`, `data-sp-componentid`) and `<head>`, `<style>`,
//!   `<script>`, embedded documents (`<iframe>`, `<object>`, `<embed>`, …) carry no text;
//!   SharePoint canvas wrappers are transparent;
//! * trailing whitespace (also non-breaking spaces) is removed from every line, and runs of blank
//!   lines become one.
//!
//! The converter is built once per process and shared. Before parsing, attributes that no handler
//! reads are removed from the HTML text (see `prepare`), which more than halves the cost of a
//! SharePoint body.
//!
//! Files: the byte pre-pass over the HTML text (`prepare.rs`); the element handlers
//! (`handlers.rs`, tables in `table.rs`, link destinations in `links.rs`); helpers over the
//! parsed DOM (`dom.rs`).

mod dom;
mod handlers;
mod links;
mod prepare;
mod table;

use std::cell::RefCell;
use std::sync::LazyLock;

use htmd::HtmlToMarkdown;

use handlers::build_converter;
use prepare::prepare;

static CONVERTER: LazyLock<HtmlToMarkdown> = LazyLock::new(build_converter);

thread_local! {
    /// The base URL of the conversion running on this thread (handlers are shared statics).
    static BASE_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Converts an HTML document or fragment to Markdown.
///
/// `base_url` (`https://host/path/`) resolves relative link and image URLs; without it they stay
/// as written. Never fails: malformed HTML is repaired by the HTML5 parser, and an input without
/// markup comes back as its text.
pub fn html_to_markdown(html: &str, base_url: Option<&str>) -> String {
    let cleaned = prepare(html);
    BASE_URL.with(|b| *b.borrow_mut() = base_url.map(str::to_owned));
    let raw = CONVERTER.convert(&cleaned).unwrap_or_default();
    BASE_URL.with(|b| *b.borrow_mut() = None);
    tidy(&raw)
}

/// Trims every line's end, keeps at most one blank line in a row, and trims blank lines at both
/// ends.
fn tidy(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut blank_pending = false;
    for line in md.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        blank_pending = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::markdown::links::resolve_url;

    #[test]
    fn emphasis_spacing_moves_outside() {
        assert_eq!(
            html_to_markdown("<p>Ta <strong>tillfället </strong>i akt</p>", None),
            "Ta **tillfället** i akt"
        );
        assert_eq!(
            html_to_markdown("<p><em> hej</em> du</p>", None),
            "*hej* du"
        );
    }

    #[test]
    fn zero_width_spaces_leave_nothing() {
        assert_eq!(
            html_to_markdown(
                "<p>a</p><p><strong>\u{200B}\u{200B}</strong></p><p>b</p>",
                None
            ),
            "a\n\nb"
        );
    }

    #[test]
    fn links_are_resolved_and_trimmed() {
        assert_eq!(
            html_to_markdown(
                "<p>Se <a href=\"/sites/a b/x.pdf\" title=\"t\">filen </a>här</p>",
                Some("https://example.com/news/")
            ),
            "Se [filen](https://example.com/sites/a%20b/x.pdf) här"
        );
        assert_eq!(
            resolve_url("https://h.se/a/b.aspx?x=1", "c.pdf"),
            "https://h.se/a/c.pdf"
        );
        assert_eq!(resolve_url("https://h.se", "c.pdf"), "https://h.se/c.pdf");
        assert_eq!(
            resolve_url("https://h.se/a", "mailto:x@y.se"),
            "mailto:x@y.se"
        );
        assert_eq!(
            resolve_url("https://h.se/a", "//cdn.se/i.png"),
            "https://cdn.se/i.png"
        );
    }

    #[test]
    fn br_is_a_newline_and_lists_use_dashes() {
        assert_eq!(html_to_markdown("Fisk<br/>Potatis", None), "Fisk\nPotatis");
        assert_eq!(
            html_to_markdown(
                "<p>Ta med:</p><ul><li>Matsäck</li><li>Stövlar</li></ul>",
                None
            ),
            "Ta med:\n\n- Matsäck\n- Stövlar"
        );
    }

    #[test]
    fn outlook_head_and_layout_tables_carry_no_markup() {
        let html = "<html><head><style>p{margin:0}</style><title>x</title></head><body>\
                    <table><tr><td><p>Hej!</p><p>Välkomna.</p></td></tr></table></body></html>";
        assert_eq!(html_to_markdown(html, None), "Hej!\n\nVälkomna.");
    }

    #[test]
    fn sharepoint_web_parts_are_dropped() {
        let html = "<div data-sp-canvascontrol=\"\"><div data-sp-webpart=\"\">\
                    <div data-sp-componentid=\"\">d1d91016-032f-456d-98a4-721247c305e8</div>\
                    </div></div><div data-sp-canvascontrol=\"\"><div data-sp-rte=\"\"><p>Text</p></div></div>";
        assert_eq!(html_to_markdown(html, None), "Text");
    }

    #[test]
    fn data_attribute_values_are_dropped() {
        assert_eq!(
            prepare(
                "<div data-sp-controldata=\"&#123;x&#125;\" data-x='a\"b' data-y class=\"c\" data-sp-webpart=\"\">t</div>"
            ),
            "<div data-y hidden>t</div>"
        );
        assert_eq!(
            prepare(
                "<p><span><span>a</span></span><span title=\"t\" lang=sv><span>b</span></span> x=\"y\"</p></span>"
            ),
            "<p>a<span lang=sv>b</span> x=\"y\"</p></span>"
        );
        assert_eq!(
            prepare("<a href=\"u\" title=\"https&#58;//x\">l</a>"),
            "<a href=\"u\" >l</a>"
        );
        assert_eq!(prepare("a\u{200B}b data-"), "ab data-");
        assert_eq!(
            prepare("<p>a  \n\t b</p>\n  <p>c\t\td</p>"),
            "<p>a\nb</p><p>c d</p>"
        );
        assert_eq!(
            prepare("<TR>\n  <td>x</td>\n</TR> <b>a</b> <i>b</i>"),
            "<TR><td>x</td></TR><b>a</b> <i>b</i>"
        );
        assert_eq!(prepare("<pre>a   b</pre>"), "<pre>a   b</pre>");
        assert_eq!(
            prepare("<PRE class=x>a \u{200B}  b</PRE>"),
            "<PRE class=x>a   b</PRE>"
        );
        assert_eq!(prepare("<prefix>a  b"), "<prefix>a b");
        assert!(matches!(prepare("<p>a b\nc</p>"), Cow::Borrowed(_)));
        assert_eq!(prepare("é\u{FEFF}\u{2060}x\u{2014}"), "éx\u{2014}");
        assert_eq!(
            prepare("x data-a=\"unterminated"),
            "x data-a=\"unterminated"
        );
    }

    #[test]
    fn plain_text_stays() {
        assert_eq!(html_to_markdown("Nåt kul", None), "Nåt kul");
        assert_eq!(html_to_markdown("", None), "");
        assert!(html_to_markdown("<pre>a   b\n  c</pre>", None).contains("a   b\n  c"));
    }
}

#[cfg(test)]
mod hostile_html {
    use crate::markdown::html_to_markdown;

    /// Rich text as a hostile upstream (or a careless editor) could write it.
    const HOSTILE: &[&str] = &[
        "<p>Hej<script>alert('s1')</script> då</p>",
        "<SCRIPT type=\"text/javascript\">alert('s2')</SCRIPT><p>text</p>",
        "<script src=\"https://evil.example/s3.js\"></script>",
        "<iframe src=\"https://evil.example/frame\">inside-iframe</iframe><p>efter</p>",
        "<IFRAME srcdoc=\"<script>alert('s4')</script>\"></IFRAME>",
        "<style>body{background:url(javascript:alert('s5'))}</style><p>stil</p>",
        "<p style=\"background:url(javascript:alert('s6'))\">styled</p>",
        "<p onclick=\"alert('s7')\">klick</p>",
        "<img src=\"https://skola.example/a.png\" onerror=\"alert('s8')\" alt=\"bild\">",
        "<a href=\"https://skola.example/\" onmouseover=\"alert('s9')\">länk</a>",
        "<div onload=\"alert('s10')\"><b onfocus=\"alert('s11')\">fet</b></div>",
        "<svg onload=\"alert('s12')\"><circle r=\"1\"/></svg>",
        "<body onload=\"alert('s13')\"><p>kropp</p></body>",
        "<a href=\"javascript:alert('s14')\">js-länk</a>",
        "<a href=\"  JaVaScRiPt:alert('s15')\">js-länk</a>",
        "<a href=\"java&#x09;script:alert('s16')\">tab-länk</a>",
        "<a href=\"java&#x0A;script:alert('s17')\">nl-länk</a>",
        "<a href=\"&#106;avascript:alert('s18')\">entity-länk</a>",
        "<a href=\"vbscript:msgbox('s19')\">vb-länk</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnczIwJyk8L3NjcmlwdD4=\">data-länk</a>",
        "<a href=\" DATA:text/html,<script>alert('s21')</script>\">data-länk</a>",
        "<img src=\"javascript:alert('s22')\" alt=\"js-bild\">",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoJ3MyMycpPg==\" alt=\"data-bild\">",
        "<img src=\" Data:image/png;base64,iVBORw0KGgo=\" alt=\"data-bild\">",
        "<img src=\"java&#x09;script:alert('s24')\" alt=\"tab-bild\">",
        "<object data=\"https://evil.example/s25.swf\">obj</object>",
        "<embed src=\"https://evil.example/s26.swf\">",
        "<form action=\"https://evil.example/s27\"><input name=\"x\" onfocus=\"alert('s28')\"></form>",
        "<noscript><p>noscript-text</p></noscript><template><script>alert('s31')</script></template>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('s32')></style></mglyph></table></mtext></math>",
        "<a href=\"https://skola.example/<script>alert('s33')</script>\">vinkel-länk</a>",
        "<a href=\"https://skola.example/ok\">ok</a> <a href=\"mailto:rektor@skola.example\">mejl</a>",
    ];

    /// Markup written as text (entities): it may show as text, but never as raw HTML that a
    /// Markdown renderer would pass through.
    const LOOKALIKES: &[&str] = &[
        "<p>&lt;script&gt;alert('s29')&lt;/script&gt;</p>",
        "<p>&lt;img src=x onerror=alert('s30')&gt;</p>",
        "<p>&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;</p>",
    ];

    /// True when `md` has a `<` that starts a tag and is not escaped with a backslash.
    fn has_raw_tag(md: &str) -> bool {
        let bytes = md.as_bytes();
        bytes.iter().enumerate().any(|(i, &b)| {
            b == b'<'
                && (i == 0 || bytes[i - 1] != b'\\')
                && bytes
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!')
        })
    }

    #[test]
    fn markup_written_as_text_never_becomes_raw_html() {
        for html in LOOKALIKES {
            let md = html_to_markdown(html, None);
            assert!(!has_raw_tag(&md), "raw HTML in {md:?} (from {html:?})");
            assert!(md.contains("alert") || md.contains("iframe"), "{md:?}");
        }
    }

    /// Markup or script that must not reach the Markdown (lower-cased comparison).
    const FORBIDDEN: &[&str] = &[
        "<script",
        "</script",
        "<iframe",
        "<style",
        "<svg",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<img",
        "<body",
        "<math",
        "javascript",
        "vbscript",
        "data:",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "onfocus",
        "alert(",
        "msgbox(",
        "srcdoc",
        "evil.example",
        "inside-iframe",
    ];

    #[test]
    fn hostile_html_leaves_no_script_frame_style_handler_or_unsafe_link_in_the_markdown() {
        let mut all = String::new();
        let mut survived = Vec::new();
        for html in HOSTILE {
            let md = html_to_markdown(html, Some("https://skola.example/nyheter/"));
            let lower = md.to_ascii_lowercase();
            for bad in FORBIDDEN {
                if lower.contains(bad) {
                    survived.push(format!("{bad:?} survived in {md:?} (from {html:?})"));
                }
            }
            if has_raw_tag(&md) {
                survived.push(format!("raw HTML in {md:?} (from {html:?})"));
            }
            all.push_str(&md);
            all.push('\n');
        }
        assert!(survived.is_empty(), "{}", survived.join("\n"));
        // The text around the markup stays, and safe links and images are kept.
        for kept in [
            "Hej då",
            "efter",
            "klick",
            "![bild](https://skola.example/a.png)",
            "[länk](https://skola.example/)",
            "**fet**",
            "js-länk",
            "data-länk",
            "[ok](https://skola.example/ok)",
            "[mejl](mailto:rektor@skola.example)",
        ] {
            assert!(all.contains(kept), "{kept:?} is missing from {all:?}");
        }
    }
}
