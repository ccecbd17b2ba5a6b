//! sitrep-events (work in progress).
