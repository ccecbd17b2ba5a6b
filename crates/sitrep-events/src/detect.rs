//! Event detection in one sentence: trigger matches (minus those inside place or actor names),
//! their modality, their grouping into happenings (one group per clause and day: ACLED's
//! atomicity), the dominant trigger of each group and its ACLED sub-event type.

use crate::arguments::{victims, Victims};
use crate::certainty::{modality, Modality};
use crate::coding::Class;
use crate::lexicon::{Lexicon, Match, Word};
use crate::mentions::CueKind;

/// One trigger occurrence in a sentence.
#[derive(Debug, Clone)]
pub struct Hit {
    pub class: Class,
    pub cameo: String,
    pub noun: bool,
    /// Word indices in the sentence.
    pub first: usize,
    pub last: usize,
    pub modality: Modality,
    /// Index into the sentence's time mentions of the time expression of this trigger's clause.
    pub time: Option<usize>,
}

/// Triggers that make one event.
#[derive(Debug, Clone)]
pub struct Group {
    pub hits: Vec<Hit>,
    /// Index into `hits` of the trigger that decides the type and the arguments.
    pub head: usize,
}

impl Group {
    pub fn head(&self) -> &Hit {
        &self.hits[self.head]
    }
    pub fn has(&self, c: Class) -> bool {
        self.hits.iter().any(|h| h.class == c)
    }
}

/// Precedence of classes inside one happening (lower wins): the most severe / most specific type.
fn rank(c: Class) -> u8 {
    use Class::*;
    match c {
        Chem => 0,
        Territory | Regain => 1,
        Disrupt => 2,
        Suicide => 3,
        Air => 4,
        Shell => 5,
        Ied => 6,
        Grenade => 7,
        Bomb => 8,
        Blast => 9,
        Protest => 9,
        Riot => 10,
        Mob => 11,
        Sexual => 12,
        Clash => 13,
        Attack => 14,
        Kill => 15,
        Abduct => 16,
        Detain => 17,
        Withdraw => 18,
        Transfer => 19,
        Hq => 20,
        Loot => 21,
        ViolentDemo => 22,
        Agreement => 23,
        Move => 24,
        Change => 25,
        Other => 26,
        Enter => 30,
        Intervene | Force => 40,
        Injure => 41,
        Dead => 42,
        _ => 50,
    }
}

/// Triggers of a sentence, with their modality, excluding those inside place names ("Hit") or
/// actor names ("Popular Mobilization Forces") unless the name itself signals the event.
pub fn hits(
    lex: &Lexicon,
    words: &[Word],
    blocked: &[(usize, usize, bool)],
    cues: &[(usize, CueKind)],
    times: &[(usize, usize)],
) -> Vec<Hit> {
    let ms: Vec<Match> = lex.find(words);
    let mut out = Vec::new();
    for m in ms {
        let t = &lex.triggers[m.trigger];
        let inside = blocked.iter().any(|&(a, b, is_actor)| {
            // Only a trigger wholly inside the name is the name's: one that runs past it
            // ("clashed with police", "Molotov cocktail") is read as a trigger.
            let within = a <= m.first && m.last <= b;
            within
                && !(is_actor
                    && matches!(
                        t.class,
                        Class::Protest
                            | Class::Riot
                            | Class::Mob
                            | Class::Attack
                            | Class::Suicide
                            | Class::Air
                    ))
        });
        if inside {
            continue;
        }
        // "wants to attack", "seeking to deepen" tell the speaker's own aim (read by the trigger
        // that follows); "wants Putin to attack" is an appeal.
        let w0 = words[m.first].text;
        if t.class == Class::Appeal
            && (w0.starts_with("want") || w0.starts_with("seek") || w0 == "sought")
            && words.get(m.last + 1).is_some_and(|w| w.text == "to")
        {
            continue;
        }
        // "released a statement / a video": no one was set free.
        if t.class == Class::Concede
            && w0.starts_with("releas")
            && (words[m.last + 1..]
                .iter()
                .take(3)
                .any(|w| RELEASED_THINGS.contains(&w.text))
                || m.first > 0 && RELEASED_THINGS.contains(&words[m.first - 1].text))
        {
            continue;
        }
        let modality = modality(words, m.first, cues);
        out.push(Hit {
            class: t.class,
            cameo: t.cameo.clone(),
            noun: t.noun,
            first: m.first,
            last: m.last,
            modality,
            time: None,
        });
    }
    assign_times(words, &mut out, times);
    out
}

/// What is "released" without anyone being freed.
const RELEASED_THINGS: &[&str] = &[
    "statement",
    "statements",
    "report",
    "reports",
    "video",
    "videos",
    "footage",
    "figures",
    "data",
    "results",
    "details",
    "album",
    "film",
    "images",
    "photos",
    "photographs",
    "pictures",
    "list",
    "names",
    "document",
    "documents",
    "recording",
    "audio",
    "communique",
    "tape",
    "text",
    "version",
    "update",
    "budget",
    "funds",
    "plan",
    "guidelines",
    "findings",
    "study",
    "survey",
    "information",
    "info",
    "transcript",
    "letter",
    "map",
    "record",
    "records",
    "toll",
    "number",
    "numbers",
];

