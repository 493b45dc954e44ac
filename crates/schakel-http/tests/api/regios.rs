//! Several regions in one server (issue 17.2–3), on each backend: the
//! shipped Almere (normenkader, OJA route) and Zeewolde (no normenkader,
//! regular route) and the fictitious Lindeloo (its own rules, GM9901).
//! The gemeente a jeugdige lives in — from its address through the
//! directory — decides whose rules apply, not its school: an Almere school's
//! pupil living in Zeewolde gets no rules (and the regular route named),
//! one living in Lindeloo gets Lindeloo's situations. The public advice
//! (API and web advisor) takes `"gemeente"` likewise.

use super::*;

fn kopieer(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).expect("mkdir");
    for e in std::fs::read_dir(van).expect("read_dir") {
        let e = e.expect("entry");
        if e.path().is_dir() {
            kopieer(&e.path(), &naar.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), naar.join(e.file_name())).expect("copy");
        }
    }
}

/// The shipped regions plus Lindeloo, Almere the default.
pub fn drie_regios() -> Regios {
    let map = tempfile::tempdir().expect("tempdir");
    kopieer(&data_map().join("kalender"), &map.path().join("kalender"));
    kopieer(&data_map().join("regio"), &map.path().join("regio"));
    kopieer(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../schakel-rules/tests/fixtures/regio/lindeloo"),
        &map.path().join("regio/lindeloo"),
    );
    Regios::laad(map.path(), Some("almere")).expect("three regions load")
}

/// Addresses in three gemeenten: Almere (buurt 0034 03 01), Zeewolde
/// (0050 01 01) and Lindeloo (9901 01 01).
pub(crate) async fn adressen(app: &App) {
    use schakel_domain::gids::{Buurtcode, postcode_getal};
    let rij = |p: &str, nr, b| schakel_storage::Adresrij {
        postcode: postcode_getal(&schakel_domain::Postcode::parse(p).expect("postcode")),
        huisnummer: nr,
        buurt: Buurtcode::uit_getal(b).expect("buurt"),
    };
    let mut import = app.opslag.begin_adresimport().await.expect("begin");
    import
        .voeg_toe(&[
            rij("1315AB", 12, 340301),
            rij("3891AA", 7, 500101),
            rij("9999ZZ", 1, 99010101),
        ])
        .await
        .expect("voeg_toe");
    import
        .voltooi("adressen-2025.csv", Some(2025))
        .await
        .expect("voltooi");
}

