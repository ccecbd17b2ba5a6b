pub fn bench_store() {}
