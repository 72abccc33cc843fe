//! Drawing an animated-QR frame in a terminal.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use super::login::QrFrame;

impl QrFrame {
    /// The QR code as text for a terminal: Unicode half blocks, two modules per character cell,
    /// with the quiet zone.
    ///
    /// Drawn for the usual light-on-dark terminal: dark modules are blank cells and light modules
    /// are filled (foreground-coloured) blocks, so the code reads dark-on-light on screen. A
    /// payload too long for a QR code gives a one-line notice instead of a code.
    pub fn to_terminal(&self) -> String {
        match QrCode::new(self.payload.as_bytes()) {
            Ok(code) => code
                .render::<Dense1x2>()
                .dark_color(Dense1x2::Light)
                .light_color(Dense1x2::Dark)
                .quiet_zone(true)
                .build(),
            Err(_) => "(this QR code cannot be drawn)".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_square_of_half_blocks() {
        let frame = QrFrame {
            payload: "bankid.5f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.1.9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d".to_owned(),
        };
        let text = frame.to_terminal();
        let lines: Vec<&str> = text.lines().collect();
        let width = lines[0].chars().count();
        assert!(width >= 21 + 8);
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Two module rows per text line.
        assert_eq!(lines.len(), width.div_ceil(2));
        assert!(
            text.chars()
                .all(|c| matches!(c, ' ' | '█' | '▀' | '▄' | '\n'))
        );
        // The quiet zone is light, so drawn as full blocks.
        assert!(lines[0].chars().all(|c| c == '█'));
    }

    #[test]
    fn too_long_payload_does_not_panic() {
        let frame = QrFrame {
            payload: "x".repeat(10_000),
        };
        assert_eq!(frame.to_terminal(), "(this QR code cannot be drawn)");
    }
}
