//! The in-memory incident candidate search of a bulk update: one read of the stored events the
//! pending ones can reach (by date), kept in a compact form (names interned to numbers, the
//! trigonometry of each place computed once) and indexed by grid cell, province and district,
//! each list sorted by first day. It gives the same connected components as the links
//! `links::compatible` gives (tested against the SQL search in `links`).

use crate::codec::NO_DAY;
use crate::incidents::MERGE_KM;
use crate::links::{names_related, vague_actor, Candidates, MERGE_MAX_SPAN, ROW_COLS};
use rusqlite::Connection;
use sitrep_text::fxhash::FxHashMap as HashMap;

/// Pending sets at least this large may be searched in memory ...
pub(crate) const MEMORY_FROM: usize = 256;
/// ... when the stored events their dates reach number at most this many per pending event (plus
/// [`MEMORY_SLACK`]); otherwise (a few dates spread over a large database) SQL per event is
/// cheaper than reading the window.
const MEMORY_RATIO: usize = 8;
const MEMORY_SLACK: usize = 4096;

/// Grid cell of the in-memory index, degrees (larger than the 25 km search box in latitude).
const CELL: f64 = 0.5;

/// Mean Earth radius of `codec::haversine_km`.
const EARTH_KM: f64 = 6371.0088;

/// A window row as the search needs it: strings replaced by interned numbers (0: none), the
/// place's latitude in radians and its cosine computed once.
struct Compact {
    id: i64,
    article_id: i64,
    d0: i64,
    d1: i64,
    lat: f64,
    lon: f64,
    lat_rad: f64,
    lat_cos: f64,
    country: u32,
    admin1: u32,
    admin2: u32,
    province_level: bool,
    event_type: u32,
    /// Sub-type "Armed clash" or "Attack" (reports disagree on whether the victims fought back).
    clash: bool,
    /// Interned folded actor names (vague ones already left out by `read_row`).
    actors: Vec<u32>,
}

/// Strings to numbers, 1-based (0 is "none"); each distinct string is copied once.
#[derive(Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
    /// Raw actor names to their folded, interned form (`None`: vague, left out).
    actors: HashMap<Box<str>, Option<u32>>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        self.names.push(s.into());
        let id = self.names.len() as u32;
        self.ids.insert(s.into(), id);
        id
    }
    fn opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(0, |s| self.id(s))
    }
    /// An actor name folded (as `links::read_row` does), vague ones left out.
    fn actor(&mut self, raw: &str) -> Option<u32> {
        if let Some(&a) = self.actors.get(raw) {
            return a;
        }
        let folded = sitrep_text::fold(raw);
        let a = (!vague_actor(&folded)).then(|| self.id(&folded));
        self.actors.insert(raw.into(), a);
        a
    }
}

