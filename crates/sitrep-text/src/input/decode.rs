//! Bytes → text: UTF-8 with or without BOM, UTF-16 with BOM (or without, when its NUL bytes say
//! so), Windows-1252 as the fallback for
//! non-UTF-8 text; binary junk and empty input are refused with a reason. The BOM is stripped and
//! nothing else is changed, so char offsets count characters of exactly the returned text.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why bytes could not be turned into article text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("empty input (no text)")]
    Empty,
    #[error("binary data, not text ({0})")]
    Binary(String),
    #[error("undecodable bytes: {0}")]
    Undecodable(String),
}

/// Decode one input's bytes.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest)
            .map_err(|e| {
                DecodeError::Undecodable(format!(
                    "invalid UTF-8 after a UTF-8 BOM at byte {}",
                    e.valid_up_to() + 3
                ))
            })?
            .to_string()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let enc = if bytes[0] == 0xFF { UTF_16LE } else { UTF_16BE };
        let (s, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(DecodeError::Undecodable(format!(
                "invalid {} sequence",
                enc.name()
            )));
        }
        s.into_owned()
    } else if let Some(enc) = bomless_utf16(bytes) {
        let (s, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            return Err(DecodeError::Undecodable(format!(
                "invalid {} sequence (no BOM)",
                enc.name()
            )));
        }
        s.into_owned()
    } else {
        if bytes.contains(&0) {
            return Err(DecodeError::Binary("contains NUL bytes".into()));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let (s, _, _) = WINDOWS_1252.decode(bytes);
                // Bytes Windows-1252 leaves undefined come out as C1 controls.
                if let Some(c) = s.chars().find(|c| ('\u{80}'..='\u{9F}').contains(c)) {
                    return Err(DecodeError::Undecodable(format!(
                        "neither UTF-8 nor Windows-1252 (byte 0x{:02X})",
                        c as u32
                    )));
                }
                s.into_owned()
            }
        }
    };
    check_text(&text)?;
    Ok(text)
}

/// UTF-16 saved without a BOM: an even length, and in the first 4 KiB NUL bytes only ever at odd
/// offsets (little-endian) or only at even ones (big-endian), at least a quarter of them — the high
/// bytes of Latin-script text. Binary files put NULs at both parities and stay refused.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let head = &bytes[..bytes.len().min(4096)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in head.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = head.len() / 2;
    match (even, odd) {
        (0, o) if o * 4 >= pairs => Some(UTF_16LE),
        (e, 0) if e * 4 >= pairs => Some(UTF_16BE),
        _ => None,
    }
}

/// Refuse empty text and text that is mostly control characters.
pub fn check_text(text: &str) -> Result<(), DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut n = 0usize;
    let mut ctrl = 0usize;
    for c in text.chars().take(65_536) {
        n += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}') || c == '\u{FFFD}' {
            ctrl += 1;
        }
    }
    if ctrl * 20 > n {
        return Err(DecodeError::Binary(format!(
            "{ctrl} control characters in the first {n}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFHello").unwrap(), "Hello");
        assert_eq!(decode(b"\xFF\xFEH\x00i\x00").unwrap(), "Hi");
        assert_eq!(decode(b"\xFE\xFF\x00H\x00i").unwrap(), "Hi");
        assert_eq!(
            decode(b"caf\xE9 \x93quoted\x94").unwrap(),
            "café \u{201C}quoted\u{201D}"
        );
        assert_eq!(decode(b"H\x00i\x00").unwrap(), "Hi");
        assert_eq!(decode(b"\x00H\x00i").unwrap(), "Hi");
        assert!(matches!(
            decode(&[0u8, 159, 146, 150, 1, 2, 3, 0, 255, 254, 0, 7]),
            Err(DecodeError::Binary(_))
        ));
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b"  \n ").unwrap_err(), DecodeError::Empty);
        assert!(matches!(
            decode(b"\x00\x01\x02binary"),
            Err(DecodeError::Binary(_))
        ));
        assert!(matches!(
            decode(b"text \x81 here"),
            Err(DecodeError::Undecodable(_))
        ));
        assert!(matches!(
            decode(&[0x01u8, 0x02, 0x03, 0x04, 0x05, b'a']),
            Err(DecodeError::Binary(_))
        ));
    }
}
