//! `Document`: owns the original text (decoded input, BOM stripped, nothing else changed) and the
//! layout derived from it — paragraphs, header lines, dateline, sentences, tokens — all as char
//! spans. Later stages add annotations that are spans of this same text.

use crate::layout::{self, Dateline, HeaderKind};
use crate::sentences;
use crate::span::Span;
use crate::tokenize::{tokenize, Token};
use chrono::NaiveDate;
use serde::Serialize;
use std::ops::Range;

/// Metadata that comes with an article (from JSON Lines fields, file names or flags).
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    Title,
    Subtitle,
    Date,
    Body,
}

#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub span: Span,
    pub kind: SentenceKind,
    /// Indices into `Document::tokens`.
    #[serde(skip)]
    pub tokens: Range<usize>,
    #[serde(skip)]
    pub paragraph: usize,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub text: String,
    pub paragraphs: Vec<Span>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub dateline: Option<Dateline>,
    /// Byte offset of every char index (len = chars + 1); empty when the text is ASCII.
    byte_of: Vec<u32>,
    n_chars: usize,
}

impl Document {
    /// Analyse `text` (already decoded, BOM stripped) into paragraphs, sentences and tokens.
    pub fn new(meta: DocMeta, text: String) -> Document {
        let chars: Vec<char> = text.chars().collect();
        let byte_of = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            v.push(text.len() as u32);
            v
        };
        let tokens = tokenize(&chars);
        let lines = layout::lines(&chars);
        let paragraphs = layout::paragraphs(&chars, &lines);
        let headers = layout::headers(&chars, &paragraphs);
        let mut dateline = None;
        let mut sentences = Vec::new();
        let text_of = |s: Span| -> String { chars[s.start..s.end].iter().collect() };
        let mut tok_i = 0;
        for (pi, &p) in paragraphs.iter().enumerate() {
            while tok_i < tokens.len() && tokens[tok_i].span.start < p.start {
                tok_i += 1;
            }
            let t0 = tok_i;
            while tok_i < tokens.len() && tokens[tok_i].span.end <= p.end {
                tok_i += 1;
            }
            let t1 = tok_i;
            if t0 == t1 {
                continue;
            }
            if let Some((_, kind)) = headers.iter().find(|(h, _)| *h == p) {
                let kind = match kind {
                    HeaderKind::Title => SentenceKind::Title,
                    HeaderKind::Subtitle => SentenceKind::Subtitle,
                    HeaderKind::Date => SentenceKind::Date,
                };
                sentences.push(Sentence {
                    span: p,
                    kind,
                    tokens: t0..t1,
                    paragraph: pi,
                });
                continue;
            }
            let mut body_t0 = t0;
            if dateline.is_none()
                && sentences
                    .iter()
                    .all(|s: &Sentence| s.kind != SentenceKind::Body)
            {
                if let Some(d) = layout::dateline(&chars, p) {
                    while body_t0 < t1 && tokens[body_t0].span.start < d.span.end {
                        body_t0 += 1;
                    }
                    dateline = Some(d);
                }
            }
            for r in sentences::split(&tokens, body_t0..t1) {
                let span = Span::new(tokens[r.start].span.start, tokens[r.end - 1].span.end);
                sentences.push(Sentence {
                    span,
                    kind: SentenceKind::Body,
                    tokens: r,
                    paragraph: pi,
                });
            }
        }
        let title = meta.title.clone().or_else(|| {
            sentences
                .iter()
                .find(|s| s.kind == SentenceKind::Title)
                .map(|s| text_of(s.span))
        });
        Document {
            id: meta.id,
            title,
            published: meta.published,
            source: meta.source,
            url: meta.url,
            n_chars: chars.len(),
            text,
            paragraphs,
            sentences,
            tokens,
            dateline,
            byte_of,
        }
    }

    /// Number of chars (Unicode scalar values) in `text`.
    pub fn char_len(&self) -> usize {
        self.n_chars
    }

    /// Byte offset in `text` of char offset `c`.
    pub fn byte_offset(&self, c: usize) -> usize {
        if self.byte_of.is_empty() {
            c
        } else {
            self.byte_of[c] as usize
        }
    }

    /// Char offset of byte offset `b` (which must fall on a char boundary).
    pub fn char_offset(&self, b: usize) -> usize {
        if self.byte_of.is_empty() {
            b
        } else {
            self.byte_of.partition_point(|&x| (x as usize) < b)
        }
    }

    /// The original text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[self.byte_offset(span.start)..self.byte_offset(span.end)]
    }

    pub fn token_text(&self, i: usize) -> &str {
        self.slice(self.tokens[i].span)
    }

    /// Index of the sentence containing char offset `c`, if any.
    pub fn sentence_at(&self, c: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= c);
        (i < self.sentences.len() && self.sentences[i].span.start <= c).then_some(i)
    }

    /// Index of the first token starting at or after char offset `c`.
    pub fn token_at_or_after(&self, c: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < c)
    }

    /// Sentences of the article body (not title, subtitle or date lines).
    pub fn body_sentences(&self) -> impl Iterator<Item = (usize, &Sentence)> {
        self.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == SentenceKind::Body)
    }
}
