//! # schakel-http
//!
//! The HTTP face of Schakel: the JSON API under `/api/v1` (OpenAPI at
//! `/api/v1/openapi.json`), health and Prometheus metrics for operators.
//! Errors follow [`fout`]; access to personal data goes through [`dossier`].

pub mod account;
pub mod accountbeheer;
pub mod api;
pub mod auth;
pub mod contactbeheer;
pub mod dossier;
pub mod fout;
pub mod gids;
pub mod inrichting;
pub mod interventie;
pub mod invoer;
pub mod openapi;
pub mod post;
pub mod regels;
pub mod regelversies;
pub mod sso;
pub mod state;
pub mod toegangslog;
pub mod tweedefactor;
pub mod web;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use state::{AppState, Instellingen};

use crate::api::{
    acties, casussen, jeugdigen, medewerkers, monitoring, normenkader, organisaties, route,
    sessies, systeem, verwijzingen,
};
use crate::fout::ApiFout;

#[derive(OpenApi)]
#[openapi(
    info(title = "Schakel API", version = "1.0.0", description = "Jeugdhulp rond school: normenkader, dossier per huishouden, audit-log (NEN 7513). Fouten als application/problem+json (RFC 9457).",
        contact(name = "Schakel, functioneel beheer", email = "beheer@schakel.example", url = "https://schakel.example/contact")),
    components(schemas(fout::Probleem, fout::VeldFout)),
    tags(
        (name = "normenkader", description = "Advies en toets volgens het normenkader (openbaar, geen persoonsgegevens)"),
        (name = "toegang", description = "Inloggen, sessies en API-tokens"),
        (name = "jeugdigen", description = "Huishoudens, jeugdigen en hun relaties; elke toegang wordt gelogd"),
        (name = "route", description = "De steunroute: hulpvraag, triage, casus, plan, verwijzingen, acties"),
        (name = "monitoring", description = "Geaggregeerde cijfers zonder persoonsgegevens"),
        (name = "gids", description = "De regionale gids: welk wijkteam en welk contactpunt bij een adres"),
        (name = "organisaties", description = "Organisaties in de regio"),
        (name = "systeem", description = "Voor beheerders van de dienst"),
    )
)]
struct ApiDoc;

/// The process-wide Prometheus recorder (metrics has one global recorder).
pub fn metrics_handle() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| PrometheusBuilder::new().install_recorder().ok())
        .clone()
}

pub fn router(state: AppState) -> Router {
    let (api, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(openapi::document))
        .routes(routes!(systeem::gezondheid))
        .routes(routes!(normenkader::advies))
        .routes(routes!(normenkader::toets))
        .routes(routes!(normenkader::reikwijdte))
        .routes(routes!(sessies::inloggen))
        .routes(routes!(sessies::bevestig_tweede_factor))
        .routes(routes!(sessies::huidige, sessies::uitloggen))
        .routes(routes!(sessies::maak_token, sessies::tokens))
        .routes(routes!(sessies::trek_in))
        .routes(routes!(sessies::regiotokens))
        .routes(routes!(sessies::zet_actief))
        .routes(routes!(medewerkers::lijst, medewerkers::nodig_uit))
        .routes(routes!(medewerkers::lees))
        .routes(routes!(medewerkers::zet_rollen))
        .routes(routes!(medewerkers::herstellink))
        .routes(routes!(medewerkers::verwijder_tweede_factoren))
        .routes(routes!(medewerkers::wijzig_wachtwoord))
        .routes(routes!(organisaties::lijst, organisaties::maak))
        .routes(routes!(
            organisaties::lees_toegangsroute,
            organisaties::zet_toegangsroute
        ))
        .routes(routes!(api::sso::lees, api::sso::zet))
        .routes(routes!(interventie::lijst, interventie::maak))
        .routes(routes!(jeugdigen::maak_huishouden))
        .routes(routes!(jeugdigen::lijst, jeugdigen::maak))
        .routes(routes!(jeugdigen::zoek))
        .routes(routes!(jeugdigen::lees, jeugdigen::wijzig))
        .routes(routes!(api::toegangsroute::toegangsroute))
        .routes(routes!(
            api::onderwijssituatie::lijst,
            api::onderwijssituatie::leg_vast
        ))
        .routes(routes!(route::maak_hulpvraag, route::hulpvragen))
        .routes(routes!(route::lees_hulpvraag))
        .routes(routes!(route::trieer))
        .routes(routes!(route::maak_casus))
        .routes(routes!(casussen::lees))
        .routes(routes!(casussen::zet_plan))
        .routes(routes!(casussen::leg_gebeurtenis_vast))
        .routes(routes!(api::noodtoegang::maak))
        .routes(routes!(api::noodtoegang::lijst))
        .routes(routes!(verwijzingen::maak, verwijzingen::lijst))
        .routes(routes!(verwijzingen::lees))
        .routes(routes!(verwijzingen::lever, api::leveringen::lijst))
        .routes(routes!(api::leveringen::lever_reeks))
        .routes(routes!(api::leveringen::corrigeer))
        .routes(routes!(api::maatwerk::lijst))
        .routes(routes!(api::maatwerk::besluit))
        .routes(routes!(acties::lijst))
        .routes(routes!(acties::rond_af))
        .routes(routes!(api::werkvoorraad::lijst))
        .routes(routes!(monitoring::monitoring))
        .routes(routes!(monitoring::tabel))
        .routes(routes!(monitoring::per_regio))
        .routes(routes!(api::gids::zoek_adres))
        .routes(routes!(api::gids::zet_werkgebied))
        .routes(routes!(api::gids::wijkteams))
        .routes(routes!(api::gids::aanbieders))
        .routes(routes!(
            api::gids::contactpersonen,
            api::contactpersonen::maak
        ))
        .routes(routes!(
            api::contactpersonen::wijzig,
            api::contactpersonen::verwijder
        ))
        .split_for_parts();
    openapi::Gemeenschappelijk.modify(&mut doc);
    // The annotations' paths are relative to the API's one server, /api/v1.
    let api = Router::new().nest(openapi::BASIS, api.layer(Extension(Arc::new(doc))));
    // --- The web application (issue 6): its pages on every path outside
    // /api, with their own security headers; a path nobody serves gets a
    // problem+json under /api and a page elsewhere.
    let api = api.merge(web::router(&state));
    // --- end of the web application's block.
    // After every route: it applies to the routes registered before it.
    api.method_not_allowed_fallback(|| async { ApiFout::MethodeNietToegestaan })
        .fallback(web::niet_gevonden)
        .layer(middleware::from_fn(kopregels))
        .with_state(state)
}

