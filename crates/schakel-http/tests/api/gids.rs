//! The directory's address lookup and werkgebied edits through the API
//! (issue 5), on each backend: most specific area wins, outside and
//! overlap are reported, the beheerder alone edits (audited).

use super::*;

pub async fn adresgids(app: &App) {
    use schakel_domain::gids::{Buurtcode, postcode_getal};
    let w = &app.w;
    let o = app.opslag.as_ref();
    let pc = |s: &str| postcode_getal(&schakel_domain::Postcode::parse(s).expect("postcode"));
    let rij = |p: &str, nr, b| schakel_storage::Adresrij {
        postcode: pc(p),
        huisnummer: nr,
        buurt: Buurtcode::uit_getal(b).expect("buurt"),
    };
    let mut import = o.begin_adresimport().await.expect("begin");
    import
        .voeg_toe(&[
            rij("1354AB", 12, 340101),
            rij("1315AB", 12, 340301),
            rij("1315AB", 30, 340301),
            rij("1335AA", 1, 340501),
        ])
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
            ("WK003401", "Haven"),
            ("BU00340101", "Haven-Centrum"),
            ("BU00340301", "Buitenpark"),
        ],
    )
    .await;
    let stad = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: w.regio,
            naam: "Wijkteam Stad".into(),
            soort: OrganisatieSoort::Wijkteam,
            gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeente")),
            brin: None,
            agb: None,
        })
        .await
        .expect("wijkteam")
        .id;
    let beheerder = app.login(BEHEERDER).await;
    let zc = app.login(ZC_A).await;
    let werkgebied = |id: i64| format!("/api/v1/organisaties/{id}/werkgebied");
    let (s, _, b) = beheerder
        .put(
            &werkgebied(w.wijkteam),
            None,
            json!({"gebieden": ["1354AA-1354ZZ", "BU00340301"],
                   "contactpunt": {"naam": "Vast contactpunt Haven", "telefoon": "036-0000001"}}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "gids.werkgebied"
                && r.record.object_id == Some(w.wijkteam)
                && r.record.rol == Some(Rol::Beheerder))
    );
    let (s, _, b) = beheerder
        .put(
            &werkgebied(stad),
            None,
            json!({"gebieden": ["1315AB 1-29"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // Only the beheerder edits; areas are checked; no address gets two teams.
    probleem(
        &zc.put(
            &werkgebied(stad),
            None,
            json!({"gebieden": ["1315AB 1-29"]}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    assert_eq!(
        ongeldig(
            &beheerder
                .put(
                    &werkgebied(stad),
                    None,
                    json!({"gebieden": ["1315AB 1-29", "Haven"]})
                )
                .await
        ),
        ["gebieden[1]"]
    );
    let antwoord = beheerder
        .put(
            &werkgebied(stad),
            None,
            json!({"gebieden": ["1354AB-1354AC"]}),
        )
        .await;
    let p = probleem(&antwoord, StatusCode::CONFLICT, "conflict");
    assert!(
        p["detail"]
            .as_str()
            .unwrap_or("")
            .contains(&format!("wijkteam {}", w.wijkteam)),
        "{p}"
    );
    assert_eq!(
        ongeldig(
            &beheerder
                .put(&werkgebied(w.school_a), None, json!({"gebieden": []}))
                .await
        ),
        ["id"]
    );

    // The directory lists the wijkteams with their areas and contact point.
    let (s, _, lijst) = zc.get("/api/v1/wijkteams").await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    let haven = lijst["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|t| t["id"] == w.wijkteam)
        .expect("the wijkteam");
    assert_eq!(haven["gebieden"], json!(["1354AA-1354ZZ", "BU00340301"]));
    assert_eq!(
        haven["gebiedsnamen"],
        json!({"BU00340301": "Buitenpark"}),
        "the buurt's CBS name beside its code (issue 16.3)"
    );
    let (s, _, orgs) = zc.get("/api/v1/organisaties?perPagina=100").await;
    assert_eq!(s, StatusCode::OK, "{orgs}");
    let org = orgs["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|x| x["id"] == stad)
        .expect("Wijkteam Stad");
    assert_eq!(
        (org["gemeente"].clone(), org["gemeentenaam"].clone()),
        (json!("GM0034"), json!("Almere"))
    );
    assert_eq!(haven["contactpunt"]["telefoon"], "036-0000001");

    let zoek = |postcode: &str, huisnummer: u32| {
        zc.post(
            "/api/v1/adres-zoekopdrachten",
            json!({"postcode": postcode, "huisnummer": huisnummer}),
        )
    };
    let (s, _, a) = zoek("1354 ab", 12).await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(
        (
            a["uitkomst"].clone(),
            a["gemeente"].clone(),
            a["wijk"].clone(),
            a["buurt"].clone()
        ),
        (
            json!("wijkteam"),
            json!("GM0034"),
            json!("WK003401"),
            json!("BU00340101")
        )
    );
    assert_eq!(
        (
            a["gemeentenaam"].clone(),
            a["wijknaam"].clone(),
            a["buurtnaam"].clone()
        ),
        (json!("Almere"), json!("Haven"), json!("Haven-Centrum")),
        "names beside the codes (issue 16.3)"
    );
    assert_eq!(a["wijkteam"]["id"], w.wijkteam);
    assert_eq!(
        a["wijkteam"]["contactpunt"]["naam"],
        "Vast contactpunt Haven"
    );
    assert_eq!(a["niveau"], "postcode");
    // Most specific wins: the house-number range over the buurt.
    let (_, _, a) = zoek("1315AB", 12).await;
    assert_eq!(
        (a["wijkteam"]["id"].clone(), a["niveau"].clone()),
        (json!(stad), json!("adres"))
    );
    let (_, _, a) = zoek("1315AB", 30).await;
    assert_eq!(
        (a["wijkteam"]["id"].clone(), a["niveau"].clone()),
        (json!(w.wijkteam), json!("buurt"))
    );
    assert_eq!(
        (a["wijk"].clone(), a["wijknaam"].clone()),
        (json!("WK003403"), Value::Null),
        "a code without a name keeps its code; the name is null"
    );
    let (_, _, a) = zoek("1335AA", 1).await;
    assert_eq!(
        (a["uitkomst"].clone(), a["wijkteam"].clone()),
        (json!("buiten"), Value::Null)
    );
    let (_, _, a) = zoek("9999ZZ", 1).await;
    assert_eq!(a["uitkomst"], "onbekend_adres");
    let (_, _, a) = zoek("1354AB", 99).await;
    assert_eq!(
        (a["uitkomst"].clone(), a["buurt"].clone()),
        (json!("wijkteam"), Value::Null),
        "{a}"
    );
    assert!(
        a["toelichting"]
            .as_str()
            .unwrap_or("")
            .contains("niet in het adressenbestand")
    );
    assert_eq!(
        ongeldig(&zoek("0315AB", 0).await),
        ["postcode", "huisnummer"]
    );
    let anoniem = app
        .anoniem()
        .post(app.u("/api/v1/adres-zoekopdrachten"))
        .json(&json!({"postcode": "1354AB", "huisnummer": 12}))
        .send()
        .await
        .expect("POST");
    assert_eq!(anoniem.status(), StatusCode::UNAUTHORIZED);
}

/// Issue 15.3: two instances on one PostgreSQL database answer from the same
/// directory. The second keeps its snapshot for an hour, so only the first
/// one's announcement (`NOTIFY`) can make it see a new werkgebied; it does
/// so without a restart. Nothing to share on SQLite.
pub async fn twee_instanties_een_gids(app: &App) {
    use schakel_domain::gids::{Buurtcode, postcode_getal};
    let Some(tweede) = app.tweede_instantie().await else {
        return;
    };
    let w = &app.w;
    let pc = postcode_getal(&schakel_domain::Postcode::parse("1354AB").expect("postcode"));
    let mut import = app.opslag.begin_adresimport().await.expect("begin");
    import
        .voeg_toe(&[schakel_storage::Adresrij {
            postcode: pc,
            huisnummer: 12,
            buurt: Buurtcode::uit_getal(340101).expect("buurt"),
        }])
        .await
        .expect("voeg_toe");
    import
        .voltooi("adressen-2025.csv", Some(2025))
        .await
        .expect("voltooi");
    let zc = tweede.login(ZC_A).await;
    let zoek = || {
        zc.post(
            "/api/v1/adres-zoekopdrachten",
            json!({"postcode": "1354AB", "huisnummer": 12}),
        )
    };
    let (s, _, a) = zoek().await;
    assert_eq!(s, StatusCode::OK, "{a}");
    assert_eq!(a["uitkomst"], "buiten", "no werkgebied yet: {a}");

    let beheerder = app.login(BEHEERDER).await;
    let pad = format!("/api/v1/organisaties/{}/werkgebied", w.wijkteam);
    let werkgebied =
        |gebied: &'static str| beheerder.put(&pad, None, json!({ "gebieden": [gebied] }));
    // The announcement travels through the database: wait for it, within
    // a bound far below the second instance's hour.
    let wacht_op = |uitkomst: &'static str| {
        let zoek = &zoek;
        async move {
            for _ in 0..100 {
                let (_, _, a) = zoek().await;
                if a["uitkomst"] == uitkomst {
                    return a;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            panic!("the second instance does not see the change to {uitkomst}");
        }
    };
    let (s, _, b) = werkgebied("1354AA-1354ZZ").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let a = wacht_op("wijkteam").await;
    assert_eq!(a["wijkteam"]["id"], json!(w.wijkteam), "{a}");
    // Again, now that the second instance has its address file in memory
    // (loading it also renews its snapshot once): only the announcement
    // can tell it that the area moved away.
    let (s, _, b) = werkgebied("1355AA-1355ZZ").await;
    assert_eq!(s, StatusCode::OK, "{b}");
    wacht_op("buiten").await;
    tweede.klaar().await;
}
