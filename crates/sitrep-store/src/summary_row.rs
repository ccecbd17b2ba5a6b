//! An incident's stored row (its filter columns and counts) summarised from compact member facts
//! ([`Lite`]) instead of whole events: what the update of the derived tables writes. The writer
//! keeps the facts of the events it has just stored ([`MemberCache`]), so a bulk update inflates
//! no event blob; members stored before (another run) are read back and reduced to the same
//! facts. The summary rules themselves ([`choose`]) serve `incidents::summarise` too, so a row
//! and the incident read back agree (tested below).

use crate::codec::{self, NO_DAY};
use crate::incidents::Member;
use sitrep_events::{Certainty, Event};
use std::collections::{BTreeMap, BTreeSet};

/// What an incident's row needs of one member event.
#[derive(Debug, Clone)]
pub(crate) struct Lite {
    pub article_id: i64,
    /// Content hash prefix and position: the canonical order of members.
    pub canon: String,
    /// The outlet as stored (trimmed; `None` when empty).
    pub source: Option<String>,
    pub sub_type: Option<String>,
    pub event_type: Option<String>,
    pub range: Option<(i64, i64)>,
    pub place: Option<LitePlace>,
    pub certainty: Certainty,
}

#[derive(Debug, Clone)]
pub(crate) struct LitePlace {
    pub geonameid: Option<u32>,
    pub name: String,
    pub geo_precision: u8,
    pub lat: f64,
    pub lon: f64,
    pub country: String,
    pub admin1: Option<String>,
}

impl Lite {
    /// The facts of an event just stored (reading its blob back gives the same coordinates: the
    /// workspace's serde_json parses floats exactly).
    pub fn new(e: &Event, article_id: i64, canon: String, source: Option<String>) -> Lite {
        Lite::read(e, article_id, canon, source)
    }

    /// The facts of a member read back from the database.
    pub fn of_member(m: &Member) -> Lite {
        Lite::read(&m.event, m.article_id, m.canon.clone(), m.source.clone())
    }

    fn read(e: &Event, article_id: i64, canon: String, source: Option<String>) -> Lite {
        Lite {
            article_id,
            canon,
            source,
            sub_type: e.acled_sub_event_type.clone(),
            event_type: e.acled_event_type.clone(),
            range: e.date.as_ref().and_then(|d| codec::parse_range(&d.range)),
            place: e.place.as_ref().map(|p| LitePlace {
                geonameid: p.geonameid,
                name: p.name.clone(),
                geo_precision: p.geo_precision,
                lat: p.lat,
                lon: p.lon,
                country: p.country.clone(),
                admin1: p.admin1.clone(),
            }),
            certainty: e.certainty,
        }
    }
}

/// The canonical key of a member: its article's content hash (first 8 bytes, hex) and position.
pub(crate) fn canon(hash: &[u8], ord: usize) -> String {
    format!("{}-{ord}", codec::hex(hash, 8))
}

/// The outlet of an article as the `sources` table stores it.
pub(crate) fn stored_source(source: Option<&str>) -> Option<String> {
    source
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Facts of events stored by this connection and not yet folded into the incidents, by event id
/// (ascending, as SQLite hands out new row ids; looked up by binary search). Filled only after
/// the transaction that wrote them commits; emptied by each update.
#[derive(Default)]
pub(crate) struct MemberCache {
    ids: Vec<i64>,
    facts: Vec<Lite>,
    /// The first and last id of the events written while filling it (typed or not): it holds
    /// every typed event in that range.
    span: Option<(i64, i64)>,
}

impl MemberCache {
    /// Note that event `id` was written (call before [`MemberCache::push`]); an id not above
    /// the last one empties the cache first (it is only a shortcut: every event missing from it
    /// is read back).
    pub fn wrote(&mut self, id: i64) {
        self.span = match self.span {
            Some((first, last)) if id > last => Some((first, id)),
            Some(_) => {
                *self = MemberCache::default();
                Some((id, id))
            }
            None => Some((id, id)),
        };
    }

    /// Remember `lite` for the typed event `id` (see [`MemberCache::wrote`]).
    pub fn push(&mut self, id: i64, lite: Lite) {
        if self.ids.last().is_some_and(|&last| last >= id) {
            *self = MemberCache::default();
            return;
        }
        self.ids.push(id);
        self.facts.push(lite);
    }

    /// The ids of the typed events above `done`, when the cache was filled with every event
    /// from `done + 1` to `last` (the highest stored id); `None` when it may miss some.
    pub fn typed_between(&self, done: i64, last: i64) -> Option<Vec<i64>> {
        (self.span == Some((done + 1, last))).then(|| self.ids.clone())
    }

    /// Room for `n` more events (an article's).
    pub fn reserve(&mut self, n: usize) {
        self.ids.reserve(n);
        self.facts.reserve(n);
    }

    pub fn get(&self, id: i64) -> Option<&Lite> {
        let i = self.ids.binary_search(&id).ok()?;
        self.facts.get(i)
    }
}

/// An incident's row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentRow {
    pub key: String,
    pub d0: i64,
    pub d1: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub event_type: Option<String>,
    pub sub_type: Option<String>,
    pub n_events: usize,
    pub n_articles: usize,
    pub n_sources: usize,
    pub certainty: Certainty,
}

