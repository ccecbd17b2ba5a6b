//! Articles into the database: the one ingest path of `sitrep ingest`, `sitrep demo` and the
//! server's `POST /api/articles`. [`pack`] runs the pipeline on one raw article and encodes what
//! the store keeps (any thread); [`pack_all`] does it for a list on all cores (rayon), in input
//! order; [`ingest_all`] hands the packed articles to one [`Writer`] (one transaction) and brings
//! the incidents and control timelines up to date. Streaming input (`sitrep ingest`) feeds
//! [`pack`]'s results to a `sitrep_store::WriterThread` instead.

use crate::Pipeline;
use chrono::NaiveDate;
use rayon::prelude::*;
use sitrep_store::{
    Article, IngestOutcome, IngestSummary, PackedArticle, Store, StoreError, Writer,
};
use sitrep_text::input::RawArticle;

/// Run the pipeline on `raw` and pack the article, its annotation, events and control claims for
/// the store. `published` overrides the article's own date (`--published`). `Err`: why the
/// pipeline refused the article (e.g. an unreadable publication date).
pub fn pack(
    pipeline: &Pipeline,
    raw: RawArticle,
    published: Option<NaiveDate>,
) -> Result<PackedArticle, String> {
    let (id, title, url, source) = (
        raw.id.clone(),
        raw.title.clone(),
        raw.url.clone(),
        raw.source.clone(),
    );
    let doc = pipeline.document(raw, published)?;
    let ann = pipeline.annotate(doc);
    let x = pipeline.extract(&ann);
    let article = Article {
        id,
        title,
        url,
        source,
        published: ann.doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
        // A copy: the annotation's serialiser still reads the document's text.
        text: ann.doc.text.clone(),
    };
    // The annotation without its text (the article row holds it), straight to the store's form.
    let annotation = crate::annotation::annotation_ref(&ann, false);
    let packed = PackedArticle::with_annotation(article, Some(&annotation), x.events, x.control);
    Ok(packed)
}

/// [`pack`] every article on all cores; results in input order.
pub fn pack_all(pipeline: &Pipeline, raws: Vec<RawArticle>) -> Vec<Result<PackedArticle, String>> {
    raws.into_par_iter()
        .map(|raw| pack(pipeline, raw, None))
        .collect()
}

/// Store packed articles in ONE transaction (all or none) and update the incidents and control
/// timelines: the summary and each article's outcome, in order.
pub fn ingest_all(
    store: &mut Store,
    items: &mut [PackedArticle],
) -> Result<(IngestSummary, Vec<IngestOutcome>), StoreError> {
    let mut w = Writer::new(store);
    let outcomes = w.write(items)?;
    let (_, summary) = w.finish().map_err(|(_, e)| e)?;
    Ok((summary, outcomes))
}
