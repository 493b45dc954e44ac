//! The directory in the browser, on each backend: the zorgcoördinator's
//! "which wijkteam and which contact" by a typed address or by a pupil's
//! address on record (a logged read of the pupil), and the beheerder's
//! werkgebied edit — checked, refused for others, audited as through the
//! API.

use super::web::Browser;
use super::*;

pub async fn web_gids(app: &App) {
    use schakel_domain::gids::{Buurtcode, postcode_getal};
    let o = app.opslag.as_ref();
    let pc = |s: &str| postcode_getal(&schakel_domain::Postcode::parse(s).expect("postcode"));
    let rij = |p: &str, nr, b| schakel_storage::Adresrij {
        postcode: pc(p),
        huisnummer: nr,
        buurt: Buurtcode::uit_getal(b).expect("buurt"),
    };
    let mut import = o.begin_adresimport().await.expect("begin");
    import
        .voeg_toe(&[rij("1315AB", 12, 340301), rij("1354AB", 12, 340101)])
        .await
        .expect("voeg_toe");
    import
        .voltooi("adressen-2025.csv", Some(2025))
        .await
        .expect("voltooi");
    zet_gebiednamen(
        o,
        &[
            ("GM0034", "Almere"),
            ("WK003403", "Buiten"),
            ("BU00340301", "Buitenpark"),
        ],
    )
    .await;
    let stad = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: app.w.regio,
            naam: "Wijkteam Stad".into(),
            soort: OrganisatieSoort::Wijkteam,
            gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeente")),
            brin: None,
            agb: None,
        })
        .await
        .expect("wijkteam")
        .id;
    let formulier = format!("/gids/wijkteams/{stad}");

    // The beheerder edits the werkgebied; a bad line is named, nothing stored.
    let beheer = Browser::nieuw(app);
    let csrf = beheer.inloggen(BEHEERDER).await;
    let overzicht = beheer.get("/beheer").await;
    assert!(
        overzicht
            .html
            .contains("adressen-2025.csv (2 adressen, CBS-indeling 2025"),
        "{}",
        overzicht.html
    );
    let lijst = beheer.get("/gids/wijkteams").await;
    assert_eq!(lijst.status, StatusCode::OK);
    assert!(lijst.html.contains(&format!("href=\"{formulier}\"")));
    assert_eq!(beheer.get(&formulier).await.status, StatusCode::OK);
    let voor = app.audit().await.len();
    let p = beheer
        .post(
            &formulier,
            &[
                ("csrf", &csrf),
                ("gebieden", "1315AB 1-29\nHaven"),
                ("contactpunt", "Vast contactpunt Stad"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"gebieden-fout\""), "{}", p.html);
    assert!(p.html.contains("Regel 2 (Haven)"), "{}", p.html);
    assert!(p.html.contains("Vast contactpunt Stad"), "the input stays");
    assert!(o.gebieden().await.expect("gebieden").is_empty());
    assert_eq!(app.audit().await.len(), voor, "nothing logged as changed");
    let p = beheer
        .post(
            &formulier,
            &[
                ("csrf", &csrf),
                ("gebieden", "1315AB 1-29\r\n\r\n"),
                ("contactpunt", "Vast contactpunt Stad"),
                ("telefoon", "036-0000002"),
                ("email", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), "/gids/wijkteams?gelukt=werkgebied");
    assert_eq!(
        o.gebieden()
            .await
            .expect("gebieden")
            .into_iter()
            .map(|(w, g)| (w, g.to_string()))
            .collect::<Vec<_>>(),
        [(stad, "1315AB 1-29".to_string())]
    );
    let audit = app.audit().await;
    let wijziging = audit.last().expect("a record");
    assert_eq!(wijziging.record.gebeurtenis, "gids.werkgebied");
    assert_eq!(wijziging.record.object_id, Some(stad));
    assert!(wijziging.record.bron.starts_with("web "));
    assert!(
        beheer
            .get("/gids/wijkteams")
            .await
            .html
            .contains("036-0000002")
    );

    // A zorgcoördinator reads the directory but does not edit it.
    let zc = Browser::nieuw(app);
    let zc_csrf = zc.inloggen(ZC_A).await;
    let lijst = zc.get("/gids/wijkteams").await;
    assert!(lijst.html.contains("Wijkteam Stad"));
    assert!(!lijst.html.contains(&format!("href=\"{formulier}\"")));
    assert_eq!(zc.get(&formulier).await.status, StatusCode::FORBIDDEN);
    let p = zc
        .post(
            &formulier,
            &[("csrf", &zc_csrf), ("gebieden", "1354AA-1354ZZ")],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(o.gebieden().await.expect("gebieden").len(), 1);

    // Lookup by a typed address: the form posts, the URL stays /gids.
    let zoek = |postcode: &'static str, huisnummer: &'static str| {
        let (zc, csrf) = (&zc, &zc_csrf);
        async move {
            zc.post(
                "/gids",
                &[
                    ("csrf", csrf),
                    ("postcode", postcode),
                    ("huisnummer", huisnummer),
                ],
            )
            .await
        }
    };
    let p = zoek("1315 ab", "12").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(p.html.contains("Dit wijkteam hoort bij het adres"));
    for verwacht in [
        "Wijkteam Stad",
        "Vast contactpunt Stad",
        "036-0000002",
        "<dt>Gemeente</dt><dd>Almere</dd>",
        "<dt>Wijk</dt><dd>Buiten</dd>",
        "<dt>Buurt</dt><dd>Buitenpark</dd>",
    ] {
        assert!(p.html.contains(verwacht), "{verwacht}: {}", p.html);
    }
    // The CBS codes only in the "Bronnen" disclosure (issue 16.3).
    let bronnen = p.html.find("<summary>Bronnen</summary>").expect("Bronnen");
    for code in ["GM0034", "WK003403", "BU00340301"] {
        assert_eq!(p.html.find(code).map(|i| i > bronnen), Some(true), "{code}");
    }
    // An address whose buurt has no name: its code, said to be one.
    let p = zoek("1354AB", "12").await;
    assert!(
        p.html
            .contains("<dt>Buurt</dt><dd>CBS-code BU00340101 (naam niet bekend)</dd>"),
        "{}",
        p.html
    );
    assert!(!p.titel().contains("1315"));
    let p = zoek("1354AB", "12").await;
    assert!(
        p.html.contains("Geen wijkteam voor dit adres"),
        "{}",
        p.html
    );
    let p = zoek("1354AB", "99").await;
    assert!(p.html.contains("Adres niet gevonden"), "{}", p.html);
    let p = zoek("13AB", "12").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"postcode-fout\""), "{}", p.html);
    // A toevoeging with the number (issue 16.6): the lookup uses the
    // number, the answer shows the address as typed.
    for (typed, getoond) in [
        ("12a", "1315AB 12a"),
        ("12 bis", "1315AB 12-bis"),
        ("12-2", "1315AB 12-2"),
    ] {
        let p = zoek("1315AB", typed).await;
        assert_eq!(p.status, StatusCode::OK, "{typed}: {}", p.html);
        assert!(p.html.contains("Vast contactpunt Stad"), "{typed}");
        assert!(p.html.contains(getoond), "{getoond}: {}", p.html);
    }
    let p = zoek("1315AB", "12/3").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"huisnummer-fout\""), "{}", p.html);
    assert!(
        p.html.contains("bijvoorbeeld 12, 12a, 12-2 of 12 bis"),
        "{}",
        p.html
    );

    // Lookup by a pupil's address on record: a logged read of the pupil,
    // refused (and logged) for a school without a relation.
    let api_zc = app.login(ZC_A).await;
    let d = dossier(app, &api_zc, BSNS[0]).await;
    let id = d.jeugdige.to_string();
    let voor = app.audit().await.len();
    let p = zc
        .post("/gids", &[("csrf", &zc_csrf), ("jeugdige", &id)])
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(p.html.contains(VOORNAAM));
    assert!(p.html.contains("Vast contactpunt Stad"));
    let audit = app.audit().await;
    let lezen = &audit[voor..];
    assert!(
        lezen
            .iter()
            .any(|r| r.record.gebeurtenis == "jeugdige.lezen"
                && r.record.object_id == Some(d.jeugdige)
                && r.record.bron.starts_with("web ")),
        "{lezen:?}"
    );
    let ander = Browser::nieuw(app);
    let ander_csrf = ander.inloggen(ZC_B).await;
    let p = ander
        .post("/gids", &[("csrf", &ander_csrf), ("jeugdige", &id)])
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(!p.html.contains(VOORNAAM));
}
