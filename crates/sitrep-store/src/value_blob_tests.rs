//! Tests of the compact JSON blob: every serde shape reads back as the `Value` its JSON parses
//! to, members that are slices of the text (unicode, `k_start`/`k_end`, near misses), and corrupt
//! blobs.

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
