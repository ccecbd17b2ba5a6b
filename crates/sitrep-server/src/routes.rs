//! The HTTP routes of `/api/*`: parse and check the request, run the backend call on the
//! blocking pool, shape the answer (JSON or GeoJSON). No SQL here.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::backend::{ArticleIn, Backend, BackendError, EventRecord};
use crate::error::ApiError;
use crate::params::{Params, FILTER_NAMES};

/// What every handler shares.
pub struct AppState {
    pub backend: Arc<dyn Backend>,
    /// Writes need `Authorization: Bearer <token>`; None: writes are refused.
    pub token: Option<String>,
    /// Largest accepted request body, bytes.
    pub body_limit: usize,
    /// One writer at a time; reads never wait for it.
    /// Held inside the blocking task, so a dropped request cannot let a second writer in.
    pub write_lock: std::sync::Mutex<()>,
    /// Answers of `/api/events` by query string, valid while the backend's data version holds.
    pub cache: std::sync::Mutex<ResponseCache>,
}

/// Encoded answers of read routes, dropped whole when the data version changes or it is full.
#[derive(Default)]
pub struct ResponseCache {
    version: Option<u64>,
    bytes: usize,
    entries: std::collections::HashMap<String, (&'static str, axum::body::Bytes)>,
}

/// Most bytes the cache holds.
const CACHE_MAX_BYTES: usize = 64 * 1024 * 1024;

impl ResponseCache {
    fn get(
        &mut self,
        version: Option<u64>,
        key: &str,
    ) -> Option<(&'static str, axum::body::Bytes)> {
        if version.is_none() || self.version != version {
            self.entries.clear();
            self.bytes = 0;
            self.version = version;
            return None;
        }
        self.entries.get(key).cloned()
    }

    fn put(
        &mut self,
        version: Option<u64>,
        key: String,
        ct: &'static str,
        body: axum::body::Bytes,
    ) {
        if version.is_none() || self.version != version || body.len() > CACHE_MAX_BYTES / 8 {
            return;
        }
        if self.bytes + body.len() > CACHE_MAX_BYTES {
            self.entries.clear();
            self.bytes = 0;
        }
        self.bytes += body.len();
        self.entries.insert(key, (ct, body));
    }
}

fn cached_response(ct: &'static str, body: axum::body::Bytes) -> Response {
    ([(header::CONTENT_TYPE, ct)], body).into_response()
}

pub type Shared = Arc<AppState>;

/// Runs a blocking backend call on tokio's blocking pool.
async fn blocking<T, F>(state: &Shared, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&dyn Backend) -> Result<T, BackendError> + Send + 'static,
{
    let backend = Arc::clone(&state.backend);
    tokio::task::spawn_blocking(move || f(backend.as_ref()))
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
        .map_err(ApiError::from)
}

fn with_names<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut v: Vec<&str> = FILTER_NAMES.to_vec();
    v.extend_from_slice(extra);
    v
}

pub async fn events(State(st): State<Shared>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let key = q.clone().unwrap_or_default();
    // The version is read before the query: a commit in between only makes the entry stale
    // at once, never serves old data under a new version. It is two `stat` calls on local
    // files (microseconds), so it runs here rather than through the blocking pool: a cached
    // answer never waits behind uncached queries for a blocking thread.
    let version = st.backend.data_version();
    if let Some((ct, body)) = st
        .cache
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(version, &key)
    {
        return Ok(cached_response(ct, body));
    }
    let (ct, body) = events_uncached(&st, q).await?;
    st.cache
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .put(version, key, ct, body.clone());
    Ok(cached_response(ct, body))
}

async fn events_uncached(
    st: &Shared,
    q: Option<String>,
) -> Result<(&'static str, axum::body::Bytes), ApiError> {
    let p = Params::parse(q.as_deref(), &with_names(&["limit", "cursor", "format"]))?;
    let geojson = match p.get("format") {
        None | Some("json") => false,
        Some("geojson") => true,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "format {other:?} is not one of json, geojson"
            )))
        }
    };
    let filter = p.filter()?;
    let page = p.page()?;
    blocking(st, move |b| {
        let res = b.events(&filter, &page)?;
        let enc = |e: serde_json::Error| BackendError::Database(format!("cannot encode: {e}"));
        let bytes = if geojson {
            let features: Vec<Feature> = res.events.iter().map(Feature::of).collect();
            let body = FeatureCollection {
                kind: "FeatureCollection",
                features,
                next_cursor: res.next_cursor,
            };
            serde_json::to_vec(&body)
        } else {
            let body = EventsBody {
                count: res.events.len(),
                events: &res.events,
                next_cursor: res.next_cursor,
            };
            serde_json::to_vec(&body)
        };
        let ct = if geojson {
            "application/geo+json"
        } else {
            "application/json"
        };
        Ok((ct, bytes.map_err(enc)?.into()))
    })
    .await
}

