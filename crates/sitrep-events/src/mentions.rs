//! The view of the earlier stages' annotations that event extraction reads: actors, places, times,
//! quotes and modality cues, each with its char span. Kept as plain structs so the rules can be
//! tested with hand-made annotations; `from_annotated` fills them from the pipeline's `Annotated`.

use chrono::NaiveDate;

#[derive(Debug, Clone, Default)]
pub struct ActorRef {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Canonical name ("Islamic State", "Military Forces of Iraq").
    pub name: String,
    /// ACLED actor type ("State forces", "Rebel group", "Civilians", ...).
    pub actor_type: String,
    pub code: Option<String>,
    pub anaphor: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PlaceRef {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub name: String,
    pub geonameid: Option<u32>,
    /// country, admin1, admin2, city, water, region, other
    pub kind: String,
    pub country: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub demonym: bool,
}

#[derive(Debug, Clone, Default)]
pub struct TimeRef {
    pub start: usize,
    pub end: usize,
    /// TimeML type: DATE, TIME, DURATION, SET.
    pub ttype: String,
    pub value: String,
    pub range: Option<[NaiveDate; 2]>,
    /// time, day, week, month, quarter, year, decade, duration, set
    pub precision: String,
}

#[derive(Debug, Clone, Default)]
pub struct QuoteRef {
    pub start: usize,
    pub end: usize,
    pub speaker: String,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub anonymous: bool,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Hedge,
    Denial,
    Claim,
    Confirmation,
    Speculation,
    Condition,
    Negation,
    Intention,
    Request,
    Report,
}

#[derive(Debug, Clone)]
pub struct CueRef {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
}

/// Everything the earlier stages found in one document.
#[derive(Debug, Clone, Default)]
pub struct Mentions {
    pub actors: Vec<ActorRef>,
    pub places: Vec<PlaceRef>,
    pub times: Vec<TimeRef>,
    pub quotes: Vec<QuoteRef>,
    pub cues: Vec<CueRef>,
}

impl Mentions {
    /// Sort every list by start so that the rules can scan them in text order.
    /// Whether every list is in text order (as `sorted` leaves them): lets a sentence find its
    /// mentions by binary search instead of scanning the document's.
    pub fn is_sorted(&self) -> bool {
        self.actors.is_sorted_by_key(|a| a.start)
            && self.places.is_sorted_by_key(|p| p.start)
            && self.times.is_sorted_by_key(|t| t.start)
            && self.cues.is_sorted_by_key(|c| c.start)
    }

    pub fn sorted(mut self) -> Mentions {
        self.actors.sort_by_key(|a| (a.start, a.end));
        self.places.sort_by_key(|p| (p.start, p.end));
        self.times.sort_by_key(|t| (t.start, t.end));
        self.quotes.sort_by_key(|q| (q.start, q.end));
        self.cues.sort_by_key(|c| (c.start, c.end));
        self
    }
}

fn cue_kind(k: sitrep_actors::CueKind) -> CueKind {
    use sitrep_actors::CueKind as K;
    match k {
        K::Hedge => CueKind::Hedge,
        K::Denial => CueKind::Denial,
        K::Claim => CueKind::Claim,
        K::Confirmation => CueKind::Confirmation,
        K::Speculation => CueKind::Speculation,
        K::Condition => CueKind::Condition,
        K::Negation => CueKind::Negation,
        K::Intention => CueKind::Intention,
        K::Request => CueKind::Request,
        K::Report => CueKind::Report,
    }
}

fn json_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|x| x.as_str().map(str::to_string))
        .unwrap_or_default()
}

impl Mentions {
    /// The view of the pipeline's annotations.
    pub fn from_annotated(a: &crate::input::Annotated) -> Mentions {
        let actors: Vec<ActorRef> = a
            .who
            .actors
            .iter()
            .map(|m| ActorRef {
                start: m.start,
                end: m.end,
                text: m.text.clone(),
                name: m.actor.clone(),
                actor_type: m.actor_type.clone(),
                code: m.code.clone(),
                anaphor: m.anaphor,
            })
            .collect();
        let places: Vec<PlaceRef> = a
            .places
            .iter()
            .map(|p| PlaceRef {
                start: p.start,
                end: p.end,
                text: p.text.clone(),
                name: p.name.clone(),
                geonameid: p.geonameid,
                kind: json_name(&p.kind),
                country: p.country.clone(),
                admin1: p.admin1.clone(),
                admin2: p.admin2.clone(),
                lat: p.lat,
                lon: p.lon,
                demonym: p.demonym,
            })
            .collect();
        let times = a
            .times
            .iter()
            .map(|t| TimeRef {
                start: t.start,
                end: t.end,
                ttype: json_name(&t.ttype),
                value: t.value.clone(),
                range: t.range,
                precision: json_name(&t.precision),
            })
            .collect();
        let quotes = a
            .who
            .quotes
            .iter()
            .map(|q| QuoteRef {
                start: q.start,
                end: q.end,
                speaker: q.speaker.clone(),
                speaker_start: q.speaker_start,
                speaker_end: q.speaker_end,
                anonymous: q.anonymous,
                role: q.role.clone(),
            })
            .collect();
        let cues = a
            .who
            .cues
            .iter()
            .map(|c| CueRef {
                start: c.start,
                end: c.end,
                kind: cue_kind(c.kind),
            })
            .collect();
        let places = places
            .into_iter()
            .filter(|p| !names_no_place(a.doc, p, &actors))
            .collect();
        Mentions {
            actors,
            places,
            times,
            quotes,
            cues,
        }
        .sorted()
    }
}

