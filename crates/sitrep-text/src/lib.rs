//! sitrep-text: the first pipeline stage. A `Document` owns the original text; every unit it
//! derives (paragraphs, header lines, dateline, sentences, tokens) is a `Span` of char offsets
//! into that text. `fold` gives matching keys, `fxhash` a fast hasher for lookup tables; `input`
//! decodes and reads articles from files, JSON Lines, HTML and stdin. Nothing here knows about
//! places, dates, actors or events.

pub mod calendar;
pub mod document;
pub mod fold;
pub mod fxhash;
pub mod input;
pub mod layout;
pub mod numbers;
pub mod prelude;
pub mod sentences;
pub mod span;
pub mod tokenize;

pub use document::{DocMeta, Document, Sentence, SentenceKind};
pub use fold::{fold, fold_into};
pub use layout::Dateline;
pub use span::Span;
pub use tokenize::{Token, TokenKind};
