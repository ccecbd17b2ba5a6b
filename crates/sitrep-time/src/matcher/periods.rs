//! Calendar periods for the matcher: quarters and halves ("the first quarter of 2009", "Q1"),
//! seasons ("the summer of 2015"), decades and centuries ("the 1990s", "the 1980's"), and bare
//! years in a year-like context.

use super::{Matcher, M, YEAR_PREP};
use crate::expr::{Expr, YearSpec};
use crate::lexicon as lx;
use chrono::Datelike;
use sitrep_text::TokenKind;

impl Matcher<'_> {
    /// "the first quarter of 2009", "the fourth quarter", "third-quarter", "Q1 2016", "the first half of 2016".
    pub(super) fn quarter(&self, i: usize) -> M {
        let s = if self.is(i, "the") { i + 1 } else { i };
        let w = self.w(s);
        if w.len() == 2 && w.starts_with('q') {
            let q = w[1..].parse::<u32>().ok().filter(|q| (1..=4).contains(q))?;
            let (e, y) = self
                .year_at(s + 1)
                .map(|(e, y)| (e, YearSpec::Abs(y)))
                .unwrap_or((s + 1, YearSpec::Infer));
            if !self.cap(s) {
                return None;
            }
            return Some((e, Expr::Quarter { q, y }, None));
        }
        let ord = match w {
            "final" | "last" => Some(4),
            _ => lx::ordinal(w),
        }?;
        let is_half = self.is(s + 1, "half");
        if !(self.is(s + 1, "quarter") || is_half) {
            return None;
        }
        let (e, y) = self.year_after(s + 2).unwrap_or((s + 2, YearSpec::Infer));
        if w == "last" && matches!(y, YearSpec::Infer) {
            return None;
        }
        if is_half {
            if ord > 2 {
                return None;
            }
            if y == YearSpec::Infer {
                return None;
            }
            return Some((e, Expr::Half { h: ord, y }, None));
        }
        if !(1..=4).contains(&ord) {
            return None;
        }
        // "Profit was … in the third quarter" said in March: a quarter not yet begun, told
        // in the past tense, is last year's.
        let y = match (y, self.order.published) {
            (YearSpec::Infer, Some(p)) if ord * 3 - 2 > p.month() && self.past_cue(i) => {
                YearSpec::Rel(-1)
            }
            (y, _) => y,
        };
        Some((e, Expr::Quarter { q: ord, y }, None))
    }

    /// "the last week of March", "the first week of June 2015".
    pub(super) fn week_of_month(&self, i: usize) -> M {
        if !self.is(i, "the") {
            return None;
        }
        let n = match self.w(i + 1) {
            "last" | "final" => -1,
            w => lx::ordinal(w).filter(|n| (1..=4).contains(n))? as i32,
        };
        if !(self.is(i + 2, "week") && self.is(i + 3, "of")) {
            return None;
        }
        let m = lx::month(self.w(i + 4)).filter(|_| self.cap(i + 4))?;
        let (e, y) = self.year_after(i + 5).unwrap_or((i + 5, YearSpec::Infer));
        Some((e, Expr::WeekOfMonth { n, m, y }, None))
    }

    /// "spring", "the summer of 2015", "Autumn", "winter 2016".
    pub(super) fn season(&self, i: usize) -> M {
        let the = self.is(i, "the");
        let s = if the { i + 1 } else { i };
        let code = lx::season(self.w(s))?;
        if let Some((e, y)) = self.year_after(s + 1) {
            return Some((e, Expr::Season { s: code, y }, None));
        }
        if self.season_is_name(s) {
            return None;
        }
        // Without a year, "fall" is too often the verb; the others need a determiner or preposition.
        let after_det = the
            || (s > 0
                && self.any(
                    s - 1,
                    &[
                        "in", "during", "this", "by", "until", "since", "their", "its",
                    ],
                ));
        if (self.w(s) == "fall" && !after_det) || (s > 0 && self.any(s - 1, &["arab", "prague"])) {
            return None;
        }
        // A bare lower-case "spring" is the season only as a subject ("spring shows signs
        // of hope", "spring is here"); otherwise it is the noun or the verb.
        let subject = self.any(
            s + 1,
            &[
                "is", "was", "has", "had", "will", "brings", "brought", "shows", "showed", "came",
                "comes", "arrives", "arrived", "began", "begins",
            ],
        );
        if self.w(s) == "spring" && !after_det && !self.cap(s) && !subject {
            return None;
        }
        Some((
            s + 1,
            Expr::Season {
                s: code,
                y: YearSpec::Infer,
            },
            None,
        ))
    }

    /// "the 1990s", "the '90s", "70s".
    pub(super) fn decade(&self, i: usize) -> M {
        let the = self.is(i, "the");
        let s = if the { i + 1 } else { i };
        if let Some(c) = lx::ordinal(self.w(s)).filter(|c| (1..=22).contains(c)) {
            if self.is(s + 1, "century") {
                return Some((s + 2, Expr::Century(c as i32 - 1), None));
            }
        }
        let mut j = s;
        if matches!(self.w(j), "'" | "’") {
            j += 1;
        }
        // Not the tail of a compound name ("KC-30s", "F-16s"); "mid-1990s" is fine.
        if j > 0
            && self.words[j - 1].tok == self.words.get(j).map(|x| x.tok)?
            && lx::position_mod(self.w(j - 1)).is_none()
        {
            return None;
        }
        let w = self.w(j);
        // "the 1980's": the year, then an apostrophe-s.
        if w.len() == 4 && w.ends_with('0') && self.digits(j).is_some() {
            let e = match (self.w(j + 1), self.w(j + 2)) {
                ("'s" | "’s" | "s", _) => j + 2,
                ("'" | "’", "s") => j + 3,
                _ => return None,
            };
            let v = self.digits(j)? as i32 / 10;
            return (180..=219)
                .contains(&v)
                .then_some((e, Expr::Decade(v), None));
        }
        let digits = w.strip_suffix('s')?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.ends_with('0') {
            return None;
        }
        // "the 1800s": the century (TimeML "18"), not the decade 1800–1809 ("the 2000s" is
        // mostly the decade 2000–2009 in today's news).
        if digits.len() == 4 && digits.ends_with("00") && !digits.starts_with('2') {
            let c = digits.parse::<i32>().ok()? / 100;
            return (10..=19)
                .contains(&c)
                .then_some((j + 1, Expr::Century(c), None));
        }
        let v = match digits.len() {
            4 => digits.parse::<i32>().ok()? / 10,
            2 => 190 + digits.parse::<i32>().ok()? / 10,
            _ => return None,
        };
        Some((j + 1, Expr::Decade(v), None))
    }

    /// A four-digit year in a year-like context.
    pub(super) fn year(&self, i: usize) -> M {
        let (e, y) = self.year_at(i)?;
        let prev_ok = i > 0 && self.any(i - 1, YEAR_PREP);
        let next = self.words.get(e);
        let next_ok = match next {
            None => true,
            Some(x) => {
                x.kind == TokenKind::Punct && x.w != "%"
                    || x.cap
                    || (i > 0
                        && matches!(self.w(i - 1), "the" | "its" | "their" | "s")
                        && x.kind == TokenKind::Word
                        && !x.w.ends_with('s'))
                    || matches!(x.w, "and" | "to" | "when" | "after" | "before")
            }
        };
        if !(prev_ok || next_ok) || !(1900..=2100).contains(&y) {
            return None;
        }
        // Between two capitalised words it is a name: "the Russell 2000 Index", "Windows 2000 Server".
        if !prev_ok
            && i > 0
            && self.cap(i - 1)
            && lx::month(self.w(i - 1)).is_none()
            && lx::weekday(self.w(i - 1)).is_none()
            && next.is_some_and(|x| x.cap && x.kind == TokenKind::Word)
            && lx::month(self.w(e)).is_none()
            && lx::weekday(self.w(e)).is_none()
        {
            return None;
        }
        Some((e, Expr::Year(y), None))
    }

    /// A year after a position modifier ("early 2009", "mid-2011").
    pub(super) fn year_any(&self, i: usize) -> M {
        let (e, y) = self.year_at(i)?;
        Some((e, Expr::Year(y), None))
    }
}
