//! Unit tests of control claims: who may hold a place, claims from territorial events and from
//! what the text says outright.

#[test]
fn only_armed_actors_hold_places() {
    assert!(can_hold("State forces", Some("IRQMIL")));
    assert!(can_hold("Rebel group", Some("IMGMUSISI")));
    assert!(!can_hold("Civilians", Some("SYRCVL")));
    assert!(!can_hold("External/Other forces", Some("NGOHRISOH")));
    assert!(!can_hold("Protesters", None));
}

use super::*;
use crate::record::{EventActor, EventDate, EventPlace};
use chrono::NaiveDate;
use sitrep_actors::{ActorMention, Who};
use sitrep_text::DocMeta;
use sitrep_time::{Precision, TimeMention, TimeType};

fn doc(text: &str) -> Document {
    let meta = DocMeta {
        id: "t".into(),
        published: NaiveDate::from_ymd_opt(2016, 3, 11),
        ..Default::default()
    };
    Document::new(meta, text.to_string())
}
fn at(text: &str, s: &str, nth: usize) -> (usize, usize) {
    let b = text.match_indices(s).nth(nth).map(|(b, _)| b).unwrap();
    let c = text[..b].chars().count();
    (c, c + s.chars().count())
}
fn place(text: &str, s: &str, id: u32, kind: PlaceKind) -> PlaceMention {
    let (start, end) = at(text, s, 0);
    PlaceMention {
        text: s.into(),
        start,
        end,
        geonameid: Some(id),
        name: s.into(),
        kind,
        country: "IQ".into(),
        admin1: Some("Anbar".into()),
        admin2: None,
        lat: 33.0,
        lon: 42.0,
        confidence: 1.0,
        demonym: false,
    }
}
fn actor(text: &str, s: &str, nth: usize, canonical: &str, ty: &str) -> ActorMention {
    let (start, end) = at(text, s, nth);
    ActorMention {
        text: s.into(),
        start,
        end,
        actor: canonical.into(),
        actor_type: ty.into(),
        code: None,
        country: None,
        anaphor: false,
    }
}
const IS: &str = "Islamic State";
const IQ: &str = "Military Forces of Iraq";

#[test]
fn standing_facts_and_text_changes() {
    let text = "Iraqi forces pushed against IS in Ramadi late last year and established full control over the city last month. \
They isolated the jihadist stronghold of Fallujah. \
\"The fighters went towards Qaim,\" he said, referring to a jihadist bastion on the border. \
\"Rutba is now free of Daesh.\" \
\"In Hit, some Daesh fighters remain,\" Barakat said.";
    let d = doc(text);
    let places = vec![
        place(text, "Ramadi", 1, PlaceKind::City),
        place(text, "Fallujah", 2, PlaceKind::City),
        place(text, "Qaim", 3, PlaceKind::City),
        place(text, "Rutba", 4, PlaceKind::City),
        place(text, "Hit", 5, PlaceKind::City),
    ];
    let who = Who {
        actors: vec![
            actor(text, "Iraqi forces", 0, IQ, "State forces"),
            actor(text, "IS", 0, IS, "Rebel group"),
            actor(text, "Daesh", 0, IS, "Rebel group"),
            actor(text, "Daesh", 1, IS, "Rebel group"),
        ],
        ..Default::default()
    };
    let (ls, le) = at(text, "last month", 0);
    let times = vec![TimeMention {
        text: "last month".into(),
        start: ls,
        end: le,
        ttype: TimeType::Date,
        value: "2016-02".into(),
        tmod: None,
        range: Some([
            NaiveDate::from_ymd_opt(2016, 2, 1).unwrap(),
            NaiveDate::from_ymd_opt(2016, 2, 29).unwrap(),
        ]),
        precision: Precision::Month,
    }];
    let a = Annotated {
        doc: &d,
        places: &places,
        times: &times,
        who: &who,
    };
    let cs = claims(&a, &[]);
    let find = |name: &str| {
        cs.iter()
            .find(|c| c.place.name == name)
            .unwrap_or_else(|| panic!("no claim for {name}: {cs:#?}"))
    };
    let r = find("Ramadi");
    assert_eq!(
        (
            r.kind,
            r.previous_holder.as_deref(),
            r.new_holder.as_deref()
        ),
        (ControlKind::Change, Some(IS), Some(IQ))
    );
    assert_eq!(r.date.value, "2016-02");
    let f = find("Fallujah");
    assert_eq!(
        (f.kind, f.holder.as_deref()),
        (ControlKind::Holds, Some(IS))
    );
    assert_eq!(f.date.value, "2016-03-11");
    assert_eq!(find("Qaim").holder.as_deref(), Some(IS));
    let ru = find("Rutba");
    assert_eq!(
        (
            ru.kind,
            ru.previous_holder.as_deref(),
            ru.new_holder.as_deref()
        ),
        (ControlKind::Change, Some(IS), None)
    );
    assert_eq!(find("Hit").holder.as_deref(), Some("contested"));
}

#[test]
fn territorial_events_become_changes() {
    let text = "The Islamic State group on Sunday pulled its fighters out of Rutba.";
    let d = doc(text);
    let places = vec![place(text, "Rutba", 4, PlaceKind::City)];
    let who = Who::default();
    let a = Annotated {
        doc: &d,
        places: &places,
        times: &[],
        who: &who,
    };
    let ev = Event {
        record: "event".into(),
        event_id: "t-1".into(),
        doc_id: "t".into(),
        acled_event_type: Some("Strategic developments".into()),
        acled_sub_event_type: Some("Non-violent transfer of territory".into()),
        cameo: None,
        plover: None,
        actor1: Some(EventActor {
            name: IS.into(),
            actor_type: "Rebel group".into(),
            code: None,
            text: String::new(),
            start: 0,
            end: 3,
        }),
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(EventPlace {
            name: "Rutba".into(),
            geonameid: Some(4),
            kind: "city".into(),
            country: "IQ".into(),
            admin1: None,
            admin2: None,
            lat: 33.0,
            lon: 40.0,
            geo_precision: 1,
            start: places[0].start,
            end: places[0].end,
        }),
        date: Some(EventDate {
            value: "2016-03-06".into(),
            range: ["2016-03-06".into(), "2016-03-06".into()],
            time_precision: 1,
            start: 0,
            end: 0,
        }),
        fatalities: None,
        injured: None,
        arrested: None,
        sources: vec![],
        certainty: Certainty::Hedged,
        background: false,
        evidence: Evidence {
            start: 0,
            end: text.len(),
            text: text.into(),
        },
    };
    let cs = claims(&a, std::slice::from_ref(&ev));
    assert_eq!(cs.len(), 1);
    assert_eq!(
        (
            cs[0].previous_holder.as_deref(),
            cs[0].new_holder.as_deref()
        ),
        (Some(IS), None)
    );
    assert_eq!(cs[0].certainty, Certainty::Hedged);
    assert_eq!(cs[0].date.value, "2016-03-06");
    // The place named before the evidence (taken from context): no panic, no change.
    let mut ctx = ev.clone();
    ctx.evidence = Evidence {
        start: 40,
        end: text.len(),
        text: text[40..].into(),
    };
    ctx.place.as_mut().unwrap().start = 0;
    ctx.place.as_mut().unwrap().end = 3;
    let _ = claims(&a, &[ctx]);
    let mut spec = ev.clone();
    spec.certainty = Certainty::Speculative;
    assert!(claims(&a, &[spec]).is_empty());
}
