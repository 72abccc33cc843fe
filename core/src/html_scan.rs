//! Small reads from HTML without building a tree: hidden form inputs (anti-forgery tokens, SAML
//! messages) and the text lines of HTML-ish snippets (menu dishes).
//!
//! Uses html5ever's spec-compliant tokenizer, so attribute order, quoting, entities and case do
//! not matter, and the contents of `<script>`, `<style>` and comments are never mistaken for
//! markup.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Feeds `html` through the tokenizer into `sink` and returns the sink.
pub(crate) fn run<S: TokenSink>(html: &str, sink: S) -> S {
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink
}

/// What the tree builder would do for raw-text elements, so that their content stays text.
pub(crate) fn raw_kind(name: &str) -> Option<RawKind> {
    match name {
        "script" => Some(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(RawKind::Rawtext),
        "textarea" | "title" => Some(RawKind::Rcdata),
        _ => None,
    }
}

struct InputSink<'a> {
    name: &'a str,
    value: RefCell<Option<String>>,
}

impl TokenSink for InputSink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token
            && tag.kind == TagKind::StartTag
        {
            if &*tag.name == "input"
                && self.value.borrow().is_none()
                && tag
                    .attrs
                    .iter()
                    .any(|a| &*a.name.local == "name" && &*a.value == self.name)
            {
                let value = tag
                    .attrs
                    .iter()
                    .find(|a| &*a.name.local == "value")
                    .map(|a| a.value.to_string())
                    .unwrap_or_default();
                *self.value.borrow_mut() = Some(value);
            } else if let Some(kind) = raw_kind(&tag.name) {
                return TokenSinkResult::RawData(kind);
            }
        }
        TokenSinkResult::Continue
    }
}

/// The `value` of the first `<input name="{name}">` in `html` (an empty string when the input
/// has no value), or `None` when there is no such input.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let has_input = html
        .as_bytes()
        .windows(6)
        .any(|w| w[0] == b'<' && w[1..].eq_ignore_ascii_case(b"input"));
    if !has_input {
        return None;
    }
    run(
        html,
        InputSink {
            name,
            value: RefCell::new(None),
        },
    )
    .value
    .into_inner()
}

struct LinesSink {
    lines: RefCell<Vec<String>>,
    current: RefCell<String>,
    skip_depth: Cell<u32>,
}

/// The line with whitespace runs as single spaces and trimmed; `None` when empty.
fn collapse_whitespace(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return None;
    }
    let mut previous_space = false;
    let clean = trimmed.chars().all(|c| {
        let ok = c == ' ' && !previous_space || !c.is_whitespace();
        previous_space = c == ' ';
        ok
    });
    if clean {
        return Some(trimmed.to_owned());
    }
    Some(trimmed.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl LinesSink {
    fn break_line(&self) {
        let mut current = self.current.borrow_mut();
        if let Some(line) = collapse_whitespace(&current) {
            self.lines.borrow_mut().push(line);
        }
        current.clear();
    }
}

impl TokenSink for LinesSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::CharacterTokens(text) if self.skip_depth.get() == 0 => {
                self.current.borrow_mut().push_str(&text);
            }
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match name {
                    "script" | "style" => {
                        if tag.kind == TagKind::StartTag {
                            self.skip_depth.set(self.skip_depth.get().saturating_add(1));
                            return TokenSinkResult::RawData(if name == "script" {
                                RawKind::ScriptData
                            } else {
                                RawKind::Rawtext
                            });
                        }
                        self.skip_depth.set(self.skip_depth.get().saturating_sub(1));
                    }
                    "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.break_line();
                    }
                    _ => {}
                }
            }
            Token::EOFToken => self.break_line(),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The text lines of an HTML snippet: split at `<br>` and block tags and at line breaks of the
/// source, entities decoded, whitespace collapsed, empty lines dropped.
///
/// Text without `<` or `&` skips the tokenizer.
pub fn text_lines(html: &str) -> Vec<String> {
    if !html.contains(['<', '&']) {
        return html.lines().filter_map(collapse_whitespace).collect();
    }
    let sink = run(
        html,
        LinesSink {
            lines: RefCell::new(Vec::new()),
            current: RefCell::new(String::new()),
            skip_depth: Cell::new(0),
        },
    );
    sink.break_line();
    sink.lines.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inputs_in_any_attribute_order() {
        let html = r#"<form><input type="hidden" value="a&amp;b" name="__RequestVerificationToken"/>
                      <input name="SAMLRequest" value='PHNhbWw+'></form>"#;
        assert_eq!(
            input_value(html, "__RequestVerificationToken").as_deref(),
            Some("a&b")
        );
        assert_eq!(
            input_value(html, "SAMLRequest").as_deref(),
            Some("PHNhbWw+")
        );
        assert_eq!(input_value(html, "SAMLResponse"), None);
    }

    #[test]
    fn script_contents_are_not_markup() {
        let html = r#"<script>var s = '<input name="x" value="fake">';</script><input name="x" value="real">"#;
        assert_eq!(input_value(html, "x").as_deref(), Some("real"));
    }

    #[test]
    fn text_lines_split_on_br() {
        assert_eq!(
            text_lines("Fiskgratäng<br/>Potatis &amp; sås<br />  <BR>Sallad "),
            vec!["Fiskgratäng", "Potatis & sås", "Sallad"]
        );
        assert_eq!(
            text_lines(" Köttfärslimpa med sås "),
            vec!["Köttfärslimpa med sås"]
        );
        assert!(text_lines("  ").is_empty());
    }
}
