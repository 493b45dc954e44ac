//! Authentication: local accounts with argon2id hashes, browser sessions
//! (HttpOnly, SameSite=Strict cookie; CSRF token for unsafe requests) and
//! bearer tokens for API clients. Only hashes of session ids and tokens are
//! stored. An OIDC login would end in the same place: a `Sessie` for a
//! `Medewerker` acting in one `Roltoewijzing`.

use std::net::SocketAddr;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{ConnectInfo, FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum_extra::extract::CookieJar;
use chrono::{DateTime, Utc};
use schakel_storage::{Id, Medewerker, Roltoewijzing, Sessie};
use sha2::{Digest, Sha256};

use crate::fout::ApiFout;
use crate::state::AppState;

pub const SESSIE_COOKIE: &str = "schakel_sessie";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub fn hash_wachtwoord(wachtwoord: &str) -> Result<String, ApiFout> {
    Argon2::default()
        .hash_password(wachtwoord.as_bytes())
        .map(|h| h.to_string())
        .map_err(ApiFout::intern)
}

pub fn wachtwoord_klopt(wachtwoord: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(wachtwoord.as_bytes(), &h)
            .is_ok()
    })
}

/// A random secret (session id, CSRF token, API token): 256 bits, hex.
pub fn nieuw_geheim() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

pub fn hash_geheim(geheim: &str) -> String {
    hex::encode(Sha256::digest(geheim.as_bytes()))
}

pub fn gelijk_in_constante_tijd(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// How the request came in: channel and client address, for the audit log.
#[derive(Debug, Clone)]
pub struct Herkomst(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Herkomst {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let adres = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "onbekend".into());
        // The path as the client sent it: the API is nested under /api/v1,
        // and a nested route sees its path without that prefix.
        let pad = parts
            .extensions
            .get::<OriginalUri>()
            .map_or(parts.uri.path(), |o| o.0.path());
        let kanaal = if pad.starts_with("/api/") {
            "api"
        } else {
            "web"
        };
        Ok(Self(format!("{kanaal} {adres}")))
    }
}

/// The logged-in user, acting in one role within one organisation.
#[derive(Debug, Clone)]
pub struct Actor {
    pub medewerker: Medewerker,
    pub rol: Roltoewijzing,
    pub herkomst: String,
    pub via: Via,
}

/// How the request proved who it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A browser or API session, opened with a password at `ingelogd`.
    Sessie { ingelogd: DateTime<Utc> },
    /// A bearer token (its id).
    Token(Id),
}

/// How recent a login must be for acts that hand out lasting access (an
/// API token): a stolen session cookie alone is not enough for them.
pub const RECENT_INGELOGD: chrono::Duration = chrono::Duration::minutes(10);

impl Actor {
    /// Who records something, as the store keeps it.
    pub fn door(&self) -> schakel_storage::Door {
        schakel_storage::Door {
            medewerker: self.medewerker.id,
            rol: self.rol.rol,
            organisatie: self.rol.organisatie,
        }
    }
}

impl FromRequestParts<AppState> for Actor {
    type Rejection = ApiFout;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiFout> {
        let Ok(Herkomst(herkomst)) = Herkomst::from_request_parts(parts, state).await;
        let (medewerker, rol, via) = match bearer(parts) {
            Some(token) => via_token(state, &token).await?,
            None => via_sessie(parts, state, &herkomst).await?,
        };
        Actor::van(state, medewerker, rol, herkomst, via).await
    }
}

impl Actor {
    /// The actor of a session or token: only while the account is active
    /// and still holds the role.
    pub async fn van(
        state: &AppState,
        medewerker: i64,
        rol: Roltoewijzing,
        herkomst: String,
        via: Via,
    ) -> Result<Self, ApiFout> {
        let medewerker = state
            .opslag
            .medewerker(medewerker)
            .await?
            .filter(|m| m.actief)
            .ok_or(ApiFout::NietIngelogd)?;
        if !medewerker.rollen.contains(&rol) {
            return Err(ApiFout::NietIngelogd);
        }
        Ok(Actor {
            medewerker,
            rol,
            herkomst,
            via,
        })
    }

    /// Refuses (403) unless the actor logged in with a password within
    /// [`RECENT_INGELOGD`]: a bearer token never qualifies.
    pub fn eis_recent_ingelogd(&self, wat: &str) -> Result<(), ApiFout> {
        match self.via {
            Via::Token(_) => Err(ApiFout::Geweigerd(format!(
                "Met een API-token kunt u geen {wat}. Log in met uw wachtwoord."
            ))),
            Via::Sessie { ingelogd } if Utc::now() - ingelogd > RECENT_INGELOGD => {
                Err(ApiFout::OpnieuwInloggen(format!(
                    "Voor {wat} moet u in de laatste {} minuten hebben ingelogd. Log opnieuw in (POST /api/v1/sessies) en probeer het dan nog eens.",
                    RECENT_INGELOGD.num_minutes()
                )))
            }
            Via::Sessie { .. } => Ok(()),
        }
    }
}

fn bearer(parts: &Parts) -> Option<String> {
    // The scheme is case-insensitive (RFC 9110 11.1).
    let waarde = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (schema, token) = waarde.split_once(' ')?;
    schema
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}