/// The `/api/events` answer, serialised straight from the records (no intermediate JSON tree).
#[derive(serde::Serialize)]
struct EventsBody<'a> {
    count: usize,
    events: &'a [EventRecord],
    next_cursor: Option<String>,
}

#[derive(serde::Serialize)]
struct FeatureCollection<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    features: Vec<Feature<'a>>,
    next_cursor: Option<String>,
}

#[derive(serde::Serialize)]
struct Point {
    #[serde(rename = "type")]
    kind: &'static str,
    coordinates: [f64; 2],
}

#[derive(serde::Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: i64,
    geometry: Option<Point>,
    properties: &'a EventRecord,
}

impl<'a> Feature<'a> {
    fn of(e: &'a EventRecord) -> Feature<'a> {
        let geometry = e.event.place.as_ref().map(|p| Point {
            kind: "Point",
            coordinates: [p.lon, p.lat],
        });
        Feature {
            kind: "Feature",
            id: e.id,
            geometry,
            properties: e,
        }
    }
}

/// One event as a GeoJSON Feature: a Point at its place (null geometry when it has none), the
/// whole event record as properties.
pub fn feature(e: &EventRecord) -> Value {
    let geometry = match &e.event.place {
        Some(p) => json!({"type": "Point", "coordinates": [p.lon, p.lat]}),
        None => Value::Null,
    };
    json!({"type": "Feature", "id": e.id, "geometry": geometry, "properties": e})
}

pub async fn event(
    State(st): State<Shared>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let n = db_id("event", &id)?;
    let ev = blocking(&st, move |b| b.event(n)).await?;
    let ev = ev.ok_or_else(|| ApiError::not_found(format!("no event with id {n}")))?;
    let links = json!({
        "article": format!("/api/articles/{}", ev.article_id),
        "article_view": format!("/articles/{}?event={}", ev.article_id, ev.id),
    });
    let mut v = serde_json::to_value(&ev).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Some(o) = v.as_object_mut() {
        o.insert("links".into(), links);
    }
    Ok(Json(v))
}

/// A database id from the path, or a 400 that says so.
fn db_id(what: &str, s: &str) -> Result<i64, ApiError> {
    s.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
        ApiError::bad_request(format!("{what} id {s:?} is not a positive whole number"))
    })
}

pub async fn incidents(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), &with_names(&["limit", "cursor"]))?;
    let filter = p.filter()?;
    let page = p.page()?;
    let res = blocking(&st, move |b| b.incidents(&filter, &page)).await?;
    Ok(Json(json!({
        "count": res.incidents.len(),
        "incidents": res.incidents,
        "next_cursor": res.next_cursor,
    })))
}

pub async fn control(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), &["at", "bbox"])?;
    let at = p
        .date("at")?
        .ok_or_else(|| ApiError::bad_request("at (YYYY-MM-DD) is required"))?;
    let bbox = p.bbox()?;
    let places = blocking(&st, move |b| b.control_at(at, bbox)).await?;
    Ok(Json(
        json!({"at": at.to_string(), "count": places.len(), "places": places}),
    ))
}

pub async fn timeline(
    State(st): State<Shared>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let gid: u32 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("geonameid {id:?} is not a whole number")))?;
    let tl = blocking(&st, move |b| b.timeline(gid)).await?;
    let tl =
        tl.ok_or_else(|| ApiError::not_found(format!("no control timeline for geonameid {gid}")))?;
    Ok(Json(json!({"geonameid": gid, "intervals": tl})))
}

pub async fn article(
    State(st): State<Shared>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let n = db_id("article", &id)?;
    let a = blocking(&st, move |b| b.article(n)).await?;
    a.map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no article with id {n}")))
}

