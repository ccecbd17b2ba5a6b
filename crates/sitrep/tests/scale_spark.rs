//! CI smoke test of the Spark path (issue 11, docs/scale.md): `scale/spark/sitrep_spark.py` in
//! `local[2]` over ~2,000 FA-KES articles (repeated with new ids), 8 copies with tabs, line breaks,
//! backslashes and NUL in their text (what the job's wires must carry unchanged) and one
//! malformed article must write the same events and control claims, record for record, as plain
//! `sitrep extract`, and turn the malformed article into an error record instead of failing the
//! job. With a JDK at hand, the job must have used its Java row readers (compiled on the fly):
//! the binary rows by default, then the TSV lines with every partition spilling.
//!
//! Runs only when asked (`SITREP_SPARK_TEST=1`) or when a Python with pyspark is at hand:
//! `$SITREP_SPARK_PYTHON`, else `target/spark-venv/bin/python` in the workspace. Skips with a
//! message when neither holds, or when the FA-KES articles (../shared) are absent.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

const ARTICLES: usize = 2000;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fakes_csv() -> Option<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(s) = std::env::var_os("SITREP_SHARED") {
        roots.push(PathBuf::from(s));
    }
    roots.push(workspace().join("../shared"));
    roots.push(PathBuf::from("/work/shared"));
    roots
        .into_iter()
        .map(|r| r.join("eval/events/fakes-dev.csv"))
        .find(|p| p.is_file())
}

fn spark_python() -> PathBuf {
    match std::env::var_os("SITREP_SPARK_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => workspace().join("target/spark-venv/bin/python"),
    }
}

