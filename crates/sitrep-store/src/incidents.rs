//! Incidents: events from different articles about one happening. Two events are *compatible*
//! when their ACLED types agree, their date ranges overlap, their places lie within 25 km (or in
//! the same district, or one is only placed at the province), and their actors do not disagree.
//! Both must be local (placed below the country level, dated within a month).
//! An incident is a connected component of that relation, so the result does not depend on the
//! order articles arrive in: each ingest recomputes the components it touches from scratch and
//! summarises each one from its members sorted by a canonical key (content hash + position).

use crate::codec::{self, rank};
use crate::event_blob::{EventCols, Slicer};
use crate::summary_row::{self, summarise_row, IncidentRow, Lite, MemberCache};
use crate::types::{EvidenceRef, Incident};
use rusqlite::{params, Connection, Transaction};
use sitrep_events::Event;
use sitrep_text::fxhash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Places merge within this distance.
pub const MERGE_KM: f64 = 25.0;

struct UnionFind(FxHashMap<i64, i64>);

impl UnionFind {
    fn find(&mut self, x: i64) -> i64 {
        let mut root = x;
        while let Some(&p) = self.0.get(&root) {
            if p == root {
                break;
            }
            root = p;
        }
        self.0.entry(x).or_insert(x);
        let mut cur = x;
        while cur != root {
            let next = self.0.get(&cur).copied().unwrap_or(root);
            self.0.insert(cur, root);
            cur = next;
        }
        root
    }
    fn union(&mut self, a: i64, b: i64) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0.insert(ra.max(rb), ra.min(rb));
        }
    }
}

