//! Need to know, deny by default: whether a medewerker acting in one role
//! may see one jeugdige's data, and on which ground. The decision is a pure
//! function of facts the storage layer gathers, so it is tested here in full
//! and logged with its ground.

use serde::Serialize;

use crate::rol::Rol;

/// Facts about one user in one role and one jeugdige.
#[derive(Debug, Clone, Default)]
pub struct Relaties {
    /// The jeugdige is a pupil of the user's organisation (a school) and has
    /// an open hulpvraag there.
    pub leerling_met_open_vraag: bool,
    /// The user's organisation is the wijkteam of an open case of the
    /// jeugdige's household.
    pub eigen_wijkteam_casus: bool,
    /// The user's organisation is a party to an open case of the household
    /// (e.g. JGZ as verwijzer, a provider with a referral).
    pub partij_bij_casus: bool,
    /// The user's organisation provides care under a referral for the jeugdige.
    pub aanbieder_met_verwijzing: bool,
    /// The jeugdige is a pupil of the user's organisation (a school).
    pub eigen_leerling: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grond {
    LeerlingMetOpenVraag,
    EigenWijkteamCasus,
    PartijBijCasus,
    AanbiederMetVerwijzing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weigering {
    /// Beleid and beheerder never see personal data.
    RolZonderDossiertoegang,
    /// No relation between the user's organisation and the jeugdige.
    GeenRelatie,
}

pub fn mag_zien(rol: Rol, r: &Relaties) -> Result<Grond, Weigering> {
    if !rol.ziet_dossiers() {
        return Err(Weigering::RolZonderDossiertoegang);
    }
    let grond = match rol {
        Rol::Zorgcoordinator if r.leerling_met_open_vraag => Some(Grond::LeerlingMetOpenVraag),
        // A school sees its own pupils in a joint case, not their siblings
        // at other schools: the school answers for the education part.
        Rol::Zorgcoordinator if r.partij_bij_casus && r.eigen_leerling => {
            Some(Grond::PartijBijCasus)
        }
        Rol::Zorgcoordinator => None,
        Rol::Casusregisseur | Rol::Wijkteammedewerker if r.eigen_wijkteam_casus => {
            Some(Grond::EigenWijkteamCasus)
        }
        Rol::Aanbieder if r.aanbieder_met_verwijzing => Some(Grond::AanbiederMetVerwijzing),
        _ if r.partij_bij_casus => Some(Grond::PartijBijCasus),
        _ => None,
    };
    grond.ok_or(Weigering::GeenRelatie)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standaard_geweigerd() {
        for rol in Rol::ALLE {
            assert!(mag_zien(rol, &Relaties::default()).is_err(), "{rol:?}");
        }
    }

    #[test]
    fn beleid_en_beheer_nooit() {
        let alles = Relaties {
            leerling_met_open_vraag: true,
            eigen_wijkteam_casus: true,
            partij_bij_casus: true,
            aanbieder_met_verwijzing: true,
            eigen_leerling: true,
        };
        assert_eq!(
            mag_zien(Rol::Beleid, &alles),
            Err(Weigering::RolZonderDossiertoegang)
        );
        assert_eq!(
            mag_zien(Rol::Beheerder, &alles),
            Err(Weigering::RolZonderDossiertoegang)
        );
    }

    #[test]
    fn gronden_per_rol() {
        let vraag = Relaties {
            leerling_met_open_vraag: true,
            ..Default::default()
        };
        assert_eq!(
            mag_zien(Rol::Zorgcoordinator, &vraag),
            Ok(Grond::LeerlingMetOpenVraag)
        );
        assert!(
            mag_zien(Rol::Casusregisseur, &vraag).is_err(),
            "a school's question is not the wijkteam's"
        );
        let wijk = Relaties {
            eigen_wijkteam_casus: true,
            ..Default::default()
        };
        assert_eq!(
            mag_zien(Rol::Casusregisseur, &wijk),
            Ok(Grond::EigenWijkteamCasus)
        );
        assert!(mag_zien(Rol::Zorgcoordinator, &wijk).is_err());
        let partij = Relaties {
            partij_bij_casus: true,
            ..Default::default()
        };
        assert_eq!(mag_zien(Rol::Verwijzer, &partij), Ok(Grond::PartijBijCasus));
        assert!(
            mag_zien(Rol::Zorgcoordinator, &partij).is_err(),
            "a school party sees only its own pupils"
        );
        let eigen = Relaties {
            partij_bij_casus: true,
            eigen_leerling: true,
            ..Default::default()
        };
        assert_eq!(
            mag_zien(Rol::Zorgcoordinator, &eigen),
            Ok(Grond::PartijBijCasus)
        );
        let verwijzing = Relaties {
            aanbieder_met_verwijzing: true,
            ..Default::default()
        };
        assert_eq!(
            mag_zien(Rol::Aanbieder, &verwijzing),
            Ok(Grond::AanbiederMetVerwijzing)
        );
        assert!(mag_zien(Rol::Verwijzer, &verwijzing).is_err());
    }
}
