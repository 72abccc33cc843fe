//! HTML: news bodies rendered back from Markdown, and the pages the servers show.

use pulldown_cmark::{Event, Options, Parser};

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A news body as SharePoint would send it: the Markdown rendered to simple HTML (paragraphs,
/// `<strong>`, links, lists) inside a rich-text `div`.
pub(crate) fn news_body(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    // A line break inside a paragraph stays a line break (`<br />`), as in SharePoint's editor.
    let parser = Parser::new_ext(markdown, options).map(|event| match event {
        Event::SoftBreak | Event::HardBreak => Event::InlineHtml("<br />".into()),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    format!("<div data-sp-rte=\"\">{}</div>", html.trim_end())
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body>\n{}\n</body>\n</html>\n",
        escape(title),
        body
    )
}

/// Stockholm's login chooser (what a request without a valid session ends on).
pub(crate) fn stockholm_login_page(bankid_url: &str, freja_url: &str) -> String {
    page(
        "Logga in - Stockholms stad",
        &format!(
            "<h1>Logga in</h1>\n<p>Välj hur du vill logga in.</p>\n<ul>\n<li><a href=\"{}\">Mobilt BankID</a></li>\n<li><a href=\"{}\">Freja eID+</a></li>\n</ul>",
            escape(bankid_url),
            escape(freja_url)
        ),
    )
}

/// The BankID (or Freja) page of the login server, before identification.
pub(crate) fn identification_page(method: &str) -> String {
    page(
        &format!("Logga in med {method} - Stockholms stad"),
        &format!(
            "<h1>Logga in med {}</h1>\n<p>Starta {} och följ instruktionerna.</p>",
            escape(method),
            escape(method)
        ),
    )
}

/// The e-services start page with the anti-forgery token.
pub(crate) fn hem_page(token: &str) -> String {
    page(
        "Hem - Vårdnadshavare - Stockholms stad",
        &format!(
            "<div id=\"app\" data-page=\"hem\">\n<form id=\"antiForgeryForm\" method=\"post\" action=\"/vardnadshavare/inloggad2/hem\">\n<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{}\" />\n</form>\n<h1>Välkommen</h1>\n</div>",
            escape(token)
        ),
    )
}

/// An auto-submitting SAML form (`name` then `value` directly followed by `">"`).
pub(crate) fn saml_form(action: &str, field: &str, value: &str) -> String {
    page(
        "Skickar vidare…",
        &format!(
            "<form method=\"post\" action=\"{}\">\n<input type=\"hidden\" name=\"{}\" value=\"{}\">\n<noscript><input type=\"submit\" value=\"Fortsätt\"></noscript>\n</form>\n<script>document.forms[0].submit();</script>",
            escape(action),
            escape(field),
            escape(value)
        ),
    )
}

/// A server error page (ASP.NET/IIS style).
pub(crate) fn error_page(status: u16, title: &str, detail: &str) -> String {
    page(
        &format!("{status} - {title}"),
        &format!(
            "<h1>Server Error</h1>\n<h2>{} - {}</h2>\n<p>{}</p>",
            status,
            escape(title),
            escape(detail)
        ),
    )
}

/// The page a maintenance proxy shows instead of JSON.
pub(crate) fn maintenance_page() -> String {
    page(
        "Tekniskt fel - Stockholms stad",
        "<h1>Tjänsten är inte tillgänglig just nu</h1>\n<p>Ett tekniskt fel har uppstått. Försök igen senare.</p>",
    )
}

/// Skola24's timetable viewer page.
pub(crate) fn skola24_viewer(logged_in: bool, scope: &str) -> String {
    if logged_in {
        format!(
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Skola24 Schemavisare</title></head>\n<body>\n<div id=\"timetable-viewer\" scope=\"{}\"></div>\n<script>var userLoggedIn = true;</script>\n</body></html>\n",
            escape(scope)
        )
    } else {
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Inloggning</title></head>\n<body><script>var userLoggedIn = false;</script></body></html>\n".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_simple_html() {
        let html = news_body(
            "Hej,\n\nTa **tillfället** i akt.\n\n- ett\n- två\n\n[1177](https://www.1177.se/)",
        );
        assert!(html.starts_with("<div data-sp-rte=\"\"><p>Hej,</p>"));
        assert!(html.contains("<strong>tillfället</strong>"));
        assert!(html.contains("<li>ett</li>"));
        assert!(html.contains("<a href=\"https://www.1177.se/\">1177</a>"));
    }
}
