//! Round trip of the flat TSV records (`sitrep extract --format tsv`): events, control claims and
//! error records with tabs, line breaks, backslashes, NUL, empty texts and non-ASCII text are
//! written as one line of TSV_COLUMNS' width and read back, field for field, to the values of the
//! same record's JSON (flattened here independently of the writer).

use serde_json::Value;
use sitrep_events::*;
use sitrep_export::{
    read_tsv_line, write_tsv_control, write_tsv_error, write_tsv_event, TsvError, TSV_COLUMNS,
};

const TRICKY: &str = "tab\there, line\nbreak, CR\r, back\\slash \\N \\t \\e \\\\, NUL\0, \
                      «Ракка» الرقة 🚀, sep\u{2028}para\u{2029} next\u{85}.";

fn event() -> Event {
    Event {
        record: "event".into(),
        event_id: "d\t1-e1".into(),
        doc_id: "d\t1".into(),
        acled_event_type: Some("Battles".into()),
        acled_sub_event_type: None,
        cameo: Some("190".into()),
        plover: Some(String::new()),
        actor1: Some(EventActor {
            name: "Islamic State".into(),
            actor_type: "Rebel group".into(),
            code: None,
            text: "IS\\ fighters".into(),
            start: 3,
            end: 14,
        }),
        actor2: None,
        assoc_actor1: Vec::new(),
        assoc_actor2: Vec::new(),
        place: Some(EventPlace {
            name: "Ar Raqqah\n".into(),
            geonameid: Some(172955),
            kind: "city".into(),
            country: String::new(),
            admin1: Some("Raqqa".into()),
            admin2: None,
            lat: 35.95283126831055,
            lon: -0.000001,
            geo_precision: 1,
            start: 20,
            end: 29,
        }),
        date: Some(EventDate {
            value: "2015-07".into(),
            range: ["2015-07-01".into(), "2015-07-31".into()],
            time_precision: 3,
            start: 0,
            end: 0,
        }),
        fatalities: Some(22),
        injured: None,
        arrested: Some(0),
        sources: vec![Source {
            name: "a \"monitor\"\tsaid".into(),
            role: None,
            anonymous: true,
            start: 5,
            end: 9,
        }],
        certainty: Certainty::Reported,
        background: true,
        evidence: Evidence {
            start: 0,
            end: 120,
            text: TRICKY.into(),
        },
    }
}

fn claim() -> ControlClaim {
    ControlClaim {
        record: "control".into(),
        doc_id: "d2".into(),
        kind: ControlKind::Change,
        place: ControlPlace {
            name: "Rutba".into(),
            geonameid: None,
            lat: f64::NAN,
            lon: 40.28586,
            country: Some("IQ".into()),
            admin1: None,
            start: 1,
            end: 6,
        },
        previous_holder: Some("Islamic State".into()),
        new_holder: None,
        holder: None,
        date: ControlDate {
            value: "2016-03-06".into(),
            range: ["2016-03-06".into(), "2016-03-06".into()],
        },
        certainty: Certainty::Claimed,
        evidence: Evidence {
            start: 0,
            end: 10,
            text: TRICKY.into(),
        },
    }
}

/// The record's JSON, flattened to TSV_COLUMNS as text (numbers as JSON prints them, sources as
/// their JSON array), independently of the TSV writer.
fn flatten(v: &Value) -> Vec<Option<String>> {
    TSV_COLUMNS
        .iter()
        .map(|col| {
            let field = match *col {
                "date_first" => v.pointer("/date/range/0"),
                "date_last" => v.pointer("/date/range/1"),
                "sources" => v.get("sources"),
                c => {
                    let top = ["actor1", "actor2", "place", "date", "evidence"]
                        .iter()
                        .find(|p| c.starts_with(&format!("{p}_")));
                    match top {
                        Some(p) => v.get(*p).and_then(|o| o.get(&c[p.len() + 1..])),
                        None => v.get(c),
                    }
                }
            };
            match field {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => Some(other.to_string()),
            }
        })
        .collect()
}

/// Numbers compared by value (JSON and TSV may spell a float differently).
fn same(got: &[Option<String>], want: &[Option<String>]) {
    assert_eq!(got.len(), want.len());
    for ((col, g), w) in TSV_COLUMNS.iter().zip(got).zip(want) {
        let equal = match (g, w) {
            (Some(g), Some(w)) if col.ends_with("_lat") || col.ends_with("_lon") => {
                g.parse::<f64>().ok() == w.parse::<f64>().ok()
            }
            (Some(g), Some(w)) if *col == "sources" => {
                serde_json::from_str::<Value>(g).ok() == serde_json::from_str::<Value>(w).ok()
            }
            _ => g == w,
        };
        assert!(equal, "column {col}: TSV {g:?}, JSON {w:?}");
    }
}

fn one_line(bytes: &[u8]) -> &str {
    let s = std::str::from_utf8(bytes).expect("UTF-8");
    let line = s.strip_suffix('\n').expect("ends with a line feed");
    assert!(
        !line.contains(['\n', '\r', '\0']),
        "a record spans one line: {line:?}"
    );
    assert_eq!(line.split('\t').count(), TSV_COLUMNS.len());
    line
}

#[test]
fn event_round_trips() {
    let e = event();
    let mut buf = Vec::new();
    write_tsv_event(&mut buf, &e).expect("write");
    let fields = read_tsv_line(one_line(&buf)).expect("read");
    let json = serde_json::to_value(&e).expect("json");
    same(&fields, &flatten(&json));
    assert_eq!(fields[44].as_deref(), Some(TRICKY), "evidence_text");
    assert_eq!(fields[6].as_deref(), Some(""), "empty text stays empty");
    assert_eq!(fields[4], None, "null stays null");
}

#[test]
fn control_claim_round_trips() {
    let c = claim();
    let mut buf = Vec::new();
    write_tsv_control(&mut buf, &c).expect("write");
    let fields = read_tsv_line(one_line(&buf)).expect("read");
    let json = serde_json::to_value(&c).expect("json");
    same(&fields, &flatten(&json));
    assert_eq!(fields[25], None, "NaN latitude is null, as in JSON");
    assert_eq!(fields[45].as_deref(), Some("change"));
}

#[test]
fn error_record_round_trips() {
    let mut buf = Vec::new();
    write_tsv_error(&mut buf, "", "stdin:7", "bad field:\tx\ny").expect("write");
    let fields = read_tsv_line(one_line(&buf)).expect("read");
    assert_eq!(fields[0].as_deref(), Some("error"));
    assert_eq!(fields[2].as_deref(), Some(""));
    assert_eq!(fields[49].as_deref(), Some("stdin:7"));
    assert_eq!(fields[50].as_deref(), Some("bad field:\tx\ny"));
    assert_eq!(fields.iter().filter(|f| f.is_none()).count(), 47);
}

#[test]
fn bad_lines_are_refused() {
    assert_eq!(read_tsv_line("event\tx"), Err(TsvError::Width(2, 51)));
    let mut line = vec![""; TSV_COLUMNS.len()];
    line[1] = "a\\qb";
    assert_eq!(read_tsv_line(&line.join("\t")), Err(TsvError::Escape(1)));
    line[1] = "trailing\\";
    assert_eq!(read_tsv_line(&line.join("\t")), Err(TsvError::Escape(1)));
}
