//! `Annotation`: a document with the annotations of every stage before events, and its JSON form
//! (DESIGN.md's `annotate` object). Every annotation is a span of `doc.text`.

use serde_json::{json, Value};
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

/// DESIGN.md's annotate object for one document.
pub fn annotation_json(a: &Annotation) -> Value {
    let d = &a.doc;
    let sentences: Vec<Value> = d
        .sentences
        .iter()
        .map(|s| json!({"start": s.span.start, "end": s.span.end, "kind": s.kind}))
        .collect();
    let dateline = d.dateline.as_ref().map(|dl| {
        json!({"start": dl.span.start, "end": dl.span.end, "place": d.slice(dl.place),
               "place_start": dl.place.start, "place_end": dl.place.end,
               "agency": dl.agency.map(|s| d.slice(s))})
    });
    json!({
        "id": d.id,
        "title": d.title,
        "published": d.published.map(|p| p.format("%Y-%m-%d").to_string()),
        "source": d.source,
        "url": d.url,
        "text": d.text,
        "text_chars": d.char_len(),
        "dateline": dateline,
        "sentences": sentences,
        "places": a.places,
        "actors": a.who.actors,
        "place_actors": a.who.place_actors,
        "people": a.who.people,
        "times": a.times,
        "quotes": a.who.quotes,
        "cues": a.who.cues,
    })
}
