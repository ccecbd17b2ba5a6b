//! `sitrep annotate` / `extract` on good and bad inputs in one run: every bad input is named on
//! stderr with its reason, the good ones still come out, and the exit status follows DESIGN.md
//! (0 all fine, 1 some inputs failed, 2 usage error).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_sitrep"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(bin())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sitrep");
    {
        let mut si = child.stdin.take().expect("stdin");
        if let Some(b) = stdin {
            si.write_all(b).expect("write stdin");
        }
    }
    child.wait_with_output().expect("wait")
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sitrep-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmpdir");
    d
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.display().to_string()
}

fn lines(o: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

const GOOD: &str = "Rebels seize town\n\nBEIRUT (Reuters) - Rebels seized the town of Idlib on Tuesday, a monitor said.\n";

#[test]
fn bad_inputs_are_named_and_good_ones_still_come_out() {
    let d = tmpdir("bad");
    let good = write(&d, "good.txt", GOOD.as_bytes());
    let empty = write(&d, "empty.txt", b"");
    let junk = write(
        &d,
        "junk.txt",
        &[0u8, 159, 146, 150, 1, 2, 3, 0, 255, 254, 0, 7],
    );
    let undecodable = write(&d, "bad-bytes.txt", b"Troops \x81\x8d entered the town.");
    let big = write(&d, "big.txt", &vec![b'a'; 3000]);
    let jsonl = write(
        &d,
        "batch.jsonl",
        b"{\"id\":\"ok1\",\"text\":\"Troops entered Aleppo on Monday.\",\"published\":\"2016-03-11\"}\n{not json}\n{\"id\":\"nt\",\"title\":\"no text\"}\n{\"id\":\"bd\",\"text\":\"Troops.\",\"published\":\"notadate\"}\n",
    );
    let missing = d.join("missing.txt").display().to_string();
    let o = run(
        &[
            "annotate",
            "--max-bytes",
            "2000",
            &good,
            &empty,
            &junk,
            &undecodable,
            &big,
            &jsonl,
            &missing,
        ],
        None,
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    let out = lines(&o);
    let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap_or("")).collect();
    assert_eq!(ids, ["good", "ok1"]);
    for (name, why) in [
        ("empty.txt", "empty"),
        ("junk.txt", "binary"),
        ("bad-bytes.txt", "undecodable"),
        ("big.txt", "size limit"),
        ("batch.jsonl:2", "malformed JSON"),
        ("batch.jsonl:3", "missing `text`"),
        ("bd", "unknown publication date"),
        ("missing.txt", "cannot read"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(name) && l.contains(why)),
            "no message naming {name} ({why}) in:\n{err}"
        );
    }
}

#[test]
fn encodings_keep_char_offsets_of_the_decoded_text() {
    let d = tmpdir("enc");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "Troops entered Mosul on Monday.".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let a = write(&d, "utf16.txt", &utf16);
    let b = write(&d, "bom.txt", "\u{FEFF}Troops entered Mosul.".as_bytes());
    let c = write(
        &d,
        "cp1252.txt",
        b"Troops entered Mosul \x96 the city\x92s north.",
    );
    let o = run(&["annotate", &a, &b, &c], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = lines(&o);
    assert_eq!(out[0]["text"], "Troops entered Mosul on Monday.");
    assert_eq!(out[1]["text"], "Troops entered Mosul.");
    assert_eq!(
        out[2]["text"],
        "Troops entered Mosul \u{2013} the city\u{2019}s north."
    );
    for doc in &out {
        let text: Vec<char> = doc["text"].as_str().unwrap_or("").chars().collect();
        assert_eq!(doc["text_chars"].as_u64(), Some(text.len() as u64));
        for s in doc["sentences"].as_array().into_iter().flatten() {
            let (st, en) = (
                s["start"].as_u64().unwrap_or(0) as usize,
                s["end"].as_u64().unwrap_or(0) as usize,
            );
            assert!(st < en && en <= text.len());
        }
    }
}

#[test]
fn stdin_jsonl_and_usage_errors() {
    let o = run(
        &["annotate", "--input-format", "jsonl", "-"],
        Some(b"{\"id\":\"a\",\"text\":\"Clashes in Homs.\"}\n\n{\"id\":\"b\",\"text\":\"More clashes in Hama.\"}\n"),
    );
    assert_eq!(o.status.code(), Some(0));
    let ids: Vec<String> = lines(&o)
        .iter()
        .map(|v| v["id"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(run(&["annotate"], None).status.code(), Some(2));
    assert_eq!(
        run(&["annotate", "--published", "notadate", "x.txt"], None)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], None).status.code(), Some(2));
}

#[test]
fn dateline_gives_the_publication_date_and_output_is_deterministic() {
    let d = tmpdir("det");
    let p = write(
        &d,
        "a.txt",
        b"Town falls\n\nFriday 11/03/2016\n\nBAGHDAD - Troops entered the town on Sunday.\n",
    );
    let o1 = run(&["annotate", &p], None);
    let o2 = run(&["annotate", &p], None);
    assert_eq!(o1.stdout, o2.stdout);
    let v = &lines(&o1)[0];
    assert_eq!(v["published"], "2016-03-11");
    assert_eq!(v["title"], "Town falls");
    let o3 = run(&["extract", &p], None);
    let o4 = run(&["extract", &p], None);
    assert_eq!(o3.status.code(), Some(0));
    assert_eq!(o3.stdout, o4.stdout);
}

#[test]
fn extract_streams_error_records_for_bad_articles() {
    let o = run(
        &["extract", "--input-format", "jsonl", "-"],
        Some(b"{\"id\":\"x\",\"text\":\"Rebels shelled Aleppo on Monday, killing five civilians.\",\"published\":\"2016-03-11\"}\n{\"id\":\"y\"}\n"),
    );
    assert_eq!(o.status.code(), Some(1));
    let out = lines(&o);
    assert!(
        out.iter().all(|v| v["doc_id"].is_string()),
        "every line carries doc_id"
    );
    assert!(out
        .iter()
        .any(|v| v["record"] == "error" && v["doc_id"] == "y"));
}

#[test]
fn directories_are_read_recursively_in_order_with_html() {
    let d = tmpdir("dir");
    std::fs::create_dir_all(d.join("b/c")).expect("mkdir");
    std::fs::create_dir_all(d.join(".hidden")).expect("mkdir");
    write(&d, "a.txt", b"Troops entered Homs on Monday.");
    write(&d.join("b"), "x.html", b"<html><head><title>Clashes</title></head><body><nav><p>Home | World | Sport | Weather</p></nav><article><p>Rebels clashed with troops in Hama on Tuesday.</p></article></body></html>");
    write(
        &d.join("b/c"),
        "y.jsonl",
        b"{\"id\":\"j1\",\"text\":\"Shelling hit Idlib.\"}\n",
    );
    write(&d.join(".hidden"), "z.txt", b"Not read.");
    let o = run(&["annotate", &d.display().to_string()], None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = lines(&o);
    let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap_or("")).collect();
    // Sorted by path: a.txt, b/c/y.jsonl, b/x.html; hidden directories are skipped.
    assert_eq!(ids, ["a", "j1", "x"]);
    let html = &out[2];
    assert_eq!(html["title"], "Clashes");
    let text = html["text"].as_str().unwrap_or("");
    assert!(
        text.contains("Rebels clashed with troops in Hama on Tuesday.") && !text.contains("Sport"),
        "{text}"
    );
}
