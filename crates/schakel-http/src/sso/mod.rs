//! Single sign-on with OpenID Connect (issue 13.4), configured per
//! organisation by the region's beheerder: the organisation's own provider
//! (issuer, client id and secret), the e-mail domains whose verified
//! addresses may be matched to an invited account, and whether an unknown
//! person gets an account without a role.
//!
//! A login goes out with state, nonce and PKCE ([`begin`]); the state is
//! stored hashed with the hash of a cookie that binds it to the browser,
//! and is taken once on the way back ([`terugkeer`]). The ID token is
//! validated by the `openidconnect` crate ([`oidc`], feature `sso`). The
//! account is found by the stored subject (issuer + sub) after the first
//! login, otherwise by the verified e-mail address of an active account
//! with a role at the organisation; the subject is then linked. Every
//! outcome is in the NEN 7513 log (`sso.inloggen`, `sso.koppelen`,
//! `sso.account_aanmaken`); the client secret never is.

#[cfg(feature = "sso")]
pub mod oidc;

use chrono::Utc;
use schakel_domain::Rol;
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Id, Medewerker, OpslagFout, Roltoewijzing, SsoInstelling, SsoKoppeling};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::sessies::{Aanmelding, aanmeldrecord, na_eerste_factor};
use crate::auth::{gelijk_in_constante_tijd, hash_geheim};
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::inrichting::{ContactpersoonDto, Naam, eis_beheerder_van};
use crate::invoer::Controle;
use crate::state::AppState;
use crate::toegangslog::{self, Wie};

/// The audit event of a change of an organisation's single sign-on.
pub const GEBEURTENIS_INSTELLING: &str = "organisatie.sso";
/// The audit event of every single sign-on outcome.
pub const GEBEURTENIS: &str = "sso.inloggen";
/// Where the provider sends the browser back to.
pub const TERUG_PAD: &str = "/inloggen/sso/terug";
/// How long a login may stay at the provider.
pub const POGING_GELDIG: chrono::Duration = chrono::Duration::minutes(10);

// --- the settings ---------------------------------------------------------------------

/// An organisation's single sign-on as the beheerder sees it: never the
/// client secret, only whether one is stored.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SsoDto {
    pub organisatie: Naam,
    /// Whether people of this organisation can log in through it.
    pub actief: bool,
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    pub client_secret_ingesteld: bool,
    pub domeinen: Vec<String>,
    pub onbekende_accounts_aanmaken: bool,
    /// `acr` values that count as a login with more than one factor.
    pub acr_mfa: Vec<String>,
    /// To register at the provider as this client's redirect URI.
    pub redirect_uri: Option<String>,
    /// Accounts this single sign-on made that wait for a role.
    pub wachten_op_rol: Vec<ContactpersoonDto>,
}

/// The whole of an organisation's single sign-on.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SsoInvoer {
    pub actief: bool,
    /// The provider's issuer URL (`https://login.example.nl/realms/x`).
    pub issuer: String,
    pub client_id: String,
    /// Absent or empty: keep the stored one (required the first time).
    pub client_secret: Option<String>,
    /// E-mail domains (`school.nl`); at least one while active.
    #[serde(default)]
    pub domeinen: Vec<String>,
    /// Give an unknown person with a verified address of an allowed
    /// domain an account without a role (default false).
    #[serde(default)]
    pub onbekende_accounts_aanmaken: bool,
    #[serde(default)]
    pub acr_mfa: Vec<String>,
}

/// The redirect URI of this server, when it knows its own address.
pub fn redirect_uri(state: &AppState) -> Option<String> {
    Some(format!(
        "{}{TERUG_PAD}",
        state.instellingen.basis_url.trim_end_matches('/')
    ))
}

/// Why an issuer URL is refused, if it is: an absolute `https://` URL
/// without credentials, query or fragment (or `http://` on a loopback
/// address when the server allows a test provider).
pub fn issuer_fout(issuer: &str, http_toegestaan: bool) -> Option<&'static str> {
    let Ok(u) = url::Url::parse(issuer) else {
        return Some("verwacht een volledige URL, zoals https://login.voorbeeld.nl");
    };
    let loopback = match u.host() {
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    };
    let schema_goed =
        u.scheme() == "https" || (u.scheme() == "http" && http_toegestaan && loopback);
    if !schema_goed {
        return Some("de URL moet met https:// beginnen");
    }
    if u.host().is_none() || !u.username().is_empty() || u.password().is_some() {
        return Some("verwacht een URL met een servernaam en zonder gebruikersnaam");
    }
    if u.query().is_some() || u.fragment().is_some() || issuer.len() > 500 {
        return Some("verwacht een URL zonder ? of # (ten hoogste 500 tekens)");
    }
    None
}

