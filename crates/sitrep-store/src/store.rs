//! `Store`: opening (with the safety checks of `schema`), the one-transaction article ingest, and
//! reading articles, annotations and counts back.

use crate::codec;
use crate::error::StoreError;
use crate::packed::PackedArticle;
use crate::schema;
use crate::summary_row::MemberCache;
use crate::types::{Article, IngestOutcome, Stats, StoredArticle};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};
use sitrep_events::{ControlClaim, ControlDate, ControlKind, ControlPlace, Event};
use std::borrow::BorrowMut;
use std::path::{Path, PathBuf};

mod rows;
use rows::{find_duplicate, write_article, Statements};

/// A sitrep database. One writer at a time; any number of readers (`open_readonly`) alongside.
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// Facts of the events this connection stored whose incidents are pending (committed rows
    /// only; emptied by each update, and on any failed write, since it is only a shortcut).
    pub(crate) members: MemberCache,
}

impl Store {
    /// Open (or create) the database at `path`, refusing a non-SQLite, foreign, corrupt or newer
    /// file before anything is written, then migrating an older schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if path.is_dir() {
            return Err(StoreError::CannotOpen {
                path,
                reason: "it is a directory".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags)
            .map_err(|e| StoreError::from_sql(&path, e))?;
        let header = schema::read_header(&conn, &path)?;
        let fresh = schema::check_header(&header, &path)?;
        let err = |e| StoreError::from_sql(&path, e);
        if fresh {
            // 16 KB pages for a new database (before WAL mode and the first table fix it):
            // a bulk load writes a quarter as many WAL frames and splits fewer B-tree pages
            // (writer CPU per article -18 % against 4 KB on FA-KES x4). Older files keep theirs.
            conn.execute_batch("PRAGMA page_size = 16384;")
                .map_err(err)?;
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(err)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(err)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::CannotOpen {
                path,
                reason: format!("cannot use WAL journaling (got {mode})"),
            });
        }
        // A 64 MB page cache: the incident update looks events up all over the file.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -65536;",
        )
        .map_err(err)?;
        schema::migrate(&mut conn, &path, header.user_version)?;
        Ok(Store {
            conn,
            path,
            members: MemberCache::default(),
        })
    }

    /// Open an existing database for reading only (the server). Same checks; never migrates: an
    /// older schema must be opened once with `open`.
    pub fn open_readonly(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(StoreError::CannotOpen {
                path,
                reason: "no such file".into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags)
            .map_err(|e| StoreError::from_sql(&path, e))?;
        let header = schema::read_header(&conn, &path)?;
        if schema::check_header(&header, &path)? || header.user_version < schema::READS_FROM {
            return Err(StoreError::CannotOpen {
                path,
                reason: format!(
                    "schema version {} (this sitrep writes {}): open it once with `sitrep ingest` first",
                    header.user_version,
                    schema::SCHEMA_VERSION
                ),
            });
        }
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| StoreError::from_sql(&path, e))?;
        // 16 MB of page cache per reader (the server pools a few): a month of events stays in.
        conn.execute_batch("PRAGMA cache_size = -16384;")
            .map_err(|e| StoreError::from_sql(&path, e))?;
        Ok(Store {
            conn,
            path,
            members: MemberCache::default(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn err(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |e| StoreError::from_sql(&self.path, e)
    }

    /// Cap the database at `pages` pages (SQLite's `max_page_count`): writes past it fail with
    /// `StoreError::Full`, as on a full disk. Used to test that case; also a size guard.
    pub fn set_page_limit(&self, pages: u64) -> Result<(), StoreError> {
        self.conn
            .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
            .map_err(self.err())
    }

    /// `PRAGMA integrity_check`: `Ok(())` or the first problems it lists.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(self.err())?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .map_err(self.err())?
            .collect::<Result<_, _>>()
            .map_err(self.err())?;
        if rows.len() == 1 && rows[0] == "ok" {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                path: self.path.clone(),
                detail: rows.join("; "),
            })
        }
    }

    /// SHA-256 of an article's text: the content hash that makes re-ingestion a no-op.
    pub fn content_hash(text: &str) -> [u8; 32] {
        Sha256::digest(text.as_bytes()).into()
    }

    /// Whether an article is already stored (same content, url or id): the id it has.
    pub fn find_duplicate(
        &self,
        article: &Article,
    ) -> Result<Option<(i64, &'static str)>, StoreError> {
        find_duplicate(&self.conn, article, &Self::content_hash(&article.text)).map_err(self.err())
    }

    /// Store one article with its annotation (DESIGN.md's annotate object; its `text` is not
    /// stored twice), events and control claims in ONE transaction, then update the incidents
    /// and control timelines they touch in the same transaction. A duplicate writes nothing.
    pub fn ingest_article(
        &mut self,
        article: &Article,
        annotation: Option<&serde_json::Value>,
        events: &[Event],
        control: &[ControlClaim],
    ) -> Result<IngestOutcome, StoreError> {
        let packed = PackedArticle::new(
            article.clone(),
            annotation,
            events.to_vec(),
            control.to_vec(),
        );
        self.write(&mut [packed], true)?
            .pop()
            .ok_or_else(|| StoreError::Query("the write reported no outcome".into()))
    }

    /// Like `ingest_article` for many articles in ONE transaction (`sitrep ingest`, bulk loads, the
    /// bench): all of them are stored or none. The incidents and control timelines the batch
    /// touches are recomputed once, after its last article (components and timelines are
    /// recomputed from scratch, so the result is the same as article by article).
    pub fn ingest_batch<I>(&mut self, items: I) -> Result<Vec<IngestOutcome>, StoreError>
    where
        I: IntoIterator<
            Item = (
                Article,
                Option<serde_json::Value>,
                Vec<Event>,
                Vec<ControlClaim>,
            ),
        >,
    {
        let mut packed: Vec<PackedArticle> = items
            .into_iter()
            .map(|(a, ann, events, control)| PackedArticle::new(a, ann.as_ref(), events, control))
            .collect();
        self.ingest_packed(&mut packed)
    }

    /// `ingest_batch` for articles packed beforehand ([`PackedArticle::new`], e.g. on the
    /// extraction threads): ONE transaction, incidents and timelines updated once at its end.
    /// (The writer takes the incident facts the articles carry.)
    pub fn ingest_packed(
        &mut self,
        items: &mut [PackedArticle],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.write(items, true)
    }

    /// Store packed articles in ONE transaction (all or none) WITHOUT updating the incidents and
    /// control timelines: what they change stays pending until [`Store::update_derived`] (or any
    /// later ingest) folds it in. A long `sitrep ingest` writes its batches so and updates once
    /// at the end, which costs far less than updating after every batch and gives the same
    /// result. A kill before the update leaves every written article whole; the next update
    /// completes the derived tables. (The writer takes the incident facts the articles carry.)
    pub fn write_packed(
        &mut self,
        items: &mut [PackedArticle],
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.write(items, false)
    }

    /// Fold everything pending (see [`Store::write_packed`]) into the incidents and control
    /// timelines, in one transaction.
    pub fn update_derived(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sql(&path, e);
        // IMMEDIATE: the write lock is held from the start, so the read-only connections that
        // search candidates see exactly the committed state this transaction sees.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let facts = std::mem::take(&mut self.members);
        crate::derived::update(&tx, Some(&path), &facts).map_err(err)?;
        tx.commit().map_err(err)
    }

    /// How many stored events and control claims the derived tables do not reflect yet.
    pub fn pending_derived(&self) -> Result<(u64, u64), StoreError> {
        crate::derived::pending(&self.conn).map_err(self.err())
    }

    /// [`Store::write_packed`] for articles handed over one at a time: `first`, then each one
    /// `next` returns until it returns `None`, all in ONE transaction, each written as it comes
    /// (a bulk writer's transaction then ends right after its last article arrives).
    pub fn write_streamed(
        &mut self,
        first: PackedArticle,
        next: impl FnMut() -> Option<PackedArticle>,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.write_each(
            std::iter::once(first).chain(std::iter::from_fn(next)),
            false,
        )
    }

    fn write(
        &mut self,
        items: &mut [PackedArticle],
        update: bool,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        self.write_each(items.iter_mut(), update)
    }

    fn write_each<P: BorrowMut<PackedArticle>>(
        &mut self,
        items: impl Iterator<Item = P>,
        update: bool,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::from_sql(&path, e);
        // The cache is taken out while writing: a failure leaves it empty (always safe).
        let mut facts = std::mem::take(&mut self.members);
        let tx = self.conn.transaction().map_err(err)?;
        crate::derived::init_marks(&tx).map_err(err)?;
        let mut out = Vec::new();
        let mut st = Statements::new(&tx).map_err(err)?;
        for mut p in items {
            let p = p.borrow_mut();
            facts.reserve(p.events.len());
            out.push(write_article(&tx, &mut st, p, &mut facts).map_err(err)?);
        }
        // The statements go back to the connection's cache before the update and the commit.
        st.finish().map_err(err)?;
        if update {
            crate::derived::update(&tx, None, &facts).map_err(err)?;
        }
        tx.commit().map_err(err)?;
        if !update {
            self.members = facts;
        }
        Ok(out)
    }

    pub fn get_article(&self, id: i64) -> Result<Option<StoredArticle>, StoreError> {
        self.conn
            .query_row(
                "SELECT a.id, a.ext_id, a.title, a.url, s.name, a.published, a.text, a.hash
                 FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?1",
                [id],
                |r| {
                    Ok(StoredArticle {
                        db_id: r.get(0)?,
                        hash: codec::hex(&r.get::<_, Vec<u8>>(7)?, 32),
                        article: Article {
                            id: r.get(1)?,
                            title: r.get(2)?,
                            url: r.get(3)?,
                            source: r.get(4)?,
                            published: r.get(5)?,
                            text: r.get(6)?,
                        },
                    })
                },
            )
            .optional()
            .map_err(self.err())
    }

    /// The stored annotation of an article, with its `text` put back.
    pub fn get_annotation(&self, article_id: i64) -> Result<Option<serde_json::Value>, StoreError> {
        let row: Option<(Vec<u8>, String)> = self
            .conn
            .query_row(
                "SELECT n.json, a.text FROM annotations n JOIN articles a ON a.id = n.article_id WHERE n.article_id = ?1",
                [article_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(self.err())?;
        let Some((blob, text)) = row else {
            return Ok(None);
        };
        let mut v = codec::read_annotation(&blob, &text)?;
        if let Some(o) = v.as_object_mut() {
            o.insert("text".into(), serde_json::Value::String(text));
        }
        Ok(Some(v))
    }

    /// Counts of articles, events, incidents, claims and places, and events per day and type.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(self.err())
        };
        let mut s = Stats {
            articles: count("SELECT count(*) FROM articles")?,
            events: count("SELECT count(*) FROM events")?,
            incidents: count("SELECT count(*) FROM incidents")?,
            control_claims: count("SELECT count(*) FROM control_claims")?,
            places: count("SELECT count(*) FROM places")?,
            per_day: Vec::new(),
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT day_first, ifnull(event_type, 'other'), count(*) FROM events
                 WHERE day_first >= 0 GROUP BY day_first, 2 ORDER BY day_first, 2",
            )
            .map_err(self.err())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(self.err())?;
        for row in rows {
            let (day, t, n) = row.map_err(self.err())?;
            s.per_day
                .push((codec::iso(day).unwrap_or_default(), t, n as u64));
        }
        Ok(s)
    }
}

