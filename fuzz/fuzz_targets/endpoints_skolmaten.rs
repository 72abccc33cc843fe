#![no_main]
skolbryggan_fuzz::endpoints_target!("skolmaten");
