//! Unit tests of the associated-actor rules, on sentences written for them (not gold text).

use crate::events::extract_events;
use crate::mentions::{ActorRef, Mentions};
use crate::record::Event;
use crate::test_support::{actor, dated_doc, place};

/// The events of `sentence` (after an intro line) with the given actor mentions and place.
fn events(sentence: &str, actors: &[(&str, &str, &str)], at: &str) -> (String, Vec<Event>) {
    let t = format!("Intro line.\n\n{sentence}");
    let d = dated_doc(&t);
    let mut acts: Vec<ActorRef> = actors
        .iter()
        .map(|(text, name, ty)| actor(&t, text, name, ty))
        .collect();
    acts.sort_by_key(|a| a.start);
    let m = Mentions {
        actors: acts,
        places: vec![place(&t, at, "city", "SY")],
        ..Default::default()
    };
    let evs = extract_events(&d, &m);
    (t, evs)
}

fn names(list: &[crate::record::EventActor]) -> Vec<&str> {
    list.iter().map(|a| a.name.as_str()).collect()
}

/// The first event with an ACLED type.
fn acled(evs: &[Event]) -> &Event {
    evs.iter()
        .find(|e| e.acled_event_type.is_some())
        .unwrap_or_else(|| panic!("no ACLED event in {evs:?}"))
}

const ARMY: (&str, &str, &str) = (
    "Government troops",
    "Military Forces of Syria",
    "State forces",
);
const RUSSIA: (&str, &str, &str) = ("Russian jets", "Military Forces of Russia", "State forces");
const REBELS: (&str, &str, &str) = ("rebels", "Opposition Rebels (Syria)", "Rebel group");

#[test]
fn a_backer_named_in_a_participle_phrase_is_associated_with_the_doer() {
    let (t, evs) = events(
        "Government troops, backed by Russian jets, attacked rebels near Hama on Monday.",
        &[ARMY, RUSSIA, REBELS],
        "Hama",
    );
    let e = acled(&evs);
    assert_eq!(e.actor1.as_ref().map(|a| a.name.as_str()), Some(ARMY.1));
    assert_eq!(names(&e.assoc_actor1), vec![RUSSIA.1]);
    assert!(e.assoc_actor2.is_empty(), "{e:?}");
    // Every associated actor is a span of the text.
    let a = &e.assoc_actor1[0];
    let span: String = t.chars().skip(a.start).take(a.end - a.start).collect();
    assert_eq!(span, "Russian jets");
}

#[test]
fn coordinated_doers_act_together() {
    let (_, evs) = events(
        "Al-Shabaab fighters and clan militiamen attacked soldiers in Baidoa on Monday.",
        &[
            ("Al-Shabaab fighters", "Al Shabaab", "Rebel group"),
            (
                "clan militiamen",
                "Clan Militia (Somalia)",
                "Identity militia",
            ),
            ("soldiers", "Military Forces of Somalia", "State forces"),
        ],
        "Baidoa",
    );
    let e = acled(&evs);
    let a1 = e.actor1.as_ref().map(|a| a.name.as_str());
    let others: Vec<&str> = names(&e.assoc_actor1);
    // One of the two coordinated doers is actor1, the other its associated actor.
    let mut both: Vec<&str> = a1.into_iter().chain(others).collect();
    both.sort();
    assert_eq!(both, vec!["Al Shabaab", "Clan Militia (Somalia)"], "{e:?}");
    assert_eq!(
        e.actor2.as_ref().map(|a| a.name.as_str()),
        Some("Military Forces of Somalia")
    );
}

#[test]
fn coordinated_targets_and_a_backed_target_are_associated_with_actor2() {
    let (_, evs) = events(
        "Rebels shelled government soldiers and allied militiamen in Daraa on Monday.",
        &[
            ("Rebels", "Opposition Rebels (Syria)", "Rebel group"),
            (
                "government soldiers",
                "Military Forces of Syria",
                "State forces",
            ),
            (
                "militiamen",
                "Pro-Government Militia (Syria)",
                "Political militia",
            ),
        ],
        "Daraa",
    );
    let e = acled(&evs);
    assert_eq!(
        names(&e.assoc_actor2),
        vec!["Pro-Government Militia (Syria)"],
        "{e:?}"
    );
    assert!(e.assoc_actor1.is_empty());

    let (_, evs) = events(
        "Rebels attacked Government troops backed by Hezbollah fighters in Hama on Monday.",
        &[
            ("Rebels", "Opposition Rebels (Syria)", "Rebel group"),
            ARMY,
            ("Hezbollah fighters", "Hezbollah", "Political militia"),
        ],
        "Hama",
    );
    let e = acled(&evs);
    assert_eq!(e.actor2.as_ref().map(|a| a.name.as_str()), Some(ARMY.1));
    assert_eq!(names(&e.assoc_actor2), vec!["Hezbollah"], "{e:?}");
    assert!(e.assoc_actor1.is_empty());
}

