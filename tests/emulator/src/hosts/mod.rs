//! One module per emulated upstream system; [`dispatch`] routes by host name.

pub(crate) mod etjanster;
pub(crate) mod skola24;
pub(crate) mod stockholm_login;

use crate::http::{Req, Resp};
use crate::state::Shared;

/// What the fault layer asks a handler to do differently.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Ctx {
    /// Answer with another child's data (and `Status=FS`).
    pub wrong_child: bool,
}

/// The SiteMinder parameters of the BankID realm (see `stockholm.md`).
pub const BANKID_SM: &str = "TYPE=33554433&REALMOID=06-42f40edd-0c5b-4dbc-b714-1be1e907f2de&GUID=1&SMAUTHREASON=0&METHOD=GET&SMAGENTNAME=IfNE0iMOtzq2TcxFADHylR6rkmFtwzoxRKh5nRMO9NBqIxHrc38jFyt56FASdxk1&TARGET=-SM-HTTPS%3a%2f%2flogin001%2estockholm%2ese%2fNECSadc%2fmbid%2fb64startpage%2ejsp%3fstartpage%3daHR0cHM6Ly9ldGphbnN0ZXIuc3RvY2tob2xtLnNlL3ZhcmRuYWRzaGF2YXJlL2lubG9nZ2FkMi9oZW0%3d";

/// The SiteMinder parameters of the Freja realm.
pub const FREJA_SM: &str = "TYPE=33554433&REALMOID=06-89cf916c-9764-45fa-8690-eaf3fe9282bc&GUID=1&SMAUTHREASON=0&METHOD=GET&SMAGENTNAME=IfNE0iMOtzq2TcxFADHylR6rkmFtwzoxRKh5nRMO9NBqIxHrc38jFyt56FASdxk1&TARGET=-SM-HTTPS%3a%2f%2flogin001%2estockholm%2ese%2fNECSadc%2ffreja%2fb64startpage%2ejsp%3fstartpage%3daHR0cHM6Ly9ldGphbnN0ZXIuc3RvY2tob2xtLnNlL3ZhcmRuYWRzaGF2YXJlL2lubG9nZ2FkMi9oZW0%3d";

/// The e-services host name since February 2024.
pub const ESERVICES_HOST: &str = "etjanster.stockholm.se";

/// The e-services host name until February 2024. The real servers still answer it (an
/// independent client sent `Host: etjanst.stockholm.se` in production for years), so the
/// emulator routes it to the same handler and carries it in its certificate.
pub const LEGACY_ESERVICES_HOST: &str = "etjanst.stockholm.se";

/// The e-services start page on `host`.
pub(crate) fn hem_url(host: &str) -> String {
    format!("https://{host}/vardnadshavare/inloggad2/hem")
}

/// The fixed scope id of Stockholm's timetable viewer (`x-scope`).
pub const SKOLA24_SCOPE: &str = "8a22163c-8662-4535-9050-bc5e1923df48";

/// Routes a request to its host's handler.
pub(crate) fn dispatch(shared: &Shared, req: &Req, ctx: Ctx) -> Resp {
    if crate::infomentor::owns_stockholm(shared, req) {
        return crate::infomentor::stockholm(shared, req);
    }
    if crate::vklass::owns(&req.host) {
        return crate::vklass::handle(shared, req);
    }
    match req.host.as_str() {
        "sso.infomentor.se"
        | "hub.infomentor.se"
        | "infomentor.se"
        | crate::infomentor::OTHER_IDP_HOST => crate::infomentor::handle(shared, req),
        "sms.schoolsoft.se" | "login.grandid.com" | "saml2.grandid.com" => {
            crate::schoolsoft::handle(shared, req, ctx)
        }
        "login003.stockholm.se" => stockholm_login::login003(shared, req),
        "login001.stockholm.se" => stockholm_login::login001(shared, req),
        ESERVICES_HOST | LEGACY_ESERVICES_HOST => etjanster::handle(shared, req, ctx),
        "stockholm-sso.skola24.se" => skola24::sso(shared, req),
        "websthlm.skola24.se" => skola24::api(shared, req),
        "skolmaten.se" => crate::menus::skolmaten::handle(req),
        "menu.matildaplatform.com" => {
            let today = shared.lock().today.unwrap_or_else(skolbryggan::time::today);
            crate::menus::matilda::handle(req, today)
        }
        _ => Resp::html(
            404,
            crate::html::error_page(404, "Not Found", "This host is not emulated."),
        ),
    }
}

/// A 404 page.
pub(crate) fn not_found() -> Resp {
    Resp::html(
        404,
        crate::html::error_page(
            404,
            "Not Found",
            "The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.",
        ),
    )
}

/// Where the e-services send a request without a valid session.
pub(crate) fn login_redirect_url(target: &str) -> String {
    // SiteMinder writes its escapes in lower case (`%3a%2f%2f`).
    let encoded: String = target
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
                char::from(b).to_string()
            } else {
                format!("%{b:02x}")
            }
        })
        .collect();
    format!("https://login001.stockholm.se/NECSadc/medborgare.jsp?TARGET=-SM-{encoded}")
}

/// The `Set-Cookie` of a SiteMinder session.
pub(crate) fn smsession_cookie(value: &str) -> String {
    format!("SMSESSION={value}; Domain=.stockholm.se; path=/; HttpOnly; SameSite=Lax")
}

/// The language cookie set with the session.
pub(crate) fn language_cookie() -> String {
    let expires = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * 365))
        .unwrap_or_else(|_| jiff::Timestamp::now())
        .strftime("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    format!(
        "StockholmEServiceLanguage=1053,Svenska,Language,sv; expires={expires}; Domain=.stockholm.se; path=/"
    )
}