fn is_domein(d: &str) -> bool {
    d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|deel| {
            !deel.is_empty()
                && !deel.starts_with('-')
                && deel.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// Checks the input against what is stored, each problem named by its
/// field; the result is what will be stored.
fn controleer(
    state: &AppState,
    organisatie: Id,
    i: SsoInvoer,
    bestaand: Option<&SsoInstelling>,
) -> ApiResultaat<SsoInstelling> {
    let mut c = Controle::default();
    let issuer = i.issuer.trim().to_string();
    if let Some(f) = issuer_fout(&issuer, state.instellingen.sso_http_toegestaan) {
        c.eis("issuer", false, f);
    }
    let client_id = i.client_id.trim().to_string();
    c.eis(
        "clientId",
        !client_id.is_empty() && client_id.len() <= 255,
        "verplicht, ten hoogste 255 tekens: de client-id die de inlogdienst gaf",
    );
    let client_secret = match i.client_secret.filter(|s| !s.is_empty()) {
        Some(s) => s,
        None => bestaand
            .map(|b| b.client_secret.clone())
            .unwrap_or_default(),
    };
    c.eis(
        "clientSecret",
        !client_secret.is_empty() && client_secret.len() <= 500,
        "verplicht de eerste keer (ten hoogste 500 tekens); daarna: leeg laat het bewaarde staan",
    );
    let mut domeinen = Vec::new();
    for (n, d) in i.domeinen.iter().enumerate() {
        let d = d.trim().trim_start_matches('@').to_lowercase();
        if is_domein(&d) {
            domeinen.push(d);
        } else {
            c.eis(
                &format!("domeinen[{n}]"),
                false,
                "verwacht een e-maildomein, zoals school.nl",
            );
        }
    }
    c.eis(
        "domeinen",
        !i.actief || !i.domeinen.is_empty(),
        "noem ten minste één e-maildomein van de organisatie",
    );
    let acr_mfa: Vec<String> = i
        .acr_mfa
        .iter()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    c.eis(
        "acrMfa",
        acr_mfa.iter().all(|a| a.len() <= 255),
        "ten hoogste 255 tekens per waarde",
    );
    c.klaar()?;
    Ok(SsoInstelling {
        organisatie,
        actief: i.actief,
        issuer,
        client_id,
        client_secret,
        domeinen,
        onbekend_aanmaken: i.onbekende_accounts_aanmaken,
        acr_mfa,
    })
}

/// An organisation's single sign-on, for the beheerder of its region
/// (others are refused and logged).
pub async fn lees(dossier: &Dossier<'_>, id: Id) -> ApiResultaat<SsoDto> {
    let org = eis_beheerder_van(dossier, id, GEBEURTENIS_INSTELLING).await?;
    let state = dossier.state;
    let i = state.opslag.sso_instelling(id).await?;
    let wachten_op_rol = state
        .opslag
        .sso_zonder_rol(id)
        .await?
        .into_iter()
        .map(|m| ContactpersoonDto {
            id: m.id,
            naam: m.naam,
            email: m.email,
        })
        .collect();
    Ok(SsoDto {
        organisatie: Naam {
            id: org.id,
            naam: org.naam,
        },
        actief: i.as_ref().is_some_and(|i| i.actief),
        issuer: i.as_ref().map(|i| i.issuer.clone()),
        client_id: i.as_ref().map(|i| i.client_id.clone()),
        client_secret_ingesteld: i.as_ref().is_some_and(|i| !i.client_secret.is_empty()),
        domeinen: i.as_ref().map(|i| i.domeinen.clone()).unwrap_or_default(),
        onbekende_accounts_aanmaken: i.as_ref().is_some_and(|i| i.onbekend_aanmaken),
        acr_mfa: i.map(|i| i.acr_mfa).unwrap_or_default(),
        redirect_uri: redirect_uri(state),
        wachten_op_rol,
    })
}

/// Replaces an organisation's single sign-on (beheerder of its region),
/// checked, stored with its audit record; answers as [`lees`].
pub async fn zet(dossier: &Dossier<'_>, id: Id, i: SsoInvoer) -> ApiResultaat<SsoDto> {
    eis_beheerder_van(dossier, id, GEBEURTENIS_INSTELLING).await?;
    let state = dossier.state;
    let bestaand = state.opslag.sso_instelling(id).await?;
    let nieuw = controleer(state, id, i, bestaand.as_ref())?;
    let record = dossier.record(
        GEBEURTENIS_INSTELLING,
        Actie::Wijzigen,
        None,
        ("organisatie", Some(id)),
        Uitkomst::Toegestaan,
        Some(if nieuw.actief {
            "beheerder aan"
        } else {
            "beheerder uit"
        }),
    );
    state.opslag.zet_sso_instelling(&nieuw, &record).await?;
    lees(dossier, id).await
}

// --- the second factor ----------------------------------------------------------------

/// RFC 8176 methods grouped by factor: something known, held, or a body
/// feature. Two groups in one login are more than one factor.
fn factor(methode: &str) -> Option<u8> {
    match methode {
        "pwd" | "pin" | "kba" => Some(0),
        "swk" | "hwk" | "otp" | "sms" | "tel" | "sc" => Some(1),
        "fpt" | "face" | "iris" | "retina" | "vbm" | "bio" => Some(2),
        _ => None,
    }
}

/// Whether the provider asserted a login with more than one factor: `amr`
/// says so (`mfa`, `mca`; a hardware key, one-time code or smart card; or
/// methods of two factors, such as `swk` with `pin`), or `acr` is one of
/// the values the organisation configured for it.
pub fn mfa_door_idp(amr: &[String], acr: Option<&str>, acr_mfa: &[String]) -> bool {
    let sterk = ["mfa", "mca", "hwk", "otp", "sc"];
    let mut factoren: Vec<u8> = amr.iter().filter_map(|m| factor(m)).collect();
    factoren.sort_unstable();
    factoren.dedup();
    amr.iter().any(|m| sterk.contains(&m.as_str()))
        || factoren.len() > 1
        || acr.is_some_and(|a| acr_mfa.iter().any(|w| w == a))
}

// --- logging in -----------------------------------------------------------------------

/// Who the provider says logged in, from a validated ID token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identiteit {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_geverifieerd: bool,
    pub naam: Option<String>,
    pub amr: Vec<String>,
    pub acr: Option<String>,
    /// When the person logged in at the provider (`auth_time`).
    pub auth_time: Option<chrono::DateTime<Utc>>,
}

/// Whether a provider's `auth_time` shows a login made for an attempt
/// begun at `begonnen` (a minute's clock skew allowed): a re-confirmation
/// must not be the provider's own earlier session, reused.
pub fn vers_ingelogd(
    auth_time: Option<chrono::DateTime<Utc>>,
    begonnen: chrono::DateTime<Utc>,
) -> bool {
    auth_time.is_some_and(|t| t >= begonnen - chrono::Duration::minutes(1))
}

/// Why a single sign-on is refused: the audit record's ground and what the
/// person is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weigering {
    /// Forged, used already, or past its ten minutes.
    StateOnbekend,
    /// The state was handed to another browser.
    AndereBrowser,
    SsoUit,
    /// The provider answered with an error (or the person cancelled).
    IdpFout,
    IdpOnbereikbaar,
    /// A re-confirmation whose ID token shows no fresh login.
    NietOpnieuwIngelogd,
    TokenOngeldig,
    NonceOnjuist,
    EmailNietGeverifieerd,
    DomeinNietToegestaan,
    OnbekendAccount,
    AccountInactief,
    AndereOrganisatie,
    AlGekoppeld,
    RolNietVanAccount,
}