/// ACLED's territorial sub-events as control changes: actor1 takes the place from actor2.
pub(crate) fn territorial_claim(e: &Event) -> Option<ControlClaim> {
    // "Non-violent transfer of territory" is left out: its actor1 may be the side that left.
    let sub = e.acled_sub_event_type.as_deref()?.to_ascii_lowercase();
    if sub != "government regains territory" && sub != "non-state actor overtakes territory" {
        return None;
    }
    let place = e.place.as_ref()?;
    let date = e.date.as_ref()?;
    let holder = e.actor1.as_ref()?.name.clone();
    Some(ControlClaim {
        record: "control".into(),
        doc_id: e.doc_id.clone(),
        kind: ControlKind::Change,
        place: ControlPlace {
            name: place.name.clone(),
            geonameid: place.geonameid,
            lat: place.lat,
            lon: place.lon,
            country: Some(place.country.clone()),
            admin1: place.admin1.clone(),
            start: place.start,
            end: place.end,
        },
        previous_holder: e.actor2.as_ref().map(|a| a.name.clone()),
        new_holder: Some(holder),
        holder: None,
        date: ControlDate {
            value: date.value.clone(),
            range: date.range.clone(),
        },
        certainty: e.certainty,
        evidence: e.evidence.clone(),
    })
}
