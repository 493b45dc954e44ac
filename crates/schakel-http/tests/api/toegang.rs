//! Issue 12: access that no one should get. Triage hands out no access
//! (only the parties of the support route, each checked by its kind; an
//! existing case gains no party by a triage), and every grant of access is
//! logged under each jeugdige it opens. On each backend (`per_backend!`).

use super::steunroute::{SPECIALIST, aanbieders};
use super::*;

/// A second wijkteam of the region, serving no address of the tests.
async fn wijkteam_elders(app: &App) -> i64 {
    app.opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: app.w.regio,
            naam: "Wijkteam Elders".into(),
            soort: OrganisatieSoort::Wijkteam,
            gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeente")),
            brin: None,
            agb: None,
        })
        .await
        .expect("wijkteam")
        .id
}

/// The names of a 400's invalidParams with their reasons.
fn redenen(antwoord: &(StatusCode, HeaderMap, Value)) -> Vec<(String, String)> {
    ongeldig(antwoord);
    antwoord.2["invalidParams"]
        .as_array()
        .expect("invalidParams")
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap_or_default().to_string(),
                v["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

pub async fn triage_geeft_geen_toegang(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let elders = wijkteam_elders(app).await;
    let zc_a = app.login(ZC_A).await;
    let specialist = app.login(SPECIALIST).await;
    // The directory: wijkteam Haven serves the postcode of every test address.
    let (s, _, b) = app
        .login(BEHEERDER)
        .await
        .put(
            &format!("/api/v1/organisaties/{}/werkgebied", w.wijkteam),
            None,
            json!({"gebieden": ["1315AA-1315ZZ"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");

    // Sem at school A with a question there; his sister Lotte at school B.
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let (s, _, lotte) = zc_a
        .post(
            "/api/v1/jeugdigen",
            jeugdige_invoer(d.huishouden, BSNS[1], Some(w.school_b)),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{lotte}");
    let lotte = lotte["id"].as_i64().expect("id");
    let triage = format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag);

    // A new case: each named organisation is checked by its kind, and the
    // wijkteam must be the one serving the address.
    let antwoord = zc_a
        .post(
            &triage,
            json!({"uitkomst": "beide", "wijkteam": elders,
                   "partijen": [route.specialist, w.gemeente, w.school_b, w.jgz, 999_999]}),
        )
        .await;
    let r = redenen(&antwoord);
    let namen: Vec<&str> = r.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        namen,
        [
            "wijkteam",
            "partijen[0]",
            "partijen[1]",
            "partijen[2]",
            "partijen[4]"
        ],
        "{r:?}"
    );
    assert!(
        r[0].1
            .contains(&format!("Wijkteam Haven (id {})", w.wijkteam)),
        "{r:?}"
    );
    assert!(r[1].1.contains("verwijzing of een inkoop"), "{r:?}");
    assert!(r[2].1.contains("gemeente"), "{r:?}");
    assert!(r[3].1.contains("school van de jeugdige zelf"), "{r:?}");
    assert!(r[4].1.contains("organisatie die niet bestaat"), "{r:?}");
    let r = redenen(
        &zc_a
            .post(&triage, json!({"uitkomst": "gemeente", "wijkteam": w.jgz}))
            .await,
    );
    assert_eq!(r[0].0, "wijkteam");
    assert!(r[0].1.contains("soort JGZ"), "{r:?}");
    assert!(
        app.opslag
            .open_casus(d.huishouden)
            .await
            .expect("open_casus")
            .is_none(),
        "a refused triage stores nothing"
    );

    // The allowed parties: the case opens, and every grant of access is
    // logged under each jeugdige — Lotte's inzage shows it too.
    let kop = app.audit().await.len();
    let (s, _, vraag) = zc_a
        .post(
            &triage,
            json!({"uitkomst": "beide", "wijkteam": w.wijkteam, "partijen": [w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    let casus = vraag["casus"].as_i64().expect("casus");
    let pseudoniem = |b: &str| bsn(b).pseudoniem(SLEUTEL);
    for b in [BSNS[0], BSNS[1]] {
        let inzage = app
            .opslag
            .audit_voor_client(&pseudoniem(b))
            .await
            .expect("inzage");
        let mut verleend: Vec<i64> = inzage
            .iter()
            .filter(|r| r.volgnummer > kop as i64 && r.record.gebeurtenis == "toegang.verleend")
            .map(|r| {
                assert_eq!(r.record.object_type, "organisatie");
                assert_eq!(r.record.grond.as_deref(), Some("triage_beide"));
                assert_eq!(r.record.gebruiker, Some(w.medewerker(ZC_A)));
                r.record.object_id.expect("organisatie")
            })
            .collect();
        verleend.sort_unstable();
        let mut verwacht = vec![w.school_a, w.wijkteam, w.jgz];
        verwacht.sort_unstable();
        assert_eq!(verleend, verwacht, "grants logged under {b}");
    }

    // A second question joins the open case, and brings nobody in: a named
    // party the case does not have, or another wijkteam, is refused.
    let tweede = nieuwe_hulpvraag(&zc_a, d.jeugdige).await;
    let triage = format!("/api/v1/hulpvragen/{tweede}/triage");
    let r = redenen(
        &zc_a
            .post(
                &triage,
                json!({"uitkomst": "beide", "wijkteam": elders,
                       "partijen": [route.specialist, w.gemeente, w.jgz]}),
            )
            .await,
    );
    let namen: Vec<&str> = r.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(namen, ["wijkteam", "partijen[0]", "partijen[1]"], "{r:?}");
    assert!(r[1].1.contains("alleen de casusregisseur"), "{r:?}");
    let (s, _, vraag) = zc_a
        .post(&triage, json!({"uitkomst": "beide", "partijen": [w.jgz]}))
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    assert_eq!(vraag["casus"], casus, "one household, one plan");
    let c = app
        .opslag
        .casus(casus)
        .await
        .expect("casus")
        .expect("bestaat");
    let mut verwacht = vec![w.school_a, w.jgz];
    verwacht.sort_unstable();
    let mut partijen = c.partijen.clone();
    partijen.sort_unstable();
    assert_eq!((c.wijkteam, partijen), (w.wijkteam, verwacht));

    // The provider named in the refused triages reads nothing.
    for pad in [
        format!("/api/v1/jeugdigen/{lotte}"),
        format!("/api/v1/jeugdigen/{}", d.jeugdige),
        format!("/api/v1/casussen/{casus}"),
    ] {
        probleem(
            &specialist.get(&pad).await,
            StatusCode::FORBIDDEN,
            "geen-toegang",
        );
    }
    let (s, _, lijst) = specialist.get("/api/v1/jeugdigen").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(lijst["paginering"]["totaal"], 0, "{lijst}");
}

/// Another question about a jeugdige, by `zc`'s school.
async fn nieuwe_hulpvraag(zc: &Gebruiker, jeugdige: i64) -> i64 {
    let (s, _, body) = zc
        .post(
            "/api/v1/hulpvragen",
            json!({"jeugdige": jeugdige, "omschrijving": "Weer zorgen."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    body["id"].as_i64().expect("id")
}
