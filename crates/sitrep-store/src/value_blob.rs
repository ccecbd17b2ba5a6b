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
//!
//! The encoder (`Enc`) keeps its buffers and a table of the key names it has met (`KeyTable`)
//! per thread, from one blob to the next: the bytes of a blob never depend on what came before.

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

/// The compact blob of `value`, for an article whose text is `text` (stored compressed:
/// [`encode_compressed`]).
#[cfg(test)]
pub(crate) fn encode<T: Serialize + ?Sized>(value: &T, text: &str) -> Result<Vec<u8>, String> {
    with_enc(text, |enc| {
        enc.write(value)?;
        Ok(enc.out.clone())
    })
}

/// The compact blob of `value` for an article whose text is `text`, then LZ4 over it (repeated
/// names and words: about half the bytes).
pub(crate) fn encode_compressed<T: Serialize + ?Sized>(
    value: &T,
    text: &str,
) -> Result<Vec<u8>, String> {
    with_enc(text, |enc| {
        enc.write(value)?;
        let mut blob = crate::codec::compress(&enc.out);
        blob[0] = TAG_VALUE_LZ4;
        Ok(blob)
    })
}

thread_local! {
    /// What one encoding leaves for the next on the same thread: buffers and the key table.
    static REUSE: std::cell::Cell<Reuse> = std::cell::Cell::new(Reuse::default());
}

/// `f` on an encoder for `text` built from this thread's [`Reuse`] (taken for the call, so a
/// nested encoding simply starts from empty buffers), given back after.
fn with_enc<R>(text: &str, f: impl FnOnce(&mut Enc) -> R) -> R {
    let reuse = REUSE.try_with(|c| c.take()).unwrap_or_default();
    let mut enc = Enc::new(reuse, text);
    let r = f(&mut enc);
    let reuse = enc.into_reuse();
    let _ = REUSE.try_with(|c| c.set(reuse));
    r
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

/// An open object or array. For an object: its unsigned members (key id, value), its literal
/// strings (key id, where the encoded string starts in the output, where its bytes start, their
/// length), and the key of the member being written (ids are [`KeyTable`]'s).
#[derive(Default)]
struct Frame {
    object: bool,
    uints: Vec<(u32, u64)>,
    strs: Vec<(u32, usize, usize, usize)>,
    key: Option<u32>,
}

/// No key.
const NONE: u32 = u32::MAX;

/// Slots of the struct-field cache (a power of two).
const FIELD_SLOTS: usize = 256;

/// Names past which a thread's key table starts again (at the start of a blob).
const MAX_NAMES: usize = 4096;

/// Every key name this thread has encoded, numbered once (an id), kept from blob to blob: what a
/// name's number is in the blob being written, which keys give its span, and struct field names
/// by address (a `&'static str` is the same name for the life of the program).
#[derive(Default)]
struct KeyTable {
    ids: FxHashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// Per id: the ids of its name + "_start" and + "_end" ([`NONE`] until seen).
    start_of: Vec<u32>,
    end_of: Vec<u32>,
    /// The ids of "start" and "end".
    start: Option<u32>,
    end: Option<u32>,
    /// Direct-mapped: (address, length, id) of a field name; address 0 is an empty slot.
    fields: Vec<(usize, usize, u32)>,
    /// Per id: (the blob it was last written in, its number there).
    in_blob: Vec<(u32, u32)>,
    /// The blob being written (from 1) and how many keys it has numbered.
    blob: u32,
    numbered: u32,
}

impl KeyTable {
    /// Start a blob: no key numbered yet.
    fn begin(&mut self) {
        if self.names.len() > MAX_NAMES {
            *self = KeyTable::default();
        }
        if self.blob == u32::MAX {
            self.in_blob.iter_mut().for_each(|e| *e = (0, 0));
            self.blob = 0;
        }
        self.blob += 1;
        self.numbered = 0;
    }

    fn id(&mut self, k: &str) -> u32 {
        match self.ids.get(k) {
            Some(&id) => id,
            None => self.add(k),
        }
    }

    fn add(&mut self, k: &str) -> u32 {
        let id = self.names.len() as u32;
        let with = |suffix: &str| {
            let mut n = String::with_capacity(k.len() + suffix.len());
            n.push_str(k);
            n.push_str(suffix);
            n
        };
        let start_of = self.ids.get(with("_start").as_str()).copied();
        let end_of = self.ids.get(with("_end").as_str()).copied();
        self.start_of.push(start_of.unwrap_or(NONE));
        self.end_of.push(end_of.unwrap_or(NONE));
        if let Some(p) = k.strip_suffix("_start").and_then(|p| self.ids.get(p)) {
            self.start_of[*p as usize] = id;
        }
        if let Some(p) = k.strip_suffix("_end").and_then(|p| self.ids.get(p)) {
            self.end_of[*p as usize] = id;
        }
        match k {
            "start" => self.start = Some(id),
            "end" => self.end = Some(id),
            _ => {}
        }
        self.ids.insert(k.into(), id);
        self.names.push(k.into());
        self.in_blob.push((0, 0));
        id
    }

    /// The id of a struct field's name (by address when seen before).
    fn field(&mut self, k: &'static str) -> u32 {
        let (addr, len) = (k.as_ptr() as usize, k.len());
        let slot = ((addr as u64 ^ (len as u64) << 48).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56)
            as usize
            % FIELD_SLOTS;
        if let Some(&(a, l, id)) = self.fields.get(slot) {
            if a == addr && l == len {
                return id;
            }
        }
        let id = self.id(k);
        if self.fields.is_empty() {
            self.fields = vec![(0, 0, 0); FIELD_SLOTS];
        }
        self.fields[slot] = (addr, len, id);
        id
    }

    /// Write key `id`: its number if this blob has it, else its name (numbered next).
    fn write(&mut self, id: u32, out: &mut Vec<u8>) {
        let e = &mut self.in_blob[id as usize];
        if e.0 == self.blob {
            put_uv(out, 2 * u64::from(e.1) + 2);
            return;
        }
        *e = (self.blob, self.numbered);
        self.numbered += 1;
        let name = &self.names[id as usize];
        put_uv(out, 2 * name.len() as u64 + 1);
        out.extend_from_slice(name.as_bytes());
    }
}

/// An encoder's buffers, kept per thread between blobs.
#[derive(Default)]
struct Reuse {
    out: Vec<u8>,
    keys: KeyTable,
    frames: Vec<Frame>,
    cuts: Vec<(usize, usize)>,
    key_text: String,
}

struct Enc<'t> {
    out: Vec<u8>,
    keys: KeyTable,
    text: Slicer<'t>,
    /// `frames[..depth]` are open (the rest are kept for reuse).
    frames: Vec<Frame>,
    depth: usize,
    /// Scratch: the members an object close turns into slices.
    cuts: Vec<(usize, usize)>,
    /// Scratch: a map key's text.
    key_text: String,
}

