//! Which countries a document talks about: every country, demonym, capital or region mention in
//! token order, the leading country after each (most mentioned so far; ties go to the first
//! mentioned), used to give bare roles ("the army", "residents") and titled people their country.

use crate::lexicon::{Entry, Lexicon};
use sitrep_text::Document;
use std::collections::HashMap;

/// The ISO alpha-2 code an entry stands for, if it names a country in any way.
pub fn country_of(e: &Entry) -> Option<&str> {
    match e {
        Entry::Country(c) | Entry::Demonym(c, _) | Entry::Capital(c) | Entry::Region(c) => Some(c),
        _ => None,
    }
}

/// Country references of a document, in token order.
pub struct CountryContext {
    /// First token of each reference.
    refs: Vec<usize>,
    /// ISO alpha-2 of each reference.
    isos: Vec<String>,
    /// The leading country after each reference.
    leader_after: Vec<String>,
}

impl CountryContext {
    pub fn build(doc: &Document, lex: &Lexicon, norms: &[&str]) -> CountryContext {
        let mut refs = Vec::new();
        let mut isos = Vec::new();
        let mut leader_after = Vec::new();
        let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
        let mut leader: Option<(String, usize, usize)> = None; // (iso2, count, first)
        let mut i = 0;
        while i < norms.len() {
            let hit = if doc.tokens[i].cap {
                lex.actors
                    .longest(norms, i, norms.len(), &|e| country_of(e).is_some())
            } else {
                None
            };
            match hit {
                Some((len, es)) => {
                    if let Some(c) = es.first().and_then(|e| country_of(e)) {
                        let n = refs.len();
                        let entry = counts.entry(c.to_string()).or_insert((0, n));
                        entry.0 += 1;
                        let (cnt, first) = *entry;
                        if leader
                            .as_ref()
                            .is_none_or(|(_, bn, bf)| cnt > *bn || (cnt == *bn && first < *bf))
                        {
                            leader = Some((c.to_string(), cnt, first));
                        }
                        refs.push(i);
                        isos.push(c.to_string());
                        leader_after.push(leader.as_ref().map(|l| l.0.clone()).unwrap_or_default());
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        CountryContext {
            refs,
            isos,
            leader_after,
        }
    }

    /// The most mentioned country before token `tok` (the whole document's when none is before).
    pub fn country_at(&self, tok: usize) -> Option<String> {
        let k = self.refs.partition_point(|&i| i < tok);
        let idx = if k == 0 {
            self.leader_after.len().checked_sub(1)?
        } else {
            k - 1
        };
        self.leader_after
            .get(idx)
            .filter(|c| !c.is_empty())
            .cloned()
    }

    /// The country referred to nearest to token `tok` within tokens `first..end` that is not
    /// `not` ("ethnic Albanians ... in Serbia" → Serbia).
    pub fn other_near(&self, tok: usize, first: usize, end: usize, not: &str) -> Option<String> {
        let lo = self.refs.partition_point(|&i| i < first);
        let hi = self.refs.partition_point(|&i| i < end);
        (lo..hi)
            .filter(|&k| self.isos[k] != not)
            .min_by_key(|&k| self.refs[k].abs_diff(tok))
            .map(|k| self.isos[k].clone())
    }
}