impl Weigering {
    /// Whether it counts towards the address's limit: a callback that
    /// fails before the provider vouched for someone (what a forger
    /// produces). An unreachable provider is nobody's attempt; refusals of
    /// a known identity are about an account, not a forgery.
    pub fn telt_als_mislukt(self) -> bool {
        matches!(
            self,
            Self::StateOnbekend
                | Self::AndereBrowser
                | Self::IdpFout
                | Self::TokenOngeldig
                | Self::NonceOnjuist
                | Self::NietOpnieuwIngelogd
        )
    }

    pub fn grond(self) -> &'static str {
        match self {
            Self::StateOnbekend => "state_onbekend",
            Self::AndereBrowser => "state_andere_browser",
            Self::SsoUit => "sso_uit",
            Self::IdpFout => "idp_fout",
            Self::IdpOnbereikbaar => "idp_onbereikbaar",
            Self::NietOpnieuwIngelogd => "auth_time_niet_vers",
            Self::TokenOngeldig => "id_token_ongeldig",
            Self::NonceOnjuist => "nonce_onjuist",
            Self::EmailNietGeverifieerd => "email_niet_geverifieerd",
            Self::DomeinNietToegestaan => "domein_niet_toegestaan",
            Self::OnbekendAccount => "onbekend_account",
            Self::AccountInactief => "account_inactief",
            Self::AndereOrganisatie => "account_andere_organisatie",
            Self::AlGekoppeld => "account_al_gekoppeld",
            Self::RolNietVanAccount => "rol_niet_van_account",
        }
    }

    pub fn melding(self) -> &'static str {
        match self {
            Self::StateOnbekend | Self::AndereBrowser => {
                "Deze inlogpoging is verlopen, al gebruikt of in een andere browser begonnen. Begin opnieuw."
            }
            Self::SsoUit => "Inloggen met uw organisatie staat uit. Log in met uw wachtwoord.",
            Self::IdpFout => "Uw organisatie heeft het inloggen niet bevestigd. Begin opnieuw.",
            Self::IdpOnbereikbaar => {
                "Schakel kon de inlogdienst van uw organisatie niet bereiken. Probeer het later opnieuw."
            }
            Self::NietOpnieuwIngelogd => {
                "Uw organisatie heeft niet bevestigd dat u zojuist opnieuw hebt ingelogd. Begin opnieuw."
            }
            Self::TokenOngeldig | Self::NonceOnjuist => {
                "Het antwoord van de inlogdienst van uw organisatie klopt niet. Begin opnieuw."
            }
            Self::EmailNietGeverifieerd => {
                "Uw organisatie heeft uw e-mailadres niet bevestigd. Vraag uw eigen ICT-afdeling om hulp."
            }
            Self::DomeinNietToegestaan | Self::OnbekendAccount => {
                "Er is geen account voor u in Schakel. Vraag de beheerder van uw organisatie om een uitnodiging."
            }
            Self::AccountInactief => {
                "Uw account is gedeactiveerd. Vraag de beheerder van uw organisatie om het weer aan te zetten."
            }
            Self::AndereOrganisatie => {
                "Uw account hoort bij een andere organisatie. Log in via die organisatie of met uw wachtwoord."
            }
            Self::AlGekoppeld => {
                "Uw account is al gekoppeld aan een ander account bij deze inlogdienst. Vraag de beheerder om hulp."
            }
            Self::RolNietVanAccount => "Deze rol hoort niet bij uw account. Begin opnieuw.",
        }
    }
}

