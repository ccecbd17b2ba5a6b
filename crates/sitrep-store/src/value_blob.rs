//! The compact JSON blob (tag [`TAG_VALUE`]), used for annotations: any `Serialize` value written
//! by a serde serializer straight to a binary form and read back as the `serde_json::Value` its
//! JSON would parse to (same keys, numbers and strings; floats as serde_json reads back the text
//! it wrote). What makes it small: object keys are written once per blob and then referred to
//! by number, frequent words come from `varint`'s dictionary, numbers are varints, and a string
//! member that is exactly the article's characters at the member's span is left out and cut
//! from the text on reading. The span of member `k` is its object's `k_start`/`k_end` when it
//! has them, else its `start`/`end`.
//!
//! Layout after the tag: one value. A value is a tag byte ([`V_NULL`] …) and its payload; an
//! object is its members (key, value) closed by key 0, an array its items closed by [`V_END`].
//! A key is `2n + 2` for the `n`th key already seen, or `2len + 1` and the bytes of a new key.

use crate::event_blob::Slicer;
use crate::varint::{put_str, put_uv, ReadResult, Reader};
use serde::ser::{self, Serialize};
use serde_json::{Map, Number, Value};
use sitrep_text::fxhash::FxHashMap;

/// First byte of a compact JSON blob (`0b1111`: no deflate stream starts with it; not LZ4's
/// `0x07` nor the compact event's `0x0E`).
pub(crate) const TAG_VALUE: u8 = 0x0F;

const V_NULL: u8 = 0;
const V_FALSE: u8 = 1;
const V_TRUE: u8 = 2;
const V_UINT: u8 = 3;
const V_NEG: u8 = 4;
const V_F64: u8 = 5;
const V_F32: u8 = 6;
const V_STR: u8 = 7;
const V_SLICE: u8 = 8;
const V_ARRAY: u8 = 9;
const V_OBJECT: u8 = 10;
const V_END: u8 = 11;

/// First byte of a compact JSON blob compressed whole: the tag, the length of the compact blob
/// (u32, little-endian), its LZ4 block (`codec::compress`'s layout). `0b10110`: again no deflate
/// stream's first byte.
pub(crate) const TAG_VALUE_LZ4: u8 = 0x16;

/// Deepest nesting read back (a corrupt blob must not overflow the stack).
const MAX_DEPTH: usize = 128;

/// The compact blob of `value`, for an article whose text is `text`.
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T, text: &str) -> Result<Vec<u8>, String> {
    let mut enc = Enc::new(text);
    enc.out.push(TAG_VALUE);
    value.serialize(&mut enc).map_err(|e| e.0)?;
    Ok(enc.out)
}

/// [`encode`], then LZ4 over it (repeated names and words: about half the bytes).
pub(crate) fn encode_compressed<T: Serialize + ?Sized>(
    value: &T,
    text: &str,
) -> Result<Vec<u8>, String> {
    let raw = encode(value, text)?;
    let mut blob = crate::codec::compress(&raw);
    blob[0] = TAG_VALUE_LZ4;
    Ok(blob)
}

#[derive(Debug)]
pub(crate) struct EncError(String);

impl std::fmt::Display for EncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for EncError {}
impl ser::Error for EncError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        EncError(msg.to_string())
    }
}

/// An open object or array. For an object: its unsigned members (key number, value), its
/// literal strings (key number, where the encoded string starts in the output, where its bytes
/// start, their length), and the key of the member being written.
#[derive(Default)]
struct Frame {
    object: bool,
    uints: Vec<(u32, u64)>,
    strs: Vec<(u32, usize, usize, usize)>,
    key: Option<u32>,
}

struct Enc<'t> {
    out: Vec<u8>,
    keys: FxHashMap<String, u32>,
    /// Keys of struct fields by address and length (`&'static str`: no hashing of the text).
    fields: FxHashMap<(usize, usize), u32>,
    names: Vec<String>,
    text: Slicer<'t>,
    /// `frames[..depth]` are open (the rest are kept for reuse).
    frames: Vec<Frame>,
    depth: usize,
    /// Scratch: the members an object close turns into slices.
    cuts: Vec<(usize, usize)>,
}

