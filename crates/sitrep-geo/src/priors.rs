//! Priors of resolution that need no document context: a place's kind against the mention's
//! kind hint ("Anbar province"), the countries' capitals, and how a place's name fits the
//! mention's key (its own name or an alternate one; a county named without "County").

use crate::countries;
use crate::index::{Gazetteer, PlaceKind, Rec};
use crate::lexicon::KindHint;
use sitrep_text::fxhash::FxHashSet as HashSet;
use std::sync::OnceLock;

pub(crate) fn kind_score(kind: PlaceKind, hint: Option<KindHint>, is_country_name: bool) -> f64 {
    let base = match kind {
        PlaceKind::Country => {
            if is_country_name {
                3.0
            } else {
                0.0
            }
        }
        PlaceKind::Admin1 => 0.5,
        PlaceKind::Admin2 => 0.2,
        PlaceKind::City => 0.0,
        PlaceKind::Water | PlaceKind::Region => 1.5,
        PlaceKind::Other => -1.0,
    };
    let h = match (hint, kind) {
        (Some(KindHint::Admin1), PlaceKind::Admin1) => 6.0,
        (Some(KindHint::Admin1), PlaceKind::Admin2) => 3.0,
        (Some(KindHint::Admin1), _) => -3.0,
        (Some(KindHint::Admin2), PlaceKind::Admin2) => 6.0,
        (Some(KindHint::Admin2), PlaceKind::Admin1) => 2.0,
        (Some(KindHint::Admin2), _) => -3.0,
        (Some(KindHint::City), PlaceKind::City) => 2.0,
        (Some(KindHint::City), PlaceKind::Admin1 | PlaceKind::Admin2) => -2.0,
        (Some(KindHint::Water), PlaceKind::Water) => 5.0,
        _ => 0.0,
    };
    base + h
}

/// The name is the place's own (not one of its alternate names): "Washington" is
/// "Washington, D.C."'s own name, not Mexico City's "Mexico".
pub(crate) fn own_name(gaz: &Gazetteer, r: &Rec, key: &str) -> bool {
    let name = gaz.name_of(r.idx);
    let head = name.split(',').next().unwrap_or(name);
    sitrep_text::fold(name) == key || sitrep_text::fold(head) == key
}

/// GeoNames ids of the countries' capitals.
pub(crate) fn capitals() -> &'static HashSet<u32> {
    static T: OnceLock<HashSet<u32>> = OnceLock::new();
    T.get_or_init(|| {
        countries::all()
            .iter()
            .filter_map(|c| c.capital_geonameid)
            .collect()
    })
}

/// "DeKalb" for DeKalb County: a division reached by its bare name, without the
/// "County"/"Parish" its own name carries, is rarely what the text means.
pub(crate) fn bare_division(gaz: &Gazetteer, r: &Rec, key: &str) -> bool {
    if r.kind != PlaceKind::Admin2 {
        return false;
    }
    let name = sitrep_text::fold(gaz.name_of(r.idx));
    ["county", "parish", "borough", "district", "municipality"]
        .iter()
        .any(|w| name.ends_with(w) && !key.ends_with(w))
}
