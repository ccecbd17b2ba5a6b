//! Unit tests of detection and typing on whole sentences (no actor or place mentions): which
//! trigger heads a happening and the ACLED type it gets.

use crate::mentions::Mentions;
use crate::test_support::dated_doc;

/// ACLED sub-types of the events of `text` (one intro line first, as an article's title).
fn types(text: &str) -> Vec<Option<String>> {
    let t = format!("Intro line.\n\n{text}");
    crate::extract_events(&dated_doc(&t), &Mentions::default())
        .into_iter()
        .map(|e| e.acled_sub_event_type)
        .collect()
}

#[test]
fn a_wound_is_told_by_the_blast_that_caused_it() {
    let t =
        types("Four soldiers were wounded after a suicide bomber blew himself up near a patrol.");
    assert_eq!(t, vec![Some("Suicide bomb".to_string())], "{t:?}");
}

#[test]
fn aircraft_that_only_fly_are_a_movement_with_a_blow_a_strike() {
    let t = types("Five military planes entered the air defence zone on Monday, prompting fighter jets to scramble.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Change to group/activity"),
        "{t:?}"
    );
    let t = types("Warplanes pounded the village on Monday.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Air/drone strike"),
        "{t:?}"
    );
}

#[test]
fn a_weapon_site_is_a_target_not_the_weapon() {
    let t = types("Israeli jets bombed a missile base near the capital on Tuesday.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Air/drone strike"),
        "{t:?}"
    );
}

#[test]
fn raids_that_detain_people_are_arrests() {
    let t = types("Soldiers detained 12 men in overnight raids across the region.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Arrests"),
        "{t:?}"
    );
}

#[test]
fn people_captured_alive_are_not_territory() {
    let t = types("Ten militants were killed and two others were captured alive when they attacked the army base.");
    assert_ne!(
        t.first().cloned().flatten().as_deref(),
        Some("Non-state actor overtakes territory"),
        "{t:?}"
    );
}

#[test]
fn vigilantes_are_a_mob_not_a_vigil() {
    let t = types("Angry residents and vigilantes killed six men in the town.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Mob violence"),
        "{t:?}"
    );
}

#[test]
fn live_rounds_to_clear_protests_are_excessive_force() {
    let t = types("Security forces shot live rounds to clear protests in the capital on Sunday.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Excessive force against protesters"),
        "{t:?}"
    );
}

#[test]
fn protests_that_turned_violent_are_violent_demonstrations() {
    let t = types("Protests against the election result have turned violent in the capital.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Violent demonstration"),
        "{t:?}"
    );
}

#[test]
fn a_device_that_went_off_outranks_the_ones_defused() {
    let t = types("One improvised explosive device detonated inside a church while several others were deactivated.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Remote explosive/landmine/IED"),
        "{t:?}"
    );
}

#[test]
fn a_site_where_people_are_located_is_no_weapons_find() {
    let t = types("A car bomb killed 20 people at a site where displaced families are located.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Remote explosive/landmine/IED"),
        "{t:?}"
    );
}

/// CAMEO codes of the events of `text`.
fn cameos(text: &str) -> Vec<String> {
    let t = format!("Intro line.\n\n{text}");
    crate::extract_events(&dated_doc(&t), &Mentions::default())
        .into_iter()
        .filter_map(|e| e.cameo)
        .collect()
}

#[test]
fn a_conditional_future_act_is_a_threat() {
    let c = cameos("The party said it will boycott the elections unless the president steps down.");
    assert!(c.iter().any(|c| c.starts_with("13")), "{c:?}");
    let t = types("The party said it will boycott the elections unless the president steps down.");
    assert!(
        !t.iter().any(|x| x.as_deref() == Some("Peaceful protest")),
        "{t:?}"
    );
}

#[test]
fn force_being_readied_is_a_posture_not_an_attack() {
    let c = cameos("The army prepared to resume shelling rebel-held territory.");
    assert!(c.iter().any(|c| c.starts_with("15")), "{c:?}");
    assert!(
        !c.iter().any(|c| c.starts_with("19") || c.starts_with("13")),
        "{c:?}"
    );
}

#[test]
fn an_execution_of_captive_troops_is_an_attack() {
    let t = types("Militants executed 50 captive soldiers in the town on Saturday.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Attack"),
        "{t:?}"
    );
}

#[test]
fn a_state_s_strikes_are_air_strikes() {
    let t = types("Russian strikes killed 18 fighters near the town on Friday.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Air/drone strike"),
        "{t:?}"
    );
    let t = types("The Air Force said on Monday that it will hold a parade.");
    assert!(
        !t.iter().any(|x| x.as_deref() == Some("Air/drone strike")),
        "{t:?}"
    );
}

fn first_root(text: &str) -> String {
    cameos(text)
        .first()
        .map(|c| c.chars().take(2).collect())
        .unwrap_or_default()
}

#[test]
fn diplomatic_verbs_have_their_cameo_roots() {
    for (text, root) in [
        ("The minister declined to comment on the report.", "01"),
        ("The president laid a wreath at the memorial.", "01"),
        ("The two countries agreed to share intelligence.", "03"),
        ("Kerry travelled to Moscow on Monday.", "04"),
        ("The president hosted his counterpart at the palace.", "04"),
        ("The minister rallied support for the plan.", "05"),
        (
            "The two agencies exchanged intelligence on the militants.",
            "06",
        ),
        ("The ministry sent weapons to the army.", "07"),
        ("The government lifted the curfew in the city.", "08"),
        ("The rebels demobilized their fighters.", "08"),
        ("The ministry turned down the invitation.", "12"),
        ("The delegation withdrew from the peace talks.", "16"),
        (
            "The country severed diplomatic relations with its neighbour.",
            "16",
        ),
        ("The army confiscated the land of the farmers.", "17"),
        ("Militants massacred more than 100 villagers.", "20"),
    ] {
        assert_eq!(first_root(text), root, "{text}: {:?}", cameos(text));
    }
}

#[test]
fn free_is_a_release_only_as_a_verb() {
    assert!(cameos("The opposition called for free elections.")
        .iter()
        .all(|c| !c.starts_with("08")));
    assert_eq!(first_root("The rebels agreed to free the hostages."), "03");
}

#[test]
fn a_verbal_act_named_as_a_time_is_no_event_of_its_own() {
    let c = cameos(
        "Speaking after talks in the capital, the minister accused the rebels of the attack.",
    );
    assert!(c.iter().all(|x| !x.starts_with("04")), "{c:?}");
}

#[test]
fn arrests_a_protest_is_about_are_no_intervention() {
    let t = types("Students boycotted classes to protest the arrests.");
    assert_eq!(
        t.first().cloned().flatten().as_deref(),
        Some("Peaceful protest"),
        "{t:?}"
    );
}

#[test]
fn a_verbal_act_that_came_as_another_yields_to_it() {
    let c = cameos(
        "The visit of the envoy came as the government announced it would free 40 detainees.",
    );
    assert!(c.first().is_some_and(|x| x.starts_with("03")), "{c:?}");
}
