//! sitrep-actors (work in progress).
