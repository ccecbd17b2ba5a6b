//! Scorers over the public gold sets (read at test time, never at run time): the seed article's
//! actors, people and quotes (matching rules of `shared/seed/README.md`) and the actor spans of
//! the PLOVER gold-standard records.

pub use crate::eval_plover::{eval_plover_actors, ActorReport};
pub use crate::eval_seed::{eval_seed, SeedWhoReport};
