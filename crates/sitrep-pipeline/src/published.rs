//! Publication dates as articles write them in metadata: `2016-03-11`, `2016-03-11T08:00:00Z`,
//! `2016-03-11 08:00`, `20160311`, `2016/03/11`; and the stamps of flattened page headers that
//! the time stage cannot read because the page glued them together ("Last updated at Apr
//! 152017", "07.07.2015Get short URL").

use chrono::NaiveDate;
use sitrep_text::layout::HeaderKind;
use sitrep_text::{calendar, prelude, Document, SentenceKind, Token, TokenKind};
use std::ops::Range;

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

/// A day from "d.m.yyyy" / "d-m-yyyy" / "d/m/yyyy" digits, possibly glued to a word; the day
/// comes first unless only the other order is a valid date.
fn numeric(s: &str) -> Option<NaiveDate> {
    let head = s.trim_end_matches(|c: char| c.is_alphabetic());
    let parts: Vec<u32> = head
        .split(['.', '-', '/'])
        .map(|p| p.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    let [a, b, y] = parts[..] else {
        return None;
    };
    if !(1900..2100).contains(&y) {
        return None;
    }
    let y = y as i32;
    NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b))
}

/// The publication date of a header stamp glued together by the page ("Apr 152017": 15 April
/// 2017; "07.07.2015Get"), read from the document's date lines and from a stamp flattened into
/// the head of its first body sentence.
pub fn from_header(doc: &Document) -> Option<NaiveDate> {
    let mut ranges: Vec<Range<usize>> = doc
        .sentences
        .iter()
        .filter(|s| s.kind == SentenceKind::Date)
        .map(|s| s.tokens.clone())
        .collect();
    if let Some((_, s)) = doc.body_sentences().next() {
        let parts = prelude::inline_headers(&doc.tokens, s.tokens.clone(), doc.title.as_deref());
        ranges.extend(
            parts
                .into_iter()
                .filter(|(_, k)| *k == HeaderKind::Date)
                .map(|(r, _)| r),
        );
    }
    ranges
        .into_iter()
        .find_map(|r| stamp_date(doc, &doc.tokens[r]))
}

fn stamp_date(doc: &Document, toks: &[Token]) -> Option<NaiveDate> {
    for (k, t) in toks.iter().enumerate() {
        if let Some(d) = numeric(doc.slice(t.span)) {
            return Some(d);
        }
        let Some(m) = (t.kind == TokenKind::Word)
            .then(|| calendar::month_number(&t.norm))
            .flatten()
        else {
            continue;
        };
        let Some(n) = toks.get(k + 1).map(|n| n.norm.as_str()) else {
            continue;
        };
        if (5..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) {
            let (d, y) = n.split_at(n.len() - 4);
            if let (Ok(d), Ok(y)) = (d.parse(), y.parse()) {
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(day);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{from_header, parse};
    use sitrep_text::{DocMeta, Document};

    #[test]
    fn glued_header_stamps() {
        let doc = |t: &str| Document::new(DocMeta::default(), t.to_string());
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let a = doc("Last updated at Apr 152017 A suicide car bomb killed 43 people.");
        assert_eq!(from_header(&a), d(2017, 4, 15));
        let b = doc("07.07.2015Get short URL 0 25 A suicide bomber blew himself up.");
        assert_eq!(from_header(&b), d(2015, 7, 7));
        let c = doc("6-09-2013 Extremists admit killing 30 people in the town.");
        assert_eq!(from_header(&c), d(2013, 9, 6));
        let e = doc("Six people were killed on Apr 15 in the town.");
        assert_eq!(from_header(&e), None);
    }
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
