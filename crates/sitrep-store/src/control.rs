//! The territorial-control timeline. Per place, every stored claim (and every territorial event,
//! stored as a change claim) becomes an observation "from day D, H holds it"; a change also says
//! who held it before. Observations of one day compete (certainty, independent outlets, latest
//! report, then name: better-attested, later claims win); a standing claim contradicted by a change
//! reported later is dropped. Consecutive days with the same winner make one interval
//! `[from, until)`. Intervals are recomputed from scratch for each place an ingest touches and
//! stored in `control_intervals`, so snapshots are one indexed scan.

use crate::codec::{self, pack, rank};
use crate::error::StoreError;
use crate::types::{ControlInterval, EvidenceRef};
use crate::Store;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use sitrep_events::{Certainty, ControlClaim, ControlKind};
use std::collections::{BTreeMap, BTreeSet};

/// One place's timeline, oldest interval first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceTimeline {
    pub key: String,
    pub place: String,
    pub geonameid: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub intervals: Vec<ControlInterval>,
}

impl PlaceTimeline {
    /// The interval holding `date`, if any.
    pub fn at(&self, date: chrono::NaiveDate) -> Option<&ControlInterval> {
        let d = codec::day_of(date);
        self.intervals.iter().find(|i| covers(i, d))
    }
}

fn covers(i: &ControlInterval, d: i64) -> bool {
    let from_ok = i
        .from
        .as_deref()
        .and_then(codec::parse_day)
        .is_none_or(|f| f <= d);
    let until_ok = i
        .until
        .as_deref()
        .and_then(codec::parse_day)
        .is_none_or(|u| d < u);
    from_ok && until_ok
}

#[derive(Debug, Clone)]
struct Obs {
    day: i64,
    holder: Option<String>,
    /// "Held before the change on `day`".
    prior: bool,
    certainty: Certainty,
    published: i64,
    outlet: String,
    canon: String,
    ev: EvidenceRef,
}

fn norm_holder(h: &Option<String>) -> Option<String> {
    let h = h.as_deref()?.trim();
    if h.is_empty() {
        None
    } else if h.eq_ignore_ascii_case("contested") {
        Some("contested".into())
    } else {
        Some(h.to_string())
    }
}

/// Support of one holder on one day: what makes it win.
fn support(obs: &[&Obs]) -> (Certainty, usize, bool, i64) {
    let c = obs
        .iter()
        .map(|o| o.certainty)
        .max()
        .unwrap_or(Certainty::Speculative);
    let outlets = obs
        .iter()
        .map(|o| o.outlet.as_str())
        .collect::<BTreeSet<_>>()
        .len();
    // An explicit claim outweighs one inferred from a territorial event.
    let explicit = obs.iter().any(|o| o.ev.event_id.is_none());
    let latest = obs.iter().map(|o| o.published).max().unwrap_or(-1);
    (c, outlets, explicit, latest)
}

/// The winning holder among observations, with its observations.
fn winner<'a>(obs: &[&'a Obs]) -> Option<(Option<String>, Vec<&'a Obs>)> {
    let mut by: BTreeMap<Option<String>, Vec<&Obs>> = BTreeMap::new();
    for o in obs {
        by.entry(o.holder.clone()).or_default().push(o);
    }
    by.into_iter().max_by(|a, b| {
        support(&a.1)
            .cmp(&support(&b.1))
            .then_with(|| b.0.cmp(&a.0))
    })
}

struct Seg {
    from: Option<i64>,
    holder: Option<String>,
    obs: Vec<Obs>,
}

/// Build the intervals of one place from its observations.
fn build(mut obs: Vec<Obs>) -> Vec<Seg> {
    obs.sort_by(|a, b| (a.day, a.prior, &a.canon).cmp(&(b.day, b.prior, &b.canon)));
    // A standing or change claim contradicted by a change reported later and at least as sure.
    let keep: Vec<bool> = obs
        .iter()
        .map(|o| {
            o.prior
                || !obs.iter().any(|q| {
                    !q.prior
                        && q.holder != o.holder
                        && q.day <= o.day
                        && q.published > o.published
                        && o.published >= 0
                        && q.certainty >= o.certainty
                })
        })
        .collect();
    let obs: Vec<Obs> = obs
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(o, _)| o)
        .collect();
    let mut days: BTreeMap<i64, Vec<&Obs>> = BTreeMap::new();
    let mut priors: BTreeMap<i64, Vec<&Obs>> = BTreeMap::new();
    for o in &obs {
        if o.prior {
            priors.entry(o.day).or_default()
        } else {
            days.entry(o.day).or_default()
        }
        .push(o);
    }
    let mut segs: Vec<Seg> = Vec::new();
    let first_day = days.keys().next().copied();
    for (&day, group) in &days {
        if Some(day) == first_day {
            if let Some((holder, won)) = priors.get(&day).and_then(|p| winner(p)) {
                segs.push(Seg {
                    from: None,
                    holder,
                    obs: won.into_iter().cloned().collect(),
                });
            }
        } else if let (Some(p), Some(last)) = (priors.get(&day), segs.last_mut()) {
            // Later priors corroborate the interval they close, when they agree with it.
            last.obs.extend(
                p.iter()
                    .filter(|o| o.holder == last.holder)
                    .map(|o| (*o).clone()),
            );
        }
        let Some((holder, won)) = winner(group) else {
            continue;
        };
        match segs.last_mut() {
            Some(last) if last.holder == holder => last.obs.extend(won.into_iter().cloned()),
            _ => segs.push(Seg {
                from: Some(day),
                holder,
                obs: won.into_iter().cloned().collect(),
            }),
        }
    }
    segs
}

