//! Unit tests of the fatalities counter: ACLED's conservative figures, tolls tied to their verb.

use super::*;
use sitrep_text::DocMeta;

fn c(text: &str) -> Counts {
    let doc = Document::new(
        DocMeta {
            id: "t".into(),
            ..Default::default()
        },
        text.to_string(),
    );
    counts_in(&doc, Span::new(0, doc.char_len()))
}
fn f(text: &str) -> Option<u32> {
    c(text).fatalities
}

#[test]
fn headline_verbs_and_dates() {
    assert_eq!(
        f("ISIL terrorists massacre 250 Syrian troops in Raqqa."),
        Some(250)
    );
    assert_eq!(f("ISIL claims beheading of 18 Syrians."), Some(18));
    assert_eq!(
        f("Twin blasts target a checkpoint, claim 4 martyrs."),
        Some(4)
    );
    // The nearer verb governs: 33 killed, 10 captured.
    assert_eq!(
        f("Syrian Army kills 33 Fateh Al Sham Terrorist Captured 10 in Rural Daraa."),
        Some(33)
    );
    // A headline's list of tolls.
    let k = c("04-06-2016 40 Civilians Killed 100 Injured in New Rocket Attacks.");
    assert_eq!((k.fatalities, k.injured), (Some(40), Some(100)));
    // A date written with dashes is not a toll.
    assert_eq!(
        f("27-07-2016 Syria Dozens Martyred Injured in an attack."),
        Some(12)
    );
    // "killed and a nurse wounded": the shared verb does not outrank the nurse's own.
    assert_eq!(
        f("Five medics were killed and a nurse critically wounded."),
        Some(5)
    );
}

#[test]
fn a_vague_toll_gives_way_to_a_precise_one() {
    let doc = Document::new(
        DocMeta::default(),
        "Scores of civilians were killed on Saturday in Aleppo. At least 51 civilians \
         including four children were killed in air raids on Saturday."
            .to_string(),
    );
    let first = doc.sentences[0].span;
    assert!(vague_toll(&doc, first));
    let precise = |s: Span| !vague_toll(&doc, s);
    assert_eq!(context_fatalities(&doc, first, precise), Some(51));
}

#[test]
fn acled_conservative_figures() {
    assert_eq!(f("At least 5 people were killed in the strike."), Some(5));
    assert_eq!(f("Dozens of fighters were killed."), Some(12));
    assert_eq!(f("Dozens were killed in the fighting."), Some(12));
    assert_eq!(f("Hundreds died in the siege."), Some(100));
    assert_eq!(f("A dozen civilians were killed."), Some(12));
    assert_eq!(f("Between 10 and 15 people were killed."), Some(10));
    assert_eq!(f("The raid killed 10 to 15 people."), Some(10));
    assert_eq!(f("The raid left 10-15 dead."), Some(10));
    assert_eq!(f("Six soldiers died."), Some(6));
    assert_eq!(
        f("At least 17 people most members of Syrian opposition groups were killed in a blast."),
        Some(17)
    );
    assert_eq!(
        f("Strikes killed 47 people most of them civilians and wounded dozens more."),
        Some(47)
    );
    assert_eq!(
        f("A hospital director said the death toll from the strikes was 45."),
        Some(45)
    );
    assert_eq!(f("The toll of wounded from the strikes was 45."), None);
    assert_eq!(f("Troops eliminated 20 militants near the town."), Some(20));
    assert_eq!(f("Twenty-three people were killed."), Some(23));
    assert_eq!(
        f("The bomb exploded, killing six people and injuring 32."),
        Some(6)
    );
    assert_eq!(
        c("The bomb exploded, killing six people and injuring 32.").injured,
        Some(32)
    );
    assert_eq!(
        f("The death toll rose to 15 after 9 people were killed on Monday."),
        Some(15)
    );
    assert_eq!(f("Four bodies were found."), Some(4));
    assert_eq!(f("The clashes left 22 dead."), Some(22));
    assert_eq!(f("Suicide bomber kills 4 in Assad clans hometown"), Some(4));
    assert_eq!(f("The strike killed 5 civilians and 3 soldiers."), Some(8));
    assert_eq!(
        f("Six civilians including a child were among at least 22 people killed in strikes."),
        Some(22)
    );
    assert_eq!(f("A civilian was killed by a sniper."), Some(1));
    assert_eq!(
        f("58 killed in gas attack. Dozens of people have been killed in Idlib."),
        Some(58)
    );
    assert_eq!(
        f("Raids kill 31 jihadists in Raqa NGO At least 31 Islamic State militants were killed."),
        Some(31)
    );
    assert_eq!(
        f("At least 11 civilians including three children were killed in barrel bomb attacks."),
        Some(11)
    );
    assert_eq!(
        f("The fighting claimed the lives of 129 loyalists and 116 rebels."),
        Some(245)
    );
    assert_eq!(
        f("At least 70 regime and rebel fighters have been killed."),
        Some(70)
    );
    assert_eq!(f("Two soldiers and three civilians were killed."), Some(5));
    assert_eq!(f("A blast killed 38 soldiers, the monitor said, in a week when bombardment of rebel areas left 43 civilians dead."), Some(38));
    assert_eq!(c("Police arrested 12 protesters.").arrested, Some(12));
    assert_eq!(f("Police arrested 12 protesters."), None);
}

#[test]
fn ignores_unrelated_numbers() {
    assert_eq!(
        f("The town lies about 390 kilometres west of Baghdad."),
        None
    );
    assert_eq!(
        f("More than 230000 people have been killed in Syria since the conflict began."),
        None
    );
    assert_eq!(f("In 2015 the army entered the town."), None);
    assert_eq!(
        f("September 24 2016 Ninety-two civilians were killed."),
        Some(92)
    );
    assert_eq!(f("Five gunmen killed a policeman."), Some(1));
    assert_eq!(f("Nobody was hurt."), None);
    assert_eq!(
        f("The conflict has killed more than 280000 people and displaced millions."),
        None
    );
    assert_eq!(
        f("More than 210000 people have died in the Syrian conflict."),
        None
    );
    assert_eq!(f(""), None);
}

#[test]
fn only_the_clause() {
    let text = "Gunmen killed 3 people in Homs. A blast killed 7 in Aleppo.";
    let doc = Document::new(DocMeta::default(), text.to_string());
    assert_eq!(counts_in(&doc, Span::new(0, 31)).fatalities, Some(3));
    assert_eq!(
        counts_in(&doc, Span::new(32, text.len())).fatalities,
        Some(7)
    );
}
