//! The directory data the access route (seed 000,
//! `schakel_domain::toegangsroute`) decides on: an organisation's contact
//! person, a school's OJA arrangement with its hoofdaanbieder, the postcode
//! areas (PC4) a wijkteam serves, and the region's gemandateerde verwijzer.
//!
//! A later issue builds a full address directory; until then a wijkteam's
//! werkgebied is a plain list of PC4 areas, each served by one wijkteam.

use chrono::NaiveDate;
use schakel_domain::{OrganisatieSoort, Pc4};
use serde::Serialize;

use crate::{Id, OpslagFout, Resultaat};

/// A school's onderwijs-jeugdhulparrangement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OjaArrangement {
    /// The normenkader's name of the OJA school (its `[[school]]` name);
    /// one organisation per name. Whether the normenkader
    /// in force lists it is for the caller to check: the store does not
    /// know the rules.
    pub arrangement: String,
    /// The aanbieder connected to the school, when known.
    pub hoofdaanbieder: Option<Id>,
    /// The period the arrangement runs, both days inclusive; open at
    /// either end when absent.
    pub geldig_vanaf: Option<NaiveDate>,
    pub geldig_tot: Option<NaiveDate>,
}

impl OjaArrangement {
    /// Whether the arrangement runs on `datum`.
    pub fn geldt_op(&self, datum: NaiveDate) -> bool {
        self.geldig_vanaf.is_none_or(|v| v <= datum) && self.geldig_tot.is_none_or(|t| datum <= t)
    }
}

/// What the directory holds about one organisation for the access route.
/// [`crate::Opslag::zet_directory_gegevens`] replaces all of it at once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DirectoryGegevens {
    /// The medewerker parents and professionals are pointed to; must hold
    /// a role in the organisation.
    pub contactpersoon: Option<Id>,
    /// Schools only.
    pub oja: Option<OjaArrangement>,
    /// Wijkteams only: the postcode areas it serves, ascending. A PC4 is
    /// served by at most one wijkteam.
    pub werkgebied: Vec<Pc4>,
    /// JGZ only: this organisation is the gemandateerde verwijzer of its
    /// region (at most one per region).
    pub verwijzer_van_regio: bool,
}

impl DirectoryGegevens {
    /// The rules that need no other record: which kind of organisation may
    /// hold which data. Both backends check this first.
    pub fn controleer(&self, soort: OrganisatieSoort) -> Resultaat<()> {
        let fout = |m: &str| Err(OpslagFout::Toestand(m.into()));
        if let Some(oja) = &self.oja {
            if soort != OrganisatieSoort::School {
                return fout("oja: alleen een school heeft een onderwijs-jeugdhulparrangement");
            }
            if let (Some(v), Some(t)) = (oja.geldig_vanaf, oja.geldig_tot)
                && t < v
            {
                return fout("oja.geldig_tot: ligt vóór de begindatum van het arrangement");
            }
            if oja.arrangement.trim().is_empty() {
                return fout(
                    "oja.arrangement: verplicht, de naam van de school in het normenkader",
                );
            }
        }
        if !self.werkgebied.is_empty() && soort != OrganisatieSoort::Wijkteam {
            return fout("werkgebied: alleen een wijkteam heeft een werkgebied");
        }
        if self.verwijzer_van_regio && soort != OrganisatieSoort::Jgz {
            return fout(
                "verwijzer_van_regio: alleen de jeugdgezondheidszorg (JGZ) is hier de \
                 gemandateerde verwijzer van de regio",
            );
        }
        Ok(())
    }

    /// The werkgebied sorted and without repeats, as it is stored.
    pub fn genormaliseerd(&self) -> Self {
        let mut g = self.clone();
        g.werkgebied.sort_unstable();
        g.werkgebied.dedup();
        if let Some(oja) = &mut g.oja {
            oja.arrangement = oja.arrangement.trim().to_string();
        }
        g
    }
}

/// A contact person who does not work at the organisation.
pub fn contactpersoon_elders() -> OpslagFout {
    OpslagFout::Toestand("contactpersoon: de medewerker heeft geen rol bij deze organisatie".into())
}

/// A hoofdaanbieder that is no aanbieder.
pub fn geen_aanbieder() -> OpslagFout {
    OpslagFout::Toestand("oja.hoofdaanbieder: verwacht een organisatie van soort aanbieder".into())
}

/// A PC4 another wijkteam serves already.
pub fn pc4_bezet(pc4: Pc4) -> OpslagFout {
    OpslagFout::Toestand(format!(
        "werkgebied: postcodegebied {pc4} hoort al bij het werkgebied van een ander wijkteam"
    ))
}

/// A second verwijzer for one region.
pub fn verwijzer_bezet() -> OpslagFout {
    OpslagFout::Toestand(
        "verwijzer_van_regio: de regio heeft al een andere gemandateerde verwijzer".into(),
    )
}
