//! Header parts written inline at the head of the first paragraph, where a page's layout was
//! flattened into one line: the publication stamp ("Published February 18 2015", "Date of
//! publication 14 August 2016", "Last updated at Apr 152017", "07.07.2015Get short URL 4016",
//! "Sun 05 Jul 2015", "Posted on April 4 2017 by Youssef Diab"), the repeated headline (when the
//! article's title is known), and an agency stamp after it ("AFP Sunday 1 Feb 2015", "Reuters
//! Friday 17 Nov 2017 Print Tweet Views 1662"). Works on tokens; reports token ranges.

use crate::calendar::{is_calendar_word, month_number};
use crate::layout::HeaderKind;
use crate::tokenize::{Token, TokenKind};
use std::ops::Range;

/// Words that introduce a publication stamp.
const STAMP_WORDS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last",
    "date",
    "of",
    "publication",
    "on",
    "at",
    "print",
    "this",
    "page",
];
/// Agencies and outlets that sign a stamp after the headline.
const AGENCIES: &[&str] = &[
    "afp", "ap", "reuters", "upi", "dpa", "xinhua", "sana", "nna", "anadolu", "aa", "efe", "ani",
];
/// Share-widget words left over from a page: "Get short URL", "Print Tweet Views".
const WIDGET_WORDS: &[&str] = &["get", "short", "url", "print", "tweet", "views", "share"];
/// Words that open a sentence, never a name in a byline.
const SENTENCE_OPENERS: &[&str] = &["the", "a", "an", "at", "in", "on", "more", "some", "dozens"];
/// Most words a byline ("by Youssef Diab Paula Astih and Najla Habriri") may take without a
/// known headline to end it.
const BYLINE_MAX: usize = 3;

/// A year written as four digits (1900–2099).
fn is_year(s: &str) -> bool {
    s.len() == 4
        && (s.starts_with("19") || s.starts_with("20"))
        && s.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with separators that make a whole date ("07.07.2015", "6-09-2013", "11/03/2016"),
/// possibly glued to the next word ("07.07.2015Get").
fn is_numeric_date(s: &str) -> bool {
    let head: &str = s.trim_end_matches(|c: char| c.is_alphabetic());
    // Tokens keep their separators, but folding turns dashes into spaces ("6 09 2013").
    let parts: Vec<&str> = head.split(['.', '-', '/', ' ']).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && (is_year(parts[2]) || is_year(parts[0]))
}

/// A day glued to its year ("152017" in "Apr 152017").
fn is_glued_day_year(s: &str) -> bool {
    (5..=6).contains(&s.len())
        && s.bytes().all(|b| b.is_ascii_digit())
        && is_year(&s[s.len() - 4..])
}

fn is_clock(s: &str) -> bool {
    let mut parts = s.split(':');
    matches!((parts.next(), parts.next()), (Some(h), Some(m)) if !h.is_empty() && h.len() <= 2 && m.len() == 2)
}

struct Cursor<'a> {
    toks: &'a [Token],
    end: usize,
}

