//! sitrep-geo: places. `countries` is the embedded country table (names, aliases, demonyms,
//! points); the gazetteer and geoparser follow.

pub mod countries;
