//! sitrep-store: the SQLite database behind `sitrep ingest`, `events`, `control` and the server.
//!
//! # API (what the CLI and the server build on)
//! - [`Store::open`] (read-write, creates, migrates) / [`Store::open_readonly`] (server). Both refuse
//!   a file that is not SQLite or is corrupt ([`StoreError::NotADatabase`], [`StoreError::Corrupt`]),
//!   a SQLite file of another application ([`StoreError::Foreign`]) and a database from a newer sitrep
//!   ([`StoreError::NewerSchema`]) before writing anything. Every error is a [`StoreError`] with a
//!   message naming the file; the CLI maps them all to exit status 3.
//! - [`Store::ingest_article`]`(&Article, Option<&annotation JSON>, &[Event], &[ControlClaim])` →
//!   [`IngestOutcome::Added`] or [`IngestOutcome::Duplicate`] (same content hash, url or id: nothing
//!   written). One transaction holds the article, its annotation, events, claims and the incidents
//!   and control intervals they change: a kill at any moment leaves the article wholly in or out.
//! - [`Store::ingest_batch`] (many articles, ONE transaction, incidents and timelines updated once
//!   at its end) and [`Store::ingest_packed`] with [`PackedArticle::new`] (the encoding done
//!   beforehand, off the writer thread: what `sitrep ingest` does).
//! - [`Store::write_packed`] (a batch written, the incidents and timelines left pending) and
//!   [`Store::update_derived`] (everything pending folded in, one pass); [`Writer`] /
//!   [`WriterThread`]: the one writer every ingest path uses (batches, summary, final update).
//! - [`Store::query_events`]`(&`[`EventFilter`]`)` → [`EventPage`] (date range, bbox, country, admin1,
//!   actor, type, minimum certainty, text; ordered by first day then id; `limit` + `after` cursor).
//!   [`Store::get_event`], [`Store::article_events`], [`Store::get_article`], [`Store::get_annotation`].
//! - [`Store::incidents`]`(&EventFilter)`, [`Store::get_incident`], [`Store::rebuild_incidents`].
//! - [`Store::control_timeline`]`(name | geonameid)` → [`PlaceTimeline`]s (intervals
//!   `{place, geonameid, holder, from, until, certainty, evidence[]}`; [`PlaceTimeline::at`]),
//!   [`Store::control_at`]`(date, bbox)`, [`Store::rebuild_control`].
//! - [`Store::stats`] (counts, events per day and type), [`Store::integrity_check`],
//!   [`Store::set_page_limit`] (simulates a full disk).
//! - [`bench::bench_store`]: synthetic events → query and snapshot timings, bytes per event.
//!
//! # Invariants
//! - Only this crate knows SQL. Records go in and come out as `sitrep_events` types and the plain
//!   structs of [`types`]; events and annotations are stored as compact blobs (`event_blob`:
//!   only what the row's columns and the article's text do not give back; `value_blob`: binary
//!   JSON, LZ4), claims and intervals as LZ4 JSON, with the filterable fields in columns; the
//!   day index carries each event's coordinates (a bounding box is tested on its entries).
//! - Incidents and control intervals are pure functions of the stored articles: recomputed from
//!   scratch for what the pending events and claims touch (`derived`), in canonical order (content hash), so ingestion order never
//!   changes them (database ids aside).
//! - Day numbers are days from 0001-01-01 (`NaiveDate::num_days_from_ce`); -1 means "no date".

pub mod bench;
mod codec;
pub mod control;
mod derived;
mod error;
mod event_blob;
mod incidents;
mod links;
mod links_memory;
mod packed;
mod query;
mod relation;
mod schema;
mod store;
mod summary_row;
pub mod types;
mod value_blob;
mod varint;
mod writer;

pub use control::PlaceTimeline;
pub use error::StoreError;
pub use incidents::MERGE_KM;
pub use packed::PackedArticle;
pub use schema::SCHEMA_VERSION;
pub use store::Store;
pub use types::*;
pub use writer::{IngestSummary, Writer, WriterStopped, WriterThread};
