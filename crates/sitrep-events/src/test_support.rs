//! Builders shared by this crate's unit tests: documents and hand-made mentions placed at the
//! first occurrence of their words in the text.

use crate::mentions::{ActorRef, PlaceRef};
use crate::record::{Certainty, Event, Evidence};
use chrono::NaiveDate;
use sitrep_text::{DocMeta, Document};

/// Char offset of the first occurrence of `at` in `text` (0 when absent).
pub fn char_at(text: &str, at: &str) -> usize {
    text.find(at)
        .map(|b| text[..b].chars().count())
        .unwrap_or(0)
}

/// A document with no publication date.
pub fn doc(text: &str) -> Document {
    Document::new(
        DocMeta {
            id: "t".into(),
            ..Default::default()
        },
        text.to_string(),
    )
}

/// A document published on Friday 11 March 2016 (the seed's date).
pub fn dated_doc(text: &str) -> Document {
    let published = NaiveDate::from_ymd_opt(2016, 3, 11);
    Document::new(
        DocMeta {
            id: "t".into(),
            published,
            ..Default::default()
        },
        text.to_string(),
    )
}

/// An actor mention over the first occurrence of `at`.
pub fn actor(text: &str, at: &str, name: &str, ty: &str) -> ActorRef {
    let s = char_at(text, at);
    ActorRef {
        start: s,
        end: s + at.chars().count(),
        text: at.into(),
        name: name.into(),
        actor_type: ty.into(),
        ..Default::default()
    }
}

/// A place mention over the first occurrence of `at`.
pub fn place(text: &str, at: &str, kind: &str, country: &str) -> PlaceRef {
    let s = char_at(text, at);
    PlaceRef {
        start: s,
        end: s + at.chars().count(),
        text: at.into(),
        name: at.into(),
        kind: kind.into(),
        country: country.into(),
        ..Default::default()
    }
}

/// A reported event of `ty`/`sub` whose evidence is `sentence` (found in `text`), with no actor,
/// place, date or figures: tests fill in what they check with struct-update syntax.
pub fn event_with_evidence(text: &str, sentence: &str, ty: &str, sub: &str) -> Event {
    let s = char_at(text, sentence);
    Event {
        record: "event".into(),
        event_id: "t-e1".into(),
        doc_id: "t".into(),
        acled_event_type: Some(ty.into()),
        acled_sub_event_type: Some(sub.into()),
        cameo: None,
        plover: None,
        actor1: None,
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: None,
        date: None,
        fatalities: None,
        injured: None,
        arrested: None,
        sources: Vec::new(),
        certainty: Certainty::Reported,
        background: false,
        evidence: Evidence {
            start: s,
            end: s + sentence.chars().count(),
            text: sentence.into(),
        },
    }
}
