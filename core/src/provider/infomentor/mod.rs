//! InfoMentor Hub (`hub.infomentor.se`): the guardian Hub that Stockholm's schools are moving to.
//!
//! * [`parse`] — pure parsers of every Hub answer Skolbryggan reads.
//!
//! See `NOTES.md` next to this file for what is implemented and which upstream behaviour is
//! guessed.

pub mod parse;
