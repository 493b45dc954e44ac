//! The directory's contact persons written through the real server (issue
//! 13.5): `POST /api/v1/contactpersonen`, `PUT`/`DELETE
//! /api/v1/contactpersonen/{id}`. The beheerder adds one to the region's
//! expertpool and one to a school, changes and removes them; every other
//! user sees each change at once in `GET /api/v1/contactpersonen`. Every
//! bad field is named, stores nothing and writes no record; others are
//! refused and audited, a beheerder of another region too.

use super::*;

async fn kop(app: &App) -> i64 {
    app.opslag
        .audit_kop()
        .await
        .expect("audit_kop")
        .map_or(0, |(n, _)| n)
}

async fn verwijder(g: &Gebruiker, id: i64) -> (StatusCode, HeaderMap, Value) {
    lees(
        g.verzoek(Method::DELETE, &format!("/api/v1/contactpersonen/{id}"))
            .send()
            .await
            .expect("DELETE"),
    )
    .await
}

/// What `g` reads of the region's contact persons: (organisation, name,
/// phone, e-mail) per item.
async fn zichtbaar(g: &Gebruiker) -> Vec<Value> {
    let (s, _, body) = g.get("/api/v1/contactpersonen").await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|c| json!([c["organisatie"], c["naam"], c["telefoon"], c["email"]]))
        .collect()
}

/// The last audit record: (event, action, outcome, user, object id, ground).
async fn laatste(
    app: &App,
) -> (
    String,
    Actie,
    Uitkomst,
    Option<i64>,
    Option<i64>,
    Option<String>,
) {
    let r = app.audit().await.pop().expect("a record").record;
    (
        r.gebeurtenis,
        r.actie,
        r.uitkomst,
        r.gebruiker,
        r.object_id,
        r.grond,
    )
}

