//! Accounts (issue 13.2): the list, one account, an invitation (its
//! activation link in the answer, once), role changes, a reset link, and
//! the user's own password change. Who may do what for whom is decided in
//! [`crate::accountbeheer`].

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum_extra::extract::CookieJar;
use schakel_domain::Rol;
use schakel_storage::{Medewerker, Roltoewijzing};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::sessies::MedewerkerPad;
use super::{PaginaAntwoord, PaginaVraag};
use crate::accountbeheer::{self, Bezorgd};
use crate::auth::{Actor, SESSIE_COOKIE, hash_geheim};
use crate::fout::ApiResultaat;
use crate::invoer::{Invoer, Pad, Vraag};
use crate::openapi::{
    Conflict, Geweigerd, NietGevonden, NietIngelogd, OngeldigeInvoer, TeVeelPogingen,
};
use crate::post::Soort;
use crate::state::AppState;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RolDto {
    pub rol: Rol,
    /// The organisation's id.
    pub organisatie: i64,
}

impl From<RolDto> for Roltoewijzing {
    fn from(r: RolDto) -> Self {
        Self {
            rol: r.rol,
            organisatie: r.organisatie,
        }
    }
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct MedewerkerDto {
    pub id: i64,
    pub naam: String,
    pub email: String,
    pub actief: bool,
    pub rollen: Vec<RolDto>,
}

impl From<Medewerker> for MedewerkerDto {
    fn from(m: Medewerker) -> Self {
        Self {
            id: m.id,
            naam: m.naam,
            email: m.email,
            actief: m.actief,
            rollen: m
                .rollen
                .into_iter()
                .map(|r| RolDto {
                    rol: r.rol,
                    organisatie: r.organisatie,
                })
                .collect(),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct MedewerkersVraag {
    /// Only the accounts with a role at this organisation.
    pub organisatie: Option<i64>,
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

/// The accounts the beheerder (the region's) or accountbeheerder (the own
/// organisation's) manages, by name.
#[utoipa::path(get, path = "/medewerkers", operation_id = "lijstMedewerkers", tag = "toegang", params(MedewerkersVraag),
    responses((status = 200, description = "Een pagina accounts", body = inline(PaginaAntwoord<MedewerkerDto>)),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<MedewerkersVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let pagina = PaginaVraag {
        pagina: v.pagina,
        per_pagina: v.per_pagina,
    }
    .pagina()?;
    let (_, lijst) = accountbeheer::lijst(&state, &actor, v.organisatie, pagina).await?;
    Ok(Json(PaginaAntwoord::new(
        lijst.items.into_iter().map(MedewerkerDto::from).collect(),
        &pagina,
        lijst.totaal,
    )))
}

/// One account the actor manages.
#[utoipa::path(get, path = "/medewerkers/{id}", operation_id = "leesMedewerker", tag = "toegang", params(MedewerkerPad),
    responses((status = 200, description = "Het account", body = MedewerkerDto), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn lees(
    State(state): State<AppState>,
    actor: Actor,
    Pad(MedewerkerPad { id }): Pad<MedewerkerPad>,
) -> ApiResultaat<impl IntoResponse> {
    let m = accountbeheer::lees(&state, &actor, id).await?;
    Ok(Json(MedewerkerDto::from(m)))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UitnodigingInvoer {
    pub naam: String,
    pub email: String,
    pub rol: Rol,
    /// The organisation's id.
    pub organisatie: i64,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LinkDto {
    pub medewerker: MedewerkerDto,
    /// The one-time link to set a password; shown this once (only its hash
    /// is stored).
    pub link: String,
    pub verloopt: chrono::DateTime<chrono::Utc>,
    /// Whether the link was e-mailed to the account (SMTP configured and
    /// delivered); otherwise hand it over yourself.
    pub verstuurd: bool,
}

fn link_dto(u: crate::account::Uitnodiging, b: Bezorgd) -> LinkDto {
    LinkDto {
        medewerker: u.medewerker.into(),
        link: b.link,
        verloopt: u.verloopt,
        verstuurd: b.verstuurd,
    }
}

/// Invites an account with one role: the answer holds its activation link,
/// once; it is e-mailed too when SMTP is configured.
#[utoipa::path(post, path = "/medewerkers", operation_id = "nodigMedewerkerUit", tag = "toegang", request_body = UitnodigingInvoer,
    responses((status = 201, description = "Het nieuwe account en zijn activeringslink (72 uur geldig, eenmalig)", body = LinkDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn nodig_uit(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<UitnodigingInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let rol = Roltoewijzing {
        rol: i.rol,
        organisatie: i.organisatie,
    };
    let u = accountbeheer::nodig_uit_door(&state, &actor, &i.naam, &i.email, rol).await?;
    let b = accountbeheer::bezorg(&state, Soort::Uitnodiging, &u).await;
    Ok((StatusCode::CREATED, Json(link_dto(u, b))))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollenInvoer {
    /// Every role the account holds from now on (at least one).
    pub rollen: Vec<RolDto>,
}

/// Replaces an account's roles; a role taken away ends its sessions and
/// API tokens at once.
#[utoipa::path(put, path = "/medewerkers/{id}/rollen", operation_id = "zetMedewerkerRollen", tag = "toegang", params(MedewerkerPad),
    request_body = RollenInvoer,
    responses((status = 200, description = "Het account met zijn nieuwe rollen", body = MedewerkerDto), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn zet_rollen(
    State(state): State<AppState>,
    actor: Actor,
    Pad(MedewerkerPad { id }): Pad<MedewerkerPad>,
    Invoer(i): Invoer<RollenInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let rollen: Vec<Roltoewijzing> = i.rollen.into_iter().map(Into::into).collect();
    let m = accountbeheer::zet_rollen(&state, &actor, id, &rollen).await?;
    Ok(Json(MedewerkerDto::from(m)))
}

/// A one-time reset link (24 hours) for an account: it leads to the page
/// that sets a new password; using it ends the account's sessions.
#[utoipa::path(post, path = "/medewerkers/{id}/herstellink", operation_id = "maakHerstellink", tag = "toegang", params(MedewerkerPad),
    responses((status = 201, description = "De herstellink, eenmalig getoond", body = LinkDto), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn herstellink(
    State(state): State<AppState>,
    actor: Actor,
    Pad(MedewerkerPad { id }): Pad<MedewerkerPad>,
) -> ApiResultaat<impl IntoResponse> {
    let u = accountbeheer::herstellink(&state, &actor, id).await?;
    let b = accountbeheer::bezorg(&state, Soort::Herstel, &u).await;
    Ok((StatusCode::CREATED, Json(link_dto(u, b))))
}

/// Removes an account's second factors when the user lost them (the
/// phone with the authenticator app, a passkey): every factor and recovery
/// code, and every session ends; the next login enrols a factor anew.
/// Beheerder of the region, or accountbeheerder of the account's
/// organisation; audited.
#[utoipa::path(delete, path = "/medewerkers/{id}/tweede-factoren", operation_id = "verwijderTweedeFactoren", tag = "toegang", params(MedewerkerPad),
    responses((status = 204, description = "Verwijderd; de sessies van het account zijn beëindigd"), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn verwijder_tweede_factoren(
    State(state): State<AppState>,
    actor: Actor,
    Pad(MedewerkerPad { id }): Pad<MedewerkerPad>,
) -> ApiResultaat<StatusCode> {
    accountbeheer::verwijder_tweede_factoren(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WachtwoordInvoer {
    pub huidig_wachtwoord: String,
    pub nieuw_wachtwoord: String,
}

/// Changes the own password: the current one is needed; every other
/// session of the account ends (this one stays).
#[utoipa::path(put, path = "/sessies/huidige/wachtwoord", operation_id = "wijzigWachtwoord", tag = "toegang",
    request_body = WachtwoordInvoer,
    responses((status = 204, description = "Gewijzigd; andere sessies zijn beëindigd"), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 429, response = TeVeelPogingen)))]
pub async fn wijzig_wachtwoord(
    State(state): State<AppState>,
    ConnectInfo(adres): ConnectInfo<SocketAddr>,
    actor: Actor,
    jar: CookieJar,
    Invoer(i): Invoer<WachtwoordInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let behoud = jar.get(SESSIE_COOKIE).map(|c| hash_geheim(c.value()));
    accountbeheer::wijzig_wachtwoord(
        &state,
        &actor,
        adres.ip(),
        &i.huidig_wachtwoord,
        &i.nieuw_wachtwoord,
        behoud.as_deref(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
