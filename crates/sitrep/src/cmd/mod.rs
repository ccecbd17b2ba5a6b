//! One module per subcommand.

pub mod annotate;
pub mod bench;
pub mod extract;
pub mod inputs;
pub mod serve;
