//! A jeugdige's data changed and a brother or sister added from the web,
//! on each backend: the API's checks at the fields, the version the form
//! was read at (a stale form overwrites nothing), need-to-know, and a
//! refused form that stores and logs nothing.

use super::web::Browser;
use super::*;

pub async fn web_gezin(app: &App) {
    let o = app.opslag.as_ref();
    let api_zc = app.login(ZC_A).await;
    let d = dossier(app, &api_zc, BSNS[0]).await;
    let pad = format!("/jeugdigen/{}", d.jeugdige);
    let wijzigen = format!("{pad}/wijzigen");
    let toevoegen = format!("{pad}/broer-of-zus");
    let zc = Browser::nieuw(app);
    let csrf = zc.inloggen(ZC_A).await;
    let pagina = zc.get(&pad).await;
    assert!(pagina.html.contains(&format!("href=\"{wijzigen}\"")));
    assert!(pagina.html.contains(&format!("href=\"{toevoegen}\"")));
    let scherm = zc.get(&wijzigen).await;
    assert_eq!(scherm.status, StatusCode::OK);
    assert_eq!(scherm.verborgen("versie"), "1");
    let school_a = app.w.school_a.to_string();
    let velden = |versie: &'static str, postcode: &'static str, school: &str| {
        vec![
            ("csrf", csrf.clone()),
            ("versie", versie.to_string()),
            ("voornaam", VOORNAAM.to_string()),
            ("achternaam", ACHTERNAAM.to_string()),
            ("postcode", postcode.to_string()),
            ("huisnummer", "30".to_string()),
            ("toevoeging", String::new()),
            ("school", school.to_string()),
        ]
    };
    let stuur = |pad: String, v: Vec<(&'static str, String)>| {
        let zc = &zc;
        async move {
            let paren: Vec<(&str, &str)> = v.iter().map(|(k, w)| (*k, w.as_str())).collect();
            zc.post(&pad, &paren).await
        }
    };
    let huidig = || async {
        o.jeugdige(d.jeugdige)
            .await
            .expect("lees")
            .expect("jeugdige")
    };
    let voor = app.audit().await.len();

    let p = stuur(wijzigen.clone(), velden("1", "13AB", &school_a)).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"postcode-fout\""), "{}", p.html);
    let p = stuur(wijzigen.clone(), velden("0", "1315AB", &school_a)).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        p.html
            .contains("Iemand anders heeft dit intussen gewijzigd"),
        "{}",
        p.html
    );
    assert_eq!(huidig().await.versie, 1, "nothing changed");
    assert!(
        app.audit().await[voor..]
            .iter()
            .all(|r| r.record.gebeurtenis != "jeugdige.wijzigen"
                || r.record.uitkomst != Uitkomst::Toegestaan),
        "no change logged as made"
    );

    let p = stuur(wijzigen.clone(), velden("1", "1315 ab", &school_a)).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), format!("{pad}?gelukt=gewijzigd"));
    let j = huidig().await;
    assert_eq!((j.versie, j.gegevens.huisnummer.waarde()), (2, 30));
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "jeugdige.wijzigen"
                && r.record.object_id == Some(d.jeugdige)
                && r.record.bron.starts_with("web "))
    );
    assert!(
        zc.get(p.naar())
            .await
            .html
            .contains("De gegevens zijn gewijzigd.")
    );

    // A toevoeging typed with the number (issue 16.6): the number for the
    // address lookup, the toevoeging kept; two different ones are named.
    let met = |huisnummer: &str, toevoeging: &str| {
        let mut v = velden("2", "1315AB", &school_a);
        v[5].1 = huisnummer.into();
        v[6].1 = toevoeging.into();
        v
    };
    let p = stuur(wijzigen.clone(), met("30 bis", "a")).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("Er staan twee toevoegingen"), "{}", p.html);
    let p = stuur(wijzigen.clone(), met("30/2", "")).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        p.html.contains("bijvoorbeeld 12, 12a, 12-2 of 12 bis"),
        "{}",
        p.html
    );
    let p = stuur(wijzigen.clone(), met("30 bis", "")).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let j = huidig().await;
    assert_eq!(
        (
            j.versie,
            j.gegevens.huisnummer.waarde(),
            j.gegevens.toevoeging.as_deref()
        ),
        (3, 30, Some("bis"))
    );

    // A brother or sister: address and surname taken over, the BSN checked.
    let scherm = zc.get(&toevoegen).await;
    assert!(
        scherm.html.contains("value=\"30\""),
        "the address is taken over"
    );
    // The date field: a Dutch example, and the browser may fill in a birth date.
    assert!(scherm.html.contains("Bijvoorbeeld 4 december 2026."));
    assert!(
        scherm
            .html
            .contains("name=\"geboortedatum\" value=\"\" autocomplete=\"bday\""),
        "{}",
        scherm.html
    );
    let broer = |bsn: &'static str, school: &str, omschrijving: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("bsn", bsn.to_string()),
            ("voornaam", "Pieternella".to_string()),
            ("achternaam", ACHTERNAAM.to_string()),
            // As people write it (issue 16.6): "2 januari 2018".
            ("geboortedatum", "2 januari 2018".to_string()),
            ("postcode", "1315AB".to_string()),
            ("huisnummer", "30".to_string()),
            ("school", school.to_string()),
            ("omschrijving", omschrijving.to_string()),
        ]
    };
    let voor = app.audit().await.len();
    let p = stuur(toevoegen.clone(), broer("123456789", &school_a, "")).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"bsn-fout\""));
    // Every error at once: an unreadable date and a wrong BSN together.
    let mut zonder_datum = broer("123456789", &school_a, "");
    zonder_datum[4].1 = String::new();
    let p = stuur(toevoegen.clone(), zonder_datum).await;
    assert!(p.html.contains("id=\"bsn-fout\"") && p.html.contains("id=\"geboortedatum-fout\""));
    let mut onzin = broer("123456789", &school_a, "");
    onzin[4].1 = "31 juni 2018".into();
    let p = stuur(toevoegen.clone(), onzin).await;
    assert!(
        p.html
            .contains("Vul een datum in, bijvoorbeeld 4 december 2026."),
        "{}",
        p.html
    );
    // A question for a pupil of another school is not the school's to register.
    let school_b = app.w.school_b.to_string();
    let p = stuur(
        toevoegen.clone(),
        broer(BSNS[2], &school_b, "Slaapt slecht"),
    )
    .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"omschrijving-fout\""), "{}", p.html);
    assert!(
        o.jeugdige_op_bsn(&bsn(BSNS[2]))
            .await
            .expect("bsn")
            .is_none()
    );
    assert!(
        app.audit().await[voor..]
            .iter()
            .all(|r| r.record.gebeurtenis == "jeugdige.lezen"),
        "a refused form stores nothing: only the read of the sibling it names is logged"
    );

    let p = stuur(
        toevoegen.clone(),
        broer(BSNS[2], &school_a, "Slaapt slecht"),
    )
    .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert!(p.naar().starts_with("/hulpvragen/"), "{}", p.naar());
    let nieuw = o
        .jeugdige_op_bsn(&bsn(BSNS[2]))
        .await
        .expect("bsn")
        .expect("added");
    assert_eq!(nieuw.huishouden, d.huishouden, "one household");
    assert_eq!(
        nieuw.geboortedatum,
        chrono::NaiveDate::from_ymd_opt(2018, 1, 2).expect("datum")
    );
    let gebeurtenissen: Vec<String> = app.audit().await[voor..]
        .iter()
        .map(|r| r.record.gebeurtenis.clone())
        .collect();
    assert!(gebeurtenissen.contains(&"jeugdige.aanmaken".to_string()));
    assert!(gebeurtenissen.contains(&"hulpvraag.aanmaken".to_string()));

    // Another school neither reads nor changes the form.
    let ander = Browser::nieuw(app);
    let ander_csrf = ander.inloggen(ZC_B).await;
    assert_eq!(ander.get(&wijzigen).await.status, StatusCode::FORBIDDEN);
    let mut v = velden("3", "1354AB", &school_b);
    v[0].1 = ander_csrf;
    let paren: Vec<(&str, &str)> = v.iter().map(|(k, w)| (*k, w.as_str())).collect();
    assert_eq!(
        ander.post(&wijzigen, &paren).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(huidig().await.versie, 3);

    // School A does not write its pupil into school B's list (issue 12):
    // that is school B's act, or the parents'. The error at the field.
    let p = stuur(wijzigen.clone(), velden("3", "1315AB", &school_b)).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"school-fout\""), "{}", p.html);
    assert_eq!(huidig().await.gegevens.school, Some(app.w.school_a));
    // The pupil leaves: school A no longer sees them.
    let p = stuur(wijzigen.clone(), velden("3", "1315AB", "")).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), "/jeugdigen?gelukt=overgeschreven");
    assert_eq!(huidig().await.gegevens.school, None);

    web_casus_openen(app).await;
}

