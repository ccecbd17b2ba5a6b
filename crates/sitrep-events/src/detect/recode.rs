//! Trigger recodings read from the words around a trigger: conditional future acts (threats),
//! force being readied (posture), peacekeepers sent (aid), and verbal acts named only as the time
//! of another (dropped).

use super::Hit;
use crate::certainty::Modality;
use crate::coding::Class;
use crate::lexicon::Word;

/// Two statements CAMEO codes by their frame rather than by the act they name: a future act
/// made conditional ("will withdraw its force unless the president arranges a ceasefire", "will
/// boycott the elections unless ...") is a threat (CAMEO 13: the act's own threat code, else 130);
/// force being readied ("prepared to resume shelling", "poised to attack") is a show of force
/// posture (CAMEO 15, PLOVER MOBILIZE), not the attack.
pub(super) fn conditions_and_preparations(words: &[Word], hits: &mut [Hit]) {
    let unless = words.iter().position(|w| w.text == "unless");
    for h in hits.iter_mut() {
        if h.class.is_verbal() || h.class.is_modifier() || h.modality == Modality::Negated {
            continue;
        }
        let before = &words[h.first.saturating_sub(5)..h.first];
        let future = before
            .iter()
            .rev()
            .take_while(|w| !w.punct)
            .any(|w| matches!(w.text, "will" | "would" | "shall" | "ll"));
        if future && unless.is_some_and(|u| u > h.last) {
            let code = crate::coding::intent_cameo(h.class)
                .filter(|c| c.starts_with("13"))
                .unwrap_or("130");
            h.class = Class::Threaten;
            h.cameo = code.to_string();
            continue;
        }
        let force = matches!(
            h.class,
            Class::Clash | Class::Attack | Class::Kill | Class::Territory | Class::Regain
        ) || h.class.is_weapon();
        let readied = h.first >= 2 && words[h.first - 1].text == "to"
            || h.first >= 3 && words[h.first - 2].text == "to";
        let poised = (h.first.saturating_sub(4)..h.first).any(|k| {
            matches!(
                words[k].text,
                "prepared"
                    | "preparing"
                    | "prepares"
                    | "prepare"
                    | "poised"
                    | "readying"
                    | "readied"
            ) && words.get(k + 1).is_some_and(|w| w.text == "to")
        });
        if force && readied && poised {
            h.class = Class::Posture;
            h.cameo = "150".to_string();
        }
    }
}

/// "Speaking after talks in Paris, the minister accused ...", "during his visit", "ahead of
/// the summit": a verbal act named as the time of another is no event of its own when the
/// sentence tells one.
pub(super) fn drop_verbal_circumstances(words: &[Word], hits: &mut Vec<Hit>) {
    let framed = |h: &Hit| {
        h.class.is_verbal()
            && words[h.first.saturating_sub(3)..h.first]
                .iter()
                .rev()
                .take_while(|w| {
                    !w.punct
                        && !matches!(w.text, "after" | "following" | "during" | "ahead" | "amid")
                })
                .all(|w| {
                    matches!(
                        w.text,
                        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "of"
                    )
                })
            && words[h.first.saturating_sub(3)..h.first]
                .iter()
                .rev()
                .take_while(|w| !w.punct)
                .any(|w| matches!(w.text, "after" | "following" | "during" | "ahead" | "amid"))
    };
    let drop: Vec<bool> = hits.iter().map(framed).collect();
    if drop.iter().all(|&d| d) {
        return;
    }
    let mut i = 0;
    hits.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Peacekeepers deployed or sent ("deployed peacekeepers to protect civilians", "the deployment
/// of peacekeeping troops") are military protection given to a country: CAMEO 074 (provide
/// aid), not a movement of one side's forces.
pub(super) fn peacekeeping(words: &[Word], hits: &mut [Hit]) {
    for h in hits.iter_mut() {
        if h.class != Class::Move || h.modality == Modality::Negated {
            continue;
        }
        let after = words[h.last + 1..].iter().take(5).take_while(|w| !w.punct);
        let before = words[h.first.saturating_sub(2)..h.first].iter();
        if after.chain(before).any(|w| w.text.starts_with("peacekeep")) {
            h.class = Class::Aid;
            h.cameo = "074".to_string();
        }
    }
}

/// "The release of X, who had been arrested months ago, came as Israel announced it would free
/// 150 prisoners": a verbal act named as the subject of "came as / came after" is the setting of
/// the act the clause reports, which decides the sentence.
pub(super) fn drop_came_as_subject(words: &[Word], hits: &mut Vec<Hit>) {
    let Some(came) = words
        .iter()
        .position(|w| matches!(w.text, "came" | "comes" | "come"))
    else {
        return;
    };
    if !words
        .get(came + 1)
        .is_some_and(|w| matches!(w.text, "as" | "after" | "amid" | "just" | "only"))
    {
        return;
    }
    let subject = |h: &Hit| {
        h.class.is_verbal()
            && h.last < came
            && words[..h.first].iter().all(|w| {
                matches!(
                    w.text,
                    "the" | "a" | "an" | "this" | "that" | "its" | "their"
                )
            })
    };
    if !hits.iter().any(|h| h.first > came) {
        return;
    }
    hits.retain(|h| !subject(h));
}
