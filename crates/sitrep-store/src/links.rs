//! Incident candidates: for each pending event, the stored events it is *compatible* with (the
//! relation of `relation`, whose connected components are incidents). Two ways to search, with
//! the same result: SQL per event (the box around its place within its dates, and the
//! same-province events; for a few events in a large database, optionally on several read-only
//! connections), or, for a bulk update whose dates reach few stored events, one scan of those
//! events into memory indexed by grid cell and province (`links_memory`).

use crate::codec::NO_DAY;
use crate::incidents::MERGE_KM;
use crate::links_memory::{links_in_memory, MEMORY_FROM};
use crate::relation::{
    compatible, names_related, read_compact, Compact, Interner, MERGE_MAX_SPAN, ROW_COLS,
};
use rusqlite::{params, Connection};

fn max_span(conn: &Connection) -> rusqlite::Result<i64> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'max_event_span'",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

/// Every stored event compatible with `ev` (exhaustive: the two queries cover the 25 km box and
/// the same-province cases). `names` interns the strings of `ev` and of the rows read.
fn candidates(
    conn: &Connection,
    ev: &Compact,
    span: i64,
    names: &mut Interner,
) -> rusqlite::Result<Vec<i64>> {
    let mut out = Vec::new();
    if !ev.placed || ev.d0 == NO_DAY {
        return Ok(out);
    }
    let (lat, lon) = (ev.lat, ev.lon);
    let dlat = MERGE_KM / 110.0 + 0.01;
    let c = lat.to_radians().cos();
    let dlon = if c < 0.05 { 180.0 } else { dlat / c };
    let mut rows: Vec<Compact> = Vec::new();
    // A compatible event is local (it spans at most MERGE_MAX_SPAN days) and overlaps this one.
    // The day index carries each event's coordinates: day by day, its entries in the box's
    // latitudes are one range (a seek per day, not a scan of every event of the month).
    let mut stmt = conn.prepare_cached(&format!(
        "WITH RECURSIVE days(d) AS (SELECT ?1 UNION ALL SELECT d + 1 FROM days WHERE d < ?2)
         SELECT {ROW_COLS} FROM days CROSS JOIN events e
         WHERE e.day_first = days.d AND e.lat BETWEEN ?3 AND ?4 AND e.lon BETWEEN ?5 AND ?6
           AND e.day_last >= ?7 AND e.event_type IS NOT NULL"
    ))?;
    let mut q = stmt.query(params![
        (ev.d0 - span.min(MERGE_MAX_SPAN)).max(0),
        ev.d1,
        lat - dlat,
        lat + dlat,
        lon - dlon,
        lon + dlon,
        ev.d0
    ])?;
    while let Some(r) = q.next()? {
        rows.push(read_compact(r, names)?);
    }
    if ev.country != 0 && ev.admin1 != 0 {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM events e
             WHERE e.country = ?1 AND e.admin1 = ?2 AND e.day_first BETWEEN ?3 AND ?4 AND e.day_last >= ?5
               AND e.event_type IS NOT NULL AND (e.geo_precision = 3 OR ?6 = 3 OR e.admin2 = ?7)"
        ))?;
        let admin2 = (ev.admin2 != 0).then(|| names.name(ev.admin2).to_string());
        let mut q = stmt.query(params![
            names.name(ev.country).to_string(),
            names.name(ev.admin1).to_string(),
            ev.d0 - span.min(MERGE_MAX_SPAN),
            ev.d1,
            ev.d0,
            if ev.province_level { 3 } else { 0 },
            admin2
        ])?;
        while let Some(r) = q.next()? {
            rows.push(read_compact(r, names)?);
        }
    }
    let names = &*names;
    let mut related = |x: u32, y: u32| names_related(names.name(x), names.name(y));
    for r in &rows {
        if compatible(ev, r, &mut related) && !out.contains(&r.id) {
            out.push(r.id);
        }
    }
    Ok(out)
}

/// Each of `ids` that is a typed event, with the ids of the stored events compatible with it.
fn links(conn: &Connection, ids: &[i64], span: i64) -> rusqlite::Result<Vec<(i64, Vec<i64>)>> {
    let mut row_stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLS} FROM events e WHERE e.id = ?1 AND e.event_type IS NOT NULL"
    ))?;
    let mut names = Interner::default();
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let mut rows = row_stmt.query([id])?;
        let Some(r) = rows.next()? else {
            continue;
        };
        let ev = read_compact(r, &mut names)?;
        out.push((ev.id, candidates(conn, &ev, span, &mut names)?));
    }
    Ok(out)
}

/// Pending sets at least this large search their candidates on several read-only connections.
const PARALLEL_FROM: usize = 512;

/// Each event id with the ids of the events it may merge with.
pub(crate) type Candidates = Vec<(i64, Vec<i64>)>;