#[test]
fn the_two_sides_of_a_clash_are_not_allies() {
    for s in [
        "Government troops and rebels clashed near Hama on Monday.",
        "Heavy fighting broke out between Government troops and rebels near Hama on Monday.",
    ] {
        let (_, evs) = events(s, &[ARMY, REBELS], "Hama");
        for e in &evs {
            assert!(
                e.assoc_actor1.is_empty() && e.assoc_actor2.is_empty(),
                "{s}: {e:?}"
            );
        }
    }
}

#[test]
fn in_support_of_names_an_ally_of_the_doer() {
    let (_, evs) = events(
        "Russian jets bombed rebels near Hama in support of Government troops on Monday.",
        &[RUSSIA, REBELS, ARMY],
        "Hama",
    );
    let e = acled(&evs);
    assert_eq!(e.actor1.as_ref().map(|a| a.name.as_str()), Some(RUSSIA.1));
    assert_eq!(names(&e.assoc_actor1), vec![ARMY.1], "{e:?}");
    assert!(e.assoc_actor2.is_empty());
}

#[test]
fn civilians_named_by_their_identity_group_take_it_as_associated_actor() {
    let (t, evs) = events(
        "Gunmen killed five Yazidi civilians in Sinjar on Monday.",
        &[
            (
                "Gunmen",
                "Unidentified Armed Group (Iraq)",
                "Political militia",
            ),
            (
                "Yazidi civilians",
                "Yazidi Religious Group (Iraq)",
                "Civilians",
            ),
        ],
        "Sinjar",
    );
    let e = acled(&evs);
    let a2 = e.actor2.as_ref().expect("actor2");
    assert_eq!(a2.name, "Civilians (Iraq)");
    assert_eq!(a2.text, "Yazidi civilians");
    assert_eq!(
        names(&e.assoc_actor2),
        vec!["Yazidi Religious Group (Iraq)"]
    );
    let g = &e.assoc_actor2[0];
    assert_eq!(g.text, "Yazidi");
    let span: String = t.chars().skip(g.start).take(g.end - g.start).collect();
    assert_eq!(span, "Yazidi");
}

#[test]
fn an_actor_named_twice_is_not_its_own_ally() {
    let (_, evs) = events(
        "Government troops and the army's commandos attacked rebels near Hama on Monday.",
        &[
            ARMY,
            (
                "the army's commandos",
                "Military Forces of Syria",
                "State forces",
            ),
            REBELS,
        ],
        "Hama",
    );
    let e = acled(&evs);
    assert!(e.assoc_actor1.is_empty(), "{e:?}");
}

/// `events` with CAMEO-style codes on the actors (the state rules read them).
fn coded_events(sentence: &str, actors: &[(&str, &str, &str, &str)], at: &str) -> Vec<Event> {
    let t = format!("Intro line.\n\n{sentence}");
    let d = dated_doc(&t);
    let mut acts: Vec<ActorRef> = actors
        .iter()
        .map(|(text, name, ty, code)| ActorRef {
            code: Some(code.to_string()),
            ..actor(&t, text, name, ty)
        })
        .collect();
    acts.sort_by_key(|a| a.start);
    let m = Mentions {
        actors: acts,
        places: vec![place(&t, at, "city", "SY")],
        ..Default::default()
    };
    extract_events(&d, &m)
}

#[test]
fn the_same_state_and_countries_in_a_list_are_no_allies() {
    // Forces loyal to their own government: one state, no second actor.
    let evs = coded_events(
        "Government troops loyal to the Syrian government attacked rebels near Hama on Monday.",
        &[
            ("Government troops", ARMY.1, ARMY.2, "SYRMIL"),
            (
                "the Syrian government",
                "Government of Syria",
                "State forces",
                "SYRGOV",
            ),
            ("rebels", REBELS.1, REBELS.2, "SYRREB"),
        ],
        "Hama",
    );
    let e = acled(&evs);
    assert!(e.assoc_actor1.is_empty(), "{e:?}");
    // A country named in a list beside the target is a place or a party, not a force.
    let evs = coded_events(
        "Rebels shelled government soldiers and Turkey near Hama on Monday.",
        &[
            ("Rebels", REBELS.1, REBELS.2, "SYRREB"),
            ("government soldiers", ARMY.1, ARMY.2, "SYRMIL"),
            ("Turkey", "Turkey", "State forces", "TUR"),
        ],
        "Hama",
    );
    let e = acled(&evs);
    assert!(e.assoc_actor2.is_empty(), "{e:?}");
}
