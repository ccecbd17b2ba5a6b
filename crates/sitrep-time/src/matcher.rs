//! Recognition: a hand-written matcher over the folded words of each sentence that finds time
//! expressions and says what they mean (`Expr`), with their TimeML modifier. Hyphenated tokens
//! ("mid-March", "fifty-year") are split into their words; a match always covers whole tokens.
//! Patterns are tried at each word and the longest wins.

use crate::expr::{duration_value, Dir, Expr, YearSpec};
use crate::lexicon as lx;
use crate::numeric::{self, NumericOrder};
use sitrep_text::{Document, TokenKind};

mod relative;

/// One word of a sentence: a whole token, or one part of a hyphenated token.
#[derive(Debug, Clone)]
pub(crate) struct Wd<'a> {
    pub w: &'a str,
    pub tok: usize,
    pub kind: TokenKind,
    pub cap: bool,
}

/// A recognised expression: words `[start, end)` of the sentence.
#[derive(Debug, Clone)]
pub struct Found {
    pub tok_start: usize,
    pub tok_end: usize,
    pub expr: Expr,
    pub tmod: Option<&'static str>,
    pub future: bool,
}

pub(crate) struct Matcher<'a> {
    pub words: Vec<Wd<'a>>,
    pub order: NumericOrder,
}

type M = Option<(usize, Expr, Option<&'static str>)>;

const YEAR_PREP: &[&str] = &[
    "in",
    "since",
    "by",
    "of",
    "until",
    "till",
    "from",
    "to",
    "and",
    "between",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "end",
    "through",
    "throughout",
    "circa",
    "spring",
    "summer",
    "autumn",
    "winter",
    "fall",
];
const FUTURE_CUES: &[&str] = &[
    "will",
    "ll",
    "shall",
    "scheduled",
    "expected",
    "due",
    "plans",
    "plan",
    "planned",
    "set",
    "upcoming",
    "until",
    "till",
    "tomorrow",
    "next",
    "coming",
    "be",
    "going",
    "intends",
    "would",
];
const PAST_STOPS: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "yesterday",
    "last",
    "has",
    "have",
    "been",
];

impl<'a> Matcher<'a> {
    pub fn new(
        doc: &'a Document,
        toks: std::ops::Range<usize>,
        order: NumericOrder,
    ) -> Matcher<'a> {
        let mut words = Vec::with_capacity(toks.len() + 4);
        for ti in toks {
            let t = &doc.tokens[ti];
            if t.kind == TokenKind::Number {
                words.push(Wd {
                    w: doc.token_text(ti),
                    tok: ti,
                    kind: t.kind,
                    cap: false,
                });
                continue;
            }
            // Capitalisation of each part of a hyphenated token ("mid-March").
            let caps: Vec<bool> = if t.norm.contains(' ') {
                doc.token_text(ti)
                    .split(|c: char| sitrep_text::fold::is_dash(c) || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(|p| p.chars().next().is_some_and(char::is_uppercase))
                    .collect()
            } else {
                Vec::new()
            };
            for (k, part) in t.norm.split(' ').filter(|p| !p.is_empty()).enumerate() {
                let part = if part.len() > 1 {
                    part.trim_end_matches('.')
                } else {
                    part
                };
                words.push(Wd {
                    w: part,
                    tok: ti,
                    kind: t.kind,
                    cap: caps.get(k).copied().unwrap_or(t.cap && k == 0) || t.all_caps,
                });
            }
        }
        Matcher { words, order }
    }

    /// True when word `i` is a whole token (not part of a hyphenated compound).
    fn whole(&self, i: usize) -> bool {
        let t = self.words[i].tok;
        (i == 0 || self.words[i - 1].tok != t) && self.words.get(i + 1).is_none_or(|x| x.tok != t)
    }

