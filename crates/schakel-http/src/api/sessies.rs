//! Logging in and out, and API tokens.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::Utc;
use schakel_domain::Rol;
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst};
use schakel_storage::{
    AanmeldDoel, ApiToken, Medewerker, NieuwApiToken, Roltoewijzing, TokenFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{PaginaAntwoord, PaginaVraag};
use crate::auth::{Actor, Herkomst, SESSIE_COOKIE, hash_geheim, nieuw_geheim, wachtwoord_klopt};
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Invoer, Pad, Vraag};
use crate::openapi::{Geweigerd, NietGevonden, NietIngelogd, OngeldigeInvoer, TeVeelPogingen};
use crate::state::{AppState, Inlogpogingen};
use crate::toegangslog::{self, Wie};

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Inloggen {
    pub email: String,
    pub wachtwoord: String,
    /// The role to act in; required when the account has more than one.
    pub rol: Option<Rol>,
    pub organisatie: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessieInfo {
    pub medewerker: i64,
    pub naam: String,
    pub rol: Rol,
    pub organisatie: i64,
    /// Send this in X-CSRF-Token with every unsafe request of this session.
    pub csrf_token: String,
    pub verloopt: chrono::DateTime<Utc>,
}

/// An argon2id hash of a random secret, made once: what a login for an
/// unknown or inactive account is verified against.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| crate::auth::hash_wachtwoord(&nieuw_geheim()).unwrap_or_default())
}

fn kies_rol(
    rollen: &[Roltoewijzing],
    rol: Option<Rol>,
    organisatie: Option<i64>,
) -> ApiResultaat<Roltoewijzing> {
    let passend: Vec<&Roltoewijzing> = rollen
        .iter()
        .filter(|r| {
            rol.is_none_or(|x| r.rol == x) && organisatie.is_none_or(|o| r.organisatie == o)
        })
        .collect();
    match passend.as_slice() {
        [een] => Ok(**een),
        [] => Err(ApiFout::veld(
            "rol",
            "dit account heeft deze rol niet (bij deze organisatie)",
        )),
        _ => Err(ApiFout::veld(
            "rol",
            "dit account heeft meer rollen: kies rol en organisatie",
        )),
    }
}

/// Log in with e-mail and password; sets an HttpOnly, SameSite=Strict
/// session cookie. An account that must use a second factor gets 202 and a
/// cookie for the second step instead (`POST /sessies/tweede-factor` with
/// the code), valid 5 minutes; that cookie opens nothing else. Five failed
/// attempts (wrong passwords and wrong codes together) on one account
/// within a minute block that account, twenty from one address block the
/// address, until the minute has passed (429). Every attempt is in the
/// audit log.
#[utoipa::path(post, path = "/sessies", operation_id = "inloggen", tag = "toegang", request_body = Inloggen,
    security(()),
    responses((status = 201, description = "Ingelogd: de sessiecookie staat in Set-Cookie, het csrfToken in de body", body = SessieInfo),
              (status = 202, description = "Wachtwoord juist; nu de tweede factor (of eerst die instellen): de cookie voor die stap staat in Set-Cookie", body = TweedeFactorNodig),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 429, response = TeVeelPogingen)))]
pub async fn inloggen(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    Herkomst(herkomst): Herkomst,
    jar: CookieJar,
    Invoer(i): Invoer<Inloggen>,
) -> ApiResultaat<axum::response::Response> {
    match meld_aan(&state, adres.ip(), &herkomst, &i).await? {
        Aanmelding::Gelukt { geheim, info } => Ok((
            StatusCode::CREATED,
            jar.add(sessie_cookie(&state, geheim)),
            Json(info),
        )
            .into_response()),
        Aanmelding::TweedeFactor {
            geheim,
            doel,
            verloopt,
        } => Ok((
            StatusCode::ACCEPTED,
            jar.add(aanmeld_cookie(&state, geheim)),
            Json(TweedeFactorNodig::van(doel, verloopt)),
        )
            .into_response()),
        Aanmelding::KiesRol(_) => Err(ApiFout::veld(
            "rol",
            "dit account heeft meer rollen: kies rol en organisatie",
        )),
    }
}

