//! `sitrep events --db FILE [filters] --format csv|geojson|jsonl`: stored events in the shapes of
//! `sitrep extract` (CSV with ACLED columns and GeoJSON through sitrep-export).

use super::inputs::parse_date;
use crate::Status;
use chrono::NaiveDate;
use sitrep_events::Certainty;
use sitrep_store::{EventFilter, Store};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    pub db: PathBuf,
    /// Events whose dates overlap [from, to] (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// West,South,East,North in degrees.
    #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
    pub bbox: Option<[f64; 4]>,
    /// Country: ISO 3166-1 alpha-2 or alpha-3 code, or name.
    #[arg(long, value_parser = parse_country)]
    pub country: Option<String>,
    /// First-level division (GeoNames name).
    #[arg(long)]
    pub admin1: Option<String>,
    /// Part of the name of actor 1 or actor 2, any case (associated actors: --q).
    #[arg(long)]
    pub actor: Option<String>,
    /// ACLED event type or sub-event type (any case).
    #[arg(long = "type", value_parser = parse_event_type)]
    pub event_type: Option<String>,
    /// denied < speculative < claimed < hedged < reported < confirmed
    #[arg(long, value_parser = parse_certainty)]
    pub min_certainty: Option<Certainty>,
    /// Words that must all occur in the evidence, actors (associated ones included) or place.
    #[arg(long)]
    pub q: Option<String>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv", "geojson"])]
    pub format: String,
}

pub fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{s:?}: expected W,S,E,N"))?;
    match v.as_slice() {
        [w, s_, e, n] if s_ <= n && v.iter().all(|x| x.is_finite()) => {
            let lat = -90.0..=90.0;
            if w.abs() > 180.0 || e.abs() > 180.0 || !lat.contains(s_) || !lat.contains(n) {
                return Err(format!(
                    "{s:?}: longitudes must be within -180..180 and latitudes within -90..90"
                ));
            }
            Ok([*w, *s_, *e, *n])
        }
        _ => Err(format!("{s:?}: expected W,S,E,N with S <= N")),
    }
}

/// ACLED's six event types and 25 sub-event types (the codebook); a typo used to match nothing.
const ACLED_TYPES: &[&str] = &[
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Violent demonstration",
    "Mob violence",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
];

fn parse_event_type(s: &str) -> Result<String, String> {
    match ACLED_TYPES
        .iter()
        .find(|t| t.eq_ignore_ascii_case(s.trim()))
    {
        Some(t) => Ok(t.to_string()),
        None => Err(format!(
            "{s:?} is not an ACLED event type or sub-event type: one of {}",
            ACLED_TYPES.join(", ")
        )),
    }
}

fn parse_certainty(s: &str) -> Result<Certainty, String> {
    Certainty::parse(&s.to_ascii_lowercase()).ok_or_else(|| {
        format!("{s:?}: one of denied, speculative, claimed, hedged, reported, confirmed")
    })
}

/// Country name, ISO 3166-1 alpha-2 or alpha-3 code → ISO2; an unknown country is a usage error
/// (it used to match nothing, silently).
fn parse_country(c: &str) -> Result<String, String> {
    let t = c.trim();
    let found = match t.len() {
        2 => sitrep_geo::countries::by_iso2(t),
        3 => sitrep_geo::countries::by_iso3(t),
        _ => None,
    }
    .or_else(|| sitrep_geo::countries::by_name(&sitrep_text::fold(t)));
    found
        .map(|k| k.iso2.clone())
        .ok_or_else(|| format!("{c:?} is not a country name or ISO 3166-1 code"))
}

pub fn open_readonly(path: &std::path::Path) -> Option<Store> {
    if path.is_dir() {
        eprintln!(
            "sitrep: {}: is a directory, not a database file",
            path.display()
        );
        return None;
    }
    match Store::open_readonly(path) {
        Ok(s) => Some(s),
        Err(e) => {
            eprintln!("sitrep: {e}");
            None
        }
    }
}

pub fn run(a: Args) -> anyhow::Result<Status> {
    if let (Some(from), Some(to)) = (a.from, a.to) {
        if from > to {
            return Err(crate::UsageError(format!(
                "--from {from} is after --to {to}: no event can match"
            ))
            .into());
        }
    }
    let Some(store) = open_readonly(&a.db) else {
        return Ok(Status::Fatal);
    };
    let mut filter = EventFilter {
        from: a.from,
        to: a.to,
        bbox: a.bbox,
        country: a.country,
        admin1: a.admin1,
        actor: a.actor,
        event_type: a.event_type,
        min_certainty: a.min_certainty,
        text: a.q,
        limit: Some(a.limit.unwrap_or(usize::MAX).min(1000)),
        ..Default::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all = Vec::new();
    let mut left = a.limit.unwrap_or(usize::MAX);
    loop {
        let page = match store.query_events(&filter) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("sitrep: {e}");
                return Ok(Status::Fatal);
            }
        };
        left = left.saturating_sub(page.events.len());
        for e in page.events {
            if a.format == "jsonl" {
                serde_json::to_writer(&mut out, &e.event)?;
                out.write_all(b"\n")?;
            } else {
                all.push(e.event);
            }
        }
        match page.next {
            Some(c) if left > 0 => {
                filter.after = Some(c);
                filter.limit = Some(left.min(1000));
            }
            _ => break,
        }
    }
    match a.format.as_str() {
        "csv" => sitrep_export::write_csv(&all, &mut out)?,
        "geojson" => sitrep_export::write_geojson(&all, &mut out)?,
        _ => {}
    }
    out.flush()?;
    Ok(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::ACLED_TYPES;

    #[test]
    fn the_type_list_agrees_with_the_coding_table() {
        let (types, subs) = ACLED_TYPES.split_at(6);
        for sub in subs {
            let t = sitrep_events::coding::acled_event_type(sub);
            assert!(t.is_some_and(|t| types.contains(&t)), "{sub}");
        }
        assert_eq!(subs.len(), 25);
    }
}
