//! The last list filters of issue 16.2 through the API: `GET /verwijzingen`
//! by school, period and product, sorted by start or end date, and
//! `GET /hulpvragen` by school and when asked, the newest or the oldest
//! first; each answer compared with a rule written here over the whole
//! list, and every wrong choice named with what is allowed.

use super::onderwijssituatie::gezamenlijke_casus;
use super::steunroute::{aanbieders, vandaag};
use super::*;

fn verwijzing(jeugdige: i64, aanbieder: i64, product: &str, van: NaiveDate, dagen: u64) -> Value {
    json!({
        "jeugdige": jeugdige, "aanbieder": aanbieder,
        "situatie": {"onderwijssituatie": "dreigende_thuiszitter"},
        "verwijzing": {"product": product, "volume": 2, "eenheid": "uur", "per": "week",
                       "ingangsdatum": van, "einddatum": van + chrono::Days::new(dagen)},
    })
}

/// Every item of a list, page by page.
async fn alles(g: &Gebruiker, pad: &str) -> Vec<Value> {
    let mut items = Vec::new();
    for p in 1.. {
        let teken = if pad.contains('?') { '&' } else { '?' };
        let (s, _, b) = g
            .get(&format!("{pad}{teken}pagina={p}&perPagina=100"))
            .await;
        assert_eq!(s, StatusCode::OK, "{pad}: {b}");
        items.extend(b["items"].as_array().expect("items").iter().cloned());
        if p >= b["paginering"]["paginas"].as_i64().expect("paginas") {
            break;
        }
    }
    items
}

fn ids(items: &[Value]) -> Vec<i64> {
    items
        .iter()
        .map(|v| v["id"].as_i64().expect("id"))
        .collect()
}

fn datum(v: &Value, veld: &str) -> NaiveDate {
    v[veld].as_str().expect(veld).parse().expect("datum")
}

