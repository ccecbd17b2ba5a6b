//! Small encodings shared by the tables: dates as day numbers, compressed JSON blobs (and which
//! decoder an event blob needs), place keys and certainty ranks.

use crate::error::StoreError;
use crate::event_blob::{self, EventCols, Slicer};
use crate::value_blob;
use chrono::{Datelike, NaiveDate};
use serde::{de::DeserializeOwned, Serialize};
use sitrep_events::Certainty;

/// Day number stored for "no date" (sorts before every real date).
pub const NO_DAY: i64 = -1;

pub fn day_of(date: NaiveDate) -> i64 {
    date.num_days_from_ce() as i64
}

pub fn date_of(day: i64) -> Option<NaiveDate> {
    if day < 0 {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day).ok()?)
}

pub fn iso(day: i64) -> Option<String> {
    date_of(day).map(|d| d.format("%Y-%m-%d").to_string())
}

/// Parse an ISO day ("2016-03-06"); also accepts a longer timestamp by its first 10 characters.
pub fn parse_day(s: &str) -> Option<i64> {
    let head = s.get(..10).unwrap_or(s);
    // The usual "YYYY-MM-DD" without chrono's format interpreter (the writer parses several
    // dates per event); anything else goes through it.
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = head.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(|c| c.is_ascii_digit()) {
            let n = |cs: &[&u8]| {
                cs.iter()
                    .fold(0u32, |acc, c| acc * 10 + u32::from(**c - b'0'))
            };
            let (y, m, d) = (n(&digits[..4]), n(&digits[4..6]), n(&digits[6..]));
            return NaiveDate::from_ymd_opt(y as i32, m, d).map(day_of);
        }
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok().map(day_of)
}

/// A `[first, last]` range of ISO days as day numbers; `None` when unreadable or reversed.
pub fn parse_range(r: &[String; 2]) -> Option<(i64, i64)> {
    let a = parse_day(&r[0])?;
    let b = parse_day(&r[1])?;
    (a <= b).then_some((a, b))
}

pub fn rank(c: Certainty) -> i64 {
    c as i64
}

pub fn certainty_of(rank: i64) -> Certainty {
    match rank {
        i64::MIN..=0 => Certainty::Denied,
        1 => Certainty::Speculative,
        2 => Certainty::Claimed,
        3 => Certainty::Hedged,
        4 => Certainty::Reported,
        _ => Certainty::Confirmed,
    }
}

/// First byte of an LZ4 blob: `0b111` is a deflate block header with the reserved block type 3,
/// so no deflate stream (what databases written before schema 2 hold) starts with it.
const TAG_LZ4: u8 = 0x07;

/// Largest decoded blob accepted (a corrupt size prefix must not allocate gigabytes).
const MAX_BLOB: usize = 64 << 20;

/// JSON, LZ4-compressed (annotations, events, claims and intervals are mostly repeated keys and
/// spans): [`TAG_LZ4`], the JSON length (u32, little-endian), the LZ4 block. LZ4 costs a fraction
/// of deflate both ways (events: ~5 µs to pack and ~1 µs to unpack against ~18 and ~11 µs for
/// deflate level 1) for ~10 % more bytes.
pub fn pack<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    with_json(|buf| {
        // Serialising our own types into a Vec cannot fail; an error leaves an empty document.
        if serde_json::to_writer(&mut *buf, value).is_err() {
            buf.clear();
        }
        compress(buf)
    })
}

/// Run `f` with this thread's (cleared) JSON scratch buffer: packing reuses one buffer per
/// thread instead of allocating and freeing one per blob.
fn with_json<R>(f: impl FnOnce(&mut Vec<u8>) -> R) -> R {
    thread_local! {
        static JSON: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    JSON.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            let r = f(&mut buf);
            // Keep a large buffer from one huge document from pinning memory.
            if buf.capacity() > 1 << 20 {
                *buf = Vec::new();
            }
            r
        }
        Err(_) => f(&mut Vec::new()),
    })
}

