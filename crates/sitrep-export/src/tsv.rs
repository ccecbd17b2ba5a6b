//! Flat tab-separated records (`sitrep extract --format tsv`): one line per event, control claim
//! or error record, always the same columns ([`TSV_COLUMNS`]) in the same order, no header, so
//! that a data engine (Spark's CSV reader, `split`) types them without a JSON parser.
//!
//! Encoding of one field:
//! - absent (null): nothing (an empty field), as Spark's and Hive's CSV readers read null;
//! - text: as is, except `\` → `\\`, tab → `\t`, line feed → `\n`, carriage return → `\r`,
//!   NUL → `\0`, and the empty text → `\e` (so a line holds exactly one record and an empty
//!   text never reads as null);
//! - integers and booleans (`true`/`false`) in decimal; coordinates in Rust's shortest
//!   round-trip notation (`\N` when not finite, as JSON writes null);
//! - `sources`: the JSON array of DESIGN.md's source objects (escaped like any text).
//!
//! Columns a record type lacks are `\N`: the control claim has no actor, `place_kind`,
//! `place_admin2`, `place_geo_precision`, `date_time_precision`, `date_start`, `date_end`,
//! `fatalities`, ...; the error record has only `record`, `doc_id`, `input` and `error`.
//! [`read_tsv_line`] reads a line back into its fields.

use crate::ExportError;
use sitrep_events::{ControlClaim, ControlKind, Event, Source};
use std::fmt::Write as _;
use std::io::Write;

/// The columns of every TSV line, in order: `record`, then DESIGN.md's event record flattened as
/// `<field>_<subfield>` (`date_first`/`date_last`: the date range), then the fields only control
/// claims have, then those only error records have.
pub const TSV_COLUMNS: [&str; 51] = [
    "record",
    "event_id",
    "doc_id",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo",
    "plover",
    "actor1_name",
    "actor1_actor_type",
    "actor1_code",
    "actor1_text",
    "actor1_start",
    "actor1_end",
    "actor2_name",
    "actor2_actor_type",
    "actor2_code",
    "actor2_text",
    "actor2_start",
    "actor2_end",
    "place_name",
    "place_geonameid",
    "place_kind",
    "place_country",
    "place_admin1",
    "place_admin2",
    "place_lat",
    "place_lon",
    "place_geo_precision",
    "place_start",
    "place_end",
    "date_value",
    "date_first",
    "date_last",
    "date_time_precision",
    "date_start",
    "date_end",
    "fatalities",
    "injured",
    "arrested",
    "sources",
    "certainty",
    "background",
    "evidence_start",
    "evidence_end",
    "evidence_text",
    "kind",
    "previous_holder",
    "new_holder",
    "holder",
    "input",
    "error",
];

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TsvError {
    #[error("TSV line has {0} fields, expected {1}")]
    Width(usize, usize),
    #[error("TSV field {0}: bad escape")]
    Escape(usize),
}

/// One line under construction: fields are appended in [`TSV_COLUMNS`] order.
struct Line {
    buf: String,
    n: usize,
}

impl Line {
    fn new() -> Line {
        Line {
            buf: String::with_capacity(1024),
            n: 0,
        }
    }

    fn sep(&mut self) {
        if self.n > 0 {
            self.buf.push('\t');
        }
        self.n += 1;
    }

    fn number(&mut self, v: impl std::fmt::Display) {
        self.sep();
        let _ = write!(self.buf, "{v}");
    }

    fn finish(mut self, w: &mut impl Write) -> Result<(), ExportError> {
        debug_assert_eq!(self.n, TSV_COLUMNS.len());
        self.buf.push('\n');
        w.write_all(self.buf.as_bytes())?;
        Ok(())
    }
}

impl Fields for Line {
    fn null(&mut self) {
        self.sep();
    }

    fn text(&mut self, s: &str) {
        self.sep();
        escape_into(&mut self.buf, s);
    }

    fn int(&mut self, v: usize) -> Result<(), ExportError> {
        self.number(v);
        Ok(())
    }

    fn long(&mut self, v: u32) {
        self.number(v);
    }

    fn float(&mut self, v: f64) {
        if v.is_finite() {
            self.number(v);
        } else {
            self.null();
        }
    }

    fn boolean(&mut self, v: bool) {
        self.text(if v { "true" } else { "false" });
    }

    fn date(&mut self, s: &str) {
        self.text(s);
    }

    fn sources(&mut self, s: &[Source]) -> Result<(), ExportError> {
        self.text(&serde_json::to_string(s)?);
        Ok(())
    }
}

/// Append `s` to `out` with the TSV escapes.
pub fn escape_into(out: &mut String, s: &str) {
    if s.is_empty() {
        out.push_str("\\e");
        return;
    }
    if !s.contains(['\\', '\t', '\n', '\r', '\0']) {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c => out.push(c),
        }
    }
}

/// Undo [`escape_into`]; `None` on a lone or unknown escape.
pub fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            '\\' => '\\',
            't' => '\t',
            'n' => '\n',
            'r' => '\r',
            '0' => '\0',
            'e' => continue,
            _ => return None,
        });
    }
    Some(out)
}

/// Split one line (without its line feed) into its [`TSV_COLUMNS`] fields, unescaped; `None`
/// for an empty field (null).
pub fn read_tsv_line(line: &str) -> Result<Vec<Option<String>>, TsvError> {
    let raw: Vec<&str> = line.split('\t').collect();
    if raw.len() != TSV_COLUMNS.len() {
        return Err(TsvError::Width(raw.len(), TSV_COLUMNS.len()));
    }
    raw.into_iter()
        .enumerate()
        .map(|(i, f)| {
            if f.is_empty() {
                Ok(None)
            } else {
                unescape(f).map(Some).ok_or(TsvError::Escape(i))
            }
        })
        .collect()
}

