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

/// Issue 13.6: a case opened without the JGZ gains it as a party only by
/// its casusregisseur's event `partij` — before the JGZ's gemandateerde
/// verwijzer refers within it. The school may not bring a party in; a
/// provider, or a school of no jeugdige of the household, is no party one
/// brings in; not twice. The grant is logged, and only then does the
/// verwijzer read the jeugdige.
pub async fn regisseur_brengt_partij_in(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let regisseur = app.login(REGISSEUR).await;
    let verwijzer = app.login(VERWIJZER).await;
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let (s, _, vraag) = zc_a
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": w.wijkteam}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    let casus = vraag["casus"].as_i64().expect("casus");
    let jeugdige = format!("/api/v1/jeugdigen/{}", d.jeugdige);
    probleem(
        &verwijzer.get(&jeugdige).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let pad = format!("/api/v1/casussen/{casus}/gebeurtenissen");
    let partij = |o: i64| json!({"soort": "partij", "organisatie": o});
    probleem(
        &zc_a.post(&pad, partij(w.jgz)).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    for (o, reden) in [
        (route.specialist, "verwijzing of een inkoop"),
        (w.school_b, "school van de jeugdige zelf"),
        (999_999, "bestaat niet"),
    ] {
        let r = redenen(&regisseur.post(&pad, partij(o)).await);
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "organisatie", "{r:?}");
        assert!(r[0].1.contains(reden), "{o}: {r:?}");
    }
    let kop = app.audit().await.len() as i64;
    assert_ne!(casus, w.jgz, "ids that tell the case and the JGZ apart");
    let (s, _, c) = regisseur.post(&pad, partij(w.jgz)).await;
    assert_eq!(s, StatusCode::CREATED, "{c}");
    let mut partijen: Vec<i64> = c["partijen"]
        .as_array()
        .expect("partijen")
        .iter()
        .filter_map(Value::as_i64)
        .collect();
    partijen.sort_unstable();
    let mut verwacht = vec![w.school_a, w.jgz];
    verwacht.sort_unstable();
    assert_eq!(partijen, verwacht);
    assert_eq!(
        c["gebeurtenissen"][0]["gebeurtenis"]["soort"], "partij",
        "{c}"
    );
    probleem(
        &regisseur.post(&pad, partij(w.jgz)).await,
        StatusCode::CONFLICT,
        "conflict",
    );
    let verleend: Vec<_> = app
        .audit()
        .await
        .into_iter()
        .filter(|r| r.volgnummer > kop && r.record.gebeurtenis == "toegang.verleend")
        .map(|r| (r.record.object_id, r.record.grond, r.record.gebruiker))
        .collect();
    assert_eq!(
        verleend,
        [(
            Some(w.jgz),
            Some("casus_gebeurtenis".to_string()),
            Some(w.medewerker(REGISSEUR))
        )]
    );
    let (s, _, j) = verwijzer.get(&jeugdige).await;
    assert_eq!(s, StatusCode::OK, "{j}");
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

/// Test BSNs (9999xxxxx, passing the 11-proef) from `vanaf` on.
fn test_bsns(vanaf: u32, n: usize) -> Vec<String> {
    (vanaf..)
        .map(|x| format!("{x:09}"))
        .filter(|s| Bsn::parse(s).is_ok())
        .take(n)
        .collect()
}

/// Another server instance on the same store, with its own limit of BSN
/// checks per hour: as several instances behind one load balancer.
async fn instantie(app: &App, per_uur: i64) -> (String, tokio::task::JoinHandle<()>) {
    instantie_met(
        app,
        Instellingen {
            pseudoniem_sleutel: SLEUTEL.to_vec(),
            bsn_controles_per_uur: per_uur,
            ..Instellingen::default()
        },
    )
    .await
}

pub(crate) async fn instantie_met(
    app: &App,
    instellingen: Instellingen,
) -> (String, tokio::task::JoinHandle<()>) {
    let state = AppState::new(Arc::clone(&app.opslag), regels(), instellingen, None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let server = tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            schakel_http::router(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await;
    });
    (url, server)
}

pub(crate) async fn login_op(app: &App, url: &str, email: &str) -> Gebruiker {
    let http = client(app.volgend_adres());
    let (s, _, body) = lees(
        http.post(format!("{url}/api/v1/sessies"))
            .json(&json!({"email": email, "wachtwoord": WACHTWOORD}))
            .send()
            .await
            .expect("login"),
    )
    .await;
    let (s, body) = if s == StatusCode::ACCEPTED {
        super::tweedefactor::tweede_stap(&http, url, email).await
    } else {
        (s, body)
    };
    assert_eq!(s, StatusCode::CREATED, "{body}");
    Gebruiker {
        url: url.into(),
        http,
        csrf: body["csrfToken"].as_str().expect("csrf").into(),
        bearer: None,
    }
}

/// A new household of `door`'s organisation and a jeugdige with `bsn` in it.
async fn registreer(door: &Gebruiker, bsn: &str) -> (StatusCode, HeaderMap, Value) {
    let (s, _, h) = door
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    door.post(
        "/api/v1/jeugdigen",
        jeugdige_invoer(h["id"].as_i64().expect("id"), bsn, None),
    )
    .await
}

/// No BSN oracle: the role comes first, the duplicate answer only to whom
/// may see that jeugdige, every check logged with the BSN's pseudonym and
/// its outcome, and a limit per account that every instance shares.
pub async fn bsn_controle(app: &App) {
    aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let bekend = BSNS[0];
    let onbekend = BSNS[3];
    let pseudoniem = |b: &str| bsn(b).pseudoniem(SLEUTEL);
    let controles = |b: &'static str| async move {
        app.audit()
            .await
            .into_iter()
            .filter(|r| {
                r.record.gebeurtenis == "bsn.controle"
                    && r.record.client.as_deref() == Some(pseudoniem(b).as_str())
            })
            .map(|r| (r.record.gebruiker, r.record.uitkomst, r.record.grond))
            .collect::<Vec<_>>()
    };

    // Roles that may not register learn nothing: the same refusal for a
    // known and an unknown BSN, before any lookup (API and web form).
    for email in [BELEID, BEHEERDER, super::steunroute::HOOFDAANBIEDER] {
        let g = app.login(email).await;
        let mut details = Vec::new();
        for b in [bekend, onbekend] {
            let a = g
                .post("/api/v1/jeugdigen", jeugdige_invoer(d.huishouden, b, None))
                .await;
            details.push(probleem(&a, StatusCode::FORBIDDEN, "geen-toegang")["detail"].clone());
        }
        assert_eq!(details[0], details[1], "{email}");
        let web = super::web::Browser::nieuw(app);
        let csrf = web.inloggen(email).await;
        let mut statussen = Vec::new();
        for b in [bekend, onbekend] {
            let p = web
                .post(
                    "/jeugdigen/nieuw",
                    &[
                        ("csrf", csrf.as_str()),
                        ("bsn", b),
                        ("voornaam", VOORNAAM),
                        ("achternaam", ACHTERNAAM),
                        ("geboortedatum", "2015-03-14"),
                        ("postcode", "1315 AB"),
                        ("huisnummer", "12"),
                        ("ouder", OUDER),
                        ("relatie", "ouder"),
                        ("omschrijving", "Komt vaak te laat"),
                    ],
                )
                .await;
            assert!(!p.html.contains("al een jeugdige"), "{email}: {}", p.html);
            statussen.push(p.status);
        }
        assert_eq!(statussen, [StatusCode::FORBIDDEN; 2], "{email}");
    }
    assert_eq!(
        (
            controles(bekend).await.len(),
            controles(onbekend).await.len()
        ),
        (1, 0),
        "a role that may not register checks no BSN (the one check: Sem's registration)"
    );

    // A school that may register but does not see Sem is not told that he
    // exists; the school that sees him is. Both checks are logged.
    let zc_b = app.login(ZC_B).await;
    let a = registreer(&zc_b, bekend).await;
    let detail = probleem(&a, StatusCode::CONFLICT, "conflict")["detail"].clone();
    let detail = detail.as_str().unwrap_or_default();
    assert!(
        !detail.contains("BSN") && !detail.contains(&d.jeugdige.to_string()),
        "{detail}"
    );
    let a = registreer(&zc_a, bekend).await;
    let detail = probleem(&a, StatusCode::CONFLICT, "conflict")["detail"].clone();
    assert!(
        detail
            .as_str()
            .is_some_and(|t| t.contains("al een jeugdige geregistreerd")
                && t.contains(&format!("jeugdige {}", d.jeugdige))),
        "{detail}"
    );
    assert_eq!(
        controles(bekend).await,
        [
            (
                Some(app.w.medewerker(ZC_A)),
                Uitkomst::Toegestaan,
                Some("onbekend".to_string())
            ),
            (
                Some(app.w.medewerker(ZC_B)),
                Uitkomst::Geweigerd,
                Some("bekend_niet_zichtbaar".to_string())
            ),
            (
                Some(app.w.medewerker(ZC_A)),
                Uitkomst::Toegestaan,
                Some("bekend_zichtbaar".to_string())
            ),
        ],
        "Sem's own registration, then both checks"
    );
    assert!(
        !logtekst().contains(bekend),
        "no BSN in the application log"
    );

    // The limit: three checks an hour per account, counted in the store,
    // so two instances share it; the fourth gets 429 with Retry-After.
    let (url_x, x) = instantie(app, 3).await;
    let (url_y, y) = instantie(app, 3).await;
    let op_x = login_op(app, &url_x, REGISSEUR).await;
    let op_y = login_op(app, &url_y, REGISSEUR).await;
    let nieuw = test_bsns(999_930_000, 4);
    for (g, b) in [(&op_x, &nieuw[0]), (&op_y, &nieuw[1]), (&op_x, &nieuw[2])] {
        let (s, _, body) = registreer(g, b).await;
        assert_eq!(s, StatusCode::CREATED, "{body}");
    }
    let a = registreer(&op_y, &nieuw[3]).await;
    probleem(&a, StatusCode::TOO_MANY_REQUESTS, "te-veel-verzoeken");
    let na: u64 =
        a.1.get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("Retry-After in seconds");
    assert!((1..=3600).contains(&na), "{na}");
    assert!(
        app.opslag
            .jeugdige_op_bsn(&bsn(&nieuw[3]))
            .await
            .expect("bsn")
            .is_none(),
        "nothing stored"
    );
    let geweigerd = app
        .audit()
        .await
        .into_iter()
        .filter(|r| {
            r.record.gebeurtenis == "bsn.controle"
                && r.record.grond.as_deref() == Some("te_veel_controles")
        })
        .collect::<Vec<_>>();
    assert_eq!(geweigerd.len(), 1);
    assert_eq!(
        geweigerd[0].record.client.as_deref(),
        Some(bsn(&nieuw[3]).pseudoniem(SLEUTEL).as_str())
    );
    assert_eq!(
        geweigerd[0].record.gebruiker,
        Some(app.w.medewerker(REGISSEUR))
    );
    // Another account is not held back.
    let (s, _, body) = registreer(&zc_b, &test_bsns(999_940_000, 1)[0]).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    x.abort();
    y.abort();
}

/// Organisation fields take the right kind: a school field a school, a
/// wijkteam field a wijkteam; and a school does not move its pupil into
/// another school's list (API, web form, monitoring).
pub async fn organisatievelden(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let pad = format!("/api/v1/jeugdigen/{}", d.jeugdige);
    let veld = |a: &(StatusCode, HeaderMap, Value)| redenen(a);
    for (school, soort) in [
        (route.hoofdaanbieder, "soort Jeugdhulpaanbieder"),
        (w.gemeente, "soort Gemeente"),
        (w.wijkteam, "soort Wijkteam"),
    ] {
        let r = veld(
            &zc_a
                .put(&pad, Some("\"1\""), wijziging("Quirijn", school))
                .await,
        );
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].0, "school");
        assert!(r[0].1.contains(soort), "{r:?}");
    }
    // School A does not move its pupil to school B.
    let r = veld(
        &zc_a
            .put(&pad, Some("\"1\""), wijziging("Quirijn", w.school_b))
            .await,
    );
    assert_eq!(r[0].0, "school");
    assert!(r[0].1.contains("andere school"), "{r:?}");
    let j = app
        .opslag
        .jeugdige(d.jeugdige)
        .await
        .expect("lees")
        .expect("jeugdige");
    assert_eq!(
        (j.versie, j.gegevens.school),
        (1, Some(w.school_a)),
        "nothing changed"
    );
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "jeugdige.wijzigen"
                && r.record.uitkomst == Uitkomst::Geweigerd
                && r.record.grond.as_deref() == Some("school_schrijft_niet_over")
                && r.record.object_id == Some(d.jeugdige)),
        "the attempt is logged"
    );
    // The same from the web form: the error at the school field.
    let web = super::web::Browser::nieuw(app);
    let csrf = web.inloggen(ZC_A).await;
    let p = web
        .post(
            &format!("/jeugdigen/{}/wijzigen", d.jeugdige),
            &[
                ("csrf", csrf.as_str()),
                ("versie", "1"),
                ("voornaam", VOORNAAM),
                ("achternaam", ACHTERNAAM),
                ("postcode", "1315AB"),
                ("huisnummer", "12"),
                ("toevoeging", ""),
                ("school", &route.hoofdaanbieder.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"school-fout\""), "{}", p.html);

    // A new jeugdige: the school field is checked before the BSN is.
    let (s, _, h) = zc_a
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": OUDER, "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{h}");
    let r = veld(
        &zc_a
            .post(
                "/api/v1/jeugdigen",
                jeugdige_invoer(h["id"].as_i64().expect("id"), BSNS[4], Some(w.gemeente)),
            )
            .await,
    );
    assert_eq!(r[0].0, "school", "{r:?}");
    let pseudoniem = bsn(BSNS[4]).pseudoniem(SLEUTEL);
    assert!(
        !app.audit()
            .await
            .iter()
            .any(|r| r.record.client.as_deref() == Some(pseudoniem.as_str())),
        "no BSN check for a form that is wrong anyway"
    );

    // The wijkteam handling the question may record the move; still only
    // to a school.
    let (s, _, b) = zc_a
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "gemeente", "wijkteam": w.wijkteam}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let regisseur = app.login(REGISSEUR).await;
    let r = veld(
        &regisseur
            .put(&pad, Some("\"1\""), wijziging("Quirijn", w.jgz))
            .await,
    );
    assert_eq!(r[0].0, "school", "{r:?}");
    let (s, _, b) = regisseur
        .put(&pad, Some("\"1\""), wijziging("Quirijn", w.school_b))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["school"], w.school_b);

    // Monitoring per school takes a school.
    let beleid = app.login(BELEID).await;
    let r = veld(
        &beleid
            .get(&format!("/api/v1/monitoring?school={}", w.wijkteam))
            .await,
    );
    assert_eq!(r[0].0, "school", "{r:?}");
    let (s, _, b) = beleid
        .get(&format!("/api/v1/monitoring?school={}", w.school_a))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
}

