//! Data embedded in page scripts: the enhancer calls
//! `enhanceServerHtml('<element>', '<view>', '<JSON>', …)` and the shell's
//! `window['appData'] = '<JSON>'`. Both carry JSON inside a single-quoted JavaScript string
//! literal, which is read (never evaluated) and unescaped here.

/// Reads a JavaScript string literal starting at the quote `s[0]` (`'` or `"`). Returns the
/// unescaped value and the rest of the input after the closing quote, or `None` when the
/// literal is not closed.
pub(crate) fn string_literal(s: &str) -> Option<(String, &str)> {
    let mut chars = s.char_indices();
    let (_, quote) = chars.next()?;
    if quote != '\'' && quote != '"' {
        return None;
    }
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        if c == quote {
            return Some((out, s.get(i + c.len_utf8()..).unwrap_or("")));
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let (_, escaped) = chars.next()?;
        match escaped {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'v' => out.push('\u{b}'),
            '0' => out.push('\0'),
            'x' => {
                let hex: String = (0..2)
                    .filter_map(|_| chars.next().map(|(_, c)| c))
                    .collect();
                out.push(
                    u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)?,
                );
            }
            'u' => {
                let hex: String = (0..4)
                    .filter_map(|_| chars.next().map(|(_, c)| c))
                    .collect();
                let code = u32::from_str_radix(&hex, 16).ok()?;
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            '\n' => {}
            other => out.push(other),
        }
    }
    None
}

/// What an enhancer call for an element carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Payload {
    /// The call passes JSON text.
    Json(String),
    /// The call passes the literal `'undefined'`: the page keeps its data in markup.
    Undefined,
}

/// The third argument of `enhanceServerHtml('<element_id>', …)` in `html`, or `None` when the
/// page has no such call.
pub(crate) fn enhancer_payload(html: &str, element_id: &str) -> Option<Payload> {
    let mut rest = html;
    while let Some(at) = rest.find("enhanceServerHtml(") {
        let after = rest.get(at + "enhanceServerHtml(".len()..).unwrap_or("");
        rest = after;
        let Some((id, tail)) = string_literal(after.trim_start()) else {
            continue;
        };
        if id != element_id {
            continue;
        }
        let tail = tail.trim_start().strip_prefix(',')?.trim_start();
        let (_, tail) = string_literal(tail)?;
        let tail = tail.trim_start().strip_prefix(',')?.trim_start();
        let (payload, _) = string_literal(tail)?;
        return Some(if payload == "undefined" {
            Payload::Undefined
        } else {
            Payload::Json(payload)
        });
    }
    None
}

/// The JSON text of `window['appData'] = '…'` (or `window.appData = …`), if present.
pub(crate) fn app_data(html: &str) -> Option<String> {
    let at = html
        .find("window['appData']")
        .or_else(|| html.find("window[\"appData\"]"))
        .or_else(|| html.find("window.appData"))?;
    let after = html.get(at..)?;
    let eq = after.find('=')?;
    let value = after.get(eq + 1..)?.trim_start();
    string_literal(value).map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_escaped_literals() {
        let (v, rest) = string_literal(r#"'a\'b\\c\u00e5\n', x"#).unwrap_or_default_pair();
        assert_eq!(v, "a'b\\cå\n");
        assert_eq!(rest, ", x");
        assert!(string_literal("'open").is_none());
    }

    #[test]
    fn finds_the_payload_by_element() {
        let html = "x.enhanceServerHtml('other', 'v', '{}');\n enhancer.enhanceServerHtml(\n 'absence-notify',\n 'common/views', '{\"a\":\"it\\'s\"}', '', '', null)";
        assert_eq!(
            enhancer_payload(html, "absence-notify"),
            Some(Payload::Json("{\"a\":\"it's\"}".to_owned()))
        );
        assert_eq!(
            enhancer_payload(
                "enhanceServerHtml('home-welcome', 'v', 'undefined')",
                "home-welcome"
            ),
            Some(Payload::Undefined)
        );
        assert_eq!(enhancer_payload(html, "missing"), None);
    }

    #[test]
    fn finds_app_data() {
        let html = "<script>window['appData'] = '{\"userId\":\"g\"}';</script>";
        assert_eq!(app_data(html).as_deref(), Some("{\"userId\":\"g\"}"));
        assert_eq!(app_data("<html></html>"), None);
    }

    trait PairOrDefault {
        fn unwrap_or_default_pair(self) -> (String, &'static str);
    }
    impl PairOrDefault for Option<(String, &'static str)> {
        fn unwrap_or_default_pair(self) -> (String, &'static str) {
            self.unwrap_or((String::new(), ""))
        }
    }
}
