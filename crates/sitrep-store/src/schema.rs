//! The schema and its versioned migrations (`PRAGMA user_version`), plus the checks run before
//! anything is written: a file that is not SQLite, a SQLite file of another application, or a
//! database from a newer sitrep are refused untouched.

use crate::error::StoreError;
use rusqlite::Connection;
use std::path::Path;

/// `PRAGMA application_id` of sitrep databases ("SITR").
pub const APPLICATION_ID: i64 = 0x5349_5452;

/// Migrations, in order: `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE sources(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE articles(
  id INTEGER PRIMARY KEY,
  ext_id TEXT NOT NULL,
  title TEXT,
  url TEXT,
  source_id INTEGER REFERENCES sources(id),
  published TEXT,
  text TEXT NOT NULL,
  hash BLOB NOT NULL UNIQUE
);
CREATE INDEX articles_ext_id ON articles(ext_id);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE TABLE annotations(article_id INTEGER PRIMARY KEY, json BLOB NOT NULL);
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL,
  ord INTEGER NOT NULL,
  day_first INTEGER NOT NULL,
  day_last INTEGER NOT NULL,
  lat REAL, lon REAL,
  country TEXT, admin1 TEXT, admin2 TEXT,
  geo_precision INTEGER,
  event_type TEXT, sub_type TEXT,
  actor1 TEXT, actor2 TEXT,
  certainty INTEGER NOT NULL,
  background INTEGER NOT NULL,
  fatalities INTEGER,
  json BLOB NOT NULL
);
CREATE INDEX events_day ON events(day_first);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_admin ON events(country, admin1, day_first);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, day0, day1, lat0, lat1, lon0, lon1);
CREATE TABLE incidents(
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  day_first INTEGER NOT NULL,
  day_last INTEGER NOT NULL,
  lat REAL, lon REAL,
  country TEXT, admin1 TEXT,
  event_type TEXT, sub_type TEXT,
  n_events INTEGER NOT NULL,
  n_articles INTEGER NOT NULL,
  n_sources INTEGER NOT NULL,
  certainty INTEGER NOT NULL
);
CREATE INDEX incidents_day ON incidents(day_first);
CREATE TABLE incident_events(event_id INTEGER PRIMARY KEY, incident_id INTEGER NOT NULL);
CREATE INDEX incident_events_incident ON incident_events(incident_id);
CREATE TABLE places(
  key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  folded TEXT NOT NULL,
  geonameid INTEGER,
  lat REAL, lon REAL,
  country TEXT, admin1 TEXT
) WITHOUT ROWID;
CREATE INDEX places_folded ON places(folded);
CREATE TABLE place_names(folded TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY(folded, key)) WITHOUT ROWID;
CREATE TABLE control_claims(
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL,
  event_id INTEGER,
  place_key TEXT NOT NULL,
  day_first INTEGER NOT NULL,
  day_last INTEGER NOT NULL,
  certainty INTEGER NOT NULL,
  json BLOB NOT NULL
);
CREATE INDEX control_claims_place ON control_claims(place_key);
CREATE TABLE control_intervals(
  id INTEGER PRIMARY KEY,
  place_key TEXT NOT NULL,
  from_day INTEGER,
  until_day INTEGER,
  holder TEXT,
  certainty INTEGER NOT NULL,
  lat REAL, lon REAL,
  json BLOB NOT NULL
);
CREATE INDEX control_intervals_place ON control_intervals(place_key);
"#,
    // 2: JSON blobs may be LZ4 (`codec::pack`: a leading 0x07, which no deflate stream has)
    // besides the deflate of schema 1; nothing to convert, but a sitrep of schema 1 could not
    // read the new blobs, so it must refuse the file (as a newer schema).
    "INSERT OR REPLACE INTO meta(key, value) VALUES ('blob_codec_lz4', 1);",
    // 3: event and annotation blobs may be compact (`event_blob`: a leading 0x0E, read with the
    // row's columns and the article's text; `value_blob`: 0x16, or 0x0F uncompressed); older
    // blobs stay as they are and still read. A sitrep of schema 2 could not read the new blobs,
    // so it must refuse the file. The derived tables are marked stale (watermarks to 0): rows
    // built by schema-2 builds carry coordinates parsed one unit in the last place off, so the
    // next write recomputes every incident and timeline, once, as a fresh database has them.
    "INSERT OR REPLACE INTO meta(key, value) VALUES ('blob_compact_events', 1);
     INSERT OR REPLACE INTO meta(key, value)
       VALUES ('incidents_done_through', 0), ('control_done_through', 0);",
    // 4: no R*Tree. Every place search is bounded by dates (a query's range, an incident
    // candidate's month), so the day index carries each event's coordinates and the box is
    // tested on index entries, before any row is read; the R*Tree cost more to keep up than
    // anything else the writer did per event (6 % of an ingest's CPU on FA-KES x12,
    // docs/benchmarks-store-writer.md). Place-only queries scan that index instead.
    "DROP TABLE IF EXISTS events_rtree;
     DROP INDEX IF EXISTS events_day;
     CREATE INDEX events_day ON events(day_first, lat, lon);",
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The oldest schema a read-only open accepts as it is: 3 only allows new blob forms beside the
/// old ones, so a file of schema 2 reads the same without being migrated.
pub(crate) const READS_FROM: i64 = 2;

/// What the file holds, read without writing anything.
pub(crate) struct Header {
    pub application_id: i64,
    pub user_version: i64,
    pub objects: i64,
}

pub(crate) fn read_header(conn: &Connection, path: &Path) -> Result<Header, StoreError> {
    let q = |sql: &str| -> Result<i64, StoreError> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0))
            .map_err(|e| StoreError::from_sql(path, e))
    };
    Ok(Header {
        application_id: q("PRAGMA application_id")?,
        user_version: q("PRAGMA user_version")?,
        objects: q("SELECT count(*) FROM sqlite_master")?,
    })
}

/// Refuse foreign and newer databases; returns whether the file is new (empty).
pub(crate) fn check_header(h: &Header, path: &Path) -> Result<bool, StoreError> {
    if h.application_id != APPLICATION_ID {
        if h.application_id == 0 && h.objects == 0 && h.user_version == 0 {
            return Ok(true);
        }
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
        });
    }
    if h.user_version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: h.user_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(false)
}

/// Bring the schema to `SCHEMA_VERSION`, each step in its own transaction.
pub(crate) fn migrate(conn: &mut Connection, path: &Path, from: i64) -> Result<(), StoreError> {
    let err = |e| StoreError::from_sql(path, e);
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let tx = conn.transaction().map_err(err)?;
        tx.execute_batch(sql).map_err(err)?;
        tx.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {};",
            i + 1
        ))
        .map_err(err)?;
        tx.commit().map_err(err)?;
    }
    Ok(())
}
