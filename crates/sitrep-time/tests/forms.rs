//! The forms the issue lists, each in a sentence, against a document dated Friday 11 March 2016.

use chrono::NaiveDate;
use sitrep_text::{DocMeta, Document};
use sitrep_time::{annotate, TimeMention};

fn run(text: &str) -> Vec<TimeMention> {
    let published = NaiveDate::from_ymd_opt(2016, 3, 11);
    let doc = Document::new(
        DocMeta {
            id: "t".into(),
            published,
            ..Default::default()
        },
        text.to_string(),
    );
    annotate(&doc, &[])
}

/// The one expression of `text`: (span text, value, mod).
fn one(text: &str) -> (String, String, Option<String>) {
    let t = run(text);
    assert_eq!(t.len(), 1, "{text:?} gave {t:?}");
    (t[0].text.clone(), t[0].value.clone(), t[0].tmod.clone())
}

fn check(text: &str, span: &str, value: &str) {
    let (s, v, _) = one(text);
    assert_eq!((s.as_str(), v.as_str()), (span, value), "in {text:?}");
}

#[test]
fn absolute_dates() {
    check(
        "The attack came on 11 March 2016 in the north.",
        "11 March 2016",
        "2016-03-11",
    );
    check(
        "The attack came on March 11, 2016 in the north.",
        "March 11, 2016",
        "2016-03-11",
    );
    check(
        "The attack came on 2016-03-11 in the north.",
        "2016-03-11",
        "2016-03-11",
    );
    check(
        "Rebels attacked on 02/03/2016 near the border.",
        "02/03/2016",
        "2016-03-02",
    );
    check(
        "Wed 19 Apr 2017: fighting resumed.",
        "Wed 19 Apr 2017",
        "2017-04-19",
    );
    check("Fighting resumed in mid-March.", "mid-March", "2016-03");
    check("The war of the 1990s left scars.", "the 1990s", "199");
    check("Troops arrived on Jan. 5 and left.", "Jan. 5", "2016-01-05");
    check(
        "The town fell in November 2014 to the group.",
        "November 2014",
        "2014-11",
    );
    check("The town fell in 2014 to the group.", "2014", "2014");
    check(
        "The town fell on the 3rd of December.",
        "the 3rd of December",
        "2015-12-03",
    );
}

#[test]
fn weekdays_and_tense() {
    check(
        "The group on Sunday pulled out of Rutba.",
        "Sunday",
        "2016-03-06",
    );
    check(
        "Talks will resume on Monday in Geneva.",
        "Monday",
        "2016-03-14",
    );
    check(
        "It happened last Friday, officials said.",
        "last Friday",
        "2016-03-04",
    );
    check(
        "Talks resume next Tuesday in Geneva.",
        "next Tuesday",
        "2016-03-15",
    );
    check(
        "Clashes erupted on Friday morning.",
        "Friday morning",
        "2016-03-11TMO",
    );
}

#[test]
fn relative_expressions() {
    check("Militants attacked yesterday.", "yesterday", "2016-03-10");
    check(
        "Militants attacked last night.",
        "last night",
        "2016-03-10TNI",
    );
    check(
        "Militants attacked this morning.",
        "this morning",
        "2016-03-11TMO",
    );
    check(
        "Militants attacked earlier this week.",
        "earlier this week",
        "2016-W10",
    );
    check(
        "Militants attacked two days ago.",
        "two days ago",
        "2016-03-09",
    );
    check("Militants attacked last month.", "last month", "2016-02");
    check(
        "Militants have held the town since January.",
        "January",
        "2016-01",
    );
    check(
        "The town was shelled over the weekend.",
        "the weekend",
        "2016-W09-WE",
    );
    check(
        "The town was shelled at the weekend.",
        "the weekend",
        "2016-W09-WE",
    );
    let (s, v, m) = one("They launched a push late last year.");
    assert_eq!(
        (s.as_str(), v.as_str(), m.as_deref()),
        ("late last year", "2015", Some("END"))
    );
    let t = run("Forces have in recent weeks been advancing.");
    assert_eq!(t.len(), 1);
    let r = t[0].range.expect("recent weeks has a range");
    assert!(
        r[0] >= NaiveDate::from_ymd_opt(2016, 1, 15).unwrap()
            && r[1] <= NaiveDate::from_ymd_opt(2016, 3, 11).unwrap()
    );
}

