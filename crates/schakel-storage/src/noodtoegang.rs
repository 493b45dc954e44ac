//! Break-the-glass on a closed case (noodtoegang, NEN 7510): the wijkteam
//! that ran a case may read it for a while after it closed, each time for
//! a short window and only with a stated reason. The store keeps every
//! grant — who, when, why, which case, until when — for the region's
//! beheerder (privacy officer) to review; the rule itself lives in
//! `schakel_domain::toegang::mag_noodtoegang`.

use chrono::{DateTime, Utc};
use schakel_domain::Rol;

use crate::Id;

/// A grant to store: `medewerker` acting as `rol` for `organisatie` may
/// read closed case `casus` from `verleend` until `tot`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweNoodtoegang {
    pub casus: Id,
    pub medewerker: Id,
    pub rol: Rol,
    pub organisatie: Id,
    pub reden: String,
    pub verleend: DateTime<Utc>,
    pub tot: DateTime<Utc>,
}

/// A stored grant, with the names the report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noodtoegang {
    pub id: Id,
    pub casus: Id,
    /// The case's household: the case reference the report shows (never a
    /// jeugdige's name or BSN).
    pub huishouden: Id,
    pub medewerker: Id,
    pub medewerker_naam: String,
    pub rol: Rol,
    pub organisatie: Id,
    pub organisatie_naam: String,
    pub reden: String,
    pub verleend: DateTime<Utc>,
    pub tot: DateTime<Utc>,
}

/// Which grants the report lists: those of organisations of `regio`
/// granted at or after `van` and before `tot`, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoodtoegangFilter {
    pub regio: Id,
    pub van: Option<DateTime<Utc>>,
    pub tot: Option<DateTime<Utc>>,
}
