//! Quantified expressions for the matcher: bare plural units ("for years"), "two days ago"
//! and "a few years ago", and durations with their TimeML modifiers ("more than a year and a
//! half", "between 60 and 90 days", "fifty-year").

use super::{Matcher, M};
use crate::expr::{duration_value, Expr};
use crate::lexicon::{self as lx, Unit};
use sitrep_text::TokenKind;

impl Matcher<'_> {
    /// Bare plural units: "for years", "in just minutes", "over the years".
    pub(super) fn bare_units(&self, i: usize) -> M {
        // The word before, skipping quotation marks ("been `` decades in the making").
        let mut p = i;
        while p > 0 && matches!(self.w(p - 1), "``" | "''" | "\"" | "“" | "‘" | "'") {
            p -= 1;
        }
        let prev = if p > 0 { self.w(p - 1) } else { "" };
        // "decades-long", "years-long": a compound adjective of a vague duration.
        let long_compound = self.is(i + 1, "long")
            && self.words.get(i + 1).map(|x| x.tok) == self.words.get(i).map(|x| x.tok);
        let (j, ok) = if self.is(i, "the") {
            (i + 1, matches!(prev, "over" | "through" | "across"))
        } else {
            (
                i,
                matches!(
                    prev,
                    "for" | "in" | "within" | "just" | "took" | "take" | "takes" | "been"
                ),
            )
        };
        let (u, plural) = lx::unit(self.w(j))?;
        if long_compound && plural && !matches!(u, Unit::Quarter | Unit::Weekend) {
            return Some((j + 2, Expr::Duration(duration_value(None, u)), None));
        }
        if !ok
            || !plural
            || matches!(u, Unit::Quarter | Unit::Weekend)
            || matches!(self.w(j + 1), "of" | "ago" | "later" | "earlier")
        {
            return None;
        }
        Some((j + 1, Expr::Duration(duration_value(None, u)), None))
    }

    /// "two days ago", "a week ago", "three years ago".
    pub(super) fn ago(&self, i: usize) -> M {
        // "a few years ago", "several months ago", "years ago": some time in the past.
        let vague = if matches!(self.w(i), "a" | "an") && self.any(i + 1, &["few", "couple"]) {
            Some(i + 2 + usize::from(self.is(i + 2, "of")))
        } else if self.any(i, &["few", "several", "many", "some"]) {
            Some(i + 1)
        } else if lx::unit(self.w(i)).is_some_and(|(_, plural)| plural) {
            Some(i)
        } else {
            None
        };
        if let Some(j) = vague {
            if lx::unit(self.w(j)).is_some_and(|(_, plural)| plural) && self.is(j + 1, "ago") {
                return Some((j + 2, Expr::Ref("PAST_REF"), None));
            }
        }
        let (e, n) = self.number(i)?;
        let (u, _) = lx::unit(self.w(e))?;
        if !self.is(e + 1, "ago") || !(0.0..=5000.0).contains(&n) {
            return None;
        }
        Some((e + 2, Expr::Ago { n, unit: u }, None))
    }

    /// [modifier] N units [and a half], "N and a half units", "several years", "fifty-year".
    pub(super) fn duration(&self, i: usize) -> M {
        let (tmod, s) = match lx::quantity_mod(self.w(i), self.words.get(i + 1).map(|w| w.w)) {
            Some((m, k)) => (Some(m), i + k),
            None => (None, i),
        };
        // "$300 million a year" is a set.
        if self.is(s, "a") && self.after_quantity(s) {
            return None;
        }
        // "a quarter of a century" (P25Y), "a quarter of an hour" (PT15M).
        if self.is(s, "a")
            && self.is(s + 1, "quarter")
            && self.is(s + 2, "of")
            && self.any(s + 3, &["a", "an"])
        {
            let v = match lx::unit(self.w(s + 4)) {
                Some((Unit::Century, false)) => "P25Y",
                Some((Unit::Decade, false)) => "P30M",
                Some((Unit::Year, false)) => "P3M",
                Some((Unit::Day, false)) => "PT6H",
                Some((Unit::Hour, false)) => "PT15M",
                _ => return None,
            };
            return Some((s + 5, Expr::Duration(v.to_string()), tmod));
        }
        // "a half-century", "a half century".
        if self.is(s, "a") && self.is(s + 1, "half") {
            if let Some((u, false)) = lx::unit(self.w(s + 2)) {
                return Some((s + 3, Expr::Duration(duration_value(Some(0.5), u)), tmod));
            }
        }
        let (mut e, mut n) = if lx::vague_count(self.w(s)) {
            let mut e = s + 1;
            if self.is(s, "a") || self.w(s) == "couple" {
                // "a few", "a couple of"
                if self.is(e, "few") || self.is(e, "couple") {
                    e += 1;
                }
                if self.is(e, "of") {
                    e += 1;
                }
            }
            (e, None)
        } else if self.is(s, "half") && matches!(self.w(s + 1), "a" | "an") {
            (s + 2, Some(0.5))
        } else if self.is(s, "single") && lx::unit(self.w(s + 1)).is_some_and(|(_, pl)| !pl) {
            (s + 1, Some(1.0)) // "a single day", "single-day decline"
        } else {
            let (e, v) = self.number(s)?;
            (e, Some(v))
        };
        if self.is(e, "and") && self.is(e + 1, "a") && self.is(e + 2, "half") {
            n = n.map(|v| v + 0.5);
            e += 3;
        }
        // A range "between 60 and 90 days", "30-to-60-day": the first number is a duration of
        // the same unit on its own (the second is found after it).
        if n.is_some() && self.any(e, &["and", "to", "or"]) {
            if let Some((e2, _)) = self.number(e + 1) {
                let mut e3 = e2;
                if self.is(e3, "-") {
                    e3 += 1;
                }
                if let Some((u, _)) = lx::unit(self.w(e3)) {
                    if !matches!(self.w(e3 + 1), "ago" | "old") && u != Unit::Weekend {
                        return Some((e, Expr::Duration(duration_value(n, u)), tmod));
                    }
                }
            }
        }
        if self.is(e, "-") && n.is_some() {
            e += 1; // "27-year", "12-hour": the number is its own token
        }
        if matches!(
            self.w(e),
            "straight"
                | "consecutive"
                | "successive"
                | "full"
                | "more"
                | "trading"
                | "working"
                | "business"
                | "long"
        ) {
            e += 1;
        }
        let (u, plural) = lx::unit(self.w(e))?;
        if self.unit_is_name(e) {
            return None; // "CBS's 60 Minutes"
        }
        if plural && matches!(self.w(s), "a" | "an") && e == s + 1 {
            return None; // "a decades-long dispute"
        }
        let mut end = e + 1;
        if n.is_none() && !plural {
            return None;
        }
        // "a second consecutive day", "a quarter of the staff": not durations.
        if (u == Unit::Second
            && !plural
            && self
                .words
                .get(end)
                .is_some_and(|x| x.kind == TokenKind::Word))
            || (u == Unit::Quarter
                && ((self.is(end, "of") && e == s + 1) || matches!(self.w(s), "a" | "an")))
        {
            return None;
        }
        if self.is(end, "and") && self.is(end + 1, "a") && self.is(end + 2, "half") {
            n = n.map(|v| v + 0.5);
            end += 3;
        }
        if matches!(self.w(end), "ago" | "old") || (self.w(end) == "of" && self.is(end + 1, "age"))
        {
            return None;
        }
        // "a day" alone is too often not a duration ("a day of protests"); keep "a week", "a year".
        if n == Some(1.0)
            && self.is(s, "a")
            && tmod.is_none()
            && !matches!(self.w(end), "after" | "before" | "later" | "earlier")
            && matches!(u, Unit::Day | Unit::Weekend | Unit::Quarter)
        {
            return None;
        }
        if u == Unit::Weekend
            || u == Unit::Quarter && n.is_some_and(|v| v < 5.0) && self.is(s, "first")
        {
            return None;
        }
        // Bare numbers before "years" etc. are counts; reject scores like "2-1".
        if n.is_some_and(|v| v > 1000.0) {
            return None;
        }
        Some((end, Expr::Duration(duration_value(n, u)), tmod))
    }
}
