//! The in-memory incident candidate search of a bulk update: one read of the stored events the
//! pending ones can reach (by date), kept in a compact form (names interned to numbers, the
//! trigonometry of each place computed once) and indexed by grid cell, province and district,
//! each list sorted by first day. It gives the same connected components as the links
//! `relation::compatible` gives (tested against the SQL search in `links`).

use crate::codec::NO_DAY;
use crate::incidents::MERGE_KM;
use crate::links::Candidates;
use crate::relation::{
    compatible, names_related, read_compact, Compact, Interner, MERGE_MAX_SPAN, ROW_COLS,
};
use rusqlite::Connection;
use sitrep_text::fxhash::FxHashMap as HashMap;

/// Pending sets at least this large may be searched in memory ...
pub(crate) const MEMORY_FROM: usize = 256;
/// ... when the stored events their dates reach number at most this many per pending event (plus
/// [`MEMORY_SLACK`]), or when those dates span at most [`MEMORY_DAYS`] days per pending event
/// and hold at most [`MEMORY_MAX_ROWS`] events; otherwise (a few dates spread over a large
/// database) SQL per event is cheaper than reading the window. SQL reads about a month of its
/// province's and box's events per pending event, the window each stored event of its days
/// once: with a province holding a fifth of the events, 16 days per event is where they cost
/// about the same (a 5,000-event incremental load into FA-KES x12's database: SQL 1.5 CPU-s,
/// memory 0.1). The row cap bounds the memory (~100 bytes a row) and the case of many small
/// provinces, where SQL reads less.
const MEMORY_RATIO: usize = 8;
const MEMORY_SLACK: usize = 4096;
const MEMORY_DAYS: usize = 16;
const MEMORY_MAX_ROWS: usize = 1 << 17;

/// Grid cell of the in-memory index, degrees (larger than the 25 km search box in latitude).
const CELL: f64 = 0.5;

/// Union-find over window rows (indices), with path halving.
struct Forest(Vec<u32>);

impl Forest {
    fn root(&mut self, mut x: usize) -> usize {
        while self.0[x] as usize != x {
            let up = self.0[self.0[x] as usize];
            self.0[x] = up;
            x = up as usize;
        }
        x
    }
    fn same(&mut self, a: usize, b: usize) -> bool {
        self.root(a) == self.root(b)
    }
    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        self.0[ra.max(rb)] = ra.min(rb) as u32;
    }
}

/// Rows whose dates run at most this many days past their first are listed apart: most rows
/// span a day, and an event only needs those that start at most this long before it.
const SHORT_SPAN: i64 = 2;

/// A list of window rows (indices), each part sorted by first day: rows of short date ranges
/// and the others (at most [`MERGE_MAX_SPAN`] days: the window holds local rows only).
#[derive(Default)]
struct Rows {
    short: Vec<usize>,
    long: Vec<usize>,
}

impl Rows {
    fn push(&mut self, i: usize, r: &Compact) {
        if r.d1 - r.d0 <= SHORT_SPAN {
            self.short.push(i);
        } else {
            self.long.push(i);
        }
    }
}

/// The window rows of one province (country, admin1) and type class (see [`classes`]).
#[derive(Default)]
struct Province {
    all: Rows,
    /// Rows placed only at the province (`geo_precision` 3): they may merge with any row of it.
    province_level: Rows,
    by_district: HashMap<u32, Rows>,
}

/// Type class of the rows of "Armed clash" or "Attack" sub-type, which may merge whatever their
/// types (see `relation::compatible`); other classes are interned event types.
const CLASH: u32 = u32::MAX;

/// The type classes a row is listed under: its event type, and [`CLASH`] for a clash. Two rows of
/// compatible types always share one (equal types, or both clashes), so each event only scans
/// the lists of its own classes.
fn classes(r: &Compact) -> impl Iterator<Item = u32> {
    let own = (r.event_type != 0).then_some(r.event_type);
    own.into_iter().chain(r.clash.then_some(CLASH))
}

/// The search box of `links::candidates`' query: half-sizes in latitude and longitude.
fn box_half(lat: f64) -> (f64, f64) {
    let dlat = MERGE_KM / 110.0 + 0.01;
    let c = lat.to_radians().cos();
    (dlat, if c < 0.05 { 180.0 } else { dlat / c })
}

