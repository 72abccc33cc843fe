//! The byte pre-pass: a text scan over the HTML before parsing that drops what no handler reads.

use std::borrow::Cow;

use super::dom::is_block;

/// Characters that carry no text: zero-width space, non-joiner, joiner, word joiner, BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Readies HTML for parsing: removes invisible characters, attributes no handler reads and bare
/// `<span>` tags, marks SharePoint web parts `hidden`, and (in documents without
/// `<pre>`/`<textarea>`) shortens runs of whitespace to one character.
///
/// Apart from the web parts, this only saves parsing work; the Markdown is the same. SharePoint
/// puts kilobytes of entity-encoded JSON into `data-sp-controldata` and `data-sp-webpartdata` and
/// nests text in `<span>`s, Outlook writes `style`/`class` everywhere, and indentation between
/// table tags is parsed character by character by the HTML5 tree builder. This is a text scan, not
/// a parse: body text that itself reads like ` title="…"` would lose that part, a trade-off taken
/// for speed (school news does not quote HTML).
pub(super) fn prepare(html: &str) -> Cow<'_, str> {
    let stripped = match strip_unread_markup(html) {
        Some(stripped) => Cow::Owned(stripped),
        None => Cow::Borrowed(html),
    };
    let collapse = !has_preformatted(&stripped);
    match squeeze(&stripped, collapse) {
        Some(squeezed) => Cow::Owned(squeezed),
        None => stripped,
    }
}

/// True when the document has an element whose whitespace is significant.
fn has_preformatted(html: &str) -> bool {
    html.match_indices('<').any(|(i, _)| {
        let tag = html.as_bytes().get(i + 1..).unwrap_or(&[]);
        ["pre", "textarea", "plaintext", "listing"]
            .iter()
            .any(|name| {
                tag.get(..name.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()))
                    && !tag
                        .get(name.len())
                        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
            })
    })
}

/// Removes invisible characters and (when `collapse`) shortens whitespace runs to one character
/// (a newline if the run had one). `None` when nothing changes.
fn squeeze(html: &str, collapse: bool) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if collapse && b.is_ascii_whitespace() {
            let run = bytes
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            if between_tags_next_to_block(bytes, i, run) {
                // Indentation between block tags: not text at all.
                let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                o.push_str(html.get(copied..i).unwrap_or(""));
                copied = i + run;
            } else if run > 1 || b != b' ' {
                let run_bytes = bytes.get(i..i + run).unwrap_or(&[]);
                let newline = run_bytes.iter().any(|&c| c == b'\n' || c == b'\r');
                let keep_as_is = run == 1 && (b == b'\n');
                if !keep_as_is {
                    let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                    o.push_str(html.get(copied..i).unwrap_or(""));
                    o.push(if newline { '\n' } else { ' ' });
                    copied = i + run;
                }
            }
            i += run;
        } else if b == 0xE2 || b == 0xEF {
            let c = html.get(i..).and_then(|rest| rest.chars().next());
            let width = c.map_or(1, char::len_utf8);
            if c.is_some_and(is_invisible) {
                let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
                o.push_str(html.get(copied..i).unwrap_or(""));
                copied = i + width;
            }
            i += width;
        } else {
            i += 1;
        }
    }
    let mut out = out?;
    out.push_str(html.get(copied..).unwrap_or(""));
    Some(out)
}

/// True when the tag that starts at `lt` (a `<`, maybe `</`) is a block element.
fn block_tag_at(bytes: &[u8], lt: usize) -> bool {
    let Some(rest) = bytes.get(lt + 1..) else {
        return false;
    };
    let rest = rest.strip_prefix(b"/").unwrap_or(rest);
    let len = rest
        .iter()
        .take(11)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let mut name = [0u8; 10];
    match (rest.get(..len), name.get_mut(..len)) {
        (Some(src), Some(dst)) if len > 0 => {
            for (d, s) in dst.iter_mut().zip(src) {
                *d = s.to_ascii_lowercase();
            }
            std::str::from_utf8(dst).is_ok_and(is_block)
        }
        _ => false,
    }
}

