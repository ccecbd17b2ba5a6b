//! Control claims: who holds or lost a place, from the territorial events (regains, overtakes,
//! non-violent transfers and pullouts) and from what the text says outright ("Rutba is now free of
//! Daesh", "the jihadist stronghold of Fallujah", "a jihadist bastion on the border", "established
//! full control over the city", "some Daesh fighters remain"). Holders are canonical actor names,
//! "contested", or None (no holder). One claim per place, kind and holder.

use crate::input::Annotated;
use crate::record::{
    Certainty, ControlClaim, ControlDate, ControlKind, ControlPlace, Event, Evidence,
};
use sitrep_geo::{PlaceKind, PlaceMention};
use sitrep_text::{Document, Span};

/// Control claims of one article, given its events.
pub fn claims(a: &Annotated, events: &[Event]) -> Vec<ControlClaim> {
    let mut out: Vec<ControlClaim> = Vec::new();
    for e in events {
        if let Some(c) = from_event(a, e) {
            push(&mut out, c);
        }
    }
    for c in from_text(a, events) {
        push(&mut out, c);
    }
    merge_changes(&mut out);
    // A place the text calls contested ("some fighters remain") did not simply lose its holder.
    let contested: Vec<ControlPlace> = out
        .iter()
        .filter(|c| c.holder.as_deref() == Some("contested"))
        .map(|c| c.place.clone())
        .collect();
    out.retain(|c| {
        !(c.kind == ControlKind::Change
            && c.new_holder.is_none()
            && contested.iter().any(|p| same_place(p, &c.place)))
    });
    out
}

