//! Associated actors in every export: ACLED's `assoc_actor_1` / `assoc_actor_2` CSV columns (names
//! joined by "; "), the same flat GeoJSON properties, and the event JSON's arrays — read back.
//! An event JSON written before the fields existed still reads, with empty lists.

use sitrep_events::{Event, EventActor};

/// An event record as `sitrep extract` printed it before associated actors existed.
const OLD_JSON: &str = r#"{"record":"event","event_id":"d-e1","doc_id":"d",
 "acled_event_type":"Violence against civilians","acled_sub_event_type":"Attack",
 "cameo":"180","plover":"ASSAULT",
 "actor1":{"name":"Unidentified Armed Group (Syria)","actor_type":"Political militia","code":null,"text":"Gunmen","start":0,"end":6},
 "actor2":{"name":"Civilians (Syria)","actor_type":"Civilians","code":"SYRCVL","text":"Druze villagers","start":19,"end":34},
 "place":null,"date":null,"fatalities":4,"sources":[],"certainty":"reported","background":false,
 "evidence":{"start":0,"end":40,"text":"Gunmen killed four Druze villagers."}}"#;

fn actor(name: &str, text: &str, start: usize) -> EventActor {
    EventActor {
        name: name.into(),
        actor_type: "State forces".into(),
        code: None,
        text: text.into(),
        start,
        end: start + text.chars().count(),
    }
}

fn with_assoc() -> Event {
    let mut e: Event = serde_json::from_str(OLD_JSON).expect("old event JSON reads");
    e.assoc_actor1 = vec![
        actor("Military Forces of Russia", "Russian jets", 50),
        actor("Hezbollah", "Hezbollah fighters", 70),
    ];
    e.assoc_actor2 = vec![actor("Druze Religious Group (Syria)", "Druze", 19)];
    e
}

#[test]
fn old_event_json_reads_with_empty_lists_and_empty_cells() {
    let e: Event = serde_json::from_str(OLD_JSON).expect("old event JSON reads");
    assert!(e.assoc_actor1.is_empty() && e.assoc_actor2.is_empty());
    let r = sitrep_export::row(&e);
    assert_eq!(
        (r.assoc_actor_1.as_str(), r.assoc_actor_2.as_str()),
        ("", "")
    );
}

#[test]
fn csv_columns_read_back_joined_by_semicolons() {
    let mut buf = Vec::new();
    sitrep_export::write_csv(&[with_assoc()], &mut buf).expect("csv");
    let mut rd = csv::Reader::from_reader(buf.as_slice());
    let head = rd.headers().expect("header").clone();
    let col = |k: &str| head.iter().position(|h| h == k).expect(k);
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        &r[col("assoc_actor_1")],
        "Military Forces of Russia; Hezbollah"
    );
    assert_eq!(&r[col("assoc_actor_2")], "Druze Religious Group (Syria)");
    // ACLED's order: actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2.
    assert_eq!(col("assoc_actor_1"), col("actor1") + 1);
    assert_eq!(col("assoc_actor_2"), col("actor2") + 1);
    assert_eq!(&r[col("inter1")], "3");
    assert_eq!(&r[col("inter2")], "7");
}

#[test]
fn geojson_and_jsonl_carry_them() {
    let mut buf = Vec::new();
    sitrep_export::write_geojson(&[with_assoc()], &mut buf).expect("geojson");
    let v: serde_json::Value = serde_json::from_slice(&buf).expect("json");
    let p = &v["features"][0]["properties"];
    assert_eq!(p["assoc_actor_1"], "Military Forces of Russia; Hezbollah");
    assert_eq!(p["assoc_actor_2"], "Druze Religious Group (Syria)");

    let mut buf = Vec::new();
    sitrep_export::write_jsonl(&[with_assoc()], &mut buf).expect("jsonl");
    let back: Event = serde_json::from_slice(&buf).expect("event");
    assert_eq!(back, with_assoc());
    let raw: serde_json::Value = serde_json::from_slice(&buf).expect("json");
    assert_eq!(raw["assoc_actor1"][1]["text"], "Hezbollah fighters");
    assert_eq!(raw["assoc_actor2"][0]["start"], 19);
}
