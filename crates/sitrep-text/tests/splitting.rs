//! Sentence splitting on the hard cases of wire copy, and the span invariant under arbitrary
//! Unicode (proptest): every token's and sentence's text is the slice of the original text.

use proptest::prelude::*;
use sitrep_text::{DocMeta, Document};

fn sentences(text: &str) -> Vec<String> {
    let doc = Document::new(
        DocMeta {
            id: "t".into(),
            ..Default::default()
        },
        text.to_string(),
    );
    doc.body_sentences()
        .map(|(_, s)| doc.slice(s.span).to_string())
        .collect()
}

#[test]
fn abbreviations_and_titles_do_not_split() {
    let s = sentences("Lt. Col. John Smith of the U.S. Army met Dr. Ali in Jan. 2016. He left.");
    assert_eq!(
        s,
        [
            "Lt. Col. John Smith of the U.S. Army met Dr. Ali in Jan. 2016.",
            "He left."
        ]
    );
    let s = sentences(
        "Gen. Petraeus and the U.N. envoy spoke. No. 2 in the group, J. R. Smith, was killed.",
    );
    assert_eq!(
        s,
        [
            "Gen. Petraeus and the U.N. envoy spoke.",
            "No. 2 in the group, J. R. Smith, was killed."
        ]
    );
}

#[test]
fn acronym_at_sentence_end_splits_before_an_opener() {
    let s = sentences("The strike was carried out by the U.S. The army said five died.");
    assert_eq!(
        s,
        [
            "The strike was carried out by the U.S.",
            "The army said five died."
        ]
    );
}

#[test]
fn quotes_attributions_and_ellipses() {
    let s = sentences("\"We will retake it,\" he said. \"This could be a trick... and we know it.\" Then silence.");
    assert_eq!(
        s,
        [
            "\"We will retake it,\" he said.",
            "\"This could be a trick... and we know it.\"",
            "Then silence."
        ]
    );
    let s = sentences("They waited… Nothing came.");
    assert_eq!(s, ["They waited…", "Nothing came."]);
    let s = sentences("\"Are they gone?\" he asked. Yes.");
    assert_eq!(s, ["\"Are they gone?\" he asked.", "Yes."]);
}

#[test]
fn numbers_do_not_split() {
    let s = sentences("Some 1.5 million people and 2,500 troops fled. Al-Qaim fell.");
    assert_eq!(
        s,
        [
            "Some 1.5 million people and 2,500 troops fled.",
            "Al-Qaim fell."
        ]
    );
}

#[test]
fn headline_date_line_and_datelines() {
    let text = "Rebels seize town\n\nWed 19 Apr 2017\n\nBEIRUT (Reuters) - Rebels seized the town on Tuesday. Ten died.";
    let doc = Document::new(
        DocMeta {
            id: "t".into(),
            ..Default::default()
        },
        text.to_string(),
    );
    let kinds: Vec<_> = doc
        .sentences
        .iter()
        .map(|s| format!("{:?}", s.kind))
        .collect();
    assert_eq!(kinds, ["Title", "Date", "Body", "Body"]);
    let d = doc.dateline.as_ref().expect("dateline");
    assert_eq!(doc.slice(d.place), "BEIRUT");
    assert_eq!(d.agency.map(|a| doc.slice(a)), Some("Reuters"));
    assert_eq!(
        doc.slice(doc.sentences[2].span),
        "Rebels seized the town on Tuesday."
    );
    let doc = Document::new(
        DocMeta::default(),
        "BAGHDAD - Troops moved in. More followed.".to_string(),
    );
    assert_eq!(
        doc.dateline.as_ref().map(|d| doc.slice(d.place)),
        Some("BAGHDAD")
    );
    // An ordinary first sentence is not a dateline.
    let doc = Document::new(
        DocMeta::default(),
        "Troops - many of them - moved in.".to_string(),
    );
    assert!(doc.dateline.is_none());
}

#[test]
fn hard_wrapped_lines_join() {
    let text = "The army said on Monday that its forces had entered the eastern\ndistricts of the city. Residents fled.";
    assert_eq!(
        sentences(text),
        ["The army said on Monday that its forces had entered the eastern\ndistricts of the city.", "Residents fled."]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn spans_are_slices_of_the_original(text in "\\PC{0,200}|[a-zA-Z .,\"'’\\-\n…0-9]{0,200}") {
        let chars: Vec<char> = text.chars().collect();
        let doc = Document::new(DocMeta::default(), text.clone());
        prop_assert_eq!(doc.char_len(), chars.len());
        let mut last = 0;
        for t in &doc.tokens {
            prop_assert!(t.span.start >= last && t.span.end <= chars.len() && t.span.start < t.span.end);
            let want: String = chars[t.span.start..t.span.end].iter().collect();
            prop_assert_eq!(doc.slice(t.span), want.as_str());
            last = t.span.end;
        }
        for s in &doc.sentences {
            let want: String = chars[s.span.start..s.span.end].iter().collect();
            prop_assert_eq!(doc.slice(s.span), want.as_str());
            prop_assert!(!doc.slice(s.span).trim().is_empty());
        }
    }
}
