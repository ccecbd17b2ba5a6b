//! sitrep-pipeline (work in progress).
