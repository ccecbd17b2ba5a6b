//! Article-level refinement of event places: an event placed only at a country ("raids on the IS
//! Syria stronghold") or at no place at all takes the most specific place (town, district,
//! province) that the article gives for it within that country — in the event's own sentence
//! first, then the title/lead and the next sentences, then the article's dominant place — with
//! a coarser ACLED geo_precision when the place is not from the event's own sentence.

use crate::arguments::kind_precision;
use crate::events::event_place;
use crate::mentions::{Mentions, PlaceRef};
use crate::record::{Event, EventPlace};
use sitrep_text::{Document, SentenceKind};
use std::collections::HashMap;

/// How many sentences after the event's own are read for its place.
const NEXT_SENTENCES: usize = 2;

fn specific(p: &PlaceRef) -> bool {
    !p.demonym && matches!(p.kind.as_str(), "city" | "admin2" | "admin1")
}

fn place_key(p: &PlaceRef) -> String {
    match p.geonameid {
        Some(g) => g.to_string(),
        None => format!("{}|{}", p.name, p.country),
    }
}

/// The country the article is mostly about: the one its place mentions name most often (the
/// country of a town counts for it), ties going to the first named. Demonyms and places inside an
/// actor's mention ("US-led coalition", "Turkish Armed Forces") name who acts more than where, and
/// count half.
fn dominant_country(m: &Mentions) -> Option<String> {
    let mut count: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, p) in m.places.iter().enumerate() {
        if p.country.is_empty() {
            continue;
        }
        let e = count.entry(p.country.as_str()).or_insert((0, i));
        e.0 += if names_actor(m, p) { 1 } else { 2 };
    }
    count
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(c, _)| c.to_string())
}

/// A place inside an actor's mention ("Turkish Armed Forces", "US-led coalition").
fn in_actor(m: &Mentions, p: &PlaceRef) -> bool {
    m.actors
        .iter()
        .any(|a| a.start <= p.start && p.end <= a.end)
}

/// A demonym, or a place inside an actor's mention: it names who acts rather than where.
fn names_actor(m: &Mentions, p: &PlaceRef) -> bool {
    p.demonym || in_actor(m, p)
}

/// The article's most-mentioned specific place in `country` (ties: the first named); a province
/// also counts the mentions of the towns inside it.
fn dominant_place<'m>(m: &'m Mentions, country: &str) -> Option<&'m PlaceRef> {
    let cands: Vec<(usize, &PlaceRef)> = m
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| specific(p) && p.country == country)
        .collect();
    let mut score: HashMap<String, (usize, usize)> = HashMap::new();
    for &(i, p) in &cands {
        let e = score.entry(place_key(p)).or_insert((0, i));
        e.0 += 2;
        if p.kind != "admin1" {
            if let Some(a1) = &p.admin1 {
                // The province of this town, when the article names it too.
                if let Some(&(_, q)) = cands
                    .iter()
                    .find(|(_, q)| q.kind == "admin1" && q.admin1.as_ref() == Some(a1))
                {
                    score.entry(place_key(q)).or_insert((0, usize::MAX)).0 += 1;
                }
            }
        }
    }
    let best = score
        .into_iter()
        .filter(|(_, (n, _))| *n >= 2)
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))?;
    cands
        .iter()
        .find(|(_, p)| place_key(p) == best.0)
        .map(|(_, p)| *p)
}

/// Sentence indices an event's evidence touches.
fn sentences_of(doc: &Document, start: usize, end: usize) -> Vec<usize> {
    // Sentences are in text order and do not overlap: the ones touched are a contiguous run.
    let first = doc.sentences.partition_point(|s| s.span.end <= start);
    (first..doc.sentences.len())
        .take_while(|&i| doc.sentences[i].span.start < end.max(start + 1))
        .collect()
}

/// The specific places of `country` inside sentence `si`, in text order.
fn places_in<'m>(doc: &Document, m: &'m Mentions, si: usize, country: &str) -> Vec<&'m PlaceRef> {
    let Some(s) = doc.sentences.get(si) else {
        return Vec::new();
    };
    m.places
        .iter()
        .filter(|p| p.start >= s.span.start && p.end <= s.span.end)
        .filter(|p| specific(p) && (country.is_empty() || p.country == country))
        .collect()
}

/// The most specific of `ps`: a town before a district before a province; the first named wins
/// among equals.
fn most_specific<'m>(ps: &[&'m PlaceRef]) -> Option<&'m PlaceRef> {
    ps.iter()
        .min_by_key(|p| (kind_precision(&p.kind), p.start))
        .copied()
}

