//! All-number dates: "2016-03-11", "11/03/2016", "7/8/07", "11.03.2016". Day/month order is
//! settled, in this order, by a written weekday, by a part over 12, by the convention the
//! document shows elsewhere (another numeric date with a part over 12), by the document date
//! (the reading closest to it, not after it), and finally day-first (international wire style).

use chrono::{Datelike, NaiveDate};
use sitrep_text::{Document, TokenKind};

/// What the document tells about day/month order (and whether "May" is a name in it).
#[derive(Debug, Clone, Copy, Default)]
pub struct NumericOrder {
    /// Some(true): day first seen elsewhere in the document; Some(false): month first.
    pub day_first: Option<bool>,
    pub published: Option<NaiveDate>,
    /// The document writes "May" as a surname ("Theresa May", "Mrs May"): a bare "May" is
    /// then read as the month only after a word that cannot precede a name ("early", "since").
    pub may_is_name: bool,
}

/// Capitalised words before "May" that make it the month, not a surname.
const MAY_MONTH_BEFORE: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "during",
    "early",
    "late",
    "mid",
    "end",
    "of",
    "last",
    "next",
    "this",
    "through",
    "throughout",
    "before",
    "after",
    "from",
    "to",
    "and",
    "or",
    "the",
    "on",
    "between",
    "each",
    "every",
    "but",
    "as",
];

fn split3(s: &str) -> Option<(&str, &str, &str, char)> {
    let sep = s.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let mut it = s.split(sep);
    let (a, b, c) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some()
        || [a, b, c]
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    Some((a, b, c, sep))
}

fn full_year(c: &str, published: Option<NaiveDate>) -> Option<i32> {
    let v: i32 = c.parse().ok()?;
    match c.len() {
        4 => Some(v),
        2 => {
            // Two-digit years: the century that puts it nearest the document (or 2000s).
            let base = published.map(|p| p.year()).unwrap_or(2000);
            let cand = base / 100 * 100 + v;
            Some(if cand > base + 20 { cand - 100 } else { cand })
        }
        _ => None,
    }
}

/// Parse a numeric date; `weekday` (ISO number) is the weekday written next to it, if any.
pub fn parse(s: &str, weekday: Option<u32>, order: NumericOrder) -> Option<(i32, u32, u32)> {
    let (a, b, c, sep) = split3(s)?;
    if a.len() == 4 {
        // ISO order: year-month-day.
        let (y, m, d) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
        NaiveDate::from_ymd_opt(y, m, d)?;
        return Some((y, m, d));
    }
    if a.len() > 2 || b.len() > 2 || (sep == '.' && c.len() != 4) {
        return None;
    }
    let y = full_year(c, order.published)?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let (p, q): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    let dm = NaiveDate::from_ymd_opt(y, q, p); // day first
    let md = NaiveDate::from_ymd_opt(y, p, q); // month first
    let pick = |d: NaiveDate| Some((d.year(), d.month(), d.day()));
    match (dm, md) {
        (None, None) => None,
        (Some(d), None) | (None, Some(d)) => pick(d),
        (Some(x), Some(z)) if x == z => pick(x),
        (Some(x), Some(z)) => {
            if let Some(wd) = weekday {
                let fits = |d: NaiveDate| d.weekday().number_from_monday() == wd;
                match (fits(x), fits(z)) {
                    (true, false) => return pick(x),
                    (false, true) => return pick(z),
                    _ => {}
                }
            }
            if let Some(day_first) = order.day_first {
                return pick(if day_first { x } else { z });
            }
            if let Some(p) = order.published {
                // The reading not after the document date and closest to it.
                let score = |d: NaiveDate| {
                    if d > p {
                        i64::MAX / 2 + (d - p).num_days()
                    } else {
                        (p - d).num_days()
                    }
                };
                return pick(if score(z) < score(x) { z } else { x });
            }
            pick(x)
        }
    }
}

/// The day/month convention shown by the document's unambiguous numeric dates.
pub fn document_order(doc: &Document) -> NumericOrder {
    let mut day_first = None;
    for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Number) {
        let s = doc.slice(t.span);
        let Some((a, b, _, _)) = split3(s) else {
            continue;
        };
        if a.len() > 2 {
            continue;
        }
        let (p, q): (u32, u32) = match (a.parse(), b.parse()) {
            (Ok(p), Ok(q)) => (p, q),
            _ => continue,
        };
        if p > 12 && q <= 12 {
            day_first = Some(true);
            break;
        }
        if q > 12 && p <= 12 {
            day_first = Some(false);
            break;
        }
    }
    // "Theresa May", "Mrs. May": a capitalised word (not a date word) right before a "May"
    // that no number follows.
    let may_is_name = doc.tokens.iter().enumerate().any(|(i, t)| {
        t.cap
            && t.norm == "may"
            && i > 0
            && doc.tokens[i - 1].cap
            && doc.tokens[i - 1].kind == TokenKind::Word
            && !MAY_MONTH_BEFORE.contains(&doc.tokens[i - 1].norm.trim_end_matches('.'))
            && doc
                .tokens
                .get(i + 1)
                .is_none_or(|n| n.kind != TokenKind::Number)
    });
    NumericOrder {
        day_first,
        published: doc.published,
        may_is_name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn orders() {
        let none = NumericOrder::default();
        assert_eq!(parse("2016-03-11", None, none), Some((2016, 3, 11)));
        // Friday settles 11 March (3 November 2016 was a Thursday).
        assert_eq!(parse("11/03/2016", Some(5), none), Some((2016, 3, 11)));
        assert_eq!(parse("03/11/2016", Some(5), none), Some((2016, 3, 11)));
        assert_eq!(parse("25/12/2015", None, none), Some((2015, 12, 25)));
        let pubd = NumericOrder {
            day_first: None,
            published: Some(d("2007-07-09")),
            ..Default::default()
        };
        assert_eq!(parse("7/8/07", None, pubd), Some((2007, 7, 8)));
        let us = NumericOrder {
            day_first: Some(false),
            published: None,
            ..Default::default()
        };
        assert_eq!(parse("3/4/2016", None, us), Some((2016, 3, 4)));
        assert_eq!(parse("1.5", None, none), None);
        assert_eq!(parse("10:30", None, none), None);
    }
}