impl Enc<'_> {
    fn new(text: &str) -> Enc<'_> {
        Enc {
            out: Vec::with_capacity(2048),
            keys: FxHashMap::with_capacity_and_hasher(64, Default::default()),
            fields: FxHashMap::with_capacity_and_hasher(64, Default::default()),
            names: Vec::new(),
            text: Slicer::new(text),
            frames: Vec::new(),
            depth: 0,
            cuts: Vec::new(),
        }
    }

    /// Write key `k`; its number.
    fn key(&mut self, k: &str) -> u32 {
        if let Some(&n) = self.keys.get(k) {
            put_uv(&mut self.out, 2 * u64::from(n) + 2);
            return n;
        }
        let n = self.names.len() as u32;
        put_uv(&mut self.out, 2 * k.len() as u64 + 1);
        self.out.extend_from_slice(k.as_bytes());
        self.keys.insert(k.to_string(), n);
        self.names.push(k.to_string());
        n
    }

    /// Write a struct field's key (looked up by address first).
    fn field_key(&mut self, k: &'static str) -> u32 {
        let addr = (k.as_ptr() as usize, k.len());
        if let Some(&n) = self.fields.get(&addr) {
            put_uv(&mut self.out, 2 * u64::from(n) + 2);
            return n;
        }
        let n = self.key(k);
        self.fields.insert(addr, n);
        n
    }

    fn top(&mut self) -> Option<&mut Frame> {
        self.depth.checked_sub(1).map(|d| &mut self.frames[d])
    }

    /// The member key the value now being written belongs to (taken: a value has one key).
    fn member(&mut self) -> Option<(u32, &mut Frame)> {
        let f = self.top()?;
        f.key.take().map(|k| (k, f))
    }

    fn uint(&mut self, v: u64) {
        if let Some((k, f)) = self.member() {
            f.uints.push((k, v));
        }
        self.out.push(V_UINT);
        put_uv(&mut self.out, v);
    }

    fn string(&mut self, s: &str) {
        let at = self.out.len();
        self.out.push(V_STR);
        let literal = put_str(&mut self.out, s);
        let bytes_at = self.out.len() - s.len();
        if let (Some((k, f)), true) = (self.member(), literal && !s.is_empty()) {
            f.strs.push((k, at, bytes_at, s.len()));
        }
    }

    fn open(&mut self, object: bool) {
        if let Some(f) = self.top() {
            f.key = None;
        }
        self.out.push(if object { V_OBJECT } else { V_ARRAY });
        if self.depth == self.frames.len() {
            self.frames.push(Frame::default());
        }
        let f = &mut self.frames[self.depth];
        f.object = object;
        f.uints.clear();
        f.strs.clear();
        f.key = None;
        self.depth += 1;
    }

    /// Close an object: members that are the text at their span become [`V_SLICE`].
    fn close_object(&mut self) {
        put_uv(&mut self.out, 0);
        let Some(d) = self.depth.checked_sub(1) else {
            return;
        };
        self.depth = d;
        let f = &self.frames[d];
        if !f.object || f.strs.is_empty() {
            return;
        }
        let names = &self.names;
        // The last unsigned member whose key is `prefix` + `suffix`.
        let uint = |prefix: &str, suffix: &str| {
            f.uints.iter().rev().find_map(|&(k, v)| {
                let n = names[k as usize].as_str();
                let hit = n.len() == prefix.len() + suffix.len()
                    && n.starts_with(prefix)
                    && n.ends_with(suffix);
                hit.then_some(v)
            })
        };
        self.cuts.clear();
        for &(k, at, bytes_at, len) in &f.strs {
            let name = names[k as usize].as_str();
            let span = match (uint(name, "_start"), uint(name, "_end")) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => uint("", "start").zip(uint("", "end")),
            };
            let Some((a, b)) = span else { continue };
            let (Ok(a), Ok(b)) = (usize::try_from(a), usize::try_from(b)) else {
                continue;
            };
            let s = &self.out[bytes_at..bytes_at + len];
            if self.text.get(a, b).map(str::as_bytes) == Some(s) {
                self.cuts.push((at, bytes_at + len));
            }
        }
        // Later members first, so the earlier positions stay valid.
        for &(from, to) in self.cuts.iter().rev() {
            self.out.splice(from..to, [V_SLICE]);
        }
    }

    fn close_array(&mut self) {
        self.out.push(V_END);
        self.depth = self.depth.saturating_sub(1);
    }

    fn no_member(&mut self) {
        let _ = self.member();
    }

    /// Write key `k` of the open object; the next value is its member.
    fn member_key(&mut self, k: &str) {
        let n = self.key(k);
        if let Some(f) = self.top() {
            f.key = Some(n);
        }
    }

    /// [`Enc::member_key`] for a struct field or variant name.
    fn member_field(&mut self, k: &'static str) {
        let n = self.field_key(k);
        if let Some(f) = self.top() {
            f.key = Some(n);
        }
    }
}

#[path = "value_blob_ser.rs"]
mod ser_impls;

#[path = "value_blob_read.rs"]
mod read;
pub(crate) use read::decode;

#[cfg(test)]
#[path = "value_blob_tests.rs"]
mod tests;
