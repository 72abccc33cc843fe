//! The HTML pages of the InfoMentor login chain: auto-submit SAML forms, the "Login in progress"
//! interstitials with an `oauth_token`, Stockholm's method chooser, error pages.
//!
//! Form `action`s and link `href`s are returned as written in the page; the client resolves them
//! against the page URL.

use serde::Serialize;

use super::util;

/// One HTML form with the fields a browser would submit without user interaction.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HtmlForm {
    /// The `id` attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The `action` attribute as written (entity-decoded); `None` posts to the page itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// The method, upper-case (`POST` or `GET`).
    pub method: String,
    /// The submitted fields, in page order (hidden, text and password inputs, checked boxes,
    /// textareas, the selected option of a select).
    pub fields: Vec<(String, String)>,
}

impl std::fmt::Debug for HtmlForm {
    // Field values are SAML assertions and tokens: show names only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlForm")
            .field("action", &self.action)
            .field("method", &self.method)
            .field(
                "fields",
                &self
                    .fields
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl HtmlForm {
    /// The value of field `name` (case-sensitive, as HTML form submission is).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// True when the form has a field `name`.
    pub fn has_field(&self, name: &str) -> bool {
        self.fields.iter().any(|(n, _)| n == name)
    }

    /// Sets (or adds) a field.
    pub fn set_field(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => *v = value.to_owned(),
            None => self.fields.push((name.to_owned(), value.to_owned())),
        }
    }
}

/// What a page of the login chain is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LoginPage {
    /// The URL contains `/Error/` (e.g. `…/Error/UserNotAuthenticated`): the login was refused.
    Refused,
    /// A bot-check challenge page that plain HTTP cannot pass.
    Challenge,
    /// An auto-submit form carrying `SAMLResponse`: post it, then run the hand-off chain.
    SamlResponse {
        /// The form.
        form: HtmlForm,
    },
    /// An auto-submit form carrying `SAMLRequest`: post it and continue.
    SamlRequest {
        /// The form.
        form: HtmlForm,
    },
    /// InfoMentor's "Login in progress" interstitial (typically one hidden `oauth_token`): post
    /// it and continue.
    Interstitial {
        /// The form.
        form: HtmlForm,
    },
    /// Stockholm's login method chooser: follow the Mobile BankID link.
    MethodChooser {
        /// The link (`…NECSadc/mbid…`) as written.
        bankid_href: String,
        /// The link's `startpage` query parameter (base64 of the SAML target page), as written.
        #[serde(skip_serializing_if = "Option::is_none")]
        startpage: Option<String>,
    },
    /// The IM1 username/password form.
    PasswordForm {
        /// The form.
        form: HtmlForm,
    },
    /// A logged-in Hub page.
    Hub,
    /// Anything else (in the BankID walk: the BankID page itself).
    Other,
}

/// Classifies a page of the login chain by its final URL and HTML.
pub fn classify_login_page(url: &str, html: &str) -> LoginPage {
    if url.to_ascii_lowercase().contains("/error/") {
        return LoginPage::Refused;
    }
    let lower = html.to_ascii_lowercase();
    if lower.contains("challenges.cloudflare.com")
        || (lower.contains("just a moment") && lower.contains("challenge"))
    {
        return LoginPage::Challenge;
    }
    let forms = forms(html);
    if let Some(form) = forms.iter().find(|f| f.has_field("SAMLResponse")) {
        return LoginPage::SamlResponse { form: form.clone() };
    }
    if let Some(form) = forms.iter().find(|f| f.has_field("SAMLRequest")) {
        return LoginPage::SamlRequest { form: form.clone() };
    }
    if let Some(form) = forms.iter().find(|f| f.has_field("oauth_token")) {
        return LoginPage::Interstitial { form: form.clone() };
    }
    if lower.contains("login in progress")
        && let Some(form) = forms.first()
    {
        return LoginPage::Interstitial { form: form.clone() };
    }
    if let Some(href) = links(html).into_iter().find(|h| {
        let l = h.to_ascii_lowercase();
        l.contains("necsadc/mbid") || l.contains("/necsadcmbid/")
    }) {
        let startpage = query_param(&href, "startpage");
        return LoginPage::MethodChooser {
            bankid_href: href,
            startpage,
        };
    }
    if let Some(form) = forms.iter().find(|f| {
        f.fields
            .iter()
            .any(|(n, _)| n.to_ascii_lowercase().contains("txtnotandanafn"))
    }) {
        return LoginPage::PasswordForm { form: form.clone() };
    }
    if super::is_logged_in_page(html) {
        return LoginPage::Hub;
    }
    LoginPage::Other
}

