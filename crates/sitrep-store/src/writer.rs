//! The one writer of an ingest (`sitrep ingest`, `sitrep demo`, the server's `POST /api/articles`):
//! takes articles packed on the extraction threads, writes them in batches (one transaction per
//! batch, whole articles only), keeps the run's [`IngestSummary`], and brings the incidents and
//! control timelines up to date once at the end ([`Writer::finish`]) instead of after every batch.
//! [`WriterThread`] runs one on its own thread behind a bounded channel, taking what arrives
//! within [`BATCH_WAIT`] (up to [`BATCH`] articles) per transaction, so a slow writer catches up
//! with larger batches and a fast one does not commit every few articles; a second connection
//! checkpoints each committed batch while the next is written (and the last one while the
//! derived tables are updated), so the WAL stays about a batch long.

use crate::error::StoreError;
use crate::packed::PackedArticle;
use crate::store::Store;
use crate::types::IngestOutcome;
use std::borrow::BorrowMut;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};

/// Most articles one transaction holds in a [`WriterThread`].
pub const BATCH: usize = 512;

/// Longest a [`WriterThread`] waits for more articles before committing a batch.
pub const BATCH_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

/// Articles written between two updates of the derived tables in a long run (so that they stay
/// close to current for readers, and one update never holds the whole run's events).
pub const UPDATE_EVERY: usize = 5000;

/// What one ingest run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct IngestSummary {
    /// Inputs seen (stored, duplicate or failed).
    pub read: usize,
    pub added: usize,
    pub duplicates: usize,
    /// Inputs the extraction refused (counted by the caller, never written).
    pub failed: usize,
    pub events: usize,
    pub control: usize,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} read, {} stored, {} duplicates skipped, {} failed; {} events and {} control claims stored",
            self.read, self.added, self.duplicates, self.failed, self.events, self.control
        )
    }
}

/// Writes batches of packed articles into a store (owned, or borrowed: `&mut Store`) and counts
/// what happened.
pub struct Writer<S: BorrowMut<Store> = Store> {
    store: S,
    summary: IngestSummary,
    since_update: usize,
}

impl<S: BorrowMut<Store>> Writer<S> {
    pub fn new(store: S) -> Writer<S> {
        Writer {
            store,
            summary: IngestSummary::default(),
            since_update: 0,
        }
    }

    pub fn summary(&self) -> &IngestSummary {
        &self.summary
    }

    /// Count inputs that failed before reaching the writer.
    pub fn failed(&mut self, n: usize) {
        self.summary.read += n;
        self.summary.failed += n;
    }

    /// Write `items` in ONE transaction (all or none); the derived tables stay pending until
    /// [`Writer::finish`] (or, in a long run, every [`UPDATE_EVERY`] articles).
    pub fn write(&mut self, items: &mut [PackedArticle]) -> Result<Vec<IngestOutcome>, StoreError> {
        let outcomes = self.store.borrow_mut().write_packed(items)?;
        self.count(&outcomes)?;
        Ok(outcomes)
    }

    /// [`Writer::write`] for articles handed over one at a time (see
    /// [`Store::write_streamed`]): `first`, then each one `next` returns until `None`.
    pub fn write_streamed(
        &mut self,
        first: PackedArticle,
        next: impl FnMut() -> Option<PackedArticle>,
    ) -> Result<Vec<IngestOutcome>, StoreError> {
        let outcomes = self.store.borrow_mut().write_streamed(first, next)?;
        self.count(&outcomes)?;
        Ok(outcomes)
    }

    fn count(&mut self, outcomes: &[IngestOutcome]) -> Result<(), StoreError> {
        self.summary.read += outcomes.len();
        for o in outcomes {
            match o {
                IngestOutcome::Added {
                    events, control, ..
                } => {
                    self.summary.added += 1;
                    self.summary.events += events;
                    self.summary.control += control;
                    self.since_update += 1;
                }
                IngestOutcome::Duplicate { .. } => self.summary.duplicates += 1,
            }
        }
        if self.since_update >= UPDATE_EVERY {
            self.store.borrow_mut().update_derived()?;
            self.since_update = 0;
        }
        Ok(())
    }

