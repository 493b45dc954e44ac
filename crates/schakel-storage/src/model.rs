//! Records as stored. Identifiers are validated domain types; what comes out
//! of the database is parsed again, so a corrupt row is an error, not a value.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use schakel_domain::{
    Agb, Brin, Bsn, GemeenteCode, Huisnummer, OrganisatieSoort, Postcode, Rol, Triage,
};
use serde::Serialize;

pub type Id = i64;

/// Jeugdwet art. 7.3.8 lid 3: a jeugdhulp dossier is kept for 20 years after
/// its last change.
pub const BEWAARTERMIJN_JAREN: i32 = 20;

pub fn bewaren_tot(laatst_gewijzigd: DateTime<Utc>) -> NaiveDate {
    let d = laatst_gewijzigd.date_naive();
    d.with_year(d.year() + BEWAARTERMIJN_JAREN)
        // 29 February + 20 years may not exist: keep until 1 March then.
        .unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(d.year() + BEWAARTERMIJN_JAREN, 3, 1).unwrap_or(NaiveDate::MAX)
        })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NieuweRegio {
    pub code: String,
    pub naam: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Regio {
    pub id: Id,
    pub code: String,
    pub naam: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NieuweOrganisatie {
    pub regio: Id,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub gemeente: Option<GemeenteCode>,
    pub brin: Option<Brin>,
    pub agb: Option<Agb>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organisatie {
    pub id: Id,
    pub regio: Id,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub gemeente: Option<GemeenteCode>,
    pub brin: Option<Brin>,
    pub agb: Option<Agb>,
}

/// A role within one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Roltoewijzing {
    pub rol: Rol,
    pub organisatie: Id,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweMedewerker {
    pub naam: String,
    /// Login name; stored lower-case, unique.
    pub email: String,
    /// argon2id PHC string.
    pub wachtwoord_hash: String,
    pub rollen: Vec<Roltoewijzing>,
    /// A demo account (see [`Medewerker::demo`]); only the demo loader sets it.
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Medewerker {
    pub id: Id,
    pub naam: String,
    pub email: String,
    pub actief: bool,
    pub rollen: Vec<Roltoewijzing>,
    /// Created by `serve --demo` (through `schakel_http::account::nodig_uit`
    /// with `demo` set), with a password printed at start-up: such an
    /// account may skip the second factor. Never set for a real region.
    pub demo: bool,
}

/// A browser session. Only the hash of the cookie value is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sessie {
    pub token_hash: String,
    pub medewerker: Id,
    /// The role the user acts in during this session.
    pub rol: Roltoewijzing,
    pub csrf_token: String,
    pub aangemaakt: DateTime<Utc>,
    pub laatst_actief: DateTime<Utc>,
    pub verloopt: DateTime<Utc>,
}

/// A bearer token to be stored. Only the hash of its secret is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuwApiToken {
    pub token_hash: String,
    pub medewerker: Id,
    pub rol: Roltoewijzing,
    pub naam: String,
    pub aangemaakt: DateTime<Utc>,
    pub verloopt: DateTime<Utc>,
}

/// A stored bearer token for API clients: what its owner and the region's
/// beheerder see in the list (never the secret, which is not stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: Id,
    pub token_hash: String,
    pub medewerker: Id,
    pub rol: Roltoewijzing,
    pub naam: String,
    pub aangemaakt: DateTime<Utc>,
    /// The last request made with it; none while unused.
    pub laatst_gebruikt: Option<DateTime<Utc>>,
    pub verloopt: DateTime<Utc>,
}

/// A one-time activation link of an account (its secret is not stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activatie {
    pub medewerker: Id,
    pub verloopt: DateTime<Utc>,
    /// When it was used; a link works once.
    pub gebruikt: Option<DateTime<Utc>>,
}

/// Whose accounts to list. Accounts with the national role (`landelijk`)
/// are on no list: only the installation's operator manages them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MedewerkerFilter {
    /// Accounts with a role at an organisation of this region.
    Regio(Id),
    /// Accounts with a role at this organisation.
    Organisatie(Id),
    /// Accounts whose roles all lie at this organisation, none of them
    /// beheerder: what the organisation's accountbeheerder manages.
    EigenOrganisatie(Id),
}

