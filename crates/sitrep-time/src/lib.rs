//! sitrep-time: temporal expressions. Finds dates, times, durations and sets in a `Document`
//! (a hand-written matcher over its tokens), normalises them to TimeML values against the
//! document date — or, inside reported speech, against the time of the reporting — and gives
//! each a day range and precision. Reads the publication date from the header lines.
//! Knows nothing about places, actors or events.

pub mod eval;
mod expr;
mod lexicon;
mod matcher;
mod numeric;
mod resolve;
mod value;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sitrep_text::{Document, SentenceKind, Span};

pub use value::range_of;

/// TimeML's TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimeType {
    Date,
    Time,
    Duration,
    Set,
}

/// The granularity of a time expression's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Time,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Duration,
    Set,
}

impl Precision {
    pub(crate) fn from_name(s: &str) -> Precision {
        match s {
            "time" => Precision::Time,
            "day" => Precision::Day,
            "week" => Precision::Week,
            "month" => Precision::Month,
            "quarter" => Precision::Quarter,
            "year" => Precision::Year,
            "decade" => Precision::Decade,
            "set" => Precision::Set,
            _ => Precision::Duration,
        }
    }
}

/// One time expression of a document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TimeMention {
    pub text: String,
    /// Char offsets into `doc.text`.
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub ttype: TimeType,
    /// TimeML value: 2016-03-06, 2016-03-05TNI, 2016-W10, 2016-02, 2015, P1Y6M, PRESENT_REF.
    pub value: String,
    /// TimeML modifier: MORE_THAN, LESS_THAN, APPROX, START, MID, END, ...
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub tmod: Option<String>,
    /// [first day, last day]; null for durations, sets and unanchored values.
    pub range: Option<[NaiveDate; 2]>,
    pub precision: Precision,
}

/// The publication date written in the header/date lines or dateline of the article
/// ("Friday 11/03/2016" → 2016-03-11, the weekday settling day/month order; "Wed 19 Apr 2017").
/// Looks only at sentences of kind Title/Subtitle/Date and the start of the first body sentence.
pub fn dateline_date(doc: &Document) -> Option<NaiveDate> {
    let order = numeric::document_order(doc);
    let mut first_body = true;
    for s in &doc.sentences {
        let toks = if s.kind == SentenceKind::Body {
            if !first_body {
                break;
            }
            first_body = false;
            s.tokens.start..s.tokens.end.min(s.tokens.start + 8)
        } else {
            s.tokens.clone()
        };
        for f in matcher::Matcher::new(doc, toks, order).run() {
            if let expr::Expr::Date {
                y: expr::YearSpec::Abs(y),
                m,
                d: Some(d),
                ..
            } = f.expr
            {
                if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Some(day);
                }
            }
        }
    }
    None
}