    fn w(&self, i: usize) -> &str {
        self.words.get(i).map(|w| w.w).unwrap_or("")
    }
    fn is(&self, i: usize, s: &str) -> bool {
        self.w(i) == s
    }
    fn any(&self, i: usize, set: &[&str]) -> bool {
        set.contains(&self.w(i))
    }
    fn cap(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| w.cap)
    }
    fn digits(&self, i: usize) -> Option<u32> {
        let w = self.w(i);
        if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        w.parse().ok()
    }

    /// Find every expression in the sentence.
    pub fn run(&self) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let n = self.words.len();
        let mut i = 0;
        while i < n {
            if !lx::may_start(self.words[i].w, self.words[i].kind == TokenKind::Number) {
                i += 1;
                continue;
            }
            if let Some((end, expr, tmod)) = self.best(i) {
                let (ts, te) = (self.words[i].tok, self.words[end - 1].tok + 1);
                if out.last().is_none_or(|p| p.tok_end <= ts) {
                    let future = self.future_cue(i);
                    out.push(Found {
                        tok_start: ts,
                        tok_end: te,
                        expr,
                        tmod,
                        future,
                    });
                }
                i = end;
            } else {
                i += 1;
            }
        }
        out
    }

    fn best(&self, i: usize) -> M {
        let cands = [
            self.numeric_date(i),
            self.weekday_led(i),
            self.day_month(i),
            self.month_led(i),
            self.modified(i),
            self.relative(i),
            self.deictic(i),
            self.ago(i),
            self.bare_units(i),
            self.duration(i),
            self.quarter(i),
            self.season(i),
            self.decade(i),
            self.year(i),
            self.clock(i),
            self.set(i),
            self.holiday(i),
            self.bare_pod(i),
        ];
        let mut best: M = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.0 > b.0) {
                best = Some(c);
            }
        }
        best
    }

    /// A future-tense cue in the words before `i` (back to a past-tense verb or the sentence start).
    fn future_cue(&self, i: usize) -> bool {
        let lo = i.saturating_sub(10);
        for j in (lo..i).rev() {
            let w = self.w(j);
            if FUTURE_CUES.contains(&w) {
                // "was set on", "due to the crisis", "were expected": not the future.
                let after = self.w(j + 1);
                let before = if j > 0 { self.w(j - 1) } else { "" };
                let weak = match w {
                    "set" => !matches!(after, "to" | "for"),
                    "due" => {
                        !(matches!(after, "for" | "on" | "in" | "by")
                            || (after == "to"
                                && !matches!(
                                    self.w(j + 2),
                                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this"
                                )))
                    }
                    _ => false,
                };
                if weak || matches!(before, "was" | "were" | "had") {
                    return false;
                }
                return true;
            }
            if w.len() > 4 && w.ends_with("ed") && j > 0 && self.is(j - 1, "be") {
                continue; // "should be completed": the modal decides
            }
            if PAST_STOPS.contains(&w) || (w.len() > 4 && w.ends_with("ed")) {
                return false;
            }
        }
        false
    }

    // ------------------------------------------------------------------ numbers and years

    /// A cardinal number at `i` (digits, words, "twenty five") → (end, value).
    pub(crate) fn number(&self, i: usize) -> Option<(usize, f64)> {
        let w = self.w(i);
        if !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            && w.as_bytes()[0].is_ascii_digit()
        {
            let v: f64 = w.replace(',', "").parse().ok()?;
            return Some((i + 1, v));
        }
        let v = lx::number_word(w)?;
        if (20.0..100.0).contains(&v) {
            if let Some(u) = lx::number_word(self.w(i + 1))
                .filter(|u| (1.0..10.0).contains(u) && !matches!(self.w(i + 1), "a" | "an"))
            {
                return Some((i + 2, v + u));
            }
        }
        Some((i + 1, v))
    }

    /// A four-digit year (1800–2199) at `i`, or "'82".
    fn year_at(&self, i: usize) -> Option<(usize, i32)> {
        let w = self.w(i);
        if matches!(w, "'" | "’") && self.w(i + 1).len() == 2 {
            let yy = self.digits(i + 1)? as i32;
            return Some((i + 2, if yy > 40 { 1900 + yy } else { 2000 + yy }));
        }
        if w.len() == 4 {
            let y = self.digits(i)? as i32;
            return (1800..=2199).contains(&y).then_some((i + 1, y));
        }
        None
    }

    // ------------------------------------------------------------------ absolute dates

    fn numeric_date(&self, i: usize) -> M {
        let wd = self.words.get(i)?;
        if wd.kind != TokenKind::Number {
            return None;
        }
        let (y, m, d) = numeric::parse(wd.w, None, self.order)?;
        Some((
            i + 1,
            Expr::Date {
                y: YearSpec::Abs(y),
                m,
                d: Some(d),
                dir: Dir::Auto,
            },
            None,
        ))
    }

    /// Month name at `i` read as a month (capitalised; abbreviations and "May" need a number nearby).
    fn month_at(&self, i: usize, number_adjacent: bool) -> Option<u32> {
        let w = self.w(i);
        let m = lx::month(w)?;
        if !self.cap(i) {
            return None;
        }
        if (lx::month_is_abbrev(w) || w == "may") && !number_adjacent {
            return None;
        }
        Some(m)
    }

    /// A year part after a month: ", 2016" / "2016" / "of 2016" / "of last year".
    fn year_after(&self, i: usize) -> Option<(usize, YearSpec)> {
        let mut j = i;
        if self.is(j, ",") {
            j += 1;
        }
        if let Some((e, y)) = self.year_at(j) {
            return Some((e, YearSpec::Abs(y)));
        }
        if self.is(i, "of") {
            if let Some((e, y)) = self.year_at(i + 1) {
                return Some((e, YearSpec::Abs(y)));
            }
            if self.is(i + 2, "year") {
                let k = match self.w(i + 1) {
                    "this" => 0,
                    "last" => -1,
                    "next" => 1,
                    _ => return None,
                };
                return Some((i + 3, YearSpec::Rel(k)));
            }
        }
        None
    }

    /// "11 March 2016", "11th of March", "the 11th of March".
    fn day_month(&self, i: usize) -> M {
        let s = if self.is(i, "the") { i + 1 } else { i };
        let d = self
            .digits(s)
            .filter(|d| (1..=31).contains(d))
            .or_else(|| lx::ordinal(self.w(s)).filter(|d| (1..=31).contains(d)))?;
        if s > i && self.digits(s).is_some() {
            return None;
        }
        let mut j = s + 1;
        if self.is(j, "of") {
            j += 1;
        }
        let m = self.month_at(j, true)?;
        let (end, y) = self.year_after(j + 1).unwrap_or((j + 1, YearSpec::Infer));
        Some((
            end,
            Expr::Date {
                y,
                m,
                d: Some(d),
                dir: Dir::Auto,
            },
            None,
        ))
    }

    /// "March 11, 2016", "March 11", "June 1st", "November 2006", "March", "October of next year".
    fn month_led(&self, i: usize) -> M {
        let nxt = self.w(i + 1);
        let num_next = self.digits(i + 1).is_some() || lx::ordinal(nxt).is_some();
        let num_prev = i > 0 && self.digits(i - 1).is_some();
        let m = self.month_at(i, num_next || num_prev)?;
        if let Some(d) = self
            .digits(i + 1)
            .filter(|d| (1..=31).contains(d))
            .or_else(|| lx::ordinal(nxt).filter(|d| (1..=31).contains(d)))
        {
            if self.w(i + 1).len() <= 2 || lx::ordinal(nxt).is_some() {
                let (end, y) = self.year_after(i + 2).unwrap_or((i + 2, YearSpec::Infer));
                return Some((
                    end,
                    Expr::Date {
                        y,
                        m,
                        d: Some(d),
                        dir: Dir::Auto,
                    },
                    None,
                ));
            }
        }
        if let Some((end, y)) = self.year_after(i + 1) {
            return Some((
                end,
                Expr::Date {
                    y,
                    m,
                    d: None,
                    dir: Dir::Auto,
                },
                None,
            ));
        }
        // A bare month name: "May" needs a preposition before it.
        if self.w(i) == "may" && !(i > 0 && self.any(i - 1, YEAR_PREP)) {
            return None;
        }
        let dir = if i > 0 && self.is(i - 1, "since") {
            Dir::Past
        } else {
            Dir::Auto
        };
        Some((
            i + 1,
            Expr::Date {
                y: YearSpec::Infer,
                m,
                d: None,
                dir,
            },
            None,
        ))
    }

    /// "Friday 11/03/2016", "Wed 19 Apr 2017", "Sunday, March 6", "Friday morning", "Sunday".
    fn weekday_led(&self, i: usize) -> M {
        let w = self.w(i);
        let wd = lx::weekday(w)?;
        if !self.cap(i) {
            return None;
        }
        let mut j = i + 1;
        if self.is(j, ",") {
            j += 1;
        }
        if let Some(x) = self.words.get(j).filter(|x| x.kind == TokenKind::Number) {
            if let Some((y, m, d)) = numeric::parse(x.w, Some(wd), self.order) {
                return Some((
                    j + 1,
                    Expr::Date {
                        y: YearSpec::Abs(y),
                        m,
                        d: Some(d),
                        dir: Dir::Auto,
                    },
                    None,
                ));
            }
        }
        if let Some((
            e,
            Expr::Date {
                y, m, d: Some(d), ..
            },
            _,
        )) = self.day_month(j).or_else(|| self.month_led(j))
        {
            return Some((
                e,
                Expr::Date {
                    y,
                    m,
                    d: Some(d),
                    dir: Dir::Auto,
                },
                None,
            ));
        }
        if lx::weekday_is_abbrev(w) {
            return None;
        }
        let base = Expr::Weekday { wd, dir: Dir::Auto };
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

    // ------------------------------------------------------------------ modified and relative

    /// "the first quarter of 2009", "the fourth quarter", "third-quarter", "Q1 2016", "the first half of 2016".
    fn quarter(&self, i: usize) -> M {
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
        Some((e, Expr::Quarter { q: ord, y }, None))
    }

    /// "spring", "the summer of 2015", "Autumn", "winter 2016".
    fn season(&self, i: usize) -> M {
        let the = self.is(i, "the");
        let s = if the { i + 1 } else { i };
        let code = lx::season(self.w(s))?;
        if let Some((e, y)) = self.year_after(s + 1) {
            return Some((e, Expr::Season { s: code, y }, None));
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
        if self.w(s) == "spring" && !after_det && !self.cap(s) {
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
    fn decade(&self, i: usize) -> M {
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
        let v = match digits.len() {
            4 => digits.parse::<i32>().ok()? / 10,
            2 => 190 + digits.parse::<i32>().ok()? / 10,
            _ => return None,
        };
        Some((j + 1, Expr::Decade(v), None))
    }

    /// A four-digit year in a year-like context.
    fn year(&self, i: usize) -> M {
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
    fn year_any(&self, i: usize) -> M {
        let (e, y) = self.year_at(i)?;
        Some((e, Expr::Year(y), None))
    }

    /// "18:00 UTC", "6:40 p.m.", "10 am", "0800 GMT", "noon", "midnight", "12:00 UTC Monday".
    fn clock(&self, i: usize) -> M {
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
            let v = self.digits(i).filter(|v| (1..=12).contains(v))?;
            if !matches!(self.w(i + 1), "am" | "pm" | "a.m" | "p.m") {
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
    fn set(&self, i: usize) -> M {
        let w = self.w(i);
        // "China Daily", "Daily Mail", "Weekly Standard": names, not sets.
        if self.cap(i) && ((i > 0 && self.cap(i - 1)) || self.cap(i + 1)) {
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
    fn holiday(&self, i: usize) -> M {
        let (e, m, d) = match (self.w(i), self.w(i + 1), self.w(i + 2)) {
            ("christmas", "eve", _) => (i + 2, 12, 24),
            ("christmas", "day", _) => (i + 2, 12, 25),
            ("christmas", _, _) => (i + 1, 12, 25),
            ("new", "years", "day") | ("new", "year", "day") => (i + 3, 1, 1),
            ("new", "years", "eve") | ("new", "year", "eve") => (i + 3, 12, 31),
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