impl<'a> Cursor<'a> {
    fn norm(&self, i: usize) -> &'a str {
        if i < self.end {
            self.toks[i].norm.as_str()
        } else {
            ""
        }
    }

    /// A date stamp starting at `i`, with its lead-in words and trailing clock times and share
    /// widgets: the index after it. It must hold a year, and a month or a numeric date.
    fn stamp(&self, start: usize) -> Option<usize> {
        let mut i = start;
        while i < self.end && STAMP_WORDS.contains(&self.norm(i)) && i - start < 4 {
            i += 1;
        }
        let (mut year, mut month, mut day) = (false, false, false);
        let mut last = i;
        while i < self.end {
            let t = &self.toks[i];
            let n = self.norm(i);
            let prev = if i > start { self.norm(i - 1) } else { "" };
            let number = t.kind == TokenKind::Number;
            if t.kind == TokenKind::Word && is_calendar_word(n) {
                month |= month_number(n).is_some();
            } else if is_numeric_date(n) {
                (year, month, day) = (true, true, true);
            } else if year && number && (matches!(self.norm(i + 1), "utc" | "gmt") || prev == "+") {
                // "2037 UTC+3".
            } else if year && (is_clock(n) || (number && n.len() == 4 && prev == "at")) {
                // "19:11", "at 1459".
            } else if year && number && prev == "updated" {
                // "(updated 1549 28.05.2017)".
            } else if is_glued_day_year(n) && !year {
                (year, day) = (true, true);
            } else if is_year(n) && !year {
                year = true;
            } else if number && n.len() <= 2 && !year {
                day = true;
            } else if (matches!(n, "utc" | "gmt" | "at" | "+" | "(" | ")" | "updated") && year)
                || (n == "," && !year)
            {
                // zone, time and update words after the year; a comma before it
            } else {
                break;
            }
            i += 1;
            if year && month && day {
                last = i;
            }
        }
        if !(year && month && day) {
            return None;
        }
        // A closing bracket left open by "(updated ...".
        let mut i = last;
        if self.norm(i) == ")" {
            i += 1;
        }
        Some(self.widgets(i))
    }

    /// Share widgets and their counters after a stamp: "Get short URL 0 612", "Print Tweet
    /// Views 1662"; a date glued to "Get" continues into them.
    fn widgets(&self, mut i: usize) -> usize {
        let glued = i > 0 && self.toks[i - 1].norm.ends_with("get");
        let w0 = i;
        while i < self.end && WIDGET_WORDS.contains(&self.norm(i)) {
            i += 1;
        }
        if i > w0 || glued {
            // Counters: "4016", or a zero and a count ("0 612").
            let zero = self.norm(i) == "0";
            for _ in 0..(1 + usize::from(zero)) {
                if i < self.end && self.toks[i].kind == TokenKind::Number && self.norm(i).len() <= 5
                {
                    i += 1;
                }
            }
        }
        i
    }

    /// A byline "by Name Name [and Name Name]" at `i`, ending where the headline starts when
    /// that is known.
    fn byline(&self, i: usize, title_at: Option<usize>) -> Option<usize> {
        if self.norm(i) != "by" || self.toks.get(i + 1).is_none_or(|t| !t.cap) {
            return None;
        }
        if let Some(t) = title_at.filter(|&t| t > i + 1 && t <= i + 12) {
            return Some(t);
        }
        let mut j = i + 1;
        let mut names = 0;
        while j < self.end
            && names < BYLINE_MAX
            && self.toks[j].cap
            && self.toks[j].kind == TokenKind::Word
            && !SENTENCE_OPENERS.contains(&self.norm(j))
        {
            // A capitalised word before a lower-case one opens the body ("Rida At least").
            let next = self.toks.get(j + 1).filter(|_| j + 1 < self.end);
            if names > 0 && next.is_some_and(|t| !t.cap && t.norm != "and") {
                break;
            }
            j += 1;
            names += 1;
            if self.norm(j) == "and"
                && self.toks.get(j + 1).is_some_and(|t| t.cap)
                && j + 1 < self.end
            {
                j += 1;
                names = 0;
            }
        }
        Some(j)
    }
}