/// Function words that may stand between the capitalised words of a name ("Islamic State of Iraq
/// and the Levant").
const NAME_GLUE: &[&str] = &["of", "and", "the", "for", "in", "al", "el", "de", "&"];

/// Words that, right after a place, make it the name of an outlet or an institution ("Al-Manar TV")
/// or a capital standing for its government ("Damascus said", "Damascus-backed", "despite Damascus
/// promises"), not where something happens.
const AGENT_AFTER: &[&str] = &[
    "tv",
    "television",
    "channel",
    "radio",
    "newspaper",
    "agency",
    "said",
    "says",
    "say",
    "promises",
    "promised",
    "pledges",
    "pledged",
    "claims",
    "claimed",
    "denied",
    "denies",
    "accused",
    "accuses",
    "insists",
    "insisted",
    "warned",
    "warns",
    "announced",
    "saying",
    "claiming",
    "insisting",
    "accusing",
    "warning",
    "backed",
    "sponsored",
    "allied",
    "aligned",
    "supported",
    "led",
];

/// Words that, shortly after an acronym, make it an outlet ("SANA state news agency").
const OUTLET_WORDS: &[&str] = &[
    "agency",
    "news",
    "tv",
    "television",
    "radio",
    "channel",
    "newspaper",
];

/// Words before "in" that make the place where something is outlawed ("IS (banned in Russia)"),
/// not where it happens.
const LEGAL_STATUS: &[&str] = &[
    "banned",
    "outlawed",
    "prohibited",
    "proscribed",
    "illegal",
    "forbidden",
];

/// Whether the place mention is part of an actor's proper name (not its first word: "Levant" in
/// "Islamic State of Iraq and the Levant", "Crescent" in "Qatar Red Crescent"), or names an outlet
/// or a government rather than a location (see `AGENT_AFTER`).
fn names_no_place(doc: &sitrep_text::Document, p: &PlaceRef, actors: &[ActorRef]) -> bool {
    let nested = actors.iter().any(|a| {
        a.start < p.start
            && p.end <= a.end
            && a.text.split_whitespace().all(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                w.is_empty()
                    || w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                    || NAME_GLUE.contains(&w.to_lowercase().as_str())
            })
    });
    // "Civilians in Aleppo": a place after a locative preposition stays a location.
    let before = doc.slice(sitrep_text::Span::new(p.start.saturating_sub(12), p.start));
    let prev = before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    if LOCATIVE.contains(&prev.as_str()) {
        // "(banned in Russia)", "outlawed in many countries": a legal status, not where.
        return prev == "in"
            && before_words(doc, p.start, 2)
                .first()
                .is_some_and(|w| LEGAL_STATUS.contains(&w.as_str()));
    }
    // "a truce brokered by Moscow and Washington": the agent of a passive, not a location.
    let by_agent = prev == "by"
        || (prev == "and"
            && before_words(doc, p.start, 4)
                .iter()
                .rev()
                .nth(2)
                .is_some_and(|w| w == "by"));
    if by_agent && matches!(p.kind.as_str(), "country" | "city") && !p.demonym {
        return true;
    }
    if nested || p.demonym {
        return nested;
    }
    let end = (p.end + 24).min(doc.char_len());
    let after = doc.slice(sitrep_text::Span::new(p.end, end));
    // "SANA state news agency", "QNA news agency": an acronym naming an outlet.
    let text = doc.slice(sitrep_text::Span::new(p.start, p.end));
    let acronym = text.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !text.chars().any(char::is_lowercase);
    if acronym
        && after
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| OUTLET_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return true;
    }
    // "Russia's defence ministry said", "Syrias army": the country's institution acts.
    let owned = ["'s ", "’s ", "s "]
        .iter()
        .find_map(|pre| after.strip_prefix(pre));
    if let Some(rest) = owned {
        let next = rest
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        return p.kind == "country" && INSTITUTIONS.contains(&next.as_str());
    }
    let hyphen = after.starts_with('-');
    if !hyphen && !after.starts_with(' ') {
        return false;
    }
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    if !AGENT_AFTER.contains(&next.as_str()) {
        return false;
    }
    // "-backed", "-allied": only glued to the place.
    if !hyphen
        && matches!(
            next.as_str(),
            "backed" | "sponsored" | "allied" | "aligned" | "supported" | "led"
        )
    {
        return false;
    }
    // "activists in Aleppo said" was kept above: a place governed by a preposition is a location.
    true
}

