//! The arguments of an event: actor1 (agent) and actor2 (patient) by position and voice ("X
//! attacked Y", "Y was attacked by X", "attack on Y", "the retaking by X of Y"), the place *of the
//! event* (not a destination, not a distance reference), and the words that tell whether the
//! victims were civilians or armed men.

use crate::lexicon::Word;
use crate::mentions::{ActorRef, PlaceRef};

const PREPOSITIONS: &[&str] = &[
    "of",
    "against",
    "on",
    "at",
    "in",
    "from",
    "with",
    "to",
    "towards",
    "toward",
    "by",
    "into",
    "for",
    "upon",
    "near",
    "among",
    "between",
    "over",
    "targeting",
];
const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets", "getting",
];
const SKIP_BEFORE_PLACE: &[&str] = &[
    "the",
    "a",
    "an",
    "town",
    "city",
    "village",
    "villages",
    "district",
    "districts",
    "province",
    "provincial",
    "capital",
    "area",
    "areas",
    "region",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "suburbs",
    "governorate",
    "camp",
    "border",
    "outskirts",
    "centre",
    "center",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "restive",
    "besieged",
    "rebel",
    "held",
    "nearby",
    "key",
    "strategic",
    "desert",
    "eastern",
    "of",
    "part",
    "parts",
    "regional",
    "state",
    "county",
    "municipality",
    "crossing",
    "town's",
    "countryside",
    "rural",
    "northwestern",
    "northeastern",
    "southwestern",
    "southeastern",
    "north",
    "south",
    "east",
    "west",
];
/// Prepositions that make a place a destination, not the place of the event.
const DESTINATION: &[&str] = &[
    "to", "towards", "toward", "for", "reach", "reached", "reaching",
];
const NEAR: &[&str] = &[
    "near",
    "outside",
    "around",
    "close",
    "outskirts",
    "nearby",
    "vicinity",
];
const DISTANCE_UNITS: &[&str] = &[
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "mile",
    "kilometre",
    "kilometer",
];

pub const CIVILIAN_WORDS: &[&str] = &[
    "civilian",
    "civilians",
    "people",
    "villagers",
    "residents",
    "children",
    "child",
    "women",
    "woman",
    "men",
    "man",
    "worker",
    "workers",
    "farmer",
    "farmers",
    "journalist",
    "journalists",
    "student",
    "students",
    "passengers",
    "worshippers",
    "family",
    "families",
    "pilgrims",
    "shepherd",
    "shepherds",
    "teacher",
    "teachers",
    "doctor",
    "doctors",
    "patients",
    "boy",
    "boys",
    "girl",
    "girls",
    "villager",
    "resident",
    "market",
    "mosque",
    "church",
    "school",
    "hospital",
    "homes",
    "home",
    "house",
    "houses",
    "bus",
    "wedding",
    "funeral",
    "village",
    "neighborhood",
    "neighbourhood",
    "camp",
    "refugees",
    "refugee",
    "displaced",
    "baby",
    "infant",
    "elderly",
    "citizens",
    "citizen",
    "person",
    "persons",
    "individuals",
    "activist",
    "activists",
    "official",
    "leader",
    "politician",
    "candidate",
    "lawyer",
    "judge",
    "cleric",
    "imam",
    "priest",
    "nun",
    // Places where civilians are the target.
    "community",
    "communities",
    "campus",
    "college",
    "university",
    "hotel",
    "hotels",
    "mall",
    "restaurant",
    "cafe",
    "plane",
    "airliner",
    "motorists",
    "travellers",
    "travelers",
    "traders",
    "commuters",
    "worshipers",
    "congregation",
];
pub const ARMED_WORDS: &[&str] = &[
    "soldier",
    "soldiers",
    "troops",
    "troop",
    "police",
    "policemen",
    "policeman",
    "officers",
    "fighters",
    "fighter",
    "militants",
    "militant",
    "rebels",
    "rebel",
    "insurgents",
    "insurgent",
    "militiamen",
    "militia",
    "militias",
    "gunmen",
    "guards",
    "guard",
    "personnel",
    "jihadists",
    "jihadist",
    "army",
    "checkpoint",
    "checkpoints",
    "base",
    "bases",
    "post",
    "posts",
    "convoy",
    "convoys",
    "patrol",
    "patrols",
    "positions",
    "position",
    "barracks",
    "outpost",
    "outposts",
    "forces",
    "terrorists",
    "terrorist",
    "commander",
    "commanders",
    "combatants",
    "paramilitaries",
    "military",
    "tank",
    "tanks",
    "vehicle",
];

