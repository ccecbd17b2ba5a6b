//! Comparisons and streaks of business and conflict reporting: "the same month a year ago",
//! "the same period last year", "the same quarter a year earlier" (the period just told, one
//! year back), and "for a third straight day", "the fourth week in a row" (the day or week
//! the sentence reports).

use super::{Matcher, M};
use crate::expr::Expr;
use crate::lexicon::{self as lx, Unit};

/// Superlatives that make "day", "week" the one reported ("its worst week since 2008").
const SUPERLATIVES: &[&str] = &[
    "best",
    "worst",
    "biggest",
    "deadliest",
    "bloodiest",
    "busiest",
    "heaviest",
];

impl Matcher<'_> {
    /// "the same month a year ago", "the same period of last year", "the same time last year".
    pub(super) fn same_last_year(&self, i: usize) -> M {
        if !(self.is(i, "the") && self.is(i + 1, "same")) {
            return None;
        }
        let unit = match self.w(i + 2) {
            "period" | "time" | "date" => None,
            w => match lx::unit(w)? {
                (u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter), false) => Some(u),
                _ => return None,
            },
        };
        let mut j = i + 3;
        if self.any(j, &["of", "in"]) {
            j += 1;
        }
        let end = match (self.w(j), self.w(j + 1), self.w(j + 2)) {
            ("a" | "one", "year", "ago" | "earlier" | "before" | "previously") => j + 3,
            ("last" | "previous" | "prior", "year", _) => j + 2,
            ("the", "previous" | "prior" | "last", "year") => j + 3,
            ("the", "year", "before" | "earlier") => j + 3,
            _ => return None,
        };
        Some((end, Expr::YearBefore(unit), None))
    }

    /// "a year earlier", "a week earlier" (compared with a figure of the time last told): a
    /// date — the period last told one year back, the week / month / day before the one last
    /// told — not a duration nor a rate ("$50 a week earlier" is no "$50 a week").
    pub(super) fn year_earlier(&self, i: usize) -> M {
        if !(self.any(i, &["a", "one"]) && self.any(i + 2, &["earlier", "before"])) {
            return None;
        }
        let unit = match lx::unit(self.w(i + 1))? {
            (u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false) => u,
            _ => return None,
        };
        // "a year before the war", "a year earlier than planned": anchored on something else.
        if self
            .words
            .get(i + 3)
            .is_some_and(|x| x.kind != sitrep_text::TokenKind::Punct)
        {
            return None;
        }
        let x = if unit == Unit::Year {
            Expr::YearBefore(None)
        } else {
            Expr::Anaphor { unit, k: -1 }
        };
        Some((i + 3, x, None))
    }

    /// "the year-earlier period", "the year-ago quarter": the period last told, a year back.
    pub(super) fn year_ago_period(&self, i: usize) -> M {
        if !(self.is(i, "the")
            && self.is(i + 1, "year")
            && self.any(i + 2, &["earlier", "ago", "before"]))
        {
            return None;
        }
        let unit = match self.w(i + 3) {
            "period" | "level" | "levels" | "figure" | "figures" => None,
            w => match lx::unit(w)? {
                (u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter), false) => Some(u),
                _ => return None,
            },
        };
        Some((i + 4, Expr::YearBefore(unit), None))
    }

    /// "their best week since November", "the deadliest day of the war": the day or week
    /// being reported (the unit word at `i`), a superlative over its kind.
    pub(super) fn superlative_unit(&self, i: usize) -> M {
        let unit = match lx::unit(self.w(i))? {
            (u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year), false) => u,
            _ => return None,
        };
        if !(i > 1
            && self.any(i - 1, SUPERLATIVES)
            && self.any(i - 2, &["its", "their", "the", "his", "her"])
            && self.any(i + 1, &["since", "in", "of", "ever", "on", "yet", "so"]))
        {
            return None;
        }
        Some((i + 1, Expr::Anaphor { unit, k: 0 }, None))
    }

    /// True when word `i` is a unit after a superlative ("best week"): the matcher tries it
    /// though units alone do not open expressions.
    pub(super) fn after_superlative(&self, i: usize) -> bool {
        i > 0 && self.any(i - 1, SUPERLATIVES)
    }

    /// "for a second consecutive day", "the third straight week", "fourth week in a row".
    pub(super) fn streak(&self, i: usize) -> M {
        let s = if self.any(i, &["a", "the", "its", "their"]) {
            i + 1
        } else {
            i
        };
        lx::ordinal(self.w(s)).filter(|n| *n >= 2)?;
        let mut j = s + 1;
        let qualified = self.any(j, &["straight", "consecutive", "successive"]);
        if qualified {
            j += 1;
        }
        let unit = match lx::unit(self.w(j))? {
            (u @ (Unit::Day | Unit::Week | Unit::Month | Unit::Quarter | Unit::Year), false) => u,
            _ => return None,
        };
        let in_a_row = self.is(j + 1, "in") && self.is(j + 2, "a") && self.is(j + 3, "row");
        if !(qualified || in_a_row) {
            return None;
        }
        Some((j + 1, Expr::Anaphor { unit, k: 0 }, None))
    }
}