/// How a single sign-on ends.
#[derive(Debug)]
pub enum Afloop {
    /// A session: its secret for the cookie.
    Ingelogd {
        geheim: String,
        organisatie: Id,
        mfa_door_idp: bool,
        /// A re-confirmation, with a fresh login at the provider.
        herbevestigd: bool,
    },
    /// The provider asserted no second factor and the account needs one:
    /// Schakel's own step (check, or enrolment), behind this secret.
    TweedeFactor {
        geheim: String,
        doel: schakel_storage::AanmeldDoel,
    },
    /// The account has no role yet (perhaps made just now).
    WachtOpRol {
        nieuw: bool,
    },
    /// Several roles at the organisation: the person chooses and goes
    /// round again (the choice travels with the next state).
    KiesRol {
        organisatie: Id,
        rollen: Vec<Roltoewijzing>,
    },
    Geweigerd(Weigering),
}

/// Logs a refusal (about the account, when known) and returns it.
async fn weiger(
    state: &AppState,
    medewerker: Option<Id>,
    w: Weigering,
    extra: Option<String>,
    herkomst: &str,
) -> ApiResultaat<Afloop> {
    let grond = match extra {
        Some(e) => format!("{} {e}", w.grond()),
        None => w.grond().to_string(),
    };
    let wie = Wie {
        medewerker,
        rol: None,
    };
    let record = aanmeldrecord(GEBEURTENIS, wie, Uitkomst::Geweigerd, &grond, herkomst);
    toegangslog::log(state, record).await?;
    Ok(Afloop::Geweigerd(w))
}

/// The one place a single sign-on logs in. `mfa_door_idp`: the provider
/// asserted a login with more than one factor, so Schakel does not ask
/// again; without it, an account that needs a second factor goes to
/// Schakel's own step, as after a password. The audit record says which
/// it was (`sso_mfa_door_idp`, `sso_zonder_mfa`).
pub async fn meld_aan(
    state: &AppState,
    medewerker: Medewerker,
    rol: Roltoewijzing,
    mfa_door_idp: bool,
    herkomst: &str,
) -> ApiResultaat<Aanmelding> {
    let grond = if mfa_door_idp {
        "sso_mfa_door_idp"
    } else {
        "sso_zonder_mfa"
    };
    na_eerste_factor(
        state,
        &medewerker,
        rol,
        herkomst,
        (GEBEURTENIS, grond),
        mfa_door_idp,
    )
    .await
}

/// The role asked for on a second round, as `rol:organisatie`.
pub fn rolkeuze(r: Roltoewijzing) -> String {
    format!("{}:{}", r.rol.naam(), r.organisatie)
}

