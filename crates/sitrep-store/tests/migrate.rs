//! A database of schema 1 (every JSON blob raw deflate), 2 (LZ4 JSON) or 3 (compact blobs, an
//! R*Tree of events) opened by this build: refused read-only until migrated (schema 1) or read as
//! it is, then migrated in place with every stored record and query reading back unchanged, and
//! new (compact) records living beside the old ones.

mod common;

use common::*;
use sitrep_events::{Certainty, ControlKind};
use sitrep_store::{EventFilter, Store, SCHEMA_VERSION};

/// Everything a reader sees, as JSON text.
fn snapshot(s: &Store) -> String {
    let events = s.query_events(&EventFilter::default()).unwrap();
    // Dates and a box together (the R*Tree of schema 3 and before, the day index after).
    let near = EventFilter {
        from: chrono::NaiveDate::from_ymd_opt(2016, 3, 4),
        to: chrono::NaiveDate::from_ymd_opt(2016, 3, 5),
        bbox: Some([37.0, 36.0, 37.2, 36.3]),
        ..Default::default()
    };
    let boxed = s.query_events(&near).unwrap();
    let boxed_only = s
        .query_events(&EventFilter {
            bbox: near.bbox,
            ..Default::default()
        })
        .unwrap();
    assert!(!boxed.events.is_empty() && boxed_only.events.len() >= boxed.events.len());
    let incidents = s.incidents(&EventFilter::default()).unwrap();
    let timeline = s.control_timeline("Aleppo").unwrap();
    let ann = s.get_annotation(events.events[0].article_id).unwrap();
    serde_json::to_string(&(
        &events.events,
        &boxed.events,
        &boxed_only.events,
        &incidents,
        serde_json::to_value(&timeline).unwrap(),
        ann,
    ))
    .unwrap()
}

/// Give the file the R*Tree and day index of schemas 1 to 3, rewrite every blob as schema
/// `version` stored it (1: raw deflate JSON; 2: LZ4 JSON; 3: as they are) and mark the file so.
/// Compact blobs are rewritten from the records as read back (`events`: database id and
/// record; `annotations`: article id and annotation without its text).
fn downgrade(
    path: &std::path::Path,
    version: i64,
    events: &[(i64, sitrep_events::Event)],
    annotations: &[(i64, serde_json::Value)],
) {
    let c = rusqlite::Connection::open(path).unwrap();
    c.execute_batch(
        "DROP INDEX events_day;
         CREATE INDEX events_day ON events(day_first);
         CREATE VIRTUAL TABLE events_rtree USING rtree(id, day0, day1, lat0, lat1, lon0, lon1);
         INSERT INTO events_rtree
           SELECT id, CASE WHEN day_first < 0 THEN 0 ELSE day_first END,
                  CASE WHEN day_first < 0 THEN 4000000 ELSE day_last END, lat, lat, lon, lon
           FROM events WHERE lat IS NOT NULL;",
    )
    .unwrap();
    let old_form = |json: &[u8]| -> Vec<u8> {
        if version == 1 {
            miniz_oxide::deflate::compress_to_vec(json, 6)
        } else {
            let mut b = vec![0x07];
            b.extend_from_slice(&(json.len() as u32).to_le_bytes());
            b.extend_from_slice(&lz4_flex::block::compress(json));
            b
        }
    };
    let tables: &[&str] = if version < 3 {
        &[
            "events",
            "annotations",
            "control_claims",
            "control_intervals",
        ]
    } else {
        &[]
    };
    for &table in tables {
        let key = if table == "annotations" {
            "article_id"
        } else {
            "id"
        };
        let rows: Vec<(i64, Vec<u8>)> = c
            .prepare(&format!("SELECT {key}, json FROM {table}"))
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(!rows.is_empty(), "{table} is empty");
        for (id, blob) in rows {
            let json = if blob[0] == 0x0E {
                assert_eq!(table, "events", "{table} blob is a compact event");
                let e = &events
                    .iter()
                    .find(|(i, _)| *i == id)
                    .expect("event read back")
                    .1;
                serde_json::to_vec(e).unwrap()
            } else if blob[0] == 0x16 {
                assert_eq!(table, "annotations", "{table} blob is a compact annotation");
                let a = &annotations
                    .iter()
                    .find(|(i, _)| *i == id)
                    .expect("read back")
                    .1;
                serde_json::to_vec(a).unwrap()
            } else {
                assert_eq!(blob[0], 0x07, "{table} blob is not LZ4");
                let n = u32::from_le_bytes([blob[1], blob[2], blob[3], blob[4]]) as usize;
                lz4_flex::block::decompress(&blob[5..], n).unwrap()
            };
            c.execute(
                &format!("UPDATE {table} SET json = ?1 WHERE {key} = ?2"),
                rusqlite::params![old_form(&json), id],
            )
            .unwrap();
        }
    }
    c.execute_batch(&format!(
        "{} {} PRAGMA user_version = {version}; PRAGMA wal_checkpoint(TRUNCATE);",
        if version < 3 {
            "DELETE FROM meta WHERE key = 'blob_compact_events';"
        } else {
            ""
        },
        if version == 1 {
            "DELETE FROM meta WHERE key = 'blob_codec_lz4';"
        } else {
            ""
        }
    ))
    .unwrap();
}

