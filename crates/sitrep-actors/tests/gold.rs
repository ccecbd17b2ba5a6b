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
    // Floors at the measured figures (see docs/benchmarks-actors.md).
    assert!(r.recall() >= 0.955, "{r}");
    assert!(r.country_recall() >= 0.927, "{r}");
    assert!(r.recall_agents() >= 0.85, "{r}");
    assert!(r.country_recall_agents() >= 0.815, "{r}");
}

/// Throughput of `annotate` (actors, people, quotes, cues) over the MEANTIME news articles;
/// printed, and recorded in docs/benchmarks-actors.md (run with --release for a meaningful figure).
#[test]
fn annotate_throughput_on_news() {
    let Some(s) = shared() else { return };
    let Ok(raw) = std::fs::read_to_string(format!("{s}/eval/time/meantime-en.jsonl")) else {
        return;
    };
    let lex = sitrep_actors::Lexicon::load().expect("lexicon");
    let docs: Vec<sitrep_text::Document> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(String::from))
        .map(|t| sitrep_text::Document::new(sitrep_text::DocMeta::default(), t))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 5;
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += sitrep_actors::annotate(d, &lex).actors.len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!("annotate who: {} docs, {} bytes x{rounds} in {:.3}s = {:.2} MB/s ({} actor mentions per round)", docs.len(), bytes, secs, (bytes * rounds) as f64 / secs / 1e6, n / rounds);
}