/// All time expressions of the document, sorted by start. The reference time is
/// `doc.published`, or when absent the date written in the header lines (`dateline_date`);
/// with neither, relative expressions are still recognised but keep unresolved TimeML values
/// ("PRESENT_REF", "XXXX-XX-XX") and no range. `quotes` are the char spans of quoted or
/// reported speech: inside them, deictic expressions ("last night", "this morning",
/// "yesterday", "today") are anchored to the time of the reporting — the latest day-level date
/// told before the quote when it precedes the reference day — not to the publication date.
pub fn annotate(doc: &Document, quotes: &[Span]) -> Vec<TimeMention> {
    let order = numeric::document_order(doc);
    let reference = doc.published.or_else(|| dateline_date(doc));
    let mut out: Vec<TimeMention> = Vec::new();
    // The latest day-level date told so far (not a deictic one inside speech), for anchoring speech.
    let mut narrative: Option<NaiveDate> = None;
    // The first day and precision of the latest calendar date told, for "the following year".
    let mut last_told: Option<(NaiveDate, Precision)> = None;
    let mut last_res: Option<resolve::Resolved> = None;
    for s in &doc.sentences {
        let found = matcher::Matcher::new(doc, s.tokens.clone(), order).run();
        // The day this sentence talks about, for clock times without a day of their own.
        let sentence_day = found.iter().find_map(|f| match &f.expr {
            e @ (expr::Expr::Weekday { .. } | expr::Expr::DayRel(_)) => Some(e.clone()),
            e @ expr::Expr::Date { d: Some(_), .. } => Some(e.clone()),
            _ => None,
        });
        for f in found {
            let span = Span::new(
                doc.tokens[f.tok_start].span.start,
                doc.tokens[f.tok_end - 1].span.end,
            );
            let in_quote = quotes.iter().any(|q| q.contains(span));
            let mut e = f.expr.clone();
            if let expr::Expr::Time {
                base: base @ None, ..
            } = &mut e
            {
                *base = sentence_day.clone().map(Box::new);
            }
            // The day of the sentence, else of the narrative, else the reference day.
            let this_day = || match (&sentence_day, narrative) {
                (Some(d), _) => d.clone(),
                (None, Some(n)) => expr::Expr::Date {
                    y: expr::YearSpec::Abs(n.year()),
                    m: n.month(),
                    d: Some(n.day()),
                    dir: expr::Dir::Auto,
                },
                (None, None) => expr::Expr::DayRel(0),
            };
            if e == expr::Expr::SentenceDay {
                e = this_day();
            }
            // "in morning trading": a part of the day the sentence is about.
            if let expr::Expr::Pod { base, .. } = &mut e {
                if **base == expr::Expr::SentenceDay {
                    **base = this_day();
                }
            }
            let mut anchor = reference;
            if in_quote && e.is_deictic() {
                if let (Some(n), Some(r)) = (narrative, reference) {
                    if n < r {
                        anchor = Some(n);
                    }
                }
            }
            if let expr::Expr::Anaphor { unit, .. } = &e {
                let finest = match unit {
                    lexicon::Unit::Day => Precision::Day,
                    lexicon::Unit::Week => Precision::Week,
                    lexicon::Unit::Month => Precision::Month,
                    _ => Precision::Year,
                };
                if let Some((day, p)) = last_told {
                    if p <= finest {
                        anchor = Some(day);
                    }
                }
            }
            let resolved = match (&e, &last_res) {
                (expr::Expr::SameAsLast, Some(last)) => Some(last.clone()),
                (expr::Expr::YearBefore(unit), Some(last)) if same_unit(*unit, last.precision) => {
                    resolve::year_before(last).or_else(|| resolve::resolve(&e, anchor, f.future))
                }
                _ => resolve::resolve(&e, anchor, f.future),
            };
            let Some(mut res) = resolved else {
                continue;
            };
            resolve::apply_mod(&mut res, f.tmod);
            // Dates written out (weekdays, absolute dates) set the narrative date even inside
            // reported speech ("X said the group on Sunday pulled out"); deictic ones in quotes
            // are themselves anchored on it.
            if (!in_quote || !e.is_deictic()) && res.ttype == TimeType::Date {
                if let Some([a, b]) = res.range {
                    if a == b && reference.is_none_or(|r| a <= r) {
                        narrative = Some(a);
                    }
                }
            }
            // A comparison period ("a year earlier") is not the narrative's period.
            if matches!(res.ttype, TimeType::Date | TimeType::Time)
                && res.value.starts_with(|c: char| c.is_ascii_digit())
                && !matches!(e, expr::Expr::YearBefore(_))
            {
                if let Some([a, _]) = res.range {
                    last_told = Some((a, res.precision));
                    last_res = Some(res.clone());
                }
            }
            out.push(TimeMention {
                text: doc.slice(span).to_string(),
                start: span.start,
                end: span.end,
                ttype: res.ttype,
                value: res.value,
                tmod: f.tmod.map(str::to_string),
                range: res.range,
                precision: res.precision,
            });
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// True when a date of precision `p` is a period of `unit` ("the same month …" after
/// "January"); with no unit ("the same period"), any period from a day to a quarter.
fn same_unit(unit: Option<lexicon::Unit>, p: Precision) -> bool {
    use lexicon::Unit;
    match unit {
        Some(Unit::Day) => p == Precision::Day,
        Some(Unit::Week) => p == Precision::Week,
        Some(Unit::Month) => p == Precision::Month,
        Some(Unit::Quarter) => p == Precision::Quarter,
        _ => matches!(
            p,
            Precision::Day | Precision::Week | Precision::Month | Precision::Quarter
        ),
    }
}
