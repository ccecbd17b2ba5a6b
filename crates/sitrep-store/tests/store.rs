//! Store behaviour on real SQLite files in temp dirs: idempotent ingest, filters and paging,
//! incidents independent of ingestion order, control timelines, and every bad-database case.

mod common;

use common::*;
use sitrep_events::{Certainty, ControlKind};
use sitrep_store::{EventFilter, IngestOutcome, Store, StoreError};

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn ingest_is_idempotent_and_queries_filter() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut s = Store::open(&path).unwrap();
    let a = article("a1", "AFP", "2016-03-06", "text one");
    let ev = vec![
        event(
            "a1",
            0,
            "Air/drone strike",
            "Explosions/Remote violence",
            Some("Military Forces of Syria"),
            ALEPPO,
            ["2016-03-05", "2016-03-05"],
            Certainty::Reported,
        ),
        event(
            "a1",
            1,
            "Armed clash",
            "Battles",
            Some("Islamic State"),
            IDLIB,
            ["2016-02-01", "2016-02-29"],
            Certainty::Hedged,
        ),
    ];
    let ann = serde_json::json!({"id": "a1", "text": "text one", "places": []});
    let out = s.ingest_article(&a, Some(&ann), &ev, &[]).unwrap();
    assert!(matches!(out, IngestOutcome::Added { events: 2, .. }));
    // Same content, same id, same url: nothing added.
    assert!(matches!(
        s.ingest_article(&a, None, &ev, &[]).unwrap(),
        IngestOutcome::Duplicate { by: "content", .. }
    ));
    let mut b = a.clone();
    b.text = "other text".into();
    assert!(matches!(
        s.ingest_article(&b, None, &ev, &[]).unwrap(),
        IngestOutcome::Duplicate { by: "id", .. }
    ));
    assert_eq!(s.stats().unwrap().events, 2);
    let IngestOutcome::Added { article_id, .. } = out else {
        unreachable!()
    };
    let ann_back = s.get_annotation(article_id).unwrap().unwrap();
    assert_eq!(ann_back["text"], "text one");
    assert_eq!(s.get_article(article_id).unwrap().unwrap().article, a);

    let all = s.query_events(&EventFilter::default()).unwrap();
    assert_eq!(all.events.len(), 2);
    assert_eq!(
        all.events[0].event, ev[1],
        "ordered by first day, records round-trip"
    );
    let q = |f: EventFilter| s.query_events(&f).unwrap().events.len();
    assert_eq!(
        q(EventFilter {
            from: Some(day("2016-03-01")),
            to: Some(day("2016-03-31")),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            from: Some(day("2016-02-15")),
            to: Some(day("2016-02-15")),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            bbox: Some([37.0, 36.0, 37.3, 36.4]),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            bbox: Some([30.0, 30.0, 40.0, 40.0]),
            from: Some(day("2016-03-05")),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            actor: Some("islamic".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            event_type: Some("battles".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            min_certainty: Some(Certainty::Reported),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            country: Some("sy".into()),
            admin1: Some("aleppo".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        q(EventFilter {
            text: Some("air strike".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        q(EventFilter {
            text: Some("nothing like this".into()),
            ..Default::default()
        }),
        0
    );
    // Paging: one at a time, then the cursor.
    let p1 = s
        .query_events(&EventFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p1.events.len(), 1);
    let p2 = s
        .query_events(&EventFilter {
            limit: Some(1),
            after: p1.next,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p2.events.len(), 1);
    assert_ne!(p1.events[0].id, p2.events[0].id);
    assert!(p2.next.is_none(), "the last page says so");
    assert!(s
        .query_events(&EventFilter {
            bbox: Some([0.0, 50.0, 1.0, 40.0]),
            ..Default::default()
        })
        .is_err());
    s.integrity_check().unwrap();
}

/// Three outlets report one strike near Aleppo; a fourth event elsewhere stays alone.
fn incident_inputs() -> Vec<(sitrep_store::Article, Vec<sitrep_events::Event>)> {
    vec![
        (
            article("x", "AFP", "2016-03-06", "x text"),
            vec![event(
                "x",
                0,
                "Air/drone strike",
                "Explosions/Remote violence",
                Some("Military Forces of Syria"),
                ALEPPO,
                ["2016-03-05", "2016-03-05"],
                Certainty::Reported,
            )],
        ),
        (
            article("y", "Reuters", "2016-03-07", "y text"),
            vec![event(
                "y",
                0,
                "Shelling/artillery/missile attack",
                "Explosions/Remote violence",
                None,
                NEAR_ALEPPO,
                ["2016-03-01", "2016-03-07"],
                Certainty::Hedged,
            )],
        ),
        (
            article("z", "SANA", "2016-03-07", "z text"),
            vec![
                event(
                    "z",
                    0,
                    "Air/drone strike",
                    "Explosions/Remote violence",
                    Some("Syrian Forces"),
                    ALEPPO,
                    ["2016-03-05", "2016-03-05"],
                    Certainty::Denied,
                ),
                event(
                    "z",
                    1,
                    "Armed clash",
                    "Battles",
                    Some("Islamic State"),
                    IDLIB,
                    ["2016-03-05", "2016-03-05"],
                    Certainty::Reported,
                ),
            ],
        ),
    ]
}

fn incident_summary(s: &Store) -> Vec<String> {
    let mut v: Vec<String> = s
        .incidents(&EventFilter::default())
        .unwrap()
        .into_iter()
        .map(|i| {
            let mut docs: Vec<_> = i.evidence.iter().map(|e| e.doc_id.clone()).collect();
            docs.sort();
            format!(
                "{} {:?} {:?} {} {} {:?} {:?}",
                i.key,
                i.date,
                i.place.map(|p| p.name),
                i.n_articles,
                i.n_sources,
                i.certainty,
                docs
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn incidents_merge_independently_of_order() {
    let dir = tempfile::tempdir().unwrap();
    let orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0]];
    let mut summaries = Vec::new();
    for (k, order) in orders.iter().enumerate() {
        let mut s = Store::open(dir.path().join(format!("o{k}.db"))).unwrap();
        let inputs = incident_inputs();
        for &i in order {
            s.ingest_article(&inputs[i].0, None, &inputs[i].1, &[])
                .unwrap();
        }
        summaries.push(incident_summary(&s));
        // A rebuild from scratch agrees with the incremental result.
        s.rebuild_incidents().unwrap();
        assert_eq!(incident_summary(&s), summaries[k]);
    }
    assert_eq!(summaries[0], summaries[1]);
    assert_eq!(summaries[0], summaries[2]);
    let s = Store::open(dir.path().join("o0.db")).unwrap();
    let incs = s.incidents(&EventFilter::default()).unwrap();
    assert_eq!(incs.len(), 2, "{incs:#?}");
    let strike = incs
        .iter()
        .find(|i| i.n_articles == 3)
        .expect("the strike merged across three articles");
    assert_eq!(strike.n_sources, 3);
    assert_eq!(
        strike.date,
        ["2016-03-05".to_string(), "2016-03-05".to_string()]
    );
    assert_eq!(
        strike.place.as_ref().map(|p| p.name.as_str()),
        Some("Aleppo")
    );
    // Reported + independent hedged report → confirmed; one denial lowers it a step.
    assert_eq!(strike.certainty, Certainty::Reported);
    let ev = s
        .query_events(&EventFilter {
            actor: Some("islamic".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(ev.events[0].incident_id.is_some());
}

#[test]
fn deferred_writes_give_the_same_incidents_and_survive_a_stop_before_the_update() {
    let dir = tempfile::tempdir().unwrap();
    let reference = {
        let mut s = Store::open(dir.path().join("ref.db")).unwrap();
        for (a, evs) in incident_inputs() {
            s.ingest_article(&a, None, &evs, &[]).unwrap();
        }
        incident_summary(&s)
    };
    let path = dir.path().join("deferred.db");
    {
        // Two batches written without the update, then the writer "dies" (dropped).
        let mut s = Store::open(&path).unwrap();
        let mut packed: Vec<_> = incident_inputs()
            .into_iter()
            .rev()
            .map(|(a, evs)| sitrep_store::PackedArticle::new(a, None, evs, vec![]))
            .collect();
        s.write_packed(&mut packed[..1]).unwrap();
        s.write_packed(&mut packed[1..]).unwrap();
        let (events, claims) = s.pending_derived().unwrap();
        assert!(events > 0 && claims == 0, "{events} {claims}");
        assert!(incident_summary(&s).is_empty(), "nothing derived yet");
    }
    let mut s = Store::open(&path).unwrap();
    s.integrity_check().unwrap();
    assert_eq!(s.stats().unwrap().articles, 3);
    // Any later ingest (here: one that adds nothing new) completes the pending work.
    let (a, evs) = incident_inputs().remove(0);
    s.ingest_article(&a, None, &evs, &[]).unwrap();
    assert_eq!(s.pending_derived().unwrap(), (0, 0));
    assert_eq!(incident_summary(&s), reference);
    // The shared writer: batches, then one update at the end; same result.
    let mut w = sitrep_store::Writer::new(Store::open(dir.path().join("w.db")).unwrap());
    for (a, evs) in incident_inputs() {
        w.write(&mut [sitrep_store::PackedArticle::new(a, None, evs, vec![])])
            .unwrap();
    }
    let (s, sum) = w.finish().unwrap();
    assert_eq!((sum.read, sum.added, sum.duplicates), (3, 3, 0));
    assert_eq!(incident_summary(&s), reference);
}

#[test]
fn control_timeline_seed_shape() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("c.db")).unwrap();
    let rutba = ("Rutba", 98677, 33.03, 40.28);
    let ramadi = ("Ramadi", 98717, 33.42, 43.30);
    let fallujah = ("Fallujah", 99454, 33.35, 43.78);
    let claims = vec![
        claim(
            "seed",
            rutba,
            ControlKind::Change,
            Some("Islamic State"),
            None,
            None,
            ["2016-03-06", "2016-03-06"],
            Certainty::Hedged,
        ),
        claim(
            "seed",
            ramadi,
            ControlKind::Change,
            Some("Islamic State"),
            Some("Military Forces of Iraq"),
            None,
            ["2016-02-01", "2016-02-29"],
            Certainty::Reported,
        ),
        claim(
            "seed",
            fallujah,
            ControlKind::Holds,
            None,
            None,
            Some("Islamic State"),
            ["2016-03-11", "2016-03-11"],
            Certainty::Reported,
        ),
    ];
    s.ingest_article(
        &article("seed", "AFP", "2016-03-11", "seed-like text"),
        None,
        &[],
        &claims,
    )
    .unwrap();
    let t = s.control_timeline("Rutba").unwrap();
    assert_eq!(t.len(), 1);
    let r = &t[0];
    assert_eq!(
        r.at(day("2016-03-01"))
            .and_then(|i| i.holder.clone())
            .as_deref(),
        Some("Islamic State")
    );
    let after = r
        .at(day("2016-03-07"))
        .expect("an interval after the pullout");
    assert_eq!(after.holder, None);
    assert_eq!(after.certainty, Certainty::Hedged);
    assert_eq!(after.until, None);
    let rm = &s.control_timeline("98717").unwrap()[0];
    assert_eq!(
        rm.at(day("2016-03-01"))
            .and_then(|i| i.holder.clone())
            .as_deref(),
        Some("Military Forces of Iraq")
    );
    let snap = s.control_at(day("2016-03-11"), None).unwrap();
    let holder = |p: &str| {
        snap.iter()
            .find(|i| i.place == p)
            .and_then(|i| i.holder.clone())
    };
    assert_eq!(holder("Fallujah").as_deref(), Some("Islamic State"));
    assert_eq!(holder("Rutba"), None);
    assert_eq!(
        s.control_at(day("2016-03-11"), Some([43.0, 33.0, 44.0, 34.0]))
            .unwrap()
            .len(),
        2
    );

    // A later, better-attested report wins: two outlets say the army retook Fallujah on 20 March.
    for (id, src) in [("later1", "Reuters"), ("later2", "AP")] {
        let c = claim(
            id,
            fallujah,
            ControlKind::Change,
            Some("Islamic State"),
            Some("Military Forces of Iraq"),
            None,
            ["2016-03-20", "2016-03-20"],
            Certainty::Reported,
        );
        s.ingest_article(
            &article(id, src, "2016-03-21", &format!("{id} text")),
            None,
            &[],
            &[c],
        )
        .unwrap();
    }
    let f = &s.control_timeline("fallujah").unwrap()[0];
    assert_eq!(
        f.at(day("2016-03-12"))
            .and_then(|i| i.holder.clone())
            .as_deref(),
        Some("Islamic State")
    );
    let now = f.at(day("2016-04-01")).unwrap();
    assert_eq!(now.holder.as_deref(), Some("Military Forces of Iraq"));
    assert_eq!(now.evidence.len(), 2);
}

fn assert_untouched(path: &std::path::Path, before: &[u8]) {
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
}

#[test]
fn bad_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Not SQLite.
    let junk = dir.path().join("junk.db");
    let bytes = b"this is not a database at all, just some text that is long enough to look like a header....".repeat(50);
    std::fs::write(&junk, &bytes).unwrap();
    let e = Store::open(&junk).err().expect("junk refused");
    assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
    assert_untouched(&junk, &bytes);
    // A foreign SQLite file.
    let foreign = dir.path().join("foreign.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&foreign).unwrap();
    let e = Store::open(&foreign).err().expect("foreign refused");
    assert!(matches!(e, StoreError::Foreign { .. }), "{e}");
    assert_untouched(&foreign, &before);
    // A newer schema.
    let newer = dir.path().join("newer.db");
    drop(Store::open(&newer).unwrap());
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 999;")
            .unwrap();
    }
    let before = std::fs::read(&newer).unwrap();
    let e = Store::open(&newer).err().expect("newer refused");
    assert!(
        matches!(e, StoreError::NewerSchema { found: 999, .. }),
        "{e}"
    );
    assert!(e.to_string().contains("newer"));
    assert_untouched(&newer, &before);
    assert!(Store::open_readonly(&newer).is_err());
    // A location that cannot hold a file (its "directory" is a regular file).
    let e = Store::open(junk.join("x.db"))
        .err()
        .expect("unopenable path refused");
    assert!(matches!(e, StoreError::CannotOpen { .. }), "{e}");
}

#[test]
fn full_disk_keeps_what_was_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("full.db");
    let mut s = Store::open(&path).unwrap();
    s.ingest_article(
        &article("first", "AFP", "2016-03-06", "first text"),
        None,
        &[],
        &[],
    )
    .unwrap();
    let pages: u64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    s.set_page_limit(pages + 1).unwrap();
    let big = "many words of a long article ".repeat(20_000);
    let e = s
        .ingest_article(&article("big", "AFP", "2016-03-06", &big), None, &[], &[])
        .expect_err("full");
    assert!(matches!(e, StoreError::Full { .. }), "{e}");
    drop(s);
    let s = Store::open(&path).unwrap();
    s.integrity_check().unwrap();
    assert_eq!(s.stats().unwrap().articles, 1);
}
