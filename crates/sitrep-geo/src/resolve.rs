//! Resolution: picks one gazetteer place for each recognised name using the whole document —
//! population and feature kind as a prior, kind hints ("X province"), the countries and provinces
//! the article names (and the dateline), then nearness to the other places it resolves. One sense
//! per name per document. The context-free priors are in `priors.rs`.

use crate::haversine_km;
use crate::index::{Gazetteer, PlaceKind, Rec};
use crate::lexicon::KindHint;
use crate::priors::{bare_division, capitals, kind_score, own_name};
use crate::recognize::Cand;
use sitrep_text::fxhash::FxHashMap as HashMap;

/// Candidate places looked at on each side of "Place, Qualifier".
const MAX_PAIR: usize = 60;
/// Score penalty for a division named without its "County"/"Parish".
const BARE_DIVISION_PENALTY: f64 = 2.5;
/// Score bonus for a place inside the division or country named right after it.
const PAIR_BONUS: f64 = 5.0;
/// Most resolution passes: the first on priors and named countries, then each on the context of
/// the previous ones' choices, until no choice changes.
const PASSES: usize = 8;
/// Weights of the document context: the share of country evidence, a country's capital, the
/// share of first-level division evidence, nearness to the other resolved places (decaying over
/// `NEAR_KM`), and how many other names could lie in the same division (capped).
const COUNTRY_WEIGHT: f64 = 3.5;
const CAPITAL_BONUS: f64 = 1.5;
const ADMIN1_WEIGHT: f64 = 2.5;
const NEAR_WEIGHT: f64 = 2.5;
const NEAR_KM: f64 = 150.0;
const COOC_WEIGHT: f64 = 0.5;
const COOC_CAP: f64 = 1.5;
/// Score penalty for a town reached only by one of its GeoNames alternate names ("Manchester"
/// for Richmond, Virginia; "Mexico" for Mexico City) when another place bears the name as its
/// own. Countries, first-level divisions, waters and regions keep their curated aliases.
const ALT_NAME_PENALTY: f64 = 3.0;
/// Score bonus for a town whose county the article names in full, and for that county.
const COUNTY_TOWN_BONUS: f64 = 2.0;
/// An alternate-name place this many times larger than every own-name place keeps its score.
const ALT_NAME_DOMINANCE: f64 = 10.0;

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
    /// The sum of `admin1`'s values.
    admin1_total: f64,
    points: Vec<(usize, f64, f64, f64)>, // (group, lat, lon, weight)
    /// What each group's own choice added to `countries` and `admin1`: a name is not its own
    /// evidence.
    /// Keyed by name (`name_id`), so that "Mansfield" and "Mansfield (county)" do not vouch
    /// for each other.
    own: HashMap<usize, Vec<([u8; 2], u32, f64)>>,
    /// The name of each group (groups of one name differ in their kind hint).
    name_id: Vec<usize>,
    /// Bonus for a group's place named with its division or country ("Paris, Texas").
    pair: HashMap<(usize, u32), f64>,
    /// Per first-level division: how much the other names of the document could lie in it
    /// (each name spreads one unit over the divisions its candidates lie in), with each group's
    /// own share to subtract.
    cooc: HashMap<u32, f64>,
    cooc_own: HashMap<(usize, u32), f64>,
    /// Second-level divisions named in full ("Anderson County") with the names naming them, and
    /// the divisions the other names' towns lie in: a town and its own county in one article
    /// vouch for each other.
    county_named: HashMap<u32, Vec<usize>>,
    county_towns: HashMap<u32, Vec<usize>>,
}

