//! Word lists of the fatality reader: number words and the trigger words a figure reads on
//! its left and right, with the words each scan may cross.

use super::Role;

pub(super) const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
pub(super) const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

pub(super) fn word_number(w: &str) -> Option<u32> {
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as u32);
    }
    if let Some(i) = TENS.iter().position(|u| !u.is_empty() && *u == w) {
        return Some(i as u32 * 10);
    }
    // "twenty three" (folded "twenty-three")
    let mut parts = w.split(' ');
    let (a, b) = (parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let t = TENS.iter().position(|u| !u.is_empty() && *u == a)? as u32;
    let u = UNITS
        .iter()
        .position(|x| *x == b)
        .filter(|&u| (1..10).contains(&u))? as u32;
    Some(t * 10 + u)
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
