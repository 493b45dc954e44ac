//! Interventie-afspraken (issue 14, item 2). Seed 004, footnote ***: "De
//! verwijzingen voor behandeling zijn voor (dreigende) thuiszitters alleen
//! mogelijk onder voorwaarde van interventie afspraak tussen aanbieder en
//! gemeente." The region's beheerder records them (every other role is
//! refused, and logged); once the region has any, a behandeling referral
//! for a thuiszitter is within the norms only to a provider with one that
//! holds on the referral's start, and otherwise outside them with the
//! condition as the finding. Before the region records any, the condition
//! stays a finding only.

use super::onderwijssituatie::gezamenlijke_casus;
use super::steunroute::aanbieders;
use super::*;

const VOORWAARDE: &str = "Behandeling is alleen mogelijk als er een interventie-afspraak is tussen aanbieder en gemeente. Die afspraken bestaan nu met KBC Triade Vitree (observatiegroep) en GGZ Centraal Fornhese (Kersenboom).";

fn behandeling(jeugdige: i64, aanbieder: i64, ingang: NaiveDate) -> Value {
    json!({
        "jeugdige": jeugdige, "aanbieder": aanbieder,
        "situatie": {"onderwijssituatie": "dreigende_thuiszitter"},
        "verwijzing": {"product": "behandeling_individueel_basis", "volume": 2,
                       "eenheid": "uur", "per": "week",
                       "ingangsdatum": ingang, "einddatum": ingang + chrono::Days::new(27)},
    })
}

fn voetnoot(b: &Value) -> String {
    b["bevindingen"]
        .as_array()
        .expect("bevindingen")
        .iter()
        .find(|x| x["regel"] == "almere.voetnoot.3")
        .and_then(|x| x["melding"].as_str())
        .unwrap_or_else(|| panic!("no footnote finding: {b}"))
        .to_string()
}

