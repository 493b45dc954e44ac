//! Break-the-glass on a closed case (issue 12.3, noodtoegang): only the
//! wijkteam that ran the case, only with a reason of 10 to 500 characters,
//! only within the configured months after closing; the grant opens the
//! case (and its jeugdigen) to reads by that user for one hour, is logged
//! under every jeugdige of the household, and is listed for the region's
//! beheerder. On each backend (`per_backend!`).

use super::*;

/// A household with a pupil of school A (`bsn`) and a joint case of
/// wijkteam A (JGZ party), closed at `gesloten` through the store (the
/// storage clock stamps the closing), or open with `None`. Returns the
/// dossier and the case id.
pub(crate) async fn casus_van_wijkteam(
    app: &App,
    zc: &Gebruiker,
    bsn: &str,
    gesloten: Option<chrono::DateTime<chrono::Utc>>,
) -> (Dossier, i64) {
    let d = dossier(app, zc, bsn).await;
    let (s, _, body) = zc
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": app.w.wijkteam, "partijen": [app.w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let casus = body["casus"].as_i64().expect("beide opens a case");
    if let Some(moment) = gesloten {
        sluit(app, casus, moment).await;
    }
    (d, casus)
}

/// Closes `casus` through the store as its casusregisseur, at `moment`.
pub(crate) async fn sluit(app: &App, casus: i64, moment: chrono::DateTime<chrono::Utc>) {
    let volgnummer = app
        .opslag
        .gebeurtenissen(casus)
        .await
        .expect("gebeurtenissen")
        .len() as i64
        + 1;
    let g = schakel_storage::NieuweCasusGebeurtenis {
        casus,
        volgnummer,
        gebeurtenis: schakel_domain::verloop::Gebeurtenis::Afgesloten {
            reden: "Doelen behaald".into(),
        },
        door: schakel_storage::Door {
            medewerker: app.w.medewerker(REGISSEUR),
            rol: Rol::Casusregisseur,
            organisatie: app.w.wijkteam,
        },
        nieuwe_partijen: vec![],
        sluit: true,
        acties: vec![],
    };
    schakel_storage::klok::op(moment, app.opslag.voeg_gebeurtenis_toe(&g, &[]))
        .await
        .expect("afsluiten");
}

/// A grant stored directly (as if asked for at `verleend`), for a closed case.
pub(crate) async fn noodtoegang_op(
    app: &App,
    casus: i64,
    medewerker: i64,
    rol: Rol,
    verleend: chrono::DateTime<chrono::Utc>,
) {
    app.opslag
        .maak_noodtoegang(
            &schakel_storage::NieuweNoodtoegang {
                casus,
                medewerker,
                rol,
                organisatie: app.w.wijkteam,
                reden: "Vraag van de Raad voor de Kinderbescherming".into(),
                verleend,
                tot: verleend + chrono::Duration::minutes(60),
            },
            &[],
        )
        .await
        .expect("noodtoegang");
}

/// The audit records about `bsn` of event `gebeurtenis`, as (outcome, ground).
async fn over(app: &App, bsn_: &str, gebeurtenis: &str) -> Vec<(Uitkomst, String)> {
    app.opslag
        .audit_voor_client(&bsn(bsn_).pseudoniem(SLEUTEL))
        .await
        .expect("inzage")
        .into_iter()
        .filter(|r| r.record.gebeurtenis == gebeurtenis)
        .map(|r| (r.record.uitkomst, r.record.grond.unwrap_or_default()))
        .collect()
}

