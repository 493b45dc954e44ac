//! The normenkader's advice and check as endpoints, with the same JSON
//! contract as `schakel advies` and `schakel toets` (snake_case keys, as in
//! the rule data). Public: they hold no personal data.

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use schakel_rules::{AdviesVraag, ToetsVraag};
use serde_json::Value;

use serde::Deserialize;

use super::vandaag;
use crate::fout::{ApiFout, ApiResultaat, Probleem};
use crate::invoer::{Invoer, Pad};
use crate::state::AppState;

/// `/reikwijdtes/{school}`
#[derive(Deserialize)]
pub struct SchoolPad {
    pub school: String,
}

/// What may be referred for a child in an education situation.
#[utoipa::path(post, path = "/api/v1/normenkader/adviezen", tag = "normenkader",
    request_body(content = Object, description = "{geboortedatum, peildatum?, onderwijssituatie, school?, tlv?, schooldagdelen?} — see README 'advies'"),
    responses((status = 200, description = "Het advies", body = Object), (status = 400, body = Probleem, content_type = "application/problem+json")))]
pub async fn advies(
    State(state): State<AppState>,
    Invoer(invoer): Invoer<Value>,
) -> ApiResultaat<impl IntoResponse> {
    let vraag = AdviesVraag::uit_json(&invoer, vandaag())?;
    let advies = state.regels.advies(&vraag)?;
    Ok(Json(
        serde_json::to_value(&advies).map_err(ApiFout::intern)?,
    ))
}

/// Whether a proposed referral is within the norms.
#[utoipa::path(post, path = "/api/v1/normenkader/toetsingen", tag = "normenkader",
    request_body(content = Object, description = "{situatie: advies-invoer, verwijzing: {product, volume, eenheid, per, ingangsdatum, einddatum}}"),
    responses((status = 200, body = Object), (status = 400, body = Probleem, content_type = "application/problem+json")))]
pub async fn toets(
    State(state): State<AppState>,
    Invoer(invoer): Invoer<Value>,
) -> ApiResultaat<impl IntoResponse> {
    let vraag = ToetsVraag::uit_json(&invoer, vandaag())?;
    let toetsing = state.regels.toets(&vraag)?;
    Ok(Json(
        serde_json::to_value(&toetsing).map_err(ApiFout::intern)?,
    ))
}

/// What an OJA school's arrangement covers, per service.
#[utoipa::path(get, path = "/api/v1/normenkader/reikwijdtes/{school}", tag = "normenkader",
    params(("school" = String, Path, description = "Watertuin, Bombardon, OPDC, PrO, Tamboerijn, Triangel of Kwekerij")),
    responses((status = 200, body = Object), (status = 404, body = Probleem, content_type = "application/problem+json")))]
pub async fn reikwijdte(
    State(state): State<AppState>,
    Pad(SchoolPad { school }): Pad<SchoolPad>,
) -> ApiResultaat<impl IntoResponse> {
    let kader = state.regels.kader_voor(vandaag(), "peildatum")?;
    let (reikwijdte, toelichting, bronnen) = kader
        .reikwijdte_school(&school)
        .map_err(|_| ApiFout::NietGevonden)?;
    Ok(Json(serde_json::json!({
        "school": reikwijdte.school,
        "reikwijdte": reikwijdte,
        "voorwaarden": reikwijdte.voorwaarden(),
        "toelichting": toelichting,
        "bronnen": bronnen,
    })))
}
