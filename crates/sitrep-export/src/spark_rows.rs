//! Spark SQL's binary rows (`sitrep extract --format spark-rows`): every record as the row Spark
//! itself would build for the Spark job's schema (docs/scale.md, "The row reader"), so that the
//! job's row reader hands it to Spark after checking its bounds, with nothing to parse.
//!
//! The schema is [`TSV_COLUMNS`] (the same values as the TSV line, typed: text as STRING, char
//! offsets and precisions as INT, GeoNames ids and counts as BIGINT, coordinates as DOUBLE,
//! `background` as BOOLEAN, `date_first`/`date_last` as DATE, `sources` as
//! `ARRAY<STRUCT<name, role, anonymous, start, end>>`), then `month`: `yyyy-MM` of `date_first`,
//! or `undated`. A row is Spark's `UnsafeRow`, little-endian:
//! - a null bit set (one 64-bit word for the 52 fields; bit i set: field i is null);
//! - one 8-byte slot per field: an INT or DATE (days since 1970-01-01) in its first 4 bytes, a
//!   BOOLEAN in its first byte, a BIGINT or DOUBLE in all 8, zeros when null; for text and the
//!   array, the offset of its bytes from the row's start (high 32 bits) and their length (low 32);
//! - the text and array bytes, each padded with zeros to a multiple of 8.
//!
//! The array is Spark's `UnsafeArrayData`: the element count (8 bytes), a null bit set of
//! ⌈n/64⌉ words, n slots of offset (from the array's start) and length, then each element, an
//! `UnsafeRow` of the five source fields. Each record goes to the output as its length (4 bytes,
//! little-endian) and its row. Dates that are not `YYYY-MM-DD` calendar dates are null (the TSV
//! row reader reads them so too).
//!
//! The output starts with a header, the length -2 and a text line: `spark-rows 1 ` and the schema
//! as Spark's `catalogString` writes it ([`schema`]): the job's reader refuses rows of another
//! schema (a binary and a job of different versions).

use crate::tsv::{control_fields, error_fields, event_fields, Fields, TSV_COLUMNS};
use crate::ExportError;
use chrono::{Datelike, NaiveDate};
use sitrep_events::{ControlClaim, Event, Source};
use std::io::Write;

/// Fields of a row: the TSV columns and `month`.
pub const ROW_FIELDS: usize = TSV_COLUMNS.len() + 1;
/// The month of records without a date.
pub const UNDATED: &str = "undated";
const DATE_FIRST: usize = 31;
const SOURCE_FIELDS: usize = 5;

/// Spark's type of a column, as `catalogString` writes it.
fn column_type(name: &str) -> &'static str {
    match name {
        "actor1_start"
        | "actor1_end"
        | "actor2_start"
        | "actor2_end"
        | "place_geo_precision"
        | "place_start"
        | "place_end"
        | "date_time_precision"
        | "date_start"
        | "date_end"
        | "evidence_start"
        | "evidence_end" => "int",
        "place_geonameid" | "fatalities" | "injured" | "arrested" => "bigint",
        "place_lat" | "place_lon" => "double",
        "background" => "boolean",
        "date_first" | "date_last" => "date",
        "sources" => "array<struct<name:string,role:string,anonymous:boolean,start:int,end:int>>",
        _ => "string",
    }
}

/// The rows' schema as Spark's `StructType.catalogString` writes it.
pub fn schema() -> String {
    let fields: Vec<String> = TSV_COLUMNS
        .iter()
        .chain(std::iter::once(&"month"))
        .map(|c| format!("{c}:{}", column_type(c)))
        .collect();
    format!("struct<{}>", fields.join(","))
}

/// The header every output starts with: the length -2, then `spark-rows 1 <schema>` and a line
/// feed.
pub fn write_rows_header(mut w: impl Write) -> Result<(), ExportError> {
    w.write_all(&(-2i32).to_le_bytes())?;
    writeln!(w, "spark-rows 1 {}", schema())?;
    Ok(())
}

