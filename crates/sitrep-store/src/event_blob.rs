//! The compact event blob (tag [`TAG_EVENT`]): only what an event's `events` row does not already
//! hold, in the binary form of `varint`. Left out and rebuilt on reading: the fields that are
//! columns (types, actor names, country/admin/precision, coordinates, days, certainty,
//! background, fatalities), `doc_id` (the article's ext_id), `event_id` when it is
//! `{doc_id}-e{n}` (only `n` is kept), and every mention text that is exactly the article's
//! characters at its span (evidence, actors, place and source names). Anything that does not
//! follow these patterns is stored as it is, so every event reads back equal to what was packed.
//!
//! Layout: tag, flags (varint), then the optional parts in the order of `encode`. Floats read
//! back as serde_json gives them back from the JSON the older blobs hold, so old and new blobs
//! of one event print the same JSON.

use crate::codec::{self, parse_range};
use crate::varint::{put_f64, put_str, put_usize, put_uv, ReadResult, Reader};
use sitrep_events::{Event, EventActor, EventDate, EventPlace, Evidence, Source};
use std::cell::OnceCell;

/// First byte of a compact event blob. `0b1110`: a deflate block header of the reserved type 3
/// (no schema-1 blob starts with it) and not the LZ4 tag `0x07`.
pub(crate) const TAG_EVENT: u8 = 0x0E;

const F_RECORD: u64 = 1;
const F_DOC_ID: u64 = 1 << 1;
const F_EVENT_ID: u64 = 1 << 2;
const F_EVIDENCE_TEXT: u64 = 1 << 3;
const F_CAMEO: u64 = 1 << 4;
const F_PLOVER: u64 = 1 << 5;
const F_ACTOR1: u64 = 1 << 6;
const F_ACTOR2: u64 = 1 << 7;
const F_ASSOC: u64 = 1 << 8;
const F_PLACE: u64 = 1 << 9;
const F_DATE: u64 = 1 << 10;
const F_INJURED: u64 = 1 << 11;
const F_ARRESTED: u64 = 1 << 12;

const A_NAME: u8 = 1;
const A_CODE: u8 = 1 << 1;
const A_TEXT: u8 = 1 << 2;

const P_NAME: u8 = 1;
const P_GEONAMEID: u8 = 1 << 1;
const P_COUNTRY: u8 = 1 << 2;
const P_COORDS: u8 = 1 << 3;

const D_RANGE: u8 = 1;
const D_VALUE_PREFIX: u8 = 1 << 1;
const D_SPAN: u8 = 1 << 2;

const S_NAME: u8 = 1;
const S_ROLE: u8 = 1 << 1;
const S_ANONYMOUS: u8 = 1 << 2;

/// The columns of an `events` row that a compact blob leaves out, as `store::insert_event`
/// writes them (from [`EventCols::from_event`]; a test checks the rows read back agree).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct EventCols {
    pub day_first: i64,
    pub day_last: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub geo_precision: Option<i64>,
    pub event_type: Option<String>,
    pub sub_type: Option<String>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    pub certainty: i64,
    pub background: bool,
    pub fatalities: Option<i64>,
}

impl EventCols {
    /// The columns [`EventCols::from_row`] reads, in order (table alias `e`).
    pub const SQL: &'static str = "e.day_first, e.day_last, e.lat, e.lon, e.country, e.admin1, \
         e.admin2, e.geo_precision, e.event_type, e.sub_type, e.actor1, e.actor2, e.certainty, \
         e.background, e.fatalities";

    /// The columns starting at index `i` of a row selected with [`EventCols::SQL`].
    pub fn from_row(r: &rusqlite::Row, i: usize) -> rusqlite::Result<EventCols> {
        Ok(EventCols {
            day_first: r.get(i)?,
            day_last: r.get(i + 1)?,
            lat: r.get(i + 2)?,
            lon: r.get(i + 3)?,
            country: r.get(i + 4)?,
            admin1: r.get(i + 5)?,
            admin2: r.get(i + 6)?,
            geo_precision: r.get(i + 7)?,
            event_type: r.get(i + 8)?,
            sub_type: r.get(i + 9)?,
            actor1: r.get(i + 10)?,
            actor2: r.get(i + 11)?,
            certainty: r.get(i + 12)?,
            background: r.get(i + 13)?,
            fatalities: r.get(i + 14)?,
        })
    }

