//! The OpenAPI document at `/api/v1/openapi.json`, written to pass the NL
//! API Design Rules linter (`../shared/adr/linter.yaml`, run by
//! `scripts/test`): each operation's own annotation says what it returns;
//! what holds for every operation is added here once, in [`Gemeenschappelijk`],
//! because one piece of code does it for all of them — the `API-Version`
//! header ([`crate::kopregels`]), the login check ([`crate::auth::Actor`])
//! and the CSRF check on unsafe requests.
//!
//! Paths are relative to the one server, `/api/v1` (the major version in the
//! URI, as the rules ask); [`crate::router`] nests the API there.
//!
//! Id fields of published schemas are typed `i64`, not the storage's `Id`
//! alias: utoipa would publish the alias as a schema named `i64`, which the
//! rules' UpperCamelCase check rejects.

use std::sync::Arc;

use axum::Json;
use axum::extract::Extension;
use axum::response::IntoResponse;
use utoipa::openapi::path::{Operation, PathItem};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{
    ContentBuilder, HeaderBuilder, OpenApi, RefOr, Response, ResponseBuilder, Server, ServerBuilder,
};
use utoipa::{Modify, ToResponse};

use crate::api::API_VERSIE;
use crate::auth::{CSRF_HEADER, SESSIE_COOKIE};

/// Where the API lives; the spec's paths are relative to it.
pub const BASIS: &str = "/api/v1";

/// The security schemes' names: a session cookie (browser, with the CSRF
/// token on unsafe requests) or an API token.
pub const SESSIE: &str = "sessie";
pub const API_TOKEN: &str = "apiToken";

/// The response header every answer carries ([`crate::kopregels`]).
pub const VERSIEKOP: &str = "API-Version";

/// An error response of the shared set: problem+json with the given
/// description. Each is a component (`#/components/responses/…`) that the
/// operations refer to by type, e.g. `(status = 404, response = NietGevonden)`.
macro_rules! probleemantwoorden {
    ($($naam:ident: $omschrijving:literal),* $(,)?) => {
        $(
            #[doc = $omschrijving]
            pub struct $naam;

            impl<'s> ToResponse<'s> for $naam {
                fn response() -> (&'s str, RefOr<Response>) {
                    (stringify!($naam), probleem($omschrijving).into())
                }
            }
        )*
        /// Every response of the shared set, for the document's components.
        fn gedeelde_antwoorden() -> Vec<(&'static str, RefOr<Response>)> {
            vec![$(<$naam as ToResponse>::response()),*]
        }
    };
}

probleemantwoorden! {
    OngeldigeInvoer: "Ongeldige invoer: `invalidParams` noemt per veld of parameter wat er mis is en wat mag.",
    NietIngelogd: "Niet ingelogd: geen geldige sessie of API-token.",
    Geweigerd: "Geen toegang: de rol of de relatie met de jeugdige geeft geen recht hierop, of het CSRF-token van de sessie ontbreekt. De weigering wordt gelogd.",
    NietGevonden: "Niet gevonden: de gevraagde bron bestaat niet.",
    Conflict: "Conflict met wat er is vastgelegd; `detail` zegt waarmee.",
    VersieVerouderd: "If-Match klopt niet: een ander heeft intussen gewijzigd; er is niets gewijzigd.",
    BuitenNormen: "De verwijzing valt buiten het normenkader en heeft geen motivatie; `bevindingen` zegt waarom.",
    IfMatchVereist: "If-Match ontbreekt: stuur de ETag van de laatst opgehaalde versie mee.",
    TeVeelPogingen: "Te veel mislukte pogingen; de header Retry-After zegt na hoeveel seconden het weer kan.",
    Storing: "Storing: de database antwoordt niet.",
}

fn probleem(omschrijving: &str) -> Response {
    ResponseBuilder::new()
        .description(omschrijving)
        .content(
            "application/problem+json",
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    "Probleem",
                ))))
                .build(),
        )
        .build()
}

/// What every operation shares, added to the document once.
pub struct Gemeenschappelijk;

