//! The region's set-up in the browser, on each backend (issue 13): the
//! beheerder registers an aanbieder, then sets a school's OJA arrangement
//! with that hoofdaanbieder and its contact person — errors at their
//! field, nothing stored; the change audited as from the web — and
//! others are refused.

use super::web::Browser;
use super::*;

pub async fn web_inrichting(app: &App) {
    let o = app.opslag.as_ref();
    let w = &app.w;
    let beheer = Browser::nieuw(app);
    let csrf = beheer.inloggen(BEHEERDER).await;
    let pagina = format!("/beheer/organisaties/{}", w.school_a);
    let overzicht = beheer.get("/beheer").await;
    assert!(
        overzicht.html.contains(&format!("href=\"{pagina}\"")),
        "{}",
        overzicht.html
    );
    assert!(
        overzicht
            .html
            .contains("href=\"/beheer/organisaties/nieuw\"")
    );

    // Registering an aanbieder: without its AGB the error is at the field.
    // The gemeente is chosen by name from the region's (issue 16.3).
    let nieuw = beheer.get("/beheer/organisaties/nieuw").await;
    assert_eq!(nieuw.status, StatusCode::OK);
    assert!(
        nieuw
            .html
            .contains("<option value=\"GM0034\">Almere</option>")
            && !nieuw.html.contains("Gemeentecode"),
        "{}",
        nieuw.html
    );
    let aantal = o
        .organisaties(schakel_storage::Pagina::new(1, 100))
        .await
        .expect("organisaties")
        .totaal;
    let p = beheer
        .post(
            "/beheer/organisaties",
            &[
                ("csrf", &csrf),
                ("naam", "Zorg Waterkant"),
                ("soort", "aanbieder"),
                ("agb", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"agb-fout\""), "{}", p.html);
    assert!(
        p.html.contains("value=\"Zorg Waterkant\""),
        "the input stays"
    );
    let p = beheer
        .post(
            "/beheer/organisaties",
            &[
                ("csrf", &csrf),
                ("naam", "Zorg Waterkant"),
                ("soort", "aanbieder"),
                ("agb", "12345678"),
                ("gemeente", "GM0034"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let lijst = o
        .organisaties(schakel_storage::Pagina::new(1, 100))
        .await
        .expect("organisaties");
    assert_eq!(lijst.totaal, aantal + 1);
    let aanbieder = lijst
        .items
        .iter()
        .find(|x| x.naam == "Zorg Waterkant")
        .expect("registered");
    assert_eq!(
        (aanbieder.soort, aanbieder.regio, aanbieder.gemeente.clone()),
        (
            OrganisatieSoort::Aanbieder,
            w.regio,
            Some(GemeenteCode::parse("GM0034").expect("gemeente"))
        )
    );
    assert_eq!(
        p.naar(),
        format!("/beheer/organisaties/{}?gelukt=ja", aanbieder.id)
    );
    let aanbieder = aanbieder.id;

    // The school's page: select lists with names.
    let scherm = beheer.get(&pagina).await;
    assert_eq!(scherm.status, StatusCode::OK);
    assert!(
        scherm.html.contains(&format!(
            "<option value=\"{aanbieder}\">Zorg Waterkant</option>"
        )),
        "{}",
        scherm.html
    );
    assert!(
        scherm
            .html
            .contains("<option value=\"Watertuin\">OJA Watertuin</option>")
    );
    let leeg = o
        .directory_gegevens(w.school_a)
        .await
        .expect("directory")
        .expect("school");
    let voor = app.audit().await.len();
    for (velden, fout) in [
        (
            [
                ("contactpersoon", "niemand@school-a.test"),
                ("arrangement", "Watertuin"),
            ],
            "contactpersoon-fout",
        ),
        (
            [("contactpersoon", ZC_A), ("arrangement", "Kwekerij")],
            "arrangement-fout",
        ),
        (
            [("contactpersoon", VERWIJZER), ("arrangement", "")],
            "contactpersoon-fout",
        ),
    ] {
        let mut formulier = vec![("csrf", csrf.as_str()), ("hoofdaanbieder", "")];
        formulier.extend(velden);
        let p = beheer.post(&pagina, &formulier).await;
        assert_eq!(p.status, StatusCode::BAD_REQUEST, "{velden:?}: {}", p.html);
        assert!(
            p.html.contains(&format!("id=\"{fout}\"")),
            "{velden:?}: {}",
            p.html
        );
        assert_eq!(
            o.directory_gegevens(w.school_a).await.expect("directory"),
            Some(leeg.clone())
        );
    }
    assert_eq!(
        app.audit().await.len(),
        voor,
        "refused by the checks: nothing audited"
    );
    let id = aanbieder.to_string();
    let p = beheer
        .post(
            &pagina,
            &[
                ("csrf", &csrf),
                ("contactpersoon", ZC_A),
                ("arrangement", "Watertuin"),
                ("hoofdaanbieder", &id),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), format!("{pagina}?gelukt=ja"));
    let nu = o
        .directory_gegevens(w.school_a)
        .await
        .expect("directory")
        .expect("school");
    assert_eq!(
        (nu.contactpersoon, nu.oja),
        (
            Some(w.medewerker(ZC_A)),
            Some(schakel_storage::OjaArrangement {
                arrangement: "Watertuin".into(),
                hoofdaanbieder: Some(aanbieder),
                ..Default::default()
            })
        )
    );
    let r = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (r.gebeurtenis.as_str(), r.object_id),
        ("organisatie.toegangsroute", Some(w.school_a))
    );
    assert!(r.bron.starts_with("web "), "{}", r.bron);
    let opnieuw = beheer.get(&format!("{pagina}?gelukt=ja")).await;
    assert!(opnieuw.html.contains("Opgeslagen."), "{}", opnieuw.html);
    assert!(opnieuw.html.contains(&format!(
        "<option value=\"{aanbieder}\" selected>Zorg Waterkant</option>"
    )));

    // Only for the beheerder.
    let zc = Browser::nieuw(app);
    let zc_csrf = zc.inloggen(ZC_A).await;
    assert_eq!(zc.get(&pagina).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        zc.get("/beheer/organisaties/nieuw").await.status,
        StatusCode::FORBIDDEN
    );
    let p = zc
        .post(
            &pagina,
            &[
                ("csrf", &zc_csrf),
                ("contactpersoon", ""),
                ("arrangement", ""),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(
        o.directory_gegevens(w.school_a)
            .await
            .expect("directory")
            .expect("school")
            .oja
            .map(|a| a.arrangement),
        Some("Watertuin".into())
    );
}
