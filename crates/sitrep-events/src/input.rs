//! The input of the event stage: one document with the annotations of the earlier stages
//! (places, times, actors/people/quotes/cues). Borrowed, read-only.

use sitrep_actors::Who;
use sitrep_geo::PlaceMention;
use sitrep_text::Document;
use sitrep_time::TimeMention;

use crate::record::{ControlClaim, Event};

/// Everything the event stage reads about one document.
#[derive(Clone, Copy)]
pub struct Annotated<'a> {
    pub doc: &'a Document,
    pub places: &'a [PlaceMention],
    pub times: &'a [TimeMention],
    pub who: &'a Who,
}

/// What the event stage produces for one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub control: Vec<ControlClaim>,
}
