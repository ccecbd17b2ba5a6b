//! Event-coding scorers, computed as `../shared/tools/score.py` does where it defines them: the
//! seed article (required events, not-events, nothing after publication), CASE 2021 task 2 (main
//! event's ACLED sub-type: accuracy, weighted F1 over ACLED types and over all with unseen types as
//! "none", macro F1); and the shared reading and pipeline-running helpers of every event scorer.
//! The PLOVER and PETRARCH-2 scorers live in `eval_gsr`, re-exported here.

use crate::eval_fakes::main_event;
use crate::Pipeline;
use sitrep_events::Event;
use sitrep_text::input::RawArticle;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

pub use crate::eval_gsr::{eval_petrarch, eval_plover, PetrarchReport, PloverReport};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("{path}: {reason}")]
    Read { path: String, reason: String },
}

pub(crate) fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|e| EvalError::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

/// Events of one text run through the whole pipeline.
pub fn events_of(
    p: &Pipeline,
    id: &str,
    title: Option<String>,
    text: &str,
    published: Option<String>,
) -> Vec<Event> {
    let raw = RawArticle {
        id: id.to_string(),
        title,
        text: text.to_string(),
        published,
        source: None,
        url: None,
    };
    match p.document(raw, None) {
        Ok(doc) => p.extract(&p.annotate(doc)).events,
        Err(_) => Vec::new(),
    }
}

