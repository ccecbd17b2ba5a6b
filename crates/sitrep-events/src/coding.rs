//! The coding tables: trigger classes, ACLED sub-event types (with their event types and the
//! precedence used when one happening matches several), CAMEO codes and the CAMEO → PLOVER map.

/// What a trigger signals. Some classes only modify others (`Intervene`, `Dead`, `Injure`,
/// `Strike`) and never make an event alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    Clash,
    Attack,
    Kill,
    Injure,
    Dead,
    Territory,
    Regain,
    Enter,
    Air,
    Bomb,
    Shell,
    Suicide,
    Ied,
    Blast,
    Grenade,
    Chem,
    Protest,
    Intervene,
    /// Force against a crowd that ACLED calls excessive ("live ammunition", "excessive force",
    /// "brutally suppressed"): a modifier of protests.
    Force,
    Riot,
    ViolentDemo,
    Mob,
    Sexual,
    Abduct,
    Detain,
    Disrupt,
    Loot,
    Withdraw,
    Transfer,
    Hq,
    Move,
    Change,
    Agreement,
    Other,
    Violent,
    Found,
    Establish,
    BaseNoun,
    // Verbal and other non-ACLED events.
    Accuse,
    Threaten,
    Request,
    Reject,
    Agree,
    Consult,
    Support,
    Concede,
    Release,
    Sanction,
    Aid,
    Cooperate,
    Coerce,
    /// CAMEO 01: public statements (claims of responsibility 015, empathy 018, optimism 013,
    /// concern 012). PLOVER drops CAMEO 01, so these carry no PLOVER type.
    Statement,
    /// CAMEO 15: shows of military force (exercises, war games, drills); PLOVER MOBILIZE.
    Posture,
    /// CAMEO 02: appeals ("urged", "called on", "asked X to"), softer than CAMEO 10 demands.
    Appeal,
}

impl Class {
    pub fn parse(s: &str) -> Option<Class> {
        use Class::*;
        Some(match s {
            "clash" => Clash,
            "attack" => Attack,
            "kill" => Kill,
            "injure" => Injure,
            "dead" => Dead,
            "territory" => Territory,
            "regain" => Regain,
            "enter" => Enter,
            "air" => Air,
            "bomb" => Bomb,
            "shell" => Shell,
            "suicide" => Suicide,
            "ied" => Ied,
            "blast" => Blast,
            "violent" => Violent,
            "found" => Found,
            "establish" => Establish,
            "basenoun" => BaseNoun,
            "grenade" => Grenade,
            "chem" => Chem,
            "protest" => Protest,
            "intervene" => Intervene,
            "force" => Force,
            "riot" => Riot,
            "violentdemo" => ViolentDemo,
            "mob" => Mob,
            "sexual" => Sexual,
            "abduct" => Abduct,
            "detain" => Detain,
            "disrupt" => Disrupt,
            "loot" => Loot,
            "withdraw" => Withdraw,
            "transfer" => Transfer,
            "hq" => Hq,
            "move" => Move,
            "change" => Change,
            "agreement" => Agreement,
            "other" => Other,
            "accuse" => Accuse,
            "threaten" => Threaten,
            "request" => Request,
            "reject" => Reject,
            "agree" => Agree,
            "consult" => Consult,
            "support" => Support,
            "concede" => Concede,
            "release" => Release,
            "sanction" => Sanction,
            "aid" => Aid,
            "cooperate" => Cooperate,
            "coerce" => Coerce,
            "statement" => Statement,
            "appeal" => Appeal,
            "posture" => Posture,
            _ => return None,
        })
    }

    /// Verbal or other events ACLED does not code: their own event, never merged.
    pub fn is_verbal(self) -> bool {
        use Class::*;
        matches!(
            self,
            Accuse
                | Threaten
                | Request
                | Reject
                | Agree
                | Consult
                | Support
                | Concede
                | Release
                | Sanction
                | Aid
                | Cooperate
                | Coerce
                | Statement
                | Appeal
                | Posture
        )
    }

