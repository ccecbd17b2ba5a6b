//! Mentions that start with a country, demonym, capital or region: "Iraqi security forces",
//! "Iraq's new government", "French paper workers", "ethnic Albanians", the country alone standing
//! for its state, or its place reading ("in Iraq", "an Indian proposal": at most a target).

use super::{mention, role_mention, Found, PHRASE_STOP};
use crate::context::{country_of, CountryContext};
use crate::lexicon::{country_names, Entry, Lexicon};
use sitrep_text::Document;

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

/// Suffixes of compounds naming who holds a place ("rebel-held", "government-controlled").
const HELD: &[&str] = &[" held", " controlled", " occupied", " run"];
/// Nouns of acts and stances: after a demonym the state is their doer ("an Indian proposal").
const ACTION_NOUNS: &[&str] = &[
    "proposal",
    "proposals",
    "plan",
    "plans",
    "initiative",
    "offer",
    "mediation",
    "ultimatum",
    "demand",
    "demands",
    "request",
    "pressure",
    "sanctions",
    "aid",
    "raid",
    "raids",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "attack",
    "attacks",
    "offensive",
    "bombardment",
    "shelling",
    "blockade",
    "invasion",
    "occupation",
    "incursion",
    "changes",
    "decision",
    "warning",
    "threat",
    "threats",
    "accusation",
    "accusations",
    "refusal",
    "veto",
    "support",
    "intervention",
    "retaliation",
    "crackdown",
    "pullback",
    "withdrawal",
];

/// A mention that starts with a country, demonym, capital or region: "Iraqi security forces",
/// "Hungarian and Romanian officials", "Iraq's security forces", "French paper workers", the
/// country alone standing for its state, or — as a place reading — "in Iraq", "an Indian proposal".
#[allow(clippy::too_many_arguments)]
pub(super) fn country_led(
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
    ctx: &CountryContext,
    out_last_end: Option<usize>,
) -> Option<Found> {
    let is_name = entries
        .iter()
        .any(|e| matches!(e, Entry::Country(_) | Entry::Capital(_) | Entry::Region(_)));
    let plural = entries.iter().any(|e| matches!(e, Entry::Demonym(_, true)));
    let adjective = !is_name && !plural;
    // "ethnic Albanians" live in another country than Albania's when the text names one.
    let c: String = if i > first && norms[i - 1] == "ethnic" {
        ctx.other_near(i, first, end, c)
            .unwrap_or_else(|| c.to_string())
    } else {
        c.to_string()
    };
    let c = c.as_str();
    let mut k = i + len;
    // "'s" after a country name
    let mut possessive = false;
    if k < end
        && norms[k] == "s"
        && doc
            .token_text(k)
            .chars()
            .next()
            .is_some_and(sitrep_text::fold::is_apostrophe)
    {
        k += 1;
        possessive = true;
    }
    // "<demonym|country's> [qualifiers] ROLE": after an adjective or a possessive the noun phrase
    // goes on ("French paper workers", "Serbian Labour Minister"), after a bare name only known
    // qualifiers may stand ("Iraq's new government").
    let open_phrase = adjective || possessive;
    let mut f = k;
    while f < end && f <= k + 2 {
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
        // "Albanian rebel-held territory": the holder of a "-held" compound.
        if let Some(head) = HELD.iter().find_map(|suffix| norms[f].strip_suffix(suffix)) {
            if let Some((_, res)) = lex
                .actors
                .longest(&[head], 0, 1, &|e| matches!(e, Entry::Role(_)))
            {
                if let Some(Entry::Role(r)) = res.first() {
                    return Some(role_mention(
                        doc,
                        &lex.roles[*r],
                        Some(c),
                        with_the(i)..f + 1,
                    ));
                }
            }
        }
        let t = &doc.tokens[f];
        let skippable = FILLERS.contains(&norms[f])
            || (open_phrase
                && t.kind == sitrep_text::TokenKind::Word
                && !PHRASE_STOP.contains(&norms[f])
                && !lex.is_speech_verb(norms[f])
                && lex
                    .actors
                    .longest(norms, f, end, &|e| country_of(e).is_some())
                    .is_none());
        if !skippable {
            break;
        }
        f += 1;
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
    let region = entries.iter().all(|e| matches!(e, Entry::Region(_)));
    let (name, iso3) = country_names(c)?;
    let toks = i..i + len;
    // Plural demonyms name people wherever they stand ("thousands of Nigerians"); "ethnic
    // Albanians" in Serbia are a people of Serbia.
    if plural {
        let ethnic = i > first && norms[i - 1] == "ethnic";
        let toks = if ethnic { i - 1..i + len } else { toks };
        let actor = if ethnic {
            format!("Ethnic {} ({name})", doc.token_text(i))
        } else {
            name.to_string()
        };
        let m = mention(
            doc,
            &toks,
            actor,
            "Civilians".into(),
            Some(iso3.to_string()),
            Some(c.to_string()),
        );
        return Some(Found {
            mention: m,
            class: "civ".into(),
            toks,
            place: false,
        });
    }
    // "an Indian proposal", "two Israeli air raids": the state does what the noun says.
    let acts = adjective && (k..(k + 2).min(end)).any(|f| ACTION_NOUNS.contains(&norms[f]));
    // "The United States and Jordan have agreed": a coordinated country reads like its partner.
    let partner_is_agent =
        i > first + 1 && matches!(norms[i - 1], "and" | "or") && out_last_end == Some(i - 1);
    let locative = locative && !partner_is_agent;
    let place = (locative || place_after || region || adjective) && !acts;
    let m = mention(
        doc,
        &toks,
        name.to_string(),
        "State forces".into(),
        Some(iso3.to_string()),
        Some(c.to_string()),
    );
    Some(Found {
        mention: m,
        class: "state-gov".into(),
        toks,
        place,
    })
}
