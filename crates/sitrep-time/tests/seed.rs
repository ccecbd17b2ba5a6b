//! The seed article: every time in gold.json (required and optional) is found — an expression
//! overlapping the gold text whose value equals the gold value or whose range lies inside
//! `accept_range`, as the seed README scores it. Skips when /work/shared is absent.

use chrono::NaiveDate;
use sitrep_text::fold::is_double_quote;
use sitrep_text::{DocMeta, Document, Span};
use std::path::Path;

const SEED: &str = "/work/shared/seed";

/// Quote spans from double quotation marks (the actors stage finds them in the pipeline).
fn quotes(text: &str) -> Vec<Span> {
    let marks: Vec<usize> = text
        .chars()
        .enumerate()
        .filter(|(_, c)| is_double_quote(*c))
        .map(|(i, _)| i)
        .collect();
    marks
        .chunks(2)
        .filter(|p| p.len() == 2)
        .map(|p| Span::new(p[0] + 1, p[1]))
        .collect()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("gold date")
}

fn check(published: Option<NaiveDate>) {
    let text = std::fs::read_to_string(format!("{SEED}/article.txt")).expect("seed article");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{SEED}/gold.json")).expect("seed gold"),
    )
    .expect("json");
    let doc = Document::new(
        DocMeta {
            id: "seed".into(),
            published,
            ..Default::default()
        },
        text.clone(),
    );
    assert_eq!(sitrep_time::dateline_date(&doc), Some(date("2016-03-11")));
    let times = sitrep_time::annotate(&doc, &quotes(&text));
    for t in &times {
        println!(
            "{:>5} {:<30} {:<9} {:<14} {:?} {:?}",
            t.start,
            t.text,
            format!("{:?}", t.ttype),
            t.value,
            t.tmod,
            t.range
        );
    }
    let chars: Vec<char> = text.chars().collect();
    let mut missing = Vec::new();
    for g in gold["times"].as_array().expect("times") {
        let gt = g["text"].as_str().expect("text");
        let gt_chars: Vec<char> = gt.chars().collect();
        let starts: Vec<usize> = (0..chars.len().saturating_sub(gt_chars.len()))
            .filter(|&i| chars[i..i + gt_chars.len()] == gt_chars[..])
            .collect();
        assert!(!starts.is_empty(), "gold text {gt:?} not in the article");
        let accept = g["accept_range"].as_array().map(|a| {
            [
                date(a[0].as_str().unwrap_or("")),
                date(a[1].as_str().unwrap_or("")),
            ]
        });
        let found = starts.iter().any(|&s| {
            let e = s + gt_chars.len();
            times.iter().filter(|t| t.start < e && s < t.end).any(|t| {
                let value_ok = g["value"].as_str().is_some_and(|v| v == t.value);
                let range_ok = match (accept, t.range) {
                    (Some([a, b]), Some([x, y])) => a <= x && y <= b,
                    _ => false,
                };
                let mod_ok = g["mod"]
                    .as_str()
                    .is_none_or(|m| t.tmod.as_deref() == Some(m));
                (value_ok || range_ok) && mod_ok
            })
        });
        if !found {
            missing.push(gt.to_string());
        }
    }
    assert!(missing.is_empty(), "seed times not found: {missing:?}");
}

#[test]
fn seed_times_with_published_date() {
    if !Path::new(SEED).exists() {
        eprintln!("skipping: {SEED} not found");
        return;
    }
    check(Some(date("2016-03-11")));
}

#[test]
fn seed_times_from_the_date_line() {
    if !Path::new(SEED).exists() {
        eprintln!("skipping: {SEED} not found");
        return;
    }
    check(None);
}
