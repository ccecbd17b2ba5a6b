//! The fast non-cryptographic hashing the stages use for lookup tables built from their own data
//! and queried once per token or window: the `rustc-hash` crate's FxHash maps, plus `hash_bytes`
//! for hand-built tables. Keys are short words and names, where SipHash's resistance to crafted
//! collisions buys nothing and costs a large share of the lookup time. Iteration order of these
//! maps is unspecified, as with any `HashMap`: never let output depend on it.

use std::hash::Hasher;

pub use rustc_hash::{FxBuildHasher as FxBuild, FxHashMap, FxHashSet, FxHasher};

/// A well-mixed 64-bit hash of a byte string, for hand-built tables that take bits from the top
/// or bottom of the hash.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(bytes);
    h.write_usize(bytes.len());
    // Final avalanche (the finaliser of MurmurHash3), so every output bit depends on every input.
    let mut x = h.finish();
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_and_hashes_differ() {
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        m.insert("baghdad".into(), 1);
        m.insert("mosul".into(), 2);
        assert_eq!(m.get("baghdad"), Some(&1));
        assert_eq!(m.get("basra"), None);
        assert_ne!(hash_bytes(b"a"), hash_bytes(b"a\0"));
        assert_ne!(hash_bytes(b""), hash_bytes(b"\0"));
        assert_ne!(hash_bytes(b"al qaim"), hash_bytes(b"al qaim "));
    }
}
