//! Publication dates as articles write them in metadata: `2016-03-11`, `2016-03-11T08:00:00Z`,
//! `2016-03-11 08:00`, `20160311`, `2016/03/11`.

use chrono::NaiveDate;

/// Parse a metadata date; None when it is not a date we can read unambiguously.
pub fn parse(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    let head: String = s.chars().take(10).collect();
    for f in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(&head, f) {
            let rest = &s[head.len()..];
            if rest.is_empty() || rest.starts_with(['T', ' ', 't']) {
                return Some(d);
            }
        }
    }
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::parse;
    use chrono::NaiveDate;

    #[test]
    fn metadata_dates() {
        let d = NaiveDate::from_ymd_opt(2016, 3, 11);
        assert_eq!(parse("2016-03-11"), d);
        assert_eq!(parse("2016-03-11T08:00:00Z"), d);
        assert_eq!(parse("2016-03-11 08:00"), d);
        assert_eq!(parse("2016/03/11"), d);
        assert_eq!(parse("20160311"), d);
        assert_eq!(parse("Fri, 11 Mar 2016 08:00:00 +0000"), d);
        assert_eq!(parse("notadate"), None);
        assert_eq!(parse("2016-13-45"), None);
    }
}
