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
    }))
}
