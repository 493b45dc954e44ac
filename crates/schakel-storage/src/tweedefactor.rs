//! Second factors (issue 13.3): what an account proves itself with after
//! its password — a TOTP app (RFC 6238) or a passkey (WebAuthn) — its
//! single-use recovery codes, and the half-finished login that waits for
//! the second factor (an [`Aanmelding`]), which grants nothing else.
//!
//! The store keeps what the HTTP layer hands it: a TOTP secret already
//! encrypted (see `schakel_http::tweedefactor`), a passkey as the JSON
//! webauthn-rs makes of it, recovery codes as hashes only.

use chrono::{DateTime, Utc};

use crate::{Id, Roltoewijzing};

/// The kind of a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factorsoort {
    Totp,
    Passkey,
}

impl Factorsoort {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Totp => "totp",
            Self::Passkey => "passkey",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "totp" => Some(Self::Totp),
            "passkey" => Some(Self::Passkey),
            _ => None,
        }
    }
}

/// A second factor to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweTweedeFactor {
    pub medewerker: Id,
    pub soort: Factorsoort,
    /// What the user calls it ("Telefoon", "Laptop").
    pub naam: String,
    /// TOTP: the encrypted secret; passkey: the credential as JSON.
    pub gegevens: String,
    pub aangemaakt: DateTime<Utc>,
}

/// A stored second factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TweedeFactor {
    pub id: Id,
    pub medewerker: Id,
    pub soort: Factorsoort,
    pub naam: String,
    pub gegevens: String,
    pub aangemaakt: DateTime<Utc>,
    /// TOTP: the last time step a code was accepted for (a code works
    /// once: a later login needs a later step).
    pub laatste_stap: Option<i64>,
    pub laatst_gebruikt: Option<DateTime<Utc>>,
}

/// What a half-finished login is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AanmeldDoel {
    /// The password was right; the second factor is asked.
    Controle,
    /// The account has no second factor yet: it enrols one first (after
    /// activation, or an account from before multi-factor login).
    Inschrijven,
}

impl AanmeldDoel {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Controle => "controle",
            Self::Inschrijven => "inschrijven",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "controle" => Some(Self::Controle),
            "inschrijven" => Some(Self::Inschrijven),
            _ => None,
        }
    }
}

/// A login whose first factor (password, or single sign-on without MFA)
/// is done and whose second is not: its own cookie, its own short expiry,
/// and no access to anything but the second-factor step. Only the hash of
/// its cookie's secret is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aanmelding {
    pub token_hash: String,
    pub medewerker: Id,
    /// The role chosen at the password step (none while enrolling after
    /// activation).
    pub rol: Option<Roltoewijzing>,
    pub doel: AanmeldDoel,
    /// For the step's own forms.
    pub csrf_token: String,
    /// Between two requests of the step: a TOTP secret being enrolled (as
    /// stored: encrypted), a WebAuthn challenge. JSON, empty object when none.
    pub staat: String,
    pub aangemaakt: DateTime<Utc>,
    pub verloopt: DateTime<Utc>,
}
