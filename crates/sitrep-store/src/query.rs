//! Reading events and incidents back: `EventFilter` becomes one SQL query (dates and a bounding
//! box are tested together on the day index, whose entries carry each event's coordinates), text
//! search runs over the decoded records, and pages continue after a `(day, id)` cursor.

use crate::codec::{self, rank};
use crate::error::StoreError;
use crate::event_blob::{EventCols, Slicer};
use crate::types::{Cursor, EventFilter, EventPage, Incident, StoredEvent};
use crate::Store;
use rusqlite::types::{FromSql, Value};
use rusqlite::OptionalExtension;
use sitrep_events::Event;

/// Rows fetched per round when a post-filter (text search) may drop some.
const CHUNK: usize = 512;

struct Sql {
    wheres: Vec<String>,
    args: Vec<Value>,
}

impl Sql {
    fn arg(&mut self, v: Value) -> String {
        self.args.push(v);
        format!("?{}", self.args.len())
    }
}

fn bbox_ok(b: &[f64; 4]) -> Result<(), StoreError> {
    let [w, s, e, n] = *b;
    let finite = b.iter().all(|x| x.is_finite());
    if !finite
        || s > n
        || !(-90.0..=90.0).contains(&s)
        || !(-90.0..=90.0).contains(&n)
        || w.abs() > 180.0
        || e.abs() > 180.0
    {
        return Err(StoreError::Query(format!(
            "bad bounding box {w},{s},{e},{n} (want W,S,E,N in degrees)"
        )));
    }
    Ok(())
}

/// The folded words of a free-text filter (`--q`), each of which must occur.
fn search_words(text: Option<&str>) -> Vec<String> {
    text.map(|t| {
        sitrep_text::fold(t)
            .split_whitespace()
            .map(String::from)
            .collect()
    })
    .unwrap_or_default()
}

/// Words of `q` all present in the folded searchable text of `e` (evidence, every actor's name and
/// words, associated actors included, and the place).
fn text_matches(e: &Event, words: &[String]) -> bool {
    let mut hay = e.evidence.text.clone();
    let main = [&e.actor1, &e.actor2].into_iter().flatten();
    for a in main.chain(&e.assoc_actor1).chain(&e.assoc_actor2) {
        hay.push(' ');
        hay.push_str(&a.name);
        hay.push(' ');
        hay.push_str(&a.text);
    }
    if let Some(p) = &e.place {
        hay.push(' ');
        hay.push_str(&p.name);
    }
    let hay = format!(" {} ", sitrep_text::fold(&hay));
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// A stored event row as a page reads it: id, article id, first day, incident id, packed record
/// and the columns the record needs.
type EventRow = (i64, i64, i64, Option<i64>, Vec<u8>, EventCols);

/// Five leading columns then [`EventCols::SQL`]: an [`EventRow`], or a lookup's row.
#[allow(clippy::type_complexity)]
fn event_row<A: FromSql, B: FromSql, C: FromSql, D: FromSql, E: FromSql>(
    r: &rusqlite::Row,
) -> rusqlite::Result<(A, B, C, D, E, EventCols)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        EventCols::from_row(r, 5)?,
    ))
}

