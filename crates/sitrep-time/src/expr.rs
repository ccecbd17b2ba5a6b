//! The meaning of a recognised time expression before it is anchored: what the words say
//! ("the Sunday before", "one month back", "a year and a half"), independent of any date.
//! `resolve` turns it into a TimeML value against a reference day.

use crate::lexicon::Unit;

/// Which year a month, quarter or season without an explicit year falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearSpec {
    Abs(i32),
    /// Relative to the reference year ("of last year" = -1).
    Rel(i32),
    /// From the reference date and the tense.
    Infer,
}

/// How to pick a weekday or month relative to the reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// From the tense: not after the reference in past narrative, not before it in future.
    Auto,
    /// Strictly before ("last Friday", "last September").
    Last,
    /// Strictly after ("next Friday").
    Next,
    /// The one of the current week / year.
    This,
    /// Not after the reference ("since January").
    Past,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A calendar date with a month, maybe a day, maybe a year.
    Date {
        y: YearSpec,
        m: u32,
        d: Option<u32>,
        dir: Dir,
    },
    Year(i32),
    /// First three digits of the years ("199" for the 1990s).
    Decade(i32),
    /// First two digits ("19" for the 20th century).
    Century(i32),
    /// Days from the reference ("yesterday" = -1).
    DayRel(i64),
    Weekday {
        wd: u32,
        dir: Dir,
    },
    /// The unit containing the reference, shifted by `k` ("last month" = Month, -1).
    UnitRel {
        unit: Unit,
        k: i32,
    },
    Quarter {
        q: u32,
        y: YearSpec,
    },
    Half {
        h: u32,
        y: YearSpec,
    },
    Season {
        s: &'static str,
        y: YearSpec,
    },
    /// `n` units before the reference ("two days ago").
    Ago {
        n: f64,
        unit: Unit,
    },
    /// A part of a day ("this morning": DayRel(0) + MO).
    Pod {
        base: Box<Expr>,
        pod: &'static str,
    },
    /// A clock time on a day (the day of the sentence when `base` is None).
    Time {
        h: u32,
        mi: u32,
        /// Time-zone offset in minutes east of UTC when one is written; the value is then in UTC.
        zone: Option<i32>,
        base: Option<Box<Expr>>,
    },
    /// The unit after (k = 1) or before (k = -1) the one last told: "the following day",
    /// "the previous year". Anchored on the latest date of that unit or finer, else the reference.
    Anaphor {
        unit: Unit,
        k: i32,
    },
    /// The `n`th week of a month (−1: the last), as the ISO week holding that month's `n`th
    /// Thursday: "the last week of March", "the first week of June 2015".
    WeekOfMonth {
        n: i32,
        m: u32,
        y: YearSpec,
    },
    /// The time last told, again: "at that time", "by that date".
    SameAsLast,
    /// The period last told (of this unit, or any up to a quarter when None), one year
    /// earlier: "the same month a year ago", "the same period last year".
    YearBefore(Option<Unit>),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// "recent weeks": a stretch of the given unit up to the reference.
    Recent(Unit),
    /// The day the sentence (or the narrative) is about: "the day", "the same day".
    SentenceDay,
    /// A ready TimeML duration value ("P1Y6M").
    Duration(String),
    /// A ready TimeML set value ("XXXX-WXX-5", "P1W").
    Set(String),
}

impl Expr {
    /// Deictic expressions whose anchor is the time of speaking ("today", "last night"): inside
    /// reported speech they are anchored to the time of the reporting.
    pub fn is_deictic(&self) -> bool {
        match self {
            Expr::DayRel(_) | Expr::Ref("PRESENT_REF") => true,
            Expr::Pod { base, .. } => base.is_deictic(),
            Expr::Time { base: Some(b), .. } => b.is_deictic(),
            _ => false,
        }
    }
}

/// A TimeML duration value for `n` units: P2D, PT30M, P1Y6M, PXY (n = None).
pub fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (time, code, mult) = match unit {
        Unit::Second => (true, 'S', 1.0),
        Unit::Minute => (true, 'M', 1.0),
        Unit::Hour => (true, 'H', 1.0),
        Unit::Day => (false, 'D', 1.0),
        Unit::Week => (false, 'W', 1.0),
        Unit::Weekend => (false, 'E', 1.0),
        Unit::Fortnight => (false, 'W', 2.0),
        Unit::Month => (false, 'M', 1.0),
        Unit::Quarter => (false, 'Q', 1.0),
        Unit::Year => (false, 'Y', 1.0),
        Unit::Decade => (false, 'Y', 10.0),
        Unit::Century => (false, 'Y', 100.0),
    };
    let t = if time { "T" } else { "" };
    let Some(n) = n else {
        return match unit {
            Unit::Decade => "PXDE".to_string(),
            Unit::Century => "PXCE".to_string(),
            Unit::Weekend => "PXWE".to_string(),
            _ => format!("P{t}X{code}"),
        };
    };
    if unit == Unit::Weekend {
        return format!("P{}WE", n as i64);
    }
    let n = n * mult;
    if n.fract() == 0.0 {
        return format!("P{t}{}{code}", n as i64);
    }
    // Halves: carry into the next smaller unit.
    let whole = n.trunc() as i64;
    let half = (n.fract() - 0.5).abs() < 1e-9;
    let smaller = match (unit, half) {
        (Unit::Year, true) => Some(("", 6, 'M')),
        (Unit::Month, true) => Some(("", 15, 'D')),
        (Unit::Day, true) => Some(("T", 12, 'H')),
        (Unit::Hour, true) => Some(("", 30, 'M')),
        (Unit::Minute, true) => Some(("", 30, 'S')),
        _ => None,
    };
    match smaller {
        Some((t2, k, c2)) if whole == 0 => format!("P{t}{t2}{k}{c2}"),
        Some((t2, k, c2)) => format!("P{t}{whole}{code}{t2}{k}{c2}"),
        None => format!("P{t}{}{code}", (n * 10.0).round() / 10.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration_value(Some(1.5), Unit::Year), "P1Y6M");
        assert_eq!(duration_value(Some(0.5), Unit::Year), "P6M");
        assert_eq!(duration_value(Some(30.0), Unit::Minute), "PT30M");
        assert_eq!(duration_value(Some(1.5), Unit::Day), "P1DT12H");
        assert_eq!(duration_value(None, Unit::Year), "PXY");
        assert_eq!(duration_value(Some(1.0), Unit::Decade), "P10Y");
        assert_eq!(duration_value(Some(2.0), Unit::Fortnight), "P4W");
    }
}
