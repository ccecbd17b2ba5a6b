//! Shared input flags (`--published`, `--input-format`, `--max-bytes`, paths) and the batch loop
//! that reads articles, runs a per-article job on all cores, and hands results back in input order.

use anyhow::{bail, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use sitrep_text::input::{read_inputs, InputError, InputFormat, Limits, RawArticle};

#[derive(clap::Args, Clone)]
pub struct InputArgs {
    /// Publication date (YYYY-MM-DD) of every input; overrides the article's own.
    #[arg(long, value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Input format; by default from the file extension (stdin: sniffed).
    #[arg(long, value_parser = ["txt", "jsonl", "html"])]
    pub input_format: Option<String>,
    /// Largest accepted input (file, JSON line or stdin document) in bytes.
    #[arg(long, default_value_t = 10 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Worker threads for analysis (default: all cores). One writer keeps the input order.
    #[arg(long, value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Set by the subcommand: draw a progress line (see `Progress`). Ingest draws its own.
    #[arg(skip)]
    pub progress: bool,
}

/// A count of articles done on stderr, drawn only when the run lasts over a second, stderr is a
/// terminal and stdout is not (output redirected to a file or a pipe: otherwise the screen shows
/// the output itself, and a bar would garble it). Error lines are printed above it.
struct Progress {
    bar: indicatif::ProgressBar,
    enabled: bool,
    started: std::time::Instant,
}

impl Progress {
    fn new(wanted: bool) -> Progress {
        use std::io::IsTerminal;
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {pos} articles read")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Progress {
            bar,
            enabled: wanted && std::io::stderr().is_terminal() && !std::io::stdout().is_terminal(),
            started: std::time::Instant::now(),
        }
    }

    fn inc(&self, n: u64) {
        if self.enabled
            && self.bar.is_hidden()
            && self.started.elapsed() > std::time::Duration::from_secs(1)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar
                .enable_steady_tick(std::time::Duration::from_millis(200));
        }
        self.bar.inc(n);
    }

    fn say(&self, line: &str) {
        self.bar.suspend(|| eprintln!("{line}"));
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date (expected YYYY-MM-DD)"))
}

/// Most worker threads `--threads` accepts: more only costs memory (each thread keeps its own
/// allocator heaps), and 100000 got the process killed.
const MAX_THREADS: usize = 256;

fn parse_threads(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n <= MAX_THREADS => Ok(n),
        Ok(_) => Err(format!("at most {MAX_THREADS} (0: one per core)")),
        Err(_) => Err(format!("{s:?} is not a number of threads")),
    }
}

/// One input's outcome, in input order.
pub enum Item<T> {
    Done(T),
    Failed(InputError),
}

/// Articles per batch and worker thread: large enough that a slow article rarely holds up its
/// batch, small enough that memory stays bounded (at most `IN_FLIGHT` + 1 batches are held).
const BATCH_PER_THREAD: usize = 16;
/// Batches handed to the workers at once: the next one fills the cores while the last articles of
/// the previous one finish.
const IN_FLIGHT: usize = 2;

/// Read every input, run `job` on batches in parallel, and call `sink` in input order.
/// Returns the number of failed inputs. Reading the next batch and writing the previous one's
/// results (this thread) overlap with the workers' analysis, so neither leaves the cores idle.
pub fn run_batches<T: Send>(
    args: &InputArgs,
    job: impl Fn(RawArticle) -> Result<T, InputError> + Sync,
    mut sink: impl FnMut(Item<T>) -> Result<()>,
) -> Result<usize> {
    let format = match args.input_format.as_deref() {
        Some(f) => match InputFormat::parse(f) {
            Some(x) => Some(x),
            None => bail!("unknown input format {f}"),
        },
        None => None,
    };
    let limits = Limits {
        max_bytes: args.max_bytes,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()?;
    let mut inputs = read_inputs(&args.paths, format, &limits);
    let batch_size = BATCH_PER_THREAD * pool.current_num_threads().max(1);
    let progress = Progress::new(args.progress);
    let run = |batch: Vec<Result<RawArticle, InputError>>| -> Vec<Item<T>> {
        pool.install(|| {
            batch
                .into_par_iter()
                .map(|r| match r.and_then(&job) {
                    Ok(t) => Item::Done(t),
                    Err(e) => Item::Failed(e),
                })
                .collect()
        })
    };
    let run = &run;
    std::thread::scope(|scope| {
        let mut failed = 0;
        let mut running = std::collections::VecDeque::new();
        let mut exhausted = false;
        loop {
            if !exhausted {
                let batch: Vec<_> = inputs.by_ref().take(batch_size).collect();
                if batch.is_empty() {
                    exhausted = true;
                } else {
                    running.push_back(scope.spawn(move || run(batch)));
                }
            }
            // Keep IN_FLIGHT batches running while there is input; then drain them in order.
            if running.len() < IN_FLIGHT && !exhausted {
                continue;
            }
            let Some(oldest) = running.pop_front() else {
                return Ok(failed);
            };
            let results = oldest
                .join()
                .map_err(|_| anyhow::anyhow!("an analysis thread panicked"))?;
            progress.inc(results.len() as u64);
            for item in results {
                if let Item::Failed(e) = &item {
                    failed += 1;
                    progress.say(&format!("sitrep: {e}"));
                }
                sink(item)?;
            }
        }
    })
}

/// Turn a pipeline refusal into an input error naming the article.
pub fn doc_error(id: &str, reason: String) -> InputError {
    InputError {
        input: id.to_string(),
        doc_id: Some(id.to_string()),
        reason,
    }
}
