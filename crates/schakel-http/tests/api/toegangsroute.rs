//! The access route of seed 000 through the real server (issue 4, point 1):
//! `GET /api/v1/jeugdigen/{id}/toegangsroute?vraag=opvoeding|ouders`.
//!
//! The world: school A has an OJA (the normenkader's "Watertuin") with
//! hoofdaanbieder Zorg Waterkant; school B has none; Wijkteam Haven serves
//! PC4 1315 (where `jeugdige_invoer` lives) and Wijkteam Buiten PC4 1411,
//! without a contact person; JGZ Almere is the region's verwijzer. Every
//! organisation but Wijkteam Buiten has a contact person.

use schakel_domain::Pc4;
use schakel_storage::{DirectoryGegevens, OjaArrangement};

use super::*;

const BEGELEIDER: &str = "begeleider@waterkant.test";

struct Routewereld {
    aanbieder: i64,
    wijkteam_buiten: i64,
}

fn pc4(n: u16) -> Pc4 {
    Pc4::new(n).expect("pc4")
}

async fn zet(app: &App, organisatie: i64, g: DirectoryGegevens) {
    app.opslag
        .zet_directory_gegevens(organisatie, &g, &opzet_record("organisatie"))
        .await
        .expect("zet_directory_gegevens");
}

async fn directory(app: &App) -> Routewereld {
    let o = app.opslag.as_ref();
    let org = |naam: &str, soort, agb: Option<&str>| NieuweOrganisatie {
        regio: app.w.regio,
        naam: naam.into(),
        soort,
        gemeente: None,
        brin: None,
        agb: agb.map(|a| schakel_domain::Agb::parse(a).expect("AGB")),
    };
    let aanbieder = o
        .maak_organisatie(&org(
            "Zorg Waterkant",
            OrganisatieSoort::Aanbieder,
            Some("12345678"),
        ))
        .await
        .expect("organisatie")
        .id;
    let wijkteam_buiten = o
        .maak_organisatie(&org("Wijkteam Buiten", OrganisatieSoort::Wijkteam, None))
        .await
        .expect("organisatie")
        .id;
    let begeleider = o
        .maak_medewerker(&NieuweMedewerker {
            naam: "Begeleider Waterkant".into(),
            email: BEGELEIDER.into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![Roltoewijzing {
                rol: Rol::Aanbieder,
                organisatie: aanbieder,
            }],
        })
        .await
        .expect("medewerker")
        .id;
    let contact = |m| DirectoryGegevens {
        contactpersoon: Some(m),
        ..DirectoryGegevens::default()
    };
    let w = &app.w;
    zet(
        app,
        w.school_a,
        DirectoryGegevens {
            oja: Some(OjaArrangement {
                arrangement: "Watertuin".into(),
                hoofdaanbieder: Some(aanbieder),
                ..Default::default()
            }),
            ..contact(w.medewerker(ZC_A))
        },
    )
    .await;
    zet(app, w.school_b, contact(w.medewerker(ZC_B))).await;
    zet(app, aanbieder, contact(begeleider)).await;
    zet(
        app,
        w.wijkteam,
        DirectoryGegevens {
            werkgebied: vec![pc4(1315)],
            ..contact(w.medewerker(REGISSEUR))
        },
    )
    .await;
    zet(
        app,
        wijkteam_buiten,
        DirectoryGegevens {
            werkgebied: vec![pc4(1411)],
            ..DirectoryGegevens::default()
        },
    )
    .await;
    zet(
        app,
        w.jgz,
        DirectoryGegevens {
            verwijzer_van_regio: true,
            ..contact(w.medewerker(VERWIJZER))
        },
    )
    .await;
    Routewereld {
        aanbieder,
        wijkteam_buiten,
    }
}

fn pad(jeugdige: i64, vraag: Option<&str>) -> String {
    match vraag {
        Some(v) => format!("/api/v1/jeugdigen/{jeugdige}/toegangsroute?vraag={v}"),
        None => format!("/api/v1/jeugdigen/{jeugdige}/toegangsroute"),
    }
}

/// A 200 answer; returns its body.
fn advies(antwoord: (StatusCode, HeaderMap, Value)) -> Value {
    let (s, h, body) = antwoord;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(content_type(&h), "application/json");
    body
}

