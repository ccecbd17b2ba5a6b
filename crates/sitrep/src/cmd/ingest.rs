//! `sitrep ingest --db FILE PATH...`: extract every article on all cores (rayon) and store it
//! through ONE writer thread (`sitrep_store::WriterThread`: whole articles per transaction, the
//! incidents and control timelines updated once at the end). A progress line on stderr when it is
//! a terminal and the run lasts over a second; a summary at the end. Exit 1 when an input failed,
//! 3 when the database did. The run keeps the memory it frees for reuse ([`keep_freed_memory`]).

use super::inputs::{doc_error, run_batches, InputArgs, Item};
use crate::Status;
use sitrep_store::{Store, StoreError, WriterThread};
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

/// mimalloc (the binary's allocator) gives pages unused for a second back to the system, and
/// each is faulted in and zeroed again when it is next used. An ingest passes its articles
/// through the writer thread (tens of MB in flight, freed away from the threads that allocated
/// them), which made it fault in fresh pages all run long: on FA-KES x12, 26,500 minor page faults
/// against 17,400 when freed pages are kept (docs/benchmarks-store-writer.md). A run is short
/// and its memory bounded by what is in flight, so it keeps them.
fn keep_freed_memory() {
    extern "C" {
        /// mimalloc's option setter (`mi_option_set`, in the allocator the binary links).
        fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
    }
    /// `mi_option_purge_delay` in mimalloc's option enum (the same in its v2 and v3); -1: never.
    const PURGE_DELAY: std::os::raw::c_int = 15;
    // SAFETY: a plain setter of an allocator option, valid at any time from any thread.
    unsafe { mi_option_set(PURGE_DELAY, -1) }
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    keep_freed_memory();
    // The database is opened (created, migrated: several syncs to disk) while the pipeline's
    // dictionaries load on another thread.
    let (store, pipeline) = std::thread::scope(|s| {
        let loading = s.spawn(sitrep_pipeline::Pipeline::load);
        let store = open_store(&args.db);
        let pipeline = loading
            .join()
            .unwrap_or_else(|_| Err(anyhow::anyhow!("loading the pipeline panicked")));
        (store, pipeline)
    });
    let store = match store {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sitrep: {e}");
            return Ok(Status::Fatal);
        }
    };
    let pipeline = pipeline?;
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
    let wbar = bar.clone();
    let writer = WriterThread::spawn(store, move |sum, finishing| {
        if terminal && wbar.is_hidden() && started.elapsed() > Duration::from_secs(1) {
            wbar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            wbar.enable_steady_tick(Duration::from_millis(200));
        }
        wbar.set_position(sum.read as u64);
        if finishing {
            wbar.set_message("updating incidents and control timelines");
        }
    });
    let result = run_batches(
        &args.input,
        |raw| {
            let id = raw.id.clone();
            sitrep_pipeline::ingest::pack(&pipeline, raw, published).map_err(|e| doc_error(&id, e))
        },
        |item| {
            let msg = match item {
                Item::Done(x) => Some(x),
                Item::Failed(_) => None,
            };
            // The writer stopped on a database error: stop reading.
            writer.send(msg).map_err(anyhow::Error::from)
        },
    );
    let (sum, fatal) = writer.finish();
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
