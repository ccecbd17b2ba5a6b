//! ACLED's derived columns for one event: the flat row every export writes (event date at ACLED's
//! precision, inter codes from actor types, interaction, disorder type, civilian targeting, ISO
//! numeric code, region, country name, source scale, notes written as ACLED's coders write them).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sitrep_events::{Event, EventActor};
use std::collections::HashMap;
use std::sync::OnceLock;

pub mod source_scale;

const COUNTRY_CODES_TSV: &str = include_str!("../data/country_codes.tsv");

/// ISO numeric code and ACLED region per ISO alpha-2 code.
fn country_codes() -> &'static HashMap<String, (u16, String)> {
    static T: OnceLock<HashMap<String, (u16, String)>> = OnceLock::new();
    T.get_or_init(|| {
        COUNTRY_CODES_TSV
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let num = f.get(1)?.parse::<u16>().ok()?;
                Some((
                    f.first()?.to_string(),
                    (num, f.get(2).unwrap_or(&"").to_string()),
                ))
            })
            .collect()
    })
}

/// ISO 3166-1 numeric code of a country given by its alpha-2 code (0 when unknown, as for Kosovo).
pub fn iso_numeric(iso2: &str) -> Option<u16> {
    country_codes()
        .get(&iso2.to_ascii_uppercase())
        .map(|c| c.0)
        .filter(|&n| n > 0)
}

/// ACLED region of a country ("Middle East", "Western Africa", ...).
pub fn region(iso2: &str) -> Option<&'static str> {
    country_codes()
        .get(&iso2.to_ascii_uppercase())
        .map(|c| c.1.as_str())
        .filter(|r| !r.is_empty())
}

/// ACLED inter code from an ACLED actor type: 1 State forces, 2 Rebel groups, 3 Political
/// militias, 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians, 8 External/Other forces.
pub fn inter_code(actor_type: &str) -> u8 {
    let t = actor_type.to_ascii_lowercase();
    if t.contains("state") && !t.contains("non-state") {
        1
    } else if t.contains("rebel") {
        2
    } else if t.contains("political") {
        3
    } else if t.contains("identity") || t.contains("ethnic") || t.contains("communal") {
        4
    } else if t.contains("riot") {
        5
    } else if t.contains("protest") {
        6
    } else if t.contains("civilian") {
        7
    } else if t.contains("external") || t.contains("other") || t.contains("foreign") {
        8
    } else {
        0
    }
}

/// ACLED's two-digit interaction: the two inter codes, lower first; a sole actor gives `N0`.
pub fn interaction(inter1: u8, inter2: u8) -> u8 {
    match (inter1, inter2) {
        (0, 0) => 0,
        (a, 0) | (0, a) => a * 10,
        (a, b) => a.min(b) * 10 + a.max(b),
    }
}

/// ACLED's disorder type from event and sub-event type.
pub fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        (_, "Excessive force against protesters") => "Political violence; Demonstrations",
        ("Protests", _) | (_, "Violent demonstration") => "Demonstrations",
        ("Strategic developments", _) => "Strategic developments",
        ("Battles" | "Explosions/Remote violence" | "Violence against civilians" | "Riots", _) => {
            "Political violence"
        }
        _ => "",
    }
}

/// One event as ACLED's flat row plus sitrep's columns; field order is the CSV column order.
#[derive(Debug, Clone, Serialize)]
pub struct AcledRow {
    pub event_id_cnty: String,
    pub event_date: String,
    pub year: String,
    pub time_precision: String,
    pub disorder_type: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub actor1: String,
    pub assoc_actor_1: String,
    pub inter1: String,
    pub actor2: String,
    pub assoc_actor_2: String,
    pub inter2: String,
    pub interaction: String,
    pub civilian_targeting: String,
    pub iso: String,
    pub region: String,
    pub country: String,
    pub admin1: String,
    pub admin2: String,
    pub admin3: String,
    pub location: String,
    pub latitude: String,
    pub longitude: String,
    pub geo_precision: String,
    pub source: String,
    pub source_scale: String,
    pub notes: String,
    pub fatalities: u32,
    pub cameo: String,
    pub plover: String,
    pub certainty: String,
    pub evidence: String,
}

/// The CSV header, in order.
pub const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "cameo",
    "plover",
    "certainty",
    "evidence",
];

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The day ACLED codes an event on: the day itself, or the middle of a week or month range.
pub fn event_day(e: &Event) -> Option<NaiveDate> {
    let d = e.date.as_ref()?;
    let a = parse_day(&d.range[0])?;
    let b = parse_day(&d.range[1]).filter(|b| *b >= a).unwrap_or(a);
    Some(a + (b - a) / 2)
}

fn long_date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), d.year())
}

fn month_name(m: u32) -> &'static str {
    const M: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    M.get(m.saturating_sub(1) as usize).copied().unwrap_or("")
}

