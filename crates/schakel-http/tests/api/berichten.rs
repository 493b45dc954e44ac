//! Dates in human text are Dutch (issue 16.3b): the messages of a set of
//! error cases — problem+json `detail` and `invalidParams` reasons, and a
//! web form's messages — hold no ISO date (`2026-12-04`) but "4 december
//! 2026". API JSON values stay ISO; what a client sent is echoed as sent
//! (a reason may quote the bad value first, to name its field), so that
//! echo is left out of the scan.

use super::web::Browser;
use super::*;

/// Every `dddd-dd-dd` in `tekst`.
fn iso_datums(tekst: &str) -> Vec<String> {
    let b = tekst.as_bytes();
    (0..b.len().saturating_sub(9))
        .filter(|&i| {
            b[i..i + 10].iter().enumerate().all(|(j, c)| {
                if j == 4 || j == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
        })
        .map(|i| tekst[i..i + 10].to_string())
        .collect()
}

/// The human text of a problem: its detail and every reason, without the
/// values the client sent (`echo`).
fn probleemtekst(antwoord: &(StatusCode, HeaderMap, Value), echo: &[&str]) -> String {
    let body = probleem(antwoord, StatusCode::BAD_REQUEST, "ongeldige-invoer");
    let mut tekst = body["detail"].as_str().unwrap_or_default().to_string();
    for v in body["invalidParams"].as_array().into_iter().flatten() {
        tekst.push('\n');
        tekst.push_str(v["reason"].as_str().unwrap_or_default());
    }
    for e in echo {
        tekst = tekst.replace(&format!("\"{e}\""), "«invoer»");
    }
    tekst
}

/// A page's visible text: without its tags, so without the values of its
/// form fields (what the user typed stays as typed).
fn paginatekst(html: &str) -> String {
    let mut uit = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => uit.push(c),
            _ => {}
        }
    }
    uit
}

pub async fn berichten_met_nederlandse_datums(app: &App) {
    let zc = app.login(ZC_A).await;
    let mut teksten = Vec::new();
    // The advisor: a peildatum before the birth date.
    let a = zc
        .post(
            "/api/v1/normenkader/adviezen",
            json!({"geboortedatum": "2016-05-12", "peildatum": "2015-01-01",
                   "onderwijssituatie": "volledig_onderwijs"}),
        )
        .await;
    teksten.push(("advies", probleemtekst(&a, &[])));
    // The check of a referral: its end before its start.
    let t = zc
        .post(
            "/api/v1/normenkader/toetsingen",
            json!({"situatie": {"geboortedatum": "2016-05-12", "peildatum": "2026-11-23",
                                "onderwijssituatie": "volledig_onderwijs"},
                   "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 3.0,
                                  "eenheid": "uur", "per": "week",
                                  "ingangsdatum": "2026-09-01", "einddatum": "2026-08-31"}}),
        )
        .await;
    teksten.push(("toets", probleemtekst(&t, &[])));
    // A birth date out of range, through the API and through a form.
    let d = dossier(app, &zc, BSNS[3]).await;
    let mut j = jeugdige_invoer(d.huishouden, BSNS[4], Some(app.w.school_a));
    j["geboortedatum"] = json!("1800-01-01");
    let g = zc.post("/api/v1/jeugdigen", j).await;
    teksten.push(("jeugdige", probleemtekst(&g, &["1800-01-01"])));
    let b = Browser::nieuw(app);
    let csrf = b.inloggen(ZC_A).await;
    let p = b
        .post(
            "/jeugdigen/nieuw",
            &[
                ("csrf", csrf.as_str()),
                ("bsn", BSNS[5]),
                ("voornaam", VOORNAAM),
                ("achternaam", ACHTERNAAM),
                ("geboortedatum", "1800-01-01"),
                ("postcode", "1315 AB"),
                ("huisnummer", "12"),
                ("ouder", "Wilhelmina Zwartewaterland"),
                ("relatie", "ouder"),
                ("omschrijving", "Komt vaak te laat"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains("id=\"geboortedatum-fout\""), "{}", p.html);
    teksten.push(("formulier", paginatekst(&p.html)));
    for (wat, tekst) in &teksten {
        assert_eq!(iso_datums(tekst), Vec::<String>::new(), "{wat}: {tekst}");
    }
    // ... and each says its dates in Dutch.
    let verwacht = [
        (
            "advies",
            "1 januari 2015 ligt vóór de geboortedatum 12 mei 2016",
        ),
        (
            "toets",
            "31 augustus 2026 ligt vóór de ingangsdatum 1 september 2026",
        ),
        (
            "jeugdige",
            "ligt buiten het toegestane bereik 1 januari 1990",
        ),
        ("formulier", "1 januari 1990"),
    ];
    for ((wat, tekst), (naam, stuk)) in teksten.iter().zip(verwacht) {
        assert_eq!(*wat, naam);
        assert!(tekst.contains(stuk), "{wat}: {tekst}");
    }
    assert_eq!(
        iso_datums("op 2026-12-04 en 4 december 2026"),
        ["2026-12-04"]
    );
}