/// Words of a headline as matching keys: letters and digits only, lower case.
fn key_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2013}' | '\u{2014}' | '|'))
        .map(|w| {
            crate::fold(w)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The end of the headline when the tokens from `i` repeat it (all of it, or its first half and
/// at least four words: a site name may follow it in the title), else None.
fn headline_at(toks: &[Token], i: usize, end: usize, title: &[String]) -> Option<usize> {
    if title.len() < 2 {
        return None;
    }
    let mut w = 0;
    let mut j = i;
    let mut done = None;
    while j < end && w < title.len() {
        let key: String = toks[j]
            .norm
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        j += 1;
        if key.is_empty() {
            continue;
        }
        // A token may hold two title words ("al-Assad" vs "al Assad") or a title word may span
        // two tokens; compare by concatenation.
        let mut acc = String::new();
        let mut w2 = w;
        while w2 < title.len() && acc.len() < key.len() {
            acc.push_str(&title[w2]);
            w2 += 1;
        }
        if acc != key {
            break;
        }
        w = w2;
        done = Some((j, w));
    }
    let (j, w) = done?;
    let whole = w == title.len();
    (whole || (w >= 4 && w * 2 >= title.len())).then_some(j)
}

/// The inline header parts at the head of tokens `range` (the first body paragraph), in order,
/// each a token range with its kind: stamps and bylines are `Date`, the repeated headline is
/// `Title`. Empty when the paragraph opens with ordinary prose.
pub fn inline_headers(
    tokens: &[Token],
    range: Range<usize>,
    title: Option<&str>,
) -> Vec<(Range<usize>, HeaderKind)> {
    let c = Cursor {
        toks: tokens,
        end: range.end,
    };
    let title_words = title.map(key_words).unwrap_or_default();
    let mut out: Vec<(Range<usize>, HeaderKind)> = Vec::new();
    let mut i = range.start;
    // 1. The stamp, then a byline.
    if let Some(e) = c.stamp(i) {
        let title_at = (e..(e + 12).min(range.end))
            .find(|&k| headline_at(tokens, k, range.end, &title_words).is_some());
        let e = c.byline(e, title_at).unwrap_or(e);
        out.push((i..e, HeaderKind::Date));
        i = e;
    }
    // 2. The headline, with a leftover "title:" label or "UPDATED" before it and a stop after.
    let mut h = i;
    while h < range.end && matches!(c.norm(h), "title" | ":" | "updated") {
        h += 1;
    }
    if let Some(mut e) = headline_at(tokens, h, range.end, &title_words) {
        if matches!(c.norm(e), "." | ":") {
            e += 1;
        }
        out.push((i..e, HeaderKind::Title));
        i = e;
        // 3. An agency's stamp after the headline.
        let mut a = i;
        while a < range.end && a < i + 2 && AGENCIES.contains(&c.norm(a)) {
            a += 1;
        }
        if let Some(e) = c.stamp(a) {
            out.push((i..e, HeaderKind::Date));
            i = e;
        }
    }
    // The body must keep something.
    if i >= range.end {
        out.clear();
    }
    out.retain(|(r, _)| !r.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn parts(text: &str, title: Option<&str>) -> Vec<(String, HeaderKind)> {
        let chars: Vec<char> = text.chars().collect();
        let toks = tokenize(&chars);
        inline_headers(&toks, 0..toks.len(), title)
            .into_iter()
            .map(|(r, k)| {
                let s = toks[r.start].span.start;
                let e = toks[r.end - 1].span.end;
                (chars[s..e].iter().collect(), k)
            })
            .collect()
    }

    #[test]
    fn stamps_and_headlines() {
        use HeaderKind::*;
        assert_eq!(
            parts(
                "Published February 18 2015 The Syrian army captured villages.",
                None
            ),
            vec![("Published February 18 2015".into(), Date)]
        );
        assert_eq!(
            parts(
                "Last updated at Apr 152017 A suicide car bomb killed 43 people.",
                None
            ),
            vec![("Last updated at Apr 152017".into(), Date)]
        );
        assert_eq!(
            parts(
                "07.07.2015Get short URL 0 25 A suicide bomber blew himself up.",
                None
            ),
            vec![("07.07.2015Get short URL 0 25".into(), Date)]
        );
        assert_eq!(
            parts(
                "Sun 05 Jul 2015 22 dead in heavy U.S. raids on IS Syria stronghold. Six civilians died.",
                Some("22 dead in heavy U.S. raids on IS Syria stronghold")
            ),
            vec![
                ("Sun 05 Jul 2015".into(), Date),
                ("22 dead in heavy U.S. raids on IS Syria stronghold.".into(), Title)
            ]
        );
        assert_eq!(
            parts(
                "Posted on August 3 2013 by Nazeer Rida At least 12 Islamist fighters were killed.",
                None
            ),
            vec![("Posted on August 3 2013 by Nazeer Rida".into(), Date)]
        );
        assert_eq!(
            parts(
                "Syria army kills 32 rebels in Daraa AFP Sunday 24 Aug 2014 Syrian troops killed 32.",
                Some("Syria army kills 32 rebels in Daraa - Region - World - Ahram Online")
            ),
            vec![
                ("Syria army kills 32 rebels in Daraa".into(), Title),
                ("AFP Sunday 24 Aug 2014".into(), Date)
            ]
        );
        assert_eq!(
            parts(
                "09.04.2017Get short URL 0 85 12 Daesh terrorists were killed.",
                None
            ),
            vec![("09.04.2017Get short URL 0 85".into(), Date)]
        );
        assert_eq!(
            parts(
                "Mon Jun 20 2016 23 ISIS militants were killed on Sunday.",
                None
            ),
            vec![("Mon Jun 20 2016".into(), Date)]
        );
    }

    #[test]
    fn prose_is_not_a_header() {
        assert!(parts(
            "At least 12 people were killed on 5 March 2016 in Aleppo.",
            None
        )
        .is_empty());
        assert!(parts("March 2016 was the worst month.", None).is_empty());
        assert!(parts("Sun 05 Jul 2015", None).is_empty());
    }
}
