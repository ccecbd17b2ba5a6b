//! Word lists the recogniser uses: words that look like place names but rarely are (months, titles,
//! group names), context cues before and after place names, and the embedded table of place names
//! that are also common English words or first names (`data/gazetteer/common_words.tsv`).
//!
//! One file per job: `stop_words` (words that are no place on their own), `names` (words around
//! person and organisation names), `cues` (context cues and kind hints), `common_words` (the
//! common-word table).

mod common_words;
mod cues;
mod names;
mod stop_words;

pub use common_words::common_word_zipf;
pub use cues::{of_hint, suffix_hint, KindHint, CUE_BEFORE, CUE_OF};
pub use names::{is_first_name, CONNECT_WORD, ORG_NOUNS, PERSON_AFTER, PERSON_BEFORE, PLACE_NOUNS};
pub use stop_words::{is_date_abbreviation, is_stop, DIRECTIONS};
