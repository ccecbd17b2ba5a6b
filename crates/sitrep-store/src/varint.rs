//! The byte-level pieces of the compact blobs (`event_blob`, `value_blob`): LEB128 varints,
//! length-prefixed strings with a small fixed dictionary of frequent words, and a bounds-checked
//! reader whose every failure is an error (a corrupt blob must never panic).

/// Words that are written as a dictionary number instead of their bytes (ACLED actor types,
/// place kinds, PLOVER types, frequent source roles and names). APPEND ONLY: a word's number is
/// part of every blob written with it; changing or removing an entry breaks stored databases.
const WORDS: &[&str] = &[
    // ACLED actor types.
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
    // Place kinds.
    "city",
    "admin1",
    "admin2",
    "country",
    "region",
    "water",
    "other",
    // PLOVER event types.
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    // Source roles and names.
    "outlet",
    "unknown",
    "official",
    "named",
    "anonymous",
    // Time and annotation vocabulary.
    "DATE",
    "day",
    "month",
    "year",
    "body",
    "report",
];

// The candidate sets below are bit sets over the words.
const _: () = assert!(WORDS.len() <= 64);

/// Bit `i` of entry `n`: word `i` is `n` bytes long (all are shorter than 64).
const BY_LENGTH: [u64; 64] = {
    let mut sets = [0u64; 64];
    let mut i = 0;
    while i < WORDS.len() {
        sets[WORDS[i].len()] |= 1 << i;
        i += 1;
    }
    sets
};

/// Bit `i` of entry `b`: word `i` starts with byte `b`.
const BY_FIRST: [u64; 256] = {
    let mut sets = [0u64; 256];
    let mut i = 0;
    while i < WORDS.len() {
        sets[WORDS[i].as_bytes()[0] as usize] |= 1 << i;
        i += 1;
    }
    sets
};

fn word_number(s: &str) -> Option<usize> {
    // Most strings are no word: their length and first byte leave no candidate (or one).
    let first = *s.as_bytes().first()?;
    let mut candidates = BY_LENGTH.get(s.len())? & BY_FIRST[usize::from(first)];
    while candidates != 0 {
        let i = candidates.trailing_zeros() as usize;
        if WORDS[i] == s {
            return Some(i);
        }
        candidates &= candidates - 1;
    }
    None
}

pub(crate) fn put_uv(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub(crate) fn put_usize(out: &mut Vec<u8>, v: usize) {
    put_uv(out, v as u64)
}

/// A string: `2n` then `n` bytes, or `2k + 1` for dictionary word `k`. Whether it was written
/// out (its bytes end `out`).
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) -> bool {
    match word_number(s) {
        Some(k) => {
            put_uv(out, 2 * k as u64 + 1);
            false
        }
        None => {
            put_uv(out, 2 * s.len() as u64);
            out.extend_from_slice(s.as_bytes());
            true
        }
    }
}

pub(crate) fn put_f64(out: &mut Vec<u8>, x: f64) {
    out.extend_from_slice(&x.to_bits().to_le_bytes());
}

/// Reads what the `put_*` functions wrote; every read is checked.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

