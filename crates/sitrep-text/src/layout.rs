//! Layout of an article: lines grouped into paragraphs, the header lines above the body (title,
//! subtitle, a date line such as "Friday 11/03/2016") and the body dateline ("BAGHDAD - ",
//! "BEIRUT (Reuters) -"). Works on chars; everything it reports is a char span.

use crate::span::Span;
use serde::Serialize;

/// What a header line above the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HeaderKind {
    Title,
    Subtitle,
    /// A line that is (mostly) a date: "Friday 11/03/2016", "Wed 19 Apr 2017".
    Date,
}

/// The place (and agency) that opens the first body paragraph: `BAGHDAD - `, `BEIRUT (Reuters) -`.
#[derive(Debug, Clone, Serialize)]
pub struct Dateline {
    /// The whole dateline including the dash.
    pub span: Span,
    /// The place words ("BAGHDAD", "BEIRUT, Lebanon").
    pub place: Span,
    /// The agency in brackets, if any ("Reuters").
    pub agency: Option<Span>,
}

/// Lines of the text as char spans (without the newline), empty lines included.
pub fn lines(chars: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut s = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            let e = if i > s && chars[i - 1] == '\r' {
                i - 1
            } else {
                i
            };
            out.push(Span::new(s, e));
            s = i + 1;
        }
    }
    out.push(Span::new(s, chars.len()));
    out
}

