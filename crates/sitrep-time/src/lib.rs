//! sitrep-time (work in progress).