/// A pupil of school A (in Almere) living at `postcode`, with an open
/// hulpvraag there that the wijkteam handles jointly with the JGZ (the
/// verwijzer) as party.
pub(crate) async fn leerling(
    app: &App,
    zc: &Gebruiker,
    bsn: &str,
    postcode: &str,
    nummer: i64,
) -> i64 {
    let (s, _, h) = zc
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    let mut invoer = jeugdige_invoer(h["id"].as_i64().expect("id"), bsn, Some(app.w.school_a));
    invoer["postcode"] = postcode.into();
    invoer["huisnummer"] = nummer.into();
    let (s, _, j) = zc.post("/api/v1/jeugdigen", invoer).await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    let id = j["id"].as_i64().expect("id");
    // An open hulpvraag: the school's relation with its pupil.
    let (s, _, v) = zc
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": id, "omschrijving": "Zit vaak thuis."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let (s, _, t) = zc
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", v["id"]),
            json!({"uitkomst": "beide", "wijkteam": app.w.wijkteam, "partijen": [app.w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{t}");
    id
}

async fn twee_regios_in_een_server(app: &App) {
    adressen(app).await;
    let zc = app.login(ZC_A).await;
    let almere = leerling(app, &zc, BSNS[0], "1315AB", 12).await;
    let zeewolde = leerling(app, &zc, BSNS[1], "3891AA", 7).await;
    let lindeloo = leerling(app, &zc, BSNS[2], "9999ZZ", 1).await;
    let van = verwijsdatum();
    let leg_vast = |j: i64, situatie: &str| {
        let zc = &zc;
        let body = json!({"onderwijssituatie": situatie, "van": van});
        async move {
            zc.post(&format!("/api/v1/jeugdigen/{j}/onderwijssituaties"), body)
                .await
        }
    };
    // The Almere pupil: Almere's situations, as before.
    let (s, _, b) = leg_vast(almere, "volledig_onderwijs").await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    // The Lindeloo pupil at the same Almere school: Lindeloo's situations,
    // Almere's refused naming Lindeloo's.
    let antwoord = leg_vast(lindeloo, "volledig_onderwijs").await;
    assert_eq!(ongeldig(&antwoord), ["onderwijssituatie"]);
    assert_eq!(
        antwoord.2["invalidParams"][0]["reason"],
        "onbekende situatie 'volledig_onderwijs'; toegestaan: hele_week_school | deel_van_de_week | zorgklas | geen_school"
    );
    let (s, _, b) = leg_vast(lindeloo, "hele_week_school").await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    // The Zeewolde pupil: no normenkader applies, never Almere's; the
    // answer names Zeewolde's regular route.
    let antwoord = leg_vast(zeewolde, "volledig_onderwijs").await;
    assert_eq!(ongeldig(&antwoord), ["jeugdige"]);
    let reden = antwoord.2["invalidParams"][0]["reason"]
        .as_str()
        .expect("reason");
    assert!(
        reden.starts_with(
            "Zeewolde hoort bij regio Zeewolde, die geen normenkader in Schakel heeft."
        ) && reden.contains("de reguliere route")
            && !reden.contains("Almere"),
        "{reden}"
    );

    // The web page of the Lindeloo pupil's onderwijssituatie offers and
    // names Lindeloo's situations; the Almere pupil's, Almere's.
    let b = super::web::Browser::nieuw(app);
    b.inloggen(ZC_A).await;
    let p = b
        .get(&format!("/jeugdigen/{lindeloo}/onderwijssituatie"))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.html.contains(r#"<option value="deel_van_de_week">"#)
            && p.html.contains("Gaat de hele week naar school")
            && !p.html.contains(r#"value="kolibrie""#),
        "{}",
        p.html
    );
    let p = b
        .get(&format!("/jeugdigen/{almere}/onderwijssituatie"))
        .await;
    assert!(p.html.contains(r#"value="kolibrie""#), "{}", p.html);

    // A referral for the Lindeloo pupil is checked by Lindeloo's rules,
    // its product and period; for the Zeewolde pupil there are none.
    let route = super::steunroute::aanbieders(app).await;
    let verwijzer = app.login(VERWIJZER).await;
    let einde =
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&van), 12, 31).expect("date");
    let verwijs = |j: i64, product: &str| {
        json!({"jeugdige": j, "aanbieder": route.hoofdaanbieder,
               "verwijzing": {"product": product, "volume": 2, "eenheid": "uur", "per": "week",
                              "ingangsdatum": van, "einddatum": einde}})
    };
    let (s, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            verwijs(lindeloo, "ambulante_begeleiding"),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["normenkader"], "lindeloo 2026.1");
    assert_eq!(v["binnenNormen"], true, "{v}");
    let antwoord = verwijzer
        .post(
            "/api/v1/verwijzingen",
            verwijs(zeewolde, "begeleiding_individueel_basis"),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["jeugdige"]);
    assert!(
        antwoord.2["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r.starts_with("Zeewolde hoort bij regio Zeewolde")),
        "{}",
        antwoord.2
    );

    // The access route: school A is an OJA school; its Almere pupil goes
    // through the hoofdaanbieder, its Zeewolde pupil not (Zeewolde has the
    // regular route: its own gemeente decides, woonplaatsbeginsel).
    super::steunroute::oja_van_school_a(app, route.hoofdaanbieder).await;
    let toegangsroute = |j: i64| {
        let zc = &zc;
        async move {
            let (s, _, b) = zc
                .get(&format!("/api/v1/jeugdigen/{j}/toegangsroute"))
                .await;
            assert_eq!(s, StatusCode::OK, "{b}");
            b["route"].as_str().unwrap_or_default().to_string()
        }
    };
    assert_eq!(toegangsroute(almere).await, "oja_hoofdaanbieder");
    assert_ne!(toegangsroute(zeewolde).await, "oja_hoofdaanbieder");
    grensleerlingen(app, almere, zeewolde, lindeloo).await;
    advies_voor_jeugdige(app, zeewolde, lindeloo).await;

    // The public advice and toets take "gemeente".
    let http = app.anoniem();
    let advies = |body: Value| {
        let http = &http;
        async move {
            lees(
                http.post(app.u("/api/v1/normenkader/adviezen"))
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(body.to_string())
                    .send()
                    .await
                    .expect("POST"),
            )
            .await
        }
    };
    let vraag = |gemeente: &str, situatie: &str| {
        json!({"gemeente": gemeente, "geboortedatum": "2016-05-12",
               "peildatum": van, "onderwijssituatie": situatie})
    };
    let (s, _, a) = advies(vraag("GM0034", "volledig_onderwijs")).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["normenkader"]["regio"], "almere");
    let (s, _, a) = advies(vraag("GM9901", "hele_week_school")).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["normenkader"]["regio"], "lindeloo");
    assert_eq!(a["situatie"], "hele_week_school");
    let (s, _, a) = advies(vraag("GM0050", "volledig_onderwijs")).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["situatie"], Value::Null);
    assert_eq!(
        (&a["regio"], &a["route"], &a["gemeente"]),
        (&json!("zeewolde"), &json!("regulier"), &json!("GM0050"))
    );
    assert!(a.get("normenkader").is_none(), "{a}");
    let antwoord = advies(vraag("GM0363", "volledig_onderwijs")).await;
    assert_eq!(ongeldig(&antwoord), ["gemeente"]);
    let reden = antwoord.2["invalidParams"][0]["reason"]
        .as_str()
        .expect("reason");
    assert!(
        reden
            .starts_with("gemeente GM0363 hoort bij geen regio van deze installatie; toegestaan: ")
            && reden.contains("GM0050 (Zeewolde)")
            && reden.contains("GM9901 (Lindeloo)"),
        "{reden}"
    );
    // Without a gemeente: the default region, Almere, as before.
    let mut zonder = vraag("GM0034", "volledig_onderwijs");
    zonder.as_object_mut().expect("object").remove("gemeente");
    let (s, _, a) = advies(zonder).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["normenkader"]["regio"], "almere");

    // Health names every region with its fingerprint.
    let (s, _, g) = lees(
        http.get(app.u("/api/v1/gezondheid"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let regios: Vec<_> = g["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .map(|r| (r["regio"].clone(), r["vingerafdruk"].is_string()))
        .collect();
    for verwacht in [
        (json!("almere"), true),
        (json!("lindeloo"), true),
        (json!("zeewolde"), false),
    ] {
        assert!(regios.contains(&verwacht), "{verwacht:?} in {regios:?}");
    }
}

/// The pupils of one Almere school, each by its own region (issue 17.1):
/// the referral form offers the Lindeloo pupil Lindeloo's products, the
/// Zeewolde pupil none (and says why), never Almere's to either; the
/// access route of the Zeewolde pupil quotes none of Almere's seed text.
async fn grensleerlingen(app: &App, almere: i64, zeewolde: i64, lindeloo: i64) {
    let b = super::web::Browser::nieuw(app);
    b.inloggen(VERWIJZER).await;
    let almere_product = r#"value="begeleiding_individueel_basis""#;
    let formulier = |j: i64| {
        let b = &b;
        async move {
            let p = b.get(&format!("/verwijzingen/nieuw?jeugdige={j}")).await;
            assert_eq!(p.status, StatusCode::OK, "{}", p.html);
            p.html
        }
    };
    let html = formulier(almere).await;
    assert!(html.contains(almere_product), "{html}");
    assert!(
        !html.contains("Geen normenkader voor deze jeugdige"),
        "{html}"
    );
    let html = formulier(lindeloo).await;
    assert!(
        html.contains(r#"value="ambulante_begeleiding""#) && !html.contains(almere_product),
        "{html}"
    );
    let html = formulier(zeewolde).await;
    assert!(
        !html.contains(almere_product)
            && !html.contains(r#"value="ambulante_begeleiding""#)
            && html.contains("Geen normenkader voor deze jeugdige")
            && html.contains("Zeewolde hoort bij regio Zeewolde"),
        "{html}"
    );

    let zc = app.login(ZC_A).await;
    let (s, _, r) = zc
        .get(&format!("/api/v1/jeugdigen/{zeewolde}/toegangsroute"))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["bronnen"], json!([]), "{r}");
    let toelichting = r["toelichting"].to_string();
    assert!(
        toelichting.contains("De jeugdige woont in regio Zeewolde; daar geldt de reguliere route")
            && !toelichting.contains('“'),
        "{toelichting}"
    );
    let (_, _, r) = zc
        .get(&format!("/api/v1/jeugdigen/{almere}/toegangsroute"))
        .await;
    assert!(
        r["bronnen"]
            .as_array()
            .is_some_and(|b| b.contains(&json!("toegang.oja_school"))),
        "{r}"
    );
}

/// `"jeugdige"` on the advice and check (issue 17.3): its address picks the
/// region, its dossier gives the birth date and the recorded situation; a
/// differing claim and `gemeente` beside it are refused; the read needs a
/// login and is logged.
async fn advies_voor_jeugdige(app: &App, zeewolde: i64, lindeloo: i64) {
    let zc = app.login(ZC_A).await;
    // The Lindeloo pupil's dossier records hele_week_school: no situation
    // needs to be given.
    let (s, _, a) = zc
        .post(
            "/api/v1/normenkader/adviezen",
            json!({"jeugdige": lindeloo}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(
        (&a["normenkader"]["regio"], &a["situatie"]),
        (&json!("lindeloo"), &json!("hele_week_school"))
    );
    let antwoord = zc
        .post(
            "/api/v1/normenkader/adviezen",
            json!({"jeugdige": lindeloo, "onderwijssituatie": "zorgklas"}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["situatie"], "{}", antwoord.2);
    // The Zeewolde pupil: no rules, its gemeente's route.
    let (s, _, a) = zc
        .post(
            "/api/v1/normenkader/toetsingen",
            json!({"jeugdige": zeewolde, "situatie": {"onderwijssituatie": "volledig_onderwijs"},
                   "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 2,
                                  "eenheid": "uur", "per": "week",
                                  "ingangsdatum": verwijsdatum(), "einddatum": verwijsdatum()}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(
        (&a["situatie"], &a["gemeente"], &a["route"]),
        (&Value::Null, &json!("GM0050"), &json!("regulier"))
    );
    // Both keys: one 400 naming both fields.
    let antwoord = zc
        .post(
            "/api/v1/normenkader/adviezen",
            json!({"jeugdige": zeewolde, "gemeente": "GM0034", "onderwijssituatie": "volledig_onderwijs"}),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["gemeente", "jeugdige"]);
    // Without a login a jeugdige is not read; the read that was is logged.
    let (s, _, _) = lees(
        app.anoniem()
            .post(app.u("/api/v1/normenkader/adviezen"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(json!({"jeugdige": lindeloo}).to_string())
            .send()
            .await
            .expect("POST"),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    let records = app.opslag.audit_records(0, 100_000).await.expect("audit");
    let gelezen = records
        .iter()
        .filter(|r| r.record.gebeurtenis == "normenkader.advies")
        .count();
    assert_eq!(gelezen, 3, "the three reads of a jeugdige that were made");
}

/// An organisation of the Achterhoek (a region without a normenkader): its
/// school's reikwijdte page says it has no OJA, its beheerder's page lists
/// no rule versions, its advisor without a gemeente gives no advice but
/// the region's route; the public reikwijdte names the region of the
/// school it finds.
async fn achterhoek_zonder_normenkader(app: &App) {
    let o = app.opslag.as_ref();
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "achterhoek".into(),
            naam: "Achterhoek".into(),
        })
        .await
        .expect("regio")
        .id;
    let org = |naam: &str, soort| NieuweOrganisatie {
        regio,
        naam: naam.into(),
        soort,
        gemeente: Some(GemeenteCode::parse("GM0222").expect("gemeente")),
        brin: None,
        agb: None,
    };
    let school = o
        .maak_organisatie(&org("Grensschool Doetinchem", OrganisatieSoort::School))
        .await
        .expect("school")
        .id;
    let gemeente = o
        .maak_organisatie(&org("Gemeente Doetinchem", OrganisatieSoort::Gemeente))
        .await
        .expect("gemeente")
        .id;
    for (email, rol, organisatie) in [
        ("zc@grensschool.test", Rol::Zorgcoordinator, school),
        ("beheer@doetinchem.test", Rol::Beheerder, gemeente),
    ] {
        o.maak_medewerker(&NieuweMedewerker {
            naam: "Achterhoeker".into(),
            email: email.into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![Roltoewijzing { rol, organisatie }],
        })
        .await
        .expect("medewerker");
    }
    let b = super::web::Browser::nieuw(app);
    b.inloggen("zc@grensschool.test").await;
    let p = b.get("/reikwijdte").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html.contains(
            "Regio Achterhoek heeft geen normenkader in Schakel, en dus geen scholen met een OJA."
        ) && !p.html.contains("Watertuin"),
        "{}",
        p.html
    );
    let p = b.get("/advies").await;
    assert!(
        p.html
            .contains(r#"<option value="" selected>Niet gekozen: Achterhoek</option>"#)
            && !p.html.contains(r#"value="kolibrie""#),
        "{}",
        p.html
    );
    let p = b
        .post(
            "/advies",
            &[
                ("gemeente", ""),
                ("geboortedatum", "2016-05-12"),
                ("peildatum", "2026-11-23"),
                ("onderwijssituatie", "volledig_onderwijs"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html
            .contains("Regio Achterhoek heeft geen normenkader in Schakel")
            && p.html.contains("de ondersteuningsroute")
            && !p.html.contains("Advies volgens het normenkader"),
        "{}",
        p.html
    );

    let b = super::web::Browser::nieuw(app);
    b.inloggen("beheer@doetinchem.test").await;
    let p = b.get("/beheer").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html
            .contains("Regio Achterhoek heeft geen normenkader in Schakel.")
            && !p.html.contains("<code>2026"),
        "{}",
        p.html
    );

    let http = app.anoniem();
    let (s, _, r) = lees(
        http.get(app.u("/api/v1/normenkader/reikwijdtes/Watertuin"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(r["regio"], "almere");
    let (s, _, _) = lees(
        http.get(app.u("/api/v1/normenkader/reikwijdtes/Grensschool%20Doetinchem"))
            .send()
            .await
            .expect("GET"),
    )
    .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

/// A public form posted as a browser without script sends it: the status
/// and the page.
async fn formulier(
    app: &App,
    http: &reqwest::Client,
    pad: &str,
    velden: &[(&str, &str)],
) -> (StatusCode, String) {
    let body = velden
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let r = http
        .post(app.u(pad))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("POST");
    (r.status(), r.text().await.expect("html"))
}

/// The public advisor asks where the child lives: Zeewolde gives no
/// advice but its route, Lindeloo its own situations, Almere as before.
async fn web_advies_per_gemeente(app: &App) {
    let http = app.anoniem();
    let html = http
        .get(app.u("/advies"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("html");
    for keuze in [
        r#"<label for="gemeente">Woongemeente van het kind</label>"#,
        r#"<option value="" selected>Niet gekozen: Almere</option>"#,
        r#"<option value="GM0050">Zeewolde</option>"#,
        r#"<option value="GM9901">Lindeloo</option>"#,
    ] {
        assert!(html.contains(keuze), "{keuze} missing:\n{html}");
    }
    let velden = |gemeente: &'static str, situatie: &'static str| {
        [
            ("gemeente", gemeente),
            ("geboortedatum", "2016-05-12"),
            ("peildatum", "2026-11-23"),
            ("onderwijssituatie", situatie),
            ("school", ""),
            ("schooldagdelen", ""),
        ]
    };
    let (s, html) = formulier(
        app,
        &http,
        "/advies",
        &velden("GM0050", "volledig_onderwijs"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(
        html.contains("Geen normenkader voor deze gemeente")
            && html.contains("Zeewolde hoort bij regio Zeewolde")
            && !html.contains("Advies volgens het normenkader"),
        "{html}"
    );
    let (s, html) = formulier(app, &http, "/advies", &velden("GM9901", "hele_week_school")).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    // Lindeloo's names for its situation and product.
    assert!(
        html.contains("lindeloo")
            && html.contains("Gaat de hele week naar school")
            && html.contains("Ambulante begeleiding"),
        "{html}"
    );
    assert!(!html.contains("Geen normenkader voor deze gemeente"));
    // Almere's situation for a Lindeloo child: the form again, with
    // Lindeloo's situations to choose from.
    let (s, html) = formulier(
        app,
        &http,
        "/advies",
        &velden("GM9901", "volledig_onderwijs"),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{html}");
    assert!(
        html.contains(r#"<option value="hele_week_school">"#)
            && !html.contains(r#"value="kolibrie""#),
        "{html}"
    );
    let (s, html) = formulier(app, &http, "/advies", &velden("", "volledig_onderwijs")).await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(html.contains("Advies volgens het normenkader"), "{html}");
}

/// The web check (`/toets`) asks the woongemeente too: a Zeewolde child
/// gets Zeewolde's route and no check against another region's rules; the
/// default region's child is checked as before.
async fn web_toets_per_gemeente(app: &App) {
    let http = app.anoniem();
    let html = http
        .get(app.u("/toets"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(r#"<option value="GM0050">Zeewolde</option>"#),
        "{html}"
    );
    let stuur = |gemeente: &'static str| {
        let velden = [
            ("gemeente", gemeente),
            ("geboortedatum", "2016-05-12"),
            ("peildatum", "2026-11-23"),
            ("onderwijssituatie", "volledig_onderwijs"),
            ("product", "begeleiding_individueel_basis"),
            ("volume", "2"),
            ("eenheid", "uur"),
            ("per", "week"),
            ("ingangsdatum", "2026-11-23"),
            ("einddatum", "2027-02-20"),
        ];
        let http = &http;
        async move { formulier(app, http, "/toets", &velden).await }
    };
    let (s, html) = stuur("GM0050").await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(
        html.contains("Geen normenkader voor deze gemeente")
            && html.contains("Zeewolde hoort bij regio Zeewolde")
            && !html.contains("Uitkomst van de toets"),
        "{html}"
    );
    let (s, html) = stuur("").await;
    assert_eq!(s, StatusCode::OK, "{html}");
    assert!(
        html.contains("Uitkomst van de toets") && !html.contains("Geen normenkader"),
        "{html}"
    );
    let (s, html) = stuur("GM0000").await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{html}");
    assert!(html.contains("Woongemeente"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twee_regios_sqlite() {
    let app = App::sqlite_met(drie_regios()).await;
    twee_regios_in_een_server(&app).await;
    web_advies_per_gemeente(&app).await;
    web_toets_per_gemeente(&app).await;
    achterhoek_zonder_normenkader(&app).await;
    app.klaar().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twee_regios_postgres() {
    let Some(app) = App::postgres_met(drie_regios()).await else {
        return;
    };
    twee_regios_in_een_server(&app).await;
    web_advies_per_gemeente(&app).await;
    web_toets_per_gemeente(&app).await;
    achterhoek_zonder_normenkader(&app).await;
    app.klaar().await;
}
