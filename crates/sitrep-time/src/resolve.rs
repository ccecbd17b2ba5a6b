//! Anchoring: an `Expr` plus a reference day (and the tense around it) gives the TimeML value,
//! type, precision and day range. Without a reference day, relative expressions keep TimeML's
//! unresolved forms ("XXXX-XX-XX", "PRESENT_REF") and no range.

use crate::expr::{Dir, Expr, YearSpec};
use crate::lexicon::Unit;
use crate::value::{self, add_months, day_value, narrow, precision_of, range_of, week_value};
use crate::{Precision, TimeType};
use chrono::{Datelike, Duration, NaiveDate};

/// A resolved expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub value: String,
    pub ttype: TimeType,
    pub precision: Precision,
    pub range: Option<[NaiveDate; 2]>,
}

fn date(value: String) -> Resolved {
    let range = range_of(&value);
    let precision = Precision::from_name(precision_of(&value));
    Resolved {
        value,
        ttype: TimeType::Date,
        precision,
        range,
    }
}

fn unresolved(value: &str, precision: Precision) -> Resolved {
    Resolved {
        value: value.to_string(),
        ttype: TimeType::Date,
        precision,
        range: None,
    }
}

fn year_of(y: YearSpec, r: Option<NaiveDate>) -> Option<i32> {
    match y {
        YearSpec::Abs(y) => Some(y),
        YearSpec::Rel(k) => r.map(|r| r.year() + k),
        YearSpec::Infer => None,
    }
}

/// The year of month `m` (day `d`) given the reference day and direction.
fn infer_year(r: NaiveDate, m: u32, d: Option<u32>, dir: Dir, future: bool) -> i32 {
    let y = r.year();
    let key = |yy: i32| (yy, m, d.unwrap_or(0));
    let rk = (y, r.month(), if d.is_some() { r.day() } else { 0 });
    let cur = key(y);
    match dir {
        Dir::Last => {
            if cur < rk {
                y
            } else {
                y - 1
            }
        }
        Dir::Next => {
            if cur > rk {
                y
            } else {
                y + 1
            }
        }
        Dir::This => y,
        Dir::Past => {
            if cur <= rk {
                y
            } else {
                y - 1
            }
        }
        Dir::Auto => {
            if future {
                return if cur >= rk { y } else { y + 1 };
            }
            // News tells the past: the latest occurrence not after the reference, allowing a
            // short look ahead (six weeks for a day, the next month for a month).
            match d {
                Some(d) => match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(c) if c <= r + Duration::days(45) => y,
                    Some(_) => y - 1,
                    None => y,
                },
                None => {
                    if m <= r.month() + 1 {
                        y
                    } else {
                        y - 1
                    }
                }
            }
        }
    }
}

fn pick_weekday(r: NaiveDate, wd: u32, dir: Dir, future: bool) -> NaiveDate {
    match dir {
        Dir::Last => value::weekday_on_or_before(r, wd, true),
        Dir::Next => value::weekday_on_or_after(r, wd, true),
        Dir::This => {
            let mon = r - Duration::days(r.weekday().num_days_from_monday() as i64);
            mon + Duration::days(wd as i64 - 1)
        }
        Dir::Past => value::weekday_on_or_before(r, wd, false),
        Dir::Auto => {
            if future {
                value::weekday_on_or_after(r, wd, false)
            } else {
                value::weekday_on_or_before(r, wd, false)
            }
        }
    }
}

/// Resolve `e` against reference day `r`; `future` says the clause is in the future tense.
/// The period `last` (a calendar value) one year earlier: 2009-02 → 2008-02, 2009-Q3 → 2008-Q3.
pub fn year_before(last: &Resolved) -> Option<Resolved> {
    let v = &last.value;
    let y: i32 = v.get(..4)?.parse().ok()?;
    let rest = v.get(4..)?;
    if !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    let shifted = format!("{:04}{rest}", y - 1);
    range_of(&shifted)?;
    Some(date(shifted))
}