    /// Classes that only modify others and make no event alone.
    pub fn is_modifier(self) -> bool {
        matches!(
            self,
            Class::Intervene
                | Class::Force
                | Class::Dead
                | Class::Injure
                | Class::Enter
                | Class::Violent
                | Class::Found
                | Class::Establish
                | Class::BaseNoun
        )
    }

    /// Explosive or remote weapons.
    pub fn is_weapon(self) -> bool {
        use Class::*;
        matches!(
            self,
            Air | Bomb | Shell | Suicide | Ied | Blast | Grenade | Chem
        )
    }
}

/// The CAMEO code of a stated intent to do what class `c` names: intents to cooperate are
/// CAMEO 03 (express intent to cooperate: aid 033, yield 035, meet 036, de-escalate 0356, ...),
/// intents of force or pressure are CAMEO 13 (threaten: with force 138). None: the class has no
/// intent form (an intent to agree is already an agreement of intent; movements stay movements).
pub fn intent_cameo(c: Class) -> Option<&'static str> {
    use Class::*;
    Some(match c {
        Support => "032",
        Cooperate => "031",
        Aid => "033",
        Concede | Release => "035",
        Consult => "036",
        Agreement => "037",
        Withdraw | Transfer => "0356",
        Sanction | Change => "132",
        Protest => "133",
        Coerce | Detain => "137",
        Clash | Attack | Kill | Air | Bomb | Shell | Suicide | Ied | Blast | Grenade | Chem
        | Territory | Regain => "138",
        _ => return None,
    })
}

/// The CAMEO code of a refused cooperation ("would not provide support", "did not agree"):
/// CAMEO 12 (reject): material cooperation 121, yielding 124, meeting 125, else 120. None: the
/// class's negation is no act of its own (a negated attack did not happen).
pub fn refusal_cameo(c: Class) -> Option<&'static str> {
    use Class::*;
    Some(match c {
        Support | Aid | Cooperate => "121",
        Concede | Release => "124",
        Consult => "125",
        Agree => "120",
        _ => return None,
    })
}

/// Whether a trigger's own CAMEO code fits ACLED sub-event type `sub` (else the type's default
/// code replaces it): an agreement may be a signed deal (05), an intent (03) or a truce or
/// surrender (08).
pub fn cameo_fits(sub: &str, own: &str) -> bool {
    let root = own.get(..2).unwrap_or("");
    match sub {
        "Agreement" => matches!(root, "03" | "05" | "08"),
        // Curfews and states of emergency: a change of activity to ACLED, coercion (1723/1724)
        // to CAMEO.
        "Change to group/activity" => matches!(root, "15" | "17"),
        // A killing CAMEO names by its manner (assassination 186, murder 1823, torture 182)
        // keeps that code when ACLED calls it a clash with armed men.
        "Armed clash" => root == "19" || matches!(own, "186" | "1823" | "182"),
        // A massacre is an attack to ACLED and a mass killing (202) to CAMEO.
        "Attack" => matches!(root, "18" | "20"),
        _ => cameo_for_subtype(sub).and_then(|d| d.get(..2)) == Some(root),
    }
}

/// ACLED event type of a sub-event type.
pub fn acled_event_type(sub: &str) -> Option<&'static str> {
    Some(match sub {
        "Government regains territory" | "Non-state actor overtakes territory" | "Armed clash" => {
            "Battles"
        }
        "Excessive force against protesters" | "Protest with intervention" | "Peaceful protest" => {
            "Protests"
        }
        "Violent demonstration" | "Mob violence" => "Riots",
        "Chemical weapon"
        | "Air/drone strike"
        | "Suicide bomb"
        | "Shelling/artillery/missile attack"
        | "Remote explosive/landmine/IED"
        | "Grenade" => "Explosions/Remote violence",
        "Sexual violence" | "Attack" | "Abduction/forced disappearance" => {
            "Violence against civilians"
        }
        "Agreement"
        | "Arrests"
        | "Change to group/activity"
        | "Disrupted weapons use"
        | "Headquarters or base established"
        | "Looting/property destruction"
        | "Non-violent transfer of territory"
        | "Other" => "Strategic developments",
        _ => return None,
    })
}

