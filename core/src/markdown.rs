//! HTML → Markdown for upstream rich text (SharePoint news bodies, Outlook calendar descriptions,
//! menu texts).
//!
//! Built on [`htmd`] with a few element handlers of our own, following the rules of the upstream
//! apps (`shared/upstream/README.md`, "HTML to Markdown"):
//!
//! * zero-width spaces (and joiners, BOMs) are removed from the HTML before parsing;
//! * `strong`/`b` → `**…**`, `em`/`i` → `*…*`, with the text trimmed and the whitespace that sat
//!   just inside the tag moved outside (`<strong>tillfället </strong>i` → `**tillfället** i`);
//!   nested line breaks are flattened to spaces; whitespace at the start or end of a block is
//!   dropped;
//! * headings → `# text` on their own line, lists → `- item` (dash bullets), `<br>` → newline;
//! * links → `[text](url)` without title, with trimmed text, spaces in the URL as `%20`, and
//!   relative URLs resolved against `base_url`; `javascript:` links keep only their text;
//! * tables → pipe tables with a `|--------|` separator after the first row (upstream tables have no
//!   header row); one-column tables (layout tables in Outlook documents) become plain blocks;
//! * SharePoint web-part markup (`data-sp-webpart`, `data-sp-componentid`) and `<head>`, `<style>`,
//!   `<script>` carry no text; SharePoint canvas wrappers are transparent;
//! * trailing whitespace (also non-breaking spaces) is removed from every line, and runs of blank
//!   lines become one.
//!
//! The converter is built once per process and shared. Before parsing, attributes that no handler
//! reads are removed from the HTML text (see `prepare`), which more than halves the cost of a
//! SharePoint body.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown};
use markup5ever_rcdom::{Node, NodeData};

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
fn prepare(html: &str) -> Cow<'_, str> {
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

fn build_converter() -> HtmlToMarkdown {
    let options = Options {
        bullet_list_marker: BulletListMarker::Dash,
        ul_bullet_spacing: 1,
        ol_number_spacing: 1,
        ..Options::default()
    };
    HtmlToMarkdown::builder()
        .options(options)
        .skip_tags(vec![
            "head", "style", "script", "title", "template", "noscript", "meta", "link",
        ])
        .add_handler(vec!["strong", "b"], |h: &dyn Handlers, e: Element| {
            emphasis(h, &e, "**")
        })
        .add_handler(vec!["em", "i"], |h: &dyn Handlers, e: Element| {
            emphasis(h, &e, "*")
        })
        .add_handler(
            vec!["h1", "h2", "h3", "h4", "h5", "h6"],
            |h: &dyn Handlers, e: Element| heading(h, &e),
        )
        .add_handler(vec!["ul", "ol"], |h: &dyn Handlers, e: Element| list(h, e))
        .add_handler(vec!["br"], |_: &dyn Handlers, _: Element| Some("\n".into()))
        .add_handler(vec!["a"], |h: &dyn Handlers, e: Element| anchor(h, &e))
        .add_handler(vec!["img"], |_: &dyn Handlers, e: Element| image(&e))
        .add_handler(vec!["table"], |h: &dyn Handlers, e: Element| table(h, &e))
        .add_handler(vec!["div"], |h: &dyn Handlers, e: Element| div(h, e))
        .build()
}

fn attr<'a>(element: &'a Element, name: &str) -> Option<&'a str> {
    element
        .attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

fn has_attr(element: &Element, name: &str) -> bool {
    element.attrs.iter().any(|a| &*a.name.local == name)
}

/// `<div>`: hidden ones (also SharePoint web parts, see [`prepare`]) are dropped; everything
/// else is a plain block.
fn div(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    if has_attr(&element, "hidden") {
        return None;
    }
    handlers.fallback(element)
}

