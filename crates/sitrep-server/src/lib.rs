//! sitrep-server: the HTTP API (`/api/*`) and the embedded web map (`/`), on axum + tokio.
//! The data comes from a [`Backend`] (the SQLite store in production); this crate knows HTTP and
//! JSON, not SQL.
//!
//! ```no_run
//! # async fn f(backend: std::sync::Arc<dyn sitrep_server::Backend>) -> std::io::Result<()> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! let config = sitrep_server::Config { token: Some("secret".into()), ..Default::default() };
//! sitrep_server::serve(listener, backend, config, sitrep_server::shutdown_signal()).await
//! # }
//! ```

pub mod assets;
pub mod backend;
pub mod error;
pub mod fixture;
pub mod memory;
pub mod openapi;
pub mod params;
pub mod routes;
pub mod store_backend;

use std::future::Future;
use std::sync::Arc;

use axum::routing::get;
use axum::Router;

pub use backend::{
    ArticleIn, BBox, Backend, BackendError, DayCount, EventFilter, EventPage, EventRecord,
    IncidentPage, IngestResult, IngestSummary, PageRequest, Stats, TypeCount,
};
pub use error::ApiError;

/// Default request-body limit of `POST /api/articles`: 16 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Server settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Token that writes need; None disables writes.
    pub token: Option<String>,
    pub body_limit: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            token: None,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// The whole application: API routes, the page and its assets.
pub fn router(backend: Arc<dyn Backend>, config: Config) -> Router {
    let state = Arc::new(routes::AppState {
        backend,
        token: config.token.filter(|t| !t.is_empty()),
        body_limit: config.body_limit,
        write_lock: std::sync::Mutex::new(()),
        cache: Default::default(),
    });
    let api = Router::new()
        .route("/events", get(routes::events))
        .route("/events/{id}", get(routes::event))
        .route("/incidents", get(routes::incidents))
        .route("/control", get(routes::control))
        .route("/places/{geonameid}/timeline", get(routes::timeline))
        .route("/articles", axum::routing::post(routes::post_articles))
        .route("/articles/{id}", get(routes::article))
        .route("/stats", get(routes::stats))
        .route("/health", get(routes::health))
        .route("/openapi.json", get(routes::openapi))
        .fallback(routes::not_found_api)
        .with_state(state);
    Router::new()
        .nest("/api", api)
        .route("/", get(assets::index))
        .route("/articles/{id}", get(assets::index))
        .route("/assets/{file}", get(assets::file))
        .fallback(assets::not_found)
}

/// Serves until `shutdown` resolves, then stops accepting, finishes the requests in flight
/// (an acknowledged write is committed before its answer is sent) and returns.
pub async fn serve(
    listener: tokio::net::TcpListener,
    backend: Arc<dyn Backend>,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(backend, config))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Why `serve_db` stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] sitrep_store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error("cannot load the analysis pipeline: {0}")]
    Pipeline(String),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
}

/// `sitrep serve`: opens the database (creating it if absent), listens on `addr`, calls
/// `on_ready` with the bound address, and serves until SIGTERM or Ctrl-C. Blocks; builds its own
/// tokio runtime. With a token the pipeline is loaded up front so a first POST is not slow.
pub fn serve_db(
    db: &std::path::Path,
    addr: &str,
    config: Config,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), ServeError> {
    let backend = store_backend::StoreBackend::open(db)?;
    if config.token.is_some() {
        backend.preload_pipeline().map_err(ServeError::Pipeline)?;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: addr.to_string(),
                source,
            })?;
        on_ready(listener.local_addr()?);
        serve(listener, Arc::new(backend), config, shutdown_signal()).await?;
        Ok(())
    })
}