/// PLOVER type of a CAMEO code (per-code exceptions first, then the root).
pub fn plover_of(cameo: &str) -> Option<&'static str> {
    let exact = match cameo {
        // PLOVER COERCE covers seizing or destroying property (CAMEO 171x).
        "163" | "191" | "192" | "1712" => Some("COERCE"),
        "175" => Some("ASSAULT"),
        "0813" | "0814" => Some("RETREAT"),
        _ => None,
    };
    if exact.is_some() {
        return exact;
    }
    let root = cameo.get(..2)?;
    Some(match root {
        "03" => "AGREE",
        "04" => "CONSULT",
        "05" => "SUPPORT",
        "06" => "COOPERATE",
        "07" => "AID",
        "08" => {
            let sub = cameo.get(2..3).unwrap_or("0");
            if matches!(sub, "4" | "5" | "6" | "7") {
                "RETREAT"
            } else {
                "CONCEDE"
            }
        }
        "09" | "11" => "ACCUSE",
        // PLOVER REQUEST is "requests, demands, orders": CAMEO 02 appeals are requests, though
        // the CAMEO → PLOVER table only lists the demands (10). CAMEO 01 statements have none.
        "02" => "REQUEST",
        "10" => "REQUEST",
        "12" => "REJECT",
        "13" => "THREATEN",
        "14" => "PROTEST",
        "15" => "MOBILIZE",
        "16" => "SANCTION",
        "17" => "COERCE",
        "18" | "19" | "20" => "ASSAULT",
        _ => return None,
    })
}

/// The CAMEO code that fits an ACLED sub-event type best, used when the trigger's own code is
/// less specific than the resolved type.
pub fn cameo_for_subtype(sub: &str) -> Option<&'static str> {
    Some(match sub {
        "Government regains territory" => "190",
        "Non-state actor overtakes territory" => "192",
        "Armed clash" => "190",
        "Excessive force against protesters" => "175",
        "Protest with intervention" => "175",
        "Peaceful protest" => "141",
        "Violent demonstration" => "145",
        "Mob violence" => "145",
        "Chemical weapon" => "2041",
        "Air/drone strike" => "195",
        "Suicide bomb" => "1831",
        "Shelling/artillery/missile attack" => "194",
        "Remote explosive/landmine/IED" => "183",
        "Grenade" => "183",
        "Sexual violence" => "1821",
        "Attack" => "180",
        "Abduction/forced disappearance" => "181",
        "Agreement" => "057",
        "Arrests" => "173",
        "Change to group/activity" => "154",
        "Disrupted weapons use" => "1711",
        "Headquarters or base established" => "154",
        "Looting/property destruction" => "1712",
        "Non-violent transfer of territory" => "0874",
        "Other" => "200",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plover_follows_the_cameo_table() {
        assert_eq!(plover_of("0874"), Some("RETREAT"));
        assert_eq!(plover_of("081"), Some("CONCEDE"));
        assert_eq!(plover_of("195"), Some("ASSAULT"));
        assert_eq!(plover_of("192"), Some("COERCE"));
        assert_eq!(plover_of("112"), Some("ACCUSE"));
        assert_eq!(plover_of("010"), None);
        assert_eq!(plover_of("015"), None);
        assert_eq!(plover_of("020"), Some("REQUEST"));
        assert_eq!(intent_cameo(Class::Aid).and_then(plover_of), Some("AGREE"));
        assert_eq!(
            intent_cameo(Class::Withdraw).and_then(plover_of),
            Some("AGREE")
        );
        assert_eq!(
            intent_cameo(Class::Attack).and_then(plover_of),
            Some("THREATEN")
        );
    }

    #[test]
    fn every_subtype_has_an_event_type() {
        for s in [
            "Armed clash",
            "Air/drone strike",
            "Other",
            "Attack",
            "Mob violence",
            "Peaceful protest",
        ] {
            assert!(acled_event_type(s).is_some(), "{s}");
            assert!(cameo_for_subtype(s).is_some(), "{s}");
        }
    }
}