/// The same change told twice ("established control over the city last month", "the retaking
/// of Ramadi" in a later quote) is one change: keep the earliest date, and the previous holder
/// from whichever telling names it.
fn merge_changes(out: &mut Vec<ControlClaim>) {
    let mut i = 0;
    while i < out.len() {
        let mut j = i + 1;
        while j < out.len() {
            let (a, b) = (&out[i], &out[j]);
            let same = a.kind == ControlKind::Change
                && b.kind == ControlKind::Change
                && same_place(&a.place, &b.place)
                && a.new_holder == b.new_holder
                && (a.previous_holder == b.previous_holder
                    || a.previous_holder.is_none()
                    || b.previous_holder.is_none());
            if same {
                let b = out.remove(j);
                let a = &mut out[i];
                if a.previous_holder.is_none() {
                    a.previous_holder = b.previous_holder.clone();
                }
                if b.date.range[0] < a.date.range[0] {
                    a.date = b.date;
                    a.evidence = b.evidence;
                    a.certainty = b.certainty;
                }
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

fn push(out: &mut Vec<ControlClaim>, c: ControlClaim) {
    let same = |x: &ControlClaim| {
        x.kind == c.kind
            && same_place(&x.place, &c.place)
            && x.new_holder == c.new_holder
            && x.holder == c.holder
            && (x.kind == ControlKind::Holds
                || x.previous_holder == c.previous_holder
                || c.previous_holder.is_none())
    };
    if !out.iter().any(same) {
        out.push(c);
    }
}

fn same_place(a: &ControlPlace, b: &ControlPlace) -> bool {
    match (a.geonameid, b.geonameid) {
        (Some(x), Some(y)) => x == y,
        _ => sitrep_text::fold(&a.name) == sitrep_text::fold(&b.name),
    }
}

const WITHDRAW: &[&str] = &[
    "withdr", "pull", "retreat", "abandon", "evacuat", "left", "leave", "fled", "flee", "quit",
    "vacat",
];
const PARTIAL: &[&str] = &[
    "some",
    "part",
    "partial",
    "partially",
    "several",
    "most",
    "many",
];

fn has_stem(doc: &Document, span: Span, stems: &[&str]) -> bool {
    tokens_in(doc, span).any(|t| stems.iter().any(|s| t.norm.starts_with(s)))
}

fn tokens_in(doc: &Document, span: Span) -> impl Iterator<Item = &sitrep_text::Token> {
    let t0 = doc.token_at_or_after(span.start);
    doc.tokens[t0..]
        .iter()
        .take_while(move |t| t.span.end <= span.end)
}

fn withdrawn_from(doc: &Document, ev: Span, place_start: usize) -> bool {
    let p = doc.token_at_or_after(place_start);
    let lo = doc.token_at_or_after(ev.start).max(p.saturating_sub(6));
    let Some(window) = doc.tokens.get(lo..p) else {
        return false;
    };
    window
        .iter()
        .any(|t| WITHDRAW.iter().any(|s| t.norm.starts_with(s)))
        && window
            .iter()
            .any(|t| matches!(t.norm.as_str(), "from" | "of" | "out"))
}

/// Only armed actors hold territory: not civilians, protesters or rioters, nor monitors, NGOs,
/// media and other bodies that report on a war.
fn can_hold_actor(x: &crate::record::EventActor) -> bool {
    can_hold(&x.actor_type, x.code.as_deref())
}

fn can_hold(actor_type: &str, code: Option<&str>) -> bool {
    if matches!(actor_type, "Civilians" | "Protesters" | "Rioters") {
        return false;
    }
    let code = code.unwrap_or("");
    !(code.starts_with("NGO")
        || code.starts_with("IGO")
        || ["HRI", "MED", "JRN", "EDU", "HLH"]
            .iter()
            .any(|r| code.contains(r)))
}

/// A territorial or withdrawal event as a change (or, for a partial pullout, contested).
fn from_event(a: &Annotated, e: &Event) -> Option<ControlClaim> {
    if matches!(e.certainty, Certainty::Denied | Certainty::Speculative) {
        return None;
    }
    let place = e.place.as_ref()?;
    if matches!(place.kind.as_str(), "country" | "water" | "admin1") {
        return None;
    }
    let sub = e.acled_sub_event_type.as_deref()?;
    let a1 = e
        .actor1
        .as_ref()
        .filter(|x| can_hold_actor(x))
        .map(|x| x.name.clone());
    let a2 = e
        .actor2
        .as_ref()
        .filter(|x| can_hold_actor(x))
        .map(|x| x.name.clone());
    let ev = Span::new(e.evidence.start, e.evidence.end);
    // A withdrawal *from this place*: "pulled its fighters out of Rutba", "withdrew from Hit" —
    // not "this withdrawal ... the retaking of Ramadi".
    let withdraw_word = has_stem(a.doc, ev, WITHDRAW);
    let withdraw = withdraw_word && withdrawn_from(a.doc, ev, place.start);
    if withdraw_word
        && !withdraw
        && sub != "Government regains territory"
        && sub != "Non-state actor overtakes territory"
    {
        return None;
    }
    let partial = withdraw && tokens_in(a.doc, ev).any(|t| PARTIAL.contains(&t.norm.as_str()));
    let (kind, prev, new, holder) = match sub {
        "Government regains territory" | "Non-state actor overtakes territory" => {
            (ControlKind::Change, a2, a1.clone(), None)
        }
        "Non-violent transfer of territory" | "Change to group/activity" if withdraw => {
            if partial {
                (
                    ControlKind::Holds,
                    None,
                    None,
                    Some("contested".to_string()),
                )
            } else {
                (ControlKind::Change, a1.clone(), a2, None)
            }
        }
        "Non-violent transfer of territory" => (ControlKind::Change, a2, a1.clone(), None),
        _ => return None,
    };
    if kind == ControlKind::Change && prev.is_none() && new.is_none() {
        return None;
    }
    let date = e.date.as_ref().map(|d| ControlDate {
        value: d.value.clone(),
        range: d.range.clone(),
    })?;
    Some(ControlClaim {
        record: "control".into(),
        doc_id: e.doc_id.clone(),
        kind,
        place: ControlPlace {
            name: place.name.clone(),
            geonameid: place.geonameid,
            lat: place.lat,
            lon: place.lon,
            country: Some(place.country.clone()),
            admin1: place.admin1.clone(),
            start: place.start,
            end: place.end,
        },
        previous_holder: prev,
        new_holder: new,
        holder,
        date,
        certainty: e.certainty,
        evidence: e.evidence.clone(),
    })
}

fn control_place(p: &PlaceMention) -> ControlPlace {
    ControlPlace {
        name: p.name.clone(),
        geonameid: p.geonameid,
        lat: p.lat,
        lon: p.lon,
        country: Some(p.country.clone()),
        admin1: p.admin1.clone(),
        start: p.start,
        end: p.end,
    }
}

fn is_settlement(p: &PlaceMention) -> bool {
    !p.demonym
        && matches!(
            p.kind,
            PlaceKind::City | PlaceKind::Admin2 | PlaceKind::Other
        )
}

/// The article's date as a control date ("as of" for standing facts).
fn doc_date(doc: &Document) -> Option<ControlDate> {
    let d = doc.published?.format("%Y-%m-%d").to_string();
    Some(ControlDate {
        value: d.clone(),
        range: [d.clone(), d],
    })
}

/// Descriptor words that name who holds a place, and the kind of actor they point to.
fn descriptor_side(w: &str) -> Option<bool> {
    // Some(true): a non-state armed group; Some(false): the state.
    match w {
        "jihadist" | "jihadists" | "jihadi" | "militant" | "militants" | "insurgent"
        | "insurgents" | "extremist" | "rebel" | "rebels" | "opposition" | "terrorist"
        | "terrorists" | "is" | "isis" | "isil" | "daesh" | "islamist" => Some(true),
        "regime" | "government" | "loyalist" | "army" | "pro-government" => Some(false),
        _ => None,
    }
}

const HOLD_NOUNS: &[&str] = &[
    "stronghold",
    "strongholds",
    "bastion",
    "bastions",
    "redoubt",
    "fiefdom",
    "capital",
    "heartland",
    "enclave",
];

/// The actor a descriptor ("jihadist", "regime") refers to: an actor mention in the descriptor
/// itself, else the article's most mentioned actor of that side (its mentions that contain the
/// descriptor word counted extra).
fn resolve_holder(a: &Annotated, desc: Span, word: &str, non_state: bool) -> Option<String> {
    if let Some(m) = a.who.actors.iter().find(|m| {
        Span::new(m.start, m.end).overlaps(desc) && can_hold(&m.actor_type, m.code.as_deref())
    }) {
        return Some(m.actor.clone());
    }
    let mut best: Vec<(String, usize)> = Vec::new();
    for m in &a.who.actors {
        let state = m.actor_type.to_ascii_lowercase().contains("state forces");
        if state == non_state || !can_hold(&m.actor_type, m.code.as_deref()) {
            continue;
        }
        let bonus = if sitrep_text::fold(&m.text).contains(word.trim_end_matches('s')) {
            5
        } else {
            1
        };
        match best.iter_mut().find(|(n, _)| *n == m.actor) {
            Some(b) => b.1 += bonus,
            None => best.push((m.actor.clone(), bonus)),
        }
    }
    best.into_iter().max_by_key(|(_, n)| *n).map(|(n, _)| n)
}

/// The place a phrase at `at` refers to: the nearest settlement mentioned before it, in the same
/// sentence or the one before.
fn antecedent_place<'p>(a: &'p Annotated, at: usize) -> Option<&'p PlaceMention> {
    let s = a.doc.sentence_at(at)?;
    let from = a.doc.sentences[s.saturating_sub(1)].span.start;
    a.places
        .iter()
        .rfind(|p| is_settlement(p) && p.start >= from && p.end <= at)
}

/// The territorial event at the same place, for the date and certainty of a text claim.
fn event_at<'e>(events: &'e [Event], p: &PlaceMention) -> Option<&'e Event> {
    events.iter().find(|e| {
        e.place
            .as_ref()
            .is_some_and(|ep| match (ep.geonameid, p.geonameid) {
                (Some(x), Some(y)) => x == y,
                _ => sitrep_text::fold(&ep.name) == sitrep_text::fold(&p.name),
            })
            && !matches!(e.certainty, Certainty::Denied | Certainty::Speculative)
    })
}

