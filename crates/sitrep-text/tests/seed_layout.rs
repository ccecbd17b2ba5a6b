//! The seed article (read from ../shared when present) splits into its real sentences, with the
//! title, date line, subtitle and the "BAGHDAD - " dateline recognised.

use sitrep_text::{DocMeta, Document, SentenceKind};

fn seed() -> Option<String> {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/article.txt"
    );
    std::fs::read_to_string(p).ok()
}

#[test]
fn seed_article_layout() {
    let Some(text) = seed() else {
        eprintln!("skipped: ../shared/seed/article.txt is absent");
        return;
    };
    let doc = Document::new(
        DocMeta {
            id: "seed".into(),
            ..Default::default()
        },
        text,
    );
    for s in &doc.sentences {
        eprintln!("{:?} {:?}", s.kind, doc.slice(s.span));
    }
    let kinds: Vec<_> = doc.sentences.iter().take(3).map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SentenceKind::Title,
            SentenceKind::Date,
            SentenceKind::Subtitle
        ]
    );
    assert_eq!(
        doc.title.as_deref(),
        Some("ISIS pullout from Iraq town suggests manpower crisis")
    );
    let d = doc.dateline.as_ref().expect("dateline");
    assert_eq!(doc.slice(d.place), "BAGHDAD");
    let body: Vec<&str> = doc
        .body_sentences()
        .map(|(_, s)| doc.slice(s.span))
        .collect();
    assert!(body[0].starts_with("The Islamic State group on Sunday"));
    assert!(body.contains(&"\"Rutba is now free of Daesh.\""));
    assert!(body.iter().any(
        |s| s.starts_with("\"We have warned the residents that this could be a trick... and asked")
    ));
    assert_eq!(
        body.last()
            .map(|s| s.starts_with("In several of its strongholds")),
        Some(true)
    );
}
