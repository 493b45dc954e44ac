//! For operators: health and metrics.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
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

/// Prometheus metrics (text exposition format).
pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let tekst = state
        .metrics
        .as_ref()
        .map(|m| m.render())
        .unwrap_or_default();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], tekst)
}