/// A blob of already serialised JSON: [`TAG_LZ4`], its length, the LZ4 block (one allocation of
/// the final size; the block is built in a per-thread scratch buffer).
pub fn compress(json: &[u8]) -> Vec<u8> {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let max = lz4_flex::block::get_maximum_output_size(json.len());
    let build = |scratch: &mut Vec<u8>| {
        if scratch.len() < max {
            scratch.resize(max, 0);
        }
        let n = match lz4_flex::block::compress_into(json, &mut scratch[..max]) {
            Ok(n) => n,
            // Cannot happen with a buffer of the maximum size; fall back to the allocating call.
            Err(_) => {
                *scratch = lz4_flex::block::compress(json);
                scratch.len()
            }
        };
        let mut out = Vec::with_capacity(5 + n);
        out.push(TAG_LZ4);
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&scratch[..n]);
        if scratch.len() > 1 << 20 {
            *scratch = Vec::new();
        }
        out
    };
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => build(&mut s),
        Err(_) => build(&mut Vec::new()),
    })
}

/// The JSON of a blob: LZ4 ([`pack`]) or raw deflate (databases of schema 1).
fn decompress(blob: &[u8]) -> Result<Vec<u8>, String> {
    match blob {
        [TAG_LZ4, ..] => lz4_body(blob),
        _ => miniz_oxide::inflate::decompress_to_vec_with_limit(blob, MAX_BLOB)
            .map_err(|e| format!("{e:?}")),
    }
}

/// The bytes of a blob laid out as [`compress`] writes it (any tag byte, the length, the LZ4
/// block).
pub(crate) fn lz4_body(blob: &[u8]) -> Result<Vec<u8>, String> {
    let [_, a, b, c, d, body @ ..] = blob else {
        return Err("blob too short".into());
    };
    let n = u32::from_le_bytes([*a, *b, *c, *d]) as usize;
    if n > MAX_BLOB {
        return Err(format!("blob claims {n} bytes"));
    }
    lz4_flex::block::decompress(body, n).map_err(|e| e.to_string())
}

pub fn unpack<T: DeserializeOwned>(blob: &[u8], what: &str) -> Result<T, StoreError> {
    let bad = |detail: String| StoreError::Decode {
        what: what.to_string(),
        detail,
    };
    let json = decompress(blob).map_err(bad)?;
    serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))
}

/// The characters `[start, end)` of `text` (char offsets), if in range.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    // Only ASCII before `end` (most articles, or most of one): characters are bytes there, and
    // checking that is far cheaper than counting characters.
    if text
        .as_bytes()
        .get(..end)
        .is_some_and(|head| head.is_ascii())
    {
        return text.get(start..end);
    }
    char_slice_counting(text, start, end)
}

/// [`char_slice`] by counting characters from the start.
fn char_slice_counting(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut idx = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let b0 = idx.nth(start)?;
    let b1 = if end == start {
        b0
    } else {
        idx.nth(end - start - 1)?
    };
    text.get(b0..b1)
}

/// An event from its stored blob: compact ([`event_blob`], which needs the row's columns and
/// the article's ext_id and text) or JSON (LZ4 or deflate, from older builds; its evidence text
/// may have been left out, to be cut from the article's text).
pub(crate) fn read_event(
    blob: &[u8],
    cols: &EventCols,
    ext_id: &str,
    text: &Slicer,
) -> Result<sitrep_events::Event, StoreError> {
    if blob.first() == Some(&event_blob::TAG_EVENT) {
        return event_blob::decode(blob, cols, ext_id, text).map_err(|detail| StoreError::Decode {
            what: "event".into(),
            detail,
        });
    }
    let mut e: sitrep_events::Event = unpack(blob, "event")?;
    if e.evidence.text.is_empty() && e.evidence.end > e.evidence.start {
        if let Some(t) = text.get(e.evidence.start, e.evidence.end) {
            e.evidence.text = t.to_string();
        }
    }
    Ok(e)
}

