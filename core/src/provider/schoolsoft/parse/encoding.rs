//! The text of a JSP page. The pages declare ISO-8859-1 and are really Windows-1252; read as
//! UTF-8 they turn å/ä/ö into mojibake. A body that is valid UTF-8 is taken as such (a page
//! re-encoded by a proxy, or a sample saved as UTF-8); anything else is decoded as
//! Windows-1252, where every byte is a character.

/// The characters of the bytes 0x80–0x9F in Windows-1252 (`None` for the five unused ones).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// Decodes a JSP page's bytes (UTF-8 when valid, else Windows-1252).
pub fn decode_jsp(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    bytes.iter().map(|&b| windows_1252_char(b)).collect()
}

fn windows_1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH
            .get(usize::from(b - 0x80))
            .copied()
            .flatten()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Encodes text as Windows-1252 (characters outside it become `?`): what the real JSP pages
/// send. Used by the emulator and by tests.
pub fn encode_windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            let code = u32::from(c);
            if code < 0x80 || (0xA0..=0xFF).contains(&code) {
                u8::try_from(code).unwrap_or(b'?')
            } else {
                CP1252_HIGH
                    .iter()
                    .position(|h| *h == Some(c))
                    .and_then(|i| u8::try_from(i + 0x80).ok())
                    .unwrap_or(b'?')
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_bytes_become_swedish_letters() {
        let bytes = encode_windows_1252("Frånvaroanmälan – Öppet €");
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode_jsp(&bytes), "Frånvaroanmälan – Öppet €");
    }

    #[test]
    fn utf8_stays_utf8() {
        assert_eq!(decode_jsp("Påhittade".as_bytes()), "Påhittade");
    }
}
