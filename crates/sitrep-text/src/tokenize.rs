//! Tokens for wire copy: words (with internal hyphens and apostrophes: "Al-Qaim", "Qa'im"),
//! numbers (1.5, 2,500, 11/03/2016, 10:30), abbreviations and initials that keep their dot
//! ("U.S.", "Gen.", "J."), ellipses ("...", "…") and single punctuation marks. Every token is a
//! char span of the original text; the folded `norm` is for matching only.

use crate::fold::{fold, is_apostrophe, is_dash};
use crate::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Debug, Clone, Serialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Folded form for matching (`fold`): lower case, no diacritics, no apostrophes.
    pub norm: String,
    /// First character is an upper-case letter.
    pub cap: bool,
    /// Every letter is upper case and there are at least two letters ("ISIS", "BAGHDAD").
    pub all_caps: bool,
}

/// Words that keep a following dot as part of the token (titles, months, common abbreviations).
const ABBREVIATIONS: &[&str] = &[
    "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "brig", "adm", "cmdr", "cdr",
    "gov", "sen", "rep", "dr", "mr", "mrs", "ms", "prof", "rev", "st", "mt", "ft", "jr", "sr",
    "inc", "corp", "co", "ltd", "bros", "vs", "etc", "approx", "dept", "est", "fig", "gens",
    "pres", "supt", "insp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "nos", "vol", "ave", "blvd", "rd", "hon", "messrs", "mme", "mlle",
    "sheikh", "al",
];
/// Of those, the ones that only keep their dot before a number ("No. 2", "Jan. 5").
const ABBREV_BEFORE_NUMBER: &[&str] = &["no", "nos", "vol", "fig", "al", "est"];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split `chars` (the document text as chars) into tokens.
pub fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut out = Vec::with_capacity(chars.len() / 5);
    let n = chars.len();
    let mut i = 0;
    let text_of = |s: usize, e: usize| -> String { chars[s..e].iter().collect() };
    while i < n {
        let c = chars[i];
        if c.is_whitespace() || c == '\u{FEFF}' || c.is_control() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            // Numbers: digits joined by . , / : - when a digit follows.
            i += 1;
            while i < n {
                if chars[i].is_ascii_digit() {
                    i += 1;
                } else if i + 1 < n
                    && matches!(chars[i], '.' | ',' | '/' | ':' | '-')
                    && chars[i + 1].is_ascii_digit()
                {
                    i += 2;
                } else {
                    break;
                }
            }
            // "1990s", "4th", "30km": letters glued to a number stay in the token.
            let mut kind = TokenKind::Number;
            while i < n && is_word_char(chars[i]) {
                kind = TokenKind::Word;
                i += 1;
            }
            push(&mut out, chars, start, i, kind);
            continue;
        }
        if is_word_char(c) {
            i += 1;
            loop {
                while i < n && is_word_char(chars[i]) {
                    i += 1;
                }
                if i + 1 < n
                    && is_dash(chars[i])
                    && chars[i] != '\u{2014}'
                    && is_word_char(chars[i + 1])
                {
                    i += 2;
                    continue;
                }
                if i + 1 < n && is_apostrophe(chars[i]) && chars[i + 1].is_alphabetic() {
                    // Possessive 's / s' stays a separate token: "Daesh's" → "Daesh" "'s".
                    let poss = matches!(chars[i + 1], 's' | 'S')
                        && (i + 2 >= n || !is_word_char(chars[i + 2]));
                    if poss {
                        break;
                    }
                    i += 2;
                    continue;
                }
                // Dotted acronyms and initials: "U.S.", "U.N.", "a.m.", "J."
                if i < n && chars[i] == '.' && i - start == 1 && chars[start].is_alphabetic() {
                    let mut j = i + 1;
                    while j + 1 < n && chars[j].is_alphabetic() && chars[j + 1] == '.' {
                        j += 2;
                    }
                    if j > i + 1 || chars[start].is_uppercase() {
                        i = j;
                    }
                }
                break;
            }
            // Known abbreviations keep their dot.
            if i < n && chars[i] == '.' && !chars[i - 1].eq(&'.') {
                let w: String = text_of(start, i).to_lowercase();
                if ABBREVIATIONS.contains(&w.as_str()) && chars[start].is_uppercase() {
                    let needs_number = ABBREV_BEFORE_NUMBER.contains(&w.as_str());
                    let mut j = i + 1;
                    while j < n && chars[j] == ' ' {
                        j += 1;
                    }
                    let next_digit = j < n && chars[j].is_ascii_digit();
                    if !needs_number || next_digit {
                        i += 1;
                    }
                }
            }
            push(&mut out, chars, start, i, TokenKind::Word);
            continue;
        }
        // Punctuation: "..." is one token, everything else is one char.
        if c == '.' && i + 2 < n && chars[i + 1] == '.' && chars[i + 2] == '.' {
            i += 3;
            while i < n && chars[i] == '.' {
                i += 1;
            }
        } else if is_apostrophe(c)
            && i + 1 < n
            && matches!(chars[i + 1], 's' | 'S')
            && (i + 2 >= n || !is_word_char(chars[i + 2]))
            && start > 0
            && is_word_char(chars[start - 1])
        {
            i += 2; // possessive 's
            push(&mut out, chars, start, i, TokenKind::Word);
            continue;
        } else {
            i += 1;
        }
        push(&mut out, chars, start, i, TokenKind::Punct);
    }
    out
}

