//! Fatalities, injured and arrested counts of one event, by ACLED's rules: the most conservative
//! figure reported ("at least 5" → 5, "dozens" → 12, "hundreds" → 100, a range → the lower
//! figure, numbers in words), only from numbers tied to the event's own clause, civilians plus
//! fighters when both are given, a rising toll ("the death toll rose to 15") over earlier figures,
//! cumulative war tolls ("since the conflict began") ignored. None when nothing is reported.

use sitrep_text::{Document, Span, TokenKind};
use words::{crossable_left, crossable_right, digits, left_trigger, right_trigger, word_number};

mod words;

/// What an event's clause reports about people killed, injured and arrested.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    pub arrested: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Killed,
    Injured,
    Arrested,
}

/// One figure found in the clause.
#[derive(Debug, Clone)]
struct Figure {
    value: u32,
    role: Role,
    /// Token index of the number.
    at: usize,
    /// "the death toll rose to 15": a later, updated figure.
    toll_update: bool,
    /// Category noun right after the number ("civilians", "soldiers"), folded.
    category: Option<String>,
}

/// Counts reported for the event whose clause is `clause` (see the module comment). When the
/// clause gives no death toll, the sentences that tell the same happening are read: for an event
/// of the article's lead (its first two body sentences) the headline and the lead; otherwise the
/// next two sentences when they refer back to it ("the attack killed ...").
/// A vague own toll ("dozens were killed") gives way to a precise one for the same happening in
/// those sentences ("at least 51 civilians were killed") when that is not lower.
pub fn counts(a: &crate::input::Annotated, clause: Span) -> Counts {
    let mut c = counts_in(a.doc, clause);
    match c.fatalities {
        None => {
            if let Some(f) = context_fatalities(a.doc, clause, |_| true) {
                c.fatalities = Some(f);
            }
        }
        Some(v) if vague_toll(a.doc, clause) => {
            let precise = |s: Span| !vague_toll(a.doc, s);
            if let Some(f) = context_fatalities(a.doc, clause, precise).filter(|&f| f >= v) {
                c.fatalities = Some(f);
            }
        }
        Some(_) => {}
    }
    c
}

/// Whether the clause's death toll rests only on quantity words ("dozens", "scores").
fn vague_toll(doc: &Document, clause: Span) -> bool {
    let t0 = doc.token_at_or_after(clause.start);
    let mut t1 = t0;
    while t1 < doc.tokens.len() && doc.tokens[t1].span.end <= clause.end {
        t1 += 1;
    }
    let norms: Vec<&str> = doc.tokens[t0..t1].iter().map(|t| t.norm.as_str()).collect();
    let kinds: Vec<TokenKind> = doc.tokens[t0..t1].iter().map(|t| t.kind).collect();
    let killed: Vec<Figure> = figures(&norms, &kinds)
        .into_iter()
        .filter(|f| f.role == Role::Killed)
        .collect();
    !killed.is_empty() && killed.iter().all(|f| is_vague(norms[f.at]))
}

/// Nouns that refer back to a violent happening.
const BACK_REFERENCES: &[&str] = &[
    "attack",
    "attacks",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "raid",
    "raids",
    "blast",
    "explosion",
    "bombing",
    "bombings",
    "shelling",
    "bombardment",
    "massacre",
    "assault",
    "fighting",
    "clashes",
    "incident",
    "bomb",
    "explosions",
    "offensive",
    "violence",
];

/// The first toll that `accept`s its sentence, read in the order of `counts`.
fn context_fatalities(doc: &Document, clause: Span, accept: impl Fn(Span) -> bool) -> Option<u32> {
    let s = doc.sentence_at(clause.start)?;
    let body: Vec<usize> = doc.body_sentences().map(|(i, _)| i).collect();
    let rank = body.iter().position(|&i| i == s);
    let mut order: Vec<usize> = vec![s];
    if rank.is_some_and(|r| r <= 1) {
        // The lead: headline lines, then the first three body sentences.
        order.extend(
            doc.sentences
                .iter()
                .enumerate()
                .filter(|(_, x)| x.kind == sitrep_text::SentenceKind::Title)
                .map(|(i, _)| i),
        );
        order.extend(body.iter().take(3).copied());
    } else if let Some(r) = rank {
        for &n in body.iter().skip(r + 1).take(2) {
            let sp = doc.sentences[n].span;
            let t0 = doc.token_at_or_after(sp.start);
            let refers = doc.tokens[t0..]
                .iter()
                .take_while(|t| t.span.end <= sp.end)
                .collect::<Vec<_>>()
                .windows(2)
                .any(|w| {
                    matches!(w[0].norm.as_str(), "the" | "this" | "that" | "these")
                        && BACK_REFERENCES.contains(&w[1].norm.as_str())
                });
            if refers {
                order.push(n);
            }
        }
    }
    let mut seen = Vec::new();
    for i in order {
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        let sp = doc.sentences[i].span;
        if let Some(f) = counts_in(doc, sp).fatalities.filter(|_| accept(sp)) {
            return Some(f);
        }
    }
    None
}

