//! ACLED's `source_scale` column: the level of each of an event's sources (Local partner,
//! Subnational, National, Regional, International, New media, Other) read from cue words in the
//! source's name and role (`data/source_scales.tsv`), joined in ACLED's order ("National-International").

use sitrep_events::Source;
use std::sync::OnceLock;

const SCALES_TSV: &str = include_str!("../../data/source_scales.tsv");

/// ACLED's levels in the order a combined value lists them.
const ORDER: &[&str] = &[
    "New media",
    "Local partner",
    "Subnational",
    "National",
    "Regional",
    "International",
    "Other",
];

/// (cue words, level) rows, in file order.
fn cues() -> &'static [(Vec<String>, &'static str)] {
    static T: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        SCALES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let (cue, scale) = l.split_once('\t')?;
                let level = ORDER.iter().find(|o| **o == scale.trim())?;
                Some((words(cue), *level))
            })
            .collect()
    })
}

/// Folded words: lower case, accents removed, punctuation as spaces ("Asharq Al-Awsat" →
/// ["asharq", "al", "awsat"]).
fn words(s: &str) -> Vec<String> {
    sitrep_text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The level of one source, if any cue names it.
pub fn level(source: &Source) -> Option<&'static str> {
    let mut text = source.name.clone();
    if let Some(r) = &source.role {
        text.push(' ');
        text.push_str(r);
    }
    let ws = words(&text);
    cues()
        .iter()
        .find(|(cue, _)| !cue.is_empty() && ws.windows(cue.len()).any(|w| w == cue.as_slice()))
        .map(|(_, l)| *l)
}

/// The event's `source_scale`: the distinct levels of its sources in ACLED's order, joined by
/// "-"; "Other" for sources no cue places; empty when the event has no source.
pub fn scale(sources: &[Source]) -> String {
    let mut seen = [false; 7];
    for s in sources {
        let l = level(s).unwrap_or("Other");
        if let Some(i) = ORDER.iter().position(|o| *o == l) {
            seen[i] = true;
        }
    }
    ORDER
        .iter()
        .zip(seen)
        .filter(|(_, on)| *on)
        .map(|(o, _)| *o)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, role: Option<&str>) -> Source {
        Source {
            name: name.into(),
            role: role.map(str::to_string),
            anonymous: false,
            start: 0,
            end: 0,
        }
    }

    #[test]
    fn levels_from_names_and_roles() {
        assert_eq!(
            level(&src("Imad Ahmed", Some("mayor of the isolated town"))),
            Some("Subnational")
        );
        assert_eq!(level(&src("SANA", Some("outlet"))), Some("National"));
        assert_eq!(level(&src("AFP", None)), Some("International"));
        assert_eq!(level(&src("activists", None)), Some("Local partner"));
        assert_eq!(
            level(&src("An ISIS-affiliated Facebook page", None)),
            Some("New media")
        );
        assert_eq!(level(&src("Asharq Al-Awsat", None)), Some("Regional"));
        assert_eq!(
            level(&src("Syrian Observatory for Human Rights", None)),
            Some("Other")
        );
        // Whole words only: "apparently" holds "ap", "unit" holds "un".
        assert_eq!(level(&src("apparently a unit", None)), None);
    }

    #[test]
    fn combined_in_acled_order() {
        let s = [
            src("Reuters", None),
            src("a major general", Some("major general")),
            src("Imad Ahmed", Some("mayor")),
        ];
        assert_eq!(scale(&s), "Subnational-National-International");
        assert_eq!(scale(&[]), "");
        assert_eq!(scale(&[src("Abu Ahmad", None)]), "Other");
    }
}