fn push(out: &mut Vec<Token>, chars: &[char], s: usize, e: usize, kind: TokenKind) {
    let slice = &chars[s..e];
    let cap = slice[0].is_uppercase();
    let mut letters = 0;
    let mut all_upper = true;
    for &c in slice {
        if c.is_alphabetic() {
            letters += 1;
            if !c.is_uppercase() {
                all_upper = false;
            }
        }
    }
    let norm = if slice.iter().all(|c| c.is_ascii_alphanumeric()) {
        slice.iter().map(|c| c.to_ascii_lowercase()).collect()
    } else {
        let raw: String = slice.iter().collect();
        let f = fold(&raw);
        if f.is_empty() {
            raw
        } else {
            f
        }
    };
    out.push(Token {
        span: Span::new(s, e),
        kind,
        norm,
        cap,
        all_caps: letters >= 2 && all_upper,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        tokenize(&chars)
            .iter()
            .map(|t| chars[t.span.start..t.span.end].iter().collect())
            .collect()
    }

    #[test]
    fn wire_copy_tokens() {
        assert_eq!(
            toks("the U.S. and U.N. said"),
            ["the", "U.S.", "and", "U.N.", "said"]
        );
        assert_eq!(
            toks("Lt. Col. Smith, Dr. Jones"),
            ["Lt.", "Col.", "Smith", ",", "Dr.", "Jones"]
        );
        assert_eq!(
            toks("No. 2 and no. Jan. 5"),
            ["No.", "2", "and", "no", ".", "Jan.", "5"]
        );
        assert_eq!(
            toks("1.5 million, 2,500 men"),
            ["1.5", "million", ",", "2,500", "men"]
        );
        assert_eq!(
            toks("Al-Qaim and Al Qa’im"),
            ["Al-Qaim", "and", "Al", "Qa’im"]
        );
        assert_eq!(toks("Daesh's men"), ["Daesh", "'s", "men"]);
        assert_eq!(
            toks("a trick... and… so"),
            ["a", "trick", "...", "and", "…", "so"]
        );
        assert_eq!(
            toks("on 11/03/2016 at 10:30"),
            ["on", "11/03/2016", "at", "10:30"]
        );
        assert_eq!(toks("J. R. Smith"), ["J.", "R.", "Smith"]);
        assert_eq!(toks("the 1990s"), ["the", "1990s"]);
    }
}
