//! The support route end to end (issue 4): one household walked from
//! hulpvraag through triage, plan, agreement, regisseur, bought-in care,
//! unsafety, evaluations and escalation to referrals within and outside the
//! norms, deliveries and deadlines — every party seeing and doing only its
//! part — and the monitoring aggregates with their small-count suppression.

use super::*;

pub(super) const HOOFDAANBIEDER: &str = "begeleider@triade.test";
pub(super) const SPECIALIST: &str = "behandelaar@specialist.test";

pub(super) struct Route {
    pub(super) hoofdaanbieder: i64,
    pub(super) specialist: i64,
}

pub(super) async fn aanbieders(app: &App) -> Route {
    let o = app.opslag.as_ref();
    let mut ids = Vec::new();
    for (naam, agb) in [
        ("Triade Vitree", "11112222"),
        ("GGZ Specialist", "33334444"),
    ] {
        let org = o
            .maak_organisatie(&NieuweOrganisatie {
                regio: app.w.regio,
                naam: naam.into(),
                soort: OrganisatieSoort::Aanbieder,
                gemeente: None,
                brin: None,
                agb: Some(schakel_domain::Agb::parse(agb).expect("AGB")),
            })
            .await
            .expect("organisatie");
        ids.push(org.id);
    }
    for (email, organisatie) in [(HOOFDAANBIEDER, ids[0]), (SPECIALIST, ids[1])] {
        o.maak_medewerker(&NieuweMedewerker {
            naam: "Begeleider".into(),
            email: email.into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![Roltoewijzing {
                rol: Rol::Aanbieder,
                organisatie,
            }],
        })
        .await
        .expect("medewerker");
    }
    Route {
        hoofdaanbieder: ids[0],
        specialist: ids[1],
    }
}

/// The directory records school A's OJA arrangement with this
/// hoofdaanbieder.
pub(super) async fn oja_van_school_a(app: &App, hoofdaanbieder: i64) {
    app.opslag
        .zet_directory_gegevens(
            app.w.school_a,
            &schakel_storage::DirectoryGegevens {
                oja: Some(schakel_storage::OjaArrangement {
                    arrangement: "Watertuin".into(),
                    hoofdaanbieder: Some(hoofdaanbieder),
                    ..Default::default()
                }),
                ..Default::default()
            },
            &opzet_record("organisatie"),
        )
        .await
        .expect("directory");
}

pub(super) fn vandaag() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Amsterdam)
        .date_naive()
}

/// Today's school year (1 August – 31 July).
fn schooljaar() -> (NaiveDate, NaiveDate) {
    let p = schakel_rules::datum::Schooljaar::van_datum(vandaag()).periode();
    (p.van, p.tot)
}

fn plan(w: &Wereld, jeugdhulp_streef: &str, onderwijs_streef: &str) -> Value {
    let deadline = schooljaar().1.to_string();
    json!({
        "toekomstperspectief": "Weer vijf dagen naar school, met rust thuis",
        "stemJeugdige": {"soort": "gehoord", "inbreng": "Ik wil een vaste plek in de klas"},
        "doelen": [
            {"domein": "jeugdhulp", "omschrijving": "Ouders hanteren de prikkels thuis",
             "indicator": "avonden per week zonder escalatie", "nulmeting": "2",
             "streefwaarde": jeugdhulp_streef, "deadline": deadline, "verantwoordelijke": w.wijkteam},
            {"domein": "onderwijsondersteuning", "omschrijving": "Prikkelarme werkplek",
             "indicator": "dagen per week op school", "nulmeting": "3",
             "streefwaarde": onderwijs_streef, "deadline": deadline, "verantwoordelijke": w.school_a},
        ],
    })
}

fn evaluatie(scores: [&str; 2]) -> Value {
    json!({
        "soort": "evaluatie", "datum": vandaag(),
        "scores": [{"doel": 1, "score": scores[0]}, {"doel": 2, "score": scores[1]}],
        "stemJeugdige": {"soort": "gehoord", "inbreng": "Het gaat nog niet"},
        "tevredenheidJeugdige": 6, "tevredenheidOuders": 7,
    })
}

fn stap(stap: &str) -> Value {
    json!({"soort": "escalatie", "stap": stap, "toelichting": "Besproken met ouders en jeugdige"})
}

