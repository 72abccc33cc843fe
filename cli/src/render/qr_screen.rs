//! The animated QR code on a terminal: each new frame replaces the last one in place (cursor up
//! to the block's first line, then every line erased and rewritten; nothing scrolls, and the
//! screen is never cleared from its top-left corner, which tmux would copy into the history),
//! with a line that says what to do, and a request for a larger window when the code cannot fit.

use std::io::{self, Write};

use super::qr;

/// The size of a terminal in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermSize {
    /// Columns.
    pub cols: usize,
    /// Rows.
    pub rows: usize,
}

impl TermSize {
    /// The size assumed when the terminal does not tell: the classic 80 × 24.
    pub const FALLBACK: TermSize = TermSize { cols: 80, rows: 24 };

    /// The size of the terminal that standard output writes to, if it is one.
    pub fn of_stdout() -> Option<TermSize> {
        terminal_size::terminal_size_of(io::stdout()).map(|(w, h)| TermSize {
            cols: usize::from(w.0),
            rows: usize::from(h.0),
        })
    }
}

/// What to tell the user under the code.
pub fn instruction(app: &str) -> String {
    format!("Scan the QR code with the {app} app on your other device; Ctrl-C cancels.")
}

/// The lines to show for one frame in a terminal of `size`: the code and the instruction, or,
/// when they do not fit, a request for a larger window.
pub fn frame_lines(payload: &str, app: &str, size: TermSize) -> Vec<String> {
    let Some(art) = qr::draw(payload) else {
        return qr::wrap("(this QR code is too long to draw)", size.cols.max(1));
    };
    let text = qr::wrap(&instruction(app), size.cols.max(art.width));
    let height = art.lines.len() + text.len();
    if art.width > size.cols || height > size.rows {
        let ask = format!(
            "The QR code needs a window of at least {} × {} characters; this one is {} × {}. \
             Make the window larger (or the font smaller): the code shows at its next frame. \
             Ctrl-C cancels.",
            art.width, height, size.cols, size.rows
        );
        return qr::wrap(&ask, size.cols.max(1));
    }
    art.lines.into_iter().chain(text).collect()
}

/// Erase the whole line the cursor is on (`CSI 2 K`); the cursor stays.
const ERASE_LINE: &str = "\x1b[2K";

/// One line down without scrolling (`CSI B`), then erase it.
const DOWN_AND_ERASE: &str = "\x1b[B\x1b[2K";

/// A QR code kept on screen and redrawn in place.
pub struct QrScreen<W: Write> {
    out: W,
    app: String,
    /// Lines of the block now on screen; the cursor sits at the end of its last line.
    drawn: usize,
}

impl<W: Write> QrScreen<W> {
    /// A screen writing to `out`, for the identity app named `app` ("BankID").
    pub fn new(out: W, app: impl Into<String>) -> Self {
        QrScreen {
            out,
            app: app.into(),
            drawn: 0,
        }
    }