/// Which tokens to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenFilter {
    /// One medewerker's own tokens.
    Van(Id),
    /// Every token acting for an organisation of this region.
    Regio(Id),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vertegenwoordiger {
    pub naam: String,
    /// ouder, voogd, …
    pub relatie: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuwHuishouden {
    pub vertegenwoordigers: Vec<Vertegenwoordiger>,
    /// The organisation that registers it.
    pub aangemaakt_door: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Huishouden {
    pub id: Id,
    pub vertegenwoordigers: Vec<Vertegenwoordiger>,
    pub jeugdigen: Vec<Id>,
    /// The organisation that registered it (none for households from
    /// before this was kept).
    pub aangemaakt_door: Option<Id>,
    pub gewijzigd: DateTime<Utc>,
    pub bewaren_tot: NaiveDate,
}

impl Jeugdige {
    /// First name and surname, as pages show them.
    pub fn naam(&self) -> String {
        format!("{} {}", self.gegevens.voornaam, self.gegevens.achternaam)
    }
}

/// The fields of a jeugdige that can change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JeugdigeWijziging {
    pub voornaam: String,
    pub achternaam: String,
    pub postcode: Postcode,
    pub huisnummer: Huisnummer,
    pub toevoeging: Option<String>,
    pub school: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweJeugdige {
    pub huishouden: Id,
    pub bsn: Bsn,
    pub geboortedatum: NaiveDate,
    pub gegevens: JeugdigeWijziging,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jeugdige {
    pub id: Id,
    pub huishouden: Id,
    pub bsn: Bsn,
    pub geboortedatum: NaiveDate,
    pub gegevens: JeugdigeWijziging,
    /// Increases with every change; the API's ETag.
    pub versie: i64,
    pub gewijzigd: DateTime<Utc>,
    pub bewaren_tot: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweHulpvraag {
    pub jeugdige: Id,
    /// The school or wijkteam whose contact person registers it.
    pub organisatie: Id,
    pub omschrijving: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hulpvraag {
    pub id: Id,
    pub jeugdige: Id,
    pub organisatie: Id,
    pub omschrijving: String,
    /// Who handles it now: the registrant until triage, then the party it
    /// was handed to (for a joint case, the registrant still).
    pub behandelaar: Id,
    pub triage: Option<Triage>,
    /// The joint case it went to (triage "beide").
    pub casus: Option<Id>,
    pub open: bool,
    pub aangemaakt: DateTime<Utc>,
    pub getrieerd: Option<DateTime<Utc>>,
    pub getrieerd_door: Option<Id>,
}

/// The outcome of triage, to be stored with its consequences at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triagebesluit {
    pub uitkomst: Triage,
    /// The party that handles it from now on.
    pub behandelaar: Id,
    /// The medewerker who triaged.
    pub door: Id,
    /// For "beide": the joint case. When the household has an open case
    /// already, the question joins that one (one household, one plan) and
    /// these parties join it.
    pub casus: Option<NieuweCasus>,
    /// For "beide": the household's open case the caller saw (and checked
    /// the parties against), or none. When the store finds another, the
    /// triage is refused ([`crate::OpslagFout::Toestand`]): parties chosen
    /// for a new case must never silently join an existing one.
    pub aansluiten: Option<Id>,
    /// One record per organisation and jeugdige this triage opens access
    /// to, stored with it (so each jeugdige's inzage shows the grant).
    pub toegang: Vec<crate::audit::NieuwAuditRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NieuweCasus {
    pub huishouden: Id,
    pub wijkteam: Id,
    /// Other organisations party to the case (JGZ, providers, school).
    pub partijen: Vec<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Casus {
    pub id: Id,
    pub huishouden: Id,
    pub wijkteam: Id,
    pub partijen: Vec<Id>,
    pub open: bool,
    pub aangemaakt: DateTime<Utc>,
    /// When the case closed (`None` while open).
    pub gesloten: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentieItem {
    /// "jeugdige" or "huishouden".
    pub soort: String,
    pub id: Id,
    pub gewijzigd: DateTime<Utc>,
    pub bewaren_tot: NaiveDate,
}