/// "On 6 March 2016", "Around 6 March 2016" (within a week), "In February 2016" (a month or more).
fn date_phrase(e: &Event) -> Option<String> {
    let d = e.date.as_ref()?;
    let day = event_day(e)?;
    Some(match d.time_precision {
        1 => format!("On {}", long_date(day)),
        2 => format!("Around {}", long_date(day)),
        _ => {
            let a = parse_day(&d.range[0])?;
            let b = parse_day(&d.range[1]).unwrap_or(a);
            if a.year() == b.year() && a.month() == b.month() {
                format!("In {} {}", month_name(a.month()), a.year())
            } else if a.year() == b.year() {
                format!(
                    "Between {} and {} {}",
                    month_name(a.month()),
                    month_name(b.month()),
                    a.year()
                )
            } else {
                format!("Between {} and {}", long_date(a), long_date(b))
            }
        }
    })
}

/// What actor1 did, as ACLED's notes phrase it, with `{2}` for actor2 and `{p}` for the place.
fn verb_phrase(sub: &str, has_actor2: bool) -> &'static str {
    match (sub, has_actor2) {
        ("Non-violent transfer of territory", _) => "withdrew from {p}",
        ("Government regains territory", true) => "regained control of {p} from {2}",
        ("Government regains territory", false) => "regained control of {p}",
        ("Non-state actor overtakes territory", true) => "took control of {p} from {2}",
        ("Non-state actor overtakes territory", false) => "took control of {p}",
        ("Armed clash", true) => "clashed with {2} in {p}",
        ("Armed clash", false) => "were involved in clashes in {p}",
        ("Air/drone strike", true) => "carried out air strikes against {2} in {p}",
        ("Air/drone strike", false) => "carried out air strikes in {p}",
        ("Shelling/artillery/missile attack", true) => "shelled {2} in {p}",
        ("Shelling/artillery/missile attack", false) => "shelled {p}",
        ("Suicide bomb", _) => "carried out a suicide bombing in {p}",
        ("Remote explosive/landmine/IED", _) => "detonated an explosive device in {p}",
        ("Grenade", _) => "threw a grenade in {p}",
        ("Chemical weapon", _) => "used chemical weapons in {p}",
        ("Attack", true) => "attacked {2} in {p}",
        ("Attack", false) => "carried out an attack in {p}",
        ("Abduction/forced disappearance", true) => "abducted {2} in {p}",
        ("Abduction/forced disappearance", false) => "abducted people in {p}",
        ("Sexual violence", _) => "committed sexual violence in {p}",
        ("Peaceful protest", _) => "held a protest in {p}",
        ("Protest with intervention", _) => "held a protest in {p} that was broken up",
        ("Excessive force against protesters", _) => {
            "used excessive force against protesters in {p}"
        }
        ("Violent demonstration", _) => "held a violent demonstration in {p}",
        ("Mob violence", _) => "engaged in mob violence in {p}",
        ("Arrests", true) => "arrested {2} in {p}",
        ("Arrests", false) => "made arrests in {p}",
        ("Headquarters or base established", _) => "established a base in {p}",
        ("Looting/property destruction", _) => "looted or destroyed property in {p}",
        ("Disrupted weapons use", _) => "defused or intercepted weapons in {p}",
        ("Agreement", true) => "reached an agreement with {2} in {p}",
        ("Change to group/activity", _) => "changed their activity in {p}",
        (_, true) => "acted against {2} in {p}",
        _ => "were active in {p}",
    }
}

fn place_phrase(e: &Event) -> String {
    match &e.place {
        Some(p) => match p.admin1.as_deref().filter(|a| *a != p.name) {
            Some(a1) => format!("{} ({})", p.name, a1),
            None => p.name.clone(),
        },
        None => "an unspecified location".to_string(),
    }
}

/// ACLED-style notes: "On 6 March 2016, Islamic State withdrew from Rutba (Anbar). ..."
pub fn notes(e: &Event) -> String {
    let actor1 = e
        .actor1
        .as_ref()
        .map(|a| a.name.as_str())
        .unwrap_or("Unidentified actors");
    let actor2 = e.actor2.as_ref().map(|a| a.name.as_str());
    let sub = e.acled_sub_event_type.as_deref().unwrap_or("");
    let mut what = verb_phrase(sub, actor2.is_some()).replace("{p}", &place_phrase(e));
    if let Some(a2) = actor2 {
        what = what.replace("{2}", a2);
    }
    let mut s = match date_phrase(e) {
        Some(d) => format!("{d}, {actor1} {what}."),
        None => format!("{actor1} {what} (date unknown)."),
    };
    match e.fatalities {
        Some(0) | None => {}
        Some(1) => s.push_str(" 1 fatality."),
        Some(n) => s.push_str(&format!(" {n} fatalities.")),
    }
    if let Some(n) = e.injured.filter(|&n| n > 0) {
        s.push_str(&format!(" {n} injured."));
    }
    if let Some(n) = e.arrested.filter(|&n| n > 0) {
        s.push_str(&format!(" {n} arrested."));
    }
    if !e.sources.is_empty() {
        let names: Vec<&str> = e.sources.iter().map(|s| s.name.as_str()).collect();
        s.push_str(&format!(" Reported by {}.", names.join(", ")));
    }
    s.push_str(&format!(" Certainty: {}.", e.certainty.as_str()));
    s
}

