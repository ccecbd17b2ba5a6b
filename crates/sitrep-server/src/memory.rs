//! An in-memory [`Backend`] over plain records: the server's own tests and fixtures use it, so
//! the HTTP layer is tested without a database. Filters follow `sitrep events`' meaning.

use std::sync::RwLock;

use chrono::NaiveDate;
use serde_json::{json, Value};
use sitrep_events::Event;

use crate::backend::*;

/// Records held in memory. Control intervals are DESIGN.md's interval objects.
#[derive(Default)]
pub struct MemoryBackend {
    inner: RwLock<Data>,
    version: std::sync::atomic::AtomicU64,
}

/// Incidents are records with an integer `id` and `event_ids`; articles have an integer `db_id`.
#[derive(Default, Clone)]
pub struct Data {
    pub events: Vec<EventRecord>,
    pub incidents: Vec<Value>,
    pub intervals: Vec<Value>,
    pub articles: Vec<Value>,
}

fn first_day(e: &Event) -> &str {
    e.date.as_ref().map(|d| d.range[0].as_str()).unwrap_or("")
}

fn last_day(e: &Event) -> &str {
    e.date.as_ref().map(|d| d.range[1].as_str()).unwrap_or("")
}

/// Whether an event passes the filter (shared meaning with the store's SQL).
pub fn matches(e: &Event, f: &EventFilter) -> bool {
    if let Some(from) = f.from {
        if e.date.is_none() || last_day(e) < from.to_string().as_str() {
            return false;
        }
    }
    if let Some(to) = f.to {
        if e.date.is_none() || first_day(e) > to.to_string().as_str() {
            return false;
        }
    }
    if let Some(b) = f.bbox {
        match &e.place {
            Some(p) if b.contains(p.lat, p.lon) => {}
            _ => return false,
        }
    }
    if let Some(c) = &f.country {
        if e.place.as_ref().map(|p| p.country.as_str()) != Some(c.as_str()) {
            return false;
        }
    }
    if let Some(a) = &f.admin1 {
        let got = e
            .place
            .as_ref()
            .and_then(|p| p.admin1.as_deref())
            .unwrap_or("");
        if !got.eq_ignore_ascii_case(a) {
            return false;
        }
    }
    if let Some(a) = &f.actor {
        let a = a.to_lowercase();
        let hit = [&e.actor1, &e.actor2].iter().any(|x| {
            x.as_ref()
                .is_some_and(|x| x.name.to_lowercase().contains(&a))
        });
        if !hit {
            return false;
        }
    }
    if let Some(t) = &f.event_type {
        if !e
            .acled_event_type
            .as_deref()
            .unwrap_or("")
            .eq_ignore_ascii_case(t)
        {
            return false;
        }
    }
    if let Some(c) = f.min_certainty {
        if e.certainty < c {
            return false;
        }
    }
    if let Some(q) = &f.text {
        let q = q.to_lowercase();
        let mut hay = e.evidence.text.to_lowercase();
        for a in [&e.actor1, &e.actor2].into_iter().flatten() {
            hay.push(' ');
            hay.push_str(&a.name.to_lowercase());
        }
        if let Some(p) = &e.place {
            hay.push(' ');
            hay.push_str(&p.name.to_lowercase());
        }
        if !hay.contains(&q) {
            return false;
        }
    }
    true
}

fn cursor_key(e: &EventRecord) -> String {
    format!("{}~{:012}", first_day(&e.event), e.id)
}

