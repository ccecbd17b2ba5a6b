//! One module per subcommand.

pub mod annotate;
pub mod bench;
pub mod eval;
pub mod extract;
pub mod inputs;
pub mod control;
pub mod demo;
pub mod events;
pub mod ingest;
pub mod serve;