    /// Shows `payload`, replacing what this screen showed before.
    ///
    /// The block ends without a line feed, so a block as high as the window does not scroll.
    pub fn show(&mut self, payload: &str, size: TermSize) -> io::Result<()> {
        let lines = frame_lines(payload, &self.app, size);
        let mut bytes = self.to_block_start();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                bytes.push('\n');
            }
            // Erase the old line, then write: the cursor never stops at a full line's end
            // before an erase (that would take the line's last character with it).
            bytes.push_str(ERASE_LINE);
            bytes.push_str(line);
        }
        // The lines a taller last block left below this one.
        let left_over = self.drawn.saturating_sub(lines.len());
        if left_over > 0 {
            for _ in 0..left_over {
                bytes.push_str(DOWN_AND_ERASE);
            }
            bytes.push_str(&format!("\x1b[{left_over}A"));
        }
        self.out.write_all(bytes.as_bytes())?;
        self.out.flush()?;
        self.drawn = lines.len();
        Ok(())
    }

    /// Removes the block; the cursor is left where it started.
    pub fn clear(&mut self) -> io::Result<()> {
        if self.drawn == 0 {
            return Ok(());
        }
        let mut bytes = self.to_block_start();
        bytes.push_str(ERASE_LINE);
        for _ in 1..self.drawn {
            bytes.push_str(DOWN_AND_ERASE);
        }
        bytes.push_str(&self.to_block_start());
        self.out.write_all(bytes.as_bytes())?;
        self.out.flush()?;
        self.drawn = 0;
        Ok(())
    }

    /// Back to the start of the block's first line (carriage return, cursor up); nothing when
    /// no block is shown.
    fn to_block_start(&self) -> String {
        match self.drawn {
            0 => String::new(),
            1 => "\r".to_owned(),
            n => format!("\r\x1b[{}A", n - 1),
        }
    }

    /// The writer, for tests.
    #[cfg(test)]
    pub fn into_inner(self) -> W {
        self.out
    }

    /// What was written since the last call, for tests.
    #[cfg(test)]
    pub fn take_written(&mut self) -> W
    where
        W: Default,
    {
        std::mem::take(&mut self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::ansi_screen::{Background, Screen};
    use super::*;

    const PAYLOADS: [&str; 2] = [
        "bankid.5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.0.9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d",
        "bankid.5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.1.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ];

    fn decode(bitmap: &super::super::ansi_screen::Bitmap) -> Vec<String> {
        let mut image =
            rqrr::PreparedImage::prepare_from_greyscale(bitmap.width, bitmap.height, |x, y| {
                bitmap.pixel(x, y)
            });
        image
            .detect_grids()
            .into_iter()
            .filter_map(|g| g.decode().ok().map(|(_, text)| text))
            .collect()
    }

    /// The bytes a two-frame login writes, as a terminal of `size` shows them at the end.
    fn screen_after_two_frames(size: TermSize) -> Screen {
        let mut qr = QrScreen::new(Vec::new(), "BankID");
        // Something already on screen above the code, as in a real session.
        let mut screen = Screen::new(size.cols, size.rows);
        screen.feed(b"$ skolbryggan login --qr\n");
        for payload in PAYLOADS {
            qr.show(payload, size).unwrap();
        }
        screen.feed(&qr.into_inner());
        screen
    }

    #[test]
    fn the_drawn_frame_decodes_on_light_and_dark_terminals() {
        let screen = screen_after_two_frames(TermSize::FALLBACK);
        for background in [Background::Light, Background::Dark] {
            let found = decode(&screen.bitmap(background));
            assert_eq!(found, [PAYLOADS[1]], "on a {background:?} terminal");
        }
    }

    #[test]
    fn the_second_frame_replaces_the_first_in_place() {
        let mut qr = QrScreen::new(Vec::new(), "BankID");
        let mut screen = Screen::new(80, 24);
        screen.feed(b"$ skolbryggan login --qr\n");
        qr.show(PAYLOADS[0], TermSize::FALLBACK).unwrap();
        screen.feed(&qr.take_written());
        // The block is as high as the window: the command line scrolled away, and the cursor
        // waits on the instruction line without a line feed.
        let after_first = screen.scrolled();
        assert_eq!(after_first, 1);
        for payload in PAYLOADS.iter().cycle().take(5) {
            qr.show(payload, TermSize::FALLBACK).unwrap();
            screen.feed(&qr.take_written());
        }
        // Later frames scroll nothing more.
        assert_eq!(screen.scrolled(), after_first);
        assert_eq!(
            screen.row_text(23).trim_end(),
            "Scan the QR code with the BankID app on your other device; Ctrl-C cancels."
        );
        assert!(screen.row_text(0).trim().is_empty());
        assert_eq!(decode(&screen.bitmap(Background::Light)), [PAYLOADS[0]]);
    }

    #[test]
    fn the_old_colourless_drawing_decodes_on_one_background_only() {
        // What the CLI drew before: light modules as plain full blocks in the foreground
        // colour. The bitmap check must tell the two backgrounds apart, or the test above
        // would prove nothing.
        let code = qrcode::QrCode::new(PAYLOADS[0].as_bytes()).unwrap();
        let text = code
            .render::<qrcode::render::unicode::Dense1x2>()
            .dark_color(qrcode::render::unicode::Dense1x2::Light)
            .light_color(qrcode::render::unicode::Dense1x2::Dark)
            .quiet_zone(true)
            .build();
        let mut screen = Screen::new(80, 40);
        screen.feed(text.as_bytes());
        assert_eq!(decode(&screen.bitmap(Background::Dark)), [PAYLOADS[0]]);
        assert!(decode(&screen.bitmap(Background::Light)).is_empty());
    }

    #[test]
    fn clearing_leaves_the_screen_as_before() {
        let mut qr = QrScreen::new(Vec::new(), "BankID");
        qr.show(PAYLOADS[0], TermSize::FALLBACK).unwrap();
        assert_eq!(qr.drawn, 24);
        qr.clear().unwrap();
        assert_eq!(qr.drawn, 0);
        // A window taller than the block, so that nothing scrolls.
        let mut screen = Screen::new(80, 30);
        screen.feed(b"$ skolbryggan login --qr\n");
        screen.feed(&qr.into_inner());
        assert_eq!(screen.scrolled(), 0);
        screen.feed(b"logged in");
        assert_eq!(screen.row_text(0).trim_end(), "$ skolbryggan login --qr");
        assert_eq!(screen.row_text(1).trim_end(), "logged in");
        assert!((2..30).all(|r| screen.row_text(r).trim().is_empty()));
    }

    #[test]
    fn a_small_window_is_asked_to_grow() {
        let small = TermSize { cols: 60, rows: 20 };
        let lines = frame_lines(PAYLOADS[0], "BankID", small);
        let text = lines.join(" ");
        assert!(
            text.contains("at least 49 × 25 characters; this one is 60 × 20"),
            "{text}"
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 60));
        assert!(!text.contains('\x1b'));
        // Too narrow for the code itself.
        let narrow = frame_lines(PAYLOADS[0], "BankID", TermSize { cols: 40, rows: 50 });
        assert!(narrow.join(" ").contains("at least 49 × "));
        // Once the window is large enough, the next frame shows the code.
        let mut qr = QrScreen::new(Vec::new(), "BankID");
        qr.show(PAYLOADS[0], small).unwrap();
        qr.show(PAYLOADS[1], TermSize::FALLBACK).unwrap();
        let mut screen = Screen::new(80, 24);
        screen.feed(&qr.take_written());
        assert_eq!(decode(&screen.bitmap(Background::Light)), [PAYLOADS[1]]);
        // And back: the shorter request replaces the whole code, nothing of it is left.
        qr.show(PAYLOADS[0], small).unwrap();
        screen.feed(&qr.into_inner());
        assert!(decode(&screen.bitmap(Background::Light)).is_empty());
        assert!(screen.row_text(0).contains("at least 49 × 25"));
        assert!((4..24).all(|r| screen.row_text(r).trim().is_empty()));
    }
}
