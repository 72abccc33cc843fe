//! A QR code as terminal text: half blocks in explicit colours, so it scans on a light and on a
//! dark terminal alike.
//!
//! Each character cell holds two modules, one above the other (`▀`, `▄`, `█` or a space). Every
//! line sets its own colours (black foreground for dark modules, white background for light
//! ones, from the 256-colour palette whose entries 16 and 231 themes leave alone) and resets
//! them at its end, so the terminal's own colours never show inside the code.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules left of and right of the code. The standard asks for four.
pub const QUIET_SIDES: usize = 4;
/// Light modules above and below the code: two (one text line), so that the code for a
/// BankID payload fits an 80 × 24 window with its instruction line.
pub const QUIET_TOP_BOTTOM: usize = 2;

/// Black on white, from the fixed part of the 256-colour palette.
const COLOURS: &str = "\x1b[38;5;16;48;5;231m";
/// Back to the terminal's own colours.
const RESET: &str = "\x1b[0m";

/// A QR code drawn as terminal lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrArt {
    /// The lines, each with its colour codes, without line ends.
    pub lines: Vec<String>,
    /// Character cells per line.
    pub width: usize,
}

/// Draws `payload` as a QR code, or `None` when it is too long for one.
///
/// Error correction level L keeps a BankID payload (`bankid.<token>.<seconds>.<code>`, about
/// 110 bytes) at version 6, 41 modules: 49 cells wide and 23 lines high with the quiet zone.
pub fn draw(payload: &str) -> Option<QrArt> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::L).ok()?;
    let size = code.width();
    let colors = code.to_colors();
    let dark = |x: usize, y: usize| -> bool {
        // Outside the code (the quiet zone) is light.
        let (Some(x), Some(y)) = (x.checked_sub(QUIET_SIDES), y.checked_sub(QUIET_TOP_BOTTOM))
        else {
            return false;
        };
        x < size && y < size && colors.get(y * size + x) == Some(&Color::Dark)
    };
    let width = size + 2 * QUIET_SIDES;
    let rows = size + 2 * QUIET_TOP_BOTTOM;
    let lines = (0..rows.div_ceil(2))
        .map(|line| {
            let (top, bottom) = (2 * line, 2 * line + 1);
            let cells: String = (0..width)
                .map(|x| match (dark(x, top), dark(x, bottom)) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                })
                .collect();
            format!("{COLOURS}{cells}{RESET}")
        })
        .collect();
    Some(QrArt { lines, width })
}

/// Breaks `text` into lines of at most `width` characters at spaces (a longer word stays whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOAD: &str = "bankid.5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.12.9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d";

    #[test]
    fn a_bankid_payload_fits_an_80_by_24_window_with_one_line_to_spare() {
        let art = draw(PAYLOAD).unwrap();
        assert_eq!(art.width, 41 + 2 * QUIET_SIDES);
        assert_eq!(art.lines.len(), 23);
        for line in &art.lines {
            assert!(line.starts_with(COLOURS) && line.ends_with(RESET));
            let cells = &line[COLOURS.len()..line.len() - RESET.len()];
            assert_eq!(cells.chars().count(), art.width);
            assert!(cells.chars().all(|c| matches!(c, ' ' | '▀' | '▄' | '█')));
        }
    }

    #[test]
    fn the_quiet_zone_is_light() {
        let art = draw(PAYLOAD).unwrap();
        let cells = |line: &str| line[COLOURS.len()..line.len() - RESET.len()].to_owned();
        assert!(cells(&art.lines[0]).chars().all(|c| c == ' '));
        assert!(cells(art.lines.last().unwrap()).chars().all(|c| c == ' '));
        for line in &art.lines {
            let c = cells(line);
            assert!(c.starts_with("    ") && c.ends_with("    "));
        }
    }

    #[test]
    fn too_long_a_payload_draws_nothing() {
        assert_eq!(draw(&"x".repeat(10_000)), None);
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Scan the QR code with the app", 12),
            ["Scan the QR", "code with", "the app"]
        );
        assert_eq!(
            wrap("averyveryverylongword a", 5),
            ["averyveryverylongword", "a"]
        );
        assert!(wrap("", 5).is_empty());
    }
}
