//! ACLED's precision codes. `geo_precision`: 1 the town itself, 2 near a town / its outskirts /
//! a district or sub-region of it, 3 a province, a region or a natural feature (river, lake,
//! desert). `time_precision`: 1 a day, 2 a span within a week, 3 a month or coarser.

use chrono::NaiveDate;
use sitrep_text::{Document, Span};

/// Words before a place that make the location approximate ("near Hit", "the outskirts of Homs").
const NEAR: &[&str] = &[
    "near",
    "nearby",
    "outskirts",
    "outside",
    "around",
    "vicinity",
    "close",
    "countryside",
    "suburbs",
    "suburb",
    "district",
    "districts",
    "neighbourhood",
    "neighborhood",
    "neighbourhoods",
    "neighborhoods",
    "area",
    "areas",
    "environs",
    "surrounding",
    "east",
    "west",
    "north",
    "south",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "eastern",
    "western",
    "northern",
    "southern",
    "kilometres",
    "kilometers",
    "km",
    "miles",
    "rural",
    "countryside",
    "villages",
    "edge",
    "fringes",
];

/// ACLED geo_precision of a place of kind `kind` ("city", "admin2", "admin1", "country", "water",
/// "region", "other") mentioned at `place` in `doc`, from its kind and the words just before it.
pub fn geo_precision(doc: &Document, kind: &str, place: Span) -> u8 {
    let base = match kind {
        "city" | "other" => 1,
        "admin2" => 2,
        _ => 3, // admin1, country, water, region
    };
    if base >= 2 {
        return base;
    }
    // Up to four words before the place: "on the outskirts of", "20 km west of", "near".
    let i = doc.token_at_or_after(place.start);
    let from = i.saturating_sub(4);
    let sentence_start = doc
        .sentence_at(place.start)
        .map(|s| doc.sentences[s].span.start)
        .unwrap_or(0);
    let approximate = doc.tokens[from..i]
        .iter()
        .filter(|t| t.span.start >= sentence_start)
        .any(|t| NEAR.contains(&t.norm.as_str()));
    // "Homs countryside", "Aleppo province" after the name.
    let after = doc
        .tokens
        .get(doc.token_at_or_after(place.end))
        .map(|t| t.norm.as_str())
        .unwrap_or("");
    let region_after = matches!(
        after,
        "countryside"
            | "province"
            | "governorate"
            | "region"
            | "district"
            | "outskirts"
            | "suburbs"
    );
    if region_after && matches!(after, "province" | "governorate" | "region") {
        3
    } else if approximate || region_after {
        2
    } else {
        1
    }
}

/// ACLED time_precision of a date range: 1 a single day, 2 up to a week, 3 longer.
pub fn time_precision(range: [NaiveDate; 2]) -> u8 {
    let days = (range[1] - range[0]).num_days();
    if days <= 0 {
        1
    } else if days < 7 {
        2
    } else {
        3
    }
}

/// `time_precision` of ISO strings ("2016-03-06"); 3 when they do not parse.
pub fn time_precision_str(range: &[String; 2]) -> u8 {
    let p = |s: &str| {
        s.get(..10)
            .and_then(|x| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok())
    };
    match (p(&range[0]), p(&range[1])) {
        (Some(a), Some(b)) => time_precision([a, b]),
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_text::DocMeta;

    fn gp(text: &str, place: &str, kind: &str) -> u8 {
        let doc = Document::new(DocMeta::default(), text.to_string());
        let b = text.find(place).unwrap();
        let s = text[..b].chars().count();
        geo_precision(&doc, kind, Span::new(s, s + place.chars().count()))
    }

    #[test]
    fn geo() {
        assert_eq!(gp("IS pulled out of Rutba on Sunday.", "Rutba", "city"), 1);
        assert_eq!(gp("Clashes erupted near Hit on Sunday.", "Hit", "city"), 2);
        assert_eq!(gp("Shelling hit the outskirts of Homs.", "Homs", "city"), 2);
        assert_eq!(
            gp("Air strikes hit 20 km west of Raqqa.", "Raqqa", "city"),
            2
        );
        assert_eq!(
            gp("Air strikes hit the Homs countryside.", "Homs", "city"),
            2
        );
        assert_eq!(gp("Fighting in Anbar province.", "Anbar", "admin1"), 3);
        assert_eq!(
            gp("Fighting around Lake Tharthar.", "Lake Tharthar", "water"),
            3
        );
    }

    #[test]
    fn time() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(time_precision([d("2016-03-06"), d("2016-03-06")]), 1);
        assert_eq!(time_precision([d("2016-03-05"), d("2016-03-06")]), 2);
        assert_eq!(time_precision([d("2016-02-01"), d("2016-02-29")]), 3);
        assert_eq!(
            time_precision_str(&["2016-02-01".into(), "2016-02-29".into()]),
            3
        );
        assert_eq!(time_precision_str(&["x".into(), "y".into()]), 3);
    }
}
