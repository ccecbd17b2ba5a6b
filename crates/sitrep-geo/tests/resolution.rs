//! Resolution on short made-up sentences: alternate names, comma lists, "Washington, D.C.".

use sitrep_geo::{geoparse, Gazetteer, PlaceKind, PlaceMention};
use sitrep_text::{DocMeta, Document};

fn parse(text: &str) -> Vec<PlaceMention> {
    let doc = Document::new(
        DocMeta {
            id: "t".into(),
            ..Default::default()
        },
        text.to_string(),
    );
    geoparse(&doc, &Gazetteer::load().unwrap())
}

fn find<'a>(places: &'a [PlaceMention], text: &str) -> &'a PlaceMention {
    places
        .iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("{text} not found in {places:?}"))
}

#[test]
fn washington_dc_is_one_place() {
    let places = parse("The delegation flew from Chicago to Washington, D.C., on Monday.");
    let dc = find(&places, "Washington, D.C.");
    assert_eq!(dc.geonameid, Some(4140963), "{dc:?}");
    assert!(!places.iter().any(|p| p.text == "D.C."));
}

#[test]
fn a_comma_list_is_not_a_qualifier() {
    let places =
        parse("After stops in Washington, New York and Boston, the prince flew home on Friday.");
    let w = find(&places, "Washington");
    assert_eq!(w.geonameid, Some(4140963), "{w:?}");
    let b = find(&places, "Boston");
    assert_eq!(b.admin1.as_deref(), Some("Massachusetts"), "{b:?}");
}

#[test]
fn a_country_name_is_the_country_not_a_city_alias() {
    let places = parse(
        "MEXICO CITY (AP) Mexico's Senate passed a resolution, officials in Mexico City said.",
    );
    let m = find(&places, "Mexico");
    assert_eq!(m.kind, PlaceKind::Country, "{m:?}");
}

#[test]
fn transliterations_keep_their_place() {
    let places = parse(
        "Syrian government forces retook Palmyra from Islamic State fighters, while air strikes \
         hit Raqqa, the army said in Damascus.",
    );
    let p = find(&places, "Palmyra");
    assert_eq!(p.country, "SY", "{p:?}");
    let r = find(&places, "Raqqa");
    assert_eq!(
        (r.kind, r.country.as_str()),
        (PlaceKind::City, "SY"),
        "{r:?}"
    );
}

#[test]
fn a_possessive_without_its_apostrophe_names_the_country_and_its_town() {
    let places = parse("A car bomb in Syrias Aleppo killed 23 people on Monday.");
    let s = find(&places, "Syria");
    assert_eq!(s.kind, PlaceKind::Country, "{s:?}");
    let a = find(&places, "Aleppo");
    assert_eq!(a.country, "SY", "{a:?}");
}

#[test]
fn a_lower_case_article_continues_a_name() {
    let places =
        parse("Shelling hit Deir az-Zour and Jisr al-Shughour on Monday, killing five people.");
    let dz = find(&places, "Deir az-Zour");
    assert_eq!(dz.admin1.as_deref(), Some("Deir ez-Zor"), "{dz:?}");
    let jisr = find(&places, "Jisr al-Shughour");
    assert_eq!(jisr.admin1.as_deref(), Some("Idlib"), "{jisr:?}");
}

#[test]
fn a_town_and_its_county_vouch_for_each_other() {
    let places = parse(
        "The Anderson County commissioners met in Palestine on Tuesday to discuss the new jail.",
    );
    let p = find(&places, "Palestine");
    assert_eq!(p.admin1.as_deref(), Some("Texas"), "{p:?}");
    let c = find(&places, "Anderson County");
    assert_eq!(c.admin1.as_deref(), Some("Texas"), "{c:?}");
}

#[test]
fn a_region_across_countries_is_not_a_namesake_town() {
    let places = parse(
        "U.S. officials said the new rules would apply to exports to the Middle East, the U.S. \
         Commerce Department said in Washington.",
    );
    let m = find(&places, "Middle East");
    assert_eq!(m.kind, PlaceKind::Region, "{m:?}");
}

#[test]
fn a_nigerian_local_government_area_is_the_division() {
    for text in [
        "Gunmen attacked villages in Guma Local Government Area of Benue State on Monday.",
        "Gunmen attacked villages in Guma LGA of Benue State on Monday.",
    ] {
        let places = parse(text);
        let g = find(&places, "Guma");
        assert_eq!(
            (g.country.as_str(), g.kind),
            ("NG", PlaceKind::Admin2),
            "{g:?}"
        );
    }
}
