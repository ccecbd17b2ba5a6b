//! The actor lexicon: the data files under `data/actors/` (embedded), plus the country table of
//! `sitrep_geo::countries`, parsed once into one phrase index keyed by token norms. Phrases are
//! tokenised with the same tokenizer as documents, so a key always matches the document's tokens.

use crate::ActorsError;
use sitrep_text::fxhash::FxHashMap;
use std::collections::HashSet;

const GROUPS: &str = include_str!("../../../data/actors/groups.tsv");
const ROLES: &str = include_str!("../../../data/actors/roles.tsv");
const ANAPHORS: &str = include_str!("../../../data/actors/anaphors.tsv");
const CUES: &str = include_str!("../../../data/actors/cues.tsv");
const SPEECH: &str = include_str!("../../../data/actors/speech.tsv");
const TITLES: &str = include_str!("../../../data/actors/titles.tsv");
const CAPITALS: &str = include_str!("../../../data/actors/capitals.tsv");
const LEADERS: &str = include_str!("../../../data/actors/leaders.tsv");
const REGIONS: &str = include_str!("../../../data/actors/regions.tsv");
const COUNTRY_NAMES: &str = include_str!("../../../data/actors/country_names.tsv");

/// A named actor (groups.tsv).
#[derive(Debug, Clone)]
pub struct Group {
    pub canonical: String,
    pub actor_type: String,
    pub code: Option<String>,
    pub country: Option<String>,
    /// Country column "*": a generic description or a people across borders, whose country is
    /// the document's.
    pub local: bool,
    pub class: String,
}

/// A role that makes an actor from a country (roles.tsv).
#[derive(Debug, Clone)]
pub struct Role {
    pub sector: String,
    pub actor_type: String,
    pub template: String,
    pub class: String,
    pub bare: bool,
}

/// A description that refers back to an earlier actor (anaphors.tsv).
#[derive(Debug, Clone)]
pub struct Anaphor {
    pub classes: Vec<String>,
    pub fallback: Option<(String, String)>,
}

/// A title or role noun of a person (titles.tsv).
#[derive(Debug, Clone)]
pub struct Title {
    pub class: String,
    pub before_name: bool,
}

/// What a phrase of the index stands for.
#[derive(Debug, Clone)]
pub enum Entry {
    /// Index into `groups`; `Some(text)` when the alias needs that exact spelling; `true` when
    /// the alias is capitalised (then the document's first token must be too).
    Group(usize, Option<String>, bool),
    Role(usize),
    Anaphor(usize),
    /// A country by name (ISO alpha-2).
    Country(String),
    /// A country by demonym (ISO alpha-2); `plural` for "Iraqis", "Palestinians".
    Demonym(String, bool),
    /// A capital standing for its government (ISO alpha-2).
    Capital(String),
    /// A region of a country, named as a place ("Darfur", "the West Bank"); ISO alpha-2.
    Region(String),
    /// A leader who speaks for a state ("Putin", "President Mugabe"); `true` for a full name.
    Leader(String, bool),
    Cue(crate::CueKind),
    Title(usize),
}

/// What the phrase index knows of one key (token norms joined by spaces).
#[derive(Debug, Default)]
struct Node {
    /// The entries of the phrase that ends here (empty when none does).
    entries: Vec<Entry>,
    /// The key is the first token of some phrase.
    first: bool,
    /// The key is a proper prefix (in tokens) of some phrase, so a lookup goes on past it.
    prefix: bool,
}

/// A phrase index: token-norm keys of up to `max_len` tokens. One map holds phrases, their
/// first tokens and their prefixes, so each step of a lookup is one hash probe.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    map: FxHashMap<String, Node>,
    max_len: usize,
}

impl PhraseIndex {
    fn insert(&mut self, phrase: &str, e: Entry) {
        let norms = phrase_norms(phrase);
        if norms.is_empty() {
            return;
        }
        self.max_len = self.max_len.max(norms.len());
        self.map.entry(norms[0].clone()).or_default().first = true;
        for k in 1..norms.len() {
            self.map.entry(norms[..k].join(" ")).or_default().prefix = true;
        }
        let v = &mut self.map.entry(norms.join(" ")).or_default().entries;
        // The same group under a capitalised and a lower-case alias ("Al Qaeda", "al-Qaeda"):
        // the lower-case spelling lifts the capitalisation requirement.
        if let Entry::Group(g, None, false) = &e {
            for x in v.iter_mut() {
                if let Entry::Group(h, None, cap) = x {
                    if h == g {
                        *cap = false;
                    }
                }
            }
        }
        // One entry of each kind per key is enough; keep the first (data order is priority order).
        if !v
            .iter()
            .any(|x| std::mem::discriminant(x) == std::mem::discriminant(&e))
        {
            v.push(e);
        }
    }