/// Bytes of a row's (or struct's) null bit set and slots.
const fn fixed(fields: usize) -> usize {
    fields.div_ceil(64) * 8 + fields * 8
}

/// A row under construction after the 4 bytes of its frame's length: fields are appended in
/// column order.
struct Row {
    buf: Vec<u8>,
    n: usize,
    first_day: Option<NaiveDate>,
}

impl Row {
    fn new() -> Row {
        let mut buf = Vec::with_capacity(1024);
        buf.resize(4 + fixed(ROW_FIELDS), 0);
        Row {
            buf,
            n: 0,
            first_day: None,
        }
    }

    /// The next field's slot (its position in `buf`), counted.
    fn next_slot(&mut self) -> usize {
        let i = self.n;
        self.n += 1;
        4 + ROW_FIELDS.div_ceil(64) * 8 + 8 * i
    }

    fn set(&mut self, bytes: &[u8]) {
        let at = self.next_slot();
        self.buf[at..at + bytes.len()].copy_from_slice(bytes);
    }

    /// Appends `bytes` padded to 8 and points the next slot at them.
    fn var(&mut self, bytes: &[u8]) {
        let at = self.next_slot();
        let offset = self.buf.len() - 4;
        put_var(&mut self.buf, bytes);
        let slot = ((offset as u64) << 32) | bytes.len() as u64;
        self.buf[at..at + 8].copy_from_slice(&slot.to_le_bytes());
    }

    /// The row's frame: its length, then its bytes (`month` written last).
    fn finish(mut self, w: &mut impl Write) -> Result<(), ExportError> {
        debug_assert_eq!(self.n, TSV_COLUMNS.len());
        let month = match self.first_day {
            Some(d) => format!("{:04}-{:02}", d.year(), d.month()),
            None => UNDATED.to_string(),
        };
        self.var(month.as_bytes());
        let len = u32::try_from(self.buf.len() - 4).map_err(|_| too_big("row"))?;
        self.buf[..4].copy_from_slice(&len.to_le_bytes());
        w.write_all(&self.buf)?;
        Ok(())
    }
}

/// `bytes` appended to `buf`, padded with zeros to a multiple of 8.
fn put_var(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.extend_from_slice(bytes);
    buf.resize(buf.len() + (8 - bytes.len() % 8) % 8, 0);
}

fn too_big(what: &str) -> ExportError {
    ExportError::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!("Spark row: {what} does not fit Spark's 32-bit offsets and sizes"),
    ))
}

fn int32(v: usize) -> Result<i32, ExportError> {
    i32::try_from(v).map_err(|_| too_big("a char offset"))
}

impl Fields for Row {
    fn null(&mut self) {
        let i = self.n;
        self.n += 1;
        self.buf[4 + i / 8] |= 1 << (i % 8);
    }

    fn text(&mut self, s: &str) {
        self.var(s.as_bytes());
    }

    fn int(&mut self, v: usize) -> Result<(), ExportError> {
        self.set(&int32(v)?.to_le_bytes());
        Ok(())
    }

    fn long(&mut self, v: u32) {
        self.set(&i64::from(v).to_le_bytes());
    }

    fn float(&mut self, v: f64) {
        if v.is_finite() {
            self.set(&v.to_le_bytes());
        } else {
            self.null();
        }
    }

    fn boolean(&mut self, v: bool) {
        self.set(&[u8::from(v)]);
    }

    fn date(&mut self, s: &str) {
        let day = calendar_date(s);
        if self.n == DATE_FIRST {
            self.first_day = day;
        }
        match day {
            Some(d) => {
                let days = d.signed_duration_since(NaiveDate::default()).num_days() as i32;
                self.set(&days.to_le_bytes());
            }
            None => self.null(),
        }
    }

