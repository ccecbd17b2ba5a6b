//! The store benchmark: synthetic events over five years → time of a one-month + bounding-box
//! query, of a control snapshot for one date, ingest rate, and bytes per event. Called by
//! `examples/bench_store.rs` (and the lead's `sitrep bench`).
//!
//! Synthetic data: 2,000 places in a 15° × 12° region (clustered around 40 "cities"), 4 events per
//! article over 2015-2019, one to two quoted sources, a ~150-character evidence sentence; the
//! article text is its events' evidence sentences (real articles add their own text, about
//! 3 KB / 3 events = ~1 KB per event, not counted here), one control claim every 10 articles.

use crate::types::{Article, EventFilter};
use crate::{Store, StoreError};
use chrono::{Duration, NaiveDate};
use sitrep_events::*;
use std::path::Path;
use std::time::Instant;

/// Deterministic xorshift generator (no dependency, same data every run).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const TYPES: &[(&str, &str)] = &[
    ("Explosions/Remote violence", "Air/drone strike"),
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
];
const ACTORS: &[&str] = &[
    "Military Forces of Syria",
    "Islamic State",
    "Syrian Democratic Forces",
    "Hayat Tahrir al-Sham",
    "Military Forces of Russia",
    "Civilians (Syria)",
    "Unidentified Armed Group (Syria)",
];

