//! sitrep-events: from an annotated document (places, times, actors, quotes, cues) to event
//! records (ACLED type and sub-type, CAMEO, PLOVER, actors, place, date, fatalities, sources,
//! certainty, evidence) and control claims. Depends only on earlier stages' types.

pub mod control;
pub mod fatalities;
pub mod input;
pub mod precision;
pub mod record;
pub mod sources;

pub use record::*;
