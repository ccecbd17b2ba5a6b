//! Scorers for LGL and GeoWebNews (work in progress).
