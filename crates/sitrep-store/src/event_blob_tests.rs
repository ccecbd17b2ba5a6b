//! Tests of the compact event blob: round trips over varied events (unicode text, spans that are
//! and are not slices of the text, odd and reversed spans, missing optional fields, ids off the
//! usual pattern), agreement with what a stored row holds, and corrupt blobs.

use super::*;
use crate::packed::PackedArticle;
use crate::types::Article;
use crate::Store;
use sitrep_events::Certainty;

const TEXT: &str = "ALEPPO — Shelling by «Syrian forces» hit Ḥaritān near Aleppo, killing 3; \
    SOHR said. Later, Kurdish YPG fighters took Tal Rifaat from rebels (Reuters).";

/// The characters `[a, b)` of TEXT.
fn cut_text(a: usize, b: usize) -> String {
    TEXT.chars().skip(a).take(b.saturating_sub(a)).collect()
}

/// Char span of the first `needle` in TEXT.
fn span_of(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).expect("needle in TEXT");
    let a = TEXT[..b].chars().count();
    (a, a + needle.chars().count())
}

fn mention(needle: &str, name: &str, code: Option<&str>) -> EventActor {
    let (start, end) = span_of(needle);
    EventActor {
        name: name.into(),
        actor_type: "State forces".into(),
        code: code.map(String::from),
        text: needle.into(),
        start,
        end,
    }
}

fn base() -> Event {
    let (es, ee) = span_of("Shelling by «Syrian forces» hit Ḥaritān near Aleppo, killing 3;");
    let (ps, pe) = span_of("Ḥaritān");
    Event {
        record: "event".into(),
        event_id: "doc-1-e7".into(),
        doc_id: "doc-1".into(),
        acled_event_type: Some("Explosions/Remote violence".into()),
        acled_sub_event_type: Some("Shelling/artillery/missile attack".into()),
        cameo: Some("195".into()),
        plover: Some("ASSAULT".into()),
        actor1: Some(mention(
            "Syrian forces",
            "Military Forces of Syria",
            Some("SYRMIL"),
        )),
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(EventPlace {
            name: "Ḥaritān".into(),
            geonameid: Some(170_063),
            kind: "city".into(),
            country: "SY".into(),
            admin1: Some("Aleppo".into()),
            admin2: None,
            lat: 33.51020050048828,
            lon: 36.29127883911133,
            geo_precision: 1,
            start: ps,
            end: pe,
        }),
        date: Some(EventDate {
            value: "2016-03-06".into(),
            range: ["2016-03-06".into(), "2016-03-06".into()],
            time_precision: 1,
            start: es,
            end: ee,
        }),
        fatalities: Some(3),
        injured: None,
        arrested: None,
        sources: vec![Source {
            name: "SOHR".into(),
            role: None,
            anonymous: false,
            start: span_of("SOHR").0,
            end: span_of("SOHR").1,
        }],
        certainty: Certainty::Reported,
        background: false,
        evidence: Evidence {
            start: es,
            end: ee,
            text: cut_text(es, ee),
        },
    }
}

