//! Floors on LGL and GeoWebNews (skips when /work/shared is absent). Floors are figures measured
//! on this code and only move up.

use sitrep_geo::eval::{eval_gwn, eval_lgl};

const DIR: &str = "/work/shared/eval/geo";

#[test]
fn lgl_floors() {
    let path = std::path::Path::new(DIR).join("lgl.xml");
    if !path.exists() {
        eprintln!("skipping: {} absent", path.display());
        return;
    }
    let r = eval_lgl(&path).unwrap();
    eprintln!("{r}");
    assert!(r.f1() >= LGL_F1, "{r}");
    assert!(r.acc161_recognised() >= LGL_ACC, "{r}");
}

#[test]
fn gwn_floors() {
    let path = std::path::Path::new(DIR).join("gwn.xml");
    if !path.exists() {
        eprintln!("skipping: {} absent", path.display());
        return;
    }
    let r = eval_gwn(&path).unwrap();
    eprintln!("{r}");
    assert!(r.f1() >= GWN_F1, "{r}");
    assert!(r.acc161_recognised() >= GWN_ACC, "{r}");
}

const LGL_F1: f64 = 0.815;
const LGL_ACC: f64 = 0.88;
const GWN_F1: f64 = 0.82;
const GWN_ACC: f64 = 0.878;
