//! The relation whose connected components are incidents: when two stored events may describe
//! one happening ([`compatible`]), on events read into a compact form ([`Compact`]: names
//! interned to numbers, each place's trigonometry computed once). Both candidate searches, by
//! SQL (`links`) and in memory (`links_memory`), test pairs with it.

use crate::codec::NO_DAY;
use crate::incidents::MERGE_KM;
use sitrep_text::fxhash::FxHashMap as HashMap;

/// The columns [`read_compact`] reads, in order.
pub(crate) const ROW_COLS: &str =
    "e.id, e.article_id, e.day_first, e.day_last, e.lat, e.lon, e.country, e.admin1, e.admin2,
    e.geo_precision, e.event_type, e.sub_type, e.actor1, e.actor2";

/// A vague actor ("unidentified gunmen", "civilians"): it neither joins nor separates events.
pub(crate) fn vague_actor(name: &str) -> bool {
    ["unidentified", "unknown", "civilians"]
        .iter()
        .any(|w| name.contains(w))
}

/// Two folded actor names that may name the same actor: equal, or one's words all among the
/// other's.
pub(crate) fn names_related(x: &str, y: &str) -> bool {
    if x == y {
        return true;
    }
    // One name's words all among the other's (no allocation: names have a few words).
    let within = |a: &str, b: &str| {
        a.split_whitespace()
            .all(|w| b.split_whitespace().any(|v| v == w))
    };
    let (ex, ey) = (
        x.split_whitespace().next().is_none(),
        y.split_whitespace().next().is_none(),
    );
    !ex && !ey && (within(x, y) || within(y, x))
}

/// Longest date range (days) an event may span and still merge: a year-long "since 2015" is no
/// one happening.
pub const MERGE_MAX_SPAN: i64 = 31;

/// Mean Earth radius (km), as `sitrep_geo::haversine_km`.
const EARTH_KM: f64 = 6371.0088;

/// A window row as the search needs it: strings replaced by interned numbers (0: none), the
/// place's latitude in radians and its cosine computed once.
pub(crate) struct Compact {
    pub id: i64,
    pub article_id: i64,
    pub d0: i64,
    pub d1: i64,
    pub lat: f64,
    pub lon: f64,
    pub lat_rad: f64,
    pub lat_cos: f64,
    pub country: u32,
    pub admin1: u32,
    pub admin2: u32,
    pub province_level: bool,
    pub event_type: u32,
    /// Sub-type "Armed clash" or "Attack" (reports disagree on whether the victims fought back).
    pub clash: bool,
    /// Interned folded actor names (vague ones left out).
    pub actors: Vec<u32>,
    /// Has a point (latitude and longitude).
    pub placed: bool,
    /// Placed below the country (a country's point is not a place) and dated within a month.
    pub local: bool,
}

/// Strings to numbers, 1-based (0 is "none"); each distinct string is copied once.
#[derive(Default)]
pub(crate) struct Interner {
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
    /// The string of an interned number ("" for 0).
    pub fn name(&self, id: u32) -> &str {
        (id as usize)
            .checked_sub(1)
            .and_then(|i| self.names.get(i))
            .map_or("", |n| n)
    }
    /// Take in the names of `other` and renumber `rows` (read with `other`) to this interner's
    /// numbers.
    pub fn absorb(&mut self, other: &Interner, rows: &mut [Compact]) {
        let map: Vec<u32> = std::iter::once(0)
            .chain(other.names.iter().map(|n| self.id(n)))
            .collect();
        for (raw, a) in &other.actors {
            if !self.actors.contains_key(raw) {
                self.actors.insert(raw.clone(), a.map(|a| map[a as usize]));
            }
        }
        for r in rows {
            for x in [
                &mut r.country,
                &mut r.admin1,
                &mut r.admin2,
                &mut r.event_type,
            ] {
                *x = map[*x as usize];
            }
            for a in &mut r.actors {
                *a = map[*a as usize];
            }
        }
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

/// A window row read straight into its compact form (the columns of [`ROW_COLS`]).
pub(crate) fn read_compact(r: &rusqlite::Row, names: &mut Interner) -> rusqlite::Result<Compact> {
    let text = |k: usize| -> rusqlite::Result<Option<&str>> {
        r.get_ref(k)?.as_str_or_null().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(k, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let (lat, lon) = (r.get::<_, Option<f64>>(4)?, r.get::<_, Option<f64>>(5)?);
    let placed = lat.is_some() && lon.is_some();
    let (lat, lon) = (lat.unwrap_or(f64::NAN), lon.unwrap_or(f64::NAN));
    let (d0, d1): (i64, i64) = (r.get(2)?, r.get(3)?);
    let admin1 = names.opt(text(7)?);
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
        d0,
        d1,
        lat,
        lon,
        lat_rad,
        lat_cos: lat_rad.cos(),
        country: names.opt(text(6)?),
        admin1,
        admin2: names.opt(text(8)?),
        province_level: r.get::<_, Option<i64>>(9)? == Some(3),
        event_type: names.opt(text(10)?),
        clash: matches!(text(11)?, Some("Armed clash") | Some("Attack")),
        actors,
        placed,
        local: admin1 != 0 && d1 - d0 <= MERGE_MAX_SPAN,
    })
}

/// The haversine distance (as `sitrep_geo::haversine_km`) with each point's radians and cosine given (the same operations, so
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

/// Two events may belong to one incident: both placed and local, from different articles, with
/// overlapping dates, compatible types, places within [`MERGE_KM`] (or in the same district, or
/// one placed only at their common province), and actors that do not disagree. `related`
/// answers [`names_related`] for two interned actor names (the caller may remember it per pair).
pub(crate) fn compatible(
    a: &Compact,
    b: &Compact,
    related: &mut impl FnMut(u32, u32) -> bool,
) -> bool {
    if !(a.placed && b.placed && a.local && b.local)
        || a.id == b.id
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
