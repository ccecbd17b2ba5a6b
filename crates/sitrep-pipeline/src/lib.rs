//! sitrep-pipeline: wires the stages in their one direction — raw article → `Document` (text) →
//! places (geo), actors/people/quotes/cues (actors), times (time, anchored on the quotes) →
//! events and control claims (events). Loads the shared read-only data (gazetteer, actor
//! lexicon) once. The CLI, the store and the server all go through here.

pub mod annotation;
pub mod eval_events;
pub mod eval_fakes;
mod eval_gsr;
pub mod ingest;
pub mod published;

pub use annotation::{annotation_json, Annotation};

use anyhow::Context;
use chrono::NaiveDate;
use sitrep_events::{Annotated, Extraction};
use sitrep_text::input::RawArticle;
use sitrep_text::{DocMeta, Document, Span};

/// The loaded stages; `Send + Sync`, share it with `Arc` across threads.
pub struct Pipeline {
    pub gazetteer: sitrep_geo::Gazetteer,
    pub lexicon: sitrep_actors::Lexicon,
}

impl Pipeline {
    /// Load the embedded gazetteer and actor lexicon.
    pub fn load() -> anyhow::Result<Pipeline> {
        let gazetteer = sitrep_geo::Gazetteer::load().context("loading the gazetteer")?;
        let lexicon = sitrep_actors::Lexicon::load().context("loading the actor lexicon")?;
        Ok(Pipeline { gazetteer, lexicon })
    }

    /// Build the `Document` of a raw article. The publication date comes from the override (a
    /// `--published` flag), else the article's own field, else the date line / dateline of its text.
    pub fn document(
        &self,
        raw: RawArticle,
        published_override: Option<NaiveDate>,
    ) -> Result<Document, String> {
        let field =
            match raw
                .published
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                Some(s) => Some(published::parse(s).ok_or_else(|| {
                    format!("unknown publication date {s:?} (expected YYYY-MM-DD)")
                })?),
                None => None,
            };
        let meta = DocMeta {
            id: raw.id,
            title: raw.title,
            published: published_override.or(field),
            source: raw.source,
            url: raw.url,
        };
        let mut doc = Document::new(meta, raw.text);
        if doc.published.is_none() {
            doc.published =
                sitrep_time::dateline_date(&doc).or_else(|| published::from_header(&doc));
        }
        Ok(doc)
    }

    /// Run the annotation stages on a document.
    pub fn annotate(&self, doc: Document) -> Annotation {
        let places = sitrep_geo::geoparse(&doc, &self.gazetteer);
        let who = sitrep_actors::annotate(&doc, &self.lexicon);
        let quote_spans: Vec<Span> = who
            .quotes
            .iter()
            .map(|q| Span::new(q.start, q.end))
            .collect();
        let times = sitrep_time::annotate(&doc, &quote_spans);
        Annotation {
            doc,
            places,
            times,
            who,
        }
    }

    /// Run the event stage on an annotated document.
    pub fn extract(&self, ann: &Annotation) -> Extraction {
        sitrep_events::extract(&Annotated {
            doc: &ann.doc,
            places: &ann.places,
            times: &ann.times,
            who: &ann.who,
        })
    }
}
