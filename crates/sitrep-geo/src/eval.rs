//! Scorers for the geoparsing gold sets LGL and GeoWebNews (`/work/shared/eval/geo`), computed
//! exactly as `score.py`'s `score_geo`: recognition P/R/F1 by span overlap (every output place
//! counts, demonyms included), Acc@161 over recognised gold toponyms with coordinates (the first
//! overlapping output place is the answer) and end-to-end (a miss counts as wrong), median and
//! mean error in km, and AUC of the log error curve.

use crate::{geoparse, haversine_km, Gazetteer, GeoError};
use sitrep_text::{DocMeta, Document};
use std::fmt;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot parse {path}: {msg}")]
    Xml { path: String, msg: String },
    #[error(transparent)]
    Geo(#[from] GeoError),
}

/// One gold toponym: char span and coordinates when the set gives them.
#[derive(Debug, Clone)]
pub struct GoldToponym {
    pub start: usize,
    pub end: usize,
    pub coords: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub toponyms: Vec<GoldToponym>,
}

/// Scores of one run over a gold set.
#[derive(Debug, Clone, Default)]
pub struct GeoReport {
    pub label: String,
    pub docs: usize,
    pub gold: usize,
    pub gold_with_coords: usize,
    pub system: usize,
    pub system_hits: usize,
    pub found: usize,
    /// Error in km of every recognised gold toponym with coordinates.
    pub errors_km: Vec<f64>,
}

impl GeoReport {
    pub fn precision(&self) -> f64 {
        ratio(self.system_hits, self.system)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
    /// Acc@161 over the recognised gold toponyms.
    pub fn acc161_recognised(&self) -> f64 {
        ratio(
            self.errors_km.iter().filter(|&&e| e < 161.0).count(),
            self.errors_km.len(),
        )
    }
    /// Acc@161 over all gold toponyms with coordinates.
    pub fn acc161_end_to_end(&self) -> f64 {
        ratio(
            self.errors_km.iter().filter(|&&e| e < 161.0).count(),
            self.gold_with_coords,
        )
    }
    fn sorted(&self) -> Vec<f64> {
        let mut v = self.errors_km.clone();
        v.sort_by(f64::total_cmp);
        v
    }
    pub fn median_km(&self) -> f64 {
        let v = self.sorted();
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    }
    pub fn mean_km(&self) -> f64 {
        if self.errors_km.is_empty() {
            f64::NAN
        } else {
            self.errors_km.iter().sum::<f64>() / self.errors_km.len() as f64
        }
    }
    /// Area under the curve of sorted ln(error + 1), normalised by ln(20039); lower is better.
    pub fn auc(&self) -> f64 {
        let v: Vec<f64> = self.sorted().iter().map(|e| (e + 1.0).ln()).collect();
        if v.len() < 2 {
            return f64::NAN;
        }
        let area: f64 = v.windows(2).map(|w| (w[0] + w[1]) / 2.0).sum();
        area / (20039f64.ln() * (v.len() - 1) as f64)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for GeoReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "geo {}: docs={} gold={} recognition P={:.3} R={:.3} F1={:.3}; resolved={}/{} Acc@161 recognised={:.3} end-to-end={:.3} median_km={:.1} mean_km={:.1} AUC={:.3}",
            self.label, self.docs, self.gold, self.precision(), self.recall(), self.f1(), self.errors_km.len(),
            self.gold_with_coords, self.acc161_recognised(), self.acc161_end_to_end(), self.median_km(), self.mean_km(), self.auc()
        )
    }
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn child_text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
}

fn articles(
    path: &Path,
    xml: &str,
    mut each: impl FnMut(usize, roxmltree::Node),
) -> Result<(), EvalError> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(xml, opts).map_err(|e| EvalError::Xml {
        path: path.display().to_string(),
        msg: e.to_string(),
    })?;
    for (i, a) in doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .enumerate()
    {
        each(i, a);
    }
    Ok(())
}

