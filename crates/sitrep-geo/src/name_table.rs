//! The gazetteer's name-key hash table, built at load time over the sorted key blob of
//! `gazetteer.bin.gz` (whose format stays as it is). Open addressing with linear probing; each
//! slot (32 bits) holds a key's index and, in the bits the index leaves free, part of its hash, so
//! a probe that misses rarely touches the key bytes. A lookup costs one or two cache misses where the binary search over half a million
//! keys cost about twenty string comparisons.

use sitrep_text::fxhash::hash_bytes;

/// Each slot: key index + 1 in the low `idx_bits` bits (0 = empty slot), the top bits of the
/// hash's upper half above them.
pub(crate) struct NameTable {
    slots: Vec<u32>,
    mask: usize,
    idx_mask: u32,
}

impl NameTable {
    /// A table over keys `0..n`; `key(k)` gives key `k`'s bytes. Of two equal keys a lookup finds
    /// the one with the lower index, as a binary search for the lower bound did: both have the
    /// same home slot and the lower index is inserted first.
    pub(crate) fn build<'a>(n: usize, key: impl Fn(usize) -> &'a [u8]) -> NameTable {
        let n = n.min(u32::MAX as usize - 1);
        let size = (n.max(1) * 2).next_power_of_two();
        let mask = size - 1;
        let idx_bits = usize::BITS - n.leading_zeros();
        let idx_mask = ((1u64 << idx_bits) - 1) as u32;
        let hashes: Vec<u64> = (0..n).map(|k| hash_bytes(key(k))).collect();
        // Insert in order of home slot (a counting sort on its top bits, stable in key index), so
        // the writes sweep the table instead of landing at random: load time, not the result,
        // depends on the order.
        let top_bits = (size.trailing_zeros()).min(12);
        let shift = size.trailing_zeros() - top_bits;
        let bucket = |h: u64| (h as usize & mask) >> shift;
        let mut start = vec![0usize; (1 << top_bits) + 1];
        for &h in &hashes {
            start[bucket(h) + 1] += 1;
        }
        for b in 1..start.len() {
            start[b] += start[b - 1];
        }
        let mut order = vec![0u32; n];
        for (k, &h) in hashes.iter().enumerate() {
            let b = bucket(h);
            order[start[b]] = k as u32;
            start[b] += 1;
        }
        let mut slots = vec![0u32; size];
        for &k in &order {
            let h = hashes[k as usize];
            let mut i = h as usize & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = ((h >> 32) as u32 & !idx_mask) | (k + 1);
        }
        NameTable {
            slots,
            mask,
            idx_mask,
        }
    }

    /// The index of the key equal to `target`, if any.
    #[inline]
    pub(crate) fn find<'a>(&self, target: &[u8], key: impl Fn(usize) -> &'a [u8]) -> Option<usize> {
        let h = hash_bytes(target);
        let tag = (h >> 32) as u32 & !self.idx_mask;
        let mut i = h as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return None;
            }
            if s & !self.idx_mask == tag {
                let k = (s & self.idx_mask) as usize - 1;
                if key(k) == target {
                    return Some(k);
                }
            }
            i = (i + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_no_other() {
        let keys: Vec<String> = (0..5000).map(|i| format!("place {i}")).collect();
        let t = NameTable::build(keys.len(), |k| keys[k].as_bytes());
        for (k, s) in keys.iter().enumerate() {
            assert_eq!(t.find(s.as_bytes(), |k| keys[k].as_bytes()), Some(k));
        }
        assert_eq!(t.find(b"place 5000", |k| keys[k].as_bytes()), None);
        assert_eq!(t.find(b"", |k| keys[k].as_bytes()), None);
        let dup = ["a", "b", "b", "c", "b"];
        let t = NameTable::build(5, |k| dup[k].as_bytes());
        assert_eq!(t.find(b"b", |k| dup[k].as_bytes()), Some(1));
        assert_eq!(t.find(b"c", |k| dup[k].as_bytes()), Some(3));
        let empty = NameTable::build(0, |_| &[][..]);
        assert_eq!(empty.find(b"x", |_| &[][..]), None);
    }
}