/// `counts` on the document alone (the counts need only the tokens).
pub fn counts_in(doc: &Document, clause: Span) -> Counts {
    let t0 = doc.token_at_or_after(clause.start);
    let mut t1 = t0;
    while t1 < doc.tokens.len() && doc.tokens[t1].span.end <= clause.end {
        t1 += 1;
    }
    if t0 >= t1 {
        return Counts::default();
    }
    let norms: Vec<&str> = doc.tokens[t0..t1].iter().map(|t| t.norm.as_str()).collect();
    let kinds: Vec<TokenKind> = doc.tokens[t0..t1].iter().map(|t| t.kind).collect();
    let figures = figures(&norms, &kinds);
    Counts {
        fatalities: combine(&figures, Role::Killed, &norms),
        injured: combine(&figures, Role::Injured, &norms),
        arrested: combine(&figures, Role::Arrested, &norms),
    }
}

const PERSON_NOUNS: &[&str] = &[
    "person",
    "man",
    "woman",
    "child",
    "boy",
    "girl",
    "civilian",
    "soldier",
    "fighter",
    "policeman",
    "officer",
    "journalist",
    "militant",
    "rebel",
    "member",
    "worker",
    "student",
    "resident",
    "teenager",
    "baby",
    "infant",
    "farmer",
    "doctor",
    "nurse",
    "guard",
    "commander",
    "jihadist",
];

/// The number starting at token `i`: (value, tokens used). Handles "a dozen", "dozens",
/// "hundreds", "two hundred", "several", "a civilian" (one person) and ranges.
fn number_at(norms: &[&str], kinds: &[TokenKind], i: usize) -> Option<(u32, usize)> {
    let w = norms[i];
    let next = norms.get(i + 1).copied().unwrap_or("");
    let base = if kinds[i] == TokenKind::Number {
        digits(w)?
    } else if let Some(n) = word_number(w) {
        n
    } else {
        return match w {
            "dozens" => Some((12, 1)),
            "hundreds" => Some((100, 1)),
            "thousands" => Some((1000, 1)),
            "several" | "many" | "scores" => Some((10, 1)),
            "dozen" => Some((12, 1)),
            "a" | "an" if next == "dozen" => Some((12, 2)),
            "a" | "an" if next == "hundred" => Some((100, 2)),
            "a" | "an" | "another" if PERSON_NOUNS.contains(&next) => Some((1, 1)),
            _ => None,
        };
    };
    if base == 0 {
        return None;
    }
    // Multipliers and ranges after the first figure.
    match next {
        "dozen" => return Some((base * 12, 2)),
        "hundred" => return Some((base * 100, 2)),
        "thousand" => return Some((base * 1000, 2)),
        "million" => return None,
        "and" if i > 0 && norms[i - 1] == "between" => {
            if let Some(k) = kinds.get(i + 2) {
                if *k == TokenKind::Number || word_number(norms[i + 2]).is_some() {
                    return Some((base, 3));
                }
            }
        }
        "to" | "or" => {
            // "10 to 15 people": the lower figure; swallow the second one.
            if let Some(k) = kinds.get(i + 2) {
                let w2 = norms[i + 2];
                if *k == TokenKind::Number || word_number(w2).is_some() {
                    return Some((base, 3));
                }
            }
        }
        _ => {}
    }
    Some((base, 1))
}

fn is_year_like(norms: &[&str], kinds: &[TokenKind], i: usize, v: u32) -> bool {
    // "2016", "in 2015", "September 24 2016": a four-digit year unless people follow it.
    let next = norms.get(i + 1).copied().unwrap_or("");
    (1900..=2100).contains(&v)
        && kinds[i] == TokenKind::Number
        && norms[i].len() == 4
        && !matches!(
            next,
            "people"
                | "civilians"
                | "persons"
                | "soldiers"
                | "fighters"
                | "militants"
                | "troops"
                | "children"
        )
}

