//! The event and control-claim records `sitrep extract` emits (DESIGN.md's contract). Plain data:
//! every field that came from the text carries the char span (`start`/`end`) it came from.

use serde::{Deserialize, Serialize};

/// Certainty, weakest first: `denied < speculative < claimed < hedged < reported < confirmed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    Denied,
    Speculative,
    Claimed,
    Hedged,
    Reported,
    Confirmed,
}

impl Certainty {
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Denied => "denied",
            Certainty::Speculative => "speculative",
            Certainty::Claimed => "claimed",
            Certainty::Hedged => "hedged",
            Certainty::Reported => "reported",
            Certainty::Confirmed => "confirmed",
        }
    }
    pub fn parse(s: &str) -> Option<Certainty> {
        Some(match s {
            "denied" => Certainty::Denied,
            "speculative" => Certainty::Speculative,
            "claimed" => Certainty::Claimed,
            "hedged" => Certainty::Hedged,
            "reported" => Certainty::Reported,
            "confirmed" => Certainty::Confirmed,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    pub name: String,
    pub actor_type: String,
    pub code: Option<String>,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPlace {
    pub name: String,
    pub geonameid: Option<u32>,
    pub kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub admin1: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin2: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// ACLED: 1 the town, 2 near a town / part of a district, 3 a province or natural feature.
    pub geo_precision: u8,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// TimeML value ("2016-03-06", "2016-02").
    pub value: String,
    /// [first day, last day], ISO dates.
    pub range: [String; 2],
    /// ACLED: 1 day, 2 within a week, 3 within a month.
    pub time_precision: u8,
    /// Span of the time expression; the evidence span when the date is the publication date.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    /// "named", "anonymous", "outlet", "official", ... free text role description ("mayor").
    pub role: Option<String>,
    pub anonymous: bool,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One event record (`"record": "event"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub record: String,
    pub event_id: String,
    pub doc_id: String,
    pub acled_event_type: Option<String>,
    pub acled_sub_event_type: Option<String>,
    pub cameo: Option<String>,
    pub plover: Option<String>,
    pub actor1: Option<EventActor>,
    pub actor2: Option<EventActor>,
    /// ACLED `assoc_actor_1`: actors acting alongside actor1 in this event ("backed by Russian
    /// warplanes", "X and Y attacked"); empty when none. Never repeats actor1 or actor2.
    #[serde(default)]
    pub assoc_actor1: Vec<EventActor>,
    /// ACLED `assoc_actor_2`: actors alongside actor2, or the identity group of civilian victims
    /// ("Yazidi civilians": actor2 Civilians (Iraq), assoc Yazidi Religious Group (Iraq)).
    #[serde(default)]
    pub assoc_actor2: Vec<EventActor>,
    pub place: Option<EventPlace>,
    pub date: Option<EventDate>,
    /// Most conservative reported figure; None: none reported.
    pub fatalities: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrested: Option<u32>,
    pub sources: Vec<Source>,
    pub certainty: Certainty,
    pub background: bool,
    pub evidence: Evidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlPlace {
    pub name: String,
    pub geonameid: Option<u32>,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub admin1: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlDate {
    pub value: String,
    pub range: [String; 2],
}

/// Whether a control claim reports a change of holder or a standing fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ControlKind {
    /// `previous_holder` → `new_holder` (None = no holder) from `date` on.
    Change,
    /// `holder` holds the place as of `date` ("the jihadist stronghold of Fallujah").
    Holds,
}

/// One control claim (`"record": "control"`). Holders are canonical actor names, "contested", or
/// null (no holder).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlClaim {
    pub record: String,
    pub doc_id: String,
    pub kind: ControlKind,
    pub place: ControlPlace,
    pub previous_holder: Option<String>,
    pub new_holder: Option<String>,
    pub holder: Option<String>,
    pub date: ControlDate,
    pub certainty: Certainty,
    pub evidence: Evidence,
}
