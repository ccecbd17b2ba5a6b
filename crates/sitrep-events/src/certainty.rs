//! Whether a trigger asserts a happening (modality: negated, denied, speculative — conditions,
//! intentions, requests, futures), how sure the article is about it (DESIGN.md's certainty scale,
//! from the cues around it), the article's open hedges, and the `background` flag.

use crate::lexicon::Word;
use crate::mentions::CueKind;
use crate::record::Certainty;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modality {
    Asserted,
    Negated,
    Denied,
    Speculative,
}

const NEGATION: &[&str] = &[
    "not", "no", "never", "didnt", "wasnt", "werent", "hasnt", "havent", "hadnt", "cannot", "cant",
    "wont", "isnt", "arent", "dont", "doesnt", "neither", "nor", "without", "nobody", "none",
];
const DENIAL: &[&str] = &[
    "deny",
    "denied",
    "denies",
    "denying",
    "rejected",
    "refuted",
    "dismissed",
];
const MODAL: &[&str] = &[
    "will", "would", "could", "might", "may", "should", "shall", "can", "must", "wont",
];
const INTENT: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "wants",
    "want",
    "wanted",
    "intending",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "seek",
    "seeks",
    "seeking",
    "sought",
    "vow",
    "vowed",
    "vows",
    "threaten",
    "threatened",
    "threatens",
    "prepare",
    "prepared",
    "preparing",
    "prepares",
    "want",
    "wants",
    "wanted",
    "hope",
    "hopes",
    "hoped",
    "expect",
    "expected",
    "expects",
    "likely",
    "possible",
    "possibly",
    "potential",
    "perhaps",
    "view",
    "bid",
    "order",
    "ready",
    "about",
    "going",
    "try",
    "tried",
    "trying",
    "attempt",
    "attempted",
    "attempting",
    "attempts",
    "ask",
    "asked",
    "urge",
    "urged",
    "urges",
    "called",
    "calls",
    "demand",
    "demanded",
    "needed",
    "need",
    "needs",
    "upcoming",
    "imminent",
    "future",
    "would",
    "pledged",
    "promised",
    "warned",
    "warn",
    "feared",
    "fear",
    "fears",
    "risk",
];
const CONDITION: &[&str] = &["if", "unless", "whether", "lest"];
/// Words before "to" that make the following verb a fact, not an aim ("forced to withdraw").
const FACTUAL_BEFORE_TO: &[&str] = &[
    "forced",
    "managed",
    "began",
    "begun",
    "started",
    "continued",
    "continue",
    "continues",
    "decision",
    "continuing",
    "keep",
    "keeps",
    "used",
    "able",
    "had",
    "went",
    "came",
    "compelled",
    "obliged",
    "led",
    "due",
    "according",
    "prior",
    "response",
    "addition",
    "return",
    "returned",
    "close",
    "next",
    "near",
    "access",
    "subjected",
    "exposed",
    "owing",
    "thanks",
    "opposed",
    "related",
    "contributed",
    "up",
    "reported",
    "said",
    "believed",
    "thought",
    "known",
    "alleged",
    "understood",
    "confirmed",
    "appears",
    "appeared",
    "seems",
    "seemed",
    "lead",
    "leading",
    "similar",
    "reaction",
    "respond",
    "responded",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those",
    "some", "all", "two", "three", "several", "many",
];
/// Phrases that open a speculation over what follows in the sentence.
const SPECULATION_PHRASES: &[&[&str]] = &[
    &["ruled", "out"],
    &["it", "is", "possible"],
    &["not", "clear", "whether"],
    &["unclear", "whether"],
    &["may", "have"],
    &["might", "have"],
    &["could", "have"],
    &["rumour"],
    &["rumours"],
    &["rumor"],
    &["rumors"],
];
const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "alleged",
    "unconfirmed",
    "apparently",
    "purportedly",
    "believed",
    "suspected",
    "presumably",
    "supposedly",
    "thought",
    "said to",
    "claims",
];
/// Open hedges: phrases that leave the article's news unconfirmed.
const OPEN_HEDGES: &[&[&str]] = &[
    &["if", "confirmed"],
    &["if", "true"],
    &["if", "verified"],
    &["could", "be", "a", "trick"],
    &["could", "be", "a", "ruse"],
    &["could", "be", "a", "ploy"],
    &["ruled", "out"],
    &["independently", "verified"],
    &["independently", "confirmed"],
    &["independently", "verify"],
    &["independently", "confirm"],
    &["unverified"],
    &["unconfirmed"],
];

