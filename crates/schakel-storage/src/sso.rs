//! Single sign-on with an organisation's own OpenID Provider (issue 13.4):
//! what the beheerder configures per organisation, the link of an account
//! to its subject at the provider, and the short-lived state of a login
//! between the redirect to the provider and its way back.

use chrono::{DateTime, Utc};

use crate::Id;

/// An organisation's single sign-on. The client secret is stored because
/// the token request needs it; it is never shown back or logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoInstelling {
    pub organisatie: Id,
    /// Off: the settings are kept, nobody logs in through them.
    pub actief: bool,
    /// The provider's issuer URL (discovery starts there).
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// E-mail domains (lower case) whose verified addresses may be matched
    /// to an invited account.
    pub domeinen: Vec<String>,
    /// Create an account without a role for a verified address of an
    /// allowed domain that nobody invited.
    pub onbekend_aanmaken: bool,
    /// `acr` values that count as a login with more than one factor.
    pub acr_mfa: Vec<String>,
}

/// A login under way: stored when the browser is sent to the provider,
/// taken (and so removed) when it comes back. Only the hashes of the
/// state and of the browser's binding cookie are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoPoging {
    pub state_hash: String,
    pub binding_hash: String,
    pub organisatie: Id,
    pub nonce: String,
    pub pkce_verifier: String,
    /// The role asked for (`rol:organisatie`) when an account with several
    /// roles chose one and went round again.
    pub rol: Option<String>,
    pub verloopt: DateTime<Utc>,
    /// A re-confirmation of a signed-in user (before an API token): the
    /// provider was asked to log in anew (`prompt=login`, `max_age=0`),
    /// and its `auth_time` must be no older than this attempt.
    pub herbevestiging: bool,
}

/// An account's subject at a provider: after the first login the account
/// is found by it, whatever e-mail address the provider sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoKoppeling {
    pub issuer: String,
    pub subject: String,
    pub medewerker: Id,
    /// The organisation whose single sign-on made the link.
    pub organisatie: Id,
    pub aangemaakt: DateTime<Utc>,
}

/// A list as stored: one value per line.
pub fn regels(waarden: &[String]) -> String {
    waarden.join("\n")
}

/// The stored lines back as a list (no empty ones).
pub fn uit_regels(tekst: &str) -> Vec<String> {
    tekst
        .lines()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}