/// Char span of word `i`.
pub fn word_span(tokens: &[sitrep_text::Token], w: &Word) -> (usize, usize) {
    tokens
        .get(w.tok)
        .map(|t| (t.span.start, t.span.end))
        .unwrap_or((0, 0))
}

/// Index of the first word starting at or after char `c` (words.len() when none).
pub fn word_at(tokens: &[sitrep_text::Token], words: &[Word], c: usize) -> usize {
    // Words are in token order, so their end offsets never decrease: binary search.
    words.partition_point(|w| word_span(tokens, w).1 <= c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Victims {
    Civilian,
    Armed,
    Unknown,
}

/// Victim words around a trigger (after it for an active verb, before it for a passive).
pub fn victims(words: &[Word], first: usize, last: usize, passive: bool) -> Victims {
    let range: Vec<usize> = if passive {
        (first.saturating_sub(8)..first).collect()
    } else {
        (last + 1..(last + 9).min(words.len())).collect()
    };
    let mut civ = 0;
    let mut arm = 0;
    for i in range {
        let w = &words[i];
        if w.punct && w.text != "," {
            break;
        }
        if CIVILIAN_WORDS.contains(&w.text) {
            civ += 1;
        }
        if ARMED_WORDS.contains(&w.text) {
            arm += 1;
        }
    }
    if civ > arm {
        Victims::Civilian
    } else if arm > 0 {
        Victims::Armed
    } else {
        Victims::Unknown
    }
}

/// Whether the verb trigger at `first` is passive ("was attacked", "were killed by").
pub fn is_passive(words: &[Word], first: usize, last: usize, noun: bool) -> bool {
    if noun {
        return false;
    }
    let w = words[first].text;
    let participle = w.ends_with("ed")
        || w.ends_with("en")
        || matches!(
            w,
            "shot" | "hit" | "struck" | "taken" | "seized" | "overrun" | "held" | "beaten"
        );
    if !participle {
        return false;
    }
    let before =
        (first.saturating_sub(3)..first).any(|i| !words[i].punct && BE.contains(&words[i].text));
    let by_after = words.get(last + 1).is_some_and(|w| w.text == "by");
    before || by_after
}

/// The preposition governing a mention that starts at word `i`, skipping determiners and place
/// nouns ("out of the town of Hit" → "of").
fn governing<'a>(words: &[Word<'a>], i: usize) -> Option<(usize, &'a str)> {
    let mut j = i;
    let mut steps = 0;
    while j > 0 && steps < 5 {
        j -= 1;
        steps += 1;
        let w = &words[j];
        if w.punct {
            return None;
        }
        if PREPOSITIONS.contains(&w.text) {
            return Some((j, w.text));
        }
        if !SKIP_BEFORE_PLACE.contains(&w.text) && w.text != "s" {
            return None;
        }
    }
    None
}

pub struct Roles {
    pub actor1: Option<usize>,
    pub actor2: Option<usize>,
}

