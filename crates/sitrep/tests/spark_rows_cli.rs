//! `sitrep extract --format spark-rows` against `--format jsonl` on the bundled demo articles: the
//! header names the schema, every frame is a row whose texts, numbers, dates and sources are the
//! JSON record's values, in the same order, and the month follows the date.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn extract(format: &str) -> Vec<u8> {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/fakes-sample.jsonl");
    let out = Command::new(PathBuf::from(env!("CARGO_BIN_EXE_sitrep")))
        .args(["extract", "--format", format])
        .arg(input)
        .output()
        .expect("spawn sitrep");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn word(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// A row (or struct) of `n` fields.
struct Row<'a> {
    b: &'a [u8],
    n: usize,
}

impl<'a> Row<'a> {
    fn null(&self, i: usize) -> bool {
        self.b[i / 8] >> (i % 8) & 1 == 1
    }
    fn slot(&self, i: usize) -> u64 {
        word(self.b, self.n.div_ceil(64) * 8 + 8 * i)
    }
    fn var(&self, i: usize) -> Option<&'a [u8]> {
        (!self.null(i)).then(|| {
            let s = self.slot(i);
            &self.b[(s >> 32) as usize..][..(s & 0xffff_ffff) as usize]
        })
    }
    fn text(&self, i: usize) -> Option<&'a str> {
        self.var(i).map(|v| std::str::from_utf8(v).unwrap())
    }
    fn int(&self, i: usize) -> Option<i64> {
        (!self.null(i)).then(|| self.slot(i) as u32 as i32 as i64)
    }
}

#[test]
fn rows_hold_the_json_records_values() {
    let rows = extract("spark-rows");
    let jsonl = String::from_utf8(extract("jsonl")).unwrap();
    let records: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() > 100, "{} records", records.len());

    // The header: -2, then the schema.
    assert_eq!(rows[..4], (-2i32).to_le_bytes());
    let eol = rows.iter().position(|&b| b == b'\n').unwrap();
    let header = std::str::from_utf8(&rows[4..eol]).unwrap();
    assert!(header.starts_with("spark-rows 1 struct<record:string,event_id:string,"));
    assert!(header.contains(
        ",sources:array<struct<name:string,role:string,anonymous:boolean,start:int,end:int>>,"
    ));
    assert!(header.ends_with(",error:string,month:string>"), "{header}");

    let mut at = eol + 1;
    let mut seen = 0;
    while at < rows.len() {
        let len = u32::from_le_bytes(rows[at..at + 4].try_into().unwrap()) as usize;
        let b = &rows[at + 4..at + 4 + len];
        at += 4 + len;
        assert_eq!(len % 8, 0);
        let r = Row { b, n: 52 };
        let j = &records[seen];
        seen += 1;
        assert_eq!(r.text(0), j["record"].as_str());
        assert_eq!(r.text(2), j["doc_id"].as_str());
        assert_eq!(r.text(44), j["evidence"]["text"].as_str());
        assert_eq!(r.int(43), j["evidence"]["end"].as_i64());
        let lat = (!r.null(25)).then(|| f64::from_bits(r.slot(25)));
        assert_eq!(lat, j["place"]["lat"].as_f64());
        assert_eq!(r.int(20), j["place"]["geonameid"].as_i64());
        let first = j["date"]["range"][0].as_str();
        let days = first.map(|d| {
            let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
            (d - chrono::NaiveDate::default()).num_days()
        });
        assert_eq!(r.int(31), days);
        let month = first.map_or("undated".to_string(), |d| d[..7].to_string());
        assert_eq!(r.text(51), Some(month.as_str()));
        if j["record"] == "event" {
            assert_eq!(r.text(1), j["event_id"].as_str());
            assert_eq!(r.text(40), j["certainty"].as_str());
            assert_eq!(r.slot(41) & 1 == 1, j["background"].as_bool().unwrap());
            let a = r.var(39).unwrap();
            let sources = j["sources"].as_array().unwrap();
            assert_eq!(word(a, 0) as usize, sources.len());
            for (k, s) in sources.iter().enumerate() {
                let slot = word(a, 8 + sources.len().div_ceil(64) * 8 + 8 * k);
                let e = Row {
                    b: &a[(slot >> 32) as usize..][..(slot & 0xffff_ffff) as usize],
                    n: 5,
                };
                assert_eq!(e.text(0), s["name"].as_str());
                assert_eq!(e.text(1), s["role"].as_str());
                assert_eq!(e.slot(2) & 1 == 1, s["anonymous"].as_bool().unwrap());
                assert_eq!(e.int(3), s["start"].as_i64());
                assert_eq!(e.int(4), s["end"].as_i64());
            }
        } else {
            assert!(r.null(1) && r.null(39));
            assert_eq!(r.text(45), j["kind"].as_str());
        }
    }
    assert_eq!(seen, records.len());
}
