//! Query-string parsing for the API: strict (an unknown parameter, a repeated one, a bad date, a
//! bad bounding box or certainty is a 400 that names it) and shared by every route.

use chrono::NaiveDate;
use sitrep_events::Certainty;

use crate::backend::{BBox, EventFilter, PageRequest};
use crate::error::ApiError;

/// Default and maximum page sizes of `/api/events` and `/api/incidents`.
pub const DEFAULT_LIMIT: usize = 100;
pub const MAX_LIMIT: usize = 5000;

/// The decoded query string, checked against the names a route accepts.
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes `raw` and rejects names not in `allowed` and names given twice.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let pairs: Vec<(String, String)> = match raw {
            None | Some("") => Vec::new(),
            Some(q) => serde_urlencoded::from_str(q)
                .map_err(|e| ApiError::bad_request(format!("malformed query string: {e}")))?,
        };
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::bad_request(format!(
                    "unknown query parameter {k:?}; this route accepts: {}",
                    if allowed.is_empty() {
                        "none".to_string()
                    } else {
                        allowed.join(", ")
                    }
                )));
            }
            if pairs[..i].iter().any(|(k2, _)| k2 == k) {
                return Err(ApiError::bad_request(format!(
                    "query parameter {k:?} given twice"
                )));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name`, None when absent or empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.get(name).map(|v| parse_date(name, v)).transpose()
    }

    pub fn bbox(&self) -> Result<Option<BBox>, ApiError> {
        self.get("bbox")
            .map(|v| BBox::parse(v).map_err(ApiError::bad_request))
            .transpose()
    }

    /// The event filters of `sitrep events`.
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let from = self.date("from")?;
        let to = self.date("to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(ApiError::bad_request(format!(
                    "from ({f}) is after to ({t})"
                )));
            }
        }
        let min_certainty = match self.get("min_certainty") {
            None => None,
            Some(v) => Some(Certainty::parse(&v.to_ascii_lowercase()).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "min_certainty {v:?} is not one of denied, speculative, claimed, hedged, \
                     reported, confirmed"
                ))
            })?),
        };
        let country = match self.get("country") {
            None => None,
            Some(c) if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => {
                Some(c.to_ascii_uppercase())
            }
            Some(c) => {
                return Err(ApiError::bad_request(format!(
                    "country {c:?} is not an ISO 3166-1 alpha-2 code (e.g. IQ)"
                )))
            }
        };
        Ok(EventFilter {
            from,
            to,
            bbox: self.bbox()?,
            country,
            admin1: self.get("admin1").map(str::to_string),
            actor: self.get("actor").map(str::to_string),
            event_type: self.get("type").map(str::to_string),
            min_certainty,
            text: self.get("q").map(str::to_string),
        })
    }

    pub fn page(&self) -> Result<PageRequest, ApiError> {
        let limit = match self.get("limit") {
            None => DEFAULT_LIMIT,
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "limit {v:?} must be a whole number from 1 to {MAX_LIMIT}"
                    )))
                }
            },
        };
        Ok(PageRequest {
            limit,
            cursor: self.get("cursor").map(str::to_string),
        })
    }
}

/// The filter parameter names, shared by the routes that filter events.
pub const FILTER_NAMES: [&str; 9] = [
    "from",
    "to",
    "bbox",
    "country",
    "admin1",
    "actor",
    "type",
    "min_certainty",
    "q",
];

/// `YYYY-MM-DD`, or a 400 naming the parameter.
pub fn parse_date(name: &str, v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
        ApiError::bad_request(format!("{name} {v:?} is not a date (expected YYYY-MM-DD)"))
    })
}