/// The last `n` words before char `at`, lower-cased, in text order.
fn before_words(doc: &sitrep_text::Document, at: usize, n: usize) -> Vec<String> {
    let text = doc.slice(sitrep_text::Span::new(at.saturating_sub(40), at));
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words[words.len().saturating_sub(n)..].to_vec()
}

/// A country's institutions: after its possessive the country names who acts.
const INSTITUTIONS: &[&str] = &[
    "ministry",
    "government",
    "army",
    "military",
    "president",
    "foreign",
    "defence",
    "defense",
    "forces",
    "regime",
    "navy",
    "envoy",
    "ambassador",
    "officials",
    "leader",
    "prime",
    "state",
    "embassy",
    "intelligence",
    "interior",
];

/// Prepositions that make the next place a location.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "from", "of", "to", "into", "around", "outside", "inside", "across", "on",
    "towards", "toward", "through", "within", "between",
];

/// Indices of the items of a list in text order (by `start`) that start within `a..b`; the whole
/// list when it is not known to be in order.
pub fn starting_in<T>(
    items: &[T],
    start: impl Fn(&T) -> usize,
    sorted: bool,
    a: usize,
    b: usize,
) -> std::ops::Range<usize> {
    if !sorted {
        return 0..items.len();
    }
    let lo = items.partition_point(|x| start(x) < a);
    let hi = items.partition_point(|x| start(x) < b);
    lo..hi.max(lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{actor, doc, place};

    #[test]
    fn places_inside_names_and_capitals_speaking_are_no_locations() {
        let t = "Fighters of the Islamic State of Iraq and the Levant attacked. Damascus said it \
                 won. Activists in Homs said it. The Damascus-backed militia and Al-Manar TV.";
        let d = doc(t);
        let actors = vec![actor(
            t,
            "Islamic State of Iraq and the Levant",
            "Islamic State",
            "Rebel group",
        )];
        let no = |at: &str| names_no_place(&d, &place(t, at, "city", "SY"), &actors);
        assert!(no("Levant"));
        assert!(no("Damascus said"[..8].as_ref()));
        assert!(!no("Homs"));
        assert!(no("Al-Manar"));
        let t = "IS (banned in Russia) fighters and a US-led coalition clashed in Homs; Kabul led.";
        let d = doc(t);
        let no = |at: &str, kind: &str| names_no_place(&d, &place(t, at, kind, ""), &[]);
        assert!(no("Russia", "country"));
        assert!(no("US", "country"));
        assert!(!no("Homs", "city"));
        assert!(!no("Kabul", "city"));
        let t = "Syrias SANA state news agency said a bomb hit HOMS on Friday.";
        let d = doc(t);
        let no = |at: &str| names_no_place(&d, &place(t, at, "city", ""), &[]);
        assert!(no("SANA"));
        assert!(!no("HOMS"));
        let t = "Rebels were killed, Russias defence ministry said. Syria's Aleppo was hit.";
        let country = |at: &str| place(t, at, "country", "");
        assert!(names_no_place(&doc(t), &country("Russia"), &[]));
        assert!(!names_no_place(&doc(t), &country("Syria"), &[]));
        let t = "The truce brokered by Moscow and Washington held; Ankara saying it wanted a zone.";
        let city = |at: &str| place(t, at, "city", "");
        assert!(names_no_place(&doc(t), &city("Moscow"), &[]));
        assert!(names_no_place(&doc(t), &city("Washington"), &[]));
        assert!(names_no_place(&doc(t), &city("Ankara"), &[]));
        let civilians = "Civilians in Aleppo fled.";
        let a = vec![actor(
            civilians,
            "Civilians in Aleppo",
            "Civilians",
            "Civilians",
        )];
        assert!(!names_no_place(
            &doc(civilians),
            &place(civilians, "Aleppo", "city", "SY"),
            &a
        ));
    }
}
