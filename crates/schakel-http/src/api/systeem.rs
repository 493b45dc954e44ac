//! For operators: health (the metrics are on their own listener, see
//! [`crate::metrics_router`]).

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::fout::{ApiFout, ApiResultaat};
use crate::openapi::Storing;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Gezondheid {
    /// "ok".
    status: &'static str,
    /// "sqlite" or "postgres".
    database: &'static str,
    versie: &'static str,
    /// The default region's rules (`serve --regio`, or the only region),
    /// as before there were several: instances that serve one region must
    /// show the same. Absent when several regions have no default.
    #[serde(skip_serializing_if = "Option::is_none")]
    regels: Option<Regelversie>,
    /// Every region this instance serves, with its rules: instances must
    /// show the same fingerprints, or they decide differently.
    regios: Vec<Regelversie>,
}

#[derive(Serialize, ToSchema)]
pub struct Regelversie {
    /// The region's code (`data/regio/<code>/`).
    regio: String,
    /// Its access route: oja, ondersteuningsroute or regulier.
    route: &'static str,
    /// Its gemeenten (CBS codes).
    gemeenten: Vec<String>,
    /// Every loaded version of its normenkader, oldest first.
    versies: Vec<String>,
    /// SHA-256 (hex) over the rule and calendar files read at start;
    /// absent for rules built in memory and for a region without a
    /// normenkader (then `versies` is empty).
    vingerafdruk: Option<String>,
}

/// Health: the process runs and the database answers; 503 (a problem, as
/// every error) when it does not.
#[utoipa::path(get, path = "/gezondheid", operation_id = "gezondheid", tag = "systeem",
    security(()),
    responses((status = 200, description = "Het proces draait en de database antwoordt", body = Gezondheid),
              (status = 503, response = Storing)))]
pub async fn gezondheid(State(state): State<AppState>) -> ApiResultaat<Json<Gezondheid>> {
    state
        .opslag
        .organisaties(schakel_storage::Pagina::new(1, 1))
        .await
        .map_err(|e| {
            tracing::error!("gezondheid: de database antwoordt niet: {e}");
            ApiFout::Storing
        })?;
    Ok(Json(Gezondheid {
        status: "ok",
        database: state.opslag.backend(),
        versie: env!("CARGO_PKG_VERSION"),
        regels: state.regios.standaard().map(regelversie),
        regios: state.regios.alle().iter().map(regelversie).collect(),
    }))
}

fn regelversie(r: &schakel_rules::Regio) -> Regelversie {
    Regelversie {
        regio: r.code.clone(),
        route: r.route.naam(),
        gemeenten: r.gemeenten.iter().map(|g| g.code.clone()).collect(),
        versies: r
            .regels
            .iter()
            .flat_map(|s| s.kaders())
            .map(|k| k.versie.clone())
            .collect(),
        vingerafdruk: r
            .regels
            .as_ref()
            .and_then(|s| s.vingerafdruk())
            .map(str::to_string),
    }
}