fn lees_rolkeuze(s: &str) -> Option<Roltoewijzing> {
    let (rol, org) = s.split_once(':')?;
    Some(Roltoewijzing {
        rol: Rol::parse(rol)?,
        organisatie: org.parse().ok()?,
    })
}

/// The account the provider's identity belongs to: by the linked subject,
/// else by the verified e-mail address of an invited account within an
/// allowed domain (linked now), else a new one without a role when the
/// organisation allows it.
async fn zoek_account(
    state: &AppState,
    i: &SsoInstelling,
    id: &Identiteit,
    herkomst: &str,
) -> ApiResultaat<Result<(Medewerker, bool), (Option<Id>, Weigering, Option<String>)>> {
    let opslag = state.opslag.as_ref();
    if let Some(k) = opslag.sso_koppeling(&id.issuer, &id.subject).await? {
        let m = opslag.medewerker(k.medewerker).await?;
        return Ok(m.map(|m| (m, false)).ok_or((
            Some(k.medewerker),
            Weigering::OnbekendAccount,
            None,
        )));
    }
    let Some(email) = id.email.as_deref().map(|e| e.trim().to_lowercase()) else {
        return Ok(Err((None, Weigering::EmailNietGeverifieerd, None)));
    };
    if !id.email_geverifieerd {
        return Ok(Err((None, Weigering::EmailNietGeverifieerd, None)));
    }
    let domein = email.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
    if !i.domeinen.iter().any(|d| d == domein) {
        return Ok(Err((None, Weigering::DomeinNietToegestaan, None)));
    }
    let koppeling = SsoKoppeling {
        issuer: id.issuer.clone(),
        subject: id.subject.clone(),
        medewerker: 0,
        organisatie: i.organisatie,
        aangemaakt: Utc::now(),
    };
    let record = |gebeurtenis, medewerker| {
        let wie = Wie {
            medewerker,
            rol: None,
        };
        let grond = format!("organisatie {}", i.organisatie);
        toegangslog::record(
            gebeurtenis,
            Actie::Aanmaken,
            wie,
            ("medewerker", medewerker),
            Uitkomst::Toegestaan,
            &grond,
            herkomst,
        )
    };
    match opslag.medewerker_op_email(&email).await? {
        Some((m, _)) => {
            if !m.actief {
                return Ok(Err((Some(m.id), Weigering::AccountInactief, None)));
            }
            if !m.rollen.iter().any(|r| r.organisatie == i.organisatie) {
                return Ok(Err((Some(m.id), Weigering::AndereOrganisatie, None)));
            }
            let k = SsoKoppeling {
                medewerker: m.id,
                ..koppeling
            };
            match opslag
                .koppel_sso(&k, &record("sso.koppelen", Some(m.id)))
                .await
            {
                Err(OpslagFout::BestaatAl(_)) => {
                    Ok(Err((Some(m.id), Weigering::AlGekoppeld, None)))
                }
                uit => {
                    uit?;
                    Ok(Ok((m, false)))
                }
            }
        }
        None if i.onbekend_aanmaken => {
            let naam = id
                .naam
                .clone()
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string());
            let m = opslag
                .maak_sso_medewerker(
                    &naam,
                    &email,
                    &koppeling,
                    &record("sso.account_aanmaken", None),
                )
                .await?;
            Ok(Ok((m, true)))
        }
        None => Ok(Err((
            None,
            Weigering::OnbekendAccount,
            Some(toegangslog::email_pseudoniem(state, &email)),
        ))),
    }
}

