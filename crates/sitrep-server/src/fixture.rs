//! Small made-up data for tests, the fixture server and the load benchmark: a hand-written
//! sample (one article, its events, a control timeline) and a synthetic generator of N events.
//! Invented text: no real article is copied here.

use serde_json::{json, Value};
use sitrep_events::{Certainty, Event, EventActor, EventDate, EventPlace, Evidence, Source};

use crate::backend::EventRecord;
use crate::memory::Data;

/// The sample article's text (invented).
pub const SAMPLE_TEXT: &str = "Town retaken\n\nRUTBA, Iraq (Wire) - Iraqi forces retook the town of Rutba from the Islamic State on 6 March, the mayor said. \"The town is free,\" he told Wire.\nClashes continued near Ramadi on Monday, killing 4 fighters, a police officer said.";

fn span_of(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap_or(0);
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

fn actor(text: &str, name: &str, kind: &str, code: &str) -> EventActor {
    let (start, end) = span_of(SAMPLE_TEXT, text);
    EventActor {
        name: name.into(),
        actor_type: kind.into(),
        code: Some(code.into()),
        text: text.into(),
        start,
        end,
    }
}

#[allow(clippy::too_many_arguments)]
fn place(text: &str, name: &str, gid: u32, admin1: &str, lat: f64, lon: f64) -> EventPlace {
    let (start, end) = span_of(SAMPLE_TEXT, text);
    EventPlace {
        name: name.into(),
        geonameid: Some(gid),
        kind: "city".into(),
        country: "IQ".into(),
        admin1: Some(admin1.into()),
        admin2: None,
        lat,
        lon,
        geo_precision: 1,
        start,
        end,
    }
}

fn evidence(sentence: &str) -> Evidence {
    let (start, end) = span_of(SAMPLE_TEXT, sentence);
    Evidence {
        start,
        end,
        text: sentence.into(),
    }
}

/// One article (db id 1), two events, one incident, two places with control intervals.
pub fn sample() -> Data {
    let s1 =
        "Iraqi forces retook the town of Rutba from the Islamic State on 6 March, the mayor said.";
    let s2 = "Clashes continued near Ramadi on Monday, killing 4 fighters, a police officer said.";
    let (ds, de) = span_of(SAMPLE_TEXT, "6 March");
    let (ms, me) = span_of(SAMPLE_TEXT, "the mayor");
    let (ps, pe) = span_of(SAMPLE_TEXT, "a police officer");
    let (mo, moe) = span_of(SAMPLE_TEXT, "Monday");
    let e1 = Event {
        record: "event".into(),
        event_id: "sample-1-e1".into(),
        doc_id: "sample-1".into(),
        acled_event_type: Some("Strategic developments".into()),
        acled_sub_event_type: Some("Non-violent transfer of territory".into()),
        cameo: Some("190".into()),
        plover: Some("ASSAULT".into()),
        actor1: Some(actor(
            "Iraqi forces",
            "Military Forces of Iraq",
            "State forces",
            "IRQMIL",
        )),
        actor2: Some(actor(
            "Islamic State",
            "Islamic State",
            "Rebel group",
            "IMGMUSISI",
        )),
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(place("Rutba", "Rutba", 99_001, "Anbar", 33.03, 40.28)),
        date: Some(EventDate {
            value: "2016-03-06".into(),
            range: ["2016-03-06".into(), "2016-03-06".into()],
            time_precision: 1,
            start: ds,
            end: de,
        }),
        fatalities: None,
        injured: None,
        arrested: None,
        sources: vec![Source {
            name: "mayor".into(),
            role: Some("mayor".into()),
            anonymous: false,
            start: ms,
            end: me,
        }],
        certainty: Certainty::Reported,
        background: false,
        evidence: evidence(s1),
    };
    let e2 = Event {
        record: "event".into(),
        event_id: "sample-1-e2".into(),
        doc_id: "sample-1".into(),
        acled_event_type: Some("Battles".into()),
        acled_sub_event_type: Some("Armed clash".into()),
        cameo: Some("190".into()),
        plover: Some("ASSAULT".into()),
        actor1: None,
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(place("Ramadi", "Ramadi", 99_002, "Anbar", 33.42, 43.30)),
        date: Some(EventDate {
            value: "2016-03-07".into(),
            range: ["2016-03-07".into(), "2016-03-07".into()],
            time_precision: 1,
            start: mo,
            end: moe,
        }),
        fatalities: Some(4),
        injured: None,
        arrested: None,
        sources: vec![Source {
            name: "police officer".into(),
            role: Some("police officer".into()),
            anonymous: true,
            start: ps,
            end: pe,
        }],
        certainty: Certainty::Hedged,
        background: false,
        evidence: evidence(s2),
    };
    let events = vec![
        EventRecord {
            id: 1,
            article_id: 1,
            incident_id: Some(1),
            event: e1.clone(),
        },
        EventRecord {
            id: 2,
            article_id: 1,
            incident_id: Some(2),
            event: e2.clone(),
        },
    ];
    let incidents = vec![
        json!({"id": 1, "key": "k1", "acled_event_type": "Strategic developments", "acled_sub_event_type": "Non-violent transfer of territory",
               "date": ["2016-03-06", "2016-03-06"], "place": e1.place, "actor1": "Military Forces of Iraq", "actor2": "Islamic State",
               "fatalities_min": null, "fatalities_max": null, "n_events": 1, "n_articles": 1, "n_sources": 1, "sources": ["Wire"],
               "certainty": "reported", "event_ids": [1], "evidence": [{"article_id": 1, "doc_id": "sample-1", "source": "Wire", "published": "2016-03-08", "event_id": 1, "certainty": "reported", "start": e1.evidence.start, "end": e1.evidence.end, "text": e1.evidence.text}]}),
        json!({"id": 2, "key": "k2", "acled_event_type": "Battles", "acled_sub_event_type": "Armed clash",
               "date": ["2016-03-07", "2016-03-07"], "place": e2.place, "actor1": null, "actor2": null,
               "fatalities_min": 4, "fatalities_max": 4, "n_events": 1, "n_articles": 1, "n_sources": 1, "sources": ["Wire"],
               "certainty": "hedged", "event_ids": [2], "evidence": []}),
    ];
    let ev = |e: &Event| json!([{"article_id": 1, "doc_id": "sample-1", "source": "Wire", "published": "2016-03-08", "certainty": e.certainty, "start": e.evidence.start, "end": e.evidence.end, "text": e.evidence.text}]);
    let intervals = vec![
        json!({"place": "Rutba", "geonameid": 99_001, "lat": 33.03, "lon": 40.28, "country": "IQ", "holder": "Islamic State", "from": null, "until": "2016-03-06", "certainty": "reported", "evidence": ev(&e1)}),
        json!({"place": "Rutba", "geonameid": 99_001, "lat": 33.03, "lon": 40.28, "country": "IQ", "holder": "Military Forces of Iraq", "from": "2016-03-06", "until": null, "certainty": "hedged", "evidence": ev(&e1)}),
        json!({"place": "Ramadi", "geonameid": 99_002, "lat": 33.42, "lon": 43.30, "country": "IQ", "holder": "contested", "from": "2016-03-01", "until": null, "certainty": "hedged", "evidence": ev(&e2)}),
    ];
    let span = |t: &str| span_of(SAMPLE_TEXT, t);
    let (q1, q2) = span("The town is free,");
    let article = json!({
        "db_id": 1, "id": "sample-1", "title": "Town retaken", "published": "2016-03-08", "source": "Wire", "url": null,
        "text": SAMPLE_TEXT,
        "places": [{"text": "Rutba", "start": span("Rutba").0, "end": span("Rutba").1, "name": "Rutba", "country": "IQ"},
                   {"text": "Ramadi", "start": span("Ramadi").0, "end": span("Ramadi").1, "name": "Ramadi", "country": "IQ"}],
        "actors": [{"text": "Iraqi forces", "start": e1.actor1.as_ref().map_or(0, |a| a.start), "end": e1.actor1.as_ref().map_or(0, |a| a.end), "actor": "Military Forces of Iraq", "actor_type": "State forces"}],
        "people": [{"text": "the mayor", "start": ms, "end": me, "name": "mayor", "role": "mayor"}],
        "times": [{"text": "6 March", "start": ds, "end": de, "value": "2016-03-06"}],
        "quotes": [{"start": q1, "end": q2, "kind": "direct", "speaker": "the mayor", "anonymous": false}],
        "events": events,
        "control": [],
    });
    Data {
        events,
        incidents,
        intervals,
        articles: vec![article],
    }
}

const TYPES: [(&str, &str); 6] = [
    ("Battles", "Armed clash"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    (
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
];

/// `n` synthetic events spread over 2016 across Iraq and Syria (deterministic in `seed`).
pub fn synthetic(n: usize, seed: u64) -> Vec<EventRecord> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let jan1 = chrono::NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default();
    (0..n)
        .map(|i| {
            let r = next();
            let day = jan1 + chrono::Duration::days((r % 366) as i64);
            let (t, sub) = TYPES[(r >> 12) as usize % TYPES.len()];
            let lat = 30.0 + ((r >> 20) % 700) as f64 / 100.0;
            let lon = 36.0 + ((r >> 32) % 1000) as f64 / 100.0;
            let text = format!(
                "Synthetic event {i}: a clash near place {} reported by a monitor.",
                r % 997
            );
            let d = day.to_string();
            let certainty = [
                Certainty::Reported,
                Certainty::Hedged,
                Certainty::Claimed,
                Certainty::Confirmed,
            ][(r >> 40) as usize % 4];
            EventRecord {
                id: i as i64 + 1,
                article_id: (i / 5) as i64 + 1,
                incident_id: None,
                event: Event {
                    record: "event".into(),
                    event_id: format!("syn-{i}"),
                    doc_id: format!("syn-doc-{}", i / 5),
                    acled_event_type: Some(t.into()),
                    acled_sub_event_type: Some(sub.into()),
                    cameo: None,
                    plover: None,
                    actor1: Some(EventActor {
                        name: [
                            "Islamic State",
                            "Military Forces of Iraq",
                            "Syrian Democratic Forces",
                        ][(r >> 44) as usize % 3]
                            .into(),
                        actor_type: "Rebel group".into(),
                        code: None,
                        text: "fighters".into(),
                        start: 0,
                        end: 8,
                    }),
                    actor2: None,
                    assoc_actor1: Vec::new(),
                    assoc_actor2: Vec::new(),
                    place: Some(EventPlace {
                        name: format!("Place {}", r % 997),
                        geonameid: Some((r % 997) as u32 + 1),
                        kind: "city".into(),
                        country: if lon < 41.0 { "SY".into() } else { "IQ".into() },
                        admin1: None,
                        admin2: None,
                        lat,
                        lon,
                        geo_precision: 1,
                        start: 0,
                        end: 5,
                    }),
                    date: Some(EventDate {
                        value: d.clone(),
                        range: [d.clone(), d],
                        time_precision: 1,
                        start: 0,
                        end: 5,
                    }),
                    fatalities: Some((r >> 50) as u32 % 10),
                    injured: None,
                    arrested: None,
                    sources: vec![Source {
                        name: "monitor".into(),
                        role: Some("monitor".into()),
                        anonymous: false,
                        start: 0,
                        end: 5,
                    }],
                    certainty,
                    background: false,
                    evidence: Evidence {
                        start: 0,
                        end: text.chars().count(),
                        text,
                    },
                },
            }
        })
        .collect()
}

/// Sample plus `n` synthetic events, as one data set.
pub fn with_synthetic(n: usize) -> Data {
    let mut d = sample();
    let base = d.events.len() as i64;
    d.events.extend(synthetic(n, 7).into_iter().map(|mut e| {
        e.id += base;
        e
    }));
    d
}

/// JSON of an article as posted (for tests).
pub fn article_in(id: &str, text: &str) -> Value {
    json!({"id": id, "title": "Posted", "text": text, "published": "2016-03-08", "source": "Test"})
}