/// Replaces runs of whitespace that contain a line break by one space.
fn flatten_lines(text: &str) -> String {
    if !text.contains('\n') {
        return text.to_owned();
    }
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits `text` into (leading whitespace, content, trailing whitespace).
fn split_ws(text: &str) -> (&str, &str, &str) {
    let start = text.len() - text.trim_start().len();
    let (lead, rest) = text.split_at(start);
    let body = rest.trim_end();
    let trail = &rest[body.len()..];
    (lead, body, trail)
}

fn emphasis(handlers: &dyn Handlers, element: &Element, marker: &str) -> Option<HandlerResult> {
    let content = flatten_lines(&handlers.walk_children(element.node).content);
    let (lead, body, trail) = split_ws(&content);
    let lead = if lead.is_empty() || at_block_edge(element.node, Edge::Start) {
        ""
    } else {
        " "
    };
    let trail = if trail.is_empty() || at_block_edge(element.node, Edge::End) {
        ""
    } else {
        " "
    };
    if body.is_empty() {
        return Some(lead.into());
    }
    // A body that is itself fully emphasised (`<b><i>x</i></b>`) works as `***x***`.
    Some(format!("{lead}{marker}{body}{marker}{trail}").into())
}

fn heading(handlers: &dyn Handlers, element: &Element) -> Option<HandlerResult> {
    let level = element
        .tag
        .strip_prefix('h')
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 6);
    let content = flatten_lines(&handlers.walk_children(element.node).content);
    let content = content.trim();
    if content.is_empty() {
        return None;
    }
    Some(format!("\n\n{} {content}\n", "#".repeat(level)).into())
}

/// Lists start on the next line (a list may follow a paragraph line directly) and end with a
/// blank line.
fn list(handlers: &dyn Handlers, element: Element) -> Option<HandlerResult> {
    let result = handlers.fallback(element)?;
    let content = result.content;
    let trimmed = content.trim_start_matches('\n');
    if trimmed.is_empty() {
        return None;
    }
    let nested = content.len() - trimmed.len() == 1;
    if nested {
        return Some(HandlerResult {
            content,
            markdown_translated: result.markdown_translated,
        });
    }
    Some(HandlerResult {
        content: format!("\n{trimmed}"),
        markdown_translated: result.markdown_translated,
    })
}

fn anchor(handlers: &dyn Handlers, element: &Element) -> Option<HandlerResult> {
    let content = flatten_lines(&handlers.walk_children(element.node).content);
    let href = attr(element, "href").map(str::trim).unwrap_or("");
    if href.is_empty() || href.to_ascii_lowercase().starts_with("javascript:") {
        return Some(content.into());
    }
    let (lead, body, trail) = split_ws(&content);
    if body.is_empty() {
        return Some(lead.into());
    }
    let url = link_destination(href);
    let lead = if lead.is_empty() { "" } else { " " };
    let trail = if trail.is_empty() { "" } else { " " };
    Some(format!("{lead}[{body}]({url}){trail}").into())
}

fn image(element: &Element) -> Option<HandlerResult> {
    let src = attr(element, "src").map(str::trim).unwrap_or("");
    if src.is_empty() || src.to_ascii_lowercase().starts_with("data:") {
        return None;
    }
    let alt = attr(element, "alt")
        .map(|a| flatten_lines(a).replace(['[', ']'], ""))
        .unwrap_or_default();
    Some(format!("![{}]({})", alt.trim(), link_destination(src)).into())
}

