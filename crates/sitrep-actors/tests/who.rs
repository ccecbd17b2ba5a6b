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

fn find<'a>(w: &'a sitrep_actors::Who, text: &str) -> Option<&'a sitrep_actors::ActorMention> {
    w.actors.iter().find(|a| a.text == text)
}

#[test]
fn places_are_kept_apart_from_doers() {
    let w = who("Serbia lifted a night curfew in Montenegro. Bangladesh rejected an Indian proposal. The United States and Jordan agreed on a pact.");
    assert!(find(&w, "Serbia").is_some(), "{:?}", w.actors);
    assert!(find(&w, "Montenegro").is_none(), "{:?}", w.actors);
    let m = w.place_actors.iter().find(|a| a.text == "Montenegro");
    assert_eq!(m.and_then(|a| a.country.as_deref()), Some("ME"));
    assert_eq!(
        find(&w, "Indian").and_then(|a| a.country.as_deref()),
        Some("IN")
    );
    assert!(find(&w, "Jordan").is_some(), "{:?}", w.actors);
}

#[test]
fn organisations_titles_and_generic_nouns() {
    let w = who("The Nigerian Union of Teachers announced a strike. President Abdelaziz Bouteflika spoke in Algiers. Gunmen killed 12 people in a hospital. Vietnamese-led forces retook the village. Up to 100 ethnic Albanians demonstrated in Serbia.");
    let union = find(&w, "Nigerian Union of Teachers").expect("union");
    assert_eq!(union.country.as_deref(), Some("NG"));
    let pres = find(&w, "President Abdelaziz Bouteflika").expect("president");
    assert_eq!(pres.actor, "Government of Algeria");
    assert_eq!(
        find(&w, "Gunmen").map(|a| a.actor_type.as_str()),
        Some("Political militia")
    );
    assert_eq!(
        find(&w, "hospital").map(|a| a.actor_type.as_str()),
        Some("Civilians")
    );
    assert_eq!(
        find(&w, "Vietnamese-led forces").and_then(|a| a.country.as_deref()),
        Some("VN")
    );
    assert_eq!(
        find(&w, "ethnic Albanians").and_then(|a| a.country.as_deref()),
        Some("RS")
    );
}

#[test]
fn peoples_are_identity_actors_but_not_first_names() {
    let w = who("Ibo traditional elders demanded control. Christian Amanpour reported from Lagos.");
    let ibo = find(&w, "Ibo traditional elders").expect("elders");
    assert_eq!(ibo.actor_type, "Civilians");
    assert_eq!(ibo.country.as_deref(), Some("NG"));
    assert!(
        !w.actors.iter().any(|a| a.text == "Christian"),
        "{:?}",
        w.actors
    );
}

#[test]
fn the_object_of_a_group_is_someone_else() {
    // Not "Hezbollah fighters attacked rebels" as one mention, nor the rebels as Hezbollah.
    let w = who("Hezbollah fighters attacked rebels near the border.");
    assert_eq!(
        find(&w, "Hezbollah fighters").map(|a| a.actor.as_str()),
        Some("Hezbollah"),
        "{:?}",
        w.actors
    );
    let r = find(&w, "rebels").expect("rebels");
    assert_ne!(r.actor, "Hezbollah");
    assert!(!r.anaphor);
    // With a determiner the description still points back.
    let w = who("Al-Shabaab said in a statement that its militants entered the village.");
    let m = find(&w, "militants").expect("militants");
    assert_eq!(m.actor, "Al Shabaab");
    assert!(m.anaphor);
}
