//! Word lists of the time matcher: number words, ordinals, calendar units, parts of the day,
//! seasons and TimeML modifier words (month and weekday names come from `sitrep_text::calendar`).
//! All keys are folded lower case (`Token::norm`) with any trailing dot removed.

use sitrep_text::calendar;

/// Words that can open a time expression besides numbers and the word classes below.
const OPENERS: &[&str] = &[
    "the",
    "this",
    "current",
    "last",
    "past",
    "previous",
    "next",
    "coming",
    "following",
    "early",
    "mid",
    "middle",
    "late",
    "end",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "nowadays",
    "presently",
    "recently",
    "recent",
    "soon",
    "very",
    "at",
    "that",
    "half",
    "more",
    "over",
    "less",
    "fewer",
    "under",
    "up",
    "almost",
    "nearly",
    "just",
    "about",
    "around",
    "roughly",
    "approximately",
    "noon",
    "midday",
    "midnight",
    "daily",
    "nightly",
    "weekly",
    "monthly",
    "annual",
    "annually",
    "yearly",
    "every",
    "each",
    "once",
    "twice",
    "per",
    "christmas",
    "new",
    "black",
    "bloody",
    "final",
    "'",
    "’",
    "q1",
    "q2",
    "q3",
    "q4",
];

/// Sorted, for binary search (cheaper than hashing these short words).
static START_WORDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut set: Vec<&'static str> = OPENERS.to_vec();
    set.extend(calendar::MONTHS);
    set.extend(calendar::MONTH_ABBREVIATIONS);
    set.extend(calendar::WEEKDAYS);
    set.extend(calendar::WEEKDAY_ABBREVIATIONS);
    let classes: &[&[&str]] = &[
        &["mondays", "tuesdays", "wednesdays", "thursdays"],
        &[
            "fridays",
            "saturdays",
            "sundays",
            "spring",
            "summer",
            "autumn",
            "fall",
            "winter",
        ],
        &[
            "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven",
        ],
        &[
            "twelve",
            "dozen",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ],
        &[
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
        ],
        &["several", "few", "many", "some", "numerous", "couple"],
        &["morning", "afternoon", "evening", "night"],
        &[
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth",
        ],
        &[
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
        ],
        &["eighteenth", "nineteenth", "twentieth", "thirtieth"],
        &[
            "seconds",
            "minutes",
            "mins",
            "hours",
            "hrs",
            "days",
            "weeks",
            "weekends",
            "fortnights",
            "months",
        ],
        &["years", "decades", "centuries", "single"],
    ];
    for c in classes {
        set.extend(c.iter().copied());
    }
    set.sort_unstable();
    set.dedup();
    set
});

/// `START_WORDS` as a hash set: `may_start` runs on every token.
static START_SET: std::sync::LazyLock<sitrep_text::fxhash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| START_WORDS.iter().copied().collect());

/// True when a word can open a time expression (a cheap filter before the patterns run).
pub fn may_start(w: &str, is_number: bool) -> bool {
    match w.as_bytes().first() {
        None => false,
        Some(b) if b.is_ascii_digit() => true,
        Some(_) if is_number => true,
        Some(_) if w.len() > 13 => false,
        Some(_) => START_SET.contains(w),
    }
}

/// A calendar unit as written ("day", "weeks", "decade").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The precision name of a date at this unit's granularity.
    pub fn precision(self) -> &'static str {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour => "time",
            Unit::Day => "day",
            Unit::Week | Unit::Weekend | Unit::Fortnight => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
            Unit::Decade => "decade",
            Unit::Century => "decade",
        }
    }
}

/// Month number (1–12) of a month name or abbreviation.
pub fn month(w: &str) -> Option<u32> {
    calendar::month_number(w)
}

/// True for month abbreviations (only read as months next to a number).
pub fn month_is_abbrev(w: &str) -> bool {
    w.len() <= 4 && w != "may" && w != "june" && w != "july"
}

/// ISO weekday number (Monday = 1 … Sunday = 7) of a weekday name or abbreviation.
pub fn weekday(w: &str) -> Option<u32> {
    calendar::weekday_number(w)
}

/// Plural weekday ("Fridays") → weekday number, for sets.
pub fn weekday_plural(w: &str) -> Option<u32> {
    let stem = w.strip_suffix('s')?;
    if stem.len() < 6 {
        return None;
    }
    weekday(stem)
}

