//! The ACLED sub-event type of a detected happening: the codebook's rules applied to the group's
//! triggers, the words around its dominant trigger and what is known of its actors (which side
//! acted, who was hit, whether the place is left or taken).

use crate::arguments::{victims, Victims};
use crate::coding::Class;
use crate::detect::{circumstantial, Group, Hit, CIRCUMSTANCE};
use crate::lexicon::Word;

/// Verbs of protesting about something: what follows is the protest's object.
const PROTEST_OBJECT: &[&str] = &[
    "denounce",
    "denouncing",
    "decry",
    "decrying",
    "condemn",
    "condemning",
    "demanding",
    "demand",
    "about",
];

/// Words naming the crowd: the subject of the crowd's own acts.
const CROWD_NOUNS: &[&str] = &[
    "protesters",
    "protestors",
    "demonstrators",
    "rioters",
    "crowd",
    "crowds",
    "marchers",
    "students",
    "youths",
    "supporters",
];

/// People as a verb's object ("intercepted 15 suspected members").
const PERSON_NOUNS: &[&str] = &[
    "members",
    "member",
    "suspects",
    "suspect",
    "suspected",
    "persons",
    "individuals",
    "smugglers",
    "migrants",
    "militants",
    "people",
    "men",
];

/// Words of a blow from the air: with one of them in the sentence, aircraft named there strike.
pub(crate) const STRIKE_WORDS: &[&str] = &[
    "hit",
    "hits",
    "hitting",
    "struck",
    "strikes",
    "strike",
    "targeted",
    "targeting",
    "pounded",
    "bombed",
    "bombarded",
    "fired",
    "launched",
    "destroyed",
    "destroying",
    "killed",
    "killing",
    "raided",
    "attacked",
    "shelled",
    "dropped",
    "rained",
    "wounded",
    "injured",
    "dead",
    "kill",
    "kills",
    "destroy",
    "destroys",
    "pound",
    "pounds",
    "target",
    "targets",
    "raid",
    "raids",
    "attack",
    "attacks",
    "bomb",
    "bombs",
];

/// An Air trigger that names only the aircraft ("warplanes", "drones", "helicopter"), not a
/// strike ("air strike", "air raid", "drone attack", "barrel bomb", "aerial campaign").
fn air_vehicle(words: &[Word], h: &Hit) -> bool {
    air_vehicle_words(&words[h.first..=h.last])
}

/// The words of an Air trigger name only aircraft (see `air_vehicle`).
pub(crate) fn air_vehicle_words(span: &[Word]) -> bool {
    !span.iter().any(|w| {
        w.text.starts_with("strike")
            || w.text.starts_with("airstrike")
            || w.text.starts_with("raid")
            || w.text.starts_with("airraid")
            || w.text.starts_with("attack")
            || w.text.starts_with("bomb")
            || w.text.starts_with("barrel")
            || w.text == "aerial"
    })
}

/// Property nouns: an attack whose target is property alone is property destruction.
const PROPERTY_WORDS: &[&str] = &[
    "property",
    "properties",
    "shop",
    "shops",
    "stores",
    "businesses",
    "vehicles",
    "cars",
    "buildings",
    "offices",
    "warehouses",
    "premises",
];

/// The attack's object (the words after an active trigger, before a passive one, up to a
/// clause break) names property and no people.
fn property_target(words: &[Word], first: usize, last: usize, passive: bool) -> bool {
    let range = if passive {
        first.saturating_sub(8)..first
    } else {
        last + 1..(last + 9).min(words.len())
    };
    let mut property = false;
    for i in range {
        let w = &words[i];
        if w.punct && w.text != "," {
            if passive {
                property = false;
                continue;
            }
            break;
        }
        if crate::arguments::CIVILIAN_WORDS.contains(&w.text)
            || crate::arguments::ARMED_WORDS.contains(&w.text)
        {
            return false;
        }
        property |= PROPERTY_WORDS.contains(&w.text);
    }
    property
}

