//! Host name patterns: the hosts a provider's client may reach under an emulator override, and
//! the hosts whose pages mean "log in first". Each provider hands its own to [`super::HttpConfig`];
//! this layer knows no platform.

/// A host name pattern, compared ASCII case-insensitively, where each `#` stands for one ASCII
/// digit (`login###.stockholm.se` matches `login001.stockholm.se` and `LOGIN003.stockholm.se`,
/// not `loginabc.stockholm.se` nor `login001.stockholm.se.evil.org`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostPattern(&'static str);

impl HostPattern {
    /// A pattern (`#` = one digit; everything else literal).
    pub const fn new(pattern: &'static str) -> Self {
        HostPattern(pattern)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &'static str {
        self.0
    }

    /// True when `host` matches the whole pattern.
    pub fn matches(&self, host: &str) -> bool {
        let pattern = self.0.as_bytes();
        let host = host.as_bytes();
        pattern.len() == host.len()
            && pattern.iter().zip(host).all(|(p, h)| match p {
                b'#' => h.is_ascii_digit(),
                p => p.eq_ignore_ascii_case(h),
            })
    }
}

/// True when `host` matches one of `patterns`.
pub fn matches_any(patterns: &[HostPattern], host: &str) -> bool {
    patterns.iter().any(|p| p.matches(host))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_case() {
        let p = HostPattern::new("login###.example.se");
        assert!(p.matches("login001.example.se"));
        assert!(p.matches("LOGIN123.Example.SE"));
        assert!(!p.matches("loginabc.example.se"));
        assert!(!p.matches("login0001.example.se"));
        assert!(!p.matches("login001.example.se.evil.org"));
        assert!(!p.matches(""));
        assert!(matches_any(&[HostPattern::new("a.se"), p], "A.se"));
        assert!(!matches_any(&[], "a.se"));
    }
}
