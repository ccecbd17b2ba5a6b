//! Country evidence that names no place: the conventions of a country's local press ("Sheriff's
//! Office", "Sen.", "(D-Ohio)", phone numbers such as 903-675-5454) and "Place, Qualifier" pairs
//! ("Paris, Texas"). Used by resolution as a weak prior, never as a place.

use crate::recognize::Cand;
use sitrep_text::{Document, Span, TokenKind};

/// Words (folded) typical of US local news.
const US_WORDS: &[&str] = &[
    "sheriff",
    "sheriffs",
    "county",
    "counties",
    "township",
    "gov.",
    "sen.",
    "rep.",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "interstate",
    "mph",
    "congressman",
    "congresswoman",
    "statehouse",
    "legislature",
];

/// Weak country evidence from the document's wording: (ISO alpha-2, weight).
pub(crate) fn country_cues(doc: &Document) -> Vec<([u8; 2], f64)> {
    let toks = &doc.tokens;
    let mut hits = 0usize;
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Word && US_WORDS.contains(&t.norm.as_str()) {
            hits += 1;
        } else if t.kind == TokenKind::Number && is_us_phone(doc, i) {
            hits += 2;
        }
    }
    if hits == 0 {
        return Vec::new();
    }
    let w = (hits as f64 * 0.4).min(1.5);
    vec![(*b"US", w)]
}

/// "903-675-5454" or "(903) 675-5454" starting at number token `i`.
fn is_us_phone(doc: &Document, i: usize) -> bool {
    let t = &doc.tokens[i];
    let end = (t.span.start + 14).min(doc.char_len());
    let s: String = doc.slice(Span::new(t.span.start, end)).chars().collect();
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    b.len() >= 12
        && digits(0..3)
        && b[3] == b'-'
        && digits(4..7)
        && b[7] == b'-'
        && digits(8..12)
        && !b.get(12).is_some_and(u8::is_ascii_digit)
}

/// Pairs of candidate indices written "Place, Qualifier" (only a comma between them).
pub(crate) fn comma_pairs(doc: &Document, cands: &[Cand]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 0..cands.len().saturating_sub(1) {
        let (a, b) = (&cands[i], &cands[i + 1]);
        if a.demonym.is_some() || b.demonym.is_some() || b.span.start < a.span.end {
            continue;
        }
        if doc.slice(Span::new(a.span.end, b.span.start)).trim() == ","
            && !list_goes_on(doc, cands, i + 1)
        {
            out.push((i, i + 1));
        }
    }
    out
}

/// "Washington, New York and Boston": candidate `b` is followed by a list separator and another
/// place that is not itself "Place, Qualifier", so the comma before `b` separates list items.
fn list_goes_on(doc: &Document, cands: &[Cand], b: usize) -> bool {
    let Some(c) = cands.get(b + 1) else {
        return false;
    };
    let gap = sitrep_text::fold(doc.slice(Span::new(cands[b].span.end, c.span.start)));
    let sep = doc
        .slice(Span::new(cands[b].span.end, c.span.start))
        .trim()
        .starts_with(',')
        || matches!(gap.as_str(), "and" | "or");
    if !sep || !matches!(gap.as_str(), "" | "and" | "or") {
        return false;
    }
    let qualified = cands.get(b + 2).is_some_and(|d| {
        d.span.start >= c.span.end && doc.slice(Span::new(c.span.end, d.span.start)).trim() == ","
    });
    !qualified
}
