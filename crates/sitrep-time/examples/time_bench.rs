//! Throughput of `annotate` (documents already built) over the MEANTIME texts, repeated.
//! `cargo run --release -p sitrep-time --example time_bench [PATH]`

use sitrep_text::{DocMeta, Document};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/work/shared/eval/time/meantime-en.jsonl".into());
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(1);
    };
    let mut docs = Vec::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or("").to_string();
        let published = v["published"]
            .as_str()
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        docs.push(Document::new(
            DocMeta {
                id: String::new(),
                published,
                ..Default::default()
            },
            text,
        ));
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let rounds = 50;
    let t0 = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += sitrep_time::annotate(d, &[]).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "annotate: {} docs x {rounds} in {secs:.2}s = {:.1} MB/s, {:.0} docs/s ({n} mentions)",
        docs.len(),
        (bytes * rounds) as f64 / secs / 1e6,
        (docs.len() * rounds) as f64 / secs
    );
}