fn overlap(a: (i64, i64), b: (i64, i64)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn score_fold(s: &str) -> String {
    let f = sitrep_text::fold(s);
    let spaced: String = f
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn occurrences(text: &str, s: &str) -> Vec<(i64, i64)> {
    if s.is_empty() {
        return Vec::new();
    }
    text.match_indices(s)
        .map(|(b, m)| {
            let c = text[..b].chars().count() as i64;
            (c, c + m.chars().count() as i64)
        })
        .collect()
}

fn km(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let r = |x: f64| x.to_radians();
    let h =
        (r(c - a) / 2.0).sin().powi(2) + r(a).cos() * r(c).cos() * (r(d - b) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().min(1.0).asin()
}

#[derive(Debug, Clone, Default)]
pub struct SeedReport {
    pub required: usize,
    pub found: usize,
    pub events: usize,
    pub after_publication: usize,
    pub not_event_hits: usize,
}

impl fmt::Display for SeedReport {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "seed events: required found {}/{}; events={}; after-publication={}; not_events hits={}",
            self.found, self.required, self.events, self.after_publication, self.not_event_hits
        )
    }
}

/// The seed article against its gold (rules in the seed README, as `score.py seed-events`).
pub fn eval_seed(p: &Pipeline, article: &Path, gold: &Path) -> Result<SeedReport, EvalError> {
    let text = read(article)?;
    let gold: serde_json::Value =
        serde_json::from_str(&read(gold)?).map_err(|e| EvalError::Read {
            path: "gold".into(),
            reason: e.to_string(),
        })?;
    let evs = events_of(p, "seed", None, &text, None);
    let mut r = SeedReport {
        events: evs.len(),
        ..Default::default()
    };
    let empty = Vec::new();
    let gev = gold["events"].as_array().unwrap_or(&empty);
    let places = gold["places"].as_array().unwrap_or(&empty);
    let actors = gold["actors"].as_array().unwrap_or(&empty);
    for g in gev.iter().filter(|g| g["required"].as_bool() == Some(true)) {
        r.required += 1;
        let sent = occurrences(&text, g["evidence_contains"].as_str().unwrap_or(""));
        let gsub = g["acled_sub_event_type"].as_str().unwrap_or("");
        let also: Vec<&str> = g["acled_sub_event_type_also_accepted"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        let gactor = g["actor1"].as_str().unwrap_or("");
        let gname = score_fold(gactor);
        let mentions: BTreeSet<String> = actors
            .iter()
            .filter(|a| a["canonical"].as_str() == Some(gactor))
            .flat_map(|a| a["mentions"].as_array().cloned().unwrap_or_default())
            .filter_map(|m| m.as_str().map(score_fold))
            .collect();
        let good = |e: &Event| -> bool {
            let ev = (e.evidence.start as i64, e.evidence.end as i64);
            if !sent.iter().any(|&(s, t)| overlap(ev, (s - 200, t + 200))) {
                return false;
            }
            let st = e.acled_sub_event_type.as_deref().unwrap_or("");
            if st != gsub && !also.contains(&st) {
                return false;
            }
            let (sname, stext) = e
                .actor1
                .as_ref()
                .map(|a| (score_fold(&a.name), score_fold(&a.text)))
                .unwrap_or_default();
            let gw: BTreeSet<&str> = gname.split(' ').collect();
            let sw: BTreeSet<&str> = sname.split(' ').collect();
            if sname.is_empty()
                || !(gw.is_subset(&sw) || sw.is_subset(&gw) || mentions.contains(&stext))
            {
                return false;
            }
            if let Some(gid) = g["geonameid"].as_u64() {
                let gp = places.iter().find(|p| p["geonameid"].as_u64() == Some(gid));
                let near = match (gp, e.place.as_ref()) {
                    (Some(gp), Some(pl)) => {
                        km(
                            gp["lat"].as_f64().unwrap_or(0.0),
                            gp["lon"].as_f64().unwrap_or(0.0),
                            pl.lat,
                            pl.lon,
                        ) <= 25.0
                    }
                    _ => false,
                };
                if e.place.as_ref().and_then(|pl| pl.geonameid) != Some(gid as u32) && !near {
                    return false;
                }
            }
            let acc = g["accept_range"].as_array();
            match (e.date.as_ref(), acc) {
                (Some(d), Some(a)) => {
                    let lo = a.first().and_then(|x| x.as_str()).unwrap_or("");
                    let hi = a.get(1).and_then(|x| x.as_str()).unwrap_or("");
                    !d.range[0].is_empty()
                        && lo <= d.range[0].get(..10).unwrap_or("")
                        && d.range[1].get(..10).unwrap_or("") <= hi
                }
                _ => false,
            }
        };
        if evs.iter().any(good) {
            r.found += 1;
        }
    }
    let published = gold["document"]["published"].as_str().unwrap_or("9999");
    r.after_publication = evs
        .iter()
        .filter(|e| {
            e.date
                .as_ref()
                .is_some_and(|d| d.range[0].get(..10).unwrap_or("") > published)
        })
        .count();
    for ne in gold["not_events"].as_array().unwrap_or(&empty) {
        let forbid: Option<Vec<&str>> = ne["forbid"]
            .as_array()
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect());
        for (s, t) in occurrences(&text, ne["text_contains"].as_str().unwrap_or("")) {
            r.not_event_hits += evs
                .iter()
                .filter(|e| {
                    !matches!(e.certainty.as_str(), "speculative" | "denied")
                        && e.acled_sub_event_type
                            .as_deref()
                            .is_some_and(|st| forbid.as_ref().is_none_or(|f| f.contains(&st)))
                        && overlap((e.evidence.start as i64, e.evidence.end as i64), (s, t))
                })
                .count();
        }
    }
    Ok(r)
}

const CASE2ACLED: &[(&str, &str)] = &[
    ("ABDUCT_DISSAP", "Abduction/forced disappearance"),
    ("AGREEMENT", "Agreement"),
    ("AIR_STRIKE", "Air/drone strike"),
    ("ARMED_CLASH", "Armed clash"),
    ("ARREST", "Arrests"),
    ("ART_MISS_ATTACK", "Shelling/artillery/missile attack"),
    ("ATTACK", "Attack"),
    ("CHANGE_TO_GROUP_ACT", "Change to group/activity"),
    ("CHEM_WEAP", "Chemical weapon"),
    ("DISR_WEAP", "Disrupted weapons use"),
    (
        "FORCE_AGAINST_PROTEST",
        "Excessive force against protesters",
    ),
    ("GOV_REGAINS_TERIT", "Government regains territory"),
    ("GRENADE", "Grenade"),
    ("HQ_ESTABLISHED", "Headquarters or base established"),
    ("MOB_VIOL", "Mob violence"),
    (
        "NON_STATE_ACTOR_OVERTAKES_TER",
        "Non-state actor overtakes territory",
    ),
    (
        "NON_VIOL_TERRIT_TRANSFER",
        "Non-violent transfer of territory",
    ),
    ("OTHER", "Other"),
    ("PEACE_PROTEST", "Peaceful protest"),
    ("PROPERTY_DISTRUCT", "Looting/property destruction"),
    ("PROTEST_WITH_INTER", "Protest with intervention"),
    ("REM_EXPLOS", "Remote explosive/landmine/IED"),
    ("SEX_VIOL", "Sexual violence"),
    ("SUIC_BOMB", "Suicide bomb"),
    ("VIOL_DEMONSTR", "Violent demonstration"),
];

/// Per-label F1 weighted by support (`score.py`'s weighted_f1), and the unweighted mean over labels
/// with support.
fn f1s(pairs: &[(String, String)], labels: &BTreeSet<String>) -> (f64, f64) {
    let (mut tot, mut acc, mut macro_sum, mut n) = (0usize, 0.0, 0.0, 0usize);
    for l in labels {
        let tp = pairs.iter().filter(|(g, p)| g == l && p == l).count();
        let fp = pairs.iter().filter(|(g, p)| g != l && p == l).count();
        let fnn = pairs.iter().filter(|(g, p)| g == l && p != l).count();
        let sup = tp + fnn;
        let f = if tp > 0 {
            2.0 * tp as f64 / (2 * tp + fp + fnn) as f64
        } else {
            0.0
        };
        acc += f * sup as f64;
        tot += sup;
        if sup > 0 {
            macro_sum += f;
            n += 1;
        }
    }
    (
        if tot > 0 { acc / tot as f64 } else { 0.0 },
        if n > 0 { macro_sum / n as f64 } else { 0.0 },
    )
}

#[derive(Debug, Clone, Default)]
pub struct CaseReport {
    pub snippets: usize,
    pub labelled: usize,
    pub accuracy: f64,
    pub weighted_f1: f64,
    pub weighted_f1_all: f64,
    pub macro_f1: f64,
    /// Weighted F1 (ACLED types) of the snippets with even and odd ids: a split to develop rules
    /// on one half and check them on the other.
    pub halves: [f64; 2],
}

impl fmt::Display for CaseReport {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "case2021: snippets={} ACLED-labelled={} accuracy={:.3} weighted F1 (ACLED types)={:.3} weighted F1 (all, unseen=none)={:.3} macro F1={:.3}; by id parity: even {:.3} odd {:.3}",
            self.snippets, self.labelled, self.accuracy, self.weighted_f1, self.weighted_f1_all, self.macro_f1, self.halves[0], self.halves[1]
        )
    }
}

