//! The data the server serves, as a trait: what the HTTP layer asks of a database. The SQLite
//! store implements it (`store_backend.rs`); `memory.rs` holds a small in-memory one for tests.
//! Calls are blocking: the HTTP layer runs them on tokio's blocking pool.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sitrep_events::{Certainty, Event};

/// A bounding box, degrees: west, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    /// Parses `W,S,E,N`; says what is wrong otherwise.
    pub fn parse(s: &str) -> Result<BBox, String> {
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        if parts.len() != 4 {
            return Err(format!("bbox must be W,S,E,N (four numbers), got {s:?}"));
        }
        let mut v = [0f64; 4];
        for (slot, p) in v.iter_mut().zip(&parts) {
            *slot = p
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("bbox: {p:?} is not a number"))?;
        }
        let [west, south, east, north] = v;
        if !(-180.0..=180.0).contains(&west) || !(-180.0..=180.0).contains(&east) {
            return Err(format!(
                "bbox: longitudes must be within -180..180, got {s:?}"
            ));
        }
        if !(-90.0..=90.0).contains(&south) || !(-90.0..=90.0).contains(&north) {
            return Err(format!("bbox: latitudes must be within -90..90, got {s:?}"));
        }
        if south > north {
            return Err(format!("bbox: south ({south}) is north of north ({north})"));
        }
        // west > east is a box across the antimeridian.
        Ok(BBox {
            west,
            south,
            east,
            north,
        })
    }

    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        let lon_ok = if self.west <= self.east {
            lon >= self.west && lon <= self.east
        } else {
            lon >= self.west || lon <= self.east
        };
        lat >= self.south && lat <= self.north && lon_ok
    }
}

/// The filters of `sitrep events`, shared by `/api/events`, `/api/incidents` and `/api/stats`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Events whose date range overlaps [from, to] (inclusive days).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub bbox: Option<BBox>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub admin1: Option<String>,
    /// Matches either actor's canonical name (case-insensitive substring).
    pub actor: Option<String>,
    /// ACLED event type (exact, case-insensitive).
    pub event_type: Option<String>,
    pub min_certainty: Option<Certainty>,
    /// Free text: matched against the evidence sentence, actors and place.
    pub text: Option<String>,
}

/// One page request: at most `limit` records after `cursor` (opaque, from a previous page).
#[derive(Debug, Clone, PartialEq)]
pub struct PageRequest {
    pub limit: usize,
    pub cursor: Option<String>,
}

/// An event as the API serves it: the `extract` record plus where it lives in the database.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRecord {
    /// Database id: `/api/events/{id}`.
    pub id: i64,
    /// Database id of its article: `/api/articles/{article_id}`.
    pub article_id: i64,
    pub incident_id: Option<i64>,
    #[serde(flatten)]
    pub event: Event,
}

/// One page of events, in (first day, id) order.
#[derive(Debug, Clone)]
pub struct EventPage {
    pub events: Vec<EventRecord>,
    pub next_cursor: Option<String>,
}

/// A page of incidents (records in the store's incident shape).
#[derive(Debug, Clone)]
pub struct IncidentPage {
    pub incidents: Vec<Value>,
    pub next_cursor: Option<String>,
}

/// Counts for the histogram: per day and ACLED event type ("other" when it has none).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub events: u64,
    pub articles: u64,
    pub incidents: u64,
    pub control_claims: u64,
    /// Places with a control timeline.
    pub places: u64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// `[day, event_type, count]` rows, sorted by day then type.
    pub per_day: Vec<DayCount>,
    pub per_type: Vec<TypeCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub event_type: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeCount {
    pub event_type: String,
    pub count: u64,
}

/// An article posted to `POST /api/articles` (the JSON Lines input shape).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IngestResult {
    pub id: String,
    pub outcome: String,
    pub article_id: i64,
}

/// What one ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    pub articles: u64,
    pub stored: u64,
    pub duplicates: u64,
    pub events: u64,
    pub control_claims: u64,
    /// Per article, in input order: its id, "added" or "duplicate", and its database id.
    pub results: Vec<IngestResult>,
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// The request is well-formed but the data says no (bad cursor, article text unusable).
    #[error("{0}")]
    Invalid(String),
    /// The database failed.
    #[error("database error: {0}")]
    Database(String),
}

/// What the server needs from a database. Implementations must be safe to call from many
/// threads at once; `ingest` calls are serialised by the server (one writer).
pub trait Backend: Send + Sync + 'static {
    fn events(&self, filter: &EventFilter, page: &PageRequest) -> Result<EventPage, BackendError>;
    fn event(&self, id: i64) -> Result<Option<EventRecord>, BackendError>;
    fn incidents(
        &self,
        filter: &EventFilter,
        page: &PageRequest,
    ) -> Result<IncidentPage, BackendError>;
    /// Every known place's interval holding on `at` (DESIGN.md's interval shape).
    fn control_at(&self, at: NaiveDate, bbox: Option<BBox>) -> Result<Vec<Value>, BackendError>;
    /// The place's timeline (intervals), None when the place has none.
    fn timeline(&self, geonameid: u32) -> Result<Option<Vec<Value>>, BackendError>;
    /// The article with its text and every annotation as spans, None when unknown.
    fn article(&self, id: i64) -> Result<Option<Value>, BackendError>;
    fn stats(&self) -> Result<Stats, BackendError>;
    /// Stores the articles, all or nothing.
    fn ingest(&self, articles: Vec<ArticleIn>) -> Result<IngestSummary, BackendError>;
    /// A cheap check that the database answers; returns its schema version if it has one.
    fn health(&self) -> Result<Value, BackendError>;
    /// A stamp that changes whenever the data may have changed (any commit, by this server or
    /// another process). `None`: unknown, so answers are never cached. Called on the async
    /// threads for every `/api/events` request: it must not block (a `stat` or a counter).
    fn data_version(&self) -> Option<u64> {
        None
    }
}