/// The title/lead sentences: title and subtitle lines and the first body sentence.
fn lead_sentences(doc: &Document) -> Vec<usize> {
    let mut out: Vec<usize> = doc
        .sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, SentenceKind::Title | SentenceKind::Subtitle))
        .map(|(i, _)| i)
        .collect();
    if let Some((i, _)) = doc.body_sentences().next() {
        out.push(i);
    }
    out
}

/// A finer place for an event placed at a country or nowhere, with its precision.
fn finer_place<'m>(
    doc: &Document,
    m: &'m Mentions,
    e: &Event,
    country: &str,
    lead: &[usize],
    dominant: &mut HashMap<String, Option<&'m PlaceRef>>,
) -> Option<EventPlace> {
    let own = sentences_of(doc, e.evidence.start, e.evidence.end);
    // 1. The event's own sentence(s).
    let here: Vec<&PlaceRef> = own
        .iter()
        .flat_map(|&si| places_in(doc, m, si, country))
        .collect();
    if let Some(p) = most_specific(&here) {
        return Some(event_place(p, kind_precision(&p.kind)));
    }
    // 2. The next sentences, then the title and lead.
    let last = own.iter().copied().max().unwrap_or(0);
    let near: Vec<&PlaceRef> = (last + 1..=last + NEXT_SENTENCES)
        .filter(|&si| {
            doc.sentences
                .get(si)
                .is_some_and(|s| s.kind == SentenceKind::Body)
        })
        .flat_map(|si| places_in(doc, m, si, country))
        .collect();
    if let Some(p) = most_specific(&near) {
        return Some(event_place(p, kind_precision(&p.kind).max(2)));
    }
    let lead_places: Vec<&PlaceRef> = lead
        .iter()
        .filter(|si| !own.contains(si))
        .flat_map(|&si| places_in(doc, m, si, country))
        .collect();
    if let Some(p) = most_specific(&lead_places) {
        return Some(event_place(p, kind_precision(&p.kind).max(2)));
    }
    // 3. The article's dominant place in that country.
    // (Computed once per country and article: it weighs every place of the article.)
    let best = *dominant
        .entry(country.to_string())
        .or_insert_with(|| dominant_place(m, country));
    best.map(|p| event_place(p, 3))
}

/// Whether the event's own sentence(s) name `country` (the country, a demonym or a place in it).
fn names_country(doc: &Document, m: &Mentions, e: &Event, country: &str) -> bool {
    if country.is_empty() {
        return false;
    }
    sentences_of(doc, e.evidence.start, e.evidence.end)
        .into_iter()
        .filter_map(|si| doc.sentences.get(si))
        .any(|s| {
            m.places.iter().any(|p| {
                p.start >= s.span.start
                    && p.end <= s.span.end
                    && p.country == country
                    && !in_actor(m, p)
            })
        })
}

/// Whether a place abroad is a poor reading for the event: it is not in the event's own
/// sentence, or it is a dateline (written in capitals: "BEIRUT"), or the sentence also names a
/// town, district or province of the article's country.
fn misplaced_abroad(
    doc: &Document,
    m: &Mentions,
    e: &Event,
    p: &EventPlace,
    country: &str,
) -> bool {
    if country.is_empty() {
        return false;
    }
    let own = sentences_of(doc, e.evidence.start, e.evidence.end);
    let in_own = own
        .iter()
        .filter_map(|&si| doc.sentences.get(si))
        .any(|s| p.start >= s.span.start && p.end <= s.span.end);
    let text = doc.slice(sitrep_text::Span::new(p.start, p.end));
    let capitals = text.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !text.chars().any(|c| c.is_lowercase());
    !in_own
        || capitals
        || dateline(doc, p)
        || own
            .iter()
            .any(|&si| !places_in(doc, m, si, country).is_empty())
}

