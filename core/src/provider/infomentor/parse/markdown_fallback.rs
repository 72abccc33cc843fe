//! A small HTML → Markdown converter, used until the crate-wide `skolbryggan::markdown` lands.
//!
//! TODO(merge): delete this file and point `util::markdown` at
//! `crate::markdown::html_to_markdown` once that module is on main.
//!
//! Handles what Hub news and calendar texts contain: paragraphs, line breaks, bold, italics,
//! links, list items, headings and the common entities. Unknown tags are dropped, their text
//! kept; `script` and `style` contents are dropped.

/// Converts an HTML fragment to Markdown. Never panics.
pub(crate) fn html_to_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut link_stack: Vec<Option<String>> = Vec::new();
    let mut skip_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_depth == 0 {
                push_text(&mut out, rest);
            }
            break;
        };
        let (text, after) = rest.split_at(lt);
        if skip_depth == 0 {
            push_text(&mut out, text);
        }
        let Some(gt) = after.find('>') else {
            // A truncated tag: drop it.
            break;
        };
        let tag = after.get(1..gt).unwrap_or("");
        rest = after.get(gt + 1..).unwrap_or("");
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(name.as_str(), "script" | "style") {
            if closing {
                skip_depth = skip_depth.saturating_sub(1);
            } else if !tag.ends_with('/') {
                skip_depth += 1;
            }
            continue;
        }
        if skip_depth > 0 {
            continue;
        }
        match (name.as_str(), closing) {
            ("p" | "div" | "table" | "ul" | "ol", _) => paragraph_break(&mut out),
            ("tr", true) => paragraph_break(&mut out),
            ("br", _) => {
                trim_trailing_spaces(&mut out);
                out.push('\n');
            }
            ("li", false) => {
                line_break(&mut out);
                out.push_str("- ");
            }
            ("li", true) => line_break(&mut out),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) => {
                paragraph_break(&mut out);
                let level = name
                    .get(1..)
                    .and_then(|d| d.parse::<usize>().ok())
                    .unwrap_or(1);
                out.push_str(&"#".repeat(level));
                out.push(' ');
            }
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", true) => paragraph_break(&mut out),
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("a", false) => {
                let href = attribute(tag, "href");
                if href.is_some() {
                    out.push('[');
                }
                link_stack.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = link_stack.pop() {
                    out.push_str("](");
                    out.push_str(&href);
                    out.push(')');
                }
            }
            _ => {}
        }
    }
    let collapsed = collapse_blank_lines(&out);
    collapsed.trim().to_owned()
}

fn push_text(out: &mut String, text: &str) {
    let decoded = super::util::decode_entities(text);
    let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
    for c in decoded.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(if c == '\u{a0}' { ' ' } else { c });
            last_space = false;
        }
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

fn line_break(out: &mut String) {
    trim_trailing_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph_break(out: &mut String) {
    trim_trailing_spaces(out);
    if out.is_empty() {
        return;
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn collapse_blank_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut newlines = 0;
    for c in s.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines <= 2 {
                out.push(c);
            }
        } else {
            newlines = 0;
            out.push(c);
        }
    }
    out
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let needle = format!("{name}=");
    let pos = lower.find(&needle)?;
    let value = tag.get(pos + needle.len()..)?;
    let quote = value.chars().next()?;
    let raw = if quote == '"' || quote == '\'' {
        let inner = value.get(1..)?;
        let end = inner.find(quote)?;
        inner.get(..end)?
    } else {
        let end = value.find([' ', '>', '/']).unwrap_or(value.len());
        value.get(..end)?
    };
    let decoded = super::util::decode_entities(raw.trim());
    (!decoded.is_empty()).then_some(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_common_tags() {
        assert_eq!(
            html_to_markdown(
                "<p>Hej!</p><p>Vi har <strong>utflykt</strong> &amp; <a href=\"https://example.com/a\">l&auml;nk</a>.</p>"
            ),
            "Hej!\n\nVi har **utflykt** & [länk](https://example.com/a)."
        );
        assert_eq!(
            html_to_markdown("a<br>b<ul><li>x</li><li>y</li></ul>"),
            "a\nb\n\n- x\n- y"
        );
        assert_eq!(html_to_markdown("plain text"), "plain text");
        assert_eq!(html_to_markdown("<p>trunc<a hr"), "trunc");
        assert_eq!(html_to_markdown("<script>x()</script>ok"), "ok");
    }
}