/// A read-only connection of a search thread to the committed database at `path` (it waits
/// for a lock as the store's own connections do).
pub(crate) fn reader(path: &std::path::Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

/// `links` split over the available cores, each part on its own read-only connection to the
/// database at `path`. Only valid when every row to search is committed (the bulk update runs
/// in a transaction of its own, after the batches that wrote the events).
fn links_parallel(
    path: &std::path::Path,
    ids: &[i64],
    span: i64,
) -> rusqlite::Result<Vec<(i64, Vec<i64>)>> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let chunk = ids.len().div_ceil(threads).max(1);
    let parts: Vec<rusqlite::Result<Candidates>> = std::thread::scope(|s| {
        let handles: Vec<_> = ids
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    let conn = reader(path)?;
                    conn.execute_batch("PRAGMA cache_size = -32768;")?;
                    links(&conn, part, span)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(rusqlite::Error::InvalidQuery))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(ids.len());
    for p in parts {
        out.extend(p?);
    }
    Ok(out)
}

/// Each of `ids` (ascending) that is a typed event with the stored events compatible with it.
/// In memory when the set is large and the stored events its dates reach are not too many, else
/// by SQL per event; `committed`: see [`links_parallel`].
pub(crate) fn search(
    conn: &Connection,
    ids: &[i64],
    committed: Option<&std::path::Path>,
) -> rusqlite::Result<Candidates> {
    let span = max_span(conn)?;
    if ids.len() >= MEMORY_FROM {
        if let Some(found) = links_in_memory(conn, ids, committed)? {
            return Ok(found);
        }
    }
    match committed {
        Some(path) if ids.len() >= PARALLEL_FROM => links_parallel(path, ids, span),
        _ => links(conn, ids, span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The in-memory search finds the same incidents (connected components) as SQL, with links
    /// that SQL finds too (and the same links when a bulk window is read in two halves), on
    /// synthetic events varied to reach every branch (province-level places, shared districts, long ranges, no province).
    #[test]
    fn in_memory_search_equals_sql() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.db");
        crate::bench::bench_store(&path, 9000, |_| {}).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE events SET geo_precision = 3 WHERE id % 7 = 0;
             UPDATE events SET admin2 = 'District ' || (id % 3) WHERE id % 5 < 3;
             UPDATE events SET day_last = day_last + 40 WHERE id % 11 = 0;
             UPDATE events SET day_last = day_last + 20 WHERE id % 17 = 0;
             UPDATE events SET admin1 = NULL WHERE id % 13 = 0;
             UPDATE events SET admin1 = 'Province 1', country = 'SY' WHERE id % 19 = 0;
             UPDATE events SET actor2 = NULL, actor1 = 'Unidentified Armed Group (Syria)' WHERE id % 23 = 0;
             UPDATE events SET day_first = -1, day_last = -1 WHERE id % 29 = 0;
             INSERT OR REPLACE INTO meta(key, value) VALUES ('max_event_span', 45);",
        )
        .unwrap();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM events WHERE event_type IS NOT NULL ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let span = max_span(&conn).unwrap();
        let norm = |mut v: Candidates| {
            for (_, c) in v.iter_mut() {
                c.sort_unstable();
            }
            v.sort();
            v
        };
        for part in [&ids[..], &ids[ids.len() / 2..], &ids[300..1500]] {
            let sql = norm(links(&conn, part, span).unwrap());
            let mem = norm(
                links_in_memory(&conn, part, None)
                    .unwrap()
                    .expect("window small enough"),
            );
            if part.len() == ids.len() {
                // The whole table, read in two halves on two connections: the same links.
                let rows: i64 = conn
                    .query_row("SELECT max(id) - min(id) + 1 FROM events", [], |r| r.get(0))
                    .unwrap();
                assert!(rows >= crate::links_memory::SPLIT_READ_FROM);
                let split = links_in_memory(&conn, part, Some(&path)).unwrap();
                assert_eq!(norm(split.expect("window small enough")), mem);
            }
            let pairs: usize = sql.iter().map(|(_, c)| c.len()).sum();
            assert!(pairs > 20, "too few links to test: {pairs}");
            // The same events listed, every link found in memory is one SQL finds, and the
            // connected components (the incidents) are the same.
            let listed = |v: &Candidates| v.iter().map(|(id, _)| *id).collect::<Vec<_>>();
            assert_eq!(listed(&sql), listed(&mem));
            let all: std::collections::HashSet<(i64, i64)> = sql
                .iter()
                .flat_map(|(a, c)| c.iter().map(move |b| (*a, *b)))
                .collect();
            for (a, c) in &mem {
                for b in c {
                    assert!(all.contains(&(*a, *b)), "{a}-{b} is no link");
                }
            }
            let components = |v: &Candidates| {
                let mut parent: std::collections::BTreeMap<i64, i64> = Default::default();
                fn root(p: &mut std::collections::BTreeMap<i64, i64>, x: i64) -> i64 {
                    let up = *p.entry(x).or_insert(x);
                    if up == x {
                        x
                    } else {
                        let r = root(p, up);
                        p.insert(x, r);
                        r
                    }
                }
                for (a, c) in v {
                    root(&mut parent, *a);
                    for b in c {
                        let (ra, rb) = (root(&mut parent, *a), root(&mut parent, *b));
                        parent.insert(ra.max(rb), ra.min(rb));
                    }
                }
                let ids: Vec<i64> = parent.keys().copied().collect();
                ids.into_iter()
                    .map(|x| (x, root(&mut parent, x)))
                    .collect::<Vec<_>>()
            };
            let (cs, cm) = (components(&sql), components(&mem));
            let merged = cs.iter().filter(|(x, r)| x != r).count();
            assert!(merged > 20, "too few merged events to test: {merged}");
            assert_eq!(cs, cm);
        }
    }
}
