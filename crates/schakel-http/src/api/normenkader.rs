//! The normenkader's advice and check as endpoints, with the same JSON
//! contract as `schakel advies` and `schakel toets` (snake_case keys, as in
//! the rule data). Public: they hold no personal data.

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use serde_json::Value;

use serde::Deserialize;

use super::vandaag;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Invoer, Pad};
use crate::openapi::{NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

/// `/reikwijdtes/{school}`
#[derive(Deserialize)]
pub struct SchoolPad {
    pub school: String,
}

/// What may be referred for a child in an education situation.
#[utoipa::path(post, path = "/normenkader/adviezen", operation_id = "maakAdvies", tag = "normenkader",
    security(()),
    request_body(content = Object, description = "{gemeente?, geboortedatum, peildatum?, onderwijssituatie, school?, tlv?, schooldagdelen?} — see README 'advies'. gemeente: the CBS code of where the jeugdige lives (GM0034); it picks the region and its normenkader, default the server's region"),
    responses((status = 200, description = "Het advies: wat verwezen mag worden, met regel-ids; voor een gemeente zonder normenkader situatie null met een toelichting over de route daar", body = Object), (status = 400, response = OngeldigeInvoer)))]
pub async fn advies(
    State(state): State<AppState>,
    Invoer(invoer): Invoer<Value>,
) -> ApiResultaat<impl IntoResponse> {
    Ok(Json(state.regios.advies_json(&invoer, vandaag())?))
}

/// Whether a proposed referral is within the norms.
#[utoipa::path(post, path = "/normenkader/toetsingen", operation_id = "maakToetsing", tag = "normenkader",
    security(()),
    request_body(content = Object, description = "{gemeente?, situatie: advies-invoer, verwijzing: {product, volume, eenheid, per, ingangsdatum, einddatum}}; gemeente as for the advice"),
    responses((status = 200, description = "De toetsing: binnen de normen of niet, met bevindingen", body = Object), (status = 400, response = OngeldigeInvoer)))]
pub async fn toets(
    State(state): State<AppState>,
    Invoer(invoer): Invoer<Value>,
) -> ApiResultaat<impl IntoResponse> {
    Ok(Json(state.regios.toets_json(&invoer, vandaag())?))
}

/// What an OJA school's arrangement covers, per service.
#[utoipa::path(get, path = "/normenkader/reikwijdtes/{school}", operation_id = "leesReikwijdte", tag = "normenkader",
    security(()),
    params(("school" = String, Path, description = "Een school met een OJA of een JOA-groep, zoals het normenkader van de regio haar noemt")),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Wat het arrangement van de school dekt, per dienst", body = Object), (status = 404, response = NietGevonden)))]
pub async fn reikwijdte(
    State(state): State<AppState>,
    Pad(SchoolPad { school }): Pad<SchoolPad>,
) -> ApiResultaat<impl IntoResponse> {
    // The school's region is the one whose normenkader names its
    // arrangement; a school of a region without one has no OJA here.
    let mut gevonden = None;
    for regio in state.regios.alle() {
        let Some(regels) = &regio.regels else {
            continue;
        };
        let kader = regels.kader_voor(vandaag(), "peildatum")?;
        if let Ok(r) = kader.reikwijdte_school(&school) {
            gevonden = Some((regio, r));
            break;
        }
    }
    let (regio, (reikwijdte, toelichting, bronnen)) = gevonden.ok_or(ApiFout::NietGevonden)?;
    Ok(Json(serde_json::json!({
        "school": reikwijdte.school,
        "regio": regio.code,
        "reikwijdte": reikwijdte,
        "voorwaarden": reikwijdte.voorwaarden(),
        "toelichting": toelichting,
        "bronnen": bronnen,
    })))
}