/// Variations of [`base`], each reaching another branch of the encoding.
fn variants() -> Vec<Event> {
    let mut out = vec![base()];
    let mut v = |f: &dyn Fn(&mut Event)| {
        let mut e = base();
        f(&mut e);
        out.push(e);
    };
    v(&|e| e.record = "other".into());
    v(&|e| e.doc_id = "another-doc".into());
    v(&|e| e.event_id = "doc-1-e007".into());
    v(&|e| e.event_id = "doc-1-e".into());
    v(&|e| e.event_id = "doc-1-x3".into());
    v(&|e| e.event_id = "doc-1-e0".into());
    v(&|e| e.event_id = "doc-1-e99999999999999999999999".into());
    v(&|e| e.evidence.text = "not the article's words".into());
    v(&|e| {
        e.evidence = Evidence {
            start: 9,
            end: 3,
            text: String::new(),
        }
    });
    v(&|e| {
        e.evidence = Evidence {
            start: 5000,
            end: 5010,
            text: "far".into(),
        }
    });
    v(&|e| {
        e.evidence = Evidence {
            start: 4,
            end: 4,
            text: String::new(),
        }
    });
    v(&|e| {
        e.cameo = None;
        e.plover = None;
        e.acled_event_type = None;
        e.acled_sub_event_type = None;
        e.fatalities = None;
    });
    v(&|e| e.plover = Some("UNHEARD-OF".into()));
    v(&|e| {
        e.actor1 = None;
        e.actor2 = Some(mention("rebels", "Opposition (Syria)", None));
    });
    v(&|e| {
        e.actor2 = Some(mention("Kurdish YPG", "YPG", Some("YPG")));
        e.assoc_actor1 = vec![mention("fighters", "Militia (Kurds)", None)];
        e.assoc_actor2 = vec![
            mention("Reuters", "Reuters", Some("")),
            EventActor {
                text: "words not in the text".into(),
                ..mention("Aleppo", "Civilians (Syria)", None)
            },
        ];
    });
    v(&|e| e.assoc_actor2 = vec![mention("Tal Rifaat", "Civilians (Syria)", None)]);
    v(&|e| {
        if let Some(a) = &mut e.actor1 {
            a.text = "SYRIAN FORCES".into();
            a.actor_type = "a type of its own".into();
        }
    });
    v(&|e| e.place = None);
    v(&|e| {
        if let Some(p) = &mut e.place {
            p.name = "Haritan".into();
            p.geonameid = None;
            p.kind = "neighbourhood".into();
            p.country = "sy".into();
            p.admin1 = None;
            p.admin2 = Some("Jabal Sam'an".into());
            p.geo_precision = 3;
            p.lat = 36.0;
            p.lon = -0.1;
            p.start = 3;
            p.end = 1;
        }
    });
    v(&|e| {
        if let Some(p) = &mut e.place {
            p.lat = 0.1 + 0.2;
            p.lon = 1e-300;
        }
    });
    v(&|e| e.date = None);
    v(&|e| {
        if let Some(d) = &mut e.date {
            d.value = "2016-03".into();
            d.range = ["2016-03-01".into(), "2016-03-31".into()];
            d.time_precision = 3;
            d.start = 0;
            d.end = 6;
        }
    });
    v(&|e| {
        if let Some(d) = &mut e.date {
            d.value = "PAST_REF".into();
            d.range = ["2016-3-6".into(), "2016-03-06T10:00".into()];
        }
    });
    v(&|e| {
        if let Some(d) = &mut e.date {
            d.value = String::new();
            d.range = ["2016-03-09".into(), "2016-03-01".into()];
        }
    });
    v(&|e| {
        if let Some(d) = &mut e.date {
            d.value = "2016-W09".into();
            d.range = [String::new(), "not a day".into()];
        }
    });
    v(&|e| {
        e.injured = Some(0);
        e.arrested = Some(u32::MAX);
        e.fatalities = Some(u32::MAX);
        e.certainty = Certainty::Denied;
        e.background = true;
    });
    v(&|e| {
        let (s, t) = span_of("Reuters");
        e.sources = vec![
            Source {
                name: "Reuters".into(),
                role: Some("outlet".into()),
                anonymous: false,
                start: s,
                end: t,
            },
            Source {
                name: "unknown".into(),
                role: Some("a monitor in «Idlib»".into()),
                anonymous: true,
                start: 0,
                end: 0,
            },
            Source {
                name: "Ḥaritān residents".into(),
                role: None,
                anonymous: true,
                start: usize::MAX,
                end: 2,
            },
        ];
    });
    v(&|e| e.sources.clear());
    out
}

/// What reading the event's JSON gives back (the form every older blob reads back as).
fn as_json_reads_it(e: &Event) -> Event {
    serde_json::from_str(&serde_json::to_string(e).unwrap()).unwrap()
}

#[test]
fn events_round_trip_to_the_json_they_read_back_as_before() {
    let text = Slicer::new(TEXT);
    for (i, e) in variants().into_iter().enumerate() {
        let blob = encode(&e, "doc-1", &text);
        assert_eq!(blob[0], TAG_EVENT);
        let back = decode(&blob, &EventCols::of(&e), "doc-1", &text)
            .unwrap_or_else(|err| panic!("variant {i}: {err}"));
        let want = as_json_reads_it(&e);
        assert_eq!(back, want, "variant {i}");
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&want).unwrap(),
            "variant {i}"
        );
    }
}

