//! Actors read from names outside the dictionary: organisation names (`orgs`) and titled people
//! ("President Abdelaziz Bouteflika", "Foreign Minister X") standing for their state. They give
//! way to a dictionary match that covers as much text, except where that match is only a place.

use crate::actors::{fill, mention, Found};
use crate::context::{country_of, CountryContext};
use crate::lexicon::{country_names, Entry, Lexicon};
use crate::orgs;
use sitrep_text::Document;

/// Classes of named groups (groups.tsv): a dictionary name always beats a shape-read name.
const GROUP_CLASSES: &[&str] = &[
    "jihadist",
    "armed",
    "igo",
    "coalition",
    "party",
    "criminal",
    "state",
    "identity",
];

/// The dictionary match `m` at token `i`, or a name-read actor when that covers more.
pub fn prefer_name(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    i: usize,
    end: usize,
    ctx: &CountryContext,
    m: Option<Found>,
) -> Option<Found> {
    if !doc.tokens[i].cap {
        // "former prime minister Andreas Papandreou": a lower-case title before a full name.
        if m.is_none() {
            if let Some(f) = titled(doc, lex, norms, i, end, ctx) {
                return Some(f);
            }
        }
        return m.or_else(|| led_by(doc, lex, norms, i, end));
    }
    let weak = |m: &Option<Found>, stop: usize| match m {
        None => true,
        Some(f) => f.place || (f.toks.end < stop && !GROUP_CLASSES.contains(&f.class.as_str())),
    };
    if let Some((stop, kind)) = orgs::org_at(doc, norms, i, end) {
        // "Qaeda-linked Nusra Front": a dictionary name inside the run is the actor.
        let named_inside = (i + 1..stop).any(|k| {
            lex.actors
                .longest(norms, k, stop, &|e| matches!(e, Entry::Group(..)))
                .is_some()
        });
        if weak(&m, stop) && !named_inside {
            return Some(org(doc, lex, norms, i, stop, kind, ctx));
        }
    }
    if m.is_none() || m.as_ref().is_some_and(|f| f.place) {
        if let Some(f) = titled(doc, lex, norms, i, end, ctx) {
            return Some(f);
        }
    }
    m.or_else(|| led_by(doc, lex, norms, i, end))
}

/// "Vietnamese-led forces", "Saudi-led troops": a role led by a country is that country's.
fn led_by(doc: &Document, lex: &Lexicon, norms: &[&str], i: usize, end: usize) -> Option<Found> {
    let lead = norms[i].strip_suffix(" led")?;
    let (_, es) = lex
        .actors
        .longest(&[lead], 0, 1, &|e| country_of(e).is_some())?;
    let c = es.first().and_then(|e| country_of(e))?.to_string();
    let (rlen, rs) = lex
        .actors
        .longest(norms, i + 1, end, &|e| matches!(e, Entry::Role(_)))?;
    let Some(Entry::Role(r)) = rs.first() else {
        return None;
    };
    let role = &lex.roles[*r];
    let iso3 = country_names(&c).map(|(_, x)| x.to_string());
    let toks = i..i + 1 + rlen;
    Some(Found {
        mention: mention(
            doc,
            &toks,
            fill(&role.template, Some(&c)),
            role.actor_type.clone(),
            Some(format!("{}{}", iso3.unwrap_or_default(), role.sector)),
            Some(c),
        ),
        class: role.class.clone(),
        toks,
        place: false,
    })
}

/// The first country named inside tokens `a..b`.
fn country_inside(lex: &Lexicon, norms: &[&str], a: usize, b: usize) -> Option<String> {
    (a..b).find_map(|k| {
        lex.actors
            .longest(norms, k, b, &|e| country_of(e).is_some())
            .and_then(|(_, es)| es.first().and_then(|e| country_of(e)).map(String::from))
    })
}

fn org(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    i: usize,
    stop: usize,
    kind: orgs::OrgKind,
    ctx: &CountryContext,
) -> Found {
    let country = country_inside(lex, norms, i, stop).or_else(|| {
        (!orgs::international(&norms[i..stop]))
            .then(|| ctx.country_at(i))
            .flatten()
    });
    let iso3 = country
        .as_deref()
        .and_then(country_names)
        .map(|(_, c)| c.to_string());
    let toks = i..stop;
    let text = doc
        .slice(sitrep_text::Span::new(
            doc.tokens[i].span.start,
            doc.tokens[stop - 1].span.end,
        ))
        .to_string();
    let actor = if kind.state {
        fill("Government of {C}", country.as_deref())
    } else {
        text
    };
    Found {
        mention: mention(
            doc,
            &toks,
            actor,
            kind.actor_type.to_string(),
            Some(format!("{}{}", iso3.unwrap_or_default(), kind.sector)),
            country,
        ),
        class: kind.class.to_string(),
        toks,
        place: false,
    }
}

/// "President X", "Foreign Minister X", "Mayor X": a title of civil office before a personal name makes
/// the state the person serves an actor, in the document's country.
fn titled(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    i: usize,
    end: usize,
    ctx: &CountryContext,
) -> Option<Found> {
    // A name must follow within the longest title's reach.
    if !(i + 1..end.min(i + 5)).any(|k| doc.tokens[k].cap) {
        return None;
    }
    let (len, es) = lex.titles_index.longest(
        norms,
        i,
        end,
        &|e| matches!(e, Entry::Title(t) if lex.titles[*t].before_name),
    )?;
    let Some(Entry::Title(t)) = es.first() else {
        return None;
    };
    let (template, ty, sector, class) = match lex.titles[*t].class.as_str() {
        "leader" | "official" | "local" => {
            ("Government of {C}", "State forces", "GOV", "state-gov")
        }
        "judge" => ("Government of {C}", "State forces", "JUD", "state-gov"),
        "opposition" => ("Opposition ({C})", "Political militia", "OPP", "other"),
        _ => return None,
    };
    // A lower-case title needs a full name after it, and says an office ("leader" alone may be
    // a rebel's).
    if !doc.tokens[i].cap && len == 1 && norms[i] == "leader" {
        return None;
    }
    let n_end = crate::people::name_run(doc, lex, i + len, end);
    let min = if doc.tokens[i].cap { 1 } else { 2 };
    if n_end < i + len + min {
        return None;
    }
    // A known leader's own country, else the document's.
    let leader = (i + len..n_end).find_map(|k| {
        lex.actors
            .longest(norms, k, n_end, &|e| matches!(e, Entry::Leader(..)))
            .and_then(|(_, es)| match es.first() {
                Some(Entry::Leader(c, _)) => Some(c.clone()),
                _ => None,
            })
    });
    let country = leader.or_else(|| ctx.country_at(i));
    let iso3 = country
        .as_deref()
        .and_then(country_names)
        .map(|(_, c)| c.to_string());
    let toks = i..n_end;
    Some(Found {
        mention: mention(
            doc,
            &toks,
            fill(template, country.as_deref()),
            ty.to_string(),
            Some(format!("{}{sector}", iso3.unwrap_or_default())),
            country,
        ),
        class: class.to_string(),
        toks,
        place: false,
    })
}
