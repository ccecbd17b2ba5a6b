//! sitrep-store (work in progress).
