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
    /// "ok"; "verouderd" when the rules this instance loaded differ from
    /// those recorded in the database (`schakel regels publiceer` published
    /// others since it started: restart it with the published files).
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
    /// What the database records as this region's rules, which every
    /// instance must serve; absent when nothing is recorded for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    vastgelegd: Option<Vastgelegd>,
}

#[derive(Serialize, ToSchema)]
pub struct Vastgelegd {
    /// The recorded fingerprint; null: recorded without a normenkader.
    vingerafdruk: Option<String>,
    /// When it was recorded (first start or publication).
    sinds: chrono::DateTime<chrono::Utc>,
}

/// Health: the process runs and the database answers; 503 (a problem, as
/// every error) when it does not.
#[utoipa::path(get, path = "/gezondheid", operation_id = "gezondheid", tag = "systeem",
    security(()),
    responses((status = 200, description = "Het proces draait en de database antwoordt", body = Gezondheid),
              (status = 503, response = Storing)))]
pub async fn gezondheid(State(state): State<AppState>) -> ApiResultaat<Json<Gezondheid>> {
    let vastgelegd = state.opslag.regelversies().await.map_err(|e| {
        tracing::error!("gezondheid: de database antwoordt niet: {e}");
        ApiFout::Storing
    })?;
    let verouderd = !crate::regelversies::verschillen(
        &crate::regelversies::geladen(&state.regios),
        &vastgelegd,
    )
    .is_empty();
    let versie = |r: &schakel_rules::Regio| regelversie(r, &vastgelegd);
    Ok(Json(Gezondheid {
        status: if verouderd { "verouderd" } else { "ok" },
        database: state.opslag.backend(),
        versie: env!("CARGO_PKG_VERSION"),
        regels: state.regios.standaard().map(versie),
        regios: state.regios.alle().iter().map(versie).collect(),
    }))
}

fn regelversie(
    r: &schakel_rules::Regio,
    vastgelegd: &[schakel_storage::VastgelegdeRegelversie],
) -> Regelversie {
    Regelversie {
        vastgelegd: vastgelegd
            .iter()
            .find(|v| v.versie.regio == r.code)
            .map(|v| Vastgelegd {
                vingerafdruk: v.versie.vingerafdruk.clone(),
                sinds: v.vastgelegd,
            }),
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
