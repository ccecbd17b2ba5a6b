//! Recognition: finds the token windows whose folded text names a place (gazetteer key, country
//! name or demonym), then keeps those the context supports. Capitalisation is required; words that
//! are also common English words or names ("Hit", "Mobile") need a cue ("in", "the town of",
//! "X province") or the same name accepted elsewhere in the document.

use crate::countries::{self, Country};
use crate::index::{Gazetteer, PlaceKind};
use crate::lexicon::{self, KindHint};
use sitrep_text::fxhash::FxHashSet as HashSet;
use sitrep_text::{Document, SentenceKind, Span, TokenKind};

/// Words that may join the capitalised words of one name ("Gulf of Aden", "Dayr az Zawr").
const CONNECT: &[&str] = &[
    "of", "de", "la", "le", "del", "al", "el", "du", "des", "da", "do", "dos", "das", "the", "y",
    "on", "upon", "sur", "am", "an", "bin", "ibn", "ez", "ash", "az", "as", "ar", "ad", "at", "es",
    "en", "and",
];
const MAX_WINDOW: usize = 6;
const MAX_PLACES: usize = 300;

/// One place-name candidate in the text.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub span: Span,
    pub key: String,
    pub country: Option<&'static Country>,
    pub demonym: Option<&'static Country>,
    pub places: Vec<u32>,
    pub hint: Option<KindHint>,
    pub cue: bool,
    /// Recognition confidence (0..1).
    pub conf: f32,
}

struct Ctx<'a> {
    doc: &'a Document,
    gaz: &'a Gazetteer,
}

impl Ctx<'_> {
    fn norm(&self, i: usize) -> &str {
        &self.doc.tokens[i].norm
    }
    /// Only spaces (no line break) between tokens `i` and `i + 1`.
    fn joined(&self, i: usize) -> bool {
        let a = self.doc.tokens[i].span.end;
        let b = self.doc.tokens[i + 1].span.start;
        b >= a && b - a <= 2 && self.doc.slice(Span::new(a, b)).chars().all(|c| c == ' ')
    }
    fn matches(&self, key: &str) -> bool {
        key.len() >= 2
            && !lexicon::DIRECTIONS.contains(&key)
            && (self.gaz.contains_name(key)
                || countries::by_name(key).is_some()
                || countries::by_demonym(key).is_some())
    }
}

fn is_possessive(s: &str) -> bool {
    s.ends_with("'s") || s.ends_with("’s")
}

