//! TimeML values as calendar facts: the day range and precision of a date value ("2016-W10" →
//! 7–13 March 2016, week), the narrowing of a range by a position modifier (START/MID/END), and
//! the date arithmetic the resolver needs (month shifts, ISO weeks, weekday search).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Last day of a month.
pub fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).map(|d| d - Duration::days(1))
}

fn month_range(y: i32, m: u32) -> Option<[NaiveDate; 2]> {
    Some([NaiveDate::from_ymd_opt(y, m, 1)?, month_end(y, m)?])
}

fn months_range(y: i32, m0: u32, y1: i32, m1: u32) -> Option<[NaiveDate; 2]> {
    Some([NaiveDate::from_ymd_opt(y, m0, 1)?, month_end(y1, m1)?])
}

/// (year, month) shifted by `k` months.
pub fn add_months(y: i32, m: u32, k: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + k;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// ISO week value of a day: "2016-W10".
pub fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub fn day_value(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The latest day with weekday `wd` that is on or before `r` (strictly before when `strict`).
pub fn weekday_on_or_before(r: NaiveDate, wd: u32, strict: bool) -> NaiveDate {
    let cur = r.weekday().number_from_monday() as i64;
    let mut back = (cur - wd as i64).rem_euclid(7);
    if strict && back == 0 {
        back = 7;
    }
    r - Duration::days(back)
}

/// The earliest day with weekday `wd` that is on or after `r` (strictly after when `strict`).
pub fn weekday_on_or_after(r: NaiveDate, wd: u32, strict: bool) -> NaiveDate {
    let cur = r.weekday().number_from_monday() as i64;
    let mut fwd = (wd as i64 - cur).rem_euclid(7);
    if strict && fwd == 0 {
        fwd = 7;
    }
    r + Duration::days(fwd)
}

fn num(s: &str) -> Option<i32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The day range `[first day, last day]` of a TimeML date value: `2016-03-06`, `2016-03-05TNI`,
/// `2016-W10`, `2016-W10-WE`, `2016-02`, `2016-Q1`, `2016-H1`, `2016-SU`, `2016`, `201` (decade),
/// `20` (century). `None` for durations, sets, `PRESENT_REF` and values with unknown parts.
pub fn range_of(value: &str) -> Option<[NaiveDate; 2]> {
    let v = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = v.split('-').collect();
    let y = num(parts.first()?)?;
    let ylen = parts[0].len();
    if parts.len() == 1 {
        return match ylen {
            4 => Some([
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ]),
            3 => Some([
                NaiveDate::from_ymd_opt(y * 10, 1, 1)?,
                NaiveDate::from_ymd_opt(y * 10 + 9, 12, 31)?,
            ]),
            2 => Some([
                NaiveDate::from_ymd_opt(y * 100, 1, 1)?,
                NaiveDate::from_ymd_opt(y * 100 + 99, 12, 31)?,
            ]),
            _ => None,
        };
    }
    if ylen != 4 {
        return None;
    }
    let p1 = parts[1];
    match p1 {
        "SP" => return months_range(y, 3, y, 5),
        "SU" => return months_range(y, 6, y, 8),
        "FA" => return months_range(y, 9, y, 11),
        "WI" => return months_range(y, 12, y + 1, 2),
        _ => {}
    }
    if let Some(w) = p1.strip_prefix('W') {
        let w = num(w)? as u32;
        let mon = NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?;
        if parts.get(2) == Some(&"WE") {
            return Some([mon + Duration::days(5), mon + Duration::days(6)]);
        }
        return Some([mon, mon + Duration::days(6)]);
    }
    if let Some(q) = p1.strip_prefix('Q') {
        let q = num(q)? as u32;
        if !(1..=4).contains(&q) {
            return None;
        }
        return months_range(y, 3 * q - 2, y, 3 * q);
    }
    if let Some(h) = p1.strip_prefix('H') {
        return match num(h)? {
            1 => months_range(y, 1, y, 6),
            2 => months_range(y, 7, y, 12),
            _ => None,
        };
    }
    let m = num(p1)? as u32;
    if parts.len() == 2 {
        return month_range(y, m);
    }
    let d = num(parts[2])? as u32;
    let day = NaiveDate::from_ymd_opt(y, m, d)?;
    Some([day, day])
}

/// Precision name of a TimeML date value (see `range_of`).
pub fn precision_of(value: &str) -> &'static str {
    if value.contains('T') && value.len() > 10 {
        return "time";
    }
    let parts: Vec<&str> = value.split('-').collect();
    match parts.len() {
        1 => match parts[0].len() {
            4 => "year",
            3 | 2 => "decade",
            _ => "day",
        },
        2 => {
            let p = parts[1];
            if p.starts_with('W') {
                "week"
            } else if p.starts_with('Q')
                || p.starts_with('H')
                || matches!(p, "SP" | "SU" | "FA" | "WI")
            {
                "quarter"
            } else {
                "month"
            }
        }
        _ => {
            if parts[1].starts_with('W') {
                "week"
            } else {
                "day"
            }
        }
    }
}

/// Narrow a range by a TimeML position modifier: START / MID / END take the first, middle and
/// last third of a year or month (roughly four months / ten days), of a decade three years.
pub fn narrow(r: [NaiveDate; 2], tmod: &str) -> [NaiveDate; 2] {
    let days = (r[1] - r[0]).num_days() + 1;
    if days < 6 {
        return r;
    }
    let third = days / 3;
    match tmod {
        "START" => [r[0], r[0] + Duration::days(third - 1)],
        "MID" => [r[0] + Duration::days(third), r[1] - Duration::days(third)],
        "END" => [r[1] - Duration::days(third - 1), r[1]],
        _ => r,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn ranges() {
        assert_eq!(
            range_of("2016-03-06"),
            Some([d("2016-03-06"), d("2016-03-06")])
        );
        assert_eq!(
            range_of("2016-03-05TNI"),
            Some([d("2016-03-05"), d("2016-03-05")])
        );
        assert_eq!(
            range_of("2016-02"),
            Some([d("2016-02-01"), d("2016-02-29")])
        );
        assert_eq!(
            range_of("2016-W10"),
            Some([d("2016-03-07"), d("2016-03-13")])
        );
        assert_eq!(
            range_of("2016-W10-WE"),
            Some([d("2016-03-12"), d("2016-03-13")])
        );
        assert_eq!(range_of("2015"), Some([d("2015-01-01"), d("2015-12-31")]));
        assert_eq!(range_of("199"), Some([d("1990-01-01"), d("1999-12-31")]));
        assert_eq!(
            range_of("2016-Q1"),
            Some([d("2016-01-01"), d("2016-03-31")])
        );
        assert_eq!(
            range_of("2015-WI"),
            Some([d("2015-12-01"), d("2016-02-29")])
        );
        assert_eq!(range_of("P1Y6M"), None);
        assert_eq!(range_of("PRESENT_REF"), None);
        assert_eq!(range_of("XXXX-XX-XX"), None);
    }

    #[test]
    fn precision_and_narrowing() {
        assert_eq!(precision_of("2016-03-05TNI"), "time");
        assert_eq!(precision_of("2016-W10"), "week");
        assert_eq!(precision_of("2016-Q1"), "quarter");
        assert_eq!(precision_of("201"), "decade");
        let y = range_of("2015").unwrap();
        let late = narrow(y, "END");
        assert!(late[0] >= d("2015-09-01") && late[1] == d("2015-12-31"));
        assert_eq!(
            weekday_on_or_before(d("2016-03-11"), 7, false),
            d("2016-03-06")
        );
        assert_eq!(
            weekday_on_or_after(d("2016-03-11"), 7, false),
            d("2016-03-13")
        );
        assert_eq!(add_months(2016, 1, -1), (2015, 12));
    }
}
