//! The trigger lexicon (`data/events/triggers.tsv`, embedded): word patterns that signal an event,
//! each with its class, CAMEO code and part of speech, and the matcher that finds them in a
//! sentence's words (folded token pieces).

use crate::coding::Class;
use std::collections::HashMap;
use std::sync::OnceLock;

const TRIGGERS_TSV: &str = include_str!("../data/events/triggers.tsv");

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Exact(String),
    Prefix(String),
    /// Up to four arbitrary words.
    Gap,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    parts: Vec<Part>,
    pub class: Class,
    pub cameo: String,
    pub noun: bool,
}

/// One word of a sentence as the matcher sees it: a piece of a token's folded form ("air-strike"
/// gives "air" and "strike"), or a punctuation mark.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    /// Borrowed from the token's folded form: building the words of a sentence allocates only
    /// the vector.
    pub text: &'a str,
    /// Index into `doc.tokens`.
    pub tok: usize,
    pub punct: bool,
    /// The token starts with a capital letter.
    pub cap: bool,
}

/// A trigger found at words `first..=last` of a sentence.
#[derive(Debug, Clone)]
pub struct Match {
    pub trigger: usize,
    pub first: usize,
    pub last: usize,
}

pub struct Lexicon {
    pub triggers: Vec<Trigger>,
    exact: HashMap<String, Vec<usize>>,
    prefix: HashMap<String, Vec<(String, usize)>>,
}

const PREFIX_KEY: usize = 4;

fn key_of(s: &str) -> Option<String> {
    let k: String = s.chars().take(PREFIX_KEY).collect();
    (k.chars().count() == PREFIX_KEY).then_some(k)
}

impl Lexicon {
    pub fn parse(tsv: &str) -> Lexicon {
        let mut triggers = Vec::new();
        for line in tsv.lines() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let Some(class) = Class::parse(cols[1].trim()) else {
                continue;
            };
            let cameo = cols[2].trim().to_string();
            let noun = cols[3].trim() == "n";
            for alt in cols[0].split('|') {
                let parts: Vec<Part> = alt
                    .split_whitespace()
                    .map(|w| {
                        if w == "~" {
                            Part::Gap
                        } else if let Some(p) = w.strip_suffix('*') {
                            Part::Prefix(p.to_string())
                        } else {
                            Part::Exact(w.to_string())
                        }
                    })
                    .collect();
                if parts.is_empty() || parts[0] == Part::Gap {
                    continue;
                }
                triggers.push(Trigger {
                    parts,
                    class,
                    cameo: cameo.clone(),
                    noun,
                });
            }
        }
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        let mut prefix: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (i, t) in triggers.iter().enumerate() {
            match &t.parts[0] {
                Part::Exact(w) => exact.entry(w.clone()).or_default().push(i),
                Part::Prefix(p) => match key_of(p) {
                    Some(k) => prefix.entry(k).or_default().push((p.clone(), i)),
                    None => exact.entry(p.clone()).or_default().push(i),
                },
                Part::Gap => {}
            }
        }
        Lexicon {
            triggers,
            exact,
            prefix,
        }
    }

    /// The embedded lexicon, parsed once.
    pub fn embedded() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::parse(TRIGGERS_TSV))
    }

    fn candidates(&self, w: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.exact.get(w).cloned().unwrap_or_default();
        if let Some(k) = key_of(w) {
            if let Some(list) = self.prefix.get(&k) {
                out.extend(
                    list.iter()
                        .filter(|(p, _)| w.starts_with(p.as_str()))
                        .map(|(_, i)| *i),
                );
            }
        }
        out
    }

    /// Length in words of trigger `t` matched at `i`, if it matches.
    fn match_at(&self, t: usize, words: &[Word], i: usize) -> Option<usize> {
        fn part_ok(p: &Part, w: &Word) -> bool {
            !w.punct
                && match p {
                    Part::Exact(x) => w.text == x.as_str(),
                    Part::Prefix(x) => w.text.starts_with(x.as_str()),
                    Part::Gap => true,
                }
        }
        fn go(parts: &[Part], words: &[Word], j: usize) -> Option<usize> {
            let Some(p) = parts.first() else {
                return Some(j);
            };
            if *p == Part::Gap {
                for skip in 0..=4 {
                    if skip > 0 && (j + skip > words.len() || words[j + skip - 1].punct) {
                        break;
                    }
                    if let Some(e) = go(&parts[1..], words, j + skip) {
                        return Some(e);
                    }
                }
                return None;
            }
            let w = words.get(j)?;
            if part_ok(p, w) {
                go(&parts[1..], words, j + 1)
            } else {
                None
            }
        }
        go(&self.triggers[t].parts, words, i).map(|e| e - i)
    }

    /// Every trigger in `words`, left to right, longest match first, no overlaps.
    pub fn find(&self, words: &[Word]) -> Vec<Match> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if words[i].punct {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, usize)> = None;
            for t in self.candidates(words[i].text) {
                if let Some(len) = self.match_at(t, words, i) {
                    if best.is_none_or(|(_, bl)| len > bl) {
                        best = Some((t, len));
                    }
                }
            }
            match best {
                Some((t, len)) if len > 0 => {
                    out.push(Match {
                        trigger: t,
                        first: i,
                        last: i + len - 1,
                    });
                    i += len;
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// The words of token range `toks` of the document.
pub fn words_of(tokens: &[sitrep_text::Token], toks: std::ops::Range<usize>) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(toks.len() + 4);
    for ti in toks {
        let Some(t) = tokens.get(ti) else { break };
        if t.kind == sitrep_text::TokenKind::Punct {
            out.push(Word {
                text: t.norm.as_str(),
                tok: ti,
                punct: true,
                cap: false,
            });
            continue;
        }
        for piece in t.norm.split([' ', '-']) {
            if !piece.is_empty() {
                out.push(Word {
                    text: piece,
                    tok: ti,
                    punct: false,
                    cap: t.cap,
                });
            }
        }
    }
    out
}
