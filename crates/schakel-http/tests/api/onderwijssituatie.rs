//! The referral takes the child's situation from the dossier (issue 14,
//! item 5). The school records the pupil's onderwijssituatie (a verwijzer
//! may read, not write it; every write and refusal audited); the TLV comes
//! from the case's TLV event; `POST /verwijzingen` uses the dossier's
//! situation, refuses a claimed one that differs naming `situatie`, and
//! reports a TLV that ends before the referral as a finding with its exact
//! date in Dutch. A jeugdige without a recorded situation: the claimed one
//! is checked with a finding saying so (existing flows keep working), and
//! no situation at all gets a message saying what to record first.

use super::steunroute::{aanbieders, vandaag};
use super::*;

fn verwijzing(jeugdige: i64, aanbieder: i64, ingang: NaiveDate, einde: NaiveDate) -> Value {
    json!({
        "jeugdige": jeugdige, "aanbieder": aanbieder,
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 3,
                       "eenheid": "uur", "per": "week",
                       "ingangsdatum": ingang, "einddatum": einde},
    })
}

fn regels(b: &Value) -> Vec<String> {
    b["bevindingen"]
        .as_array()
        .expect("bevindingen")
        .iter()
        .map(|x| x["regel"].as_str().expect("regel").to_string())
        .collect()
}

fn melding<'a>(b: &'a Value, regel: &str) -> &'a str {
    b["bevindingen"]
        .as_array()
        .expect("bevindingen")
        .iter()
        .find(|x| x["regel"] == regel)
        .and_then(|x| x["melding"].as_str())
        .unwrap_or_else(|| panic!("no finding {regel}: {b}"))
}

/// Zorgcoördinator A's pupil in a joint case of the wijkteam with JGZ (the
/// verwijzer) as party: the dossier and the case.
pub(super) async fn gezamenlijke_casus(app: &App, zc: &Gebruiker) -> (Dossier, i64) {
    let w = &app.w;
    let d = dossier(app, zc, BSNS[0]).await;
    let (s, _, vraag) = zc
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": w.wijkteam, "partijen": [w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    (d, vraag["casus"].as_i64().expect("casus"))
}

