//! ACLED's associated actors of an event: actors acting alongside actor1 or actor2 in the same
//! happening, read from the sentence's structure — coordinated mentions ("Syrian troops and
//! Hezbollah fighters attacked", "attacked X and Y"), support phrases ("backed by Russian
//! warplanes", "with the help of", "alongside", "allied to", "loyal to", "in support of") — and
//! the identity group of civilians ("Yazidi civilians": actor Civilians (Iraq), associated actor
//! the Yazidi group). A backer named only as an adjective ("US-backed forces") is not associated:
//! it is not said to act. Associated actors never repeat actor1, actor2 or each other.

use crate::lexicon::Word;
use crate::mentions::ActorRef;
use crate::record::EventActor;

/// An actor mention of the sentence: index into the document's actors, first and last word.
#[derive(Debug, Clone, Copy)]
pub struct AtWords {
    pub actor: usize,
    pub first: usize,
    pub last: usize,
}

/// Indices (into the document's actors) of the associated actors of each side.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Assoc {
    pub actor1: Vec<usize>,
    pub actor2: Vec<usize>,
}

/// Which side a support phrase attaches to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attach {
    /// The nearest event actor before the phrase (the noun it modifies), else the doer.
    Preceding,
    /// Always the doer's side ("struck in support of government troops").
    Doer,
}

/// Support phrases: the words, and where the supporter's side is.
const SUPPORT: &[(&[&str], Attach)] = &[
    (&["backed", "by"], Attach::Preceding),
    (&["backed", "up", "by"], Attach::Preceding),
    (&["supported", "by"], Attach::Preceding),
    (&["aided", "by"], Attach::Preceding),
    (&["assisted", "by"], Attach::Preceding),
    (&["helped", "by"], Attach::Preceding),
    (&["accompanied", "by"], Attach::Preceding),
    (&["escorted", "by"], Attach::Preceding),
    (&["reinforced", "by"], Attach::Preceding),
    (&["joined", "by"], Attach::Preceding),
    (&["flanked", "by"], Attach::Preceding),
    (&["with", "the", "help", "of"], Attach::Preceding),
    (&["with", "the", "support", "of"], Attach::Preceding),
    (&["with", "the", "backing", "of"], Attach::Preceding),
    (&["with", "the", "assistance", "of"], Attach::Preceding),
    (&["with", "the", "air", "support", "of"], Attach::Preceding),
    (&["with", "help", "from"], Attach::Preceding),
    (&["with", "support", "from"], Attach::Preceding),
    (&["with", "backing", "from"], Attach::Preceding),
    (&["with", "air", "support", "from"], Attach::Preceding),
    (&["alongside"], Attach::Preceding),
    (&["along", "with"], Attach::Preceding),
    (&["together", "with"], Attach::Preceding),
    (&["in", "cooperation", "with"], Attach::Preceding),
    (&["in", "coordination", "with"], Attach::Preceding),
    (&["in", "conjunction", "with"], Attach::Preceding),
    (&["allied", "to"], Attach::Preceding),
    (&["allied", "with"], Attach::Preceding),
    (&["loyal", "to"], Attach::Preceding),
    (&["in", "support", "of"], Attach::Doer),
];

/// Whether the "by" governing the mention at word `wi` ends a support phrase ("backed by X") that
/// starts after the trigger's last word `tl`: X is a supporter, not the agent of the event's verb.
/// (When the support verb is the trigger itself, X is its agent.)
pub fn supporter_by(words: &[Word], wi: usize, tl: usize) -> bool {
    let Some(by) = (wi.saturating_sub(3)..wi)
        .rev()
        .find(|&i| words[i].text == "by")
    else {
        return false;
    };
    SUPPORT.iter().any(|(p, _)| {
        p.last() == Some(&"by")
            && by + 1 >= p.len()
            && by + 1 - p.len() > tl
            && p.iter()
                .zip(&words[by + 1 - p.len()..=by])
                .all(|(a, w)| *a == w.text)
    })
}

/// Words that may stand between a support phrase and its actor ("backed by the", "by allied").
const LEAD_IN: &[&str] = &["the", "their", "its", "his", "her", "allied", "a", "an"];

/// Words of a coordination between two mentions ("X and Y", "X, Y", "X as well as their allies").
const LINKS: &[&str] = &["and", ",", "as", "well", "the", "their", "its", "allied"];

