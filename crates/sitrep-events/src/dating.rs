//! Event dates from the time mentions: which time expressions can date an event (dates and times
//! not after publication, clipped to it), their precision on ACLED's scale, and the article's
//! narrative day (the date its news happened) for events whose sentence names none.

use crate::mentions::{Mentions, TimeRef};
use chrono::{Duration, NaiveDate};
use sitrep_text::Document;

pub fn time_precision(p: &str) -> u8 {
    match p {
        "time" | "day" => 1,
        "week" => 2,
        _ => 3,
    }
}

pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn usable_time(t: &TimeRef, published: Option<NaiveDate>) -> Option<[NaiveDate; 2]> {
    if !matches!(t.ttype.as_str(), "DATE" | "TIME") {
        return None;
    }
    let r = t.range?;
    match published {
        Some(p) if r[0] > p => None,
        Some(p) if r[1] > p => Some([r[0], p]),
        _ => Some(r),
    }
}

/// The day the article's news happened: the first day-precision date of the body that is not
/// after publication and not more than two weeks before it; else the publication date.
pub fn narrative_date(doc: &Document, m: &Mentions) -> Option<(NaiveDate, bool)> {
    let published = doc.published;
    for (_, s) in doc.body_sentences() {
        for t in m
            .times
            .iter()
            .filter(|t| t.start >= s.span.start && t.end <= s.span.end)
        {
            if !matches!(t.precision.as_str(), "day" | "time") {
                continue;
            }
            let Some(r) = usable_time(t, published) else {
                continue;
            };
            match published {
                Some(p) if r[0] + Duration::days(14) < p => continue,
                _ => return Some((r[0], true)),
            }
        }
    }
    published.map(|p| (p, false))
}
