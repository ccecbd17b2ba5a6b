//! The embedded table of place names that are also common English words or first names
//! (`data/gazetteer/common_words.tsv`, with their Zipf frequency).

use sitrep_text::fxhash::FxHashMap as HashMap;
use std::sync::OnceLock;

const COMMON_WORDS_TSV: &str = include_str!("../../../../data/gazetteer/common_words.tsv");

/// Zipf frequency in English of a one-word place key that is also a common word or name.
pub fn common_word_zipf(folded: &str) -> Option<f32> {
    static T: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    let t = T.get_or_init(|| {
        COMMON_WORDS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, z) = l.split_once('\t')?;
                Some((w, z.trim().parse().ok()?))
            })
            .collect()
    });
    t.get(folded).copied()
}