/// Actor1 / actor2 among `actors` (indices into the document's actor list, all in this sentence,
/// with their first word) for the trigger at words `first..=last`.
pub fn roles(
    words: &[Word],
    sent_actors: &[(usize, usize)],
    actors: &[ActorRef],
    first: usize,
    last: usize,
    noun: bool,
) -> Roles {
    let passive = is_passive(words, first, last, noun);
    let by_agent = sent_actors.iter().find(|&&(_, wi)| {
        wi > last
            && wi <= last + 6
            && governing(words, wi).is_some_and(|(_, p)| p == "by")
            && !crate::assoc::supporter_by(words, wi, last)
    });
    let free = |wi: usize| -> bool {
        match governing(words, wi) {
            None => true,
            Some((_, p)) => !matches!(
                p,
                "of" | "against"
                    | "on"
                    | "at"
                    | "in"
                    | "to"
                    | "towards"
                    | "toward"
                    | "into"
                    | "by"
                    | "targeting"
                    | "upon"
                    | "among"
                    | "over"
            ),
        }
    };
    let before: Vec<&(usize, usize)> = sent_actors.iter().filter(|&&(_, wi)| wi < first).collect();
    let after: Vec<&(usize, usize)> = sent_actors.iter().filter(|&&(_, wi)| wi > last).collect();
    let mut a1: Option<usize> = None;
    let mut a2: Option<usize>;
    if passive {
        a1 = by_agent.map(|x| x.0);
        a2 = before
            .iter()
            .rev()
            .find(|x| free(x.1))
            .map(|x| x.0)
            .or_else(|| before.last().map(|x| x.0));
    } else {
        if let Some(b) = by_agent {
            a1 = Some(b.0);
        }
        if a1.is_none() {
            a1 = before
                .iter()
                .rev()
                .find(|x| free(x.1) && first - x.1 <= 25)
                .map(|x| x.0);
        }
        // Patient: the first actor after the trigger, within the clause.
        a2 = after
            .iter()
            .find(|x| {
                Some(x.0) != a1
                    && x.1 <= last + 10
                    && !(first..x.1).any(|k| words[k].punct && words[k].text != ",")
                    && governing(words, x.1).is_none_or(|(_, p)| p != "by")
            })
            .map(|x| x.0);
        if a1.is_none() {
            // "After launching a push against IS, Iraqi forces took ...": the main clause's subject.
            a1 = sent_actors
                .iter()
                .find(|x| Some(x.0) != a2 && free(x.1))
                .map(|x| x.0);
        }
    }
    if a1.is_some() && a1 == a2 {
        a2 = None;
    }
    // The same actor named twice is not two sides.
    if let (Some(x), Some(y)) = (a1, a2) {
        if actors[x].name == actors[y].name {
            a2 = None;
        }
    }
    Roles {
        actor1: a1,
        actor2: a2,
    }
}

pub struct PlacePick {
    pub place: usize,
    pub precision: u8,
    /// Governed by "from" / "out of" (a withdrawal from the place).
    pub source: bool,
}

fn kind_penalty(kind: &str) -> i64 {
    match kind {
        "city" => 0,
        "admin2" => 3,
        "other" | "region" | "water" => 4,
        "admin1" => 6,
        _ => 12,
    }
}

pub fn kind_precision(kind: &str) -> u8 {
    match kind {
        "city" => 1,
        "admin2" => 2,
        _ => 3,
    }
}

/// The place of the event among `sent_places` (indices into the document's places with their first
/// word) for the trigger at words `first..=last`.
pub fn place_of(
    words: &[Word],
    sent_places: &[(usize, usize)],
    places: &[PlaceRef],
    first: usize,
    last: usize,
) -> Option<PlacePick> {
    let mut best: Option<(i64, PlacePick)> = None;
    for &(pi, wi) in sent_places {
        let p = &places[pi];
        if p.demonym {
            continue;
        }
        let gov = governing(words, wi);
        if let Some((gj, prep)) = gov {
            if DESTINATION.contains(&prep) {
                continue;
            }
            // "390 kilometres west of Baghdad", "50 km from Aleppo": a distance reference.
            let lo = gj.saturating_sub(4);
            if (lo..gj).any(|k| DISTANCE_UNITS.contains(&words[k].text)) {
                continue;
            }
        }
        if wi >= 1 && DESTINATION.contains(&words[wi - 1].text) {
            continue;
        }
        // "near the border with Turkey": the neighbour names a line, not where it happened.
        if wi >= 2
            && words[wi - 1].text == "with"
            && matches!(words[wi - 2].text, "border" | "borders" | "frontier")
        {
            continue;
        }
        let dist = if wi > last {
            (wi - last) as i64
        } else {
            (first - wi.min(first)) as i64 + 5
        };
        let crosses = {
            let (a, b) = if wi > last { (last, wi) } else { (wi, first) };
            (a..b).filter(|&k| words[k].punct).count() as i64
        };
        let score = dist + 6 * crosses + kind_penalty(&p.kind);
        let near = gov.is_some_and(|(gj, prep)| {
            prep == "near"
                || (gj >= 1 && NEAR.contains(&words[gj - 1].text))
                || NEAR.contains(&prep)
        }) || (wi >= 2 && NEAR.contains(&words[wi - 2].text));
        let mut precision = kind_precision(&p.kind);
        if near && precision == 1 {
            precision = 2;
        }
        let source = gov.is_some_and(|(_, prep)| prep == "from" || prep == "of")
            && (first..wi).any(|k| matches!(words[k].text, "from" | "out"));
        let pick = PlacePick {
            place: pi,
            precision,
            source,
        };
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, pick));
        }
    }
    best.map(|(_, p)| p)
}
