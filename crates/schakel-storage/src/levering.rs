//! Deliveries under a referral as a list, and their corrections. A
//! correction never overwrites what was registered: it is a record of its
//! own pointing to the delivery it corrects, with a mandatory reason, and
//! the latest correction of a delivery is what counts against the budget
//! (the database view `levering_geldig`).

use chrono::{DateTime, NaiveDate, Utc};
use schakel_domain::Hoeveelheid;
use serde::Serialize;

use crate::model::Id;
use crate::verloop::Door;

/// A registered delivery with its corrections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levering {
    pub id: Id,
    pub verwijzing: Id,
    pub datum: NaiveDate,
    /// As first registered.
    pub geregistreerd: Hoeveelheid,
    /// As it counts now: the latest correction's, else as registered.
    pub hoeveelheid: Hoeveelheid,
    pub medewerker: Id,
    pub organisatie: Id,
    pub aangemaakt: DateTime<Utc>,
    /// Oldest first.
    pub correcties: Vec<Levercorrectie>,
}

/// One correction of a delivery: the amount it should have been and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levercorrectie {
    pub id: Id,
    pub levering: Id,
    pub hoeveelheid: Hoeveelheid,
    pub reden: String,
    pub medewerker: Id,
    pub organisatie: Id,
    pub aangemaakt: DateTime<Utc>,
}

/// A correction to record. `hoeveelheid` may be 0 (nothing was delivered
/// that day); `reden` is not empty.
#[derive(Debug, Clone, PartialEq)]
pub struct NieuweLevercorrectie {
    pub verwijzing: Id,
    pub levering: Id,
    pub hoeveelheid: Hoeveelheid,
    pub reden: String,
    pub door: Door,
}