/// A window row read straight into its compact form (the columns of `links::ROW_COLS`).
fn read_compact(r: &rusqlite::Row, names: &mut Interner) -> rusqlite::Result<Compact> {
    let text = |k: usize| -> rusqlite::Result<Option<&str>> {
        r.get_ref(k)?.as_str_or_null().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(k, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    // The window query keeps placed rows only.
    let lat: f64 = r.get::<_, Option<f64>>(4)?.unwrap_or(f64::NAN);
    let lon: f64 = r.get::<_, Option<f64>>(5)?.unwrap_or(f64::NAN);
    let lat_rad = lat.to_radians();
    let mut actors = Vec::with_capacity(2);
    for k in [12, 13] {
        if let Some(a) = text(k)?.and_then(|raw| names.actor(raw)) {
            actors.push(a);
        }
    }
    Ok(Compact {
        id: r.get(0)?,
        article_id: r.get(1)?,
        d0: r.get(2)?,
        d1: r.get(3)?,
        lat,
        lon,
        lat_rad,
        lat_cos: lat_rad.cos(),
        country: names.opt(text(6)?),
        admin1: names.opt(text(7)?),
        admin2: names.opt(text(8)?),
        province_level: r.get::<_, Option<i64>>(9)? == Some(3),
        event_type: names.opt(text(10)?),
        clash: matches!(text(11)?, Some("Armed clash") | Some("Attack")),
        actors,
    })
}

/// `codec::haversine_km` with each point's radians and cosine given (the same operations, so
/// the same result), and no trigonometry at all for points further apart in latitude alone.
fn within_merge_km(a: &Compact, b: &Compact) -> bool {
    let dp = b.lat_rad - a.lat_rad;
    // The great-circle distance is at least the latitude difference (margin for rounding).
    if dp.abs() * EARTH_KM > MERGE_KM * 1.001 {
        return false;
    }
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + a.lat_cos * b.lat_cos * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_KM * h.sqrt().min(1.0).asin() <= MERGE_KM
}

/// `links::compatible` on compact rows (every window row is placed and local); `related` answers
/// `names_related` for two interned actor names, remembered per pair.
fn compatible_compact(
    a: &Compact,
    b: &Compact,
    related: &mut impl FnMut(u32, u32) -> bool,
) -> bool {
    if a.id == b.id
        || a.article_id == b.article_id
        || a.d0 == NO_DAY
        || b.d0 == NO_DAY
        || a.d0 > b.d1
        || b.d0 > a.d1
    {
        return false;
    }
    let types = (a.event_type != 0 && a.event_type == b.event_type) || (a.clash && b.clash);
    if !types {
        return false;
    }
    let places = within_merge_km(a, b)
        || (a.country != 0
            && a.country == b.country
            && a.admin1 != 0
            && a.admin1 == b.admin1
            && ((a.admin2 != 0 && a.admin2 == b.admin2) || a.province_level || b.province_level));
    places
        && (a.actors.is_empty()
            || b.actors.is_empty()
            || a.actors
                .iter()
                .any(|&x| b.actors.iter().any(|&y| x == y || related(x, y))))
}

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

/// The window rows of one province (country, admin1), each list sorted by first day.
#[derive(Default)]
struct Province {
    all: Vec<usize>,
    /// Rows placed only at the province (`geo_precision` 3): they may merge with any row of it.
    province_level: Vec<usize>,
    by_district: HashMap<u32, Vec<usize>>,
}

/// The search box of `candidates`' R*Tree query: half-sizes in latitude and longitude.
fn box_half(lat: f64) -> (f64, f64) {
    let dlat = MERGE_KM / 110.0 + 0.01;
    let c = lat.to_radians().cos();
    (dlat, if c < 0.05 { 180.0 } else { dlat / c })
}

fn cell(x: f64) -> i32 {
    (x / CELL).floor() as i32
}

/// `links` with one read of the stored events the pending ones can reach (by date), indexed in
/// memory. `None` when that window holds too many events (the caller searches by SQL).
///
/// Every pending id is listed, but not every link: a pair already connected through links found
/// before (by the same thread) is not tested again, so the links form a spanning forest of each
/// part's relation. Their union has the same connected components (the incidents) as `links`.
pub(crate) fn links_in_memory(
    conn: &Connection,
    ids: &[i64],
) -> rusqlite::Result<Option<Candidates>> {
    let (Some(&first), Some(&last)) = (ids.first(), ids.last()) else {
        return Ok(Some(Vec::new()));
    };
    if !ids.windows(2).all(|w| w[0] < w[1]) {
        return Ok(None);
    }
    // The dates the pending events reach (an aggregate over their id range: a superset of `ids`
    // at worst, which only widens the window).
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
        return Ok(Some(ids.iter().map(|&id| (id, Vec::new())).collect()));
    };
    // A compatible event is local and overlaps: it starts at most a month before.
    let d_lo = d_lo - MERGE_MAX_SPAN;
    let stored: i64 = conn
        .prepare_cached("SELECT count(*) FROM events WHERE day_first BETWEEN ?1 AND ?2")?
        .query_row([d_lo, d_hi], |r| r.get(0))?;
    if stored as usize > MEMORY_RATIO * ids.len() + MEMORY_SLACK {
        return Ok(None);
    }
    let mut names = Interner::default();
    let mut compact: Vec<Compact> = Vec::new();
    {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {ROW_COLS} FROM events e WHERE e.day_first BETWEEN ?1 AND ?2
               AND e.event_type IS NOT NULL AND e.admin1 IS NOT NULL AND e.lat IS NOT NULL AND e.lon IS NOT NULL"
        ))?;
        let mut rows = stmt.query([d_lo, d_hi])?;
        while let Some(r) = rows.next()? {
            let c = read_compact(r, &mut names)?;
            // Local rows only (the query already asks for a province).
            if c.d1 - c.d0 <= MERGE_MAX_SPAN {
                compact.push(c);
            }
        }
    }
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
    let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::default();
    let mut provinces: HashMap<(u32, u32), Province> = HashMap::default();
    for (i, r) in compact.iter().enumerate() {
        grid.entry((cell(r.lat), cell(r.lon))).or_default().push(i);
        if r.country != 0 && r.admin1 != 0 {
            let p = provinces.entry((r.country, r.admin1)).or_default();
            p.all.push(i);
            if r.province_level {
                p.province_level.push(i);
            }
            if r.admin2 != 0 {
                p.by_district.entry(r.admin2).or_default().push(i);
            }
        }
    }
    let by_day = |list: &mut Vec<usize>| list.sort_by_key(|&i| (compact[i].d0, compact[i].id));
    // Near the poles the box spans every longitude: the whole window, by day.
    let mut everything: Vec<usize> = (0..compact.len()).collect();
    by_day(&mut everything);
    for list in grid.values_mut() {
        by_day(list);
    }
    for p in provinces.values_mut() {
        by_day(&mut p.all);
        by_day(&mut p.province_level);
        p.by_district.values_mut().for_each(by_day);
    }
    let names = &names.names;
    let search_part = |part: &[(i64, Option<usize>)]| -> Candidates {
        let mut out = Vec::with_capacity(part.len());
        // `seen[i] == k + 1`: window row i was already tested against pending event k.
        let mut seen = vec![0usize; compact.len()];
        // The components of the links found so far: a row already connected to the event
        // needs no test (the caller only needs the components, see `links_in_memory`).
        let mut joined = Forest((0..compact.len() as u32).collect());
        let mut memo: HashMap<(u32, u32), bool> = HashMap::default();
        let mut related = |x: u32, y: u32| {
            *memo.entry((x, y)).or_insert_with(|| {
                let name = |i: u32| names.get(i as usize - 1).map_or("", |n| &**n);
                names_related(name(x), name(y))
            })
        };
        for (k, &(id, at)) in part.iter().enumerate() {
            let mut found = Vec::new();
            let Some(at) = at else {
                out.push((id, found));
                continue;
            };
            let ev = &compact[at];
            // The rows of `list` whose dates can overlap the event's, each tested once.
            let mut scan =
                |list: &[usize], found: &mut Vec<i64>, also: &dyn Fn(&Compact) -> bool| {
                    let from = list.partition_point(|&i| compact[i].d0 < ev.d0 - MERGE_MAX_SPAN);
                    for &i in &list[from..] {
                        let r = &compact[i];
                        if r.d0 > ev.d1 {
                            break;
                        }
                        if seen[i] != k + 1 && also(r) {
                            seen[i] = k + 1;
                            if !joined.same(at, i) && compatible_compact(ev, r, &mut related) {
                                joined.join(at, i);
                                found.push(r.id);
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
            if dlon >= 90.0 {
                scan(&everything, &mut found, &in_box);
            } else {
                for cy in cell(lat - dlat)..=cell(lat + dlat) {
                    for cx in cell(lon - dlon)..=cell(lon + dlon) {
                        if let Some(list) = grid.get(&(cy, cx)) {
                            scan(list, &mut found, &in_box);
                        }
                    }
                }
            }
            if let Some(p) = provinces.get(&(ev.country, ev.admin1)) {
                // Same province: any row when either is placed only at the province, else the
                // rows of the same district.
                if ev.province_level {
                    scan(&p.all, &mut found, &|_| true);
                } else {
                    scan(&p.province_level, &mut found, &|_| true);
                    if let Some(list) = p.by_district.get(&ev.admin2) {
                        scan(list, &mut found, &|_| true);
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