    /// The longest phrase starting at token `i` (not past `end`) whose entries pass `keep`:
    /// (length in tokens, entries).
    pub fn longest<'a>(
        &'a self,
        norms: &[&str],
        i: usize,
        end: usize,
        keep: &dyn Fn(&Entry) -> bool,
    ) -> Option<(usize, Vec<&'a Entry>)> {
        if i >= end {
            return None;
        }
        // The first token: no key to build yet.
        let node = self.map.get(norms[i]).filter(|n| n.first)?;
        if self.max_len == 0 {
            return None;
        }
        let mut best = None;
        let kept: Vec<&Entry> = node.entries.iter().filter(|e| keep(e)).collect();
        if !kept.is_empty() {
            best = Some((1, kept));
        }
        if !node.prefix {
            return best;
        }
        let mut key = String::from(norms[i]);
        let mut words = 1;
        for len in 2..=(self.max_len + 2).min(end - i) {
            let n = norms[i + len - 1];
            // A lone apostrophe inside a name ("Workers' Party") is not part of the key.
            if is_skippable_norm(n) {
                continue;
            }
            words += 1;
            if words > self.max_len {
                break;
            }
            key.push(' ');
            key.push_str(n);
            let Some(node) = self.map.get(&key) else {
                break;
            };
            let kept: Vec<&Entry> = node.entries.iter().filter(|e| keep(e)).collect();
            if !kept.is_empty() {
                best = Some((len, kept));
            }
            if !node.prefix {
                break;
            }
        }
        best
    }
}

/// Token norms of a phrase as the document tokenizer produces them (apostrophe-only tokens dropped).
pub fn phrase_norms(phrase: &str) -> Vec<String> {
    let chars: Vec<char> = phrase.chars().collect();
    sitrep_text::tokenize::tokenize(&chars)
        .into_iter()
        .map(|t| t.norm)
        .filter(|n| !is_skippable_norm(n))
        .collect()
}

/// Tokens left out of phrase keys: a lone apostrophe ("Workers' Party").
pub fn is_skippable_norm(n: &str) -> bool {
    n.chars().all(sitrep_text::fold::is_apostrophe)
}

#[derive(Debug, Default)]
pub struct Lexicon {
    pub groups: Vec<Group>,
    pub roles: Vec<Role>,
    pub anaphors: Vec<Anaphor>,
    pub titles: Vec<Title>,
    /// Actors, roles, anaphors, countries, demonyms, capitals.
    pub actors: PhraseIndex,
    pub cues: PhraseIndex,
    pub titles_index: PhraseIndex,
    pub speech: HashSet<String>,
}

fn rows(src: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(n, l)| (n + 1, l.split('\t').map(str::trim).collect()))
}

fn need(file: &'static str, line: usize, f: &[&str], n: usize) -> Result<(), ActorsError> {
    if f.len() < n {
        return Err(ActorsError::Data {
            file,
            line,
            reason: format!("expected {n} columns, found {}", f.len()),
        });
    }
    Ok(())
}