impl Modify for Gemeenschappelijk {
    fn modify(&self, doc: &mut OpenApi) {
        doc.servers = Some(vec![server()]);
        let componenten = doc.components.get_or_insert_with(Default::default);
        componenten.add_security_scheme(
            SESSIE,
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSIE_COOKIE.to_string(),
                format!(
                    "De sessiecookie van POST /sessies. Stuur bij POST, PUT en DELETE ook het \
                     csrfToken van de sessie mee in de header {CSRF_HEADER}."
                ),
            ))),
        );
        componenten.add_security_scheme(
            API_TOKEN,
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("Een API-token van POST /api-tokens."))
                    .build(),
            ),
        );
        for (naam, antwoord) in gedeelde_antwoorden() {
            componenten.responses.insert(naam.into(), antwoord);
        }
        // Every operation needs a session or a token, unless its annotation
        // says `security(())` (public).
        doc.security = Some(vec![
            SecurityRequirement::new(SESSIE, Vec::<String>::new()),
            SecurityRequirement::new(API_TOKEN, Vec::<String>::new()),
        ]);
        for item in doc.paths.paths.values_mut() {
            for (methode, operatie) in operaties_mut(item) {
                vul_aan(methode, operatie);
            }
        }
        for antwoord in componenten_antwoorden(doc) {
            zet_versiekop(antwoord);
        }
    }
}

fn server() -> Server {
    ServerBuilder::new()
        .url(BASIS)
        .description(Some("Deze server (versie 1 van de API)"))
        .build()
}

/// Whether an operation is open to everyone: its annotation set an empty
/// security requirement (`security(())`).
pub fn openbaar(security: Option<&Vec<SecurityRequirement>>) -> bool {
    security.is_some_and(|s| s.iter().all(|r| r == &SecurityRequirement::default()))
}

/// Adds what the shared code does for this operation: 401 where a login is
/// needed, 403 where an unsafe request with a session needs the CSRF token,
/// and the `API-Version` header on every response.
fn vul_aan(methode: &str, operatie: &mut Operation) {
    let openbaar = openbaar(operatie.security.as_ref());
    let antwoorden = &mut operatie.responses.responses;
    if !openbaar {
        antwoorden
            .entry("401".into())
            .or_insert_with(verwijzing::<NietIngelogd>);
        if methode != "get" {
            antwoorden
                .entry("403".into())
                .or_insert_with(verwijzing::<Geweigerd>);
        }
    }
    for antwoord in antwoorden.values_mut() {
        if let RefOr::T(a) = antwoord {
            zet_versiekop(a);
        }
    }
}

/// A reference to a response of the shared set.
fn verwijzing<'s, T: ToResponse<'s>>() -> RefOr<Response> {
    RefOr::Ref(utoipa::openapi::Ref::from_response_name(T::response().0))
}

fn componenten_antwoorden(doc: &mut OpenApi) -> impl Iterator<Item = &mut Response> {
    doc.components
        .iter_mut()
        .flat_map(|c| c.responses.values_mut())
        .filter_map(|a| match a {
            RefOr::T(a) => Some(a),
            RefOr::Ref(_) => None,
        })
}

fn zet_versiekop(antwoord: &mut Response) {
    antwoord.headers.insert(
        VERSIEKOP.into(),
        RefOr::T(
            HeaderBuilder::new()
                .schema(Some(
                    utoipa::openapi::ObjectBuilder::new()
                        .schema_type(utoipa::openapi::Type::String)
                        .examples([API_VERSIE]),
                ))
                .description(Some("De volledige versie van de API (major.minor.patch)."))
                .build(),
        ),
    );
}

/// The operations of a path, with their method in lower case.
pub fn operaties_mut(item: &mut PathItem) -> Vec<(&'static str, &mut Operation)> {
    [
        ("get", item.get.as_mut()),
        ("put", item.put.as_mut()),
        ("post", item.post.as_mut()),
        ("delete", item.delete.as_mut()),
        ("patch", item.patch.as_mut()),
    ]
    .into_iter()
    .filter_map(|(m, o)| o.map(|o| (m, o)))
    .collect()
}

/// The document itself (it describes itself too: `GET /openapi.json`).
#[utoipa::path(get, path = "/openapi.json", tag = "systeem", operation_id = "openapiDocument",
    security(()),
    responses((status = 200, description = "Dit OpenAPI-document", body = Object)))]
pub async fn document(Extension(doc): Extension<Arc<OpenApi>>) -> impl IntoResponse {
    Json(doc.as_ref().clone())
}