/// CASE 2021 task 2: the main event's ACLED sub-type of each snippet.
pub fn eval_case(p: &Pipeline, path: &Path) -> Result<CaseReport, EvalError> {
    let text = read(path)?;
    let map: BTreeMap<&str, &str> = CASE2ACLED.iter().copied().collect();
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut half_pairs: [Vec<(String, String)>; 2] = [Vec::new(), Vec::new()];
    for (i, line) in text.lines().enumerate() {
        if i == 0 || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let g = map
            .get(cols[2].trim())
            .copied()
            .unwrap_or("none")
            .to_string();
        let evs = events_of(p, &format!("case{}", cols[0]), None, cols[1], None);
        // As score.py: no event is "none"; a main event without an ACLED type is a null label.
        let pred = match main_event(&evs, false) {
            Some(e) => e
                .acled_sub_event_type
                .clone()
                .unwrap_or_else(|| "null".into()),
            None => "none".into(),
        };
        if g != "none" {
            let half = cols[0].trim().parse::<u64>().map(|n| (n % 2) as usize);
            if let Ok(h) = half {
                half_pairs[h].push((g.clone(), pred.clone()));
            }
        }
        pairs.push((g, pred));
    }
    let seen: Vec<(String, String)> = pairs.iter().filter(|(g, _)| g != "none").cloned().collect();
    let labels: BTreeSet<String> = CASE2ACLED.iter().map(|(_, a)| a.to_string()).collect();
    let mut all_labels = labels.clone();
    all_labels.insert("none".into());
    let (w1, macro_f1) = f1s(&seen, &labels);
    let (w3, _) = f1s(&pairs, &all_labels);
    let acc = if seen.is_empty() {
        0.0
    } else {
        seen.iter().filter(|(g, p)| g == p).count() as f64 / seen.len() as f64
    };
    Ok(CaseReport {
        snippets: pairs.len(),
        labelled: seen.len(),
        accuracy: acc,
        weighted_f1: w1,
        weighted_f1_all: w3,
        macro_f1,
        halves: [
            f1s(&half_pairs[0], &labels).0,
            f1s(&half_pairs[1], &labels).0,
        ],
    })
}

/// `../shared`, the gold data the scorers' tests read, or `None` (with a message) when this checkout
/// has none beside it.
#[cfg(test)]
pub(crate) fn shared_for_tests() -> Option<std::path::PathBuf> {
    let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("eval/events").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared/eval/events is absent");
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline() -> Pipeline {
        Pipeline::load().expect("pipeline data")
    }

    // Floors at the figures measured when each scorer landed; they only rise.
    #[test]
    fn seed_events_all_required_no_false_positives() {
        let Some(s) = shared_for_tests() else { return };
        let r = eval_seed(
            &pipeline(),
            &s.join("seed/article.txt"),
            &s.join("seed/gold.json"),
        )
        .expect("seed");
        eprintln!("{r}");
        assert_eq!(r.found, r.required, "{r}");
        assert_eq!(r.not_event_hits, 0, "{r}");
        assert_eq!(r.after_publication, 0, "{r}");
    }

    #[test]
    fn case2021_weighted_f1_floor() {
        let Some(s) = shared_for_tests() else { return };
        let r =
            eval_case(&pipeline(), &s.join("eval/events/case2021-task2-dev.tsv")).expect("case");
        eprintln!("{r}");
        assert!(r.weighted_f1 >= CASE_FLOOR, "{r}");
    }

    const CASE_FLOOR: f64 = 0.84;
}
