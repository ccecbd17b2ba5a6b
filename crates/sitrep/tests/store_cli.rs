//! `sitrep ingest` / `events` / `control` / `demo` on real database files: idempotent re-ingest,
//! kill -9 mid-run then integrity check and re-ingest (every article exactly once), the seed's
//! control timeline (skipped without /work/shared), and each bad-database case → exit status 3
//! with the file left as it was.

use sitrep_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sitrep"))
}

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(bin());
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run sitrep")
}

/// `run` that must exit 0 (the failure shows the command's stderr).
fn run_ok(args: &[&str]) -> Output {
    let o = run(args, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn demo_jsonl() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/fakes-sample.jsonl")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn articles(db: &Path) -> u64 {
    Store::open_readonly(db)
        .expect("open")
        .stats()
        .expect("stats")
        .articles
}

#[test]
fn reingest_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    run_ok(&["ingest", "--db", s(&db), s(&demo_jsonl())]);
    let n = articles(&db);
    assert_eq!(n, 40);
    let events = Store::open_readonly(&db).unwrap().stats().unwrap().events;
    let o = run(&["ingest", "--db", s(&db), s(&demo_jsonl())], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("40 duplicates skipped"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let st = Store::open_readonly(&db).unwrap().stats().unwrap();
    assert_eq!((st.articles, st.events), (n, events));
    // Exports in each format.
    for f in ["jsonl", "csv", "geojson"] {
        let o = run(
            &[
                "events",
                "--db",
                s(&db),
                "--format",
                f,
                "--country",
                "Syria",
            ],
            &[],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{f}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!o.stdout.is_empty(), "{f}");
    }
    let o = run(
        &[
            "events",
            "--db",
            s(&db),
            "--from",
            "2016-10-01",
            "--to",
            "2016-10-31",
            "--bbox",
            "36,35,38,37",
        ],
        &[],
    );
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let lat = v["place"]["lat"].as_f64().unwrap();
        assert!((35.0..=37.0).contains(&lat));
    }
}

#[test]
fn kill_during_ingest_leaves_a_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("k.db");
    // 400 distinct articles: the demo ones, each copied with a new id and a changed text.
    let src = std::fs::read_to_string(demo_jsonl()).unwrap();
    let mut big = String::new();
    for copy in 0..10 {
        for line in src.lines() {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            v["id"] = format!("{}-copy{copy}", v["id"].as_str().unwrap()).into();
            v["text"] = format!("{} (copy {copy})", v["text"].as_str().unwrap()).into();
            big.push_str(&v.to_string());
            big.push('\n');
        }
    }
    let input = dir.path().join("big.jsonl");
    std::fs::write(&input, big).unwrap();
    let mut child = Command::new(bin())
        .args(["ingest", "--db", s(&db), s(&input)])
        .spawn()
        .unwrap();
    // Kill it once some articles are in (or after a while, whatever happened).
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(50));
        if Store::open_readonly(&db)
            .ok()
            .and_then(|s| s.stats().ok())
            .is_some_and(|st| st.articles >= 20)
        {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL
    let _ = child.wait();
    let partial = articles(&db);
    {
        let store = Store::open(&db).expect("reopens after kill -9");
        store.integrity_check().expect("integrity_check passes");
    }
    let o = run(&["ingest", "--db", s(&db), s(&input)], &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        articles(&db),
        400,
        "every article exactly once (partial run had {partial})"
    );
    let c = rusqlite::Connection::open(&db).unwrap();
    let distinct: i64 = c
        .query_row("SELECT count(DISTINCT ext_id) FROM articles", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(distinct, 400);
    let orphans: i64 = c
        .query_row(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    // The incidents and timelines a killed run left pending were completed by the second run,
    // and agree with a rebuild from scratch.
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.pending_derived().unwrap(), (0, 0));
    let incidents = |db: &Path| -> Vec<(String, i64, i64, i64, i64)> {
        let c = rusqlite::Connection::open(db).unwrap();
        let mut st = c
            .prepare("SELECT key, n_events, n_articles, n_sources, certainty FROM incidents ORDER BY key")
            .unwrap();
        let rows = st
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap();
        rows.map(Result::unwrap).collect()
    };
    let before = incidents(&db);
    assert!(!before.is_empty());
    store.rebuild_incidents().unwrap();
    assert_eq!(incidents(&db), before);
}

#[test]
fn seed_control_timeline() {
    let seed = Path::new("/work/shared/seed/article.txt");
    if !seed.exists() {
        eprintln!("skipped: /work/shared/seed absent");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seed.db");
    let o = run(&["ingest", "--db", s(&db), s(seed)], &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let at = |place: &str, day: &str| -> serde_json::Value {
        let o = run(
            &["control", "--db", s(&db), "--place", place, "--at", day],
            &[],
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{place}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        serde_json::from_str(out.lines().next().unwrap_or("null")).unwrap()
    };
    assert_eq!(at("Rutba", "2016-03-01")["holder"], "Islamic State");
    let r = at("98677", "2016-03-07");
    assert!(r["holder"].is_null() && r["certainty"] == "hedged", "{r}");
    assert_eq!(
        at("Ramadi", "2016-03-01")["holder"],
        "Military Forces of Iraq"
    );
    assert_eq!(at("Fallujah", "2016-03-11")["holder"], "Islamic State");
    assert_eq!(at("Al-Qaim", "2016-03-11")["holder"], "Islamic State");
    let o = run(
        &[
            "control",
            "--db",
            s(&db),
            "--at",
            "2016-03-11",
            "--bbox",
            "38,32,45,35",
        ],
        &[],
    );
    assert!(String::from_utf8_lossy(&o.stdout).lines().count() >= 4);
}

fn assert_fails_3_untouched(args: &[&str], file: &Path, env: &[(&str, &str)]) {
    let before = std::fs::read(file).ok();
    let o = run(args, env);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{args:?}: {err}");
    assert!(err.contains("sitrep:"), "{err}");
    assert_eq!(
        std::fs::read(file).ok(),
        before,
        "{args:?} changed the file"
    );
}

#[test]
fn bad_databases_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let input = demo_jsonl();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database, only words... ".repeat(100)).unwrap();
    for cmd in [
        &["ingest", "--db", s(&junk), s(&input)][..],
        &["events", "--db", s(&junk)],
        &["control", "--db", s(&junk), "--at", "2016-01-01"],
    ] {
        assert_fails_3_untouched(cmd, &junk, &[]);
    }
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x);")
        .unwrap();
    assert_fails_3_untouched(&["ingest", "--db", s(&foreign), s(&input)], &foreign, &[]);
    let newer = dir.path().join("newer.db");
    drop(Store::open(&newer).unwrap());
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA journal_mode=DELETE; PRAGMA user_version = 99;")
        .unwrap();
    assert_fails_3_untouched(&["ingest", "--db", s(&newer), s(&input)], &newer, &[]);
    // A directory that cannot hold the file (its parent is a regular file).
    let o = run(&["ingest", "--db", s(&junk.join("x.db")), s(&input)], &[]);
    assert_eq!(o.status.code(), Some(3));
    // Full disk (SQLite's max_page_count): the run stops with 3, what was stored stays sound.
    let full = dir.path().join("full.db");
    let o = run(
        &["ingest", "--db", s(&full), s(&input)],
        &[("SITREP_DB_MAX_PAGES", "36")], // the empty schema takes 28 pages of 16 KB
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("full"));
    let store = Store::open(&full).unwrap();
    store.integrity_check().unwrap();
    let n = store.stats().unwrap().articles;
    assert!(n < 40, "stopped early ({n})");
}

#[test]
fn demo_prints_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    for _ in 0..2 {
        let o = run(&["demo", "--no-serve", "--db", s(&db)], &[]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains("40 FA-KES articles"), "{out}");
        assert!(out.contains("articles") && out.contains("outlets"));
    }
    let st = Store::open_readonly(&db).unwrap().stats().unwrap();
    assert_eq!(st.articles, 40, "a fresh database each run");
    assert!(st.incidents > 0 && st.incidents < st.events);
}

/// Every event read back from the store is the very line `extract` printed for it: what a
/// compact blob leaves out (columns, mention texts, ids) comes back exactly, coordinates to the
/// last digit included.
#[test]
fn stored_events_read_back_as_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    run_ok(&["ingest", "--db", s(&db), s(&demo_jsonl())]);
    let o = run_ok(&["events", "--db", s(&db), "--format", "jsonl"]);
    let mut stored: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let o = run_ok(&["extract", s(&demo_jsonl())]);
    let mut extracted: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("{\"record\":\"event\""))
        .map(str::to_owned)
        .collect();
    stored.sort();
    extracted.sort();
    assert!(extracted.len() > 100, "{} events", extracted.len());
    assert_eq!(stored.len(), extracted.len());
    for (a, b) in stored.iter().zip(&extracted) {
        assert_eq!(a, b);
    }
}