/// The operators' router: only `GET /metrics`, served on its own listener
/// (`schakel serve --metrics-listen`, loopback by default), never on the
/// public one.
pub fn metrics_router(handle: Option<PrometheusHandle>) -> Router {
    Router::new().route(
        "/metrics",
        get(move || {
            let tekst = handle.as_ref().map(|m| m.render()).unwrap_or_default();
            async move { ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], tekst) }
        }),
    )
}

/// The `methode` label: the methods the API knows by name, anything else
/// as `overig`, so no client can grow the label set.
fn methode_label(m: &axum::http::Method) -> &'static str {
    match m.as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "overig",
    }
}

/// Headers on every response, and request metrics with bounded labels: the
/// route template (never the concrete path; one label, `onbekend`, for
/// every path no route matches) and the method (`overig` for unknown ones).
async fn kopregels(req: Request, next: Next) -> Response {
    let begin = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("onbekend", |p| p.as_str())
        .to_string();
    let methode = methode_label(req.method());
    let mut antwoord = next.run(req).await;
    let h = antwoord.headers_mut();
    h.insert("api-version", HeaderValue::from_static(api::API_VERSIE));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let status = antwoord.status().as_u16().to_string();
    metrics::counter!("schakel_http_verzoeken_totaal", "methode" => methode, "route" => route.clone(), "status" => status).increment(1);
    metrics::histogram!("schakel_http_duur_seconden", "methode" => methode, "route" => route)
        .record(begin.elapsed().as_secs_f64());
    antwoord
}

/// Serves the application on `listener` and the metrics on `metrics`, until
/// ctrl-c or SIGTERM.
pub async fn serve(
    listener: tokio::net::TcpListener,
    metrics: tokio::net::TcpListener,
    state: AppState,
) -> std::io::Result<()> {
    let operator = metrics_router(state.metrics.clone());
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let stop = || async {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut term) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = term.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    };
    let publiek = axum::serve(listener, app).with_graceful_shutdown(stop());
    let intern = axum::serve(metrics, operator).with_graceful_shutdown(stop());
    tokio::try_join!(publiek.into_future(), intern.into_future()).map(|_| ())
}

#[cfg(test)]
mod klok_tests {
    /// No request can set the storage clock: nothing in this crate calls
    /// `schakel_storage::klok::op` (only the demo loader does).
    #[test]
    fn geen_verzoek_zet_de_klok() {
        fn bestanden(map: &std::path::Path, uit: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(map).expect("src").flatten() {
                let p = e.path();
                if p.is_dir() {
                    bestanden(&p, uit);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    uit.push(p);
                }
            }
        }
        let mut alle = Vec::new();
        bestanden(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut alle,
        );
        let naald = ["klok", "::op("].concat();
        for p in alle {
            let tekst = std::fs::read_to_string(&p).expect("read");
            assert!(!tekst.contains(&naald), "{} sets the clock", p.display());
        }
    }
}
