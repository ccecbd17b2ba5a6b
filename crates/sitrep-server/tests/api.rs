//! The HTTP API against a real server on a loopback port, over the in-memory fixture backend:
//! every route, every error, paging, GeoJSON, the token, the body limit, the OpenAPI document.

mod common;

use std::sync::Arc;

use common::{check_openapi, Server};
use serde_json::{json, Value};
use sitrep_server::memory::MemoryBackend;
use sitrep_server::{fixture, Config};

const TOKEN: &str = "s3cret-token";

fn server(n_synthetic: usize) -> Server {
    let backend = Arc::new(MemoryBackend::new(fixture::with_synthetic(n_synthetic)));
    Server::start(
        backend,
        Config {
            token: Some(TOKEN.into()),
            body_limit: 64 * 1024,
        },
    )
}

fn auth() -> [(&'static str, &'static str); 2] {
    [
        ("Authorization", "Bearer s3cret-token"),
        ("Content-Type", "application/json"),
    ]
}

#[test]
fn every_route_in_the_openapi_document_answers_and_fits_its_schema() {
    let srv = server(50);
    let n = check_openapi(
        &srv,
        &[("id", "1"), ("geonameid", "99001")],
        &[("at", "2016-03-06")],
    );
    assert_eq!(n, 9, "GET routes checked");
    // GeoJSON answer fits its schema too.
    let doc = srv.get("/api/openapi.json").json();
    let r = srv.get("/api/events?format=geojson&limit=5");
    assert_eq!(r.header("content-type"), Some("application/geo+json"));
    let schema = &doc["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
        ["application/geo+json"]["schema"];
    common::validate(&doc, schema, &r.json(), "geojson").unwrap();
    // POST answers fit as well.
    let r = srv.post(
        "/api/articles",
        &auth(),
        fixture::article_in("new-1", "Some text.")
            .to_string()
            .as_bytes(),
    );
    assert_eq!(r.status, 201);
    let schema = &doc["paths"]["/api/articles"]["post"]["responses"]["201"]["content"]
        ["application/json"]["schema"];
    common::validate(&doc, schema, &r.json(), "post").unwrap();
    let r = srv.post("/api/articles", &[], b"{}");
    let schema = &doc["paths"]["/api/articles"]["post"]["responses"]["401"]["content"]
        ["application/json"]["schema"];
    common::validate(&doc, schema, &r.json(), "post-401").unwrap();
}

#[test]
fn events_filters_and_cursor_paging() {
    let srv = server(300);
    let all = srv.get("/api/events?limit=5000").json();
    assert_eq!(all["count"], 302);
    assert!(all["next_cursor"].is_null());
    // paging covers everything once, in order
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let url = match &cursor {
            Some(c) => format!("/api/events?limit=37&cursor={}", urlencode(c)),
            None => "/api/events?limit=37".to_string(),
        };
        let p = srv.get(&url).json();
        for e in p["events"].as_array().unwrap() {
            seen.push(e["id"].as_i64().unwrap());
        }
        match p["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen.len(), 302);
    assert_eq!(sorted.len(), 302);
    // filters
    let ev = |q: &str| {
        srv.get(&format!("/api/events?limit=5000&{q}")).json()["events"]
            .as_array()
            .unwrap()
            .clone()
    };
    let march = ev("from=2016-03-01&to=2016-03-31");
    assert!(!march.is_empty());
    assert!(march
        .iter()
        .all(|e| e["date"]["range"][0].as_str().unwrap() <= "2016-03-31"
            && e["date"]["range"][1].as_str().unwrap() >= "2016-03-01"));
    let battles = ev("type=Battles");
    assert!(!battles.is_empty() && battles.iter().all(|e| e["acled_event_type"] == "Battles"));
    let boxed = ev("bbox=40,33,41,34");
    assert!(boxed.iter().any(|e| e["place"]["name"] == "Rutba"));
    assert!(boxed.iter().all(|e| {
        let lon = e["place"]["lon"].as_f64().unwrap();
        (40.0..=41.0).contains(&lon)
    }));
    assert!(ev("country=iq")
        .iter()
        .all(|e| e["place"]["country"] == "IQ"));
    let confident = ev("min_certainty=reported");
    assert!(confident
        .iter()
        .all(|e| ["reported", "confirmed"].contains(&e["certainty"].as_str().unwrap())));
    let q = ev("q=town+of+rutba");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["event_id"], "sample-1-e1");
    assert!(ev("actor=islamic")
        .iter()
        .all(|e| e.to_string().contains("Islamic State")));
    let admin = ev("admin1=anbar");
    assert_eq!(admin.len(), 2);
    // GeoJSON
    let g = srv.get("/api/events?format=geojson&q=rutba").json();
    assert_eq!(g["type"], "FeatureCollection");
    assert_eq!(
        g["features"][0]["geometry"]["coordinates"],
        json!([40.28, 33.03])
    );
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn one_event_article_incidents_control_timeline_stats_health() {
    let srv = server(0);
    let e = srv.get("/api/events/1").json();
    assert_eq!(e["event_id"], "sample-1-e1");
    assert_eq!(e["links"]["article"], "/api/articles/1");
    assert_eq!(e["sources"][0]["role"], "mayor");
    let a = srv.get("/api/articles/1").json();
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    for kind in ["places", "actors", "people", "times", "quotes"] {
        for m in a[kind].as_array().unwrap() {
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            assert!(s < t && t <= text.len(), "{kind} span in range");
        }
    }
    assert_eq!(a["events"].as_array().unwrap().len(), 2);
    assert_eq!(srv.get("/api/incidents").json()["count"], 2);
    let p1 = srv.get("/api/incidents?limit=1").json();
    assert_eq!(p1["count"], 1);
    let c = p1["next_cursor"].as_str().unwrap().to_string();
    assert_eq!(
        srv.get(&format!("/api/incidents?limit=1&cursor={}", urlencode(&c)))
            .json()["incidents"][0]["id"],
        2
    );
    let before = srv.get("/api/control?at=2016-03-05").json();
    let rutba = before["places"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["place"] == "Rutba")
        .unwrap()
        .clone();
    assert_eq!(rutba["holder"], "Islamic State");
    let after = srv
        .get("/api/control?at=2016-03-06&bbox=40,33,41,34")
        .json();
    assert_eq!(after["count"], 1);
    assert_eq!(after["places"][0]["holder"], "Military Forces of Iraq");
    assert_eq!(
        srv.get("/api/places/99001/timeline").json()["intervals"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let s = srv.get("/api/stats").json();
    assert_eq!(s["events"], 2);
    assert_eq!(
        s["per_day"][0],
        json!({"day": "2016-03-06", "event_type": "Strategic developments", "count": 1})
    );
    assert_eq!(srv.get("/api/health").json()["status"], "ok");
}

#[test]
fn errors_are_json_and_say_what_is_wrong() {
    let srv = server(0);
    let bad = |url: &str, status: u16, needle: &str| {
        let r = srv.get(url);
        assert_eq!(r.status, status, "{url}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{url}");
        let m = r.message();
        assert!(m.contains(needle), "{url}: message {m:?} lacks {needle:?}");
        assert_eq!(r.json()["error"]["status"], status);
    };
    bad("/api/events?from=notadate", 400, "notadate");
    bad("/api/events?to=2016-02-30", 400, "2016-02-30");
    bad("/api/events?from=2016-03-02&to=2016-03-01", 400, "after");
    bad("/api/events?bbox=1,2,3", 400, "bbox");
    bad("/api/events?bbox=a,b,c,d", 400, "not a number");
    bad("/api/events?bbox=0,50,10,40", 400, "south");
    bad("/api/events?bbox=0,-95,10,40", 400, "latitudes");
    bad("/api/events?colour=red", 400, "colour");
    bad("/api/events?type=Battles&type=Riots", 400, "twice");
    bad("/api/events?limit=0", 400, "limit");
    bad("/api/events?limit=lots", 400, "limit");
    bad("/api/events?min_certainty=sure", 400, "sure");
    bad("/api/events?country=Iraq", 400, "Iraq");
    bad("/api/events?format=xml", 400, "xml");
    bad("/api/events?cursor=garbage", 400, "cursor");
    bad("/api/control", 400, "at");
    bad("/api/control?at=notadate", 400, "notadate");
    bad("/api/control?at=2016-03-06&bbox=x", 400, "bbox");
    bad("/api/stats?from=2016-01-01", 400, "from");
    bad("/api/events/999999", 404, "999999");
    bad("/api/events/abc", 400, "abc");
    bad("/api/articles/424242", 404, "424242");
    bad("/api/articles/-3", 400, "-3");
    bad("/api/places/123/timeline", 404, "123");
    bad("/api/places/rutba/timeline", 400, "rutba");
    bad("/api/nothing-here", 404, "openapi");
    assert_eq!(srv.get("/no/such/page").status, 404);
}

#[test]
fn writes_need_the_token_have_a_size_limit_and_store_nothing_partial() {
    let srv = server(0);
    let count = || srv.get("/api/stats").json()["articles"].as_u64().unwrap();
    let one =
        fixture::article_in("p-1", "Gunmen attacked a checkpoint in Ramadi on Monday.").to_string();
    let r = srv.post(
        "/api/articles",
        &[("Content-Type", "application/json")],
        one.as_bytes(),
    );
    assert_eq!(r.status, 401);
    assert!(r.message().contains("token"));
    let r = srv.post(
        "/api/articles",
        &[("Authorization", "Bearer wrong")],
        one.as_bytes(),
    );
    assert_eq!(r.status, 401);
    assert_eq!(count(), 1);
    // malformed JSON, unknown field, bad date, empty body, not JSON
    for (body, needle) in [
        ("{\"id\": \"x\", \"text\": ", "line 1"),
        (
            "{\"id\": \"x\", \"text\": \"t\", \"colour\": \"red\"}",
            "colour",
        ),
        (
            "{\"id\": \"x\", \"text\": \"t\", \"published\": \"notadate\"}",
            "notadate",
        ),
        ("", "empty"),
        ("{\"id\": \"x\"}", "text"),
    ] {
        let r = srv.post("/api/articles", &auth(), body.as_bytes());
        assert_eq!(r.status, 400, "{body}: {}", r.text());
        assert!(r.message().contains(needle), "{body}: {}", r.message());
    }
    let r = srv.post(
        "/api/articles",
        &[
            ("Authorization", "Bearer s3cret-token"),
            ("Content-Type", "text/csv"),
        ],
        b"a,b",
    );
    assert_eq!(r.status, 415);
    // a batch with one bad line stores nothing
    let batch = format!(
        "{}\n{}\n{{\"id\": \"p-3\", \"txt\": \"typo\"}}\n",
        fixture::article_in("p-1", "First."),
        fixture::article_in("p-2", "Second.")
    );
    let r = srv.post(
        "/api/articles",
        &[
            ("Authorization", "Bearer s3cret-token"),
            ("Content-Type", "application/x-ndjson"),
        ],
        batch.as_bytes(),
    );
    assert_eq!(r.status, 400);
    assert!(r.message().contains("line 3"), "{}", r.message());
    assert_eq!(count(), 1, "nothing of a bad batch is stored");
    // over the limit
    let big = fixture::article_in("big", &"word ".repeat(20_000)).to_string();
    let r = srv.post("/api/articles", &auth(), big.as_bytes());
    assert_eq!(r.status, 413);
    assert!(r.message().contains("limit"));
    assert_eq!(count(), 1);
    // good ones
    let r = srv.post("/api/articles", &auth(), one.as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["stored"], 1);
    let r = srv.post("/api/articles", &auth(), one.as_bytes());
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["duplicates"], 1);
    let batch = format!(
        "{}\n\n{}\n",
        fixture::article_in("p-4", "Fourth."),
        fixture::article_in("p-5", "Fifth.")
    );
    let r = srv.post(
        "/api/articles",
        &[
            ("Authorization", "Bearer s3cret-token"),
            ("Content-Type", "application/x-ndjson"),
        ],
        batch.as_bytes(),
    );
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["stored"], 2);
    assert_eq!(count(), 4);
}

#[test]
fn without_a_token_writes_are_disabled() {
    let backend = Arc::new(MemoryBackend::new(fixture::sample()));
    let srv = Server::start(backend, Config::default());
    let r = srv.post(
        "/api/articles",
        &[("Authorization", "Bearer anything")],
        b"{}",
    );
    assert_eq!(r.status, 403);
    assert!(r.message().contains("--token"));
}

#[test]
fn the_page_and_its_assets_are_embedded() {
    let srv = server(0);
    let r = srv.get("/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    let html = r.text();
    assert!(html.contains("/assets/app.js") && html.contains("id=\"slider\""));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no remote asset in the page"
    );
    for (path, ct) in [
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/assets/world.json", "application/json"),
    ] {
        let r = srv.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").unwrap().starts_with(ct));
        assert!(r.body.len() > 1000, "{path} is built, not a placeholder");
    }
    let world: Value = srv.get("/assets/world.json").json();
    assert!(
        world["features"].as_array().unwrap().len() > 200,
        "country outlines"
    );
    assert_eq!(
        srv.get("/articles/1").status,
        200,
        "article view is the page"
    );
    assert_eq!(srv.get("/assets/nope.js").status, 404);
}
