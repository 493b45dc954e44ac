//! The OpenAPI document against the server that serves it (issue 14, item
//! 7): every API route of the router is in the spec with the same method,
//! and nothing else is; each operation's security is what the server does
//! without credentials, with the status it answers documented; and every
//! answer carries the `API-Version` the spec promises (`lees` checks that).
//! The linter itself runs in `scripts/api-lint`.

use std::collections::{BTreeSet, HashMap};

use super::*;

/// The router's routes as (METHOD, path). axum has no API to list them, so
/// they are read from its `Debug` output: the path router's `routes` (each
/// id with a handler or `None` per method) and its `node` (each id's path).
/// A change in that output makes [`openapi_en_server`] fail on the count
/// below, never pass on an empty list.
fn routes_van(router: &axum::Router) -> BTreeSet<(String, String)> {
    let tekst = format!("{router:?}");
    let padrouter = tekst
        .split("fallback_router:")
        .next()
        .expect("the path router comes first");
    let (routes, paden) = padrouter
        .split_once("node: Node")
        .expect("routes, then the node with the paths");
    // `RouteId(3): "/api/v1/jeugdigen", …`
    let pad_van: HashMap<&str, &str> = paden
        .split("RouteId(")
        .filter_map(|deel| {
            let (id, rest) = deel.split_once("): \"")?;
            Some((id, rest.split('"').next()?))
        })
        .collect();
    // `RouteId(3): MethodRouter(MethodRouter { get: Route, head: None, … })`
    let mut uit = BTreeSet::new();
    for deel in routes.split("RouteId(").skip(1) {
        let (id, rest) = deel.split_once(')').expect("RouteId(n)");
        for methode in ["get", "put", "post", "delete", "patch"] {
            let heeft = rest
                .split_once(&format!(" {methode}: "))
                .is_some_and(|(_, w)| !w.starts_with("None"));
            if heeft {
                let pad = pad_van.get(id).expect("every route has a path");
                uit.insert((methode.to_uppercase(), pad.to_string()));
            }
        }
    }
    uit
}

/// A request for an operation of the spec: ids 1, a known school, and an
/// empty JSON object as body.
fn concreet(pad: &str) -> String {
    pad.replace("{id}", "1").replace("{school}", "Watertuin")
}

/// One operation of the served spec.
pub(crate) struct Operatie {
    /// Upper case, as HTTP has it.
    pub methode: String,
    /// The full path: the server's URL and the spec's path.
    pub pad: String,
    pub operatie: Value,
}

