//! A database of schema 1 (every JSON blob raw deflate) opened by this build: refused read-only
//! until migrated, then migrated in place with every stored record reading back unchanged, and
//! new (LZ4) records living beside the old ones.

mod common;

use common::*;
use sitrep_events::{Certainty, ControlKind};
use sitrep_store::{EventFilter, Store, SCHEMA_VERSION};

/// Everything a reader sees, as JSON text.
fn snapshot(s: &Store) -> String {
    let events = s.query_events(&EventFilter::default()).unwrap();
    let incidents = s.incidents(&EventFilter::default()).unwrap();
    let timeline = s.control_timeline("Aleppo").unwrap();
    let ann = s.get_annotation(events.events[0].article_id).unwrap();
    serde_json::to_string(&(
        &events.events,
        &incidents,
        serde_json::to_value(&timeline).unwrap(),
        ann,
    ))
    .unwrap()
}

/// Rewrite every blob as schema 1 stored it (raw deflate) and mark the file as schema 1.
fn downgrade(path: &std::path::Path) {
    let c = rusqlite::Connection::open(path).unwrap();
    for table in [
        "events",
        "annotations",
        "control_claims",
        "control_intervals",
    ] {
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
            assert_eq!(blob[0], 0x07, "{table} blob is not LZ4");
            let n = u32::from_le_bytes([blob[1], blob[2], blob[3], blob[4]]) as usize;
            let json = lz4_flex::block::decompress(&blob[5..], n).unwrap();
            let old = miniz_oxide::deflate::compress_to_vec(&json, 6);
            c.execute(
                &format!("UPDATE {table} SET json = ?1 WHERE {key} = ?2"),
                rusqlite::params![old, id],
            )
            .unwrap();
        }
    }
    c.execute_batch(
        "DELETE FROM meta WHERE key = 'blob_codec_lz4'; PRAGMA user_version = 1;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .unwrap();
}

#[test]
fn schema_1_database_is_migrated_and_reads_the_same() {
    assert_eq!(SCHEMA_VERSION, 2);
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
    drop(s);
    downgrade(&path);

    // The server's read-only open refuses the old schema and leaves the file as it was.
    let bytes = std::fs::read(&path).unwrap();
    let e = Store::open_readonly(&path).err().expect("schema 1 refused");
    assert!(e.to_string().contains("sitrep ingest"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);

    // The read-write open migrates; the deflate blobs read back as before.
    let mut s = Store::open(&path).unwrap();
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(snapshot(&s), before);

    // A new article (LZ4 blobs) merges with the old events; a rebuild gives the same incidents.
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
