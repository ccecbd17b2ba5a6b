//! PLOVER gold-standard records (`shared/eval/events/plover-gsr.json`): each record's sentence is
//! annotated alone; a gold `source`/`target` `actorText` is found when an actor mention or a
//! person overlaps it, and its country is right when an overlapping actor's country has the
//! gold code's ISO alpha-3 (codes that are not countries — IGO, NGO, IMG, ... — are not counted).
//! Two figures: with the place readings (`Who::place_actors`: "in Algiers", "an Indian proposal")
//! and with the doer mentions (`Who::actors`) and people alone.

use crate::{annotate, ActorsError, Lexicon};
use serde_json::Value;
use sitrep_text::{DocMeta, Document};
use std::fmt;

#[derive(Debug, Clone, Default)]
pub struct ActorReport {
    pub records: usize,
    pub actors: usize,
    pub found: usize,
    pub with_country: usize,
    pub country_ok: usize,
    /// Found by `actors` or `people` alone (no place reading).
    pub found_agents: usize,
    pub country_ok_agents: usize,
    pub missed: Vec<String>,
}

impl ActorReport {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.actors.max(1) as f64
    }
    pub fn country_recall(&self) -> f64 {
        self.country_ok as f64 / self.with_country.max(1) as f64
    }
    pub fn recall_agents(&self) -> f64 {
        self.found_agents as f64 / self.actors.max(1) as f64
    }
    pub fn country_recall_agents(&self) -> f64 {
        self.country_ok_agents as f64 / self.with_country.max(1) as f64
    }
}

impl fmt::Display for ActorReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "plover actors: records={} gold actors={} actor-text recall={:.3} ({}/{}) country recall={:.3} ({}/{}); without place readings: actor-text {:.3} country {:.3}",
            self.records,
            self.actors,
            self.recall(),
            self.found,
            self.actors,
            self.country_recall(),
            self.country_ok,
            self.with_country,
            self.recall_agents(),
            self.country_recall_agents()
        )
    }
}

const NOT_COUNTRIES: &[&str] = &["IGO", "NGO", "IMG", "ISM", "***", "UAF"];

/// Char span of the gold actor text in the sentence (its first part when it has "..." gaps).
fn locate(text: &str, actor: &str) -> Option<(usize, usize)> {
    let part = actor.split("...").map(str::trim).find(|p| !p.is_empty())?;
    let part = part
        .trim_end_matches(|c: char| c == '\'' || c == '’' || c == 's' && part.ends_with("'s"))
        .trim();
    let b = text.find(part).or_else(|| {
        text.to_lowercase()
            .find(&part.to_lowercase())
            .filter(|_| text.is_ascii())
    })?;
    let s = text[..b].chars().count();
    Some((s, s + part.chars().count()))
}

/// Score actor-text and country recall over the PLOVER records.
pub fn eval_plover_actors(path: &str) -> Result<ActorReport, ActorsError> {
    let raw = std::fs::read_to_string(path).map_err(|source| ActorsError::Io {
        path: path.to_string(),
        source,
    })?;
    let gold: Value = serde_json::from_str(&raw).map_err(|e| ActorsError::Gold {
        path: path.to_string(),
        reason: e.to_string(),
    })?;
    let lex = Lexicon::load()?;
    let mut r = ActorReport::default();
    for rec in gold.as_array().into_iter().flatten() {
        let Some(text) = rec.get("text").and_then(Value::as_str) else {
            continue;
        };
        r.records += 1;
        let doc = Document::new(
            DocMeta {
                id: rec.get("id").and_then(Value::as_str).unwrap_or("").into(),
                ..Default::default()
            },
            text.to_string(),
        );
        let who = annotate(&doc, &lex);
        for side in ["source", "target"] {
            let items: Vec<&Value> = match rec.get(side) {
                Some(Value::Array(v)) => v.iter().collect(),
                Some(v @ Value::Object(_)) => vec![v],
                _ => vec![],
            };
            for it in items {
                let Some(at) = it.get("actorText").and_then(Value::as_str).map(str::trim) else {
                    continue;
                };
                let code = it.get("code").and_then(Value::as_str).unwrap_or("");
                r.actors += 1;
                let country_counted = code.len() == 3 && !NOT_COUNTRIES.contains(&code);
                if country_counted {
                    r.with_country += 1;
                }
                let Some((s, e)) = locate(text, at) else {
                    r.missed.push(format!("{at:?} not located"));
                    continue;
                };
                let overlapping = |v: &'_ [crate::ActorMention]| -> Vec<crate::ActorMention> {
                    v.iter()
                        .filter(|a| a.start < e && s < a.end)
                        .cloned()
                        .collect()
                };
                let agents = overlapping(&who.actors);
                let places = overlapping(&who.place_actors);
                let person = who.people.iter().any(|p| p.start < e && s < p.end);
                let right = |v: &[crate::ActorMention]| {
                    v.iter().any(|a| {
                        a.country
                            .as_deref()
                            .and_then(sitrep_geo::countries::by_iso2)
                            .is_some_and(|c| c.iso3 == code)
                    })
                };
                if !agents.is_empty() || person {
                    r.found_agents += 1;
                    if country_counted && right(&agents) {
                        r.country_ok_agents += 1;
                    }
                }
                if agents.is_empty() && places.is_empty() && !person {
                    r.missed
                        .push(format!("{at:?} in {:?}", &text[..text.len().min(90)]));
                    continue;
                }
                r.found += 1;
                if agents.is_empty() && !person {
                    r.missed.push(format!(
                        "place reading only: {at:?} in {:?}",
                        &text[..text.len().min(90)]
                    ));
                }
                if country_counted {
                    if right(&agents) || right(&places) {
                        r.country_ok += 1;
                    } else {
                        r.missed.push(format!(
                            "country {at:?} {code} got {:?}",
                            agents
                                .iter()
                                .chain(&places)
                                .map(|a| a.country.clone())
                                .collect::<Vec<_>>()
                        ));
                    }
                }
            }
        }
    }
    Ok(r)
}