pub async fn lijstfilters_api(app: &App) {
    let w = &app.w;
    let route = aanbieders(app).await;
    let zc_a = app.login(ZC_A).await;
    let verwijzer = app.login(VERWIJZER).await;
    let (d, _) = gezamenlijke_casus(app, &zc_a).await;
    let ingang = verwijsdatum();
    for (product, van, dagen) in [
        ("behandeling_individueel_basis", ingang, 27),
        ("begeleiding_individueel_specialistisch", ingang, 6),
        (
            "begeleiding_individueel_specialistisch",
            ingang + chrono::Days::new(1),
            60,
        ),
    ] {
        let (s, _, v) = verwijzer
            .post(
                "/api/v1/verwijzingen",
                verwijzing(d.jeugdige, route.specialist, product, van, dagen),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let alle = alles(&verwijzer, "/api/v1/verwijzingen").await;
    assert_eq!(alle.len(), 3);
    let volgens = |regel: &dyn Fn(&Value) -> bool| {
        ids(&alle
            .iter()
            .filter(|v| regel(v))
            .cloned()
            .collect::<Vec<_>>())
    };
    let nu = vandaag();
    let dagen = |n| chrono::Days::new(n);
    let gevallen: Vec<(String, Vec<i64>)> = vec![
        (
            format!("school={}", w.school_a),
            volgens(&|v| v["jeugdige"] == d.jeugdige),
        ),
        (format!("school={}", w.school_b), vec![]),
        (
            "product=begeleiding_individueel_specialistisch".into(),
            volgens(&|v| v["product"] == "begeleiding_individueel_specialistisch"),
        ),
        (
            "periode=gestart".into(),
            volgens(&|v| (nu - dagen(30)..=nu).contains(&datum(v, "ingangsdatum"))),
        ),
        ("periode=afgelopen".into(), {
            let mut a: Vec<&Value> = alle.iter().filter(|v| datum(v, "einddatum") < nu).collect();
            a.sort_by_key(|v| (std::cmp::Reverse(datum(v, "einddatum")), v["id"].as_i64()));
            a.iter().map(|v| v["id"].as_i64().expect("id")).collect()
        }),
        ("periode=eindigt".into(), {
            let mut a: Vec<&Value> = alle
                .iter()
                .filter(|v| (nu..=nu + dagen(30)).contains(&datum(v, "einddatum")))
                .collect();
            a.sort_by_key(|v| (datum(v, "einddatum"), v["id"].as_i64()));
            a.iter().map(|v| v["id"].as_i64().expect("id")).collect()
        }),
        ("sorteer=ingangsdatum".into(), {
            let mut a: Vec<&Value> = alle.iter().collect();
            a.sort_by_key(|v| std::cmp::Reverse((datum(v, "ingangsdatum"), v["id"].as_i64())));
            a.iter().map(|v| v["id"].as_i64().expect("id")).collect()
        }),
        ("sorteer=einddatum".into(), {
            let mut a: Vec<&Value> = alle.iter().collect();
            a.sort_by_key(|v| (datum(v, "einddatum"), v["id"].as_i64()));
            a.iter().map(|v| v["id"].as_i64().expect("id")).collect()
        }),
    ];
    for (vraag, verwacht) in gevallen {
        let gevonden = ids(&alles(&verwijzer, &format!("/api/v1/verwijzingen?{vraag}")).await);
        assert_eq!(gevonden, verwacht, "{vraag}");
    }
    // The product and the start narrow the list to one.
    assert_eq!(
        volgens(&|v| v["product"] == "behandeling_individueel_basis").len(),
        1,
        "the rule narrows"
    );

    // Every wrong choice at once, each named with what is allowed.
    let fout = verwijzer
        .get("/api/v1/verwijzingen?periode=ooit&sorteer=lengte&product=fiets")
        .await;
    assert_eq!(ongeldig(&fout), ["periode", "sorteer", "product"]);
    let redenen = fout.2["invalidParams"].to_string();
    for woorden in [
        "verwacht gestart, eindigt of afgelopen",
        "verwacht ingangsdatum of einddatum",
        "fiets is geen product van deze installatie; verwacht ",
        "behandeling_individueel_basis",
    ] {
        assert!(redenen.contains(woorden), "{woorden}: {redenen}");
    }
    assert_eq!(
        ongeldig(&verwijzer.get("/api/v1/verwijzingen?school=abc").await),
        ["school"]
    );

    // The hulpvragen: by school, when asked, the oldest first.
    let alle = alles(&zc_a, "/api/v1/hulpvragen?open=false").await;
    assert!(!alle.is_empty());
    let mut nieuwste: Vec<&Value> = alle.iter().collect();
    nieuwste.sort_by_key(|h| {
        std::cmp::Reverse((h["aangemaakt"].as_str().map(String::from), h["id"].as_i64()))
    });
    let nieuwste: Vec<i64> = nieuwste
        .iter()
        .map(|h| h["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(ids(&alle), nieuwste, "the newest first");
    let mut school_a = Vec::new();
    for h in &alle {
        let (_, _, j) = zc_a
            .get(&format!("/api/v1/jeugdigen/{}", h["jeugdige"]))
            .await;
        if j["school"] == w.school_a {
            school_a.push(h["id"].as_i64().expect("id"));
        }
    }
    assert!(!school_a.is_empty());
    for (vraag, verwacht) in [
        (format!("school={}", w.school_a), school_a),
        (format!("school={}", w.school_b), vec![]),
        ("periode=week".into(), nieuwste.clone()),
        ("periode=maand".into(), nieuwste.clone()),
        ("periode=ouder".into(), vec![]),
        (
            "sorteer=oudste".into(),
            nieuwste.iter().rev().copied().collect(),
        ),
    ] {
        let gevonden = ids(&alles(&zc_a, &format!("/api/v1/hulpvragen?open=false&{vraag}")).await);
        assert_eq!(gevonden, verwacht, "{vraag}");
    }
    let fout = zc_a
        .get("/api/v1/hulpvragen?stand=ergens&periode=gisteren&sorteer=lengte")
        .await;
    assert_eq!(ongeldig(&fout), ["stand", "periode", "sorteer"]);
    let redenen = fout.2["invalidParams"].to_string();
    for woorden in [
        "verwacht te_trieren, oppakken, bij_ons of overgedragen",
        "verwacht week, maand of ouder",
        "verwacht nieuwste of oudste",
    ] {
        assert!(redenen.contains(woorden), "{woorden}: {redenen}");
    }
}
