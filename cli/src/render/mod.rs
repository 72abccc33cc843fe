//! Terminal rendering.

#[cfg(test)]
pub mod ansi_screen;
pub mod qr;
pub mod qr_screen;
pub mod week;
