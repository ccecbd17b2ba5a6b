//! The production [`Backend`]: a sitrep-store SQLite database, read through a small pool of
//! read-only connections (WAL: reads never wait for the writer) and written through one
//! read-write connection; posted articles go through `sitrep_pipeline::ingest`, the path
//! `sitrep ingest` and `sitrep demo` use (one transaction per request).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use sitrep_pipeline::Pipeline;
use sitrep_store::{Cursor, IngestOutcome, Store, StoreError, StoredEvent};
use sitrep_text::input::RawArticle;

use crate::backend::*;

/// Idle read connections kept for reuse.
const POOL_MAX: usize = 16;

pub struct StoreBackend {
    path: PathBuf,
    readers: Mutex<Vec<Store>>,
    writer: Mutex<Store>,
    pipeline: OnceLock<Result<Arc<Pipeline>, String>>,
}

fn db(e: StoreError) -> BackendError {
    match e {
        StoreError::Query(m) => BackendError::Invalid(m),
        other => BackendError::Database(other.to_string()),
    }
}

fn record(s: StoredEvent) -> EventRecord {
    EventRecord {
        id: s.id,
        article_id: s.article_id,
        incident_id: s.incident_id,
        event: s.event,
    }
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, BackendError> {
    serde_json::to_value(v)
        .map_err(|e| BackendError::Database(format!("cannot encode a record: {e}")))
}

fn store_filter(
    f: &EventFilter,
    page: &PageRequest,
    extra: usize,
) -> Result<sitrep_store::EventFilter, BackendError> {
    let after = match &page.cursor {
        None => None,
        Some(c) => Some(c.parse::<Cursor>().map_err(|_| {
            BackendError::Invalid(format!("cursor {c:?} is not a cursor this server made"))
        })?),
    };
    Ok(sitrep_store::EventFilter {
        from: f.from,
        to: f.to,
        bbox: f.bbox.map(|b| [b.west, b.south, b.east, b.north]),
        country: f.country.clone(),
        admin1: f.admin1.clone(),
        actor: f.actor.clone(),
        event_type: f.event_type.clone(),
        min_certainty: f.min_certainty,
        text: f.text.clone(),
        foreground_only: false,
        limit: Some(page.limit + extra),
        after,
    })
}

impl StoreBackend {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<StoreBackend, StoreError> {
        let writer = Store::open(path)?;
        let reader = Store::open_readonly(path)?;
        Ok(StoreBackend {
            path: path.to_path_buf(),
            readers: Mutex::new(vec![reader]),
            writer: Mutex::new(writer),
            pipeline: OnceLock::new(),
        })
    }

    /// Loads the pipeline now (gazetteer and lexicon) rather than on the first POST.
    pub fn preload_pipeline(&self) -> Result<(), String> {
        self.pipeline().map(|_| ())
    }

    fn pipeline(&self) -> Result<Arc<Pipeline>, String> {
        self.pipeline
            .get_or_init(|| Pipeline::load().map(Arc::new).map_err(|e| format!("{e:#}")))
            .clone()
    }

    /// Runs `f` on a pooled read-only connection.
    fn read<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, BackendError> {
        let conn = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => Store::open_readonly(&self.path).map_err(db)?,
        };
        let out = f(&conn);
        let mut pool = self.readers.lock().unwrap_or_else(|p| p.into_inner());
        if pool.len() < POOL_MAX {
            pool.push(conn);
        }
        out.map_err(db)
    }
}

impl Backend for StoreBackend {
    fn events(&self, filter: &EventFilter, page: &PageRequest) -> Result<EventPage, BackendError> {
        let f = store_filter(filter, page, 0)?;
        let p = self.read(|s| s.query_events(&f))?;
        Ok(EventPage {
            events: p.events.into_iter().map(record).collect(),
            next_cursor: p.next.map(|c| c.to_string()),
        })
    }

    fn event(&self, id: i64) -> Result<Option<EventRecord>, BackendError> {
        Ok(self.read(|s| s.get_event(id))?.map(record))
    }

    fn incidents(
        &self,
        filter: &EventFilter,
        page: &PageRequest,
    ) -> Result<IncidentPage, BackendError> {
        let f = store_filter(filter, page, 1)?;
        let mut incs = self.read(|s| s.incidents(&f))?;
        let more = incs.len() > page.limit;
        incs.truncate(page.limit);
        let next_cursor = match incs.last() {
            Some(last) if more => {
                let day = NaiveDate::parse_from_str(&last.date[0], "%Y-%m-%d")
                    .map(|d| d.num_days_from_ce() as i64)
                    .unwrap_or(-1);
                Some(Cursor { day, id: last.id }.to_string())
            }
            _ => None,
        };
        Ok(IncidentPage {
            incidents: incs.iter().map(to_value).collect::<Result<_, _>>()?,
            next_cursor,
        })
    }

    fn control_at(&self, at: NaiveDate, bbox: Option<BBox>) -> Result<Vec<Value>, BackendError> {
        let b = bbox.map(|b| [b.west, b.south, b.east, b.north]);
        self.read(|s| s.control_at(at, b))?
            .iter()
            .map(to_value)
            .collect()
    }

