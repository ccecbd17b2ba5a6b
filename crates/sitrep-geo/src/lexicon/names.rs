//! Words around person and organisation names, which tell a place name from a name that only
//! contains one: first names, titles and verbs of saying around people, the nouns that end
//! organisation and place names, and the connecting words inside names.

use sitrep_text::fxhash::FxHashSet;
use std::sync::OnceLock;

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