impl Context {
    fn own_entries(&self, g: usize) -> &[([u8; 2], u32, f64)] {
        self.name_id
            .get(g)
            .and_then(|n| self.own.get(n))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
    fn own_country(&self, g: usize, c: [u8; 2]) -> f64 {
        self.own_entries(g)
            .iter()
            .filter(|o| o.0 == c)
            .map(|o| o.2)
            .sum()
    }
    fn country_share(&self, c: [u8; 2], g: usize) -> f64 {
        let max = self
            .countries
            .iter()
            .map(|(&k, &v)| v - self.own_country(g, k))
            .fold(0.0, f64::max);
        if max <= 1e-9 {
            0.0
        } else {
            ((self.countries.get(&c).copied().unwrap_or(0.0) - self.own_country(g, c)) / max)
                .max(0.0)
        }
    }
    fn admin1_weight(&self, a1: u32, g: usize) -> f64 {
        let own: f64 = self
            .own_entries(g)
            .iter()
            .filter(|o| o.1 == a1)
            .map(|o| o.2)
            .sum();
        let w = (self.admin1.get(&a1).copied().unwrap_or(0.0) - own).max(0.0);
        // A share of all the division evidence: one mention of Texas in an article that names
        // places in many states says little.
        let own_any: f64 = self
            .own_entries(g)
            .iter()
            .filter(|o| o.1 != u32::MAX)
            .map(|o| o.2)
            .sum();
        let total: f64 = self.admin1_total - own_any;
        if total <= 1e-9 {
            0.0
        } else {
            (w / total).min(w)
        }
    }
}

/// A town or county reached only by a GeoNames alternate name while other places bear the name
/// as their own (`own_places`): penalised, save for the spellings news uses for the place.
/// `own` is `own_name(gaz, r, key)`.
#[allow(clippy::too_many_arguments)]
fn stray_alias(
    gaz: &Gazetteer,
    r: &Rec,
    key: &str,
    own: bool,
    own_places: &[u32],
    is_country_name: bool,
    cx: &Context,
    group: usize,
) -> bool {
    if own_places.is_empty()
        || !matches!(
            r.kind,
            PlaceKind::City | PlaceKind::Admin2 | PlaceKind::Other
        )
        || own
    {
        return false;
    }
    // "Raqqa" for Ar Raqqah, inside the Raqqa governorate that bears the name: a spelling of the
    // same place (but "New York" for New York City, which its own name tells from the state,
    // stays the state).
    let inside = own_places.iter().any(|&o| r.admin1 == o || r.admin2 == o);
    if inside && !sitrep_text::fold(gaz.name_of(r.idx)).starts_with(&format!("{key} ")) {
        return false;
    }
    // "Mansoura" for Al Mansurah (Egypt), "Mecca" for Makkah: a transliteration of a place far
    // larger than any that bears the name as its own.
    let dominant = own_places
        .iter()
        .all(|&o| (r.pop as f64) >= ALT_NAME_DOMINANCE * (gaz.rec(o).pop as f64).max(1.0));
    if dominant {
        return false;
    }
    // "Palmyra" for Tadmur in an article about Syria: the article's leading country vouches for
    // its own spelling when no place there bears the name as its own (a country's name still
    // means the country, not its capital).
    let leading = cx.country_share(r.country, group) >= 0.999;
    let own_here = own_places.iter().any(|&o| gaz.rec(o).country == r.country);
    is_country_name || !leading || own_here
}

/// What scoring needs to know of a place's name against the mention's key, worked out once per
/// group: `own_name` and `bare_division`.
#[derive(Clone, Copy)]
struct NameFit {
    own: bool,
    bare: bool,
}

#[allow(clippy::too_many_arguments)]
fn score(
    gaz: &Gazetteer,
    r: &Rec,
    hint: Option<KindHint>,
    is_country_name: bool,
    cx: &Context,
    group: usize,
    near: bool,
    key: &str,
    fit: NameFit,
    own_places: &[u32],
) -> f64 {
    // A division's population is the sum of its towns': discount it against its own capital.
    let pop = ((r.pop as f64) + 1.0).log10()
        - if matches!(r.kind, PlaceKind::Admin1 | PlaceKind::Admin2) {
            1.0
        } else {
            0.0
        };
    let mut s = pop + kind_score(r.kind, hint, is_country_name);
    if hint.is_none() && fit.bare {
        s -= BARE_DIVISION_PENALTY;
    } else if stray_alias(gaz, r, key, fit.own, own_places, is_country_name, cx, group) {
        s -= ALT_NAME_PENALTY;
    }
    if r.country == *b"  " && matches!(r.kind, PlaceKind::Region | PlaceKind::Water) {
        // A sea or a region across countries ("Middle East") lies in none of them and so in
        // none of the article's: half the country weight, whichever country leads.
        s += 0.5 * COUNTRY_WEIGHT;
    } else {
        s += COUNTRY_WEIGHT * cx.country_share(r.country, group);
    }
    s += cx.pair.get(&(group, r.idx)).copied().unwrap_or(0.0);
    if r.kind == PlaceKind::City && capitals().contains(&r.gid) {
        s += CAPITAL_BONUS;
    }
    let a1 = if r.kind == PlaceKind::Admin1 {
        r.idx
    } else {
        r.admin1
    };
    if a1 != u32::MAX {
        let support = cx.cooc.get(&a1).copied().unwrap_or(0.0)
            - cx.cooc_own.get(&(group, a1)).copied().unwrap_or(0.0);
        s += COOC_WEIGHT * support.min(COOC_CAP);
        s += ADMIN1_WEIGHT * cx.admin1_weight(a1, group).min(1.0);
    }
    let by_other = |m: &HashMap<u32, Vec<usize>>, k: u32| {
        m.get(&k).is_some_and(|v| {
            v.iter()
                .any(|&n| cx.name_id.get(n) != cx.name_id.get(group))
        })
    };
    if (r.kind == PlaceKind::City && r.admin2 != u32::MAX && by_other(&cx.county_named, r.admin2))
        || (r.kind == PlaceKind::Admin2 && !fit.bare && by_other(&cx.county_towns, r.idx))
    {
        s += COUNTY_TOWN_BONUS;
    }
    if near {
        let mut best = f64::INFINITY;
        for &(g, lat, lon, _) in &cx.points {
            if cx.name_id.get(g) != cx.name_id.get(group) {
                best = best.min(haversine_km(r.lat, r.lon, lat, lon));
            }
        }
        if best.is_finite() {
            s += NEAR_WEIGHT * (-best / NEAR_KM).exp();
        }
    }
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
    pairs: &[(usize, usize)],
    extra_countries: &[([u8; 2], f64)],
) -> Vec<Option<Choice>> {
    let mut groups: Vec<(String, bool)> = Vec::new();
    let mut group_of = Vec::with_capacity(cands.len());
    let mut gindex: HashMap<(String, bool), usize> = HashMap::default();
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
    // One name id per name; a longer name that starts with another one of the document
    // ("washington dc", "washington") shares its id, so neither vouches for the other.
    let mut names: HashMap<&str, usize> = HashMap::default();
    let mut by_len: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
    by_len.sort_by_key(|k| k.len());
    for k in by_len {
        let n = names.len();
        let shorter = names
            .iter()
            .find(|(s, _)| k.len() > s.len() && k.starts_with(*s) && k.as_bytes()[s.len()] == b' ')
            .map(|(_, &id)| id);
        names.entry(k).or_insert(shorter.unwrap_or(n));
    }
    let name_id: Vec<usize> = groups
        .iter()
        .enumerate()
        .map(|(g, (k, _))| names.get(k.as_str()).copied().unwrap_or(usize::MAX - g))
        .collect();
    let mut cx = Context {
        name_id,
        ..Default::default()
    };
    let mut pair: HashMap<(usize, u32), f64> = HashMap::default();
    for &(a, b) in pairs {
        let (Some(&ga), Some(&gb)) = (group_of.get(a), group_of.get(b)) else {
            continue;
        };
        if ga == usize::MAX || gb == usize::MAX || ga == gb {
            continue;
        }
        for &p in cands[a].places.iter().take(MAX_PAIR) {
            let r = gaz.rec(p);
            for &q in cands[b].places.iter().take(MAX_PAIR) {
                let qr = gaz.rec(q);
                let inside = match qr.kind {
                    PlaceKind::Admin1 => r.admin1 == q && r.kind != PlaceKind::Admin1,
                    PlaceKind::Admin2 => r.admin2 == q && r.kind == PlaceKind::City,
                    PlaceKind::Country => r.country == qr.country && r.kind != PlaceKind::Country,
                    _ => false,
                };
                if inside {
                    pair.insert((ga, p), PAIR_BONUS);
                    pair.insert((gb, q), PAIR_BONUS);
                }
            }
        }
    }
    cx.pair = pair;
    for (g, places) in gplaces.iter().enumerate() {
        let mut a1s: Vec<u32> = places
            .iter()
            .take(MAX_PAIR)
            .map(|&p| {
                let r = gaz.rec(p);
                if r.kind == PlaceKind::Admin1 {
                    r.idx
                } else {
                    r.admin1
                }
            })
            .filter(|&a| a != u32::MAX)
            .collect();
        a1s.sort_unstable();
        a1s.dedup();
        let share = 1.0 / a1s.len().max(1) as f64;
        for a in a1s {
            *cx.cooc.entry(a).or_default() += share;
            cx.cooc_own.insert((g, a), share);
        }
    }
    let base_countries = |m: &mut HashMap<[u8; 2], f64>| {
        if let Some(dc) = dateline_country {
            *m.entry(dc).or_default() += 2.0;
        }
        for &(c, w) in extra_countries {
            *m.entry(c).or_default() += w;
        }
    };
    base_countries(&mut cx.countries);
    for (c, &g) in cands.iter().zip(&group_of) {
        if let Some(k) = c.country.or(c.demonym) {
            let b = k.iso2.as_bytes();
            if b.len() == 2 {
                let w = if c.demonym.is_some() { 0.5 } else { 1.0 };
                *cx.countries.entry([b[0], b[1]]).or_default() += w;
                if g != usize::MAX {
                    cx.own
                        .entry(cx.name_id[g])
                        .or_default()
                        .push(([b[0], b[1]], u32::MAX, w));
                }
            }
        }
    }
    let mut choice: Vec<Option<Choice>> = vec![None; groups.len()];
    // How each group's places' names fit its key, and the places that bear the name as their own.
    let gfit: Vec<Vec<NameFit>> = (0..groups.len())
        .map(|g| {
            gplaces[g]
                .iter()
                .map(|&p| {
                    let r = gaz.rec(p);
                    NameFit {
                        own: own_name(gaz, &r, &groups[g].0),
                        bare: bare_division(gaz, &r, &groups[g].0),
                    }
                })
                .collect()
        })
        .collect();
    let gown: Vec<Vec<u32>> = (0..groups.len())
        .map(|g| {
            gplaces[g]
                .iter()
                .zip(&gfit[g])
                .filter(|(_, f)| f.own)
                .map(|(&p, _)| p)
                .collect()
        })
        .collect();
    for g in 0..groups.len() {
        for (&p, fit) in gplaces[g].iter().zip(&gfit[g]).take(MAX_PAIR) {
            let r = gaz.rec(p);
            if r.kind == PlaceKind::Admin2 && !fit.bare {
                cx.county_named.entry(p).or_default().push(g);
            } else if r.kind == PlaceKind::City && r.admin2 != u32::MAX {
                cx.county_towns.entry(r.admin2).or_default().push(g);
            }
        }
    }
    let mut last: Vec<Option<u32>> = Vec::new();
    let mut prev_choice: Vec<Option<Choice>> = Vec::new();
    for pass in 0..PASSES {
        let near = pass > 0;
        for g in 0..groups.len() {
            let mut scored: Vec<(f64, u32)> = gplaces[g]
                .iter()
                .zip(&gfit[g])
                .map(|(&p, &fit)| {
                    let r = gaz.rec(p);
                    (
                        score(
                            gaz,
                            &r,
                            ghint[g],
                            gcountry[g],
                            &cx,
                            g,
                            near,
                            &groups[g].0,
                            fit,
                            &gown[g],
                        ),
                        p,
                    )
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
            pair: std::mem::take(&mut cx.pair),
            cooc: std::mem::take(&mut cx.cooc),
            cooc_own: std::mem::take(&mut cx.cooc_own),
            county_named: std::mem::take(&mut cx.county_named),
            county_towns: std::mem::take(&mut cx.county_towns),
            name_id: std::mem::take(&mut cx.name_id),
            ..Default::default()
        };
        base_countries(&mut next.countries);
        for c in cands {
            if let Some(k) = c.demonym {
                let b = k.iso2.as_bytes();
                if b.len() == 2 {
                    *next.countries.entry([b[0], b[1]]).or_default() += 0.5;
                }
            }
        }
        // The context is built from this pass's choices and the previous pass's, half each, so
        // that two names cannot keep swapping each other's evidence.
        let damped = |g: usize| {
            let prev = prev_choice.get(g).copied().flatten();
            match (choice[g], prev) {
                (Some(a), Some(b)) if pass > 0 && a.rec != b.rec => vec![(a, 0.5), (b, 0.5)],
                (Some(a), _) => vec![(a, 1.0)],
                _ => Vec::new(),
            }
        };
        for (g, &gw) in gweight.iter().enumerate() {
            for (ch, half) in damped(g) {
                let r = gaz.rec(ch.rec);
                let w = gw * ch.conf as f64 * half;
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
                next.own
                    .entry(next.name_id[g])
                    .or_default()
                    .push((r.country, a1, w));
                if !matches!(r.kind, PlaceKind::Country | PlaceKind::Region) {
                    next.points.push((g, r.lat, r.lon, w));
                }
            }
        }
        prev_choice = choice.clone();
        next.admin1_total = next.admin1.values().sum();
        cx = next;
        let now: Vec<Option<u32>> = choice.iter().map(|c| c.map(|c| c.rec)).collect();
        if pass > 0 && now == last {
            break;
        }
        last = now;
    }
    group_of
        .iter()
        .map(|&g| if g == usize::MAX { None } else { choice[g] })
        .collect()
}
