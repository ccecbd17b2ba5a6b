//! `sitrep ingest --db FILE PATH...`: extract every article on all cores (rayon) and store it
//! with ONE writer (this thread), several whole articles per transaction. A progress line on stderr when it
//! is a terminal and the run lasts over a second; a summary at the end. Exit 1 when an input
//! failed, 3 when the database did.

use super::inputs::{doc_error, run_batches, InputArgs, Item};
use crate::Status;
use sitrep_store::{Article, IngestOutcome, PackedArticle, Store, StoreError};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// The database (created if absent).
    #[arg(long)]
    pub db: PathBuf,
    #[command(flatten)]
    pub input: InputArgs,
}

/// What one ingest run did.
#[derive(Debug, Default)]
pub struct Summary {
    pub read: usize,
    pub added: usize,
    pub duplicates: usize,
    pub failed: usize,
    pub events: usize,
    pub control: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} read, {} stored, {} duplicates skipped, {} failed; {} events and {} control claims stored",
            self.read, self.added, self.duplicates, self.failed, self.events, self.control
        )
    }
}

/// Open the database, reporting a refusal on stderr (the caller exits 3).
pub fn open_store(path: &std::path::Path) -> Result<Store, StoreError> {
    let store = Store::open(path)?;
    // Test hook: cap the database size to simulate a full disk.
    if let Some(pages) = std::env::var("SITREP_DB_MAX_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
    {
        store.set_page_limit(pages)?;
    }
    Ok(store)
}

/// An article extracted and encoded for storage on a worker thread.
type Extracted = PackedArticle;

/// Most articles one transaction holds.
const BATCH: usize = 128;

/// The one writer: stores what the extraction workers send, in input order. It takes whatever
/// has queued up (up to `BATCH` articles) and writes it in ONE transaction, so a slow writer
/// catches up with larger batches; a kill leaves each batch wholly in or out.
fn writer(
    mut store: Store,
    rx: std::sync::mpsc::Receiver<Option<Extracted>>,
    progress: impl Fn(usize),
) -> (Summary, Option<StoreError>) {
    let mut sum = Summary::default();
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(item) => batch.push(item),
                Err(_) => break,
            }
        }
        let n = batch.len();
        let items: Vec<PackedArticle> = batch.into_iter().flatten().collect();
        sum.read += n;
        sum.failed += n - items.len();
        match store.ingest_packed(&items) {
            Ok(outcomes) => {
                for outcome in outcomes {
                    match outcome {
                        IngestOutcome::Added {
                            events, control, ..
                        } => {
                            sum.added += 1;
                            sum.events += events;
                            sum.control += control;
                        }
                        IngestOutcome::Duplicate { .. } => sum.duplicates += 1,
                    }
                }
            }
            Err(e) => return (sum, Some(e)),
        }
        progress(sum.read);
    }
    (sum, None)
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let store = match open_store(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sitrep: {e}");
            return Ok(Status::Fatal);
        }
    };
    let pipeline = sitrep_pipeline::Pipeline::load()?;
    let published = args.input.published;
    let started = Instant::now();
    let bar = indicatif::ProgressBar::hidden();
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {elapsed} {pos} articles ({per_sec}) {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let terminal = std::io::stderr().is_terminal();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Option<Extracted>>(256);
    let wbar = bar.clone();
    let handle = std::thread::spawn(move || {
        writer(store, rx, |n| {
            if terminal && wbar.is_hidden() && started.elapsed() > Duration::from_secs(1) {
                wbar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                wbar.enable_steady_tick(Duration::from_millis(200));
            }
            wbar.set_position(n as u64);
        })
    });
    let result = run_batches(
        &args.input,
        |raw| {
            let id = raw.id.clone();
            let (title, url, source) = (raw.title.clone(), raw.url.clone(), raw.source.clone());
            let doc = pipeline
                .document(raw, published)
                .map_err(|e| doc_error(&id, e))?;
            let ann = pipeline.annotate(doc);
            let x = pipeline.extract(&ann);
            let json = sitrep_pipeline::annotation_json(&ann);
            let article = Article {
                id,
                title,
                url,
                source,
                published: ann.doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
                text: ann.doc.text.clone(),
            };
            Ok(PackedArticle::new(
                article,
                Some(&json),
                x.events,
                x.control,
            ))
        },
        |item| {
            let msg = match item {
                Item::Done(x) => Some(x),
                Item::Failed(_) => None,
            };
            // The writer stopped on a database error: stop reading.
            tx.send(msg)
                .map_err(|_| anyhow::anyhow!("the database writer stopped"))
        },
    );
    drop(tx);
    let (sum, fatal) = handle
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer panicked"))?;
    bar.finish_and_clear();
    eprintln!(
        "sitrep: ingest: {sum} ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    if let Some(e) = fatal {
        eprintln!("sitrep: {e}");
        return Ok(Status::Fatal);
    }
    result?;
    Ok(if sum.failed > 0 {
        Status::InputsFailed
    } else {
        Status::Ok
    })
}
