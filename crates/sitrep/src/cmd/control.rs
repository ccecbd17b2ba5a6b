//! `sitrep control --db FILE --place NAME|GEONAMEID [--at DATE] [--format json|text]` prints a
//! place's timeline (or the interval holding that day); `sitrep control --db FILE --at DATE
//! [--bbox W,S,E,N]` every known place's interval that day. JSON: one interval per line.

use super::events::{open_readonly, parse_bbox};
use super::inputs::parse_date;
use crate::Status;
use chrono::NaiveDate;
use sitrep_store::ControlInterval;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).multiple(true).args(["place", "at"])))]
pub struct Args {
    #[arg(long)]
    pub db: PathBuf,
    /// Place name or GeoNames id.
    #[arg(long)]
    pub place: Option<String>,
    /// The day to report (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub at: Option<NaiveDate>,
    /// With --at and no --place: only places inside W,S,E,N.
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true, conflicts_with = "place")]
    pub bbox: Option<[f64; 4]>,
    #[arg(long, default_value = "json", value_parser = ["json", "text"])]
    pub format: String,
}

fn text_line(i: &ControlInterval) -> String {
    format!(
        "{:<24} {:>9}  {:<10} → {:<10}  {:<32} {:<11} {} evidence",
        i.place,
        i.geonameid.map(|g| g.to_string()).unwrap_or_default(),
        i.from.as_deref().unwrap_or("…"),
        i.until.as_deref().unwrap_or("now"),
        i.holder.as_deref().unwrap_or("(no holder)"),
        i.certainty.as_str(),
        i.evidence.len()
    )
}

pub fn run(a: Args) -> anyhow::Result<Status> {
    let Some(store) = open_readonly(&a.db) else {
        return Ok(Status::Fatal);
    };
    let intervals: Vec<ControlInterval> = match (&a.place, a.at) {
        (Some(place), at) => {
            let timelines = match store.control_timeline(place) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("sitrep: {e}");
                    return Ok(Status::Fatal);
                }
            };
            if timelines.is_empty() {
                eprintln!("sitrep: no control information about {place:?}");
                return Ok(Status::InputsFailed);
            }
            match at {
                Some(d) => {
                    let found: Vec<ControlInterval> =
                        timelines.iter().filter_map(|t| t.at(d).cloned()).collect();
                    if found.is_empty() {
                        eprintln!("sitrep: nothing known about who held {place:?} on {d}");
                    }
                    found
                }
                None => timelines.into_iter().flat_map(|t| t.intervals).collect(),
            }
        }
        (None, Some(d)) => match store.control_at(d, a.bbox) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("sitrep: {e}");
                return Ok(Status::Fatal);
            }
        },
        (None, None) => unreachable!("clap requires --place or --at"),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for i in &intervals {
        if a.format == "text" {
            writeln!(out, "{}", text_line(i))?;
        } else {
            serde_json::to_writer(&mut out, i)?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
