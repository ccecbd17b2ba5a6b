//! Who reports an event: the quotes and attributions around its evidence (quotes overlapping it or
//! in its sentence, "X said" with a person in that sentence, outlets such as "state television
//! reported" or "the Syrian Observatory for Human Rights said"), plus quotes elsewhere in the
//! article that restate the same happening (same kind of act, same place). Distinct sources only:
//! "the senior officer" and "a major general" are one anonymous source, "the mayor" is the named
//! mayor. And how that corroboration raises an event's certainty.

use crate::input::Annotated;
use crate::record::{Certainty, Source};
use sitrep_actors::Quote;
use sitrep_text::{fold, Document, Span};

/// What `for_event` asks of each quote of the document, computed once per document (per event it
/// made extraction quadratic in the article's length): the act families (`FAMILIES` bits) it
/// names, the places inside it and its sentence.
struct QuoteFacts {
    families: u16,
    places: Vec<String>,
    sentence: Option<usize>,
}

/// What `for_event` reads of the whole document, computed once per document: each quote's facts,
/// the article's named people with their role words (to map "the mayor" to Imad Ahmed), and an
/// index of the quotes that can concern an event, so that an event looks at those only and a long
/// article's time does not grow with (events × quotes).
pub struct DocFacts {
    quotes: Vec<QuoteFacts>,
    people_roles: Vec<(String, Vec<String>)>,
    /// Per sentence: quotes whose span overlaps it, or whose speaker starts in it.
    near: Vec<Vec<usize>>,
    /// Per sentence: quotes starting in it that name no place (they may restate a nearby event).
    placeless: Vec<Vec<usize>>,
    /// Per place key: quotes naming that place.
    by_place: std::collections::HashMap<String, Vec<usize>>,
    /// Quotes no sentence holds (checked for every event).
    always: Vec<usize>,
}

