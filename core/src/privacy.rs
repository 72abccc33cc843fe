//! Keeping personal data out of logs and error messages.

/// Replaces every run of 10 or 12 digits that looks like a Swedish personal number (with or
/// without `-`/`+` before the last four) by its masked form (`19121212-****`, `121212-****`).
///
/// Use on any text from upstream or from the user before it goes into a log line.
pub fn mask_personal_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let head = j - i;
            // YYYYMMDD-NNNN / YYMMDD-NNNN
            if (head == 8 || head == 6)
                && j + 5 <= chars.len()
                && (chars[j] == '-' || chars[j] == '+')
                && chars[j + 1..j + 5].iter().all(|c| c.is_ascii_digit())
                && (j + 5 == chars.len() || !chars[j + 5].is_ascii_digit())
            {
                out.extend(&chars[i..j]);
                out.push_str("-****");
                i = j + 5;
                continue;
            }
            if head == 12 || head == 10 {
                out.extend(&chars[i..j - 4]);
                out.push_str("-****");
                i = j;
                continue;
            }
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_all_forms() {
        assert_eq!(
            mask_personal_numbers("pnr 191212121212 and 19121212-1212, 121212-1212 / 1212121212"),
            "pnr 19121212-**** and 19121212-****, 121212-**** / 121212-****"
        );
        assert_eq!(
            mask_personal_numbers("week 48, 2026-11-25 08:10"),
            "week 48, 2026-11-25 08:10"
        );
        assert_eq!(mask_personal_numbers("id 1234567"), "id 1234567");
    }
}