/// What the summary rules choose for a component (members sorted by canonical key): the one
/// place where they live, shared by the stored row ([`summarise_row`]) and the full incident
/// (`incidents::summarise`).
pub(crate) struct Choice<'a> {
    pub sub_type: Option<&'a str>,
    pub event_type: Option<&'a str>,
    /// The narrowest date range; ties: most reported, then earliest.
    pub range: Option<(i64, i64)>,
    /// Index of the member whose place wins: the most precise; ties: most reported, then by
    /// (geonameid, name).
    pub place: Option<usize>,
    pub n_articles: usize,
    pub n_sources: usize,
    pub certainty: Certainty,
}

/// The most frequent value, ties broken by the smallest.
pub(crate) fn mode<T: Ord>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for i in items {
        *counts.entry(i).or_default() += 1;
    }
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(k, _)| k)
}

fn step(c: Certainty, up: bool) -> Certainty {
    let r = codec::rank(c) + if up { 1 } else { -1 };
    codec::certainty_of(r.clamp(
        codec::rank(Certainty::Speculative),
        codec::rank(Certainty::Confirmed),
    ))
}

/// Apply the summary rules to members sorted by canonical key.
pub(crate) fn choose<'a>(members: &[&'a Lite]) -> Choice<'a> {
    let sub_type = mode(members.iter().filter_map(|m| m.sub_type.as_deref()));
    let event_type = mode(
        members
            .iter()
            .filter(|m| sub_type.is_none() || m.sub_type.as_deref() == sub_type)
            .filter_map(|m| m.event_type.as_deref()),
    );
    let mut range_counts: BTreeMap<(i64, i64), usize> = BTreeMap::new();
    for r in members.iter().filter_map(|m| m.range) {
        *range_counts.entry(r).or_default() += 1;
    }
    let range = range_counts
        .iter()
        .map(|(&(a, b), &n)| (b - a, std::cmp::Reverse(n), a, b))
        .min()
        .map(|(_, _, a, b)| (a, b));
    // How often each place is named (counted once, not per pair: components can be large).
    let mut place_counts: BTreeMap<(Option<u32>, &str), usize> = BTreeMap::new();
    for p in members.iter().filter_map(|m| m.place.as_ref()) {
        *place_counts
            .entry((p.geonameid, p.name.as_str()))
            .or_default() += 1;
    }
    let place = members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.place.as_ref().map(|p| (i, p)))
        .map(|(i, p)| {
            let n = place_counts
                .get(&(p.geonameid, p.name.as_str()))
                .copied()
                .unwrap_or(0);
            (
                p.geo_precision,
                std::cmp::Reverse(n),
                (p.geonameid, p.name.as_str()),
                i,
            )
        })
        .min_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)))
        .map(|t| t.3);
    let n_articles = members
        .iter()
        .map(|m| m.article_id)
        .collect::<BTreeSet<_>>()
        .len();
    let outlet = |m: &Lite| {
        m.source
            .as_deref()
            .map(sitrep_text::fold)
            .unwrap_or_else(|| "?".into())
    };
    let n_sources = members
        .iter()
        .map(|m| outlet(m))
        .collect::<BTreeSet<_>>()
        .len();
    // Certainty: the best asserted report, raised by independent outlets, lowered by denials.
    let asserted: Vec<&Lite> = members
        .iter()
        .copied()
        .filter(|m| m.certainty >= Certainty::Claimed)
        .collect();
    let denied = members.iter().any(|m| m.certainty == Certainty::Denied);
    let certainty = match asserted.iter().map(|m| m.certainty).max() {
        None => members
            .iter()
            .map(|m| m.certainty)
            .max()
            .unwrap_or(Certainty::Speculative),
        Some(best) => {
            let independent = asserted
                .iter()
                .map(|m| outlet(m))
                .collect::<BTreeSet<_>>()
                .len();
            let mut c = best;
            if independent >= 2 {
                c = if best >= Certainty::Reported {
                    Certainty::Confirmed
                } else {
                    step(best, true)
                };
            }
            if denied {
                c = step(c, false);
            }
            c
        }
    };
    Choice {
        sub_type,
        event_type,
        range,
        place,
        n_articles,
        n_sources,
        certainty,
    }
}

