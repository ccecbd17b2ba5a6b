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
