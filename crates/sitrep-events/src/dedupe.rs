//! One happening told several times in one article ("pulled its fighters out of Rutba" in the
//! lead, again in the general's quote, again in the mayor's) is one event, as ACLED records it:
//! later retellings with the same sub-type, actor1, place, background flag and an overlapping
//! date fold into the first telling, which gains their sources. Different days stay different
//! events (ACLED's atomicity); hypothetical and denied tellings are never merged with asserted ones.

use crate::record::{Certainty, Event, EventActor};

fn asserted(c: Certainty) -> bool {
    !matches!(c, Certainty::Denied | Certainty::Speculative)
}

fn same_happening(a: &Event, b: &Event) -> bool {
    let Some(sub) = a.acled_sub_event_type.as_deref() else {
        return false; // verbal events are each their own statement
    };
    if b.acled_sub_event_type.as_deref() != Some(sub) || a.background != b.background {
        return false;
    }
    if asserted(a.certainty) != asserted(b.certainty) {
        return false;
    }
    let actor = |e: &Event| e.actor1.as_ref().map(|x| x.name.clone());
    let place = |e: &Event| e.place.as_ref().map(|p| (p.geonameid, p.name.clone()));
    if actor(a).is_none() || actor(a) != actor(b) || place(a) != place(b) {
        return false;
    }
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => x.range[0] <= y.range[1] && y.range[0] <= x.range[1],
        (None, None) => true,
        _ => false,
    }
}

/// A retelling's associated actors join the first telling's when they name someone it does not
/// already name; actor2's only when both tellings have the same actor2 (actor1 is always the same).
fn fold_associated(
    k: &mut Event,
    assoc1: Vec<EventActor>,
    assoc2: Vec<EventActor>,
    actor2: Option<&EventActor>,
) {
    let same_actor2 = matches!((&k.actor2, actor2), (Some(a), Some(b)) if a.name == b.name);
    let assoc2 = if same_actor2 { assoc2 } else { Vec::new() };
    for (a, side1) in assoc1
        .into_iter()
        .map(|a| (a, true))
        .chain(assoc2.into_iter().map(|a| (a, false)))
    {
        let mut named = k
            .actor1
            .iter()
            .chain(&k.actor2)
            .chain(&k.assoc_actor1)
            .chain(&k.assoc_actor2);
        if named.any(|x| x.name == a.name) {
            continue;
        }
        if side1 {
            k.assoc_actor1.push(a);
        } else {
            k.assoc_actor2.push(a);
        }
    }
}

/// Fold repeated tellings into their first telling, keeping text order.
pub fn merge_repeats(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    for e in events {
        match out.iter_mut().find(|k| same_happening(k, &e)) {
            Some(k) => {
                for s in e.sources {
                    if !k.sources.iter().any(|x| x.name == s.name) {
                        k.sources.push(s);
                    }
                }
                k.certainty = k.certainty.max(e.certainty);
                fold_associated(k, e.assoc_actor1, e.assoc_actor2, e.actor2.as_ref());
                // The first telling's toll stands (the lead gives the toll of the happening);
                // a retelling fills it in only when the first gave none.
                k.fatalities = k.fatalities.or(e.fatalities);
                // A precise date from a retelling beats a coarse one.
                if let (Some(kd), Some(ed)) = (&k.date, &e.date) {
                    if kd.time_precision > ed.time_precision {
                        k.date = e.date.clone();
                    }
                }
            }
            None => out.push(e),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::*;

    fn ev(id: &str, sub: &str, place: &str, day: &str, c: Certainty, src: &str) -> Event {
        Event {
            record: "event".into(),
            event_id: id.into(),
            doc_id: "d".into(),
            acled_event_type: Some("Strategic developments".into()),
            acled_sub_event_type: Some(sub.into()),
            cameo: None,
            plover: None,
            actor1: Some(EventActor {
                name: "Islamic State".into(),
                actor_type: "Rebel group".into(),
                code: None,
                text: "ISIS".into(),
                start: 0,
                end: 4,
            }),
            actor2: None,
            assoc_actor1: Vec::new(),
            assoc_actor2: Vec::new(),
            place: Some(EventPlace {
                name: place.into(),
                geonameid: Some(1),
                kind: "city".into(),
                country: "IQ".into(),
                admin1: None,
                admin2: None,
                lat: 0.0,
                lon: 0.0,
                geo_precision: 1,
                start: 0,
                end: 1,
            }),
            date: Some(EventDate {
                value: day.into(),
                range: [day.into(), day.into()],
                time_precision: 1,
                start: 0,
                end: 1,
            }),
            fatalities: None,
            injured: None,
            arrested: None,
            sources: vec![Source {
                name: src.into(),
                role: None,
                anonymous: false,
                start: 0,
                end: 1,
            }],
            certainty: c,
            background: false,
            evidence: Evidence {
                start: 0,
                end: 1,
                text: String::new(),
            },
        }
    }

    #[test]
    fn retellings_fold_into_the_first_and_days_stay_apart() {
        let t = "Non-violent transfer of territory";
        let out = merge_repeats(vec![
            ev(
                "e1",
                t,
                "Rutba",
                "2016-03-06",
                Certainty::Hedged,
                "a general",
            ),
            ev(
                "e2",
                t,
                "Rutba",
                "2016-03-06",
                Certainty::Hedged,
                "the mayor",
            ),
            ev(
                "e3",
                t,
                "Rutba",
                "2016-03-05",
                Certainty::Hedged,
                "a general",
            ),
            ev(
                "e4",
                t,
                "Rutba",
                "2016-03-06",
                Certainty::Speculative,
                "the mayor",
            ),
            ev("e5", t, "Hit", "2016-03-06", Certainty::Reported, "Barakat"),
        ]);
        let ids: Vec<&str> = out.iter().map(|e| e.event_id.as_str()).collect();
        assert_eq!(ids, ["e1", "e3", "e4", "e5"]);
        assert_eq!(out[0].sources.len(), 2);
    }

    #[test]
    fn retellings_bring_their_associated_actors_once() {
        let t = "Armed clash";
        let ally = |name: &str| EventActor {
            name: name.into(),
            actor_type: "Political militia".into(),
            code: None,
            text: name.into(),
            start: 0,
            end: 1,
        };
        let mut first = ev("e1", t, "Hit", "2016-03-06", Certainty::Reported, "a");
        first.assoc_actor1 = vec![ally("Tribal militia")];
        let mut again = ev("e2", t, "Hit", "2016-03-06", Certainty::Reported, "b");
        again.assoc_actor1 = vec![
            ally("Tribal militia"),
            ally("Sahwa militia"),
            ally("Islamic State"),
        ];
        // Neither telling has an actor2: the retelling's actor2 allies have no side to join.
        again.assoc_actor2 = vec![ally("Civilians")];
        let out = merge_repeats(vec![first, again]);
        let names: Vec<&str> = out[0]
            .assoc_actor1
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Tribal militia", "Sahwa militia"]);
        assert!(out[0].assoc_actor2.is_empty());
    }
}