pub async fn noodtoegang(app: &App) {
    let w = &app.w;
    let zc_a = app.login(ZC_A).await;
    let regisseur = app.login(REGISSEUR).await;
    let nu = chrono::Utc::now();
    let (d, casus) = casus_van_wijkteam(app, &zc_a, BSNS[0], None).await;
    // Sem's sister Lotte, in the same household: the grant is about her too.
    let (s, _, zus) = zc_a
        .post(
            "/api/v1/jeugdigen",
            jeugdige_invoer(d.huishouden, BSNS[1], Some(w.school_a)),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{zus}");
    let pad = format!("/api/v1/casussen/{casus}/inzage-gesloten");
    let reden = json!({"reden": "Vraag van Veilig Thuis over een nieuwe melding"});

    // An open case needs no glass broken.
    probleem(
        &regisseur.post(&pad, reden.clone()).await,
        StatusCode::CONFLICT,
        "conflict",
    );

    // Closed today: a plain read is refused, also for its wijkteam.
    sluit(app, casus, nu).await;
    let lezen = format!("/api/v1/casussen/{casus}");
    let weigering = probleem(
        &regisseur.get(&lezen).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    assert!(
        weigering["detail"]
            .as_str()
            .is_some_and(|d| d.contains("noodtoegang")),
        "the refusal says how: {weigering}"
    );

    // No one else may break the glass: a party, a provider, the gemeente,
    // another wijkteam; each refusal logged under both children.
    let elders = app
        .opslag
        .maak_organisatie(&NieuweOrganisatie {
            regio: w.regio,
            naam: "Wijkteam Elders".into(),
            soort: OrganisatieSoort::Wijkteam,
            gemeente: Some(GemeenteCode::parse("GM0034").expect("gemeente")),
            brin: None,
            agb: None,
        })
        .await
        .expect("wijkteam")
        .id;
    app.opslag
        .maak_medewerker(&NieuweMedewerker {
            naam: "Regisseur Elders".into(),
            email: "regisseur@elders.test".into(),
            wachtwoord_hash: wachtwoord_hash(),
            rollen: vec![Roltoewijzing {
                rol: Rol::Casusregisseur,
                organisatie: elders,
            }],
            demo: true,
        })
        .await
        .expect("medewerker");
    let mut geweigerd = 0;
    for email in [ZC_A, VERWIJZER, BELEID, BEHEERDER, "regisseur@elders.test"] {
        let g = app.login(email).await;
        let b = probleem(
            &g.post(&pad, reden.clone()).await,
            StatusCode::FORBIDDEN,
            "geen-toegang",
        );
        assert!(
            b["detail"]
                .as_str()
                .is_some_and(|d| d.contains("Alleen het wijkteam")),
            "{email}: {b}"
        );
        geweigerd += 1;
        for b in [BSNS[0], BSNS[1]] {
            let records = over(app, b, "casus.noodtoegang").await;
            assert_eq!(records.len(), geweigerd, "{email} {b}: {records:?}");
            assert!(
                records
                    .iter()
                    .all(|(u, g)| *u == Uitkomst::Geweigerd && g == "geen_wijkteam_van_casus")
            );
        }
    }

    // The reason: required, 10 to 500 characters, named at the field.
    for (body, waarom) in [
        (json!({}), "verplicht"),
        (json!({"reden": "   "}), "verplicht"),
        (json!({"reden": "Even kijk"}), "ten minste 10"),
        (json!({"reden": "x".repeat(501)}), "ten hoogste 500"),
    ] {
        let antwoord = regisseur.post(&pad, body.clone()).await;
        assert_eq!(ongeldig(&antwoord), vec!["reden"], "{body}");
        assert!(
            antwoord.2["invalidParams"][0]["reason"]
                .as_str()
                .is_some_and(|r| r.contains(waarom)),
            "{}",
            antwoord.2
        );
    }
    let beheerder = app.login(BEHEERDER).await;
    let (_, _, rapport) = beheerder.get("/api/v1/noodtoegang").await;
    assert_eq!(
        rapport["paginering"]["totaal"], 0,
        "nothing granted: {rapport}"
    );

    // The grant: one hour, logged under each child.
    let (s, _, grant) = regisseur.post(&pad, reden.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{grant}");
    assert_eq!(grant["casus"], casus);
    assert_eq!(grant["huishouden"], d.huishouden);
    assert_eq!(grant["medewerker"]["naam"], "Casusregisseur");
    assert_eq!(grant["organisatie"]["naam"], "Wijkteam Haven");
    assert_eq!(grant["rol"], "casusregisseur");
    assert_eq!(
        grant["reden"],
        "Vraag van Veilig Thuis over een nieuwe melding"
    );
    let moment = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().expect("moment")).expect("rfc3339")
    };
    assert_eq!(
        moment(&grant["tot"]) - moment(&grant["verleend"]),
        chrono::Duration::minutes(60)
    );
    for b in [BSNS[0], BSNS[1]] {
        let records = over(app, b, "casus.noodtoegang").await;
        assert_eq!(
            records.last(),
            Some(&(Uitkomst::Toegestaan, "noodtoegang".to_string())),
            "{b}: {records:?}"
        );
    }

    // While it holds: the case and its children read, logged as such;
    // writes and the list stay closed.
    let (s, _, gelezen) = regisseur.get(&lezen).await;
    assert_eq!(s, StatusCode::OK, "{gelezen}");
    assert_eq!(gelezen["id"], casus);
    assert_eq!(
        over(app, BSNS[1], "casus.lezen").await.last(),
        Some(&(Uitkomst::Toegestaan, "noodtoegang".to_string()))
    );
    let (s, _, kind) = regisseur
        .get(&format!("/api/v1/jeugdigen/{}", zus["id"]))
        .await;
    assert_eq!(s, StatusCode::OK, "{kind}");
    let (s, _, _) = regisseur
        .put(
            &format!("/api/v1/jeugdigen/{}", d.jeugdige),
            Some("\"1\""),
            wijziging("Anders", w.school_a),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "no writes under noodtoegang");
    let (_, _, lijst) = regisseur.get("/api/v1/jeugdigen").await;
    assert_eq!(lijst["paginering"]["totaal"], 0, "no list: {lijst}");
    // The grant is this user's: a colleague of the same wijkteam is refused.
    app.opslag
        .maak_medewerker(&NieuweMedewerker {
            naam: "Collega".into(),
            email: "collega@wijkteam.test".into(),
            wachtwoord_hash: wachtwoord_hash(),
            rollen: vec![Roltoewijzing {
                rol: Rol::Wijkteammedewerker,
                organisatie: w.wijkteam,
            }],
            demo: true,
        })
        .await
        .expect("medewerker");
    let collega = app.login("collega@wijkteam.test").await;
    assert_eq!(collega.get(&lezen).await.0, StatusCode::FORBIDDEN);

    // A grant that ended: 403 again.
    let (_, tweede) = casus_van_wijkteam(app, &zc_a, BSNS[2], Some(nu)).await;
    let twee_uur = nu - chrono::Duration::hours(2);
    noodtoegang_op(
        app,
        tweede,
        w.medewerker(REGISSEUR),
        Rol::Casusregisseur,
        twee_uur,
    )
    .await;
    assert_eq!(
        regisseur.get(&format!("/api/v1/casussen/{tweede}")).await.0,
        StatusCode::FORBIDDEN,
        "the hour is over"
    );

    // Closed more than 12 months ago: no grant, and the problem says why.
    let oud = nu - chrono::Months::new(12) - chrono::Days::new(2);
    let (_, derde) = casus_van_wijkteam(app, &zc_a, BSNS[3], Some(oud)).await;
    let b = probleem(
        &regisseur
            .post(
                &format!("/api/v1/casussen/{derde}/inzage-gesloten"),
                reden.clone(),
            )
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    assert!(
        b["detail"]
            .as_str()
            .is_some_and(|d| d.contains("termijn is voorbij")),
        "{b}"
    );
    assert_eq!(
        over(app, BSNS[3], "casus.noodtoegang").await,
        vec![(
            Uitkomst::Geweigerd,
            "noodtoegang_termijn_verstreken".to_string()
        )]
    );

    // The term is a setting: with one month, a case closed two months ago
    // is past it, while the default 12 months allow it.
    let (_, vierde) =
        casus_van_wijkteam(app, &zc_a, BSNS[4], Some(nu - chrono::Months::new(2))).await;
    let (url, server) = super::toegang::instantie_met(
        app,
        Instellingen {
            pseudoniem_sleutel: SLEUTEL.to_vec(),
            termijnen: schakel_domain::toegang::Termijnen {
                inzage_gesloten_casus: chrono::Months::new(1),
                ..Default::default()
            },
            ..Instellingen::default()
        },
    )
    .await;
    let kort = super::toegang::login_op(app, &url, REGISSEUR).await;
    let vierde_pad = format!("/api/v1/casussen/{vierde}/inzage-gesloten");
    probleem(
        &kort.post(&vierde_pad, reden.clone()).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    server.abort();
    let (s, _, b) = regisseur.post(&vierde_pad, reden.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");

    // The report: the beheerder's only; when, who, which case, why, until
    // when; no child's name or BSN.
    let (s, _, rapport) = beheerder.get("/api/v1/noodtoegang").await;
    assert_eq!(s, StatusCode::OK, "{rapport}");
    assert_eq!(rapport["paginering"]["totaal"], 3, "{rapport}");
    assert_eq!(rapport["items"][0]["casus"], vierde, "newest first");
    assert_eq!(rapport["items"][1]["id"], grant["id"]);
    assert_eq!(rapport["items"][2]["casus"], tweede);
    let tekst = rapport.to_string();
    for geheim in [VOORNAAM, ACHTERNAAM, OUDER, BSNS[0], BSNS[1], BSNS[2]] {
        assert!(!tekst.contains(geheim), "{geheim} in {tekst}");
    }
    let vandaag = schakel_http::api::vandaag();
    let morgen = vandaag.succ_opt().expect("tomorrow");
    for (vraag, totaal) in [
        // From the day of the oldest grant (two hours ago) to today: all.
        (
            format!(
                "?van={}&tot={vandaag}",
                schakel_domain::grens::dag_van(twee_uur)
            ),
            3,
        ),
        (format!("?van={morgen}"), 0),
        (
            format!(
                "?tot={}",
                schakel_domain::grens::dag_van(twee_uur)
                    .pred_opt()
                    .expect("day")
            ),
            0,
        ),
        ("?perPagina=1&pagina=2".to_string(), 3),
    ] {
        let (s, _, r) = beheerder.get(&format!("/api/v1/noodtoegang{vraag}")).await;
        assert_eq!(s, StatusCode::OK, "{vraag}: {r}");
        assert_eq!(r["paginering"]["totaal"], totaal, "{vraag}: {r}");
    }
    assert_eq!(
        ongeldig(&beheerder.get("/api/v1/noodtoegang?van=gisteren").await),
        vec!["van"]
    );
    assert_eq!(
        ongeldig(
            &beheerder
                .get(&format!("/api/v1/noodtoegang?van={morgen}&tot={vandaag}"))
                .await
        ),
        vec!["tot"]
    );
    for g in [&regisseur, &zc_a, &app.login(BELEID).await] {
        probleem(
            &g.get("/api/v1/noodtoegang").await,
            StatusCode::FORBIDDEN,
            "geen-toegang",
        );
    }
    let audit = app.audit().await;
    assert!(
        audit
            .iter()
            .any(|r| r.record.gebeurtenis == "noodtoegang.rapport"
                && r.record.uitkomst == Uitkomst::Toegestaan
                && r.record.rol == Some(Rol::Beheerder))
    );
    assert!(
        audit
            .iter()
            .any(|r| r.record.gebeurtenis == "noodtoegang.rapport"
                && r.record.uitkomst == Uitkomst::Geweigerd
                && r.record.rol == Some(Rol::Beleid))
    );
}

/// The same in the web application: the closed case's page offers its
/// wijkteam the form instead of the dossier, the reason is checked at the
/// field, then the dossier with a banner until when; a school sees the
/// refusal; the beheerder's page lists the use without names or BSNs.
pub async fn web_noodtoegang(app: &App) {
    use super::web::Browser;
    let zc_a = app.login(ZC_A).await;
    let (_, casus) = casus_van_wijkteam(app, &zc_a, BSNS[0], Some(chrono::Utc::now())).await;
    let pad = format!("/casussen/{casus}");

    let regisseur = Browser::nieuw(app);
    let csrf = regisseur.inloggen(REGISSEUR).await;
    let p = regisseur.get(&pad).await;
    // The plain read is still refused (403, logged); the page shows the way in.
    assert_eq!(p.status, StatusCode::FORBIDDEN, "{}", p.html);
    assert!(
        p.html
            .contains("Waarom moet u dit gesloten dossier inzien?"),
        "{}",
        p.html
    );
    assert!(!p.html.contains(VOORNAAM), "no dossier before the reason");

    let vraag = format!("/casussen/{casus}/inzage-gesloten");
    let p = regisseur
        .post(&vraag, &[("csrf", &csrf), ("reden", "Kijken")])
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("Ten minste 10 tekens"), "{}", p.html);
    assert!(
        p.html.contains("id=\"reden-fout\""),
        "the error at the field: {}",
        p.html
    );
    assert!(p.html.contains(">Kijken</textarea>"), "the input kept");
    assert!(!p.html.contains(VOORNAAM));

    let p = regisseur
        .post(
            &vraag,
            &[
                ("csrf", &csrf),
                ("reden", "Nieuwe melding van Veilig Thuis"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), pad);
    let p = regisseur.get(&pad).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(p.html.contains(VOORNAAM), "the dossier");
    let tot = app
        .opslag
        .lopende_noodtoegang(
            app.w.medewerker(REGISSEUR),
            app.w.wijkteam,
            chrono::Utc::now(),
        )
        .await
        .expect("lopend")[0]
        .tot
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .format("%H:%M")
        .to_string();
    assert!(
        p.html.contains(&format!(
            "U ziet dit gesloten dossier met noodtoegang tot {tot}"
        )),
        "{}",
        p.html
    );

    // A party of the closed case: the refusal, no form.
    let school = Browser::nieuw(app);
    school.inloggen(ZC_A).await;
    let p = school.get(&pad).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN, "{}", p.html);
    assert!(!p.html.contains("Waarom moet u"));
    let p = school
        .post(
            &vraag,
            &[
                ("csrf", &school.get("/advies").await.verborgen("csrf")),
                ("reden", "Ik wil het graag zien"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN, "{}", p.html);

    // The beheerder's report.
    let beheerder = Browser::nieuw(app);
    beheerder.inloggen(BEHEERDER).await;
    let p = beheerder.get("/beheer").await;
    assert!(p.html.contains("href=\"/beheer/noodtoegang\""));
    let p = beheerder.get("/beheer/noodtoegang").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    for verwacht in [
        "Nieuwe melding van Veilig Thuis",
        "Casusregisseur",
        "Wijkteam Haven",
    ] {
        assert!(p.html.contains(verwacht), "{verwacht}: {}", p.html);
    }
    for geheim in [VOORNAAM, ACHTERNAAM, BSNS[0]] {
        assert!(!p.html.contains(geheim), "{geheim}");
    }
    let morgen = schakel_http::api::vandaag().succ_opt().expect("tomorrow");
    let p = beheerder
        .get(&format!("/beheer/noodtoegang?van={morgen}"))
        .await;
    assert!(
        p.html.contains("Geen noodtoegang in deze periode"),
        "{}",
        p.html
    );
    assert_eq!(
        regisseur.get("/beheer/noodtoegang").await.status,
        StatusCode::FORBIDDEN
    );
}
