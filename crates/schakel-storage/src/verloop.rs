//! Records of the support route after triage: the events of a joint case,
//! referrals with the hours delivered against them, and the actions with
//! due dates that both create.

use chrono::{DateTime, NaiveDate, Utc};
use schakel_domain::Hoeveelheid;
use schakel_domain::Rol;
use schakel_domain::verloop::{Gebeurtenis, Termijn};
use serde::Serialize;

use crate::model::Id;

/// Who recorded something: a medewerker in one role at one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Door {
    pub medewerker: Id,
    pub rol: Rol,
    pub organisatie: Id,
}

/// An event to append to a case, with what changes along with it; all of
/// it lands in one transaction or none of it does.
#[derive(Debug, Clone, PartialEq)]
pub struct NieuweCasusGebeurtenis {
    pub casus: Id,
    /// The number it gets: one more than the last the caller saw. Someone
    /// else's event in between is [`crate::OpslagFout::VersieConflict`].
    pub volgnummer: i64,
    pub gebeurtenis: Gebeurtenis,
    pub door: Door,
    pub nieuwe_partijen: Vec<Id>,
    pub sluit: bool,
    pub acties: Vec<NieuwActiepunt>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CasusGebeurtenis {
    pub volgnummer: i64,
    pub gebeurtenis: Gebeurtenis,
    pub door: Door,
    pub tijdstip: DateTime<Utc>,
}

/// A referral (beschikking / jeugdhulpbepaling) as the verwijzer records it,
/// with the normenkader check it was given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NieuweVerwijzing {
    pub jeugdige: Id,
    pub casus: Option<Id>,
    pub door: Door,
    pub aanbieder: Id,
    pub product: String,
    pub volume: f64,
    /// iJw unit name: uur, dagdeel, etmaal.
    pub eenheid: String,
    /// iJw frequency name: week, maand, totaal.
    pub per: String,
    pub ingangsdatum: NaiveDate,
    pub einddatum: NaiveDate,
    /// Units granted over the whole period.
    pub toegekend: Hoeveelheid,
    pub binnen_normen: bool,
    /// Ids of the rules the check relied on.
    pub regels: Vec<String>,
    /// "regio versie", e.g. "almere 2025-08-01".
    pub normenkader: String,
    pub bevindingen: serde_json::Value,
    /// Maatwerk: why the verwijzer refers outside the norms.
    pub motivatie: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GemeentelijkeToets {
    /// Outside the norms with a motivation: the municipality reviews it.
    Open,
    Akkoord,
    Afgewezen,
}

impl GemeentelijkeToets {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Akkoord => "akkoord",
            Self::Afgewezen => "afgewezen",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Open, Self::Akkoord, Self::Afgewezen]
            .into_iter()
            .find(|t| t.naam() == s)
    }
}

/// The municipality's decision on a maatwerk referral: by whom, when, why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Beoordeling {
    pub motivatie: String,
    pub door: Id,
    pub op: DateTime<Utc>,
}

/// Which maatwerk referrals to list for a region's toegang.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaatwerkFilter {
    pub regio: Id,
    /// Those still waiting for a decision, or those decided.
    pub open: bool,
}

impl MaatwerkFilter {
    /// The `bron` of the review's action: deciding closes it.
    pub const ACTIE_BRON: &'static str = schakel_domain::werkvoorraad::MAATWERK_BRON;
}

/// A decision to record (`Akkoord` or `Afgewezen`).
#[derive(Debug, Clone, PartialEq)]
pub struct NieuweBeoordeling {
    pub verwijzing: Id,
    pub besluit: GemeentelijkeToets,
    pub motivatie: String,
    pub door: Door,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verwijzing {
    pub id: Id,
    #[serde(flatten)]
    pub gegevens: NieuweVerwijzing,
    pub gemeentelijke_toets: Option<GemeentelijkeToets>,
    /// Set once the municipality decided.
    pub beoordeling: Option<Beoordeling>,
    /// Units delivered so far.
    pub geleverd: Hoeveelheid,
    pub aangemaakt: DateTime<Utc>,
}

impl Verwijzing {
    pub fn resterend(&self) -> Hoeveelheid {
        self.gegevens
            .toegekend
            .checked_sub(self.geleverd)
            .unwrap_or(Hoeveelheid::NUL)
    }
}

/// Units a provider delivered on one day under a referral.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NieuweLevering {
    pub verwijzing: Id,
    pub datum: NaiveDate,
    pub hoeveelheid: Hoeveelheid,
    pub door: Door,
}

/// An action with a due date for a responsible organisation (and, where
/// known, medewerker).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NieuwActiepunt {
    pub casus: Option<Id>,
    pub verwijzing: Option<Id>,
    pub organisatie: Id,
    pub medewerker: Option<Id>,
    pub wat: String,
    pub bron: String,
    pub uiterlijk: NaiveDate,
}