/// The casusregisseur opens a case for a household the wijkteam registered:
/// one household, one open case; other roles are refused.
async fn web_casus_openen(app: &App) {
    let o = app.opslag.as_ref();
    let b = Browser::nieuw(app);
    let csrf = b.inloggen(REGISSEUR).await;
    // The wijkteam registers a family with its question and takes it on.
    let velden = [
        ("csrf", csrf.as_str()),
        ("bsn", BSNS[3]),
        ("voornaam", VOORNAAM),
        ("achternaam", ACHTERNAAM),
        ("geboortedatum", "2014-09-30"),
        ("postcode", "1354AB"),
        ("huisnummer", "12"),
        ("ouder", OUDER),
        ("relatie", "ouder"),
        ("omschrijving", "Schulden en zorgen om de kinderen"),
    ];
    let p = b.post("/jeugdigen/nieuw", &velden).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let vraag = p.naar()["/hulpvragen/".len()..]
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let p = b
        .post(
            &format!("/hulpvragen/{vraag}/triage"),
            &[
                ("csrf", csrf.as_str()),
                ("uitkomst", "gemeente"),
                ("wijkteam", &app.w.wijkteam.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let link = format!("/casussen/nieuw?hulpvraag={vraag}");
    let pagina = b.get(&format!("/hulpvragen/{vraag}")).await;
    assert!(
        pagina.html.contains(&format!("href=\"{link}\"")),
        "{}",
        pagina.html
    );
    assert_eq!(b.get(&link).await.status, StatusCode::OK);
    let jgz = app.w.jgz.to_string();
    let velden = [
        ("csrf", csrf.as_str()),
        ("jeugdige", ""),
        ("hulpvraag", vraag.as_str()),
        ("partij", jgz.as_str()),
    ];
    let p = b.post("/casussen/nieuw", &velden).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let j = o
        .jeugdige_op_bsn(&bsn(BSNS[3]))
        .await
        .expect("bsn")
        .expect("registered");
    let casus = o
        .open_casus(j.huishouden)
        .await
        .expect("open_casus")
        .expect("opened");
    assert_eq!(p.naar(), format!("/casussen/{}", casus.id));
    assert_eq!(
        (casus.wijkteam, casus.partijen.clone()),
        (app.w.wijkteam, vec![app.w.jgz])
    );
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "casus.aanmaken"
                && r.record.uitkomst == Uitkomst::Toegestaan
                && r.record.bron.starts_with("web "))
    );
    // One household, one open case.
    let p = b.post("/casussen/nieuw", &velden).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(
        p.html
            .contains(&format!("al een open casus ({})", casus.id)),
        "{}",
        p.html
    );
    // Now the wijkteam works with the family: the child's page opens.
    assert_eq!(
        b.get(&format!("/jeugdigen/{}", j.id)).await.status,
        StatusCode::OK
    );

    // A zorgcoördinator opens no cases: refused and logged.
    let zc = Browser::nieuw(app);
    let zc_csrf = zc.inloggen(ZC_A).await;
    let api_zc = app.login(ZC_A).await;
    let d = dossier(app, &api_zc, BSNS[4]).await;
    let eigen = d.jeugdige.to_string();
    let p = zc
        .post(
            "/casussen/nieuw",
            &[("csrf", zc_csrf.as_str()), ("jeugdige", eigen.as_str())],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(
        o.open_casus(d.huishouden)
            .await
            .expect("open_casus")
            .is_none()
    );
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "casus.aanmaken"
                && r.record.uitkomst == Uitkomst::Geweigerd)
    );
}
