//! Recognition: a hand-written matcher over the folded words of each sentence that finds time
//! expressions and says what they mean (`Expr`), with their TimeML modifier. Hyphenated tokens
//! ("mid-March", "fifty-year") are split into their words; a match always covers whole tokens.
//! Patterns are tried at each word and the longest wins.

use crate::expr::{Dir, Expr, YearSpec};
use crate::lexicon as lx;
use crate::numeric::{self, NumericOrder};
use sitrep_text::{Document, TokenKind};

mod clock;
mod comparison;
mod names;
mod periods;
mod quantity;
mod relative;
mod tense;

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
    /// Every longer word is capitalised (a headline): capitals tell no names.
    pub title_case: bool,
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
        // A headline: no lower-case word of four letters or more, and a capitalised
        // function word inside ("Talks Resume In April").
        let lower_long = words
            .iter()
            .any(|x| x.kind == TokenKind::Word && x.w.len() > 3 && !x.cap);
        let cap_function = words.iter().skip(1).any(|x| {
            x.cap
                && matches!(
                    x.w,
                    "in" | "on"
                        | "at"
                        | "of"
                        | "for"
                        | "after"
                        | "over"
                        | "with"
                        | "from"
                        | "to"
                        | "and"
                        | "the"
                        | "as"
                        | "by"
                        | "into"
                        | "amid"
                        | "since"
                )
        });
        let title_case = !lower_long && cap_function;
        Matcher {
            words,
            order,
            title_case,
        }
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
            if !lx::may_start(self.words[i].w, self.words[i].kind == TokenKind::Number)
                && !self.after_superlative(i)
            {
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
            self.same_last_year(i),
            self.streak(i),
            self.year_earlier(i),
            self.year_ago_period(i),
            self.pod_of(i),
            self.superlative_unit(i),
            self.week_of_month(i),
        ];
        let mut best: M = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.0 > b.0) {
                best = Some(c);
            }
        }
        best
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
        if lx::month_is_abbrev(w) && !number_adjacent {
            return None;
        }
        if w == "may" && !number_adjacent && !self.may_is_month(i) {
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
            // "the second half of the year": the reference year.
            if self.is(i + 1, "the") && self.is(i + 2, "year") {
                return Some((i + 3, YearSpec::Rel(0)));
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
        let (end, y) = self
            .year_after(j + 1)
            .unwrap_or((j + 1, self.named_date_year(m, d, j + 1)));
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
                let (end, y) = self
                    .year_after(i + 2)
                    .unwrap_or((i + 2, self.named_date_year(m, d, i + 2)));
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
        // A bare month name that is part of a name ("April Ryan", "the October Revolution").
        if self.month_is_name(i) {
            return None;
        }
        // "since January"; "August unemployment data", "February sales": the figures of a
        // month already past, whatever the tense of the clause.
        let dir = if (i > 0 && self.is(i - 1, "since"))
            || matches!(
                self.w(i + 1),
                "sales"
                    | "figures"
                    | "data"
                    | "results"
                    | "unemployment"
                    | "employment"
                    | "jobs"
                    | "payrolls"
                    | "inflation"
                    | "numbers"
                    | "earnings"
                    | "output"
                    | "production"
                    | "exports"
                    | "imports"
            ) {
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
        if self.weekday_is_name(i) {
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
}