/// Whether words `from..to` (exclusive) join two coordinated mentions, and whether they hold a
/// true conjunction ("and", "as well as") rather than a bare comma.
fn coordination(words: &[Word], from: usize, to: usize) -> Option<bool> {
    if to <= from || to - from > 4 {
        return None;
    }
    let gap = &words[from..to];
    if !gap.iter().all(|w| LINKS.contains(&w.text)) {
        return None;
    }
    let and = gap.iter().any(|w| w.text == "and")
        || gap
            .windows(2)
            .any(|p| p[0].text == "as" && p[1].text == "well");
    let comma = gap.iter().any(|w| w.text == ",");
    // "as" alone or a bare determiner is no link.
    (and || comma).then_some(and)
}

/// The mentions coordinated with `at` (in text order, `at` excluded), when the list holds a
/// conjunction; none across the trigger words `tf..=tl`.
fn coordinated(words: &[Word], sent: &[AtWords], at: usize, tf: usize, tl: usize) -> Vec<usize> {
    let Some(k) = sent.iter().position(|x| x.actor == at) else {
        return Vec::new();
    };
    let before_trigger = sent[k].last < tf;
    let same_side = |x: &AtWords| {
        if before_trigger {
            x.last < tf
        } else {
            x.first > tl
        }
    };
    let mut members = Vec::new();
    let mut any_and = false;
    // Rightwards.
    let mut cur = k;
    while let Some(nx) = (cur + 1 < sent.len()).then_some(cur + 1) {
        let (a, b) = (&sent[cur], &sent[nx]);
        if !same_side(b) {
            break;
        }
        match coordination(words, a.last + 1, b.first) {
            Some(and) => {
                any_and |= and;
                members.push(b.actor);
                cur = nx;
            }
            None => break,
        }
    }
    // Leftwards.
    let mut cur = k;
    while cur > 0 {
        let (a, b) = (&sent[cur - 1], &sent[cur]);
        if !same_side(a) {
            break;
        }
        match coordination(words, a.last + 1, b.first) {
            Some(and) => {
                any_and |= and;
                members.push(a.actor);
                cur -= 1;
            }
            None => break,
        }
    }
    // "clashes between X and Y": the list names the two sides, not allies.
    let lead = sent[cur].first;
    let between = (lead.saturating_sub(2)..lead).any(|i| words[i].text == "between");
    if !any_and || between {
        return Vec::new();
    }
    members
}

/// A country or capital standing for its state ("Syria", "Moscow": a code of the country alone):
/// in a list it is most often a place or a party to talks, not a force in the field.
fn bare_state(a: &ActorRef) -> bool {
    a.code.as_deref().is_some_and(|c| c.len() == 3)
}

/// The same state as `main` ("government forces loyal to President X"): no second actor.
fn same_state(a: &ActorRef, main: &ActorRef) -> bool {
    let country = |x: &ActorRef| {
        x.code
            .as_deref()
            .and_then(|c| c.get(..3))
            .map(str::to_string)
    };
    a.actor_type == "State forces"
        && main.actor_type == "State forces"
        && country(a).is_some()
        && country(a) == country(main)
}