/// Whether a taking verb's object is people, not ground: "two others were captured alive",
/// "seized five men" (but "seized the town", "took control of the district").
pub fn person_object(words: &[Word], h: &Hit) -> bool {
    let passive = crate::arguments::is_passive(words, h.first, h.last, h.noun);
    if words.get(h.last + 1).is_some_and(|w| w.text == "alive") {
        return true;
    }
    victims(words, h.first, h.last, passive) != Victims::Unknown
        && !words[h.last + 1..].iter().take(6).any(|w| {
            matches!(
                w.text,
                "town"
                    | "city"
                    | "village"
                    | "area"
                    | "areas"
                    | "control"
                    | "base"
                    | "district"
                    | "territory"
                    | "positions"
                    | "hill"
                    | "region"
                    | "province"
                    | "neighborhood"
                    | "neighbourhood"
                    | "neighborhoods"
                    | "neighbourhoods"
                    | "villages"
                    | "towns"
                    | "cities"
                    | "hills"
                    | "airport"
                    | "bases"
                    | "parts"
                    | "territories"
                    | "countryside"
                    | "outskirts"
                    | "suburb"
                    | "suburbs"
                    | "regions"
                    | "districts"
                    | "key"
                    | "strategic"
                    | "stronghold"
                    | "headquarters"
                    | "held"
                    | "controlled"
            )
        })
}

/// What the type decision needs to know about the event's actors and place.
pub struct TypeContext {
    /// actor1 is a state force (or clearly the government's side).
    pub actor1_state: Option<bool>,
    /// actor2's ACLED type, if any.
    pub actor2_type: Option<String>,
    /// The place is governed by "from" / "out of".
    pub from_place: bool,
}

fn armed_type(t: &str) -> bool {
    matches!(
        t,
        "State forces"
            | "Rebel group"
            | "Political militia"
            | "Identity militia"
            | "External/Other forces"
    )
}

