//! API tokens (issue 12.5): listed and revoked by their owner and, for the
//! region, by the beheerder; a bearer token cannot mint another; a new one
//! needs a recent login; deactivating an account ends its sessions and
//! tokens at once.

use super::*;

impl Gebruiker {
    async fn delete(&self, pad: &str) -> (StatusCode, HeaderMap, Value) {
        lees(
            self.verzoek(Method::DELETE, pad)
                .send()
                .await
                .expect("DELETE"),
        )
        .await
    }

    async fn nieuw_token(&self, naam: &str) -> (StatusCode, HeaderMap, Value) {
        self.post(
            "/api/v1/api-tokens",
            json!({"naam": naam, "geldigDagen": 30}),
        )
        .await
    }

    fn met_token(&self, token: &str) -> Gebruiker {
        Gebruiker {
            url: self.url.clone(),
            http: reqwest::Client::new(),
            csrf: String::new(),
            bearer: Some(token.to_string()),
        }
    }
}

fn detail(body: &Value) -> &str {
    body["detail"].as_str().unwrap_or_default()
}

/// A session opened `minuten` ago (and active now), stored directly:
/// its secret and CSRF token.
pub(super) async fn sessie_van(app: &App, email: &str, minuten: i64) -> (String, String) {
    sessie_met(app, email, minuten, 0).await
}

/// A session of `email` opened `minuten` ago and idle for `stil` minutes:
/// its secret and CSRF token.
pub(super) async fn sessie_met(
    app: &App,
    email: &str,
    minuten: i64,
    stil: i64,
) -> (String, String) {
    let (m, _) = app
        .opslag
        .medewerker_op_email(email)
        .await
        .expect("medewerker_op_email")
        .expect("seeded");
    let geheim = schakel_http::auth::nieuw_geheim();
    let csrf = schakel_http::auth::nieuw_geheim();
    let nu = chrono::Utc::now();
    app.opslag
        .maak_sessie(&schakel_storage::Sessie {
            token_hash: schakel_http::auth::hash_geheim(&geheim),
            medewerker: m.id,
            rol: m.rollen[0],
            csrf_token: csrf.clone(),
            aangemaakt: nu - chrono::Duration::minutes(minuten),
            laatst_actief: nu - chrono::Duration::minutes(stil),
            verloopt: nu + chrono::Duration::hours(1),
        })
        .await
        .expect("maak_sessie");
    (geheim, csrf)
}

/// A client of a session opened `minuten` ago.
async fn oude_sessie(app: &App, email: &str, minuten: i64) -> Gebruiker {
    let (geheim, csrf) = sessie_van(app, email, minuten).await;
    let mut koppen = HeaderMap::new();
    koppen.insert(
        header::COOKIE,
        format!("schakel_sessie={geheim}").parse().expect("header"),
    );
    Gebruiker {
        url: app.url.clone(),
        http: reqwest::Client::builder()
            .default_headers(koppen)
            .local_address(app.volgend_adres())
            .build()
            .expect("client"),
        csrf,
        bearer: None,
    }
}

