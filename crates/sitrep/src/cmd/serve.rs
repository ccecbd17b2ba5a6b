//! `sitrep serve --db FILE [--addr 127.0.0.1:8080] [--token T]`: the HTTP API and the web map
//! (sitrep-server) over a database. Writes (`POST /api/articles`) need the token (`--token` or
//! `SITREP_TOKEN`); without one the server is read-only.

use std::path::PathBuf;

use crate::Status;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The database (created if absent).
    #[arg(long)]
    pub db: PathBuf,
    /// Address to listen on (port 0: any free port).
    #[arg(long, default_value = "127.0.0.1:8080", value_parser = parse_addr)]
    pub addr: String,
    /// Token that writes need (`Authorization: Bearer T`); default: $SITREP_TOKEN.
    #[arg(long)]
    pub token: Option<String>,
    /// Largest accepted request body, in MiB.
    #[arg(long, default_value_t = 16)]
    pub max_body_mib: usize,
}

/// A listening address (`host:port`, the host a name or an IP): a typo is a usage error found
/// before any work, not a run-time failure after it (`demo` ingests first).
pub fn parse_addr(s: &str) -> Result<String, String> {
    use std::net::ToSocketAddrs;
    match s.to_socket_addrs().map(|mut a| a.next().is_some()) {
        Ok(true) => Ok(s.to_string()),
        Ok(false) => Err(format!("{s:?}: no address found for this host")),
        Err(e) => Err(format!("{s:?}: {e} (expected HOST:PORT, port 0-65535)")),
    }
}

pub fn run(a: Args) -> anyhow::Result<Status> {
    let token = a
        .token
        .or_else(|| std::env::var("SITREP_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let writes = token.is_some();
    let config = sitrep_server::Config {
        token,
        body_limit: a.max_body_mib.max(1).saturating_mul(1024 * 1024),
    };
    let db = a.db.clone();
    sitrep_server::serve_db(&a.db, &a.addr, config, |addr| {
        try_outln!(
            "sitrep: serving {} on http://{addr}/ (writes {})",
            db.display(),
            if writes {
                "need the token"
            } else {
                "disabled: no token"
            }
        );
    })?;
    eprintln!("sitrep: stopped");
    Ok(Status::Ok)
}
