//! Event detection in one sentence: trigger matches (minus those inside place or actor names),
//! their modality, their grouping into happenings (one group per clause and day: ACLED's
//! atomicity) and the dominant trigger of each group (its ACLED sub-event type: `typing`).

use crate::certainty::{modality, Modality};
use crate::coding::Class;
use crate::lexicon::{Lexicon, Match, Word};
use crate::mentions::CueKind;
use words::{AIRCRAFT_HIT, EXPLODED, RELEASED_THINGS, UNIT_AS_OBJECT, WEAPON_SITES, WEAPON_WORDS};

mod recode;
#[cfg(test)]
mod tests;
mod words;

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
        // "free elections", "a free press": "free" is the verb only after an auxiliary or "to"
        // ("would free 150 prisoners", "agreed to free").
        if t.class == Class::Concede
            && w0 == "free"
            && !(m.first > 0
                && matches!(
                    words[m.first - 1].text,
                    "to" | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "must"
                        | "shall"
                        | "ll"
                        | "not"
                        | "cannot"
                        | "t"
                ))
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
        // "a regime missile base", "chemical weapons facilities", "nuclear missiles": weapons
        // named as a site, a stock or a topic are no use of them.
        if t.class.is_weapon() && t.noun {
            let mut k = m.last + 1;
            if words
                .get(k)
                .is_some_and(|w| matches!(w.text, "weapons" | "weapon"))
            {
                k += 1;
            }
            let site = words.get(k).is_some_and(|w| WEAPON_SITES.contains(&w.text));
            let nuclear = m.first > 0 && words[m.first - 1].text == "nuclear";
            if site || nuclear {
                continue;
            }
        }
        // "the air force said": an air force strikes only in a sentence telling a blow ("the
        // Syrian Air Force destroyed a number of vehicles"); aircraft that are the object of a
        // blow ("destroying several Apache helicopters") are its target, not its weapon.
        if t.class == Class::Air {
            let air_force = matches!(w0, "air" | "aerospace")
                && words
                    .get(m.first + 1)
                    .is_some_and(|w| w.text.starts_with("force"));
            if air_force
                && !words
                    .iter()
                    .any(|w| crate::typing::STRIKE_WORDS.contains(&w.text))
            {
                continue;
            }
            let target = words[m.first.saturating_sub(4)..m.first]
                .iter()
                .rev()
                .take_while(|w| !w.punct && w.text != "by")
                .any(|w| AIRCRAFT_HIT.contains(&w.text));
            if target && crate::typing::air_vehicle_words(&words[m.first..=m.last]) {
                continue;
            }
        }
        // "its long-threatened invasion", "the threatened strike": an adjective, no threat made.
        if t.class == Class::Threaten
            && w0 == "threatened"
            && m.first > 0
            && matches!(
                words[m.first - 1].text,
                "long" | "much" | "often" | "oft" | "its" | "the" | "their" | "his" | "her" | "a"
            )
        {
            continue;
        }
        // "near a coalition patrol", "against a convoy": a unit named as a place or a target is
        // no movement of forces.
        if t.class == Class::Move
            && (w0.starts_with("patrol") || w0.starts_with("convoy"))
            && words[m.first.saturating_sub(3)..m.first]
                .iter()
                .rev()
                .take_while(|w| !w.punct)
                .any(|w| UNIT_AS_OBJECT.contains(&w.text))
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
    recode::conditions_and_preparations(words, &mut out);
    recode::peacekeeping(words, &mut out);
    recode::drop_verbal_circumstances(words, &mut out);
    recode::drop_came_as_subject(words, &mut out);
    // "ordered patrols by police", "ordered troops to withdraw": an order to forces is told by
    // what it sets moving, the trigger that follows it.
    let ordered: Vec<usize> = out
        .iter()
        .enumerate()
        .filter(|(_, h)| h.class == Class::Request && words[h.first].text.starts_with("order"))
        .filter(|(_, h)| {
            out.iter().any(|x| {
                !x.class.is_verbal()
                    && !x.class.is_modifier()
                    && x.first > h.last
                    && x.first - h.last <= 6
                    && (h.last + 1..x.first).all(|k| !words[k].punct)
            })
        })
        .map(|(i, _)| i)
        .collect();
    for i in ordered.into_iter().rev() {
        out.remove(i);
    }
    assign_times(words, &mut out, times);
    out
}

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
                        // A verb after the noun makes a clause with its own predicate ("after
                        // one device detonated"), not one noun phrase — unless a relative pronoun
                        // ties it to the noun ("after a chemical attack which killed 250").
                        (!finite_verb(words[x.first].text)
                            || (y.last + 1..x.first)
                                .any(|k| matches!(words[k].text, "which" | "that" | "who")))
                            && y.last < x.first
                            && x.first - y.last <= 3
                            && (y.last + 1..x.first).all(|k| !words[k].punct)
                            && circumstantial(words, y)
                    })
            })
            .collect();
        // A modifier ("wounded", "dead") makes no event alone, so the happening that set its
        // circumstances decides before it ("soldiers were wounded after a suicide bomber blew
        // himself up").
        let key = |i: usize| {
            let x = &g.hits[i];
            (
                x.modality != Modality::Asserted,
                x.class.is_modifier() && x.class != Class::Enter,
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
/// abducting ...", "attacked them, looted the shops", "detained 12 in overnight raids").
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
                && (g.has(Abduct) || g.has(Loot) || g.has(Sexual) || g.has(Detain)) =>
        {
            27
        }
        // "detain people who organise or take part in the demonstrations": a protest named in a
        // relative clause on the people arrested describes them; the arrest is the event.
        Protest
            if g.hits.iter().any(|d| {
                d.class == Detain
                    && d.last < x.first
                    && (d.last + 1..x.first).any(|k| matches!(words[k].text, "who" | "whom"))
                    && (d.last + 1..x.first).all(|k| !words[k].punct)
            }) =>
        {
            rank(Detain) + 1
        }
        // "two others were captured alive": people taken are no territory, so the fighting
        // that took them decides.
        Territory if crate::typing::person_object(words, x) => rank(Detain),
        // "one device detonated inside a cathedral while several others were deactivated": an
        // explosion that happened outranks the devices stopped.
        Disrupt
            if !matches!(w, "prematurely" | "accidentally")
                && g.hits.iter().any(|b| {
                    b.class == Blast
                        && b.modality == Modality::Asserted
                        && (b.last < x.first || b.first > x.last)
                        && EXPLODED.contains(&words[b.first].text)
                        && !words[b.first.saturating_sub(3)..b.first]
                            .iter()
                            .any(|p| matches!(p.text, "before" | "prevent" | "prevented"))
                }) =>
        {
            rank(Blast) + 1
        }
        c => rank(c),
    }
}

