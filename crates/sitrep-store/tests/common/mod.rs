//! Synthetic records for the store tests.
#![allow(dead_code)]

use sitrep_events::*;
use sitrep_store::Article;

pub fn article(id: &str, source: &str, published: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        title: Some(format!("title of {id}")),
        url: None,
        source: Some(source.into()),
        published: Some(published.into()),
        text: text.into(),
    }
}

pub fn actor(name: &str) -> EventActor {
    EventActor {
        name: name.into(),
        actor_type: "State Forces".into(),
        code: None,
        text: name.into(),
        start: 0,
        end: 4,
    }
}

#[allow(clippy::too_many_arguments)]
pub fn event(
    doc: &str,
    n: usize,
    sub: &str,
    etype: &str,
    a1: Option<&str>,
    place: (&str, u32, f64, f64),
    range: [&str; 2],
    c: Certainty,
) -> Event {
    Event {
        record: "event".into(),
        event_id: format!("{doc}-e{n}"),
        doc_id: doc.into(),
        acled_event_type: Some(etype.into()),
        acled_sub_event_type: Some(sub.into()),
        cameo: Some("195".into()),
        plover: Some("ASSAULT".into()),
        actor1: a1.map(actor),
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(EventPlace {
            name: place.0.into(),
            geonameid: Some(place.1),
            kind: "city".into(),
            country: "SY".into(),
            admin1: Some("Aleppo".into()),
            admin2: None,
            lat: place.2,
            lon: place.3,
            geo_precision: 1,
            start: 10,
            end: 16,
        }),
        date: Some(EventDate {
            value: range[0].into(),
            range: [range[0].into(), range[1].into()],
            time_precision: 1,
            start: 0,
            end: 5,
        }),
        fatalities: Some(3 + n as u32),
        injured: None,
        arrested: None,
        sources: vec![],
        certainty: c,
        background: false,
        evidence: Evidence {
            start: 0,
            end: 20,
            text: format!("{sub} in {} reported by {doc}", place.0),
        },
    }
}

#[allow(clippy::too_many_arguments)] // one argument per field a test varies
pub fn claim(
    doc: &str,
    place: (&str, u32, f64, f64),
    kind: ControlKind,
    prev: Option<&str>,
    new: Option<&str>,
    holder: Option<&str>,
    range: [&str; 2],
    c: Certainty,
) -> ControlClaim {
    ControlClaim {
        record: "control".into(),
        doc_id: doc.into(),
        kind,
        place: ControlPlace {
            name: place.0.into(),
            geonameid: Some(place.1),
            lat: place.2,
            lon: place.3,
            country: Some("IQ".into()),
            admin1: Some("Anbar".into()),
            start: 0,
            end: 5,
        },
        previous_holder: prev.map(String::from),
        new_holder: new.map(String::from),
        holder: holder.map(String::from),
        date: ControlDate {
            value: range[0].into(),
            range: [range[0].into(), range[1].into()],
        },
        certainty: c,
        evidence: Evidence {
            start: 0,
            end: 10,
            text: format!("claim about {}", place.0),
        },
    }
}

pub const ALEPPO: (&str, u32, f64, f64) = ("Aleppo", 170063, 36.2021, 37.1343);
pub const NEAR_ALEPPO: (&str, u32, f64, f64) = ("Haritan", 170000, 36.30, 37.10);
pub const IDLIB: (&str, u32, f64, f64) = ("Idlib", 169388, 35.9306, 36.6339);