/// ACLED sub-event type of a group (None: not an ACLED event, e.g. verbal).
pub fn subtype(g: &Group, words: &[Word], cx: &TypeContext) -> Option<&'static str> {
    use Class::*;
    let h = g.head();
    let passive = crate::arguments::is_passive(words, h.first, h.last, h.noun);
    let protest = g.has(Protest);
    Some(match h.class {
        Chem => "Chemical weapon",
        Territory | Regain => {
            let person_object = person_object(words, h);
            let fought = g.has(Clash)
                || g.has(Attack)
                || g.has(Kill)
                || g.hits.iter().any(|x| x.class.is_weapon());
            if g.has(Transfer) || (g.has(Withdraw) && !fought) {
                "Non-violent transfer of territory"
            } else if person_object && h.class == Territory {
                if cx.actor1_state == Some(false) {
                    "Abduction/forced disappearance"
                } else {
                    "Arrests"
                }
            } else {
                match (h.class, cx.actor1_state) {
                    (_, Some(true)) => "Government regains territory",
                    (_, Some(false)) => "Non-state actor overtakes territory",
                    (Regain, None) => "Government regains territory",
                    _ => "Non-state actor overtakes territory",
                }
            }
        }
        // "intercepted 15 suspected members of a terrorist group": people stopped are arrested.
        Disrupt
            if words[h.first].text.starts_with("intercept")
                && (victims(words, h.first, h.last, passive) != Victims::Unknown
                    || words[h.last + 1..]
                        .iter()
                        .take(5)
                        .take_while(|w| !w.punct)
                        .any(|w| PERSON_NOUNS.contains(&w.text))) =>
        {
            if cx.actor1_state == Some(false) {
                "Abduction/forced disappearance"
            } else {
                "Arrests"
            }
        }
        Disrupt => "Disrupted weapons use",
        Suicide => "Suicide bomb",
        // Aircraft that only fly ("military planes entered the air defence zone") are a
        // movement of forces; an air strike needs a blow (a strike, bombs, a target, victims).
        Air if g
            .hits
            .iter()
            .all(|x| x.class != Air || air_vehicle(words, x))
            && !g.hits.iter().any(|x| {
                x.class != Air
                    && !matches!(x.class, Move | Enter | Change | Intervene | Force | Violent)
                    && !x.class.is_verbal()
            })
            && !words.iter().any(|w| STRIKE_WORDS.contains(&w.text)) =>
        {
            "Change to group/activity"
        }
        Air => "Air/drone strike",
        Shell => "Shelling/artillery/missile attack",
        Ied | Blast => "Remote explosive/landmine/IED",
        Grenade => "Grenade",
        Bomb => {
            if h.noun || cx.actor1_state != Some(true) {
                "Remote explosive/landmine/IED"
            } else {
                "Air/drone strike"
            }
        }
        Protest | Riot | Mob | ViolentDemo if protest || h.class != ViolentDemo => {
            // Force against the protesters outranks the crowd's own violence ("security forces
            // opened fire on protesters amid the unrest"); the crowd's violence needs its own
            // words ("threw stones", "rioters").
            // Killings or attacks that only set the circumstances ("marched over the shooting
            // of", "rallies against the execution of") are not force against this crowd.
            // So is what the crowd protests about ("marched in a peaceful protest over the
            // deadly shooting of", "took to the streets to decry the arrests and violence"): a
            // circumstance or protest-object word between the protest word and the trigger.
            let about = |x: &Hit| {
                g.hits
                    .iter()
                    .filter(|p| p.class == Protest && p.last < x.first)
                    .any(|p| {
                        let between = &words[p.last + 1..x.first];
                        // "to protest the arrests": the object of a protest verb.
                        let object =
                            matches!(words[p.first].text, "protest" | "protested" | "protesting")
                                && p.first > 0
                                && matches!(words[p.first - 1].text, "to" | "they" | "who")
                                && between.len() <= 2
                                && between.iter().all(|w| {
                                    matches!(
                                        w.text,
                                        "the"
                                            | "a"
                                            | "an"
                                            | "their"
                                            | "his"
                                            | "her"
                                            | "its"
                                            | "recent"
                                            | "mass"
                                    )
                                });
                        object
                            || between.iter().any(|w| {
                                CIRCUMSTANCE.contains(&w.text) || PROTEST_OBJECT.contains(&w.text)
                            })
                    })
            };
            let told = |c: Class| {
                g.hits
                    .iter()
                    .any(|x| x.class == c && !circumstantial(words, x) && !about(x))
            };
            let force = told(Kill)
                || (told(Attack) && cx.actor1_state != Some(false))
                || (g.has(Intervene) && g.has(Injure))
                || g.has(Force);
            // Clashes between the crowd and the police are the crowd's violence too.
            // "violent crackdown" is the police's violence, not the crowd's.
            let in_force = |x: &Hit| {
                g.hits
                    .iter()
                    .any(|f| f.class == Force && f.first <= x.first && x.last <= f.last)
            };
            // The crowd's violence is what the protest is about only when a circumstance or
            // object word governs it closely ("to decry the violence", "against police
            // violence"); "protests against the election have turned violent" and "protests
            // after demonstrators clashed with police" are the crowd's own.
            let about_near = |x: &Hit| {
                words[x.first.saturating_sub(4)..x.first]
                    .iter()
                    .rev()
                    .take_while(|w| !w.punct && !CROWD_NOUNS.contains(&w.text))
                    .any(|w| CIRCUMSTANCE.contains(&w.text) || PROTEST_OBJECT.contains(&w.text))
            };
            let crowd_violence = g.has(ViolentDemo)
                || g.hits
                    .iter()
                    .any(|x| x.class == Violent && !in_force(x) && !about_near(x))
                || (protest && g.has(Clash));
            let riot = g.has(Riot) || crowd_violence;
            let obstruct_only = !(g.has(Riot) || g.has(Violent) || protest && g.has(Clash))
                && g.hits
                    .iter()
                    .filter(|x| x.class == ViolentDemo)
                    .all(|x| x.cameo == "144");
            if g.has(Mob) && !protest {
                "Mob violence"
            } else if force && protest && !crowd_violence {
                "Excessive force against protesters"
            } else if riot && obstruct_only && (g.has(Intervene) || told(Detain)) {
                // Blocking a road is not violence by itself (ACLED: road blocks with burning
                // tires are); with the police stepping in it is a protest with intervention.
                "Protest with intervention"
            } else if riot {
                "Violent demonstration"
            } else if told(Kill) || told(Attack) || g.has(Force) {
                "Excessive force against protesters"
            } else if g.has(Intervene) || told(Detain) {
                "Protest with intervention"
            } else {
                "Peaceful protest"
            }
        }
        Sexual => "Sexual violence",
        // "security forces shot live rounds to clear protests": force ACLED calls excessive,
        // used on a crowd, even when the protest is named as the force's purpose.
        Clash | Attack | Kill if g.has(Force) && protest => "Excessive force against protesters",
        Clash => "Armed clash",
        Attack | Kill
            if h.class == Attack
                && !g.has(Kill)
                && !g.has(Injure)
                && !g.has(Dead)
                && property_target(words, h.first, h.last, passive) =>
        {
            // ACLED: destruction of property with no one harmed.
            "Looting/property destruction"
        }
        // An execution or a beheading kills the defenceless, whoever they were ("executed 50
        // captive troops"): ACLED's attack, not a clash; "executed an attack" is no killing.
        Attack | Kill
            if h.class == Kill
                && (words[h.first].text.starts_with("execut")
                    || words[h.first].text.starts_with("behead"))
                && !words[h.last + 1..].iter().take(3).any(|w| {
                    matches!(
                        w.text,
                        "attack"
                            | "attacks"
                            | "operation"
                            | "operations"
                            | "plan"
                            | "plans"
                            | "order"
                            | "orders"
                            | "raid"
                            | "raids"
                            | "strike"
                            | "strikes"
                    )
                }) =>
        {
            "Attack"
        }
        Attack | Kill => {
            let mut v = victims(words, h.first, h.last, passive);
            // "ten Russian soldiers killed in ...": the participle follows its victims.
            if v == Victims::Unknown
                && h.class == Kill
                && h.first > 0
                && crate::arguments::ARMED_WORDS.contains(&words[h.first - 1].text)
                && words[h.first].text.ends_with("ed")
            {
                v = Victims::Armed;
            }
            match v {
                Victims::Civilian => "Attack",
                Victims::Armed => "Armed clash",
                Victims::Unknown => match cx.actor2_type.as_deref() {
                    Some("Civilians") => "Attack",
                    Some(t) if armed_type(t) => "Armed clash",
                    _ if h.class == Attack => "Armed clash",
                    _ => "Attack",
                },
            }
        }
        Abduct => "Abduction/forced disappearance",
        // "detained while trying to hold demonstrations": the protest was stopped.
        Detain
            if g.hits.iter().any(|p| {
                p.class == Protest
                    && p.first > h.first
                    && words[p.first.saturating_sub(4)..p.first].iter().any(|w| {
                        matches!(
                            w.text,
                            "trying" | "tried" | "attempt" | "attempting" | "attempted"
                        )
                    })
            }) =>
        {
            "Protest with intervention"
        }
        Detain => {
            if cx.actor1_state == Some(false) {
                "Abduction/forced disappearance"
            } else {
                "Arrests"
            }
        }
        Withdraw => {
            if cx.from_place || g.has(Transfer) {
                "Non-violent transfer of territory"
            } else {
                "Change to group/activity"
            }
        }
        Transfer => "Non-violent transfer of territory",
        Hq => "Headquarters or base established",
        ViolentDemo
            if matches!(
                words[h.first].text,
                "threw"
                    | "throws"
                    | "shut"
                    | "block"
                    | "blocks"
                    | "blocking"
                    | "throwing"
                    | "pelted"
                    | "pelting"
                    | "hurled"
                    | "thrown"
                    | "projectiles"
                    | "were"
                    | "stone"
                    | "blocked"
                    | "molotov"
                    | "petrol"
                    | "burning"
                    | "burned"
                    | "barricade"
                    | "barricades"
            ) =>
        {
            "Violent demonstration"
        }
        Loot | ViolentDemo => "Looting/property destruction",
        Agreement => "Agreement",
        Move | Enter | Change => "Change to group/activity",
        Other => "Other",
        _ => return None,
    })
}