impl Lexicon {
    /// Parse the embedded data files and the country table.
    pub fn load() -> Result<Lexicon, ActorsError> {
        let mut lex = Lexicon::default();
        for (line, f) in rows(GROUPS) {
            need("groups.tsv", line, &f, 5)?;
            let idx = lex.groups.len();
            lex.groups.push(Group {
                canonical: f[0].to_string(),
                actor_type: f[1].to_string(),
                code: (!f[2].is_empty()).then(|| f[2].to_string()),
                country: (!f[3].is_empty() && f[3] != "*").then(|| f[3].to_string()),
                local: f[3] == "*",
                class: f[4].to_string(),
            });
            let capitalised = |a: &str| a.chars().next().is_some_and(char::is_uppercase);
            lex.actors
                .insert(f[0], Entry::Group(idx, None, capitalised(f[0])));
            for alias in f
                .get(5)
                .copied()
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                match alias.strip_prefix('!') {
                    Some(exact) => lex
                        .actors
                        .insert(exact, Entry::Group(idx, Some(exact.to_string()), true)),
                    None => lex
                        .actors
                        .insert(alias, Entry::Group(idx, None, capitalised(alias))),
                }
            }
        }
        for (line, f) in rows(ROLES) {
            need("roles.tsv", line, &f, 6)?;
            if !f[3].contains("{C}") {
                return Err(ActorsError::Data {
                    file: "roles.tsv",
                    line,
                    reason: "template lacks {C}".into(),
                });
            }
            let idx = lex.roles.len();
            lex.roles.push(Role {
                sector: f[1].to_string(),
                actor_type: f[2].to_string(),
                template: f[3].to_string(),
                class: f[4].to_string(),
                bare: f[5] == "yes",
            });
            lex.actors.insert(f[0], Entry::Role(idx));
        }
        for (line, f) in rows(ANAPHORS) {
            need("anaphors.tsv", line, &f, 2)?;
            let idx = lex.anaphors.len();
            let fallback = match (f.get(2), f.get(3)) {
                (Some(t), Some(ty)) if !t.is_empty() => Some((t.to_string(), ty.to_string())),
                _ => None,
            };
            lex.anaphors.push(Anaphor {
                classes: f[1].split(',').map(|s| s.trim().to_string()).collect(),
                fallback,
            });
            lex.actors.insert(f[0], Entry::Anaphor(idx));
        }
        for c in sitrep_geo::countries::all() {
            lex.actors.insert(&c.name, Entry::Country(c.iso2.clone()));
            for a in &c.aliases {
                lex.actors.insert(a, Entry::Country(c.iso2.clone()));
            }
            for d in &c.demonyms {
                let plural = d.ends_with('s')
                    && c.demonyms
                        .iter()
                        .any(|x| x.len() + 1 == d.len() && d.starts_with(x.as_str()));
                lex.actors.insert(d, Entry::Demonym(c.iso2.clone(), plural));
            }
        }
        for (line, f) in rows(COUNTRY_NAMES) {
            need("country_names.tsv", line, &f, 3)?;
            let e = match f[2] {
                "name" => Entry::Country(f[1].to_string()),
                "demonym" => Entry::Demonym(f[1].to_string(), false),
                "people" => Entry::Demonym(f[1].to_string(), true),
                other => {
                    return Err(ActorsError::Data {
                        file: "country_names.tsv",
                        line,
                        reason: format!("unknown kind {other:?}"),
                    })
                }
            };
            lex.actors.insert(f[0], e);
        }
        for (line, f) in rows(REGIONS) {
            need("regions.tsv", line, &f, 2)?;
            lex.actors.insert(f[0], Entry::Region(f[1].to_string()));
        }
        for (line, f) in rows(CAPITALS) {
            need("capitals.tsv", line, &f, 2)?;
            lex.actors.insert(f[0], Entry::Capital(f[1].to_string()));
        }
        for (line, f) in rows(LEADERS) {
            need("leaders.tsv", line, &f, 2)?;
            lex.actors
                .insert(f[0], Entry::Leader(f[1].to_string(), f[0].contains(' ')));
        }
        for (line, f) in rows(CUES) {
            need("cues.tsv", line, &f, 2)?;
            let kind = crate::CueKind::parse(f[1]).ok_or_else(|| ActorsError::Data {
                file: "cues.tsv",
                line,
                reason: format!("unknown cue kind {:?}", f[1]),
            })?;
            lex.cues.insert(f[0], Entry::Cue(kind));
        }
        for (line, f) in rows(TITLES) {
            need("titles.tsv", line, &f, 3)?;
            let idx = lex.titles.len();
            lex.titles.push(Title {
                class: f[1].to_string(),
                before_name: f[2] == "yes",
            });
            lex.titles_index.insert(f[0], Entry::Title(idx));
        }
        for (_, f) in rows(SPEECH) {
            lex.speech.insert(sitrep_text::fold(f[0]));
        }
        Ok(lex)
    }

    pub fn is_speech_verb(&self, norm: &str) -> bool {
        self.speech.contains(norm)
    }
}

/// An ISO alpha-2 code's country name and alpha-3 code.
pub fn country_names(iso2: &str) -> Option<(&'static str, &'static str)> {
    sitrep_geo::countries::by_iso2(iso2).map(|c| (c.name.as_str(), c.iso3.as_str()))
}
