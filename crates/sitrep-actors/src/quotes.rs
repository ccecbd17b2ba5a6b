//! Quotes and who said them. Direct quotes are the stretches between quotation marks (one quote
//! per stretch); their attribution is read after the closing mark (`"...," X said`, `"...," said
//! X`) or before the opening one (`X said: "..."`), and a stretch with none continues the previous
//! speaker. Indirect speech: "X said (that) ...", "X told AFP ...", "..., X said.", "according to
//! X". Speakers go through `speakers::Entities`: pronouns, descriptions and surnames resolve to
//! earlier speakers and people.

use crate::actors::Found;
use crate::lexicon::Lexicon;
use crate::people::name_run;
use crate::speakers::Entities;
use crate::{Person, Quote};
use sitrep_text::{Document, Span};
use std::ops::Range;

/// A quoted stretch or reported clause before its speaker is resolved.
struct Candidate {
    span: Span,
    direct: bool,
    /// Tokens naming the speaker; `None`: continue the previous quote's speaker.
    speaker: Option<Range<usize>>,
    sentence: usize,
    paragraph: usize,
}

fn is_open(c: char) -> bool {
    matches!(c, '\u{201C}' | '\u{00AB}' | '\u{201E}')
}
fn is_close(c: char) -> bool {
    matches!(c, '\u{201D}' | '\u{00BB}')
}

/// Quoted stretches (content spans, without the marks) of each paragraph.
fn stretches(doc: &Document) -> Vec<(Span, usize)> {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut out = Vec::new();
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let mut open: Option<usize> = None;
        for (c, &ch) in chars
            .iter()
            .enumerate()
            .take(p.end.min(chars.len()))
            .skip(p.start)
        {
            if ch == '"' {
                match open {
                    None => open = Some(c + 1),
                    Some(o) => {
                        out.push((Span::new(o, c), pi));
                        open = None;
                    }
                }
            } else if is_open(ch) {
                open = Some(c + 1);
            } else if is_close(ch) {
                if let Some(o) = open.take() {
                    out.push((Span::new(o, c), pi));
                }
            }
        }
        if let Some(o) = open {
            out.push((Span::new(o, p.end), pi));
        }
    }
    // Scare quotes and titles are not quotes.
    out.retain(|(s, _)| doc.slice(*s).split_whitespace().count() >= 3);
    out
}

fn is_passive_aux(n: &str) -> bool {
    matches!(n, "is" | "was" | "were" | "are" | "be" | "been" | "being")
}

/// The speaker tokens of a clause-initial subject that ends at `v` (exclusive).
fn subject_before(norms: &[&str], first: usize, v: usize) -> Range<usize> {
    let mut a = first;
    while a < v && matches!(norms[a], "but" | "and" | "however" | "meanwhile") {
        a += 1;
    }
    // Cut an apposition: "Raja Barakat, a member of ..., confirmed" → "Raja Barakat".
    match (a..v).find(|&k| norms[k] == ",") {
        Some(c) if c > a => a..c,
        _ => a..v,
    }
}

/// Attribution after a closing mark at char `close`: `, X said` or `, said X`.
fn attribution_after(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    q: Span,
) -> Option<Range<usize>> {
    let mut t = doc.token_at_or_after(q.end + 1);
    let si = doc.sentence_at(doc.tokens.get(t)?.span.start)?;
    let end = doc.sentences[si].tokens.end;
    let inside = doc.slice(q).trim_end();
    let ended = inside.ends_with(['.', '!', '?']);
    if ended && doc.tokens[t].cap && !matches!(norms[t], "he" | "she" | "they") {
        return None;
    }
    if norms[t] == "," {
        t += 1;
    }
    if t >= end {
        return None;
    }
    if lex.is_speech_verb(norms[t]) {
        let mut b = t + 1;
        while b < end && b < t + 9 && !matches!(norms[b], "," | "." | ";" | "\"") {
            b += 1;
        }
        return (b > t + 1).then(|| t + 1..b);
    }
    let mut v = t;
    while v < end && v < t + 10 && !matches!(norms[v], "," | "." | ";" | "\"") {
        if lex.is_speech_verb(norms[v]) {
            return (v > t).then_some(t..v);
        }
        v += 1;
    }
    None
}

/// Attribution before an opening mark at char `open`: `X said: "` / `X told AFP, "`.
fn attribution_before(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    q: Span,
) -> Option<Range<usize>> {
    let t = doc.token_at_or_after(q.start.saturating_sub(1));
    let si = doc.sentence_at(doc.tokens.get(t.checked_sub(1)?)?.span.start)?;
    let first = doc.sentences[si].tokens.start;
    let mut p = t.checked_sub(1)?;
    if p > first && matches!(norms[p], ":" | ",") {
        p -= 1;
    }
    if p > first && doc.tokens[p].cap && norms[p - 1] == "told" {
        p -= 1;
    }
    if !lex.is_speech_verb(norms[p]) || p <= first {
        return None;
    }
    let r = subject_before(norms, first, p);
    (!r.is_empty()).then_some(r)
}