/// The incident's date as it keeps it (ISO days; empty when no member is dated).
pub(crate) fn iso_range(range: Option<(i64, i64)>) -> [String; 2] {
    range
        .map(|(a, b)| {
            [
                codec::iso(a).unwrap_or_default(),
                codec::iso(b).unwrap_or_default(),
            ]
        })
        .unwrap_or_default()
}

/// An incident's stored row from its members sorted by canonical key.
pub(crate) fn summarise_row(members: &[&Lite]) -> IncidentRow {
    let c = choose(members);
    // Through the ISO form the incident keeps, as `incidents::summarise` then the writer do.
    let (d0, d1) = c
        .range
        .and_then(|r| codec::parse_range(&iso_range(Some(r))))
        .unwrap_or((NO_DAY, NO_DAY));
    let place = c.place.and_then(|i| members[i].place.as_ref());
    IncidentRow {
        key: format!(
            "inc-{}",
            members.first().map(|m| m.canon.as_str()).unwrap_or("")
        ),
        d0,
        d1,
        lat: place.map(|p| p.lat),
        lon: place.map(|p| p.lon),
        country: place.map(|p| p.country.to_ascii_uppercase()),
        admin1: place.and_then(|p| p.admin1.clone()),
        event_type: c.event_type.map(str::to_string),
        sub_type: c.sub_type.map(str::to_string),
        n_events: members.len(),
        n_articles: c.n_articles,
        n_sources: c.n_sources,
        certainty: c.certainty,
    }
}