/// The password was right; the second factor is next.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TweedeFactorNodig {
    /// `controle`: send a code from the authenticator app, or a recovery
    /// code, to `POST /api/v1/sessies/tweede-factor`; `inschrijven`: the
    /// account has no second factor yet: set one up at
    /// `/account/tweede-factor` in the browser (the same cookie works there).
    pub stap: String,
    /// Where to go next.
    pub vervolg: String,
    /// The step's cookie stops working then.
    pub verloopt: chrono::DateTime<Utc>,
}

impl TweedeFactorNodig {
    pub fn van(doel: AanmeldDoel, verloopt: chrono::DateTime<Utc>) -> Self {
        let vervolg = match doel {
            AanmeldDoel::Controle => "/api/v1/sessies/tweede-factor",
            AanmeldDoel::Inschrijven => "/account/tweede-factor",
        };
        Self {
            stap: doel.naam().into(),
            vervolg: vervolg.into(),
            verloopt,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TweedeFactorCode {
    /// The six digits the authenticator app shows now, or an unused
    /// recovery code (`xxxx-xxxx-xxxx`).
    pub code: String,
}

/// The second step of a login: a TOTP code (each code works once) or a
/// recovery code (each works once), with the cookie of `POST /sessies`'s
/// 202. Right: the session, as `POST /sessies` gives it. Wrong: 401, logged
/// and counted with the failed logins; after five wrong codes the step
/// ends and the password is asked again.
#[utoipa::path(post, path = "/sessies/tweede-factor", operation_id = "bevestigTweedeFactor", tag = "toegang",
    request_body = TweedeFactorCode, security(()),
    responses((status = 201, description = "Ingelogd: de sessiecookie staat in Set-Cookie, het csrfToken in de body", body = SessieInfo),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 429, response = TeVeelPogingen)))]
pub async fn bevestig_tweede_factor(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    Herkomst(herkomst): Herkomst,
    jar: CookieJar,
    Invoer(i): Invoer<TweedeFactorCode>,
) -> ApiResultaat<impl IntoResponse> {
    use crate::tweedefactor::{AANMELD_COOKIE, Bewijs, controleer};
    let geheim = jar
        .get(AANMELD_COOKIE)
        .map(|c| c.value().to_string())
        .ok_or(ApiFout::NietIngelogd)?;
    let (sessie, info) = controleer(
        &state,
        &geheim,
        adres.ip(),
        &herkomst,
        Bewijs::Code(&i.code),
    )
    .await?;
    let jar = jar
        .remove(Cookie::build(AANMELD_COOKIE).path("/").build())
        .add(sessie_cookie(&state, sessie));
    Ok((StatusCode::CREATED, jar, Json(info)))
}

/// The outcome of a correct password.
pub enum Aanmelding {
    /// A new session: its secret (for the cookie) and what the client sees.
    Gelukt { geheim: String, info: SessieInfo },
    /// The second factor is next (or its enrolment): the waiting login's
    /// cookie secret.
    TweedeFactor {
        geheim: String,
        doel: AanmeldDoel,
        verloopt: chrono::DateTime<Utc>,
    },
    /// The account has several roles and none was chosen.
    KiesRol(Vec<Roltoewijzing>),
}

/// A login attempt's record (event `sessie.inloggen`).
fn inlogrecord(wie: Wie, uitkomst: Uitkomst, grond: &str, herkomst: &str) -> NieuwAuditRecord {
    aanmeldrecord("sessie.inloggen", wie, uitkomst, grond, herkomst)
}

/// A record of a login step (a password, a single sign-on) about the
/// account `wie` tried.
pub fn aanmeldrecord(
    gebeurtenis: &str,
    wie: Wie,
    uitkomst: Uitkomst,
    grond: &str,
    herkomst: &str,
) -> NieuwAuditRecord {
    toegangslog::record(
        gebeurtenis,
        Actie::Uitvoeren,
        wie,
        ("medewerker", wie.medewerker),
        uitkomst,
        grond,
        herkomst,
    )
}

