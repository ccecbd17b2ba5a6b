//! `sitrep eval SUITE [--data DIR]`: accuracy on the public gold sets (default `../shared/eval`;
//! the seed article is read from `DIR/../seed`). Each suite prints the figures its issue asks for;
//! the scorers live with the stage they measure.

use anyhow::{bail, Result};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// geo | time | actors | events | fakes | all
    #[arg(value_parser = ["geo", "time", "actors", "events", "fakes", "all"])]
    pub suite: String,
    /// Directory of the gold sets.
    #[arg(long, default_value = "../shared/eval")]
    pub data: PathBuf,
}

pub fn run(args: Args) -> Result<crate::Status> {
    let d = &args.data;
    if !d.is_dir() {
        bail!("no gold data at {} (pass --data DIR)", d.display());
    }
    let seed = d.join("../seed");
    let s = |p: PathBuf| p.display().to_string();
    let suites: Vec<&str> = match args.suite.as_str() {
        "all" => vec!["geo", "time", "actors", "events", "fakes"],
        one @ ("geo" | "time" | "actors" | "events" | "fakes") => vec![one],
        other => bail!("unknown suite {other:?}: one of geo, time, actors, events, fakes, all"),
    };
    let needs_pipeline = suites.iter().any(|x| matches!(*x, "events" | "fakes"));
    let pipeline = if needs_pipeline {
        Some(sitrep_pipeline::Pipeline::load()?)
    } else {
        None
    };
    for suite in suites {
        match suite {
            "geo" => {
                outln!("{}", sitrep_geo::eval::eval_lgl(d.join("geo/lgl.xml"))?);
                outln!("{}", sitrep_geo::eval::eval_gwn(d.join("geo/gwn.xml"))?);
            }
            "time" => outln!(
                "{}",
                sitrep_time::eval::eval_meantime(d.join("time/meantime-en.jsonl"))?
            ),
            "actors" => {
                outln!(
                    "{}",
                    sitrep_actors::eval::eval_seed(
                        &s(seed.join("article.txt")),
                        &s(seed.join("gold.json"))
                    )?
                );
                outln!(
                    "{}",
                    sitrep_actors::eval::eval_plover_actors(&s(d.join("events/plover-gsr.json")))?
                );
            }
            "events" => {
                let p = pipeline.as_ref().expect("loaded above");
                use sitrep_pipeline::eval_events as ev;
                outln!(
                    "{}",
                    ev::eval_seed(p, &seed.join("article.txt"), &seed.join("gold.json"))?
                );
                outln!(
                    "{}",
                    ev::eval_case(p, &d.join("events/case2021-task2-dev.tsv"))?
                );
                outln!("{}", ev::eval_plover(p, &d.join("events/plover-gsr.json"))?);
                outln!(
                    "{}",
                    ev::eval_petrarch(p, &d.join("events/petr2-gsr-validation.xml"))?
                );
            }
            "fakes" => {
                let p = pipeline.as_ref().expect("loaded above");
                outln!(
                    "{}",
                    sitrep_pipeline::eval_fakes::eval_fakes(p, d.join("events/fakes-dev.csv"))?
                );
            }
            _ => unreachable!(),
        }
    }
    Ok(crate::Status::Ok)
}