/// A past-tense verb form ("detonated", "went", "blew"): the head of a clause, never inside a
/// noun phrase.
fn finite_verb(w: &str) -> bool {
    (w.ends_with("ed") && w != "red") || matches!(w, "went" | "blew" | "struck" | "fought")
}

/// Words that make what follows a circumstance of the sentence's happening, not the happening.
pub(crate) const CIRCUMSTANCE: &[&str] = &[
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
    "connection",
    "suspicion",
];

/// Words right before a trigger that make it a noun ("a clash", "the fighting", "heavy fighting").
const NOMINAL_BEFORE: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "fierce",
    "heavy", "deadly", "fresh", "recent", "renewed", "violent", "bloody", "of", "mass", "ongoing",
    "planned", "upcoming", "weekly", "daily", "s",
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
    // Up to four words back; a possessive name counts as one word, like the determiner it
    // stands for ("before President Uhuru Kenyatta's rally").
    let mut counted = 0;
    let mut j = h.first;
    while j > 0 && counted < 4 {
        j -= 1;
        let w = &words[j];
        if w.punct {
            return false;
        }
        if CIRCUMSTANCE.contains(&w.text) {
            return true;
        }
        if w.text == "s" && j > 0 && words[j - 1].cap && !words[j - 1].punct {
            while j > 0 && words[j - 1].cap && !words[j - 1].punct {
                j -= 1;
            }
        }
        counted += 1;
    }
    false
}

/// "a site where displaced families are located", "the town is located near": "located" that
/// tells where something is, not that it was found.
fn where_located(words: &[Word], h: &Hit) -> bool {
    if words[h.first].text != "located" {
        return false;
    }
    let before = &words[h.first.saturating_sub(5)..h.first];
    let be = before
        .last()
        .is_some_and(|w| matches!(w.text, "is" | "are" | "was" | "were" | "be"));
    let place_after = words.get(h.last + 1).is_some_and(|w| {
        matches!(
            w.text,
            "in" | "near" | "at" | "on" | "south" | "north" | "east" | "west" | "about" | "some"
        )
    });
    before.iter().any(|w| w.text == "where") || (be && place_after)
}

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
        if let Some(f) = g
            .hits
            .iter()
            .find(|h| h.class == c && !(c == Class::Found && where_located(words, h)))
            .cloned()
        {
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