/// Recompute the incidents that the events `new_ids` (just inserted) join or create. With
/// `committed` (the path of the database, when every one of them is committed and this
/// transaction has written no events), a large set is searched on several cores.
pub(crate) fn update(
    tx: &Transaction,
    new_ids: &[i64],
    committed: Option<&std::path::Path>,
    cache: &MemberCache,
) -> rusqlite::Result<()> {
    let mut uf = UnionFind(FxHashMap::default());
    let linked = crate::links::search(tx, new_ids, committed)?;
    // Union-find components do not depend on the order links arrive in.
    for (id, cands) in linked {
        uf.find(id);
        for c in cands {
            uf.union(id, c);
        }
    }
    if uf.0.is_empty() {
        return Ok(());
    }
    // Fold in the members of every incident touched, then drop those incidents.
    let ids: Vec<i64> = uf.0.keys().copied().collect();
    let mut touched = BTreeSet::new();
    {
        // No event above the highest member of any incident belongs to one (a bulk load into a
        // new database looks nothing up).
        let highest: i64 = tx
            .prepare_cached("SELECT ifnull(max(event_id), 0) FROM incident_events")?
            .query_row([], |r| r.get(0))?;
        let mut stmt =
            tx.prepare_cached("SELECT incident_id FROM incident_events WHERE event_id = ?1")?;
        for id in ids.iter().filter(|&&id| id <= highest) {
            if let Some(inc) = stmt.query_map([id], |r| r.get::<_, i64>(0))?.next() {
                touched.insert(inc?);
            }
        }
    }
    for inc in &touched {
        let members: Vec<i64> = tx
            .prepare_cached("SELECT event_id FROM incident_events WHERE incident_id = ?1")?
            .query_map([inc], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if let Some(&first) = members.first() {
            for m in members {
                uf.union(first, m);
            }
        }
        tx.prepare_cached("DELETE FROM incident_events WHERE incident_id = ?1")?
            .execute([inc])?;
        tx.prepare_cached("DELETE FROM incidents WHERE id = ?1")?
            .execute([inc])?;
    }
    write_components(tx, &mut uf, cache)
}

/// Drop every incident and rebuild them all from the events.
pub(crate) fn rebuild(tx: &Transaction) -> rusqlite::Result<usize> {
    tx.execute_batch("DELETE FROM incident_events; DELETE FROM incidents;")?;
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM events WHERE event_type IS NOT NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    update(tx, &ids, None, &MemberCache::default())?;
    tx.query_row("SELECT count(*) FROM incidents", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
}

fn write_components(
    tx: &Transaction,
    uf: &mut UnionFind,
    cache: &MemberCache,
) -> rusqlite::Result<()> {
    let mut ids: Vec<i64> = uf.0.keys().copied().collect();
    ids.sort_unstable();
    let mut groups: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for id in ids {
        let root = uf.find(id);
        groups.entry(root).or_default().push(id);
    }
    // The facts of events this connection just stored are at hand; the others are read back
    // first (members of incidents stored before).
    let mut articles = FxHashMap::default();
    let missing: Vec<i64> = groups
        .values()
        .flatten()
        .copied()
        .filter(|&id| cache.get(id).is_none())
        .collect();
    let mut loaded: FxHashMap<i64, Lite> = FxHashMap::default();
    for chunk in missing.chunks(4096) {
        for m in load_members_with(tx, chunk, false, &mut articles)? {
            loaded.insert(m.id, Lite::of_member(&m));
        }
    }
    // A component's row and its members in canonical order (`None`: no member known).
    let summarise = |members: &Vec<i64>| -> Option<(IncidentRow, Vec<i64>)> {
        let mut lites: Vec<(i64, &Lite)> = members
            .iter()
            .filter_map(|&id| cache.get(id).or_else(|| loaded.get(&id)).map(|l| (id, l)))
            .collect();
        if lites.is_empty() {
            return None;
        }
        lites.sort_by(|a, b| a.1.canon.cmp(&b.1.canon));
        let facts: Vec<&Lite> = lites.iter().map(|(_, l)| *l).collect();
        Some((
            summarise_row(&facts),
            lites.iter().map(|(id, _)| *id).collect(),
        ))
    };
    // Prepared once for all components (a bulk update writes tens of thousands).
    let mut add_incident = tx.prepare_cached("INSERT INTO incidents(key, day_first, day_last, lat, lon, country, admin1, event_type, sub_type,
           n_events, n_articles, n_sources, certainty) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)")?;
    // An upsert, not INSERT OR REPLACE: REPLACE may delete rows, so SQLite keeps a statement
    // journal for it, copying every page each row touches (a third of a bulk update).
    // (Every member's old row was deleted above; the upsert only keeps that from mattering.)
    let mut add_member = tx.prepare_cached(
        "INSERT INTO incident_events(event_id, incident_id) VALUES (?1, ?2)
         ON CONFLICT(event_id) DO UPDATE SET incident_id = excluded.incident_id",
    )?;
    let mut write = |inc: IncidentRow, members: Vec<i64>| -> rusqlite::Result<()> {
        add_incident.execute(params![
            inc.key,
            inc.d0,
            inc.d1,
            inc.lat,
            inc.lon,
            inc.country,
            inc.admin1,
            inc.event_type,
            inc.sub_type,
            inc.n_events as i64,
            inc.n_articles as i64,
            inc.n_sources as i64,
            rank(inc.certainty),
        ])?;
        let inc_id = tx.last_insert_rowid();
        for id in members {
            add_member.execute(params![id, inc_id])?;
        }
        Ok(())
    };
    if groups.len() < PIPELINE_FROM {
        for members in groups.values() {
            if let Some((inc, ids)) = summarise(members) {
                write(inc, ids)?;
            }
        }
        return Ok(());
    }
    // Many components (a bulk update): summarised on another thread while this one writes, in
    // the same order.
    std::thread::scope(|s| {
        let (rows, received) = std::sync::mpsc::sync_channel(1024);
        let groups = &groups;
        let summarise = &summarise;
        s.spawn(move || {
            for members in groups.values() {
                if rows.send(summarise(members)).is_err() {
                    break;
                }
            }
        });
        // An error drops `received`, which stops the other thread.
        for (inc, ids) in received.into_iter().flatten() {
            write(inc, ids)?;
        }
        Ok(())
    })
}

/// Components at least this many are summarised on a thread of their own while rows are written.
const PIPELINE_FROM: usize = 256;

/// One member event with what the summary needs.
pub(crate) struct Member {
    pub id: i64,
    pub article_id: i64,
    pub canon: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub event: Event,
}

/// What a member needs of its article: content hash, outlet, publication date, text (or ""),
/// ext_id.
type ArticleInfo = (Vec<u8>, Option<String>, Option<String>, String, String);

pub(crate) fn load_members(
    conn: &Connection,
    ids: &[i64],
    with_text: bool,
) -> rusqlite::Result<Vec<Member>> {
    load_members_with(conn, ids, with_text, &mut FxHashMap::default())
}

/// `load_members` reading each article once per `articles` cache (an update writing many
/// components passes one cache for all of them).
fn load_members_with(
    conn: &Connection,
    ids: &[i64],
    with_text: bool,
    articles: &mut FxHashMap<i64, ArticleInfo>,
) -> rusqlite::Result<Vec<Member>> {
    let mut ev_stmt = conn.prepare_cached(&format!(
        "SELECT e.article_id, e.ord, e.json, {} FROM events e WHERE e.id = ?1",
        EventCols::SQL
    ))?;
    let mut art_stmt = conn.prepare_cached(
        "SELECT a.hash, s.name, a.published, CASE WHEN ?2 THEN a.text ELSE '' END, a.ext_id FROM articles a
         LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
    )?;
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let row = ev_stmt.query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                EventCols::from_row(r, 3)?,
            ))
        });
        let (article_id, ord, blob, cols) = match row {
            Ok(r) => r,
            Err(rusqlite::Error::QueryReturnedNoRows) => continue,
            Err(e) => return Err(e),
        };
        let (hash, source, published, text, ext_id) = match articles.entry(article_id) {
            std::collections::hash_map::Entry::Occupied(o) => &*o.into_mut(),
            std::collections::hash_map::Entry::Vacant(v) => {
                let info = art_stmt.query_row(rusqlite::params![article_id, with_text], |r| {
                    Ok((
                        r.get::<_, Vec<u8>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                });
                match info {
                    Ok(info) => &*v.insert(info),
                    Err(rusqlite::Error::QueryReturnedNoRows) => continue,
                    Err(e) => return Err(e),
                }
            }
        };
        // A blob that does not decode is skipped rather than failing the ingest.
        let Ok(event) = codec::read_event(&blob, &cols, ext_id, &Slicer::new(text)) else {
            continue;
        };
        out.push(Member {
            id,
            article_id,
            canon: crate::summary_row::canon(hash, ord as usize),
            source: source.clone(),
            published: published.clone(),
            event,
        });
    }
    out.sort_by(|a, b| a.canon.cmp(&b.canon));
    Ok(out)
}

