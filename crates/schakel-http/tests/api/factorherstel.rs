//! A lost second factor removed by a beheerder (issue 13.3), on both
//! databases: a zorgcoördinator enrols an authenticator app and logs in;
//! the region's beheerder removes her factors on her page (the button is
//! there only while she has one); her session ends at once, and her next
//! login goes to enrolment. Through the API the same, for the
//! accountbeheerder of her own organisation; refused (403, audited) for
//! one of another organisation and for anyone else; not for the own
//! account.

use super::tweedefactor::{browser as client, geactiveerd, schrijf_in, tweede_stap};
use super::web::Browser;
use super::*;

const EMAIL: &str = "zc.kwijt@regenboog.example";

async fn stap1(app: &App, http: &reqwest::Client) -> (StatusCode, Value) {
    let r = http
        .post(app.u("/api/v1/sessies"))
        .json(&json!({"email": EMAIL, "wachtwoord": WACHTWOORD}))
        .send()
        .await
        .expect("POST /sessies");
    let (s, _, b) = lees(r).await;
    (s, b)
}

async fn huidige(app: &App, http: &reqwest::Client) -> StatusCode {
    http.get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige")
        .status()
}

/// An accountbeheerder (demo: password only) at `organisatie`.
async fn accountbeheerder(app: &App, email: &str, organisatie: i64) {
    app.opslag
        .maak_medewerker(&NieuweMedewerker {
            naam: format!("Accountbeheer {email}"),
            email: email.into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![Roltoewijzing {
                rol: Rol::Accountbeheerder,
                organisatie,
            }],
        })
        .await
        .expect("accountbeheerder");
}

pub(crate) async fn tweede_factor_verwijderen(app: &App) {
    let w = &app.w;
    let (id, web) = geactiveerd(app, "Zorgcoördinator Kwijt", EMAIL).await;
    schrijf_in(&web, &app.u(""), EMAIL).await;
    let zc = client(app);
    assert_eq!(stap1(app, &zc).await.1["stap"], "controle");
    let (s, b) = tweede_stap(&zc, &app.u(""), EMAIL).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(huidige(app, &zc).await, StatusCode::OK);

    // The beheerder's page of her account: the button, while she has one.
    let beheer = Browser::nieuw(app);
    let csrf = beheer.inloggen(BEHEERDER).await;
    let pagina = format!("/beheer/medewerkers/{id}");
    let scherm = beheer.get(&pagina).await;
    assert!(scherm.html.contains("Ingesteld (1)"), "{}", scherm.html);
    assert!(scherm.html.contains("Tweede factor verwijderen"));
    let p = beheer
        .post(&format!("{pagina}/tweede-factoren"), &[("csrf", &csrf)])
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(p.naar(), format!("{pagina}?gelukt=factoren"));
    let scherm = beheer.get(p.naar()).await;
    assert!(
        scherm.html.contains("De tweede factor is verwijderd"),
        "{}",
        scherm.html
    );
    assert!(scherm.html.contains("Niet ingesteld"));
    assert!(!scherm.html.contains("Tweede factor verwijderen"));
    // Who removed whose factors: in the log, from the web.
    let r = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (
            r.gebeurtenis.as_str(),
            r.actie,
            r.uitkomst,
            r.gebruiker,
            r.object_id
        ),
        (
            "tweede_factor.verwijderen",
            Actie::Verwijderen,
            Uitkomst::Toegestaan,
            Some(w.medewerker(BEHEERDER)),
            Some(id)
        )
    );
    assert!(
        r.grond
            .as_deref()
            .is_some_and(|g| g.starts_with("beheerder_regio; 1 tweede factor")),
        "{:?}",
        r.grond
    );
    assert!(r.bron.starts_with("web "), "{}", r.bron);
    // Her session is over at once; her next login enrols anew.
    assert_eq!(huidige(app, &zc).await, StatusCode::UNAUTHORIZED);
    assert!(
        app.opslag
            .tweede_factoren(id)
            .await
            .expect("factoren")
            .is_empty()
    );
    assert_eq!(app.opslag.herstelcodes_over(id).await.expect("codes"), 0);
    let (s, b) = stap1(app, &client(app)).await;
    assert_eq!(
        (s, b["stap"].as_str()),
        (StatusCode::ACCEPTED, Some("inschrijven")),
        "{b}"
    );

    // Through the API: the accountbeheerder of another school is refused
    // and logged; the one of her own school may.
    accountbeheerder(app, "accounts@school-b.test", w.school_b).await;
    accountbeheerder(app, "accounts@school-a.test", w.school_a).await;
    let pad = format!("/api/v1/medewerkers/{id}/tweede-factoren");
    let verwijder = |g: &Gebruiker, pad: String| {
        let v = g.verzoek(Method::DELETE, &pad);
        async move { lees(v.send().await.expect("DELETE")).await }
    };
    let b_beheer = app.login("accounts@school-b.test").await;
    let antwoord = verwijder(&b_beheer, pad.clone()).await;
    probleem(&antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    let r = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (
            r.gebeurtenis.as_str(),
            r.uitkomst,
            r.object_id,
            r.grond.as_deref()
        ),
        (
            "tweede_factor.verwijderen",
            Uitkomst::Geweigerd,
            Some(id),
            Some("andere_organisatie")
        )
    );
    let a_beheer = app.login("accounts@school-a.test").await;
    let (s, _, body) = verwijder(&a_beheer, pad.clone()).await;
    assert_eq!((s, body), (StatusCode::NO_CONTENT, Value::Null));
    let r = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (r.uitkomst, r.grond.as_deref()),
        (
            Uitkomst::Toegestaan,
            Some(
                "accountbeheerder_organisatie; 0 tweede factor(en) en herstelcodes verwijderd, sessies beëindigd"
            )
        )
    );
    // Anyone else: 403, logged; the own account: 400 naming it.
    let zc_a = app.login(ZC_A).await;
    probleem(
        &verwijder(&zc_a, pad.clone()).await,
        StatusCode::FORBIDDEN,
        "geen-toegang",
    );
    let eigen = app.login(BEHEERDER).await;
    let antwoord = verwijder(
        &eigen,
        format!(
            "/api/v1/medewerkers/{}/tweede-factoren",
            w.medewerker(BEHEERDER)
        ),
    )
    .await;
    assert_eq!(ongeldig(&antwoord), ["id"]);
}
