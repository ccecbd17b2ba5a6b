//! Makes a database of N synthetic events over 2016 for the API benchmark
//! (docs/benchmarks-server.md): `cargo run --release -p sitrep-server --example bench_db -- FILE 100000`.
//! Ten events per synthetic article, one transaction per article, as `ingest` writes.

use sitrep_server::fixture;
use sitrep_store::{Article, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).ok_or("usage: bench_db FILE [N]")?;
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mut store = Store::open(path)?;
    let events = fixture::synthetic(n, 11);
    let t0 = std::time::Instant::now();
    for (i, chunk) in events.chunks(10).enumerate() {
        let doc = format!("syn-{i}");
        let evs: Vec<_> = chunk
            .iter()
            .map(|e| {
                let mut ev = e.event.clone();
                ev.doc_id = doc.clone();
                ev
            })
            .collect();
        let a = Article {
            id: doc.clone(),
            title: Some(format!("Synthetic article {i}")),
            source: Some(format!("Outlet {}", i % 7)),
            published: evs[0].date.as_ref().map(|d| d.range[0].clone()),
            text: format!(
                "Synthetic article {i}. {}",
                evs.iter()
                    .map(|e| e.evidence.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            url: None,
        };
        store.ingest_article(&a, None, &evs, &[])?;
    }
    eprintln!("{n} events in {:?}", t0.elapsed());
    Ok(())
}