pub async fn onderwijssituatie_in_dossier(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let verwijzer = app.login(VERWIJZER).await;
    // Two pupils of school A in one joint case, JGZ (the verwijzer) party.
    let (d, casus) = gezamenlijke_casus(app, &zc_a).await;
    let (s, _, zus) = zc_a
        .post(
            "/api/v1/jeugdigen",
            jeugdige_invoer(d.huishouden, BSNS[1], Some(w.school_a)),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{zus}");
    let zus = zus["id"].as_i64().expect("id");

    let ingang = verwijsdatum();
    let einde = schakel_rules::datum::Schooljaar::van_datum(ingang)
        .periode()
        .tot;
    let pad = format!("/api/v1/jeugdigen/{}/onderwijssituaties", d.jeugdige);

    // Nothing recorded and nothing claimed: what to record first.
    let antwoord = verwijzer
        .post(
            "/api/v1/verwijzingen",
            verwijzing(d.jeugdige, route.hoofdaanbieder, ingang, einde),
        )
        .await;
    assert_eq!(ongeldig(&antwoord), ["situatie"]);
    assert_eq!(
        antwoord.2["invalidParams"][0]["reason"],
        "de onderwijssituatie van deze jeugdige staat nog niet in het dossier; laat de school of het wijkteam die eerst vastleggen bij de jeugdige (Onderwijssituatie), dan neemt de verwijzing haar over"
    );

    // The verwijzer reads, and may not write; the refusal is logged.
    let situatie = json!({"onderwijssituatie": "volledig_onderwijs", "van": ingang});
    probleem(
        &verwijzer.post(&pad, situatie.clone()).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    assert!(app.audit().await.iter().any(|r| {
        r.record.gebeurtenis == "onderwijssituatie.vastleggen"
            && r.record.uitkomst == Uitkomst::Geweigerd
            && r.record.gebruiker == Some(w.medewerker(VERWIJZER))
            && r.record.grond.as_deref() == Some("alleen_lezen")
    }));
    // Bad input names the field and what is allowed.
    for (fout, veld) in [
        (
            json!({"onderwijssituatie": "thuis", "van": ingang}),
            "onderwijssituatie",
        ),
        (
            json!({"onderwijssituatie": "oja", "school": "Kolibri", "van": ingang}),
            "school",
        ),
        (
            json!({"onderwijssituatie": "volledig_onderwijs", "van": ingang, "tot": ingang - chrono::Days::new(1)}),
            "tot",
        ),
        (
            json!({"onderwijssituatie": "dreigende_thuiszitter", "schooldagdelen": 10, "van": ingang}),
            "schooldagdelen",
        ),
    ] {
        assert_eq!(
            ongeldig(&zc_a.post(&pad, fout.clone()).await),
            [veld],
            "{fout}"
        );
    }

    // The school records it; audited with its ground.
    let (s, _, vastgelegd) = zc_a.post(&pad, situatie).await;
    assert_eq!(s, StatusCode::CREATED, "{vastgelegd}");
    assert_eq!(vastgelegd["onderwijssituatie"], "volledig_onderwijs");
    assert_eq!(vastgelegd["van"], json!(ingang));
    assert_eq!(vastgelegd["organisatie"], w.school_a);
    assert!(app.audit().await.iter().any(|r| {
        r.record.gebeurtenis == "onderwijssituatie.vastleggen"
            && r.record.uitkomst == Uitkomst::Toegestaan
            && r.record.gebruiker == Some(w.medewerker(ZC_A))
            && r.record.client.is_some()
    }));

    // The TLV from the case's event: it ends two weeks after the start,
    // before the referral does.
    let tlv_tot = ingang + chrono::Days::new(14);
    let (s, _, b) = zc_a
        .post(
            &format!("/api/v1/casussen/{casus}/gebeurtenissen"),
            json!({"soort": "tlv", "jeugdige": d.jeugdige,
                   "geldigVan": ingang - chrono::Days::new(365), "geldigTot": tlv_tot}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    let (s, _, lijst) = verwijzer.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    assert_eq!(lijst["items"].as_array().map(Vec::len), Some(1), "{lijst}");
    // Today lies within the TLV only when the referral started at most two
    // weeks ago; the history's current record is the one recorded.
    assert_eq!(lijst["huidig"], vastgelegd["id"]);
    assert_eq!(
        lijst["tlv"].is_null(),
        vandaag() > tlv_tot,
        "the TLV that holds today: {lijst}"
    );

    // The referral without a situation: the dossier's, with the TLV finding.
    let (s, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            verwijzing(d.jeugdige, route.hoofdaanbieder, ingang, einde),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["binnenNormen"], true, "{v}");
    assert_eq!(regels(&v), ["tlv.geldig_tot"], "{v}");
    assert_eq!(
        melding(&v, "tlv.geldig_tot"),
        format!(
            "De TLV loopt af op {}, vóór de einddatum van de verwijzing ({}). Vraag op tijd een nieuwe TLV aan bij het samenwerkingsverband.",
            schakel_http::web::opmaak::datum(tlv_tot),
            schakel_http::web::opmaak::datum(einde)
        )
    );
    // Ending on the TLV's last day: no finding.
    let (s, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            verwijzing(d.jeugdige, route.hoofdaanbieder, ingang, tlv_tot),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(regels(&v), Vec::<String>::new(), "{v}");

    // A claimed situation that differs is refused at `situatie`; one that
    // agrees is accepted.
    let mut anders = verwijzing(d.jeugdige, route.hoofdaanbieder, ingang, tlv_tot);
    anders["situatie"] = json!({"onderwijssituatie": "kolibrie", "school": "Kolibrie"});
    let antwoord = verwijzer.post("/api/v1/verwijzingen", anders).await;
    assert_eq!(ongeldig(&antwoord), ["situatie"]);
    assert_eq!(
        antwoord.2["invalidParams"][0]["reason"],
        "wijkt af van het dossier: daar is de onderwijssituatie 'volledig_onderwijs', niet 'kolibrie'. De situatie komt uit het dossier van de jeugdige; laat dit veld weg, of laat de school of het wijkteam eerst de onderwijssituatie in het dossier aanpassen"
    );
    let mut geen_tlv = verwijzing(d.jeugdige, route.hoofdaanbieder, ingang, tlv_tot);
    geen_tlv["situatie"] = json!({"tlv": false});
    let antwoord = verwijzer.post("/api/v1/verwijzingen", geen_tlv).await;
    assert_eq!(ongeldig(&antwoord), ["situatie"]);
    assert!(
        antwoord.2["invalidParams"][0]["reason"]
            .as_str()
            .is_some_and(|r| r
                .starts_with("wijkt af van het dossier: daar is de TLV aanwezig, niet afwezig")),
        "{}",
        antwoord.2
    );
    let mut gelijk = verwijzing(d.jeugdige, route.hoofdaanbieder, ingang, tlv_tot);
    gelijk["situatie"] = json!({"onderwijssituatie": "volledig_onderwijs", "tlv": true});
    let (s, _, v) = verwijzer.post("/api/v1/verwijzingen", gelijk).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");

    // The sibling has no recorded situation: the claimed one is checked,
    // and the finding says it did not come from the dossier.
    let mut zus_v = verwijzing(zus, route.hoofdaanbieder, ingang, einde);
    zus_v["situatie"] = json!({"onderwijssituatie": "volledig_onderwijs"});
    let (s, _, v) = verwijzer.post("/api/v1/verwijzingen", zus_v).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(regels(&v), ["dossier.onderwijssituatie"], "{v}");

    // History: a later record takes over from its start; the earlier one
    // stays.
    let later = ingang + chrono::Days::new(7);
    let (s, _, nieuw) = zc_a
        .post(
            &pad,
            json!({"onderwijssituatie": "dreigende_thuiszitter", "van": later}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{nieuw}");
    let (_, _, lijst) = zc_a.get(&pad).await;
    let items = lijst["items"].as_array().expect("items");
    assert_eq!(
        items
            .iter()
            .map(|i| i["onderwijssituatie"].clone())
            .collect::<Vec<_>>(),
        [json!("volledig_onderwijs"), json!("dreigende_thuiszitter")]
    );
    assert_eq!(
        lijst["huidig"],
        if vandaag() >= later {
            nieuw["id"].clone()
        } else {
            vastgelegd["id"].clone()
        }
    );
    // A referral starting that day takes the new situation.
    let mut thuis = verwijzing(d.jeugdige, route.hoofdaanbieder, later, later);
    thuis["situatie"] = json!({"onderwijssituatie": "volledig_onderwijs"});
    assert_eq!(
        ongeldig(&verwijzer.post("/api/v1/verwijzingen", thuis).await),
        ["situatie"]
    );
}

/// The web referral form: with the jeugdige chosen, it shows the dossier's
/// situation instead of asking it, and has the `dienst` field; a claimed
/// situation that differs is refused at its field, with the dossier's.
pub async fn web_verwijzing_uit_dossier(app: &App) {
    use super::web::Browser;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let (d, _) = gezamenlijke_casus(app, &zc_a).await;
    let ingang = verwijsdatum();
    // The school records it on the jeugdige's page.
    let school = Browser::nieuw(app);
    let csrf_zc = school.inloggen(ZC_A).await;
    let pad = format!("/jeugdigen/{}/onderwijssituatie", d.jeugdige);
    let p = school.get(&format!("/jeugdigen/{}", d.jeugdige)).await;
    assert!(p.html.contains(&format!("href=\"{pad}\"")), "{}", p.html);
    assert!(
        p.html
            .contains("<dt>Onderwijssituatie</dt><dd>Nog niet vastgelegd</dd>"),
        "{}",
        p.html
    );
    let p = school.get(&pad).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html
            .contains("Er is nog geen onderwijssituatie vastgelegd.")
    );
    let van = (ingang - chrono::Days::new(30)).to_string();
    let p = school
        .post(
            &pad,
            &[
                ("csrf", &csrf_zc),
                ("onderwijssituatie", "dreigende_thuiszitter"),
                ("van", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"van-fout\""), "{}", p.html);
    let p = school
        .post(
            &pad,
            &[
                ("csrf", &csrf_zc),
                ("onderwijssituatie", "oja"),
                ("school", "Kolibri"),
                ("van", &van),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"school-fout\""), "{}", p.html);
    let p = school
        .post(
            &pad,
            &[
                ("csrf", &csrf_zc),
                ("onderwijssituatie", "dreigende_thuiszitter"),
                ("van", &van),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let p = school.get(p.naar()).await;
    assert!(
        p.html.contains("De onderwijssituatie is vastgelegd."),
        "{}",
        p.html
    );
    let j = school.get(&format!("/jeugdigen/{}", d.jeugdige)).await;
    assert!(
        j.html.contains(&format!(
            "<dt>Onderwijssituatie</dt><dd>(Dreigende) thuiszitter; geen TLV in het dossier; vastgelegd vanaf {}</dd>",
            schakel_http::web::opmaak::datum(ingang - chrono::Days::new(30))
        )),
        "{}",
        j.html
    );
    assert!(
        p.html.contains(&format!(
            "<td>(Dreigende) thuiszitter</td><td></td><td class=\"getal\"></td><td>vanaf {}</td><td>Geldt nu</td>",
            schakel_http::web::opmaak::datum(ingang - chrono::Days::new(30))
        )),
        "{}",
        p.html
    );

    let verwijzer = Browser::nieuw(app);
    let csrf = verwijzer.inloggen(VERWIJZER).await;
    let p = verwijzer.get("/verwijzingen/nieuw").await;
    assert!(
        p.html.contains("id=\"onderwijssituatie\""),
        "no jeugdige chosen yet"
    );
    assert!(p.html.contains("id=\"dienst\""), "{}", p.html);
    let p = verwijzer
        .get(&format!("/verwijzingen/nieuw?jeugdige={}", d.jeugdige))
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html.contains(&format!(
            "<strong>Onderwijssituatie uit het dossier:</strong> (Dreigende) thuiszitter; geen TLV in het dossier; vastgelegd vanaf {}.",
            schakel_http::web::opmaak::datum(ingang - chrono::Days::new(30))
        )),
        "{}",
        p.html
    );
    assert!(!p.html.contains("id=\"onderwijssituatie\""), "not asked");
    assert!(p.html.contains("id=\"dienst\""));
    // The verwijzer reads the situation, without the form.
    let p = verwijzer.get(&pad).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(p.html.contains("(Dreigende) thuiszitter"));
    assert!(!p.html.contains("id=\"onderwijssituatie\""));

    let jeugdige = d.jeugdige.to_string();
    let aanbieder = route.hoofdaanbieder.to_string();
    let einde = (ingang + chrono::Days::new(27)).to_string();
    let ingang_tekst = ingang.to_string();
    let mut velden = vec![
        ("csrf", csrf.as_str()),
        ("jeugdige", jeugdige.as_str()),
        ("aanbieder", aanbieder.as_str()),
        ("product", "begeleiding_individueel_specialistisch"),
        ("volume", "3"),
        ("eenheid", "uur"),
        ("per", "week"),
        ("ingangsdatum", ingang_tekst.as_str()),
        ("einddatum", einde.as_str()),
    ];
    // A claimed situation that differs: refused at the field.
    let mut anders = velden.clone();
    anders.push(("onderwijssituatie", "volledig_onderwijs"));
    let p = verwijzer.post("/verwijzingen/nieuw", &anders).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(
        p.html.contains("id=\"onderwijssituatie-fout\""),
        "{}",
        p.html
    );
    assert!(
        p.html.contains("Wijkt af van het dossier: daar is de onderwijssituatie &#39;dreigende_thuiszitter&#39;, niet &#39;volledig_onderwijs&#39;")
            || p.html.contains("Wijkt af van het dossier: daar is de onderwijssituatie &#x27;dreigende_thuiszitter&#x27;, niet &#x27;volledig_onderwijs&#x27;"),
        "{}",
        p.html
    );
    // Without it: the dossier's situation, stored.
    velden.push(("dienst", ""));
    let p = verwijzer.post("/verwijzingen/nieuw", &velden).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let lijst = app
        .opslag
        .verwijzingen(d.jeugdige)
        .await
        .expect("verwijzingen");
    assert_eq!(lijst.len(), 1);
    assert!(
        lijst[0]
            .gegevens
            .regels
            .iter()
            .any(|r| r == "almere.rij.dreigende_thuiszitter"),
        "{:?}",
        lijst[0].gegevens.regels
    );
}
