//! Vocabulary shared with iStandaarden iJw 3.2, the Jeugdwet message
//! standard, so a later JW301/JW315 export is a mapping, not a rewrite.
//! Source: informatiemodel.istandaarden.nl/informatiemodel/ijw/3.2/.

use serde::{Deserialize, Serialize};

/// Unit of a referral's volume (iJw `Eenheid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Eenheid {
    Uur,
    Dagdeel,
}

impl Eenheid {
    pub const ALLE: [Eenheid; 2] = [Self::Uur, Self::Dagdeel];

    /// iJw code: 04 uur, 16 dagdeel (4 uur).
    pub fn ijw_code(self) -> &'static str {
        match self {
            Self::Uur => "04",
            Self::Dagdeel => "16",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Self::Uur => "uur",
            Self::Dagdeel => "dagdeel",
        }
    }

    pub fn meervoud(self) -> &'static str {
        match self {
            Self::Uur => "uur",
            Self::Dagdeel => "dagdelen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|e| e.naam() == s)
    }
}

/// The period a volume is counted over (iJw `Frequentie`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Per {
    Week,
    Totaal,
}

impl Per {
    pub const ALLE: [Per; 2] = [Self::Week, Self::Totaal];

    /// iJw code: 2 per week, 6 totaal binnen geldigheidsduur toewijzing.
    /// With frequentie "per week" iJw requires an einddatum.
    pub fn ijw_code(self) -> &'static str {
        match self {
            Self::Week => "2",
            Self::Totaal => "6",
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Totaal => "totaal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|p| p.naam() == s)
    }
}

/// All iJw 3.2 eenheid codes, for mapping products the normenkader does not
/// use yet.
pub const EENHEDEN: [(&str, &str); 7] = [
    ("01", "minuut"),
    ("04", "uur"),
    ("14", "etmaal"),
    ("16", "dagdeel (4 uur)"),
    ("82", "stuks (output)"),
    ("83", "euro's"),
    ("84", "stuks (inspanning)"),
];

/// All iJw 3.2 frequentie codes.
pub const FREQUENTIES: [(&str, &str); 4] = [
    ("1", "per dag"),
    ("2", "per week"),
    ("4", "per maand"),
    ("6", "totaal binnen geldigheidsduur toewijzing"),
];

/// iJw verwijzer types; a gemandateerde verwijzer of JGZ is a jeugdarts (03).
pub const VERWIJZER_TYPES: [(&str, &str); 7] = [
    ("01", "gemeente"),
    ("02", "huisarts"),
    ("03", "jeugdarts"),
    ("04", "gecertificeerde instelling"),
    ("05", "medisch specialist"),
    ("06", "zelfverwijzer/geen verwijzer"),
    ("08", "rechter/OvJ/functionaris JJI"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_volgen_ijw_3_2() {
        assert_eq!(Eenheid::Uur.ijw_code(), "04");
        assert_eq!(Eenheid::Dagdeel.ijw_code(), "16");
        assert_eq!(Per::Week.ijw_code(), "2");
        assert_eq!(Per::Totaal.ijw_code(), "6");
        for e in Eenheid::ALLE {
            assert!(EENHEDEN.iter().any(|(code, _)| *code == e.ijw_code()));
        }
        for p in Per::ALLE {
            assert!(FREQUENTIES.iter().any(|(code, _)| *code == p.ijw_code()));
        }
    }
}
