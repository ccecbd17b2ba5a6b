//! The plain records the store takes and returns (serde-serialisable, so the server can send
//! them as JSON as they are).

use serde::{Deserialize, Serialize};
use sitrep_events::{Certainty, Event};

/// An article as ingested: what the input readers give, before analysis.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The input's own id (JSONL `id`, file name).
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The outlet ("AFP", "Reuters"); independent sources are counted by it.
    pub source: Option<String>,
    /// ISO date (or timestamp) of publication.
    pub published: Option<String>,
    pub text: String,
}

/// An article read back, with its database id and content hash (hex SHA-256 of `text`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub db_id: i64,
    pub hash: String,
    #[serde(flatten)]
    pub article: Article,
}

/// What `ingest_article` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "lowercase")]
pub enum IngestOutcome {
    /// Stored as article `article_id` with so many events and control claims.
    Added {
        article_id: i64,
        events: usize,
        control: usize,
    },
    /// Already stored as `existing`; `by` is "content", "url" or "id". Nothing was written.
    Duplicate { existing: i64, by: &'static str },
}

/// An event read back: the record `extract` printed, plus where it lives in the database.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEvent {
    /// Database id (stable for the life of the database, not across re-ingestion).
    pub id: i64,
    pub article_id: i64,
    /// The incident the event belongs to (`None` for events no ACLED type: statements etc.).
    pub incident_id: Option<i64>,
    pub event: Event,
}

/// Position after which a page of `query_events` continues: (first day, event id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub day: i64,
    pub id: i64,
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.day, self.id)
    }
}

impl std::str::FromStr for Cursor {
    type Err = String;
    fn from_str(s: &str) -> Result<Cursor, String> {
        let (d, i) = s
            .split_once('.')
            .ok_or_else(|| format!("bad cursor {s:?}"))?;
        Ok(Cursor {
            day: d.parse().map_err(|_| format!("bad cursor {s:?}"))?,
            id: i.parse().map_err(|_| format!("bad cursor {s:?}"))?,
        })
    }
}

/// Filters of `query_events` and `incidents`; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Events whose date range overlaps `[from, to]` (inclusive ISO days).
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// West, south, east, north in degrees; west > east crosses the antimeridian.
    pub bbox: Option<[f64; 4]>,
    /// ISO 3166-1 alpha-2 code (case-insensitive).
    pub country: Option<String>,
    /// First-level division name (case-insensitive).
    pub admin1: Option<String>,
    /// Part of the name of actor 1 or actor 2 (case-insensitive); ACLED's associated actors are
    /// not matched here (the text search `text` covers them).
    pub actor: Option<String>,
    /// ACLED event type or sub-event type (case-insensitive).
    pub event_type: Option<String>,
    pub min_certainty: Option<Certainty>,
    /// Words that must all occur (folded) in the evidence, actor texts or place name.
    pub text: Option<String>,
    /// Skip background events (told as earlier context).
    pub foreground_only: bool,
    /// Page size; `None` means everything.
    pub limit: Option<usize>,
    pub after: Option<Cursor>,
}

/// One page of events; `next` is set when more may follow.
#[derive(Debug, Clone, Serialize)]
pub struct EventPage {
    pub events: Vec<StoredEvent>,
    pub next: Option<Cursor>,
}

/// One piece of evidence for an incident or a control interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub article_id: i64,
    pub doc_id: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// The stored event behind it (incidents; control intervals from territorial events).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<i64>,
    pub certainty: Certainty,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Events from several articles about one happening, merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: i64,
    /// Stable key (independent of ingestion order): derived from the canonical first member.
    pub key: String,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    /// Best (narrowest) date range of the members.
    pub date: [String; 2],
    /// Best (most precise, most reported) place of the members.
    pub place: Option<sitrep_events::EventPlace>,
    pub actor1: Option<String>,
    pub actor2: Option<String>,
    /// Lowest and highest fatality figure reported.
    pub fatalities_min: Option<u32>,
    pub fatalities_max: Option<u32>,
    pub n_events: usize,
    pub n_articles: usize,
    /// Distinct outlets.
    pub n_sources: usize,
    pub sources: Vec<String>,
    /// Raised by independent corroboration, lowered by denials.
    pub certainty: Certainty,
    pub event_ids: Vec<i64>,
    pub evidence: Vec<EvidenceRef>,
}

/// Who held a place during `[from, until)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlInterval {
    pub place: String,
    pub geonameid: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    /// An actor, "contested", or `None` (no one).
    pub holder: Option<String>,
    /// First day (ISO); `None` = since before the first report.
    pub from: Option<String>,
    /// Exclusive end (ISO); `None` = still.
    pub until: Option<String>,
    pub certainty: Certainty,
    pub evidence: Vec<EvidenceRef>,
}

/// Counts for dashboards.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub articles: u64,
    pub events: u64,
    pub incidents: u64,
    pub control_claims: u64,
    pub places: u64,
    /// (ISO day, ACLED event type or "other", count), by day then type.
    pub per_day: Vec<(String, String, u64)>,
}