/// The typed values of one record, appended in [`TSV_COLUMNS`] order: what the TSV line and
/// Spark's binary row (`spark_rows`) each encode their own way. One order for every wire.
pub(crate) trait Fields {
    fn null(&mut self);
    fn text(&mut self, s: &str);
    /// A Spark INT column (char offsets, precisions).
    fn int(&mut self, v: usize) -> Result<(), ExportError>;
    /// A Spark BIGINT column (GeoNames ids, counts).
    fn long(&mut self, v: u32);
    /// A coordinate: null when not finite.
    fn float(&mut self, v: f64);
    fn boolean(&mut self, v: bool);
    /// A `YYYY-MM-DD` date (Spark DATE).
    fn date(&mut self, s: &str);
    fn sources(&mut self, s: &[Source]) -> Result<(), ExportError>;

    fn nulls(&mut self, k: usize) {
        for _ in 0..k {
            self.null();
        }
    }
    fn opt_text(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.text(s),
            None => self.null(),
        }
    }
    fn opt_long(&mut self, v: Option<u32>) {
        match v {
            Some(v) => self.long(v),
            None => self.null(),
        }
    }
}

/// An event's fields, in column order.
pub(crate) fn event_fields(l: &mut impl Fields, e: &Event) -> Result<(), ExportError> {
    l.text(&e.record);
    l.text(&e.event_id);
    l.text(&e.doc_id);
    l.opt_text(e.acled_event_type.as_deref());
    l.opt_text(e.acled_sub_event_type.as_deref());
    l.opt_text(e.cameo.as_deref());
    l.opt_text(e.plover.as_deref());
    for a in [&e.actor1, &e.actor2] {
        match a {
            Some(a) => {
                l.text(&a.name);
                l.text(&a.actor_type);
                l.opt_text(a.code.as_deref());
                l.text(&a.text);
                l.int(a.start)?;
                l.int(a.end)?;
            }
            None => l.nulls(6),
        }
    }
    match &e.place {
        Some(p) => {
            l.text(&p.name);
            l.opt_long(p.geonameid);
            l.text(&p.kind);
            l.text(&p.country);
            l.opt_text(p.admin1.as_deref());
            l.opt_text(p.admin2.as_deref());
            l.float(p.lat);
            l.float(p.lon);
            l.int(p.geo_precision.into())?;
            l.int(p.start)?;
            l.int(p.end)?;
        }
        None => l.nulls(11),
    }
    match &e.date {
        Some(d) => {
            l.text(&d.value);
            l.date(&d.range[0]);
            l.date(&d.range[1]);
            l.int(d.time_precision.into())?;
            l.int(d.start)?;
            l.int(d.end)?;
        }
        None => l.nulls(6),
    }
    l.opt_long(e.fatalities);
    l.opt_long(e.injured);
    l.opt_long(e.arrested);
    l.sources(&e.sources)?;
    l.text(e.certainty.as_str());
    l.boolean(e.background);
    l.int(e.evidence.start)?;
    l.int(e.evidence.end)?;
    l.text(&e.evidence.text);
    l.nulls(6);
    Ok(())
}

/// A control claim's fields, in column order.
pub(crate) fn control_fields(l: &mut impl Fields, c: &ControlClaim) -> Result<(), ExportError> {
    l.text(&c.record);
    l.null(); // event_id
    l.text(&c.doc_id);
    l.nulls(4 + 12); // ACLED/CAMEO/PLOVER types, two actors
    let p = &c.place;
    l.text(&p.name);
    l.opt_long(p.geonameid);
    l.null(); // place_kind
    l.opt_text(p.country.as_deref());
    l.opt_text(p.admin1.as_deref());
    l.null(); // place_admin2
    l.float(p.lat);
    l.float(p.lon);
    l.null(); // place_geo_precision
    l.int(p.start)?;
    l.int(p.end)?;
    l.text(&c.date.value);
    l.date(&c.date.range[0]);
    l.date(&c.date.range[1]);
    l.nulls(3 + 4); // date precision and span; fatalities, injured, arrested, sources
    l.text(c.certainty.as_str());
    l.null(); // background
    l.int(c.evidence.start)?;
    l.int(c.evidence.end)?;
    l.text(&c.evidence.text);
    l.text(match c.kind {
        ControlKind::Change => "change",
        ControlKind::Holds => "holds",
    });
    l.opt_text(c.previous_holder.as_deref());
    l.opt_text(c.new_holder.as_deref());
    l.opt_text(c.holder.as_deref());
    l.nulls(2);
    Ok(())
}

/// An error record's fields (an article that could not be read or analysed), in column order.
pub(crate) fn error_fields(l: &mut impl Fields, doc_id: &str, input: &str, error: &str) {
    l.text("error");
    l.null();
    l.text(doc_id);
    l.nulls(46);
    l.text(input);
    l.text(error);
}

/// One event record as one TSV line.
pub fn write_tsv_event(mut w: impl Write, e: &Event) -> Result<(), ExportError> {
    let mut l = Line::new();
    event_fields(&mut l, e)?;
    l.finish(&mut w)
}

/// One control claim as one TSV line.
pub fn write_tsv_control(mut w: impl Write, c: &ControlClaim) -> Result<(), ExportError> {
    let mut l = Line::new();
    control_fields(&mut l, c)?;
    l.finish(&mut w)
}

/// One error record (an article that could not be read or analysed) as one TSV line.
pub fn write_tsv_error(
    mut w: impl Write,
    doc_id: &str,
    input: &str,
    error: &str,
) -> Result<(), ExportError> {
    let mut l = Line::new();
    error_fields(&mut l, doc_id, input, error);
    l.finish(&mut w)
}