impl NieuwActiepunt {
    pub fn uit_termijn(t: &Termijn, casus: Option<Id>, medewerker: Option<Id>) -> Self {
        Self {
            casus,
            verwijzing: None,
            organisatie: t.organisatie,
            medewerker,
            wat: t.wat.clone(),
            bron: t.bron.clone(),
            uiterlijk: t.uiterlijk,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actiepunt {
    pub id: Id,
    #[serde(flatten)]
    pub gegevens: NieuwActiepunt,
    pub afgerond: Option<DateTime<Utc>>,
}

/// Which actions to list for an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiepuntFilter {
    pub organisatie: Id,
    /// Only those of this medewerker (or of nobody in particular).
    pub medewerker: Option<Id>,
    /// Only open actions due before this day.
    pub verlopen_op: Option<NaiveDate>,
}

/// Whether the municipality may still decide on `v`: a maatwerk referral
/// whose review is open. One rule for both backends.
pub fn eis_open_toets(v: &Verwijzing) -> Result<(), crate::OpslagFout> {
    match v.gemeentelijke_toets {
        Some(GemeentelijkeToets::Open) => Ok(()),
        None => Err(crate::OpslagFout::Toestand(
            "deze verwijzing valt binnen de normen; de gemeente hoeft haar niet te beoordelen"
                .into(),
        )),
        Some(_) => Err(crate::OpslagFout::Toestand(
            "de gemeente heeft over deze verwijzing al besloten".into(),
        )),
    }
}

/// Refuses a delivery on a referral the municipality turned down: it was
/// never granted.
pub fn eis_leverbaar(v: &Verwijzing) -> Result<(), crate::OpslagFout> {
    if v.gemeentelijke_toets == Some(GemeentelijkeToets::Afgewezen) {
        return Err(crate::OpslagFout::Toestand(
            "de gemeente heeft deze maatwerkverwijzing afgewezen; er kan niet op geleverd worden"
                .into(),
        ));
    }
    Ok(())
}

/// Refuses a delivery that would take more than the referral has left:
/// what was granted is the limit, and the check runs inside the write
/// transaction so two deliveries cannot both take the last hours.
pub fn budget_toereikend(
    v: &Verwijzing,
    hoeveelheid: Hoeveelheid,
) -> Result<(), crate::OpslagFout> {
    if hoeveelheid > v.resterend() {
        return Err(crate::OpslagFout::Toestand(format!(
            "meer dan er resteert op deze verwijzing: nog {} {} van {}",
            v.resterend(),
            v.gegevens.eenheid,
            v.gegevens.toegekend
        )));
    }
    Ok(())
}

/// Aggregates for one region (and optionally one school, or the
/// jeugdigen living in one gemeente) over a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonitoringVraag {
    pub regio: Id,
    pub school: Option<Id>,
    /// The CBS number of the gemeente of residence (34 for GM0034): the
    /// cases with a jeugdige whose address the directory places there,
    /// the maatwerk referrals of such a jeugdige.
    pub gemeente: Option<u32>,
    pub van: NaiveDate,
    pub tot: NaiveDate,
}

/// One figure: how many of a kind in a month, with up to two averages or
/// sums and the number of values behind each.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonitoringCel {
    /// "YYYY-MM".
    pub maand: String,
    /// An event code (`escalatie.escalatie`, `onderwijs.thuiszitter`, …),
    /// `casus.nieuw`, `casus.open` (at the month's end), `uren.toegekend`
    /// or `uren.geleverd`.
    pub kenmerk: String,
    pub aantal: i64,
    /// (sum, number of values), exact: the survey scores' sums for
    /// `evaluatie` (their average is published), the hours in hundredths
    /// for `uren.*`.
    pub waarden: [(Option<i64>, i64); 2],
}

/// Each month from `van` to `tot` as ("YYYY-MM", its last day, at most `tot`).
pub fn maanden(van: NaiveDate, tot: NaiveDate) -> Vec<(String, NaiveDate)> {
    use chrono::{Datelike, Months};
    let mut uit = Vec::new();
    let mut begin = van.with_day(1).unwrap_or(van);
    while begin <= tot {
        // Checked: at the end of chrono's range there is no next month.
        let volgende = begin.checked_add_months(Months::new(1));
        let einde = volgende.and_then(|v| v.pred_opt()).unwrap_or(tot).min(tot);
        uit.push((begin.format("%Y-%m").to_string(), einde));
        let Some(volgende) = volgende else { break };
        begin = volgende;
    }
    uit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maanden_tot_en_met_de_laatste_dag() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).expect("geldig");
        assert_eq!(
            maanden(d(1, 15), d(3, 10)),
            [
                ("2026-01".to_string(), d(1, 31)),
                ("2026-02".to_string(), d(2, 28)),
                ("2026-03".to_string(), d(3, 10))
            ]
        );
        assert!(maanden(d(3, 1), d(2, 1)).is_empty());
    }

    /// At the end of chrono's range: the last month, no panic.
    #[test]
    fn maanden_aan_het_einde_van_het_bereik() {
        let m = maanden(NaiveDate::MAX, NaiveDate::MAX);
        assert_eq!(
            m,
            [(NaiveDate::MAX.format("%Y-%m").to_string(), NaiveDate::MAX)]
        );
    }
}
