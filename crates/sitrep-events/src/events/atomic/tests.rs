use super::*;
use crate::test_support::{char_at, doc, event_with_evidence, place};

fn day(text: &str, at: &str, d: NaiveDate) -> TimeRef {
    let s = char_at(text, at);
    TimeRef {
        start: s,
        end: s + at.chars().count(),
        ttype: "DATE".into(),
        value: d.format("%Y-%m-%d").to_string(),
        range: Some([d, d]),
        precision: "day".into(),
    }
}

fn event(text: &str, t: &TimeRef, p: &PlaceRef, fatalities: Option<u32>) -> Event {
    let iso = t.value.clone();
    Event {
        place: Some(event_place(p, 1)),
        date: Some(EventDate {
            value: iso.clone(),
            range: [iso.clone(), iso],
            time_precision: 1,
            start: t.start,
            end: t.end,
        }),
        fatalities,
        ..event_with_evidence(text, text, "Battles", "Armed clash")
    }
}

fn ymd(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, m, d).expect("a date")
}

fn summary(evs: &[Event]) -> Vec<(String, String, Option<u32>, String)> {
    evs.iter()
        .map(|e| {
            (
                e.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
                e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                e.fatalities,
                e.event_id.clone(),
            )
        })
        .collect()
}

#[test]
fn coordinated_weekdays_are_one_event_each_with_the_toll_shared() {
    let t = "Warplanes bombed Aleppo on Monday and Tuesday, killing 13 people.";
    let d = doc(t);
    let mon = day(t, "Monday", ymd(3, 7));
    let aleppo = place(t, "Aleppo", "city", "SY");
    let m = Mentions {
        places: vec![aleppo.clone()],
        times: vec![mon.clone(), day(t, "Tuesday", ymd(3, 8))],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &mon, &aleppo, Some(13))]);
    assert_eq!(
        summary(&out),
        vec![
            ("2016-03-07".into(), "Aleppo".into(), Some(7), "t-e1".into()),
            ("2016-03-08".into(), "Aleppo".into(), Some(6), "t-e2".into()),
        ]
    );
}

#[test]
fn each_day_takes_the_place_told_with_it() {
    let t = "Rebels clashed with troops in Idlib on Monday and in Hama on Tuesday.";
    let d = doc(t);
    let mon = day(t, "Monday", ymd(3, 7));
    let hama = place(t, "Hama", "city", "SY");
    let m = Mentions {
        places: vec![place(t, "Idlib", "city", "SY"), hama.clone()],
        times: vec![mon.clone(), day(t, "Tuesday", ymd(3, 8))],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &mon, &hama, None)]);
    let s = summary(&out);
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].0.as_str(), s[0].1.as_str()), ("2016-03-07", "Idlib"));
    assert_eq!((s[1].0.as_str(), s[1].1.as_str()), ("2016-03-08", "Hama"));
}

#[test]
fn bare_day_numbers_share_the_month() {
    let t = "Jets struck Homs on 3 and 4 March.";
    let d = doc(t);
    let four = day(t, "4 March", ymd(3, 4));
    let homs = place(t, "Homs", "city", "SY");
    let m = Mentions {
        places: vec![homs.clone()],
        times: vec![four.clone()],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &four, &homs, None)]);
    let days: Vec<String> = summary(&out).into_iter().map(|x| x.0).collect();
    assert_eq!(days, vec!["2016-03-03", "2016-03-04"]);
}

#[test]
fn between_two_days_is_a_range() {
    let t = "Helicopters bombed Aleppo between 21 and 26 September, and between Monday and Friday.";
    let d = doc(t);
    let homs = place(t, "Aleppo", "city", "SY");
    let sep = day(
        t,
        "26 September",
        NaiveDate::from_ymd_opt(2016, 9, 26).expect("a date"),
    );
    let m = Mentions {
        places: vec![homs.clone()],
        times: vec![sep.clone()],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &sep, &homs, Some(2))]);
    assert_eq!(summary(&out).len(), 1);
    let mon = day(t, "Monday", ymd(3, 7));
    let m = Mentions {
        places: vec![homs.clone()],
        times: vec![mon.clone(), day(t, "Friday", ymd(3, 11))],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &mon, &homs, Some(2))]);
    assert_eq!(summary(&out).len(), 1);
    assert_eq!(out[0].fatalities, Some(2));
}

#[test]
fn unrelated_days_and_ranges_stay_one_event() {
    // A second day that is not coordinated with the first (another clause) is not split.
    let t = "Rebels shelled Homs on Monday, a week after talks that began on Tuesday.";
    let d = doc(t);
    let mon = day(t, "Monday", ymd(3, 7));
    let homs = place(t, "Homs", "city", "SY");
    let m = Mentions {
        places: vec![homs.clone()],
        times: vec![mon.clone(), day(t, "Tuesday", ymd(3, 1))],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &mon, &homs, Some(4))]);
    assert_eq!(summary(&out).len(), 1);
    assert_eq!(out[0].fatalities, Some(4));
    // A range ("from 3 to 5 March") is one time mention with a range: not split.
    let t = "IS attacked Hit from 3 to 5 March.";
    let d = doc(t);
    let s = char_at(t, "from 3 to 5 March");
    let range = TimeRef {
        start: s,
        end: s + 17,
        ttype: "DATE".into(),
        value: "2016-03-03".into(),
        range: Some([ymd(3, 3), ymd(3, 5)]),
        precision: "day".into(),
    };
    let hit = place(t, "Hit", "city", "IQ");
    let m = Mentions {
        places: vec![hit.clone()],
        times: vec![range.clone()],
        ..Default::default()
    };
    let out = split_days(&d, &m, vec![event(t, &range, &hit, None)]);
    assert_eq!(summary(&out).len(), 1);
}
