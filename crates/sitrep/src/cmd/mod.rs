//! One module per subcommand.

pub mod annotate;
pub mod bench;
pub mod control;
pub mod demo;
pub mod eval;
pub mod events;
pub mod extract;
pub mod ingest;
pub mod inputs;
pub mod serve;
