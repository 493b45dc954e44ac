//! The municipality reviews maatwerk (issue 14 item 6). Seed 004: the
//! verwijzer refers "met inachtneming van de normenkaders"; a referral
//! outside them is stored with a motivation and the gemeente decides. Its
//! `toegang` sees the region's open maatwerk referrals with a due date 8
//! weeks on, decides akkoord or niet akkoord with a motivation; verwijzer
//! and provider see the decision; a refused referral takes no delivery;
//! monitoring counts referrals and decisions. Every other role — and the
//! toegang of another region — is refused, and each refusal is logged.

use super::steunroute::{HOOFDAANBIEDER, aanbieders, vandaag};
use super::*;

const TOEGANG_B: &str = "toegang@gemeente-b.test";

/// A region B with its own gemeente and toegang: it must see nothing of A.
async fn regio_b(app: &App) {
    let o = app.opslag.as_ref();
    let regio = o
        .maak_regio(&NieuweRegio {
            code: "flevoland-b".into(),
            naam: "Regio B".into(),
        })
        .await
        .expect("regio");
    let gemeente = o
        .maak_organisatie(&NieuweOrganisatie {
            regio: regio.id,
            naam: "Gemeente B".into(),
            soort: OrganisatieSoort::Gemeente,
            gemeente: None,
            brin: None,
            agb: None,
        })
        .await
        .expect("gemeente");
    o.maak_medewerker(&NieuweMedewerker {
        naam: "Toegang B".into(),
        email: TOEGANG_B.into(),
        wachtwoord_hash: wachtwoord_hash(),
        rollen: vec![Roltoewijzing {
            rol: Rol::Toegang,
            organisatie: gemeente.id,
        }],
        demo: true,
    })
    .await
    .expect("toegang B");
}

fn referral(jeugdige: i64, aanbieder: i64, volume: f64, motivatie: Option<&str>) -> Value {
    let ingang = verwijsdatum();
    let mut v = json!({
        "jeugdige": jeugdige, "aanbieder": aanbieder,
        "situatie": {"onderwijssituatie": "volledig_onderwijs"},
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": volume,
                       "eenheid": "uur", "per": "week",
                       "ingangsdatum": ingang, "einddatum": ingang + chrono::Days::new(27)},
    });
    if let Some(m) = motivatie {
        v["motivatie"] = json!(m);
    }
    v
}