fn figures(norms: &[&str], kinds: &[TokenKind]) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    let mut pending: Vec<(usize, u32, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < norms.len() {
        let Some((value, used)) = number_at(norms, kinds, i) else {
            i += 1;
            continue;
        };
        if is_year_like(norms, kinds, i, value) {
            i += used;
            continue;
        }
        let after = i + used;
        // Right: "22 people killed", "six civilians were killed", "15 dead".
        let mut right = None;
        let mut right_at = after;
        let mut category = None;
        let mut j = after;
        let mut limit = after + 8;
        while j < norms.len() && j < limit {
            let w = norms[j];
            if let Some(r) = right_trigger(w) {
                // Active voice ("5 gunmen killed a soldier"): the number is the agent, not the toll.
                let obj = norms.get(j + 1).copied().unwrap_or("");
                let active = matches!(
                    obj,
                    "a" | "an" | "the" | "at" | "two" | "three" | "dozens" | "several"
                ) || kinds.get(j + 1) == Some(&TokenKind::Number)
                    || word_number(obj).is_some();
                // A headline's list of tolls ("7 Civilians Killed 25 Injured"): the next number
                // has its own verb, so this one is the victims'.
                let listed = (kinds.get(j + 1) == Some(&TokenKind::Number)
                    || word_number(obj).is_some())
                    && norms.get(j + 2).is_some_and(|w| right_trigger(w).is_some());
                let active = active && !listed;
                if !(active
                    && matches!(
                        w,
                        "killed" | "wounded" | "injured" | "executed" | "arrested"
                    ))
                {
                    right = Some(r);
                    right_at = j;
                }
                break;
            }
            if matches!(
                w,
                "were"
                    | "was"
                    | "have"
                    | "had"
                    | "been"
                    | "are"
                    | "reportedly"
                    | "also"
                    | "later"
                    | "all"
            ) {
                j += 1;
                continue;
            }
            if matches!(w, "including" | "among" | "most" | "mostly") && j > after {
                // "11 civilians including three children were killed", "17 people most members
                // of opposition groups were killed": skip the subset (the scan reaches past it).
                let span = if matches!(w, "most" | "mostly") { 8 } else { 5 };
                let mut k = j + 1;
                while k < norms.len()
                    && k < j + span
                    && right_trigger(norms[k]).is_none()
                    && !matches!(norms[k], "were" | "was" | "have" | "had" | "," | ".")
                {
                    k += 1;
                }
                limit = limit.max(k + 3);
                j = k;
                continue;
            }
            let next = norms.get(j + 1).copied().unwrap_or("");
            let noun_and = w == "and"
                && j <= after + 2
                && kinds.get(j + 1) == Some(&TokenKind::Word)
                && word_number(next).is_none()
                && left_trigger(next).is_none()
                && right_trigger(next).is_none();
            if !noun_and && (kinds[j] != TokenKind::Word || !crossable_right(w)) {
                break;
            }
            if category.is_none() && j == after {
                category = Some(w.to_string());
            }
            j += 1;
        }
        // Left: "killing six people", "the death toll rose to 15".
        let mut left = None;
        let mut left_verb = false;
        let mut toll = false;
        let mut k = i;
        while k > 0 && i - k < 5 {
            k -= 1;
            let w = norms[k];
            if let Some(r) = left_trigger(w) {
                // "left" / "leaving" only count with "dead" after the number (a right trigger).
                if !matches!(w, "left" | "leaving") {
                    left = Some(r);
                    left_verb = true;
                    toll = w == "toll";
                }
                break;
            }
            if matches!(w, "and" | ",") {
                // "killed 5 civilians and 3 soldiers": the second figure shares the first's verb.
                if let Some(prev) = out.last().filter(|p: &&Figure| k > p.at && k - p.at <= 4) {
                    left = Some(prev.role);
                }
                break;
            }
            if !crossable_left(w) {
                break;
            }
        }
        // "the death toll from the strikes was 45": the toll told as the subject of a copula.
        if left.is_none() && right.is_none() && i > 0 {
            let copula = matches!(norms[i - 1], "was" | "is" | "stood" | "reached" | "hit");
            let lo = i.saturating_sub(9);
            let toll_at = (lo..i - 1).rev().find(|&k| norms[k] == "toll");
            let clean = toll_at.is_some_and(|t| {
                norms[t + 1..i - 1]
                    .iter()
                    .zip(&kinds[t + 1..i - 1])
                    .all(|(w, k)| *k == TokenKind::Word && !matches!(*w, "injured" | "wounded"))
            });
            if copula && clean {
                left = Some(Role::Killed);
                toll = true;
            }
        }
        // Two different verbs around the number: the nearer one governs it ("kills 33 fighters,
        // captured 10").
        let left_nearer = left_verb && i - k < right_at - after;
        let role = match (left, right) {
            (Some(l), _) if toll => Some(l),
            (Some(l), Some(r)) if l != r && left_nearer => Some(l),
            (_, Some(r)) => Some(r),
            (Some(l), None) => Some(l),
            _ => None,
        };
        if role.is_none() {
            pending.push((i, value, category.clone()));
        }
        if let Some(role) = role {
            // "2 soldiers and 3 civilians were killed": the first figure shares the second's verb.
            for (pi, pv, pc) in pending.drain(..) {
                let between = &norms[pi + 1..i];
                if between.len() <= 4 && between.contains(&"and") && !cumulative(norms, pi, pi + 1)
                {
                    out.push(Figure {
                        value: pv,
                        role,
                        at: pi,
                        toll_update: false,
                        category: pc,
                    });
                }
            }
            if !cumulative(norms, i, after) {
                out.push(Figure {
                    value,
                    role,
                    at: i,
                    toll_update: toll,
                    category,
                });
            }
        }
        i += used;
    }
    out
}

