//! The media type of a loaded file: the answer's `Content-Type`, or, when that is missing or
//! only says "bytes", what the first bytes show (PNG, JPEG, GIF, WebP, PDF).

/// The type a server gives when it does not say what the bytes are.
const OCTET_STREAM: &str = "application/octet-stream";

/// The media type of `body`: the essence of `content_type` (lower case, without parameters)
/// when it names a type, else the type its first bytes show, else `application/octet-stream`.
pub fn media_type(content_type: Option<&str>, body: &[u8]) -> String {
    let declared = content_type
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| is_type(v) && v != OCTET_STREAM);
    declared
        .or_else(|| sniff(body).map(str::to_owned))
        .unwrap_or_else(|| OCTET_STREAM.to_owned())
}

/// `type/subtype` with both parts non-empty and no spaces.
fn is_type(value: &str) -> bool {
    value
        .split_once('/')
        .is_some_and(|(t, s)| !t.is_empty() && !s.is_empty() && !value.contains(' '))
}

/// The media type the first bytes of `body` show, if it is one of the formats schools send.
pub fn sniff(body: &[u8]) -> Option<&'static str> {
    if body.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if body.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if body.starts_with(b"GIF87a") || body.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if body.len() >= 12 && body.starts_with(b"RIFF") && &body[8..12] == b"WEBP" {
        Some("image/webp")
    } else if body.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_the_formats_schools_send() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0"), Some("image/png"));
        assert_eq!(
            sniff(&[0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
            Some("image/jpeg")
        );
        assert_eq!(sniff(b"GIF89a\x01\0"), Some("image/gif"));
        assert_eq!(sniff(b"GIF87a\x01\0"), Some("image/gif"));
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
    }

    #[test]
    fn unknown_short_and_near_miss_bytes_are_not_sniffed() {
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"\x89PN"), None);
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVE"), None);
        assert_eq!(sniff(b"RIFFWEBP"), None);
        assert_eq!(sniff(b"<html>"), None);
        assert_eq!(sniff(&[0xff, 0xd8]), None);
    }

    #[test]
    fn a_declared_type_wins_without_its_parameters() {
        assert_eq!(
            media_type(Some("Image/PNG; charset=binary"), b"%PDF-1.4"),
            "image/png"
        );
        assert_eq!(media_type(Some("application/pdf"), b""), "application/pdf");
    }

    #[test]
    fn octet_stream_missing_or_broken_types_fall_back_to_the_bytes() {
        assert_eq!(
            media_type(Some("application/octet-stream"), b"%PDF-1.4"),
            "application/pdf"
        );
        assert_eq!(media_type(None, &[0xff, 0xd8, 0xff, 0xdb]), "image/jpeg");
        assert_eq!(media_type(Some("nonsense"), b"GIF89a"), "image/gif");
        assert_eq!(media_type(Some(" / "), b"GIF89a"), "image/gif");
        assert_eq!(media_type(None, b"hello"), "application/octet-stream");
        assert_eq!(
            media_type(Some("application/octet-stream"), b"hello"),
            "application/octet-stream"
        );
    }
}