impl Store {
    /// What decoding an article's events needs of it: its ext_id and text.
    fn article_ref(&self, article_id: i64) -> Result<(String, String), StoreError> {
        self.conn
            .prepare_cached("SELECT ext_id, text FROM articles WHERE id = ?1")
            .and_then(|mut st| {
                st.query_row([article_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map(Option::unwrap_or_default)
            .map_err(self.err())
    }

    /// Events matching `f`, ordered by first day then id, one page at a time.
    pub fn query_events(&self, f: &EventFilter) -> Result<EventPage, StoreError> {
        let mut q = Sql {
            wheres: Vec::new(),
            args: Vec::new(),
        };
        let from = f.from.map(codec::day_of);
        let to = f.to.map(codec::day_of);
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                return Err(StoreError::Query("--from is after --to".into()));
            }
        }
        if let Some(b) = &f.bbox {
            bbox_ok(b)?;
            // Tested on the day index's entries (it carries the coordinates) when dates bound
            // the query, on every row otherwise.
            let [w, s, e, n] = *b;
            let (pn, ps) = (q.arg(Value::Real(n)), q.arg(Value::Real(s)));
            q.wheres.push(format!("e.lat BETWEEN {ps} AND {pn}"));
            let (pw, pe) = (q.arg(Value::Real(w)), q.arg(Value::Real(e)));
            if w <= e {
                q.wheres.push(format!("e.lon BETWEEN {pw} AND {pe}"));
            } else {
                q.wheres.push(format!("(e.lon >= {pw} OR e.lon <= {pe})"));
            }
        }
        if let Some(a) = from {
            let p = q.arg(Value::Integer(a));
            q.wheres.push(format!("e.day_last >= {p}"));
            // Bound the index range: no event spans more than `max_event_span` days.
            let span: i64 = self
                .conn
                .query_row(
                    "SELECT value FROM meta WHERE key = 'max_event_span'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .map_err(self.err())?
                .unwrap_or(0);
            let p = q.arg(Value::Integer(a - span));
            q.wheres.push(format!("e.day_first >= {p}"));
        }
        if let Some(b) = to {
            let p = q.arg(Value::Integer(b));
            q.wheres
                .push(format!("e.day_first <= {p} AND e.day_first >= 0"));
        }
        if let Some(c) = f.country.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(c.to_ascii_uppercase()));
            q.wheres.push(format!("e.country = {p}"));
        }
        if let Some(a) = f.admin1.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(a.to_string()));
            q.wheres.push(format!("e.admin1 = {p} COLLATE NOCASE"));
        }
        if let Some(a) = f.actor.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(format!("%{}%", a.replace(['%', '_'], ""))));
            q.wheres
                .push(format!("(e.actor1 LIKE {p} OR e.actor2 LIKE {p})"));
        }
        if let Some(t) = f.event_type.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(t.to_string()));
            q.wheres.push(format!(
                "(e.event_type = {p} COLLATE NOCASE OR e.sub_type = {p} COLLATE NOCASE)"
            ));
        }
        if let Some(c) = f.min_certainty {
            let p = q.arg(Value::Integer(rank(c)));
            q.wheres.push(format!("e.certainty >= {p}"));
        }
        if f.foreground_only {
            q.wheres.push("e.background = 0".into());
        }
        let words = search_words(f.text.as_deref());
        let limit = f.limit.unwrap_or(usize::MAX);
        let mut after = f.after;
        let mut events = Vec::new();
        let mut texts: std::collections::HashMap<i64, (String, String)> = Default::default();
        loop {
            let mut wheres = q.wheres.clone();
            let mut args = q.args.clone();
            if let Some(c) = after {
                args.push(Value::Integer(c.day));
                args.push(Value::Integer(c.id));
                wheres.push(format!(
                    "(e.day_first, e.id) > (?{}, ?{})",
                    args.len() - 1,
                    args.len()
                ));
            }
            let want = if words.is_empty() {
                limit.saturating_add(1)
            } else {
                CHUNK
            };
            let sql = format!(
                "SELECT e.id, e.article_id, e.day_first, ie.incident_id, e.json, {} FROM events e LEFT JOIN incident_events ie ON ie.event_id = e.id {} ORDER BY e.day_first, e.id LIMIT {}",
                EventCols::SQL,
                if wheres.is_empty() { String::new() } else { format!("WHERE {}", wheres.join(" AND ")) },
                want.min(i64::MAX as usize)
            );
            let mut stmt = self.conn.prepare_cached(&sql).map_err(self.err())?;
            let rows: Vec<EventRow> = stmt
                .query_map(rusqlite::params_from_iter(args.iter()), event_row)
                .map_err(self.err())?
                .collect::<Result<_, _>>()
                .map_err(self.err())?;
            let fetched = rows.len();
            for (id, article_id, day, incident_id, blob, cols) in rows {
                if events.len() == limit {
                    return Ok(page(events, true));
                }
                after = Some(Cursor { day, id });
                // The article's ext_id and text, read once per article and page.
                let (ext_id, text) = match texts.get(&article_id) {
                    Some(t) => t,
                    None => {
                        let t = self.article_ref(article_id)?;
                        texts.entry(article_id).or_insert(t)
                    }
                };
                let event = codec::read_event(&blob, &cols, ext_id, &Slicer::new(text))?;
                if words.is_empty() || text_matches(&event, &words) {
                    events.push((
                        StoredEvent {
                            id,
                            article_id,
                            incident_id,
                            event,
                        },
                        day,
                    ));
                }
            }
            if fetched < want {
                return Ok(page(events, false));
            }
        }
    }

    /// One event by database id.
    pub fn get_event(&self, id: i64) -> Result<Option<StoredEvent>, StoreError> {
        type Row = (i64, Option<i64>, Vec<u8>, String, String, EventCols);
        let row: Option<Row> = self
            .conn
            .query_row(
                &format!(
                    "SELECT e.article_id, ie.incident_id, e.json, a.ext_id, a.text, {} FROM events e
                     JOIN articles a ON a.id = e.article_id
                     LEFT JOIN incident_events ie ON ie.event_id = e.id WHERE e.id = ?1",
                    EventCols::SQL
                ),
                [id],
                event_row,
            )
            .optional()
            .map_err(self.err())?;
        let Some((article_id, incident_id, blob, ext_id, text, cols)) = row else {
            return Ok(None);
        };
        Ok(Some(StoredEvent {
            id,
            article_id,
            incident_id,
            event: codec::read_event(&blob, &cols, &ext_id, &Slicer::new(&text))?,
        }))
    }

    /// Events of one stored article, in extraction order.
    pub fn article_events(&self, article_id: i64) -> Result<Vec<StoredEvent>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT e.id FROM events e WHERE e.article_id = ?1 ORDER BY e.ord")
            .map_err(self.err())?;
        let ids: Vec<i64> = stmt
            .query_map([article_id], |r| r.get(0))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        ids.into_iter()
            .filter_map(|id| self.get_event(id).transpose())
            .collect()
    }

    /// Incidents matching `f` (date range, bbox, country, admin1, type, minimum certainty, actor,
    /// text over the evidence), ordered by first day then id, with cursor paging.
    pub fn incidents(&self, f: &EventFilter) -> Result<Vec<Incident>, StoreError> {
        let mut q = Sql {
            wheres: Vec::new(),
            args: Vec::new(),
        };
        if let Some(a) = f.from.map(codec::day_of) {
            let p = q.arg(Value::Integer(a));
            q.wheres.push(format!("day_last >= {p}"));
        }
        if let Some(b) = f.to.map(codec::day_of) {
            let p = q.arg(Value::Integer(b));
            q.wheres.push(format!("day_first <= {p}"));
        }
        if let Some(b) = &f.bbox {
            bbox_ok(b)?;
            let [w, s, e, n] = *b;
            q.wheres.push(format!("lat BETWEEN {s} AND {n}"));
            q.wheres.push(if w <= e {
                format!("lon BETWEEN {w} AND {e}")
            } else {
                format!("(lon >= {w} OR lon <= {e})")
            });
        }
        if let Some(c) = f.country.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(c.to_ascii_uppercase()));
            q.wheres.push(format!("country = {p}"));
        }
        if let Some(a) = f.admin1.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(a.to_string()));
            q.wheres.push(format!("admin1 = {p} COLLATE NOCASE"));
        }
        if let Some(t) = f.event_type.as_deref().filter(|c| !c.is_empty()) {
            let p = q.arg(Value::Text(t.to_string()));
            q.wheres.push(format!(
                "(event_type = {p} COLLATE NOCASE OR sub_type = {p} COLLATE NOCASE)"
            ));
        }
        if let Some(c) = f.min_certainty {
            let p = q.arg(Value::Integer(rank(c)));
            q.wheres.push(format!("certainty >= {p}"));
        }
        if let Some(c) = f.after {
            let (pd, pi) = (q.arg(Value::Integer(c.day)), q.arg(Value::Integer(c.id)));
            q.wheres.push(format!("(day_first, id) > ({pd}, {pi})"));
        }
        let sql = format!(
            "SELECT id FROM incidents {} ORDER BY day_first, id",
            if q.wheres.is_empty() {
                String::new()
            } else {
                format!("WHERE {}", q.wheres.join(" AND "))
            }
        );
        let mut stmt = self.conn.prepare(&sql).map_err(self.err())?;
        let mut rows = stmt
            .query(rusqlite::params_from_iter(q.args.iter()))
            .map_err(self.err())?;
        let actor = f.actor.as_deref().map(sitrep_text::fold);
        let words = search_words(f.text.as_deref());
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(self.err())? {
            if out.len() >= f.limit.unwrap_or(usize::MAX) {
                break;
            }
            let id: i64 = r.get(0).map_err(self.err())?;
            let Some(inc) = crate::incidents::decode(&self.conn, id)? else {
                continue;
            };
            if let Some(a) = &actor {
                let names = [&inc.actor1, &inc.actor2]
                    .into_iter()
                    .flatten()
                    .map(|n| sitrep_text::fold(n))
                    .collect::<Vec<_>>();
                if !names.iter().any(|n| n.contains(a.as_str())) {
                    continue;
                }
            }
            if !words.is_empty() {
                let hay = sitrep_text::fold(
                    &inc.evidence
                        .iter()
                        .map(|e| e.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                if !words.iter().all(|w| hay.contains(w.as_str())) {
                    continue;
                }
            }
            out.push(inc);
        }
        Ok(out)
    }

    /// One incident by database id.
    pub fn get_incident(&self, id: i64) -> Result<Option<Incident>, StoreError> {
        crate::incidents::decode(&self.conn, id)
    }

    /// Drop and rebuild every incident; returns how many there are.
    pub fn rebuild_incidents(&mut self) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sql(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let n = crate::incidents::rebuild(&tx).map_err(err)?;
        crate::derived::init_marks(&tx).map_err(err)?;
        crate::derived::mark_all_done(&tx, true).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(n)
    }
}

fn page(events: Vec<(StoredEvent, i64)>, more: bool) -> EventPage {
    let next = if more {
        events.last().map(|(e, day)| Cursor {
            day: *day,
            id: e.id,
        })
    } else {
        None
    };
    EventPage {
        events: events.into_iter().map(|e| e.0).collect(),
        next,
    }
}
