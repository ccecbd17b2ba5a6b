//! ACLED's atomicity: an event is one place and one day. An event whose own sentence gives it
//! several coordinated days ("bombed Aleppo on Monday and Tuesday", "on 3 and 4 March", "clashed
//! in Idlib on Monday and in Hama on Tuesday") becomes one event per day, each at the place the
//! text pairs with that day (else the event's place). A range without per-day evidence ("from 3
//! to 5 March") stays one event with its range: the days it covers are not told apart.

use crate::arguments::kind_precision;
use crate::events::event_place;
use crate::mentions::{Mentions, PlaceRef, TimeRef};
use crate::record::{Event, EventDate};
use chrono::{Datelike, NaiveDate};
use sitrep_text::{Document, Span};

/// Words that may stand between two coordinated days ("Monday and Tuesday", "Monday, and then on
/// Tuesday"), besides a place with its preposition ("and in Hama on").
const GLUE: &[&str] = &["and", "on", "then", "again", "in", "at", "near", "also"];

/// Most days split out of one telling (a longer list is a campaign told as a whole).
const MAX_DAYS: usize = 7;

/// One day of the event: the day, the span that says it, the place paired with it.
struct Day<'m> {
    day: NaiveDate,
    start: usize,
    end: usize,
    place: Option<&'m PlaceRef>,
}

fn one_day(t: &TimeRef) -> Option<NaiveDate> {
    let r = t.range?;
    (t.ttype == "DATE" && t.precision == "day" && r[0] == r[1]).then_some(r[0])
}

/// The places of `m` lying wholly inside `a..b`.
fn places_within(m: &Mentions, a: usize, b: usize) -> Vec<&PlaceRef> {
    m.places
        .iter()
        .filter(|p| p.start >= a && p.end <= b && !p.demonym)
        .collect()
}

/// Whether the text between two days joins them: only glue words and at most one place.
fn joins(doc: &Document, m: &Mentions, a: usize, b: usize) -> Option<Option<usize>> {
    if b < a || b - a > 60 {
        return None;
    }
    let inside = places_within(m, a, b);
    if inside.len() > 1 {
        return None;
    }
    let mut text = doc.slice(Span::new(a, b)).to_string();
    let place = inside.first().map(|p| {
        let (s, e) = (p.start - a, p.end - a);
        let chars: Vec<char> = text.chars().collect();
        text = chars[..s].iter().chain(chars[e..].iter()).collect();
        m.places
            .iter()
            .position(|q| q.start == p.start && q.end == p.end)
            .unwrap_or(0)
    });
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let ok = words.first().is_some_and(|w| w == "and") || text.trim_start().starts_with(',');
    (ok && words.iter().all(|w| GLUE.contains(&w.as_str()))).then_some(place)
}

/// The place told right before a day ("in Idlib on Monday"): a place followed only by "on".
fn place_before<'m>(doc: &Document, m: &'m Mentions, at: usize) -> Option<&'m PlaceRef> {
    let p = m
        .places
        .iter()
        .filter(|p| p.end <= at && at - p.end <= 5 && !p.demonym)
        .max_by_key(|p| p.end)?;
    let gap = doc.slice(Span::new(p.end, at)).trim().to_lowercase();
    (gap == "on" || gap.is_empty()).then_some(p)
}

/// Bare day numbers before a dated day ("on 3 and 4 March", "on 2, 3 and 4 March"): the same
/// month and year.
fn bare_days_before(
    doc: &Document,
    t_start: usize,
    day: NaiveDate,
) -> Vec<(NaiveDate, usize, usize)> {
    let before = doc.slice(Span::new(t_start.saturating_sub(24), t_start));
    let base = t_start - before.chars().count();
    let chars: Vec<char> = before.chars().collect();
    // Walk back over "N and " / "N, " pairs.
    let mut out = Vec::new();
    let mut i = chars.len();
    let mut need_and = true;
    loop {
        let tail: String = chars[..i].iter().collect();
        let sep = if need_and {
            [" and ", ", and ", " & "]
                .iter()
                .find(|s| tail.ends_with(*s))
        } else {
            [", "].iter().find(|s| tail.ends_with(*s))
        };
        let Some(sep) = sep else { break };
        let j = i - sep.chars().count();
        let mut k = j;
        while k > 0 && chars[k - 1].is_ascii_digit() {
            k -= 1;
        }
        if k == j || j - k > 2 || (k > 0 && chars[k - 1].is_alphanumeric()) {
            break;
        }
        let n: u32 = chars[k..j].iter().collect::<String>().parse().unwrap_or(0);
        match NaiveDate::from_ymd_opt(day.year(), day.month(), n) {
            Some(d) if d < day => out.push((d, base + k, base + j)),
            _ => break,
        }
        i = k;
        need_and = false;
    }
    out.reverse();
    // "between 21 and 26 September", "from 3 and ...": a range, not a list of days.
    if let Some(&(_, first, _)) = out.first() {
        if range_opener(doc, first) {
            return Vec::new();
        }
    }
    out
}

