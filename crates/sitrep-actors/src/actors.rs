//! Actor mentions: the scan over each sentence, named groups from the lexicon, "ROLE of|in
//! <country>" state forces and others, bare roles ("the security forces", "residents") resolved to
//! the document's country, leaders standing for their state, and descriptions ("the group", "the
//! jihadists") resolved to the most recent compatible actor. Mentions led by a country, demonym,
//! capital or region ("Iraqi security forces", "in Iraq") are read in `country.rs`.

use crate::context::{country_of, CountryContext};
use crate::lexicon::{country_names, Entry, Lexicon, Role};
use crate::ActorMention;
use sitrep_text::Document;
use std::ops::Range;

mod country;
use country::country_led;

/// An actor mention with what resolution needs: its class and token range.
#[derive(Debug, Clone)]
pub struct Found {
    pub mention: ActorMention,
    pub class: String,
    pub toks: Range<usize>,
    /// The country, capital or region is named as a place or as a modifier ("a curfew in
    /// Algiers", "an Indian proposal"): the state it stands for is at most a target.
    pub place: bool,
}

/// Words after a group name that stay in its mention ("ISIS fighters").
const GROUP_TAIL: &[&str] = &[
    "fighters",
    "militants",
    "jihadists",
    "group",
    "militiamen",
    "rebels",
    "insurgents",
    "forces",
    "members",
    "gunmen",
    "organisation",
    "organization",
    "movement",
    "militia",
    "militias",
    "troops",
    "guerrillas",
];
/// Fill a role template with a country; without one, drop the country part.
pub(crate) fn fill(template: &str, iso2: Option<&str>) -> String {
    match iso2.and_then(country_names) {
        Some((name, _)) => template.replace("{C}", name),
        None => template
            .replace(" of {C}", "")
            .replace(" ({C})", "")
            .replace("{C}", "")
            .trim()
            .to_string(),
    }
}

fn role_mention(doc: &Document, role: &Role, iso2: Option<&str>, toks: Range<usize>) -> Found {
    let iso3 = iso2.and_then(country_names).map(|(_, c)| c.to_string());
    Found {
        mention: mention(
            doc,
            &toks,
            fill(&role.template, iso2),
            role.actor_type.clone(),
            Some(format!("{}{}", iso3.unwrap_or_default(), role.sector)),
            iso2.map(String::from),
        ),
        class: role.class.clone(),
        toks,
        place: false,
    }
}

pub(crate) fn mention(
    doc: &Document,
    toks: &Range<usize>,
    actor: String,
    actor_type: String,
    code: Option<String>,
    country: Option<String>,
) -> ActorMention {
    let start = doc.tokens[toks.start].span.start;
    let end = doc.tokens[toks.end - 1].span.end;
    ActorMention {
        text: doc.slice(sitrep_text::Span::new(start, end)).to_string(),
        start,
        end,
        actor,
        actor_type,
        code,
        country,
        anaphor: false,
    }
}

/// Find every actor mention of the document, in text order.
pub fn find(doc: &Document, lex: &Lexicon) -> Vec<Found> {
    find_all(doc, lex).0
}

/// Actor mentions, and apart the place readings of countries, capitals and regions ("in Iraq",
/// "an Indian proposal"), both in text order.
pub fn find_all(doc: &Document, lex: &Lexicon) -> (Vec<Found>, Vec<Found>) {
    let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
    let ctx = CountryContext::build(doc, lex, &norms);
    let mut out: Vec<Found> = Vec::new();
    let mut places: Vec<Found> = Vec::new();
    for s in &doc.sentences {
        let (first, end) = (s.tokens.start, s.tokens.end);
        let words: Vec<&sitrep_text::Token> = doc.tokens[s.tokens.clone()]
            .iter()
            .filter(|t| t.kind == sitrep_text::TokenKind::Word)
            .collect();
        let shouting =
            words.len() >= 3 && words.iter().filter(|t| t.all_caps).count() * 2 > words.len();
        let in_dateline = |i: usize| {
            doc.dateline
                .as_ref()
                .is_some_and(|d| d.span.contains(doc.tokens[i].span))
        };
        let mut i = first;
        while i < end {
            if in_dateline(i) {
                i += 1;
                continue;
            }
            let m = match_at(doc, lex, &norms, i, first, end, shouting, &ctx, &out);
            match crate::names::prefer_name(doc, lex, &norms, i, end, &ctx, m) {
                Some(f) => {
                    i = f.toks.end.max(i + 1);
                    if f.place {
                        places.push(f);
                    } else {
                        out.push(f);
                    }
                }
                None => i += 1,
            }
        }
    }
    (out, places)
}