/// LGL-schema gold (`<article docid><text><toponyms><toponym><start><end><gaztag><lat><lon>`).
pub fn load_lgl(path: impl AsRef<Path>) -> Result<Vec<GoldDoc>, EvalError> {
    let path = path.as_ref();
    let xml = read(path)?;
    let mut out = Vec::new();
    articles(path, &xml, |i, a| {
        let id = a
            .attribute("docid")
            .map(String::from)
            .unwrap_or_else(|| format!("doc{i}"));
        let text = child_text(a, "text").unwrap_or("").to_string();
        let mut toponyms = Vec::new();
        if let Some(ts) = a.children().find(|c| c.has_tag_name("toponyms")) {
            for t in ts.children().filter(|c| c.has_tag_name("toponym")) {
                let (Some(s), Some(e)) = (
                    child_text(t, "start").and_then(|x| x.trim().parse().ok()),
                    child_text(t, "end").and_then(|x| x.trim().parse().ok()),
                ) else {
                    continue;
                };
                let coords = t
                    .children()
                    .find(|c| c.has_tag_name("gaztag"))
                    .and_then(|g| {
                        Some((
                            child_text(g, "lat")?.trim().parse().ok()?,
                            child_text(g, "lon")?.trim().parse().ok()?,
                        ))
                    });
                toponyms.push(GoldToponym {
                    start: s,
                    end: e,
                    coords,
                });
            }
        }
        out.push(GoldDoc { id, text, toponyms });
    })?;
    Ok(out)
}

/// GeoWebNews gold: only spans that carry coordinates (and sane offsets) are toponyms.
pub fn load_gwn(path: impl AsRef<Path>) -> Result<Vec<GoldDoc>, EvalError> {
    let path = path.as_ref();
    let xml = read(path)?;
    let mut out = Vec::new();
    articles(path, &xml, |i, a| {
        let text = child_text(a, "text").unwrap_or("").to_string();
        let mut toponyms = Vec::new();
        if let Some(ts) = a.children().find(|c| c.has_tag_name("toponyms")) {
            for t in ts.children().filter(|c| c.has_tag_name("toponym")) {
                let (Some(s), Some(e)) = (
                    child_text(t, "start").and_then(|x| x.trim().parse::<i64>().ok()),
                    child_text(t, "end").and_then(|x| x.trim().parse::<i64>().ok()),
                ) else {
                    continue;
                };
                let la = child_text(t, "latitude")
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .and_then(|x| x.parse().ok());
                let lo = child_text(t, "longitude")
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .and_then(|x| x.parse().ok());
                if s < 0 || e <= s {
                    continue;
                }
                let (Some(la), Some(lo)) = (la, lo) else {
                    continue;
                };
                toponyms.push(GoldToponym {
                    start: s as usize,
                    end: e as usize,
                    coords: Some((la, lo)),
                });
            }
        }
        out.push(GoldDoc {
            id: format!("gwn{i}"),
            text,
            toponyms,
        });
    })?;
    Ok(out)
}

fn overlap(s1: usize, e1: usize, s2: usize, e2: usize) -> bool {
    s1 < e2 && s2 < e1
}

/// Run the geoparser over gold documents and score it.
pub fn score(label: &str, docs: &[GoldDoc], gaz: &Gazetteer) -> GeoReport {
    let mut r = GeoReport {
        label: label.to_string(),
        docs: docs.len(),
        ..Default::default()
    };
    for d in docs {
        let doc = Document::new(
            DocMeta {
                id: d.id.clone(),
                ..Default::default()
            },
            d.text.clone(),
        );
        let places = geoparse(&doc, gaz);
        r.system += places.len();
        r.system_hits += places
            .iter()
            .filter(|p| {
                d.toponyms
                    .iter()
                    .any(|g| overlap(p.start, p.end, g.start, g.end))
            })
            .count();
        for g in &d.toponyms {
            r.gold += 1;
            let cand: Vec<_> = places
                .iter()
                .filter(|p| overlap(p.start, p.end, g.start, g.end))
                .collect();
            if !cand.is_empty() {
                r.found += 1;
            }
            let Some((lat, lon)) = g.coords else { continue };
            r.gold_with_coords += 1;
            if let Some(p) = cand.first() {
                r.errors_km.push(haversine_km(lat, lon, p.lat, p.lon));
            }
        }
    }
    r
}

/// Score against an LGL-schema file.
pub fn eval_lgl(path: impl AsRef<Path>) -> Result<GeoReport, EvalError> {
    let docs = load_lgl(path)?;
    Ok(score("lgl", &docs, &Gazetteer::load()?))
}

/// Score against a GeoWebNews file.
pub fn eval_gwn(path: impl AsRef<Path>) -> Result<GeoReport, EvalError> {
    let docs = load_gwn(path)?;
    Ok(score("gwn", &docs, &Gazetteer::load()?))
}
