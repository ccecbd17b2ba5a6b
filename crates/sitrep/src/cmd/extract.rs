//! `sitrep extract`: print events and control claims (DESIGN.md's records) as JSON Lines, CSV
//! (ACLED columns), GeoJSON, flat TSV (`sitrep_export::tsv`, for data engines) or Spark's binary
//! rows (`sitrep_export::spark_rows`, for the Spark job). JSON Lines, TSV and rows stream document
//! by document; a bad article becomes an error record and the run goes on.

use super::inputs::{doc_error, run_batches, InputArgs, Item};
use crate::Status;
use sitrep_events::{ControlClaim, Event};
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    /// Output format (tsv: every record as one flat tab-separated line; spark-rows: every record
    /// as a length and Spark SQL's binary row, for the Spark job's row reader; docs/scale.md).
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv", "geojson", "tsv", "spark-rows"])]
    pub format: String,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(mut args: Args) -> anyhow::Result<Status> {
    use std::io::IsTerminal;
    if args.format == "spark-rows" && std::io::stdout().is_terminal() {
        return Err(crate::UsageError(
            "--format spark-rows prints binary rows for the Spark job: pipe or redirect stdout"
                .into(),
        )
        .into());
    }
    args.input.progress = true;
    let pipeline = sitrep_pipeline::Pipeline::load()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let published = args.input.published;
    let streamed = Streamed::of(&args.format);
    if let Some(Streamed::Rows) = streamed {
        sitrep_export::write_rows_header(&mut out)?;
    }
    let mut all_events: Vec<Event> = Vec::new();
    let failed = run_batches(
        &args.input,
        |raw| {
            let id = raw.id.clone();
            let doc = pipeline
                .document(raw, published)
                .map_err(|e| doc_error(&id, e))?;
            let ann = pipeline.annotate(doc);
            let x = pipeline.extract(&ann);
            Ok((x.events, x.control))
        },
        |item| {
            match (item, streamed) {
                (Item::Done((events, control)), Some(s)) => {
                    s.records(&mut out, &events, &control)?;
                    out.flush()?;
                }
                (Item::Done((events, _)), None) => all_events.extend(events),
                (Item::Failed(e), Some(s)) => {
                    let doc_id = e.doc_id.as_deref().unwrap_or(&e.input);
                    s.error(&mut out, doc_id, &e.input, &e.reason)?;
                    out.flush()?;
                }
                (Item::Failed(_), None) => {}
            }
            Ok(())
        },
    )?;
    match args.format.as_str() {
        "csv" => sitrep_export::write_csv(&all_events, &mut out)?,
        "geojson" => sitrep_export::write_geojson(&all_events, &mut out)?,
        _ => {}
    }
    out.flush()?;
    Ok(if failed > 0 {
        Status::InputsFailed
    } else {
        Status::Ok
    })
}

/// `{"record": "error", ...}`: an article that could not be read or analysed.
#[derive(serde::Serialize)]
struct ErrorRecord<'a> {
    record: &'static str,
    doc_id: &'a str,
    input: &'a str,
    error: &'a str,
}

/// The formats printed document by document, flushed after each.
#[derive(Clone, Copy)]
enum Streamed {
    Jsonl,
    Tsv,
    Rows,
}

impl Streamed {
    fn of(format: &str) -> Option<Streamed> {
        match format {
            "jsonl" => Some(Streamed::Jsonl),
            "tsv" => Some(Streamed::Tsv),
            "spark-rows" => Some(Streamed::Rows),
            _ => None,
        }
    }

    /// A document's events, then its control claims.
    fn records(
        self,
        out: &mut impl Write,
        events: &[Event],
        control: &[ControlClaim],
    ) -> anyhow::Result<()> {
        for e in events {
            match self {
                Streamed::Jsonl => sitrep_export::write_json_line(&mut *out, e)?,
                Streamed::Tsv => sitrep_export::write_tsv_event(&mut *out, e)?,
                Streamed::Rows => sitrep_export::write_row_event(&mut *out, e)?,
            }
        }
        for c in control {
            match self {
                Streamed::Jsonl => sitrep_export::write_json_line(&mut *out, c)?,
                Streamed::Tsv => sitrep_export::write_tsv_control(&mut *out, c)?,
                Streamed::Rows => sitrep_export::write_row_control(&mut *out, c)?,
            }
        }
        Ok(())
    }

    /// The error record of an article that could not be read or analysed.
    fn error(
        self,
        out: &mut impl Write,
        doc_id: &str,
        input: &str,
        error: &str,
    ) -> anyhow::Result<()> {
        match self {
            Streamed::Jsonl => {
                let rec = ErrorRecord {
                    record: "error",
                    doc_id,
                    input,
                    error,
                };
                sitrep_export::write_json_line(&mut *out, &rec)?
            }
            Streamed::Tsv => sitrep_export::write_tsv_error(&mut *out, doc_id, input, error)?,
            Streamed::Rows => sitrep_export::write_row_error(&mut *out, doc_id, input, error)?,
        }
        Ok(())
    }
}
