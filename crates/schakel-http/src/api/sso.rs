//! An organisation's single sign-on (issue 13.4), for the beheerder of
//! its region: `GET`/`PUT /organisaties/{id}/sso`. The client secret goes
//! in, never out.

use axum::Json;
use axum::extract::State;

use super::organisaties::OrganisatiePad;
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::ApiResultaat;
use crate::invoer::{Invoer, Pad};
use crate::openapi::{Geweigerd, NietGevonden, NietIngelogd, OngeldigeInvoer};
use crate::sso::{self, SsoDto, SsoInvoer};
use crate::state::AppState;

/// An organisation's single sign-on (never its client secret), the redirect
/// URI to register at the provider, and the accounts it made that wait for
/// a role.
#[utoipa::path(get, path = "/organisaties/{id}/sso", operation_id = "leesSsoVanOrganisatie", tag = "organisaties",
    params(("id" = i64, Path, description = "De organisatie")),
    responses((status = 200, description = "De single sign-on van de organisatie", body = SsoDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn lees(
    State(state): State<AppState>,
    actor: Actor,
    Pad(OrganisatiePad { id }): Pad<OrganisatiePad>,
) -> ApiResultaat<Json<SsoDto>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(sso::lees(&dossier, id).await?))
}

/// Replaces an organisation's single sign-on: issuer (https), client id and
/// secret (absent keeps the stored one), allowed e-mail domains, whether an
/// unknown person gets an account without a role, and the `acr` values
/// that count as more than one factor. Audited with the change.
#[utoipa::path(put, path = "/organisaties/{id}/sso", operation_id = "zetSsoVanOrganisatie", tag = "organisaties",
    params(("id" = i64, Path, description = "De organisatie")),
    request_body = SsoInvoer,
    responses((status = 200, description = "De single sign-on zoals nu vastgelegd", body = SsoDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn zet(
    State(state): State<AppState>,
    actor: Actor,
    Pad(OrganisatiePad { id }): Pad<OrganisatiePad>,
    Invoer(i): Invoer<SsoInvoer>,
) -> ApiResultaat<Json<SsoDto>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(sso::zet(&dossier, id, i).await?))
}