/// Place facts for the `places` table: most used name, first coordinates in canonical order.
struct PlaceInfo {
    name: String,
    geonameid: Option<u32>,
    lat: f64,
    lon: f64,
    country: Option<String>,
    admin1: Option<String>,
}

/// Recompute the stored intervals of place `key` from all its claims.
pub(crate) fn recompute_place(tx: &Transaction, key: &str) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.article_id, c.event_id, c.day_first, c.json, a.published, s.name, a.hash, c.id
         FROM control_claims c JOIN articles a ON a.id = c.article_id LEFT JOIN sources s ON s.id = a.source_id
         WHERE c.place_key = ?1 AND c.day_first >= 0",
    )?;
    let rows = stmt.query_map([key], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, Vec<u8>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Vec<u8>>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    let mut obs = Vec::new();
    let mut claims: Vec<(String, ControlClaim)> = Vec::new();
    let mut names = BTreeSet::new();
    for row in rows {
        let (article_id, event_id, day, blob, published, source, hash, claim_id) = row?;
        let Ok(c) = codec::unpack::<ControlClaim>(&blob, "control claim") else {
            continue;
        };
        names.insert(sitrep_text::fold(&c.place.name));

        let canon = format!(
            "{}:{}:{claim_id:010}",
            codec::hex(&hash, 10),
            c.evidence.start
        );
        claims.push((canon.clone(), c.clone()));
        if c.certainty == Certainty::Denied {
            continue;
        }
        let ev = EvidenceRef {
            article_id,
            doc_id: c.doc_id.clone(),
            source: source.clone(),
            published: published.clone(),
            event_id,
            certainty: c.certainty,
            start: c.evidence.start,
            end: c.evidence.end,
            text: c.evidence.text.clone(),
        };
        let base = Obs {
            day,
            holder: None,
            prior: false,
            certainty: c.certainty,
            published: published
                .as_deref()
                .and_then(codec::parse_day)
                .unwrap_or(-1),
            outlet: source
                .as_deref()
                .map(sitrep_text::fold)
                .unwrap_or_else(|| format!("#{article_id}")),
            canon,
            ev,
        };
        match c.kind {
            ControlKind::Change => {
                if c.previous_holder.is_some() {
                    obs.push(Obs {
                        holder: norm_holder(&c.previous_holder),
                        prior: true,
                        ..base.clone()
                    });
                }
                obs.push(Obs {
                    holder: norm_holder(&c.new_holder),
                    ..base
                });
            }
            ControlKind::Holds => obs.push(Obs {
                holder: norm_holder(&c.holder),
                ..base
            }),
        }
    }
    drop(stmt);
    claims.sort_by(|a, b| a.0.cmp(&b.0));
    let Some(info) = place_info(&claims) else {
        return Ok(());
    };
    tx.prepare_cached("INSERT OR REPLACE INTO places(key, name, folded, geonameid, lat, lon, country, admin1) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)")?.execute(params![key, info.name, sitrep_text::fold(&info.name), info.geonameid, info.lat, info.lon, info.country, info.admin1],
    )?;
    for n in &names {
        tx.prepare_cached("INSERT OR IGNORE INTO place_names(folded, key) VALUES (?1, ?2)")?
            .execute(params![n, key])?;
    }
    tx.prepare_cached("DELETE FROM control_intervals WHERE place_key = ?1")?
        .execute([key])?;
    let segs = build(obs);
    for (i, seg) in segs.iter().enumerate() {
        let until = segs.get(i + 1).and_then(|s| s.from);
        let mut evidence: Vec<EvidenceRef> = seg.obs.iter().map(|o| o.ev.clone()).collect();
        evidence.dedup();
        let interval = ControlInterval {
            place: info.name.clone(),
            geonameid: info.geonameid,
            lat: info.lat,
            lon: info.lon,
            country: info.country.clone(),
            holder: seg.holder.clone(),
            from: seg.from.and_then(codec::iso),
            until: until.and_then(codec::iso),
            certainty: seg
                .obs
                .iter()
                .map(|o| o.certainty)
                .max()
                .unwrap_or(Certainty::Speculative),
            evidence,
        };
        tx.prepare_cached("INSERT INTO control_intervals(place_key, from_day, until_day, holder, certainty, lat, lon, json)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8)")?.execute(params![key, seg.from, until, seg.holder, rank(interval.certainty), info.lat, info.lon, pack(&interval)],
        )?;
    }
    Ok(())
}

