//! The embedded gazetteer index (`data/gazetteer/gazetteer.bin.gz`, format documented in
//! `scripts/gazetteer/gazetteer.py`): decompressed once into one buffer and read in place. Places
//! are addressed by record index; folded name keys map to postings of record indices (largest
//! population first). Names are found through a hash table built at load time
//! (`name_table.rs`) over the file's sorted key list.

use crate::name_table::NameTable;
use flate2::read::GzDecoder;
use serde::{Deserialize, Serialize};
use std::io::Read;

const GAZ_GZ: &[u8] = include_bytes!("../../../data/gazetteer/gazetteer.bin.gz");
const REC_SIZE: usize = 32;
const NONE: u32 = u32::MAX;

#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("gazetteer data could not be decompressed: {0}")]
    Decompress(#[from] std::io::Error),
    #[error("gazetteer data is malformed: {0}")]
    Format(&'static str),
}

/// What kind of feature a place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Country,
    Admin1,
    Admin2,
    City,
    Water,
    Region,
    Other,
}

impl PlaceKind {
    fn from_u8(k: u8) -> PlaceKind {
        match k {
            0 => PlaceKind::Country,
            1 => PlaceKind::Admin1,
            2 => PlaceKind::Admin2,
            3 => PlaceKind::City,
            4 => PlaceKind::Water,
            5 => PlaceKind::Region,
            _ => PlaceKind::Other,
        }
    }
}

/// One gazetteer entry as callers see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceRecord {
    pub geonameid: Option<u32>,
    pub name: String,
    pub kind: PlaceKind,
    /// ISO alpha-2 (empty for features that belong to no one country, such as seas).
    pub country: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

/// Compact fields of one record, read straight from the buffer.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec {
    pub idx: u32,
    pub gid: u32,
    pub lat: f64,
    pub lon: f64,
    pub pop: u32,
    pub admin1: u32,
    pub admin2: u32,
    pub kind: PlaceKind,
    pub country: [u8; 2],
}

/// The gazetteer: every place and the name index. Load once and share read-only.
pub struct Gazetteer {
    buf: Vec<u8>,
    n_rec: usize,
    rec_at: usize,
    ctry_at: usize,
    pool_at: usize,
    n_keys: usize,
    koff_at: usize,
    blob_at: usize,
    poff_at: usize,
    post_at: usize,
    /// (geonameid, record index), sorted.
    by_gid: Vec<(u32, u32)>,
    /// Folded name key -> key index.
    names: NameTable,
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, GeoError> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
        .ok_or(GeoError::Format("truncated"))
}

impl Gazetteer {
    /// Load the gazetteer embedded in the binary.
    pub fn load() -> Result<Gazetteer, GeoError> {
        Gazetteer::from_gzip(GAZ_GZ)
    }

    /// Load a gazetteer from gzip-compressed index bytes.
    pub fn from_gzip(gz: &[u8]) -> Result<Gazetteer, GeoError> {
        let mut buf = Vec::with_capacity(gz.len() * 3);
        GzDecoder::new(gz).read_to_end(&mut buf)?;
        Gazetteer::from_bytes(buf)
    }

    fn from_bytes(buf: Vec<u8>) -> Result<Gazetteer, GeoError> {
        if buf.get(..8) != Some(b"SGAZ0001".as_slice()) {
            return Err(GeoError::Format("bad magic"));
        }
        let mut at = 8;
        let n_rec = u32_at(&buf, at)? as usize;
        let rec_at = at + 4;
        at = rec_at + n_rec * REC_SIZE;
        if u32_at(&buf, at)? as usize != n_rec {
            return Err(GeoError::Format("country table size"));
        }
        let ctry_at = at + 4;
        at = ctry_at + n_rec * 2;
        let pool_len = u32_at(&buf, at)? as usize;
        let pool_at = at + 4;
        at = pool_at + pool_len;
        let n_keys = u32_at(&buf, at)? as usize;
        let koff_at = at + 4;
        at = koff_at + (n_keys + 1) * 4;
        let blob_len = u32_at(&buf, at)? as usize;
        let blob_at = at + 4;
        at = blob_at + blob_len;
        let poff_at = at;
        at = poff_at + (n_keys + 1) * 4;
        let n_post = u32_at(&buf, at)? as usize;
        let post_at = at + 4;
        if post_at + n_post * 4 != buf.len() {
            return Err(GeoError::Format("length mismatch"));
        }
        let mut g = Gazetteer {
            buf,
            n_rec,
            rec_at,
            ctry_at,
            pool_at,
            n_keys,
            koff_at,
            blob_at,
            poff_at,
            post_at,
            by_gid: Vec::new(),
            names: NameTable::build(0, |_| &[][..]),
        };
        let mut by_gid = Vec::with_capacity(n_rec);
        for i in 0..n_rec {
            let gid = g.u32(g.rec_at + i * REC_SIZE);
            if gid != 0 {
                by_gid.push((gid, i as u32));
            }
        }
        by_gid.sort_unstable();
        g.by_gid = by_gid;
        g.names = NameTable::build(g.n_keys, |k| g.key(k));
        Ok(g)
    }

