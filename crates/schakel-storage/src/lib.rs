//! # schakel-storage
//!
//! One storage interface, [`Opslag`], with one implementation per backend
//! (`schakel-storage-sqlite`, `schakel-storage-postgres`), each with its own
//! migrations, and one integration test suite ([`testsuite`]) that every
//! backend passes.
//!
//! Writes of a jeugdige's data take the audit record that describes them and
//! store both in one transaction: a change without its audit record is never
//! committed. Reads are logged by the caller through [`Opslag::schrijf_audit`]
//! (or, for a list, [`Opslag::schrijf_audits`] in one transaction) before
//! the data is handed out.

pub mod audit;
pub mod boomvolger;
pub mod checkpoint;
pub mod gids;
pub mod klok;
pub mod levering;
pub mod lijsten;
pub mod merkle;
pub mod model;
pub mod noodtoegang;
pub mod onderwijs;
pub mod pak;
pub mod regelversie;
pub mod sequencer;
pub mod sso;
#[cfg(feature = "testsuite")]
pub mod testsuite;
pub mod toegangsroute;
pub mod tweedefactor;
pub mod verloop;

use std::path::Path;

use async_trait::async_trait;
use chrono::NaiveDate;
use schakel_domain::Bsn;
use schakel_domain::gids::{Buurtcode, Gebied};
use schakel_domain::toegang::Relaties;

pub use audit::{AuditRecord, AuditSchakel, NieuwAuditRecord};
pub use checkpoint::Checkpoint;
pub use gids::{
    Aanbod, Adresbestand, Adresimport, Adresrij, Contactpunt, Gebiednaam, Gidscontact,
    Schoolimport, Schoolrij, WijkteamGebied,
};
pub use levering::{Levercorrectie, Levering, NieuweLevercorrectie};
pub use lijsten::{
    CasusFilter, CasusOverzicht, CasusSortering, HulpvraagStand, HulpvragenFilter,
    HulpvragenSortering, JeugdigenFilter, JeugdigenSortering, OpenCasusVerloop, Periode,
    VerwijzingPeriode, VerwijzingSortering, VerwijzingStand, VerwijzingenFilter, VerwijzingenVan,
    ZOEK_MAX, zoek_bsn, zoekterm,
};
pub use model::*;
pub use noodtoegang::{NieuweNoodtoegang, Noodtoegang, NoodtoegangFilter};
pub use onderwijs::{
    Interventieafspraak, NieuweInterventieafspraak, NieuweOnderwijssituatie, Onderwijssituatie,
};
pub use regelversie::{Regelpublicaties, Regelversie, VastgelegdeRegelversie, Vastlegging};
pub use sso::{SsoInstelling, SsoKoppeling, SsoPoging};
pub use toegangsroute::{DirectoryGegevens, OjaArrangement};
pub use tweedefactor::{AanmeldDoel, Aanmelding, Factorsoort, NieuweTweedeFactor, TweedeFactor};
pub use verloop::{
    Actiepunt, ActiepuntFilter, Beoordeling, CasusGebeurtenis, Door, GemeentelijkeToets,
    MaatwerkFilter, MonitoringCel, MonitoringVraag, NieuwActiepunt, NieuweBeoordeling,
    NieuweCasusGebeurtenis, NieuweLevering, NieuweVerwijzing, Verwijzing,
};

#[derive(Debug, thiserror::Error)]
pub enum OpslagFout {
    #[error("niet gevonden")]
    NietGevonden,
    /// The record changed since the caller read it (ETag / If-Match).
    #[error("gewijzigd door een ander: verwachte versie {verwacht}, huidige versie {huidig}")]
    VersieConflict { verwacht: i64, huidig: i64 },
    /// A uniqueness rule (e.g. one BSN, one e-mail address).
    #[error("bestaat al: {0}")]
    BestaatAl(String),
    /// A reference to something that does not exist.
    #[error("onbekende verwijzing: {0}")]
    OnbekendeVerwijzing(String),
    /// The record is not in a state that allows this (e.g. triaged twice).
    #[error("{0}")]
    Toestand(String),
    #[error("database: {0}")]
    Database(String),
}

pub type Resultaat<T> = Result<T, OpslagFout>;

impl OpslagFout {
    /// A stored value that does not read: names the column, never the value
    /// (it may be a BSN or a name).
    pub fn ongeldige_kolom(kolom: &str) -> Self {
        Self::Database(format!("ongeldige waarde in kolom {kolom}"))
    }
}

