//! `PackedArticle`: an article with everything the writer stores already encoded (content hash,
//! compressed annotation, each event's column values and blob, claim blobs). Packing needs no
//! database, so `sitrep ingest` does it on the extraction threads and the one writer only runs
//! SQL (the events themselves are dropped where they were made).

use crate::codec::pack;
use crate::event_blob::{self, EventCols, Slicer};
use crate::store::{territorial_claim, Store};
use crate::summary_row::{canon, stored_source, Lite};
use crate::types::Article;
use crate::value_blob;
use sitrep_events::{ControlClaim, Event};

/// A control claim with its compressed blob.
pub(crate) type PackedClaim = (ControlClaim, Vec<u8>);

/// An article ready for [`Store::ingest_packed`].
pub struct PackedArticle {
    pub(crate) article: Article,
    pub(crate) hash: [u8; 32],
    pub(crate) annotation: Option<Vec<u8>>,
    /// Each event's row and, for territorial events, the claim it makes (and its blob).
    pub(crate) events: Vec<EventRow>,
    pub(crate) control: Vec<PackedClaim>,
    /// What an incident row needs of each typed event (by position; the writer takes it and
    /// sets the article id it wrote).
    pub(crate) facts: Vec<Option<Lite>>,
}

impl PackedArticle {
    /// Encode an article, its annotation (DESIGN.md's annotate object; its `text` is dropped, the
    /// article holds it), events and control claims.
    pub fn new(
        article: Article,
        annotation: Option<&serde_json::Value>,
        events: Vec<Event>,
        control: Vec<ControlClaim>,
    ) -> PackedArticle {
        let annotation = annotation.map(|ann| match ann.as_object() {
            Some(o) => annotation_blob(&WithoutText(o), &article.text),
            None => annotation_blob(ann, &article.text),
        });
        Self::with_blob(article, annotation, events, control)
    }

    /// [`PackedArticle::new`] for an annotation given as any serialisable form of DESIGN.md's
    /// annotate object without its `text` (e.g. `sitrep_pipeline`'s annotation itself): written
    /// straight to the compact blob, no JSON in between.
    pub fn with_annotation<T: serde::Serialize + ?Sized>(
        article: Article,
        annotation: Option<&T>,
        events: Vec<Event>,
        control: Vec<ControlClaim>,
    ) -> PackedArticle {
        let annotation = annotation.map(|ann| annotation_blob(ann, &article.text));
        Self::with_blob(article, annotation, events, control)
    }

    fn with_blob(
        article: Article,
        annotation: Option<Vec<u8>>,
        events: Vec<Event>,
        control: Vec<ControlClaim>,
    ) -> PackedArticle {
        let hash = Store::content_hash(&article.text);
        let source = stored_source(article.source.as_deref());
        let facts = events
            .iter()
            .enumerate()
            .map(|(ord, e)| {
                e.acled_event_type
                    .is_some()
                    .then(|| Lite::new(e, 0, canon(&hash, ord), source.clone()))
            })
            .collect();
        let text = Slicer::new(&article.text);
        let events = events
            .into_iter()
            .map(|e| {
                let blob = event_blob::encode(&e, &article.id, &text);
                let claim = territorial_claim(&e).map(|c| {
                    let b = pack(&c);
                    (c, b)
                });
                EventRow {
                    cols: EventCols::from_event(e),
                    blob,
                    claim,
                }
            })
            .collect();
        let control = control
            .into_iter()
            .map(|c| {
                let b = pack(&c);
                (c, b)
            })
            .collect();
        PackedArticle {
            article,
            hash,
            annotation,
            events,
            control,
            facts,
        }
    }

    pub fn article(&self) -> &Article {
        &self.article
    }
}

/// An event as the writer stores it: the values of its `events` columns, its blob, and the claim
/// a territorial event makes. Built on the thread that made the event, which drops the rest of it.
pub(crate) struct EventRow {
    pub cols: EventCols,
    pub blob: Vec<u8>,
    pub claim: Option<PackedClaim>,
}

/// The compact blob of an annotation (`value_blob`); its JSON, compressed, should a value not
/// fit that form (a map key that is not a string or number).
fn annotation_blob<T: serde::Serialize + ?Sized>(ann: &T, text: &str) -> Vec<u8> {
    value_blob::encode_compressed(ann, text).unwrap_or_else(|_| pack(ann))
}

/// A JSON object serialised without its `text` member (no copy of the annotation).
struct WithoutText<'a>(&'a serde_json::Map<String, serde_json::Value>);

impl serde::Serialize for WithoutText<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let kept = self.0.iter().filter(|(k, _)| k.as_str() != "text");
        let mut m = s.serialize_map(Some(kept.clone().count()))?;
        for (k, v) in kept {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
