//! Behaviour of `annotate` on small made-up texts (no shared data needed).

use sitrep_actors::{annotate, CueKind, Lexicon};
use sitrep_text::{DocMeta, Document};

fn who(text: &str) -> sitrep_actors::Who {
    let lex = Lexicon::load().expect("lexicon");
    annotate(&Document::new(DocMeta::default(), text.to_string()), &lex)
}

#[test]
fn state_forces_from_demonyms_and_possessives() {
    let w = who("Syrian army troops shelled the town. Russian jets struck Idlib. Turkey's security forces arrested 12 people.");
    let names: Vec<(&str, &str)> = w
        .actors
        .iter()
        .map(|a| (a.text.as_str(), a.actor.as_str()))
        .collect();
    assert!(
        names.contains(&("Syrian army", "Military Forces of Syria")),
        "{names:?}"
    );
    assert!(
        names.contains(&("Russian jets", "Military Forces of Russia")),
        "{names:?}"
    );
    assert!(
        names.contains(&("Turkey's security forces", "Military Forces of Turkey")),
        "{names:?}"
    );
    assert_eq!(
        w.actors
            .iter()
            .find(|a| a.text == "Syrian army")
            .and_then(|a| a.code.clone())
            .as_deref(),
        Some("SYRMIL")
    );
}

#[test]
fn short_aliases_need_context_and_descriptions_resolve() {
    let w = who("Al-Shabaab fighters attacked a base. The group said it killed ten soldiers. Is this the end?");
    let group = w
        .actors
        .iter()
        .find(|a| a.text == "The group")
        .expect("the group");
    assert_eq!(group.actor, "Al Shabaab");
    assert!(group.anaphor);
    assert!(!w.actors.iter().any(|a| a.text == "Is"));
}

#[test]
fn quotes_speakers_and_cues() {
    let w = who("\"We will retake the city soon,\" said Colonel Ahmed Hassan, an army spokesman. \"The enemy is collapsing.\"\nThe claim could not be verified, and the militants denied it.");
    assert_eq!(w.quotes.len(), 2, "{:?}", w.quotes);
    assert!(
        w.quotes.iter().all(|q| q.speaker.contains("Ahmed Hassan")),
        "{:?}",
        w.quotes
    );
    assert!(w.cues.iter().any(|c| c.kind == CueKind::Denial));
    assert!(w.cues.iter().any(|c| c.kind == CueKind::Hedge));
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "\"",
        "“unclosed quote",
        "said",
        ", said .",
        "ISIS",
        "The the the group said that",
    ] {
        let _ = who(t);
    }
}