fn toelichting(body: &Value) -> String {
    body["toelichting"]
        .as_array()
        .expect("toelichting")
        .iter()
        .map(|t| t.as_str().expect("tekst"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The newest audit record: the read the advice was derived from.
async fn laatste(app: &App) -> AuditRecord {
    app.audit().await.pop().expect("an audit record")
}

pub(crate) async fn toegangsroute(app: &App) {
    let rw = directory(app).await;
    let zc_a = app.login(ZC_A).await;
    let zc_b = app.login(ZC_B).await;
    let w = &app.w;

    // 1. School with an OJA: help from its hoofdaanbieder, no beschikking.
    let sem = dossier(app, &zc_a, BSNS[0]).await;
    let body = advies(zc_a.get(&pad(sem.jeugdige, None)).await);
    let bronnen = json!([
        "toegang.oja_school",
        "toegang.hoofdaanbieder",
        "toegang.regie",
        "almere.rij.oja"
    ]);
    assert_eq!(body["vraag"], "opvoeding", "the default question: {body}");
    assert_eq!(body["route"], "oja_hoofdaanbieder");
    assert_eq!(body["beschikkingNodig"], false);
    assert_eq!(
        body["organisatie"],
        json!({"id": rw.aanbieder, "naam": "Zorg Waterkant"})
    );
    assert_eq!(
        body["contactpersoon"],
        json!({"naam": "Begeleider Waterkant", "email": BEGELEIDER})
    );
    assert_eq!(body["bronnen"], bronnen);
    let tekst = toelichting(&body);
    assert!(tekst.contains("OJA Watertuin"), "{tekst}");
    assert!(
        tekst.contains("Verwijs de ouders/opvoeders dan door naar de school. Via die route is er geen beschikking nodig."),
        "quotes seed 000: {tekst}"
    );
    assert!(body.get("beschikking_nodig").is_none(), "camelCase: {body}");
    assert_eq!(
        advies(zc_a.get(&pad(sem.jeugdige, Some("opvoeding"))).await),
        body,
        "opvoeding is the default"
    );
    // The read is logged as what it was for.
    let r = laatste(app).await.record;
    assert_eq!(r.gebeurtenis, "jeugdige.toegangsroute");
    assert_eq!(r.actie, Actie::Lezen);
    assert_eq!(r.uitkomst, Uitkomst::Toegestaan);
    assert_eq!(r.grond.as_deref(), Some("open_hulpvraag"));
    assert_eq!(r.gebruiker, Some(w.medewerker(ZC_A)));
    assert_eq!(r.object_id, Some(sem.jeugdige));
    assert_eq!(r.client, Some(bsn(BSNS[0]).pseudoniem(SLEUTEL)));
    // The directory's contact persons of that organisation, as the
    // beheerder adds them (issue 13.5): in the route from the next request.
    assert_eq!(body["contacten"], json!([]));
    let beheer = app.login(BEHEERDER).await;
    let (s, _, c) = beheer
        .post(
            "/api/v1/contactpersonen",
            json!({"organisatie": rw.aanbieder, "functie": "intake",
                   "naam": "Intake Waterkant", "telefoon": "036-5399999"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let body = advies(zc_a.get(&pad(sem.jeugdige, None)).await);
    assert_eq!(
        body["contacten"],
        json!([{"functie": "intake", "naam": "Intake Waterkant",
                "telefoon": "036-5399999", "email": null}])
    );

    // 2. The parents' own question: the wijkteam serving the address.
    let body = advies(zc_a.get(&pad(sem.jeugdige, Some("ouders"))).await);
    assert_eq!(body["vraag"], "ouders");
    assert_eq!(body["route"], "wijkteam");
    assert_eq!(body["beschikkingNodig"], false);
    assert_eq!(
        body["organisatie"],
        json!({"id": w.wijkteam, "naam": "Wijkteam Haven"})
    );
    assert_eq!(
        body["contactpersoon"],
        json!({"naam": "Casusregisseur", "email": REGISSEUR})
    );
    assert_eq!(body["bronnen"], json!(["toegang.ouders_wijkteam"]));
    assert!(
        toelichting(&body).contains("financiële problemen of laaggeletterdheid"),
        "{body}"
    );

    // 3. School without an OJA: the regular route via the verwijzer.
    let (s, _, huishouden) = zc_b
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{huishouden}");
    let mut invoer = jeugdige_invoer(
        huishouden["id"].as_i64().expect("id"),
        BSNS[1],
        Some(w.school_b),
    );
    invoer["postcode"] = json!("1411 AA");
    let (s, _, lotte) = zc_b.post("/api/v1/jeugdigen", invoer).await;
    assert_eq!(s, StatusCode::CREATED, "{lotte}");
    let lotte = lotte["id"].as_i64().expect("id");
    let (s, _, vraag) = zc_b
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": lotte, "omschrijving": "Ouders zoeken hulp bij de opvoeding."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{vraag}");
    let body = advies(zc_b.get(&pad(lotte, Some("opvoeding"))).await);
    assert_eq!(body["route"], "regulier_verwijzer");
    assert_eq!(body["beschikkingNodig"], true);
    assert_eq!(
        body["organisatie"],
        json!({"id": w.jgz, "naam": "JGZ Almere"})
    );
    assert_eq!(
        body["contactpersoon"],
        json!({"naam": "Jeugdarts", "email": VERWIJZER})
    );
    assert_eq!(body["bronnen"], json!(["toegang.zonder_oja"]));
    assert!(
        toelichting(&body).contains("ZONDER een onderwijs-jeugdhulparrangement"),
        "{body}"
    );

    // 4. A wijkteam without a contact person says so; an address outside
    //    every werkgebied names no organisation, and says why.
    let body = advies(zc_b.get(&pad(lotte, Some("ouders"))).await);
    assert_eq!(body["route"], "wijkteam");
    assert_eq!(
        body["organisatie"],
        json!({"id": rw.wijkteam_buiten, "naam": "Wijkteam Buiten"})
    );
    assert_eq!(body["contactpersoon"], Value::Null);
    assert!(
        toelichting(&body)
            .contains("Voor Wijkteam Buiten is geen actieve contactpersoon vastgelegd"),
        "{body}"
    );
    zet(app, rw.wijkteam_buiten, DirectoryGegevens::default()).await;
    let body = advies(zc_b.get(&pad(lotte, Some("ouders"))).await);
    assert_eq!(body["route"], "wijkteam");
    assert_eq!(body["organisatie"], Value::Null, "{body}");
    assert_eq!(body["contactpersoon"], Value::Null);
    assert!(
        toelichting(&body).contains("Voor postcodegebied 1411 is geen wijkteam vastgelegd"),
        "{body}"
    );

    // 5. Without a relation: 403, and the refusal is logged.
    for (wie, email) in [(&zc_b, ZC_B), (&app.login(BELEID).await, BELEID)] {
        let antwoord = wie.get(&pad(sem.jeugdige, Some("ouders"))).await;
        let body = probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
        assert!(!body.to_string().contains(BSNS[0]), "{body}");
        let r = laatste(app).await.record;
        assert_eq!(r.gebeurtenis, "jeugdige.toegangsroute", "{email}");
        assert_eq!(r.uitkomst, Uitkomst::Geweigerd, "{email}");
        assert_eq!(r.gebruiker, Some(w.medewerker(email)));
        assert_eq!(r.object_id, Some(sem.jeugdige));
        assert_eq!(r.client, Some(bsn(BSNS[0]).pseudoniem(SLEUTEL)));
    }
    let log = logtekst();
    assert!(log.contains("toegang geweigerd"), "{} bytes", log.len());
    for geheim in BSNS.iter().chain(NAMEN.iter()) {
        assert!(!log.contains(geheim), "{geheim} in the application log");
    }
    let r = app
        .anoniem()
        .get(app.u(&pad(sem.jeugdige, None)))
        .send()
        .await
        .expect("GET");
    probleem(&lees(r).await, StatusCode::UNAUTHORIZED, "niet-ingelogd");

    // 6. Bad input names the field, before anything is read or logged.
    let voor = app.audit().await.len();
    for fout in [
        pad(sem.jeugdige, Some("onbekend")),
        pad(sem.jeugdige, Some("OPVOEDING")),
        "/api/v1/jeugdigen/abc/toegangsroute".to_string(),
    ] {
        let antwoord = zc_a.get(&fout).await;
        let veld = if fout.contains("abc") { "id" } else { "vraag" };
        assert_eq!(ongeldig(&antwoord), [veld], "{fout}: {}", antwoord.2);
    }
    let antwoord = zc_a.get(&pad(sem.jeugdige, Some("onbekend"))).await;
    assert_eq!(
        antwoord.2["invalidParams"][0]["reason"],
        "onbekende soort vraag; toegestaan: opvoeding, ouders"
    );
    assert_eq!(
        app.audit().await.len(),
        voor,
        "nothing read, nothing logged"
    );
    probleem(
        &zc_a.get(&pad(1_000_000, None)).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
}