fn items(lijst: &Value) -> Vec<i64> {
    lijst["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|m| m["verwijzing"]["id"].as_i64().expect("id"))
        .collect()
}

pub async fn maatwerk_toets(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    regio_b(app).await;
    let zc_a = app.login(ZC_A).await;
    let verwijzer = app.login(VERWIJZER).await;
    let toegang = app.login(TOEGANG).await;
    let toegang_b = app.login(TOEGANG_B).await;
    let hoofd = app.login(HOOFDAANBIEDER).await;

    // A jeugdige the JGZ may refer for: the joint case, JGZ party.
    let d = dossier(app, &zc_a, BSNS[1]).await;
    let (s, _, b) = zc_a
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": w.wijkteam, "partijen": [w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");

    // Six maatwerk referrals (5 hours a week is above the norm's 3) and one
    // within the norms.
    let mut maatwerk = Vec::new();
    for i in 0..6 {
        let (s, _, b) = verwijzer
            .post(
                "/api/v1/verwijzingen",
                referral(
                    d.jeugdige,
                    route.hoofdaanbieder,
                    5.0,
                    Some(&format!("Maatwerk {i}: meer begeleiding na crisis")),
                ),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{b}");
        assert_eq!(
            (b["binnenNormen"].clone(), b["gemeentelijkeToets"].clone()),
            (json!(false), json!("open"))
        );
        maatwerk.push(b["id"].as_i64().expect("id"));
    }
    let (s, _, binnen) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            referral(d.jeugdige, route.hoofdaanbieder, 3.0, None),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{binnen}");
    assert_eq!(binnen["gemeentelijkeToets"], Value::Null);

    // The gemeente's action per referral, due 8 weeks (56 days) on.
    let (s, _, acties) = toegang.get("/api/v1/acties?perPagina=100").await;
    assert_eq!(s, StatusCode::OK, "{acties}");
    let uiterlijk = (vandaag() + chrono::Days::new(56)).to_string();
    let toets: Vec<(i64, String)> = acties["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|a| a["bron"] == "gemeentelijke_toets")
        .map(|a| {
            (
                a["verwijzing"].as_i64().unwrap_or(0),
                a["uiterlijk"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        toets,
        maatwerk
            .iter()
            .map(|id| (*id, uiterlijk.clone()))
            .collect::<Vec<_>>(),
        "{acties}"
    );

    // The open list: the region's maatwerk, oldest first, with the child's
    // name and the due date; each child shown is logged.
    let voor = app.audit().await.len();
    let (s, _, lijst) = toegang
        .get("/api/v1/maatwerkverwijzingen?perPagina=4")
        .await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    assert_eq!(items(&lijst), maatwerk[..4]);
    assert_eq!(lijst["paginering"]["totaal"], 6);
    assert_eq!(
        lijst["items"][0]["jeugdigeNaam"],
        format!("{VOORNAAM} {ACHTERNAAM}")
    );
    assert_eq!(lijst["items"][0]["uiterlijk"], json!(uiterlijk));
    let records = app.audit().await;
    let gelezen: Vec<_> = records[voor..]
        .iter()
        .filter(|r| r.record.gebeurtenis == "verwijzing.maatwerk")
        .collect();
    assert_eq!(gelezen.len(), 4, "one read per referral shown");
    assert!(
        gelezen
            .iter()
            .all(|r| r.record.uitkomst == Uitkomst::Toegestaan
                && r.record.client.is_some()
                && r.record.grond.as_deref() == Some("gemeentelijke_toets"))
    );
    // Region B's toegang sees none of region A's.
    let (s, _, leeg) = toegang_b.get("/api/v1/maatwerkverwijzingen").await;
    assert_eq!(
        (s, leeg["paginering"]["totaal"].clone()),
        (StatusCode::OK, json!(0))
    );
    // Bad query strings are named.
    assert_eq!(
        ongeldig(
            &toegang
                .get("/api/v1/maatwerkverwijzingen?status=alles")
                .await
        ),
        ["status"]
    );

    // The decision: named-field errors first, nothing stored.
    let pad = |id: i64| format!("/api/v1/verwijzingen/{id}/beoordeling");
    assert_eq!(
        ongeldig(
            &toegang
                .post(
                    &pad(maatwerk[0]),
                    json!({"besluit": "akkoord", "motivatie": "kort"})
                )
                .await
        ),
        ["motivatie"]
    );
    assert_eq!(
        ongeldig(
            &toegang
                .post(
                    &pad(maatwerk[0]),
                    json!({"besluit": "misschien", "motivatie": "Lang genoeg uitgelegd"})
                )
                .await
        ),
        ["besluit"]
    );
    let (s, _, af) = toegang
        .post(&pad(maatwerk[0]), json!({"besluit": "niet_akkoord", "motivatie": "Eerst het OJA-aanbod van de school benutten."}))
        .await;
    assert_eq!(s, StatusCode::OK, "{af}");
    assert_eq!(af["gemeentelijkeToets"], "afgewezen");
    assert_eq!(
        af["toetsMotivatie"],
        "Eerst het OJA-aanbod van de school benutten."
    );
    assert!(af["getoetstOp"].is_string(), "{af}");
    probleem(
        &toegang
            .post(
                &pad(maatwerk[0]),
                json!({"besluit": "akkoord", "motivatie": "Toch maar wel akkoord"}),
            )
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    let binnen_id = binnen["id"].as_i64().expect("id");
    probleem(
        &toegang
            .post(
                &pad(binnen_id),
                json!({"besluit": "akkoord", "motivatie": "Niets te beoordelen hier"}),
            )
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    for id in &maatwerk[1..] {
        let (s, _, b) = toegang
            .post(
                &pad(*id),
                json!({"besluit": "akkoord", "motivatie": "Past bij de crisissituatie; akkoord."}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{b}");
    }
    let (_, _, open) = toegang.get("/api/v1/maatwerkverwijzingen").await;
    assert_eq!(open["paginering"]["totaal"], 0, "nothing waits any more");
    let (_, _, besloten) = toegang
        .get("/api/v1/maatwerkverwijzingen?status=besloten&perPagina=100")
        .await;
    assert_eq!(besloten["paginering"]["totaal"], 6);
    let (_, _, acties) = toegang.get("/api/v1/acties?perPagina=100").await;
    assert!(
        acties["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|a| a["bron"] != "gemeentelijke_toets"),
        "each decision closed its action: {acties}"
    );

    // Verwijzer and provider see the decision; the refused one takes no
    // delivery, an agreed one does.
    let (s, _, gezien) = verwijzer
        .get(&format!("/api/v1/verwijzingen/{}", maatwerk[0]))
        .await;
    assert_eq!(
        (s, gezien["gemeentelijkeToets"].clone()),
        (StatusCode::OK, json!("afgewezen"))
    );
    let (_, _, gezien) = hoofd
        .get(&format!("/api/v1/verwijzingen/{}", maatwerk[0]))
        .await;
    assert_eq!(
        gezien["toetsMotivatie"],
        "Eerst het OJA-aanbod van de school benutten."
    );
    let levering = json!({"datum": verwijsdatum(), "hoeveelheid": 2});
    let p = probleem(
        &hoofd
            .post(
                &format!("/api/v1/verwijzingen/{}/leveringen", maatwerk[0]),
                levering.clone(),
            )
            .await,
        StatusCode::CONFLICT,
        "conflict",
    );
    assert!(
        p["detail"]
            .as_str()
            .is_some_and(|d| d.contains("afgewezen")),
        "{p}"
    );
    let (s, _, b) = hoofd
        .post(
            &format!("/api/v1/verwijzingen/{}/leveringen", maatwerk[1]),
            levering,
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");

    // Monitoring: six maatwerk referrals this month, five agreed, one
    // refused (below five: suppressed).
    let beleid = app.login(BELEID).await;
    let (s, _, m) = beleid.get("/api/v1/monitoring").await;
    assert_eq!(s, StatusCode::OK, "{m}");
    let maand = m["maanden"]
        .as_array()
        .and_then(|v| v.last())
        .expect("this month");
    assert_eq!(maand["aantallen"]["maatwerkVerwijzingen"], 6, "{maand}");
    assert_eq!(maand["aantallen"]["maatwerkAkkoord"], 5);
    assert_eq!(maand["aantallen"]["maatwerkNietAkkoord"], "<5");
}

/// Every role × the two routes: only the region's own toegang may list or
/// decide; the other roles get 403, logged; nobody logged in gets 401; the
/// toegang of another region gets the same 403 for an existing referral as
/// for an unknown id.
pub async fn maatwerk_matrix(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    regio_b(app).await;
    let zc_a = app.login(ZC_A).await;
    let verwijzer = app.login(VERWIJZER).await;
    let d = dossier(app, &zc_a, BSNS[2]).await;
    zc_a.post(
        &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
        json!({"uitkomst": "beide", "wijkteam": w.wijkteam, "partijen": [w.jgz]}),
    )
    .await;
    let (s, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            referral(
                d.jeugdige,
                route.hoofdaanbieder,
                5.0,
                Some("Maatwerk na crisis"),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    let id = v["id"].as_i64().expect("id");
    let besluit = json!({"besluit": "akkoord", "motivatie": "Akkoord, past bij de situatie"});
    for (email, lijst, beoordeling) in [
        (ZC_A, 403, 403),
        (REGISSEUR, 403, 403),
        (VERWIJZER, 403, 403),
        (HOOFDAANBIEDER, 403, 403),
        (BELEID, 403, 403),
        (BEHEERDER, 403, 403),
        (TOEGANG_B, 200, 403),
    ] {
        let g = app.login(email).await;
        let wie = w_of(app, email).await;
        let voor = app.audit().await.len();
        let (s, _, b) = g.get("/api/v1/maatwerkverwijzingen").await;
        assert_eq!((email, s.as_u16()), (email, lijst), "{b}");
        if lijst == 200 {
            assert_eq!(b["paginering"]["totaal"], 0, "{email}: another region's");
        }
        let (s, _, b) = g
            .post(
                &format!("/api/v1/verwijzingen/{id}/beoordeling"),
                besluit.clone(),
            )
            .await;
        assert_eq!((email, s.as_u16()), (email, beoordeling), "{b}");
        let (s, _, onbekend) = g
            .post("/api/v1/verwijzingen/999999/beoordeling", besluit.clone())
            .await;
        assert_eq!(
            s.as_u16(),
            403,
            "{email}: unknown answered as forbidden: {onbekend}"
        );
        let geweigerd = app.audit().await[voor..]
            .iter()
            .filter(|r| r.record.gebruiker == Some(wie) && r.record.uitkomst == Uitkomst::Geweigerd)
            .count();
        assert_eq!(
            geweigerd,
            if lijst == 200 { 2 } else { 3 },
            "{email}: every refusal logged"
        );
    }
    let anoniem = app.anoniem();
    let r = anoniem
        .get(app.u("/api/v1/maatwerkverwijzingen"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = anoniem
        .post(app.u(&format!("/api/v1/verwijzingen/{id}/beoordeling")))
        .json(&besluit)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (_, _, nog) = verwijzer.get(&format!("/api/v1/verwijzingen/{id}")).await;
    assert_eq!(
        nog["gemeentelijkeToets"], "open",
        "no refused request changed anything"
    );
    let toegang = app.login(TOEGANG).await;
    let (s, _, b) = toegang
        .post(&format!("/api/v1/verwijzingen/{id}/beoordeling"), besluit)
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

/// The account id of a seeded or region-B e-mail address.
async fn w_of(app: &App, email: &str) -> i64 {
    app.opslag
        .medewerker_op_email(email)
        .await
        .expect("medewerker_op_email")
        .expect("exists")
        .0
        .id
}

/// The pages: the toegang's list with the child's name, the verwijzer's
/// motivation and the due date, the decision's form (errors at the field,
/// the entered text kept), the decided tab; the provider's referral page
/// then shows the decision and no delivery form; other roles get 403.
pub async fn web_maatwerk(app: &App) {
    use super::web::Browser;
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let verwijzer = app.login(VERWIJZER).await;
    let d = dossier(app, &zc_a, BSNS[3]).await;
    zc_a.post(
        &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
        json!({"uitkomst": "beide", "wijkteam": w.wijkteam, "partijen": [w.jgz]}),
    )
    .await;
    let (_, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            referral(
                d.jeugdige,
                route.hoofdaanbieder,
                5.0,
                Some("Tijdelijk meer begeleiding na een crisis thuis"),
            ),
        )
        .await;
    let id = v["id"].as_i64().expect("id");

    let b = Browser::nieuw(app);
    let csrf = b.inloggen(TOEGANG).await;
    let start = b.get("/start").await;
    assert_eq!(start.naar(), "/werk", "the toegang starts at what waits");
    // One maatwerk referral awaits review: one item, linking to the page.
    let werk = b.get("/werk").await;
    assert_eq!(werk.status, StatusCode::OK);
    assert!(
        werk.html
            .contains("Maatwerk beoordelen <span class=\"schakel-aantal\">(1)</span>"),
        "{}",
        werk.html
    );
    assert!(
        werk.html.contains("<a href=\"/maatwerk\">"),
        "{}",
        werk.html
    );
    let p = b.get("/maatwerk").await;
    assert_eq!(p.status, StatusCode::OK);
    for tekst in [
        format!("{VOORNAAM} {ACHTERNAAM}"),
        "Tijdelijk meer begeleiding na een crisis thuis".to_string(),
        schakel_http::web::opmaak::datum(vandaag() + chrono::Days::new(56)),
        "Besluit vastleggen".to_string(),
    ] {
        assert!(p.html.contains(&tekst), "{tekst} on the page");
    }
    assert!(
        !p.html.contains(&format!(">{id}<")),
        "no internal ids as text"
    );
    let pad = format!("/maatwerk/{id}");
    // The motivation's field is named after its referral, as the page has it.
    let veld = format!("motivatie-{id}");
    assert!(p.html.contains(&format!("name=\"{veld}\"")), "{}", p.html);
    let fout = b
        .post(
            &pad,
            &[
                ("csrf", &csrf),
                ("besluit", "niet_akkoord"),
                (veld.as_str(), "Nee"),
            ],
        )
        .await;
    assert_eq!(fout.status, StatusCode::BAD_REQUEST);
    assert!(
        fout.html.contains(&format!("href=\"#motivatie-{id}\"")),
        "the error links to its field"
    );
    assert!(fout.html.contains(">Nee</textarea>"), "the text is kept");
    let geen = b
        .post(&pad, &[("csrf", &csrf), (veld.as_str(), "Een goede reden")])
        .await;
    assert!(
        geen.html.contains("Kies akkoord of niet akkoord."),
        "{}",
        geen.html
    );
    let klaar = b
        .post(
            &pad,
            &[
                ("csrf", &csrf),
                ("besluit", "niet_akkoord"),
                (veld.as_str(), "Eerst het aanbod van de school benutten"),
            ],
        )
        .await;
    assert_eq!(
        (klaar.status, klaar.naar()),
        (StatusCode::SEE_OTHER, "/maatwerk?gelukt=niet_akkoord")
    );
    let besloten = b.get("/maatwerk?status=besloten").await;
    assert!(
        besloten.html.contains("Niet akkoord op"),
        "{}",
        besloten.html
    );
    assert!(
        besloten
            .html
            .contains("Eerst het aanbod van de school benutten")
    );

    let aanbieder = Browser::nieuw(app);
    aanbieder.inloggen(HOOFDAANBIEDER).await;
    let p = aanbieder.get(&format!("/verwijzingen/{id}")).await;
    assert!(p.html.contains("De gemeente is niet akkoord"), "{}", p.html);
    assert!(p.html.contains("Eerst het aanbod van de school benutten"));
    assert!(
        !p.html.contains("Geleverde zorg registreren"),
        "no delivery on a refused referral"
    );

    let zc = Browser::nieuw(app);
    zc.inloggen(ZC_A).await;
    assert_eq!(zc.get("/maatwerk").await.status, StatusCode::FORBIDDEN);
}
