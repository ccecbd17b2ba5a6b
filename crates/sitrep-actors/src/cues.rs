//! Certainty cues of each sentence (data/actors/cues.tsv): hedges ("if confirmed", "reportedly",
//! "cannot be ruled out"), denials, claims, confirmations, speculation, conditions, negation,
//! intentions, requests and reporting verbs. The event stage turns them into `certainty`.

use crate::lexicon::{Entry, Lexicon};
use crate::{Cue, CueKind};
use sitrep_text::{Document, Span};

/// Find the cues of every sentence, longest phrase first, in text order.
pub fn find(doc: &Document, lex: &Lexicon) -> Vec<Cue> {
    let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut out = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let end = s.tokens.end;
        let mut i = s.tokens.start;
        while i < end {
            let hit = lex.cues.longest(&norms, i, end, &|_| true);
            let (len, kind) = match hit.as_ref().and_then(|(l, es)| {
                es.iter().find_map(|e| {
                    if let Entry::Cue(k) = e {
                        Some((*l, *k))
                    } else {
                        None
                    }
                })
            }) {
                Some(x) => x,
                None => {
                    // Contractions: "didn't", "can’t", "won't".
                    let t = doc.token_text(i);
                    if t.len() > 3 && (t.ends_with("n't") || t.ends_with("n\u{2019}t")) {
                        (1, CueKind::Negation)
                    } else {
                        i += 1;
                        continue;
                    }
                }
            };
            let span = Span::new(doc.tokens[i].span.start, doc.tokens[i + len - 1].span.end);
            out.push(Cue {
                start: span.start,
                end: span.end,
                kind,
                sentence: si,
                text: doc.slice(span).to_string(),
            });
            i += len;
        }
    }
    out
}
