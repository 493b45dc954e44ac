//! Roles and kinds of organisation.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganisatieSoort {
    School,
    Wijkteam,
    Jgz,
    Aanbieder,
    Gemeente,
    Samenwerkingsverband,
    /// Leerplicht and RMC (regionale meld- en coördinatiefunctie): the
    /// municipality's compulsory-education office.
    Leerplicht,
}

impl OrganisatieSoort {
    pub const ALLE: [Self; 7] = [
        Self::School,
        Self::Wijkteam,
        Self::Jgz,
        Self::Aanbieder,
        Self::Gemeente,
        Self::Samenwerkingsverband,
        Self::Leerplicht,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Self::School => "school",
            Self::Wijkteam => "wijkteam",
            Self::Jgz => "jgz",
            Self::Aanbieder => "aanbieder",
            Self::Gemeente => "gemeente",
            Self::Samenwerkingsverband => "samenwerkingsverband",
            Self::Leerplicht => "leerplicht",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }
}

/// What a medewerker does, always within one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    /// Zorgcoördinator of a school: the school's pupils with an open question.
    Zorgcoordinator,
    /// Casusregisseur of a municipal basisteam: regie over the integral plan.
    Casusregisseur,
    Wijkteammedewerker,
    /// Gemandateerde verwijzer (e.g. JGZ): may refer care within the norms.
    Verwijzer,
    /// A care provider's worker: the referrals to the provider.
    Aanbieder,
    /// Policy staff: aggregates only, never a name or BSN.
    Beleid,
    /// Maintains the directory and rule sets; no access to dossiers.
    Beheerder,
    /// The municipality's toegang: reviews maatwerk referrals (those outside
    /// the normenkader). Sees those referrals, never a dossier.
    Toegang,
    /// Manages the accounts of its own organisation only (invite, roles
    /// within it, deactivation, reset links); no access to dossiers.
    Accountbeheerder,
    /// National monitoring: the country's totals per region, aggregated
    /// only; no region's dashboard, directory, beheer or accounts, never a
    /// name, BSN or dossier. Granted by the installation's operator only
    /// (`schakel account`), never by a region's (account)beheerder.
    Landelijk,
}

impl Rol {
    pub const ALLE: [Self; 10] = [
        Self::Zorgcoordinator,
        Self::Casusregisseur,
        Self::Wijkteammedewerker,
        Self::Verwijzer,
        Self::Aanbieder,
        Self::Beleid,
        Self::Beheerder,
        Self::Toegang,
        Self::Accountbeheerder,
        Self::Landelijk,
    ];

    pub fn naam(self) -> &'static str {
        match self {
            Self::Zorgcoordinator => "zorgcoordinator",
            Self::Casusregisseur => "casusregisseur",
            Self::Wijkteammedewerker => "wijkteammedewerker",
            Self::Verwijzer => "verwijzer",
            Self::Aanbieder => "aanbieder",
            Self::Beleid => "beleid",
            Self::Beheerder => "beheerder",
            Self::Toegang => "toegang",
            Self::Accountbeheerder => "accountbeheerder",
            Self::Landelijk => "landelijk",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|x| x.naam() == s)
    }

    /// Roles that may ever see a jeugdige's dossier (given a relation).
    pub fn ziet_dossiers(self) -> bool {
        !matches!(
            self,
            Self::Beleid
                | Self::Beheerder
                | Self::Accountbeheerder
                | Self::Toegang
                | Self::Landelijk
        )
    }

    /// Roles that see personal data at all: every dossier role, and the
    /// municipality's toegang for the referrals it reviews.
    pub fn ziet_persoonsgegevens(self) -> bool {
        self.ziet_dossiers() || self == Self::Toegang
    }

    /// Roles whose scope is the whole installation rather than one region:
    /// only the operator grants or takes them (`schakel account`), never a
    /// region's beheerder or accountbeheerder.
    pub fn is_landelijk(self) -> bool {
        self == Self::Landelijk
    }
}