/// The row `incidents::summarise` gives (what [`summarise_row`] must equal).
#[cfg(test)]
pub(crate) fn row_of(inc: &crate::types::Incident) -> IncidentRow {
    let (d0, d1) = codec::parse_range(&inc.date).unwrap_or((NO_DAY, NO_DAY));
    IncidentRow {
        key: inc.key.clone(),
        d0,
        d1,
        lat: inc.place.as_ref().map(|p| p.lat),
        lon: inc.place.as_ref().map(|p| p.lon),
        country: inc.place.as_ref().map(|p| p.country.to_ascii_uppercase()),
        admin1: inc.place.as_ref().and_then(|p| p.admin1.clone()),
        event_type: inc.acled_event_type.clone(),
        sub_type: inc.acled_sub_event_type.clone(),
        n_events: inc.n_events,
        n_articles: inc.n_articles,
        n_sources: inc.n_sources,
        certainty: inc.certainty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_events::EventDate;

    /// `summarise_row` gives the columns of the incident `incidents::summarise` reads back (both
    /// over [`choose`]: this checks what each builds from its choice), on synthetic members varied
    /// to reach every rule (mode ties, missing types, ranges and places, precision and count
    /// ties between places, outlets differing by case and space, every certainty and denials).
    #[test]
    fn rows_equal_the_full_summary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.db");
        crate::bench::bench_store(&path, 3000, |_| {}).unwrap();
        let conn = rusqlite::Connection::open(&path).unwrap();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut members = crate::incidents::load_members(&conn, &ids, false).unwrap();
        assert!(members.len() > 2000);
        let certainties = [
            Certainty::Denied,
            Certainty::Speculative,
            Certainty::Claimed,
            Certainty::Hedged,
            Certainty::Reported,
            Certainty::Confirmed,
        ];
        let subs = [None, Some("Armed clash"), Some("Attack"), Some("Shelling")];
        let types = [None, Some("Battles"), Some("Violence against civilians")];
        let outlets = [
            None,
            Some("Reuters"),
            Some("reuters "),
            Some("AFP"),
            Some("SANA"),
        ];
        for (i, m) in members.iter_mut().enumerate() {
            let e = &mut m.event;
            e.certainty = certainties[(i * 7 + i / 5) % 6];
            e.acled_sub_event_type = subs[(i / 2) % 4].map(str::to_string);
            e.acled_event_type = types[(i / 3) % 3].map(str::to_string);
            m.source = outlets[(i / 4) % 5].map(str::to_string);
            if i % 11 == 0 {
                e.date = None;
            } else if let Some(d) = e.date.as_mut() {
                // Equally narrow ranges: the count decides, then the earliest.
                let (first, last) = [
                    ("2016-03-06", "2016-03-06"),
                    ("2016-03-07", "2016-03-07"),
                    ("2016-03-07", "2016-03-07"),
                    ("2016-03-01", "2016-03-09"),
                ][(i * 3) % 4];
                *d = EventDate {
                    range: [first.into(), last.into()],
                    ..d.clone()
                };
            }
            if i % 9 == 0 {
                e.place = None;
            } else if let Some(p) = e.place.as_mut() {
                // Repeated places of equal precision: the count decides, then the key.
                let (gid, name) = [
                    (None, "Aleppo"),
                    (Some(1), "Halab"),
                    (Some(1), "Halab"),
                    (Some(2), "Idlib"),
                    (Some(2), "Idlib"),
                ][(i * 7) % 5];
                p.geo_precision = [1, 1, 2][(i / 7) % 3];
                p.geonameid = gid;
                p.name = name.into();
                p.country = ["sy", "SY"][i % 2].into();
                p.admin1 = [None, Some("Aleppo".to_string())][(i / 5) % 2].clone();
                p.lat += (i % 4) as f64 * 0.01;
            }
        }
        let mut checked = 0;
        let mut start = 0;
        for size in (1..=9).cycle() {
            if start >= members.len() {
                break;
            }
            let end = (start + size).min(members.len());
            let mut group: Vec<&crate::incidents::Member> = members[start..end].iter().collect();
            group.sort_by(|a, b| a.canon.cmp(&b.canon));
            let owned: Vec<crate::incidents::Member> = group
                .iter()
                .map(|m| crate::incidents::Member {
                    id: m.id,
                    article_id: m.article_id,
                    canon: m.canon.clone(),
                    source: m.source.clone(),
                    published: m.published.clone(),
                    event: m.event.clone(),
                })
                .collect();
            let full = row_of(&crate::incidents::summarise(&owned));
            let lites: Vec<Lite> = owned.iter().map(Lite::of_member).collect();
            let refs: Vec<&Lite> = lites.iter().collect();
            assert_eq!(summarise_row(&refs), full, "members {start}..{end}");
            checked += 1;
            start = end;
        }
        assert!(checked > 400);
    }

    /// Incidents written from the facts at hand (the bench's batches) equal a rebuild that reads
    /// every member back from the database: the same rows, coordinates to the last bit.
    #[test]
    fn rows_from_facts_at_hand_equal_a_rebuild() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts.db");
        crate::bench::bench_store(&path, 4000, |_| {}).unwrap();
        let rows = |s: &crate::Store| -> Vec<String> {
            s.conn
                .prepare(
                    "SELECT key, day_first, day_last, quote(lat), quote(lon), country, admin1,
                       event_type, sub_type, n_events, n_articles, n_sources, certainty,
                       (SELECT group_concat(event_id) FROM (SELECT event_id FROM incident_events ie
                          WHERE ie.incident_id = i.id ORDER BY event_id))
                     FROM incidents i ORDER BY key",
                )
                .unwrap()
                .query_map([], |r| {
                    Ok((0..14)
                        .map(|k| format!("{:?}", r.get_ref(k).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let mut s = crate::Store::open(&path).unwrap();
        let before = rows(&s);
        assert!(before.len() > 500, "{}", before.len());
        assert!(before
            .iter()
            .any(|r| !r.contains("Integer(1)|Integer(1)|Integer(1)")));
        s.rebuild_incidents().unwrap();
        assert_eq!(rows(&s), before);
    }
}
