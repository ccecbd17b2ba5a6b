//! Tests of the compact JSON blob: every serde shape reads back as the `Value` its JSON parses
//! to, members that are slices of the text (unicode, `k_start`/`k_end`, near misses), corrupt
//! blobs, the bytes pinned; and an ignored measurement of the encoder on real annotations.

use super::*;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

const TEXT: &str = "BEIRUT (AFP) — Air strikes on «Raqa» killed 22, the Observatory said.";

/// What parsing the JSON serde_json writes for `v` gives.
fn via_json<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::from_str(&serde_json::to_string(v).unwrap()).unwrap()
}

fn round_trip<T: Serialize + ?Sized>(v: &T) -> Value {
    let blob = encode(v, TEXT).unwrap();
    assert_eq!(blob[0], TAG_VALUE);
    let back = decode(&blob, TEXT).unwrap();
    assert_eq!(back, via_json(v));
    assert_eq!(
        serde_json::to_string(&back).unwrap(),
        serde_json::to_string(&via_json(v)).unwrap()
    );
    back
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(u8),
    Tuple(i32, String),
    Struct { a: Option<f32>, b: Vec<u8> },
}

#[derive(Serialize)]
struct Mention {
    text: String,
    start: usize,
    end: usize,
    confidence: f32,
    weight: f64,
    kind: Shape,
    initial: char,
    #[serde(with = "serde_bytes_like")]
    raw: Vec<u8>,
}

/// Bytes through `serialize_bytes`.
mod serde_bytes_like {
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
}

/// Char span of the first `needle` in TEXT.
fn span_of(needle: &str) -> (usize, usize) {
    let b = TEXT.find(needle).unwrap();
    let a = TEXT[..b].chars().count();
    (a, a + needle.chars().count())
}

#[test]
fn values_read_back_as_their_json_parses() {
    round_trip(&json!(null));
    round_trip(&json!([]));
    round_trip(&json!({}));
    round_trip(
        &json!({"a": [1, -1, i64::MIN, u64::MAX, 0.1, -2.5e-300, 1e300, true, false, null]}),
    );
    round_trip(
        &json!({"words": ["city", "State forces", "", "ü", "DATE"], "nested": {"x": {"y": [[], [{}]]}}}),
    );
    round_trip(&json!({"dup": 1, "other": {"dup": "two"}, "dup2": {"dup": [3]}}));
    round_trip(&vec![
        Shape::Unit,
        Shape::Newtype(7),
        Shape::Tuple(-3, "t".into()),
    ]);
    round_trip(&Shape::Struct {
        a: Some(0.9),
        b: vec![1, 2],
    });
    round_trip(&Shape::Struct { a: None, b: vec![] });
    let mut int_keys = BTreeMap::new();
    int_keys.insert(3u32, "three");
    int_keys.insert(10, "ten");
    round_trip(&int_keys);
    round_trip(&(1u8, 'x', "tuple"));
    // Floats read back as serde_json reads its own text (f32 at its own precision).
    for x in [0.9f32, 0.847_136_4, 1e-7, 3.4e38, 0.0, -0.0] {
        round_trip(&Some(x));
    }
    for x in [0.1 + 0.2, 33.51020050048828, 1e-320, -0.0, 5e-324] {
        round_trip(&x);
    }
    round_trip(&f64::NAN);
    round_trip(&vec![f32::INFINITY]);
}

#[test]
fn members_that_are_the_text_at_their_span_are_cut_from_it() {
    let (a, b) = span_of("«Raqa»");
    let (qa, qb) = span_of("the Observatory");
    let v = json!({
        "places": [
            {"text": "«Raqa»", "start": a, "end": b, "name": "Raqqa"},
            {"text": "Raqa", "start": a, "end": b},
            {"text": "«Raqa»", "end": b},
            {"text": "«Raqa»", "start": a, "end": b + 1000},
        ],
        "quotes": [{"speaker": "the Observatory", "speaker_start": qa, "speaker_end": qb,
                    "text": "Air strikes", "start": 15, "end": 26, "end2": 3}],
        "dateline": {"place": "BEIRUT", "place_start": 0, "place_end": 6, "start": 0, "end": 14},
        "said": {"text": "said", "start": span_of("said").0, "end": span_of("said").1},
        "reversed": {"text": "", "start": 9, "end": 3},
    });
    let blob = encode(&v, TEXT).unwrap();
    let plain = {
        // The same value with no text to cut from is larger: members were left out.
        let b2 = encode(&v, "").unwrap();
        assert!(b2.len() > blob.len() + 20, "{} vs {}", b2.len(), blob.len());
        b2
    };
    assert_eq!(decode(&plain, "").unwrap(), v);
    assert_eq!(round_trip(&v), v);
    let m = Mention {
        text: "Observatory".into(),
        start: span_of("Observatory").0,
        end: span_of("Observatory").1,
        confidence: 0.9,
        weight: 0.1,
        kind: Shape::Newtype(1),
        initial: 'O',
        raw: vec![0, 255],
    };
    let back = round_trip(&m);
    assert_eq!(back["text"], "Observatory");
    assert_eq!(back["confidence"], json!(0.9));
}