/// After the provider's identity is validated: the account, its role at the
/// organisation, and the session — or why not, logged.
pub async fn na_validatie(
    state: &AppState,
    i: &SsoInstelling,
    id: &Identiteit,
    gevraagd: Option<&str>,
    herkomst: &str,
) -> ApiResultaat<(Afloop, Option<Aanmelding>)> {
    let (m, nieuw) = match zoek_account(state, i, id, herkomst).await? {
        Ok(gevonden) => gevonden,
        Err((wie, w, extra)) => return Ok((weiger(state, wie, w, extra, herkomst).await?, None)),
    };
    if !m.actief {
        return Ok((
            weiger(
                state,
                Some(m.id),
                Weigering::AccountInactief,
                None,
                herkomst,
            )
            .await?,
            None,
        ));
    }
    let rollen: Vec<Roltoewijzing> = m
        .rollen
        .iter()
        .copied()
        .filter(|r| r.organisatie == i.organisatie)
        .collect();
    let wie = Some(m.id);
    let rol = match (rollen.as_slice(), gevraagd.map(lees_rolkeuze)) {
        ([], _) if m.rollen.is_empty() => {
            let record = aanmeldrecord(
                GEBEURTENIS,
                Wie::default_voor(m.id),
                Uitkomst::Geweigerd,
                "wacht_op_rol",
                herkomst,
            );
            toegangslog::log(state, record).await?;
            return Ok((Afloop::WachtOpRol { nieuw }, None));
        }
        ([], _) => {
            let w = Weigering::AndereOrganisatie;
            return Ok((weiger(state, wie, w, None, herkomst).await?, None));
        }
        (_, Some(Some(r))) if rollen.contains(&r) => r,
        (_, Some(_)) => {
            let w = Weigering::RolNietVanAccount;
            return Ok((weiger(state, wie, w, None, herkomst).await?, None));
        }
        ([een], None) => *een,
        (_, None) => {
            let record = aanmeldrecord(
                GEBEURTENIS,
                Wie::default_voor(m.id),
                Uitkomst::Geweigerd,
                "rol_kiezen",
                herkomst,
            );
            toegangslog::log(state, record).await?;
            return Ok((
                Afloop::KiesRol {
                    organisatie: i.organisatie,
                    rollen,
                },
                None,
            ));
        }
    };
    let mfa = mfa_door_idp(&id.amr, id.acr.as_deref(), &i.acr_mfa);
    let aanmelding = meld_aan(state, m, rol, mfa, herkomst).await?;
    let afloop = match &aanmelding {
        Aanmelding::Gelukt { geheim, .. } => Afloop::Ingelogd {
            geheim: geheim.clone(),
            organisatie: i.organisatie,
            mfa_door_idp: mfa,
            herbevestigd: false,
        },
        Aanmelding::TweedeFactor { geheim, doel, .. } => Afloop::TweedeFactor {
            geheim: geheim.clone(),
            doel: *doel,
        },
        Aanmelding::KiesRol(_) => return Err(ApiFout::intern("sso: geen rol gekozen")),
    };
    Ok((afloop, Some(aanmelding)))
}

impl Wie {
    /// The account, before a role is chosen.
    pub fn default_voor(medewerker: Id) -> Self {
        Self {
            medewerker: Some(medewerker),
            rol: None,
        }
    }
}

/// The organisations a person can log in through, by name.
pub async fn organisaties_met_sso(state: &AppState) -> ApiResultaat<Vec<(Id, String)>> {
    let mut uit = Vec::new();
    for i in state.opslag.sso_instellingen().await? {
        if !i.actief {
            continue;
        }
        if let Some(o) = state.opslag.organisatie(i.organisatie).await? {
            uit.push((o.id, o.naam));
        }
    }
    uit.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(uit)
}

/// The active single sign-on whose domains hold this e-mail address.
pub async fn organisatie_van_email(state: &AppState, email: &str) -> ApiResultaat<Option<Id>> {
    let email = email.trim().to_lowercase();
    let Some((_, domein)) = email.rsplit_once('@') else {
        return Ok(None);
    };
    Ok(state
        .opslag
        .sso_instellingen()
        .await?
        .into_iter()
        .find(|i| i.actief && i.domeinen.iter().any(|d| d == domein))
        .map(|i| i.organisatie))
}

/// Takes the login under way that `state_param` names, if this browser
/// (its binding cookie) started it.
async fn neem_poging(
    state: &AppState,
    state_param: Option<&str>,
    binding: Option<&str>,
) -> ApiResultaat<Result<schakel_storage::SsoPoging, Weigering>> {
    let Some(s) = state_param.filter(|s| !s.is_empty()) else {
        return Ok(Err(Weigering::StateOnbekend));
    };
    let Some(p) = state
        .opslag
        .neem_sso_poging(&hash_geheim(s), Utc::now())
        .await?
    else {
        return Ok(Err(Weigering::StateOnbekend));
    };
    let eigen = binding.is_some_and(|b| gelijk_in_constante_tijd(&hash_geheim(b), &p.binding_hash));
    Ok(if eigen {
        Ok(p)
    } else {
        Err(Weigering::AndereBrowser)
    })
}

/// What the provider sends back to [`TERUG_PAD`].
#[derive(Debug, Default, Deserialize)]
pub struct Terugkeer {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
}