    fn timeline(&self, geonameid: u32) -> Result<Option<Vec<Value>>, BackendError> {
        let tls = self.read(|s| s.control_timeline(&geonameid.to_string()))?;
        let v: Vec<Value> = tls
            .iter()
            .flat_map(|t| t.intervals.iter())
            .map(to_value)
            .collect::<Result<_, _>>()?;
        Ok(if v.is_empty() { None } else { Some(v) })
    }

    fn article(&self, id: i64) -> Result<Option<Value>, BackendError> {
        let got = self.read(|s| {
            let Some(a) = s.get_article(id)? else {
                return Ok(None);
            };
            let ann = s.get_annotation(id)?;
            let events = s.article_events(id)?;
            Ok(Some((a, ann, events)))
        })?;
        let Some((a, ann, events)) = got else {
            return Ok(None);
        };
        let mut out = match ann {
            Some(Value::Object(o)) => o,
            _ => serde_json::Map::new(),
        };
        for k in ["places", "actors", "people", "times", "quotes"] {
            out.entry(k).or_insert_with(|| json!([]));
        }
        out.insert("db_id".into(), json!(a.db_id));
        out.insert("hash".into(), json!(a.hash));
        out.insert("id".into(), json!(a.article.id));
        out.insert("title".into(), json!(a.article.title));
        out.insert("published".into(), json!(a.article.published));
        out.insert("source".into(), json!(a.article.source));
        out.insert("url".into(), json!(a.article.url));
        out.insert("text".into(), json!(a.article.text));
        let evs: Vec<EventRecord> = events.into_iter().map(record).collect();
        out.insert("events".into(), to_value(&evs)?);
        Ok(Some(Value::Object(out)))
    }

    fn stats(&self) -> Result<Stats, BackendError> {
        let s = self.read(|s| s.stats())?;
        let mut types: std::collections::BTreeMap<String, u64> = Default::default();
        for (_, t, n) in &s.per_day {
            *types.entry(t.clone()).or_default() += n;
        }
        Ok(Stats {
            events: s.events,
            articles: s.articles,
            incidents: s.incidents,
            control_claims: s.control_claims,
            places: s.places,
            first_day: s.per_day.first().map(|r| r.0.clone()),
            last_day: s.per_day.last().map(|r| r.0.clone()),
            per_type: types
                .into_iter()
                .map(|(event_type, count)| TypeCount { event_type, count })
                .collect(),
            per_day: s
                .per_day
                .into_iter()
                .map(|(day, event_type, count)| DayCount {
                    day,
                    event_type,
                    count,
                })
                .collect(),
        })
    }

    fn ingest(&self, articles: Vec<ArticleIn>) -> Result<IngestSummary, BackendError> {
        let pipeline = self
            .pipeline()
            .map_err(|e| BackendError::Database(format!("cannot load the pipeline: {e}")))?;
        // Analyse everything first (the shared ingest path, on all cores): an article the
        // pipeline refuses stops the batch before anything is written.
        let ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
        let raws: Vec<RawArticle> = articles
            .into_iter()
            .map(|a| RawArticle {
                id: a.id,
                title: a.title,
                text: a.text,
                published: a.published,
                source: a.source,
                url: a.url,
            })
            .collect();
        let mut packed = Vec::with_capacity(raws.len());
        for (id, p) in ids
            .iter()
            .zip(sitrep_pipeline::ingest::pack_all(&pipeline, raws))
        {
            packed.push(p.map_err(|e| BackendError::Invalid(format!("article {id:?}: {e}")))?);
        }
        // One transaction for the whole request: all of it is stored or none.
        let mut w = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let (sum, outcomes) =
            sitrep_pipeline::ingest::ingest_all(&mut w, &mut packed).map_err(db)?;
        let mut s = IngestSummary {
            articles: packed.len() as u64,
            stored: sum.added as u64,
            duplicates: sum.duplicates as u64,
            events: sum.events as u64,
            control_claims: sum.control as u64,
            ..Default::default()
        };
        for (id, outcome) in ids.into_iter().zip(outcomes) {
            s.results.push(match outcome {
                IngestOutcome::Added { article_id, .. } => IngestResult {
                    id,
                    outcome: "added".into(),
                    article_id,
                },
                IngestOutcome::Duplicate { existing, .. } => IngestResult {
                    id,
                    outcome: "duplicate".into(),
                    article_id: existing,
                },
            });
        }
        Ok(s)
    }

    /// Size and modification time of the database and its WAL: every commit (here or by another
    /// process) appends to the WAL or, after a checkpoint, rewrites the database file.
    fn data_version(&self) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut wal = self.path.as_os_str().to_owned();
        wal.push("-wal");
        for p in [self.path.as_os_str(), wal.as_os_str()] {
            match std::fs::metadata(p) {
                Ok(m) => {
                    m.len().hash(&mut h);
                    m.modified().ok()?.hash(&mut h);
                }
                Err(_) => 0u8.hash(&mut h),
            }
        }
        Some(h.finish())
    }

    fn health(&self) -> Result<Value, BackendError> {
        self.read(|_| Ok(()))?;
        Ok(
            json!({"kind": "sqlite", "path": self.path.display().to_string(), "schema_version": sitrep_store::SCHEMA_VERSION}),
        )
    }
}
