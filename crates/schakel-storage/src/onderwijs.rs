//! A jeugdige's onderwijssituatie in the dossier (issue 14.5) and the
//! region's interventie-afspraken (seed 004, footnote ***). The situation
//! is kept with its history: each record holds from `van` until `tot` (or
//! until a later one starts) and is never changed afterwards, so a
//! referral can be checked against the situation of its own start date.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{Door, Id};

/// A situation to record for a jeugdige.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweOnderwijssituatie {
    pub jeugdige: Id,
    /// A situation key of the region's normenkader (its `[[situatie]]`
    /// list), stored as the rules spell it.
    pub situatie: String,
    /// The school's name as the normenkader knows it (its `[[school]]`
    /// list: OJA and JOA schools, schools with their own calendar).
    pub school: Option<String>,
    /// Dagdelen per week the child still attends school (0–9), where the
    /// situation needs it.
    pub schooldagdelen: Option<u8>,
    pub van: NaiveDate,
    pub tot: Option<NaiveDate>,
    pub door: Door,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Onderwijssituatie {
    pub id: Id,
    pub gegevens: NieuweOnderwijssituatie,
    pub vastgelegd: DateTime<Utc>,
}

impl Onderwijssituatie {
    /// The record that holds on `dag` of a history in the order the store
    /// gives it (oldest `van` first): the latest one that started on or
    /// before `dag` and has not ended before it.
    pub fn op(historie: &[Onderwijssituatie], dag: NaiveDate) -> Option<&Onderwijssituatie> {
        historie
            .iter()
            .rev()
            .find(|s| s.gegevens.van <= dag)
            .filter(|s| s.gegevens.tot.is_none_or(|t| t >= dag))
    }
}

/// An interventie-afspraak between a provider and the gemeente for a
/// period (both days included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweInterventieafspraak {
    pub aanbieder: Id,
    pub gemeente: Id,
    pub omschrijving: String,
    pub van: NaiveDate,
    pub tot: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interventieafspraak {
    pub id: Id,
    pub gegevens: NieuweInterventieafspraak,
    pub vastgelegd: DateTime<Utc>,
}

impl Interventieafspraak {
    pub fn geldt_op(&self, dag: NaiveDate) -> bool {
        self.gegevens.van <= dag && dag <= self.gegevens.tot
    }
}
