//! Scoring against MEANTIME (English, JSON Lines with `published`, `text`, `timex`, `dct`),
//! computed exactly as `score_time` of the project's official scorer: relaxed span F1 (any
//! overlap), value F1 (the first system expression overlapping a gold one carries the value),
//! the dateline's creation-time span excluded; plus strict span F1 and type accuracy.

use crate::{annotate, TimeMention};
use serde::Deserialize;
use sitrep_text::{DocMeta, Document};
use std::fmt;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} line {line}: {source}")]
    Json {
        path: String,
        line: usize,
        source: serde_json::Error,
    },
}

#[derive(Deserialize)]
struct GoldTimex {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    ttype: String,
    value: String,
}

#[derive(Deserialize)]
struct Offsets {
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct GoldDoc {
    id: String,
    title: Option<String>,
    published: Option<String>,
    text: String,
    #[serde(default)]
    timex: Vec<GoldTimex>,
    dct: Option<Offsets>,
}

/// P/R/F1 figures of one set of system expressions against the gold ones.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub gold: usize,
    pub system: usize,
    pub relaxed_span_p: f64,
    pub relaxed_span_r: f64,
    pub relaxed_span_f1: f64,
    pub strict_span_p: f64,
    pub strict_span_r: f64,
    pub strict_span_f1: f64,
    pub value_p: f64,
    pub value_r: f64,
    pub value_f1: f64,
    /// Share of overlap-matched gold expressions whose TimeML type is right.
    pub type_accuracy: f64,
}

/// The measures of one run. MEANTIME annotates only the title and the first sentences of each
/// article (the first four body sentences here), so besides the official whole-document figures
/// (`all`, what the project scorer computes) `region` scores only the system expressions found
/// in the title, date lines and first `REGION_SENTENCES` body sentences.
#[derive(Debug, Clone, Default)]
pub struct TimeReport {
    pub docs: usize,
    pub all: Scores,
    pub region: Scores,
    /// Misses and wrong values (whole document): (doc id, gold text, gold value, system value).
    pub errors: Vec<(String, String, String, String)>,
    /// System expressions in the annotated region that overlap no gold one: (doc id, text, value).
    pub spurious: Vec<(String, String, String)>,
    /// System expressions past the annotated region, for precision checks by eye:
    /// (doc id, text, value, surrounding words).
    pub outside: Vec<(String, String, String, String)>,
    /// Overlap-matched expressions whose TimeML type differs: (doc id, gold text, gold type, system type).
    pub type_errors: Vec<(String, String, String, String)>,
}

/// Body sentences per article that MEANTIME annotates (after the title and date lines).
pub const REGION_SENTENCES: usize = 4;

#[derive(Default)]
struct Counts {
    gold: usize,
    system: usize,
    span_hit_s: usize,
    span_hit_g: usize,
    val_ok: usize,
    strict_hit: usize,
    typed: usize,
    type_ok: usize,
}

impl Counts {
    fn add(&mut self, times: &[TimeMention], gold: &[GoldTimex]) {
        self.system += times.len();
        self.gold += gold.len();
        for t in times {
            if gold.iter().any(|x| overlap(t.start, t.end, x.start, x.end)) {
                self.span_hit_s += 1;
            }
            if gold.iter().any(|x| x.start == t.start && x.end == t.end) {
                self.strict_hit += 1;
            }
        }
        for x in gold {
            if let Some(t) = times
                .iter()
                .find(|t| overlap(t.start, t.end, x.start, x.end))
            {
                self.span_hit_g += 1;
                self.typed += 1;
                if type_name(t) == x.ttype {
                    self.type_ok += 1;
                }
                if t.value == x.value {
                    self.val_ok += 1;
                }
            }
        }
    }

    fn scores(&self) -> Scores {
        let mut s = Scores {
            gold: self.gold,
            system: self.system,
            ..Default::default()
        };
        s.relaxed_span_p = ratio(self.span_hit_s, self.system);
        s.relaxed_span_r = ratio(self.span_hit_g, self.gold);
        s.relaxed_span_f1 = f1(s.relaxed_span_p, s.relaxed_span_r);
        s.strict_span_p = ratio(self.strict_hit, self.system);
        s.strict_span_r = ratio(self.strict_hit, self.gold);
        s.strict_span_f1 = f1(s.strict_span_p, s.strict_span_r);
        s.value_p = ratio(self.val_ok, self.system);
        s.value_r = ratio(self.val_ok, self.gold);
        s.value_f1 = f1(s.value_p, s.value_r);
        s.type_accuracy = ratio(self.type_ok, self.typed);
        s
    }
}