impl MemoryBackend {
    pub fn new(mut data: Data) -> MemoryBackend {
        data.events.sort_by_key(cursor_key);
        MemoryBackend {
            inner: RwLock::new(data),
            version: Default::default(),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Data> {
        self.inner.read().unwrap_or_else(|p| p.into_inner())
    }
}

fn page<T: Clone>(
    items: impl Iterator<Item = (String, T)>,
    req: &PageRequest,
) -> (Vec<T>, Option<String>) {
    let mut out = Vec::new();
    let mut last = None;
    let mut more = false;
    for (key, item) in items {
        if let Some(c) = &req.cursor {
            if key.as_str() <= c.as_str() {
                continue;
            }
        }
        if out.len() == req.limit {
            more = true;
            break;
        }
        last = Some(key);
        out.push(item);
    }
    (out, if more { last } else { None })
}

fn check_cursor(req: &PageRequest) -> Result<(), BackendError> {
    match &req.cursor {
        Some(c) if !c.contains('~') => Err(BackendError::Invalid(format!(
            "cursor {c:?} is not a cursor this server made"
        ))),
        _ => Ok(()),
    }
}

impl Backend for MemoryBackend {
    fn events(&self, filter: &EventFilter, req: &PageRequest) -> Result<EventPage, BackendError> {
        check_cursor(req)?;
        let d = self.read();
        let it = d
            .events
            .iter()
            .filter(|e| matches(&e.event, filter))
            .map(|e| (cursor_key(e), e.clone()));
        let (events, next_cursor) = page(it, req);
        Ok(EventPage {
            events,
            next_cursor,
        })
    }

    fn event(&self, id: i64) -> Result<Option<EventRecord>, BackendError> {
        Ok(self.read().events.iter().find(|e| e.id == id).cloned())
    }

    fn incidents(&self, _f: &EventFilter, req: &PageRequest) -> Result<IncidentPage, BackendError> {
        check_cursor(req)?;
        let d = self.read();
        let it = d
            .incidents
            .iter()
            .map(|i| (format!("~{:012}", i["id"].as_i64().unwrap_or(0)), i.clone()));
        let (incidents, next_cursor) = page(it, req);
        Ok(IncidentPage {
            incidents,
            next_cursor,
        })
    }

    fn control_at(&self, at: NaiveDate, bbox: Option<BBox>) -> Result<Vec<Value>, BackendError> {
        let at = at.to_string();
        let d = self.read();
        Ok(d.intervals
            .iter()
            .filter(|iv| {
                let from_ok = iv["from"].as_str().is_none_or(|f| f <= at.as_str());
                let until_ok = iv["until"].as_str().is_none_or(|u| at.as_str() < u);
                let in_box = match bbox {
                    None => true,
                    Some(b) => b.contains(
                        iv["lat"].as_f64().unwrap_or(f64::NAN),
                        iv["lon"].as_f64().unwrap_or(f64::NAN),
                    ),
                };
                from_ok && until_ok && in_box
            })
            .cloned()
            .collect())
    }

    fn timeline(&self, geonameid: u32) -> Result<Option<Vec<Value>>, BackendError> {
        let d = self.read();
        let v: Vec<Value> = d
            .intervals
            .iter()
            .filter(|iv| iv["geonameid"] == json!(geonameid))
            .cloned()
            .collect();
        Ok(if v.is_empty() { None } else { Some(v) })
    }

    fn article(&self, id: i64) -> Result<Option<Value>, BackendError> {
        Ok(self
            .read()
            .articles
            .iter()
            .find(|a| a["db_id"] == json!(id))
            .cloned())
    }

    fn stats(&self) -> Result<Stats, BackendError> {
        let d = self.read();
        let mut per: std::collections::BTreeMap<(String, String), u64> = Default::default();
        let mut types: std::collections::BTreeMap<String, u64> = Default::default();
        let mut n = 0;
        for e in d.events.iter().map(|e| &e.event) {
            n += 1;
            let t = e.acled_event_type.clone().unwrap_or_else(|| "other".into());
            *types.entry(t.clone()).or_default() += 1;
            if e.date.is_some() {
                *per.entry((first_day(e).to_string(), t)).or_default() += 1;
            }
        }
        Ok(Stats {
            events: n,
            articles: d.articles.len() as u64,
            incidents: d.incidents.len() as u64,
            control_claims: 0,
            places: {
                let mut ids: Vec<String> = d
                    .intervals
                    .iter()
                    .map(|i| i["geonameid"].to_string())
                    .collect();
                ids.sort();
                ids.dedup();
                ids.len() as u64
            },
            first_day: per.keys().next().map(|k| k.0.clone()),
            last_day: per.keys().next_back().map(|k| k.0.clone()),
            per_day: per
                .into_iter()
                .map(|((day, event_type), count)| DayCount {
                    day,
                    event_type,
                    count,
                })
                .collect(),
            per_type: types
                .into_iter()
                .map(|(event_type, count)| TypeCount { event_type, count })
                .collect(),
        })
    }

    fn data_version(&self) -> Option<u64> {
        Some(self.version.load(std::sync::atomic::Ordering::SeqCst))
    }

    fn ingest(&self, articles: Vec<ArticleIn>) -> Result<IngestSummary, BackendError> {
        let mut d = self.inner.write().unwrap_or_else(|p| p.into_inner());
        self.version
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut s = IngestSummary {
            articles: articles.len() as u64,
            ..Default::default()
        };
        for a in articles {
            if let Some(x) = d.articles.iter().find(|x| x["id"] == json!(a.id)) {
                s.duplicates += 1;
                let article_id = x["db_id"].as_i64().unwrap_or(0);
                s.results.push(IngestResult {
                    id: a.id,
                    outcome: "duplicate".into(),
                    article_id,
                });
                continue;
            }
            s.stored += 1;
            let article_id = d.articles.len() as i64 + 1;
            s.results.push(IngestResult {
                id: a.id.clone(),
                outcome: "added".into(),
                article_id,
            });
            d.articles.push(json!({
                "db_id": article_id, "id": a.id, "title": a.title, "published": a.published, "source": a.source,
                "url": a.url, "text": a.text, "places": [], "actors": [], "people": [],
                "times": [], "quotes": [], "events": [], "control": [],
            }));
        }
        Ok(s)
    }

    fn health(&self) -> Result<Value, BackendError> {
        Ok(json!({"kind": "memory"}))
    }
}
