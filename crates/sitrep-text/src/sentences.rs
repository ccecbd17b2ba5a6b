//! Sentence boundaries over tokens inside one paragraph: a sentence ends at . ! ? … or an ellipsis
//! (with any closing quotes and brackets after it) when the next token opens a sentence. Dots kept
//! inside abbreviation tokens ("Gen.", "U.S.") do not end sentences, except a dotted acronym
//! followed by a typical sentence opener ("... in the U.S. The army said").

use crate::tokenize::{Token, TokenKind};

const OPENERS: &[&str] = &[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "a",
    "an",
    "in",
    "on",
    "but",
    "and",
    "this",
    "that",
    "these",
    "there",
    "its",
    "his",
    "her",
    "their",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "meanwhile",
    "however",
    "some",
    "many",
    "officials",
    "according",
];

fn is_closer(t: &str) -> bool {
    matches!(t, "\"" | "\u{2019}" | "'" | ")" | "]")
}

fn is_opener(t: &str) -> bool {
    matches!(t, "\"" | "\u{2018}" | "'" | "(" | "[")
}

/// Split the token range `toks` (indices into `tokens`) into sentence token ranges.
pub fn split(tokens: &[Token], toks: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = toks.start;
    let mut i = toks.start;
    while i < toks.end {
        let t = &tokens[i];
        // `norm` keeps punctuation as written (double quotes folded to '"'), so no slicing here.
        let n = t.norm.as_str();
        let terminal = t.kind == TokenKind::Punct
            && (matches!(n, "." | "!" | "?" | "…") || n.starts_with("..."));
        let acronym = t.kind == TokenKind::Word && n.ends_with('.') && n.matches('.').count() >= 2;
        if !(terminal || acronym) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.end
            && tokens[j].kind == TokenKind::Punct
            && tokens[j].span.start == tokens[j - 1].span.end
            && is_closer(&tokens[j].norm)
        {
            j += 1;
        }
        if j >= toks.end {
            break;
        }
        let next = &tokens[j];
        let opens = if acronym && !terminal {
            OPENERS.contains(&next.norm.as_str()) && next.cap
        } else if n.starts_with("...") || n == "…" {
            next.cap
                && next.kind == TokenKind::Word
                && !OPENERS_NEVER_AFTER_ELLIPSIS.contains(&next.norm.as_str())
        } else {
            next.cap
                || next.kind == TokenKind::Number
                || (is_opener(&next.norm) && j + 1 < toks.end)
        };
        // A quote that closes and is then attributed (`," he said` / `." he said`) stays one sentence.
        if opens {
            out.push(start..j);
            start = j;
        }
        i = j;
    }
    if start < toks.end {
        out.push(start..toks.end);
    }
    out
}

const OPENERS_NEVER_AFTER_ELLIPSIS: &[&str] = &["i"];