/// A lower-case Arabic article hyphen-joined to a capitalised word ("az-Zour" in "Deir az-Zour",
/// "al-Shughour" in "Jisr al-Shughour"): it continues a name as a capitalised word does.
fn article_joined(cx: &Ctx, k: usize) -> bool {
    let text = cx.doc.slice(cx.doc.tokens[k].span);
    text.split_once(['-', '‐']).is_some_and(|(art, rest)| {
        (1..=3).contains(&art.len())
            && art.bytes().all(|b| b.is_ascii_lowercase())
            && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Raw candidates: longest capitalised token windows that match a name, in text order.
fn raw_candidates(
    cx: &Ctx,
    range: std::ops::Range<usize>,
    out: &mut Vec<(Span, String, usize, usize)>,
) {
    let toks = &cx.doc.tokens;
    // One buffer for the keys of the windows tried; a key is copied out only when it matches.
    let mut key = String::new();
    let mut key2 = String::new();
    let mut i = range.start;
    while i < range.end {
        let t = &toks[i];
        if t.kind != TokenKind::Word || !t.cap {
            i += 1;
            continue;
        }
        let mut found = None;
        let mut j_max = i + 1;
        while j_max < range.end && j_max - i < MAX_WINDOW && cx.joined(j_max - 1) {
            let u = &toks[j_max];
            if u.kind != TokenKind::Word
                || !(u.cap || CONNECT.contains(&u.norm.as_str()) || article_joined(cx, j_max))
            {
                break;
            }
            j_max += 1;
        }
        for j in (i + 1..=j_max).rev() {
            if !toks[j - 1].cap && !article_joined(cx, j - 1) {
                continue;
            }
            let span = Span::new(t.span.start, toks[j - 1].span.end);
            let text = cx.doc.slice(span);
            sitrep_text::fold_into(text, &mut key);
            // "Kan.", "Tenn.": an abbreviation with its period is its own key.
            if j < range.end
                && toks[j].norm == "."
                && toks[j].span.start == span.end
                && text.len() <= 6
            {
                let key_dot = format!("{key}.");
                if cx.matches(&key_dot) {
                    found = Some((Span::new(span.start, span.end + 1), key_dot, j + 1));
                    break;
                }
            }
            if cx.matches(&key) {
                found = Some((span, key.clone(), j));
                break;
            }
            if is_possessive(text) {
                let span2 = Span::new(span.start, span.end - 2);
                sitrep_text::fold_into(cx.doc.slice(span2), &mut key2);
                if cx.matches(&key2) {
                    found = Some((span2, key2.clone(), j));
                    break;
                }
            }
            // "Syrias Aleppo": a country's possessive written without its apostrophe.
            if j == i + 1 && text.len() > 3 && text.ends_with('s') {
                let span2 = Span::new(span.start, span.end - 1);
                sitrep_text::fold_into(cx.doc.slice(span2), &mut key2);
                if countries::by_name(&key2).is_some() {
                    found = Some((span2, key2.clone(), j));
                    break;
                }
            }
        }
        if let Some((span, key, j)) = found {
            let (span, key, j) = district_of_columbia(cx, span, key, j, range.end);
            out.push((span, key, i, j));
            i = j;
            continue;
        }
        // "US-led", "Baghdad-based": the capitalised part before a hyphen.
        let text = cx.doc.slice(t.span);
        if let Some(pos) = text.find('-') {
            let head = &text[..pos];
            // "Baghdad-based", not "Wal-Mart".
            let tail = sitrep_text::fold(&text[pos + 1..]);
            let tail_place = (cx.matches(&tail) && tail.len() >= 5)
                || countries::by_name(&tail).is_some()
                || countries::by_demonym(&tail).is_some();
            if text[pos + 1..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && !tail_place
            {
                i += 1;
                continue;
            }
            let key = sitrep_text::fold(head);
            if cx.matches(&key) {
                let n = head.chars().count();
                out.push((Span::new(t.span.start, t.span.start + n), key, i, i + 1));
            }
        }
        i += 1;
    }
}

/// "Washington, D.C." / "Washington DC": the name with its district, when the gazetteer knows
/// the pair ("washington dc"); the comma would otherwise split it into a name and a stray "D.C.".
fn district_of_columbia(
    cx: &Ctx,
    span: Span,
    key: String,
    j: usize,
    end: usize,
) -> (Span, String, usize) {
    let toks = &cx.doc.tokens;
    let mut k = j;
    if k < end && cx.norm(k) == "," {
        k += 1;
    }
    let mut letters = String::new();
    let mut last = None;
    while k < end && letters.len() < 2 && k < j + 6 {
        let n = cx.norm(k);
        match n {
            "." => {}
            "d" | "c" | "d." | "c." | "dc" | "d.c" | "d.c." => {
                letters.extend(n.chars().filter(|c| c.is_ascii_alphabetic()))
            }
            _ => break,
        }
        last = Some(k);
        k += 1;
    }
    // A trailing period belongs to the abbreviation ("D.C.").
    if let Some(l) = last {
        if l + 1 < end && cx.norm(l + 1) == "." && toks[l + 1].span.start == toks[l].span.end {
            last = Some(l + 1);
        }
    }
    match last {
        Some(l) if letters == "dc" && cx.gaz.contains_name(&format!("{key} dc")) => (
            Span::new(span.start, toks[l].span.end),
            format!("{key} dc"),
            l + 1,
        ),
        _ => (span, key, j),
    }
}

/// Capitalised words from token `t` on end in an organisation noun ("American Red Cross",
/// "American Heart Association").
fn org_name_follows(cx: &Ctx, t: usize, end: usize) -> bool {
    let toks = &cx.doc.tokens;
    let mut k = t;
    while k < end && k < t + 5 && k > 0 && cx.joined(k - 1) {
        let u = &toks[k];
        if u.kind != TokenKind::Word || !(u.cap || lexicon::CONNECT_WORD.contains(&cx.norm(k))) {
            break;
        }
        if lexicon::ORG_NOUNS.contains(&cx.norm(k)) {
            return true;
        }
        k += 1;
    }
    false
}

fn title_case(cx: &Ctx, range: &std::ops::Range<usize>) -> bool {
    let words: Vec<_> = range
        .clone()
        .filter(|&k| cx.doc.tokens[k].kind == TokenKind::Word && cx.norm(k).len() > 3)
        .collect();
    !words.is_empty()
        && words.iter().filter(|&&k| cx.doc.tokens[k].cap).count() * 10 >= words.len() * 7
}

struct Pending {
    cand: Cand,
    needs_cue: bool,
    person: bool,
}

/// Candidates that pass recognition, in text order.
pub(crate) fn recognize(doc: &Document, gaz: &Gazetteer) -> Vec<Cand> {
    let cx = Ctx { doc, gaz };
    let toks = &doc.tokens;
    // Lower-case words of the document (gathered when first needed): a name also used as an
    // ordinary word is suspect.
    let lower_cell: std::cell::OnceCell<HashSet<&str>> = std::cell::OnceCell::new();
    let lower = || {
        lower_cell.get_or_init(|| {
            toks.iter()
                .filter(|t| t.kind == TokenKind::Word && !t.cap)
                .map(|t| t.norm.as_str())
                .collect()
        })
    };
    let mut pend: Vec<Pending> = Vec::new();
    let mut ranges: Vec<(std::ops::Range<usize>, bool, bool)> = Vec::new();
    if let Some(d) = &doc.dateline {
        let a = doc.token_at_or_after(d.place.start);
        let b = doc.token_at_or_after(d.place.end);
        ranges.push((a..b, false, true));
    }
    for s in &doc.sentences {
        if s.kind == SentenceKind::Date {
            continue;
        }
        let header = matches!(s.kind, SentenceKind::Title | SentenceKind::Subtitle);
        let tc = header && title_case(&cx, &s.tokens);
        ranges.push((s.tokens.clone(), tc, false));
    }
    for (range, tc, is_dateline) in ranges {
        let mut raw = Vec::new();
        raw_candidates(&cx, range.clone(), &mut raw);
        let first_word = range.clone().find(|&k| toks[k].kind == TokenKind::Word);
        for (span, key, t0, t1) in raw {
            let country = countries::by_name(&key);
            let demonym = countries::by_demonym(&key);
            let places: Vec<u32> = gaz.lookup(&key).take(MAX_PLACES).collect();
            let prev = (t0 > range.start).then(|| t0 - 1);
            let prev2 = prev.filter(|&p| p > range.start).map(|p| p - 1);
            let next = (t1 < range.end).then_some(t1);
            let next_norm = next.map(|n| cx.norm(n)).unwrap_or("");
            let hyphen_head = span.end < toks[t1 - 1].span.end
                && doc
                    .slice(toks[t1 - 1].span)
                    .chars()
                    .nth(span.end - toks[t1 - 1].span.start)
                    == Some('-');
            // Demonyms and dual words ("US"): adjectival use is a demonym.
            let adjectival = hyphen_head
                || next.is_some_and(|n| {
                    toks[n].kind == TokenKind::Word
                        && !toks[n].cap
                        && !lexicon::PERSON_AFTER.contains(&cx.norm(n))
                        && !matches!(
                            cx.norm(n),
                            "and"
                                | "or"
                                | "on"
                                | "in"
                                | "to"
                                | "is"
                                | "was"
                                | "has"
                                | "had"
                                | "have"
                                | "will"
                                | "would"
                                | "as"
                                | "at"
                                | "for"
                                | "of"
                                | "with"
                                | "from"
                                | "by"
                        )
                });
            // "American Red Cross", "Native American": part of a name, not the country.
            let in_name = (!tc && org_name_follows(&cx, t1, range.end))
                || prev.is_some_and(|p| cx.norm(p) == "native");
            let demonym = demonym.filter(|_| (country.is_none() || adjectival) && !in_name);
            if demonym.is_none() && country.is_none() && countries::by_demonym(&key).is_some() {
                continue;
            }
            if demonym.is_some() {
                pend.push(Pending {
                    cand: Cand {
                        span,
                        key,
                        country: None,
                        demonym,
                        places: Vec::new(),
                        hint: None,
                        cue: true,
                        conf: 0.9,
                    },
                    needs_cue: false,
                    person: false,
                });
                continue;
            }
            if places.is_empty() && country.is_none() {
                continue;
            }
            if lexicon::is_stop(&key) && country.is_none() {
                continue;
            }
            // "25 Jun 2016", "Sat 04 Oct": a short month or weekday name next to a number.
            let by_number = |k: Option<usize>| k.is_some_and(|k| toks[k].kind == TokenKind::Number);
            if lexicon::is_date_abbreviation(&key) && (by_number(prev) || by_number(next)) {
                continue;
            }
            let max_pop = places.iter().map(|&p| gaz.rec(p).pop).max().unwrap_or(0);
            let kinds: Vec<PlaceKind> = places.iter().take(50).map(|&p| gaz.rec(p).kind).collect();
            let strong = country.is_some()
                || kinds.iter().any(|k| {
                    matches!(
                        k,
                        PlaceKind::Admin1
                            | PlaceKind::Water
                            | PlaceKind::Region
                            | PlaceKind::Country
                    )
                })
                || max_pop >= 100_000
                || key.contains(' ');
            // Cues.
            let mut cue = is_dateline;
            let mut hint = None;
            if let Some(p) = prev {
                let pn = cx.norm(p);
                if lexicon::CUE_BEFORE.contains(&pn) {
                    cue = true;
                }
                if pn == "of" {
                    if let Some(pp) = prev2 {
                        let ppn = cx.norm(pp);
                        if lexicon::CUE_OF.contains(&ppn) {
                            cue = true;
                            hint = lexicon::of_hint(ppn);
                        }
                    }
                }
            }
            if let Some(h) = lexicon::suffix_hint(next_norm) {
                cue = true;
                hint = Some(h);
            }
            // Nigeria's "Guma Local Government Area" (its second-level division).
            if next_norm == "local"
                && next
                    .map(|n| n + 1)
                    .filter(|&n| n < range.end)
                    .is_some_and(|n| cx.norm(n) == "government")
            {
                cue = true;
                hint = Some(KindHint::Admin2);
            }
            if next_norm == "," {
                if let Some(n2) = next.map(|n| n + 1).filter(|&n| n < range.end) {
                    let k2 = cx.norm(n2);
                    if countries::by_name(k2).is_some()
                        || gaz
                            .lookup(k2)
                            .take(20)
                            .any(|p| gaz.rec(p).kind == PlaceKind::Admin1)
                    {
                        cue = true;
                    }
                }
            }
            // Person evidence.
            let mut person = false;
            if let Some(p) = prev {
                let pt = &toks[p];
                let pn = cx.norm(p);
                let after_title =
                    lexicon::PERSON_BEFORE.contains(&pn) && pt.kind == TokenKind::Word;
                let after_name = !tc
                    && pt.kind == TokenKind::Word
                    && pt.cap
                    && !pt.all_caps
                    && cx.joined(p)
                    && !lexicon::is_stop(pn)
                    && !lexicon::CUE_BEFORE.contains(&pn)
                    && countries::by_demonym(pn).is_none()
                    // "Syrias Aleppo": a country's possessive without its apostrophe.
                    && pn
                        .strip_suffix('s')
                        .is_none_or(|x| countries::by_name(x).is_none());
                person = after_title || after_name;
            }
            // "Scott Newsham": a first name before another capitalised word.
            if lexicon::is_first_name(&key)
                && country.is_none()
                && max_pop < 500_000
                && next.is_some_and(|n| {
                    let u = &toks[n];
                    u.kind == TokenKind::Word
                        && u.cap
                        && !u.all_caps
                        && cx.joined(n - 1)
                        && !lexicon::PLACE_NOUNS.contains(&cx.norm(n))
                        && !lexicon::CONNECT_WORD.contains(&cx.norm(n))
                })
            {
                person = true;
            }
            // "St. Patrick's Day"; "Stevens & Wilkinson".
            if prev.is_some_and(|p| matches!(cx.norm(p), "st" | "st." | "&")) || next_norm == "&" {
                continue;
            }
            // Short all-capital words are acronyms ("IRS", "SWAT"), not places, unless a
            // country or a division.
            if toks[t0].all_caps
                && t1 - t0 == 1
                && span.end - span.start <= 4
                && country.is_none()
                && !kinds.iter().any(|k| {
                    matches!(
                        k,
                        PlaceKind::Admin1 | PlaceKind::Country | PlaceKind::Region
                    )
                })
                && !cue
            {
                continue;
            }
            if next.is_some_and(|n| lexicon::PERSON_AFTER.contains(&cx.norm(n)))
                && country.is_none()
                && max_pop < 1_000_000
                && t1 - t0 == 1
            {
                person = true;
            }
            let zipf = if key.contains(' ') {
                None
            } else {
                lexicon::common_word_zipf(&key)
            };
            let weak_pos = tc || Some(t0) == first_word;
            let admin1 = kinds.contains(&PlaceKind::Admin1);
            let needs_cue = (weak_pos && zipf.is_some() && country.is_none())
                || (zipf.is_some_and(|z| z >= 4.0) && !strong)
                || (zipf.is_some_and(|z| z >= 5.0) && country.is_none() && !admin1)
                || (!strong && lower().contains(key.as_str()));
            let conf = if cue {
                0.9
            } else if strong {
                0.85
            } else {
                0.7
            };
            pend.push(Pending {
                cand: Cand {
                    span,
                    key,
                    country,
                    demonym: None,
                    places,
                    hint,
                    cue,
                    conf,
                },
                needs_cue,
                person,
            });
        }
    }
    // One sense per discourse: a name accepted with a cue (or without needing one) supports its
    // other mentions; a name seen as a person's does not.
    let persons: HashSet<String> = pend
        .iter()
        .filter(|p| p.person)
        .map(|p| p.cand.key.clone())
        .collect();
    let supported: HashSet<String> = pend
        .iter()
        .filter(|p| !p.person && (p.cand.cue || !p.needs_cue))
        .map(|p| p.cand.key.clone())
        .collect();
    let mut out: Vec<Cand> = pend
        .into_iter()
        .filter(|p| {
            p.cand.demonym.is_some()
                || (!p.person
                    && (!persons.contains(&p.cand.key) || p.cand.cue)
                    && (!p.needs_cue
                        || p.cand.cue
                        || supported.contains(&p.cand.key) && !persons.contains(&p.cand.key)))
        })
        .map(|p| p.cand)
        .collect();
    out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    out.dedup_by(|b, a| b.span.start < a.span.end);
    out
}