pub async fn interventie_afspraak(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let verwijzer = app.login(VERWIJZER).await;
    let beheerder = app.login(BEHEERDER).await;
    let (d, _) = gezamenlijke_casus(app, &zc_a).await;
    let ingang = verwijsdatum();

    // No agreements recorded: the condition is a finding, within the norms.
    let (s, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            behandeling(d.jeugdige, route.specialist, ingang),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["binnenNormen"], true);
    assert_eq!(
        voetnoot(&v),
        format!("Voorwaarde (voetnoot ***): {VOORWAARDE}")
    );

    // Only the beheerder records them; a refusal is logged.
    let afspraak = |aanbieder: i64, van: NaiveDate, tot: NaiveDate| {
        json!({"aanbieder": aanbieder, "gemeente": w.gemeente,
               "omschrijving": " Observatiegroep ", "van": van, "tot": tot})
    };
    let jaar = chrono::Days::new(365);
    probleem(
        &zc_a
            .post(
                "/api/v1/interventie-afspraken",
                afspraak(route.hoofdaanbieder, ingang, ingang + jaar),
            )
            .await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    assert!(app.audit().await.iter().any(|r| {
        r.record.gebeurtenis == "interventieafspraak.vastleggen"
            && r.record.uitkomst == Uitkomst::Geweigerd
            && r.record.gebruiker == Some(w.medewerker(ZC_A))
    }));
    // Each field named: a school is no provider, an end before the start.
    assert_eq!(
        ongeldig(
            &beheerder
                .post(
                    "/api/v1/interventie-afspraken",
                    json!({"aanbieder": w.school_a, "gemeente": w.jgz, "omschrijving": "",
                           "van": ingang, "tot": ingang - chrono::Days::new(1)}),
                )
                .await
        ),
        ["aanbieder", "gemeente", "omschrijving", "tot"]
    );
    // Triade's agreement holds on the start; the specialist's ended the day
    // before.
    let (s, _, lijst) = beheerder
        .post(
            "/api/v1/interventie-afspraken",
            afspraak(route.hoofdaanbieder, ingang, ingang + jaar),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{lijst}");
    let (s, _, lijst) = beheerder
        .post(
            "/api/v1/interventie-afspraken",
            afspraak(
                route.specialist,
                ingang - jaar,
                ingang - chrono::Days::new(1),
            ),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{lijst}");
    let (s, _, lijst) = beheerder.get("/api/v1/interventie-afspraken").await;
    assert_eq!(s, StatusCode::OK);
    let rijen: Vec<(Value, Value, Value)> = lijst
        .as_array()
        .expect("list")
        .iter()
        .map(|a| {
            (
                a["aanbieder"]["naam"].clone(),
                a["omschrijving"].clone(),
                a["geldig"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rijen,
        [
            (
                json!("Triade Vitree"),
                json!("Observatiegroep"),
                json!(true)
            ),
            (
                json!("GGZ Specialist"),
                json!("Observatiegroep"),
                json!(false)
            ),
        ]
    );

    // Within the norms only with an agreement that holds on the start.
    let (s, _, v) = verwijzer
        .post(
            "/api/v1/verwijzingen",
            behandeling(d.jeugdige, route.hoofdaanbieder, ingang),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["binnenNormen"], true);
    assert_eq!(
        voetnoot(&v),
        "Voorwaarde (voetnoot ***) vervuld: deze aanbieder heeft een interventie-afspraak met de gemeente die geldt op de ingangsdatum."
    );
    let antwoord = verwijzer
        .post(
            "/api/v1/verwijzingen",
            behandeling(d.jeugdige, route.specialist, ingang),
        )
        .await;
    let p = probleem(&antwoord, StatusCode::UNPROCESSABLE_ENTITY, "buiten-normen");
    assert_eq!(
        voetnoot(&p),
        format!(
            "Voorwaarde (voetnoot ***) niet vervuld: deze aanbieder heeft geen interventie-afspraak met de gemeente die geldt op de ingangsdatum. {VOORWAARDE}"
        )
    );
    // Begeleiding under the same row carries no such condition.
    let mut begeleiding = behandeling(d.jeugdige, route.specialist, ingang);
    begeleiding["verwijzing"]["product"] = json!("begeleiding_individueel_specialistisch");
    let (s, _, v) = verwijzer.post("/api/v1/verwijzingen", begeleiding).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["binnenNormen"], true, "{v}");
}

/// The beheer page: the list with names, the form with errors at their
/// fields, a recorded agreement after the redirect; other roles refused.
pub async fn web_interventie_afspraken(app: &App) {
    use super::web::Browser;
    let route = aanbieders(app).await;
    let beheerder = Browser::nieuw(app);
    let csrf = beheerder.inloggen(BEHEERDER).await;
    let p = beheerder.get("/beheer").await;
    assert!(p.html.contains("href=\"/beheer/interventie-afspraken\""));
    let p = beheerder.get("/beheer/interventie-afspraken").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html
            .contains("Er zijn nog geen interventie-afspraken vastgelegd.")
    );
    assert!(p.html.contains(">Triade Vitree</option>"), "{}", p.html);
    let pad = "/beheer/interventie-afspraken";
    let p = beheerder
        .post(
            pad,
            &[
                ("csrf", &csrf),
                ("aanbieder", ""),
                ("gemeente", &app.w.gemeente.to_string()),
                ("omschrijving", "Observatiegroep"),
                ("van", "2026-08-01"),
                ("tot", "2026-07-31"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"aanbieder-fout\""), "{}", p.html);
    let hoofd = route.hoofdaanbieder.to_string();
    let gemeente = app.w.gemeente.to_string();
    let velden = |tot: &'static str| {
        [
            ("csrf", csrf.clone()),
            ("aanbieder", hoofd.clone()),
            ("gemeente", gemeente.clone()),
            ("omschrijving", "Observatiegroep".to_string()),
            ("van", "2026-08-01".to_string()),
            ("tot", tot.to_string()),
        ]
    };
    let fout = velden("2026-07-31");
    let p = beheerder
        .post(pad, &fout.each_ref().map(|(k, v)| (*k, v.as_str())))
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"tot-fout\""), "{}", p.html);
    let goed = velden("2027-07-31");
    let p = beheerder
        .post(pad, &goed.each_ref().map(|(k, v)| (*k, v.as_str())))
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), "/beheer/interventie-afspraken?gelukt=ja");
    let p = beheerder.get(p.naar()).await;
    assert!(p.html.contains("De interventie-afspraak is vastgelegd."));
    assert!(
        p.html.contains(
            "<td>Triade Vitree</td><td>Gemeente Almere</td><td>Observatiegroep</td><td>1 augustus 2026 tot en met 31 juli 2027</td>"
        ),
        "{}",
        p.html
    );
    let school = Browser::nieuw(app);
    school.inloggen(ZC_A).await;
    assert_eq!(school.get(pad).await.status, StatusCode::FORBIDDEN);
}
