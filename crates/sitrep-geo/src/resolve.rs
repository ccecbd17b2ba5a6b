//! Resolution: picks one gazetteer place for each recognised name using the whole document —
//! population and feature kind as a prior, kind hints ("X province"), the countries and provinces
//! the article names (and the dateline), then nearness to the other places it resolves. One sense
//! per name per document.

use crate::countries;
use crate::haversine_km;
use crate::index::{Gazetteer, PlaceKind, Rec};
use crate::lexicon::KindHint;
use crate::recognize::Cand;
use std::collections::HashMap;

/// The chosen place of one group of mentions with its confidence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Choice {
    pub rec: u32,
    pub conf: f32,
}

#[derive(Default)]
struct Context {
    countries: HashMap<[u8; 2], f64>,
    admin1: HashMap<u32, f64>,
    points: Vec<(usize, f64, f64, f64)>, // (group, lat, lon, weight)
    capitals: std::collections::HashSet<u32>,
}

impl Context {
    fn country_share(&self, c: [u8; 2]) -> f64 {
        let max = self.countries.values().cloned().fold(0.0, f64::max);
        if max <= 0.0 {
            0.0
        } else {
            self.countries.get(&c).copied().unwrap_or(0.0) / max
        }
    }
}

fn kind_score(kind: PlaceKind, hint: Option<KindHint>, is_country_name: bool) -> f64 {
    let base = match kind {
        PlaceKind::Country => {
            if is_country_name {
                6.0
            } else {
                0.0
            }
        }
        PlaceKind::Admin1 => 0.5,
        PlaceKind::Admin2 => 0.2,
        PlaceKind::City => 0.0,
        PlaceKind::Water | PlaceKind::Region => 1.5,
        PlaceKind::Other => -1.0,
    };
    let h = match (hint, kind) {
        (Some(KindHint::Admin1), PlaceKind::Admin1) => 6.0,
        (Some(KindHint::Admin1), PlaceKind::Admin2) => 3.0,
        (Some(KindHint::Admin1), _) => -3.0,
        (Some(KindHint::Admin2), PlaceKind::Admin2) => 6.0,
        (Some(KindHint::Admin2), PlaceKind::Admin1) => 2.0,
        (Some(KindHint::Admin2), _) => -3.0,
        (Some(KindHint::City), PlaceKind::City) => 2.0,
        (Some(KindHint::City), PlaceKind::Admin1 | PlaceKind::Admin2) => -2.0,
        (Some(KindHint::Water), PlaceKind::Water) => 5.0,
        _ => 0.0,
    };
    base + h
}

fn score(
    gaz: &Gazetteer,
    r: &Rec,
    hint: Option<KindHint>,
    is_country_name: bool,
    cx: &Context,
    group: usize,
    near: bool,
) -> f64 {
    // A division's population is the sum of its towns': discount it against its own capital.
    let pop = ((r.pop as f64) + 1.0).log10()
        - if matches!(r.kind, PlaceKind::Admin1 | PlaceKind::Admin2) {
            1.0
        } else {
            0.0
        };
    let mut s = pop + kind_score(r.kind, hint, is_country_name);
    s += 3.5 * cx.country_share(r.country);
    if r.kind == PlaceKind::City && cx.capitals.contains(&r.gid) {
        s += 1.5;
    }
    let a1 = if r.kind == PlaceKind::Admin1 {
        r.idx
    } else {
        r.admin1
    };
    if let Some(w) = cx.admin1.get(&a1) {
        s += 2.5 * w.min(1.0);
    }
    if near {
        let mut best = f64::INFINITY;
        for &(g, lat, lon, _) in &cx.points {
            if g != group {
                best = best.min(haversine_km(r.lat, r.lon, lat, lon));
            }
        }
        if best.is_finite() {
            s += 2.5 * (-best / 150.0).exp();
        }
    }
    let _ = gaz;
    s
}

/// Group key: the folded name, and whether the mention asks for a division.
fn group_key(c: &Cand) -> (String, bool) {
    (
        c.key.clone(),
        matches!(c.hint, Some(KindHint::Admin1 | KindHint::Admin2)),
    )
}