pub(crate) fn trim(chars: &[char], sp: Span) -> Span {
    let (mut s, mut e) = (sp.start, sp.end);
    while s < e && (chars[s].is_whitespace() || chars[s] == '\u{FEFF}') {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    Span::new(s, e)
}

fn ends_like_sentence(chars: &[char], sp: Span) -> bool {
    let mut e = sp.end;
    while e > sp.start
        && matches!(
            chars[e - 1],
            '"' | '\u{201D}' | '\'' | '\u{2019}' | ')' | ']'
        )
    {
        e -= 1;
    }
    e > sp.start && matches!(chars[e - 1], '.' | '!' | '?' | '…' | ':' | ';')
}

/// A short line whose words are mostly dates, weekdays and numbers.
pub fn looks_like_date_line(chars: &[char], sp: Span) -> bool {
    if sp.len() > 60 || sp.is_empty() {
        return false;
    }
    let s: String = chars[sp.start..sp.end].iter().collect();
    let mut words = 0;
    let mut datey = 0;
    let mut has_digit = false;
    for w in s.split(|c: char| !c.is_alphanumeric() && c != '/') {
        if w.is_empty() {
            continue;
        }
        words += 1;
        let lw = w.to_lowercase();
        if w.chars().all(|c| c.is_ascii_digit() || c == '/') {
            datey += 1;
            has_digit = true;
        } else if crate::calendar::is_calendar_word(&lw)
            || lw.trim_end_matches(|c: char| c.is_ascii_digit()).is_empty()
            || matches!(
                lw.as_str(),
                "st" | "nd" | "rd" | "th" | "gmt" | "utc" | "am" | "pm" | "updated" | "published"
            )
        {
            datey += 1;
        }
    }
    has_digit && words > 0 && datey * 10 >= words * 7
}

/// Paragraph spans: runs of non-empty lines; a single newline also ends a paragraph unless the
/// line before is long and does not end like a sentence (hard-wrapped text).
pub fn paragraphs(chars: &[char], lines: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    for &l in lines {
        let t = trim(chars, l);
        if t.is_empty() {
            if let Some(c) = cur.take() {
                out.push(c);
            }
            continue;
        }
        cur = match cur {
            Some(c) => {
                let prev_line = trim(
                    chars,
                    Span::new(c.start.max(last_line_start(chars, c)), c.end),
                );
                if prev_line.len() >= 60 && !ends_like_sentence(chars, prev_line) {
                    Some(Span::new(c.start, t.end))
                } else {
                    out.push(c);
                    Some(t)
                }
            }
            None => Some(t),
        };
    }
    if let Some(c) = cur {
        out.push(c);
    }
    out
}

fn last_line_start(chars: &[char], sp: Span) -> usize {
    let mut i = sp.end;
    while i > sp.start && chars[i - 1] != '\n' {
        i -= 1;
    }
    i
}

/// Classify the leading paragraphs that are header lines: short, single-line, not ending like a
/// sentence. At most four, and never the last paragraph (the body must remain).
pub fn headers(chars: &[char], paragraphs: &[Span]) -> Vec<(Span, HeaderKind)> {
    let mut out = Vec::new();
    for (k, &p) in paragraphs.iter().enumerate() {
        if k + 1 >= paragraphs.len() || k >= 4 {
            break;
        }
        let single_line = !chars[p.start..p.end].contains(&'\n');
        if !single_line || p.len() > 200 {
            break;
        }
        if looks_like_date_line(chars, p) {
            out.push((p, HeaderKind::Date));
            continue;
        }
        if ends_like_sentence(chars, p) || dateline(chars, p).is_some() {
            break;
        }
        let kind = if out.iter().any(|(_, k)| *k == HeaderKind::Title) {
            HeaderKind::Subtitle
        } else {
            HeaderKind::Title
        };
        out.push((p, kind));
    }
    out
}

/// A dateline at the start of a paragraph: upper-case place words (commas and a country allowed),
/// an optional "(Agency)", then a dash or colon.
pub fn dateline(chars: &[char], para: Span) -> Option<Dateline> {
    let mut i = para.start;
    let end = para.end.min(para.start + 80);
    // Place words: start with an upper-case word.
    let place_start = i;
    let mut place_end = i;
    let mut saw_caps_word = false;
    while i < end {
        let c = chars[i];
        if c.is_alphabetic()
            || c == '.'
            || c == '\''
            || c == '’'
            || (c == '-' && i + 1 < end && chars[i + 1].is_alphabetic())
        {
            i += 1;
            continue;
        }
        // End of a word.
        let w: String = chars[place_end.max(place_start)..i].iter().collect();
        let w = w.trim_start_matches([',', ' ']).to_string();
        if !w.is_empty() {
            if w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
            {
                saw_caps_word = true;
            } else if !saw_caps_word {
                return None;
            }
            place_end = i;
        }
        if c == ' ' || c == ',' {
            i += 1;
            continue;
        }
        break;
    }
    if !saw_caps_word || place_end == place_start {
        return None;
    }
    let mut j = place_end;
    while j < end && chars[j] == ' ' {
        j += 1;
    }
    let mut agency = None;
    if j < end && chars[j] == '(' {
        let a0 = j + 1;
        let mut k = a0;
        while k < end && chars[k] != ')' {
            k += 1;
        }
        if k >= end || k - a0 > 30 {
            return None;
        }
        agency = Some(Span::new(a0, k));
        j = k + 1;
        while j < end && chars[j] == ' ' {
            j += 1;
        }
    }
    if j >= end || !(crate::fold::is_dash(chars[j]) || chars[j] == ':') {
        return None;
    }
    // Two dashes ("--") count as one.
    while j < end && (crate::fold::is_dash(chars[j]) || chars[j] == ':') {
        j += 1;
    }
    if j < end && chars[j] != ' ' {
        return None;
    }
    // The place words must contain a fully upper-case word of 3+ letters, or come with an agency.
    let place: String = chars[place_start..place_end].iter().collect();
    let strong = place.split([' ', ',']).any(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
    });
    if !strong && agency.is_none() {
        return None;
    }
    while j < end && chars[j] == ' ' {
        j += 1;
    }
    let mut pe = place_end;
    while pe > place_start && matches!(chars[pe - 1], ',' | ' ') {
        pe -= 1;
    }
    Some(Dateline {
        span: Span::new(place_start, j),
        place: Span::new(place_start, pe),
        agency,
    })
}