#[test]
fn schema_1_database_is_migrated_and_reads_the_same() {
    older_database_is_migrated_and_reads_the_same(1);
}

#[test]
fn schema_2_database_is_migrated_and_reads_the_same() {
    older_database_is_migrated_and_reads_the_same(2);
}

#[test]
fn schema_3_database_is_migrated_and_reads_the_same() {
    older_database_is_migrated_and_reads_the_same(3);
}

fn older_database_is_migrated_and_reads_the_same(old_version: i64) {
    assert_eq!(SCHEMA_VERSION, 4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let mut s = Store::open(&path).unwrap();
    let text = "claim about Aleppo: strikes hit Aleppo and Haritan.";
    let events = vec![
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
            NEAR_ALEPPO,
            ["2016-03-05", "2016-03-06"],
            Certainty::Hedged,
        ),
    ];
    let control = vec![claim(
        "a1",
        ALEPPO,
        ControlKind::Holds,
        None,
        None,
        Some("Islamic State"),
        ["2016-03-01", "2016-03-01"],
        Certainty::Reported,
    )];
    let ann = serde_json::json!({"id": "a1", "text": text, "places": [{"start": 0, "end": 5}]});
    s.ingest_article(
        &article("a1", "AFP", "2016-03-06", text),
        Some(&ann),
        &events,
        &control,
    )
    .unwrap();
    let before = snapshot(&s);
    let stored: Vec<_> = s
        .query_events(&EventFilter::default())
        .unwrap()
        .events
        .into_iter()
        .map(|e| (e.id, e.event))
        .collect();
    let annotations: Vec<_> = stored
        .iter()
        .map(|(id, _)| s.get_event(*id).unwrap().unwrap().article_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|a| {
            let mut v = s.get_annotation(a).unwrap()?;
            v.as_object_mut()?.remove("text");
            Some((a, v))
        })
        .collect();
    drop(s);
    downgrade(&path, old_version, &stored, &annotations);

    // The server's read-only open refuses schema 1 and reads schemas 2 and 3 as they are; either
    // way the file is left as it was.
    let bytes = std::fs::read(&path).unwrap();
    if old_version == 1 {
        let e = Store::open_readonly(&path).err().expect("schema 1 refused");
        assert!(e.to_string().contains("sitrep ingest"), "{e}");
    } else {
        let r = Store::open_readonly(&path).expect("schema 2 or 3 read as it is");
        assert_eq!(snapshot(&r), before);
    }
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // The read-write open migrates; the old blobs read back as before.
    let mut s = Store::open(&path).unwrap();
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(snapshot(&s), before);
    // Schema 4: no R*Tree; the day index carries the coordinates.
    let c = rusqlite::Connection::open(&path).unwrap();
    let names = |sql: &str| -> Vec<String> {
        c.prepare(sql)
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let objects = names("SELECT name FROM sqlite_master WHERE name LIKE 'events_rtree%'");
    assert!(objects.is_empty(), "{objects:?}");
    let day_index = names("SELECT name FROM pragma_index_info('events_day') ORDER BY seqno");
    assert_eq!(day_index, ["day_first", "lat", "lon"]);
    // Derived rows of schema-2 builds are recomputed by the next write: everything is pending.
    let pending = if old_version < 3 { (2, 1) } else { (0, 0) };
    assert_eq!(s.pending_derived().unwrap(), pending);

    // A new article (compact event blobs) merges with the old events; a rebuild gives the same incidents.
    let more = vec![event(
        "b1",
        0,
        "Air/drone strike",
        "Explosions/Remote violence",
        Some("Military Forces of Syria"),
        ALEPPO,
        ["2016-03-05", "2016-03-05"],
        Certainty::Reported,
    )];
    s.ingest_article(
        &article("b1", "Reuters", "2016-03-06", "another report"),
        None,
        &more,
        &[],
    )
    .unwrap();
    assert_eq!(s.pending_derived().unwrap(), (0, 0));
    let incidents = s.incidents(&EventFilter::default()).unwrap();
    assert!(incidents.iter().any(|i| i.n_articles == 2), "{incidents:?}");
    let after = serde_json::to_string(&incidents).unwrap();
    s.rebuild_incidents().unwrap();
    let rebuilt = s.incidents(&EventFilter::default()).unwrap();
    let strip = |v: &[sitrep_store::Incident]| {
        v.iter()
            .map(|i| (i.key.clone(), i.n_events, i.event_ids.clone()))
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(strip(&rebuilt), strip(&incidents), "{after}");
    s.integrity_check().unwrap();
}
