//! The support route (seed 003, "steunroute"): a hulpvraag registered by a
//! contact person of a school or a municipal basisteam is triaged — does it
//! concern only the municipality, only education, or both? Only "both"
//! opens a joint case; otherwise the question is handed to the one party.

use serde::{Deserialize, Serialize};

use crate::rol::OrganisatieSoort;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Triage {
    /// Only the municipality (the wijkteam serving the address).
    Gemeente,
    /// Only education (the pupil's school).
    Onderwijs,
    /// Both: a joint case with one integral plan.
    Beide,
}

impl Triage {
    pub const ALLE: [Self; 3] = [Self::Gemeente, Self::Onderwijs, Self::Beide];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Gemeente => "gemeente",
            Self::Onderwijs => "onderwijs",
            Self::Beide => "beide",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|t| t.naam() == s)
    }

    /// Which kind of organisation handles the question after this outcome;
    /// `None` for a joint case, which the wijkteam and school share.
    pub fn behandelaar_soort(self) -> Option<OrganisatieSoort> {
        match self {
            Self::Gemeente => Some(OrganisatieSoort::Wijkteam),
            Self::Onderwijs => Some(OrganisatieSoort::School),
            Self::Beide => None,
        }
    }
}

/// Who may register a hulpvraag: the contact persons of seed 003 work at a
/// school or at a municipal basisteam (wijkteam).
pub fn mag_registreren(soort: OrganisatieSoort) -> bool {
    matches!(soort, OrganisatieSoort::School | OrganisatieSoort::Wijkteam)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namen_heen_en_terug() {
        for t in Triage::ALLE {
            assert_eq!(Triage::parse(t.naam()), Some(t));
        }
        assert_eq!(Triage::parse("allebei"), None);
    }

    #[test]
    fn alleen_beide_is_gezamenlijk() {
        assert_eq!(
            Triage::Gemeente.behandelaar_soort(),
            Some(OrganisatieSoort::Wijkteam)
        );
        assert_eq!(
            Triage::Onderwijs.behandelaar_soort(),
            Some(OrganisatieSoort::School)
        );
        assert_eq!(Triage::Beide.behandelaar_soort(), None);
        assert!(mag_registreren(OrganisatieSoort::School));
        assert!(mag_registreren(OrganisatieSoort::Wijkteam));
        assert!(!mag_registreren(OrganisatieSoort::Aanbieder));
        assert!(!mag_registreren(OrganisatieSoort::Jgz));
    }
}