/// Resolve every non-demonym candidate; returns one choice per candidate (None when unresolvable).
pub(crate) fn resolve(
    gaz: &Gazetteer,
    cands: &[Cand],
    dateline_country: Option<[u8; 2]>,
) -> Vec<Option<Choice>> {
    let mut groups: Vec<(String, bool)> = Vec::new();
    let mut group_of = Vec::with_capacity(cands.len());
    let mut gindex: HashMap<(String, bool), usize> = HashMap::new();
    for c in cands {
        if c.demonym.is_some() {
            group_of.push(usize::MAX);
            continue;
        }
        let k = group_key(c);
        let g = *gindex.entry(k.clone()).or_insert_with(|| {
            groups.push(k);
            groups.len() - 1
        });
        group_of.push(g);
    }
    // Per group: candidate places, the hint and whether it names a country.
    let mut gplaces: Vec<Vec<u32>> = vec![Vec::new(); groups.len()];
    let mut ghint: Vec<Option<KindHint>> = vec![None; groups.len()];
    let mut gcountry = vec![false; groups.len()];
    let mut gweight = vec![0.0f64; groups.len()];
    for (c, &g) in cands.iter().zip(&group_of) {
        if g == usize::MAX {
            continue;
        }
        if gplaces[g].is_empty() {
            gplaces[g] = c.places.clone();
        }
        if c.hint.is_some() {
            ghint[g] = ghint[g].or(c.hint);
        }
        gcountry[g] |= c.country.is_some();
        gweight[g] += c.conf as f64;
    }
    // Initial context: named countries, demonyms, the dateline.
    let mut cx = Context {
        capitals: countries::all()
            .iter()
            .filter_map(|c| c.capital_geonameid)
            .collect(),
        ..Default::default()
    };
    if let Some(dc) = dateline_country {
        *cx.countries.entry(dc).or_default() += 2.0;
    }
    for c in cands {
        if let Some(k) = c.country.or(c.demonym) {
            let b = k.iso2.as_bytes();
            if b.len() == 2 {
                *cx.countries.entry([b[0], b[1]]).or_default() +=
                    if c.demonym.is_some() { 0.5 } else { 1.0 };
            }
        }
    }
    let mut choice: Vec<Option<Choice>> = vec![None; groups.len()];
    for pass in 0..3 {
        let near = pass > 0;
        for g in 0..groups.len() {
            let mut scored: Vec<(f64, u32)> = gplaces[g]
                .iter()
                .map(|&p| {
                    let r = gaz.rec(p);
                    (score(gaz, &r, ghint[g], gcountry[g], &cx, g, near), p)
                })
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            if let Some(&(best, p)) = scored.first() {
                // The runner-up only counts when it is somewhere else.
                let br = gaz.rec(p);
                let second = scored.iter().skip(1).find(|(_, q)| {
                    let r = gaz.rec(*q);
                    haversine_km(r.lat, r.lon, br.lat, br.lon) > 161.0
                });
                let margin = second.map(|s| best - s.0).unwrap_or(5.0);
                let conf = (1.0 - 0.5 * (-margin).exp()) as f32;
                choice[g] = Some(Choice { rec: p, conf });
            }
        }
        // Rebuild the context from this pass's choices.
        let mut next = Context {
            capitals: std::mem::take(&mut cx.capitals),
            ..Default::default()
        };
        if let Some(dc) = dateline_country {
            *next.countries.entry(dc).or_default() += 2.0;
        }
        for c in cands {
            if let Some(k) = c.demonym {
                let b = k.iso2.as_bytes();
                if b.len() == 2 {
                    *next.countries.entry([b[0], b[1]]).or_default() += 0.5;
                }
            }
        }
        for (g, ch) in choice.iter().enumerate() {
            let Some(ch) = ch else { continue };
            let r = gaz.rec(ch.rec);
            let w = gweight[g] * ch.conf as f64;
            if r.country != *b"  " {
                *next.countries.entry(r.country).or_default() += w;
            }
            let a1 = if r.kind == PlaceKind::Admin1 {
                r.idx
            } else {
                r.admin1
            };
            if a1 != u32::MAX {
                *next.admin1.entry(a1).or_default() += w;
            }
            if !matches!(r.kind, PlaceKind::Country | PlaceKind::Region) {
                next.points.push((g, r.lat, r.lon, w));
            }
        }
        cx = next;
    }
    group_of
        .iter()
        .map(|&g| if g == usize::MAX { None } else { choice[g] })
        .collect()
}
