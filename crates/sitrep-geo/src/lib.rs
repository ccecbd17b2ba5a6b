//! sitrep-geo: places. `countries` is the embedded country table (names, aliases, demonyms,
//! points); `index` the embedded GeoNames-derived gazetteer; `recognize` finds place names in a
//! document and `resolve` picks their gazetteer entries; `eval` scores against LGL and GeoWebNews.
//! Knows nothing of events, actors or output formats beyond the serialisable `PlaceMention`.

pub mod countries;
pub mod eval;
mod index;
mod lexicon;
mod locale;
mod name_table;
mod priors;
mod recognize;
mod resolve;

pub use index::{Gazetteer, GeoError, PlaceKind, PlaceRecord};
use serde::{Deserialize, Serialize};
use sitrep_text::Document;

/// A place named in a document, resolved to a point.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaceMention {
    pub text: String,
    /// Char offsets into `doc.text`, end exclusive.
    pub start: usize,
    pub end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    pub name: String,
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub confidence: f32,
    /// A demonym ("Iraqi forces") standing for its country.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub demonym: bool,
}

/// Great-circle distance in kilometres.
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// The country of a dateline place when its name is not ambiguous across countries: every
/// place bearing it with at least a tenth of the largest one's population lies in one country
/// ("MANSFIELD —" may be Mansfield, Louisiana as well as Mansfield, England).
fn dateline_place_country(gaz: &Gazetteer, places: &[u32]) -> Option<String> {
    let recs: Vec<_> = places.iter().map(|&p| gaz.rec(p)).collect();
    let max = recs.iter().map(|r| r.pop).max()?;
    let mut big = recs.iter().filter(|r| r.pop as u64 * 10 >= max as u64);
    let first = big.next()?.country;
    big.all(|r| r.country == first)
        .then(|| index::Gazetteer::country_of(&gaz.rec(places[0])))
        .filter(|_| recs.first().is_some_and(|r| r.country == first))
}

/// Find and resolve the places a document names, sorted by start.
pub fn geoparse(doc: &Document, gaz: &Gazetteer) -> Vec<PlaceMention> {
    let cands = recognize::recognize(doc, gaz);
    let dateline_country = cands
        .iter()
        .find(|c| {
            doc.dateline
                .as_ref()
                .is_some_and(|d| d.place.contains(c.span))
        })
        .and_then(|c| {
            c.country
                .map(|k| k.iso2.clone())
                .or_else(|| dateline_place_country(gaz, &c.places))
        })
        .and_then(|s| {
            let b = s.as_bytes();
            (b.len() == 2).then(|| [b[0], b[1]])
        });
    let pairs = locale::comma_pairs(doc, &cands);
    let cues = locale::country_cues(doc);
    let choices = resolve::resolve(gaz, &cands, dateline_country, &pairs, &cues);
    let mut out = Vec::with_capacity(cands.len());
    for (c, ch) in cands.iter().zip(choices) {
        let text = doc.slice(c.span).to_string();
        if let Some(k) = c.demonym {
            out.push(PlaceMention {
                text,
                start: c.span.start,
                end: c.span.end,
                geonameid: k.geonameid,
                name: k.name.clone(),
                kind: PlaceKind::Country,
                country: k.iso2.clone(),
                admin1: None,
                admin2: None,
                lat: k.lat,
                lon: k.lon,
                confidence: c.conf,
                demonym: true,
            });
            continue;
        }
        let Some(ch) = ch else { continue };
        let r = gaz.record(ch.rec);
        let admin1 = if r.kind == PlaceKind::Admin1 {
            Some(r.name.clone())
        } else {
            r.admin1
        };
        out.push(PlaceMention {
            text,
            start: c.span.start,
            end: c.span.end,
            geonameid: r.geonameid,
            name: r.name,
            kind: r.kind,
            country: r.country,
            admin1,
            admin2: r.admin2,
            lat: r.lat,
            lon: r.lon,
            confidence: c.conf * ch.conf,
            demonym: false,
        });
    }
    out
}