/// A dateline written in mixed case ("Jan 202015 Beirut Syrian government air strikes ..."): a
/// place opening the body's first sentence, or right after its date stamp (a word with digits),
/// followed by a capitalised word that starts the report.
fn dateline(doc: &Document, p: &EventPlace) -> bool {
    let Some((_, s)) = doc.body_sentences().next() else {
        return false;
    };
    if p.start < s.span.start || p.end > s.span.end {
        return false;
    }
    let before = doc.slice(sitrep_text::Span::new(s.span.start, p.start));
    let prev = before.split_whitespace().last();
    if prev.is_some_and(|w| !w.chars().any(|c| c.is_ascii_digit())) {
        return false;
    }
    let after = doc.slice(sitrep_text::Span::new(p.end, s.span.end));
    after.starts_with(' ')
        && after
            .split_whitespace()
            .next()
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Give events placed at a country (or nowhere) the finer place the article's context gives them.
pub fn refine(doc: &Document, m: &Mentions, events: &mut [Event]) {
    if events.is_empty() || m.places.is_empty() {
        return;
    }
    let article_country = dominant_country(m).unwrap_or_default();
    let lead = lead_sentences(doc);
    let mut dominant = HashMap::new();
    for e in events.iter_mut() {
        let country = match &e.place {
            None => article_country.clone(),
            Some(p)
                if p.kind == "country"
                    && p.country != article_country
                    && names_country(doc, m, e, &article_country) =>
            {
                article_country.clone()
            }
            Some(p) if p.kind == "country" => p.country.clone(),
            // A place abroad (a dateline, a capital speaking for its government, a misread
            // name) for an event whose own sentence names the article's country: the event is
            // in the article's country.
            Some(p)
                if p.country != article_country
                    && misplaced_abroad(doc, m, e, p, &article_country) =>
            {
                article_country.clone()
            }
            Some(_) => continue,
        };
        if country.is_empty() {
            continue;
        }
        if let Some(p) = finer_place(doc, m, e, &country, &lead, &mut dominant) {
            e.place = Some(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{doc, event_with_evidence, place};

    fn event(text: &str, sentence: &str, place: Option<EventPlace>) -> Event {
        Event {
            place,
            ..event_with_evidence(
                text,
                sentence,
                "Explosions/Remote violence",
                "Air/drone strike",
            )
        }
    }

    #[test]
    fn a_country_place_takes_the_town_of_the_next_sentence() {
        let t = "Intro line.\n\nJets struck an IS stronghold in Syria. The raids hit Raqqa city. Iraq was quiet.";
        let d = doc(t);
        let syria = place(t, "Syria", "country", "SY");
        let m = Mentions {
            places: vec![
                syria.clone(),
                place(t, "Raqqa", "city", "SY"),
                place(t, "Iraq", "country", "IQ"),
            ],
            ..Default::default()
        };
        let mut evs = vec![event(
            t,
            "Jets struck an IS stronghold in Syria.",
            Some(event_place(&syria, 3)),
        )];
        refine(&d, &m, &mut evs);
        let p = evs[0].place.as_ref().expect("a place");
        assert_eq!(p.name, "Raqqa");
        assert_eq!(p.geo_precision, 2);
    }

    #[test]
    fn a_town_of_another_country_is_not_taken() {
        let t = "Intro line.\n\nJets struck targets in Syria. Officials met in Baghdad.";
        let d = doc(t);
        let syria = place(t, "Syria", "country", "SY");
        let m = Mentions {
            places: vec![syria.clone(), place(t, "Baghdad", "city", "IQ")],
            ..Default::default()
        };
        let mut evs = vec![event(
            t,
            "Jets struck targets in Syria.",
            Some(event_place(&syria, 3)),
        )];
        refine(&d, &m, &mut evs);
        assert_eq!(
            evs[0].place.as_ref().map(|p| p.name.as_str()),
            Some("Syria")
        );
    }

    #[test]
    fn a_mixed_case_dateline_is_not_the_event_place() {
        let t = "Jan 202015 Beirut Syrian jets killed 39 people in northern Syria. The raids hit Idlib city. Talks opened in Beirut Monday.";
        let d = doc(t);
        let beirut = place(t, "Beirut", "city", "LB");
        let m = Mentions {
            places: vec![
                beirut.clone(),
                place(t, "Syria", "country", "SY"),
                place(t, "Idlib", "city", "SY"),
            ],
            ..Default::default()
        };
        let first = "Jan 202015 Beirut Syrian jets killed 39 people in northern Syria.";
        let mut evs = vec![event(t, first, Some(event_place(&beirut, 1)))];
        refine(&d, &m, &mut evs);
        let p = evs[0].place.as_ref().expect("a place");
        assert_eq!((p.name.as_str(), p.geo_precision), ("Idlib", 2));
        // Not a dateline: a place after a word of the sentence (its second mention).
        let b2 = place(t, "Beirut Monday", "city", "LB");
        let b2 = EventPlace {
            end: b2.start + 6,
            ..event_place(&b2, 1)
        };
        assert!(!dateline(&d, &b2));
    }

    #[test]
    fn an_event_without_a_place_takes_its_own_sentence_town() {
        let t = "Intro line.\n\nA bomb killed six in Homs on Sunday.";
        let d = doc(t);
        let m = Mentions {
            places: vec![place(t, "Homs", "city", "SY")],
            ..Default::default()
        };
        let mut evs = vec![event(t, "A bomb killed six in Homs on Sunday.", None)];
        refine(&d, &m, &mut evs);
        let p = evs[0].place.as_ref().expect("a place");
        assert_eq!((p.name.as_str(), p.geo_precision), ("Homs", 1));
    }
}
