//! Writes events as CSV, GeoJSON and JSON Lines, reads them back with a CSV reader and serde_json,
//! and checks ACLED's columns and GeoJSON's shape.

use sitrep_events::*;

fn rutba() -> Event {
    Event {
        record: "event".into(),
        event_id: "seed-1".into(),
        doc_id: "seed".into(),
        acled_event_type: Some("Strategic developments".into()),
        acled_sub_event_type: Some("Non-violent transfer of territory".into()),
        cameo: Some("0874".into()),
        plover: Some("RETREAT".into()),
        actor1: Some(EventActor {
            name: "Islamic State".into(),
            actor_type: "Rebel group".into(),
            code: Some("IMGMUSISI".into()),
            text: "The Islamic State group".into(),
            start: 0,
            end: 23,
        }),
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(EventPlace {
            name: "Ar Rutbah".into(),
            geonameid: Some(98677),
            kind: "city".into(),
            country: "IQ".into(),
            admin1: Some("Anbar".into()),
            admin2: None,
            lat: 33.03718,
            lon: 40.28586,
            geo_precision: 1,
            start: 10,
            end: 15,
        }),
        date: Some(EventDate {
            value: "2016-03-06".into(),
            range: ["2016-03-06".into(), "2016-03-06".into()],
            time_precision: 1,
            start: 0,
            end: 9,
        }),
        fatalities: None,
        injured: None,
        arrested: None,
        sources: vec![Source {
            name: "a major general".into(),
            role: Some("army general".into()),
            anonymous: true,
            start: 1,
            end: 2,
        }],
        certainty: Certainty::Hedged,
        background: false,
        evidence: Evidence {
            start: 0,
            end: 30,
            text: "pulled its fighters out of Rutba, \"quoted\"".into(),
        },
    }
}

fn clash_without_place() -> Event {
    let mut e = rutba();
    e.event_id = "seed-2".into();
    e.acled_event_type = Some("Battles".into());
    e.acled_sub_event_type = Some("Armed clash".into());
    e.actor1 = Some(EventActor {
        name: "Military Forces of Iraq".into(),
        actor_type: "State forces".into(),
        code: Some("IRQMIL".into()),
        text: "Iraqi forces".into(),
        start: 0,
        end: 12,
    });
    e.actor2 = rutba().actor1;
    e.place = None;
    e.fatalities = Some(7);
    e.date = Some(EventDate {
        value: "2016-02".into(),
        range: ["2016-02-01".into(), "2016-02-29".into()],
        time_precision: 3,
        start: 0,
        end: 1,
    });
    e
}

#[test]
fn csv_reads_back_with_acled_columns() {
    let mut buf = Vec::new();
    sitrep_export::write_csv(&[rutba(), clash_without_place()], &mut buf).unwrap();
    let mut rd = csv::Reader::from_reader(buf.as_slice());
    let headers: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        sitrep_export::COLUMNS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(&headers[..29].last().unwrap()[..], "fatalities");
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    let get = |r: &csv::StringRecord, k: &str| {
        r.get(headers.iter().position(|h| h == k).unwrap())
            .unwrap()
            .to_string()
    };
    let r = &rows[0];
    assert_eq!(get(r, "event_id_cnty"), "IRQ-seed-1");
    assert_eq!(get(r, "event_date"), "2016-03-06");
    assert_eq!(get(r, "year"), "2016");
    assert_eq!(get(r, "time_precision"), "1");
    assert_eq!(get(r, "disorder_type"), "Strategic developments");
    assert_eq!(get(r, "inter1"), "2");
    assert_eq!(get(r, "interaction"), "20");
    assert_eq!(get(r, "iso"), "368");
    assert_eq!(get(r, "region"), "Middle East");
    assert_eq!(get(r, "country"), "Iraq");
    assert_eq!(get(r, "admin1"), "Anbar");
    assert_eq!(get(r, "location"), "Ar Rutbah");
    assert_eq!(get(r, "latitude"), "33.0372");
    assert_eq!(get(r, "geo_precision"), "1");
    assert_eq!(get(r, "fatalities"), "0");
    assert_eq!(get(r, "certainty"), "hedged");
    assert_eq!(
        get(r, "evidence"),
        "pulled its fighters out of Rutba, \"quoted\""
    );
    assert!(
        get(r, "notes")
            .starts_with("On 6 March 2016, Islamic State withdrew from Ar Rutbah (Anbar)."),
        "{}",
        get(r, "notes")
    );
    let r = &rows[1];
    assert_eq!(get(r, "event_date"), "2016-02-15");
    assert_eq!(get(r, "time_precision"), "3");
    assert_eq!(get(r, "disorder_type"), "Political violence");
    assert_eq!(get(r, "interaction"), "12");
    assert_eq!(get(r, "fatalities"), "7");
    assert_eq!(get(r, "latitude"), "");
    assert!(get(r, "notes")
        .starts_with("In February 2016, Military Forces of Iraq clashed with Islamic State"));
}

#[test]
fn geojson_reads_back_as_feature_collection() {
    let mut buf = Vec::new();
    sitrep_export::write_geojson(&[rutba(), clash_without_place()], &mut buf).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let f = v["features"].as_array().unwrap();
    assert_eq!(f.len(), 2);
    assert_eq!(f[0]["type"], "Feature");
    assert_eq!(f[0]["geometry"]["type"], "Point");
    let c = f[0]["geometry"]["coordinates"].as_array().unwrap();
    assert!(
        (c[0].as_f64().unwrap() - 40.28586).abs() < 1e-9,
        "longitude first"
    );
    assert!((c[1].as_f64().unwrap() - 33.03718).abs() < 1e-9);
    let p = &f[0]["properties"];
    assert_eq!(p["event_date"], "2016-03-06");
    assert_eq!(p["date_start"], "2016-03-06");
    assert_eq!(p["iso"], 368);
    assert_eq!(p["fatalities"], 0);
    assert!(p["fatalities_reported"].is_null());
    assert!(
        p.as_object()
            .unwrap()
            .values()
            .all(|x| !x.is_object() && !x.is_array()),
        "flat properties"
    );
    assert!(f[1]["geometry"].is_null());
    assert_eq!(f[1]["properties"]["fatalities"], 7);
}

#[test]
fn jsonl_reads_back_as_events() {
    let evs = vec![rutba(), clash_without_place()];
    let mut buf = Vec::new();
    sitrep_export::write_jsonl(&evs, &mut buf).unwrap();
    let back: Vec<Event> = String::from_utf8(buf)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, evs);
}

#[test]
fn empty_inputs_still_write_valid_files() {
    let mut buf = Vec::new();
    sitrep_export::write_csv(&[], &mut buf).unwrap();
    assert!(String::from_utf8(buf)
        .unwrap()
        .starts_with("event_id_cnty,event_date,year"));
    let mut buf = Vec::new();
    sitrep_export::write_geojson(&[], &mut buf).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
    assert_eq!(v["features"].as_array().unwrap().len(), 0);
}