/// The spec the server serves, and its operations.
pub(crate) async fn geserveerde_spec(app: &App) -> (Value, Vec<Operatie>) {
    let (s, _, spec) = lees(
        app.anoniem()
            .get(app.u("/api/v1/openapi.json"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let server = spec["servers"][0]["url"].as_str().expect("server url");
    let mut operaties = Vec::new();
    for (pad, item) in spec["paths"].as_object().expect("paths") {
        assert!(!pad.starts_with("/api/"), "{pad} is relative to {server}");
        for (methode, operatie) in item.as_object().expect("operations") {
            operaties.push(Operatie {
                methode: methode.to_uppercase(),
                pad: format!("{server}{pad}"),
                operatie: operatie.clone(),
            });
        }
    }
    (spec, operaties)
}

pub(crate) async fn openapi_en_server(app: &App) {
    let (spec, operaties) = geserveerde_spec(app).await;
    assert_eq!(
        spec["servers"],
        json!([{"url": "/api/v1", "description": "Deze server (versie 1 van de API)"}])
    );
    let in_spec: BTreeSet<_> = operaties
        .iter()
        .map(|o| (o.methode.clone(), o.pad.clone()))
        .collect();

    // 1. The router's API routes are exactly the spec's operations. Outside
    // /api the router serves the web application's HTML pages and files
    // (and Prometheus' text format for operators, which is not the API).
    let state = AppState::new(
        Arc::clone(&app.opslag),
        regels(),
        Instellingen::default(),
        None,
    );
    let routes = routes_van(&schakel_http::router(state));
    assert!(
        routes.len() > 60,
        "the router's Debug output no longer lists its routes: {routes:?}"
    );
    let api: BTreeSet<_> = routes
        .iter()
        .filter(|(_, pad)| pad.starts_with("/api/"))
        .cloned()
        .collect();
    let zonder_spec: Vec<_> = api.difference(&in_spec).collect();
    let zonder_route: Vec<_> = in_spec.difference(&api).collect();
    assert!(
        zonder_spec.is_empty() && zonder_route.is_empty(),
        "routes not in the spec: {zonder_spec:?}; operations without a route: {zonder_route:?}"
    );
    // The referral list the web application shows is in the API too.
    assert!(in_spec.contains(&("GET".into(), "/api/v1/verwijzingen".into())));

    // 2. Security: two schemes, required unless the operation says it is
    // public; without credentials the server answers 401 exactly where the
    // spec asks for them, and every status it answers is documented.
    let schemas = &spec["components"]["securitySchemes"];
    assert_eq!(schemas["sessie"]["type"], "apiKey");
    assert_eq!(schemas["sessie"]["in"], "cookie");
    assert_eq!(schemas["sessie"]["name"], "schakel_sessie");
    assert_eq!(schemas["apiToken"]["type"], "http");
    assert_eq!(schemas["apiToken"]["scheme"], "bearer");
    assert_eq!(spec["security"], json!([{"sessie": []}, {"apiToken": []}]));
    let http = app.anoniem();
    let mut openbaar = Vec::new();
    for Operatie {
        methode,
        pad,
        operatie,
    } in &operaties
    {
        let publiek = operatie["security"] == json!([{}]);
        if publiek {
            openbaar.push(format!("{methode} {pad}"));
        } else {
            assert!(
                operatie.get("security").is_none(),
                "{methode} {pad}: the document's security applies"
            );
        }
        let mut verzoek = http.request(
            Method::from_bytes(methode.as_bytes()).expect("method"),
            app.u(&concreet(pad)),
        );
        if methode == "POST" || methode == "PUT" {
            verzoek = verzoek.json(&json!({}));
        }
        let (status, _, body) = lees(verzoek.send().await.expect("request")).await;
        if publiek {
            assert_ne!(status, StatusCode::UNAUTHORIZED, "{methode} {pad}: {body}");
        } else {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{methode} {pad}: {body}");
        }
        assert!(
            operatie["responses"].get(status.as_str()).is_some(),
            "{methode} {pad} answers {status}, which its responses do not list"
        );
    }
    openbaar.sort();
    assert_eq!(
        openbaar,
        [
            "GET /api/v1/gezondheid",
            "GET /api/v1/normenkader/reikwijdtes/{school}",
            "GET /api/v1/openapi.json",
            "POST /api/v1/normenkader/adviezen",
            "POST /api/v1/normenkader/toetsingen",
            "POST /api/v1/sessies",
            "POST /api/v1/sessies/tweede-factor",
        ]
    );

    // 3. Every operation has its own id, and every success its description
    // and the API-Version header (the linter's rules, checked here too so
    // that `cargo test` alone catches a slip).
    let mut ids = BTreeSet::new();
    for Operatie {
        methode,
        pad,
        operatie,
    } in &operaties
    {
        let id = operatie["operationId"].as_str().expect("operationId");
        assert!(ids.insert(id.to_string()), "{id} twice");
        for (code, antwoord) in operatie["responses"].as_object().expect("responses") {
            if code.starts_with('2') {
                assert!(
                    antwoord["description"].is_string(),
                    "{methode} {pad} {code}"
                );
                assert!(
                    antwoord["headers"]["API-Version"].is_object(),
                    "{methode} {pad} {code}"
                );
            }
        }
    }
}