fn is(w: &Word, list: &[&str]) -> bool {
    !w.punct && list.contains(&w.text)
}

fn phrase_at(words: &[Word], i: usize, p: &[&str]) -> bool {
    p.iter()
        .enumerate()
        .all(|(k, x)| words.get(i + k).is_some_and(|w| !w.punct && w.text == *x))
}

/// Whether `words` contains phrase `p` anywhere in `range`.
pub fn has_phrase(words: &[Word], range: std::ops::Range<usize>, p: &[&str]) -> bool {
    range.into_iter().any(|i| phrase_at(words, i, p))
}

/// The modality of the trigger at words `first..=last` of a sentence.
pub fn modality(words: &[Word], first: usize, cues: &[(usize, CueKind)]) -> Modality {
    // Cues from the actors stage that precede the trigger in its sentence (word index, kind).
    let mut spec = false;
    let mut denied = false;
    for &(wi, kind) in cues {
        if wi > first || first - wi > 12 {
            continue;
        }
        match kind {
            CueKind::Denial => denied = true,
            CueKind::Speculation | CueKind::Condition | CueKind::Intention | CueKind::Request => {
                spec = true
            }
            _ => {}
        }
    }
    // Left context within the clause: up to six words, stopping at punctuation.
    let lo = first.saturating_sub(6);
    let mut j = first;
    while j > lo {
        j -= 1;
        let w = &words[j];
        if w.punct {
            break;
        }
        if is(w, DENIAL) {
            denied = true;
        } else if is(w, NEGATION) {
            return if denied {
                Modality::Denied
            } else {
                Modality::Negated
            };
        } else if is(w, MODAL) || is(w, INTENT) || is(w, CONDITION) {
            spec = true;
        } else if w.text == "to" {
            let prev = j.checked_sub(1).map(|p| &words[p]);
            let next = &words[j + 1];
            let factual = prev.is_some_and(|p| is(p, FACTUAL_BEFORE_TO));
            let nominal =
                is(next, DETERMINERS) || next.cap || next.text.chars().all(|c| c.is_ascii_digit());
            if !factual && !nominal {
                spec = true;
            }
        }
    }
    // A condition anywhere earlier in the comma-bounded segment.
    let mut k = first;
    while k > 0 {
        k -= 1;
        if words[k].punct && words[k].text != "," {
            break;
        }
        if is(&words[k], CONDITION) {
            spec = true;
            break;
        }
    }
    if SPECULATION_PHRASES
        .iter()
        .any(|p| has_phrase(words, 0..first, p))
    {
        spec = true;
    }
    if denied {
        Modality::Denied
    } else if spec {
        Modality::Speculative
    } else {
        Modality::Asserted
    }
}

/// Certainty of an asserted event from its sentence: hedges, claims, denials.
pub fn certainty(
    words: &[Word],
    first: usize,
    cues: &[(usize, CueKind)],
    self_claim: bool,
) -> Certainty {
    let mut c = Certainty::Reported;
    let mut hedged = words.iter().any(|w| is(w, HEDGES))
        || has_phrase(words, 0..words.len(), &["is", "reported", "to"])
        || has_phrase(words, 0..words.len(), &["are", "reported", "to"])
        || has_phrase(words, 0..words.len(), &["said", "to", "have"]);
    let mut claimed = self_claim
        || has_phrase(words, 0..words.len(), &["claimed", "responsibility"])
        || has_phrase(words, 0..words.len(), &["claims", "responsibility"]);
    for &(wi, kind) in cues {
        let _ = wi;
        match kind {
            CueKind::Hedge => hedged = true,
            CueKind::Claim => claimed = true,
            _ => {}
        }
    }
    let _ = first;
    if claimed {
        c = Certainty::Claimed;
    } else if hedged {
        c = Certainty::Hedged;
    }
    c
}

