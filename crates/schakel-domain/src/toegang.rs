//! Need to know, deny by default: whether a medewerker acting in one role
//! may see one jeugdige's data, and on which ground. The decision is a pure
//! function of facts the storage layer gathers, so it is tested here in full
//! and logged with its ground.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::rol::Rol;

/// How long access lasts after the relation that gave it ends (issue 12,
/// access in time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Termijnen {
    /// A provider keeps reading a jeugdige this long after the last day of
    /// its last referral for them: for its final declaration.
    pub nawerking_verwijzing: Months,
    /// The wijkteam that ran a case may read it this long after it closed,
    /// and only by break-the-glass ([`mag_noodtoegang`]): a stated reason,
    /// for [`NOODTOEGANG_MINUTEN`] at a time.
    pub inzage_gesloten_casus: Months,
}

impl Default for Termijnen {
    fn default() -> Self {
        Self {
            nawerking_verwijzing: Months::new(3),
            inzage_gesloten_casus: Months::new(12),
        }
    }
}

/// How long one break-the-glass grant on a closed case holds: long
/// enough to read the dossier for the question at hand, short enough that
/// every later look needs a reason of its own (NEN 7510).
pub const NOODTOEGANG_MINUTEN: i64 = 60;

/// A stated reason for break-the-glass: at least this many characters…
pub const REDEN_MIN: usize = 10;
/// …and at most this many.
pub const REDEN_MAX: usize = 500;

/// A break-the-glass reason as given: trimmed, [`REDEN_MIN`] to
/// [`REDEN_MAX`] characters. `Err` says what is allowed.
pub fn reden(waarde: &str) -> Result<String, String> {
    let w = waarde.trim();
    let n = w.chars().count();
    if n == 0 {
        return Err(format!(
            "verplicht: waarom moet u dit gesloten dossier inzien ({REDEN_MIN} tot en met {REDEN_MAX} tekens)"
        ));
    }
    if n < REDEN_MIN {
        return Err(format!(
            "ten minste {REDEN_MIN} tekens: beschrijf waarom u dit gesloten dossier moet inzien"
        ));
    }
    if n > REDEN_MAX {
        return Err(format!("ten hoogste {REDEN_MAX} tekens"));
    }
    Ok(w.to_string())
}

/// Why a break-the-glass grant on a case is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeenNoodtoegang {
    /// Only a casusregisseur or wijkteammedewerker of the wijkteam that ran
    /// the case may break the glass; no school, provider, JGZ, beleid,
    /// beheerder or other wijkteam.
    NietHetWijkteam,
    /// The case is open: its wijkteam reads it as usual.
    CasusOpen,
    /// The case closed longer than [`Termijnen::inzage_gesloten_casus`] ago.
    TermijnVerstreken,
}

/// The last day on which a case closed on `gesloten` can still be opened
/// by break-the-glass.
pub fn laatste_noodtoegangsdag(gesloten: NaiveDate, t: &Termijnen) -> NaiveDate {
    gesloten
        .checked_add_months(t.inzage_gesloten_casus)
        .unwrap_or(NaiveDate::MAX)
}

/// Whether `rol` at an organisation that is (`eigen_wijkteam`) or is not
/// the case's wijkteam may break the glass on a case closed on `gesloten`
/// (`None`: open) on `vandaag`. Returns the last day it may.
pub fn mag_noodtoegang(
    rol: Rol,
    eigen_wijkteam: bool,
    gesloten: Option<NaiveDate>,
    vandaag: NaiveDate,
    t: &Termijnen,
) -> Result<NaiveDate, GeenNoodtoegang> {
    if !matches!(rol, Rol::Casusregisseur | Rol::Wijkteammedewerker) || !eigen_wijkteam {
        return Err(GeenNoodtoegang::NietHetWijkteam);
    }
    let gesloten = gesloten.ok_or(GeenNoodtoegang::CasusOpen)?;
    let laatste = laatste_noodtoegangsdag(gesloten, t);
    if vandaag > laatste {
        return Err(GeenNoodtoegang::TermijnVerstreken);
    }
    Ok(laatste)
}

/// The earliest last day of a referral that still gives its provider
/// access on `vandaag`: a referral that ended before it gives none.
pub fn verwijzing_grens(vandaag: NaiveDate, t: &Termijnen) -> NaiveDate {
    vandaag
        .checked_sub_months(t.nawerking_verwijzing)
        .unwrap_or(NaiveDate::MIN)
}