/// Summarise members (sorted by canonical key) into an incident: the rules of
/// [`summary_row::choose`], plus the actors, fatalities, outlets and evidence a row does not keep.
pub(crate) fn summarise(members: &[Member]) -> Incident {
    let lites: Vec<Lite> = members.iter().map(Lite::of_member).collect();
    let refs: Vec<&Lite> = lites.iter().collect();
    let c = summary_row::choose(&refs);
    let actor = |pick: fn(&Event) -> Option<&str>| {
        summary_row::mode(members.iter().filter_map(|m| pick(&m.event))).map(str::to_string)
    };
    let fat: Vec<u32> = members.iter().filter_map(|m| m.event.fatalities).collect();
    let sources: BTreeSet<String> = members.iter().filter_map(|m| m.source.clone()).collect();
    let evidence = members
        .iter()
        .map(|m| EvidenceRef {
            article_id: m.article_id,
            doc_id: m.event.doc_id.clone(),
            source: m.source.clone(),
            published: m.published.clone(),
            event_id: Some(m.id),
            certainty: m.event.certainty,
            start: m.event.evidence.start,
            end: m.event.evidence.end,
            text: m.event.evidence.text.clone(),
        })
        .collect();
    Incident {
        id: 0,
        key: format!(
            "inc-{}",
            members.first().map(|m| m.canon.as_str()).unwrap_or("")
        ),
        acled_event_type: c.event_type.map(str::to_string),
        acled_sub_event_type: c.sub_type.map(str::to_string),
        date: summary_row::iso_range(c.range),
        place: c.place.and_then(|i| members[i].event.place.clone()),
        actor1: actor(|e| e.actor1.as_ref().map(|a| a.name.as_str())),
        actor2: actor(|e| e.actor2.as_ref().map(|a| a.name.as_str())),
        fatalities_min: fat.iter().copied().min(),
        fatalities_max: fat.iter().copied().max(),
        n_events: members.len(),
        n_articles: c.n_articles,
        n_sources: c.n_sources,
        sources: sources.into_iter().collect(),
        certainty: c.certainty,
        event_ids: members.iter().map(|m| m.id).collect(),
        evidence,
    }
}

/// Read an incident back: summarised again from its members (nothing is stored twice).
pub(crate) fn decode(conn: &Connection, id: i64) -> Result<Option<Incident>, crate::StoreError> {
    let q = |e: rusqlite::Error| crate::StoreError::Query(e.to_string());
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT event_id FROM incident_events WHERE incident_id = ?1")
        .map_err(q)?
        .query_map([id], |r| r.get(0))
        .map_err(q)?
        .collect::<Result<_, _>>()
        .map_err(q)?;
    let members = load_members(conn, &ids, true).map_err(q)?;
    if members.is_empty() {
        return Ok(None);
    }
    let mut inc = summarise(&members);
    inc.id = id;
    Ok(Some(inc))
}
