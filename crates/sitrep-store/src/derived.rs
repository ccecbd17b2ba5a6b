//! The derived tables (incidents and control timelines) and the work an ingest leaves for them.
//! Writing an article only stores it; the events and control claims stored since the last update
//! are *pending* (their ids lie above the watermarks kept in `meta`), and [`update`] folds all of
//! them into the incidents and timelines in one pass. Both are recomputed from scratch for what
//! the pending rows touch, so one pass over many articles gives the same result as one pass per
//! article, in any order. A run killed between its writes and its update leaves pending rows,
//! which the next update (any later ingest) completes.

use rusqlite::{params, OptionalExtension, Transaction};

/// `meta` keys: the highest event / control-claim id already folded into the derived tables.
const EVENTS_DONE: &str = "incidents_done_through";
const CLAIMS_DONE: &str = "control_done_through";

/// Record the watermarks if the database has none yet (a database written before they existed:
/// everything stored so far is up to date). Run before writing anything new.
pub(crate) fn init_marks(tx: &Transaction) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO meta(key, value) SELECT ?1, ifnull(max(id), 0) FROM events",
    )?
    .execute([EVENTS_DONE])?;
    tx.prepare_cached(
        "INSERT OR IGNORE INTO meta(key, value) SELECT ?1, ifnull(max(id), 0) FROM control_claims",
    )?
    .execute([CLAIMS_DONE])?;
    Ok(())
}

fn mark(tx: &rusqlite::Connection, key: &str) -> rusqlite::Result<i64> {
    Ok(tx
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// How many events and control claims wait for [`update`].
pub(crate) fn pending(conn: &rusqlite::Connection) -> rusqlite::Result<(u64, u64)> {
    let has = |key: &str| -> rusqlite::Result<bool> {
        Ok(conn
            .query_row("SELECT 1 FROM meta WHERE key = ?1", [key], |_| Ok(()))
            .optional()?
            .is_some())
    };
    if !has(EVENTS_DONE)? {
        return Ok((0, 0));
    }
    let count = |sql: &str, key: &str| -> rusqlite::Result<u64> {
        let m = mark(conn, key)?;
        conn.query_row(sql, [m], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
    };
    Ok((
        count("SELECT count(*) FROM events WHERE id > ?1", EVENTS_DONE)?,
        count(
            "SELECT count(*) FROM control_claims WHERE id > ?1",
            CLAIMS_DONE,
        )?,
    ))
}

/// Fold every pending event into the incidents and every place a pending claim names into its
/// timeline, then move the watermarks past them.
///
/// `committed`: the database path when this transaction has written nothing yet and every pending
/// row is committed ([`crate::Store::update_derived`]): large sets then search candidates on
/// several read-only connections at once.
///
/// `cache`: facts of stored events at hand (see `summary_row`); any event missing is read back.
pub(crate) fn update(
    tx: &Transaction,
    committed: Option<&std::path::Path>,
    cache: &crate::summary_row::MemberCache,
) -> rusqlite::Result<()> {
    init_marks(tx)?;
    let done = mark(tx, EVENTS_DONE)?;
    let last: i64 = tx.query_row("SELECT ifnull(max(id), ?1) FROM events", [done], |r| {
        r.get(0)
    })?;
    // The pending typed events: known without a scan when this connection wrote them all.
    let ids: Vec<i64> = match cache.typed_between(done, last) {
        Some(ids) => ids,
        None => tx
            .prepare_cached(
                "SELECT id FROM events WHERE id > ?1 AND event_type IS NOT NULL ORDER BY id",
            )?
            .query_map([done], |r| r.get(0))?
            .collect::<Result<_, _>>()?,
    };
    crate::incidents::update(tx, &ids, committed, cache)?;
    set_mark(tx, EVENTS_DONE, last)?;

    let done = mark(tx, CLAIMS_DONE)?;
    let places: Vec<String> = tx
        .prepare_cached("SELECT DISTINCT place_key FROM control_claims WHERE id > ?1 ORDER BY 1")?
        .query_map([done], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for key in &places {
        crate::control::recompute_place(tx, key)?;
    }
    let last: i64 = tx.query_row(
        "SELECT ifnull(max(id), ?1) FROM control_claims",
        [done],
        |r| r.get(0),
    )?;
    set_mark(tx, CLAIMS_DONE, last)
}

/// After a full rebuild of one derived table: nothing of it is pending.
pub(crate) fn mark_all_done(tx: &Transaction, incidents: bool) -> rusqlite::Result<()> {
    let (key, table) = if incidents {
        (EVENTS_DONE, "events")
    } else {
        (CLAIMS_DONE, "control_claims")
    };
    let last: i64 = tx.query_row(
        &format!("SELECT ifnull(max(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )?;
    set_mark(tx, key, last)
}

fn set_mark(tx: &Transaction, key: &str, value: i64) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
