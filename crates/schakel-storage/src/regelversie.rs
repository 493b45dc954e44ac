//! Which rule and calendar files the instances on one database serve
//! (issue 15.3): recorded per region, so that two instances with different
//! files cannot both serve.

use chrono::{DateTime, Utc};

/// One region's rules as loaded by an instance, or as recorded in the
/// database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regelversie {
    /// The region's code (`data/regio/<code>/`).
    pub regio: String,
    /// SHA-256 (hex) over its normenkader and the school calendar
    /// (`schakel_rules::Regelset::vingerafdruk`); None: no normenkader.
    pub vingerafdruk: Option<String>,
}

/// A recorded [`Regelversie`] and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VastgelegdeRegelversie {
    pub versie: Regelversie,
    pub vastgelegd: DateTime<Utc>,
}

/// How [`Opslag::leg_regelversies_vast`](crate::Opslag::leg_regelversies_vast)
/// records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vastlegging {
    /// Only when nothing is recorded yet: the first start on a database.
    Eerste,
    /// Replaces whatever is recorded: a deliberate new version, announced
    /// to the other instances.
    Publicatie,
}

/// Publications of other instances, one message each
/// ([`Opslag::volg_regelpublicaties`](crate::Opslag::volg_regelpublicaties)).
pub type Regelpublicaties = tokio::sync::mpsc::Receiver<()>;
