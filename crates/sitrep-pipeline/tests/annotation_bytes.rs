//! `annotation_ref` (the serialisable form the store encodes) says the same as `annotation_json`
//! (the `Value` form `sitrep annotate` prints), with or without the text.

use serde_json::Value;
use sitrep_pipeline::annotation::{annotation_json, annotation_ref};
use sitrep_pipeline::Pipeline;
use sitrep_text::input::RawArticle;

/// Equal, numbers compared as f32 (the `Value` form widens an f32 confidence to f64 first).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => (x as f32) == (y as f32),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn byte_form_equals_the_value_form() {
    let pipeline = Pipeline::load().expect("pipeline");
    let texts = [
        "BAGHDAD (Reuters) - Islamic State fighters seized the town of Rutba on Monday, \
         a police officer said. \"We withdrew,\" he told reporters. Iraqi forces said \
         they would retake Ramadi within days.",
        "Sun 05 Jul 2015 22 dead in U.S. raids on Raqa. Six civilians were among at least \
         22 people killed in air strikes on Saturday, a monitor said.",
        "",
    ];
    for (i, text) in texts.iter().enumerate() {
        let raw = RawArticle {
            id: format!("t{i}"),
            title: Some("A title".into()),
            text: text.to_string(),
            published: Some("2016-03-07".into()),
            source: Some("reuters".into()),
            url: None,
        };
        let Ok(doc) = pipeline.document(raw, None) else {
            continue;
        };
        let ann = pipeline.annotate(doc);
        let want = annotation_json(&ann).expect("serialises");
        let mut bytes = Vec::new();
        serde_json::to_writer(&mut bytes, &annotation_ref(&ann, true)).expect("serialises");
        let got: Value = serde_json::from_slice(&bytes).expect("valid JSON");
        assert!(same(&got, &want), "text {i}:\n{got}\n{want}");
        assert!(want["places"].as_array().is_some_and(|p| !p.is_empty()) || i > 0);

        let mut bytes = Vec::new();
        serde_json::to_writer(&mut bytes, &annotation_ref(&ann, false)).expect("serialises");
        let mut got: Value = serde_json::from_slice(&bytes).expect("valid JSON");
        assert!(got.get("text").is_none());
        got["text"] = want["text"].clone();
        assert!(same(&got, &want), "text {i} without text");
    }
}