/// Checks an e-mail address and password against the failed-login
/// counters and the stored hash, and logs the attempt when it fails: the
/// one check behind a login and a re-authentication.
pub async fn controleer_wachtwoord(
    state: &AppState,
    adres: std::net::IpAddr,
    herkomst: &str,
    email: &str,
    wachtwoord: &str,
) -> ApiResultaat<Medewerker> {
    let tellers = Inlogpogingen::tellers(email, adres);
    let gevonden = state.opslag.medewerker_op_email(email).await?;
    let wie = Wie {
        medewerker: gevonden.as_ref().map(|(m, _)| m.id),
        rol: None,
    };
    let opslag = state.opslag.as_ref();
    if let Some((teller, wacht)) = state.inlogpogingen.blokkade(opslag, &tellers).await? {
        let record = inlogrecord(wie, Uitkomst::Geweigerd, teller.grond, herkomst);
        toegangslog::log(state, record).await?;
        return Err(ApiFout::TeVeel {
            opnieuw_na: wacht.as_secs().max(1),
        });
    }
    let (medewerker, hash) = match gevonden {
        Some((m, h)) if m.actief => (Some(m), Some(h)),
        Some(_) => (None, None),
        None => (None, None),
    };
    let wachtwoord = wachtwoord.to_string();
    // An unknown address is verified against a dummy hash, so that it takes
    // as long: one verification either way (hashing a dummy per request, as
    // well, would double the time and give the unknown address away).
    let klopt = tokio::task::spawn_blocking(move || match hash {
        Some(h) => wachtwoord_klopt(&wachtwoord, &h),
        None => {
            let _ = wachtwoord_klopt(&wachtwoord, dummy_hash());
            false
        }
    })
    .await
    .map_err(ApiFout::intern)?;
    match (medewerker, klopt) {
        (Some(m), true) => {
            state.inlogpogingen.gelukt(opslag, &tellers[0]).await?;
            Ok(m)
        }
        (m, _) => {
            tracing::info!(adres = %adres, "mislukte inlogpoging");
            state.inlogpogingen.mislukt(opslag, &tellers).await?;
            let grond = match (wie.medewerker, m) {
                (None, _) => format!(
                    "onbekend_account {}",
                    toegangslog::email_pseudoniem(state, email)
                ),
                (Some(_), None) => "account_inactief".into(),
                (Some(_), Some(_)) => "wachtwoord_onjuist".into(),
            };
            toegangslog::log(
                state,
                inlogrecord(wie, Uitkomst::Geweigerd, &grond, herkomst),
            )
            .await?;
            Err(ApiFout::NietIngelogd)
        }
    }
}

/// Checks a login and creates the session: one path for the API and the
/// web pages, with the same failed-login counters, the same timing for
/// unknown accounts, the same role choice and the same audit records.
pub async fn meld_aan(
    state: &AppState,
    adres: std::net::IpAddr,
    herkomst: &str,
    i: &Inloggen,
) -> ApiResultaat<Aanmelding> {
    let email = i.email.trim().to_lowercase();
    let medewerker = controleer_wachtwoord(state, adres, herkomst, &email, &i.wachtwoord).await?;
    let wie = Wie {
        medewerker: Some(medewerker.id),
        rol: None,
    };
    if i.rol.is_none() && i.organisatie.is_none() && medewerker.rollen.len() > 1 {
        let record = inlogrecord(wie, Uitkomst::Geweigerd, "rol_kiezen", herkomst);
        toegangslog::log(state, record).await?;
        return Ok(Aanmelding::KiesRol(medewerker.rollen));
    }
    let rol = match kies_rol(&medewerker.rollen, i.rol, i.organisatie) {
        Ok(r) => r,
        Err(f) => {
            let record = inlogrecord(wie, Uitkomst::Geweigerd, "rol_niet_van_account", herkomst);
            toegangslog::log(state, record).await?;
            return Err(f);
        }
    };
    na_eerste_factor(
        state,
        &medewerker,
        rol,
        herkomst,
        ("sessie.inloggen", "wachtwoord_juist"),
        false,
    )
    .await
}