    /// What the row of `e` holds.
    #[cfg(test)]
    /// The columns of `e` (a copy; the writer's path moves them out: [`EventCols::from_event`]).
    #[cfg(test)]
    pub fn of(e: &Event) -> EventCols {
        EventCols::from_event(e.clone())
    }

    /// The columns of `e`, its strings moved out (the rest of it is dropped).
    pub fn from_event(e: Event) -> EventCols {
        let (day_first, day_last) = e
            .date
            .as_ref()
            .and_then(|d| parse_range(&d.range))
            .unwrap_or((codec::NO_DAY, codec::NO_DAY));
        let certainty = codec::rank(e.certainty);
        let Event {
            acled_event_type,
            acled_sub_event_type,
            actor1,
            actor2,
            place,
            fatalities,
            background,
            ..
        } = e;
        let (coords, country, admin1, admin2, geo_precision) = match place {
            Some(p) => (
                (p.lat.is_finite() && p.lon.is_finite()).then_some((p.lat, p.lon)),
                Some(upper(p.country)),
                p.admin1,
                p.admin2,
                Some(p.geo_precision as i64),
            ),
            None => (None, None, None, None, None),
        };
        EventCols {
            day_first,
            day_last,
            lat: coords.map(|c| c.0),
            lon: coords.map(|c| c.1),
            country,
            admin1,
            admin2,
            geo_precision,
            event_type: acled_event_type,
            sub_type: acled_sub_event_type,
            actor1: actor1.map(|a| a.name),
            actor2: actor2.map(|a| a.name),
            certainty,
            background,
            fatalities: fatalities.map(i64::from),
        }
    }
}

/// `s` in upper case (country codes usually are already).
fn upper(s: String) -> String {
    if s.bytes().any(|b| b.is_ascii_lowercase()) {
        s.to_ascii_uppercase()
    } else {
        s
    }
}

/// An article's text cut at character spans: byte offsets directly when it is ASCII, else
/// through a table of character starts built on first use (once per article, not per span).
pub(crate) struct Slicer<'a> {
    text: &'a str,
    ascii: bool,
    starts: OnceCell<Vec<usize>>,
}

impl<'a> Slicer<'a> {
    pub fn new(text: &'a str) -> Slicer<'a> {
        Slicer {
            text,
            ascii: text.is_ascii(),
            starts: OnceCell::new(),
        }
    }

    /// The characters `[start, end)`, if in range (as `codec::char_slice`).
    pub fn get(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end {
            return None;
        }
        if self.ascii {
            return self.text.get(start..end);
        }
        let starts = self.starts.get_or_init(|| {
            let mut v: Vec<usize> = self.text.char_indices().map(|(b, _)| b).collect();
            v.push(self.text.len());
            v
        });
        self.text.get(*starts.get(start)?..*starts.get(end)?)
    }

    fn is(&self, start: usize, end: usize, s: &str) -> bool {
        self.get(start, end) == Some(s)
    }
}

/// The flag byte of the `(on, flag)` pairs.
fn bits(flags: &[(bool, u8)]) -> u8 {
    flags.iter().filter(|f| f.0).fold(0, |acc, f| acc | f.1)
}

fn put_span(out: &mut Vec<u8>, start: usize, end: usize) {
    put_usize(out, start);
    // The length, zigzag-encoded (a reversed span is kept as it is); wrapping is lossless.
    let d = end.wrapping_sub(start) as i64;
    put_uv(out, ((d << 1) ^ (d >> 63)) as u64);
}

fn span(r: &mut Reader) -> ReadResult<(usize, usize)> {
    let start = r.usize()?;
    let z = r.uv()?;
    let d = ((z >> 1) as i64) ^ -((z & 1) as i64);
    Ok((start, start.wrapping_add(d as usize)))
}

/// `n` when `event_id` is `{doc_id}-e{n}` with `n` written without leading zeros.
fn event_number(event_id: &str, doc_id: &str) -> Option<u64> {
    let digits = event_id.strip_prefix(doc_id)?.strip_prefix("-e")?;
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    plain.then(|| digits.parse().ok()).flatten()
}

/// An ISO day ("2016-03-06") for a day number, as `codec::iso` writes it (years 0-9999 without
/// chrono's format interpreter, which the encoder would otherwise run twice per event).
fn iso(day: i64) -> Option<String> {
    match iso_digits(day) {
        Some(b) => String::from_utf8(b.to_vec()).ok(),
        None => codec::iso(day),
    }
}

fn iso_digits(day: i64) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let d = codec::date_of(day)?;
    let y = u32::try_from(d.year()).ok().filter(|&y| y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (m, dd) = (d.month(), d.day());
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(dd / 10),
        digit(dd),
    ])
}