pub(crate) type ReadResult<T> = Result<T, String>;

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    pub fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub fn peek(&self) -> ReadResult<u8> {
        self.bytes
            .get(self.pos)
            .copied()
            .ok_or_else(|| format!("blob ends at byte {}", self.pos))
    }

    pub fn u8(&mut self) -> ReadResult<u8> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| format!("blob ends at byte {}", self.pos))?;
        self.pos += 1;
        Ok(b)
    }

    pub fn uv(&mut self) -> ReadResult<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(format!("varint too long before byte {}", self.pos))
    }

    pub fn usize(&mut self) -> ReadResult<usize> {
        usize::try_from(self.uv()?).map_err(|_| "number out of range".to_string())
    }

    pub fn u32(&mut self) -> ReadResult<u32> {
        u32::try_from(self.uv()?).map_err(|_| "number out of range".to_string())
    }

    /// A count of items that each take at least one byte (a corrupt count cannot allocate more
    /// than the blob's size).
    pub fn count(&mut self) -> ReadResult<usize> {
        let n = self.usize()?;
        if n > self.bytes.len() - self.pos {
            return Err(format!("count {n} past the end of the blob"));
        }
        Ok(n)
    }

    pub fn bytes(&mut self, n: usize) -> ReadResult<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| format!("{n} bytes past the end of the blob"))?;
        let b = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(b)
    }

    pub fn str(&mut self) -> ReadResult<&'a str> {
        let h = self.uv()?;
        if h & 1 == 1 {
            let k = usize::try_from(h >> 1).map_err(|_| "bad word number".to_string())?;
            return WORDS
                .get(k)
                .copied()
                .ok_or_else(|| format!("no dictionary word {k}"));
        }
        let n = usize::try_from(h >> 1).map_err(|_| "string length out of range".to_string())?;
        std::str::from_utf8(self.bytes(n)?).map_err(|e| e.to_string())
    }

    pub fn string(&mut self) -> ReadResult<String> {
        self.str().map(str::to_string)
    }

    pub fn f64(&mut self) -> ReadResult<f64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_bits(u64::from_le_bytes(a)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_strings_round_trip() {
        let mut out = Vec::new();
        let nums = [
            0u64,
            1,
            127,
            128,
            300,
            16_383,
            16_384,
            u32::MAX as u64,
            u64::MAX,
        ];
        for n in nums {
            put_uv(&mut out, n);
        }
        let strs = [
            "",
            "city",
            "State forces",
            "ü naïve",
            "State force",
            "ASSAULT!",
        ];
        for s in strs {
            put_str(&mut out, s);
        }
        put_f64(&mut out, -0.0);
        put_f64(&mut out, 33.51020050048828);
        let mut r = Reader::new(&out);
        for n in nums {
            assert_eq!(r.uv().unwrap(), n);
        }
        for s in strs {
            assert_eq!(r.str().unwrap(), s);
        }
        assert_eq!(r.f64().unwrap().to_bits(), (-0.0f64).to_bits());
        assert_eq!(r.f64().unwrap(), 33.51020050048828);
        assert!(r.at_end());
        assert!(r.u8().is_err());
    }

    #[test]
    fn dictionary_words_are_distinct() {
        for (i, w) in WORDS.iter().enumerate() {
            assert_eq!(word_number(w), Some(i), "{w} listed twice");
        }
    }

    #[test]
    fn only_whole_words_are_dictionary_words() {
        // Near misses: each word cut, extended, in another case, with a byte changed.
        for w in WORDS {
            let mut near = vec![
                w[..w.len() - 1].to_string(),
                format!("{w} "),
                format!(" {w}"),
                w.to_uppercase(),
                w.to_lowercase(),
            ];
            for i in 0..w.len() {
                let mut b = w.as_bytes().to_vec();
                b[i] ^= 0x01;
                near.extend(String::from_utf8(b).ok());
            }
            for s in near.iter().filter(|s| !WORDS.contains(&s.as_str())) {
                assert_eq!(word_number(s), None, "{s:?}");
            }
        }
        for s in ["", "x", &"a".repeat(64), &"State forces".repeat(6)] {
            assert_eq!(word_number(s), None);
        }
    }

    #[test]
    fn corrupt_input_is_an_error() {
        assert!(Reader::new(&[0xff; 11]).uv().is_err());
        assert!(Reader::new(&[20, b'a']).str().is_err());
        assert!(Reader::new(&[4, 0xff, 0xfe]).str().is_err());
        let mut no_word = Vec::new();
        put_uv(&mut no_word, 2 * 200 + 1);
        assert!(Reader::new(&no_word).str().is_err());
        assert!(Reader::new(&[50]).count().is_err());
        assert!(Reader::new(&[1, 2, 3]).f64().is_err());
    }
}
