//! `Annotation`: a document with the annotations of every stage before events, and its JSON form
//! (DESIGN.md's `annotate` object). Every annotation is a span of `doc.text`.

use serde_json::Value;
use sitrep_actors::Who;
use sitrep_geo::PlaceMention;
use sitrep_text::Document;
use sitrep_time::TimeMention;

pub struct Annotation {
    pub doc: Document,
    pub places: Vec<PlaceMention>,
    pub times: Vec<TimeMention>,
    pub who: Who,
}

/// DESIGN.md's annotate object for one document, as a JSON tree (the same object as
/// [`annotation_ref`] with the text; one serialiser, `AnnotationRef`, defines both).
pub fn annotation_json(a: &Annotation) -> serde_json::Result<Value> {
    serde_json::to_value(AnnotationRef { a, with_text: true })
}

/// DESIGN.md's annotate object as a serialisable value (the one serialiser behind
/// [`annotation_json`]), without its `text` member when `with_text` is false: what the store
/// encodes in its own form (`PackedArticle::with_annotation`), no `Value` tree in between.
/// Floats are written at their own precision (an `f32` confidence of 0.9 is `0.9`, where the
/// `Value` form widens it first).
pub fn annotation_ref(a: &Annotation, with_text: bool) -> impl serde::Serialize + '_ {
    AnnotationRef { a, with_text }
}

struct AnnotationRef<'a> {
    a: &'a Annotation,
    with_text: bool,
}

#[derive(serde::Serialize)]
struct SentenceRef {
    end: usize,
    kind: sitrep_text::SentenceKind,
    start: usize,
}

#[derive(serde::Serialize)]
struct DatelineRef<'a> {
    agency: Option<&'a str>,
    end: usize,
    place: &'a str,
    place_end: usize,
    place_start: usize,
    start: usize,
}

impl serde::Serialize for AnnotationRef<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (a, d) = (self.a, &self.a.doc);
        let mut m = s.serialize_map(None)?;
        // Keys in the order a `Value` object (a sorted map) prints them.
        m.serialize_entry("actors", &a.who.actors)?;
        m.serialize_entry("cues", &a.who.cues)?;
        let dateline = d.dateline.as_ref().map(|dl| DatelineRef {
            agency: dl.agency.map(|s| d.slice(s)),
            end: dl.span.end,
            place: d.slice(dl.place),
            place_end: dl.place.end,
            place_start: dl.place.start,
            start: dl.span.start,
        });
        m.serialize_entry("dateline", &dateline)?;
        m.serialize_entry("id", &d.id)?;
        m.serialize_entry("people", &a.who.people)?;
        m.serialize_entry("place_actors", &a.who.place_actors)?;
        m.serialize_entry("places", &a.places)?;
        m.serialize_entry(
            "published",
            &d.published.map(|p| p.format("%Y-%m-%d").to_string()),
        )?;
        m.serialize_entry("quotes", &a.who.quotes)?;
        let sentences: Vec<SentenceRef> = d
            .sentences
            .iter()
            .map(|s| SentenceRef {
                end: s.span.end,
                kind: s.kind,
                start: s.span.start,
            })
            .collect();
        m.serialize_entry("sentences", &sentences)?;
        m.serialize_entry("source", &d.source)?;
        if self.with_text {
            m.serialize_entry("text", &d.text)?;
        }
        m.serialize_entry("text_chars", &d.char_len())?;
        m.serialize_entry("times", &a.times)?;
        m.serialize_entry("title", &d.title)?;
        m.serialize_entry("url", &d.url)?;
        m.end()
    }
}