/// Reported speech in one sentence outside quotation marks.
fn indirect(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    si: usize,
) -> Option<(Span, Range<usize>)> {
    let s = &doc.sentences[si];
    let (first, end) = (s.tokens.start, s.tokens.end);
    let mut stop = end;
    while stop > first && matches!(norms[stop - 1], "." | "!" | "?") {
        stop -= 1;
    }
    let span_of =
        |a: usize, b: usize| Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end);
    // "according to X"
    if let Some(k) =
        (first..stop.saturating_sub(2)).find(|&k| norms[k] == "according" && norms[k + 1] == "to")
    {
        let mut b = k + 2;
        while b < stop && norms[b] != "," {
            b += 1;
        }
        if k == first && b + 1 < stop {
            return Some((span_of(b + 1, stop), k + 2..b));
        }
        let c = if k > first && norms[k - 1] == "," {
            k - 1
        } else {
            k
        };
        if c > first + 2 {
            return Some((span_of(first, c), k + 2..b));
        }
        return None;
    }
    for v in first + 1..stop {
        if !lex.is_speech_verb(norms[v])
            || is_passive_aux(norms[v - 1])
            || matches!(
                norms[v - 1],
                "to" | "if" | "unless" | "when" | "as" | "once"
            )
        {
            continue;
        }
        // "..., X said."
        if v + 1 >= stop {
            let c = (first..v).rev().find(|&k| norms[k] == ",")?;
            return (c > first + 2 && v > c + 1).then(|| (span_of(first, c), c + 1..v));
        }
        let subj = subject_before(norms, first, v);
        if subj.is_empty() {
            return None;
        }
        let mut a = v + 1;
        if norms[v] == "told" {
            let n = name_run(doc, lex, a, stop);
            a = if n > a {
                n
            } else if a < stop && matches!(norms[a], "reporters" | "journalists" | "media") {
                a + 1
            } else {
                a
            };
        }
        if a < stop && norms[a] == "that" {
            a += 1;
        }
        if a < stop && norms[a] == "," {
            a += 1;
        }
        return (stop >= a + 3).then(|| (span_of(a, stop), subj));
    }
    None
}

/// Find quotes, resolve their speakers, and add speakers who are new people to `people`.
pub fn find(
    doc: &Document,
    lex: &Lexicon,
    found: &[Found],
    people: &mut Vec<Person>,
) -> Vec<Quote> {
    let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut cands: Vec<Candidate> = Vec::new();
    let direct = stretches(doc);
    for (q, pi) in &direct {
        let speaker = attribution_after(doc, lex, &norms, *q)
            .or_else(|| attribution_before(doc, lex, &norms, *q));
        let sentence = doc.sentence_at(q.start).unwrap_or(0);
        cands.push(Candidate {
            span: *q,
            direct: true,
            speaker,
            sentence,
            paragraph: *pi,
        });
    }
    for (si, s) in doc.body_sentences() {
        if direct
            .iter()
            .any(|(q, _)| q.start <= s.span.end && s.span.start <= q.end)
        {
            continue;
        }
        if let Some((span, who)) = indirect(doc, lex, &norms, si) {
            cands.push(Candidate {
                span,
                direct: false,
                speaker: Some(who),
                sentence: si,
                paragraph: s.paragraph,
            });
        }
    }
    cands.sort_by_key(|c| c.span.start);
    let mut ents = Entities::new(doc, lex, found, people);
    let mut out = Vec::new();
    let mut prev: Option<(usize, usize, usize)> = None; // (entity, sentence, paragraph) of the last direct quote
    for c in &cands {
        let who = match &c.speaker {
            Some(r) => ents.resolve(r.clone(), c.sentence),
            None => prev
                .filter(|(_, s, p)| *p == c.paragraph || c.sentence <= s + 2)
                .map(|(e, _, _)| e),
        };
        let Some(e) = who else {
            if c.direct {
                out.push(Quote {
                    start: c.span.start,
                    end: c.span.end,
                    kind: "direct".into(),
                    speaker: "unknown".into(),
                    speaker_start: None,
                    speaker_end: None,
                    anonymous: true,
                    role: None,
                    text: doc.slice(c.span).to_string(),
                });
            }
            continue;
        };
        ents.spoke(e);
        if c.direct {
            prev = Some((e, c.sentence, c.paragraph));
        }
        let ent = ents.get(e);
        let (ss, se) = match &c.speaker {
            Some(r) if !r.is_empty() => (
                Some(doc.tokens[r.start].span.start),
                Some(doc.tokens[r.end - 1].span.end),
            ),
            _ => (ent.span.map(|s| s.start), ent.span.map(|s| s.end)),
        };
        out.push(Quote {
            start: c.span.start,
            end: c.span.end,
            kind: if c.direct { "direct" } else { "indirect" }.into(),
            speaker: ent.name.clone(),
            speaker_start: ss,
            speaker_end: se,
            anonymous: ent.anonymous,
            role: ent.role.clone(),
            text: doc.slice(c.span).to_string(),
        });
    }
    // Later links (a description that turned out to be a named person) rename earlier quotes.
    for q in &mut out {
        if let Some((name, anon, role)) = ents.renamed(&q.speaker) {
            q.speaker = name;
            q.anonymous = anon;
            q.role = role;
        }
    }
    ents.finish(people);
    out
}