#[derive(Debug, Clone)]
pub struct BenchReport {
    pub events: usize,
    pub articles: usize,
    pub ingest_secs: f64,
    pub db_bytes: u64,
    /// One-month + 2°×2° bounding-box queries: median and worst, milliseconds; mean rows.
    pub query_ms_median: f64,
    pub query_ms_max: f64,
    pub query_rows_mean: f64,
    /// Control snapshot for one date: median and worst, milliseconds; places returned.
    pub snapshot_ms_median: f64,
    pub snapshot_ms_max: f64,
    pub snapshot_places: usize,
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "events {} in {} articles; ingest {:.1} s ({:.0} events/s)",
            self.events,
            self.articles,
            self.ingest_secs,
            self.events as f64 / self.ingest_secs.max(1e-9)
        )?;
        writeln!(
            f,
            "database {:.1} MB = {:.0} bytes/event",
            self.db_bytes as f64 / 1e6,
            self.db_bytes as f64 / self.events.max(1) as f64
        )?;
        writeln!(
            f,
            "one-month + bbox query: median {:.1} ms, max {:.1} ms, {:.0} events/query",
            self.query_ms_median, self.query_ms_max, self.query_rows_mean
        )?;
        write!(
            f,
            "control snapshot: median {:.1} ms, max {:.1} ms, {} places",
            self.snapshot_ms_median, self.snapshot_ms_max, self.snapshot_places
        )
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// Build a fresh database of `n_events` synthetic events at `path` (replaced) and measure it.
/// `progress` is called with the number of events stored so far.
pub fn bench_store(
    path: &Path,
    n_events: usize,
    mut progress: impl FnMut(usize),
) -> Result<BenchReport, StoreError> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut store = Store::open(path)?;
    let mut rng = Rng(0x5eed_1234_abcd_9876);
    let cities: Vec<(f64, f64)> = (0..40)
        .map(|_| (30.0 + rng.unit() * 12.0, 35.0 + rng.unit() * 15.0))
        .collect();
    let places: Vec<(String, u32, f64, f64, usize)> = (0..2000)
        .map(|i| {
            let c = rng.below(cities.len() as u64) as usize;
            let (lat, lon) = cities[c];
            (
                format!("Place {i}"),
                1_000_000 + i as u32,
                lat + (rng.unit() - 0.5) * 0.6,
                lon + (rng.unit() - 0.5) * 0.6,
                c,
            )
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let days = 5 * 365;
    let per_article = 4;
    let articles = n_events.div_ceil(per_article);
    let t0 = Instant::now();
    let mut stored = 0;
    let mut batch = Vec::with_capacity(500);
    for a in 0..articles {
        let day = start + Duration::days(rng.below(days) as i64);
        let doc = format!("bench-{a}");
        let mut text = String::new();
        let mut events = Vec::new();
        for k in 0..per_article.min(n_events - stored) {
            let p = &places[rng.below(places.len() as u64) as usize];
            let (etype, sub) = TYPES[rng.below(TYPES.len() as u64) as usize];
            let a1 = ACTORS[rng.below(ACTORS.len() as u64) as usize];
            let a2 = ACTORS[rng.below(ACTORS.len() as u64) as usize];
            let d = day - Duration::days(rng.below(3) as i64);
            let iso = d.format("%Y-%m-%d").to_string();
            let sentence = format!(
                "{a1} carried out an {} in {} on {iso}, killing {} people including {} children, a monitor said, citing local sources. ",
                sub.to_lowercase(), p.0, rng.below(30), rng.below(5)
            );
            let s0 = text.chars().count();
            text.push_str(&sentence);
            let s1 = text.chars().count();
            let actor = |name: &str, at: usize| EventActor {
                name: name.into(),
                actor_type: "State Forces".into(),
                code: Some("SYRMIL".into()),
                text: name.into(),
                start: at,
                end: at + name.len(),
            };
            events.push(Event {
                record: "event".into(),
                event_id: format!("{doc}-e{k}"),
                doc_id: doc.clone(),
                acled_event_type: Some(etype.into()),
                acled_sub_event_type: Some(sub.into()),
                cameo: Some("195".into()),
                plover: Some("ASSAULT".into()),
                actor1: Some(actor(a1, s0)),
                actor2: (rng.below(2) == 0).then(|| actor(a2, s0 + 40)),
                assoc_actor1: Vec::new(),
                assoc_actor2: Vec::new(),
                place: Some(EventPlace {
                    name: p.0.clone(),
                    geonameid: Some(p.1),
                    kind: "city".into(),
                    country: "SY".into(),
                    admin1: Some(format!("Province {}", p.4)),
                    admin2: None,
                    lat: p.2,
                    lon: p.3,
                    geo_precision: 1,
                    start: s0 + 50,
                    end: s0 + 58,
                }),
                date: Some(EventDate {
                    value: iso.clone(),
                    range: [iso.clone(), iso],
                    time_precision: 1,
                    start: s0 + 60,
                    end: s0 + 70,
                }),
                fatalities: Some(rng.below(30) as u32),
                injured: None,
                arrested: None,
                sources: (0..1 + rng.below(2))
                    .map(|i| Source {
                        name: format!("a monitor {i}"),
                        role: Some("monitor".into()),
                        anonymous: false,
                        start: s0 + 100,
                        end: s0 + 109,
                    })
                    .collect(),
                certainty: Certainty::Reported,
                background: false,
                evidence: Evidence {
                    start: s0,
                    end: s1,
                    text: sentence.clone(),
                },
            });
        }
        stored += events.len();
        let mut control = Vec::new();
        if a % 10 == 0 {
            let p = &places[rng.below(places.len() as u64) as usize];
            let iso = day.format("%Y-%m-%d").to_string();
            control.push(ControlClaim {
                record: "control".into(),
                doc_id: doc.clone(),
                kind: if rng.below(2) == 0 {
                    ControlKind::Holds
                } else {
                    ControlKind::Change
                },
                place: ControlPlace {
                    name: p.0.clone(),
                    geonameid: Some(p.1),
                    lat: p.2,
                    lon: p.3,
                    country: Some("SY".into()),
                    admin1: None,
                    start: 0,
                    end: 5,
                },
                previous_holder: Some(ACTORS[rng.below(4) as usize].into()),
                new_holder: Some(ACTORS[rng.below(4) as usize].into()),
                holder: Some(ACTORS[rng.below(4) as usize].into()),
                date: ControlDate {
                    value: iso.clone(),
                    range: [iso.clone(), iso],
                },
                certainty: Certainty::Reported,
                evidence: Evidence {
                    start: 0,
                    end: 20,
                    text: text.chars().take(120).collect(),
                },
            });
        }
        let article = Article {
            id: doc,
            title: None,
            url: None,
            source: Some(format!("outlet {}", rng.below(12))),
            published: Some(day.format("%Y-%m-%d").to_string()),
            text,
        };
        batch.push((article, events, control));
        if batch.len() == 500 || a + 1 == articles {
            store.ingest_batch(batch.drain(..).map(|(a, e, c)| (a, None, e, c)))?;
            progress(stored);
        }
    }
    let ingest_secs = t0.elapsed().as_secs_f64();
    store
        .conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(store.err())?;
    let db_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    // Queries.
    let mut q_ms = Vec::new();
    let mut rows = 0usize;
    for _ in 0..25 {
        let from = start + Duration::days(rng.below(days - 31) as i64);
        let (lat, lon) = cities[rng.below(cities.len() as u64) as usize];
        let f = EventFilter {
            from: Some(from),
            to: Some(from + Duration::days(30)),
            bbox: Some([lon - 1.0, lat - 1.0, lon + 1.0, lat + 1.0]),
            ..Default::default()
        };
        let t = Instant::now();
        let page = store.query_events(&f)?;
        q_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        rows += page.events.len();
    }
    let mut s_ms = Vec::new();
    let mut snapshot_places = 0;
    for _ in 0..10 {
        let d = start + Duration::days(rng.below(days) as i64);
        let t = Instant::now();
        snapshot_places = store.control_at(d, None)?.len();
        s_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(BenchReport {
        events: stored,
        articles,
        ingest_secs,
        db_bytes,
        query_ms_max: q_ms.iter().copied().fold(0.0, f64::max),
        query_ms_median: median(&mut q_ms),
        query_rows_mean: rows as f64 / 25.0,
        snapshot_ms_max: s_ms.iter().copied().fold(0.0, f64::max),
        snapshot_ms_median: median(&mut s_ms),
        snapshot_places,
    })
}