pub fn weekday_is_abbrev(w: &str) -> bool {
    !w.ends_with("day")
}

/// Cardinal number words ("one" … "ninety", "hundred", "a", "an", "dozen"); never zero.
pub fn number_word(w: &str) -> Option<f64> {
    match w {
        "a" | "an" => Some(1.0),
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        _ => sitrep_text::numbers::cardinal(w)
            .filter(|&n| n > 0)
            .map(f64::from),
    }
}

/// Words for an unspecified count ("several years" → PXY).
pub fn vague_count(w: &str) -> bool {
    matches!(
        w,
        "several" | "few" | "many" | "some" | "numerous" | "couple"
    )
}

/// Ordinal words and numerals ("first", "3rd", "11th") → number.
pub fn ordinal(w: &str) -> Option<u32> {
    let n = match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => {
            let digits = w
                .strip_suffix("st")
                .or_else(|| w.strip_suffix("nd"))
                .or_else(|| w.strip_suffix("rd"))
                .or_else(|| w.strip_suffix("th"))?;
            if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            return digits.parse().ok();
        }
    };
    Some(n)
}

/// Calendar unit of a word, and whether it is plural.
pub fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "fortnight" => (Unit::Fortnight, false),
        "fortnights" => (Unit::Fortnight, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" => (Unit::Year, false),
        "years" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// TimeML part-of-day code of a word.
pub fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        "dawn" | "daybreak" => "MO",
        "dusk" => "EV",
        _ => return None,
    })
}

/// TimeML season code of a word.
pub fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Position modifiers before a date ("early", "mid", "late") → TimeML mod.
pub fn position_mod(w: &str) -> Option<&'static str> {
    Some(match w {
        "early" => "START",
        "mid" | "middle" => "MID",
        "late" => "END",
        _ => return None,
    })
}

/// Quantity modifiers before a duration → TimeML mod and the number of words they take.
pub fn quantity_mod(w: &str, next: Option<&str>) -> Option<(&'static str, usize)> {
    Some(match (w, next) {
        ("more", Some("than")) => ("MORE_THAN", 2),
        ("over", _) => ("MORE_THAN", 1),
        ("less", Some("than")) | ("fewer", Some("than")) => ("LESS_THAN", 2),
        ("under", _) => ("LESS_THAN", 1),
        ("at", Some("least")) => ("EQUAL_OR_MORE", 2),
        ("at", Some("most")) | ("up", Some("to")) => ("EQUAL_OR_LESS", 2),
        ("almost", _) | ("nearly", _) | ("just", Some("under")) => {
            ("LESS_THAN", if w == "just" { 2 } else { 1 })
        }
        ("about", _) | ("around", _) | ("some", _) | ("roughly", _) | ("approximately", _) => {
            ("APPROX", 1)
        }
        _ => return None,
    })
}

/// Offset east of UTC in minutes of a time-zone abbreviation written after a clock time
/// (unambiguous ones only: "IST" is India, Ireland or Israel, so it is not here).
pub fn zone_offset(w: &str) -> Option<i32> {
    Some(match w {
        "utc" | "gmt" | "z" => 0,
        "est" => -300,
        "edt" => -240,
        "cst" => -360,
        "cdt" => -300,
        "mst" => -420,
        "mdt" => -360,
        "pst" => -480,
        "pdt" => -420,
        "bst" => 60,
        "cet" => 60,
        "cest" => 120,
        "eet" => 120,
        "eest" => 180,
        "msk" => 180,
        "jst" | "kst" => 540,
        "hkt" | "sgt" | "awst" => 480,
        "aest" => 600,
        "aedt" => 660,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(month("sept"), Some(9));
        assert_eq!(weekday("sunday"), Some(7));
        assert_eq!(weekday_plural("fridays"), Some(5));
        assert_eq!(ordinal("11th"), Some(11));
        assert_eq!(ordinal("1st"), Some(1));
        assert_eq!(ordinal("100th"), None);
        assert_eq!(unit("years"), Some((Unit::Year, true)));
        assert_eq!(quantity_mod("more", Some("than")), Some(("MORE_THAN", 2)));
    }
}