/// Starts a login at organisation `organisatie`'s provider for the browser
/// whose binding cookie holds `binding`: the URL to send it to.
pub async fn begin(
    state: &AppState,
    organisatie: Id,
    binding: &str,
    rol: Option<String>,
    herkomst: &str,
    herbevestiging: bool,
) -> ApiResultaat<Result<String, Weigering>> {
    let Some(i) = state
        .opslag
        .sso_instelling(organisatie)
        .await?
        .filter(|i| i.actief)
    else {
        return Ok(Err(Weigering::SsoUit));
    };
    let Some(terug) = redirect_uri(state) else {
        return Ok(Err(Weigering::SsoUit));
    };
    match oidc_begin(state, &i, &terug, herbevestiging).await {
        Ok(b) => {
            let poging = schakel_storage::SsoPoging {
                state_hash: hash_geheim(&b.state),
                binding_hash: hash_geheim(binding),
                organisatie,
                nonce: b.nonce,
                pkce_verifier: b.verifier,
                rol,
                verloopt: Utc::now() + POGING_GELDIG,
                herbevestiging,
            };
            state.opslag.bewaar_sso_poging(&poging, Utc::now()).await?;
            Ok(Ok(b.url))
        }
        Err(w) => {
            let extra = Some(format!("organisatie {organisatie}"));
            weiger(state, None, w, extra, herkomst).await?;
            Ok(Err(w))
        }
    }
}

/// The way back from the provider: state (once, this browser), the code
/// exchanged with the PKCE verifier, the ID token validated with the
/// nonce, then [`na_validatie`]. Every refusal is logged.
///
/// Failures before the identity is known (state, provider error, token,
/// nonce) count per client address; at
/// [`crate::state::Inlogpogingen::PER_ADRES`] a minute the address gets
/// 429 (audited, `geblokkeerd_adres_sso`) before its state is looked at,
/// so a valid state waits rather than being used up.
pub async fn terugkeer(
    state: &AppState,
    t: &Terugkeer,
    binding: Option<&str>,
    herkomst: &str,
    adres: std::net::IpAddr,
) -> ApiResultaat<Afloop> {
    let teller = [crate::state::Inlogpogingen::sso_teller(adres)];
    let opslag = state.opslag.as_ref();
    if let Some((t, wacht)) = state.inlogpogingen.blokkade(opslag, &teller).await? {
        let wie = Wie {
            medewerker: None,
            rol: None,
        };
        let record = aanmeldrecord(GEBEURTENIS, wie, Uitkomst::Geweigerd, t.grond, herkomst);
        toegangslog::log(state, record).await?;
        tracing::warn!(adres = %adres, "te veel mislukte terugkeren van single sign-on");
        return Err(ApiFout::TeVeel {
            opnieuw_na: wacht.as_secs().max(1),
        });
    }
    let afloop = terugkeer_ongeteld(state, t, binding, herkomst).await?;
    if let Afloop::Geweigerd(w) = &afloop
        && w.telt_als_mislukt()
    {
        tracing::info!(adres = %adres, grond = w.grond(), "mislukte terugkeer van single sign-on");
        state.inlogpogingen.mislukt(opslag, &teller).await?;
    }
    Ok(afloop)
}

async fn terugkeer_ongeteld(
    state: &AppState,
    t: &Terugkeer,
    binding: Option<&str>,
    herkomst: &str,
) -> ApiResultaat<Afloop> {
    let p = match neem_poging(state, t.state.as_deref(), binding).await? {
        Ok(p) => p,
        Err(w) => return weiger(state, None, w, None, herkomst).await,
    };
    let org = Some(format!("organisatie {}", p.organisatie));
    let Some(i) = state
        .opslag
        .sso_instelling(p.organisatie)
        .await?
        .filter(|i| i.actief)
    else {
        return weiger(state, None, Weigering::SsoUit, org, herkomst).await;
    };
    let (Some(code), None) = (t.code.as_deref(), t.error.as_deref()) else {
        return weiger(state, None, Weigering::IdpFout, org, herkomst).await;
    };
    let terug = redirect_uri(state).unwrap_or_default();
    let id = match oidc_identiteit(state, &i, &terug, code, &p).await {
        Ok(id) => id,
        Err(w) => return weiger(state, None, w, org, herkomst).await,
    };
    if p.herbevestiging && !vers_ingelogd(id.auth_time, p.verloopt - POGING_GELDIG) {
        let w = Weigering::NietOpnieuwIngelogd;
        return weiger(state, None, w, org, herkomst).await;
    }
    Ok(
        match na_validatie(state, &i, &id, p.rol.as_deref(), herkomst)
            .await?
            .0
        {
            Afloop::Ingelogd {
                geheim,
                organisatie,
                mfa_door_idp,
                ..
            } => Afloop::Ingelogd {
                geheim,
                organisatie,
                mfa_door_idp,
                herbevestigd: p.herbevestiging,
            },
            a => a,
        },
    )
}

