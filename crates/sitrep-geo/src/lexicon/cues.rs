//! Context cues of place names: words before them ("in", "near"), nouns with "of" ("the town of"),
//! and the kind of place a following or preceding word asks for ("Anbar province").

/// Words before a place name that mark it as a place ("in Hit", "towards Al-Qaim").
pub const CUE_BEFORE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "to",
    "toward",
    "towards",
    "into",
    "outside",
    "around",
    "across",
    "through",
    "via",
    "inside",
    "within",
    "between",
    "nearby",
    "throughout",
    "beyond",
    "entered",
    "reached",
    "recaptured",
    "retook",
    "captured",
    "seized",
    "besieged",
    "liberated",
    "stormed",
    "shelled",
    "bombed",
    "visited",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "downtown",
    "suburban",
    "rural",
    "neighbouring",
    "neighboring",
    "occupied",
    "flooded",
];

/// Nouns that, followed by "of", introduce a place name ("the town of Hit", "north of Baghdad").
pub const CUE_OF: &[&str] = &[
    "town",
    "city",
    "village",
    "province",
    "region",
    "district",
    "area",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "capital",
    "governorate",
    "county",
    "state",
    "suburb",
    "suburbs",
    "neighbourhood",
    "neighborhood",
    "heart",
    "centre",
    "center",
    "edge",
    "port",
    "streets",
    "residents",
    "mayor",
    "governor",
    "people",
    "citizens",
    "parts",
    "part",
    "west",
    "border",
    "municipality",
    "parish",
    "island",
    "islands",
    "coast",
    "shores",
    "banks",
    "valley",
    "countryside",
    "kingdom",
    "republic",
    "communities",
    "community",
    "hills",
    "south-east",
    "north-east",
    "south-west",
    "north-west",
    "gates",
    "siege",
    "battle",
    "fall",
    "recapture",
    "liberation",
    "invasion",
];

/// What a following word says about the kind of place ("Anbar province", "Rapides Parish").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindHint {
    Admin1,
    Admin2,
    City,
    Water,
}

pub fn suffix_hint(folded: &str) -> Option<KindHint> {
    Some(match folded {
        "province" | "provinces" | "governorate" | "state" | "region" | "oblast" | "prefecture"
        | "provincial" => KindHint::Admin1,
        "county" | "parish" | "district" | "borough" | "municipality" | "township" | "counties" => {
            KindHint::Admin2
        }
        "city" | "town" | "village" | "neighbourhood" | "neighborhood" => KindHint::City,
        "river" | "lake" | "sea" | "dam" => KindHint::Water,
        _ => return None,
    })
}

pub fn of_hint(folded: &str) -> Option<KindHint> {
    Some(match folded {
        "province" | "governorate" | "state" | "region" => KindHint::Admin1,
        "county" | "parish" | "district" | "municipality" => KindHint::Admin2,
        "town" | "city" | "village" | "suburb" | "neighbourhood" | "neighborhood" | "port" => {
            KindHint::City
        }
        _ => return None,
    })
}
