//! Word lists the recogniser uses: words that look like place names but rarely are (months, titles,
//! group names), context cues before and after place names, and the embedded table of place names
//! that are also common English words or first names (`data/gazetteer/common_words.tsv`).

use sitrep_text::fxhash::{FxHashMap as HashMap, FxHashSet};
use std::sync::OnceLock;

const COMMON_WORDS_TSV: &str = include_str!("../../../data/gazetteer/common_words.tsv");

/// Folded words never tagged as places on their own (month and weekday names too: `is_stop`).
pub const STOP: &[&str] = &[
    "god",
    "allah",
    "islamic",
    "islam",
    "state",
    "states",
    "president",
    "minister",
    "prime",
    "army",
    "police",
    "government",
    "council",
    "committee",
    "republic",
    "union",
    "coalition",
    "forces",
    "security",
    "office",
    "department",
    "court",
    "university",
    "school",
    "church",
    "mosque",
    "hospital",
    "airport",
    "center",
    "centre",
    "news",
    "post",
    "times",
    "press",
    "agency",
    "reuters",
    "afp",
    "ap",
    "daesh",
    "isis",
    "isil",
    "is",
    "al",
    "el",
    "hezbollah",
    "hamas",
    "taliban",
    "sunni",
    "shiite",
    "shia",
    "kurdish",
    "kurds",
    "kurd",
    "arab",
    "arabs",
    "muslim",
    "muslims",
    "christian",
    "jewish",
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "the",
    "a",
    "an",
    "i",
    "we",
    "he",
    "she",
    "it",
    "they",
    "but",
    "and",
    "or",
    "if",
    "of",
    "in",
    "on",
    "at",
    "as",
    "to",
    "by",
    "for",
    "from",
    "with",
    "this",
    "that",
    "these",
    "there",
    "here",
    "after",
    "before",
    "when",
    "while",
    "no",
    "not",
    "yes",
    "so",
    "all",
    "some",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "sheikh",
    "king",
    "queen",
    "prince",
    "general",
    "colonel",
    "major",
    "captain",
    "sergeant",
    "lieutenant",
    "governor",
    "mayor",
    "senator",
    "secretary",
    "chief",
    "commander",
    "spokesman",
    "spokeswoman",
    "official",
    "officials",
    "national",
    "international",
    "world",
    "global",
    "federal",
    "royal",
    "supreme",
    "democratic",
    "popular",
    "mobilisation",
    "mobilization",
    "brigade",
    "brigades",
    "division",
    "battalion",
    "regiment",
    "front",
    "party",
    "movement",
    "organisation",
    "organization",
    "group",
    "company",
    "corp",
    "inc",
    "bank",
    "street",
    "road",
    "avenue",
    "boulevard",
    "highway",
    "square",
    "park",
    "bridge",
    "hall",
    "house",
    "home",
    "white",
    "black",
    "red",
    "green",
    "blue",
    "media",
    "twitter",
    "facebook",
    "google",
    "internet",
    "television",
    "radio",
    "tv",
    "video",
    "photo",
    "online",
    "christmas",
    "passover",
    "hanukkah",
    "thanksgiving",
    "toyota",
    "honda",
    "dodge",
    "nissan",
    "easter",
    "ramadan",
    "eid",
    "today",
    "tomorrow",
    "yesterday",
    "monday",
    "year",
    "years",
    "day",
    "days",
    "week",
    "month",
    "obama",
    "trump",
    "bush",
    "clinton",
    "putin",
    "assad",
    "erdogan",
    "netanyahu",
    "abadi",
    "maliki",
    "english",
    "arabic",
    "mr.",
    "mrs.",
    "dr.",
    "gen.",
    "st.",
    "mt.",
    "jr.",
    "sr.",
    "inc.",
    "co.",
];

/// Compass words: never a place on their own ("South" of "South Ossetia" is no Southern Province).
pub const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north east",
    "north west",
    "south east",
    "south west",
    "upper",
    "lower",
    "central",
    "middle",
];

/// Common English first names that are also place names: followed by another capitalised
/// word they start a person's name ("Scott Newsham", "Michael Thomas").
const FIRST_NAMES: &str =
    "aaron abbas adam alan albert alex alexander alice allen amanda amber amy andrea andrew \
 angela ann anna anne anthony arthur ashley barbara barry ben benjamin betty beverly bill \
 billy bo bob bobby bonnie brad bradley brandon brenda brian brittany bruce bryan carl carol \
 caroline carolyn carter catherine chad charles charlie cheryl chris christina christine \
 christopher cindy clarence clark connor craig cynthia dale daniel danny david dean debbie \
 deborah debra denise dennis diana diane dillon don donald donna doris dorothy douglas dylan \
 earl edward elaine elizabeth ellen emily emma eric eugene evelyn frances francis frank fred \
 gary george gerald glenn gloria grace greg gregory harold harry heather helen henry howard \
 jack jacob james jane janet janice jason jean jeff jeffrey jennifer jeremy jerry jesse \
 jessica jim jimmy joan joe john johnny jonathan jose joseph joshua joyce juan judith judy \
 julia julie justin karen katherine kathleen kathy keith kelly kenneth kevin kim kimberly kit \
 kyle larry laura lauren lawrence lee leon linda lindsay lisa lois louis lucas luis margaret \
 maria marie marilyn mark martha martin mary matthew megan melissa michael michelle mike \
 nadia nancy nathan nicholas nicole norma pamela patricia patrick paul peggy peter philip \
 phillip rachel ralph randy raymond rebecca richard rick robert roger ronald rose roy russell \
 ruth ryan samantha samuel sandra sara sarah scott sean shannon sharon sheldon shirley sissy \
 stephanie stephen steve steven susan tanner tara teresa terry theresa thomas timothy tina \
 todd tom tony travis trent troy tyler victor vincent virginia walter wayne william willie";