pub async fn api_tokens_beheren(app: &App) {
    let zc = app.login(ZC_A).await;
    let (s, _, body) = zc.nieuw_token("koppeling LAS").await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let id = body["id"].as_i64().expect("id");
    let token = body["token"].as_str().expect("token").to_string();
    let client = zc.met_token(&token);

    // The own list: what the token is, never its secret.
    let (s, _, lijst) = zc.get("/api/v1/api-tokens").await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    assert_eq!(lijst["paginering"]["totaal"], 1);
    let t = &lijst["items"][0];
    assert_eq!(t["id"], id);
    assert_eq!(t["naam"], "koppeling LAS");
    assert_eq!(t["medewerker"], app.w.medewerker(ZC_A));
    assert_eq!(t["rol"], "zorgcoordinator");
    assert_eq!(t["organisatie"], app.w.school_a);
    assert_eq!(t["laatstGebruikt"], Value::Null);
    assert_eq!(t["verlopen"], false);
    assert!(
        t["aangemaakt"].is_string() && t["verloopt"].is_string(),
        "{t}"
    );
    assert!(
        !lijst.to_string().contains(&token),
        "the secret is not listed"
    );
    let (s, _, _) = client.get("/api/v1/sessies/huidige").await;
    assert_eq!(s, StatusCode::OK);
    let (_, _, lijst) = zc.get("/api/v1/api-tokens").await;
    assert!(lijst["items"][0]["laatstGebruikt"].is_string(), "{lijst}");

    // A bearer token cannot mint another.
    let antwoord = client.nieuw_token("nog een").await;
    let body = probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    assert!(detail(&body).contains("API-token"), "{body}");
    // A session whose login is older than 10 minutes must log in again.
    let oud = oude_sessie(app, ZC_A, 11).await;
    let antwoord = oud.nieuw_token("oud").await;
    let body = probleem(&antwoord, StatusCode::FORBIDDEN, "opnieuw-inloggen");
    assert!(detail(&body).contains("10 minuten"), "{body}");
    let (s, _, body) = oud.get("/api/v1/api-tokens").await;
    assert_eq!(
        (s, body["paginering"]["totaal"].clone()),
        (StatusCode::OK, json!(1)),
        "nothing made"
    );
    let recent = oude_sessie(app, ZC_A, 9).await;
    let (s, _, body) = recent.nieuw_token("recent").await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let tweede = body["id"].as_i64().expect("id");

    // Someone else's token: 404, as an unknown one; the attempt is logged.
    let zc_b = app.login(ZC_B).await;
    let pad = format!("/api/v1/api-tokens/{id}");
    probleem(
        &zc_b.delete(&pad).await,
        StatusCode::NOT_FOUND,
        "niet-gevonden",
    );
    probleem(
        &zc_b.delete("/api/v1/api-tokens/999999").await,
        StatusCode::NOT_FOUND,
        "niet-gevonden",
    );
    let (s, _, _) = client.get("/api/v1/sessies/huidige").await;
    assert_eq!(s, StatusCode::OK, "the token still works");
    let (s, _, lijst) = zc_b.get("/api/v1/api-tokens").await;
    assert_eq!((s, lijst["items"].clone()), (StatusCode::OK, json!([])));
    probleem(
        &zc_b.get("/api/v1/regio/api-tokens").await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );

    // The owner revokes: the token is dead at once; logged.
    let (s, _, _) = zc.delete(&pad).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    probleem(
        &client.get("/api/v1/sessies/huidige").await,
        StatusCode::UNAUTHORIZED,
        "niet-ingelogd",
    );
    probleem(
        &zc.delete(&pad).await,
        StatusCode::NOT_FOUND,
        "niet-gevonden",
    );
    let records = app.audit().await;
    let intrekken: Vec<(Option<i64>, Uitkomst, Option<&str>)> = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "api_token.intrekken")
        .map(|r| {
            (
                r.record.gebruiker,
                r.record.uitkomst,
                r.record.grond.as_deref(),
            )
        })
        .collect();
    let (a, b) = (app.w.medewerker(ZC_A), app.w.medewerker(ZC_B));
    assert_eq!(
        intrekken,
        [
            (Some(b), Uitkomst::Geweigerd, Some("niet_eigen_token")),
            (Some(b), Uitkomst::Geweigerd, Some("niet_eigen_token")),
            (Some(a), Uitkomst::Toegestaan, Some("eigen_token")),
            (Some(a), Uitkomst::Geweigerd, Some("niet_eigen_token")),
        ]
    );
    let aanmaken = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "api_token.aanmaken")
        .count();
    assert_eq!(
        aanmaken, 2,
        "each token made is logged, the refused ones make none"
    );

    // The beheerder sees and revokes the region's tokens.
    let beheer = app.login(BEHEERDER).await;
    let (s, _, lijst) = beheer.get("/api/v1/regio/api-tokens").await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    let ids: Vec<i64> = lijst["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|t| t["id"].as_i64())
        .collect();
    assert_eq!(ids, [tweede]);
    let (s, _, _) = beheer.delete(&format!("/api/v1/api-tokens/{tweede}")).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (_, _, lijst) = zc.get("/api/v1/api-tokens").await;
    assert_eq!(lijst["items"], json!([]));
}

