//! Calendar words that are parts of names, not times: months as given names or in titles
//! ("April Ryan", "Mr. August Wilson", "the October Revolution", "the March for Our Lives",
//! "the Long March"), "May" the surname, weekdays in names ("Black Monday", "The Sunday
//! Times") and seasons in names ("the Summer Palace", "the Arab Spring", "the fall of Aleppo");
//! and a date without a year that names an event of a known year ("the September 11 attacks").

use super::{Matcher, YEAR_PREP};
use crate::expr::YearSpec;
use crate::lexicon as lx;
use sitrep_text::TokenKind;

/// Words before a month or season that make it a time ("in", "early", "last", ...).
const TIME_BEFORE: &[&str] = &[
    "last",
    "next",
    "this",
    "that",
    "every",
    "each",
    "early",
    "late",
    "mid",
    "end",
    "beginning",
    "start",
    "middle",
    "on",
    "at",
    "around",
    "about",
    "for",
    "in",
    "since",
    "by",
];
/// Titles before a given name.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "lady", "dame", "saint", "st", "prof", "sen", "rep",
];
/// Prepositions after "the March" that make it a procession ("the March for Our Lives").
const MARCH_NOUN_AFTER: &[&str] = &[
    "for", "on", "to", "against", "through", "across", "into", "toward", "towards", "from",
];
/// Words before a weekday that make a named day whose date is not the nearest such weekday.
const WEEKDAY_NAME_BEFORE: &[&str] = &["black", "bloody", "cyber", "blue"];
/// Newspaper and programme words after a weekday ("The Sunday Times", "Sunday Telegraph").
const WEEKDAY_NAME_AFTER: &[&str] = &[
    "times",
    "telegraph",
    "express",
    "mirror",
    "herald",
    "post",
    "mail",
    "tribune",
    "independent",
    "observer",
    "star",
    "sun",
    "sport",
    "people",
    "record",
    "review",
    "age",
    "business",
    "mercury",
    "journal",
    "news",
    "edition",
    "magazine",
    "paper",
];

impl Matcher<'_> {
    /// True when the word at `i` is a date word (month, weekday, season, part of day) or a number.
    fn datey(&self, i: usize) -> bool {
        let w = self.w(i);
        self.words
            .get(i)
            .is_some_and(|x| x.kind == TokenKind::Number)
            || lx::month(w).is_some()
            || lx::weekday(w).is_some()
            || lx::season(w).is_some()
            || lx::part_of_day(w).is_some()
    }

    /// A word before `i` that introduces a time ("in", "since", "last"; not "and", "to", "of",
    /// which also join names: "April Ryan and June Carter").
    fn time_word_before(&self, i: usize) -> bool {
        i > 0
            && (self.any(i - 1, TIME_BEFORE)
                || (self.any(i - 1, YEAR_PREP) && !self.any(i - 1, &["and", "to", "of"])))
    }

    /// A bare month name (no day or year with it) at `i` that is part of a name.
    pub(super) fn month_is_name(&self, i: usize) -> bool {
        if i > 0 && self.any(i - 1, HONORIFICS) {
            return true;
        }
        if self.time_word_before(i) || self.title_case {
            return false;
        }
        let next_cap_word = self
            .words
            .get(i + 1)
            .is_some_and(|x| x.cap && x.kind == TokenKind::Word && x.tok != self.words[i].tok)
            && !self.datey(i + 1);
        // "April Ryan", "the October Revolution" (not "the March 5 attack").
        if next_cap_word {
            return true;
        }
        // "the Long March", "Theresa May": after a capitalised word inside the sentence.
        if i > 1
            && self.cap(i - 1)
            && self.words[i - 1].kind == TokenKind::Word
            && !self.datey(i - 1)
        {
            return true;
        }
        // "the March on Rome", "a march to the sea".
        self.w(i) == "march"
            && i > 0
            && self.any(i - 1, &["the", "a"])
            && self.any(i + 1, MARCH_NOUN_AFTER)
    }

    /// A bare "May" at `i` read as the month: after a word that introduces a time ("in May",
    /// "since May", "early May", "the end of May"); when the document writes May as a surname,
    /// only after words that cannot precede one.
    pub(super) fn may_is_month(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = self.w(i - 1);
        if matches!(
            p,
            "early" | "late" | "mid" | "since" | "until" | "till" | "during" | "throughout"
        ) {
            return true;
        }
        if self.order.may_is_name {
            return false;
        }
        match p {
            "in" | "by" | "before" | "through" | "last" | "next" | "this" | "every" => true,
            "of" => {
                i > 1
                    && self.any(
                        i - 2,
                        &[
                            "end",
                            "beginning",
                            "start",
                            "middle",
                            "month",
                            "half",
                            "part",
                        ],
                    )
            }
            _ => false,
        }
    }

    /// A bare weekday at `i` that is part of a name ("Black Monday", "The Sunday Times").
    pub(super) fn weekday_is_name(&self, i: usize) -> bool {
        (i > 0 && self.cap(i - 1) && self.any(i - 1, WEEKDAY_NAME_BEFORE))
            || (self.cap(i + 1) && self.any(i + 1, WEEKDAY_NAME_AFTER))
    }

    /// A season word at `s` (no year with it) that is part of a name or a noun of another sense:
    /// "the Summer Palace", "the Arab Spring", "the fall of Aleppo", "the spring of discontent".
    pub(super) fn season_is_name(&self, s: usize) -> bool {
        if self.is(s + 1, "of") {
            return true;
        }
        if !self.cap(s) || self.title_case {
            return false;
        }
        let next_name = self
            .words
            .get(s + 1)
            .is_some_and(|x| x.cap && x.kind == TokenKind::Word && !self.datey(s + 1));
        let prev_name = s > 1
            && self.cap(s - 1)
            && self.words[s - 1].kind == TokenKind::Word
            && !self.time_word_before(s)
            && !self.datey(s - 1);
        next_name || prev_name
    }

    /// The year of a day-and-month date written without one: 2001 for "the September 11
    /// attacks" (a public fact; word `after` follows the date), else inferred from the reference.
    pub(super) fn named_date_year(&self, m: u32, d: u32, after: usize) -> YearSpec {
        let attack = self.any(
            after,
            &[
                "attacks",
                "attack",
                "terrorist",
                "terror",
                "hijackers",
                "commission",
                "bombings",
            ],
        ) || (self.is(after, "terrorist") && self.is(after + 1, "attacks"));
        if (m, d) == (9, 11) && attack {
            YearSpec::Abs(2001)
        } else {
            YearSpec::Infer
        }
    }

    /// "Today" inside a sentence after a capitalised word or "the": a name ("USA Today",
    /// "Russia Today", "the Today show"), not the day.
    pub(super) fn today_is_name(&self, i: usize) -> bool {
        self.cap(i)
            && i > 0
            && !self.title_case
            && ((self.cap(i - 1) && self.words[i - 1].kind == TokenKind::Word)
                || self.is(i - 1, "the"))
    }

    /// A capitalised unit after a number inside a lower-case sentence: a programme's name
    /// ("CBS's 60 Minutes", "48 Hours"), not a duration.
    pub(super) fn unit_is_name(&self, unit_at: usize) -> bool {
        self.cap(unit_at)
            && !self.title_case
            && unit_at > 1
            && self.words[unit_at - 1].kind == TokenKind::Number
            && !self.cap(unit_at - 2)
    }
}