/// Posts an event and returns status and body.
async fn leg_vast(g: &Gebruiker, casus: i64, body: Value) -> (StatusCode, Value) {
    let (s, _, b) = g
        .post(&format!("/api/v1/casussen/{casus}/gebeurtenissen"), body)
        .await;
    (s, b)
}

fn verwijzing(jeugdige: i64, aanbieder: i64, volume: f64, ingang: NaiveDate) -> Value {
    json!({
        "jeugdige": jeugdige, "aanbieder": aanbieder,
        "situatie": {"onderwijssituatie": "volledig_onderwijs"},
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": volume,
                       "eenheid": "uur", "per": "week",
                       "ingangsdatum": ingang, "einddatum": schooljaar().1},
    })
}

pub async fn steunroute(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let zc_b = app.login(ZC_B).await;
    let regisseur = app.login(REGISSEUR).await;
    let verwijzer = app.login(VERWIJZER).await;
    let hoofd = app.login(HOOFDAANBIEDER).await;
    let specialist = app.login(SPECIALIST).await;

    // Hulpvraag and triage "beide": the joint case, school and JGZ party.
    let d = dossier(app, &zc_a, BSNS[0]).await;
    let (s, _, vraag) = zc_a
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": w.wijkteam,
                   "partijen": [w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    let casus = vraag["casus"].as_i64().expect("joint case");
    let pad = format!("/api/v1/casussen/{casus}");
    let (s, h, c) = regisseur.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(etag(&h), "\"0\"");
    assert_eq!(c["toestand"]["fase"], "uitvoering");
    assert_eq!(c["toestand"]["plan"], Value::Null);
    // A school that is no party sees nothing, and is logged.
    probleem(&zc_b.get(&pad).await, StatusCode::FORBIDDEN, "geen-toegang");
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "casus.lezen"
                && r.record.gebruiker == Some(w.medewerker(ZC_B))
                && r.record.uitkomst == Uitkomst::Geweigerd
                && r.record.client.is_some())
    );

    // The plan: If-Match required; the casusregisseur draws it up.
    let plan_pad = format!("{pad}/plan");
    probleem(
        &regisseur.put(&plan_pad, None, plan(w, "5", "5")).await,
        StatusCode::PRECONDITION_REQUIRED,
        "if-match-vereist",
    );
    let mut onvolledig = plan(w, "5", "5");
    onvolledig["doelen"][0]["indicator"] = json!(" ");
    onvolledig["doelen"][1]["verantwoordelijke"] = json!(w.school_b);
    assert_eq!(
        ongeldig(&regisseur.put(&plan_pad, Some("\"0\""), onvolledig).await),
        ["doelen[0].indicator", "doelen[1].verantwoordelijke"]
    );
    let (s, h, c) = regisseur
        .put(&plan_pad, Some("\"0\""), plan(w, "5", "5"))
        .await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(etag(&h), "\"1\"");
    let doelen = &c["toestand"]["plan"]["doelen"];
    assert_eq!(
        (doelen[0]["nummer"].as_i64(), doelen[1]["nummer"].as_i64()),
        (Some(1), Some(2))
    );
    // The school edits only the onderwijs part; a stale version is 412.
    let mut school_plan = plan(w, "6", "5");
    school_plan["doelen"][0]["nummer"] = json!(1);
    school_plan["doelen"][1]["nummer"] = json!(2);
    assert_eq!(
        ongeldig(
            &zc_a
                .put(&plan_pad, Some("\"1\""), school_plan.clone())
                .await
        ),
        ["doelen"],
        "the jeugdhulp goal is the casusregisseur's"
    );
    school_plan["doelen"][0]["streefwaarde"] = json!("5");
    school_plan["doelen"][1]["streefwaarde"] = json!("4");
    probleem(
        &zc_a
            .put(&plan_pad, Some("\"0\""), school_plan.clone())
            .await,
        StatusCode::PRECONDITION_FAILED,
        "versie-verouderd",
    );
    let (s, _, c) = zc_a.put(&plan_pad, Some("\"1\""), school_plan).await;
    assert_eq!(s, StatusCode::OK, "{c}");
    assert_eq!(c["toestand"]["plan"]["doelen"][1]["streefwaarde"], "4");
    // A provider party may not touch the plan at all.
    probleem(
        &hoofd.put(&plan_pad, Some("\"2\""), plan(w, "5", "5")).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );

    // No evaluation before the vertegenwoordiger agreed.
    let (s, b) = leg_vast(&regisseur, casus, evaluatie(["onvoldoende", "voldoende"])).await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "akkoord", "vertegenwoordiger": "Buurman", "datum": vandaag()}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "akkoord", "vertegenwoordiger": OUDER, "datum": vandaag()}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["toestand"]["akkoord"]["vertegenwoordiger"], OUDER);

    // Agreement made deadlines: each goal for its party, the school year's
    // end for the wijkteam.
    let (s, _, acties) = regisseur.get("/api/v1/acties").await;
    assert_eq!(s, StatusCode::OK, "{acties}");
    let wat: Vec<(&str, &str)> = acties["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|a| {
            (
                a["bron"].as_str().unwrap_or(""),
                a["uiterlijk"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let einde = schooljaar().1.to_string();
    assert_eq!(
        wat,
        [
            ("plan.doel.deadline", einde.as_str()),
            ("schooljaar.einde", einde.as_str())
        ]
    );
    let (_, _, school_acties) = zc_a.get("/api/v1/acties").await;
    assert_eq!(school_acties["paginering"]["totaal"], 1, "{school_acties}");
    assert!(
        school_acties["items"][0]["wat"]
            .as_str()
            .unwrap_or("")
            .starts_with("Doel 2 evalueren")
    );

    // One regisseur per household: the hoofdaanbieder of a household
    // school's OJA (the directory links the school's arrangement to it).
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "regisseur", "regie": "hoofdaanbieder", "organisatie": route.hoofdaanbieder}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "no OJA recorded yet: {b}");
    oja_van_school_a(app, route.hoofdaanbieder).await;
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "regisseur", "regie": "hoofdaanbieder", "organisatie": route.specialist}),
    )
    .await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "not the school's hoofdaanbieder: {b}"
    );
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "regisseur", "regie": "hoofdaanbieder", "organisatie": route.hoofdaanbieder}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "regisseur", "regie": "perspectiefregie", "organisatie": w.jgz}),
    )
    .await;
    assert_eq!(s, StatusCode::CONFLICT, "{b}");
    assert!(
        b["detail"]
            .as_str()
            .unwrap_or("")
            .contains("één huishouden heeft één regisseur"),
        "{b}"
    );

    // Bought-in specialist care: the hoofdaanbieder with the parents'
    // consent, then the school's; only then does the specialist join.
    let inkoop = json!({"soort": "inkoop", "aanbieder": route.specialist,
        "omschrijving": "Behandeling specialistisch",
        "toestemmingOuders": {"naam": OUDER, "datum": vandaag()}});
    let (s, b) = leg_vast(&regisseur, casus, inkoop.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    let (s, b) = leg_vast(&hoofd, casus, inkoop).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    probleem(
        &specialist.get(&pad).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let (s, b) = leg_vast(
        &zc_a,
        casus,
        json!({"soort": "inkoop_toestemming_school", "inkoop": 1, "datum": vandaag()}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, _, c) = specialist.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "the specialist is a party now: {c}");

    // Unsafety: marked at once by any party, visible to all.
    let (s, b) = leg_vast(
        &verwijzer,
        casus,
        json!({"soort": "veiligheid", "melding": "crisis", "toelichting": "Acute zorg over thuissituatie"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    for g in [&zc_a, &hoofd, &specialist, &regisseur] {
        let (_, _, c) = g.get(&pad).await;
        assert_eq!(c["toestand"]["veiligheid"]["melding"], "crisis", "{c}");
    }

    // Evaluations and escalation, step by step; illegal jumps refused.
    let (s, b) = leg_vast(&zc_a, casus, evaluatie(["onvoldoende", "voldoende"])).await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "the casusregisseur evaluates: {b}"
    );
    let (s, _) = leg_vast(&regisseur, casus, evaluatie(["onvoldoende", "voldoende"])).await;
    assert_eq!(s, StatusCode::CREATED);
    for sprong in ["expertpool_advies", "escalatie", "afgeschaald"] {
        let (s, b) = leg_vast(&regisseur, casus, stap(sprong)).await;
        assert_eq!(s, StatusCode::CONFLICT, "{sprong}: {b}");
    }
    let (s, b) = leg_vast(&regisseur, casus, stap("gesprek")).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, _) = leg_vast(&regisseur, casus, stap("expertpool_advies")).await;
    assert_eq!(
        s,
        StatusCode::CONFLICT,
        "needs a new insufficient evaluation"
    );
    leg_vast(&regisseur, casus, evaluatie(["onvoldoende", "onvoldoende"])).await;
    let (s, _) = leg_vast(&regisseur, casus, stap("expertpool_advies")).await;
    assert_eq!(s, StatusCode::CREATED);
    leg_vast(&regisseur, casus, evaluatie(["onvoldoende", "voldoende"])).await;
    let (s, b) = leg_vast(&regisseur, casus, stap("escalatie")).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["toestand"]["fase"], "escalatie");
    let stappen: Vec<_> = b["gebeurtenissen"]
        .as_array()
        .expect("gebeurtenissen")
        .iter()
        .filter(|g| g["gebeurtenis"]["soort"] == "escalatie")
        .map(|g| {
            (
                g["gebeurtenis"]["stap"].clone(),
                g["door"]["medewerker"].clone(),
            )
        })
        .collect();
    let r = json!(w.medewerker(REGISSEUR));
    assert_eq!(
        stappen,
        [
            (json!("gesprek"), r.clone()),
            (json!("expertpool_advies"), r.clone()),
            (json!("escalatie"), r)
        ],
        "each step recorded with who"
    );

    // Referrals: only the verwijzer, checked against the normenkader.
    let (_, sj_einde) = schooljaar();
    let ingang = verwijsdatum();
    let (s, _, b) = zc_a
        .post(
            "/api/v1/verwijzingen",
            verwijzing(d.jeugdige, route.hoofdaanbieder, 3.0, ingang),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");
    let (s, _, binnen) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            verwijzing(d.jeugdige, route.hoofdaanbieder, 3.0, ingang),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{binnen}");
    assert_eq!(binnen["binnenNormen"], true);
    assert_eq!(binnen["gemeentelijkeToets"], Value::Null);
    assert_eq!(binnen["casus"], casus);
    assert_eq!(binnen["normenkader"], "almere 2025.1");
    assert!(
        binnen["regels"]
            .as_array()
            .expect("regels")
            .iter()
            .any(|r| r == "almere.rij.volledig_onderwijs"),
        "{binnen}"
    );
    // 3 hours a week over the period's calendar weeks (days / 7).
    let dagen = (sj_einde - ingang).num_days() + 1;
    let toegekend = (3.0 * dagen as f64 / 7.0 * 100.0).round() / 100.0;
    assert_eq!(binnen["toegekend"], json!(toegekend));
    assert_eq!(binnen["resterend"], json!(toegekend));
    // Outside the norms: refused with the findings, unless motivated.
    let mut buiten = verwijzing(d.jeugdige, route.hoofdaanbieder, 5.0, ingang);
    let antwoord = verwijzer.post("/api/v1/verwijzingen", buiten.clone()).await;
    let p = probleem(&antwoord, StatusCode::UNPROCESSABLE_ENTITY, "buiten-normen");
    assert!(
        !p["bevindingen"].as_array().expect("bevindingen").is_empty(),
        "{p}"
    );
    buiten["motivatie"] = json!("Maatwerk: tijdelijk meer begeleiding na crisis");
    let (s, _, maatwerk) = verwijzer.post("/api/v1/verwijzingen", buiten).await;
    assert_eq!(s, StatusCode::CREATED, "{maatwerk}");
    assert_eq!(maatwerk["binnenNormen"], false);
    assert_eq!(maatwerk["gemeentelijkeToets"], "open");

    // Obligations of the normenkader become actions for the pupil's school,
    // due on the last day of the N-month term from the start
    // (almere.interpretatie.verplichtingen): Kolibrie's yearly CvB review at
    // 12 and 24 months, a thuiszitter's evaluation after 3 months.
    let plus = |maanden: u32| ingang + chrono::Months::new(maanden) - chrono::Days::new(1);
    let mut kolibrie = verwijzing(d.jeugdige, route.hoofdaanbieder, 12.0, ingang);
    kolibrie["situatie"] =
        json!({"onderwijssituatie": "kolibrie", "school": "Kolibrie", "tlv": true});
    kolibrie["verwijzing"]["einddatum"] = json!(plus(24));
    let (s, _, b) = verwijzer.post("/api/v1/verwijzingen", kolibrie).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["binnenNormen"], true, "{b}");
    let mut thuiszitter = verwijzing(d.jeugdige, route.hoofdaanbieder, 3.0, ingang);
    thuiszitter["situatie"] = json!({"onderwijssituatie": "dreigende_thuiszitter"});
    thuiszitter["motivatie"] = json!("Maatwerk in afwachting van het ZAT");
    let (s, _, b) = verwijzer.post("/api/v1/verwijzingen", thuiszitter).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (_, _, acties) = zc_a.get("/api/v1/acties?perPagina=100").await;
    let mut termijnen: Vec<(String, String)> = acties["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|a| {
            a["bron"]
                .as_str()
                .is_some_and(|b| b.starts_with("almere.rij."))
        })
        .map(|a| {
            (
                a["bron"].as_str().unwrap_or("").to_string(),
                a["uiterlijk"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    termijnen.sort();
    assert_eq!(
        termijnen,
        [
            (
                "almere.rij.dreigende_thuiszitter.evaluatie".to_string(),
                plus(3).to_string()
            ),
            ("almere.rij.kolibrie.cvb".to_string(), plus(12).to_string()),
            ("almere.rij.kolibrie.cvb".to_string(), plus(24).to_string()),
        ],
        "{acties}"
    );
    // The verwijzer's own actions: each referral's end date.
    let (_, _, eigen) = verwijzer.get("/api/v1/acties?alleenEigen=true").await;
    assert_eq!(eigen["paginering"]["totaal"], 4, "{eigen}");

    // Deliveries: the referral's provider only, within what remains.
    let id = binnen["id"].as_i64().expect("id");
    let leveringen = format!("/api/v1/verwijzingen/{id}/leveringen");
    let (s, _, b) = specialist.get(&format!("/api/v1/verwijzingen/{id}")).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "another provider's referral: {b}");
    let (s, _, na) = hoofd
        .post(&leveringen, json!({"datum": ingang, "hoeveelheid": 2.5}))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{na}");
    assert_eq!(na["geleverd"], json!(2.5));
    assert_eq!(
        na["resterend"],
        json!(((toegekend - 2.5) * 100.0).round() / 100.0)
    );
    assert_eq!(
        ongeldig(
            &hoofd
                .post(
                    &leveringen,
                    json!({"datum": sj_einde + chrono::Days::new(1), "hoeveelheid": 1})
                )
                .await
        ),
        ["datum"]
    );
    let (s, _, b) = verwijzer
        .post(&leveringen, json!({"datum": ingang, "hoeveelheid": 1}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{b}");

    // A TLV that expired: an overdue action for the school.
    let (s, b) = leg_vast(
        &zc_a,
        casus,
        json!({"soort": "tlv", "jeugdige": d.jeugdige, "geldigVan": "2024-08-01", "geldigTot": "2026-07-31"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (_, _, verlopen) = zc_a.get("/api/v1/acties?verlopen=true").await;
    let verlopen_items = verlopen["items"].as_array().expect("items");
    assert!(
        verlopen_items
            .iter()
            .any(|a| a["bron"] == "tlv.geldig_tot" && a["verlopen"] == true),
        "{verlopen}"
    );
    assert!(
        verlopen_items.iter().all(|a| a["verlopen"] == true),
        "{verlopen}"
    );
    let actie = verlopen_items[0]["id"].as_i64().expect("id");
    let (s, _, b) = zc_a
        .post(&format!("/api/v1/acties/{actie}/afronding"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let (s, _, _) = zc_a
        .post(&format!("/api/v1/acties/{actie}/afronding"), json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, _, _) = zc_b
        .post(&format!("/api/v1/acties/{actie}/afronding"), json!({}))
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND, "another organisation's action");

    // A typo in a field is named, not ignored.
    let (s, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "afgesloten", "reden": "x", "redenen": "y"}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    assert_eq!(b["invalidParams"][0]["name"], "redenen", "{b}");
    let mut e = evaluatie(["behaald", "behaald"]);
    e["scores"][1]["scoer"] = json!("behaald");
    let (_, b) = leg_vast(&regisseur, casus, e).await;
    assert_eq!(b["invalidParams"][0]["name"], "scores[1].scoer", "{b}");
    let (_, b) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "escalatie", "stap": "naar_de_rechter", "toelichting": "x"}),
    )
    .await;
    assert_eq!(b["invalidParams"][0]["name"], "stap", "{b}");

    // Closing: nothing can be added afterwards.
    let (s, _) = leg_vast(
        &regisseur,
        casus,
        json!({"soort": "afgesloten", "reden": "Doelen behaald"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = leg_vast(&regisseur, casus, evaluatie(["behaald", "behaald"])).await;
    assert_eq!(s, StatusCode::CONFLICT);

    // No BSN or name in the application log.
    let log = logtekst();
    for geheim in NAMEN.iter().chain(std::iter::once(&BSNS[0])) {
        assert!(!log.contains(geheim), "{geheim} in the application log");
    }
}

/// Monitoring: policy staff only, counts below five as "<5", averages
/// only over five or more answers.
pub async fn monitoring(app: &App) {
    let w = &app.w;
    let o = app.opslag.as_ref();
    let beleid = app.login(BELEID).await;
    let zc_a = app.login(ZC_A).await;
    probleem(
        &zc_a.get("/api/v1/monitoring").await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let regisseur = w.medewerker(REGISSEUR);
    // Seven cases: all evaluated, five escalated, four advised by the
    // expertpool (stored directly: the order of steps is not the point here).
    for i in 0..7u32 {
        let h = o
            .maak_huishouden(
                &schakel_storage::NieuwHuishouden {
                    vertegenwoordigers: vec![],
                    aangemaakt_door: Some(w.wijkteam),
                },
                &opzet_record("huishouden"),
            )
            .await
            .expect("huishouden");
        let casus = o
            .maak_casus(
                &schakel_storage::NieuweCasus {
                    huishouden: h.id,
                    wijkteam: w.wijkteam,
                    partijen: vec![w.school_a],
                },
                &opzet_record("casus"),
                &[],
            )
            .await
            .expect("casus");
        let mut volgnummer = 0;
        let mut voeg_toe = async |g: Value| {
            volgnummer += 1;
            o.voeg_gebeurtenis_toe(
                &schakel_storage::NieuweCasusGebeurtenis {
                    casus: casus.id,
                    volgnummer,
                    gebeurtenis: serde_json::from_value(g).expect("gebeurtenis"),
                    door: schakel_storage::Door {
                        medewerker: regisseur,
                        rol: Rol::Casusregisseur,
                        organisatie: w.wijkteam,
                    },
                    nieuwe_partijen: vec![],
                    sluit: false,
                    acties: vec![],
                },
                &[opzet_record("casus")],
            )
            .await
            .expect("gebeurtenis");
        };
        let mut e = evaluatie(["onvoldoende", "voldoende"]);
        e["tevredenheidJeugdige"] = json!(4 + i);
        voeg_toe(e).await;
        if i < 5 {
            voeg_toe(stap("escalatie")).await;
        }
        if i < 4 {
            voeg_toe(stap("expertpool_advies")).await;
        }
    }
    let (s, _, m) = beleid.get("/api/v1/monitoring").await;
    assert_eq!(s, StatusCode::OK, "{m}");
    let maand = m["maanden"]
        .as_array()
        .and_then(|v| v.last())
        .expect("this month");
    assert_eq!(maand["maand"], vandaag().format("%Y-%m").to_string());
    assert_eq!(maand["aantallen"]["openCasussen"], 7, "{m}");
    assert_eq!(maand["aantallen"]["nieuweCasussen"], 7);
    assert_eq!(maand["aantallen"]["escalaties"], 5);
    assert_eq!(maand["aantallen"]["evaluaties"], 7);
    assert_eq!(
        maand["aantallen"]["thuiszitters"], "<5",
        "none: zero is small too"
    );
    assert_eq!(maand["aantallen"]["expertpoolAdviezen"], "<5");
    // Youth satisfaction 4..10 over seven answers: 7.0; parents 7 each.
    assert_eq!(maand["waarden"]["tevredenheidJeugdige"], json!(7.0));
    assert_eq!(maand["waarden"]["tevredenheidOuders"], json!(7.0));
    assert_eq!(m["drempel"], 5);
    assert_eq!(m["regio"], w.regio);
    // Per school: the same cases have school A as party but no pupil there.
    let (s, _, per_school) = beleid
        .get(&format!("/api/v1/monitoring?school={}", w.school_a))
        .await;
    assert_eq!(s, StatusCode::OK);
    let laatste = per_school["maanden"]
        .as_array()
        .and_then(|v| v.last())
        .expect("month");
    assert_eq!(laatste["aantallen"]["openCasussen"], "<5", "{per_school}");
    assert_eq!(laatste["waarden"]["tevredenheidJeugdige"], Value::Null);
    let antwoord = beleid
        .get("/api/v1/monitoring?van=2026-12-01&tot=2026-01-01")
        .await;
    assert_eq!(ongeldig(&antwoord), ["van"]);

    // The same figures as CSV (issue 16.9): the same role check, every
    // month and every figure as in the JSON, suppressed counts as "<5".
    probleem(
        &zc_a.get("/api/v1/monitoring/tabel").await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let (s, koppen, csv) = beleid.get("/api/v1/monitoring/tabel").await;
    assert_eq!(s, StatusCode::OK, "{csv}");
    assert_eq!(koppen["content-type"], "text/csv; charset=utf-8");
    assert!(
        koppen["content-disposition"]
            .to_str()
            .is_ok_and(|d| d.starts_with("attachment; filename=\"monitoring-regio-")),
        "{koppen:?}"
    );
    let csv = csv.as_str().expect("CSV is text");
    let csv = csv.strip_prefix('\u{feff}').expect("a byte-order mark");
    let regels: Vec<Vec<&str>> = csv.lines().map(|r| r.split(';').collect()).collect();
    let sleutels = [
        "openCasussen",
        "nieuweCasussen",
        "thuiszitters",
        "terugkeerRegulierOnderwijs",
        "verwijzingenVso",
        "urenToegekend",
        "urenGeleverd",
        "tevredenheidJeugdige",
        "tevredenheidOuders",
        "evaluaties",
        "gesprekken",
        "expertpoolAdviezen",
        "escalaties",
        "maatwerkVerwijzingen",
        "maatwerkAkkoord",
        "maatwerkNietAkkoord",
    ];
    assert_eq!(regels[0][0], "Maand");
    assert_eq!(regels[0][1], "Open casussen");
    assert_eq!(regels[0].len(), 1 + sleutels.len());
    let maanden = m["maanden"].as_array().expect("months");
    assert_eq!(regels.len(), 1 + maanden.len());
    for (rij, maand) in regels[1..].iter().zip(maanden) {
        assert_eq!(rij[0], maand["maand"]);
        for (i, sleutel) in sleutels.iter().enumerate() {
            let verwacht = match (&maand["aantallen"][sleutel], &maand["waarden"][sleutel]) {
                (Value::String(t), _) => t.clone(),
                (Value::Number(n), _) => n.to_string(),
                (Value::Null, Value::Number(x)) => {
                    x.to_string().replace('.', ",").replace(",0", "")
                }
                _ => String::new(),
            };
            assert_eq!(rij[1 + i], verwacht, "{} {sleutel}", rij[0]);
        }
    }
    let laatste = regels.last().expect("this month");
    assert_eq!(laatste[1], "7");
    assert_eq!(laatste[3], "<5", "thuiszitters suppressed as in the JSON");
    assert_eq!(laatste[8], "7", "tevredenheid jeugdige 7,0 as 7");

    // The dashboard draws a suppressed count as a marker with its label,
    // never as a bar up to the threshold: this month's five escalations
    // are a bar, its "<5" expertpool advices a marker.
    let web = super::web::Browser::nieuw(app);
    web.inloggen(BELEID).await;
    let p = web.get("/dashboard").await;
    assert_eq!(p.status, StatusCode::OK);
    let escalatie = p
        .html
        .split("id=\"escalatie-titel\"")
        .nth(1)
        .and_then(|s| s.split("</svg>").next())
        .expect("the escalation chart");
    let kort = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    use chrono::Datelike;
    let nu = vandaag();
    let maandnaam = format!("{} {}", kort[nu.month0() as usize], nu.year());
    assert!(
        escalatie.contains(&format!("<title>Escalaties: {maandnaam} 5</title></rect>")),
        "{escalatie}"
    );
    assert!(
        !escalatie.contains(&format!(
            "<title>Expertpooladviezen: {maandnaam} &lt;5</title></rect>"
        )),
        "a suppressed count drawn as a bar: {escalatie}"
    );
    assert!(
        escalatie.contains(&format!(
            "<title>Expertpooladviezen: {maandnaam} &lt;5</title></g>"
        )),
        "a suppressed count is a marker: {escalatie}"
    );
    assert!(
        p.html.contains("href=\"/api/v1/monitoring/tabel?"),
        "the dashboard links to its CSV"
    );
}