pub async fn stats(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let s = blocking(&st, |b| b.stats()).await?;
    Ok(Json(
        serde_json::to_value(s).map_err(|e| ApiError::internal(e.to_string()))?,
    ))
}

pub async fn health(State(st): State<Shared>) -> Result<Json<Value>, ApiError> {
    let db = blocking(&st, |b| b.health())
        .await
        .map_err(|e| ApiError::unavailable(format!("database unavailable: {}", e.message)))?;
    Ok(Json(
        json!({"status": "ok", "version": env!("CARGO_PKG_VERSION"), "database": db}),
    ))
}

pub async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::openapi::DOCUMENT,
    )
        .into_response()
}

/// Constant-time comparison, so the token cannot be guessed byte by byte from timings.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn check_token(st: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = &st.token else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            code: "writes_disabled",
            message: "this server was started without --token (or SITREP_TOKEN): writes are \
                      disabled"
                .into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match given {
        None => Err(ApiError::unauthorized(
            "writes need the server's token: send 'Authorization: Bearer <token>'",
        )),
        Some(t) if same(t.as_bytes(), expected.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::unauthorized("the token is wrong")),
    }
}

/// Parses one article or a JSON Lines batch (also a JSON array); errors name the line.
pub fn parse_articles(body: &str, content_type: Option<&str>) -> Result<Vec<ArticleIn>, ApiError> {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return Err(ApiError::bad_request(
            "the request body is empty: send one article or JSON Lines",
        ));
    }
    let ct = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let lines_type = matches!(
        ct.as_str(),
        "application/x-ndjson"
            | "application/jsonl"
            | "application/x-jsonlines"
            | "application/jsonlines"
    );
    if !lines_type && trimmed.starts_with('[') {
        return serde_json::from_str::<Vec<ArticleIn>>(trimmed)
            .map_err(|e| ApiError::bad_request(format!("invalid article array: {e}")));
    }
    let mut out = Vec::new();
    let lines = trimmed
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .peekable();
    // A single pretty-printed object spans many lines: try the whole body first.
    if !lines_type {
        if let Ok(one) = serde_json::from_str::<ArticleIn>(trimmed) {
            return check_all(vec![one]);
        }
    }
    for (i, line) in lines {
        let a: ArticleIn = serde_json::from_str(line)
            .map_err(|e| ApiError::bad_request(format!("line {}: invalid article: {e}", i + 1)))?;
        out.push(a);
    }
    check_all(out)
}

fn check_all(arts: Vec<ArticleIn>) -> Result<Vec<ArticleIn>, ApiError> {
    for (i, a) in arts.iter().enumerate() {
        if a.id.trim().is_empty() {
            return Err(ApiError::bad_request(format!(
                "article {}: id is empty",
                i + 1
            )));
        }
        if a.text.trim().is_empty() {
            return Err(ApiError::bad_request(format!(
                "article {:?}: text is empty",
                a.id
            )));
        }
        if let Some(p) = &a.published {
            crate::params::parse_date("published", p)
                .map_err(|e| ApiError::bad_request(format!("article {:?}: {}", a.id, e.message)))?;
        }
    }
    Ok(arts)
}

pub async fn post_articles(
    State(st): State<Shared>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    check_token(&st, &headers)?;
    Params::parse(q.as_deref(), &[])?;
    if let Some(len) = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
    {
        if len > st.body_limit {
            return Err(ApiError::too_large(st.body_limit));
        }
    }
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(c) = &ct {
        let base = c
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !(base.is_empty() || base.contains("json") || base == "text/plain") {
            return Err(ApiError::unsupported_media(format!(
                "content type {c:?}: send application/json or application/x-ndjson"
            )));
        }
    }
    let bytes = axum::body::to_bytes(body, st.body_limit)
        .await
        .map_err(|_| ApiError::too_large(st.body_limit))?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8: {e}")))?;
    let articles = parse_articles(text, ct.as_deref())?;
    let st2 = Arc::clone(&st);
    let summary = tokio::task::spawn_blocking(move || {
        let _writer = st2.write_lock.lock().unwrap_or_else(|p| p.into_inner());
        st2.backend.ingest(articles)
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))??;
    let status = if summary.stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(serde_json::to_value(summary).map_err(|e| ApiError::internal(e.to_string()))?),
    ))
}

pub async fn not_found_api() -> ApiError {
    ApiError::not_found("no such API route; see /api/openapi.json")
}