/// After a first factor — a password, or a single sign-on — either a
/// session or the second factor's step ([`crate::tweedefactor::na_eerste_factor`],
/// the one door). `mfa_bevestigd`: the identity provider asserted a second
/// factor.
pub async fn na_eerste_factor(
    state: &AppState,
    medewerker: &Medewerker,
    rol: Roltoewijzing,
    herkomst: &str,
    gebeurtenis_grond: (&str, &str),
    mfa_bevestigd: bool,
) -> ApiResultaat<Aanmelding> {
    use crate::tweedefactor::NaEersteFactor;
    let na = crate::tweedefactor::na_eerste_factor(
        state,
        medewerker,
        rol,
        herkomst,
        gebeurtenis_grond,
        mfa_bevestigd,
    )
    .await?;
    Ok(match na {
        NaEersteFactor::Gelukt { geheim, info } => Aanmelding::Gelukt { geheim, info },
        NaEersteFactor::TweedeFactor {
            geheim,
            doel,
            verloopt,
        } => Aanmelding::TweedeFactor {
            geheim,
            doel,
            verloopt,
        },
    })
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure behind TLS.
pub fn sessie_cookie(state: &AppState, geheim: String) -> Cookie<'static> {
    Cookie::build((SESSIE_COOKIE, geheim))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.instellingen.veilige_cookies)
        .path("/")
        .build()
}

/// The cookie of a login waiting for its second factor: as the session's,
/// on every path (the API's second step and the enrolment page).
pub fn aanmeld_cookie(state: &AppState, geheim: String) -> Cookie<'static> {
    Cookie::build((crate::tweedefactor::AANMELD_COOKIE, geheim))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.instellingen.veilige_cookies)
        .path("/")
        .build()
}

/// The current session.
#[utoipa::path(get, path = "/sessies/huidige", operation_id = "leesHuidigeSessie", tag = "toegang",
    responses((status = 200, description = "Wie er is ingelogd, in welke rol en organisatie", body = Object), (status = 401, response = NietIngelogd)))]
pub async fn huidige(actor: Actor) -> impl IntoResponse {
    Json(serde_json::json!({
        "medewerker": actor.medewerker.id,
        "naam": actor.medewerker.naam,
        "rol": actor.rol.rol,
        "organisatie": actor.rol.organisatie,
        "rollen": actor.medewerker.rollen,
    }))
}

/// Log out: ends the session and clears the cookie.
#[utoipa::path(delete, path = "/sessies/huidige", operation_id = "uitloggen", tag = "toegang",
    responses((status = 204, description = "Uitgelogd; de sessie bestaat niet meer"), (status = 401, response = NietIngelogd)))]
pub async fn uitloggen(
    State(state): State<AppState>,
    actor: Actor,
    jar: CookieJar,
) -> ApiResultaat<impl IntoResponse> {
    let jar = beeindig_sessie(&state, &actor, jar).await?;
    Ok((StatusCode::NO_CONTENT, jar))
}

/// Ends the session behind the cookie (if any), logs the logout and
/// clears the cookie: for the API and the web page alike. API tokens stay:
/// they are made for systems that run without anyone logged in, and are
/// listed and revoked at `/api-token`.
pub async fn beeindig_sessie(
    state: &AppState,
    actor: &Actor,
    jar: CookieJar,
) -> ApiResultaat<CookieJar> {
    if let Some(c) = jar.get(SESSIE_COOKIE) {
        state
            .opslag
            .verwijder_sessie(&hash_geheim(c.value()))
            .await?;
    }
    let record = Dossier { state, actor }.record(
        "sessie.uitloggen",
        Actie::Uitvoeren,
        None,
        ("medewerker", Some(actor.medewerker.id)),
        Uitkomst::Toegestaan,
        Some("eigen_sessie"),
    );
    toegangslog::log(state, record).await?;
    Ok(jar.remove(Cookie::build(SESSIE_COOKIE).path("/").build()))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NieuwToken {
    /// What the token is for.
    pub naam: String,
    /// 1 to 365 days.
    pub geldig_dagen: i64,
}

#[derive(Serialize, ToSchema)]
pub struct TokenAntwoord {
    /// For the list and for revoking it.
    pub id: i64,
    /// Shown once; only its hash is stored.
    pub token: String,
    pub verloopt: chrono::DateTime<Utc>,
}

/// A bearer token for an API client, acting in the current role.
#[utoipa::path(post, path = "/api-tokens", operation_id = "maakApiToken", tag = "toegang", request_body = NieuwToken,
    responses((status = 201, description = "Het nieuwe API-token (alleen nu te zien)", body = TokenAntwoord), (status = 400, response = OngeldigeInvoer)))]
