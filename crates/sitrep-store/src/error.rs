//! `StoreError`: every way opening, reading or writing the database can fail, each with a message
//! an analyst can act on. The CLI maps all of them to exit status 3.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the database: {reason}")]
    CannotOpen { path: PathBuf, reason: String },
    #[error("{path}: not a sitrep database (the file is not SQLite, or it is corrupt)")]
    NotADatabase { path: PathBuf },
    #[error("{path}: this SQLite database belongs to another application (it has tables but no sitrep schema); refusing to touch it")]
    Foreign { path: PathBuf },
    #[error("{path}: the database has schema version {found}, newer than this sitrep supports ({supported}); upgrade sitrep")]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path}: the database is corrupt: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path}: the disk or the database size limit is full; the last article was not stored and nothing stored before it was changed")]
    Full { path: PathBuf },
    #[error("{path}: the database is read-only (check the permissions of the file and of its directory)")]
    ReadOnly { path: PathBuf },
    #[error("{path}: the database is locked by another process")]
    Busy { path: PathBuf },
    #[error("{path}: database error: {source}")]
    Sql {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("stored record {what} cannot be decoded: {detail}")]
    Decode { what: String, detail: String },
    #[error("invalid query: {0}")]
    Query(String),
}

impl StoreError {
    /// Classify a SQLite error for the database at `path`.
    pub(crate) fn from_sql(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        use rusqlite::ffi::ErrorCode;
        let path = path.to_path_buf();
        if let rusqlite::Error::SqliteFailure(f, ref msg) = e {
            return match f.code {
                ErrorCode::NotADatabase => StoreError::NotADatabase { path },
                ErrorCode::DatabaseCorrupt => StoreError::Corrupt {
                    path,
                    detail: msg
                        .clone()
                        .unwrap_or_else(|| "malformed database image".into()),
                },
                ErrorCode::DiskFull => StoreError::Full { path },
                ErrorCode::ReadOnly => StoreError::ReadOnly { path },
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy { path },
                ErrorCode::CannotOpen | ErrorCode::PermissionDenied => StoreError::CannotOpen {
                    path,
                    reason: msg
                        .clone()
                        .unwrap_or_else(|| "unable to open database file".into()),
                },
                _ => StoreError::Sql { path, source: e },
            };
        }
        StoreError::Sql { path, source: e }
    }
}