fn type_name(t: &TimeMention) -> String {
    format!("{:?}", t.ttype).to_uppercase()
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn overlap(s1: usize, e1: usize, s2: usize, e2: usize) -> bool {
    s1 < e2 && s2 < e1
}

/// Score `annotate` (no quote spans) over a MEANTIME JSON Lines file.
pub fn eval_meantime(path: impl AsRef<Path>) -> Result<TimeReport, EvalError> {
    let path = path.as_ref();
    let p = path.display().to_string();
    let raw = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: p.clone(),
        source,
    })?;
    let mut rep = TimeReport::default();
    let (mut all, mut region) = (Counts::default(), Counts::default());
    for (ln, line) in raw.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldDoc = serde_json::from_str(line).map_err(|source| EvalError::Json {
            path: p.clone(),
            line: ln + 1,
            source,
        })?;
        let published = g.published.as_deref().and_then(|s| {
            chrono::NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").ok()
        });
        let doc = Document::new(
            DocMeta {
                id: g.id.clone(),
                title: g.title.clone(),
                published,
                ..Default::default()
            },
            g.text.clone(),
        );
        let times: Vec<TimeMention> = annotate(&doc, &[])
            .into_iter()
            .filter(|t| {
                !g.dct
                    .as_ref()
                    .is_some_and(|d| overlap(t.start, t.end, d.start, d.end))
            })
            .collect();
        let region_end = doc
            .body_sentences()
            .nth(REGION_SENTENCES - 1)
            .map(|(_, s)| s.span.end)
            .unwrap_or(usize::MAX);
        let in_region: Vec<TimeMention> = times
            .iter()
            .filter(|t| t.start < region_end)
            .cloned()
            .collect();
        rep.docs += 1;
        all.add(&times, &g.timex);
        region.add(&in_region, &g.timex);
        for t in &in_region {
            if !g
                .timex
                .iter()
                .any(|x| overlap(t.start, t.end, x.start, x.end))
            {
                rep.spurious
                    .push((g.id.clone(), t.text.clone(), t.value.clone()));
            }
        }
        for t in times.iter().filter(|t| t.start >= region_end) {
            let from = t.start.saturating_sub(30);
            let context: String = g.text.chars().skip(from).take(t.end + 30 - from).collect();
            rep.outside.push((
                g.id.clone(),
                t.text.clone(),
                t.value.clone(),
                context.replace('\n', " "),
            ));
        }
        for x in &g.timex {
            let gold_text: String = g.text.chars().skip(x.start).take(x.end - x.start).collect();
            let first = times
                .iter()
                .find(|t| overlap(t.start, t.end, x.start, x.end));
            if let Some(t) = first.filter(|t| type_name(t) != x.ttype) {
                rep.type_errors.push((
                    g.id.clone(),
                    gold_text.clone(),
                    x.ttype.clone(),
                    type_name(t),
                ));
            }
            match first {
                Some(t) if t.value == x.value && (t.start, t.end) != (x.start, x.end) => {
                    rep.errors.push((
                        g.id.clone(),
                        gold_text,
                        x.value.clone(),
                        format!("SPAN [{}]", t.text),
                    ))
                }
                Some(t) if t.value == x.value => {}
                Some(t) => rep.errors.push((
                    g.id.clone(),
                    gold_text,
                    x.value.clone(),
                    format!("{} [{}]", t.value, t.text),
                )),
                None => rep
                    .errors
                    .push((g.id.clone(), gold_text, x.value.clone(), "-".into())),
            }
        }
    }
    rep.all = all.scores();
    rep.region = region.scores();
    Ok(rep)
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "gold={} system={}", self.gold, self.system)?;
        writeln!(
            f,
            "    relaxed span  P={:.3} R={:.3} F1={:.3}",
            self.relaxed_span_p, self.relaxed_span_r, self.relaxed_span_f1
        )?;
        writeln!(
            f,
            "    strict span   P={:.3} R={:.3} F1={:.3}",
            self.strict_span_p, self.strict_span_r, self.strict_span_f1
        )?;
        writeln!(
            f,
            "    value         P={:.3} R={:.3} F1={:.3}",
            self.value_p, self.value_r, self.value_f1
        )?;
        write!(f, "    type accuracy {:.3}", self.type_accuracy)
    }
}

impl fmt::Display for TimeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "time meantime: docs={}", self.docs)?;
        writeln!(f, "  whole documents (as the project scorer): {}", self.all)?;
        write!(
            f,
            "  annotated region (title + first {REGION_SENTENCES} body sentences): {}",
            self.region
        )
    }
}