#[allow(clippy::too_many_arguments)]
fn match_at(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    i: usize,
    first: usize,
    end: usize,
    shouting: bool,
    ctx: &CountryContext,
    out: &[Found],
) -> Option<Found> {
    let tok = &doc.tokens[i];
    let keep = |e: &Entry| match e {
        Entry::Group(_, Some(exact), _) => !shouting && doc.token_text(i) == exact,
        Entry::Group(_, None, cap) => !cap || tok.cap,
        Entry::Country(_) | Entry::Demonym(..) | Entry::Capital(_) | Entry::Region(_) => tok.cap,
        Entry::Role(_) | Entry::Anaphor(_) => true,
        Entry::Leader(_, full) => tok.cap && (*full || i + 1 >= end || !doc.tokens[i + 1].cap),
        _ => false,
    };
    let (len, entries) = lex.actors.longest(norms, i, end, &keep)?;
    // Include a preceding "the" that nothing else took.
    let with_the = |start: usize| -> usize {
        if start > first
            && norms[start - 1] == "the"
            && out.last().is_none_or(|f| f.toks.end < start)
        {
            start - 1
        } else {
            start
        }
    };
    if let Some(Entry::Group(g, _, _)) = entries.iter().find(|e| matches!(e, Entry::Group(..))) {
        let g = &lex.groups[*g];
        // "Christian Amanpour": a people's adjective before a name is part of the name.
        let next = i + len;
        if g.class == "identity"
            && next < end
            && doc.tokens[next].cap
            && lex.actors.longest(norms, next, end, &|_| true).is_none()
        {
            return None;
        }
        let (stop, tail_role) = group_tail(lex, norms, doc, i + len, end);
        let toks = with_the(i)..stop;
        // Generic descriptions ("Islamist militants") and peoples spread over borders ("Fulani")
        // take the document's country.
        let country = g
            .country
            .clone()
            .or_else(|| g.local.then(|| ctx.country_at(i)).flatten());
        let iso3 = country
            .as_deref()
            .and_then(country_names)
            .map(|(_, c)| c.to_string());
        let mut actor = g.canonical.clone();
        let mut actor_type = g.actor_type.clone();
        let mut code = g.code.clone().or(iso3.clone());
        if g.class == "identity" {
            // "Yoruba leaders" are civilians of the group; "Fulani gunmen" its militia.
            let armed = tail_role.is_some_and(|r| {
                matches!(
                    lex.roles[r].class.as_str(),
                    "rebel" | "militia" | "state-mil"
                )
            });
            if !armed {
                actor_type = "Civilians".into();
            }
            if let Some((name, _)) = country.as_deref().and_then(country_names) {
                actor = format!("{actor} ({name})");
            }
            code = Some(format!(
                "{}{}",
                iso3.unwrap_or_default(),
                if armed { "MIL" } else { "CVL" }
            ));
        }
        return Some(Found {
            mention: mention(doc, &toks, actor, actor_type, code, country),
            class: g.class.clone(),
            toks,
            place: false,
        });
    }
    if let Some(Entry::Anaphor(a)) = entries.iter().find(|e| matches!(e, Entry::Anaphor(_))) {
        let a = &lex.anaphors[*a];
        let toks = with_the(i)..i + len;
        // A bare plural ("rebels", no "the") after a verb whose subject is the candidate in the
        // same sentence is someone else: "Hezbollah fighters attacked rebels".
        let determined = |k: usize| matches!(norms[k], "the" | "these" | "those" | "its" | "their");
        let bare = norms[i] != "the" && !(i.saturating_sub(2).max(first)..i).any(determined);
        let acted_on = |f: &Found| {
            bare && f.toks.start >= first && (f.toks.end..i).any(|k| is_past_verb(lex, norms[k]))
        };
        if let Some(prev) = out
            .iter()
            .rev()
            .find(|f| a.classes.contains(&f.class))
            .filter(|f| !acted_on(f))
        {
            let mut m = mention(
                doc,
                &toks,
                prev.mention.actor.clone(),
                prev.mention.actor_type.clone(),
                prev.mention.code.clone(),
                prev.mention.country.clone(),
            );
            m.anaphor = true;
            return Some(Found {
                mention: m,
                class: prev.class.clone(),
                toks,
                place: false,
            });
        }
        if let Some((template, ty)) = &a.fallback {
            let c = ctx.country_at(i);
            let iso3 = c
                .as_deref()
                .and_then(country_names)
                .map(|(_, x)| x.to_string());
            let m = mention(
                doc,
                &toks,
                fill(template, c.as_deref()),
                ty.clone(),
                iso3.map(|x| format!("{x}REB")),
                c,
            );
            return Some(Found {
                mention: m,
                class: "rebel".into(),
                toks,
                place: false,
            });
        }
    }
    if let Some(Entry::Leader(c, _)) = entries.iter().find(|e| matches!(e, Entry::Leader(..))) {
        let (name, iso3) = country_names(c)?;
        let toks = i..i + len;
        let m = mention(
            doc,
            &toks,
            format!("Government of {name}"),
            "State forces".into(),
            Some(format!("{iso3}GOV")),
            Some(c.clone()),
        );
        return Some(Found {
            mention: m,
            class: "state-gov".into(),
            toks,
            place: false,
        });
    }
    if let Some(c) = entries.iter().find_map(|e| country_of(e)) {
        let last_agent_end = out
            .last()
            .filter(|f| f.class == "state-gov" && f.toks.start >= first)
            .map(|f| f.toks.end);
        return country_led(
            doc,
            lex,
            norms,
            i,
            len,
            first,
            end,
            c,
            &entries,
            &with_the,
            ctx,
            last_agent_end,
        );
    }
    if let Some(Entry::Role(r)) = entries.iter().find(|e| matches!(e, Entry::Role(_))) {
        let role = &lex.roles[*r];
        let stop = i + len;
        // "ROLE of|in <country>"
        if stop + 1 < end && matches!(norms[stop], "of" | "in") {
            let at = if norms[stop + 1] == "the" {
                stop + 2
            } else {
                stop + 1
            };
            if at < end && doc.tokens[at].cap {
                if let Some((clen, ces)) = lex.actors.longest(norms, at, end, &|e| {
                    matches!(e, Entry::Country(_) | Entry::Capital(_) | Entry::Region(_))
                }) {
                    if let Some(c) = ces.first().and_then(|e| country_of(e)) {
                        return Some(role_mention(doc, role, Some(c), with_the(i)..at + clen));
                    }
                }
            }
        }
        // "Hutu rebels", "Karen guerrillas": a capitalised qualifier before an armed role.
        if i > first + 1
            && doc.tokens[i - 1].cap
            && matches!(role.class.as_str(), "rebel" | "militia")
            && out.last().is_none_or(|f| f.toks.end < i)
        {
            let c = ctx.country_at(i);
            return Some(role_mention(doc, role, c.as_deref(), i - 1..stop));
        }
        let the = i > first
            && (norms[i - 1] == "the"
                || (role.class == "site" && matches!(norms[i - 1], "a" | "an")));
        let plural_people = matches!(role.class.as_str(), "civ" | "ref" | "protest" | "riot")
            || is_plural_noun(norms[stop - 1]);
        if role.bare && (the || len > 1 || plural_people || i == first) {
            let c = ctx.country_at(i);
            return Some(role_mention(doc, role, c.as_deref(), with_the(i)..stop));
        }
    }
    None
}

