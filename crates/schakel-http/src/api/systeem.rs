//! For operators: health (the metrics are on their own listener, see
//! [`crate::metrics_router`]).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct Gezondheid {
    /// "ok" or "storing".
    status: &'static str,
    /// "sqlite" or "postgres".
    database: &'static str,
    versie: &'static str,
}

/// Health: the process runs and the database answers.
#[utoipa::path(get, path = "/api/v1/gezondheid", tag = "systeem",
    responses((status = 200, body = Gezondheid), (status = 503, body = Gezondheid)))]
pub async fn gezondheid(State(state): State<AppState>) -> impl IntoResponse {
    let database = state.opslag.backend();
    let werkt = state
        .opslag
        .organisaties(schakel_storage::Pagina::new(1, 1))
        .await
        .is_ok();
    let status = if werkt {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Gezondheid {
            status: if werkt { "ok" } else { "storing" },
            database,
            versie: env!("CARGO_PKG_VERSION"),
        }),
    )
}