fn actor_name(a: &Option<EventActor>) -> String {
    a.as_ref().map(|a| a.name.clone()).unwrap_or_default()
}

/// ACLED's associated-actor cell: the actors' names joined by "; " (empty when none).
fn assoc_names(list: &[EventActor]) -> String {
    let names: Vec<&str> = list.iter().map(|a| a.name.as_str()).collect();
    names.join("; ")
}

fn inter_of(a: &Option<EventActor>) -> u8 {
    a.as_ref().map(|a| inter_code(&a.actor_type)).unwrap_or(0)
}

/// The flat ACLED row of an event.
pub fn row(e: &Event) -> AcledRow {
    let country = e
        .place
        .as_ref()
        .and_then(|p| sitrep_geo::countries::by_iso2(&p.country));
    let iso2 = e
        .place
        .as_ref()
        .map(|p| p.country.clone())
        .unwrap_or_default();
    let iso3 = country.map(|c| c.iso3.clone()).unwrap_or_default();
    let day = event_day(e);
    let event_type = e.acled_event_type.clone().unwrap_or_default();
    let sub = e.acled_sub_event_type.clone().unwrap_or_default();
    let (i1, i2) = (inter_of(&e.actor1), inter_of(&e.actor2));
    let violent = matches!(
        event_type.as_str(),
        "Violence against civilians" | "Explosions/Remote violence" | "Riots"
    );
    let fmt_inter = |i: u8| if i == 0 { String::new() } else { i.to_string() };
    AcledRow {
        event_id_cnty: if iso3.is_empty() {
            e.event_id.clone()
        } else {
            format!("{iso3}-{}", e.event_id)
        },
        event_date: day
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        year: day.map(|d| d.year().to_string()).unwrap_or_default(),
        time_precision: e
            .date
            .as_ref()
            .map(|d| d.time_precision.to_string())
            .unwrap_or_default(),
        disorder_type: disorder_type(&event_type, &sub).to_string(),
        event_type,
        sub_event_type: sub,
        actor1: actor_name(&e.actor1),
        assoc_actor_1: assoc_names(&e.assoc_actor1),
        inter1: fmt_inter(i1),
        actor2: actor_name(&e.actor2),
        assoc_actor_2: assoc_names(&e.assoc_actor2),
        inter2: fmt_inter(i2),
        interaction: match interaction(i1, i2) {
            0 => String::new(),
            n => n.to_string(),
        },
        civilian_targeting: if violent && i2 == 7 {
            "Civilian targeting".into()
        } else {
            String::new()
        },
        iso: iso_numeric(&iso2)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        region: region(&iso2).unwrap_or_default().to_string(),
        country: country.map(|c| c.name.clone()).unwrap_or_default(),
        admin1: e
            .place
            .as_ref()
            .and_then(|p| p.admin1.clone())
            .unwrap_or_default(),
        admin2: e
            .place
            .as_ref()
            .and_then(|p| p.admin2.clone())
            .unwrap_or_default(),
        admin3: String::new(),
        location: e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
        latitude: e
            .place
            .as_ref()
            .map(|p| format!("{:.4}", p.lat))
            .unwrap_or_default(),
        longitude: e
            .place
            .as_ref()
            .map(|p| format!("{:.4}", p.lon))
            .unwrap_or_default(),
        geo_precision: e
            .place
            .as_ref()
            .map(|p| p.geo_precision.to_string())
            .unwrap_or_default(),
        source: e
            .sources
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
        source_scale: source_scale::scale(&e.sources),
        notes: notes(e),
        fatalities: e.fatalities.unwrap_or(0),
        cameo: e.cameo.clone().unwrap_or_default(),
        plover: e.plover.clone().unwrap_or_default(),
        certainty: e.certainty.as_str().to_string(),
        evidence: e.evidence.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(iso_numeric("IQ"), Some(368));
        assert_eq!(iso_numeric("sy"), Some(760));
        assert_eq!(region("IQ"), Some("Middle East"));
        assert_eq!(region("NG"), Some("Western Africa"));
        assert_eq!(region("FR"), Some("Europe"));
        assert_eq!(inter_code("State forces"), 1);
        assert_eq!(inter_code("Rebel group"), 2);
        assert_eq!(inter_code("External/Other forces"), 8);
        assert_eq!(inter_code("Civilians"), 7);
        assert_eq!(interaction(2, 1), 12);
        assert_eq!(interaction(2, 0), 20);
        assert_eq!(
            disorder_type("Battles", "Armed clash"),
            "Political violence"
        );
        assert_eq!(
            disorder_type("Protests", "Peaceful protest"),
            "Demonstrations"
        );
    }
}