fn place_info(claims: &[(String, ControlClaim)]) -> Option<PlaceInfo> {
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, c) in claims {
        *names.entry(c.place.name.as_str()).or_default() += 1;
    }
    let top = names.values().copied().max()?;
    let name = names.iter().find(|(_, n)| **n == top)?.0.to_string();
    let located = claims
        .iter()
        .map(|(_, c)| c)
        .find(|c| c.place.lat.is_finite() && c.place.lon.is_finite())?;
    Some(PlaceInfo {
        name,
        geonameid: located.place.geonameid,
        lat: located.place.lat,
        lon: located.place.lon,
        country: claims.iter().find_map(|(_, c)| c.place.country.clone()),
        admin1: claims.iter().find_map(|(_, c)| c.place.admin1.clone()),
    })
}

impl Store {
    /// Timelines of the place named `place` (a GeoNames id, or a name matched folded; a name may
    /// match several places).
    pub fn control_timeline(&self, place: &str) -> Result<Vec<PlaceTimeline>, StoreError> {
        let place = place.trim();
        let keys: Vec<String> = if let Ok(id) = place.parse::<u32>() {
            vec![format!("g:{id}")]
        } else {
            let folded = sitrep_text::fold(place);
            let mut stmt = self
                .conn
                .prepare("SELECT key FROM places WHERE folded = ?1 UNION SELECT key FROM place_names WHERE folded = ?1 ORDER BY 1")
                .map_err(self.err())?;
            let keys = stmt.query_map([folded], |r| r.get(0)).map_err(self.err())?;
            keys.collect::<Result<_, _>>().map_err(self.err())?
        };
        let mut out = Vec::new();
        for key in keys {
            let row = self
                .conn
                .query_row(
                    "SELECT name, geonameid, lat, lon, country, admin1 FROM places WHERE key = ?1",
                    [&key],
                    |r| {
                        Ok((
                            r.get::<_, String>(0)?,
                            r.get::<_, Option<u32>>(1)?,
                            r.get::<_, Option<f64>>(2)?,
                            r.get::<_, Option<f64>>(3)?,
                            r.get::<_, Option<String>>(4)?,
                            r.get::<_, Option<String>>(5)?,
                        ))
                    },
                )
                .optional()
                .map_err(self.err())?;
            let Some((name, geonameid, lat, lon, country, admin1)) = row else {
                continue;
            };
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT json FROM control_intervals WHERE place_key = ?1 ORDER BY from_day, id",
                )
                .map_err(self.err())?;
            let blobs: Vec<Vec<u8>> = stmt
                .query_map([&key], |r| r.get(0))
                .map_err(self.err())?
                .collect::<Result<_, _>>()
                .map_err(self.err())?;
            let intervals = blobs
                .iter()
                .map(|b| codec::unpack(b, "control interval"))
                .collect::<Result<_, _>>()?;
            out.push(PlaceTimeline {
                key,
                place: name,
                geonameid,
                lat: lat.unwrap_or(f64::NAN),
                lon: lon.unwrap_or(f64::NAN),
                country,
                admin1,
                intervals,
            });
        }
        Ok(out)
    }

    /// Every known place's interval holding `date`, optionally inside `bbox` (W,S,E,N), by place name.
    pub fn control_at(
        &self,
        date: chrono::NaiveDate,
        bbox: Option<[f64; 4]>,
    ) -> Result<Vec<ControlInterval>, StoreError> {
        let d = codec::day_of(date);
        let mut sql = String::from(
            "SELECT json FROM control_intervals WHERE (from_day IS NULL OR from_day <= ?1) AND (until_day IS NULL OR until_day > ?1)",
        );
        if let Some([w, s, e, n]) = bbox {
            sql.push_str(&format!(" AND lat BETWEEN {s} AND {n}"));
            if w <= e {
                sql.push_str(&format!(" AND lon BETWEEN {w} AND {e}"));
            } else {
                sql.push_str(&format!(" AND (lon >= {w} OR lon <= {e})"));
            }
        }
        let mut stmt = self.conn.prepare(&sql).map_err(self.err())?;
        let blobs: Vec<Vec<u8>> = stmt
            .query_map([d], |r| r.get(0))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        let mut out: Vec<ControlInterval> = blobs
            .iter()
            .map(|b| codec::unpack(b, "control interval"))
            .collect::<Result<_, _>>()?;
        out.sort_by(|a, b| (&a.place, a.geonameid).cmp(&(&b.place, b.geonameid)));
        Ok(out)
    }

    /// Recompute every place's timeline (after a change of rules).
    pub fn rebuild_control(&mut self) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sql(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let keys: Vec<String> = tx
            .prepare("SELECT DISTINCT place_key FROM control_claims ORDER BY 1")
            .map_err(err)?
            .query_map([], |r| r.get(0))
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        for k in &keys {
            recompute_place(&tx, k).map_err(err)?;
        }
        crate::derived::init_marks(&tx).map_err(err)?;
        crate::derived::mark_all_done(&tx, false).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(keys.len())
    }
}
