//! Which side of a conflict an event's actor stands on — a state force or a non-state armed
//! group — from the actor's type, a coordinated state force before it, or the nearest side word
//! before the trigger. Decides ACLED's territorial sub-types ("Government regains territory" vs
//! "Non-state actor overtakes territory").

use crate::lexicon::Word;
use crate::mentions::ActorRef;

const STATE_WORDS: &[&str] = &[
    "army",
    "troops",
    "soldiers",
    "government",
    "regime",
    "police",
    "military",
    "security",
    "loyalist",
    "pro",
    "gendarmerie",
];
const NONSTATE_WORDS: &[&str] = &[
    "rebels",
    "rebel",
    "militants",
    "insurgents",
    "jihadists",
    "fighters",
    "militia",
    "militias",
    "terrorists",
    "gunmen",
    "extremists",
    "separatists",
    "opposition",
];

/// Whether the words just before actor1 (word `at`) coordinate a state force with it: "the Iraqi
/// military and pro-Government militias have taken" — the first conjunct leads.
fn state_conjunct_before(words: &[Word], at: usize) -> bool {
    let lo = at.saturating_sub(8);
    let mut and = false;
    for w in words[lo..at].iter().rev() {
        if w.punct {
            return false;
        }
        if w.text == "and" {
            and = true;
        } else if and && STATE_WORDS.contains(&w.text) && w.text != "pro" {
            return true;
        }
    }
    false
}

/// `Some(true)` for a state force, `Some(false)` for a non-state armed side, `None` when unknown.
pub fn state_side(a: Option<(&ActorRef, usize)>, words: &[Word], first: usize) -> Option<bool> {
    // The actor's type decides when it is an armed side; otherwise (no actor, or one typed as
    // civilians, a bare name) the nearest armed-side word before the trigger ("The Somali
    // National Army has seized").
    if let Some((a, at)) = a {
        match a.actor_type.as_str() {
            "State forces" => return Some(true),
            "Rebel group" | "Political militia" | "Identity militia" | "External/Other forces" => {
                if at < first && state_conjunct_before(words, at) {
                    return Some(true);
                }
                return Some(false);
            }
            _ => {}
        }
    }
    let lo = first.saturating_sub(12);
    for w in words[lo..first].iter().rev() {
        if STATE_WORDS.contains(&w.text) {
            return Some(true);
        }
        if NONSTATE_WORDS.contains(&w.text) {
            return Some(false);
        }
    }
    None
}
