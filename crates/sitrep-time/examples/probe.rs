//! Prints the time expressions of stdin text (one document, published date as first arg):
//! a quick look at what `annotate` finds, for checking rules by hand.

use sitrep_text::{DocMeta, Document};
use std::io::Read;

fn main() {
    let published = std::env::args()
        .nth(1)
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return;
    }
    let doc = Document::new(
        DocMeta {
            id: "probe".into(),
            published,
            ..Default::default()
        },
        text,
    );
    for t in sitrep_time::annotate(&doc, &[]) {
        println!("{}\t{}\t{:?}\t{:?}", t.text, t.value, t.ttype, t.tmod);
    }
}
