//! Tense cues for the matcher: whether the words before an expression put it in the future
//! ("will", "is expected to", "aims to … by summer") or in past narrative ("said", "was").

use super::Matcher;

const FUTURE_CUES: &[&str] = &[
    "will",
    "ll",
    "shall",
    "scheduled",
    "expected",
    "due",
    "plans",
    "plan",
    "planned",
    "set",
    "upcoming",
    "until",
    "till",
    "tomorrow",
    "next",
    "coming",
    "be",
    "going",
    "intends",
    "would",
    "may",
    "might",
    "aims",
    "aim",
    "aiming",
    "hopes",
    "hoping",
    "seeks",
    "seeking",
    "wants",
    "promises",
    "vows",
    "pledges",
    "forecast",
    "forecasts",
    "predicts",
];
const PAST_STOPS: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "yesterday",
    "last",
    "has",
    "have",
    "been",
];

impl Matcher<'_> {
    /// A future-tense cue in the words before `i` (back to a past-tense verb or the sentence start).
    pub(super) fn future_cue(&self, i: usize) -> bool {
        let lo = i.saturating_sub(10);
        for j in (lo..i).rev() {
            let w = self.w(j);
            if FUTURE_CUES.contains(&w) {
                // "was set on", "due to the crisis", "were expected": not the future.
                let after = self.w(j + 1);
                let before = if j > 0 { self.w(j - 1) } else { "" };
                let weak = match w {
                    "set" => !matches!(after, "to" | "for"),
                    "due" => {
                        !(matches!(after, "for" | "on" | "in" | "by")
                            || (after == "to"
                                && !matches!(
                                    self.w(j + 2),
                                    "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this"
                                )))
                    }
                    _ => false,
                };
                if weak || matches!(before, "was" | "were" | "had") {
                    return false;
                }
                return true;
            }
            if w.len() > 4 && w.ends_with("ed") && j > 0 && self.is(j - 1, "be") {
                continue; // "should be completed": the modal decides
            }
            if PAST_STOPS.contains(&w) || (w.len() > 4 && w.ends_with("ed")) {
                return false;
            }
        }
        false
    }

    /// A past-tense verb in the words before `i` ("was", "rose", "reported") with no future
    /// cue nearer: the clause tells what happened.
    pub(super) fn past_cue(&self, i: usize) -> bool {
        let lo = i.saturating_sub(10);
        for j in (lo..i).rev() {
            let w = self.w(j);
            if FUTURE_CUES.contains(&w) {
                return false;
            }
            if matches!(
                w,
                "was" | "were" | "had" | "did" | "said" | "rose" | "fell" | "lost" | "grew"
            ) || (w.len() > 4 && w.ends_with("ed") && !(j > 0 && self.is(j - 1, "be")))
            {
                return true;
            }
        }
        false
    }
}
