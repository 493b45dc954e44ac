//! Issue 12, item 7: bounded input everywhere. Texts have a maximum length,
//! dates a plausible range per kind; every query-string, body and form
//! error is named (problem+json for the API, a page for the web), and no
//! date — however extreme — makes the server fail or drop the connection.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{
    App, BELEID, BSNS, Gebruiker, VERWIJZER, ZC_A, content_type, lees, ongeldig, probleem,
};

/// The problem+json's named fields and their reasons.
fn velden(body: &Value) -> Vec<(String, String)> {
    body["invalidParams"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|f| {
                    (
                        f["name"].as_str().unwrap_or("").to_string(),
                        f["reason"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub async fn begrensde_invoer(app: &App) {
    let zc = app.login(ZC_A).await;
    let huishouden = |naam: String| {
        zc.post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": naam, "relatie": "ouder"}]}),
        )
    };
    // Names: at most 200 characters (not bytes), the bound in the message.
    let (s, _, body) = huishouden("é".repeat(200)).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let h = body["id"].as_i64().expect("id");
    let body = probleem(
        &huishouden("é".repeat(201)).await,
        StatusCode::BAD_REQUEST,
        "ongeldige-invoer",
    );
    assert_eq!(
        velden(&body),
        [(
            "vertegenwoordigers[0].naam".to_string(),
            "ten hoogste 200 tekens".to_string()
        )]
    );
    // The 1.9 MB name of the security test: refused by the bound on every text.
    let body = probleem(
        &huishouden("x".repeat(1_900_000)).await,
        StatusCode::BAD_REQUEST,
        "ongeldige-invoer",
    );
    assert_eq!(
        velden(&body),
        [(
            "vertegenwoordigers[0].naam".to_string(),
            "ten hoogste 4000 tekens".to_string()
        )]
    );
    let jeugdige = |aanpassen: &dyn Fn(&mut Value)| {
        let mut v = super::jeugdige_invoer(h, BSNS[5], Some(app.w.school_a));
        aanpassen(&mut v);
        zc.post("/api/v1/jeugdigen", v)
    };
    let antwoord = jeugdige(&|v| v["achternaam"] = json!("a".repeat(201))).await;
    assert_eq!(ongeldig(&antwoord), ["achternaam"]);
    // Birth dates from 1990 up to today.
    for datum in ["1800-01-01", "1989-12-31", "-262143-01-01", "2999-01-01"] {
        let antwoord = jeugdige(&|v| v["geboortedatum"] = json!(datum)).await;
        assert_eq!(ongeldig(&antwoord), ["geboortedatum"], "{datum}");
    }
    let antwoord = jeugdige(&|v| v["geboortedatum"] = json!("1800-01-01")).await;
    assert_eq!(
        velden(&antwoord.2)[0].1,
        format!(
            "ligt buiten het toegestane bereik 1 januari 1990 tot en met {}",
            schakel_domain::grens::nl_datum(schakel_domain::grens::vandaag())
        )
    );
    // A date out of range inside a case event (an internally tagged enum,
    // where serde loses the path) is named all the same.
    let antwoord = zc
        .post(
            "/api/v1/casussen/1/gebeurtenissen",
            json!({"soort": "akkoord", "vertegenwoordiger": "Ouder", "datum": "1800-01-01"}),
        )
        .await;
    assert_eq!(
        velden(&antwoord.2),
        [(
            "datum".to_string(),
            "\"1800-01-01\" ligt buiten het toegestane bereik 1 januari 2000 tot en met 31 december 2100"
                .to_string()
        )]
    );
    let (s, _, body) = jeugdige(&|v| v["geboortedatum"] = json!("1990-01-01")).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");

    // Query strings: problem+json naming the parameter, never text/plain.
    let beleid = app.login(BELEID).await;
    for (pad, veld) in [
        ("/api/v1/monitoring?tot=-262143-01-01", "tot"),
        ("/api/v1/monitoring?van=", "van"),
        ("/api/v1/monitoring?van=1999-12-31", "van"),
        ("/api/v1/monitoring?tot=2101-01-01", "tot"),
        ("/api/v1/monitoring?school=abc", "school"),
    ] {
        let antwoord = beleid.get(pad).await;
        assert_eq!(ongeldig(&antwoord), [veld], "{pad}");
    }
    let (s, _, _) = beleid
        .get("/api/v1/monitoring?van=2026-01-01&tot=2026-06-30")
        .await;
    assert_eq!(s, StatusCode::OK);
    for pad in [
        "/api/v1/acties?verlopen=misschien",
        "/api/v1/hulpvragen?perPagina=veel",
        "/api/v1/wijkteams?pagina=x",
        "/api/v1/aanbieders?pagina=x",
        "/api/v1/contactpersonen?expertpool=wellicht",
    ] {
        let antwoord = zc.get(pad).await;
        assert_eq!(ongeldig(&antwoord).len(), 1, "{pad}");
    }
}

/// The web pages: a form too large, or one that does not fit, and a bad
/// id or query parameter in a page's address get an HTML page.
pub async fn begrensde_formulieren(app: &App) {
    let http = app.anoniem();
    let html = |r: &reqwest::Response| content_type(r.headers()).starts_with("text/html");
    let groot = format!("geboortedatum={}", "1".repeat(2 << 20));
    let r = http
        .post(app.u("/advies"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(groot)
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html(&r), "{:?}", r.headers());
    let tekst = r.text().await.expect("body");
    assert!(tekst.contains("Formulier te groot"), "{tekst}");
    // A field missing from the form: a page naming it.
    let r = http
        .post(app.u("/advies"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("geboortedatum=2016-01-01")
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(html(&r), "{:?}", r.headers());
    assert!(r.text().await.expect("body").contains("peildatum"));
    // A text over the bound.
    let r = http
        .post(app.u("/advies"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "geboortedatum=2016-01-01&peildatum=&onderwijssituatie=volledig_onderwijs&school={}&schooldagdelen=0",
            "s".repeat(4001)
        ))
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(html(&r));
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("school: ten hoogste 4000 tekens")
    );
    // An advice for a birth date of 1800: the form again, the field named.
    let r = http
        .post(app.u("/advies"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("geboortedatum=1800-01-01&peildatum=2026-11-23&onderwijssituatie=volledig_onderwijs&school=&schooldagdelen=0")
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(html(&r));
    assert!(r.text().await.expect("body").contains("1 januari 1990"));
    // A page's id and query: an HTML page, for a logged-in user too.
    let zc = app.login(ZC_A).await;
    for pad in ["/jeugdigen/abc", "/casussen/1x", "/verwijzingen/-"] {
        let r = zc.verzoek(Method::GET, pad).send().await.expect("GET");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{pad}");
        assert!(html(&r), "{pad}: {:?}", r.headers());
    }
}

/// A date for the property test: extreme years (chrono's whole range and
/// beyond), the edges of the allowed ranges, plausible dates and garbage.
fn datum() -> impl Strategy<Value = String> {
    prop_oneof![
        (any::<i32>(), 1u32..=12, 1u32..=28).prop_map(|(j, m, d)| format!("{j}-{m:02}-{d:02}")),
        (-262_144i32..=262_143, 1u32..=12, 1u32..=31)
            .prop_map(|(j, m, d)| format!("{j:04}-{m:02}-{d:02}")),
        prop::sample::select(vec![
            "-262143-01-01",
            "+262142-12-31",
            "1800-01-01",
            "1989-12-31",
            "1990-01-01",
            "1999-12-31",
            "2000-01-01",
            "2016-05-12",
            "2026-11-23",
            "2100-12-31",
            "2101-01-01",
            "9999-12-31",
            "0000-01-01",
            "",
        ])
        .prop_map(String::from),
        "\\PC{0,24}",
    ]
}

/// Whether `s` is a date the server must refuse for a field of `soort`.
fn buiten(s: &str, soort: schakel_domain::grens::Datumsoort) -> bool {
    s.parse::<chrono::NaiveDate>()
        .map_or(true, |d| soort.controleer(d).is_err())
}

/// Sends one request; a dropped connection fails the test, a 5xx too.
async fn stuur(
    b: reqwest::RequestBuilder,
) -> Result<(StatusCode, reqwest::header::HeaderMap, Value), TestCaseError> {
    let r = b
        .send()
        .await
        .map_err(|e| TestCaseError::fail(format!("connection: {e}")))?;
    let antwoord = lees(r).await;
    prop_assert!(antwoord.0.as_u16() < 500, "{} {}", antwoord.0, antwoord.2);
    Ok(antwoord)
}

/// A refused date: 400 problem+json naming `veld`.
fn noemt(
    antwoord: &(StatusCode, reqwest::header::HeaderMap, Value),
    veld: &str,
    wat: &str,
) -> Result<(), TestCaseError> {
    let (s, h, body) = antwoord;
    prop_assert_eq!(*s, StatusCode::BAD_REQUEST, "{}: {}", wat, body);
    prop_assert_eq!(content_type(h), "application/problem+json");
    let namen: Vec<String> = velden(body).into_iter().map(|(n, _)| n).collect();
    prop_assert!(
        namen.iter().any(|n| n == veld),
        "{}: {:?} lacks {}",
        wat,
        namen,
        veld
    );
    Ok(())
}

struct Rollen {
    zc: Gebruiker,
    beleid: Gebruiker,
    verwijzer: Gebruiker,
    huishouden: i64,
}

async fn een_geval(app: &App, r: &Rollen, a: &str, b: &str) -> Result<(), TestCaseError> {
    use schakel_domain::grens::Datumsoort::{Geboortedatum, Periode};
    let q = |s: &str| url::form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    // Monitoring: the query string.
    for veld in ["van", "tot"] {
        let pad = format!("/api/v1/monitoring?{veld}={}", q(a));
        let antwoord = stuur(r.beleid.verzoek(Method::GET, &pad)).await?;
        if buiten(a, Periode) {
            noemt(&antwoord, veld, &pad)?;
        }
    }
    let pad = format!("/api/v1/monitoring?van={}&tot={}", q(a), q(b));
    stuur(r.beleid.verzoek(Method::GET, &pad)).await?;
    // The normenkader's advice and check (public).
    let advies =
        json!({"geboortedatum": a, "peildatum": b, "onderwijssituatie": "volledig_onderwijs"});
    let antwoord = stuur(
        app.anoniem()
            .post(app.u("/api/v1/normenkader/adviezen"))
            .json(&advies),
    )
    .await?;
    if a.is_empty() || buiten(a, Geboortedatum) {
        noemt(&antwoord, "geboortedatum", "advies")?;
    }
    let toets = json!({
        "situatie": {"geboortedatum": "2016-05-12", "peildatum": "2026-11-23", "onderwijssituatie": "volledig_onderwijs"},
        "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 3, "eenheid": "uur", "per": "week", "ingangsdatum": a, "einddatum": b},
    });
    let antwoord = stuur(
        app.anoniem()
            .post(app.u("/api/v1/normenkader/toetsingen"))
            .json(&toets),
    )
    .await?;
    if buiten(a, Periode) {
        noemt(&antwoord, "verwijzing.ingangsdatum", "toets")?;
    }
    // A new jeugdige's birth date.
    let mut jeugdige = super::jeugdige_invoer(r.huishouden, BSNS[4], Some(app.w.school_a));
    jeugdige["geboortedatum"] = json!(a);
    let antwoord = stuur(
        r.zc.verzoek(Method::POST, "/api/v1/jeugdigen")
            .json(&jeugdige),
    )
    .await?;
    if buiten(a, Geboortedatum) {
        noemt(&antwoord, "geboortedatum", "jeugdige")?;
    }
    // Events on a case and a delivery: the body is read before the case is looked up.
    for (soort, extra, veld) in [
        (
            "akkoord",
            json!({"vertegenwoordiger": "Ouder", "datum": a}),
            "datum",
        ),
        (
            "tlv",
            json!({"jeugdige": 1, "geldigVan": a, "geldigTot": "2027-07-31"}),
            "geldigVan",
        ),
        (
            "inkoop_toestemming_school",
            json!({"inkoop": 1, "datum": a}),
            "datum",
        ),
    ] {
        let mut body = extra;
        body["soort"] = json!(soort);
        let antwoord = stuur(
            r.zc.verzoek(Method::POST, "/api/v1/casussen/999999/gebeurtenissen")
                .json(&body),
        )
        .await?;
        if buiten(a, Periode) {
            noemt(&antwoord, veld, soort)?;
        }
    }
    let levering = json!({"datum": a, "hoeveelheid": 1});
    let antwoord = stuur(
        r.verwijzer
            .verzoek(Method::POST, "/api/v1/verwijzingen/999999/leveringen")
            .json(&levering),
    )
    .await?;
    if buiten(a, Periode) {
        noemt(&antwoord, "datum", "levering")?;
    }
    // The web pages: never a 5xx or a dropped connection.
    let formulier = format!(
        "geboortedatum={}&peildatum={}&onderwijssituatie=volledig_onderwijs&school=&schooldagdelen=0",
        q(a),
        q(b)
    );
    let r2 = app
        .anoniem()
        .post(app.u("/advies"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(formulier)
        .send()
        .await
        .map_err(|e| TestCaseError::fail(format!("connection: {e}")))?;
    prop_assert!(r2.status().as_u16() < 500, "/advies: {}", r2.status());
    let r3 = r
        .beleid
        .verzoek(
            Method::GET,
            &format!("/dashboard?van={}&tot={}", q(a), q(b)),
        )
        .send()
        .await
        .map_err(|e| TestCaseError::fail(format!("connection: {e}")))?;
    prop_assert!(r3.status().as_u16() < 500, "/dashboard: {}", r3.status());
    Ok(())
}

/// Property: whatever date is sent to any date-taking endpoint (query or
/// body, API or page), the server answers — never a 5xx, never a dropped
/// connection — and an out-of-range or malformed date is a 400
/// problem+json naming the field.
pub async fn extreme_datums(app: &App) {
    let zc = app.login(ZC_A).await;
    let (s, _, body) = zc
        .post(
            "/api/v1/huishoudens",
            json!({"vertegenwoordigers": [{"naam": "Ouder", "relatie": "ouder"}]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let rollen = Rollen {
        zc,
        beleid: app.login(BELEID).await,
        verwijzer: app.login(VERWIJZER).await,
        huishouden: body["id"].as_i64().expect("id"),
    };
    let handle = tokio::runtime::Handle::current();
    let mut runner = TestRunner::new(Config {
        cases: 40,
        failure_persistence: None,
        ..Config::default()
    });
    let uitkomst = tokio::task::block_in_place(|| {
        runner.run(&(datum(), datum()), |(a, b)| {
            handle.block_on(een_geval(app, &rollen, &a, &b))
        })
    });
    if let Err(e) = uitkomst {
        panic!("{e}");
    }
}
