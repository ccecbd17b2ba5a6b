//! The API over the real SQLite store: POSTed articles go through the pipeline into the
//! database and come back through every read route; reads keep answering while a batch is being
//! ingested; a graceful stop loses no acknowledged write. Uses the bundled FA-KES sample
//! (`data/demo/fakes-sample.jsonl`, CC BY 4.0).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{check_openapi, request, Server};
use serde_json::Value;
use sitrep_server::store_backend::StoreBackend;
use sitrep_server::Config;

const TOKEN: &str = "store-test-token";

fn sample_lines() -> Vec<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/fakes-sample.jsonl");
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sitrep-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("test.db")
}

fn start(db: &Path) -> Server {
    let backend = StoreBackend::open(db).expect("open store");
    Server::start(
        Arc::new(backend),
        Config {
            token: Some(TOKEN.into()),
            ..Default::default()
        },
    )
}

fn post_lines(srv: &Server, lines: &[String]) -> common::Resp {
    let body = lines.join("\n");
    srv.post(
        "/api/articles",
        &[
            ("Authorization", &format!("Bearer {TOKEN}")),
            ("Content-Type", "application/x-ndjson"),
        ],
        body.as_bytes(),
    )
}

#[test]
fn ingest_then_every_read_route_over_the_store() {
    let db = temp_db("routes");
    let srv = start(&db);
    let lines = sample_lines();
    let r = post_lines(&srv, &lines[..12]);
    assert_eq!(r.status, 201, "{}", r.text());
    let sum = r.json();
    assert_eq!(sum["stored"], 12);
    assert!(
        sum["events"].as_u64().unwrap() > 0,
        "events extracted: {sum}"
    );
    // idempotent
    let r = post_lines(&srv, &lines[..2]);
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["duplicates"], 2);
    let stats = srv.get("/api/stats").json();
    assert_eq!(stats["articles"], 12);
    let page = srv.get("/api/events?limit=5000").json();
    let events = page["events"].as_array().unwrap().clone();
    assert_eq!(events.len() as u64, stats["events"].as_u64().unwrap());
    let e = &events[0];
    let one = srv.get(&format!("/api/events/{}", e["id"])).json();
    assert_eq!(one["event_id"], e["event_id"]);
    let art = srv.get(one["links"]["article"].as_str().unwrap()).json();
    assert_eq!(art["id"], e["doc_id"]);
    // every annotation span points into the text, and the evidence is the text there
    let text: Vec<char> = art["text"].as_str().unwrap().chars().collect();
    for kind in ["places", "actors", "times"] {
        for m in art[kind].as_array().unwrap() {
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(s < t && t <= text.len());
            assert_eq!(
                text[s..t].iter().collect::<String>(),
                m["text"].as_str().unwrap(),
                "{kind} span"
            );
        }
    }
    let ev = &one["evidence"];
    let (s, t) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        text[s..t].iter().collect::<String>(),
        ev["text"].as_str().unwrap()
    );
    // a timeline, if any place has one
    let ctl = srv.get("/api/control?at=2016-01-01").json();
    let gid = ctl["places"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|p| p["geonameid"].as_u64());
    let gid = gid.map(|g| g.to_string()).unwrap_or_else(|| "0".into());
    if gid != "0" {
        let n = check_openapi(
            &srv,
            &[("id", &e["id"].to_string()), ("geonameid", &gid)],
            &[("at", "2016-01-01")],
        );
        assert_eq!(n, 9);
    } else {
        eprintln!(
            "no control interval on 2016-01-01 in the sample: timeline route checked for 404 only"
        );
        assert_eq!(srv.get("/api/places/1/timeline").status, 404);
    }
    assert_eq!(srv.get("/api/health").json()["database"]["kind"], "sqlite");
    assert_eq!(srv.get("/api/events?from=notadate").status, 400);
    assert_eq!(srv.get("/api/events/987654").status, 404);
    // a bad batch (last line bad) stores nothing
    let mut bad: Vec<String> = lines[12..14].to_vec();
    bad.push("{\"id\": \"x\", \"text\": \"t\", \"unknown\": 1}".into());
    assert_eq!(post_lines(&srv, &bad).status, 400);
    assert_eq!(srv.get("/api/stats").json()["articles"], 12);
    // cached answers are dropped by a write: the events route sees the new articles at once
    assert_eq!(post_lines(&srv, &lines[12..16]).status, 201);
    let after = srv.get("/api/events?limit=5000").json();
    assert_eq!(after["count"], srv.get("/api/stats").json()["events"]);
    assert!(
        after["count"].as_u64().unwrap() > events.len() as u64,
        "new events visible"
    );
}

#[test]
fn reads_keep_answering_while_a_batch_is_ingested() {
    let db = temp_db("concurrent");
    let srv = start(&db);
    let lines = sample_lines();
    assert_eq!(post_lines(&srv, &lines[..4]).status, 201);
    let addr = srv.addr;
    let batch = lines[4..].to_vec();
    let writer = std::thread::spawn(move || {
        let t0 = Instant::now();
        let body = batch.join("\n");
        let auth = format!("Bearer {TOKEN}");
        let r = request(
            addr,
            "POST",
            "/api/articles",
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/x-ndjson"),
            ],
            body.as_bytes(),
        );
        (r.status, t0.elapsed(), Instant::now())
    });
    let mut reads = 0;
    let mut during = 0;
    let mut worst = Duration::ZERO;
    while !writer.is_finished() && reads < 10_000 {
        let t = Instant::now();
        let r = srv.get("/api/events?limit=50");
        worst = worst.max(t.elapsed());
        assert_eq!(r.status, 200);
        let _: Value = r.json();
        reads += 1;
        if !writer.is_finished() {
            during += 1;
        }
    }
    let (status, took, _) = writer.join().expect("writer");
    assert_eq!(status, 201);
    eprintln!(
        "ingest of {} articles took {took:?}; {during} reads answered meanwhile, slowest {worst:?}",
        lines.len() - 4
    );
    assert!(during >= 3, "reads answered during the ingest: {during}");
    assert!(
        worst < took.max(Duration::from_millis(500)),
        "a read waited for the whole write"
    );
    assert_eq!(
        srv.get("/api/stats").json()["articles"].as_u64().unwrap() as usize,
        lines.len()
    );
}

#[test]
fn graceful_stop_keeps_every_acknowledged_write() {
    let db = temp_db("shutdown");
    let lines = sample_lines();
    let mut srv = start(&db);
    let addr = srv.addr;
    let batch = lines[..20].to_vec();
    let writer = std::thread::spawn(move || {
        let auth = format!("Bearer {TOKEN}");
        request(
            addr,
            "POST",
            "/api/articles",
            &[
                ("Authorization", &auth),
                ("Content-Type", "application/x-ndjson"),
            ],
            batch.join("\n").as_bytes(),
        )
    });
    std::thread::sleep(Duration::from_millis(150));
    srv.stop(); // while the POST is in flight
    let r = writer.join().expect("writer");
    assert_eq!(
        r.status,
        201,
        "the in-flight write finished before the stop: {}",
        r.text()
    );
    let srv2 = start(&db);
    assert_eq!(
        srv2.get("/api/stats").json()["articles"],
        20,
        "acknowledged articles are stored"
    );
}
