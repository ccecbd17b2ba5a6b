//! sitrep-actors: the "who" of an article — actor mentions (named armed groups, state forces of
//! every country, coalitions, UN missions, civilians) mapped to canonical ACLED-style actors,
//! people with their roles, quotes with their speakers, and the certainty cues of each sentence.
//! Dictionaries are data files under `data/actors/` (embedded); matching runs over the document's
//! token norms. Every annotation is a char span of `Document::text`.

pub mod actors;
pub mod context;
pub mod cues;
pub mod eval;
mod eval_plover;
mod eval_seed;
pub mod lexicon;
mod names;
pub mod orgs;
pub mod people;
pub mod quotes;
pub mod speakers;

pub use lexicon::Lexicon;

use serde::{Deserialize, Serialize};
use sitrep_text::Document;

#[derive(Debug, thiserror::Error)]
pub enum ActorsError {
    #[error("data/actors/{file} line {line}: {reason}")]
    Data {
        file: &'static str,
        line: usize,
        reason: String,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Gold { path: String, reason: String },
}

/// Everything this stage finds in one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Who {
    pub actors: Vec<ActorMention>,
    /// Countries, capitals and regions named as places or as modifiers ("a curfew in Algiers",
    /// "an Indian proposal"), as the state they stand for: not doers, but the target an event
    /// coder may take (PLOVER codes the place's government). Kept apart from `actors`.
    pub place_actors: Vec<ActorMention>,
    pub people: Vec<Person>,
    pub quotes: Vec<Quote>,
    pub cues: Vec<Cue>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActorMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Canonical name: "Islamic State", "Military Forces of Iraq", "US-led coalition".
    pub actor: String,
    /// ACLED actor type: "State forces", "Rebel group", ..., "External/Other forces".
    pub actor_type: String,
    /// CAMEO-style code: country (ISO alpha-3) + role ("IRQMIL"), or a group code.
    pub code: Option<String>,
    /// ISO alpha-2 of the actor's country, if any.
    pub country: Option<String>,
    /// A description ("the group") resolved to an earlier actor.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub anaphor: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub role: Option<String>,
    /// The actor or institution the person speaks for, when the text says so.
    pub affiliation: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
    /// "direct" or "indirect".
    pub kind: String,
    pub speaker: String,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    pub anonymous: bool,
    pub role: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueKind {
    Hedge,
    Denial,
    Claim,
    Confirmation,
    Speculation,
    Condition,
    Negation,
    Intention,
    Request,
    Report,
}

impl CueKind {
    pub fn parse(s: &str) -> Option<CueKind> {
        Some(match s {
            "hedge" => CueKind::Hedge,
            "denial" => CueKind::Denial,
            "claim" => CueKind::Claim,
            "confirmation" => CueKind::Confirmation,
            "speculation" => CueKind::Speculation,
            "condition" => CueKind::Condition,
            "negation" => CueKind::Negation,
            "intention" => CueKind::Intention,
            "request" => CueKind::Request,
            "report" => CueKind::Report,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
    /// Index into `doc.sentences`.
    pub sentence: usize,
    pub text: String,
}

/// Find actors, people, quotes and cues in a document.
pub fn annotate(doc: &Document, lex: &Lexicon) -> Who {
    let (found, places) = actors::find_all(doc, lex);
    let mut people = people::find(doc, lex, &found);
    let quotes = quotes::find(doc, lex, &found, &mut people);
    let cues = cues::find(doc, lex);
    Who {
        actors: found.into_iter().map(|m| m.mention).collect(),
        place_actors: places.into_iter().map(|m| m.mention).collect(),
        people,
        quotes,
        cues,
    }
}
