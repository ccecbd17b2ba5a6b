//! sitrep-events: from an annotated document (places, times, actors, quotes, cues) to event
//! records (ACLED type and sub-type, CAMEO, PLOVER, actors, place, date, fatalities, sources,
//! certainty, evidence) and control claims. Depends only on earlier stages' types.
//!
//! Code map: `lexicon` (trigger words, data/events/triggers.tsv) → `detect` (triggers, groups,
//! dominant trigger) → `typing` (ACLED sub-type, acting side) → `arguments` (actors, place; `assoc`
//! the associated actors) and
//! `certainty` (modality, certainty, background) → `events` (assembly, numbering; `dating` for
//! dates, `reports` for "X said Y attacked" as X's accusation or claim). `coding` holds the
//! ACLED / CAMEO / PLOVER tables; `mentions` the view of the earlier stages' annotations.

pub mod arguments;
pub mod assoc;
pub mod certainty;
pub mod coding;
pub mod control;
pub mod dating;
pub mod dedupe;
pub mod detect;
pub mod events;
pub mod fatalities;
pub mod input;
pub mod lexicon;
pub mod mentions;
pub mod precision;
pub mod record;
pub mod refine;
pub mod reports;
pub mod sides;
pub mod sources;
#[cfg(test)]
mod test_support;
pub mod typing;

pub use events::{extract, extract_events};
pub use input::{Annotated, Extraction};
pub use mentions::Mentions;
pub use record::*;
