//! `uniffi-bindgen`: generates the Kotlin, Swift and Python bindings from the built library.
//!
//! Pinned to the same UniFFI version as `skolbryggan-ffi` (a different version reads the
//! metadata differently). Build the library with `cargo build -p skolbryggan-ffi`, then
//! `cargo run -p uniffi-bindgen -- generate target/debug/libskolbryggan.so -l kotlin -o out`.

fn main() {
    uniffi::uniffi_bindgen_main()
}
