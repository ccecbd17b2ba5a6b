//! `sitrep bench`: throughput of each pipeline stage, one core, over the FA-KES articles
//! (`eval/events/fakes-dev.csv`, column `article_content`) plus the seed article, looped until a few
//! seconds have passed. Prints articles/s, words/s and MB/s per core by wall time, and MB/s per
//! second of the thread's own CPU time (steady on a shared, loaded machine, where wall figures
//! are not); `--write FILE` records the figures (with the command, machine, date and load
//! average) in a generated block of a Markdown file.

use anyhow::{Context, Result};
use sitrep_text::{DocMeta, Document};
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// The shared data directory holding `eval/` and `seed/`.
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Seconds to loop each stage.
    #[arg(long, default_value_t = 3.0, value_parser = parse_seconds)]
    pub seconds: f64,
    /// Record the figures in this Markdown file (e.g. docs/benchmarks.md).
    #[arg(long)]
    pub write: Option<PathBuf>,
}

/// A positive, finite number of seconds, at most an hour (NaN or 1e300 used to panic).
fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 3600.0 => Ok(x),
        _ => Err(format!("{s:?}: a number of seconds above 0, at most 3600")),
    }
}

struct Corpus {
    texts: Vec<String>,
    bytes: usize,
    words: usize,
}

fn load(shared: &std::path::Path) -> Result<Corpus> {
    let path = shared.join("eval/events/fakes-dev.csv");
    let mut rdr =
        csv::Reader::from_path(&path).with_context(|| format!("reading {}", path.display()))?;
    let headers = rdr.headers()?.clone();
    let col = headers
        .iter()
        .position(|h| h == "article_content")
        .context("no article_content column")?;
    let mut texts = Vec::new();
    for rec in rdr.records() {
        let rec = rec?;
        if let Some(t) = rec.get(col) {
            texts.push(t.to_string());
        }
    }
    if let Ok(seed) = std::fs::read_to_string(shared.join("seed/article.txt")) {
        texts.push(seed);
    }
    let bytes = texts.iter().map(|t| t.len()).sum();
    let words = texts.iter().map(|t| t.split_whitespace().count()).sum();
    Ok(Corpus {
        texts,
        bytes,
        words,
    })
}

struct Figure {
    stage: &'static str,
    articles_s: f64,
    words_s: f64,
    mb_s: f64,
    /// MB per second of this thread's CPU time; None where the OS does not say.
    cpu_mb_s: Option<f64>,
}

/// Nanoseconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`, first field).
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The 1-minute load average, for the record.
fn load_average() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    s.split_whitespace().next().map(str::to_string)
}

fn measure(stage: &'static str, c: &Corpus, secs: f64, mut f: impl FnMut(&str, usize)) -> Figure {
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    let mut rounds = 0usize;
    while rounds == 0 || start.elapsed() < Duration::from_secs_f64(secs) {
        for (i, t) in c.texts.iter().enumerate() {
            f(t, i);
        }
        rounds += 1;
    }
    let el = start.elapsed().as_secs_f64();
    let cpu = cpu0
        .zip(thread_cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e9)
        .filter(|&s| s > 0.0);
    let n = rounds as f64;
    Figure {
        stage,
        articles_s: n * c.texts.len() as f64 / el,
        words_s: n * c.words as f64 / el,
        mb_s: n * c.bytes as f64 / el / 1e6,
        cpu_mb_s: cpu.map(|s| n * c.bytes as f64 / s / 1e6),
    }
}

/// Fail before measuring (a minute of work) when `--write` cannot be written.
fn check_writable(path: &std::path::Path) -> Result<()> {
    if path.exists() {
        std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    } else {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        if dir.is_some_and(|d| !d.is_dir()) {
            anyhow::bail!("cannot write {}: no such directory", path.display());
        }
    }
    Ok(())
}

