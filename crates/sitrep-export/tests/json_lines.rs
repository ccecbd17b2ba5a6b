//! JSON Lines stay one object per line whatever line splitter reads them.

#[test]
fn unicode_line_breaks_are_escaped() {
    let mut out = Vec::new();
    sitrep_export::write_json_line(
        &mut out,
        &serde_json::json!({"text": "a\u{2028}b\u{85}c\u{2029}"}),
    )
    .expect("write");
    let s = String::from_utf8(out).expect("utf8");
    assert_eq!(s, "{\"text\":\"a\\u2028b\\u0085c\\u2029\"}\n");
    let v: serde_json::Value = serde_json::from_str(&s).expect("json");
    assert_eq!(v["text"], "a\u{2028}b\u{85}c\u{2029}");
}