/// "Eén huishouden, één plan" (seeds 000, 003): a household has at most one
/// open case.
pub fn een_plan(open: Id) -> OpslagFout {
    OpslagFout::Toestand(format!(
        "dit huishouden heeft al een open casus ({open}): één huishouden, één plan"
    ))
}

/// Refuses an activation link used already or past its end at `nu`: one
/// rule for both backends.
pub fn eis_bruikbaar(a: &Activatie, nu: chrono::DateTime<chrono::Utc>) -> Resultaat<()> {
    if a.gebruikt.is_some() {
        return Err(OpslagFout::Toestand(
            "deze activeringslink is al gebruikt".into(),
        ));
    }
    if a.verloopt <= nu {
        return Err(OpslagFout::Toestand(
            "deze activeringslink is verlopen".into(),
        ));
    }
    Ok(())
}

/// A page of a list: at most `aantal` items after skipping `vanaf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagina {
    pub vanaf: i64,
    pub aantal: i64,
}

impl Pagina {
    pub const MAX: i64 = 100;

    /// The whole list in one read: for a reader that needs every item (the
    /// worklist), one statement instead of pages of [`Self::MAX`] that each
    /// count the list again and skip the items before them. Never from a
    /// request's `?perPagina`, which [`Self::new`] bounds.
    pub const ALLES: Self = Self {
        vanaf: 0,
        aantal: i64::MAX,
    };