/// Whether day `day` is written `s`.
fn is_iso(day: i64, s: &str) -> bool {
    match iso_digits(day) {
        Some(b) => s.as_bytes() == b,
        None => codec::iso(day).as_deref() == Some(s),
    }
}

/// Whether the row's days give back `range` exactly.
fn range_from_days(range: &[String; 2]) -> bool {
    parse_range(range).is_some_and(|(a, b)| is_iso(a, &range[0]) && is_iso(b, &range[1]))
}

/// The compact blob of `e`, stored in an article whose ext_id is `ext_id` and text `text`.
pub(crate) fn encode(e: &Event, ext_id: &str, text: &Slicer) -> Vec<u8> {
    // Every field named: a field added to `Event` must be given a place here.
    let Event {
        record,
        event_id,
        doc_id,
        acled_event_type: _,
        acled_sub_event_type: _,
        cameo,
        plover,
        actor1,
        actor2,
        assoc_actor1,
        assoc_actor2,
        place,
        date,
        fatalities: _,
        injured,
        arrested,
        sources,
        certainty: _,
        background: _,
        evidence,
    } = e;
    let number = event_number(event_id, doc_id);
    let ev_text = !text.is(evidence.start, evidence.end, &evidence.text);
    let mut flags = 0;
    for (on, f) in [
        (record != "event", F_RECORD),
        (doc_id != ext_id, F_DOC_ID),
        (number.is_none(), F_EVENT_ID),
        (ev_text, F_EVIDENCE_TEXT),
        (cameo.is_some(), F_CAMEO),
        (plover.is_some(), F_PLOVER),
        (actor1.is_some(), F_ACTOR1),
        (actor2.is_some(), F_ACTOR2),
        (
            !assoc_actor1.is_empty() || !assoc_actor2.is_empty(),
            F_ASSOC,
        ),
        (place.is_some(), F_PLACE),
        (date.is_some(), F_DATE),
        (injured.is_some(), F_INJURED),
        (arrested.is_some(), F_ARRESTED),
    ] {
        if on {
            flags |= f;
        }
    }
    let mut out = Vec::with_capacity(96 + 40 * sources.len());
    out.push(TAG_EVENT);
    put_uv(&mut out, flags);
    if flags & F_RECORD != 0 {
        put_str(&mut out, record);
    }
    if flags & F_DOC_ID != 0 {
        put_str(&mut out, doc_id);
    }
    match number {
        Some(n) => put_uv(&mut out, n),
        None => {
            put_str(&mut out, event_id);
        }
    }
    put_span(&mut out, evidence.start, evidence.end);
    if ev_text {
        put_str(&mut out, &evidence.text);
    }
    for s in [cameo, plover].into_iter().flatten() {
        put_str(&mut out, s);
    }
    for a in [actor1, actor2].into_iter().flatten() {
        put_actor(&mut out, a, false, text);
    }
    if flags & F_ASSOC != 0 {
        for list in [assoc_actor1, assoc_actor2] {
            put_usize(&mut out, list.len());
            for a in list {
                put_actor(&mut out, a, true, text);
            }
        }
    }
    if let Some(p) = place {
        put_place(&mut out, p, text);
    }
    if let Some(d) = date {
        put_date(&mut out, d, evidence);
    }
    for n in [injured, arrested].into_iter().flatten() {
        put_uv(&mut out, u64::from(*n));
    }
    put_usize(&mut out, sources.len());
    for s in sources {
        let Source {
            name,
            role,
            anonymous,
            start,
            end,
        } = s;
        let name_lit = !text.is(*start, *end, name);
        let f = bits(&[
            (name_lit, S_NAME),
            (role.is_some(), S_ROLE),
            (*anonymous, S_ANONYMOUS),
        ]);
        out.push(f);
        if name_lit {
            put_str(&mut out, name);
        }
        if let Some(r) = role {
            put_str(&mut out, r);
        }
        put_span(&mut out, *start, *end);
    }
    out
}

