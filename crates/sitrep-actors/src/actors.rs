//! Actor mentions: named groups from the lexicon, "<country|demonym|country's> ROLE" and
//! "ROLE of|in <country>" state forces and others, bare roles ("the security forces", "residents")
//! resolved to the document's country, countries and capitals standing for their state, and
//! descriptions ("the group", "the jihadists") resolved to the most recent compatible actor.

use crate::lexicon::{country_names, Entry, Lexicon, Role};
use crate::ActorMention;
use sitrep_text::Document;
use std::ops::Range;

/// An actor mention with what resolution needs: its class and token range.
#[derive(Debug, Clone)]
pub struct Found {
    pub mention: ActorMention,
    pub class: String,
    pub toks: Range<usize>,
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
/// Words allowed between a country and its role ("Iraq's new government", "US special envoy").
const FILLERS: &[&str] = &[
    "new",
    "interim",
    "senior",
    "top",
    "elite",
    "local",
    "national",
    "federal",
    "central",
    "ousted",
    "former",
    "junior",
    "regular",
    "retreating",
    "advancing",
    "allied",
    "own",
    "deputy",
    "chief",
    "state",
    "provincial",
];
/// A country after one of these is a place, not an actor ("in Iraq", "west of Baghdad").
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "across",
    "of",
    "outside",
    "inside",
    "around",
    "throughout",
    "towards",
    "toward",
    "via",
    "through",
    "within",
    "between",
    "over",
    "on",
    "along",
    "onto",
    "beyond",
    "entering",
    "entered",
    "visit",
    "visited",
    "visiting",
    "and",
];
/// A country before one of these is a place, not an actor ("Iraq town", "Syria border").
const PLACE_NOUNS: &[&str] = &[
    "province",
    "provinces",
    "city",
    "cities",
    "town",
    "towns",
    "border",
    "borders",
    "region",
    "capital",
    "governorate",
    "district",
    "village",
    "villages",
    "coast",
    "territory",
    "desert",
    "frontier",
    "side",
];

/// Which countries the document talks about, in token order, with the leading country after
/// each mention (most mentioned so far; ties go to the first mentioned).
struct CountryContext {
    refs: Vec<usize>,
    leader_after: Vec<String>,
}

impl CountryContext {
    fn build(doc: &Document, lex: &Lexicon, norms: &[&str]) -> CountryContext {
        let mut refs = Vec::new();
        let mut leader_after = Vec::new();
        let mut counts: std::collections::HashMap<String, (usize, usize)> =
            std::collections::HashMap::new();
        let mut leader: Option<(String, usize, usize)> = None; // (iso2, count, first)
        let mut i = 0;
        while i < norms.len() {
            let hit = if doc.tokens[i].cap {
                lex.actors
                    .longest(norms, i, norms.len(), &|e| country_of(e).is_some())
            } else {
                None
            };
            match hit {
                Some((len, es)) => {
                    if let Some(c) = es.first().and_then(|e| country_of(e)) {
                        let n = refs.len();
                        let entry = counts.entry(c.to_string()).or_insert((0, n));
                        entry.0 += 1;
                        let (cnt, first) = *entry;
                        if leader
                            .as_ref()
                            .is_none_or(|(_, bn, bf)| cnt > *bn || (cnt == *bn && first < *bf))
                        {
                            leader = Some((c.to_string(), cnt, first));
                        }
                        refs.push(i);
                        leader_after.push(leader.as_ref().map(|l| l.0.clone()).unwrap_or_default());
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        CountryContext { refs, leader_after }
    }

    /// The most mentioned country before token `tok` (the whole document's when none is before).
    fn country_at(&self, tok: usize) -> Option<String> {
        let k = self.refs.partition_point(|&i| i < tok);
        let idx = if k == 0 {
            self.leader_after.len().checked_sub(1)?
        } else {
            k - 1
        };
        self.leader_after
            .get(idx)
            .filter(|c| !c.is_empty())
            .cloned()
    }
}

fn country_of(e: &Entry) -> Option<&str> {
    match e {
        Entry::Country(c) | Entry::Demonym(c, _) | Entry::Capital(c) => Some(c),
        _ => None,
    }
}

/// Fill a role template with a country; without one, drop the country part.
fn fill(template: &str, iso2: Option<&str>) -> String {
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
    }
}

fn mention(
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
    let norms: Vec<&str> = doc.tokens.iter().map(|t| t.norm.as_str()).collect();
    let ctx = CountryContext::build(doc, lex, &norms);
    let mut out: Vec<Found> = Vec::new();
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
            match match_at(doc, lex, &norms, i, first, end, shouting, &ctx, &out) {
                Some(f) => {
                    i = f.toks.end.max(i + 1);
                    out.push(f);
                }
                None => i += 1,
            }
        }
    }
    out
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
        Entry::Country(_) | Entry::Demonym(..) | Entry::Capital(_) => tok.cap,
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
        let mut stop = i + len;
        if stop < end && GROUP_TAIL.contains(&norms[stop]) {
            stop += 1;
        }
        let toks = with_the(i)..stop;
        let iso3 = g
            .country
            .as_deref()
            .and_then(country_names)
            .map(|(_, c)| c.to_string());
        let code = g.code.clone().or(iso3);
        return Some(Found {
            mention: mention(
                doc,
                &toks,
                g.canonical.clone(),
                g.actor_type.clone(),
                code,
                g.country.clone(),
            ),
            class: g.class.clone(),
            toks,
        });
    }
    if let Some(Entry::Anaphor(a)) = entries.iter().find(|e| matches!(e, Entry::Anaphor(_))) {
        let a = &lex.anaphors[*a];
        let toks = with_the(i)..i + len;
        if let Some(prev) = out
            .iter()
            .rev()
            .find(|f| a.classes.iter().any(|c| *c == f.class))
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
        });
    }
    if let Some(c) = entries.iter().find_map(|e| country_of(e)) {
        return country_led(doc, lex, norms, i, len, first, end, c, &entries, &with_the);
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
                    matches!(e, Entry::Country(_) | Entry::Capital(_))
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
        let the = i > first && norms[i - 1] == "the";
        let plural_people = matches!(role.class.as_str(), "civ" | "ref" | "protest" | "riot");
        if role.bare && (the || len > 1 || plural_people || i == first) {
            let c = ctx.country_at(i);
            return Some(role_mention(doc, role, c.as_deref(), with_the(i)..stop));
        }
    }
    None
}