    fn sources(&mut self, sources: &[Source]) -> Result<(), ExportError> {
        let n = sources.len();
        let mut a = Vec::with_capacity(64 + n * 96);
        a.extend_from_slice(&(n as u64).to_le_bytes());
        a.resize(8 + n.div_ceil(64) * 8 + 8 * n, 0);
        for (k, s) in sources.iter().enumerate() {
            let offset = a.len();
            let mut e = vec![0u8; fixed(SOURCE_FIELDS)];
            let text = |e: &mut Vec<u8>, i: usize, t: &str| {
                let at = e.len();
                put_var(e, t.as_bytes());
                let slot = ((at as u64) << 32) | t.len() as u64;
                e[8 + 8 * i..16 + 8 * i].copy_from_slice(&slot.to_le_bytes());
            };
            text(&mut e, 0, &s.name);
            match &s.role {
                Some(r) => text(&mut e, 1, r),
                None => e[0] |= 1 << 1,
            }
            e[8 + 16] = u8::from(s.anonymous);
            e[8 + 24..8 + 28].copy_from_slice(&int32(s.start)?.to_le_bytes());
            e[8 + 32..8 + 36].copy_from_slice(&int32(s.end)?.to_le_bytes());
            let slot = ((offset as u64) << 32) | e.len() as u64;
            let at = 8 + n.div_ceil(64) * 8 + 8 * k;
            a[at..at + 8].copy_from_slice(&slot.to_le_bytes());
            a.extend_from_slice(&e);
        }
        if a.len() > i32::MAX as usize {
            return Err(too_big("the sources"));
        }
        self.var(&a);
        Ok(())
    }
}

