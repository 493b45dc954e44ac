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
use schakel_storage::{ApiToken, Roltoewijzing, Sessie};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{Actor, SESSIE_COOKIE, hash_geheim, nieuw_geheim, wachtwoord_klopt};
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::Invoer;
use crate::openapi::{NietIngelogd, OngeldigeInvoer, TeVeelPogingen};
use crate::state::AppState;

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
/// session cookie. After 5 failed attempts within a minute from one address
/// or on one account, further attempts get 429 until a minute has passed.
#[utoipa::path(post, path = "/sessies", operation_id = "inloggen", tag = "toegang", request_body = Inloggen,
    security(()),
    responses((status = 201, description = "Ingelogd: de sessiecookie staat in Set-Cookie, het csrfToken in de body", body = SessieInfo),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 429, response = TeVeelPogingen)))]
pub async fn inloggen(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    Invoer(i): Invoer<Inloggen>,
) -> ApiResultaat<impl IntoResponse> {
    match meld_aan(&state, adres.ip(), &i).await? {
        Aanmelding::Gelukt { geheim, info } => Ok((
            StatusCode::CREATED,
            jar.add(sessie_cookie(&state, geheim)),
            Json(info),
        )),
        Aanmelding::KiesRol(_) => Err(ApiFout::veld(
            "rol",
            "dit account heeft meer rollen: kies rol en organisatie",
        )),
    }
}

/// The outcome of a correct password.
pub enum Aanmelding {
    /// A new session: its secret (for the cookie) and what the client sees.
    Gelukt { geheim: String, info: SessieInfo },
    /// The account has several roles and none was chosen.
    KiesRol(Vec<Roltoewijzing>),
}

/// Checks a login and creates the session: one path for the API and the
/// web pages, with the same failed-login window, the same timing for
/// unknown accounts and the same role choice.
pub async fn meld_aan(
    state: &AppState,
    adres: std::net::IpAddr,
    i: &Inloggen,
) -> ApiResultaat<Aanmelding> {
    let email = i.email.trim().to_lowercase();
    let sleutels = [format!("adres {adres}"), format!("account {email}")];
    if let Some(wacht) = state.inlogpogingen.wachttijd(&sleutels) {
        return Err(ApiFout::TeVeel {
            opnieuw_na: wacht.as_secs().max(1),
        });
    }
    let gevonden = state.opslag.medewerker_op_email(&email).await?;
    let wachtwoord = i.wachtwoord.clone();
    let (medewerker, hash) = match gevonden {
        Some((m, h)) if m.actief => (Some(m), Some(h)),
        _ => (None, None),
    };
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
    let medewerker = match (medewerker, klopt) {
        (Some(m), true) => m,
        _ => {
            tracing::info!(adres = %adres, "mislukte inlogpoging");
            state.inlogpogingen.mislukt(&sleutels);
            return Err(ApiFout::NietIngelogd);
        }
    };
    state.inlogpogingen.gelukt(&sleutels[1]);
    if i.rol.is_none() && i.organisatie.is_none() && medewerker.rollen.len() > 1 {
        return Ok(Aanmelding::KiesRol(medewerker.rollen));
    }
    let rol = kies_rol(&medewerker.rollen, i.rol, i.organisatie)?;
    let geheim = nieuw_geheim();
    let nu = Utc::now();
    let sessie = Sessie {
        token_hash: hash_geheim(&geheim),
        medewerker: medewerker.id,
        rol,
        csrf_token: nieuw_geheim(),
        aangemaakt: nu,
        laatst_actief: nu,
        verloopt: nu + state.instellingen.sessie_max,
    };
    state.opslag.maak_sessie(&sessie).await?;
    let info = SessieInfo {
        medewerker: medewerker.id,
        naam: medewerker.naam,
        rol: rol.rol,
        organisatie: rol.organisatie,
        csrf_token: sessie.csrf_token,
        verloopt: sessie.verloopt,
    };
    Ok(Aanmelding::Gelukt { geheim, info })
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
    _actor: Actor,
    jar: CookieJar,
) -> ApiResultaat<impl IntoResponse> {
    if let Some(c) = jar.get(SESSIE_COOKIE) {
        state
            .opslag
            .verwijder_sessie(&hash_geheim(c.value()))
            .await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        jar.remove(Cookie::build(SESSIE_COOKIE).path("/").build()),
    ))
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

/// A token for `actor`'s current role (the API and the web page): checked,
/// its creation logged, only its hash stored.
pub async fn maak_token_voor(
    state: &AppState,
    actor: &Actor,
    t: NieuwToken,
) -> ApiResultaat<TokenAntwoord> {
    if !(1..=365).contains(&t.geldig_dagen) {
        return Err(ApiFout::veld("geldigDagen", "verwacht 1 tot en met 365"));
    }
    if t.naam.trim().is_empty() {
        return Err(ApiFout::veld("naam", "verplicht: waarvoor is het token"));
    }
    let token = nieuw_geheim();
    let verloopt = Utc::now() + chrono::Duration::days(t.geldig_dagen);
    // A token carries the role's access to dossiers: its creation is a
    // security event and logged as such (the token itself never is).
    let record = crate::dossier::Dossier { state, actor }.record(
        "api_token.aanmaken",
        schakel_storage::audit::Actie::Aanmaken,
        None,
        ("api_token", None),
        schakel_storage::audit::Uitkomst::Toegestaan,
        Some("eigen_rol"),
    );
    state.opslag.schrijf_audit(&record).await?;
    state
        .opslag
        .maak_api_token(&ApiToken {
            token_hash: hash_geheim(&token),
            medewerker: actor.medewerker.id,
            rol: actor.rol,
            naam: t.naam,
            verloopt,
        })
        .await?;
    Ok(TokenAntwoord { token, verloopt })
}
