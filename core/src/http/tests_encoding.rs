//! Compressed answers are not inflated: reqwest is built without gzip, brotli, deflate or zstd,
//! so a `Content-Encoding` body comes back as the bytes sent, and the size cap counts those bytes
//! (a small "zip bomb" stays small).

use std::sync::Arc;
use std::time::Duration;

use super::test_server::{Reply, serve};
use super::*;

/// CRC-32 (IEEE), for the gzip trailer.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Writes bits least significant first, as DEFLATE wants them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push((self.acc & 0xFF) as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, written most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
        self.put(reversed, len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push((self.acc & 0xFF) as u8);
        }
        self.out
    }
}

/// A valid gzip member that inflates to `len` zero bytes (`len` = 1 + a multiple of 258): one
/// fixed-Huffman block of a literal 0 and back-references of 258 bytes at distance 1.
fn gzip_of_zeros(len: usize) -> Vec<u8> {
    assert_eq!((len - 1) % 258, 0);
    let mut bits = Bits::default();
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE = 01, fixed Huffman
    bits.code(0b0011_0000, 8); // literal 0
    for _ in 0..(len - 1) / 258 {
        bits.code(0b1100_0101, 8); // length code 285: 258 bytes
        bits.code(0, 5); // distance code 0: distance 1
    }
    bits.code(0, 7); // end of block (256)
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend(bits.finish());
    let crc = crc32(&vec![0u8; len]);
    out.extend(crc.to_le_bytes());
    out.extend((len as u32).to_le_bytes());
    out
}

#[tokio::test]
async fn a_gzip_body_is_not_inflated_and_the_size_cap_counts_the_bytes_sent() {
    let config = HttpConfig::default().request_timeout(Duration::from_secs(10));
    // Inflated, this would be over the body cap (16 MiB).
    let inflated = config.max_body_bytes + 1 + 258 * 4000;
    let inflated = inflated - (inflated - 1) % 258;
    assert!(inflated > config.max_body_bytes);
    let gz = gzip_of_zeros(inflated);
    assert!(gz.len() < 200_000, "{}", gz.len());

    let sent = gz.clone();
    let server = serve(Arc::new(move |_| {
        let mut bytes = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-encoding: gzip\r\n\
             content-length: {}\r\nconnection: close\r\n\r\n",
            sent.len()
        )
        .into_bytes();
        bytes.extend_from_slice(&sent);
        Reply::raw(bytes)
    }))
    .await;
    let client = HttpClient::new(&config).unwrap();
    let req = HttpRequest::get("GetNewsArchive", &format!("{}/gz", server.base)).unwrap();
    let resp = client.send(&req).await.unwrap();
    assert_eq!(resp.status(), 200);
    assert_eq!(resp.body().len(), gz.len(), "the body was inflated");
    assert_eq!(resp.body(), &gz[..]);
    assert!(resp.body().starts_with(&[0x1f, 0x8b]));
    // The client does not ask for compression either.
    let head = server.requests.lock().unwrap()[0].to_ascii_lowercase();
    for coding in ["gzip", "br", "deflate", "zstd"] {
        assert!(
            !head
                .lines()
                .any(|l| l.starts_with("accept-encoding:") && l.contains(coding)),
            "the request offers {coding}: {head}"
        );
    }
}

#[test]
fn the_test_gzip_is_well_formed() {
    // The CRC of the standard check string, and the member layout: header, data, trailer.
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    let gz = gzip_of_zeros(1 + 258 * 3);
    assert_eq!(&gz[..3], &[0x1f, 0x8b, 8]);
    let trailer = &gz[gz.len() - 8..];
    assert_eq!(
        u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]),
        1 + 258 * 3
    );
}