/// Each trigger's time expression: the first after it in its comma-bounded segment, else the
/// last before it there.
fn assign_times(words: &[Word], hits: &mut [Hit], times: &[(usize, usize)]) {
    let seg_of = |i: usize| -> (usize, usize) {
        let mut a = i;
        while a > 0 && !words[a - 1].punct {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < words.len() && !words[b + 1].punct {
            b += 1;
        }
        (a, b)
    };
    for h in hits.iter_mut() {
        let (a, b) = seg_of(h.first);
        let after = times.iter().position(|&(f, _)| f > h.last && f <= b);
        let before = times.iter().rposition(|&(f, l)| l < h.first && f >= a);
        h.time = after.or(before);
    }
}

/// Group the sentence's event-making triggers: verbal triggers stand alone; the others join the
/// current group unless a semicolon separates them or their clauses carry different days.
pub fn group(words: &[Word], hits: Vec<Hit>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut open: Option<usize> = None;
    let mut last_word = 0;
    for h in hits {
        if h.class.is_verbal() {
            groups.push(Group {
                hits: vec![h],
                head: 0,
            });
            continue;
        }
        let join = match open {
            Some(g) => {
                let gtime = groups[g].hits.iter().find_map(|x| x.time);
                let split_time = matches!((gtime, h.time), (Some(a), Some(b)) if a != b);
                let semi = (last_word..h.first)
                    .any(|k| words[k].punct && matches!(words[k].text, ";" | ":"));
                !split_time && !semi
            }
            None => false,
        };
        last_word = h.last;
        if join {
            if let Some(g) = open {
                groups[g].hits.push(h);
            }
        } else {
            groups.push(Group {
                hits: vec![h],
                head: 0,
            });
            open = Some(groups.len() - 1);
        }
    }
    for g in groups.iter_mut() {
        compose(words, g);
        // Asserted triggers decide before non-asserted ones; then triggers that tell the
        // happening before those that only set its circumstances ("exchanged prisoners near the
        // scene of fierce fighting", "rallies against the execution of"); then precedence; then
        // text order.
        // A noun phrase is one circumstance or none: "after a poison gas attack" sets the
        // circumstances for both "gas" and "attack", whichever the scan sees first.
        let circ: Vec<bool> = g
            .hits
            .iter()
            .map(|x| {
                circumstantial(words, x)
                    || g.hits.iter().any(|y| {
                        y.last < x.first
                            && x.first - y.last <= 3
                            && (y.last + 1..x.first).all(|k| !words[k].punct)
                            && circumstantial(words, y)
                    })
            })
            .collect();
        let key = |i: usize| {
            let x = &g.hits[i];
            (
                x.modality != Modality::Asserted,
                circ[i],
                hit_rank(words, g, x),
            )
        };
        let mut best = 0;
        for i in 0..g.hits.len() {
            if key(i) < key(best) {
                best = i;
            }
        }
        g.head = best;
    }
    groups.retain(|g| !g.head().class.is_modifier() || g.head().class == Class::Enter);
    groups
}

/// Precedence of one trigger in its group: the class's `rank`, with three readings of the words.
/// "gunmen" names the doers, not what they did, so any other trigger decides first; beating or
/// torture during an arrest is the arrest's manner ("arrested and beat"); an attack with no one
/// killed or hurt is told by its outcome when the group has one ("attacked the compound,
/// abducting ...", "attacked them, looted the shops").
fn hit_rank(words: &[Word], g: &Group, x: &Hit) -> u8 {
    use Class::*;
    let w = words[x.first].text;
    match x.class {
        Attack if matches!(w, "gunmen" | "gunman") => 29,
        Kill if x.cameo == "182"
            && g.hits.iter().any(|d| {
                d.class == Detain && d.first < x.first && words[d.first].text.ends_with("ed")
            }) =>
        {
            28
        }
        Attack
            if !g.has(Kill)
                && !g.has(Injure)
                && !g.has(Dead)
                && (g.has(Abduct) || g.has(Loot) || g.has(Sexual)) =>
        {
            27
        }
        c => rank(c),
    }
}

/// Words that make what follows a circumstance of the sentence's happening, not the happening.
const CIRCUMSTANCE: &[&str] = &[
    "after",
    "amid",
    "amidst",
    "following",
    "despite",
    "during",
    "since",
    "against",
    "over",
    "retaliation",
    "response",
    "wake",
    "end",
    "ending",
    "ended",
    "stop",
    "halt",
    "scene",
    "of",
    "before",
    "ahead",
    "anticipation",
    "where",
];

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

/// Words right before a trigger that make it a noun ("a clash", "the fighting", "heavy fighting").
const NOMINAL_BEFORE: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "fierce",
    "heavy", "deadly", "fresh", "recent", "renewed", "violent", "bloody", "of", "mass", "ongoing",
    "planned", "upcoming", "weekly", "daily",
];

