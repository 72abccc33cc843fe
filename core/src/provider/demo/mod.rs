//! The built-in demo family.