/// A referral of `jeugdige` to `aanbieder` whose last day is `einde`,
/// stored directly (as if made months ago).
pub(crate) async fn verwijzing_tot(
    app: &App,
    jeugdige: i64,
    aanbieder: i64,
    einde: NaiveDate,
) -> i64 {
    let v = schakel_storage::NieuweVerwijzing {
        jeugdige,
        casus: None,
        door: schakel_storage::Door {
            medewerker: app.w.medewerker(VERWIJZER),
            rol: Rol::Verwijzer,
            organisatie: app.w.jgz,
        },
        aanbieder,
        product: "begeleiding_individueel_basis".into(),
        volume: 3.0,
        eenheid: "uur".into(),
        per: "week".into(),
        ingangsdatum: einde - chrono::Days::new(60),
        einddatum: einde,
        toegekend: schakel_rules::Hoeveelheid::eenheden(20),
        binnen_normen: true,
        regels: vec!["almere.rij.volledig_onderwijs".into()],
        normenkader: "almere 2025.1".into(),
        bevindingen: json!([]),
        motivatie: None,
    };
    app.opslag
        .maak_verwijzing(&v, &[], &opzet_record("verwijzing"))
        .await
        .expect("verwijzing")
        .id
}

/// Access ends when the relation ends: a provider reads a jeugdige until
/// the last day of its last referral plus the nawerking (3 months by
/// default, configurable), on every read path and in the list.
pub async fn toegang_in_tijd(app: &App) {
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let aanbieder = app.login(super::steunroute::HOOFDAANBIEDER).await;
    let vandaag = schakel_http::api::vandaag();
    let pad = format!("/api/v1/jeugdigen/{}", d.jeugdige);
    // Ended three months and a day ago: nothing any more, the list empty.
    let oud = vandaag - chrono::Months::new(3) - chrono::Days::new(1);
    let v = verwijzing_tot(app, d.jeugdige, route.hoofdaanbieder, oud).await;
    assert_eq!(
        ziet(&aanbieder, &pad, v).await,
        (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN, json!(0)),
        "ended {oud}, nawerking over"
    );
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "jeugdige.lezen"
                && r.record.uitkomst == Uitkomst::Geweigerd
                && r.record.object_id == Some(d.jeugdige)
                && r.record.organisatie == Some(route.hoofdaanbieder)),
        "the refusal is logged"
    );
    // A later referral, ended two months ago: readable for its declaration.
    let recent = vandaag - chrono::Months::new(2);
    let v = verwijzing_tot(app, d.jeugdige, route.hoofdaanbieder, recent).await;
    assert_eq!(
        ziet(&aanbieder, &pad, v).await,
        (StatusCode::OK, StatusCode::OK, json!(1)),
        "ended {recent}, within the nawerking"
    );
    // The nawerking is a setting: with one month, that one is over too.
    let (url, server) = instantie_met(
        app,
        Instellingen {
            pseudoniem_sleutel: SLEUTEL.to_vec(),
            termijnen: schakel_domain::toegang::Termijnen {
                nawerking_verwijzing: chrono::Months::new(1),
                ..Default::default()
            },
            ..Instellingen::default()
        },
    )
    .await;
    let kort = login_op(app, &url, super::steunroute::HOOFDAANBIEDER).await;
    assert_eq!(
        ziet(&kort, &pad, v).await,
        (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN, json!(0)),
        "one month of nawerking"
    );
    server.abort();
}

/// What a user gets reading the jeugdige at `pad` and referral `v`, and
/// how many jeugdigen the list holds.
async fn ziet(g: &Gebruiker, pad: &str, v: i64) -> (StatusCode, StatusCode, Value) {
    let lezen = g.get(pad).await.0;
    let verwijzing = g.get(&format!("/api/v1/verwijzingen/{v}")).await.0;
    let (_, _, lijst) = g.get("/api/v1/jeugdigen").await;
    (lezen, verwijzing, lijst["paginering"]["totaal"].clone())
}