    pub fn new(pagina: i64, per_pagina: i64) -> Self {
        let aantal = per_pagina.clamp(1, Self::MAX);
        Self {
            vanaf: (pagina.max(1) - 1) * aantal,
            aantal,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Lijst<T> {
    pub items: Vec<T>,
    pub totaal: i64,
}

/// Directory changes announced by other instances, one message each
/// ([`Opslag::volg_gidswijzigingen`]).
pub type Gidswijzigingen = tokio::sync::mpsc::Receiver<()>;

#[async_trait]
pub trait Opslag: Send + Sync + 'static {
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;

    // --- directory ---------------------------------------------------------
    async fn maak_regio(&self, r: &NieuweRegio) -> Resultaat<Regio>;
    async fn regio_op_code(&self, code: &str) -> Resultaat<Option<Regio>>;
    /// Every region, by id (a handful: the national monitoring's columns).
    async fn alle_regios(&self) -> Resultaat<Vec<Regio>>;
    async fn maak_organisatie(&self, o: &NieuweOrganisatie) -> Resultaat<Organisatie>;
    async fn organisatie(&self, id: Id) -> Resultaat<Option<Organisatie>>;
    async fn organisaties(&self, pagina: Pagina) -> Resultaat<Lijst<Organisatie>>;

    // --- people and access -------------------------------------------------
    async fn maak_medewerker(&self, m: &NieuweMedewerker) -> Resultaat<Medewerker>;
    async fn medewerker(&self, id: Id) -> Resultaat<Option<Medewerker>>;
    /// The medewerker and their argon2id password hash.
    async fn medewerker_op_email(&self, email: &str) -> Resultaat<Option<(Medewerker, String)>>;
    async fn maak_sessie(&self, s: &Sessie) -> Resultaat<()>;
    async fn sessie(&self, token_hash: &str) -> Resultaat<Option<Sessie>>;
    async fn raak_sessie_aan(
        &self,
        token_hash: &str,
        laatst_actief: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<()>;
    async fn verwijder_sessie(&self, token_hash: &str) -> Resultaat<()>;
    /// Stores a token with the audit record of its creation, in one
    /// transaction; a role the medewerker does not hold is
    /// [`OpslagFout::OnbekendeVerwijzing`].
    async fn maak_api_token(
        &self,
        t: &NieuwApiToken,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<ApiToken>;
    async fn api_token(&self, token_hash: &str) -> Resultaat<Option<ApiToken>>;
    async fn api_token_op_id(&self, id: Id) -> Resultaat<Option<ApiToken>>;
    /// Tokens, expired ones included, newest first.
    async fn api_tokens(&self, filter: TokenFilter) -> Resultaat<Vec<ApiToken>>;
    /// Records a request made with the token (its "last used").
    async fn gebruik_api_token(
        &self,
        id: Id,
        tijdstip: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<()>;
    /// Revokes a token, in one transaction with `audit`; an unknown one is
    /// [`OpslagFout::NietGevonden`].
    async fn trek_api_token_in(&self, id: Id, audit: &NieuwAuditRecord) -> Resultaat<()>;
    /// Deactivates (`actief` false) or reactivates an account, in one
    /// transaction with `audit`. Deactivation ends every session and revokes
    /// every API token of the account at once. An unknown account is
    /// [`OpslagFout::NietGevonden`].
    async fn zet_medewerker_actief(
        &self,
        id: Id,
        actief: bool,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker>;

    /// Stores a one-time activation link for an account (only the hash of
    /// its secret), in one transaction with `audit`; an unknown account is
    /// [`OpslagFout::OnbekendeVerwijzing`].
    /// The same table holds reset links a beheerder issues later.
    async fn maak_activatie(
        &self,
        medewerker: Id,
        token_hash: &str,
        verloopt: chrono::DateTime<chrono::Utc>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    async fn activatie(&self, token_hash: &str) -> Resultaat<Option<Activatie>>;
    /// Sets the account's password through an activation link, once: marks
    /// the link used, ends every session of the account (a reset link is
    /// used when the password may be known to someone else) and writes
    /// `audit`, in one transaction. An unknown link
    /// is [`OpslagFout::NietGevonden`]; one used already, or past its
    /// `verloopt` at `nu`, is [`OpslagFout::Toestand`] and changes nothing.
    async fn activeer(
        &self,
        token_hash: &str,
        wachtwoord_hash: &str,
        nu: chrono::DateTime<chrono::Utc>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker>;

    // --- second factors (issue 13.3; see [`tweedefactor`]) ---------------------
    /// An account's second factors, oldest first.
    async fn tweede_factoren(&self, medewerker: Id) -> Resultaat<Vec<TweedeFactor>>;
    /// Stores a second factor with `audit`, in one transaction. A new TOTP
    /// factor replaces the account's old one (one authenticator app); with
    /// `herstelcodes` (hashes) the account's recovery codes are replaced too.
    /// An unknown account is [`OpslagFout::OnbekendeVerwijzing`].
    async fn voeg_tweede_factor_toe(
        &self,
        f: &NieuweTweedeFactor,
        herstelcodes: Option<&[String]>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<TweedeFactor>;
    /// Replaces the account's recovery codes (hashes) with `audit`.
    async fn zet_herstelcodes(
        &self,
        medewerker: Id,
        hashes: &[String],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    /// How many of the account's recovery codes are unused.
    async fn herstelcodes_over(&self, medewerker: Id) -> Resultaat<i64>;
    /// Uses a recovery code, once: true when an unused code with this hash
    /// was marked used now (atomically, so two requests cannot both use it).
    async fn gebruik_herstelcode(
        &self,
        medewerker: Id,
        hash: &str,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<bool>;
    /// Accepts a TOTP time step for the factor, once: true when `stap` is
    /// later than the last accepted step (atomically), false otherwise.
    async fn gebruik_totp_stap(
        &self,
        factor: Id,
        stap: i64,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<bool>;
    /// Replaces a factor's stored data (a passkey's signature counter).
    async fn werk_tweede_factor_bij(
        &self,
        factor: Id,
        gegevens: &str,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<()>;
    /// Removes every second factor of the account (its authenticator app,
    /// its passkeys and its recovery codes) and ends its sessions and
    /// waiting logins, in one transaction with `audit` (a lost phone or
    /// key, issue 13.3): the next login enrols anew. Returns how many
    /// factors were removed; an unknown account is
    /// [`OpslagFout::NietGevonden`].
    async fn verwijder_tweede_factoren(
        &self,
        medewerker: Id,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<u64>;
    async fn maak_aanmelding(&self, a: &Aanmelding) -> Resultaat<()>;
    async fn aanmelding(&self, token_hash: &str) -> Resultaat<Option<Aanmelding>>;
    async fn zet_aanmelding_staat(&self, token_hash: &str, staat: &str) -> Resultaat<()>;
    async fn verwijder_aanmelding(&self, token_hash: &str) -> Resultaat<()>;
    // --- an account's life cycle (issue 13.2) -----------------------------------
    /// The accounts with a role at the organisation, or at any organisation
    /// of the region, by name; one page.
    async fn medewerkers(
        &self,
        filter: MedewerkerFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Medewerker>>;
    /// Replaces the account's roles with `rollen` (kept in this order), in
    /// one transaction with `audit`. A role taken away ends every session
    /// and API token acting in it; the others stay. An unknown account is
    /// [`OpslagFout::NietGevonden`], an unknown organisation
    /// [`OpslagFout::OnbekendeVerwijzing`]; nothing changes then.
    async fn zet_rollen(
        &self,
        id: Id,
        rollen: &[Roltoewijzing],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker>;
    /// Sets the account's password hash (the user's own change), in one
    /// transaction with `audit`, and ends every session of the account
    /// except the one whose token hash is `behoud`. An unknown account is
    /// [`OpslagFout::NietGevonden`].
    async fn zet_wachtwoord(
        &self,
        id: Id,
        wachtwoord_hash: &str,
        behoud: Option<&str>,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    // --- single sign-on (issue 13.4) --------------------------------------------
    /// Stores (replaces) an organisation's single sign-on, in one
    /// transaction with `audit`; an unknown organisation is
    /// [`OpslagFout::OnbekendeVerwijzing`].
    async fn zet_sso_instelling(
        &self,
        i: &SsoInstelling,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    async fn sso_instelling(&self, organisatie: Id) -> Resultaat<Option<SsoInstelling>>;
    /// Every organisation's single sign-on, active or not, by organisation.
    async fn sso_instellingen(&self) -> Resultaat<Vec<SsoInstelling>>;
    /// Stores a login under way, and forgets those past their end at `nu`.
    async fn bewaar_sso_poging(
        &self,
        p: &SsoPoging,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<()>;
    /// Takes the login under way with this state: removed whether or not it
    /// is still valid, so a state works once; `None` when unknown or past
    /// its end at `nu`.
    async fn neem_sso_poging(
        &self,
        state_hash: &str,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<Option<SsoPoging>>;
    async fn sso_koppeling(&self, issuer: &str, subject: &str) -> Resultaat<Option<SsoKoppeling>>;
    /// Links an account to its subject, in one transaction with `audit`;
    /// a subject (or an account at this issuer) linked already is
    /// [`OpslagFout::BestaatAl`].
    async fn koppel_sso(&self, k: &SsoKoppeling, audit: &NieuwAuditRecord) -> Resultaat<()>;
    /// Creates an account without password and without a role, linked to
    /// its subject (`k.medewerker` is ignored), in one transaction with
    /// `audit`.
    async fn maak_sso_medewerker(
        &self,
        naam: &str,
        email: &str,
        k: &SsoKoppeling,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Medewerker>;
    /// The accounts an organisation's single sign-on linked that have no
    /// role yet (they wait for a beheerder), oldest first.
    async fn sso_zonder_rol(&self, organisatie: Id) -> Resultaat<Vec<Medewerker>>;

    // --- failed logins, shared by every server instance ----------------------
    /// Counts a failed login under each key (an account, an address: hashed
    /// by the caller) at `tijdstip`, and forgets failures before `vergeet_voor`.
    async fn registreer_mislukte_inlog(
        &self,
        sleutels: &[String],
        tijdstip: chrono::DateTime<chrono::Utc>,
        vergeet_voor: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<()>;
    /// The failures under `sleutel` since `sinds`, oldest first.
    async fn mislukte_inlogs(
        &self,
        sleutel: &str,
        sinds: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<Vec<chrono::DateTime<chrono::Utc>>>;
    /// Forgets the failures under `sleutel` (after a successful login).
    async fn wis_mislukte_inlogs(&self, sleutel: &str) -> Resultaat<()>;

    /// Counts one attempt under `sleutel` in a fixed window of `venster`:
    /// when the stored window began before `nu - venster`, a new one begins
    /// at `nu`. Returns the attempts in the window (this one included) and
    /// when it began. Atomic, so several server instances share the count.
    async fn tel_poging(
        &self,
        sleutel: &str,
        nu: chrono::DateTime<chrono::Utc>,
        venster: chrono::Duration,
    ) -> Resultaat<(i64, chrono::DateTime<chrono::Utc>)>;

    // --- households and jeugdigen (writes audited in the same transaction) --
    async fn maak_huishouden(
        &self,
        h: &NieuwHuishouden,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Huishouden>;
    async fn huishouden(&self, id: Id) -> Resultaat<Option<Huishouden>>;
    async fn maak_jeugdige(
        &self,
        j: &NieuweJeugdige,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Jeugdige>;
    async fn jeugdige(&self, id: Id) -> Resultaat<Option<Jeugdige>>;
    async fn jeugdige_op_bsn(&self, bsn: &Bsn) -> Resultaat<Option<Jeugdige>>;
    /// The jeugdigen of `ids` that exist, by id, in one read (a list's page
    /// without a read per row).
    async fn jeugdigen_op_id(&self, ids: &[Id]) -> Resultaat<Vec<Jeugdige>>;
    /// Applies `w` only when the stored version is `versie`.
    async fn wijzig_jeugdige(
        &self,
        id: Id,
        versie: i64,
        w: &JeugdigeWijziging,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Jeugdige>;
    /// The jeugdigen an organisation has a relation with whose facts are
    /// one of `patronen` (a bit set over [`Relaties::bits`] values, from
    /// [`schakel_domain::toegang::patronen`]), in id order, each with its
    /// facts. A referral whose last day lies before `verwijzing_grens`
    /// ([`schakel_domain::toegang::verwijzing_grens`]) counts as no fact, as
    /// [`Relaties::op`] has it. `filter` narrows and orders the list.
    async fn jeugdigen_met_relatie(
        &self,
        organisatie: Id,
        patronen: i64,
        verwijzing_grens: NaiveDate,
        filter: &JeugdigenFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<(Jeugdige, Relaties)>>;
    /// The facts the access policy decides on, as kept (the caller applies
    /// [`Relaties::op`] for the day); all false when there are none.
    /// The referrals of the jeugdigen [`Opslag::jeugdigen_met_relatie`]
    /// lists (same `patronen` and `verwijzing_grens`), narrowed and ordered
    /// by `filter`, each with its jeugdige and that jeugdige's facts.
    async fn verwijzingen_met_relatie(
        &self,
        organisatie: Id,
        patronen: i64,
        verwijzing_grens: NaiveDate,
        filter: &VerwijzingenFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<(Verwijzing, Jeugdige, Relaties)>>;
    async fn relaties(&self, jeugdige: Id, organisatie: Id) -> Resultaat<Relaties>;
    /// Recomputes every household's facts from the records (after a bulk
    /// load straight into the schema); the write methods keep them current
    /// on their own.
    async fn herbereken_toegang(&self) -> Resultaat<()>;

    // --- relations that grant access ---------------------------------------
    async fn maak_hulpvraag(
        &self,
        h: &NieuweHulpvraag,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Hulpvraag>;
    async fn hulpvraag(&self, id: Id) -> Resultaat<Option<Hulpvraag>>;
    /// The hulpvragen an organisation registered or handles, as `filter`
    /// narrows and orders them (the newest first by default).
    async fn hulpvragen_van(
        &self,
        filter: &HulpvragenFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Hulpvraag>>;
    /// Stores the triage of an untriaged hulpvraag with its consequences —
    /// the handover, or the joint case — in one transaction with `audit`.
    /// A hulpvraag triaged already, or a household whose open case is not
    /// [`Triagebesluit::aansluiten`], is [`OpslagFout::Toestand`].
    async fn trieer_hulpvraag(
        &self,
        id: Id,
        besluit: &Triagebesluit,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Hulpvraag>;
    /// Opens a case with `audit`, and `toegang` (one record per
    /// organisation and jeugdige it opens access to) in one transaction.
    async fn maak_casus(
        &self,
        c: &NieuweCasus,
        audit: &NieuwAuditRecord,
        toegang: &[NieuwAuditRecord],
    ) -> Resultaat<Casus>;

    async fn casus(&self, id: Id) -> Resultaat<Option<Casus>>;
    /// The household's open case, if any (one household, one plan).
    async fn open_casus(&self, huishouden: Id) -> Resultaat<Option<Casus>>;
    /// The open cases where the filter's organisation is the wijkteam or a
    /// party, searched, filtered, sorted and paged in the database.
    async fn casusoverzicht(
        &self,
        f: &CasusFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<CasusOverzicht>>;
    /// Every open case where `organisatie` is the wijkteam or a party, with
    /// its events in order, in two queries: what the worklist decides on.
    async fn open_casussen_met_verloop(&self, organisatie: Id) -> Resultaat<Vec<OpenCasusVerloop>>;

    // --- break-the-glass on a closed case (see [`noodtoegang`]) ---------------
    /// Stores a grant with its audit records (one per jeugdige of the
    /// household), in one transaction. A case that is open or unknown is
    /// [`OpslagFout::Toestand`] / [`OpslagFout::OnbekendeVerwijzing`], and
    /// nothing is written.
    async fn maak_noodtoegang(
        &self,
        n: &NieuweNoodtoegang,
        audits: &[NieuwAuditRecord],
    ) -> Resultaat<Noodtoegang>;
    /// The grants of `medewerker` acting for `organisatie` that hold at
    /// `nu` (`tot` after it), newest first.
    async fn lopende_noodtoegang(
        &self,
        medewerker: Id,
        organisatie: Id,
        nu: chrono::DateTime<chrono::Utc>,
    ) -> Resultaat<Vec<Noodtoegang>>;
    /// The grants the filter selects, newest first.
    async fn noodtoegangen(
        &self,
        f: &NoodtoegangFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Noodtoegang>>;

    // --- onderwijssituatie and interventie-afspraken (see [`onderwijs`]) -----
    /// Records a jeugdige's situation with its audit record, in one
    /// transaction; an unknown jeugdige is [`OpslagFout::OnbekendeVerwijzing`].
    async fn leg_onderwijssituatie_vast(
        &self,
        s: &NieuweOnderwijssituatie,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Onderwijssituatie>;
    /// A jeugdige's recorded situations, oldest `van` first (then in the
    /// order recorded): the history [`Onderwijssituatie::op`] reads.
    async fn onderwijssituaties(&self, jeugdige: Id) -> Resultaat<Vec<Onderwijssituatie>>;
    /// Stores an interventie-afspraak with its audit record; one with the
    /// same provider, gemeente and start replaces that one's end and
    /// description (an import run again).
    async fn zet_interventieafspraak(
        &self,
        a: &NieuweInterventieafspraak,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Interventieafspraak>;
    /// Every interventie-afspraak, by provider, gemeente and start.
    async fn interventieafspraken(&self) -> Resultaat<Vec<Interventieafspraak>>;

    // --- the course of a joint case (schakel_domain::verloop) ----------------
    async fn gebeurtenissen(&self, casus: Id) -> Resultaat<Vec<CasusGebeurtenis>>;
    /// Appends an event with its consequences (parties joining, the case
    /// closing, actions) and its audit records (one per jeugdige of the
    /// household), in one transaction. An event number
    /// other than the next is [`OpslagFout::VersieConflict`]; a closed
    /// case is [`OpslagFout::Toestand`].
    async fn voeg_gebeurtenis_toe(
        &self,
        g: &NieuweCasusGebeurtenis,
        audits: &[NieuwAuditRecord],
    ) -> Resultaat<CasusGebeurtenis>;
    /// Stores a referral with the actions it creates; the provider gains
    /// access to the jeugdige (the `aanbieder_met_verwijzing` fact).
    async fn maak_verwijzing(
        &self,
        v: &NieuweVerwijzing,
        acties: &[NieuwActiepunt],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing>;
    async fn verwijzing(&self, id: Id) -> Resultaat<Option<Verwijzing>>;
    async fn verwijzingen(&self, jeugdige: Id) -> Resultaat<Vec<Verwijzing>>;
    /// Records the municipality's decision on an open maatwerk referral
    /// and closes its review action; a referral within the norms or one
    /// decided already is [`OpslagFout::Toestand`].
    async fn beoordeel_verwijzing(
        &self,
        b: &NieuweBeoordeling,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing>;
    /// A region's maatwerk referrals, open or decided ([`MaatwerkFilter`]).
    async fn maatwerkverwijzingen(
        &self,
        f: MaatwerkFilter,
        pagina: Pagina,
    ) -> Resultaat<Lijst<Verwijzing>>;
    /// Registers units delivered; more than the referral has left, or a
    /// referral the municipality turned down, is [`OpslagFout::Toestand`].
    /// Returns the referral as it now stands.
    async fn registreer_levering(
        &self,
        l: &NieuweLevering,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing>;
    /// Registers several days' deliveries under one referral at once (all
    /// of `l` name the same referral): all or none, the budget checked on
    /// their sum, one audit record. Returns the referral as it now stands.
    async fn registreer_leveringen(
        &self,
        l: &[NieuweLevering],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Verwijzing>;
    /// A referral's deliveries with their corrections, by date.
    async fn leveringen(&self, verwijzing: Id) -> Resultaat<Vec<Levering>>;
    /// Records a correction of a delivery of this referral (another
    /// referral's delivery is [`OpslagFout::NietGevonden`]); raising it
    /// beyond what the referral has left is [`OpslagFout::Toestand`].
    /// Returns the delivery as it now counts.
    async fn corrigeer_levering(
        &self,
        k: &NieuweLevercorrectie,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Levering>;
    /// Open actions of one organisation, earliest due first. The actions of
    /// a closed case are no longer listed: its deadlines ended with it.
    async fn acties(&self, f: ActiepuntFilter, pagina: Pagina) -> Resultaat<Lijst<Actiepunt>>;
    /// Marks an action of `door`'s organisation done; another
    /// organisation's action is [`OpslagFout::NietGevonden`].
    async fn rond_actie_af(
        &self,
        id: Id,
        door: Door,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Actiepunt>;
    /// Aggregates without personal data; the caller suppresses small counts.
    async fn monitoring(&self, v: &MonitoringVraag) -> Resultaat<Vec<MonitoringCel>>;

    // --- NEN 7513 audit log --------------------------------------------------
    /// Appends to the hash chain; returns the stored record.
    async fn schrijf_audit(&self, r: &NieuwAuditRecord) -> Resultaat<AuditRecord>;
    /// Appends all `records` in one transaction, in the given order
    /// (consecutive volgnummers), serialised with every other append as
    /// [`schrijf_audit`](Self::schrijf_audit) is: all are stored or none.
    /// Returns the stored records in the same order; nothing for none.
    async fn schrijf_audits(&self, records: Vec<NieuwAuditRecord>) -> Resultaat<Vec<AuditRecord>>;
    /// Records in chain order from `vanaf` (volgnummer, inclusive).
    async fn audit_records(&self, vanaf: i64, aantal: i64) -> Resultaat<Vec<AuditRecord>>;
    /// The chain links (number, previous hash, hash) from `vanaf`, without
    /// the records' content: what a checkpoint signs.
    async fn audit_schakels(&self, vanaf: i64, aantal: i64) -> Resultaat<Vec<AuditSchakel>>;
    /// The recorded head of the chain (last volgnummer and hash).
    async fn audit_kop(&self) -> Resultaat<Option<(i64, String)>>;
    /// Every record about one client (by pseudonym), for AVG art. 15 inzage.
    async fn audit_voor_client(&self, pseudoniem: &str) -> Resultaat<Vec<AuditRecord>>;
    /// Stores a signed checkpoint ([`checkpoint`]). One of the same size
    /// that is there already (another instance's) is kept.
    async fn schrijf_checkpoint(&self, c: &Checkpoint) -> Resultaat<()>;
    /// Every stored checkpoint, the smallest tree first.
    async fn checkpoints(&self) -> Resultaat<Vec<Checkpoint>>;
    /// The checkpoint of the largest tree, if any.
    async fn laatste_checkpoint(&self) -> Resultaat<Option<Checkpoint>>;
    /// The tree of the log as this store's appends extend it, if it keeps
    /// one ([`boomvolger`]).
    fn boomvolger(&self) -> Option<&boomvolger::Boomvolger> {
        None
    }

    // --- keeping data safe over time ------------------------------------------
    /// Records whose retention deadline lies before `peildatum`.
    async fn verlopen_bewaartermijnen(&self, peildatum: NaiveDate) -> Resultaat<Vec<RetentieItem>>;
    /// A consistent online copy of the whole database at `doel`.
    async fn backup(&self, doel: &Path) -> Resultaat<()>;

    // --- directory for the access route (seed 000; see [`toegangsroute`]) ------
    /// Replaces what the directory holds about `organisatie` for the access
    /// route, in one transaction. An unknown organisation, contact person or
    /// hoofdaanbieder is [`OpslagFout::OnbekendeVerwijzing`]; data that does
    /// not fit the kind of organisation (see
    /// [`DirectoryGegevens::controleer`]), a contact person without a role
    /// there, a hoofdaanbieder that is no aanbieder, a PC4 another wijkteam
    /// serves or a second verwijzer for the region is [`OpslagFout::Toestand`];
    /// an arrangement another school holds is [`OpslagFout::BestaatAl`].
    /// Nothing is written then. `audit` is stored in the same transaction
    /// as the change.
    async fn zet_directory_gegevens(
        &self,
        organisatie: Id,
        g: &DirectoryGegevens,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    /// What [`zet_directory_gegevens`](Self::zet_directory_gegevens) stored
    /// (all empty when nothing was); `None` for an unknown organisation.
    async fn directory_gegevens(&self, organisatie: Id) -> Resultaat<Option<DirectoryGegevens>>;
    /// The wijkteam whose werkgebied holds this postcode area.
    async fn wijkteam_voor_pc4(&self, pc4: schakel_domain::Pc4) -> Resultaat<Option<Id>>;
    /// The gemandateerde verwijzer of a region.
    async fn verwijzer_van_regio(&self, regio: Id) -> Resultaat<Option<Id>>;

    // --- the regional directory: addresses, werkgebieden, contact points ----
    /// Starts replacing the address table (see [`Adresimport`]).
    async fn begin_adresimport(&self) -> Resultaat<Box<dyn Adresimport>>;
    /// The buurt of an address (`postcode` as `postcode_getal`); `None`
    /// when the address file does not list it.
    async fn adres(&self, postcode: u32, huisnummer: u32) -> Resultaat<Option<Buurtcode>>;
    async fn adresbestand(&self) -> Resultaat<Option<Adresbestand>>;
    /// Replaces the werkgebied and contact point of each given wijkteam, all
    /// in one transaction with `audit`; a non-wijkteam is
    /// [`OpslagFout::Toestand`].
    async fn zet_wijkteamgebieden(
        &self,
        wijkteams: &[WijkteamGebied],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    /// Every area of every wijkteam.
    async fn gebieden(&self) -> Resultaat<Vec<(Id, Gebied)>>;
    async fn contactpunt(&self, organisatie: Id) -> Resultaat<Option<Contactpunt>>;
    async fn contactpunten(&self) -> Resultaat<Vec<(Id, Contactpunt)>>;
    /// Adds or updates (by BRIN and vestiging) the schools of a DUO file in
    /// region `regio`, all in one transaction with `audit`.
    async fn importeer_scholen(
        &self,
        regio: Id,
        scholen: &[Schoolrij],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Schoolimport>;
    async fn schooltype(
        &self,
        organisatie: Id,
    ) -> Resultaat<Option<schakel_domain::gids::Schooltype>>;
    /// Replaces the offer of each given provider, in one transaction with
    /// `audit`; a non-provider is [`OpslagFout::Toestand`].
    async fn zet_aanbod(
        &self,
        aanbod: &[(Id, Vec<Aanbod>)],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    /// Every provider's offer, by provider.
    async fn aanbod(&self) -> Resultaat<Vec<(Id, Aanbod)>>;
    /// Replaces the contact persons of a region (all of its organisations
    /// and its expertpool), in one transaction with `audit`.
    async fn zet_contacten(
        &self,
        regio: Id,
        contacten: &[Gidscontact],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    async fn contacten(&self, regio: Option<Id>) -> Resultaat<Vec<Gidscontact>>;
    /// One contact person of the directory.
    async fn contact(&self, id: Id) -> Resultaat<Option<Gidscontact>>;
    /// Adds `c` (its `id` ignored) or, with `id`, replaces that contact
    /// person ([`OpslagFout::NietGevonden`] if there is none), stamped
    /// `gewijzigd` now, in one transaction with `audit` (its object id
    /// filled in). Returns what is stored.
    async fn bewaar_contact(
        &self,
        id: Option<Id>,
        c: &Gidscontact,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Gidscontact>;
    /// Removes one contact person, in one transaction with `audit`;
    /// [`OpslagFout::NietGevonden`] if there is none.
    async fn verwijder_contact(&self, id: Id, audit: &NieuwAuditRecord) -> Resultaat<()>;
    /// Every wijkteam's id and name, for the directory's lookups.
    async fn wijkteamnamen(&self) -> Resultaat<Vec<(Id, String)>>;
    /// Replaces the area names of the gemeenten the given names lie in
    /// (each code's gemeente) and keeps every other gemeente's, in one
    /// transaction with `audit` (issue 16.3; several regions in one
    /// database each import their own).
    async fn zet_gebiednamen(
        &self,
        namen: &[Gebiednaam],
        audit: &NieuwAuditRecord,
    ) -> Resultaat<()>;
    /// Every area name of the directory, by code.
    async fn gebiednamen(&self) -> Resultaat<Vec<Gebiednaam>>;
    /// Up to `aantal` addresses after `na` (postcode, huisnummer), in key
    /// order: for loading the whole file in pages.
    async fn adressen(&self, na: Option<(u32, u32)>, aantal: i64) -> Resultaat<Vec<Adresrij>>;

    // --- several instances on one database (issue 15.3) -----------------------
    /// Tells every other instance on this database that the regional
    /// directory changed, so that each drops its cached snapshot at once
    /// (PostgreSQL `NOTIFY`). Where one process owns the database (SQLite)
    /// there is nobody to tell.
    async fn meld_gidswijziging(&self) -> Resultaat<()> {
        Ok(())
    }
    /// The directory changes other instances announce, one message each, as
    /// they come; None where there are no other instances. A lost and
    /// restored connection is reported as a change too: what was announced
    /// meanwhile is unknown.
    async fn volg_gidswijzigingen(&self) -> Resultaat<Option<Gidswijzigingen>> {
        Ok(None)
    }

    /// The rule versions recorded for this database, by region.
    async fn regelversies(&self) -> Resultaat<Vec<VastgelegdeRegelversie>>;
    /// Records `versies` as what every instance must serve — with
    /// [`Vastlegging::Eerste`] only when nothing is recorded yet — in one
    /// transaction with `audit` (not written when nothing changes), and
    /// returns what is recorded then. A publication is announced to the
    /// other instances (PostgreSQL `NOTIFY`).
    async fn leg_regelversies_vast(
        &self,
        versies: &[Regelversie],
        wijze: Vastlegging,
        audit: &NieuwAuditRecord,
    ) -> Resultaat<Vec<VastgelegdeRegelversie>>;
    /// Rule publications other instances announce, as they come; None where
    /// there are no other instances. A lost and restored connection is
    /// reported as one too.
    async fn volg_regelpublicaties(&self) -> Resultaat<Option<Regelpublicaties>> {
        Ok(None)
    }
}