    /// Bring the incidents and control timelines up to date; returns the store and the summary.
    /// (Called once per run; a failed update still hands back the run's summary, hence the
    /// large error.)
    #[allow(clippy::result_large_err)]
    pub fn finish(mut self) -> Result<(S, IngestSummary), (IngestSummary, StoreError)> {
        match self.store.borrow_mut().update_derived() {
            Ok(()) => Ok((self.store, self.summary)),
            Err(e) => Err((self.summary, e)),
        }
    }
}

/// The writer stopped (on a database error, reported by [`WriterThread::finish`]).
#[derive(Debug)]
pub struct WriterStopped;

impl std::fmt::Display for WriterStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the database writer stopped")
    }
}

impl std::error::Error for WriterStopped {}

/// A [`Writer`] on its own thread, fed in input order through a bounded channel: `Some(article)`
/// to store, `None` for an input that failed extraction.
pub struct WriterThread {
    tx: SyncSender<Option<PackedArticle>>,
    handle: std::thread::JoinHandle<(IngestSummary, Option<StoreError>)>,
}

impl WriterThread {
    /// Start the writer; `progress` is called on its thread after every batch, and with `true`
    /// when the final update of the derived tables starts.
    pub fn spawn(
        store: Store,
        progress: impl FnMut(&IngestSummary, bool) + Send + 'static,
    ) -> WriterThread {
        // The checkpointer thread copies each batch (see `run`); the writer's own automatic
        // checkpoint, which would run on this thread in the middle of a commit, is only a backstop
        // if that thread falls behind: every 8,192 pages (128 MB with 16 KB pages) instead of
        // every 1,000. Commits are as durable as before, and closing the store checkpoints what
        // is left.
        let _ = store
            .conn
            .query_row("PRAGMA wal_autocheckpoint = 8192", [], |_| Ok(()));
        // An 8 MB page cache instead of the store's 64: a bulk load touches each page of the
        // file about once, and a cache that grows with the file costs a fresh (zeroed) page of
        // memory per page written. FA-KES x12: 10,800 -> 3,700 minor faults, sys 0.2-0.5 ->
        // 0.16-0.3 s; an incremental load into its database is no slower.
        let _ = store.conn.execute_batch("PRAGMA cache_size = -8192;");
        let (tx, rx) = sync_channel(256);
        let handle = std::thread::spawn(move || run(Writer::new(store), rx, progress));
        WriterThread { tx, handle }
    }

    /// Queue one input (blocks while the queue is full).
    pub fn send(&self, item: Option<PackedArticle>) -> Result<(), WriterStopped> {
        self.tx.send(item).map_err(|_| WriterStopped)
    }

    /// Close the queue, wait for the writer to store everything and update the derived tables;
    /// the summary and the database error that stopped it, if any.
    pub fn finish(self) -> (IngestSummary, Option<StoreError>) {
        drop(self.tx);
        self.handle.join().unwrap_or_else(|_| {
            (
                IngestSummary::default(),
                Some(StoreError::Query("the database writer panicked".into())),
            )
        })
    }
}