/// Every form of the page, in order.
pub fn forms(html: &str) -> Vec<HtmlForm> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|s| s.find("<form")) {
        let start = from + rel;
        let Some(tag_end) = lower
            .get(start..)
            .and_then(|s| s.find('>'))
            .map(|e| start + e)
        else {
            break;
        };
        let tag = html.get(start + 1..tag_end).unwrap_or("");
        let body_end = lower
            .get(tag_end..)
            .and_then(|s| s.find("</form"))
            .map(|e| tag_end + e)
            .unwrap_or(html.len());
        let body = html.get(tag_end + 1..body_end).unwrap_or("");
        let attrs = attributes(tag);
        out.push(HtmlForm {
            id: attr(&attrs, "id"),
            action: attr(&attrs, "action"),
            method: attr(&attrs, "method")
                .map(|m| m.to_ascii_uppercase())
                .unwrap_or_else(|| "GET".to_owned()),
            fields: fields(body),
        });
        from = body_end.max(tag_end + 1);
    }
    out
}

/// The `href`s of every `<a>` of the page, entity-decoded.
pub fn links(html: &str) -> Vec<String> {
    tags(html, "a")
        .into_iter()
        .filter_map(|t| attr(&attributes(t), "href"))
        .collect()
}

/// A query parameter of a URL as written (percent-decoded, `+` as space).
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(k) == name).then(|| percent_decode(v))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn fields(form_body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let lower = form_body.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|s| s.find('<')) {
        let start = from + rel;
        let Some(end) = lower
            .get(start..)
            .and_then(|s| s.find('>'))
            .map(|e| start + e)
        else {
            break;
        };
        let tag = form_body.get(start + 1..end).unwrap_or("");
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        from = end + 1;
        let attrs = attributes(tag);
        let Some(field_name) = attr(&attrs, "name") else {
            continue;
        };
        match name.as_str() {
            "input" => {
                let kind = attr(&attrs, "type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let checked = attrs.iter().any(|(n, _)| n == "checked");
                let include = match kind.as_str() {
                    "submit" | "button" | "image" | "reset" | "file" => false,
                    "checkbox" | "radio" => checked,
                    _ => true,
                };
                if include {
                    let value = attr(&attrs, "value").unwrap_or_else(|| {
                        if kind == "checkbox" || kind == "radio" {
                            "on".to_owned()
                        } else {
                            String::new()
                        }
                    });
                    out.push((field_name, value));
                }
            }
            "textarea" => {
                let close = lower
                    .get(from..)
                    .and_then(|s| s.find("</textarea"))
                    .map(|e| from + e)
                    .unwrap_or(from);
                let text = form_body.get(from..close).unwrap_or("");
                out.push((field_name, decode(text)));
                from = close.max(from);
            }
            "select" => {
                let close = lower
                    .get(from..)
                    .and_then(|s| s.find("</select"))
                    .map(|e| from + e)
                    .unwrap_or(from);
                let inner = form_body.get(from..close).unwrap_or("");
                let options: Vec<Vec<(String, String)>> =
                    tags(inner, "option").into_iter().map(attributes).collect();
                let chosen = options
                    .iter()
                    .find(|o| o.iter().any(|(n, _)| n == "selected"))
                    .or_else(|| options.first());
                if let Some(o) = chosen {
                    out.push((field_name, attr(o, "value").unwrap_or_default()));
                }
                from = close.max(from);
            }
            _ => {}
        }
    }
    out
}

/// The inside of every `<name …>` start tag (without `<` and `>`).
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = lower.get(from..).and_then(|s| s.find(&open)) {
        let start = from + rel;
        let after = start + open.len();
        let next = lower.as_bytes().get(after).copied();
        let Some(end) = lower
            .get(start..)
            .and_then(|s| s.find('>'))
            .map(|e| start + e)
        else {
            break;
        };
        if matches!(next, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')) {
            out.push(html.get(start + 1..end).unwrap_or(""));
        }
        from = end + 1;
    }
    out
}

/// The attributes of a tag's inside (`input type="hidden" name='a' value=b checked`), names
/// lower-cased, values entity-decoded.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let chars: Vec<char> = tag.chars().collect();
    let mut i = 0;
    // Skip the tag name.
    while chars.get(i).is_some_and(|c| !c.is_whitespace()) {
        i += 1;
    }
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == '/') {
            i += 1;
        }
        let Some(_) = chars.get(i) else { break };
        let name_start = i;
        while chars
            .get(i)
            .is_some_and(|c| !c.is_whitespace() && *c != '=' && *c != '/')
        {
            i += 1;
        }
        let name: String = chars
            .get(name_start..i)
            .unwrap_or(&[])
            .iter()
            .collect::<String>()
            .to_ascii_lowercase();
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if chars.get(i) != Some(&'=') {
            if !name.is_empty() {
                out.push((name, String::new()));
            } else {
                i += 1;
            }
            continue;
        }
        i += 1;
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        let value: String = match chars.get(i) {
            Some(&q) if q == '"' || q == '\'' => {
                i += 1;
                let start = i;
                while chars.get(i).is_some_and(|c| *c != q) {
                    i += 1;
                }
                let v = chars.get(start..i).unwrap_or(&[]).iter().collect();
                i += 1;
                v
            }
            _ => {
                let start = i;
                while chars.get(i).is_some_and(|c| !c.is_whitespace()) {
                    i += 1;
                }
                chars.get(start..i).unwrap_or(&[]).iter().collect()
            }
        };
        if !name.is_empty() {
            out.push((name, decode(&value)));
        }
    }
    out
}

fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

fn decode(text: &str) -> String {
    util::decode_entities(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAML_RESPONSE: &str = r#"<html><body onload="document.forms[0].submit()">
<form method="post" action="https://sso.infomentor.se/login.ashx?idp=stockholm_par&amp;x=1">
<input type="hidden" name="SAMLResponse" value="PHNhbWxwOlJlc3BvbnNlPg&#43;&#61;="/>
<input type="hidden" name="RelayState" value='rs'>
<input type="submit" value="Continue">
</form></body></html>"#;

    #[test]
    fn saml_response_form() {
        let LoginPage::SamlResponse { form } = classify_login_page(
            "https://login001.stockholm.se/affwebservices/public/saml2sso",
            SAML_RESPONSE,
        ) else {
            panic!("not classified as a SAML response");
        };
        assert_eq!(
            form.action.as_deref(),
            Some("https://sso.infomentor.se/login.ashx?idp=stockholm_par&x=1")
        );
        assert_eq!(form.method, "POST");
        assert_eq!(
            form.field("SAMLResponse"),
            Some("PHNhbWxwOlJlc3BvbnNlPg+==")
        );
        assert_eq!(form.field("RelayState"), Some("rs"));
        assert_eq!(form.fields.len(), 2);
        assert!(!format!("{form:?}").contains("PHNh"));
    }

    #[test]
    fn interstitial_chooser_error_and_other() {
        let inter = r#"<html><head><title>Login in progress</title></head><body><form name="f" id="openid_message" action="https://infomentor.se/swedish/production/mentor/" method="post"><input type="hidden" name="oauth_token" value="tok"/></form></body></html>"#;
        let LoginPage::Interstitial { form } =
            classify_login_page("https://sso.infomentor.se/login.ashx", inter)
        else {
            panic!("not an interstitial");
        };
        assert_eq!(form.field("oauth_token"), Some("tok"));
        assert_eq!(form.id.as_deref(), Some("openid_message"));

        let chooser = r#"<ul><li><a href="/NECSadc/freja/b64startpage.jsp?startpage=x">Freja</a></li>
<li><a class="btn" href="https://login001.stockholm.se/NECSadc/mbid/b64startpage.jsp?startpage=aHR0cHM6Ly9sb2dpbjAwMS5zdG9ja2hvbG0uc2UvbWVkYm9yZ2FyZW9ubHkuanNwP1NBTUxSZXF1ZXN0PWFi&amp;lang=sv">BankID</a></li></ul>"#;
        match classify_login_page(
            "https://login001.stockholm.se/siteminderagent/forms/medborgare.jsp",
            chooser,
        ) {
            LoginPage::MethodChooser {
                bankid_href,
                startpage,
            } => {
                assert!(bankid_href.contains("NECSadc/mbid"));
                assert!(bankid_href.ends_with("&lang=sv"));
                assert_eq!(
                    startpage.as_deref(),
                    Some(
                        "aHR0cHM6Ly9sb2dpbjAwMS5zdG9ja2hvbG0uc2UvbWVkYm9yZ2FyZW9ubHkuanNwP1NBTUxSZXF1ZXN0PWFi"
                    )
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            classify_login_page(
                "https://infomentor.se/Error/UserNotAuthenticated",
                "<html></html>"
            ),
            LoginPage::Refused
        );
        assert_eq!(
            classify_login_page(
                "https://login003.stockholm.se/NECSadcmbid/authenticate/NECSadcmbid?x",
                "<html><body>BankID</body></html>"
            ),
            LoginPage::Other
        );
    }

    #[test]
    fn form_fields_like_a_browser() {
        let html = r#"<form action="/x"><input name="a" value="1"><input type="checkbox" name="c1" checked><input type="checkbox" name="c2"><textarea name="t">hej &amp; hå</textarea><select name="s"><option value="x">X</option><option value="y" selected>Y</option></select><input type=text name=u value=plain></form>"#;
        let f = &forms(html)[0];
        assert_eq!(
            f.fields,
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("c1".to_owned(), "on".to_owned()),
                ("t".to_owned(), "hej & hå".to_owned()),
                ("s".to_owned(), "y".to_owned()),
                ("u".to_owned(), "plain".to_owned()),
            ]
        );
        assert_eq!(f.method, "GET");
        assert_eq!(
            query_param("/p?a=1&b=x%2By+z#f", "b").as_deref(),
            Some("x+y z")
        );
        assert!(forms("<form action='x'><input name='a' value='").len() == 1);
    }
}