pub(crate) async fn contactpersonen_beheren(app: &App) {
    let w = &app.w;
    let beheer = app.login(BEHEERDER).await;
    let zc_a = app.login(ZC_A).await;
    let beheerder = Some(w.medewerker(BEHEERDER));
    assert_eq!(zichtbaar(&zc_a).await, Vec::<Value>::new());

    // Added to the expertpool: 201 with the stored contact, stamped.
    let (s, h, pool) = beheer
        .post(
            "/api/v1/contactpersonen",
            json!({"functie": " expertpool ", "naam": "Regionale expertpool",
                   "telefoon": "036-5399999", "email": "pool@regio.example"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{pool}");
    assert_eq!(content_type(&h), "application/json");
    let pool_id = pool["id"].as_i64().expect("id");
    assert_eq!(
        (&pool["regio"], &pool["organisatie"], &pool["functie"]),
        (&json!(w.regio), &Value::Null, &json!("expertpool"))
    );
    assert!(pool["gewijzigd"].is_string(), "{pool}");
    assert_eq!(
        laatste(app).await,
        (
            "gids.contactpersoon".into(),
            Actie::Aanmaken,
            Uitkomst::Toegestaan,
            beheerder,
            Some(pool_id),
            Some("beheerder".into())
        )
    );
    // And one of school A, with only a 14-number.
    let (s, _, school) = beheer
        .post(
            "/api/v1/contactpersonen",
            json!({"organisatie": w.school_a, "functie": "zorgcoördinator",
                   "naam": "Zorgloket De Regenboog", "telefoon": "14 036"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{school}");
    let school_id = school["id"].as_i64().expect("id");
    // At once for everyone of the region.
    assert_eq!(
        zichtbaar(&zc_a).await,
        [
            json!([
                null,
                "Regionale expertpool",
                "036-5399999",
                "pool@regio.example"
            ]),
            json!([w.school_a, "Zorgloket De Regenboog", "14 036", null]),
        ]
    );

    // Changed: moved to the expertpool with an e-mail address instead.
    let (s, _, body) = beheer
        .put(
            &format!("/api/v1/contactpersonen/{school_id}"),
            None,
            json!({"organisatie": null, "functie": "orthopedagoog",
                   "naam": "Orthopedagoog expertpool", "email": "ortho@regio.example"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        (&body["id"], &body["organisatie"], &body["telefoon"]),
        (&json!(school_id), &Value::Null, &Value::Null)
    );
    assert_eq!(laatste(app).await.1, Actie::Wijzigen);
    let (s, _, gefilterd) = zc_a.get("/api/v1/contactpersonen?expertpool=true").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        gefilterd["items"].as_array().map(Vec::len),
        Some(2),
        "{gefilterd}"
    );

    // Every bad field named; nothing stored, nothing audited.
    let goed = json!({"functie": "expertpool", "naam": "Pool", "telefoon": "036-5399999"});
    let met = |veld: &str, waarde: Value| {
        let mut b = goed.clone();
        b[veld] = waarde;
        b
    };
    let gevallen = [
        (met("naam", json!("  ")), "naam"),
        (met("naam", json!("n".repeat(201))), "naam"),
        (met("functie", json!("")), "functie"),
        (met("functie", json!("f".repeat(101))), "functie"),
        (met("telefoon", json!("0365")), "telefoon"),
        (met("telefoon", json!("bel maar")), "telefoon"),
        (met("telefoon", Value::Null), "telefoon"),
        (met("email", json!("geen adres")), "email"),
        (met("organisatie", json!(999_999)), "organisatie"),
    ];
    for (body, veld) in gevallen {
        let voor = (zichtbaar(&zc_a).await, kop(app).await);
        let antwoord = beheer.post("/api/v1/contactpersonen", body.clone()).await;
        assert_eq!(ongeldig(&antwoord), [veld], "{body}");
        let antwoord = beheer
            .put(
                &format!("/api/v1/contactpersonen/{pool_id}"),
                None,
                body.clone(),
            )
            .await;
        assert_eq!(ongeldig(&antwoord), [veld], "{body}");
        assert_eq!((zichtbaar(&zc_a).await, kop(app).await), voor, "{body}");
    }
    // An unknown id is 404 for the beheerder.
    let (s, _, _) = beheer
        .put("/api/v1/contactpersonen/999999", None, goed.clone())
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(verwijder(&beheer, 999_999).await.0, StatusCode::NOT_FOUND);

    // Anyone else: 403, audited, before the id is looked up.
    for (g, id) in [(&zc_a, pool_id), (&zc_a, 999_999)] {
        let voor = zichtbaar(&zc_a).await;
        let antwoord = g.post("/api/v1/contactpersonen", goed.clone()).await;
        probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
        let r = laatste(app).await;
        assert_eq!(
            (r.0.as_str(), r.1, r.2, r.3, r.5.as_deref()),
            (
                "gids.contactpersoon",
                Actie::Aanmaken,
                Uitkomst::Geweigerd,
                Some(w.medewerker(ZC_A)),
                Some("rol_geen_beheerder")
            )
        );
        let antwoord = g
            .put(&format!("/api/v1/contactpersonen/{id}"), None, goed.clone())
            .await;
        probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
        assert_eq!(laatste(app).await.4, Some(id));
        let antwoord = verwijder(g, id).await;
        probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
        assert_eq!(
            laatste(app).await.1,
            Actie::Verwijderen,
            "the refused removal is audited"
        );
        assert_eq!(zichtbaar(&zc_a).await, voor);
    }

    // A beheerder of another region: neither our contacts nor our schools.
    let o = app.opslag.as_ref();
    let elders = o
        .maak_regio(&NieuweRegio {
            code: "elders-contact".into(),
            naam: "Elders".into(),
        })
        .await
        .expect("regio");
    let gemeente_elders = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: elders.id,
            naam: "Gemeente Elders".into(),
            soort: OrganisatieSoort::Gemeente,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .expect("organisatie")
        .id;
    o.maak_medewerker(&NieuweMedewerker {
        naam: "Beheerder Elders".into(),
        email: "beheer@elders-contact.test".into(),
        wachtwoord_hash: wachtwoord_hash(),
        demo: true,
        rollen: vec![Roltoewijzing {
            rol: Rol::Beheerder,
            organisatie: gemeente_elders,
        }],
    })
    .await
    .expect("medewerker");
    let elders_beheer = app.login("beheer@elders-contact.test").await;
    let voor = zichtbaar(&zc_a).await;
    let antwoord = elders_beheer
        .put(
            &format!("/api/v1/contactpersonen/{pool_id}"),
            None,
            goed.clone(),
        )
        .await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    assert_eq!(laatste(app).await.5.as_deref(), Some("andere_regio"));
    probleem(
        &verwijder(&elders_beheer, pool_id).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let mut bij_ons = goed.clone();
    bij_ons["organisatie"] = json!(w.school_a);
    let antwoord = elders_beheer.post("/api/v1/contactpersonen", bij_ons).await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    assert_eq!(zichtbaar(&zc_a).await, voor);
    // Its own expertpool is its own region's: not in ours.
    let (s, _, body) = elders_beheer
        .post("/api/v1/contactpersonen", goed.clone())
        .await;
    assert_eq!(
        (s, &body["regio"]),
        (StatusCode::CREATED, &json!(elders.id))
    );
    assert_eq!(zichtbaar(&zc_a).await, voor);

    // Removed: 204, gone for everyone, audited; a second time 404.
    let (s, _, body) = verwijder(&beheer, pool_id).await;
    assert_eq!((s, body), (StatusCode::NO_CONTENT, Value::Null));
    assert_eq!(
        laatste(app).await,
        (
            "gids.contactpersoon".into(),
            Actie::Verwijderen,
            Uitkomst::Toegestaan,
            beheerder,
            Some(pool_id),
            Some("beheerder".into())
        )
    );
    assert_eq!(
        zichtbaar(&zc_a).await,
        [json!([
            null,
            "Orthopedagoog expertpool",
            null,
            "ortho@regio.example"
        ])]
    );
    assert_eq!(verwijder(&beheer, pool_id).await.0, StatusCode::NOT_FOUND);
}

/// The same on the beheer pages: added (a bad phone number at its field,
/// the input kept, nothing stored), changed, removed, each audited as from
/// the web; the directory's page shows each change at once; others are
/// refused.
pub(crate) async fn web_contactpersonen(app: &App) {
    use super::web::Browser;
    let o = app.opslag.as_ref();
    let w = &app.w;
    let beheer = Browser::nieuw(app);
    let csrf = beheer.inloggen(BEHEERDER).await;
    assert!(
        beheer
            .get("/beheer")
            .await
            .html
            .contains("href=\"/beheer/contactpersonen\"")
    );
    let lijst = beheer.get("/beheer/contactpersonen").await;
    assert_eq!(lijst.status, StatusCode::OK);
    assert!(
        lijst
            .html
            .contains("<option value=\"\" selected>Expertpool van de regio</option>"),
        "{}",
        lijst.html
    );
    assert!(
        lijst.html.contains(&format!(
            "<option value=\"{}\">Basisschool De Regenboog</option>",
            w.school_a
        )),
        "organisations by name: {}",
        lijst.html
    );

    let voor = app.audit().await.len();
    let p = beheer
        .post(
            "/beheer/contactpersonen",
            &[
                ("csrf", &csrf),
                ("organisatie", ""),
                ("functie", "expertpool"),
                ("naam", "Regionale expertpool"),
                ("telefoon", "bel maar"),
                ("email", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"telefoon-fout\""), "{}", p.html);
    assert!(
        p.html.contains("value=\"Regionale expertpool\""),
        "the input stays"
    );
    assert_eq!(o.contacten(Some(w.regio)).await.expect("contacten"), vec![]);
    assert_eq!(app.audit().await.len(), voor, "nothing audited");

    let p = beheer
        .post(
            "/beheer/contactpersonen",
            &[
                ("csrf", &csrf),
                ("organisatie", ""),
                ("functie", "expertpool"),
                ("naam", "Regionale expertpool"),
                ("telefoon", "036-5399999"),
                ("email", "pool@regio.example"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), "/beheer/contactpersonen?gelukt=toegevoegd");
    let c = o.contacten(Some(w.regio)).await.expect("contacten");
    assert_eq!(c.len(), 1);
    let id = c[0].id;
    assert_eq!(
        (c[0].organisatie, c[0].naam.as_str(), c[0].email.as_deref()),
        (None, "Regionale expertpool", Some("pool@regio.example"))
    );
    let r = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (r.gebeurtenis.as_str(), r.actie, r.object_id),
        ("gids.contactpersoon", Actie::Aanmaken, Some(id))
    );
    assert!(r.bron.starts_with("web "), "{}", r.bron);
    let lijst = beheer
        .get("/beheer/contactpersonen?gelukt=toegevoegd")
        .await;
    assert!(lijst.html.contains("is toegevoegd"), "{}", lijst.html);
    assert!(
        lijst
            .html
            .contains(&format!("href=\"/beheer/contactpersonen/{id}\""))
    );

    // Everyone of the region sees it in the directory at once.
    let zc = Browser::nieuw(app);
    let zc_csrf = zc.inloggen(ZC_A).await;
    let gids = zc.get("/gids/contacten").await;
    assert!(gids.html.contains("Regionale expertpool"), "{}", gids.html);

    // Changed: moved to school A.
    let pagina = format!("/beheer/contactpersonen/{id}");
    let scherm = beheer.get(&pagina).await;
    assert_eq!(scherm.status, StatusCode::OK);
    assert!(
        scherm.html.contains("value=\"pool@regio.example\""),
        "{}",
        scherm.html
    );
    let school = w.school_a.to_string();
    let p = beheer
        .post(
            &pagina,
            &[
                ("csrf", &csrf),
                ("organisatie", &school),
                ("functie", "zorgcoördinator"),
                ("naam", "Zorgloket De Regenboog"),
                ("telefoon", "14 036"),
                ("email", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let c = o.contact(id).await.expect("contact").expect("stored");
    assert_eq!(
        (c.organisatie, c.telefoon.as_deref(), c.email.as_deref()),
        (Some(w.school_a), Some("14 036"), None)
    );
    let gids = zc.get("/gids/contacten").await;
    assert!(
        gids.html.contains("Zorgloket De Regenboog"),
        "{}",
        gids.html
    );
    assert!(!gids.html.contains("Regionale expertpool"));

    // Not for anyone else: the pages and every form refused, nothing changes.
    assert_eq!(
        zc.get("/beheer/contactpersonen").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(zc.get(&pagina).await.status, StatusCode::FORBIDDEN);
    for pad in [
        "/beheer/contactpersonen".to_string(),
        pagina.clone(),
        format!("{pagina}/verwijderen"),
    ] {
        let p = zc
            .post(
                &pad,
                &[
                    ("csrf", &zc_csrf),
                    ("functie", "x"),
                    ("naam", "x"),
                    ("telefoon", "036-5399999"),
                ],
            )
            .await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{pad}");
        assert_eq!(
            app.audit().await.pop().expect("a record").record.uitkomst,
            Uitkomst::Geweigerd,
            "{pad}"
        );
    }
    assert_eq!(o.contact(id).await.expect("contact"), Some(c));

    // Removed.
    let p = beheer
        .post(&format!("{pagina}/verwijderen"), &[("csrf", &csrf)])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), "/beheer/contactpersonen?gelukt=verwijderd");
    assert_eq!(o.contact(id).await.expect("contact"), None);
    assert_eq!(
        app.audit().await.pop().expect("a record").record.actie,
        Actie::Verwijderen
    );
    assert_eq!(beheer.get(&pagina).await.status, StatusCode::NOT_FOUND);
}
