//! English cardinal number words as folded words ("three", "nineteen", "forty", "twenty three"),
//! shared by the stages that read counts and durations written in words (fatalities, times).

/// Zero to nineteen, by value.
const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// Twenty to ninety, by tens (index 2 is "twenty").
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of one cardinal word, zero to ninety ("seven" → 7, "forty" → 40).
pub fn cardinal(folded: &str) -> Option<u32> {
    if let Some(i) = UNITS.iter().position(|u| *u == folded) {
        return Some(i as u32);
    }
    TENS.iter()
        .position(|t| !t.is_empty() && *t == folded)
        .map(|i| i as u32 * 10)
}

/// The value of a cardinal written in one or two words, zero to ninety-nine: "seven", "forty",
/// "twenty three" (the folded form of "twenty-three").
pub fn cardinal_phrase(folded: &str) -> Option<u32> {
    if let Some(n) = cardinal(folded) {
        return Some(n);
    }
    let (tens, unit) = folded.split_once(' ')?;
    let t = cardinal(tens).filter(|t| *t >= 20 && t % 10 == 0)?;
    let u = cardinal(unit).filter(|u| (1..10).contains(u))?;
    Some(t + u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_compounds() {
        assert_eq!(cardinal("zero"), Some(0));
        assert_eq!(cardinal("nineteen"), Some(19));
        assert_eq!(cardinal("ninety"), Some(90));
        assert_eq!(cardinal("hundred"), None);
        assert_eq!(cardinal(""), None);
        assert_eq!(cardinal_phrase("twenty three"), Some(23));
        assert_eq!(cardinal_phrase("twenty"), Some(20));
        assert_eq!(cardinal_phrase("twenty ten"), None);
        assert_eq!(cardinal_phrase("seven three"), None);
        assert_eq!(cardinal_phrase("twenty three four"), None);
    }
}