/// Facts about one user in one role and one jeugdige.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relaties {
    /// An open hulpvraag about the jeugdige is handled by the user's
    /// organisation: registered there and not triaged yet, or handed to it
    /// by triage.
    pub open_hulpvraag: bool,
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
    /// The last day of the provider's last referral for the jeugdige (with
    /// `aanbieder_met_verwijzing`): the fact holds until then plus the
    /// nawerking ([`Relaties::op`]).
    pub verwijzing_tot: Option<NaiveDate>,
}

impl Relaties {
    /// How many facts there are; [`Relaties::bits`] uses this many bits.
    pub const AANTAL: u32 = 5;

    /// The facts as a bit set, as the storage layer keeps them per
    /// organisation and jeugdige (the `toegang` table): bit 0 an open
    /// hulpvraag, 1 own wijkteam's case, 2 party to a case, 3 a referral to
    /// the provider, 4 own pupil.
    pub fn bits(&self) -> i64 {
        [
            self.open_hulpvraag,
            self.eigen_wijkteam_casus,
            self.partij_bij_casus,
            self.aanbieder_met_verwijzing,
            self.eigen_leerling,
        ]
        .iter()
        .enumerate()
        .filter(|(_, f)| **f)
        .fold(0, |m, (i, _)| m | 1 << i)
    }

    pub fn uit_bits(b: i64) -> Self {
        let feit = |i: u32| b & (1 << i) != 0;
        Self {
            open_hulpvraag: feit(0),
            eigen_wijkteam_casus: feit(1),
            partij_bij_casus: feit(2),
            aanbieder_met_verwijzing: feit(3),
            eigen_leerling: feit(4),
            verwijzing_tot: None,
        }
    }

    /// The facts as they hold on `vandaag`: a referral gives access until
    /// its last day plus [`Termijnen::nawerking_verwijzing`], no longer.
    /// Every decision applies this before [`mag_zien`]; the storage
    /// layer's list applies the same cut-off ([`verwijzing_grens`]).
    pub fn op(mut self, vandaag: NaiveDate, t: &Termijnen) -> Self {
        if self
            .verwijzing_tot
            .is_some_and(|tot| tot < verwijzing_grens(vandaag, t))
        {
            self.aanbieder_met_verwijzing = false;
        }
        self
    }
}