fn run(
    mut w: Writer,
    rx: Receiver<Option<PackedArticle>>,
    mut progress: impl FnMut(&IngestSummary, bool),
) -> (IngestSummary, Option<StoreError>) {
    // Every committed batch is copied from the WAL into the database file on another connection
    // while the next one is extracted and written, so the WAL stays about a batch long and the
    // end of the run (update, close) copies only what the update wrote.
    let checkpoints = Checkpointer::spawn(w.store.path().to_path_buf());
    while let Ok(first) = rx.recv() {
        let Some(first) = first else {
            w.failed(1);
            continue;
        };
        // Gather for up to BATCH_WAIT: far fewer commits (each rewrites the index pages it
        // touches into the WAL) for at most that much more work lost to a kill. Each article is
        // written as it arrives, so the batch commits right after the last one.
        checkpoints.wait_done(BATCH_WAIT);
        let until = std::time::Instant::now() + BATCH_WAIT;
        let (mut taken, mut failed) = (1, 0);
        let next = || {
            while taken < BATCH {
                let left = until.saturating_duration_since(std::time::Instant::now());
                match rx.recv_timeout(left) {
                    Ok(Some(item)) => {
                        taken += 1;
                        return Some(item);
                    }
                    Ok(None) => {
                        taken += 1;
                        failed += 1;
                    }
                    Err(_) => break,
                }
            }
            None
        };
        let written = w.write_streamed(first, next);
        w.failed(failed);
        if let Err(e) = written {
            checkpoints.finish();
            return (w.summary, Some(e));
        }
        checkpoints.request();
        progress(&w.summary, false);
    }
    progress(&w.summary, true);
    let result = w.finish();
    // Joined before the store closes: its close then is the last one, checkpoints the rest and
    // removes the WAL as before.
    checkpoints.finish();
    match result {
        Ok((_, s)) => (s, None),
        Err((s, e)) => (s, Some(e)),
    }
}

/// Passive checkpoints of the database at a path, on a connection of their own thread, one after
/// each request (requests made while one runs are folded into the next). A passive checkpoint
/// copies committed frames only and never blocks the writer; any failure just leaves the
/// copying to a later checkpoint or to the one at close.
struct Checkpointer {
    state: Arc<(Mutex<Checkpoints>, Condvar)>,
    handle: std::thread::JoinHandle<()>,
}

/// Requests made and covered (a checkpoint covers every request made before it began), and
/// whether more may come.
#[derive(Default)]
struct Checkpoints {
    asked: u64,
    done: u64,
    closed: bool,
}

impl Checkpointer {
    fn spawn(path: std::path::PathBuf) -> Checkpointer {
        let state = Arc::new((Mutex::new(Checkpoints::default()), Condvar::new()));
        let shared = state.clone();
        let handle = std::thread::spawn(move || {
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = rusqlite::Connection::open_with_flags(&path, flags).ok();
            let (lock, changed) = &*shared;
            loop {
                let asked = {
                    let Ok(c) = lock.lock() else { return };
                    let Ok(c) = changed.wait_while(c, |c| c.done == c.asked && !c.closed) else {
                        return;
                    };
                    if c.done == c.asked {
                        return;
                    }
                    c.asked
                };
                if let Some(conn) = &conn {
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
                if let Ok(mut c) = lock.lock() {
                    c.done = asked;
                }
                changed.notify_all();
            }
        });
        Checkpointer { state, handle }
    }

    fn update(&self, f: impl FnOnce(&mut Checkpoints)) {
        if let Ok(mut c) = self.state.0.lock() {
            f(&mut c);
        }
        self.state.1.notify_all();
    }

    /// Ask for a checkpoint of what is committed now (never waits).
    fn request(&self) {
        self.update(|c| c.asked += 1);
    }

    /// Wait (at most `limit`) until every checkpoint asked for is done. A write transaction
    /// begun then finds the whole WAL copied and writes it again from its start: the WAL stays a
    /// batch long instead of growing all run (and the close copies and removes less).
    fn wait_done(&self, limit: std::time::Duration) {
        let (lock, changed) = &*self.state;
        if let Ok(c) = lock.lock() {
            let _ = changed.wait_timeout_while(c, limit, |c| c.done < c.asked);
        }
    }

    /// Let the checkpoint asked for last run, if it has not, then stop the thread.
    fn finish(self) {
        self.update(|c| c.closed = true);
        let _ = self.handle.join();
    }
}
