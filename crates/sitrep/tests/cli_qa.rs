//! Defects found by trying every subcommand with bad input (docs/qa.md): each test holds one
//! fixed behaviour — usage mistakes exit 2 before any work, run-time failures exit 3 with one
//! clear message, a closed stdout ends the run quietly, and nothing is silently dropped.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sitrep"))
}

fn run(args: &[&str]) -> Output {
    Command::new(bin())
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("spawn sitrep")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-qa-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmpdir");
    d
}

fn path(p: &Path) -> String {
    p.display().to_string()
}

/// The bundled demo articles: enough output to fill a pipe.
fn demo_articles() -> String {
    path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/fakes-sample.jsonl"))
}

/// Exit 2 with a message on stderr that contains `what`, and nothing on stdout.
fn assert_usage(args: &[&str], what: &str) {
    let o = run(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(what), "{args:?}: no {what:?} in {err}");
    assert!(!err.contains("panicked"), "{args:?}: {err}");
    assert!(o.stdout.is_empty(), "{args:?} printed to stdout");
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let input = demo_articles();
    for args in [
        vec!["extract", input.as_str()],
        vec!["annotate", input.as_str()],
        vec!["extract", "--format", "tsv", input.as_str()],
        vec!["extract", "--format", "spark-rows", input.as_str()],
        vec!["extract", "--format", "csv", input.as_str()],
    ] {
        let mut child = Command::new(bin())
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // Read one line's worth, then close the pipe like `| head -1`.
        let mut buf = [0u8; 100];
        let mut so = child.stdout.take().expect("stdout");
        let _ = so.read(&mut buf);
        drop(so);
        let mut err = String::new();
        let _ = child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err);
        let status = child.wait().expect("wait");
        assert_eq!(status.code(), Some(0), "{args:?}: {err}");
        assert!(
            !err.contains("Broken pipe") && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn absurd_flag_values_are_usage_errors() {
    // Before the fix --threads 100000 tried to start 100000 threads and was killed for memory.
    assert_usage(&["extract", "--threads", "100000", "x.txt"], "--threads");
    // Before the fix: a panic converting NaN seconds to a Duration.
    for s in ["nan", "inf", "1e300", "0"] {
        assert_usage(&["bench", "--seconds", s], "--seconds");
    }
    assert_usage(&["eval", "bogus"], "bogus");
    assert_usage(
        &["serve", "--db", "x.db", "--addr", "127.0.0.1:99999"],
        "--addr",
    );
    assert_usage(&["serve", "--db", "x.db", "--addr", "nonsense"], "--addr");
}

#[test]
fn query_flags_are_checked_before_the_database_is_opened() {
    let db = "/nonexistent/never.db";
    assert_usage(
        &[
            "events",
            "--db",
            db,
            "--from",
            "2016-03-31",
            "--to",
            "2016-03-01",
        ],
        "--from",
    );
    for bbox in ["-200,-100,200,100", "0,-91,10,10", "0,0,10,95"] {
        assert_usage(&["events", "--db", db, "--bbox", bbox], "--bbox");
        assert_usage(
            &["control", "--db", db, "--at", "2016-03-07", "--bbox", bbox],
            "--bbox",
        );
    }
    assert_usage(&["events", "--db", db, "--country", "Narnia"], "Narnia");
    assert_usage(&["events", "--db", db, "--country", "QQ"], "QQ");
    assert_usage(&["events", "--db", db, "--type", "nonsense"], "nonsense");
    // --bbox only filters the list of every place on a day; with --place it was silently ignored.
    assert_usage(
        &[
            "control",
            "--db",
            db,
            "--place",
            "Rutba",
            "--bbox",
            "40,30,45,35",
        ],
        "--bbox",
    );
}

#[test]
fn known_countries_and_types_still_filter() {
    for c in ["IQ", "iq", "Iraq", "syria"] {
        let o = run(&["events", "--db", "/nonexistent/never.db", "--country", c]);
        // Past argument checking: the database is what fails (exit 3).
        assert_eq!(o.status.code(), Some(3), "{c}: {}", stderr(&o));
    }
    for t in ["battles", "Armed clash", "AIR/DRONE STRIKE"] {
        let o = run(&["events", "--db", "/nonexistent/never.db", "--type", t]);
        // Past argument checking: the database is what fails (exit 3).
        assert_eq!(o.status.code(), Some(3), "{t}: {}", stderr(&o));
    }
}

#[test]
fn demo_with_a_bad_address_fails_before_building_the_database() {
    let d = tmpdir("demo-addr");
    let db = d.join("demo.db");
    assert_usage(
        &["demo", "--db", &path(&db), "--addr", "127.0.0.1:99999"],
        "--addr",
    );
    assert!(!db.exists(), "the database was built anyway");
}

#[test]
fn runtime_errors_are_said_once() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    let d = tmpdir("inuse");
    let o = run(&["serve", "--db", &path(&d.join("s.db")), "--addr", &addr]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert_eq!(err.matches("in use").count(), 1, "{err}");
}

#[test]
fn a_directory_as_database_is_named_as_such() {
    let d = tmpdir("dirdb");
    for cmd in ["events", "control"] {
        let mut args = vec![cmd, "--db"];
        let p = path(&d);
        args.push(&p);
        if cmd == "control" {
            args.extend(["--at", "2016-03-07"]);
        }
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{err}");
        assert!(err.contains("directory"), "{cmd}: {err}");
    }
}

#[test]
fn empty_directories_and_symlink_loops_are_not_silently_skipped() {
    let d = tmpdir("emptydir");
    let empty = d.join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let o = run(&["annotate", &path(&empty)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&path(&empty)) && err.contains("no files"),
        "{err}"
    );

    let withloop = d.join("loop");
    std::fs::create_dir_all(&withloop).expect("mkdir");
    std::fs::write(withloop.join("a.txt"), "Troops entered Homs on Monday.").expect("write");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", withloop.join("again")).expect("symlink");
        let o = run(&["annotate", &path(&withloop)]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
        assert!(err.contains("again"), "{err}");
    }
}

#[test]
fn utf16_without_a_bom_is_decoded_and_binaries_are_still_refused() {
    let d = tmpdir("utf16");
    let text = "Troops entered Mosul on Monday, the army said.";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let (a, b) = (d.join("le.txt"), d.join("be.txt"));
    std::fs::write(&a, le).expect("write");
    std::fs::write(&b, be).expect("write");
    let o = run(&["annotate", &path(&a), &path(&b)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(v["text"], text);
    }
    let o = run(&["annotate", "--max-bytes", "200000000", &path(&bin())]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("binary"), "{}", stderr(&o));
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    // A long run (the demo articles, twice) with stderr captured: a clean run says nothing there.
    let input = demo_articles();
    let o = run(&["extract", "--threads", "1", &input, &input]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn the_largest_size_limit_still_reads_everything() {
    // `--max-bytes` + 1 overflowed: JSON Lines came out empty (exit 0) and stdin read as empty.
    let d = tmpdir("maxbytes");
    let p = d.join("a.jsonl");
    std::fs::write(
        &p,
        "{\"id\":\"a\",\"text\":\"Troops entered Homs on Monday.\"}\n",
    )
    .expect("write");
    let max = u64::MAX.to_string();
    let o = run(&["annotate", "--max-bytes", &max, &path(&p)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
}

#[test]
fn bench_refuses_an_unwritable_output_before_measuring() {
    let started = std::time::Instant::now();
    let o = run(&[
        "bench",
        "--write",
        "/nonexistent/dir/bench.md",
        "--seconds",
        "5",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(err.contains("/nonexistent/dir/bench.md"), "{err}");
    assert!(started.elapsed().as_secs() < 5, "measured before failing");
    let d = tmpdir("benchdir");
    let o = run(&["bench", "--write", &path(&d), "--seconds", "5"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
}

#[cfg(target_os = "linux")]
#[test]
fn endless_inputs_are_read_in_bounded_memory() {
    // /dev/zero has length 0 and never ends: it was read whole (out of memory).
    let o = run(&["annotate", "--max-bytes", "100000", "/dev/zero"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("/dev/zero") && err.contains("limit"), "{err}");
    // As JSON Lines its one endless line was skipped by reading it into memory (abort). Now it is
    // skipped as it streams by: the run goes on like `cat /dev/zero`, in bounded memory.
    let mut child = Command::new(bin())
        .args([
            "annotate",
            "--max-bytes",
            "100000",
            "--input-format",
            "jsonl",
            "/dev/zero",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    std::thread::sleep(std::time::Duration::from_secs(2));
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    let rss_kb: u64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    assert!(rss_kb < 500_000, "{rss_kb} kB resident after 2 s");
}
