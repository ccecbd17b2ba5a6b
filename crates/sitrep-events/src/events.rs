//! From a document and its mentions to event records: the stage's entry points and the
//! article-level passes over the drafts of every sentence (`drafts.rs`: detection, arguments,
//! date, certainty): territory told twice, the article's open hedges, and numbering in text
//! order (`<doc_id>-e<n>`); then fatalities, sources, places, atomicity and retellings.

use crate::coding::{acled_event_type, cameo_for_subtype, plover_of, Class};
use crate::input::{Annotated, Extraction};
use crate::mentions::{ActorRef, Mentions, PlaceRef};
use crate::record::{Certainty, Event, EventActor, EventPlace};
use sitrep_text::{Document, Span};

mod atomic;
mod drafts;
use drafts::{sentence_drafts, Draft};

fn event_actor(a: &ActorRef) -> EventActor {
    EventActor {
        name: a.name.clone(),
        actor_type: a.actor_type.clone(),
        code: a.code.clone(),
        text: a.text.clone(),
        start: a.start,
        end: a.end,
    }
}

/// The event record's place from a place mention, at ACLED geo precision `precision`.
pub(crate) fn event_place(p: &PlaceRef, precision: u8) -> EventPlace {
    EventPlace {
        name: p.name.clone(),
        geonameid: p.geonameid,
        kind: p.kind.clone(),
        country: p.country.clone(),
        admin1: p.admin1.clone(),
        admin2: p.admin2.clone(),
        lat: p.lat,
        lon: p.lon,
        geo_precision: precision,
        start: p.start,
        end: p.end,
    }
}

/// A taking of territory with no fighting, told again within the next two sentences as taken
/// after the other side withdrew ("X took control of the town. X seized it following the
/// withdrawal of Y"), is the same non-violent transfer (ACLED: territory handed over or
/// abandoned without a fight).
fn transfers_told_twice(drafts: &mut [Draft]) {
    const NVTT: &str = "Non-violent transfer of territory";
    let taking = |d: &Draft| matches!(d.class, Class::Territory | Class::Regain);
    for i in 0..drafts.len() {
        let d = &drafts[i];
        let taken = matches!(
            d.event.acled_sub_event_type.as_deref(),
            Some("Government regains territory" | "Non-state actor overtakes territory")
        );
        if !taking(d) || !taken || d.fought {
            continue;
        }
        let si = d.sentence;
        let again = drafts[i + 1..].iter().any(|x| {
            taking(x)
                && x.sentence <= si + 2
                && x.event.acled_sub_event_type.as_deref() == Some(NVTT)
        });
        if again {
            let e = &mut drafts[i].event;
            e.acled_sub_event_type = Some(NVTT.into());
            e.acled_event_type = acled_event_type(NVTT).map(str::to_string);
            if let Some(c) = cameo_for_subtype(NVTT) {
                e.cameo = Some(c.into());
                e.plover = plover_of(c).map(str::to_string);
            }
        }
    }
}

/// Every event of the document, in text order, numbered `<doc_id>-e<n>`.
pub fn extract_events(doc: &Document, m: &Mentions) -> Vec<Event> {
    drafts(doc, m).into_iter().map(|(e, _)| e).collect()
}

/// The stage's entry point: events with their fatalities, sources and corroborated certainty, and
/// the control claims.
pub fn extract(a: &Annotated) -> Extraction {
    let m = Mentions::from_annotated(a);
    let source_facts = crate::sources::doc_facts(a);
    let mut events = Vec::new();
    for (mut e, hedge_open) in drafts(a.doc, &m) {
        let ev = Span::new(e.evidence.start, e.evidence.end);
        if e.acled_sub_event_type.is_some() {
            let c = crate::fatalities::counts(a, ev);
            e.fatalities = c.fatalities;
            e.injured = c.injured;
            e.arrested = c.arrested;
        }
        e.sources = crate::sources::for_event(a, ev, &source_facts);
        e.certainty = crate::sources::corroborated_certainty(e.certainty, &e.sources, hedge_open);
        events.push(e);
    }
    crate::refine::refine(a.doc, &m, &mut events);
    let events = atomic::split_days(a.doc, &m, events);
    let control = crate::control::claims(a, &events);
    let events = crate::dedupe::merge_repeats(events);
    Extraction { events, control }
}

/// Events with whether an open hedge of the article is about them.
fn drafts(doc: &Document, m: &Mentions) -> Vec<(Event, bool)> {
    let (mut drafts, hedged_classes) = sentence_drafts(doc, m);
    transfers_told_twice(&mut drafts);
    // Open hedges cap the events they are about (the article's main happening when they name none).
    let main_class = drafts
        .iter()
        .find(|d| {
            !d.event.background
                && d.event.acled_sub_event_type.is_some()
                && d.event.certainty > Certainty::Speculative
        })
        .map(|d| d.class);
    for hc in &hedged_classes {
        let target = hc.or(main_class);
        for d in drafts
            .iter_mut()
            .filter(|d| Some(d.class) == target && !d.event.background)
        {
            d.event.certainty = d.event.certainty.min(Certainty::Hedged);
            d.hedge_open = true;
        }
    }
    drafts.retain(|d| !d.dropped);
    drafts.sort_by_key(|d| (d.event.evidence.start, d.trigger_start));
    let mut out = Vec::with_capacity(drafts.len());
    for (n, mut d) in drafts.into_iter().enumerate() {
        d.event.event_id = format!("{}-e{}", doc.id, n + 1);
        out.push((d.event, d.hedge_open));
    }
    out
}

#[cfg(test)]
mod tests;