pub fn resolve(e: &Expr, r: Option<NaiveDate>, future: bool) -> Option<Resolved> {
    Some(match e {
        Expr::Date { y, m, d, dir } => {
            let yy = match year_of(*y, r) {
                Some(yy) => yy,
                None => match r {
                    Some(r) => infer_year(r, *m, *d, *dir, future),
                    None => {
                        let v = match d {
                            Some(d) => format!("XXXX-{m:02}-{d:02}"),
                            None => format!("XXXX-{m:02}"),
                        };
                        return Some(unresolved(
                            &v,
                            if d.is_some() {
                                Precision::Day
                            } else {
                                Precision::Month
                            },
                        ));
                    }
                },
            };
            match d {
                Some(d) => {
                    let day = NaiveDate::from_ymd_opt(yy, *m, *d)?;
                    date(day_value(day))
                }
                None => date(format!("{yy:04}-{m:02}")),
            }
        }
        Expr::Year(y) => date(format!("{y:04}")),
        Expr::Decade(d) => date(format!("{d:03}")),
        Expr::Century(c) => date(format!("{c:02}")),
        Expr::SentenceDay => return resolve(&Expr::DayRel(0), r, future),
        // Resolved by the caller, which knows what was told last.
        Expr::SameAsLast => return None,
        Expr::WeekOfMonth { n, m, y } => {
            let yy = match (year_of(*y, r), r) {
                (Some(yy), _) => yy,
                (None, Some(r)) => infer_year(r, *m, None, Dir::Auto, future),
                (None, None) => return None,
            };
            let first = NaiveDate::from_ymd_opt(yy, *m, 1)?;
            let (ny, nm) = add_months(yy, *m, 1);
            let last = NaiveDate::from_ymd_opt(ny, nm, 1)? - Duration::days(1);
            let day = if *n < 0 {
                // The last Thursday: step back from the month's last day.
                last - Duration::days((last.weekday().num_days_from_monday() as i64 + 7 - 3) % 7)
            } else {
                let to_thu = (3 - first.weekday().num_days_from_monday() as i64).rem_euclid(7);
                first + Duration::days(to_thu + 7 * (*n as i64 - 1))
            };
            if day.month() != *m {
                return None;
            }
            date(week_value(day))
        }
        // Nothing of that unit told: the reference's unit, a year back.
        Expr::YearBefore(unit) => {
            let (unit, k) = match unit {
                Some(Unit::Day) => (Unit::Day, -365),
                Some(Unit::Week) => (Unit::Week, -52),
                Some(Unit::Month) => (Unit::Month, -12),
                Some(Unit::Quarter) => (Unit::Quarter, -4),
                _ => (Unit::Year, -1),
            };
            return resolve(&Expr::UnitRel { unit, k }, r, future);
        }
        Expr::Anaphor { unit, k } => {
            return resolve(&Expr::UnitRel { unit: *unit, k: *k }, r, future)
        }
        Expr::DayRel(k) => match r {
            Some(r) => date(day_value(r + Duration::days(*k))),
            None if *k == 0 => unresolved("PRESENT_REF", Precision::Day),
            None => unresolved("XXXX-XX-XX", Precision::Day),
        },
        Expr::Weekday { wd, dir } => match r {
            Some(r) => date(day_value(pick_weekday(r, *wd, *dir, future))),
            None => unresolved(&format!("XXXX-WXX-{wd}"), Precision::Day),
        },
        Expr::UnitRel { unit, k } => {
            let Some(r) = r else {
                let v = match unit {
                    Unit::Week | Unit::Fortnight => "XXXX-WXX",
                    Unit::Weekend => "XXXX-WXX-WE",
                    Unit::Month => "XXXX-XX",
                    Unit::Quarter => "XXXX-QX",
                    Unit::Day => "XXXX-XX-XX",
                    _ => "XXXX",
                };
                return Some(unresolved(v, Precision::from_name(unit.precision())));
            };
            match unit {
                Unit::Day => date(day_value(r + Duration::days(*k as i64))),
                Unit::Week | Unit::Fortnight => date(week_value(r + Duration::weeks(*k as i64))),
                Unit::Weekend => {
                    // The weekend of the reference week; "last weekend" said on a weekday is
                    // the one just past.
                    let mut wk = r + Duration::weeks(*k as i64);
                    if *k == 0 && !future && r.weekday().number_from_monday() < 6 {
                        wk -= Duration::weeks(1);
                    }
                    date(format!("{}-WE", week_value(wk)))
                }
                Unit::Month => {
                    let (y, m) = add_months(r.year(), r.month(), *k);
                    date(format!("{y:04}-{m:02}"))
                }
                Unit::Quarter => {
                    let q0 = (r.month() as i32 - 1) / 3 + *k;
                    let (y, q) = (r.year() + q0.div_euclid(4), q0.rem_euclid(4) + 1);
                    date(format!("{y:04}-Q{q}"))
                }
                Unit::Year => date(format!("{:04}", r.year() + k)),
                Unit::Decade => date(format!("{:03}", r.year() / 10 + k)),
                Unit::Century => date(format!("{:02}", r.year() / 100 + k)),
                Unit::Second | Unit::Minute | Unit::Hour => {
                    unresolved("PRESENT_REF", Precision::Time)
                }
            }
        }
        // A quarter without a year is the reference year's unless it starts more than four
        // months ahead in past narrative ("the fourth quarter" said in January: last year's).
        Expr::Quarter { q, y } => match year_of(*y, r).or_else(|| {
            r.map(|r| {
                if !future && q * 3 - 2 > r.month() + 4 {
                    r.year() - 1
                } else {
                    r.year()
                }
            })
        }) {
            Some(y) => date(format!("{y:04}-Q{q}")),
            None => unresolved(&format!("XXXX-Q{q}"), Precision::Quarter),
        },
        Expr::Half { h, y } => match year_of(*y, r).or_else(|| r.map(|r| r.year())) {
            Some(y) => date(format!("{y:04}-H{h}")),
            None => unresolved(&format!("XXXX-H{h}"), Precision::Quarter),
        },
        Expr::Season { s, y } => {
            let first = match *s {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            match year_of(*y, r)
                .or_else(|| r.map(|r| infer_year(r, first, None, Dir::Auto, future)))
            {
                Some(y) => date(format!("{y:04}-{s}")),
                None => unresolved(&format!("XXXX-{s}"), Precision::Quarter),
            }
        }
        Expr::Ago { n, unit } => {
            let Some(r) = r else {
                return Some(unresolved(
                    "PAST_REF",
                    Precision::from_name(unit.precision()),
                ));
            };
            let n = *n;
            match unit {
                Unit::Day => date(day_value(r - Duration::days(n.round() as i64))),
                Unit::Week | Unit::Fortnight => {
                    let k = if *unit == Unit::Fortnight { 14.0 } else { 7.0 };
                    date(day_value(r - Duration::days((n * k).round() as i64)))
                }
                Unit::Month => {
                    let (y, m) = add_months(r.year(), r.month(), -(n.round() as i32));
                    date(format!("{y:04}-{m:02}"))
                }
                Unit::Year => date(format!("{:04}", r.year() - n.round() as i32)),
                Unit::Decade => date(format!("{:03}", (r.year() - 10 * n.round() as i32) / 10)),
                _ => date(day_value(r)),
            }
        }
        Expr::Pod { base, pod } => {
            let b = resolve(base, r, future)?;
            if b.precision == Precision::Day && b.range.is_some() {
                Resolved {
                    value: format!("{}T{pod}", b.value),
                    ttype: TimeType::Time,
                    precision: Precision::Time,
                    range: b.range,
                }
            } else {
                Resolved {
                    value: format!("XXXX-XX-XXT{pod}"),
                    ttype: TimeType::Time,
                    precision: Precision::Time,
                    range: None,
                }
            }
        }
        Expr::Time { h, mi, zone, base } => {
            let day = match base {
                Some(b) => resolve(b, r, future)
                    .filter(|b| b.precision == Precision::Day && b.range.is_some()),
                None => r.map(|r| date(day_value(r))),
            };
            let (h, mi) = (*h, *mi);
            match (day, zone) {
                // A zone given: the same instant in UTC, which may fall on the day before or after.
                (Some(d), Some(off)) => {
                    let start = d.range.map(|[a, _]| a);
                    let utc = start
                        .and_then(|a| a.and_hms_opt(0, 0, 0))
                        .map(|t| t + Duration::minutes(h as i64 * 60 + mi as i64 - *off as i64));
                    match utc {
                        Some(t) => {
                            let day = t.date();
                            Resolved {
                                value: format!("{}T{}Z", day_value(day), t.format("%H:%M")),
                                ttype: TimeType::Time,
                                precision: Precision::Time,
                                range: Some([day, day]),
                            }
                        }
                        None => Resolved {
                            value: format!("{}T{h:02}:{mi:02}", d.value),
                            ttype: TimeType::Time,
                            precision: Precision::Time,
                            range: d.range,
                        },
                    }
                }
                (Some(d), None) => Resolved {
                    value: format!("{}T{h:02}:{mi:02}", d.value),
                    ttype: TimeType::Time,
                    precision: Precision::Time,
                    range: d.range,
                },
                (None, zone) => {
                    let z = if *zone == Some(0) { "Z" } else { "" };
                    Resolved {
                        value: format!("XXXX-XX-XXT{h:02}:{mi:02}{z}"),
                        ttype: TimeType::Time,
                        precision: Precision::Time,
                        range: None,
                    }
                }
            }
        }
        Expr::Ref(v) => {
            let range = match (*v, r) {
                ("PRESENT_REF", Some(r)) => Some([r, r]),
                _ => None,
            };
            Resolved {
                value: v.to_string(),
                ttype: TimeType::Date,
                precision: Precision::Day,
                range,
            }
        }
        Expr::Recent(unit) => {
            let span = match unit {
                Unit::Day => 7,
                Unit::Week | Unit::Weekend | Unit::Fortnight => 28,
                Unit::Month => 120,
                _ => 3 * 365,
            };
            Resolved {
                value: "PAST_REF".to_string(),
                ttype: TimeType::Date,
                precision: Precision::from_name(unit.precision()),
                range: r.map(|r| [r - Duration::days(span), r]),
            }
        }
        Expr::Duration(v) => Resolved {
            value: v.clone(),
            ttype: TimeType::Duration,
            precision: Precision::Duration,
            range: None,
        },
        Expr::Set(v) => Resolved {
            value: v.clone(),
            ttype: TimeType::Set,
            precision: Precision::Set,
            range: None,
        },
    })
}

/// Apply a position modifier (START / MID / END) to a resolved date's range.
pub fn apply_mod(res: &mut Resolved, tmod: Option<&str>) {
    if let (Some(m), Some(r)) = (tmod, res.range) {
        res.range = Some(narrow(r, m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn v(e: Expr, r: &str, future: bool) -> String {
        resolve(&e, Some(d(r)), future).unwrap().value
    }

    #[test]
    fn relative_values() {
        let r = "2016-03-11";
        assert_eq!(
            v(
                Expr::Weekday {
                    wd: 7,
                    dir: Dir::Auto
                },
                r,
                false
            ),
            "2016-03-06"
        );
        assert_eq!(
            v(
                Expr::Weekday {
                    wd: 7,
                    dir: Dir::Auto
                },
                r,
                true
            ),
            "2016-03-13"
        );
        assert_eq!(
            v(
                Expr::UnitRel {
                    unit: Unit::Month,
                    k: -1
                },
                r,
                false
            ),
            "2016-02"
        );
        assert_eq!(
            v(
                Expr::UnitRel {
                    unit: Unit::Week,
                    k: 0
                },
                r,
                false
            ),
            "2016-W10"
        );
        assert_eq!(
            v(
                Expr::UnitRel {
                    unit: Unit::Year,
                    k: -1
                },
                r,
                false
            ),
            "2015"
        );
        assert_eq!(
            v(
                Expr::Pod {
                    base: Box::new(Expr::DayRel(-1)),
                    pod: "NI"
                },
                "2016-03-06",
                false
            ),
            "2016-03-05TNI"
        );
        assert_eq!(
            v(
                Expr::Date {
                    y: YearSpec::Infer,
                    m: 12,
                    d: Some(11),
                    dir: Dir::Auto
                },
                "2010-01-25",
                false
            ),
            "2009-12-11"
        );
        assert_eq!(
            v(
                Expr::Date {
                    y: YearSpec::Infer,
                    m: 1,
                    d: None,
                    dir: Dir::Past
                },
                r,
                false
            ),
            "2016-01"
        );
        assert_eq!(
            v(
                Expr::Date {
                    y: YearSpec::Infer,
                    m: 9,
                    d: None,
                    dir: Dir::Last
                },
                "2009-10-12",
                false
            ),
            "2009-09"
        );
        assert_eq!(
            v(
                Expr::Ago {
                    n: 2.0,
                    unit: Unit::Day
                },
                r,
                false
            ),
            "2016-03-09"
        );
        let none = resolve(&Expr::DayRel(0), None, false).unwrap();
        assert_eq!(none.value, "PRESENT_REF");
        assert!(none.range.is_none());
    }
}