/// Every combination of facts that lets `rol` see a jeugdige, as one bit
/// set over [`Relaties::bits`] values: bit `n` is set when facts `n`
/// suffice. The storage layer filters its list with it
/// (`(patronen >> relaties) & 1 = 1`), so the decision stays in
/// [`mag_zien`] alone and a list never disagrees with a single read.
pub fn patronen(rol: Rol) -> i64 {
    (0..1i64 << Relaties::AANTAL)
        .filter(|b| mag_zien(rol, &Relaties::uit_bits(*b)).is_ok())
        .fold(0, |m, b| m | 1 << b)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grond {
    OpenHulpvraag,
    EigenWijkteamCasus,
    PartijBijCasus,
    AanbiederMetVerwijzing,
    /// A break-the-glass grant on the household's closed case
    /// ([`mag_noodtoegang`]): for reads only, while the grant holds. Never
    /// a result of [`mag_zien`]; the HTTP layer checks the stored grant.
    Noodtoegang,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weigering {
    /// Beleid and beheerder never see personal data.
    RolZonderDossiertoegang,
    /// No relation between the user's organisation and the jeugdige.
    GeenRelatie,
    /// The role may read this jeugdige's data, not change it.
    AlleenLezen,
}

pub fn mag_zien(rol: Rol, r: &Relaties) -> Result<Grond, Weigering> {
    if !rol.ziet_dossiers() {
        return Err(Weigering::RolZonderDossiertoegang);
    }
    let grond = match rol {
        Rol::Zorgcoordinator if r.open_hulpvraag => Some(Grond::OpenHulpvraag),
        // A school sees its own pupils in a joint case, not their siblings
        // at other schools: the school answers for the education part.
        Rol::Zorgcoordinator if r.partij_bij_casus && r.eigen_leerling => {
            Some(Grond::PartijBijCasus)
        }
        Rol::Zorgcoordinator => None,
        Rol::Casusregisseur | Rol::Wijkteammedewerker if r.eigen_wijkteam_casus => {
            Some(Grond::EigenWijkteamCasus)
        }
        Rol::Casusregisseur | Rol::Wijkteammedewerker if r.open_hulpvraag => {
            Some(Grond::OpenHulpvraag)
        }
        Rol::Aanbieder if r.aanbieder_met_verwijzing => Some(Grond::AanbiederMetVerwijzing),
        _ if r.partij_bij_casus => Some(Grond::PartijBijCasus),
        _ => None,
    };
    grond.ok_or(Weigering::GeenRelatie)
}

/// Whether `rol` may change a jeugdige's personal data (name, address,
/// school): the school for its pupil with an open question or in a joint
/// case, and the wijkteam for its own case. A verwijzer or provider reads
/// what it needs for its part, and does not rewrite the record.
pub fn mag_wijzigen(rol: Rol, r: &Relaties) -> Result<Grond, Weigering> {
    let grond = mag_zien(rol, r)?;
    match rol {
        Rol::Zorgcoordinator | Rol::Casusregisseur | Rol::Wijkteammedewerker => Ok(grond),
        _ => Err(Weigering::AlleenLezen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use proptest::prelude::*;

    proptest! {
        /// The documented rule for providers, stated apart from `mag_zien`:
        /// a provider reads a jeugdige only while a referral for them runs
        /// or ended at most the nawerking ago, or while it is a party to
        /// the household's open case — whatever the other facts and dates.
        #[test]
        fn aanbieder_alleen_binnen_de_regel(
            bits in 0i64..1 << Relaties::AANTAL,
            einde in 0u32..2000,
            vandaag in 0u32..2000,
            maanden in 0u32..24,
        ) {
            let dag = |n: u32| NaiveDate::from_ymd_opt(2024, 1, 1).expect("date") + chrono::Days::new(u64::from(n));
            let t = Termijnen { nawerking_verwijzing: Months::new(maanden), ..Termijnen::default() };
            let r = Relaties { verwijzing_tot: Some(dag(einde)), ..Relaties::uit_bits(bits) };
            let nu = dag(vandaag);
            let verwijzing_loopt = r.aanbieder_met_verwijzing
                && dag(einde) >= nu.checked_sub_months(Months::new(maanden)).expect("date");
            prop_assert_eq!(
                mag_zien(Rol::Aanbieder, &r.clone().op(nu, &t)).is_ok(),
                verwijzing_loopt || r.partij_bij_casus
            );
            // And no role gains anything by time passing.
            for rol in Rol::ALLE {
                let later = r.clone().op(nu + chrono::Days::new(400), &t);
                prop_assert!(mag_zien(rol, &later).is_err() || mag_zien(rol, &r.clone().op(nu, &t)).is_ok());
            }
        }
    }

    #[test]
    fn verwijzing_geeft_toegang_tot_einde_plus_nawerking() {
        let d = |m, dag| NaiveDate::from_ymd_opt(2026, m, dag).expect("date");
        let t = Termijnen::default();
        let r = Relaties {
            aanbieder_met_verwijzing: true,
            verwijzing_tot: Some(d(3, 31)),
            ..Default::default()
        };
        for (vandaag, ziet) in [
            (d(3, 31), true),
            (d(6, 30), true),
            (d(7, 1), false),
            (d(12, 1), false),
        ] {
            assert_eq!(
                mag_zien(Rol::Aanbieder, &r.clone().op(vandaag, &t)).is_ok(),
                ziet,
                "{vandaag}"
            );
        }
        let kort = Termijnen {
            nawerking_verwijzing: Months::new(0),
            ..Termijnen::default()
        };
        assert!(mag_zien(Rol::Aanbieder, &r.clone().op(d(4, 1), &kort)).is_err());
        assert_eq!(verwijzing_grens(d(6, 30), &t), d(3, 30));
        assert_eq!(
            verwijzing_grens(NaiveDate::MIN, &t),
            NaiveDate::MIN,
            "no overflow"
        );
    }

    #[test]
    fn noodtoegang_alleen_wijkteam_binnen_de_termijn() {
        let d = |j, m, dag| NaiveDate::from_ymd_opt(j, m, dag).expect("date");
        let t = Termijnen::default();
        let gesloten = Some(d(2026, 2, 28));
        for rol in [Rol::Casusregisseur, Rol::Wijkteammedewerker] {
            assert_eq!(
                mag_noodtoegang(rol, true, gesloten, d(2027, 2, 28), &t),
                Ok(d(2027, 2, 28))
            );
            assert_eq!(
                mag_noodtoegang(rol, true, gesloten, d(2027, 3, 1), &t),
                Err(GeenNoodtoegang::TermijnVerstreken)
            );
            assert_eq!(
                mag_noodtoegang(rol, false, gesloten, d(2026, 3, 1), &t),
                Err(GeenNoodtoegang::NietHetWijkteam),
                "another wijkteam"
            );
            assert_eq!(
                mag_noodtoegang(rol, true, None, d(2026, 3, 1), &t),
                Err(GeenNoodtoegang::CasusOpen)
            );
        }
        for rol in Rol::ALLE
            .into_iter()
            .filter(|r| !matches!(r, Rol::Casusregisseur | Rol::Wijkteammedewerker))
        {
            assert_eq!(
                mag_noodtoegang(rol, true, gesloten, d(2026, 3, 1), &t),
                Err(GeenNoodtoegang::NietHetWijkteam),
                "{rol:?}"
            );
        }
        assert_eq!(
            laatste_noodtoegangsdag(NaiveDate::MAX, &t),
            NaiveDate::MAX,
            "no overflow"
        );
    }

    #[test]
    fn bits_heen_en_terug() {
        for b in 0..1 << Relaties::AANTAL {
            assert_eq!(Relaties::uit_bits(b).bits(), b);
        }
        assert_eq!(
            Relaties {
                partij_bij_casus: true,
                eigen_leerling: true,
                ..Default::default()
            }
            .bits(),
            0b10100
        );
    }

    #[test]
    fn patronen_volgen_mag_zien() {
        for rol in Rol::ALLE {
            let p = patronen(rol);
            for b in 0..1 << Relaties::AANTAL {
                assert_eq!(
                    (p >> b) & 1 == 1,
                    mag_zien(rol, &Relaties::uit_bits(b)).is_ok(),
                    "{rol:?} {b:05b}"
                );
            }
        }
        assert_eq!(patronen(Rol::Beleid), 0);
        // Only own pupil (bit 4) and party (bit 2), or an open question (bit 0).
        let zc = patronen(Rol::Zorgcoordinator);
        assert_eq!((zc >> 0b10000) & 1, 0, "own pupil alone is no ground");
        assert_eq!((zc >> 0b10100) & 1, 1);
        assert_eq!((zc >> 0b00100) & 1, 0);
        assert_eq!((zc >> 0b00001) & 1, 1);
    }

    #[test]
    fn wijzigen_alleen_school_en_wijkteam() {
        let partij = Relaties {
            partij_bij_casus: true,
            eigen_wijkteam_casus: true,
            ..Default::default()
        };
        assert_eq!(
            mag_wijzigen(Rol::Casusregisseur, &partij),
            Ok(Grond::EigenWijkteamCasus)
        );
        assert_eq!(
            mag_wijzigen(Rol::Verwijzer, &partij),
            Err(Weigering::AlleenLezen)
        );
        assert_eq!(
            mag_wijzigen(Rol::Aanbieder, &partij),
            Err(Weigering::AlleenLezen)
        );
        assert_eq!(
            mag_wijzigen(Rol::Verwijzer, &Relaties::default()),
            Err(Weigering::GeenRelatie)
        );
    }

    #[test]
    fn standaard_geweigerd() {
        for rol in Rol::ALLE {
            assert!(mag_zien(rol, &Relaties::default()).is_err(), "{rol:?}");
        }
    }

    #[test]
    fn beleid_en_beheer_nooit() {
        let alles = Relaties {
            open_hulpvraag: true,
            eigen_wijkteam_casus: true,
            partij_bij_casus: true,
            aanbieder_met_verwijzing: true,
            eigen_leerling: true,
            verwijzing_tot: None,
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
            open_hulpvraag: true,
            ..Default::default()
        };
        assert_eq!(
            mag_zien(Rol::Zorgcoordinator, &vraag),
            Ok(Grond::OpenHulpvraag)
        );
        assert_eq!(
            mag_zien(Rol::Casusregisseur, &vraag),
            Ok(Grond::OpenHulpvraag),
            "a question the wijkteam handles"
        );
        assert!(
            mag_zien(Rol::Verwijzer, &vraag).is_err(),
            "JGZ registers no hulpvraag; it comes in as a party"
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