pub fn is_first_name(folded: &str) -> bool {
    static T: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    T.get_or_init(|| FIRST_NAMES.split_whitespace().collect())
        .contains(folded)
}

/// Words after a place name that make it part of a place or an institution named after it
/// ("Lincoln Park", "Dublin City Council"), so a first name before them is no person.
pub const PLACE_NOUNS: &[&str] = &[
    "city",
    "county",
    "parish",
    "park",
    "street",
    "st",
    "st.",
    "avenue",
    "ave",
    "ave.",
    "road",
    "rd",
    "drive",
    "boulevard",
    "lake",
    "river",
    "creek",
    "valley",
    "hills",
    "heights",
    "beach",
    "island",
    "mountain",
    "mountains",
    "falls",
    "springs",
    "village",
    "township",
    "borough",
    "council",
    "police",
    "fire",
    "school",
    "schools",
    "high",
    "university",
    "college",
    "hospital",
    "airport",
    "center",
    "centre",
    "mall",
    "square",
    "bridge",
    "harbor",
    "harbour",
    "port",
    "bay",
    "state",
    "province",
    "district",
    "area",
    "region",
    "memorial",
    "library",
    "church",
];

/// Lower-case words inside names ("Bank of America"): never a surname.
pub const CONNECT_WORD: &[&str] = &["of", "and", "the", "de", "la", "del", "du", "van", "von"];

/// Last words of organisation names.
pub const ORG_NOUNS: &[&str] = &[
    "association",
    "society",
    "institute",
    "foundation",
    "legion",
    "league",
    "academy",
    "act",
    "cross",
    "club",
    "airlines",
    "airways",
    "express",
    "corporation",
    "corp",
    "corp.",
    "company",
    "inc",
    "inc.",
    "co",
    "co.",
    "llc",
    "idol",
    "heritage",
    "history",
    "bar",
    "federation",
    "network",
    "conference",
    "museum",
    "orchestra",
    "bank",
];

/// Titles and words after which a capitalised word is a person's name.
pub const PERSON_BEFORE: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "gen",
    "gen.",
    "col",
    "col.",
    "lt",
    "lt.",
    "maj",
    "maj.",
    "capt",
    "capt.",
    "sgt",
    "sgt.",
    "sen",
    "sen.",
    "rep",
    "rep.",
    "gov",
    "gov.",
    "president",
    "minister",
    "sheikh",
    "king",
    "queen",
    "prince",
    "general",
    "colonel",
    "captain",
    "sergeant",
    "lieutenant",
    "governor",
    "senator",
    "mayor",
    "judge",
    "pope",
    "imam",
    "cleric",
    "commander",
    "spokesman",
    "spokeswoman",
    "coach",
    "officer",
    "detective",
    "deputy",
    "chief",
    "director",
    "professor",
    "brother",
    "sister",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "uncle",
    "aunt",
    "named",
    "dubbed",
];

/// Verbs of saying after which a lone capitalised word is a person, not a place.
pub const PERSON_AFTER: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "wrote",
    "asked",
    "stated",
    "noted",
    "claimed",
    "argued",
    "insisted",
    "announced",
    "tweeted",
    "recalled",
    "admitted",
    "acknowledged",
];

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

/// Zipf frequency in English of a one-word place key that is also a common word or name.
pub fn common_word_zipf(folded: &str) -> Option<f32> {
    static T: OnceLock<HashMap<&'static str, f32>> = OnceLock::new();
    let t = T.get_or_init(|| {
        COMMON_WORDS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, z) = l.split_once('\t')?;
                Some((w, z.trim().parse().ok()?))
            })
            .collect()
    });
    t.get(folded).copied()
}

/// Short month and weekday names ("Jun", "Sat"), places only away from numbers.
pub fn is_date_abbreviation(folded: &str) -> bool {
    matches!(
        folded,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
    )
}

pub fn is_stop(folded: &str) -> bool {
    static T: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    T.get_or_init(|| STOP.iter().copied().collect())
        .contains(folded)
        || sitrep_text::calendar::is_month_or_weekday(folded)
}