#[test]
fn corrupt_blobs_are_errors_not_panics() {
    let v =
        json!({"a": [1, "two", {"text": "BEIRUT", "start": 0, "end": 6}], "b": 0.5f32, "c": -4});
    let blob = encode(&v, TEXT).unwrap();
    for n in 0..blob.len() {
        assert!(decode(&blob[..n], TEXT).is_err(), "cut at {n}");
    }
    let mut longer = blob.clone();
    longer.push(V_NULL);
    assert!(decode(&longer, TEXT).is_err());
    for i in 1..blob.len() {
        for bit in [0x01, 0x02, 0x10, 0x80] {
            let mut b = blob.clone();
            b[i] ^= bit;
            let _ = decode(&b, TEXT);
        }
    }
    let mut deep = vec![TAG_VALUE];
    deep.extend(std::iter::repeat_n(V_ARRAY, 100_000));
    assert!(decode(&deep, TEXT).is_err());
    assert!(decode(&[TAG_VALUE, V_SLICE], TEXT).is_err());
    assert!(decode(&[TAG_VALUE, V_OBJECT, 4, V_NULL, 0], TEXT).is_err());
}

/// The bytes of a small value, written out from the layout (keys numbered in order of first use,
/// a dictionary word, a member cut from the text, a key met again inside an array).
fn pinned_blob() -> Vec<u8> {
    let mut b = vec![TAG_VALUE, V_OBJECT, 17];
    b.extend(b"dateline");
    b.extend([V_OBJECT, 11]);
    b.extend(b"place");
    b.extend([V_SLICE, 19]);
    b.extend(b"place_end");
    b.extend([V_UINT, 6, 23]);
    b.extend(b"place_start");
    b.extend([V_UINT, 0, 0, 9]);
    b.extend(b"kind");
    b.extend([
        V_STR,
        2 * 8 + 1,
        3,
        b'n',
        V_ARRAY,
        V_UINT,
        1,
        V_OBJECT,
        4,
        V_STR,
        2,
        b'X',
        0,
    ]);
    b.extend([V_END, 0]);
    b
}

#[derive(Serialize)]
struct Dateline {
    place: &'static str,
    place_end: usize,
    place_start: usize,
}

#[derive(Serialize)]
struct Place {
    place: &'static str,
}

#[derive(Serialize)]
struct Pinned {
    dateline: Dateline,
    kind: &'static str,
    n: (u8, Place),
}

#[test]
fn the_bytes_are_pinned_whatever_was_encoded_before() {
    let tree = json!({"dateline": {"place": "BEIRUT", "place_end": 6, "place_start": 0},
                      "kind": "city", "n": [1, {"place": "X"}]});
    let structs = Pinned {
        dateline: Dateline {
            place: "BEIRUT",
            place_end: 6,
            place_start: 0,
        },
        kind: "city",
        n: (1, Place { place: "X" }),
    };
    let pinned = pinned_blob();
    assert_eq!(encode(&tree, TEXT).unwrap(), pinned);
    assert_eq!(encode(&structs, TEXT).unwrap(), pinned);
    // Again, after other keys (a span key before its name, thousands of names) on this thread.
    let _ = encode(
        &json!({"kind_start": 0, "kind_end": 6, "z": {"start": 1}}),
        TEXT,
    );
    assert_eq!(encode(&structs, TEXT).unwrap(), pinned);
    let many: serde_json::Map<String, Value> =
        (0..5000).map(|i| (format!("k{i}"), json!(i))).collect();
    let _ = encode(&many, TEXT);
    assert_eq!(encode(&tree, TEXT).unwrap(), pinned);
    assert_eq!(encode(&structs, TEXT).unwrap(), pinned);
    // A name first met after its span keys (in an earlier blob) still finds them.
    let _ = encode(&json!({"late_end": 6, "late_start": 0}), TEXT);
    let late = json!({"late": "BEIRUT", "late_end": 6, "late_start": 0});
    let blob = encode(&late, TEXT).unwrap();
    assert_eq!(decode(&blob, TEXT).unwrap(), late);
    assert!(blob.windows(6).all(|w| w != b"BEIRUT"));
    // The stored form: the LZ4 of the same bytes.
    let blob = encode_compressed(&structs, TEXT).unwrap();
    assert_eq!(blob[0], TAG_VALUE_LZ4);
    let mut plain = crate::codec::compress(&pinned);
    plain[0] = TAG_VALUE_LZ4;
    assert_eq!(blob, plain);
}

