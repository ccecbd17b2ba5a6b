//! The seed article's "who" scorer: every listed actor mention mapped to its canonical actor,
//! people with a role sharing the gold role's key word, and quotes starting within 5 characters
//! of the gold quote with the right speaker (named: the speaker contains the name; anonymous:
//! `anonymous` and the description's head noun kept) — the rules of `shared/seed/README.md`.

use crate::{annotate, ActorsError, Lexicon};
use serde_json::Value;
use sitrep_text::{fold, DocMeta, Document};
use std::fmt;

#[derive(Debug, Clone, Default)]
pub struct SeedWhoReport {
    pub actor_mentions: usize,
    pub actor_mentions_ok: usize,
    pub people: usize,
    pub people_ok: usize,
    pub quotes: usize,
    pub quotes_ok: usize,
    pub missed: Vec<String>,
}

impl fmt::Display for SeedWhoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "seed who: actor mentions {}/{}, people {}/{}, quotes with speaker {}/{}",
            self.actor_mentions_ok,
            self.actor_mentions,
            self.people_ok,
            self.people,
            self.quotes_ok,
            self.quotes
        )?;
        if !self.missed.is_empty() {
            write!(f, "; missed: {}", self.missed.join("; "))?;
        }
        Ok(())
    }
}

/// Char offsets of whole-word, case-sensitive occurrences of `needle` in `text`.
pub(crate) fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    for (b, _) in text.match_indices(needle) {
        let before = text[..b].chars().next_back();
        let after = text[b + needle.len()..].chars().next();
        if !word(before) && !word(after) {
            let s = text[..b].chars().count();
            out.push((s, s + needle.chars().count()));
        }
    }
    out
}

/// The words of one name contain the words of the other.
pub(crate) fn names_match(a: &str, b: &str) -> bool {
    let (fa, fb) = (fold(a), fold(b));
    let wa: std::collections::HashSet<&str> = fa.split(' ').filter(|w| !w.is_empty()).collect();
    let wb: std::collections::HashSet<&str> = fb.split(' ').filter(|w| !w.is_empty()).collect();
    !wa.is_empty() && !wb.is_empty() && (wa.is_subset(&wb) || wb.is_subset(&wa))
}

const ROLE_STOP: &[&str] = &["of", "the", "a", "an", "s", "and", "in", "for", "to"];

fn read(path: &str) -> Result<String, ActorsError> {
    std::fs::read_to_string(path).map_err(|source| ActorsError::Io {
        path: path.to_string(),
        source,
    })
}

fn gold_err(path: &str, reason: &str) -> ActorsError {
    ActorsError::Gold {
        path: path.to_string(),
        reason: reason.to_string(),
    }
}

/// Score the actors, people and quotes of the seed article against its gold.
pub fn eval_seed(article_path: &str, gold_path: &str) -> Result<SeedWhoReport, ActorsError> {
    let text = read(article_path)?;
    let gold: Value =
        serde_json::from_str(&read(gold_path)?).map_err(|e| gold_err(gold_path, &e.to_string()))?;
    let lex = Lexicon::load()?;
    let doc = Document::new(
        DocMeta {
            id: "seed".into(),
            ..Default::default()
        },
        text.clone(),
    );
    let who = annotate(&doc, &lex);
    let mut r = SeedWhoReport::default();
    let list = |k: &str| {
        gold.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let required = |v: &Value| v.get("required").and_then(Value::as_bool).unwrap_or(true);
    for a in list("actors").iter().filter(|a| required(a)) {
        let canonical = a
            .get("canonical")
            .and_then(Value::as_str)
            .ok_or_else(|| gold_err(gold_path, "actor without canonical"))?;
        for m in a
            .get("mentions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            for (s, e) in occurrences(&text, m) {
                r.actor_mentions += 1;
                if who
                    .actors
                    .iter()
                    .any(|x| x.start < e && s < x.end && names_match(&x.actor, canonical))
                {
                    r.actor_mentions_ok += 1;
                } else {
                    r.missed.push(format!("actor {m:?}@{s} → {canonical}"));
                }
            }
        }
    }
    for p in list("people").iter().filter(|p| required(p)) {
        let name = p.get("name").and_then(Value::as_str).unwrap_or("");
        let role = fold(p.get("role").and_then(Value::as_str).unwrap_or(""));
        let keys: Vec<&str> = role
            .split(' ')
            .filter(|w| !w.is_empty() && !ROLE_STOP.contains(w))
            .collect();
        r.people += 1;
        let ok = who.people.iter().any(|x| {
            let xr = fold(x.role.as_deref().unwrap_or(""));
            fold(&x.name) == fold(name)
                && (keys.is_empty() || xr.split(' ').any(|w| keys.contains(&w)))
        });
        if ok {
            r.people_ok += 1;
        } else {
            r.missed.push(format!("person {name:?} ({role})"));
        }
    }
    for q in list("quotes").iter().filter(|q| required(q)) {
        let starts = q.get("starts_with").and_then(Value::as_str).unwrap_or("");
        let speaker = fold(q.get("speaker").and_then(Value::as_str).unwrap_or(""));
        let anonymous = q.get("anonymous").and_then(Value::as_bool).unwrap_or(false);
        let head = speaker.rsplit(' ').next().unwrap_or("").to_string();
        r.quotes += 1;
        let Some(b) = text.find(starts) else {
            r.missed
                .push(format!("quote {starts:?} not in the article"));
            continue;
        };
        let pos = text[..b].chars().count() as i64;
        let ok = who.quotes.iter().any(|x| {
            let sp = fold(&x.speaker);
            (x.start as i64 - pos).abs() <= 5
                && (sp.contains(&speaker)
                    || (anonymous && x.anonymous && sp.split(' ').any(|w| w == head)))
        });
        if ok {
            r.quotes_ok += 1;
        } else {
            let got: Vec<String> = who
                .quotes
                .iter()
                .filter(|x| (x.start as i64 - pos).abs() <= 5)
                .map(|x| x.speaker.clone())
                .collect();
            r.missed.push(format!(
                "quote {:?} ({speaker}) got {got:?}",
                &starts[..starts.len().min(30)]
            ));
        }
    }
    Ok(r)
}
