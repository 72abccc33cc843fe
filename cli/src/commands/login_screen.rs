//! What `login` shows while an order runs: the state in words on standard error, and, for
//! BankID on another device, the animated QR code on standard output — redrawn in place on a
//! terminal, one plain payload a line when standard output is a file or a pipe.

use std::io::{IsTerminal as _, Stdout, Write as _};

use skolbryggan::provider::{LoginState, LoginUpdate};

use crate::render::qr_screen::{QrScreen, TermSize, instruction};

/// A login state in words.
fn describe(state: &LoginState, app: &str) -> String {
    match state {
        LoginState::Pending => format!("waiting for the {app} app to open…"),
        LoginState::UserSign => "the app is open: confirm with your security code".to_owned(),
        LoginState::Signed => "identified; setting up the session…".to_owned(),
        LoginState::Complete => "logged in".to_owned(),
        LoginState::Failed(reason) => format!("failed: {reason}"),
        LoginState::Cancelled => "cancelled".to_owned(),
    }
}

/// Where the QR frames go.
enum QrOut {
    /// No QR code (BankID or Freja on this device, passwords).
    None,
    /// A terminal: the code, redrawn in place.
    Terminal(QrScreen<Stdout>),
    /// A file or a pipe: each frame's payload on its own line.
    Plain { told: bool },
}

/// The login's screen.
pub struct LoginScreen {
    qr: QrOut,
    app: &'static str,
}

impl LoginScreen {
    /// A screen for a login with the identity app `app` ("BankID"); `qr` draws QR frames.
    pub fn new(qr: bool, app: &'static str) -> Self {
        let qr = match (qr, std::io::stdout().is_terminal()) {
            (false, _) => QrOut::None,
            (true, true) => QrOut::Terminal(QrScreen::new(std::io::stdout(), app)),
            (true, false) => QrOut::Plain { told: false },
        };
        LoginScreen { qr, app }
    }

    /// Shows one update: a new QR frame, or the state in words (removing the code first).
    pub fn update(&mut self, update: &LoginUpdate) {
        match (&mut self.qr, &update.qr) {
            (QrOut::Terminal(screen), Some(frame)) => {
                let size = TermSize::of_stdout().unwrap_or(TermSize::FALLBACK);
                // A terminal that went away is no reason to stop the login.
                let _ = screen.show(&frame.payload, size);
                return;
            }
            (QrOut::Plain { told }, Some(frame)) => {
                if !*told {
                    eprintln!("{}", instruction(self.app));
                    *told = true;
                }
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", frame.payload);
                let _ = out.flush();
                return;
            }
            _ => {}
        }
        if matches!(update.state, LoginState::Pending) && !matches!(self.qr, QrOut::None) {
            // A QR login still waiting, this time without a new frame (GrandID's first polls):
            // the code on screen (or the one coming) stays what to scan. Nothing is printed —
            // never "waiting for the app", which is not what the parent has to do, and no extra
            // line that would push the code's block into scrolling the terminal.
            return;
        }
        self.clear();
        eprintln!("  {}", describe(&update.state, self.app));
    }

    /// Removes the QR code from the terminal, if one is shown.
    pub fn clear(&mut self) {
        if let QrOut::Terminal(screen) = &mut self.qr {
            let _ = screen.clear();
        }
    }
}