#[test]
fn durations_sets_times() {
    let (s, v, m) = one("Strikes have gone on for more than a year and a half.");
    assert_eq!(
        (s.as_str(), v.as_str(), m.as_deref()),
        ("more than a year and a half", "P1Y6M", Some("MORE_THAN"))
    );
    check("The siege lasted three weeks.", "three weeks", "P3W");
    check(
        "Protesters gather every Friday in the square.",
        "every Friday",
        "XXXX-WXX-5",
    );
    check(
        "The vote was held at 18:00 GMT.",
        "18:00 GMT",
        "2016-03-11T18:00Z",
    );
    check(
        "The curfew starts at 10 p.m. tonight.",
        "10 p.m. tonight",
        "2016-03-11T22:00",
    );
    check("Markets are now closed.", "now", "PRESENT_REF");
    check("The two-year war ended.", "two-year", "P2Y");
    check(
        "The economy shrank for two consecutive quarters.",
        "two consecutive quarters",
        "P2Q",
    );
    check(
        "The deal should be completed in October.",
        "October",
        "2016-10",
    );
}

#[test]
fn unresolved_without_a_date() {
    let doc = Document::new(
        DocMeta {
            id: "t".into(),
            ..Default::default()
        },
        "Militants attacked yesterday and today.".into(),
    );
    let t = annotate(&doc, &[]);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].value, "XXXX-XX-XX");
    assert_eq!(t[1].value, "PRESENT_REF");
    assert!(t.iter().all(|m| m.range.is_none()));
}

#[test]
fn no_false_dates() {
    for text in [
        "The march on the capital began.",
        "Officials said they may leave.",
        "About 2000 soldiers were deployed.",
        "The Arab Spring changed the region.",
        "Prices may fall further.",
        "A quarter of the town was destroyed.",
        "The score was 2-1 after the second half.",
    ] {
        let t = run(text);
        assert!(t.is_empty(), "{text:?} gave {t:?}");
    }
}

#[test]
fn odd_input_does_not_panic() {
    for text in [
        "99999999999999999999 days ago and 1e308 years ago",
        "Q9 2016, the 99th century, 31/02/2016, 2016-13-45, 00/00/00, 24:99 UTC",
        "'99s '' ` — – - , . 12:",
        "Friday 31/31/2016 and Sun 0 Jan 0",
        "",
        "the",
        "every",
        "mid-",
        "in recent",
        "at 12",
        "Qé 2016 qé",
        "5000 years ago 4999 decades ago",
    ] {
        let _ = run(text);
        let doc = Document::new(DocMeta::default(), text.to_string());
        let _ = annotate(&doc, &[]);
        let _ = sitrep_time::dateline_date(&doc);
    }
}

