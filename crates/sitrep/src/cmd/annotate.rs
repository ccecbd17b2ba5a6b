//! `sitrep annotate`: print each article's annotations (DESIGN.md's JSON) as JSON Lines.

use super::inputs::{doc_error, run_batches, InputArgs, Item};
use crate::Status;
use std::io::Write;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(mut args: Args) -> anyhow::Result<Status> {
    args.input.progress = true;
    let pipeline = sitrep_pipeline::Pipeline::load()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let published = args.input.published;
    let failed = run_batches(
        &args.input,
        |raw| {
            let id = raw.id.clone();
            let doc = pipeline
                .document(raw, published)
                .map_err(|e| doc_error(&id, e))?;
            let ann = pipeline.annotate(doc);
            sitrep_pipeline::annotation_json(&ann).map_err(|e| doc_error(&id, e.to_string()))
        },
        |item| {
            if let Item::Done(value) = item {
                sitrep_export::write_json_line(&mut out, &value)?;
                out.flush()?;
            }
            Ok(())
        },
    )?;
    Ok(if failed > 0 {
        Status::InputsFailed
    } else {
        Status::Ok
    })
}