/// Deactivating an account (by the region's beheerder, through the API)
/// ends its sessions and its tokens at once; a reactivated account must log
/// in again. A beheerder cannot deactivate the own account.
pub async fn deactiveren_beeindigt_alles(app: &App) {
    let zc = app.login(ZC_A).await;
    let (s, _, body) = zc.nieuw_token("koppeling").await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let client = zc.met_token(body["token"].as_str().expect("token"));
    let tweede = app.login(ZC_A).await;
    let beheer = app.login(BEHEERDER).await;
    let m = app.w.medewerker(ZC_A);
    let pad = format!("/api/v1/medewerkers/{m}/actief");
    let (s, _, body) = beheer.put(&pad, None, json!({"actief": false})).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"id": m, "email": ZC_A, "actief": false}));
    for g in [&zc, &tweede, &client] {
        probleem(
            &g.get("/api/v1/sessies/huidige").await,
            StatusCode::UNAUTHORIZED,
            "niet-ingelogd",
        );
    }
    let (s, _, body) = beheer.put(&pad, None, json!({"actief": true})).await;
    assert_eq!((s, body["actief"].clone()), (StatusCode::OK, json!(true)));
    for g in [&zc, &tweede, &client] {
        probleem(
            &g.get("/api/v1/sessies/huidige").await,
            StatusCode::UNAUTHORIZED,
            "niet-ingelogd",
        );
    }
    let (s, _, _) = app.login(ZC_A).await.get("/api/v1/sessies/huidige").await;
    assert_eq!(s, StatusCode::OK);
    let eigen = format!("/api/v1/medewerkers/{}/actief", app.w.medewerker(BEHEERDER));
    let antwoord = beheer.put(&eigen, None, json!({"actief": false})).await;
    assert_eq!(ongeldig(&antwoord), ["id"]);
    let records = app.audit().await;
    let wijzigingen: Vec<(&str, Uitkomst, Option<&str>)> = records
        .iter()
        .filter(|r| r.record.gebeurtenis.starts_with("account."))
        .map(|r| {
            (
                r.record.gebeurtenis.as_str(),
                r.record.uitkomst,
                r.record.grond.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        wijzigingen,
        [
            (
                "account.deactiveren",
                Uitkomst::Toegestaan,
                Some("beheerder_regio")
            ),
            (
                "account.heractiveren",
                Uitkomst::Toegestaan,
                Some("beheerder_regio")
            ),
            (
                "account.deactiveren",
                Uitkomst::Geweigerd,
                Some("eigen_account")
            ),
        ]
    );
}

/// The web page: the own tokens listed and revoked, the region's for the
/// beheerder, and the password asked again when the login is not recent.
pub async fn web_api_tokens_beheren(app: &App) {
    use super::web::Browser;
    let (geheim, csrf) = sessie_van(app, ZC_A, 11).await;
    let b = Browser::met_sessie(app, &geheim);
    let scherm = b.get("/api-token").await;
    assert_eq!(scherm.status, StatusCode::OK);
    assert!(
        scherm.html.contains("type=\"password\" id=\"wachtwoord\""),
        "{}",
        scherm.html
    );
    assert!(scherm.html.contains("Er zijn geen tokens."));
    let velden = |wachtwoord: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("naam", "koppeling LVS".to_string()),
            ("dagen", "30".to_string()),
            ("wachtwoord", wachtwoord.to_string()),
        ]
    };
    let post = |v: [(&'static str, String); 4]| {
        let b = &b;
        async move {
            let v: Vec<(&str, &str)> = v.iter().map(|(k, w)| (*k, w.as_str())).collect();
            b.post("/api-token", &v).await
        }
    };
    let p = post(velden("")).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"wachtwoord-fout\""), "{}", p.html);
    assert!(p.html.contains("meer dan 10 minuten geleden"), "{}", p.html);
    let p = post(velden("fout")).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("Het wachtwoord klopt niet."), "{}", p.html);
    let p = post(velden(WACHTWOORD)).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(p.html.contains("<code id=\"token\">"), "{}", p.html);
    assert!(p.html.contains("id=\"eigen-tokens-tabel\""), "{}", p.html);
    assert!(p.html.contains("<td>koppeling LVS</td>"), "{}", p.html);
    let records = app.audit().await;
    let pogingen: Vec<(&str, Uitkomst)> = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "sessie.inloggen")
        .map(|r| {
            (
                r.record.grond.as_deref().unwrap_or_default(),
                r.record.uitkomst,
            )
        })
        .collect();
    assert_eq!(
        pogingen,
        [("wachtwoord_onjuist", Uitkomst::Geweigerd)],
        "a wrong password on re-authentication counts as a failed login"
    );
    assert_eq!(
        records
            .iter()
            .filter(|r| r.record.gebeurtenis == "api_token.aanmaken")
            .count(),
        1
    );

    // The beheerder sees it among the region's, and revokes it.
    let beheer = Browser::nieuw(app);
    let csrf_beheer = beheer.inloggen(BEHEERDER).await;
    let p = beheer.get("/api-token").await;
    assert!(p.html.contains("id=\"regio-tokens-tabel\""), "{}", p.html);
    assert!(p.html.contains("<td>koppeling LVS</td>"), "{}", p.html);
    let (_, _, lijst) = app.login(ZC_A).await.get("/api/v1/api-tokens").await;
    let id = lijst["items"][0]["id"].as_i64().expect("id");
    let p = beheer
        .post(
            &format!("/api-token/{id}/intrekken"),
            &[("csrf", &csrf_beheer)],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let p = b.get("/api-token").await;
    assert!(p.html.contains("Er zijn geen tokens."), "{}", p.html);
    // Without the CSRF field nothing is revoked, and the refusal is logged.
    let p = b.post(&format!("/api-token/{id}/intrekken"), &[]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    let records = app.audit().await;
    assert!(
        records
            .iter()
            .any(|r| r.record.gebeurtenis == "csrf.geweigerd"
                && r.record.gebruiker == Some(app.w.medewerker(ZC_A)))
    );
}
