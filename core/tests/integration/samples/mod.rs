//! The parsers against recorded upstream samples, and the emulator's renderers round-tripped.

mod fuzz_found;
mod infomentor;
mod infomentor_module_shell;
mod infomentor_roundtrip;
mod menus;
mod never_read;
mod no_panic;
mod schoolsoft;
mod schoolsoft_samples;
mod skola24;
mod stockholm;
mod vklass;
