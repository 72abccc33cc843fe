#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| skolbryggan_fuzz::sso_walk::run(data));