/// Where to end the session at the provider too, when its discovery names
/// an `end_session_endpoint`.
pub async fn uitlog_url(state: &AppState, organisatie: Id) -> ApiResultaat<Option<String>> {
    let Some(i) = state.opslag.sso_instelling(organisatie).await? else {
        return Ok(None);
    };
    let basis = &state.instellingen.basis_url;
    let na = format!("{}/inloggen?uitgelogd=1", basis.trim_end_matches('/'));
    Ok(oidc_uitlog_url(state, &i, &na).await)
}

/// What going to the provider needs: its URL, and what is kept for the
/// way back.
pub struct Vertrek {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

#[cfg(feature = "sso")]
async fn oidc_begin(
    state: &AppState,
    i: &SsoInstelling,
    terug: &str,
    opnieuw: bool,
) -> Result<Vertrek, Weigering> {
    oidc::begin(state, i, terug, opnieuw).await
}

#[cfg(feature = "sso")]
async fn oidc_identiteit(
    state: &AppState,
    i: &SsoInstelling,
    terug: &str,
    code: &str,
    p: &schakel_storage::SsoPoging,
) -> Result<Identiteit, Weigering> {
    oidc::identiteit(state, i, terug, code, p).await
}

#[cfg(feature = "sso")]
async fn oidc_uitlog_url(state: &AppState, i: &SsoInstelling, na: &str) -> Option<String> {
    oidc::uitlog_url(state, i, na).await
}

// Built without the `sso` feature: the settings can be kept, but nobody
// logs in through them.
#[cfg(not(feature = "sso"))]
async fn oidc_begin(
    _: &AppState,
    _: &SsoInstelling,
    _: &str,
    _: bool,
) -> Result<Vertrek, Weigering> {
    Err(Weigering::SsoUit)
}

#[cfg(not(feature = "sso"))]
async fn oidc_identiteit(
    _: &AppState,
    _: &SsoInstelling,
    _: &str,
    _: &str,
    _: &schakel_storage::SsoPoging,
) -> Result<Identiteit, Weigering> {
    Err(Weigering::SsoUit)
}

#[cfg(not(feature = "sso"))]
async fn oidc_uitlog_url(_: &AppState, _: &SsoInstelling, _: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn herbevestiging_eist_een_verse_auth_time() {
        use super::vers_ingelogd;
        let begonnen = chrono::Utc::now() - chrono::Duration::seconds(30);
        assert!(vers_ingelogd(
            Some(begonnen + chrono::Duration::seconds(20)),
            begonnen
        ));
        assert!(
            vers_ingelogd(Some(begonnen - chrono::Duration::seconds(50)), begonnen),
            "a minute's clock skew"
        );
        assert!(
            !vers_ingelogd(Some(begonnen - chrono::Duration::minutes(5)), begonnen),
            "the provider's earlier session"
        );
        assert!(!vers_ingelogd(None, begonnen), "no auth_time: no proof");
    }

    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn mfa_volgens_amr_en_acr() {
        for (amr, mfa) in [
            (v(&["pwd", "otp"]), true),
            (v(&["pwd", "mfa"]), true),
            (v(&["hwk"]), true),
            (v(&["swk", "pin"]), true),
            (v(&["pwd", "sms"]), true),
            (v(&["face", "swk"]), true),
            (v(&["pwd"]), false),
            (v(&["swk"]), false),
            (v(&["pwd", "kba"]), false),
            (v(&[]), false),
        ] {
            assert_eq!(mfa_door_idp(&amr, None, &[]), mfa, "{amr:?}");
        }
        let acr = v(&["urn:substantial"]);
        assert!(mfa_door_idp(&[], Some("urn:substantial"), &acr));
        assert!(!mfa_door_idp(&[], Some("urn:low"), &acr));
        assert!(!mfa_door_idp(&[], Some("urn:substantial"), &[]));
    }

    #[test]
    fn issuer_alleen_https_of_loopback_bij_test() {
        assert_eq!(issuer_fout("https://login.school.nl/realms/a", false), None);
        assert!(issuer_fout("http://login.school.nl", false).is_some());
        assert!(issuer_fout("http://127.0.0.1:4000", false).is_some());
        assert_eq!(issuer_fout("http://127.0.0.1:4000", true), None);
        assert!(issuer_fout("http://10.0.0.1", true).is_some());
        assert!(issuer_fout("https://u:p@login.school.nl", false).is_some());
        assert!(issuer_fout("https://login.school.nl/?x=1", false).is_some());
        assert!(issuer_fout("login.school.nl", false).is_some());
    }

    #[test]
    fn domeinen() {
        assert!(is_domein("school.nl") && is_domein("a-b.school.nl"));
        for fout in ["school", "@school.nl", "school..nl", "-a.nl", "sch ool.nl"] {
            assert!(!is_domein(fout), "{fout}");
        }
    }
}
