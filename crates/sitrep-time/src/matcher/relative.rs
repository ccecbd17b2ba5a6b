//! Relative expressions for the matcher: position modifiers ("late last year", "mid-March",
//! "the end of this year"), this/last/next + unit and deictic words ("yesterday", "now",
//! "the day"). Quantities ("two days ago", "for years", durations) are in `quantity.rs`.

use super::{Matcher, M};
use crate::expr::{duration_value, Dir, Expr, YearSpec};
use crate::lexicon::{self as lx, Unit};
use sitrep_text::TokenKind;

impl Matcher<'_> {
    /// "early June", "mid-March", "late last year", "the end of this year", "earlier this week".
    pub(super) fn modified(&self, i: usize) -> M {
        let (tmod, inner) = if let Some(m) = lx::position_mod(self.w(i)) {
            // "late in the day": the end of the day the sentence is about.
            if self.is(i + 1, "in") && self.is(i + 2, "the") && self.is(i + 3, "day") {
                return Some((i + 4, Expr::SentenceDay, Some(m)));
            }
            (Some(m), i + 1)
        } else {
            let s = if self.is(i, "the") { i + 1 } else { i };
            let m = match (self.w(s), self.w(s + 1)) {
                ("end", "of") => "END",
                ("beginning", "of") | ("start", "of") => "START",
                ("middle", "of") => "MID",
                _ => match self.w(i) {
                    "earlier" | "later" if matches!(self.w(i + 1), "this" | "today") => {
                        let (e, x, _) = self.relative(i + 1).or_else(|| self.deictic(i + 1))?;
                        return Some((e, x, None));
                    }
                    _ => return None,
                },
            };
            if s == i && self.w(i) != "end" {
                return None;
            }
            let mut k = s + 2;
            // "the end of the year", "the start of the month": the reference's unit.
            if let Some((unit @ (Unit::Week | Unit::Month | Unit::Quarter | Unit::Year), false)) =
                lx::unit(self.w(k + 1)).filter(|_| self.is(k, "the"))
            {
                return Some((k + 2, Expr::UnitRel { unit, k: 0 }, Some(m)));
            }
            if self.is(k, "the") {
                k += 1;
            }
            (Some(m), k)
        };
        let (e, x, _) = [
            self.month_led(inner),
            self.relative(inner),
            self.decade(inner),
            self.year_any(inner),
            self.quarter(inner),
        ]
        .into_iter()
        .flatten()
        .max_by_key(|c| c.0)?;
        match x {
            Expr::Date { d: None, .. }
            | Expr::Year(_)
            | Expr::Decade(_)
            | Expr::Century(_)
            | Expr::Quarter { .. } => {}
            Expr::UnitRel {
                unit: Unit::Year | Unit::Month | Unit::Week | Unit::Decade | Unit::Quarter,
                ..
            } => {}
            _ => return None,
        }
        Some((e, x, tmod))
    }

    /// this/last/next/past/coming + unit, weekday, month or part of day; the past/next N units.
    pub(super) fn relative(&self, i: usize) -> M {
        let the = self.is(i, "the");
        let s = if the { i + 1 } else { i };
        let k: i32 = match self.w(s) {
            "this" | "current" => 0,
            "last" | "past" | "previous" => -1,
            "next" | "coming" | "following" => 1,
            _ => return None,
        };
        let dir_word = self.w(s);
        let mut j = s + 1;
        if self.is(j, "past") && dir_word == "this" {
            j += 1; // "this past weekend"
        }
        // "the past/next N units" and "the past few weeks": durations.
        if matches!(
            dir_word,
            "past" | "last" | "next" | "coming" | "previous" | "following"
        ) {
            let cnt = if lx::vague_count(self.w(j)) {
                Some((j + 1, None))
            } else if self.is(j, "half") {
                Some((j + 1, Some(0.5))) // "the past half century"
            } else {
                self.number(j)
                    .filter(|_| !matches!(self.w(j), "a" | "an"))
                    .map(|(e, v)| (e, Some(v)))
            };
            if let Some((e, n)) = cnt {
                let mut e2 = e;
                if self.w(e2) == "trading" || self.w(e2) == "business" {
                    e2 += 1;
                }
                if let Some((u, _)) = lx::unit(self.w(e2)) {
                    return Some((e2 + 1, Expr::Duration(duration_value(n, u)), None));
                }
            }
        }
        if let Some((u, plural)) = lx::unit(self.w(j)) {
            if plural {
                // "in the coming weeks", "over the past months": an indefinite stretch.
                if the && dir_word != "previous" && dir_word != "following" {
                    return Some((j + 1, Expr::Duration(duration_value(None, u)), None));
                }
                return None;
            }
            if dir_word == "past" && (the || matches!(u, Unit::Decade | Unit::Century)) {
                return Some((j + 1, Expr::Duration(duration_value(Some(1.0), u)), None));
            }
            if the
                && matches!(dir_word, "following" | "previous")
                && matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
            {
                return Some((j + 1, Expr::Anaphor { unit: u, k }, None));
            }
            if dir_word == "coming" && the {
                return Some((j + 1, Expr::Ref("FUTURE_REF"), None));
            }
            return Some((j + 1, Expr::UnitRel { unit: u, k }, None));
        }
        if the {
            return None;
        }
        let dir = match k {
            0 => Dir::This,
            -1 => Dir::Last,
            _ => Dir::Next,
        };
        if let Some(wd) = lx::weekday(self.w(j)).filter(|_| !lx::weekday_is_abbrev(self.w(j))) {
            let base = Expr::Weekday { wd, dir };
            if let Some(pod) = lx::part_of_day(self.w(j + 1)) {
                return Some((
                    j + 2,
                    Expr::Pod {
                        base: Box::new(base),
                        pod,
                    },
                    None,
                ));
            }
            return Some((j + 1, base, None));
        }
        if let Some(m) =
            lx::month(self.w(j)).filter(|_| self.cap(j) && !lx::month_is_abbrev(self.w(j)))
        {
            return Some((
                j + 1,
                Expr::Date {
                    y: YearSpec::Infer,
                    m,
                    d: None,
                    dir,
                },
                None,
            ));
        }
        if let Some(pod) = lx::part_of_day(self.w(j)) {
            let day = match (dir_word, pod) {
                ("this", _) => 0,
                ("last", "NI") | ("last", "EV") => -1,
                _ => return None,
            };
            return Some((
                j + 1,
                Expr::Pod {
                    base: Box::new(Expr::DayRel(day)),
                    pod,
                },
                None,
            ));
        }
        if let Some(s) = lx::season(self.w(j)) {
            let y = YearSpec::Rel(k);
            return Some((j + 1, Expr::Season { s, y }, None));
        }
        None
    }

    /// today, yesterday, tomorrow, tonight, now, currently, recently, the past, the future, ...
    pub(super) fn deictic(&self, i: usize) -> M {
        let w = self.w(i);
        // "the cars of tomorrow": generic, not a day ("the events of today" is the day).
        if w == "tomorrow"
            && i > 0
            && self.is(i - 1, "of")
            && self
                .words
                .get(i + 1)
                .is_none_or(|x| x.kind == TokenKind::Punct && x.w != "'s" && x.w != "s")
        {
            return Some((i + 1, Expr::Ref("FUTURE_REF"), None));
        }
        if w == "today" && self.today_is_name(i) {
            return None;
        }
        let base = match w {
            "today" => Expr::DayRel(0),
            "yesterday" => Expr::DayRel(-1),
            "tomorrow" => Expr::DayRel(1),
            "tonight" => {
                return Some((
                    i + 1,
                    Expr::Pod {
                        base: Box::new(Expr::DayRel(0)),
                        pod: "NI",
                    },
                    None,
                ))
            }
            "now" | "currently" | "nowadays" | "presently" | "current" => {
                // Not inside compounds ("now-defunct", "current-account").
                if !self.whole(i) {
                    return None;
                }
                return Some((i + 1, Expr::Ref("PRESENT_REF"), None));
            }
            "recently" => return Some((i + 1, Expr::Ref("PAST_REF"), None)),
            // "one day the United States might return", "some day": an indefinite time, not
            // a duration ("in one day", "for one day" stay durations).
            "one" | "some"
                if self.is(i + 1, "day")
                    && self.whole(i + 1)
                    && !(i > 0
                        && self.any(
                            i - 1,
                            &[
                                "in", "for", "within", "than", "only", "just", "over", "of", "per",
                                "a", "first", "last", "each", "every", "by", "after", "from",
                            ],
                        ))
                    && (self.words.get(i + 2).is_some_and(|x| x.cap)
                        || self.any(
                            i + 2,
                            &["the", "a", "he", "she", "it", "they", "we", "i", "you", ","],
                        )) =>
            {
                let modal = (i + 2..(i + 8).min(self.words.len())).any(|k| {
                    self.any(
                        k,
                        &[
                            "will", "would", "might", "could", "may", "can", "shall", "ll",
                        ],
                    )
                });
                let v = if modal { "FUTURE_REF" } else { "PAST_REF" };
                return Some((i + 2, Expr::Ref(v), None));
            }
            // "at that time", "on that day", "by that date": the time told before.
            "that"
                if i > 0
                    && self.any(
                        i - 1,
                        &[
                            "at", "by", "on", "since", "until", "till", "from", "before", "after",
                            "during",
                        ],
                    ) =>
            {
                let x = match self.w(i + 1) {
                    "day" => Expr::SentenceDay,
                    "time" | "date" => Expr::SameAsLast,
                    "point" if self.is(i - 1, "at") => Expr::SameAsLast, // not "on that point"
                    w => match (lx::part_of_day(w), lx::unit(w)) {
                        (Some(pod), _) => Expr::Pod {
                            base: Box::new(Expr::SentenceDay),
                            pod,
                        },
                        (None, Some((unit @ (Unit::Week | Unit::Month | Unit::Year), false))) => {
                            Expr::Anaphor { unit, k: 0 }
                        }
                        _ => return None,
                    },
                };
                return Some((i + 2, x, None));
            }
            "soon"
                if self.whole(i)
                    && !self.is(i + 1, "after")
                    && !(self.is(i + 1, "as") && i > 0 && self.is(i - 1, "as")) =>
            {
                return Some((i + 1, Expr::Ref("FUTURE_REF"), None));
            }
            "very" if self.is(i + 1, "soon") && !self.is(i + 2, "after") => {
                return Some((i + 2, Expr::Ref("FUTURE_REF"), None));
            }
            "later" => {
                // "later" alone; "three days later" is a duration and "later this year" a date.
                let after_unit = i > 0 && lx::unit(self.w(i - 1)).is_some();
                if after_unit
                    || matches!(
                        self.w(i + 1),
                        "this" | "today" | "than" | "that" | "in" | "on"
                    )
                    || !self.whole(i)
                {
                    return None;
                }
                // "for later delivery", "a later model": an adjective, not a time.
                if i > 0
                    && self.any(i - 1, &["a", "an", "for"])
                    && !self.any(i + 1, &["date", "time", "stage", "point"])
                {
                    return None;
                }
                return Some((i + 1, Expr::Ref("FUTURE_REF"), None));
            }
            "at" if self.is(i + 1, "present") => {
                return Some((i + 2, Expr::Ref("PRESENT_REF"), None))
            }
            "the" => {
                return match self.w(i + 1) {
                    "future" => Some((i + 2, Expr::Ref("FUTURE_REF"), None)),
                    "past"
                        if lx::unit(self.w(i + 2)).is_none()
                            && !self.is(i + 2, "half")
                            && self.number(i + 2).is_none()
                            && !lx::vague_count(self.w(i + 2)) =>
                    {
                        Some((i + 2, Expr::Ref("PAST_REF"), None))
                    }
                    "day" if self.is(i + 2, "before") && self.is(i + 3, "yesterday") => {
                        Some((i + 4, Expr::DayRel(-2), None))
                    }
                    "day" if self.is(i + 2, "after") && self.is(i + 3, "tomorrow") => {
                        Some((i + 4, Expr::DayRel(2), None))
                    }
                    "near" | "long" | "short" | "medium" if self.is(i + 2, "term") => {
                        Some((i + 3, Expr::Ref("FUTURE_REF"), None))
                    }
                    "time" if self.is(i + 2, "being") => {
                        Some((i + 3, Expr::Ref("PRESENT_REF"), None))
                    }
                    "same" if self.is(i + 2, "day") => Some((i + 3, Expr::SentenceDay, None)),
                    // "for the entire year", "the whole day": the one last told.
                    "whole" | "entire" | "full" => match lx::unit(self.w(i + 2)) {
                        Some((
                            unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year),
                            false,
                        )) => Some((i + 3, Expr::Anaphor { unit, k: 0 }, None)),
                        _ => None,
                    },
                    // "than the year previous", "the month prior".
                    "day" | "week" | "month" | "year"
                        if matches!(self.w(i + 2), "previous" | "prior" | "before")
                            && !matches!(
                                self.w(i + 3),
                                "the" | "a" | "an" | "his" | "her" | "its" | "their"
                            )
                            && self
                                .words
                                .get(i + 3)
                                .is_none_or(|x| x.kind == TokenKind::Punct) =>
                    {
                        let unit = lx::unit(self.w(i + 1)).map(|(u, _)| u)?;
                        Some((i + 3, Expr::Anaphor { unit, k: -1 }, None))
                    }
                    "day"
                        if !matches!(
                            self.w(i + 2),
                            "of" | "before"
                                | "after"
                                | "when"
                                | "that"
                                | "he"
                                | "she"
                                | "it"
                                | "they"
                                | "we"
                                | "i"
                                | "and"
                                | "s"
                                | "which"
                                | "is"
                                | "was"
                                | "will"
                        ) && i > 0
                            && !matches!(self.w(i - 1), "all" | "during") =>
                    {
                        Some((i + 2, Expr::SentenceDay, None))
                    }
                    "weekend" => Some((
                        i + 2,
                        Expr::UnitRel {
                            unit: Unit::Weekend,
                            k: 0,
                        },
                        None,
                    )),
                    _ => None,
                };
            }
            "recent" => {
                return match lx::unit(self.w(i + 1)) {
                    Some((u, true)) => Some((i + 2, Expr::Recent(u), None)),
                    Some(_) => None,
                    // "their most recent model": an adjective of rank, not a time.
                    None if i > 0 && self.any(i - 1, &["most", "more"]) => None,
                    None if self.whole(i) => Some((i + 1, Expr::Ref("PAST_REF"), None)),
                    None => None,
                };
            }
            _ => return None,
        };
        if let Some(pod) = lx::part_of_day(self.w(i + 1)) {
            return Some((
                i + 2,
                Expr::Pod {
                    base: Box::new(base),
                    pod,
                },
                None,
            ));
        }
        Some((i + 1, base, None))
    }

    /// A bare part of the day after a preposition: "in morning trading", "during the night",
    /// "late in the evening" — that part of the day the sentence is about.
    pub(super) fn bare_pod(&self, i: usize) -> M {
        let pod = lx::part_of_day(self.w(i))?;
        let mut p = i;
        if p > 0 && self.is(p - 1, "the") {
            p -= 1;
        }
        if p == 0
            || !self.any(
                p - 1,
                &["in", "during", "overnight", "through", "throughout"],
            )
        {
            return None;
        }
        // "in the night of 5 March" and compounds ("night-time") are left to other rules.
        if self.is(i + 1, "of") || !self.whole(i) {
            return None;
        }
        Some((
            i + 1,
            Expr::Pod {
                base: Box::new(Expr::SentenceDay),
                pod,
            },
            None,
        ))
    }
}
