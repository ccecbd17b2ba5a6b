//! sitrep-export: writes event records in the formats analysts open directly — CSV with ACLED's
//! columns (plus cameo, plover, certainty, evidence), a GeoJSON FeatureCollection (WGS84,
//! [lon, lat], ISO 8601 dates, flat properties) for QGIS and kepler.gl, and JSON Lines. Knows
//! nothing about how events are found; reads only `sitrep_events` records and the country table.

pub mod acled;
pub mod spark_rows;
pub mod tsv;

use serde_json::{json, Map, Value};
use sitrep_events::{ControlClaim, Event};
use std::io::Write;

pub use acled::{row, AcledRow, COLUMNS};
pub use spark_rows::{write_row_control, write_row_error, write_row_event, write_rows_header};
pub use tsv::{
    read_tsv_line, write_tsv_control, write_tsv_error, write_tsv_event, TsvError, TSV_COLUMNS,
};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
}

/// CSV with ACLED's column names (country by name, fatalities 0 when none reported), one row per
/// event, header first (also when there are no events).
pub fn write_csv(events: &[Event], w: impl Write) -> Result<(), ExportError> {
    let mut out = csv::WriterBuilder::new().has_headers(false).from_writer(w);
    out.write_record(COLUMNS)?;
    for e in events {
        out.serialize(row(e))?;
    }
    out.flush()?;
    Ok(())
}

/// One GeoJSON Feature: Point geometry `[lon, lat]` (null without a place) and flat properties —
/// every CSV column plus the ISO dates of the range, doc id, background flag and evidence offsets.
pub fn feature(e: &Event) -> Value {
    let r = row(e);
    let mut props = match serde_json::to_value(&r) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    props.insert("event_id".into(), json!(e.event_id));
    props.insert("doc_id".into(), json!(e.doc_id));
    props.insert(
        "date_start".into(),
        json!(e.date.as_ref().map(|d| d.range[0].clone())),
    );
    props.insert(
        "date_end".into(),
        json!(e.date.as_ref().map(|d| d.range[1].clone())),
    );
    props.insert(
        "date_value".into(),
        json!(e.date.as_ref().map(|d| d.value.clone())),
    );
    props.insert(
        "geonameid".into(),
        json!(e.place.as_ref().and_then(|p| p.geonameid)),
    );
    props.insert("background".into(), json!(e.background));
    props.insert("injured".into(), json!(e.injured));
    props.insert("arrested".into(), json!(e.arrested));
    props.insert("fatalities_reported".into(), json!(e.fatalities));
    props.insert("evidence_start".into(), json!(e.evidence.start));
    props.insert("evidence_end".into(), json!(e.evidence.end));
    // Numbers as numbers where the CSV writes text.
    for (k, v) in [
        ("latitude", e.place.as_ref().map(|p| p.lat)),
        ("longitude", e.place.as_ref().map(|p| p.lon)),
    ] {
        props.insert(k.into(), json!(v));
    }
    for k in [
        "year",
        "time_precision",
        "inter1",
        "inter2",
        "interaction",
        "iso",
        "geo_precision",
    ] {
        let n = props
            .get(k)
            .and_then(|v| v.as_str())
            .and_then(|s| s.parse::<i64>().ok());
        props.insert(k.into(), json!(n));
    }
    let geometry = match &e.place {
        Some(p) if p.lat.is_finite() && p.lon.is_finite() => {
            json!({"type": "Point", "coordinates": [p.lon, p.lat]})
        }
        _ => Value::Null,
    };
    json!({"type": "Feature", "id": e.event_id, "geometry": geometry, "properties": props})
}

/// A GeoJSON FeatureCollection (RFC 7946: WGS84 longitude/latitude) of the events.
pub fn write_geojson(events: &[Event], mut w: impl Write) -> Result<(), ExportError> {
    let fc = json!({
        "type": "FeatureCollection",
        "features": events.iter().map(feature).collect::<Vec<_>>(),
    });
    serde_json::to_writer(&mut w, &fc)?;
    w.write_all(b"\n")?;
    w.flush()?;
    Ok(())
}

/// JSON Lines: one event record per line, as `sitrep extract` prints them.
pub fn write_jsonl(events: &[Event], mut w: impl Write) -> Result<(), ExportError> {
    for e in events {
        write_json_line(&mut w, e)?;
    }
    w.flush()?;
    Ok(())
}

/// Write one JSON value as one line, safe for every line splitter: besides `\n`, Python's
/// `splitlines()` and some JavaScript tools break lines at U+0085, U+2028 and U+2029, which JSON
/// allows raw inside strings; they are written as `\u` escapes (the same JSON value).
pub fn write_json_line(
    mut w: impl Write,
    value: &impl serde::Serialize,
) -> Result<(), ExportError> {
    let s = serde_json::to_string(value)?;
    if s.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        let s = s
            .replace('\u{85}', "\\u0085")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        w.write_all(s.as_bytes())?;
    } else {
        w.write_all(s.as_bytes())?;
    }
    w.write_all(b"\n")?;
    Ok(())
}

/// JSON Lines of control claims (`"record": "control"`).
pub fn write_control_jsonl(claims: &[ControlClaim], mut w: impl Write) -> Result<(), ExportError> {
    for c in claims {
        write_json_line(&mut w, c)?;
    }
    w.flush()?;
    Ok(())
}
