//! The `sitrep` binary: parses arguments and wires the pipeline stages together. Each subcommand
//! lives in its own file under `cmd/`; no analysis happens here.

/// `println!` that returns a write error (a closed pipe) to the caller instead of panicking.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout(), $($arg)*)?
    }};
}

/// `outln!` for callbacks that cannot return an error: a failed write is ignored.
macro_rules! try_outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

mod cmd;

/// mimalloc instead of the system allocator: the stages make many short-lived small allocations
/// (tokens, keys, candidates), where glibc's malloc/free took about a tenth of annotate's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Geocoded, source-attributed conflict events from news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the annotations of each article as JSON Lines.
    Annotate(cmd::annotate::Args),
    /// Print events and control claims as JSON Lines, CSV (ACLED columns) or GeoJSON.
    Extract(cmd::extract::Args),
    /// Measure the throughput of each stage on one core.
    Bench(cmd::bench::Args),
    /// Score accuracy on the public gold sets (geo, time, actors, events, fakes, all).
    Eval(cmd::eval::Args),
    /// Serve the HTTP API and the web map over a database.
    Serve(cmd::serve::Args),
    /// Extract articles into a database (one transaction per article; duplicates skipped).
    Ingest(cmd::ingest::Args),
    /// Print stored events (filters; JSON Lines, CSV with ACLED columns, or GeoJSON).
    Events(cmd::events::Args),
    /// Who holds a place (timeline, or on a day), or every known place on a day.
    Control(cmd::control::Args),
    /// Ingest the bundled example articles into a fresh database and show what was found.
    Demo(cmd::demo::Args),
}

/// Exit status of DESIGN.md: 0 all inputs fine, 1 some inputs failed, 2 usage, 3 run-time failure.
pub enum Status {
    Ok,
    InputsFailed,
    Fatal,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Annotate(a) => cmd::annotate::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Control(a) => cmd::control::run(a),
        Command::Demo(a) => cmd::demo::run(a),
    };
    match result {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::InputsFailed) => ExitCode::from(1),
        Ok(Status::Fatal) => ExitCode::from(3),
        // The reader of stdout went away (`| head -1`): nothing more to say, and no one to say it to.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if e.is::<UsageError>() => {
            eprintln!("error: {e}\n\nFor more information, try '--help'.");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("sitrep: error: {}", message(&e));
            ExitCode::from(3)
        }
    }
}

/// A mistake in the arguments that clap cannot see alone (two flags that contradict): exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// A write to a closed pipe, wherever it sits in the chain (the CSV and JSON writers wrap the
/// I/O error without exposing it as a source).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(
                |x| matches!(x.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe),
            )
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|x| x.io_error_kind() == Some(BrokenPipe))
    })
}

/// The error and its causes, each said once (library errors often repeat their source's text).
fn message(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg
}
