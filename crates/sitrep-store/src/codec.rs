//! Small encodings shared by the tables: dates as day numbers, compressed JSON blobs, place keys,
//! certainty ranks and the great-circle distance.

use crate::error::StoreError;
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

/// JSON, deflate-compressed (annotations, claims and intervals are mostly repeated keys and spans).
pub fn pack<T: Serialize>(value: &T) -> Vec<u8> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    deflate(&json, false)
}

/// Deflate level 1 (greedy, one probe): on these small JSON blobs it is 2-3 times faster than
/// level 6 for ~5 % more bytes, and the writer's throughput is what ingest needs.
const LEVEL: u8 = 1;

fn flags(fixed: bool) -> u32 {
    use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, deflate_flags};
    let f = create_comp_flags_from_zip_params(LEVEL.into(), 0, 0);
    if fixed {
        f | deflate_flags::TDEFL_FORCE_ALL_STATIC_BLOCKS
    } else {
        f
    }
}

thread_local! {
    /// One compressor per thread and kind, reset between blobs: a fresh one allocates and clears
    /// ~300 KB of tables, which cost more than compressing a small event.
    static DEFLATE: [std::cell::RefCell<miniz_oxide::deflate::core::CompressorOxide>; 2] = [false, true]
        .map(|fixed| std::cell::RefCell::new(miniz_oxide::deflate::core::CompressorOxide::new(flags(fixed))));
}

/// Raw deflate at [`LEVEL`]; `fixed`: with the fixed Huffman codes (no per-blob code tables,
/// whose construction dominates the cost of compressing a ~1 KB event).
fn deflate(input: &[u8], fixed: bool) -> Vec<u8> {
    use miniz_oxide::deflate::core::{compress, CompressorOxide, TDEFLFlush, TDEFLStatus};
    let fresh = || {
        let mut c = CompressorOxide::new(flags(fixed));
        let mut out = Vec::new();
        run(&mut c, input, &mut out);
        out
    };
    fn run(c: &mut CompressorOxide, input: &[u8], out: &mut Vec<u8>) -> bool {
        out.resize(input.len() / 2 + 64, 0);
        let (mut in_pos, mut out_pos) = (0, 0);
        loop {
            let (status, used, written) =
                compress(c, &input[in_pos..], &mut out[out_pos..], TDEFLFlush::Finish);
            in_pos += used;
            out_pos += written;
            match status {
                TDEFLStatus::Done => {
                    out.truncate(out_pos);
                    return true;
                }
                TDEFLStatus::Okay => {
                    if out.len() - out_pos < 64 {
                        let n = out.len() * 2;
                        out.resize(n, 0);
                    }
                }
                _ => return false,
            }
        }
    }
    DEFLATE.with(|cells| {
        let Ok(mut c) = cells[usize::from(fixed)].try_borrow_mut() else {
            return fresh();
        };
        c.reset();
        let mut out = Vec::new();
        if run(&mut c, input, &mut out) {
            out
        } else {
            fresh()
        }
    })
}

pub fn unpack<T: DeserializeOwned>(blob: &[u8], what: &str) -> Result<T, StoreError> {
    let bad = |detail: String| StoreError::Decode {
        what: what.to_string(),
        detail,
    };
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(blob, 64 << 20)
        .map_err(|e| bad(format!("{e:?}")))?;
    serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))
}

/// The characters `[start, end)` of `text` (char offsets), if in range.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
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

/// An event's stored form: its evidence text is left out when it is exactly the article's
/// characters `[start, end)` (it is put back on reading). The text is taken out of `e` for the
/// encoding and put back (no copy of the event).
pub fn pack_event(e: &mut sitrep_events::Event, article_text: &str) -> Vec<u8> {
    let span = e.evidence.end > e.evidence.start;
    let drop_text = span
        && char_slice(article_text, e.evidence.start, e.evidence.end)
            == Some(e.evidence.text.as_str());
    let text = if drop_text {
        std::mem::take(&mut e.evidence.text)
    } else {
        String::new()
    };
    let json = serde_json::to_vec(&*e).unwrap_or_default();
    if drop_text {
        e.evidence.text = text;
    }
    deflate(&json, true)
}

pub fn unpack_event(blob: &[u8], article_text: &str) -> Result<sitrep_events::Event, StoreError> {
    let mut e: sitrep_events::Event = unpack(blob, "event")?;
    if needs_text(&e) {
        restore_evidence(&mut e, article_text);
    }
    Ok(e)
}

/// Whether a stored event's evidence text was left out (to be cut from its article's text).
pub fn needs_text(e: &sitrep_events::Event) -> bool {
    e.evidence.text.is_empty() && e.evidence.end > e.evidence.start
}

/// Put back the evidence text [`pack_event`] left out.
pub fn restore_evidence(e: &mut sitrep_events::Event, article_text: &str) {
    if let Some(t) = char_slice(article_text, e.evidence.start, e.evidence.end) {
        e.evidence.text = t.to_string();
    }
}

/// The key of a place in the control tables: its GeoNames id, or its folded name.
pub fn place_key(geonameid: Option<u32>, name: &str) -> String {
    match geonameid {
        Some(id) => format!("g:{id}"),
        None => format!("n:{}", sitrep_text::fold(name)),
    }
}

pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// Lowercase hex of the first `n` bytes.
pub fn hex(bytes: &[u8], n: usize) -> String {
    bytes.iter().take(n).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reused_compressor_gives_the_fresh_stream() {
        use miniz_oxide::deflate::core::{compress_to_output, CompressorOxide, TDEFLFlush};
        let long: String = (0..5000)
            .map(|i| format!("{{\"k\":{i},\"v\":\"abc{}\"}}", i % 7))
            .collect();
        for fixed in [false, true] {
            for input in ["", "x", "{\"a\":1,\"a\":1,\"a\":1}", long.as_str(), "tail"] {
                let ours = super::deflate(input.as_bytes(), fixed);
                let mut fresh = CompressorOxide::new(super::flags(fixed));
                let mut expected = Vec::new();
                compress_to_output(&mut fresh, input.as_bytes(), TDEFLFlush::Finish, |b| {
                    expected.extend_from_slice(b);
                    true
                });
                assert_eq!(ours, expected);
                let back = miniz_oxide::inflate::decompress_to_vec(&ours).unwrap();
                assert_eq!(back, input.as_bytes());
            }
        }
    }
}
