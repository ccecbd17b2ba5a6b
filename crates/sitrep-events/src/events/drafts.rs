//! The sentence pass of event assembly: in each body sentence, trigger groups become event
//! drafts with their type, CAMEO/PLOVER codes, actors, place, date, certainty, background and
//! evidence; also the open hedges each sentence leaves. The article-level passes are in
//! `events.rs`.

use super::{event_actor, event_place};
use crate::arguments::{kind_precision, place_of, roles, word_at, word_span};
use crate::assoc::{associated, split_identity, AtWords};
use crate::certainty::{background_by_grammar, certainty, is_intent, open_hedge, Modality};
use crate::coding::{
    acled_event_type, cameo_fits, cameo_for_subtype, intent_cameo, plover_of, refusal_cameo, Class,
};
use crate::dating::{iso, narrative_date, time_precision, undated_day, usable_time};
use crate::detect::{group, hits, Group};
use crate::lexicon::{words_of, Lexicon, Word};
use crate::mentions::{starting_in, Mentions};
use crate::record::{Certainty, Event, EventDate, Evidence};
use crate::sides::state_side;
use crate::typing::{subtype, TypeContext};
use chrono::Duration;
use sitrep_text::{fold, Document, SentenceKind, Span};
use std::collections::HashMap;

/// Protest triggers that name the crowd, not what it does.
const PARTICIPANTS: &[&str] = &[
    "protesters",
    "protestors",
    "demonstrators",
    "rioters",
    "marchers",
    "picketers",
];
/// An event before numbering, with what the article-level passes need.
pub(super) struct Draft {
    pub(super) event: Event,
    pub(super) class: Class,
    pub(super) trigger_start: usize,
    /// Index of the sentence.
    pub(super) sentence: usize,
    /// The happening's group has fighting or a weapon in it.
    pub(super) fought: bool,
    /// Negated happenings are dropped; kept here so open hedges can name them.
    pub(super) dropped: bool,
    pub(super) hedge_open: bool,
}

/// A definite noun that points back at an event already told ("the pullout", "this withdrawal").
fn is_back_reference(words: &[Word], g: &Group) -> bool {
    let h = g.head();
    if !h.noun && !words[h.first].text.ends_with("al") && !words[h.first].text.ends_with("out") {
        return false;
    }
    let mut j = h.first;
    let mut steps = 0;
    while j > 0 && steps < 3 {
        j -= 1;
        steps += 1;
        let w = &words[j];
        if matches!(w.text, "the" | "this" | "that" | "such") {
            return true;
        }
        if !(w.cap || matches!(w.text, "reported" | "latest" | "recent")) {
            return false;
        }
    }
    false
}