fn cell(x: f64) -> i32 {
    (x / CELL).floor() as i32
}

/// The local rows of the events table (`order`: "NOT INDEXED" to read it in row order; `filter`:
/// more conditions on `e`, with `params`), each in its compact form.
fn read_window<P: rusqlite::Params>(
    conn: &Connection,
    order: &str,
    filter: &str,
    params: P,
    names: &mut Interner,
) -> rusqlite::Result<Vec<Compact>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ROW_COLS} FROM events e {order} WHERE e.event_type IS NOT NULL
           AND e.admin1 IS NOT NULL AND e.lat IS NOT NULL AND e.lon IS NOT NULL {filter}"
    ))?;
    let mut rows = stmt.query(params)?;
    let mut compact = Vec::new();
    while let Some(r) = rows.next()? {
        let c = read_compact(r, names)?;
        // Local rows only (the query already asks for a province).
        if c.d1 - c.d0 <= MERGE_MAX_SPAN {
            compact.push(c);
        }
    }
    Ok(compact)
}

/// Tables at least this long are read by two connections at once, one half each.
pub(crate) const SPLIT_READ_FROM: i64 = 8192;

/// [`read_window`] of the whole table (row ids `lo..=hi`), its upper half read by a second (read-only) connection
/// on another thread, each interning names of its own; the second half's numbers are then
/// translated into `names`. Rows come in row order, as from one read. (The second connection
/// sees what `conn` sees: every row is committed and `conn` has written nothing.)
fn read_table_split(
    conn: &Connection,
    path: &std::path::Path,
    (lo, hi): (i64, i64),
    names: &mut Interner,
) -> rusqlite::Result<Vec<Compact>> {
    let mid = lo + (hi - lo) / 2;
    let (low, upper) = std::thread::scope(|s| {
        let upper = s.spawn(move || -> rusqlite::Result<(Vec<Compact>, Interner)> {
            let other = crate::links::reader(path)?;
            let mut own = Interner::default();
            let rows = read_window(&other, "NOT INDEXED", "AND e.id > ?1", [mid], &mut own)?;
            Ok((rows, own))
        });
        let low = read_window(conn, "NOT INDEXED", "AND e.id <= ?1", [mid], names);
        (low, upper.join())
    });
    let mut low = low?;
    let upper = match upper {
        Ok(Ok((rows, own))) => {
            let mut rows = rows;
            names.absorb(&own, &mut rows);
            rows
        }
        // The second connection failed: this one reads that half too.
        _ => read_window(conn, "NOT INDEXED", "AND e.id > ?1", [mid], names)?,
    };
    low.extend(upper);
    Ok(low)
}

