//! Serves the in-memory fixture (the sample article plus N synthetic events) for working on the
//! page and for load tests without a database:
//! `cargo run -p sitrep-server --example fixture_server -- 127.0.0.1:8099 1000 [token]`

use std::sync::Arc;

use sitrep_server::{fixture, memory::MemoryBackend, Config};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let addr = args.get(1).map(String::as_str).unwrap_or("127.0.0.1:8099");
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let token = args.get(3).cloned();
    let backend = Arc::new(MemoryBackend::new(fixture::with_synthetic(n)));
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("http://{}/", listener.local_addr()?);
    sitrep_server::serve(
        listener,
        backend,
        Config {
            token,
            ..Default::default()
        },
        sitrep_server::shutdown_signal(),
    )
    .await
}