/// True when the whitespace run `bytes[start..start + len]` sits between a `>` and a `<`, and
/// one of the two tags is a block element: such whitespace never renders.
fn between_tags_next_to_block(bytes: &[u8], start: usize, len: usize) -> bool {
    if start == 0 || bytes.get(start - 1) != Some(&b'>') || bytes.get(start + len) != Some(&b'<') {
        return false;
    }
    block_tag_at(bytes, start + len)
        || bytes
            .get(..start)
            .and_then(|before| before.iter().rposition(|b| *b == b'<'))
            .is_some_and(|lt| block_tag_at(bytes, lt))
}

/// What to do with an attribute before parsing.
enum AttributeFate {
    Keep,
    /// No handler reads it: remove it (saves tokenizing the value and interning the name).
    Remove,
    /// SharePoint web-part markup, whose content is serialized data and not text: becomes the
    /// `hidden` attribute, and hidden elements are dropped.
    Hide,
}

fn attribute_fate(name: &str) -> AttributeFate {
    if matches!(
        name,
        "data-sp-webpart" | "data-sp-webpartdata" | "data-sp-componentid"
    ) {
        AttributeFate::Hide
    } else if name.starts_with("data-")
        || [
            "title", "style", "class", "id", "lang", "dir", "target", "rel",
        ]
        .iter()
        .any(|n| name.eq_ignore_ascii_case(n))
    {
        AttributeFate::Remove
    } else {
        AttributeFate::Keep
    }
}

/// Removes attributes no handler reads (`data-*` except SharePoint web-part markers, which
/// become `hidden`; `title`, `style`, `class`, …) and bare `<span>` wrappers (which the
/// conversion would drop anyway). `None` when nothing changes.
fn strip_unread_markup(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut search = 0;
    let mut spans: Vec<bool> = Vec::new();
    while let Some(offset) = html.get(search..).and_then(|rest| rest.find(['=', '<'])) {
        let at = search + offset;
        search = at + 1;
        if bytes.get(at) == Some(&b'<') {
            // Bare `<span>`s are dropped with their own `</span>`; spans with attributes stay.
            let tag_len = if bytes.get(at..at + 6) == Some(b"<span>".as_slice()) {
                spans.push(true);
                6
            } else if bytes.get(at..at + 5) == Some(b"<span".as_slice())
                && bytes
                    .get(at + 5)
                    .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
            {
                spans.push(false);
                continue;
            } else if bytes.get(at..at + 7) == Some(b"</span>".as_slice()) {
                if spans.pop() != Some(true) {
                    continue;
                }
                7
            } else {
                continue;
            };
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(html.get(copied..at).unwrap_or(""));
            copied = at + tag_len;
            search = copied;
            continue;
        }
        let Some(&quote) = bytes.get(at + 1).filter(|q| **q == b'"' || **q == b'\'') else {
            continue;
        };
        let name_start = bytes
            .get(..at)
            .unwrap_or(&[])
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(0, |p| p + 1);
        let preceded_by_space = name_start > 0
            && bytes
                .get(name_start - 1)
                .is_some_and(u8::is_ascii_whitespace);
        if !preceded_by_space {
            continue;
        }
        let fate = html
            .get(name_start..at)
            .map_or(AttributeFate::Keep, attribute_fate);
        if matches!(fate, AttributeFate::Keep) {
            continue;
        }
        let value_start = at + 2;
        let Some(len) = bytes
            .get(value_start..)
            .and_then(|rest| rest.iter().position(|b| *b == quote))
        else {
            continue;
        };
        let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
        // Keep the whitespace before the name; drop name, `=` and the quoted value.
        o.push_str(html.get(copied..name_start).unwrap_or(""));
        if matches!(fate, AttributeFate::Hide) {
            o.push_str("hidden");
        }
        copied = value_start + len + 1;
        search = copied;
    }
    let mut out = out?;
    out.push_str(html.get(copied..).unwrap_or(""));
    Some(out)
}
