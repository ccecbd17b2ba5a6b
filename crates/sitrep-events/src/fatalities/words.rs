//! Word lists of the fatality reader: numbers (digits and words) and the trigger words a figure reads on
//! its left and right, with the words each scan may cross.

use super::Role;

/// A count written in words, zero to ninety-nine ("seven", "twenty three").
pub(super) fn word_number(w: &str) -> Option<u32> {
    sitrep_text::numbers::cardinal_phrase(w)
}

pub(super) fn digits(s: &str) -> Option<u32> {
    // "2,500" → 2500; "10-15" → 10 (a range: the lower figure); "1.5" is not a count.
    // "27-07-2016" (folded "27 07 2016"): a date, not a count.
    if s.split(['-', '/', ' ', '\u{2013}', '.']).count() >= 3 {
        return None;
    }
    let first = s.split(['-', '/', ' ', '\u{2013}']).next()?;
    if first.contains('.') || first.contains(':') {
        return None;
    }
    let clean: String = first.chars().filter(|c| *c != ',').collect();
    if clean.is_empty() || clean.len() > 7 {
        return None;
    }
    clean.parse().ok()
}

/// A trigger word after the number ("killed", "dead", "wounded", "arrested").
pub(super) fn right_trigger(w: &str) -> Option<Role> {
    Some(match w {
        "killed" | "dead" | "died" | "bodies" | "deaths" | "fatalities" | "lives" | "perished"
        | "slain" | "executed" | "massacred" | "murdered" | "beheaded" | "corpses" | "die"
        | "martyrs" | "martyred" => Role::Killed,
        "wounded" | "injured" | "hurt" | "injuries" | "casualties" | "wounds" => Role::Injured,
        "arrested" | "detained" | "captured" | "abducted" | "kidnapped" | "rounded" | "arrests"
        | "detentions" => Role::Arrested,
        _ => return None,
    })
}

/// A trigger word before the number ("killing", "kills", "the death toll rose to").
pub(super) fn left_trigger(w: &str) -> Option<Role> {
    Some(match w {
        "killing" | "killed" | "kills" | "kill" | "toll" | "executing" | "executed" | "execute"
        | "executes" | "lives" | "massacring" | "massacre" | "massacres" | "massacred"
        | "behead" | "beheads" | "beheading" | "beheaded" | "eliminated" | "eliminating"
        | "leaving" | "left" => Role::Killed,
        "wounding" | "injuring" | "wounded" | "injured" | "wounds" | "injures" => Role::Injured,
        "arresting" | "arrested" | "detaining" | "detained" | "arrests" | "rounding"
        | "abducting" | "abducted" => Role::Arrested,
        _ => return None,
    })
}

/// Words the scan to the right may cross between the number and its trigger.
pub(super) fn crossable_right(w: &str) -> bool {
    !matches!(
        w,
        "and"
            | "or"
            | "but"
            | "including"
            | "among"
            | "while"
            | "as"
            | "after"
            | "when"
            | "in"
            | "on"
            | "at"
            | "from"
            | "by"
            | "before"
            | "since"
            | "during"
            | "with"
            | "who"
            | "which"
            | "that"
            | "said"
            | "says"
            | "to"
            | "into"
            | "were"
            | "was"
    )
}

/// Quantifier words the scan to the left may cross ("killing at least", "toll rose to").
pub(super) fn crossable_left(w: &str) -> bool {
    matches!(
        w,
        "at" | "least"
            | "more"
            | "than"
            | "about"
            | "some"
            | "nearly"
            | "around"
            | "over"
            | "up"
            | "to"
            | "almost"
            | "roughly"
            | "approximately"
            | "an"
            | "estimated"
            | "rose"
            | "risen"
            | "climbed"
            | "reached"
            | "increased"
            | "jumped"
            | "has"
            | "had"
            | "death"
            | "the"
            | "of"
            | "another"
            | "a"
            | "further"
            | "additional"
    )
}