impl Enc<'_> {
    fn new(reuse: Reuse, text: &str) -> Enc<'_> {
        let Reuse {
            mut out,
            mut keys,
            frames,
            cuts,
            key_text,
        } = reuse;
        out.clear();
        keys.begin();
        Enc {
            out,
            keys,
            text: Slicer::new(text),
            frames,
            depth: 0,
            cuts,
            key_text,
        }
    }

    /// The buffers to keep (not those an unusually large value grew: a thread keeps little).
    fn into_reuse(self) -> Reuse {
        let mut out = self.out;
        if out.capacity() > 1 << 20 {
            out = Vec::new();
        }
        let mut frames = self.frames;
        frames.truncate(32);
        frames.retain(|f| f.uints.capacity() + f.strs.capacity() <= 1 << 12);
        let mut cuts = self.cuts;
        if cuts.capacity() > 1 << 12 {
            cuts = Vec::new();
        }
        Reuse {
            out,
            keys: self.keys,
            frames,
            cuts,
            key_text: self.key_text,
        }
    }

    /// The blob of `value` in `out`.
    fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), String> {
        self.out.clear();
        self.depth = 0;
        self.out.push(TAG_VALUE);
        value.serialize(&mut *self).map_err(|e| e.0)
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
        let keys = &self.keys;
        // The last unsigned member with key `id`.
        let uint = |id: Option<u32>| {
            let id = id.filter(|&id| id != NONE)?;
            f.uints
                .iter()
                .rev()
                .find_map(|&(k, v)| (k == id).then_some(v))
        };
        self.cuts.clear();
        for &(k, at, bytes_at, len) in &f.strs {
            let (ks, ke) = (keys.start_of[k as usize], keys.end_of[k as usize]);
            let span = match (uint(Some(ks)), uint(Some(ke))) {
                (Some(a), Some(b)) => Some((a, b)),
                _ => uint(keys.start).zip(uint(keys.end)),
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
        // Each cut member becomes one byte; what follows it moves down (the cuts are in order).
        let Some(&(mut w, _)) = self.cuts.first() else {
            return;
        };
        for (i, &(_, to)) in self.cuts.iter().enumerate() {
            self.out[w] = V_SLICE;
            w += 1;
            let next = self.cuts.get(i + 1).map_or(self.out.len(), |c| c.0);
            self.out.copy_within(to..next, w);
            w += next - to;
        }
        self.out.truncate(w);
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
        let id = self.keys.id(k);
        self.member_id(id);
    }

    /// [`Enc::member_key`] for a struct field or variant name.
    fn member_field(&mut self, k: &'static str) {
        let id = self.keys.field(k);
        self.member_id(id);
    }

    fn member_id(&mut self, id: u32) {
        self.keys.write(id, &mut self.out);
        if let Some(f) = self.top() {
            f.key = Some(id);
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
