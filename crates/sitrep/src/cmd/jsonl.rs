//! One JSON value per line, safe for every line splitter: besides `\n`, Python's `splitlines()`
//! and some JavaScript tools break lines at U+0085, U+2028 and U+2029, which JSON allows raw
//! inside strings. They are written as `\u` escapes (still the same JSON value), so a consumer
//! that splits on any Unicode line boundary still gets one object per line.

use std::io::Write;

/// Serialise `value` and write it as one line.
pub fn write_line(out: &mut impl Write, value: &impl serde::Serialize) -> anyhow::Result<()> {
    let s = serde_json::to_string(value)?;
    if s.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        let s = s
            .replace('\u{85}', "\\u0085")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        out.write_all(s.as_bytes())?;
    } else {
        out.write_all(s.as_bytes())?;
    }
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn unicode_line_breaks_are_escaped() {
        let mut out = Vec::new();
        super::write_line(&mut out, &serde_json::json!({"text": "a\u{2028}b\u{85}c"})).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, "{\"text\":\"a\\u2028b\\u0085c\"}\n");
        assert_eq!(s.lines().count(), 1);
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["text"], "a\u{2028}b\u{85}c");
    }
}