/// An actor; the name of actor1/actor2 is its row's column (`listed`: an associated actor,
/// whose name is no column).
fn put_actor(out: &mut Vec<u8>, a: &EventActor, listed: bool, text: &Slicer) {
    let EventActor {
        name,
        actor_type,
        code,
        text: said,
        start,
        end,
    } = a;
    let text_lit = !text.is(*start, *end, said);
    out.push(bits(&[
        (listed, A_NAME),
        (code.is_some(), A_CODE),
        (text_lit, A_TEXT),
    ]));
    if listed {
        put_str(out, name);
    }
    put_str(out, actor_type);
    if let Some(c) = code {
        put_str(out, c);
    }
    if text_lit {
        put_str(out, said);
    }
    put_span(out, *start, *end);
}

fn put_place(out: &mut Vec<u8>, p: &EventPlace, text: &Slicer) {
    let EventPlace {
        name,
        geonameid,
        kind,
        country,
        admin1: _,
        admin2: _,
        lat,
        lon,
        geo_precision: _,
        start,
        end,
    } = p;
    let name_lit = !text.is(*start, *end, name);
    let country_lit = country.bytes().any(|b| b.is_ascii_lowercase());
    let coords_lit = !(lat.is_finite() && lon.is_finite());
    out.push(bits(&[
        (name_lit, P_NAME),
        (geonameid.is_some(), P_GEONAMEID),
        (country_lit, P_COUNTRY),
        (coords_lit, P_COORDS),
    ]));
    if name_lit {
        put_str(out, name);
    }
    if let Some(g) = geonameid {
        put_uv(out, u64::from(*g));
    }
    put_str(out, kind);
    if country_lit {
        put_str(out, country);
    }
    if coords_lit {
        put_f64(out, *lat);
        put_f64(out, *lon);
    }
    put_span(out, *start, *end);
}

fn put_date(out: &mut Vec<u8>, d: &EventDate, evidence: &Evidence) {
    let EventDate {
        value,
        range,
        time_precision,
        start,
        end,
    } = d;
    let range_lit = !range_from_days(range);
    let prefix = range[0].starts_with(value.as_str());
    let span_lit = (*start, *end) != (evidence.start, evidence.end);
    out.push(bits(&[
        (range_lit, D_RANGE),
        (prefix, D_VALUE_PREFIX),
        (span_lit, D_SPAN),
    ]));
    if range_lit {
        put_str(out, &range[0]);
        put_str(out, &range[1]);
    }
    if prefix {
        put_usize(out, value.len());
    } else {
        put_str(out, value);
    }
    out.push(*time_precision);
    if span_lit {
        put_span(out, *start, *end);
    }
}

#[path = "event_blob_read.rs"]
mod read;
pub(crate) use read::decode;

#[cfg(test)]
#[path = "event_blob_tests.rs"]
mod tests;
