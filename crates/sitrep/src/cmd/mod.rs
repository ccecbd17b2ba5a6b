//! One module per subcommand.

pub mod annotate;
