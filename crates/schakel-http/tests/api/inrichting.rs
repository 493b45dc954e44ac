//! The region's set-up through the real server (issue 13, item 5):
//! `GET`/`PUT /api/v1/organisaties/{id}/toegangsroute`. The beheerder sets
//! school A's OJA arrangement ("Watertuin") with a hoofdaanbieder, and the
//! access route of a pupil of school A names that hoofdaanbieder at once;
//! every refusal names its field, stores nothing and writes no allowed
//! record; others are refused and audited.

use schakel_domain::Agb;

use super::*;

fn pad(organisatie: i64) -> String {
    format!("/api/v1/organisaties/{organisatie}/toegangsroute")
}

async fn route(zc: &Gebruiker, jeugdige: i64) -> Value {
    let (s, _, body) = zc
        .get(&format!("/api/v1/jeugdigen/{jeugdige}/toegangsroute"))
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body
}

async fn kop(app: &App) -> i64 {
    app.opslag
        .audit_kop()
        .await
        .expect("audit_kop")
        .map_or(0, |(n, _)| n)
}

async fn opgeslagen(app: &App, organisatie: i64) -> schakel_storage::DirectoryGegevens {
    app.opslag
        .directory_gegevens(organisatie)
        .await
        .expect("directory_gegevens")
        .expect("organisatie")
}