/// A war-wide toll rather than this event's: "since the conflict began", "so far this year",
/// "the conflict has killed more than 280000", "killed in Syria's war".
fn cumulative(norms: &[&str], at: usize, after: usize) -> bool {
    let lo = at.saturating_sub(6);
    let hi = (after + 10).min(norms.len());
    let war_word = |w: &&str| {
        matches!(
            *w,
            "conflict" | "war" | "uprising" | "revolt" | "revolution" | "documented"
        )
    };
    norms[lo..at].iter().any(war_word)
        || norms[after..hi].iter().any(war_word)
        || cumulative_after(norms, after)
}

/// "since the conflict began", "since 2011", "so far this year": a war-wide toll, not this event.
fn cumulative_after(norms: &[&str], from: usize) -> bool {
    let end = (from + 14).min(norms.len());
    let win = &norms[from..end];
    win.iter().enumerate().any(|(i, w)| {
        let rest = &win[i + 1..(i + 5).min(win.len())];
        (*w == "since"
            && rest.iter().any(|x| {
                matches!(
                    *x,
                    "conflict"
                        | "war"
                        | "start"
                        | "beginning"
                        | "outbreak"
                        | "uprising"
                        | "revolt"
                        | "2011"
                        | "began"
                        | "erupted"
                )
            }))
            || (*w == "so" && rest.first() == Some(&"far"))
            || (*w == "this" && rest.first() == Some(&"year"))
    })
}

/// One figure per role: a toll update wins; categories given side by side are added (civilians
/// plus fighters); a figure with its subset ("among", "including") keeps the total; otherwise the
/// most conservative (lowest) report.
fn combine(figs: &[Figure], role: Role, norms: &[&str]) -> Option<u32> {
    let mut fs: Vec<&Figure> = figs.iter().filter(|f| f.role == role).collect();
    if fs.is_empty() {
        return None;
    }
    // "58 killed ... dozens of people have been killed": a precise figure beats a vague one.
    let vague = |f: &&Figure| is_vague(norms[f.at]);
    if fs.iter().any(|f| !vague(f)) {
        fs.retain(|f| !vague(f));
    }
    if let Some(f) = fs.iter().rev().find(|f| f.toll_update) {
        return Some(f.value);
    }
    if fs.len() == 1 {
        return Some(fs[0].value);
    }
    let subset_between = |a: &Figure, b: &Figure| {
        norms[a.at.min(b.at)..a.at.max(b.at)]
            .iter()
            .any(|w| matches!(*w, "among" | "including" | "whom" | "them"))
    };
    let distinct_categories = fs.windows(2).all(|w| {
        let (a, b) = (w[0], w[1]);
        matches!((&a.category, &b.category), (Some(x), Some(y)) if x != y && !is_generic(x) && !is_generic(y))
            && !subset_between(a, b)
            && b.at.saturating_sub(a.at) <= 8
            && norms[a.at + 1..b.at].iter().any(|w| matches!(*w, "and" | ","))
    });
    if distinct_categories {
        return fs.iter().try_fold(0u32, |acc, f| acc.checked_add(f.value));
    }
    if fs.windows(2).any(|w| subset_between(w[0], w[1])) {
        return fs.iter().map(|f| f.value).max();
    }
    fs.iter().map(|f| f.value).min()
}

/// Quantity words ACLED turns into figures ("dozens" → 12) when nothing more precise is given.
fn is_vague(w: &str) -> bool {
    matches!(
        w,
        "dozens" | "hundreds" | "thousands" | "several" | "many" | "scores" | "dozen"
    )
}

fn is_generic(w: &str) -> bool {
    matches!(
        w,
        "people" | "persons" | "others" | "more" | "other" | "individuals" | "killed" | "dead"
    )
}

#[cfg(test)]
mod tests;