impl DocFacts {
    /// Every quote that may be local to, or restate, an event whose evidence spans sentences
    /// `s0..=s_hi` (`s1` the last of its sentence range) and names `ev_places` — a superset:
    /// `for_event` applies the exact tests — in document order.
    fn candidates(&self, s0: usize, s_hi: usize, s1: usize, ev_places: &[String]) -> Vec<usize> {
        let mut out = self.always.clone();
        for near in self.near.get(s0..=s_hi).into_iter().flatten() {
            out.extend(near);
        }
        let lo = s1.saturating_sub(1);
        let hi = (s1 + 6).min(self.placeless.len().saturating_sub(1));
        for placeless in self.placeless.get(lo..=hi).into_iter().flatten() {
            out.extend(placeless);
        }
        for p in ev_places {
            out.extend(self.by_place.get(p).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

pub fn doc_facts(a: &Annotated) -> DocFacts {
    let people_roles = a
        .who
        .people
        .iter()
        .map(|p| {
            let roles = p.role.as_deref().map(role_heads).unwrap_or_default();
            (p.name.clone(), roles)
        })
        .collect();
    let quotes = quote_facts(a);
    let doc = a.doc;
    let n = doc.sentences.len();
    let (mut near, mut placeless) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    let mut by_place: std::collections::HashMap<String, Vec<usize>> = Default::default();
    let mut always = Vec::new();
    for (qi, (q, qf)) in a.who.quotes.iter().zip(&quotes).enumerate() {
        let qs = Span::new(q.start, q.end.max(q.start));
        let first = doc.sentences.partition_point(|s| s.span.end <= qs.start);
        let overlapped: Vec<usize> = (first..n)
            .take_while(|&i| doc.sentences[i].span.start < qs.end)
            .filter(|&i| doc.sentences[i].span.overlaps(qs))
            .collect();
        if overlapped.is_empty() {
            always.push(qi);
        }
        for i in overlapped {
            near[i].push(qi);
        }
        if let Some(sp) = q.speaker_start {
            match doc.sentence_at(sp) {
                Some(i) => near[i].push(qi),
                None => always.push(qi),
            }
        }
        if qf.places.is_empty() {
            if let Some(i) = qf.sentence {
                placeless[i].push(qi);
            }
        }
        for p in &qf.places {
            by_place.entry(p.clone()).or_default().push(qi);
        }
    }
    DocFacts {
        quotes,
        people_roles,
        near,
        placeless,
        by_place,
        always,
    }
}

fn quote_facts(a: &Annotated) -> Vec<QuoteFacts> {
    a.who
        .quotes
        .iter()
        .map(|q| {
            let qs = Span::new(q.start, q.end.max(q.start));
            QuoteFacts {
                families: families_in(a.doc, qs),
                places: places_in(a, qs),
                sentence: a.doc.sentence_at(q.start),
            }
        })
        .collect()
}

/// Distinct sources that report the event whose evidence is `evidence`, in text order.
/// `facts` is `doc_facts(a)`.
pub fn for_event(a: &Annotated, evidence: Span, facts: &DocFacts) -> Vec<Source> {
    let doc = a.doc;
    let Some((s0, s1)) = sentence_range(doc, evidence) else {
        return Vec::new();
    };
    let ev_sent = Span::new(doc.sentences[s0].span.start, doc.sentences[s1].span.end);
    let ev_families = families_in(doc, evidence);
    let ev_places: Vec<String> = places_in(a, evidence);
    let mut found: Vec<Source> = Vec::new();
    // The last sentence the evidence reaches into (past `s1` only if the evidence ends in a gap).
    let s_hi = doc
        .sentences
        .partition_point(|s| s.span.start < evidence.end)
        .saturating_sub(1)
        .max(s1);
    for qi in facts.candidates(s0, s_hi, s1, &ev_places) {
        let (q, qf) = (&a.who.quotes[qi], &facts.quotes[qi]);
        let qs = Span::new(q.start, q.end.max(q.start));
        let speaker_in_sentence = q
            .speaker_start
            .is_some_and(|s| ev_sent.start <= s && s < ev_sent.end);
        let local = qs.overlaps(evidence) || qs.overlaps(ev_sent) || speaker_in_sentence;
        let restates = !local && restates(qf, qf.families & ev_families != 0, &ev_places, s1);
        if local || restates {
            found.extend(sources_of_quote(q));
        }
    }
    found.extend(people_said(a, ev_sent));
    found.extend(outlets_in(doc, ev_sent));
    found.sort_by_key(|s| (s.start, s.end));
    dedupe(found, &facts.people_roles)
}

/// Certainty after corroboration: two or more distinct sources raise a reported (or locally
/// hedged) event to confirmed; an open hedge in the article caps it at hedged. Claims,
/// speculation and denials are left as they are.
pub fn corroborated_certainty(base: Certainty, sources: &[Source], hedge_open: bool) -> Certainty {
    let independent = distinct_count(sources);
    let raised = if matches!(base, Certainty::Reported | Certainty::Hedged) && independent >= 2 {
        Certainty::Confirmed
    } else {
        base
    };
    if hedge_open {
        raised.min(Certainty::Hedged)
    } else {
        raised
    }
}

fn distinct_count(sources: &[Source]) -> usize {
    let mut keys: Vec<String> = sources
        .iter()
        .map(|s| identity(&s.name, s.anonymous))
        .collect();
    keys.sort();
    keys.dedup();
    keys.len()
}

fn sentence_range(doc: &Document, span: Span) -> Option<(usize, usize)> {
    let s0 = doc.sentence_at(span.start)?;
    let s1 = doc
        .sentence_at(span.end.saturating_sub(1).max(span.start))
        .unwrap_or(s0);
    Some((s0, s1.max(s0)))
}

/// Kinds of act a word names, so that "pulled out", "withdrawal" and "pullout" match.
const FAMILIES: &[(&str, &[&str])] = &[
    (
        "withdraw",
        &["withdr", "pull", "retreat", "abandon", "evacuat", "pullout"],
    ),
    (
        "kill",
        &[
            "kill", "dead", "death", "died", "bodies", "fatalit", "slain",
        ],
    ),
    (
        "attack",
        &["attack", "assault", "raid", "ambush", "storm", "offensive"],
    ),
    (
        "strike",
        &[
            "strike",
            "struck",
            "airstrike",
            "shell",
            "bombard",
            "missile",
            "rocket",
            "barrel",
            "bombing",
        ],
    ),
    ("clash", &["clash", "fight", "battle", "combat"]),
    (
        "capture",
        &[
            "captur", "seiz", "retak", "recaptur", "overr", "liberat", "regain", "control",
        ],
    ),
    ("explode", &["explo", "blast", "bomb", "suicide", "ied"]),
    (
        "arrest",
        &["arrest", "detain", "detention", "kidnap", "abduct"],
    ),
    ("protest", &["protest", "demonstrat", "rally", "rallies"]),
];

/// The families named inside `span`, one bit per `FAMILIES` entry.
fn families_in(doc: &Document, span: Span) -> u16 {
    let mut out = 0u16;
    let t0 = doc.token_at_or_after(span.start);
    for t in doc.tokens[t0..]
        .iter()
        .take_while(|t| t.span.end <= span.end)
    {
        // Every stem has three letters or more and starts with a letter.
        if t.norm.len() < 3 || !t.norm.as_bytes()[0].is_ascii_lowercase() {
            continue;
        }
        for (i, (_, stems)) in FAMILIES.iter().enumerate() {
            if out & (1 << i) == 0 && stems.iter().any(|s| t.norm.starts_with(s)) {
                out |= 1 << i;
            }
        }
    }
    out
}

/// Folded names of the non-country places inside `span` (gazetteer id when resolved).
fn places_in(a: &Annotated, span: Span) -> Vec<String> {
    a.places
        .iter()
        .filter(|p| !p.demonym && span.start <= p.start && p.end <= span.end)
        .filter(|p| !matches!(p.kind, sitrep_geo::PlaceKind::Country))
        .map(|p| {
            p.geonameid
                .map(|g| g.to_string())
                .unwrap_or_else(|| fold(&p.name))
        })
        .collect()
}

/// A quote elsewhere restates the event: the same kind of act, and the same place — or no place
/// at all when it follows the evidence closely (within six sentences).
fn restates(q: &QuoteFacts, same_act: bool, ev_places: &[String], ev_last_sentence: usize) -> bool {
    if !same_act {
        return false;
    }
    if q.places.iter().any(|p| ev_places.contains(p)) {
        return true;
    }
    if !q.places.is_empty() {
        return false;
    }
    let Some(qsent) = q.sentence else {
        return false;
    };
    qsent + 1 >= ev_last_sentence && qsent <= ev_last_sentence + 6
}

/// One quote's speaker as sources: "an army general and the mayor" is two.
fn sources_of_quote(q: &Quote) -> Vec<Source> {
    let speaker = q.speaker.trim();
    if speaker.is_empty() || is_pronoun(speaker) || names_an_act(speaker) {
        return Vec::new();
    }
    let (start, end) = match (q.speaker_start, q.speaker_end) {
        (Some(s), Some(e)) if s <= e => (s, e),
        _ => (q.start, q.end),
    };
    let parts: Vec<&str> = speaker
        .split(" and ")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let split = parts.len() > 1 && parts.iter().all(|p| p.split_whitespace().count() <= 4);
    let parts = if split { parts } else { vec![speaker] };
    parts
        .into_iter()
        .map(|p| {
            let anonymous = if split {
                looks_anonymous(p)
            } else {
                q.anonymous
            };
            let role = if split && anonymous {
                Some(description_role(p))
            } else {
                q.role.clone()
            };
            Source {
                name: p.to_string(),
                role,
                anonymous,
                start,
                end,
            }
        })
        .collect()
}

/// "The pullout", "the attack": a happening, not someone who speaks.
fn names_an_act(s: &str) -> bool {
    let f = fold(s);
    let head = f.split(' ').next_back().unwrap_or("");
    FAMILIES
        .iter()
        .any(|(_, stems)| stems.iter().any(|st| head.starts_with(st)))
        && !matches!(
            head,
            "fighter" | "fighters" | "attacker" | "attackers" | "protesters" | "bomber"
        )
}

fn is_pronoun(s: &str) -> bool {
    matches!(
        fold(s).as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you"
    )
}

/// "a major general", "the mayor", "an official": a description, not a name.
fn looks_anonymous(s: &str) -> bool {
    let f = fold(s);
    let first = f.split(' ').next().unwrap_or("");
    matches!(
        first,
        "a" | "an" | "the" | "one" | "two" | "some" | "several"
    ) || !s.chars().next().is_some_and(char::is_uppercase)
}

/// "a major general" → "major general".
fn description_role(s: &str) -> String {
    let f = fold(s);
    let words: Vec<&str> = f
        .split(' ')
        .filter(|w| !matches!(*w, "a" | "an" | "the" | "one"))
        .collect();
    words.join(" ")
}

/// Speech verbs that make a person in the evidence sentence a source.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "told",
    "reported",
    "confirmed",
    "announced",
    "added",
    "stated",
    "claimed",
    "according",
    "tweeted",
    "wrote",
    "declared",
    "insisted",
    "explained",
];

/// "Raja Barakat, a member of ..., confirmed the Rutba pullout": a named person followed in the
/// same sentence by a speech verb, or "according to" a person.
fn people_said(a: &Annotated, sent: Span) -> Vec<Source> {
    let doc = a.doc;
    let mut out = Vec::new();
    for p in a
        .who
        .people
        .iter()
        .filter(|p| sent.start <= p.start && p.end <= sent.end)
    {
        let after = doc.token_at_or_after(p.end);
        let said_after = doc.tokens[after..]
            .iter()
            .take_while(|t| t.span.end <= sent.end)
            .take(30)
            .any(|t| SPEECH.contains(&t.norm.as_str()));
        let b = doc.token_at_or_after(p.start);
        let according =
            b >= 2 && doc.tokens[b - 2].norm == "according" && doc.tokens[b - 1].norm == "to";
        if said_after || according {
            out.push(Source {
                name: p.name.clone(),
                role: p.role.clone(),
                anonymous: false,
                start: p.start,
                end: p.end,
            });
        }
    }
    out
}

/// Outlets and monitors named as sources in `span`: "state television reported", "SANA",
/// "the Syrian Observatory for Human Rights said", "according to Reuters", "a monitor said".
pub fn outlets_in(doc: &Document, span: Span) -> Vec<Source> {
    const OUTLETS: &[&[&str]] = &[
        &["syrian", "observatory", "for", "human", "rights"],
        &["observatory"],
        &["state", "television"],
        &["state", "tv"],
        &["state", "media"],
        &["state", "news", "agency"],
        &["sana"],
        &["reuters"],
        &["afp"],
        &["associated", "press"],
        &["al", "jazeera"],
        &["al", "arabiya"],
        &["amaq"],
        &["bbc"],
        &["cnn"],
        &["anadolu"],
        &["irna"],
        &["tass"],
        &["ria", "novosti"],
        &["interfax"],
        &["a", "monitor"],
        &["the", "monitor"],
        &["monitoring", "group"],
        &["activists"],
        &["local", "coordination", "committees"],
        &["white", "helmets"],
        &["civil", "defence"],
        &["civil", "defense"],
        &["news", "agency"],
        &["television"],
    ];
    let t0 = doc.token_at_or_after(span.start);
    let toks: Vec<&str> = doc.tokens[t0..]
        .iter()
        .take_while(|t| t.span.end <= span.end)
        .map(|t| t.norm.as_str())
        .collect();
    let speech_near = |i: usize, n: usize| {
        let lo = i.saturating_sub(3);
        let hi = (i + n + 4).min(toks.len());
        toks[lo..hi]
            .iter()
            .any(|w| SPEECH.contains(w) || *w == "cited" || *w == "quoted")
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let hit = OUTLETS
            .iter()
            .find(|o| toks.len() - i >= o.len() && toks[i..i + o.len()] == o[..]);
        match hit {
            Some(o) if speech_near(i, o.len()) || matches!(o[0], "sana" | "amaq") => {
                // Widen to the capitalised name around it ("Syrian state television").
                let mut s = t0 + i;
                while s > t0
                    && doc.tokens[s - 1].cap
                    && doc.tokens[s - 1].kind == sitrep_text::TokenKind::Word
                    && !matches!(doc.tokens[s - 1].norm.as_str(), "the" | "a" | "an")
                    && s + 3 > t0 + i
                {
                    s -= 1;
                }
                let e = t0 + i + o.len() - 1;
                let sp = Span::new(doc.tokens[s].span.start, doc.tokens[e].span.end);
                let name = doc.slice(sp).to_string();
                out.push(Source {
                    name,
                    role: Some("outlet".into()),
                    anonymous: false,
                    start: sp.start,
                    end: sp.end,
                });
                i += o.len();
            }
            _ => i += 1,
        }
    }
    out
}

/// Identity key for deduplication: a named source by its last name word, an anonymous one by the
/// head noun of its description ("a major general" and "an army general" → "general").
fn identity(name: &str, anonymous: bool) -> String {
    let f = fold(name);
    let last = f
        .split(' ')
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_string();
    if anonymous {
        format!("anon:{last}")
    } else {
        format!("named:{last}")
    }
}

/// Role head words of the named sources and people: "mayor of Rutba" → "mayor".
fn role_heads(role: &str) -> Vec<String> {
    let f = fold(role);
    let before_of = f.split(" of ").next().unwrap_or("").to_string();
    before_of
        .split(' ')
        .filter(|w| w.len() > 2 && !matches!(*w, "the" | "and"))
        .map(String::from)
        .collect()
}

/// Distinct sources only, an anonymous one named when its role word is a named person's role
/// (found sources first, then the article's people: `people_roles`).
fn dedupe(found: Vec<Source>, people_roles: &[(String, Vec<String>)]) -> Vec<Source> {
    let found_roles: Vec<(String, Vec<String>)> = found
        .iter()
        .filter(|s| !s.anonymous)
        .map(|s| {
            let roles = s.role.as_deref().map(role_heads).unwrap_or_default();
            (s.name.clone(), roles)
        })
        .collect();
    let mut out: Vec<Source> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    for mut s in found {
        if s.anonymous {
            let head = fold(&s.name)
                .split(' ')
                .next_back()
                .unwrap_or("")
                .to_string();
            let mut named = found_roles.iter().chain(people_roles);
            if let Some((n, _)) = named.find(|(_, roles)| roles.contains(&head)) {
                s.role = s.role.or_else(|| Some(description_role(&s.name)));
                s.name = n.clone();
                s.anonymous = false;
            }
        }
        let k = identity(&s.name, s.anonymous);
        if !keys.contains(&k) {
            keys.push(k);
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, anonymous: bool) -> Source {
        Source {
            name: name.into(),
            role: None,
            anonymous,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn certainty_raised_by_independent_sources_but_capped_by_open_hedge() {
        let two = [src("a major general", true), src("Imad Ahmed", false)];
        assert_eq!(
            corroborated_certainty(Certainty::Reported, &two, false),
            Certainty::Confirmed
        );
        assert_eq!(
            corroborated_certainty(Certainty::Reported, &two, true),
            Certainty::Hedged
        );
        assert_eq!(
            corroborated_certainty(Certainty::Reported, &two[..1], false),
            Certainty::Reported
        );
        let same = [src("a major general", true), src("an army general", true)];
        assert_eq!(
            corroborated_certainty(Certainty::Reported, &same, false),
            Certainty::Reported
        );
        assert_eq!(
            corroborated_certainty(Certainty::Speculative, &two, false),
            Certainty::Speculative
        );
        assert_eq!(
            corroborated_certainty(Certainty::Confirmed, &[], true),
            Certainty::Hedged
        );
    }

    #[test]
    fn splits_joint_speakers() {
        let q = Quote {
            start: 10,
            end: 20,
            kind: "indirect".into(),
            speaker: "an army general and the mayor".into(),
            speaker_start: Some(30),
            speaker_end: Some(60),
            anonymous: true,
            role: None,
            text: String::new(),
        };
        let s = sources_of_quote(&q);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "an army general");
        assert!(s[0].anonymous);
        assert_eq!(s[1].role.as_deref(), Some("mayor"));
    }

    #[test]
    fn finds_outlets() {
        let text = "Six people were killed, Syrian state television reported. The Syrian Observatory for Human Rights said 4 died. SANA gave no toll.";
        let doc = Document::new(sitrep_text::DocMeta::default(), text.to_string());
        let o = outlets_in(&doc, Span::new(0, doc.char_len()));
        let names: Vec<&str> = o.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Syrian state television",
                "Syrian Observatory for Human Rights",
                "SANA"
            ]
        );
    }
}