    /// Read a u32 at a position validated at load time.
    fn u32(&self, at: usize) -> u32 {
        let s = &self.buf[at..at + 4];
        u32::from_le_bytes([s[0], s[1], s[2], s[3]])
    }

    pub fn len(&self) -> usize {
        self.n_rec
    }

    pub fn is_empty(&self) -> bool {
        self.n_rec == 0
    }

    pub(crate) fn rec(&self, idx: u32) -> Rec {
        let at = self.rec_at + idx as usize * REC_SIZE;
        let c = self.ctry_at + idx as usize * 2;
        Rec {
            idx,
            gid: self.u32(at),
            lat: f32::from_bits(self.u32(at + 4)) as f64,
            lon: f32::from_bits(self.u32(at + 8)) as f64,
            pop: self.u32(at + 12),
            admin1: self.u32(at + 16),
            admin2: self.u32(at + 20),
            kind: PlaceKind::from_u8(self.buf[at + 30]),
            country: [self.buf[c], self.buf[c + 1]],
        }
    }

    pub(crate) fn name_of(&self, idx: u32) -> &str {
        let at = self.rec_at + idx as usize * REC_SIZE;
        let off = self.u32(at + 24) as usize;
        let len = u16::from_le_bytes([self.buf[at + 28], self.buf[at + 29]]) as usize;
        let s = self.pool_at + off;
        std::str::from_utf8(self.buf.get(s..s + len).unwrap_or(&[])).unwrap_or("")
    }

    pub(crate) fn country_of(r: &Rec) -> String {
        if r.country == *b"  " {
            String::new()
        } else {
            String::from_utf8_lossy(&r.country).into_owned()
        }
    }

    /// Key `k`'s bytes (empty when the offsets are out of range).
    fn key(&self, k: usize) -> &[u8] {
        let s = self.u32(self.koff_at + k * 4) as usize;
        let e = self.u32(self.koff_at + (k + 1) * 4) as usize;
        self.buf
            .get(self.blob_at + s..self.blob_at + e)
            .unwrap_or(&[])
    }

    /// The postings range (into the postings array) of places with this folded name.
    fn postings(&self, folded: &str) -> std::ops::Range<usize> {
        match self.names.find(folded.as_bytes(), |k| self.key(k)) {
            Some(k) => {
                let s = self.u32(self.poff_at + k * 4) as usize;
                let e = self.u32(self.poff_at + (k + 1) * 4) as usize;
                s..e
            }
            None => 0..0,
        }
    }

    /// Record indices of places with this folded name, largest population first.
    pub(crate) fn lookup(&self, folded: &str) -> impl Iterator<Item = u32> + '_ {
        self.postings(folded)
            .map(move |i| self.u32(self.post_at + i * 4))
    }

    /// True when some place has this folded name.
    pub fn contains_name(&self, folded: &str) -> bool {
        !self.postings(folded).is_empty()
    }

    pub(crate) fn index_of_gid(&self, gid: u32) -> Option<u32> {
        self.by_gid
            .binary_search_by_key(&gid, |&(g, _)| g)
            .ok()
            .map(|i| self.by_gid[i].1)
    }

    pub(crate) fn record(&self, idx: u32) -> PlaceRecord {
        let r = self.rec(idx);
        let admin =
            |i: u32| (i != NONE && (i as usize) < self.n_rec).then(|| self.name_of(i).to_string());
        PlaceRecord {
            geonameid: (r.gid != 0).then_some(r.gid),
            name: self.name_of(idx).to_string(),
            kind: r.kind,
            country: Gazetteer::country_of(&r),
            admin1: admin(r.admin1),
            admin2: admin(r.admin2),
            lat: r.lat,
            lon: r.lon,
            population: r.pop as u64,
        }
    }

    /// A place by its GeoNames id.
    pub fn get(&self, geonameid: u32) -> Option<PlaceRecord> {
        self.index_of_gid(geonameid).map(|i| self.record(i))
    }

    /// Places with this name (folded internally), largest population first.
    pub fn find(&self, name: &str) -> Vec<PlaceRecord> {
        self.lookup(&sitrep_text::fold(name))
            .map(|i| self.record(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_finds_places() {
        let t = std::time::Instant::now();
        let g = Gazetteer::load().unwrap();
        eprintln!("gazetteer load: {:?}, {} places", t.elapsed(), g.len());
        let hit = g.get(95788).unwrap();
        assert_eq!(hit.country, "IQ");
        assert_eq!(hit.admin1.as_deref(), Some("Anbar"));
        assert!(g
            .find("Al Qā’im")
            .iter()
            .any(|p| p.geonameid == Some(92138)));
        assert!(g.find("al-Qaim").iter().any(|p| p.geonameid == Some(92138)));
        assert!(g.find("Rutba").iter().any(|p| p.geonameid == Some(98677)));
        assert!(g
            .find("Salaheddin")
            .iter()
            .any(|p| p.kind == PlaceKind::Admin1 && p.country == "IQ"));
        assert!(g
            .find("Lake Tharthar")
            .iter()
            .any(|p| p.kind == PlaceKind::Water));
        assert!(g.find("no such place at all").is_empty());
    }
}
