//! The advisor and the check for one jeugdige on the web (issue 17.3):
//! opened from the dossier page, need to know as the API's
//! `"jeugdige"` (every attempt logged as `normenkader.advies`, from the
//! web), the pupil's own region's rules — Almere's, Lindeloo's, or for
//! Zeewolde none and its regular route — whatever its (Almere) school.

use super::regios::{adressen, drie_regios, leerling};
use super::web::{Browser, Pagina};
use super::*;

/// The `normenkader.advies` records since record `voor`: (jeugdige,
/// outcome), each from the web.
async fn adviesreads(app: &App, voor: usize) -> Vec<(Option<i64>, Uitkomst)> {
    let audit = app.audit().await;
    audit[voor..]
        .iter()
        .filter(|r| r.record.gebeurtenis == "normenkader.advies")
        .map(|r| {
            assert!(r.record.bron.starts_with("web "), "{:?}", r.record);
            (r.record.object_id, r.record.uitkomst)
        })
        .collect()
}

fn heeft(p: &Pagina, delen: &[&str]) {
    for d in delen {
        assert!(p.html.contains(d), "{d} missing:\n{}", p.html);
    }
}

fn mist(p: &Pagina, delen: &[&str]) {
    for d in delen {
        assert!(!p.html.contains(d), "{d} present:\n{}", p.html);
    }
}