#[test]
fn an_ascii_text_and_a_missing_text() {
    let ascii = "Air strikes hit Aleppo on Sunday, SANA said.";
    let mut e = base();
    e.evidence = Evidence {
        start: 0,
        end: 33,
        text: ascii[..33].into(),
    };
    e.place.as_mut().unwrap().name = "Aleppo".into();
    (
        e.place.as_mut().unwrap().start,
        e.place.as_mut().unwrap().end,
    ) = (16, 22);
    e.actor1 = None;
    e.sources[0] = Source {
        name: "SANA".into(),
        role: None,
        anonymous: false,
        start: 34,
        end: 38,
    };
    let blob = encode(&e, "doc-1", &Slicer::new(ascii));
    let cols = EventCols::of(&e);
    assert_eq!(
        decode(&blob, &cols, "doc-1", &Slicer::new(ascii)).unwrap(),
        as_json_reads_it(&e)
    );
    // Without the text (a caller that does not need it), the cut texts are empty.
    let blind = decode(&blob, &cols, "doc-1", &Slicer::new("")).unwrap();
    assert_eq!(blind.evidence.text, "");
    assert_eq!(blind.sources[0].name, "");
    assert_eq!(blind.place.map(|p| p.lat), Some(33.51020050048828));
}

#[test]
fn iso_days_agree_with_chrono() {
    for day in [
        -5, -1, 0, 1, 365, 700_000, 735_999, 736_024, 3_652_058, 3_652_059, 4_000_000,
    ] {
        assert_eq!(iso(day), codec::iso(day), "{day}");
        if let Some(s) = codec::iso(day) {
            assert!(is_iso(day, &s));
            assert!(!is_iso(day + 1, &s));
        }
    }
}

#[test]
fn slicer_agrees_with_char_slice() {
    for text in ["", "plain ascii", TEXT, "ü", "aü b"] {
        let s = Slicer::new(text);
        let n = text.chars().count() + 2;
        for a in 0..n {
            for b in 0..n {
                assert_eq!(
                    s.get(a, b),
                    codec::char_slice(text, a, b),
                    "{text:?} {a} {b}"
                );
            }
        }
    }
}

#[test]
fn corrupt_blobs_are_errors_not_panics() {
    let text = Slicer::new(TEXT);
    for e in variants() {
        let blob = encode(&e, "doc-1", &text);
        let cols = EventCols::of(&e);
        for n in 0..blob.len() {
            assert!(
                decode(&blob[..n], &cols, "doc-1", &text).is_err(),
                "cut at {n}"
            );
        }
        let mut longer = blob.clone();
        longer.push(0);
        assert!(decode(&longer, &cols, "doc-1", &text).is_err());
        for i in 1..blob.len() {
            for bit in [0x01, 0x40, 0x80] {
                let mut b = blob.clone();
                b[i] ^= bit;
                let _ = decode(&b, &cols, "doc-1", &text);
            }
        }
    }
    // Columns missing where the blob relies on them.
    let e = base();
    let blob = encode(&e, "doc-1", &text);
    assert!(decode(&blob, &EventCols::default(), "doc-1", &text).is_err());
}

/// The columns `store::insert_event` writes are the ones the blob leaves out (`EventCols::of`),
/// and events read back through the store equal what was packed.
#[test]
fn stored_rows_hold_what_the_blob_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("t.db")).unwrap();
    let events: Vec<Event> = variants()
        .into_iter()
        .enumerate()
        .map(|(i, mut e)| {
            if e.event_id.starts_with("doc-1") {
                e.event_id = e.event_id.replacen("doc-1", "a1", 1);
            }
            if e.doc_id == "doc-1" {
                e.doc_id = "a1".into();
            }
            e.fatalities = e.fatalities.map(|f| f.min(1000 + i as u32));
            e
        })
        .collect();
    let article = Article {
        id: "a1".into(),
        title: None,
        url: None,
        source: Some("nna".into()),
        published: Some("2016-03-07".into()),
        text: TEXT.into(),
    };
    let packed = PackedArticle::new(article, None, events.clone(), Vec::new());
    s.ingest_packed(&mut [packed]).unwrap();
    let mut st = s
        .conn
        .prepare(&format!(
            "SELECT {} FROM events e ORDER BY e.ord",
            EventCols::SQL
        ))
        .unwrap();
    let rows: Vec<EventCols> = st
        .query_map([], |r| EventCols::from_row(r, 0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        assert_eq!(row, &EventCols::of(e), "{}", e.event_id);
    }
    drop(st);
    let article_id: i64 = s
        .conn
        .query_row("SELECT id FROM articles", [], |r| r.get(0))
        .unwrap();
    let back = s.article_events(article_id).unwrap();
    let got: Vec<Event> = back.into_iter().map(|x| x.event).collect();
    let want: Vec<Event> = events.iter().map(as_json_reads_it).collect();
    assert_eq!(got, want);
    let page = s.query_events(&crate::EventFilter::default()).unwrap();
    assert_eq!(page.events.len(), events.len());
    for x in page.events {
        assert!(want.contains(&x.event));
    }
}
