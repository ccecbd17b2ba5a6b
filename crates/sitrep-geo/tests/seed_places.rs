//! The seed article (read from /work/shared, never copied): every required gold place found within
//! tolerance, "Hit" as the town, and nothing else tagged as a place (flagged demonyms aside).

use sitrep_geo::{geoparse, haversine_km, Gazetteer};
use sitrep_text::{DocMeta, Document};

#[test]
fn seed_places() {
    let root = std::path::Path::new("/work/shared/seed");
    let (Ok(text), Ok(gold)) = (
        std::fs::read_to_string(root.join("article.txt")),
        std::fs::read_to_string(root.join("gold.json")),
    ) else {
        eprintln!("skipping: /work/shared/seed absent");
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).unwrap();
    let doc = Document::new(
        DocMeta {
            id: "seed".into(),
            ..Default::default()
        },
        text.trim_start_matches('\u{feff}').to_string(),
    );
    let gaz = Gazetteer::load().unwrap();
    let places = geoparse(&doc, &gaz);
    for p in &places {
        eprintln!(
            "{:>5}-{:<5} {:<16} {:<24} {:?} {} {:?} ({:.2},{:.2}) conf {:.2}{}",
            p.start,
            p.end,
            p.text,
            p.name,
            p.kind,
            p.country,
            p.admin1,
            p.lat,
            p.lon,
            p.confidence,
            if p.demonym { " demonym" } else { "" }
        );
    }
    let gold_places = gold["places"].as_array().unwrap();
    let mut matched = vec![false; places.len()];
    let mut missing = Vec::new();
    for g in gold_places {
        let mention = g["mention"].as_str().unwrap();
        let tol = g["tolerance_km"].as_f64().unwrap_or(25.0);
        // Any occurrence, case-insensitively (the dateline writes "BAGHDAD").
        let lower_text = text.to_lowercase();
        let occurrences: Vec<(usize, usize)> = lower_text
            .match_indices(&mention.to_lowercase())
            .map(|(b, m)| {
                (
                    lower_text[..b].chars().count(),
                    lower_text[..b].chars().count() + m.chars().count(),
                )
            })
            .collect();
        let mut found = false;
        for (i, p) in places.iter().enumerate() {
            if p.demonym || !occurrences.iter().any(|&(s, e)| p.start < e && s < p.end) {
                continue;
            }
            matched[i] = true;
            let ok = match (g["lat"].as_f64(), g["lon"].as_f64()) {
                (Some(lat), Some(lon)) => haversine_km(lat, lon, p.lat, p.lon) <= tol,
                _ => true,
            };
            found |= ok;
        }
        if !found && g["required"].as_bool() == Some(true) {
            missing.push(mention.to_string());
        }
    }
    let extra: Vec<String> = places
        .iter()
        .zip(&matched)
        .filter(|(p, m)| !**m && !p.demonym)
        .map(|(p, _)| p.text.clone())
        .collect();
    assert!(
        missing.is_empty(),
        "required places missing or too far: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "places tagged that are not in gold: {extra:?}"
    );
}
