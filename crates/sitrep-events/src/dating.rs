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
/// after publication and not more than two weeks before it, with where it is told; else the
/// publication date (told nowhere).
pub fn narrative_date(doc: &Document, m: &Mentions) -> Option<(NaiveDate, Option<usize>)> {
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
                _ => return Some((r[0], Some(t.start))),
            }
        }
    }
    published.map(|p| (p, None))
}

/// The day of an event whose own sentence names none, told in the sentence starting at
/// `sentence_start`: the narrative day once the story has told it (the sentences after "on
/// Saturday" continue that day's story); before that — an undated lead — the report's own day.
pub fn undated_day(
    narrative: Option<(NaiveDate, Option<usize>)>,
    published: Option<NaiveDate>,
    sentence_start: usize,
) -> Option<NaiveDate> {
    match narrative {
        Some((d, Some(at))) if at < sentence_start => Some(d),
        Some((d, _)) => published.or(Some(d)),
        None => published,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undated_lead_is_the_reports_day_its_followers_the_storys() {
        let d = |day| NaiveDate::from_ymd_opt(2016, 3, day);
        let sunday = d(6).map(|x| (x, Some(100)));
        // Before "on Sunday" is told: the report's day.
        assert_eq!(undated_day(sunday, d(11), 0), d(11));
        // After it: Sunday's story.
        assert_eq!(undated_day(sunday, d(11), 200), d(6));
        // No day told anywhere: the report's day; no report date: the story's.
        assert_eq!(undated_day(d(11).map(|x| (x, None)), d(11), 0), d(11));
        assert_eq!(undated_day(sunday, None, 0), d(6));
    }
}