pub fn run(args: Args) -> Result<crate::Status> {
    if let Some(p) = &args.write {
        check_writable(p)?;
    }
    let corpus = load(&args.shared)?;
    eprintln!(
        "bench: {} articles, {} words, {:.2} MB; one core, {:.0} s per stage",
        corpus.texts.len(),
        corpus.words,
        corpus.bytes as f64 / 1e6,
        args.seconds
    );
    let t0 = Instant::now();
    let pipeline = sitrep_pipeline::Pipeline::load()?;
    let load_ms = t0.elapsed().as_secs_f64() * 1e3;
    let doc_of = |t: &str, i: usize| {
        Document::new(
            DocMeta {
                id: format!("b{i}"),
                ..Default::default()
            },
            t.to_string(),
        )
    };
    let mut figs = Vec::new();
    figs.push(measure(
        "text (read, normalise, sentences, tokens)",
        &corpus,
        args.seconds,
        |t, i| {
            std::hint::black_box(doc_of(t, i));
        },
    ));
    // Each annotation stage on its own (text included), to see where the time goes.
    figs.push(measure("text + places", &corpus, args.seconds, |t, i| {
        let d = doc_of(t, i);
        std::hint::black_box(sitrep_geo::geoparse(&d, &pipeline.gazetteer));
    }));
    figs.push(measure(
        "text + actors, people, quotes, cues",
        &corpus,
        args.seconds,
        |t, i| {
            let d = doc_of(t, i);
            std::hint::black_box(sitrep_actors::annotate(&d, &pipeline.lexicon));
        },
    ));
    figs.push(measure("text + times", &corpus, args.seconds, |t, i| {
        let d = doc_of(t, i);
        std::hint::black_box(sitrep_time::annotate(&d, &[]));
    }));
    figs.push(measure(
        "annotate (text + places + actors + times)",
        &corpus,
        args.seconds,
        |t, i| {
            std::hint::black_box(pipeline.annotate(doc_of(t, i)));
        },
    ));
    figs.push(measure(
        "extract (annotate + events)",
        &corpus,
        args.seconds,
        |t, i| {
            let a = pipeline.annotate(doc_of(t, i));
            std::hint::black_box(pipeline.extract(&a));
        },
    ));
    let mut table = String::from(
        "| stage | articles/s | words/s | MB/s | MB per CPU-second |\n|---|---:|---:|---:|---:|\n",
    );
    for f in &figs {
        let cpu = f
            .cpu_mb_s
            .map(|v| format!("{v:.2}"))
            .unwrap_or_else(|| "n/a".into());
        table.push_str(&format!(
            "| {} | {:.0} | {:.0} | {:.2} | {cpu} |\n",
            f.stage, f.articles_s, f.words_s, f.mb_s
        ));
    }
    let load = load_average().unwrap_or_else(|| "unknown".into());
    outln!("data load (gazetteer + lexicon): {load_ms:.0} ms; load average {load}");
    outln!("{}", table.trim_end());
    if let Some(path) = args.write {
        let date = chrono::Local::now().format("%Y-%m-%d");
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let block = format!(
            "<!-- bench:start -->\nMeasured {date} with `cargo run --release -- bench --write docs/benchmarks.md` on {cpu} \
             (one core per figure; {} FA-KES dev articles + the seed, {} words, {:.2} MB, looped ≥ {:.0} s; \
             1-minute load average {load}: on a loaded machine read the CPU-time column).\n\
             Data load (gazetteer + lexicon): {load_ms:.0} ms.\n\n{table}<!-- bench:end -->",
            corpus.texts.len(),
            corpus.words,
            corpus.bytes as f64 / 1e6,
            args.seconds
        );
        let old = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n\n".into());
        let new = match (
            old.find("<!-- bench:start -->"),
            old.find("<!-- bench:end -->"),
        ) {
            (Some(a), Some(b)) if a < b => format!(
                "{}{}{}",
                &old[..a],
                block,
                &old[b + "<!-- bench:end -->".len()..]
            ),
            _ => format!("{old}\n## Pipeline throughput\n\n{block}\n"),
        };
        std::fs::write(&path, new).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(crate::Status::Ok)
}
