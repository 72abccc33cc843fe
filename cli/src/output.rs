//! Writing to standard output without panicking when the reader goes away (`| head`).

use std::io::Write as _;

/// Writes `text` to standard output; a closed pipe ends the output quietly.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