/// A URL as a Markdown link destination: resolved against the base URL, spaces and parentheses
/// percent-encoded.
fn link_destination(href: &str) -> String {
    let resolved = BASE_URL.with(|b| match b.borrow().as_deref() {
        Some(base) => resolve_url(base, href),
        None => href.to_owned(),
    });
    let mut out = String::with_capacity(resolved.len());
    for c in resolved.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '\n' | '\r' | '\t' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Resolves `href` against `base` (enough of RFC 3986 for links in rich text: absolute URLs,
/// fragments, scheme-relative, host-relative and path-relative references).
pub(crate) fn resolve_url(base: &str, href: &str) -> String {
    let has_scheme = href.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
    });
    if has_scheme || href.starts_with('#') {
        return href.to_owned();
    }
    let Some((scheme, rest)) = base.split_once("://") else {
        return href.to_owned();
    };
    if let Some(stripped) = href.strip_prefix("//") {
        return format!("{scheme}://{stripped}");
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let origin = &base[..scheme.len() + 3 + authority_end];
    if href.starts_with('/') {
        return format!("{origin}{href}");
    }
    let path = &rest[authority_end..];
    let path = &path[..path.find(['?', '#']).unwrap_or(path.len())];
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    format!("{origin}{dir}{href}")
}

/// A header-less pipe table: the first row, a separator, the other rows.
fn table(handlers: &dyn Handlers, element: &Element) -> Option<HandlerResult> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    collect_rows(handlers, element.node, &mut rows);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        let content = handlers.walk_children(element.node).content;
        let content = content.trim_matches('\n');
        return if content.trim().is_empty() {
            None
        } else {
            Some(format!("\n\n{content}\n\n").into())
        };
    }
    if columns == 1 {
        // A layout table: its cells are blocks.
        let blocks: Vec<String> = rows
            .into_iter()
            .flatten()
            .filter(|c| !c.is_empty())
            .collect();
        if blocks.is_empty() {
            return None;
        }
        return Some(format!("\n\n{}\n\n", blocks.join("\n\n")).into());
    }
    let mut out = String::from("\n\n");
    for (index, row) in rows.iter().enumerate() {
        out.push('|');
        for column in 0..columns {
            let cell = row.get(column).map(String::as_str).unwrap_or("");
            out.push_str(&table_cell(cell));
            out.push('|');
        }
        out.push('\n');
        if index == 0 {
            out.push('|');
            for _ in 0..columns {
                out.push_str("--------|");
            }
            out.push('\n');
        }
    }
    out.push('\n');
    Some(out.into())
}

fn table_cell(content: &str) -> String {
    flatten_lines(content).trim().replace('|', "\\|")
}

fn collect_rows(handlers: &dyn Handlers, node: &Rc<Node>, rows: &mut Vec<Vec<String>>) {
    for child in node.children.borrow().iter() {
        match tag_name(child) {
            Some("thead" | "tbody" | "tfoot") => collect_rows(handlers, child, rows),
            Some("tr") => {
                let mut cells = Vec::new();
                for cell in child.children.borrow().iter() {
                    if matches!(tag_name(cell), Some("td" | "th")) {
                        let content = handlers.walk_children(cell).content;
                        cells.push(content.trim_matches('\n').trim().to_owned());
                    }
                }
                if !cells.is_empty() {
                    rows.push(cells);
                }
            }
            _ => {}
        }
    }
}

fn tag_name(node: &Node) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

fn parent(node: &Rc<Node>) -> Option<Rc<Node>> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(std::rc::Weak::upgrade);
    node.parent.set(weak);
    parent
}

/// Elements that start or end a line of output.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// True when nothing but whitespace separates `node` from the start (or end) of its block.
fn at_block_edge(node: &Rc<Node>, edge: Edge) -> bool {
    let mut current = Rc::clone(node);
    // Bounded walk up the tree; documents are shallow, the bound only guards odd input.
    for _ in 0..64 {
        let Some(up) = parent(&current) else {
            return true;
        };
        {
            let siblings = up.children.borrow();
            let Some(position) = siblings.iter().position(|s| Rc::ptr_eq(s, &current)) else {
                return false;
            };
            let neighbours: Box<dyn Iterator<Item = &Rc<Node>>> = match edge {
                Edge::Start => Box::new(siblings[..position].iter().rev()),
                Edge::End => Box::new(siblings[position + 1..].iter()),
            };
            for sibling in neighbours {
                match &sibling.data {
                    NodeData::Text { contents } if !contents.borrow().trim().is_empty() => {
                        return false;
                    }
                    NodeData::Element { name, .. } => return is_block(&name.local),
                    _ => {}
                }
            }
        }
        match tag_name(&up) {
            Some(tag) if is_block(tag) => return true,
            None => return true,
            Some(_) => current = up,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
