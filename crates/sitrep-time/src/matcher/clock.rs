//! Clock times with their zones ("6:40 p.m. (GMT +8)", "0800 GMT", "noon"), sets ("every
//! Friday", "twice a week", "$300 million a year") and fixed-date holidays for the matcher.

use super::{Matcher, M};
use crate::expr::{duration_value, Dir, Expr, YearSpec};
use crate::lexicon as lx;
use sitrep_text::TokenKind;

impl Matcher<'_> {
    /// "18:00 UTC", "6:40 p.m.", "10 am", "0800 GMT", "noon", "midnight", "12:00 UTC Monday".
    pub(super) fn clock(&self, i: usize) -> M {
        let w = self.w(i);
        let (mut e, h, mi, needs_suffix) = if let Some((h, m)) = w.split_once(':') {
            let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
            (i + 1, h, m, false)
        } else if w.len() == 4 && self.digits(i).is_some() {
            let v = self.digits(i)?;
            (i + 1, v / 100, v % 100, true)
        } else if let Some(v) = w
            .strip_suffix("am")
            .or_else(|| w.strip_suffix("pm"))
            .and_then(|d| d.parse::<u32>().ok())
        {
            let pm = w.ends_with("pm");
            if v == 0 || v > 12 {
                return None;
            }
            let h = if pm && v < 12 {
                v + 12
            } else if !pm && v == 12 {
                0
            } else {
                v
            };
            return Some((
                i + 1,
                Expr::Time {
                    h,
                    mi: 0,
                    zone: None,
                    base: None,
                },
                None,
            ));
        } else if w == "noon" || w == "midday" {
            return Some((
                i + 1,
                Expr::Time {
                    h: 12,
                    mi: 0,
                    zone: None,
                    base: None,
                },
                None,
            ));
        } else if w == "midnight" {
            return Some((
                i + 1,
                Expr::Time {
                    h: 24,
                    mi: 0,
                    zone: None,
                    base: None,
                },
                None,
            ));
        } else {
            let v = self
                .digits(i)
                .or_else(|| lx::number_word(w).map(|v| v as u32))
                .filter(|v| (1..=12).contains(v))?;
            // "ten o'clock" (the apostrophe may split the word).
            let oclock = match (self.w(i + 1), self.w(i + 2), self.w(i + 3)) {
                ("oclock", _, _) => Some(i + 2),
                ("o", "clock", _) => Some(i + 3),
                ("o", "'" | "’", "clock") => Some(i + 4),
                _ => None,
            };
            if let Some(end) = oclock {
                let time = Expr::Time {
                    h: v,
                    mi: 0,
                    zone: None,
                    base: None,
                };
                return Some((end, time, None));
            }
            if self.digits(i).is_none() || !matches!(self.w(i + 1), "am" | "pm" | "a.m" | "p.m") {
                return None;
            }
            (i + 1, v, 0, false)
        };
        if h > 24 || mi > 59 {
            return None;
        }
        let mut h = h;
        let mut suffix = false;
        match self.w(e) {
            "am" | "a.m" => {
                if h == 12 {
                    h = 0;
                }
                e += 1;
                suffix = true;
            }
            "pm" | "p.m" => {
                if h < 12 {
                    h += 12;
                }
                e += 1;
                suffix = true;
            }
            _ => {}
        }
        let mut zone = None;
        if let Some((e2, off)) = self.zone(e) {
            zone = Some(off);
            e = e2;
            suffix = true;
        } else if self.is(e, "local") && self.is(e + 1, "time") {
            e += 2;
            suffix = true;
        }
        let prev = if i > 0 { self.w(i - 1) } else { "" };
        if !suffix
            && (needs_suffix
                || !matches!(
                    prev,
                    "at" | "by" | "around" | "until" | "from" | "before" | "after" | "about"
                ))
        {
            return None;
        }
        // A day right after: "12:00 UTC Monday", "16:00 UTC today".
        let mut base = None;
        let mut day_from = e;
        if self.is(e, "on") {
            day_from += 1;
        }
        if let Some((e2, x, _)) = self.weekday_led(day_from).or_else(|| self.deictic(e)) {
            let x = match x {
                Expr::Pod { base, .. } => *base,
                x => x,
            };
            if matches!(
                x,
                Expr::Weekday { .. } | Expr::DayRel(_) | Expr::Date { .. }
            ) {
                base = Some(Box::new(x));
                e = e2;
            }
        }
        Some((e, Expr::Time { h, mi, zone, base }, None))
    }

    /// A time zone after a clock time: "UTC", "GMT", "EST", "GMT +8", "(UTC+5:30)" → (end, offset
    /// in minutes east of UTC). A parenthesised zone must close.
    fn zone(&self, i: usize) -> Option<(usize, i32)> {
        let paren = self.is(i, "(");
        let mut k = if paren { i + 1 } else { i };
        let mut off = lx::zone_offset(self.w(k))?;
        k += 1;
        let sign = match self.w(k) {
            "+" => Some(1),
            "-" | "−" | "–" => Some(-1),
            _ => None,
        };
        if let (Some(sign), true) = (sign, off == 0) {
            let w = self.w(k + 1);
            let (hh, mm) = w.split_once(':').unwrap_or((w, "0"));
            if let (Ok(hh), Ok(mm)) = (hh.parse::<i32>(), mm.parse::<i32>()) {
                if (0..=14).contains(&hh) && (0..60).contains(&mm) {
                    off = sign * (hh * 60 + mm);
                    k += 2;
                }
            }
        } else if let Some(rest) = self.w(k).strip_prefix('+') {
            if let Ok(hh) = rest.parse::<i32>() {
                if off == 0 && (0..=14).contains(&hh) {
                    off = hh * 60;
                    k += 1;
                }
            }
        }
        if paren {
            if !self.is(k, ")") {
                return None;
            }
            k += 1;
        }
        Some((k, off))
    }

    /// True when word `i` follows a number or quantity ("300 million a year", "5% a year").
    pub(crate) fn after_quantity(&self, i: usize) -> bool {
        i > 0
            && (self.words[i - 1].kind == TokenKind::Number
                || self.any(
                    i - 1,
                    &[
                        "times", "million", "billion", "thousand", "hundred", "dozen", "%",
                        "percent", "mn", "bn",
                    ],
                ))
    }

    /// "every Friday", "each week", "daily", "on Fridays", "twice a week", "15 a year".
    pub(super) fn set(&self, i: usize) -> M {
        let w = self.w(i);
        // "China Daily", "Daily Mail", "Weekly Standard": names, not sets.
        if !matches!(w, "every" | "each")
            && self.cap(i)
            && ((i > 0 && self.cap(i - 1)) || self.cap(i + 1))
        {
            return None;
        }
        let v = match w {
            "daily" | "nightly" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "annual" | "yearly"
                if matches!(
                    self.w(i + 1),
                    "profit"
                        | "profits"
                        | "loss"
                        | "losses"
                        | "revenue"
                        | "revenues"
                        | "sales"
                        | "income"
                        | "earnings"
                        | "deficit"
                        | "surplus"
                        | "turnover"
                        | "output"
                        | "budget"
                        | "salary"
                ) =>
            {
                // An amount over one year ("an annual loss"), not a recurring event.
                return Some((i + 1, Expr::Duration("P1Y".to_string()), None));
            }
            "annual" | "annually" | "yearly" => "P1Y",
            "every" | "each" => {
                let j = if self.is(i + 1, "single") {
                    i + 2
                } else {
                    i + 1
                };
                if let Some(wd) = lx::weekday(self.w(j)).filter(|_| self.cap(j)) {
                    return Some((j + 1, Expr::Set(format!("XXXX-WXX-{wd}")), None));
                }
                if let Some(pod) = lx::part_of_day(self.w(j)) {
                    return Some((j + 1, Expr::Set(format!("XXXX-XX-XXT{pod}")), None));
                }
                if let Some((e, n)) = self.number(j).filter(|_| !matches!(self.w(j), "a" | "an")) {
                    let (u, _) = lx::unit(self.w(e))?;
                    return Some((e + 1, Expr::Set(duration_value(Some(n), u)), None));
                }
                let (u, plural) = lx::unit(self.w(j))?;
                if plural {
                    return None;
                }
                return Some((j + 1, Expr::Set(duration_value(Some(1.0), u)), None));
            }
            "once" | "twice" if matches!(self.w(i + 1), "a" | "per" | "every") => {
                let (u, _) = lx::unit(self.w(i + 2))?;
                return Some((i + 3, Expr::Set(duration_value(Some(1.0), u)), None));
            }
            "a" | "an" | "per" if self.after_quantity(i) => {
                let (u, plural) = lx::unit(self.w(i + 1))?;
                if plural {
                    return None;
                }
                return Some((i + 2, Expr::Set(duration_value(Some(1.0), u)), None));
            }
            _ => {
                let wd = lx::weekday_plural(w)
                    .filter(|_| self.cap(i) && i > 0 && self.any(i - 1, &["on", "every"]))?;
                return Some((i + 1, Expr::Set(format!("XXXX-WXX-{wd}")), None));
            }
        };
        Some((i + 1, Expr::Set(v.to_string()), None))
    }

    /// Fixed-date holidays: Christmas (Day/Eve), New Year's Day/Eve.
    /// "the night of March 5", "the morning of Friday": a part of a written day.
    pub(super) fn pod_of(&self, i: usize) -> M {
        let s = if self.is(i, "the") { i + 1 } else { i };
        let pod = lx::part_of_day(self.w(s))?;
        if !self.is(s + 1, "of") {
            return None;
        }
        let (e, base, _) = self
            .weekday_led(s + 2)
            .or_else(|| self.day_month(s + 2))
            .or_else(|| self.month_led(s + 2))?;
        match &base {
            Expr::Weekday { .. } | Expr::Date { d: Some(_), .. } => {}
            _ => return None,
        }
        let base = Box::new(base);
        Some((e, Expr::Pod { base, pod }, None))
    }

    pub(super) fn holiday(&self, i: usize) -> M {
        // Named days of history (public facts): "Black Monday" is the 1987 crash, not the
        // latest Monday.
        let named = match (self.w(i), self.w(i + 1)) {
            ("black", "monday") => Some((1987, 10, 19)),
            ("black", "tuesday") => Some((1929, 10, 29)),
            ("black", "thursday") => Some((1929, 10, 24)),
            ("bloody", "sunday") => Some((1972, 1, 30)),
            _ => None,
        };
        if let Some((y, m, d)) = named.filter(|_| self.cap(i) && self.cap(i + 1)) {
            let date = Expr::Date {
                y: YearSpec::Abs(y),
                m,
                d: Some(d),
                dir: Dir::Auto,
            };
            return Some((i + 2, date, None));
        }
        // "New Year's Day": the possessive may be a word of its own.
        let s = usize::from(self.is(i + 2, "s") && self.is(i + 1, "year"));
        let (e, m, d) = match (self.w(i), self.w(i + 1), self.w(i + 2 + s)) {
            ("christmas", "eve", _) => (i + 2, 12, 24),
            ("christmas", "day", _) => (i + 2, 12, 25),
            ("christmas", _, _) => (i + 1, 12, 25),
            ("new", "years", "day") | ("new", "year", "day") => (i + 3 + s, 1, 1),
            ("new", "years", "eve") | ("new", "year", "eve") => (i + 3 + s, 12, 31),
            _ => return None,
        };
        if !self.cap(i) {
            return None;
        }
        Some((
            e,
            Expr::Date {
                y: YearSpec::Infer,
                m,
                d: Some(d),
                dir: Dir::Auto,
            },
            None,
        ))
    }
}