async fn via_token(state: &AppState, token: &str) -> Result<(i64, Roltoewijzing, Via), ApiFout> {
    let t = state
        .opslag
        .api_token(&hash_geheim(token))
        .await?
        .ok_or(ApiFout::NietIngelogd)?;
    let nu = Utc::now();
    if t.verloopt <= nu {
        return Err(ApiFout::NietIngelogd);
    }
    // The last use is kept to the minute: a write on every request would be
    // a queue of its own in front of every API call (SQLite has one writer,
    // and each write is a commit with an fsync).
    if t.laatst_gebruikt
        .is_none_or(|l| nu - l >= chrono::Duration::minutes(1))
    {
        state.opslag.gebruik_api_token(t.id, nu).await?;
    }
    Ok((t.medewerker, t.rol, Via::Token(t.id)))
}

async fn via_sessie(
    parts: &Parts,
    state: &AppState,
    herkomst: &str,
) -> Result<(i64, Roltoewijzing, Via), ApiFout> {
    let jar = CookieJar::from_headers(&parts.headers);
    let id = jar
        .get(SESSIE_COOKIE)
        .map(|c| c.value().to_string())
        .ok_or(ApiFout::NietIngelogd)?;
    let sessie = geldige_sessie(state, &id).await?;
    let veilig = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !veilig {
        let meegestuurd = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        eis_csrf(state, meegestuurd, &sessie, herkomst).await?;
    }
    raak_aan(state, &sessie).await?;
    Ok((sessie.medewerker, sessie.rol, via(&sessie)))
}

/// How a session proved who it is.
pub fn via(sessie: &Sessie) -> Via {
    Via::Sessie {
        ingelogd: sessie.aangemaakt,
    }
}

/// The session behind a cookie's secret while it is valid: not past its
/// absolute end, not idle too long (an expired one is removed). Not yet
/// touched: an unsafe request touches it only once its CSRF token checks.
/// Shared by the API and the web pages, so both end a session alike.
pub async fn geldige_sessie(state: &AppState, geheim: &str) -> Result<Sessie, ApiFout> {
    match sessie_stand(state, geheim).await? {
        SessieStand::Geldig(s) => Ok(s),
        SessieStand::Verlopen(_) | SessieStand::Onbekend => Err(ApiFout::NietIngelogd),
    }
}

/// A cookie's session: valid, just expired (and now removed), or none.
pub enum SessieStand {
    Geldig(Sessie),
    /// What the session was: a form sent after the time-out is kept for
    /// this account alone (`web::bewaard`).
    Verlopen(Sessie),
    Onbekend,
}

/// The session behind a cookie's secret and whether it is still valid (see
/// [`geldige_sessie`]); an expired one is removed.
pub async fn sessie_stand(state: &AppState, geheim: &str) -> Result<SessieStand, ApiFout> {
    let hash = hash_geheim(geheim);
    let Some(sessie) = state.opslag.sessie(&hash).await? else {
        return Ok(SessieStand::Onbekend);
    };
    let nu = Utc::now();
    let inactief = nu - sessie.laatst_actief > state.instellingen.sessie_inactief;
    if sessie.verloopt <= nu || inactief {
        state.opslag.verwijder_sessie(&hash).await?;
        return Ok(SessieStand::Verlopen(sessie));
    }
    Ok(SessieStand::Geldig(sessie))
}

/// Whether a request carries the session's CSRF token (compared in
/// constant time).
pub fn csrf_klopt(meegestuurd: &str, sessie: &Sessie) -> bool {
    gelijk_in_constante_tijd(meegestuurd, &sessie.csrf_token)
}

/// Refuses (and logs) an unsafe request without the session's CSRF token.
pub async fn eis_csrf(
    state: &AppState,
    meegestuurd: &str,
    sessie: &Sessie,
    herkomst: &str,
) -> Result<(), ApiFout> {
    if csrf_klopt(meegestuurd, sessie) {
        return Ok(());
    }
    let wie = crate::toegangslog::Wie {
        medewerker: Some(sessie.medewerker),
        rol: Some(sessie.rol),
    };
    crate::toegangslog::log(
        state,
        crate::toegangslog::record(
            "csrf.geweigerd",
            schakel_storage::audit::Actie::Uitvoeren,
            wie,
            ("sessie", None),
            schakel_storage::audit::Uitkomst::Geweigerd,
            "csrf_token_ontbreekt_of_onjuist",
            herkomst,
        ),
    )
    .await?;
    Err(ApiFout::CsrfOntbreekt)
}

/// Marks the session active now: the idle time-out starts again.
pub async fn raak_aan(state: &AppState, sessie: &Sessie) -> Result<(), ApiFout> {
    Ok(state
        .opslag
        .raak_sessie_aan(&sessie.token_hash, Utc::now())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_hash_en_controle() {
        let h = hash_wachtwoord("correct paard batterij nietje").expect("hash");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(wachtwoord_klopt("correct paard batterij nietje", &h));
        assert!(!wachtwoord_klopt("fout", &h));
        assert!(!wachtwoord_klopt("x", "geen hash"));
    }

    #[test]
    fn geheimen_zijn_uniek_en_alleen_als_hash_bewaard() {
        let a = nieuw_geheim();
        assert_eq!(a.len(), 64);
        assert_ne!(a, nieuw_geheim());
        assert_ne!(hash_geheim(&a), a);
        assert!(gelijk_in_constante_tijd("abc", "abc"));
        assert!(!gelijk_in_constante_tijd("abc", "abd"));
    }
}