#[test]
fn zones_and_names() {
    check(
        "The plane landed at 6:40 p.m. (GMT +8).",
        "6:40 p.m. (GMT +8)",
        "2016-03-11T10:40Z",
    );
    check(
        "It took off at 12:30 EST.",
        "12:30 EST",
        "2016-03-11T17:30Z",
    );
    check(
        "It took off at 23:30 EST.",
        "23:30 EST",
        "2016-03-12T04:30Z",
    );
    check(
        "The vote closes at 18:00 UTC.",
        "18:00 UTC",
        "2016-03-11T18:00Z",
    );
    assert!(run("The China Daily newspaper reported it as soon as possible.").is_empty());
    assert!(run("The tankers are known as KC-30s in Australia.").is_empty());
    check(
        "The economy shrank for two consecutive quarters of the year.",
        "two consecutive quarters",
        "P2Q",
    );
    check("GM's move comes a day after Chrysler's.", "a day", "P1D");
    let t = run("It would take between 60 and 90 days.");
    let got: Vec<(&str, &str)> = t
        .iter()
        .map(|m| (m.text.as_str(), m.value.as_str()))
        .collect();
    assert_eq!(got, [("60", "P60D"), ("90 days", "P90D")]);
    let t = run("Sales of $300 million a year.");
    assert_eq!(
        (t[0].value.as_str(), t[0].ttype),
        ("P1Y", sitrep_time::TimeType::Set),
        "{t:?}"
    );
    check("In the late 1980's the firm grew.", "late 1980's", "198");
    check(
        "The price of $89, which was set on October 18, fell.",
        "October 18",
        "2015-10-18",
    );
    check("Workers earn $28 an hour there.", "an hour", "PT1H");
    let t = run("It launched the iPod in 2001 and the following year a new system.");
    assert_eq!(t[1].value, "2002", "{t:?}");
    let t = run("Shares fell on Tuesday. By the following day the theory was dropped.");
    assert_eq!(t[1].value, "2016-03-09", "{t:?}");
    assert!(run("The Russell 2000 Index of smaller companies dropped.").is_empty());
    check("It was the worst single-day decline.", "single-day", "P1D");
    check(
        "He spoke of a decades-long dispute.",
        "decades-long",
        "PXDE",
    );
    check("It happens every single day.", "every single day", "P1D");
    let t =
        run("It lost $1 billion in the fourth quarter of 2005 and $8 billion for the entire year.");
    assert_eq!(t[1].value, "2005", "{t:?}");
    let t = run("Costs fell to $118 billion in 2009, $19 billion less than the year previous.");
    assert_eq!(t[1].value, "2008", "{t:?}");
    let t = run("Shares rose on Tuesday but fell late in the day.");
    assert_eq!(
        (t[1].text.as_str(), t[1].value.as_str()),
        ("late in the day", "2016-03-08"),
        "{t:?}"
    );
    let t = run("The shares peaked on 10 June 2011. At that time the index was high.");
    assert_eq!(
        (t[1].text.as_str(), t[1].value.as_str()),
        ("that time", "2011-06-10"),
        "{t:?}"
    );
    assert!(run("He said that time was short.").is_empty());
    check(
        "An expected announcement of February unemployment data could move markets.",
        "February",
        "2016-02",
    );
    check(
        "He concluded that one day the country might return to growth.",
        "one day",
        "FUTURE_REF",
    );
    check("The index fell 679 points in one day.", "one day", "P1D");
    check(
        "They will build the fuel-efficient cars of tomorrow.",
        "tomorrow",
        "FUTURE_REF",
    );
}

#[test]
fn calendar_words_in_names_are_not_times() {
    for text in [
        "Thousands joined the March for Our Lives rally.",
        "The Long March ended in Yan'an.",
        "Sue Gray met April Ryan and June Carter.",
        "Mr. August Wilson wrote plays.",
        "The October Revolution shaped Russia.",
        "The Sunday Times reported the raid.",
        "The Summer Palace was hit.",
        "The fall of Aleppo was a turning point.",
        "Officials say the Arab Spring changed the region.",
        "Theresa May spoke to reporters. Confidence in May is low.",
    ] {
        let t = run(text);
        assert!(t.is_empty(), "{text:?} gave {t:?}");
    }
    // "May" the month after a word that introduces a time.
    check("The talks will resume in May.", "May", "2016-05");
    check("The town fell in early May.", "early May", "2015-05");
    check(
        "By the end of May, troops had left.",
        "the end of May",
        "2015-05",
    );
    // A named day of history, not the latest Monday.
    check(
        "Markets recalled Black Monday.",
        "Black Monday",
        "1987-10-19",
    );
    check(
        "Every Friday protesters gather.",
        "Every Friday",
        "XXXX-WXX-5",
    );
    check("New Year's Eve was quiet.", "New Year's Eve", "2015-12-31");
}

#[test]
fn comparisons_and_streaks() {
    let t = run("Sales fell 35% in February, compared to the same month a year ago.");
    assert_eq!(
        (t[1].text.as_str(), t[1].value.as_str()),
        ("the same month a year ago", "2015-02"),
        "{t:?}"
    );
    let t = run(
        "It lost money in the third quarter of 2015. In the same period a year earlier, it gained.",
    );
    assert_eq!(t[1].value, "2014-Q3", "{t:?}");
    check(
        "Sales rose 5% from the same period last year.",
        "the same period last year",
        "2015",
    );
    check(
        "Trading was suspended for a second consecutive day.",
        "a second consecutive day",
        "2016-03-11",
    );
    check(
        "Stocks rose for the fourth week in a row.",
        "the fourth week",
        "2016-W10",
    );
}