/// The associated actors of an event whose trigger spans words `tf..=tl`, with actor1 `a1` and
/// actor2 `a2` (indices into `actors`). `symmetric`: the event's sides are named alike ("X and Y
/// clashed", "X and Y agreed"), so a partner coordinated with a lone actor1 is the other side.
pub fn associated(
    words: &[Word],
    sent: &[AtWords],
    actors: &[ActorRef],
    a1: Option<usize>,
    a2: Option<usize>,
    (tf, tl): (usize, usize),
    symmetric: bool,
) -> Assoc {
    let mut out = Assoc::default();
    let find = |x: Option<usize>| x.and_then(|i| sent.iter().find(|s| s.actor == i).copied());
    let (w1, w2) = (find(a1), find(a2));
    let not_state = |i: &usize| actors.get(*i).is_some_and(|a| !bare_state(a));
    // Coordinated mentions.
    if let Some(x) = w1 {
        if !(symmetric && a2.is_none()) {
            out.actor1 = coordinated(words, sent, x.actor, tf, tl);
            out.actor1.retain(not_state);
        }
    }
    if let Some(x) = w2 {
        out.actor2 = coordinated(words, sent, x.actor, tf, tl);
        out.actor2.retain(not_state);
    }
    // Support phrases, attached to the mention right before them (or, fronted at the start of
    // the sentence, to actor1 after them).
    let (side1, side2): (Vec<usize>, Vec<usize>) = (
        a1.into_iter().chain(out.actor1.iter().copied()).collect(),
        a2.into_iter().chain(out.actor2.iter().copied()).collect(),
    );
    for c in 0..words.len() {
        let Some((phrase, attach)) = SUPPORT.iter().find(|(p, _)| {
            words.len() >= c + p.len()
                && p.iter()
                    .zip(&words[c..])
                    .all(|(a, w)| *a == w.text && !w.punct)
        }) else {
            continue;
        };
        // "US-backed by ...": a piece of a hyphenated word is no phrase start.
        if c > 0 && words[c - 1].tok == words[c].tok {
            continue;
        }
        let e = c + phrase.len();
        let mut j = e;
        while j < words.len() && j < e + 2 && LEAD_IN.contains(&words[j].text) {
            j += 1;
        }
        let Some(sup) = sent.iter().find(|s| s.first >= e && s.first <= j) else {
            continue;
        };
        // The support verb is the event itself ("X backed by Y"): its agent is no ally.
        if Some(sup.actor) == a1 || Some(sup.actor) == a2 {
            continue;
        }
        let on_side2 = match attach {
            Attach::Doer => false,
            Attach::Preceding => {
                let modified = sent
                    .iter()
                    .rev()
                    .find(|m| m.last < c)
                    .filter(|m| (m.last + 1..c).all(|k| words[k].text == ","));
                match modified {
                    Some(m) if side1.contains(&m.actor) => false,
                    Some(m) if side2.contains(&m.actor) => true,
                    None if words[..c].iter().all(|w| w.punct)
                        && w1.is_some_and(|x| x.first > c) =>
                    {
                        false
                    }
                    _ => continue,
                }
            }
        };
        let mut found = vec![sup.actor];
        found.extend(
            coordinated(words, sent, sup.actor, tf, tl)
                .into_iter()
                .filter(not_state),
        );
        let (list, main) = if on_side2 {
            (&mut out.actor2, a2)
        } else {
            (&mut out.actor1, a1)
        };
        let Some(main) = main.and_then(|i| actors.get(i)) else {
            continue;
        };
        list.extend(
            found
                .into_iter()
                .filter(|&i| actors.get(i).is_some_and(|a| !same_state(a, main))),
        );
    }
    // No repeats: not actor1 or actor2, not twice, not on both sides.
    let name = |i: usize| actors.get(i).map(|a| a.name.as_str()).unwrap_or("");
    let mut seen: Vec<&str> = [a1, a2].iter().flatten().map(|&i| name(i)).collect();
    for list in [&mut out.actor1, &mut out.actor2] {
        list.retain(|&i| {
            let n = name(i);
            if n.is_empty() || seen.contains(&n) {
                false
            } else {
                seen.push(n);
                true
            }
        });
    }
    out
}

/// ACLED names civilians "Civilians (Country)" and records their identity group as an associated
/// actor: an identity-group mention of type Civilians ("Yazidi civilians" → "Yazidi Religious
/// Group (Iraq)") becomes the generic actor, and the group — spanning the mention's capitalised
/// identity words ("Yazidi") — is returned as its associated actor.
pub fn split_identity(actor: &mut EventActor) -> Option<EventActor> {
    let (base, country) = match actor.name.split_once(" (") {
        Some((b, c)) => (b, c.strip_suffix(')')),
        None => (actor.name.as_str(), None),
    };
    if actor.actor_type != "Civilians" || !base.ends_with(" Group") {
        return None;
    }
    let generic = match country {
        Some(c) => format!("Civilians ({c})"),
        None => "Civilians".to_string(),
    };
    // The identity words: the capitalised words of the mention after a leading "the".
    let chars: Vec<char> = actor.text.chars().collect();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        words.push((s, i));
    }
    let cap = |&(s, _): &(usize, usize)| chars[s].is_uppercase();
    let skip = usize::from(words.first().is_some_and(|&(s, e)| {
        chars[s..e]
            .iter()
            .collect::<String>()
            .eq_ignore_ascii_case("the")
    }));
    let idents: Vec<&(usize, usize)> = words[skip..].iter().take_while(|w| cap(w)).collect();
    let (s, e) = match (idents.first(), idents.last()) {
        (Some(f), Some(l)) if idents.len() < words.len() - skip => (f.0, l.1),
        _ => (0, chars.len()),
    };
    let group = EventActor {
        name: actor.name.clone(),
        actor_type: actor.actor_type.clone(),
        code: actor.code.clone(),
        text: chars[s..e].iter().collect(),
        start: actor.start + s,
        end: actor.start + e,
    };
    actor.name = generic;
    Some(group)
}

#[cfg(test)]
mod tests;
