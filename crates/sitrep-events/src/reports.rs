//! Reported violence as a verbal event: a sentence led by a named speaker and a report verb ("The
//! monitor said eight people were killed in an air strike by government forces", "X claimed
//! that ISIL had attacked Iraq") tells the speaker's accusation (CAMEO 112) of the side that
//! acted, or its claim of responsibility (CAMEO 015) when the speaker tells of its own deed
//! ("X claimed that they had attacked Iraq"). The happening itself stays its own event; the
//! report has no ACLED type and no PLOVER type (PLOVER codes what was reported, not the report).

use crate::lexicon::Word;
use crate::record::{Certainty, Event, EventActor, Evidence};

const REPORT_VERBS: &[&str] = &[
    "said",
    "says",
    "claimed",
    "claims",
    "stated",
    "announced",
    "reported",
];

const SELF_PRONOUNS: &[&str] = &["they", "we", "it", "he", "she", "i"];

const VIOLENT_TYPES: &[&str] = &[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
];

/// The word index of the sentence's leading report verb: the first report verb, after the
/// sentence's first word and before any event trigger (so ", officials said" at the end of a
/// sentence is not a frame).
pub fn report_verb(words: &[Word], first_trigger: Option<usize>) -> Option<usize> {
    let rv = words
        .iter()
        .position(|w| !w.punct && REPORT_VERBS.contains(&w.text))?;
    let before_triggers = first_trigger.is_none_or(|t| rv < t);
    (rv > 0 && before_triggers).then_some(rv)
}

/// The reported clause starts with a pronoun ("said they will attack", "claimed that we hit"):
/// the speaker tells of its own deed.
pub fn self_told(words: &[Word], rv: usize) -> bool {
    let mut k = rv + 1;
    if words.get(k).is_some_and(|w| w.text == "that") {
        k += 1;
    }
    words
        .get(k)
        .is_some_and(|w| SELF_PRONOUNS.contains(&w.text))
}

/// The report event for the first violent happening (`content`) of a framed sentence.
pub fn report_event(
    speaker: EventActor,
    content: &Event,
    own_deed: bool,
    evidence: Evidence,
    report_start: usize,
) -> Option<Event> {
    if !content
        .acled_event_type
        .as_deref()
        .is_some_and(|t| VIOLENT_TYPES.contains(&t))
    {
        return None;
    }
    // The speaker named again inside the report as the doer ("X said X's troops attacked");
    // the speaker's own mention, before the report verb, is not the doer.
    let same_side = content
        .actor1
        .as_ref()
        .is_some_and(|a| a.name == speaker.name && a.start > report_start);
    let (cameo, target) = if own_deed || same_side {
        ("015", content.actor2.clone())
    } else {
        ("112", content.actor1.clone())
    };
    Some(Event {
        record: "event".into(),
        event_id: String::new(),
        doc_id: content.doc_id.clone(),
        acled_event_type: None,
        acled_sub_event_type: None,
        cameo: Some(cameo.into()),
        plover: None,
        actor1: Some(speaker),
        actor2: target,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: content.place.clone(),
        date: content.date.clone(),
        fatalities: None,
        injured: None,
        arrested: None,
        sources: Vec::new(),
        certainty: Certainty::Reported,
        background: content.background,
        evidence,
    })
}