/// Event drafts of every body sentence, in text order, and the classes each open hedge is about
/// (None: the article's main happening).
pub(super) fn sentence_drafts(doc: &Document, m: &Mentions) -> (Vec<Draft>, Vec<Option<Class>>) {
    let lex = Lexicon::embedded();
    let published = doc.published;
    let narrative = narrative_date(doc, m);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut hedged_classes: Vec<Option<Class>> = Vec::new();
    let mut last_place_of: HashMap<String, (usize, u8)> = HashMap::new();
    let mut first_place: Option<usize> = None;
    let mut seen_classes: Vec<Class> = Vec::new();
    let sorted = m.is_sorted();

    for (si, s) in doc.body_sentences() {
        if s.kind != SentenceKind::Body {
            continue;
        }
        let words = words_of(&doc.tokens, s.tokens.clone());
        if words.is_empty() {
            continue;
        }
        let toks = &doc.tokens;
        let inside = |st: usize, en: usize| st >= s.span.start && en <= s.span.end;
        let w_first = |c: usize| word_at(toks, &words, c);
        let w_last = |c: usize| {
            let i = word_at(toks, &words, c.saturating_sub(1));
            i.min(words.len().saturating_sub(1))
        };
        // Each sentence looks only at the mentions that start inside it (lists in text order).
        let (sa, sb) = (s.span.start, s.span.end);
        let r_actors = starting_in(&m.actors, |x| x.start, sorted, sa, sb);
        let r_places = starting_in(&m.places, |x| x.start, sorted, sa, sb);
        let r_times = starting_in(&m.times, |x| x.start, sorted, sa, sb);
        let r_cues = starting_in(&m.cues, |x| x.start, sorted, sa, sb);
        let sent_actors: Vec<(usize, usize)> = m.actors[r_actors.clone()]
            .iter()
            .enumerate()
            .map(|(i, a)| (i + r_actors.start, a))
            .filter(|(_, a)| inside(a.start, a.end))
            .map(|(i, a)| (i, w_first(a.start)))
            .collect();
        let sent_at: Vec<AtWords> = sent_actors
            .iter()
            .map(|&(i, first)| AtWords {
                actor: i,
                first,
                last: w_last(m.actors[i].end).max(first),
            })
            .collect();
        let sent_places: Vec<(usize, usize)> = m.places[r_places.clone()]
            .iter()
            .enumerate()
            .map(|(i, p)| (i + r_places.start, p))
            .filter(|(_, p)| inside(p.start, p.end))
            .map(|(i, p)| (i, w_first(p.start)))
            .collect();
        let sent_times: Vec<(usize, (usize, usize))> = m.times[r_times.clone()]
            .iter()
            .enumerate()
            .map(|(i, t)| (i + r_times.start, t))
            .filter(|(_, t)| inside(t.start, t.end) && usable_time(t, published).is_some())
            .map(|(i, t)| (i, (w_first(t.start), w_last(t.end))))
            .collect();
        let cues: Vec<(usize, crate::mentions::CueKind)> = m.cues[r_cues.clone()]
            .iter()
            .filter(|c| inside(c.start, c.end))
            .map(|c| (w_first(c.start), c.kind))
            .collect();
        let mut blocked: Vec<(usize, usize, bool)> = Vec::new();
        for p in m.places[r_places.clone()]
            .iter()
            .filter(|p| inside(p.start, p.end))
        {
            blocked.push((w_first(p.start), w_last(p.end), false));
        }
        for a in m.actors[r_actors.clone()]
            .iter()
            .filter(|a| inside(a.start, a.end))
        {
            blocked.push((w_first(a.start), w_last(a.end), true));
        }
        for t in m.times[r_times.clone()]
            .iter()
            .filter(|t| inside(t.start, t.end))
        {
            blocked.push((w_first(t.start), w_last(t.end), false));
        }
        let time_words: Vec<(usize, usize)> = sent_times.iter().map(|x| x.1).collect();
        let hs = hits(lex, &words, &blocked, &cues, &time_words);
        if open_hedge(&words) {
            let classes: Vec<Class> = hs
                .iter()
                .filter(|h| {
                    !h.class.is_verbal()
                        && !h.class.is_modifier()
                        && h.modality == Modality::Asserted
                })
                .map(|h| h.class)
                .collect();
            if classes.is_empty() {
                hedged_classes.push(None);
            } else {
                hedged_classes.extend(classes.into_iter().map(Some));
            }
        }
        let groups = group(&words, hs);
        let n_acled_groups = groups
            .iter()
            .filter(|g| !g.head().class.is_verbal())
            .count();
        // The sentence's main predicate: the first verb trigger that is not negated. When it is a
        // verbal act ("X accused Y of attacking Z", "X condemned the attack"), that act is what
        // the sentence reports, and it leads the sentence's events.
        let main_verbal = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                let h = g.head();
                // "Demonstrators received ministers": a crowd noun alone is the subject, not a
                // verb.
                !h.noun
                    && h.modality != Modality::Negated
                    && !g
                        .hits
                        .iter()
                        .all(|x| PARTICIPANTS.contains(&words[x.first].text))
            })
            .min_by_key(|(_, g)| g.head().first)
            .filter(|(_, g)| g.head().class.is_verbal())
            .map(|(i, _)| i);
        // A leading "X said (that) ...": the report of violence is X's accusation or claim.
        let frame = crate::reports::report_verb(
            &words,
            groups
                .iter()
                .flat_map(|g| g.hits.iter().map(|h| h.first))
                .min(),
        )
        .and_then(|rv| {
            let speaker = sent_actors.iter().find(|&&(_, w)| w < rv)?;
            Some((rv, speaker.0))
        });
        let sentence_drafts = drafts.len();
        // "Demonstrators received ministers": a group that is only the crowd noun, subject of a
        // main predicate that is no protest act (a meeting, aid, an agreement), is told after it.
        let crowd_subject = main_verbal.and_then(|mv| {
            let v = groups[mv].head();
            if matches!(
                v.class,
                Class::Request | Class::Appeal | Class::Accuse | Class::Reject | Class::Threaten
            ) {
                return None;
            }
            let gj = groups.iter().position(|g| {
                g.head().first < v.first
                    && g.hits
                        .iter()
                        .all(|x| PARTICIPANTS.contains(&words[x.first].text))
            })?;
            Some((gj, word_span(toks, &words[v.first]).0 + 1))
        });
        for (gi, g) in groups.into_iter().enumerate() {
            let h = g.head().clone();
            let fought = g.has(Class::Clash)
                || g.has(Class::Attack)
                || g.has(Class::Kill)
                || g.hits.iter().any(|x| x.class.is_weapon());
            // A refused cooperation is a rejection (CAMEO 12); other negated happenings are not.
            let refusal = (h.modality == Modality::Negated)
                .then(|| refusal_cameo(h.class))
                .flatten();
            if h.modality == Modality::Negated && refusal.is_none() {
                continue;
            }
            if is_back_reference(&words, &g) && seen_classes.contains(&h.class) {
                continue;
            }
            let r = roles(&words, &sent_actors, &m.actors, h.first, h.last, h.noun);
            let a1 = r.actor1.map(|i| &m.actors[i]);
            let a2 = r.actor2.map(|i| &m.actors[i]);
            let pick = place_of(&words, &sent_places, &m.places, h.first, h.last);
            let cx = TypeContext {
                actor1_state: if a1.is_none()
                    && crate::arguments::is_passive(&words, h.first, h.last, h.noun)
                {
                    // "An opposition activist has been detained": the words before a passive
                    // verb name the victim, not the doer.
                    None
                } else {
                    let at = a1.map(|a| w_first(a.start)).unwrap_or(0);
                    // "X regained the town, seized by IS months ago": a name after an active
                    // regain verb is not the side that regained it.
                    let after_regain = h.class == Class::Regain && at > h.last;
                    state_side(
                        a1.filter(|_| !after_regain).map(|a| (a, at)),
                        &words,
                        h.first,
                    )
                },
                actor2_type: a2.map(|a| a.actor_type.clone()),
                from_place: pick.as_ref().is_some_and(|p| p.source)
                    || words[h.last + 1..]
                        .iter()
                        .take(3)
                        .any(|w| matches!(w.text, "from" | "of")),
            };
            let mut sub = if h.class.is_verbal() {
                None
            } else {
                subtype(&g, &words, &cx)
            };
            if !h.class.is_verbal() && sub.is_none() {
                continue;
            }
            // A stated intent ("will withdraw", "agreed to release", "vowed to attack"): CAMEO
            // codes the statement — an intent to cooperate is itself an asserted verbal event
            // with no ACLED type; an intent of force stays a speculative happening coded as a
            // threat.
            let intent = (h.modality == Modality::Speculative && is_intent(&words, h.first))
                .then(|| intent_cameo(h.class))
                .flatten();
            let cooperative_intent = intent.is_some_and(|c| c.starts_with("03"));
            if cooperative_intent {
                sub = None;
            }
            // "The government and the rebels have agreed to resume talks": ACLED records any
            // agreement between actors; the statement of agreement itself is one.
            if h.class == Class::Agree
                && h.modality == Modality::Asserted
                && matches!(words[h.first].text, "agreed" | "agree" | "agrees")
            {
                sub = Some("Agreement");
            }
            let cameo = match (refusal.or(intent), sub) {
                (Some(c), _) => c.to_string(),
                (None, Some(st)) => {
                    let own = h.cameo.as_str();
                    match cameo_for_subtype(st) {
                        Some(d) if !cameo_fits(st, own) => d.to_string(),
                        _ => own.to_string(),
                    }
                }
                (None, None) => h.cameo.clone(),
            };
            // State forces in a riot: CAMEO codes their side, violent repression (175).
            let cameo = if sub == Some("Violent demonstration")
                && a1.is_some_and(|a| {
                    a.actor_type == "State forces"
                        && fold(&a.text).split_whitespace().any(|w| {
                            matches!(
                                w,
                                "forces" | "police" | "troops" | "soldiers" | "army" | "security"
                            )
                        })
                })
                && r.actor1
                    .is_some_and(|i| sent_actors.iter().any(|&(j, w)| j == i && w < h.first))
            {
                "175".to_string()
            } else {
                cameo
            };
            // Associated actors; civilians named by their identity group take it as one.
            let symmetric = matches!(sub, Some("Armed clash" | "Agreement"));
            // ACLED's notion: only events ACLED codes have allies read from the sentence.
            let asc = if sub.is_none() {
                Default::default()
            } else {
                associated(
                    &words,
                    &sent_at,
                    &m.actors,
                    r.actor1,
                    r.actor2,
                    (h.first, h.last),
                    symmetric,
                )
            };
            let mut actor1 = a1.map(event_actor);
            let mut actor2 = a2.map(event_actor);
            let mut assoc1: Vec<_> = asc
                .actor1
                .iter()
                .map(|&i| event_actor(&m.actors[i]))
                .collect();
            let mut assoc2: Vec<_> = asc
                .actor2
                .iter()
                .map(|&i| event_actor(&m.actors[i]))
                .collect();
            if let Some(g) = actor1.as_mut().and_then(split_identity) {
                assoc1.insert(0, g);
            }
            if let Some(g) = actor2.as_mut().and_then(split_identity) {
                assoc2.insert(0, g);
            }
            // Place: this sentence, else the actor's last event place, else the article's first.
            let actor_key = a1.map(|a| a.name.clone()).unwrap_or_default();
            let place = match &pick {
                Some(p) => Some(event_place(&m.places[p.place], p.precision)),
                None => last_place_of
                    .get(&actor_key)
                    .map(|&(pi, pr)| event_place(&m.places[pi], pr))
                    .or_else(|| {
                        first_place.map(|pi| {
                            event_place(&m.places[pi], kind_precision(&m.places[pi].kind).max(2))
                        })
                    }),
            };
            if let Some(p) = &pick {
                last_place_of.insert(actor_key.clone(), (p.place, p.precision));
                if first_place.is_none() {
                    first_place = Some(p.place);
                }
            }
            // Evidence.
            let hs_start = word_span(
                toks,
                &words[g.hits.iter().map(|x| x.first).min().unwrap_or(h.first)],
            )
            .0;
            let hs_end = word_span(
                toks,
                &words[g.hits.iter().map(|x| x.last).max().unwrap_or(h.last)],
            )
            .1;
            let whole = if sub.is_some() {
                n_acled_groups <= 1
            } else {
                main_verbal == Some(gi)
            };
            let ev_span = if whole {
                s.span
            } else {
                let mut a = hs_start;
                let mut b = hs_end;
                if let Some(x) = a1.filter(|x| x.start < a && x.start + 200 > a) {
                    a = x.start;
                }
                if let Some(x) = a2.filter(|x| x.end > b && x.end < b + 200) {
                    b = x.end;
                }
                if let Some(p) = pick.as_ref().map(|p| &m.places[p.place]) {
                    a = a.min(p.start);
                    b = b.max(p.end);
                }
                Span::new(a.max(s.span.start), b.min(s.span.end))
            };
            let evidence = Evidence {
                start: ev_span.start,
                end: ev_span.end,
                text: doc.slice(ev_span).to_string(),
            };
            // Date: the trigger's clause, else any date of the sentence, else the story's day
            // (`undated_day`).
            let own_time = g
                .hits
                .iter()
                .find_map(|x| x.time)
                .map(|ti| sent_times[ti].0);
            let time_idx = own_time.or_else(|| sent_times.first().map(|x| x.0));
            let mut background = background_by_grammar(&words, h.first);
            let date = match time_idx
                .and_then(|ti| usable_time(&m.times[ti], published).map(|r| (ti, r)))
            {
                Some((ti, r)) => {
                    let t = &m.times[ti];
                    if let Some((nd, _)) = narrative {
                        if r[1] + Duration::days(7) < nd {
                            background = true;
                        }
                    }
                    // "currently", "now" (PRESENT_REF) resolved to one day: the event's day.
                    let value = if t.value.ends_with("_REF") && r[0] == r[1] {
                        iso(r[0])
                    } else {
                        t.value.clone()
                    };
                    Some(EventDate {
                        value,
                        range: [iso(r[0]), iso(r[1])],
                        time_precision: time_precision(&t.precision),
                        start: t.start,
                        end: t.end,
                    })
                }
                None => undated_day(narrative, published, s.span.start).map(|d| EventDate {
                    value: iso(d),
                    range: [iso(d), iso(d)],
                    time_precision: 2,
                    start: ev_span.start,
                    end: ev_span.end,
                }),
            };
            // Certainty.
            let trig_start = word_span(toks, &words[h.first]).0;
            let self_claim = a1.is_some_and(|a| {
                m.quotes.iter().any(|q| {
                    q.start <= trig_start && trig_start < q.end && {
                        let sp = fold(&q.speaker);
                        !sp.is_empty()
                            && (sp.contains(&fold(&a.name)) || sp.contains(&fold(&a.text)))
                    }
                })
            });
            let cert = match h.modality {
                Modality::Speculative if cooperative_intent => {
                    certainty(&words, h.first, &cues, self_claim)
                }
                Modality::Denied => Certainty::Denied,
                Modality::Speculative => Certainty::Speculative,
                _ => certainty(&words, h.first, &cues, self_claim),
            };
            let event = Event {
                record: "event".into(),
                event_id: String::new(),
                doc_id: doc.id.clone(),
                acled_event_type: sub.and_then(acled_event_type).map(str::to_string),
                acled_sub_event_type: sub.map(str::to_string),
                plover: plover_of(&cameo).map(str::to_string),
                cameo: Some(cameo),
                actor1,
                actor2,
                assoc_actor1: assoc1,
                assoc_actor2: assoc2,
                place,
                date,
                fatalities: None,
                injured: None,
                arrested: None,
                sources: Vec::new(),
                certainty: cert,
                background,
                evidence,
            };
            seen_classes.push(h.class);
            drafts.push(Draft {
                event,
                class: h.class,
                // The main predicate leads its sentence's events.
                trigger_start: match crowd_subject {
                    Some((gj, at)) if gj == gi => at,
                    _ => trig_start,
                },
                sentence: si,
                fought,
                dropped: false,
                hedge_open: false,
            });
        }
        if let Some((rv, speaker)) = frame {
            let rv_start = word_span(toks, &words[rv]).0;
            let own = crate::reports::self_told(&words, rv);
            let report = drafts[sentence_drafts..]
                .iter()
                .filter(|d| d.trigger_start > rv_start)
                .find_map(|d| {
                    let evidence = Evidence {
                        start: s.span.start,
                        end: s.span.end,
                        text: doc.slice(s.span).to_string(),
                    };
                    crate::reports::report_event(
                        event_actor(&m.actors[speaker]),
                        &d.event,
                        own,
                        evidence,
                        rv_start,
                    )
                });
            if let Some(event) = report {
                drafts.push(Draft {
                    event,
                    class: Class::Accuse,
                    trigger_start: rv_start,
                    sentence: si,
                    fought: false,
                    dropped: false,
                    hedge_open: false,
                });
            }
        }
    }
    (drafts, hedged_classes)
}
