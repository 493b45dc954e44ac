//! Writing the directory's contact persons (issue 13.5): a contact person
//! of an organisation of the region, or of the region's expertpool, added,
//! changed or removed by the region's beheerder (reading them is
//! `GET /contactpersonen` in [`super::gids`]). The rules are in
//! [`crate::contactbeheer`], shared with the beheer page.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use schakel_storage::Gidscontact;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Actor;
use crate::contactbeheer::{self, Contactaanvraag};
use crate::dossier::Dossier;
use crate::fout::ApiResultaat;
use crate::invoer::{Invoer, Pad};
use crate::openapi::{Geweigerd, NietGevonden, NietIngelogd, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactInvoer {
    /// An organisation of the region; absent or null: the region's
    /// expertpool.
    pub organisatie: Option<i64>,
    /// The role, e.g. "zorgcoördinator", "vast contactpunt" (at most 100
    /// characters).
    pub functie: String,
    /// The person's or desk's name (at most 200 characters).
    pub naam: String,
    /// A phone number (10 to 15 digits, or a 14-number); this or `email`.
    pub telefoon: Option<String>,
    /// An e-mail address; this or `telefoon`.
    pub email: Option<String>,
}

impl From<ContactInvoer> for Contactaanvraag {
    fn from(i: ContactInvoer) -> Self {
        Self {
            organisatie: i.organisatie,
            functie: i.functie,
            naam: i.naam,
            telefoon: i.telefoon,
            email: i.email,
        }
    }
}

/// A contact person as stored (the items of `GET /contactpersonen`).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContactDto {
    pub id: i64,
    pub regio: i64,
    /// Null: the region's expertpool.
    pub organisatie: Option<i64>,
    pub functie: String,
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
    /// When it was last added or changed.
    pub gewijzigd: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<Gidscontact> for ContactDto {
    fn from(c: Gidscontact) -> Self {
        Self {
            id: c.id,
            regio: c.regio,
            organisatie: c.organisatie,
            functie: c.functie,
            naam: c.naam,
            telefoon: c.telefoon,
            email: c.email,
            gewijzigd: c.gewijzigd,
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub struct ContactPad {
    /// The contact person.
    pub id: i64,
}

/// Adds a contact person to an organisation of the region or to its
/// expertpool (beheerder of the region; audited with the change).
#[utoipa::path(post, path = "/contactpersonen", operation_id = "maakContactpersoon", tag = "gids",
    request_body = ContactInvoer,
    responses((status = 201, description = "De nieuwe contactpersoon", body = ContactDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd)))]
pub async fn maak(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<ContactInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let c = contactbeheer::bewaar(&dossier, None, &i.into()).await?;
    Ok((StatusCode::CREATED, Json(ContactDto::from(c))))
}

/// Replaces a contact person (beheerder of its region; audited).
#[utoipa::path(put, path = "/contactpersonen/{id}", operation_id = "wijzigContactpersoon", tag = "gids",
    params(ContactPad), request_body = ContactInvoer,
    responses((status = 200, description = "De contactpersoon zoals nu vastgelegd", body = ContactDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn wijzig(
    State(state): State<AppState>,
    actor: Actor,
    Pad(ContactPad { id }): Pad<ContactPad>,
    Invoer(i): Invoer<ContactInvoer>,
) -> ApiResultaat<Json<ContactDto>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let c = contactbeheer::bewaar(&dossier, Some(id), &i.into()).await?;
    Ok(Json(ContactDto::from(c)))
}

/// Removes a contact person (beheerder of its region; audited).
#[utoipa::path(delete, path = "/contactpersonen/{id}", operation_id = "verwijderContactpersoon", tag = "gids",
    params(ContactPad),
    responses((status = 204, description = "Verwijderd"),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn verwijder(
    State(state): State<AppState>,
    actor: Actor,
    Pad(ContactPad { id }): Pad<ContactPad>,
) -> ApiResultaat<StatusCode> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    contactbeheer::verwijder(&dossier, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