/// A `YYYY-MM-DD` calendar date (four-digit year), else `None`.
fn calendar_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |v, &c| {
            c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// One event record as one framed Spark row.
pub fn write_row_event(mut w: impl Write, e: &Event) -> Result<(), ExportError> {
    let mut r = Row::new();
    event_fields(&mut r, e)?;
    r.finish(&mut w)
}

/// One control claim as one framed Spark row.
pub fn write_row_control(mut w: impl Write, c: &ControlClaim) -> Result<(), ExportError> {
    let mut r = Row::new();
    control_fields(&mut r, c)?;
    r.finish(&mut w)
}

/// One error record as one framed Spark row.
pub fn write_row_error(
    mut w: impl Write,
    doc_id: &str,
    input: &str,
    error: &str,
) -> Result<(), ExportError> {
    let mut r = Row::new();
    error_fields(&mut r, doc_id, input, error);
    r.finish(&mut w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(row: &[u8], i: usize) -> u64 {
        let at = 8 + 8 * i;
        u64::from_le_bytes(row[at..at + 8].try_into().unwrap())
    }

    fn var(row: &[u8], i: usize) -> &[u8] {
        let s = slot(row, i);
        let (off, len) = ((s >> 32) as usize, (s & 0xffff_ffff) as usize);
        &row[off..off + len]
    }

    #[test]
    fn date_first_is_where_the_month_comes_from() {
        assert_eq!(TSV_COLUMNS[DATE_FIRST], "date_first");
    }

    #[test]
    fn an_error_row_holds_its_texts_and_nulls() {
        let mut out = Vec::new();
        write_row_error(&mut out, "d1", "in.jsonl:3", "bad field").unwrap();
        let len = u32::from_le_bytes(out[..4].try_into().unwrap()) as usize;
        let row = &out[4..];
        assert_eq!(row.len(), len);
        assert_eq!(len % 8, 0);
        assert_eq!(var(row, 0), b"error");
        assert_eq!(var(row, 2), b"d1");
        assert_eq!(var(row, 49), b"in.jsonl:3");
        assert_eq!(var(row, 50), b"bad field");
        assert_eq!(var(row, 51), UNDATED.as_bytes());
        let nulls = u64::from_le_bytes(row[..8].try_into().unwrap());
        for i in 0..ROW_FIELDS {
            let text = [0, 2, 49, 50, 51].contains(&i);
            assert_eq!(nulls >> i & 1 == 0, text, "field {i}");
        }
        assert_eq!(slot(row, 1), 0, "a null's slot is zero");
    }

    #[test]
    fn dates_are_days_and_give_the_month() {
        let mut r = Row::new();
        r.nulls(DATE_FIRST);
        r.date("1970-01-02");
        r.date("2016-02-30"); // no such day: null
        r.nulls(TSV_COLUMNS.len() - DATE_FIRST - 2);
        let mut out = Vec::new();
        r.finish(&mut out).unwrap();
        let row = &out[4..];
        assert_eq!(slot(row, DATE_FIRST), 1);
        assert_eq!(
            row[0..8][(DATE_FIRST + 1) / 8] >> ((DATE_FIRST + 1) % 8) & 1,
            1
        );
        assert_eq!(var(row, 51), b"1970-01");
        assert_eq!(
            calendar_date("2016-03-06"),
            NaiveDate::from_ymd_opt(2016, 3, 6)
        );
        assert_eq!(calendar_date("2016-3-06"), None);
        assert_eq!(calendar_date("20x6-03-06"), None);
    }

    #[test]
    fn seventy_sources_take_two_words_of_null_bits() {
        let mut r = Row::new();
        let sources: Vec<Source> = (0..70)
            .map(|k| Source {
                name: format!("source {k}"),
                role: None,
                anonymous: false,
                start: k,
                end: k + 1,
            })
            .collect();
        r.sources(&sources).unwrap();
        let a = &r.buf[4..];
        let s = u64::from_le_bytes(a[8..16].try_into().unwrap());
        let arr = &a[(s >> 32) as usize..][..(s & 0xffff_ffff) as usize];
        assert_eq!(u64::from_le_bytes(arr[..8].try_into().unwrap()), 70);
        assert!(arr[8..24].iter().all(|&b| b == 0), "no element is null");
        let header = 8 + 16;
        for k in [0, 64, 69] {
            let s = u64::from_le_bytes(arr[header + 8 * k..header + 8 * k + 8].try_into().unwrap());
            let (off, len) = ((s >> 32) as usize, (s & 0xffff_ffff) as usize);
            assert!(off >= header + 8 * 70 && off + len <= arr.len());
            let e = &arr[off..off + len];
            assert_eq!(var(e, 0), format!("source {k}").as_bytes());
            assert_eq!(slot(e, 3), k as u64);
        }
    }

    #[test]
    fn sources_are_an_array_of_structs() {
        let mut r = Row::new();
        let sources = [
            Source {
                name: "Imad Ahmed".into(),
                role: Some("mayor".into()),
                anonymous: false,
                start: 10,
                end: 20,
            },
            Source {
                name: "a major general".into(),
                role: None,
                anonymous: true,
                start: 30,
                end: 45,
            },
        ];
        r.sources(&sources).unwrap();
        let a = &r.buf[4..];
        let s = u64::from_le_bytes(a[8..16].try_into().unwrap());
        let arr = &a[(s >> 32) as usize..][..(s & 0xffff_ffff) as usize];
        assert_eq!(u64::from_le_bytes(arr[..8].try_into().unwrap()), 2);
        let elem = |k: usize| {
            let s = u64::from_le_bytes(arr[16 + 8 * k..24 + 8 * k].try_into().unwrap());
            &arr[(s >> 32) as usize..][..(s & 0xffff_ffff) as usize]
        };
        assert_eq!(var(elem(0), 0), b"Imad Ahmed");
        assert_eq!(var(elem(0), 1), b"mayor");
        assert_eq!(elem(1)[0], 0b10, "role null");
        assert_eq!(elem(1)[8 + 16], 1, "anonymous");
        assert_eq!(slot(elem(1), 3), 30);
        assert_eq!(slot(elem(1), 4), 45);
    }
}
