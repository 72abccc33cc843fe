//! InfoMentor's login walk (`walk::SsoWalk`), a state machine fed the pages the client lands on.
//! The input is a sequence of pages separated by NUL bytes, each `url\nhtml`; a page whose text
//! is exactly `OK` stands for BankID's `OK` (`after_ok`). The first byte is unused (kept so all
//! targets share one input layout and seeds).

use skolbryggan::provider::infomentor::walk::{SsoWalk, WalkStep};

/// Pages fed at most per input (the walk itself gives up after a few).
const MAX_PAGES: usize = 32;

/// One input: start a walk and feed it every page until it ends.
pub fn run(data: &[u8]) {
    let Some((_, text)) = crate::split(data) else {
        return;
    };
    let (mut walk, _) = SsoWalk::start("stockholm");
    for page in text.split('\0').take(MAX_PAGES) {
        let step = if page == "OK" {
            walk.after_ok()
        } else {
            let (url, html) = page.split_once('\n').unwrap_or((page, ""));
            walk.on_page(url, html)
        };
        let _ = walk.bankid_page();
        let _ = walk.startpage_target();
        match step {
            WalkStep::Failed(failure) => {
                let _ = failure.into_error();
                break;
            }
            WalkStep::LoggedIn => break,
            _ => {}
        }
    }
}