/// Words that end a noun phrase: a demonym's phrase never runs over them.
const PHRASE_STOP: &[&str] = &[
    "and", "or", "but", "of", "the", "a", "an", "to", "in", "on", "at", "for", "with", "by",
    "from", "who", "which", "that", "as", "is", "was", "were", "are", "be", "been", "has", "have",
    "had", "will", "would", "could", "should", "may", "might", "not", "said", "says", "say", "its",
    "their", "his", "her", "after", "before", "over", "into", "than",
];

/// "officials", "gunmen", "police": a plural role noun can stand without "the".
fn is_plural_noun(n: &str) -> bool {
    (n.ends_with('s') && !n.ends_with("ss")) || n.ends_with("men") || n == "police"
}

/// A verb in the past or a speech verb, never a qualifier between a group and a role: "Hezbollah
/// fighters attacked rebels" is two mentions ("armed", "allied" are adjectives).
fn is_past_verb(lex: &Lexicon, n: &str) -> bool {
    lex.is_speech_verb(n)
        || (n.ends_with("ed")
            && !matches!(n, "armed" | "allied" | "united" | "organised" | "organized"))
}

/// The end of a named group's mention: a tail word ("ISIS fighters", "Hamas leaders"), a role
/// after at most one qualifier ("Ibo traditional elders"); with the role's index when one was taken.
fn group_tail(
    lex: &Lexicon,
    norms: &[&str],
    doc: &Document,
    stop: usize,
    end: usize,
) -> (usize, Option<usize>) {
    let role_at = |k: usize| {
        lex.actors
            .longest(norms, k, end, &|e| matches!(e, Entry::Role(_)))
            .and_then(|(l, es)| match es.first() {
                Some(Entry::Role(r)) => Some((l, *r)),
                _ => None,
            })
    };
    for skip in 0..2 {
        let k = stop + skip;
        if k >= end {
            break;
        }
        if skip == 1 {
            let t = &doc.tokens[stop];
            if t.kind != sitrep_text::TokenKind::Word
                || t.cap
                || PHRASE_STOP.contains(&norms[stop])
                || is_past_verb(lex, norms[stop])
            {
                break;
            }
        }
        if let Some((l, r)) = role_at(k) {
            return (k + l, Some(r));
        }
        if GROUP_TAIL.contains(&norms[k]) {
            return (k + 1, None);
        }
    }
    (stop, None)
}