/// `links` with one read of the stored events the pending ones can reach (by date), indexed in
/// memory. `None` when that window holds too many events (the caller searches by SQL).
///
/// Every pending id is listed, but not every link: a pair already connected through links found
/// before (by the same thread) is not tested again, so the links form a spanning forest of each
/// part's relation. Their union has the same connected components (the incidents) as `links`.
///
/// `committed`: the database path when every row is committed and `conn`'s transaction has
/// written nothing (a second connection then reads half of a bulk window).
pub(crate) fn links_in_memory(
    conn: &Connection,
    ids: &[i64],
    committed: Option<&std::path::Path>,
) -> rusqlite::Result<Option<Candidates>> {
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
        return Ok(Some(Vec::new()));
    };
    if !ids.windows(2).all(|w| w[0] < w[1]) {
        return Ok(None);
    }
    let ends: (i64, i64) = conn
        .prepare_cached("SELECT ifnull(min(id), 0), ifnull(max(id), -1) FROM events")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let table_rows = ends.1 - ends.0 + 1;
    let no_links = || ids.iter().map(|&id| (id, Vec::new())).collect();
    let mut names = Interner::default();
    let compact = if table_rows as usize <= 2 * ids.len() {
        // A bulk load into a young database (the pending events are at least half the table):
        // the whole table is read in row order, page after page, and the rows the pending
        // events reach by date are kept; asking SQL for that reach and the window's size first
        // would scan the table twice more (FA-KES x12's final update: ~25 ms).
        let mut all = match committed {
            Some(path) if table_rows >= SPLIT_READ_FROM => {
                read_table_split(conn, path, ends, &mut names)?
            }
            _ => read_window(conn, "NOT INDEXED", "", [], &mut names)?,
        };
        let reach = all
            .iter()
            .filter(|c| (first..=last).contains(&c.id) && c.d0 >= 0)
            .fold(None, |acc: Option<(i64, i64)>, c| {
                Some(acc.map_or((c.d0, c.d1), |(lo, hi)| (lo.min(c.d0), hi.max(c.d1))))
            });
        let Some((d_lo, d_hi)) = reach else {
            return Ok(Some(no_links()));
        };
        // A compatible event is local and overlaps: it starts at most a month before.
        let d_lo = d_lo - MERGE_MAX_SPAN;
        all.retain(|c| (d_lo..=d_hi).contains(&c.d0));
        all
    } else {
        // The dates the pending events reach (an aggregate over their id range: a superset of
        // `ids` at worst, which only widens the window).
        let reach: Option<(i64, i64)> = conn
            .prepare_cached(&format!(
                "SELECT min(day_first), max(day_last) FROM events e WHERE e.id BETWEEN ?1 AND ?2
                   AND e.event_type IS NOT NULL AND e.admin1 IS NOT NULL AND e.lat IS NOT NULL
                   AND e.lon IS NOT NULL AND e.day_first >= 0 AND e.day_last - e.day_first <= {MERGE_MAX_SPAN}"
            ))?
            .query_row([first, last], |r| {
                Ok(match (r.get::<_, Option<i64>>(0)?, r.get::<_, Option<i64>>(1)?) {
                    (Some(a), Some(b)) => Some((a, b)),
                    _ => None,
                })
            })?;
        let Some((d_lo, d_hi)) = reach else {
            return Ok(Some(no_links()));
        };
        let d_lo = d_lo - MERGE_MAX_SPAN;
        let stored: i64 = conn
            .prepare_cached("SELECT count(*) FROM events WHERE day_first BETWEEN ?1 AND ?2")?
            .query_row([d_lo, d_hi], |r| r.get(0))?;
        let days = (d_hi - d_lo).max(0) as usize;
        let by_rows = stored as usize <= MEMORY_RATIO * ids.len() + MEMORY_SLACK;
        let by_days = days <= MEMORY_DAYS * ids.len() && stored as usize <= MEMORY_MAX_ROWS;
        if !by_rows && !by_days {
            return Ok(None);
        }
        // A window holding much of the table is read in row order too, rather than looked up
        // row by row from the day index (the window of FA-KES x12's final update: 42 -> 25 ms).
        let order = if 2 * stored >= table_rows {
            "NOT INDEXED"
        } else {
            ""
        };
        read_window(
            conn,
            order,
            "AND e.day_first BETWEEN ?1 AND ?2",
            [d_lo, d_hi],
            &mut names,
        )?
    };
    // Every searchable pending event lies in the window (its first day is in it); the others
    // (not placed, not local, undated) link to nothing and are searched with no row.
    let by_id: HashMap<i64, usize> = compact.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let pending: Vec<(i64, Option<usize>)> = ids
        .iter()
        .map(|&id| {
            (
                id,
                by_id.get(&id).copied().filter(|&i| compact[i].d0 != NO_DAY),
            )
        })
        .collect();
    // Every list below is sorted by first day: a compatible row starts at most a month before
    // the event (it is local) and no later than its last day, so only that slice is scanned.
    // Every list is per type class: an event scans only rows whose types may agree with its own.
    let mut grid: HashMap<(i32, i32, u32), Rows> = HashMap::default();
    let mut provinces: HashMap<(u32, u32, u32), Province> = HashMap::default();
    // Near the poles the box spans every longitude: the whole window, by day.
    let mut everything: HashMap<u32, Rows> = HashMap::default();
    for (i, r) in compact.iter().enumerate() {
        for class in classes(r) {
            everything.entry(class).or_default().push(i, r);
            grid.entry((cell(r.lat), cell(r.lon), class))
                .or_default()
                .push(i, r);
            if r.country != 0 && r.admin1 != 0 {
                let p = provinces.entry((r.country, r.admin1, class)).or_default();
                p.all.push(i, r);
                if r.province_level {
                    p.province_level.push(i, r);
                }
                if r.admin2 != 0 {
                    p.by_district.entry(r.admin2).or_default().push(i, r);
                }
            }
        }
    }
    let by_day = |rows: &mut Rows| {
        for list in [&mut rows.short, &mut rows.long] {
            list.sort_by_key(|&i| (compact[i].d0, compact[i].id));
        }
    };
    everything.values_mut().for_each(by_day);
    for list in grid.values_mut() {
        by_day(list);
    }
    for p in provinces.values_mut() {
        by_day(&mut p.all);
        by_day(&mut p.province_level);
        p.by_district.values_mut().for_each(by_day);
    }
    let names = &names;
    let search_part = |part: &[(i64, Option<usize>)]| -> Candidates {
        let mut out = Vec::with_capacity(part.len());
        // `seen[i] == k + 1`: window row i was already tested against pending event k.
        let mut seen = vec![0usize; compact.len()];
        // The components of the links found so far: a row already connected to the event
        // needs no test (the caller only needs the components, see `links_in_memory`).
        let mut joined = Forest((0..compact.len() as u32).collect());
        let mut memo: HashMap<(u32, u32), bool> = HashMap::default();
        let mut related = |x: u32, y: u32| {
            *memo
                .entry((x, y))
                .or_insert_with(|| names_related(names.name(x), names.name(y)))
        };
        for (k, &(id, at)) in part.iter().enumerate() {
            let mut found = Vec::new();
            let Some(at) = at else {
                out.push((id, found));
                continue;
            };
            let ev = &compact[at];
            // The rows of `rows` whose dates can overlap the event's (those starting at most
            // their part's longest range before it), each tested once.
            let mut scan = |rows: &Rows, found: &mut Vec<i64>, also: &dyn Fn(&Compact) -> bool| {
                for (list, span) in [(&rows.short, SHORT_SPAN), (&rows.long, MERGE_MAX_SPAN)] {
                    let from = list.partition_point(|&i| compact[i].d0 < ev.d0 - span);
                    for &i in &list[from..] {
                        let r = &compact[i];
                        if r.d0 > ev.d1 {
                            break;
                        }
                        if seen[i] != k + 1 && also(r) {
                            seen[i] = k + 1;
                            if !joined.same(at, i) && compatible(ev, r, &mut related) {
                                joined.join(at, i);
                                found.push(r.id);
                            }
                        }
                    }
                }
            };
            let (lat, lon) = (ev.lat, ev.lon);
            let (dlat, dlon) = box_half(lat);
            let in_box = |r: &Compact| {
                r.d0 <= ev.d1
                    && r.d1 >= ev.d0
                    && (lat - dlat..=lat + dlat).contains(&r.lat)
                    && (lon - dlon..=lon + dlon).contains(&r.lon)
            };
            for class in classes(ev) {
                if dlon >= 90.0 {
                    if let Some(list) = everything.get(&class) {
                        scan(list, &mut found, &in_box);
                    }
                } else {
                    for cy in cell(lat - dlat)..=cell(lat + dlat) {
                        for cx in cell(lon - dlon)..=cell(lon + dlon) {
                            if let Some(list) = grid.get(&(cy, cx, class)) {
                                scan(list, &mut found, &in_box);
                            }
                        }
                    }
                }
                if let Some(p) = provinces.get(&(ev.country, ev.admin1, class)) {
                    // Same province: any row when either is placed only at the province, else
                    // the rows of the same district.
                    if ev.province_level {
                        scan(&p.all, &mut found, &|_| true);
                    } else {
                        scan(&p.province_level, &mut found, &|_| true);
                        if let Some(list) = p.by_district.get(&ev.admin2) {
                            scan(list, &mut found, &|_| true);
                        }
                    }
                }
            }
            out.push((ev.id, found));
        }
        out
    };
    // Large sets on every core (the rows and indexes are shared, read-only).
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    if threads == 1 || pending.len() < 2 * MEMORY_FROM {
        return Ok(Some(search_part(&pending)));
    }
    let chunk = pending.len().div_ceil(threads);
    let parts: Vec<Option<Candidates>> = std::thread::scope(|s| {
        let handles: Vec<_> = pending
            .chunks(chunk)
            .map(|part| s.spawn(|| search_part(part)))
            .collect();
        handles.into_iter().map(|h| h.join().ok()).collect()
    });
    let mut out = Vec::with_capacity(pending.len());
    for p in parts {
        match p {
            Some(p) => out.extend(p),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}
