//! The HTML pages of the InfoMentor login chain: auto-submit SAML forms, the "Login in progress"
//! interstitials with an `oauth_token`, Stockholm's method chooser, error pages.
//!
//! Form `action`s and link `href`s are returned as written in the page; the client resolves them
//! against the page URL.

use std::cell::{Cell, RefCell};

use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use serde::Serialize;

use crate::html_scan;

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

/// Every form of the page, in order (scanned with html5ever's tokenizer: `<script>` contents
/// and comments are never taken for forms, entities are decoded).
pub fn forms(html: &str) -> Vec<HtmlForm> {
    html_scan::run(html, PageSink::default()).forms.into_inner()
}

/// The `href`s of every `<a>` of the page, entity-decoded.
pub fn links(html: &str) -> Vec<String> {
    html_scan::run(html, PageSink::default()).links.into_inner()
}

/// A query parameter of a URL as written (percent-decoded, `+` as space).
pub fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// A `<select>` being read: its name and the option a browser submits.
struct OpenSelect {
    name: String,
    first: Option<String>,
    selected: Option<String>,
}

/// Collects the forms (with the fields a browser submits) and the link targets of a page.
#[derive(Default)]
struct PageSink {
    forms: RefCell<Vec<HtmlForm>>,
    links: RefCell<Vec<String>>,
    in_form: Cell<bool>,
    textarea: RefCell<Option<(String, String)>>,
    select: RefCell<Option<OpenSelect>>,
}

/// A non-empty attribute value.
fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| a.value.to_string())
        .filter(|v| !v.is_empty())
}

fn has_attr(tag: &Tag, name: &str) -> bool {
    tag.attrs.iter().any(|a| &*a.name.local == name)
}

/// What a browser submits for an `<input>`: none for buttons and files, checked boxes only.
fn input_value(tag: &Tag) -> Option<String> {
    let kind = attr(tag, "type").unwrap_or_default().to_ascii_lowercase();
    match kind.as_str() {
        "submit" | "button" | "image" | "reset" | "file" => None,
        "checkbox" | "radio" if !has_attr(tag, "checked") => None,
        "checkbox" | "radio" => Some(attr(tag, "value").unwrap_or_else(|| "on".to_owned())),
        _ => Some(attr(tag, "value").unwrap_or_default()),
    }
}

impl PageSink {
    fn push_field(&self, name: String, value: String) {
        if let Some(form) = self.forms.borrow_mut().last_mut() {
            form.fields.push((name, value));
        }
    }

    fn start_tag(&self, tag: &Tag) {
        let in_form = self.in_form.get();
        match &*tag.name {
            "a" => self.links.borrow_mut().extend(attr(tag, "href")),
            "form" => {
                self.forms.borrow_mut().push(HtmlForm {
                    id: attr(tag, "id"),
                    action: attr(tag, "action"),
                    method: attr(tag, "method")
                        .map(|m| m.to_ascii_uppercase())
                        .unwrap_or_else(|| "GET".to_owned()),
                    fields: Vec::new(),
                });
                self.in_form.set(true);
            }
            "input" if in_form => {
                if let (Some(name), Some(value)) = (attr(tag, "name"), input_value(tag)) {
                    self.push_field(name, value);
                }
            }
            "textarea" if in_form => {
                *self.textarea.borrow_mut() = attr(tag, "name").map(|n| (n, String::new()));
            }
            "select" if in_form => {
                *self.select.borrow_mut() = attr(tag, "name").map(|name| OpenSelect {
                    name,
                    first: None,
                    selected: None,
                });
            }
            "option" => {
                if let Some(select) = self.select.borrow_mut().as_mut() {
                    let value = attr(tag, "value").unwrap_or_default();
                    if has_attr(tag, "selected") && select.selected.is_none() {
                        select.selected = Some(value.clone());
                    }
                    select.first.get_or_insert(value);
                }
            }
            _ => {}
        }
    }

    fn end_tag(&self, tag: &Tag) {
        match &*tag.name {
            "form" => self.in_form.set(false),
            "textarea" => {
                if let Some((name, text)) = self.textarea.borrow_mut().take() {
                    self.push_field(name, text);
                }
            }
            "select" => {
                if let Some(select) = self.select.borrow_mut().take()
                    && let Some(value) = select.selected.or(select.first)
                {
                    self.push_field(select.name, value);
                }
            }
            _ => {}
        }
    }
}

impl TokenSink for PageSink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                self.start_tag(&tag);
                if let Some(kind) = html_scan::raw_kind(&tag.name) {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::TagToken(tag) => self.end_tag(&tag),
            Token::CharacterTokens(text) => {
                if let Some((_, value)) = self.textarea.borrow_mut().as_mut() {
                    value.push_str(&text);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
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
