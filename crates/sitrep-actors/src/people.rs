//! People and their roles: "TITLE Name" ("Prime Minister Haider al-Abadi", "Lt. Gen. Prosper
//! Avril"), "Name, a|an|the ROLE," appositions ("Raja Barakat, a member of Anbar provincial
//! council's security committee,"), and the helpers that read a personal name out of tokens.
//! Each person is linked to the actor or institution named with their title ("Israeli Prime
//! Minister" → Government of Israel).

use crate::actors::Found;
use crate::lexicon::{Entry, Lexicon};
use crate::Person;
use sitrep_text::{Document, Span, TokenKind};

/// Lower-case particles inside names ("Osama bin Laden", "Abu Bakr al Baghdadi").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "de", "del", "da", "di", "van", "von", "le", "la",
    "du", "der", "dos", "ould", "ag",
];
/// Capitalised words that never start or continue a personal name.
const NOT_NAMES: &[&str] = &[
    "the", "a", "an", "he", "she", "they", "it", "we", "i", "but", "and", "in", "on", "at",
    "after", "before", "this", "that", "there", "his", "her", "their", "its", "our", "if", "when",
    "while", "as", "some", "many",
];

fn is_name_token(doc: &Document, lex: &Lexicon, i: usize, end: usize) -> bool {
    let t = &doc.tokens[i];
    if t.kind != TokenKind::Word {
        return false;
    }
    if NOT_NAMES.contains(&t.norm.as_str()) || sitrep_text::calendar::is_month_or_weekday(&t.norm) {
        return false;
    }
    if t.cap {
        // A country or demonym is not part of a name.
        let norms = [t.norm.as_str()];
        return lex
            .actors
            .longest(&norms, 0, 1, &|e| {
                matches!(e, Entry::Country(_) | Entry::Demonym(..))
            })
            .is_none()
            && lex.titles_index.longest(&norms, 0, 1, &|_| true).is_none();
    }
    // "al-Abadi", or a particle followed by a capitalised word.
    let hyphen_particle = PARTICLES
        .iter()
        .any(|p| t.norm.strip_prefix(p).is_some_and(|r| r.starts_with(' ')));
    hyphen_particle
        || (PARTICLES.contains(&t.norm.as_str()) && i + 1 < end && doc.tokens[i + 1].cap)
}

/// The end (exclusive) of a personal name starting at token `i`, at most 5 tokens; `i` when none.
pub fn name_run(doc: &Document, lex: &Lexicon, i: usize, end: usize) -> usize {
    if i >= end || !doc.tokens[i].cap || !is_name_token(doc, lex, i, end) {
        return i;
    }
    let mut j = i;
    while j < end && j < i + 5 && is_name_token(doc, lex, j, end) {
        j += 1;
    }
    // Never end on a particle.
    while j > i && !doc.tokens[j - 1].cap && PARTICLES.contains(&doc.tokens[j - 1].norm.as_str()) {
        j -= 1;
    }
    j
}

fn text_of(doc: &Document, a: usize, b: usize) -> (String, usize, usize) {
    let (s, e) = (doc.tokens[a].span.start, doc.tokens[b - 1].span.end);
    (doc.slice(Span::new(s, e)).to_string(), s, e)
}

/// Does a token range overlap a named-group or country mention?
fn overlaps_actor(found: &[Found], a: usize, b: usize) -> bool {
    found.iter().any(|f| {
        f.toks.start < b
            && a < f.toks.end
            && f.class != "state-gov"
            && f.class != "civ"
            && !f.mention.actor.starts_with("Government")
    })
}

/// Find people introduced by a title or an apposition.
pub fn find(doc: &Document, lex: &Lexicon, found: &[Found]) -> Vec<Person> {
    let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut out: Vec<Person> = Vec::new();
    for s in &doc.sentences {
        let (first, end) = (s.tokens.start, s.tokens.end);
        let mut i = first;
        while i < end {
            // TITLE Name
            if doc.tokens[i].cap {
                if let Some((len, es)) = lex.titles_index.longest(
                    &norms,
                    i,
                    end,
                    &|e| matches!(e, Entry::Title(t) if lex.titles[*t].before_name),
                ) {
                    let n_end = name_run(doc, lex, i + len, end);
                    if n_end > i + len && !overlaps_actor(found, i + len, n_end) {
                        let (name, _, _) = text_of(doc, i + len, n_end);
                        let (title, _, _) = text_of(doc, i, i + len);
                        // The title's own words may carry the country: "Israeli Prime Minister".
                        let aff = found
                            .iter()
                            .find(|f| f.toks.end > i && f.toks.start <= i && f.toks.end <= i + len)
                            .map(|f| f.mention.actor.clone());
                        let start = found
                            .iter()
                            .find(|f| f.toks.end > i && f.toks.start < i)
                            .map(|f| f.toks.start)
                            .unwrap_or(i);
                        let (text, ts, te) = text_of(doc, start, n_end);
                        let _ = es;
                        out.push(Person {
                            text,
                            start: ts,
                            end: te,
                            name,
                            role: Some(title),
                            affiliation: aff,
                        });
                        i = n_end;
                        continue;
                    }
                }
            }
            // Name, a|an|the ROLE ,
            let clause_start = i == first || matches!(norms[i - 1], "," | "and" | "(" | ":");
            if clause_start {
                let n_end = name_run(doc, lex, i, end);
                // "Name, a|an|the ROLE" or "Name, Algeria's leading ROLE".
                let possessive_country = |k: usize| {
                    k < end
                        && doc.tokens[k].cap
                        && lex
                            .actors
                            .longest(&norms, k, end, &|e| {
                                matches!(e, Entry::Country(_) | Entry::Capital(_))
                            })
                            .is_some_and(|(l, _)| k + l < end && norms[k + l] == "s")
                };
                let role_start = if n_end < i + 2 || n_end + 2 >= end || norms[n_end] != "," {
                    None
                } else if matches!(norms[n_end + 1], "a" | "an" | "the") {
                    Some(n_end + 2)
                } else if possessive_country(n_end + 1) {
                    Some(n_end + 1)
                } else {
                    None
                };
                if let (true, Some(r0)) = (
                    n_end >= i + 2
                        && n_end + 2 < end
                        && norms[n_end] == ","
                        && !overlaps_actor(found, i, n_end),
                    role_start,
                ) {
                    let mut r1 = r0;
                    while r1 < end
                        && r1 < r0 + 15
                        && !matches!(norms[r1], "," | "." | ";" | "(" | ")")
                    {
                        r1 += 1;
                    }
                    let has_title = (r0..r1)
                        .any(|k| lex.titles_index.longest(&norms, k, r1, &|_| true).is_some());
                    if r1 > r0 && has_title {
                        let (name, s0, e0) = text_of(doc, i, n_end);
                        let (role, _, _) = text_of(doc, r0, r1);
                        let aff = found
                            .iter()
                            .find(|f| f.toks.start >= r0 && f.toks.end <= r1)
                            .map(|f| f.mention.actor.clone());
                        out.push(Person {
                            text: name.clone(),
                            start: s0,
                            end: e0,
                            name,
                            role: Some(role),
                            affiliation: aff,
                        });
                        i = r1;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }
    out
}