/// The dossier page links to the advisor (and for the verwijzer the
/// check) for this pupil, by id only; the page names the pupil, its
/// woongemeente and school, takes the birth date from the dossier and
/// gives Almere's advice; every view logged.
async fn almere_leerling(app: &App, b: &Browser, almere: i64) {
    let p = b.get(&format!("/jeugdigen/{almere}")).await;
    heeft(
        &p,
        &[
            &format!(r#"<a href="/jeugdigen/{almere}/advies">Advies voor deze jeugdige</a>"#),
            &format!(r#"<a href="/jeugdigen/{almere}/toets">Toets voor deze jeugdige</a>"#),
        ],
    );
    let voor = app.audit().await.len();
    let p = b.get(&format!("/jeugdigen/{almere}/advies")).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    for geheim in NAMEN.iter().chain(BSNS.iter()) {
        assert!(!p.titel().contains(geheim), "title holds {geheim}");
    }
    heeft(
        &p,
        &[
            VOORNAAM,
            r#"<dd id="woongemeente">Almere</dd>"#,
            "<dd>Basisschool De Regenboog</dd>",
            "<dd>12 mei 2016</dd>",
            &format!(r#"action="/jeugdigen/{almere}/advies""#),
            // No situation in the dossier: the form asks it.
            r#"id="onderwijssituatie""#,
        ],
    );
    mist(
        &p,
        &[
            r#"id="gemeente""#,
            r#"name="geboortedatum""#,
            "GM0034",
            "Advies volgens",
            "<h2 id=\"uitkomst-kop\">",
        ],
    );
    assert_eq!(
        adviesreads(app, voor).await,
        [(Some(almere), Uitkomst::Toegestaan)]
    );
    let csrf = p.verborgen("csrf");
    let peildatum = verwijsdatum().to_string();
    let pad = format!("/jeugdigen/{almere}/advies");
    let velden = [
        ("onderwijssituatie", "volledig_onderwijs"),
        ("peildatum", peildatum.as_str()),
        // A birth date sent along is not used: the dossier's counts.
        ("geboortedatum", "2001-01-01"),
    ];
    // Without the session's token nothing is read or logged.
    let voor = app.audit().await.len();
    let p = b.post(&pad, &velden).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(adviesreads(app, voor).await, []);
    let mut met_token = vec![("csrf", csrf.as_str())];
    met_token.extend(velden);
    let p = b.post(&pad, &met_token).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    heeft(
        &p,
        &[
            "<h2 id=\"uitkomst-kop\">Advies</h2>",
            "<dt>Normenkader</dt><dd>Almere ",
            "jaar (",
            // The referral form for this pupil, by id.
            &format!(r#"href="/verwijzingen/nieuw?jeugdige={almere}&amp;product="#),
        ],
    );
    let leeftijd = {
        use chrono::Datelike;
        let d = verwijsdatum();
        d.year() - 2016 - i32::from((d.month(), d.day()) < (5, 12))
    };
    heeft(&p, &[&format!("<dd>{leeftijd} jaar (")]);
    assert_eq!(
        adviesreads(app, voor).await,
        [(Some(almere), Uitkomst::Toegestaan)]
    );
}

/// The Lindeloo pupil (its situation in the dossier): Lindeloo's advice
/// at once, the situation not asked; its check by Lindeloo's rules. The
/// Zeewolde pupil: no advice, Zeewolde's regular route.
async fn andere_regios(b: &Browser, zeewolde: i64, lindeloo: i64) {
    let p = b.get(&format!("/jeugdigen/{lindeloo}/advies")).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    heeft(
        &p,
        &[
            r#"<dd id="woongemeente">Lindeloo</dd>"#,
            "Gaat de hele week naar school",
            "<h2 id=\"uitkomst-kop\">Advies</h2>",
            "Ambulante begeleiding",
            r#"id="peildatum""#,
        ],
    );
    mist(&p, &[r#"id="onderwijssituatie""#, r#"value="kolibrie""#]);
    let csrf = p.verborgen("csrf");
    let pad = format!("/jeugdigen/{lindeloo}/advies");
    // A situation that differs from the dossier is refused as by the API,
    // at the situation's field, which the form then shows.
    let p = b
        .post(&pad, &[("csrf", &csrf), ("onderwijssituatie", "zorgklas")])
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    heeft(
        &p,
        &[
            "Wijkt af van het dossier: daar is de onderwijssituatie",
            r#"<select id="onderwijssituatie" name="onderwijssituatie" aria-describedby="onderwijssituatie-uitleg onderwijssituatie-fout" aria-invalid="true">"#,
        ],
    );
    mist(&p, &["<h2 id=\"uitkomst-kop\">"]);
    // Before the situation was recorded the dossier does not know it: the
    // form asks it.
    let eerder = (verwijsdatum() - chrono::Days::new(30)).to_string();
    let p = b
        .post(&pad, &[("csrf", &csrf), ("peildatum", &eerder)])
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    heeft(
        &p,
        &[
            "Niet vastgelegd in het dossier",
            r##"<a href="#onderwijssituatie">Onderwijssituatie:"##,
        ],
    );

    let p = b.get(&format!("/jeugdigen/{lindeloo}/toets")).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    mist(&p, &["Uitkomst van de toets"]);
    let van = verwijsdatum().to_string();
    let p = b
        .post(
            &format!("/jeugdigen/{lindeloo}/toets"),
            &[
                ("csrf", &p.verborgen("csrf")),
                ("product", "ambulante_begeleiding"),
                ("volume", "2"),
                ("eenheid", "uur"),
                ("per", "week"),
                ("ingangsdatum", &van),
                ("einddatum", &van),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    heeft(&p, &["Uitkomst van de toets", "lindeloo "]);

    let p = b.get(&format!("/jeugdigen/{zeewolde}/advies")).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    heeft(
        &p,
        &[
            r#"<dd id="woongemeente">Zeewolde</dd>"#,
            "Geen normenkader voor deze gemeente",
            "Zeewolde hoort bij regio Zeewolde, die geen normenkader in Schakel heeft.",
            "Voor een jeugdige die in Zeewolde woont geldt",
            "de reguliere route",
        ],
    );
    mist(
        &p,
        // No form (nothing to ask), and no CBS code on the page.
        &[
            "<h2 id=\"uitkomst-kop\">",
            r#"action="/jeugdigen"#,
            "GM0050",
        ],
    );
}

/// Need to know as through the API: no relation, an unknown id and an
/// ended relation are refused with the web's refusal page, logged.
async fn geweigerd(app: &App, almere: i64) {
    let zc_a = app.login(ZC_A).await;
    // A case closed two months ago: the JGZ was party to it.
    let (d, _) = super::noodtoegang::casus_van_wijkteam(
        app,
        &zc_a,
        BSNS[3],
        Some(chrono::Utc::now() - chrono::Months::new(2)),
    )
    .await;
    let verwijzer = Browser::nieuw(app);
    verwijzer.inloggen(VERWIJZER).await;
    let ander = Browser::nieuw(app);
    ander.inloggen(ZC_B).await;
    let onbekend = 999_999;
    for (b, id, pagina) in [
        (&ander, almere, "advies"),
        (&ander, almere, "toets"),
        (&ander, onbekend, "advies"),
        (&verwijzer, d.jeugdige, "advies"),
        (&verwijzer, d.jeugdige, "toets"),
    ] {
        let voor = app.audit().await.len();
        let p = b.get(&format!("/jeugdigen/{id}/{pagina}")).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{id} {pagina}");
        heeft(
            &p,
            &["U heeft geen relatie met deze jeugdige die inzage rechtvaardigt"],
        );
        mist(&p, &[VOORNAAM, ACHTERNAAM, "woongemeente"]);
        assert_eq!(
            adviesreads(app, voor).await,
            [(Some(id), Uitkomst::Geweigerd)],
            "{id} {pagina}"
        );
    }
    // A sent form is refused and logged likewise.
    let csrf = ander.get("/advies").await.verborgen("csrf");
    let voor = app.audit().await.len();
    let p = ander
        .post(
            &format!("/jeugdigen/{almere}/advies"),
            &[("csrf", &csrf), ("onderwijssituatie", "volledig_onderwijs")],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(
        adviesreads(app, voor).await,
        [(Some(almere), Uitkomst::Geweigerd)]
    );
    // The API answers the ended relation alike.
    let (s, _, _) = app
        .login(VERWIJZER)
        .await
        .post(
            "/api/v1/normenkader/adviezen",
            json!({"jeugdige": d.jeugdige}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

async fn web_advies_voor_jeugdige(app: &App) {
    adressen(app).await;
    let zc = app.login(ZC_A).await;
    let almere = leerling(app, &zc, BSNS[0], "1315AB", 12).await;
    let zeewolde = leerling(app, &zc, BSNS[1], "3891AA", 7).await;
    let lindeloo = leerling(app, &zc, BSNS[2], "9999ZZ", 1).await;
    let (s, _, b) = zc
        .post(
            &format!("/api/v1/jeugdigen/{lindeloo}/onderwijssituaties"),
            json!({"onderwijssituatie": "hele_week_school", "van": verwijsdatum()}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");

    // The zorgcoördinator: the advisor for its pupil, not the check (its
    // navigation offers no check).
    let school = Browser::nieuw(app);
    school.inloggen(ZC_A).await;
    let p = school.get(&format!("/jeugdigen/{almere}")).await;
    heeft(&p, &[&format!(r#"href="/jeugdigen/{almere}/advies""#)]);
    mist(&p, &[&format!(r#"href="/jeugdigen/{almere}/toets""#)]);

    let b = Browser::nieuw(app);
    b.inloggen(VERWIJZER).await;
    almere_leerling(app, &b, almere).await;
    andere_regios(&b, zeewolde, lindeloo).await;
    geweigerd(app, almere).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_advies_voor_jeugdige_sqlite() {
    let app = App::sqlite_met(drie_regios()).await;
    web_advies_voor_jeugdige(&app).await;
    app.klaar().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn web_advies_voor_jeugdige_postgres() {
    let Some(app) = App::postgres_met(drie_regios()).await else {
        return;
    };
    web_advies_voor_jeugdige(&app).await;
    app.klaar().await;
}
