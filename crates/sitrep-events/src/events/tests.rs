//! Unit tests of event assembly: places, types, background, and the verbal events (CAMEO).

use super::*;
use crate::test_support::{actor, dated_doc as doc, place};

#[test]
fn withdrawal_from_a_town_happens_there_not_at_the_destination() {
    let t = "Intro line.\n\nIslamic State fighters pulled out of Rutba and moved towards Al-Qaim.";
    let d = doc(t);
    let m = Mentions {
        actors: vec![actor(t, "Islamic State", "Islamic State", "Rebel group")],
        places: vec![
            place(t, "Rutba", "city", ""),
            place(t, "Al-Qaim", "city", ""),
        ],
        ..Default::default()
    };
    let evs = extract_events(&d, &m);
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(
        evs[0].acled_sub_event_type.as_deref(),
        Some("Non-violent transfer of territory")
    );
    assert_eq!(
        evs[0].place.as_ref().map(|p| p.name.as_str()),
        Some("Rutba")
    );
    assert_eq!(evs[0].plover.as_deref(), Some("RETREAT"));
    assert_eq!(evs[0].event_id, "t-e1");
}

#[test]
fn intentions_and_negations_are_not_asserted() {
    let t = "Intro line.\n\nThe army moved up the river with a view to retaking the town. Rebels did not attack the base.";
    let d = doc(t);
    let m = Mentions {
        actors: vec![actor(t, "The army", "Army", "State forces")],
        ..Default::default()
    };
    let evs = extract_events(&d, &m);
    assert!(
        evs.iter().all(|e| e.acled_sub_event_type.as_deref()
            != Some("Government regains territory")
            || e.certainty == Certainty::Speculative),
        "{evs:?}"
    );
    assert!(
        evs.iter()
            .all(|e| e.acled_sub_event_type.as_deref() != Some("Armed clash")),
        "{evs:?}"
    );
}

#[test]
fn a_toll_for_control_of_sites_is_news_a_toll_for_years_is_background() {
    let t = "Intro line.\n\nAt least 88 fighters have been killed in two days of clashes for control of strategic sites.";
    let evs = extract_events(&doc(t), &Mentions::default());
    assert!(
        evs.iter()
            .any(|e| e.acled_sub_event_type.is_some() && !e.background),
        "{evs:?}"
    );
    let t = "Intro line.\n\nThousands of fighters have been killed in the province for more than a year.";
    let evs = extract_events(&doc(t), &Mentions::default());
    assert!(
        evs.iter()
            .all(|e| e.acled_sub_event_type.is_none() || e.background),
        "{evs:?}"
    );
}

#[test]
fn weapon_types_win_over_killing() {
    let t = "Intro line.\n\nA suicide bomber blew himself up at a market, killing six civilians.";
    let evs = extract_events(&doc(t), &Mentions::default());
    assert_eq!(
        evs.first().and_then(|e| e.acled_sub_event_type.as_deref()),
        Some("Suicide bomb"),
        "{evs:?}"
    );
}

mod verbal {
    use super::*;
    use crate::test_support::{actor, dated_doc as doc};

    fn cameos(t: &str, actors: Vec<ActorRef>) -> Vec<String> {
        let m = Mentions {
            actors,
            ..Default::default()
        };
        extract_events(&doc(t), &m)
            .into_iter()
            .filter_map(|e| e.cameo)
            .collect()
    }

    #[test]
    fn reported_violence_is_the_speakers_accusation_or_claim() {
        let t = "Intro line.\n\nThe monitor said that rebels attacked the town.";
        let evs = extract_events(
            &doc(t),
            &Mentions {
                actors: vec![
                    actor(t, "The monitor", "Monitor", "Civilians"),
                    actor(t, "rebels", "Rebels", "Rebel group"),
                ],
                ..Default::default()
            },
        );
        assert_eq!(
            evs.first().and_then(|e| e.cameo.as_deref()),
            Some("112"),
            "{evs:?}"
        );
        assert!(evs[0].plover.is_none() && evs[0].acled_sub_event_type.is_none());
        assert!(
            evs.iter().any(|e| e.acled_sub_event_type.is_some()),
            "{evs:?}"
        );
        let t = "Intro line.\n\nThe group claimed that they attacked the base.";
        let c = cameos(t, vec![actor(t, "The group", "Group", "Rebel group")]);
        assert_eq!(c.first().map(String::as_str), Some("015"), "{c:?}");
        // A trailing attribution is no frame.
        let t = "Intro line.\n\nRebels attacked the base, the monitor said.";
        let c = cameos(t, vec![actor(t, "the monitor", "Monitor", "Civilians")]);
        assert!(!c.iter().any(|x| x == "112" || x == "015"), "{c:?}");
    }

    #[test]
    fn refused_cooperation_is_a_rejection() {
        let t = "Intro line.\n\nThe minister said he would not provide support to the rebels.";
        let c = cameos(t, Vec::new());
        assert!(c.iter().any(|x| x.starts_with("12")), "{c:?}");
    }

    #[test]
    fn a_statement_released_frees_no_one() {
        let t = "Intro line.\n\nThe army released a statement on Monday.";
        assert!(!cameos(t, Vec::new()).iter().any(|x| x.starts_with("084")));
        let t = "Intro line.\n\nThe army released the mayor on Monday.";
        assert!(cameos(t, Vec::new()).iter().any(|x| x == "0841"));
    }

    #[test]
    fn the_shooting_a_crowd_marches_over_is_not_force_against_it() {
        let t = "Intro line.\n\nStudents marched in a peaceful protest over the deadly shooting of a man.";
        let evs = extract_events(&doc(t), &Mentions::default());
        assert_eq!(
            evs.first().and_then(|e| e.acled_sub_event_type.as_deref()),
            Some("Peaceful protest"),
            "{evs:?}"
        );
    }
}