/// A mention that starts with a country, demonym or capital: "Iraqi security forces",
/// "Hungarian and Romanian officials", "Iraq's security forces", or the country alone.
#[allow(clippy::too_many_arguments)]
fn country_led(
    doc: &Document,
    lex: &Lexicon,
    norms: &[&str],
    i: usize,
    len: usize,
    first: usize,
    end: usize,
    c: &str,
    entries: &[&Entry],
    with_the: &dyn Fn(usize) -> usize,
) -> Option<Found> {
    let mut k = i + len;
    // "'s" after a country name
    if k < end
        && norms[k] == "s"
        && doc
            .token_text(k)
            .chars()
            .next()
            .is_some_and(sitrep_text::fold::is_apostrophe)
    {
        k += 1;
    }
    let mut f = k;
    while f < end && f < k + 2 && FILLERS.contains(&norms[f]) {
        f += 1;
    }
    if let Some((rlen, res)) = lex
        .actors
        .longest(norms, f, end, &|e| matches!(e, Entry::Role(_)))
    {
        if let Some(Entry::Role(r)) = res.first() {
            return Some(role_mention(
                doc,
                &lex.roles[*r],
                Some(c),
                with_the(i)..f + rlen,
            ));
        }
    }
    // Coordination: "Hungarian and Romanian officials" gives the first its partner's role.
    if k < end && matches!(norms[k], "and" | ",") && k + 1 < end && doc.tokens[k + 1].cap {
        if let Some((l2, _)) = lex
            .actors
            .longest(norms, k + 1, end, &|e| country_of(e).is_some())
        {
            let after = k + 1 + l2;
            if let Some((_, res)) = lex
                .actors
                .longest(norms, after, end, &|e| matches!(e, Entry::Role(_)))
            {
                if let Some(Entry::Role(r)) = res.first() {
                    return Some(role_mention(doc, &lex.roles[*r], Some(c), i..i + len));
                }
            }
        }
    }
    let locative = i > first && LOCATIVE.contains(&norms[i - 1])
        || (i > first + 1
            && matches!(norms[i - 1], "with" | "of")
            && PLACE_NOUNS.contains(&norms[i - 2]));
    let place_after = i + len < end && PLACE_NOUNS.contains(&norms[i + len]);
    if locative || place_after {
        return None;
    }
    let (name, iso3) = country_names(c)?;
    let toks = i..i + len;
    let stands_for_state = entries
        .iter()
        .any(|e| matches!(e, Entry::Country(_) | Entry::Capital(_)));
    let plural = entries.iter().any(|e| matches!(e, Entry::Demonym(_, true)));
    if stands_for_state {
        let m = mention(
            doc,
            &toks,
            name.to_string(),
            "State forces".into(),
            Some(iso3.to_string()),
            Some(c.to_string()),
        );
        return Some(Found {
            mention: m,
            class: "state-gov".into(),
            toks,
        });
    }
    if plural {
        let m = mention(
            doc,
            &toks,
            name.to_string(),
            "Civilians".into(),
            Some(iso3.to_string()),
            Some(c.to_string()),
        );
        return Some(Found {
            mention: m,
            class: "civ".into(),
            toks,
        });
    }
    None
}