fn evidence(doc: &Document, span: Span) -> Evidence {
    Evidence {
        start: span.start,
        end: span.end,
        text: doc.slice(span).to_string(),
    }
}

fn sentence_span(doc: &Document, c: usize) -> Option<Span> {
    doc.sentence_at(c).map(|i| doc.sentences[i].span)
}

fn from_text(a: &Annotated, events: &[Event]) -> Vec<ControlClaim> {
    let doc = a.doc;
    let mut out = Vec::new();
    let toks = &doc.tokens;
    let n = toks.len();
    let norm = |i: usize| toks.get(i).map(|t| t.norm.as_str()).unwrap_or("");
    let place_at = |i: usize| {
        toks.get(i).and_then(|t| {
            a.places
                .iter()
                .find(|p| p.start == t.span.start && is_settlement(p))
        })
    };
    let claim = |kind,
                 place: &PlaceMention,
                 prev: Option<String>,
                 new: Option<String>,
                 holder: Option<String>,
                 at: usize,
                 date_hint: Option<ControlDate>|
     -> Option<ControlClaim> {
        let sent = sentence_span(doc, at)?;
        let ev = event_at(events, place);
        let date = date_hint.or_else(|| {
            if kind == ControlKind::Change {
                ev.and_then(|e| e.date.as_ref()).map(|d| ControlDate {
                    value: d.value.clone(),
                    range: d.range.clone(),
                })
            } else {
                None
            }
        });
        let date = date.or_else(|| doc_date(doc))?;
        let certainty = match (kind, ev) {
            (ControlKind::Change, Some(e)) => e.certainty.min(Certainty::Reported),
            _ => Certainty::Reported,
        };
        Some(ControlClaim {
            record: "control".into(),
            doc_id: doc.id.clone(),
            kind,
            place: control_place(place),
            previous_holder: prev,
            new_holder: new,
            holder,
            date,
            certainty,
            evidence: evidence(doc, sent),
        })
    };
    for i in 0..n {
        let w = norm(i);
        // "PLACE is now free of ACTOR", "PLACE was freed / liberated from ACTOR".
        if matches!(w, "free" | "freed" | "liberated" | "cleared")
            && matches!(norm(i + 1), "of" | "from")
        {
            let actor =
                a.who.actors.iter().find(|m| {
                    m.start >= toks[i + 1].span.end && m.start <= toks[i + 1].span.end + 3
                });
            let subj = (i.saturating_sub(4)..i).rev().find_map(place_at);
            if let (Some(m), Some(p)) = (actor, subj) {
                if let Some(c) = claim(
                    ControlKind::Change,
                    p,
                    Some(m.actor.clone()),
                    None,
                    None,
                    toks[i].span.start,
                    None,
                ) {
                    out.push(c);
                }
            }
        }
        // "the jihadist stronghold of Fallujah", "a jihadist bastion on the border".
        if HOLD_NOUNS.contains(&w) && i > 0 {
            let dw = norm(i - 1);
            if let Some(non_state) = descriptor_side(dw) {
                let place = if norm(i + 1) == "of" {
                    place_at(i + 2)
                } else {
                    antecedent_place(a, toks[i].span.start)
                };
                if let Some(p) = place {
                    let dspan = Span::new(toks[i - 1].span.start, toks[i].span.end);
                    if let Some(h) = resolve_holder(a, dspan, dw, non_state) {
                        if let Some(c) = claim(
                            ControlKind::Holds,
                            p,
                            None,
                            None,
                            Some(h),
                            toks[i].span.start,
                            None,
                        ) {
                            out.push(c);
                        }
                    }
                }
            }
        }
        // "IS-held Raqqa", "rebel-controlled Douma": one hyphenated token, folded "is held".
        if w.ends_with(" held") || w.ends_with(" controlled") {
            let x = w.split(' ').next().unwrap_or("");
            if let (Some(side), Some(p)) = (descriptor_side(x), place_at(i + 1)) {
                let dspan = toks[i].span;
                if let Some(h) = resolve_holder(a, dspan, x, side) {
                    if let Some(c) = claim(
                        ControlKind::Holds,
                        p,
                        None,
                        None,
                        Some(h),
                        dspan.start,
                        None,
                    ) {
                        out.push(c);
                    }
                }
            }
        }
        // "established (full) control over the city": the subject's actor gains the antecedent place.
        if w == "control"
            && matches!(norm(i + 1), "over" | "of")
            && (i.saturating_sub(3)..i).any(|k| {
                matches!(
                    norm(k),
                    "established"
                        | "establish"
                        | "took"
                        | "taken"
                        | "seized"
                        | "regained"
                        | "retook"
                        | "gained"
                        | "assumed"
                        | "imposed"
                )
            })
        {
            let target = i + 2 + usize::from(matches!(norm(i + 2), "the" | "a"));
            let place = place_at(i + 2).or_else(|| place_at(target)).or_else(|| {
                matches!(
                    norm(target),
                    "city" | "town" | "village" | "area" | "district"
                )
                .then(|| antecedent_place(a, toks[i].span.start))
                .flatten()
            });
            let Some(sent) = sentence_span(doc, toks[i].span.start) else {
                continue;
            };
            // The subject: the last actor before the verb that is not a prepositional object.
            let object_of_prep = |m: &&sitrep_actors::ActorMention| {
                let k = doc.token_at_or_after(m.start);
                k > 0
                    && matches!(
                        norm(k - 1),
                        "against" | "from" | "with" | "on" | "of" | "to" | "by" | "for" | "at"
                    )
            };
            let subject = a.who.actors.iter().rfind(|m| {
                m.start >= sent.start && m.end <= toks[i].span.start && !object_of_prep(m)
            });
            let other = a.who.actors.iter().find(|m| {
                m.start >= sent.start
                    && m.end <= sent.end
                    && subject.is_some_and(|s| s.actor != m.actor)
            });
            if let (Some(p), Some(s)) = (place, subject) {
                let date = a
                    .times
                    .iter()
                    .find(|t| t.start >= toks[i].span.end && t.end <= sent.end && t.range.is_some())
                    .and_then(|t| {
                        let r = t.range?;
                        Some(ControlDate {
                            value: t.value.clone(),
                            range: [r[0].to_string(), r[1].to_string()],
                        })
                    });
                if let Some(c) = claim(
                    ControlKind::Change,
                    p,
                    other.map(|o| o.actor.clone()),
                    Some(s.actor.clone()),
                    None,
                    toks[i].span.start,
                    date,
                ) {
                    out.push(c);
                }
            }
        }
        // "some Daesh fighters remain", "not a complete pullout": the place is contested.
        if matches!(w, "remain" | "remained" | "remains")
            || (w == "complete" && norm(i.saturating_sub(2)) == "not")
        {
            let Some(sent) = sentence_span(doc, toks[i].span.start) else {
                continue;
            };
            let partial = w == "complete"
                || (i.saturating_sub(4)..i).any(|k| matches!(norm(k), "some" | "several" | "few"));
            let fighters = w == "complete"
                || (i.saturating_sub(3)..i).any(|k| {
                    matches!(
                        norm(k),
                        "fighters" | "militants" | "members" | "jihadists" | "forces" | "men"
                    )
                });
            if partial && fighters {
                let place = a
                    .places
                    .iter()
                    .rfind(|p| {
                        is_settlement(p) && p.start >= sent.start && p.end <= toks[i].span.start
                    })
                    .or_else(|| antecedent_place(a, sent.start));
                if let Some(p) = place {
                    if let Some(c) = claim(
                        ControlKind::Holds,
                        p,
                        None,
                        None,
                        Some("contested".into()),
                        toks[i].span.start,
                        None,
                    ) {
                        out.push(c);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