/// An annotation (DESIGN.md's annotate object without its `text`) from its stored blob: compact
/// ([`value_blob`], whose members may be cut from the article's `text`) or JSON.
pub(crate) fn read_annotation(blob: &[u8], text: &str) -> Result<serde_json::Value, StoreError> {
    let bad = |detail| StoreError::Decode {
        what: "annotation".into(),
        detail,
    };
    match blob.first() {
        Some(&value_blob::TAG_VALUE) => return value_blob::decode(blob, text).map_err(bad),
        Some(&value_blob::TAG_VALUE_LZ4) => {
            let raw = lz4_body(blob).map_err(bad)?;
            return value_blob::decode(&raw, text).map_err(bad);
        }
        _ => {}
    }
    unpack(blob, "annotation")
}

/// The key of a place in the control tables: its GeoNames id, or its folded name.
pub fn place_key(geonameid: Option<u32>, name: &str) -> String {
    match geonameid {
        Some(id) => format!("g:{id}"),
        None => format!("n:{}", sitrep_text::fold(name)),
    }
}

/// Lowercase hex of the first `n` bytes.
pub fn hex(bytes: &[u8], n: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(2 * n.min(bytes.len()));
    for b in bytes.iter().take(n) {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_round_trip_and_old_deflate_blobs_still_read() {
        let long: String = (0..5000)
            .map(|i| format!("{{\"k\":{i},\"v\":\"abc{}\"}}", i % 7))
            .collect();
        for v in [
            serde_json::json!(""),
            serde_json::json!({"a": 1, "b": [1, 2, 3], "c": "ü"}),
            serde_json::json!(long),
        ] {
            let blob = pack(&v);
            assert_eq!(blob[0], TAG_LZ4);
            assert_eq!(unpack::<serde_json::Value>(&blob, "x").unwrap(), v);
            // What schema 1 wrote: raw deflate, at any level, with or without fixed codes.
            let json = serde_json::to_vec(&v).unwrap();
            for level in [1, 6] {
                let old = miniz_oxide::deflate::compress_to_vec(&json, level);
                assert_ne!(old.first().map(|b| b & 6), Some(6));
                assert_eq!(unpack::<serde_json::Value>(&old, "x").unwrap(), v);
            }
        }
    }

    #[test]
    fn hex_is_lowercase_pairs() {
        let bytes = [0u8, 9, 10, 0xab, 0xff, 0x5c];
        let want: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex(&bytes, 32), want);
        assert_eq!(hex(&bytes, 2), "0009");
        assert_eq!(hex(&[], 8), "");
    }

    #[test]
    fn parse_day_agrees_with_chrono() {
        let chrono_day = |s: &str| {
            NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
                .ok()
                .map(day_of)
        };
        for s in [
            "2016-03-06",
            "2016-02-29",
            "2015-02-29",
            "2016-13-01",
            "2016-00-10",
            "2016-01-32",
            "0000-01-01",
            "9999-12-31",
            "2016-03-06T10:00:00Z",
            "2016-3-6",
            "2016-03-6x",
            "16-03-06",
            "",
            "abcd-ef-gh",
            "2016/03/06",
        ] {
            assert_eq!(parse_day(s), chrono_day(s), "{s:?}");
        }
    }

    #[test]
    fn char_slice_ascii_shortcut_agrees_with_counting() {
        for text in [
            "",
            "abc def",
            "é at start",
            "ascii then ü and more",
            "mixed ü é ascii tail",
        ] {
            let n = text.chars().count() + 2;
            for start in 0..n {
                for end in 0..n {
                    assert_eq!(
                        char_slice(text, start, end),
                        char_slice_counting(text, start, end),
                        "{text:?} {start} {end}"
                    );
                }
            }
        }
    }

    #[test]
    fn corrupt_blobs_are_errors() {
        let good = pack(&serde_json::json!({"a": "b".repeat(300)}));
        let mut huge = good.clone();
        huge[1..5].copy_from_slice(&u32::MAX.to_le_bytes());
        let mut cut = good.clone();
        cut.truncate(good.len() / 2);
        let mut flipped = good.clone();
        for b in flipped.iter_mut().skip(5).step_by(3) {
            *b ^= 0x5a;
        }
        for blob in [
            &huge[..],
            &cut[..],
            &flipped[..],
            &[TAG_LZ4][..],
            &[][..],
            &[1, 2, 3][..],
        ] {
            assert!(unpack::<serde_json::Value>(blob, "x").is_err());
        }
    }
}
