//! One happening told several times in one article ("pulled its fighters out of Rutba" in the
//! lead, again in the general's quote, again in the mayor's) is one event, as ACLED records it:
//! later retellings with the same sub-type, actor1, place, background flag and an overlapping
//! date fold into the first telling, which gains their sources. Different days stay different
//! events (ACLED's atomicity); hypothetical and denied tellings are never merged with asserted ones.

use crate::record::{Certainty, Event};

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
}
