//! sitrep-server (work in progress).