/// A PUT the set-up refuses with 400, naming `veld`; nothing is stored
/// and nothing is audited.
async fn geweigerd(app: &App, beheer: &Gebruiker, organisatie: i64, body: Value, veld: &str) {
    let voor = (opgeslagen(app, organisatie).await, kop(app).await);
    let (s, h, antwoord) = beheer.put(&pad(organisatie), None, body.clone()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {antwoord}");
    assert_eq!(content_type(&h), "application/problem+json");
    assert_eq!(antwoord["type"], "urn:schakel:probleem:ongeldige-invoer");
    let velden: Vec<&str> = antwoord["invalidParams"]
        .as_array()
        .expect("invalidParams")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(velden, [veld], "{body}: {antwoord}");
    assert_eq!(
        (opgeslagen(app, organisatie).await, kop(app).await),
        voor,
        "{body}: nothing stored, nothing audited"
    );
}

pub(crate) async fn inrichting(app: &App) {
    let w = &app.w;
    let o = app.opslag.as_ref();
    let nieuw = |naam: &str, soort, agb: Option<&str>| NieuweOrganisatie {
        regio: w.regio,
        naam: naam.into(),
        soort,
        gemeente: None,
        brin: None,
        agb: agb.map(|a| Agb::parse(a).expect("AGB")),
    };
    let aanbieder = o
        .maak_organisatie(&nieuw(
            "Zorg Waterkant",
            OrganisatieSoort::Aanbieder,
            Some("12345678"),
        ))
        .await
        .expect("organisatie")
        .id;
    let beheer = app.login(BEHEERDER).await;
    let zc_a = app.login(ZC_A).await;
    let sem = dossier(app, &zc_a, BSNS[0]).await;

    // Before: school A has no arrangement and the region no verwijzer.
    let voor = route(&zc_a, sem.jeugdige).await;
    assert_eq!(voor["route"], "regulier_verwijzer", "{voor}");
    assert_eq!(voor["organisatie"], Value::Null);

    // The beheerder sets the arrangement (spelled loosely) with its
    // hoofdaanbieder, and the school's contact person.
    let (s, h, body) = beheer
        .put(
            &pad(w.school_a),
            None,
            json!({"oja": {"arrangement": " watertuin ", "hoofdaanbieder": aanbieder},
                   "contactpersoon": w.medewerker(ZC_A)}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(content_type(&h), "application/json");
    let verwacht = json!({
        "organisatie": {"id": w.school_a, "naam": "Basisschool De Regenboog"},
        "soort": "school",
        "contactpersoon": {"id": w.medewerker(ZC_A), "naam": "Zorgcoördinator A", "email": ZC_A},
        "oja": {"arrangement": "Watertuin", "hoofdaanbieder": {"id": aanbieder, "naam": "Zorg Waterkant"},
                "geldigVanaf": null, "geldigTot": null},
        "verwijzerVanRegio": false,
        "werkgebied": [],
    });
    assert_eq!(body, verwacht);
    let (s, _, gelezen) = beheer.get(&pad(w.school_a)).await;
    assert_eq!((s, gelezen), (StatusCode::OK, verwacht));
    // Audited with the change: who changed which organisation.
    let r = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (
            r.gebeurtenis.as_str(),
            r.actie,
            r.uitkomst,
            r.gebruiker,
            r.rol,
            r.object_type.as_str(),
            r.object_id,
            r.client.clone()
        ),
        (
            "organisatie.toegangsroute",
            Actie::Wijzigen,
            Uitkomst::Toegestaan,
            Some(w.medewerker(BEHEERDER)),
            Some(Rol::Beheerder),
            "organisatie",
            Some(w.school_a),
            None
        )
    );

    // At once: the pupil's access route names the hoofdaanbieder.
    let na = route(&zc_a, sem.jeugdige).await;
    assert_eq!(na["route"], "oja_hoofdaanbieder", "{na}");
    assert_eq!(na["beschikkingNodig"], false);
    assert_eq!(
        na["organisatie"],
        json!({"id": aanbieder, "naam": "Zorg Waterkant"})
    );

    // A period of validity: an arrangement that ended gives the regular
    // route again; one that runs today the OJA route.
    let gisteren = chrono::Utc::now().date_naive() - chrono::Days::new(2);
    let lang_geleden = gisteren - chrono::Days::new(365);
    let (s, _, body) = beheer
        .put(
            &pad(w.school_a),
            None,
            json!({"oja": {"arrangement": "Watertuin", "hoofdaanbieder": aanbieder,
                           "geldigVanaf": lang_geleden, "geldigTot": gisteren}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["oja"]["geldigTot"], json!(gisteren));
    assert_eq!(
        route(&zc_a, sem.jeugdige).await["route"],
        "regulier_verwijzer"
    );
    let (s, _, body) = beheer
        .put(
            &pad(w.school_a),
            None,
            json!({"oja": {"arrangement": "Watertuin", "hoofdaanbieder": aanbieder,
                           "geldigVanaf": lang_geleden}, "contactpersoon": w.medewerker(ZC_A)}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        route(&zc_a, sem.jeugdige).await["route"],
        "oja_hoofdaanbieder"
    );

    // Refusals, each naming its field; nothing changes.
    let jgz_twee = o
        .maak_organisatie(&nieuw("JGZ Twee", OrganisatieSoort::Jgz, None))
        .await
        .expect("organisatie")
        .id;
    let gevallen = [
        (
            w.school_a,
            json!({"oja": {"arrangement": "Watertuin", "hoofdaanbieder": w.jgz}}),
            "oja.hoofdaanbieder",
        ),
        (
            w.school_a,
            json!({"oja": {"arrangement": "Kwekerij", "hoofdaanbieder": aanbieder}}),
            "oja.arrangement",
        ),
        (
            w.wijkteam,
            json!({"oja": {"arrangement": "Bombardon"}}),
            "oja",
        ),
        (
            w.school_b,
            json!({"verwijzerVanRegio": true}),
            "verwijzerVanRegio",
        ),
        (
            w.jgz,
            json!({"contactpersoon": w.medewerker(ZC_A)}),
            "contactpersoon",
        ),
        (
            w.school_b,
            json!({"oja": {"arrangement": "Watertuin"}}),
            "oja.arrangement",
        ),
        (
            w.school_a,
            json!({"contactpersoon": "zc"}),
            "contactpersoon",
        ),
        (
            w.school_a,
            json!({"oja": {"arrangement": "Watertuin", "geldigVanaf": "2027-08-01", "geldigTot": "2027-07-31"}}),
            "oja.geldigTot",
        ),
    ];
    for (organisatie, body, veld) in gevallen {
        geweigerd(app, &beheer, organisatie, body, veld).await;
    }

    // The region's verwijzer: a JGZ, one per region, with its contact.
    let (s, _, body) = beheer
        .put(
            &pad(w.jgz),
            None,
            json!({"verwijzerVanRegio": true, "contactpersoon": w.medewerker(VERWIJZER)}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["verwijzerVanRegio"], true);
    geweigerd(
        app,
        &beheer,
        jgz_twee,
        json!({"verwijzerVanRegio": true}),
        "verwijzerVanRegio",
    )
    .await;
    // Without the arrangement Sem takes the regular route, to that JGZ.
    let (s, _, body) = beheer.put(&pad(w.school_a), None, json!({})).await;
    assert_eq!((s, body["oja"].clone()), (StatusCode::OK, Value::Null));
    let regulier = route(&zc_a, sem.jeugdige).await;
    assert_eq!(regulier["route"], "regulier_verwijzer", "{regulier}");
    assert_eq!(
        regulier["organisatie"],
        json!({"id": w.jgz, "naam": "JGZ Almere"})
    );
    assert_eq!(
        regulier["contactpersoon"],
        json!({"naam": "Jeugdarts", "email": VERWIJZER})
    );

    // What the change leaves alone stays: a wijkteam's PC4 werkgebied.
    app.opslag
        .zet_directory_gegevens(
            w.wijkteam,
            &schakel_storage::DirectoryGegevens {
                werkgebied: vec![schakel_domain::Pc4::new(1315).expect("pc4")],
                ..Default::default()
            },
            &opzet_record("organisatie"),
        )
        .await
        .expect("werkgebied");
    let (s, _, body) = beheer
        .put(
            &pad(w.wijkteam),
            None,
            json!({"contactpersoon": w.medewerker(REGISSEUR)}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["werkgebied"], json!(["1315"]));
    assert_eq!(body["contactpersoon"]["email"], REGISSEUR);

    // Only the beheerder of the organisation's own region; refusals audited.
    for (gebruiker, wie) in [(&zc_a, ZC_A), (&app.login(BELEID).await, BELEID)] {
        let voor = opgeslagen(app, w.school_a).await;
        let (s, _, body) = gebruiker
            .put(
                &pad(w.school_a),
                None,
                json!({"oja": {"arrangement": "Watertuin"}}),
            )
            .await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{wie}: {body}");
        assert_eq!(body["type"], "urn:schakel:probleem:geen-toegang");
        assert_eq!(opgeslagen(app, w.school_a).await, voor, "{wie}");
        let r = app.audit().await.pop().expect("a record").record;
        assert_eq!(
            (r.gebeurtenis.as_str(), r.uitkomst, r.gebruiker, r.object_id),
            (
                "organisatie.toegangsroute",
                Uitkomst::Geweigerd,
                Some(w.medewerker(wie)),
                Some(w.school_a)
            ),
            "{wie}"
        );
        assert_eq!(
            gebruiker.get(&pad(w.school_a)).await.0,
            StatusCode::FORBIDDEN
        );
    }
    let (s, _, _) = lees(
        app.anoniem()
            .put(app.u(&pad(w.school_a)))
            .json(&json!({}))
            .send()
            .await
            .expect("PUT"),
    )
    .await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    // A beheerder of another region is refused too.
    let elders = o
        .maak_regio(&NieuweRegio {
            code: "elders".into(),
            naam: "Elders".into(),
        })
        .await
        .expect("regio");
    let gemeente_elders = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: elders.id,
            ..nieuw("Gemeente Elders", OrganisatieSoort::Gemeente, None)
        })
        .await
        .expect("organisatie")
        .id;
    o.maak_medewerker(&NieuweMedewerker {
        naam: "Beheerder Elders".into(),
        email: "beheer@elders.test".into(),
        wachtwoord_hash: wachtwoord_hash(),
        demo: true,
        rollen: vec![Roltoewijzing {
            rol: Rol::Beheerder,
            organisatie: gemeente_elders,
        }],
    })
    .await
    .expect("medewerker");
    let beheer_elders = app.login("beheer@elders.test").await;
    let (s, _, body) = beheer_elders.put(&pad(w.school_a), None, json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(
        app.audit()
            .await
            .pop()
            .expect("a record")
            .record
            .grond
            .as_deref(),
        Some("andere_regio")
    );
    // An organisation that does not exist: 404 for the beheerder.
    assert_eq!(beheer.get(&pad(1_000_000)).await.0, StatusCode::NOT_FOUND);
}