/// A noun trigger (or gerund) right after a circumstance word: "after two days of fighting",
/// "in retaliation for a gas attack". Verbs are never circumstantial.
pub fn circumstantial(words: &[Word], h: &Hit) -> bool {
    let nominal = h.first > 0 && NOMINAL_BEFORE.contains(&words[h.first - 1].text);
    if !h.noun
        && !nominal
        && !words[h.first].text.ends_with("ing")
        && !words[h.first].text.ends_with("ion")
    {
        return false;
    }
    let lo = h.first.saturating_sub(4);
    words[lo..h.first]
        .iter()
        .rev()
        .take_while(|w| !w.punct)
        .any(|w| CIRCUMSTANCE.contains(&w.text))
}

const WEAPON_WORDS: &[&str] = &[
    "weapons",
    "weapon",
    "arms",
    "ammunition",
    "explosives",
    "explosive",
    "rifles",
    "rifle",
    "guns",
    "gun",
    "grenades",
    "mortars",
    "rockets",
    "missiles",
    "munitions",
    "cache",
    "caches",
    "ieds",
    "ied",
    "bombs",
    "bomb",
    "device",
    "devices",
    "mines",
    "landmines",
    "detonators",
    "tnt",
    "drone",
    "drones",
    "belt",
    "vest",
    "pistols",
    "pistol",
    "revolvers",
    "revolver",
    "rifles",
    "carbine",
    "carbines",
    "bullets",
    "rounds",
    "cartridges",
    "firearms",
    "shells",
    "depot",
    "machine",
    "ordnance",
];

/// Combinations that make a type of their own: "set up a base" (headquarters), "found explosives" /
/// "seized weapons" (disrupted weapons use). The combined class is added as a trigger at the
/// position of its verb.
fn compose(words: &[Word], g: &mut Group) {
    fn find(g: &Group, c: Class) -> Option<Hit> {
        g.hits.iter().find(|h| h.class == c).cloned()
    }
    if let (Some(e), Some(_)) = (find(g, Class::Establish), find(g, Class::BaseNoun)) {
        g.hits.push(Hit {
            class: Class::Hq,
            cameo: "154".into(),
            ..e
        });
    }
    for c in [Class::Found, Class::Territory] {
        if let Some(f) = find(g, c) {
            // Weapons as the verb's object: "found ... explosives" may run long, a seizure's
            // object is close ("seized a large cache of weapons", not "captured a village ...
            // after aerial bombardment").
            let reach = if c == Class::Territory { 6 } else { 10 };
            let near = (f.last + 1..(f.last + reach).min(words.len()))
                .any(|k| WEAPON_WORDS.contains(&words[k].text))
                || (f.first.saturating_sub(4)..f.first)
                    .any(|k| WEAPON_WORDS.contains(&words[k].text));
            // "destroyed" disrupts weapons only when they are its object and no weapon event of
            // the group comes first ("the air strike destroyed a depot" stays an air strike).
            let destroy = words[f.first].text.starts_with("destroy");
            let weapon_before = g
                .hits
                .iter()
                .any(|h| h.class.is_weapon() && h.first < f.first);
            if destroy && weapon_before {
                continue;
            }
            let weapon_in_group = !destroy && g.hits.iter().any(|h| h.class.is_weapon());
            if near || (c == Class::Found && weapon_in_group) {
                g.hits.push(Hit {
                    class: Class::Disrupt,
                    cameo: "1711".into(),
                    ..f
                });
                g.hits.retain(|h| h.class != Class::Territory);
                break;
            }
        }
    }
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
            let person_object = victims(words, h.first, h.last, passive) != Victims::Unknown
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
                });
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
        Disrupt => "Disrupted weapons use",
        Suicide => "Suicide bomb",
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
                        words[p.last + 1..x.first].iter().any(|w| {
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
            let crowd_violence = g.has(ViolentDemo)
                || g.hits
                    .iter()
                    .any(|x| x.class == Violent && !in_force(x) && !about(x))
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
            } else if riot && obstruct_only && (g.has(Intervene) || g.has(Detain)) {
                // Blocking a road is not violence by itself (ACLED: road blocks with burning
                // tires are); with the police stepping in it is a protest with intervention.
                "Protest with intervention"
            } else if riot {
                "Violent demonstration"
            } else if told(Kill) || told(Attack) || g.has(Force) {
                "Excessive force against protesters"
            } else if g.has(Intervene) || g.has(Detain) {
                "Protest with intervention"
            } else {
                "Peaceful protest"
            }
        }
        Sexual => "Sexual violence",
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
