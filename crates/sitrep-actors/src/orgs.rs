//! Organisations outside the dictionary, read from the shape of their name: a run of capitalised
//! words (with "of", "for", "and", "the" inside) holding a head noun that says what it is
//! ("Nigerian Union of Teachers", "Association of African Jurists", "Rwandan Patriotic Front",
//! "the Kifaya movement"). The head gives the ACLED type and sector; a country named inside the
//! name gives the country.

use sitrep_text::{Document, TokenKind};

/// What an organisation's head noun makes of it.
#[derive(Debug, Clone, Copy)]
pub struct OrgKind {
    pub actor_type: &'static str,
    pub sector: &'static str,
    pub class: &'static str,
    /// A state institution: named "Government of <country>".
    pub state: bool,
}

const fn kind(actor_type: &'static str, sector: &'static str, class: &'static str) -> OrgKind {
    OrgKind {
        actor_type,
        sector,
        class,
        state: false,
    }
}

/// Head nouns of organisation names (folded) and their kind.
fn head_kind(norm: &str) -> Option<OrgKind> {
    const ARMED: OrgKind = kind("Rebel group", "REB", "armed");
    const PARTY: OrgKind = kind("Political militia", "PTY", "party");
    const NGO: OrgKind = kind("External/Other forces", "NGO", "igo");
    const STATE: OrgKind = OrgKind {
        actor_type: "State forces",
        sector: "GOV",
        class: "state-gov",
        state: true,
    };
    Some(match norm {
        "front" | "brigade" | "brigades" | "battalion" | "battalions" => ARMED,
        "party" | "movement" | "league" | "alliance" | "coalition" => PARTY,
        "ministry" | "cabinet" | "parliament" | "senate" | "assembly" | "court" | "tribunal" => {
            STATE
        }
        "university" | "college" | "school" | "institute" | "academy" => {
            kind("Civilians", "EDU", "civ")
        }
        "union" | "unions" => kind("Civilians", "LAB", "civ"),
        "company" | "corporation" | "bank" => kind("Civilians", "BUS", "civ"),
        "church" => kind("Civilians", "REL", "civ"),
        "association" | "committee" | "commission" | "council" | "forum" | "office"
        | "organization" | "organisation" | "agency" | "federation" | "society" | "foundation"
        | "fund" | "network" | "centre" | "center" | "bureau" => NGO,
        _ => return None,
    })
}

/// Words inside a name that join capitalised parts.
const JOINERS: &[&str] = &["of", "for", "and", "the", "on", "de", "in"];
/// Lower-case heads that may close a capitalised name ("the Kifaya movement", "Umma party").
const LOWER_HEADS: &[&str] = &["movement", "party", "front", "union", "group"];
/// Capitalised words that do not start a name.
const NOT_START: &[&str] = &[
    "the", "a", "an", "in", "on", "at", "after", "but", "and", "of",
];

/// An organisation name starting at token `i`: (end token, head kind).
pub fn org_at(doc: &Document, norms: &[&str], i: usize, end: usize) -> Option<(usize, OrgKind)> {
    let t = &doc.tokens;
    let word_cap = |k: usize| t[k].kind == TokenKind::Word && t[k].cap && !t[k].all_caps;
    if !word_cap(i) || NOT_START.contains(&norms[i]) {
        return None;
    }
    let mut j = i;
    let mut last_head: Option<(usize, OrgKind)> = None;
    while j < end && j < i + 9 {
        if word_cap(j) {
            if let Some(k) = head_kind(norms[j]) {
                last_head = Some((j, k));
            }
            j += 1;
        } else if JOINERS.contains(&norms[j]) && j + 1 < end && word_cap(j + 1) && j > i {
            j += 1;
        } else {
            break;
        }
    }
    let run_end = j;
    // "the Kifaya movement", "the Umma (Nation) party": a lower-case head right after the
    // capitalised words or their gloss in brackets.
    if last_head.is_none() && run_end < end {
        let mut h = run_end;
        if norms[h] == "(" {
            if let Some(close) = (h + 1..end.min(h + 7)).find(|&k| norms[k] == ")") {
                h = close + 1;
            }
        }
        if h < end && LOWER_HEADS.contains(&norms[h]) {
            let k = head_kind(norms[h]).unwrap_or(kind("Political militia", "PTY", "party"));
            return Some((h + 1, k));
        }
    }
    let (h, k) = last_head?;
    // A head alone is no name ("Council"), nor is a head with only joiners after it.
    if run_end - i < 2 {
        return None;
    }
    // End on the head or on the capitalised part after "of": "Union of Teachers".
    let stop = if h + 1 == run_end {
        run_end
    } else {
        run_end.max(h + 1)
    };
    Some((stop, k))
}

/// Words that make an organisation international rather than national.
pub fn international(norms: &[&str]) -> bool {
    norms.iter().any(|n| {
        matches!(
            *n,
            "international"
                | "world"
                | "united"
                | "global"
                | "african"
                | "asian"
                | "european"
                | "arab"
                | "islamic"
                | "americas"
                | "pacific"
                | "regional"
        )
    })
}
