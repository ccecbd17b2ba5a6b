//! Names of months and weekdays as folded words, shared by every stage that must tell them from
//! places, people or ordinary words ("March", "Sunday", "Sat 04 Oct").

/// Full month names, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Common month abbreviations (without their dot).
pub const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Full weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Common weekday abbreviations (without their dot).
pub const WEEKDAY_ABBREVIATIONS: &[&str] = &[
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
];

/// Month number (1–12) of a folded month name or abbreviation ("march", "sept").
pub fn month_number(folded: &str) -> Option<u32> {
    number_of(folded, &MONTHS, MONTH_ABBREVIATIONS)
}

/// ISO weekday number (Monday = 1 … Sunday = 7) of a folded weekday name or abbreviation.
pub fn weekday_number(folded: &str) -> Option<u32> {
    number_of(folded, &WEEKDAYS, WEEKDAY_ABBREVIATIONS)
}

/// 1-based position of a full name, or of the one full name an abbreviation begins.
fn number_of(folded: &str, names: &[&str], abbreviations: &[&str]) -> Option<u32> {
    let i = names.iter().position(|n| *n == folded).or_else(|| {
        abbreviations
            .contains(&folded)
            .then(|| names.iter().position(|n| n.starts_with(folded)))
            .flatten()
    })?;
    Some(i as u32 + 1)
}

/// A full month or weekday name ("march", "sunday").
pub fn is_month_or_weekday(folded: &str) -> bool {
    MONTHS.contains(&folded) || WEEKDAYS.contains(&folded)
}

/// A month or weekday name, full or abbreviated ("mar", "sat").
pub fn is_calendar_word(folded: &str) -> bool {
    is_month_or_weekday(folded)
        || MONTH_ABBREVIATIONS.contains(&folded)
        || WEEKDAY_ABBREVIATIONS.contains(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_names_and_abbreviations() {
        assert_eq!(month_number("january"), Some(1));
        assert_eq!(month_number("sept"), Some(9));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("ma"), None);
        assert_eq!(weekday_number("thurs"), Some(4));
        assert_eq!(weekday_number("sunday"), Some(7));
        assert_eq!(weekday_number("t"), None);
        for (i, m) in MONTHS.iter().enumerate() {
            assert_eq!(month_number(m), Some(i as u32 + 1));
        }
        for a in MONTH_ABBREVIATIONS {
            assert!(month_number(a).is_some(), "{a}");
        }
        for a in WEEKDAY_ABBREVIATIONS {
            assert!(weekday_number(a).is_some(), "{a}");
        }
    }
}
