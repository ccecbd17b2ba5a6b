//! `cargo run --release -p sitrep-store --example bench_store -- [EVENTS] [DB PATH]`: build a
//! synthetic database (default 1,000,000 events) and print query, snapshot and size figures.

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let path = args.next().unwrap_or_else(|| {
        std::env::temp_dir()
            .join("sitrep-bench-store.db")
            .display()
            .to_string()
    });
    let mut last = 0;
    match sitrep_store::bench::bench_store(std::path::Path::new(&path), n, |done| {
        if done >= last + 100_000 {
            eprintln!("  {done} events stored");
            last = done;
        }
    }) {
        Ok(r) => println!("{r}"),
        Err(e) => {
            eprintln!("bench_store: {e}");
            std::process::exit(3);
        }
    }
}
