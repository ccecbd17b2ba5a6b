//! The country table (`data/countries.tsv`, embedded): ISO codes, names, aliases, hand-written
//! demonyms, capital and a representative point. Cheap to load; needs no gazetteer.

use sitrep_text::fxhash::FxHashMap as HashMap;
use std::sync::OnceLock;

const COUNTRIES_TSV: &str = include_str!("../../../data/countries.tsv");

#[derive(Debug, Clone)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capital_geonameid: Option<u32>,
    /// GeoNames id of the country itself.
    pub geonameid: Option<u32>,
    pub population: u64,
    pub lat: f64,
    pub lon: f64,
}

struct Table {
    rows: Vec<Country>,
    iso2: HashMap<String, usize>,
    iso3: HashMap<String, usize>,
    names: HashMap<String, usize>,
    demonyms: HashMap<String, usize>,
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn parse() -> Table {
    let mut rows = Vec::new();
    for line in COUNTRIES_TSV.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 8 {
            continue;
        }
        let (Ok(lat), Ok(lon)) = (f[6].parse::<f64>(), f[7].parse::<f64>()) else {
            continue;
        };
        rows.push(Country {
            iso2: f[0].to_string(),
            iso3: f[1].to_string(),
            name: f[2].to_string(),
            aliases: split_list(f[3]),
            demonyms: split_list(f[4]),
            capital_geonameid: f[5].parse().ok(),
            geonameid: f.get(8).and_then(|x| x.parse().ok()),
            population: f.get(9).and_then(|x| x.parse().ok()).unwrap_or(0),
            lat,
            lon,
        });
    }
    let mut t = Table {
        iso2: HashMap::default(),
        iso3: HashMap::default(),
        names: HashMap::default(),
        demonyms: HashMap::default(),
        rows: Vec::new(),
    };
    for (i, c) in rows.iter().enumerate() {
        t.iso2.insert(c.iso2.clone(), i);
        t.iso3.insert(c.iso3.clone(), i);
    }
    // Official names first, then aliases, so an alias never shadows another country's name.
    for (i, c) in rows.iter().enumerate() {
        t.names.entry(sitrep_text::fold(&c.name)).or_insert(i);
    }
    for (i, c) in rows.iter().enumerate() {
        for a in &c.aliases {
            t.names.entry(sitrep_text::fold(a)).or_insert(i);
        }
        for d in &c.demonyms {
            t.demonyms.entry(sitrep_text::fold(d)).or_insert(i);
        }
    }
    t.rows = rows;
    t
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(parse)
}

/// Every country, in ISO alpha-2 order.
pub fn all() -> &'static [Country] {
    &table().rows
}

/// `code` upper-cased, allocating only when it has a lower-case letter.
fn upper(code: &str) -> std::borrow::Cow<'_, str> {
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        std::borrow::Cow::Owned(code.to_ascii_uppercase())
    } else {
        std::borrow::Cow::Borrowed(code)
    }
}

pub fn by_iso2(code: &str) -> Option<&'static Country> {
    let t = table();
    t.iso2.get(upper(code).as_ref()).map(|&i| &t.rows[i])
}

pub fn by_iso3(code: &str) -> Option<&'static Country> {
    let t = table();
    t.iso3.get(upper(code).as_ref()).map(|&i| &t.rows[i])
}

/// A country by its name or an alias, given folded (`sitrep_text::fold`): "united states", "us".
pub fn by_name(folded: &str) -> Option<&'static Country> {
    let t = table();
    t.names.get(folded).map(|&i| &t.rows[i])
}

/// A country by a demonym, given folded: "iraqi", "us", "british".
pub fn by_demonym(folded: &str) -> Option<&'static Country> {
    let t = table();
    t.demonyms.get(folded).map(|&i| &t.rows[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_codes_names_and_demonyms() {
        assert!(all().len() > 240);
        assert_eq!(by_iso2("iq").map(|c| c.name.as_str()), Some("Iraq"));
        assert_eq!(by_iso3("SYR").map(|c| c.iso2.as_str()), Some("SY"));
        assert_eq!(
            by_name("united states of america").map(|c| c.iso2.as_str()),
            Some("US")
        );
        assert_eq!(by_name("uk").map(|c| c.iso2.as_str()), Some("GB"));
        assert_eq!(by_demonym("iraqi").map(|c| c.iso2.as_str()), Some("IQ"));
        assert_eq!(by_demonym("u.s.").map(|c| c.iso2.as_str()), Some("US"));
        assert!(by_demonym("kurdish").is_none());
        let iq = by_iso2("IQ").unwrap();
        assert!((iq.lat - 33.0).abs() < 2.0 && (iq.lon - 44.0).abs() < 2.0);
        assert_eq!(iq.capital_geonameid, Some(98182));
    }
}
