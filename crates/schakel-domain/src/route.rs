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

/// Whether an organisation of kind `soort` may be named as a party when a
/// question is triaged "beide", a case is opened or its casusregisseur
/// brings a party in (`Gebeurtenis::Partij`): only the parties of the
/// support route (seed 003) — the jeugdige's own school and the JGZ. The
/// wijkteam has its own field; a provider becomes a party only through a
/// referral or an inkoop, never by being named; the municipality and the
/// samenwerkingsverband are no party to a household's case. `Err` says why,
/// in words for the field's message.
pub fn mag_partij_worden(
    soort: OrganisatieSoort,
    school_van_jeugdige: bool,
) -> Result<(), &'static str> {
    match soort {
        OrganisatieSoort::Jgz => Ok(()),
        OrganisatieSoort::School if school_van_jeugdige => Ok(()),
        OrganisatieSoort::School => {
            Err("alleen de school van de jeugdige zelf kan partij worden; een andere school niet")
        }
        OrganisatieSoort::Wijkteam => Err(
            "een wijkteam is geen partij; noem het wijkteam dat het adres bedient in het veld wijkteam",
        ),
        OrganisatieSoort::Aanbieder => Err(
            "een jeugdhulpaanbieder wordt partij via een verwijzing of een inkoop, niet door haar hier te noemen",
        ),
        OrganisatieSoort::Gemeente
        | OrganisatieSoort::Samenwerkingsverband
        | OrganisatieSoort::Leerplicht => Err(
            "de gemeente, het samenwerkingsverband en leerplicht zijn geen partij bij de casus van een huishouden",
        ),
    }
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

    #[test]
    fn alleen_school_en_jgz_worden_partij() {
        assert_eq!(mag_partij_worden(OrganisatieSoort::Jgz, false), Ok(()));
        assert_eq!(mag_partij_worden(OrganisatieSoort::School, true), Ok(()));
        for soort in OrganisatieSoort::ALLE {
            if soort != OrganisatieSoort::Jgz {
                assert!(mag_partij_worden(soort, false).is_err(), "{soort:?}");
            }
        }
        for soort in [
            OrganisatieSoort::Aanbieder,
            OrganisatieSoort::Gemeente,
            OrganisatieSoort::Samenwerkingsverband,
            OrganisatieSoort::Leerplicht,
            OrganisatieSoort::Wijkteam,
        ] {
            assert!(mag_partij_worden(soort, true).is_err(), "{soort:?}");
        }
    }
}
