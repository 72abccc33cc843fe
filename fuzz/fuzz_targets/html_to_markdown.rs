#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| skolbryggan_fuzz::markdown::run(data));