fn has_pyspark(python: &Path) -> bool {
    python.is_file()
        && Command::new(python)
            .args(["-c", "import pyspark"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
}

fn run(cmd: &mut Command, what: &str) -> std::process::Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    if !out.status.success() {
        panic!(
            "{what} failed ({}):\n--- stdout\n{}\n--- stderr (tail)\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            tail(&String::from_utf8_lossy(&out.stderr), 60)
        );
    }
    out
}

fn tail(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

#[test]
fn spark_local_matches_plain_extract() {
    let forced = std::env::var("SITREP_SPARK_TEST")
        .map(|v| v == "1")
        .unwrap_or(false);
    let python = spark_python();
    if !has_pyspark(&python) {
        assert!(
            !forced,
            "SITREP_SPARK_TEST=1 but {} has no pyspark (see docs/scale.md for the venv)",
            python.display()
        );
        eprintln!(
            "skipping the Spark smoke test: no pyspark at {} (set SITREP_SPARK_TEST=1 and create the venv, see docs/scale.md)",
            python.display()
        );
        return;
    }
    let Some(csv) = fakes_csv() else {
        eprintln!("skipping the Spark smoke test: FA-KES articles (../shared/eval/events/fakes-dev.csv) absent");
        return;
    };
    let started = Instant::now();
    let ws = workspace();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_sitrep"));
    let dir = std::env::temp_dir().join(format!("sitrep-scale-spark-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let corpus = dir.join("corpus.jsonl");
    let plain = dir.join("plain.jsonl");
    let output = dir.join("out");

    run(
        Command::new(&python)
            .arg(ws.join("scale/tests/make_corpus.py"))
            .arg("--fakes")
            .arg(&csv)
            .args([
                "--n",
                &ARTICLES.to_string(),
                "--malformed",
                "--tricky",
                "8",
                "--out",
            ])
            .arg(&corpus),
        "make_corpus.py",
    );

    // Plain run: exit 1 (one input failed), its error record on stdout.
    let plain_out = Command::new(&bin)
        .args(["extract", "--input-format", "jsonl"])
        .arg(&corpus)
        .output()
        .expect("run sitrep extract");
    assert_eq!(
        plain_out.status.code(),
        Some(1),
        "plain extract: {}",
        tail(&String::from_utf8_lossy(&plain_out.stderr), 20)
    );
    std::fs::write(&plain, &plain_out.stdout).expect("write plain output");
    let events = plain_out
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"{\"record\":\"event\""))
        .count();
    assert!(
        events > ARTICLES,
        "plain extract found only {events} events in {ARTICLES} articles"
    );
    let plain_secs = started.elapsed().as_secs_f64();

    let spark_started = Instant::now();
    let spark_env = |c: &mut Command| {
        c.env("SPARK_LOCAL_IP", "127.0.0.1")
            .env("PYSPARK_PYTHON", &python)
            .env("PYSPARK_DRIVER_PYTHON", &python);
    };
    let has_javac = Command::new("javac")
        .arg("-version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    // The job over the corpus into `output` (with `extra` arguments), then the checker: every
    // record equal to plain extract's. Returns the job's stderr.
    let job_and_check = |output: &Path, extra: &[&str]| -> String {
        let mut job = Command::new(&python);
        job.arg(ws.join("scale/spark/sitrep_spark.py"))
            .arg("--binary")
            .arg(&bin)
            .arg("--input")
            .arg(&corpus)
            .arg("--output")
            .arg(output)
            .args(["--partitions", "2", "--master", "local[2]"])
            .args(extra);
        spark_env(&mut job);
        let job_out = run(&mut job, "sitrep_spark.py");
        let stderr = String::from_utf8_lossy(&job_out.stderr).into_owned();
        // The job's summary line (a first run prints a line about the JVM's class archive
        // after it).
        let summary = stderr
            .lines()
            .rev()
            .find(|l| l.starts_with("sitrep_spark: ") && l.contains(" events, "))
            .unwrap_or_default()
            .to_string();
        eprintln!("{summary}");
        // With a JDK at hand the job must have used its row reader (compiled with javac): the
        // binary rows by default, the TSV row reader with `--wire tsv`; not the CSV fallback.
        if has_javac {
            let reader = if extra.contains(&"tsv") {
                "java row reader"
            } else {
                "binary rows"
            };
            assert!(
                summary.contains(reader),
                "javac is present but the job did not use the {reader}: {summary}"
            );
        }
        let mut check = Command::new(&python);
        check
            .arg(ws.join("scale/tests/check_spark_output.py"))
            .arg("--output")
            .arg(output)
            .arg("--expected")
            .arg(&plain)
            .args(["--expect-error", "malformed-0001"]);
        spark_env(&mut check);
        let check_out = run(&mut check, "check_spark_output.py");
        let report = String::from_utf8_lossy(&check_out.stdout);
        eprintln!("{report}");
        assert!(report.contains("check: ok"), "checker did not report ok");
        stderr
    };
    job_and_check(&output, &[]);
    let spark_secs = spark_started.elapsed().as_secs_f64();

    // A binary whose first row points outside itself (its record type's offset made huge): the
    // row reader checks every row before Spark reads it, so the job fails, saying why, and
    // writes nothing.
    if has_javac {
        let corrupt = dir.join("corrupt-sitrep");
        let script = "import sys\n\
                      b = sys.stdin.buffer.read()\n\
                      at = b.index(b'\\n') + 1 + 4 + 8\n\
                      sys.stdout.buffer.write(b[:at + 4] + b'\\xff\\xff\\xff\\x7f' + b[at + 8:])\n";
        std::fs::write(dir.join("corrupt.py"), script).expect("write corrupt.py");
        std::fs::write(
            &corrupt,
            format!(
                "#!/bin/sh\n\"{}\" \"$@\" | \"{}\" \"{}\"\n",
                bin.display(),
                python.display(),
                dir.join("corrupt.py").display()
            ),
        )
        .expect("write corrupt binary");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&corrupt, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let bad_output = dir.join("out-corrupt");
        let mut job = Command::new(&python);
        job.arg(ws.join("scale/spark/sitrep_spark.py"))
            .arg("--binary")
            .arg(&corrupt)
            .arg("--input")
            .arg(&corpus)
            .arg("--output")
            .arg(&bad_output)
            .args(["--partitions", "2", "--master", "local[2]"]);
        spark_env(&mut job);
        let out = job.output().expect("run the job on the corrupt binary");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && stderr.contains("field 0 lies outside the row"),
            "a row pointing outside itself did not fail the job ({}): {}",
            out.status,
            tail(&stderr, 30)
        );
        assert!(
            !bad_output.join("_SUCCESS").exists(),
            "the failed job left a finished output"
        );
    }

    // The TSV row reader (`--wire tsv`) and the spill path: with almost no memory for the tasks,
    // each partition's lines go to disk while they are grouped by (record, month), and the
    // output is the same. This run keeps them on the JVM's heap (Spark's default, as under
    // spark-submit), the first one off it (the job's default when it starts the JVM).
    if has_javac {
        let stderr = job_and_check(
            &dir.join("out-spilled"),
            &[
                "--wire",
                "tsv",
                "--conf",
                "spark.memory.offHeap.enabled=false",
                "--conf",
                "spark.memory.fraction=0.002",
            ],
        );
        assert!(
            stderr.contains("spilled to disk"),
            "the job with little memory did not spill: {}",
            tail(&stderr, 10)
        );
    }
    eprintln!(
        "spark smoke test: {ARTICLES} articles, {events} events; plain extract {plain_secs:.1} s, spark job {spark_secs:.1} s, total {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
