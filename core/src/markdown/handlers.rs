//! The element handlers of the converter: emphasis, headings, lists, links, images, `<div>`.

use htmd::element_handler::{HandlerResult, Handlers};
use htmd::options::{BulletListMarker, Options};
use htmd::{Element, HtmlToMarkdown};

use super::dom::{Edge, at_block_edge};
use super::links::{is_safe_image, is_safe_link, link_destination};
use super::table::table;

pub(super) fn build_converter() -> HtmlToMarkdown {
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
            // Embedded documents and their fallback text.
            "iframe", "frame", "frameset", "object", "embed", "applet",
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
pub(super) fn flatten_lines(text: &str) -> String {
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
    // `javascript:`, `data:` and other schemes keep only their text.
    if href.is_empty() || !is_safe_link(href) {
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
    // `data:`, `javascript:` and other schemes are dropped with the image.
    if src.is_empty() || !is_safe_image(src) {
        return None;
    }
    let alt = attr(element, "alt")
        .map(|a| flatten_lines(a).replace(['[', ']'], ""))
        .unwrap_or_default();
    Some(format!("![{}]({})", alt.trim(), link_destination(src)).into())
}