pub async fn maak_token(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(t): Invoer<NieuwToken>,
) -> ApiResultaat<impl IntoResponse> {
    let antwoord = maak_token_voor(&state, &actor, t).await?;
    Ok((StatusCode::CREATED, Json(antwoord)))
}

/// A token for `actor`'s current role (the API and the web page): only
/// from a session with a recent login (never from another token), checked,
/// stored with the audit record of its creation, only its hash kept.
pub async fn maak_token_voor(
    state: &AppState,
    actor: &Actor,
    t: NieuwToken,
) -> ApiResultaat<TokenAntwoord> {
    actor.eis_recent_ingelogd("API-token maken")?;
    if !(1..=365).contains(&t.geldig_dagen) {
        return Err(ApiFout::veld("geldigDagen", "verwacht 1 tot en met 365"));
    }
    if t.naam.trim().is_empty() {
        return Err(ApiFout::veld("naam", "verplicht: waarvoor is het token"));
    }
    let token = nieuw_geheim();
    let nu = Utc::now();
    let verloopt = nu + chrono::Duration::days(t.geldig_dagen);
    // A token carries the role's access to dossiers: its creation is a
    // security event and logged as such (the token itself never is).
    let record = Dossier { state, actor }.record(
        "api_token.aanmaken",
        Actie::Aanmaken,
        None,
        ("api_token", None),
        Uitkomst::Toegestaan,
        Some("eigen_rol"),
    );
    let opgeslagen = state
        .opslag
        .maak_api_token(
            &NieuwApiToken {
                token_hash: hash_geheim(&token),
                medewerker: actor.medewerker.id,
                rol: actor.rol,
                naam: t.naam,
                aangemaakt: nu,
                verloopt,
            },
            &record,
        )
        .await?;
    Ok(TokenAntwoord {
        id: opgeslagen.id,
        token,
        verloopt,
    })
}

/// A token as listed: never its secret.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TokenDto {
    pub id: i64,
    pub naam: String,
    /// The account the token acts for, and its role there.
    pub medewerker: i64,
    pub rol: Rol,
    pub organisatie: i64,
    pub aangemaakt: chrono::DateTime<Utc>,
    /// The last request made with it; absent while unused.
    pub laatst_gebruikt: Option<chrono::DateTime<Utc>>,
    pub verloopt: chrono::DateTime<Utc>,
    pub verlopen: bool,
}

impl From<ApiToken> for TokenDto {
    fn from(t: ApiToken) -> Self {
        Self {
            id: t.id,
            naam: t.naam,
            medewerker: t.medewerker,
            rol: t.rol.rol,
            organisatie: t.rol.organisatie,
            aangemaakt: t.aangemaakt,
            laatst_gebruikt: t.laatst_gebruikt,
            verloopt: t.verloopt,
            verlopen: t.verloopt <= Utc::now(),
        }
    }
}

/// The tokens a list shows: the actor's own, or (`regio`) every token of
/// the beheerder's region — another role asking for those is refused and
/// logged.
pub async fn tokens_voor(
    state: &AppState,
    actor: &Actor,
    regio: bool,
) -> ApiResultaat<Vec<ApiToken>> {
    let filter = if regio {
        Dossier { state, actor }
            .eis_rol_gelogd(
                &[Rol::Beheerder],
                "api_token.lijst_regio",
                Actie::Lezen,
                "api_token",
                "Alleen de beheerder ziet de API-tokens van de regio.",
            )
            .await?;
        TokenFilter::Regio(regio_van(state, actor).await?)
    } else {
        TokenFilter::Van(actor.medewerker.id)
    };
    Ok(state.opslag.api_tokens(filter).await?)
}

async fn regio_van(state: &AppState, actor: &Actor) -> ApiResultaat<i64> {
    Ok(state
        .opslag
        .organisatie(actor.rol.organisatie)
        .await?
        .ok_or(ApiFout::NietIngelogd)?
        .regio)
}

fn tokenpagina(tokens: Vec<ApiToken>, p: PaginaVraag) -> ApiResultaat<PaginaAntwoord<TokenDto>> {
    let pagina = p.pagina()?;
    let totaal = tokens.len() as i64;
    let items = tokens
        .into_iter()
        .skip(usize::try_from(pagina.vanaf).unwrap_or(usize::MAX))
        .take(usize::try_from(pagina.aantal).unwrap_or(0))
        .map(TokenDto::from)
        .collect();
    Ok(PaginaAntwoord::new(items, &pagina, totaal))
}