/// Whether the sentence leaves the article's news open ("if confirmed", "could be a trick").
pub fn open_hedge(words: &[Word]) -> bool {
    OPEN_HEDGES
        .iter()
        .any(|p| has_phrase(words, 0..words.len(), p))
}

/// Told as earlier context by its grammar: a pluperfect outside reported speech ("had captured"),
/// "have since been", "for more than a year" with a present perfect.
pub fn background_by_grammar(words: &[Word], first: usize) -> bool {
    let lo = first.saturating_sub(3);
    let reported = words[..first].iter().any(|w| {
        !w.punct
            && matches!(
                w.text,
                "said"
                    | "says"
                    | "confirmed"
                    | "reported"
                    | "told"
                    | "added"
                    | "stated"
                    | "announced"
                    | "claimed"
            )
    });
    let pluperfect = words[lo..first].iter().any(|w| !w.punct && w.text == "had");
    if pluperfect && !reported {
        return true;
    }
    let since = words[lo..first]
        .iter()
        .any(|w| !w.punct && w.text == "since");
    let perfect = words[lo..first]
        .iter()
        .any(|w| !w.punct && matches!(w.text, "has" | "have"))
        && (first..words.len().min(first + 12)).any(|i| for_duration(words, i))
        && words[lo..first]
            .iter()
            .any(|w| !w.punct && w.text == "been");
    since || perfect
}

/// Words naming a span of time after "for" ("for more than a year", "for the past two weeks").
const DURATION_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "decade", "decades", "day", "days",
    "hours", "long", "ages", "century",
];

/// "for" at `i` opens a duration: a time unit follows within four words, with no punctuation
/// between ("for control of strategic sites" is a purpose, not a duration).
fn for_duration(words: &[Word], i: usize) -> bool {
    if words[i].punct || words[i].text != "for" {
        return false;
    }
    words[i + 1..]
        .iter()
        .take(4)
        .take_while(|w| !w.punct)
        .any(|w| is(w, DURATION_UNITS))
}

/// Lower `c` to at most `cap`.
pub fn capped(c: Certainty, cap: Certainty) -> Certainty {
    c.min(cap)
}

/// Words that, right before a verb (or before "to" + verb), make it the subject's stated intent
/// or undertaking rather than a happening: "will withdraw", "agreed to release", "ready to talk".
const INTENT_LEAD: &[&str] = &[
    "will",
    "would",
    "shall",
    "ll",
    "wo",
    "agreed",
    "agree",
    "agrees",
    "offered",
    "offers",
    "offer",
    "promised",
    "promises",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "willing",
    "ready",
    "prepared",
    "plans",
    "planned",
    "plan",
    "intends",
    "intended",
    "set",
    "going",
    "expected",
    "sworn",
    "swore",
    "proposed",
    "proposes",
    "announced",
    "wants",
    "want",
    "wanted",
    "seeking",
    "seeks",
    "seek",
    "sought",
    "undertook",
    "committed",
];

/// Whether the trigger at `first` is told as its subject's intent or undertaking (future,
/// promise, offer) — not a condition ("if", "unless") and not a negation. CAMEO codes such
/// statements as intents (03 for cooperation, 13 for threats), not as the happening itself.
pub fn is_intent(words: &[Word], first: usize) -> bool {
    let lo = first.saturating_sub(5);
    let mut j = first;
    let mut found = false;
    while j > lo {
        j -= 1;
        let w = &words[j];
        if w.punct {
            break;
        }
        if is(w, CONDITION) || is(w, NEGATION) {
            return false;
        }
        if is(w, INTENT_LEAD) {
            found = true;
        }
    }
    // A condition earlier in the comma-bounded segment makes it conditional, not intended.
    let mut k = j;
    while found && k > 0 {
        k -= 1;
        if words[k].punct && words[k].text != "," {
            break;
        }
        if is(&words[k], CONDITION) {
            return false;
        }
    }
    found
}