#[test]
fn vague_and_comparative_forms() {
    check(
        "They met at ten o'clock.",
        "ten o'clock",
        "2016-03-11T10:00",
    );
    let t = run(
        "Profit was $5 million in the fourth quarter of 2015, up from $3 million a year earlier.",
    );
    assert_eq!(
        (t[1].text.as_str(), t[1].value.as_str()),
        ("a year earlier", "2014-Q4"),
        "{t:?}"
    );
    check(
        "Profit rose from the year-earlier period.",
        "the year-earlier period",
        "2015",
    );
    check(
        "Talks resume in the coming weeks.",
        "the coming weeks",
        "PXW",
    );
    check(
        "A few years ago the town was calm.",
        "A few years ago",
        "PAST_REF",
    );
    check(
        "Sales will rise in the second half of the year.",
        "the second half of the year",
        "2016-H2",
    );
    assert!(run("They plan to buy jets for later delivery.").is_empty());
}

#[test]
fn parts_of_written_days_and_named_dates() {
    check(
        "On the night of March 5, shelling resumed.",
        "the night of March 5",
        "2016-03-05TNI",
    );
    check(
        "Security rose after the September 11 attacks.",
        "September 11",
        "2001-09-11",
    );
    check(
        "The group aims to retake the city by summer.",
        "summer",
        "2016-SU",
    );
}

#[test]
fn superlative_units_and_ranks() {
    let t = run("Stocks had their best week since November.");
    assert_eq!(
        (t[0].text.as_str(), t[0].value.as_str()),
        ("week", "2016-W10"),
        "{t:?}"
    );
    assert!(run("Critics attacked their most recent model.").is_empty());
}

#[test]
fn programme_and_paper_names() {
    for text in [
        "USA Today reported the raid.",
        "He appeared on the Today show.",
        "He said on CBS's 60 Minutes that it failed.",
    ] {
        let t = run(text);
        assert!(t.is_empty(), "{text:?} gave {t:?}");
    }
    check("The army advanced today.", "today", "2016-03-11");
    // A headline in title case: capitals tell no names.
    check("Talks Resume In April After Long Delay", "April", "2016-04");
}

#[test]
fn quarters_in_past_narrative() {
    // Said in March 2016: a quarter not yet begun, told in the past tense, is last year's.
    check(
        "Profit was $5 million in the third quarter.",
        "the third quarter",
        "2015-Q3",
    );
    check(
        "Profit will rise in the third quarter.",
        "the third quarter",
        "2016-Q3",
    );
}

#[test]
fn weeks_of_a_month() {
    // The ISO week holding the month's last (or n-th) Thursday.
    check(
        "Sales rebounded in the last week of February.",
        "the last week of February",
        "2016-W08",
    );
    check(
        "It snowed in the second week of January 2015.",
        "the second week of January 2015",
        "2015-W02",
    );
}

#[test]
fn ends_of_units_and_week_comparisons() {
    let (s, v, m) = one("He will retire at the end of the month.");
    assert_eq!(
        (s.as_str(), v.as_str(), m.as_deref()),
        ("the end of the month", "2016-03", Some("END"))
    );
    let t = run("The stock closed at $45 on Monday, down from $50 a week earlier.");
    assert_eq!(
        (t[1].text.as_str(), t[1].value.as_str()),
        ("a week earlier", "2016-W09"),
        "{t:?}"
    );
    check("But spring shows signs of hope.", "spring", "2016-SP");
    assert!(run("Water began to spring from the rocks.").is_empty());
}

#[test]
fn fractions_and_centuries() {
    check(
        "It lasted a quarter of a century.",
        "a quarter of a century",
        "P25Y",
    );
    check(
        "The rivalry spans a half-century.",
        "a half-century",
        "P50Y",
    );
    check(
        "Over the past half century it grew.",
        "the past half century",
        "P50Y",
    );
    check("It ended in the 1800s.", "the 1800s", "18");
    check("It began in the 2000s.", "the 2000s", "200");
    assert!(run("A quarter of the staff left.").is_empty());
}
