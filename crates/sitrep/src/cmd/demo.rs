//! `sitrep demo`: ingest the bundled FA-KES example articles (CC BY 4.0, Abu Salem et al. 2019;
//! data/demo/) into a fresh database, print a short table of what sitrep found, then serve the web
//! map over it (`--no-serve` to stop after the table).

use crate::Status;
use sitrep_store::{EventFilter, Store};
use std::path::{Path, PathBuf};

/// The bundled articles, embedded so an installed binary needs nothing else.
pub const DEMO_ARTICLES: &str = include_str!("../../../../data/demo/fakes-sample.jsonl");

#[derive(clap::Args)]
pub struct Args {
    /// Database to (re)create; an existing sitrep database there is replaced.
    #[arg(long, default_value = "sitrep-demo.db")]
    pub db: PathBuf,
    /// Address the web map is served on after the ingest (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = super::serve::parse_addr)]
    pub addr: String,
    /// Only build the database and print the table; do not serve the map.
    #[arg(long)]
    pub no_serve: bool,
}

/// Remove a previous demo database, but only if it is a sitrep database.
fn fresh(path: &Path) -> Result<(), sitrep_store::StoreError> {
    if path.exists() {
        drop(Store::open(path)?);
        for suffix in ["", "-wal", "-shm"] {
            let p = PathBuf::from(format!("{}{suffix}", path.display()));
            let _ = std::fs::remove_file(p);
        }
    }
    Ok(())
}

/// Ingest the demo articles into `path` (the shared ingest path: extraction on all cores, one
/// transaction); lines the pipeline refuses are skipped. Returns the store.
pub fn build(path: &Path) -> anyhow::Result<Result<Store, sitrep_store::StoreError>> {
    if let Err(e) = fresh(path) {
        return Ok(Err(e));
    }
    let mut store = match Store::open(path) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let pipeline = sitrep_pipeline::Pipeline::load()?;
    let raws: Vec<_> = DEMO_ARTICLES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .filter_map(|(n, line)| sitrep_text::input::parse_jsonl_line(line, n + 1, "demo").ok())
        .collect();
    let mut packed: Vec<_> = sitrep_pipeline::ingest::pack_all(&pipeline, raws)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    if let Err(e) = sitrep_pipeline::ingest::ingest_all(&mut store, &mut packed) {
        return Ok(Err(e));
    }
    Ok(Ok(store))
}

pub fn run(a: Args) -> anyhow::Result<Status> {
    let started = std::time::Instant::now();
    let store = match build(&a.db)? {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sitrep: {e}");
            return Ok(Status::Fatal);
        }
    };
    let stats = match store.stats() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sitrep: {e}");
            return Ok(Status::Fatal);
        }
    };
    outln!(
        "sitrep demo: {} FA-KES articles (CC BY 4.0, Abu Salem et al. 2019) → {} events, {} incidents, {} control claims in {} ({:.1} s)",
        stats.articles,
        stats.events,
        stats.incidents,
        stats.control_claims,
        a.db.display(),
        started.elapsed().as_secs_f64()
    );
    let mut incidents = store.incidents(&EventFilter::default()).unwrap_or_default();
    incidents.sort_by(|x, y| (y.n_articles, &x.date).cmp(&(x.n_articles, &y.date)));
    outln!();
    outln!(
        "{:<10}  {:<18}  {:<36}  {:>8}  {:>7}  {:>10}  certainty",
        "date",
        "place",
        "type",
        "articles",
        "outlets",
        "fatalities"
    );
    for i in incidents.iter().take(15) {
        let fat = match (i.fatalities_min, i.fatalities_max) {
            (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
            (Some(a), _) => a.to_string(),
            _ => "-".into(),
        };
        let place = i.place.as_ref().map(|p| p.name.as_str()).unwrap_or("?");
        let kind = i.acled_sub_event_type.as_deref().unwrap_or("?");
        outln!(
            "{:<10}  {:<18.18}  {:<36.36}  {:>8}  {:>7}  {:>10}  {}",
            i.date[0],
            place,
            kind,
            i.n_articles,
            i.n_sources,
            fat,
            i.certainty.as_str()
        );
    }
    if incidents.len() > 15 {
        outln!("… and {} more incidents", incidents.len() - 15);
    }
    outln!();
    if a.no_serve {
        outln!(
            "Next: sitrep events --db {0} --format csv   |   sitrep serve --db {0}",
            a.db.display()
        );
        return Ok(Status::Ok);
    }
    drop(store);
    outln!(
        "Also: sitrep events --db {0} --format csv   |   sitrep control --db {0} --at 2016-07-01",
        a.db.display()
    );
    let config = sitrep_server::Config {
        token: None,
        ..Default::default()
    };
    sitrep_server::serve_db(&a.db, &a.addr, config, |addr| {
        try_outln!("sitrep demo: the map is at http://{addr}/ (read-only; Ctrl-C to stop)");
    })?;
    eprintln!("sitrep: stopped");
    Ok(Status::Ok)
}