/// The own API tokens (expired ones included), newest first.
#[utoipa::path(get, path = "/api-tokens", operation_id = "zoekApiTokens", tag = "toegang", params(PaginaVraag),
    responses((status = 200, description = "De eigen API-tokens, nieuwste eerst (nooit het geheim)", body = inline(PaginaAntwoord<TokenDto>)),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd)))]
pub async fn tokens(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
) -> ApiResultaat<impl IntoResponse> {
    Ok(Json(tokenpagina(
        tokens_voor(&state, &actor, false).await?,
        p,
    )?))
}

/// Every API token acting for an organisation of the beheerder's region.
#[utoipa::path(get, path = "/regio/api-tokens", operation_id = "zoekApiTokensVanRegio", tag = "toegang", params(PaginaVraag),
    responses((status = 200, description = "Alle API-tokens van de regio van de beheerder", body = inline(PaginaAntwoord<TokenDto>)),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn regiotokens(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
) -> ApiResultaat<impl IntoResponse> {
    Ok(Json(tokenpagina(
        tokens_voor(&state, &actor, true).await?,
        p,
    )?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct TokenPad {
    pub id: i64,
}

/// Revokes an API token: the own, or as beheerder any of the region. Any
/// other id, known or not, is 404 alike; the attempt is logged.
#[utoipa::path(delete, path = "/api-tokens/{id}", operation_id = "trekApiTokenIn", tag = "toegang", params(TokenPad),
    responses((status = 204, description = "Ingetrokken: het token werkt niet meer"), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 404, response = NietGevonden)))]
pub async fn trek_in(
    State(state): State<AppState>,
    actor: Actor,
    Pad(TokenPad { id }): Pad<TokenPad>,
) -> ApiResultaat<impl IntoResponse> {
    trek_token_in(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The revocation behind the API and the web page.
pub async fn trek_token_in(state: &AppState, actor: &Actor, id: i64) -> ApiResultaat<()> {
    let grond = match state.opslag.api_token_op_id(id).await? {
        Some(t) if t.medewerker == actor.medewerker.id => Some("eigen_token"),
        Some(t) if actor.rol.rol == Rol::Beheerder => {
            let regio = state
                .opslag
                .organisatie(t.rol.organisatie)
                .await?
                .map(|o| o.regio);
            (regio == Some(regio_van(state, actor).await?)).then_some("beheerder_regio")
        }
        _ => None,
    };
    let dossier = Dossier { state, actor };
    let uitkomst = if grond.is_some() {
        Uitkomst::Toegestaan
    } else {
        Uitkomst::Geweigerd
    };
    let record = dossier.record(
        "api_token.intrekken",
        Actie::Verwijderen,
        None,
        ("api_token", Some(id)),
        uitkomst,
        Some(grond.unwrap_or("niet_eigen_token")),
    );
    if grond.is_none() {
        toegangslog::log(state, record).await?;
        return Err(ApiFout::NietGevonden);
    }
    Ok(state.opslag.trek_api_token_in(id, &record).await?)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct MedewerkerPad {
    pub id: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActiefInvoer {
    /// false: deactivate (sessions and API tokens end at once); true: reactivate.
    pub actief: bool,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountStatus {
    pub id: i64,
    pub email: String,
    pub actief: bool,
}

/// Deactivates or reactivates an account of the beheerder's region.
#[utoipa::path(put, path = "/medewerkers/{id}/actief", operation_id = "zetMedewerkerActief", tag = "toegang", params(MedewerkerPad),
    request_body = ActiefInvoer,
    responses((status = 200, description = "Het account met zijn nieuwe stand; bij deactiveren zijn sessies en API-tokens beëindigd", body = AccountStatus),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn zet_actief(
    State(state): State<AppState>,
    actor: Actor,
    Pad(MedewerkerPad { id }): Pad<MedewerkerPad>,
    Invoer(i): Invoer<ActiefInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let m = crate::accountbeheer::zet_actief(&state, &actor, id, i.actief).await?;
    Ok(Json(AccountStatus {
        id: m.id,
        email: m.email,
        actief: m.actief,
    }))
}