/// Whether the word before char `at` opens a range ("between", "from").
fn range_opener(doc: &Document, at: usize) -> bool {
    let before = doc
        .slice(Span::new(at.saturating_sub(12), at))
        .to_lowercase();
    before
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| matches!(w, "between" | "from"))
}

/// The coordinated days of an event dated by the time mention at `date.start`.
fn days_of<'m>(
    doc: &Document,
    m: &'m Mentions,
    date: &EventDate,
    sentence_end: usize,
) -> Vec<Day<'m>> {
    let Some(t0) = m
        .times
        .iter()
        .find(|t| t.start == date.start && t.end == date.end)
    else {
        return Vec::new();
    };
    let Some(d0) = one_day(t0) else {
        return Vec::new();
    };
    if range_opener(doc, t0.start) {
        return Vec::new();
    }
    let mut days: Vec<Day> = bare_days_before(doc, t0.start, d0)
        .into_iter()
        .map(|(day, start, end)| Day {
            day,
            start,
            end,
            place: None,
        })
        .collect();
    let first_place = if days.is_empty() {
        place_before(doc, m, t0.start)
    } else {
        None
    };
    days.push(Day {
        day: d0,
        start: t0.start,
        end: t0.end,
        place: first_place,
    });
    let mut last_end = t0.end;
    for t in m
        .times
        .iter()
        .filter(|t| t.start >= t0.end && t.end <= sentence_end)
    {
        let Some(d) = one_day(t) else { break };
        let Some(place) = joins(doc, m, last_end, t.start) else {
            break;
        };
        days.push(Day {
            day: d,
            start: t.start,
            end: t.end,
            place: place.map(|i| &m.places[i]),
        });
        last_end = t.end;
    }
    days
}

/// Split every event told over coordinated days into one event per day; event ids renumbered in
/// order. A toll given for all the days is shared out evenly (the first day takes the remainder)
/// so that the article's total is not counted once per day.
pub fn split_days(doc: &Document, m: &Mentions, events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let Some(date) = e.date.clone() else {
            out.push(e);
            continue;
        };
        let sentence_end = doc
            .sentences
            .iter()
            .find(|s| s.span.start <= date.start && date.end <= s.span.end)
            .map_or(date.end, |s| s.span.end);
        let mut days = days_of(doc, m, &date, sentence_end);
        days.dedup_by_key(|d| d.day);
        let distinct = {
            let mut v: Vec<NaiveDate> = days.iter().map(|d| d.day).collect();
            v.sort();
            v.dedup();
            v.len()
        };
        if e.acled_sub_event_type.is_none()
            || distinct < 2
            || distinct != days.len()
            || days.len() > MAX_DAYS
        {
            out.push(e);
            continue;
        }
        let n = days.len() as u32;
        let share = |x: Option<u32>, i: usize| x.map(|v| v / n + if i == 0 { v % n } else { 0 });
        for (i, d) in days.iter().enumerate() {
            let mut c = e.clone();
            let iso = d.day.format("%Y-%m-%d").to_string();
            c.date = Some(EventDate {
                value: iso.clone(),
                range: [iso.clone(), iso],
                time_precision: 1,
                start: d.start,
                end: d.end,
            });
            if let Some(p) = d.place {
                c.place = Some(event_place(p, kind_precision(&p.kind)));
            }
            c.fatalities = share(e.fatalities, i);
            c.injured = share(e.injured, i);
            c.arrested = share(e.arrested, i);
            out.push(c);
        }
    }
    for (i, e) in out.iter_mut().enumerate() {
        e.event_id = format!("{}-e{}", e.doc_id, i + 1);
    }
    out
}

#[cfg(test)]
mod tests;
