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
    /// The rules this instance judges by: instances that serve one region
    /// must show the same, or they decide differently.
    regels: Regelversie,
}

#[derive(Serialize, ToSchema)]
pub struct Regelversie {
    /// The region whose normenkader is loaded.
    regio: String,
    /// Every loaded version of its normenkader, oldest first.
    versies: Vec<String>,
    /// SHA-256 (hex) over the rule and calendar files read at start;
    /// absent for rules built in memory.
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
        regels: Regelversie {
            regio: state
                .regels
                .kaders()
                .first()
                .map(|k| k.regio.clone())
                .unwrap_or_default(),
            versies: state
                .regels
                .kaders()
                .iter()
                .map(|k| k.versie.clone())
                .collect(),
            vingerafdruk: state.regels.vingerafdruk().map(str::to_string),
        },
    }))
}
