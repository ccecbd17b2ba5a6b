//! `sitrep annotate`: print each article's annotations (DESIGN.md's JSON) as JSON Lines.

use crate::Status;

#[derive(clap::Args)]
pub struct Args {
    /// Paths to read (files, directories) or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<String>,
}

pub fn run(_args: Args) -> anyhow::Result<Status> {
    anyhow::bail!("annotate is being wired")
}