/// A JSON tree as derived structs serialise: objects through `serialize_struct` with
/// `&'static str` field names (the ingest path's `annotation_ref` is mostly derived structs).
enum AsStructs {
    Object(Vec<(&'static str, AsStructs)>),
    Array(Vec<AsStructs>),
    Leaf(Value),
}

impl Serialize for AsStructs {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        match self {
            AsStructs::Object(m) => {
                let mut st = s.serialize_struct("T", m.len())?;
                for (k, v) in m {
                    st.serialize_field(k, v)?;
                }
                st.end()
            }
            AsStructs::Array(a) => {
                let mut sq = s.serialize_seq(Some(a.len()))?;
                for v in a {
                    sq.serialize_element(v)?;
                }
                sq.end()
            }
            AsStructs::Leaf(v) => v.serialize(s),
        }
    }
}

/// `v` as [`AsStructs`], each distinct name leaked once (as a derived struct's are static).
fn as_structs(v: &Value, names: &mut std::collections::HashMap<String, &'static str>) -> AsStructs {
    match v {
        Value::Object(m) => AsStructs::Object(
            m.iter()
                .map(|(k, v)| {
                    let name = *names
                        .entry(k.clone())
                        .or_insert_with(|| Box::leak(k.clone().into_boxed_str()));
                    (name, as_structs(v, names))
                })
                .collect(),
        ),
        Value::Array(a) => AsStructs::Array(a.iter().map(|v| as_structs(v, names)).collect()),
        other => AsStructs::Leaf(other.clone()),
    }
}

/// Not a test: the encoder's cost per article on real annotations (`sitrep annotate` output, one
/// JSON object with "text" a line, at `SITREP_ANN_JSONL`, default /tmp/annenc-ann.jsonl), as a
/// JSON tree and as structs, with a hash of every blob (equal hashes: the same bytes).
/// `cargo test --release -p sitrep-store --lib bench_value_blob -- --ignored --nocapture`
#[test]
#[ignore]
fn bench_value_blob() {
    let path = std::env::var("SITREP_ANN_JSONL").unwrap_or("/tmp/annenc-ann.jsonl".into());
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: no annotations at {path}");
        return;
    };
    let mut docs = Vec::new();
    let mut names = std::collections::HashMap::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let mut v: Value = serde_json::from_str(line).unwrap();
        let text = match v.as_object_mut().and_then(|m| m.remove("text")) {
            Some(Value::String(t)) => t,
            _ => String::new(),
        };
        let typed = as_structs(&v, &mut names);
        docs.push((v, typed, text));
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(30);
    let fnv = |h: &mut u64, b: &[u8]| {
        for &x in b {
            *h = (*h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
        }
    };
    let only = std::env::var("MODE").unwrap_or_default();
    for typed in [false, true] {
        if (only == "structs" && !typed) || (only == "tree" && typed) {
            continue;
        }
        for compressed in [false, true] {
            let mut hash = 0xcbf2_9ce4_8422_2325u64;
            let mut bytes = 0;
            let t = std::time::Instant::now();
            for r in 0..rounds {
                for (v, st, text) in &docs {
                    let blob = match (typed, compressed) {
                        (false, false) => encode(v, text),
                        (false, true) => encode_compressed(v, text),
                        (true, false) => encode(st, text),
                        (true, true) => encode_compressed(st, text),
                    }
                    .unwrap();
                    if r == 0 {
                        fnv(&mut hash, &blob);
                        bytes += blob.len();
                    }
                }
            }
            let ns = t.elapsed().as_nanos() as f64 / (rounds * docs.len()) as f64;
            println!(
                "{} {}: {ns:.0} ns/article ({} articles x {rounds}; {bytes} B; hash {hash:016x})",
                if typed { "structs" } else { "tree   " },
                if compressed {
                    "encode_compressed"
                } else {
                    "encode           "
                },
                docs.len()
            );
        }
    }
}
