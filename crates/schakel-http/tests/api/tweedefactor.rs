//! Multi-factor login (issue 13.3) end to end, on both databases: an
//! invited zorgcoördinator activates, enrols an authenticator app in the
//! browser (the code computed with totp-rs from the secret the page shows),
//! and logs in through the API's two steps. Refusals: a wrong code, a code
//! used twice, a recovery code used twice, the half-logged-in state reading
//! anything, five wrong codes (the step ends and the account is blocked),
//! a change of factors without a recent login. Every one is audited.

use super::*;

const EMAIL: &str = "zc.mfa@regenboog.example";

fn tussen<'a>(html: &'a str, voor: &str, na: &str) -> &'a str {
    let begin = html
        .find(voor)
        .unwrap_or_else(|| panic!("{voor} not in {html}"))
        + voor.len();
    let eind = html[begin..].find(na).expect("end marker") + begin;
    &html[begin..eind]
}

/// The value of the hidden field `naam` (the first one).
fn verborgen<'a>(html: &'a str, naam: &str) -> &'a str {
    tussen(html, &format!("name=\"{naam}\" value=\""), "\"")
}

fn totp(geheim: &str) -> totp_rs::TOTP {
    let bytes = totp_rs::Secret::Encoded(geheim.to_string())
        .to_bytes()
        .expect("base32");
    totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("Schakel".into()),
        EMAIL.into(),
    )
    .expect("totp")
}

fn nu() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).expect("after 1970")
}

/// Recovery codes of the accounts that enrolled during a test, by server
/// and e-mail address: other scenarios' logins take one each (a TOTP code works once
/// per 30 seconds, a recovery code once).
static HERSTELCODES: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

/// Enrols an authenticator app for the waiting login in `http`'s cookie
/// jar at `url` (the code computed from the secret the page shows) and
/// keeps its recovery codes for `email`'s later logins.
pub(super) async fn schrijf_in(http: &reqwest::Client, url: &str, email: &str) {
    let html = http
        .get(format!("{url}/account/tweede-factor"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("html");
    let geheim = tussen(&html, "<code id=\"totp-geheim\">", "</code>").replace(' ', "");
    let r = http
        .post(format!("{url}/account/tweede-factor/totp"))
        .form(&[
            ("csrf", verborgen(&html, "csrf")),
            ("zegel", verborgen(&html, "zegel")),
            ("code", &totp(&geheim).generate(nu())),
        ])
        .send()
        .await
        .expect("POST totp");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("html");
    let mut codes = HERSTELCODES.lock().expect("lock");
    for c in html.split("<li><code>").skip(1) {
        let c = c.split("</code>").next().expect("code");
        codes.push((format!("{url} {email}"), c.to_string()));
    }
}

/// An unused recovery code of `email` on the server at `url` (tests run
/// side by side), kept by [`schrijf_in`].
pub(super) fn herstelcode(url: &str, email: &str) -> String {
    let sleutel = format!("{url} {email}");
    let mut codes = HERSTELCODES.lock().expect("lock");
    let i = codes
        .iter()
        .position(|(e, _)| *e == sleutel)
        .unwrap_or_else(|| panic!("no recovery code left for {email}"));
    codes.remove(i).1
}

/// The second step of an API login whose first answered 202.
pub(super) async fn tweede_stap(
    http: &reqwest::Client,
    url: &str,
    email: &str,
) -> (StatusCode, Value) {
    let r = http
        .post(format!("{url}/api/v1/sessies/tweede-factor"))
        .json(&json!({"code": herstelcode(url, email)}))
        .send()
        .await
        .expect("POST /sessies/tweede-factor");
    let (s, _, b) = lees(r).await;
    (s, b)
}

/// The records of `gebeurtenis` about the account, in order.
async fn records(app: &App, gebeurtenis: &str, id: i64) -> Vec<(Uitkomst, String)> {
    app.audit()
        .await
        .into_iter()
        .filter(|r| r.record.gebeurtenis == gebeurtenis && r.record.gebruiker == Some(id))
        .map(|r| (r.record.uitkomst, r.record.grond.unwrap_or_default()))
        .collect()
}

/// A client that follows no redirects, with a cookie jar, from its own address.
pub(super) fn browser(app: &App) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(app.volgend_adres())
        .build()
        .expect("client")
}

async fn login_stap1(app: &App, http: &reqwest::Client) -> (StatusCode, Value) {
    let r = http
        .post(app.u("/api/v1/sessies"))
        .json(&json!({"email": EMAIL, "wachtwoord": WACHTWOORD}))
        .send()
        .await
        .expect("POST /sessies");
    let (s, _, b) = lees(r).await;
    (s, b)
}

async fn login_stap2(app: &App, http: &reqwest::Client, code: &str) -> (StatusCode, Value) {
    let r = http
        .post(app.u("/api/v1/sessies/tweede-factor"))
        .json(&json!({"code": code}))
        .send()
        .await
        .expect("POST /sessies/tweede-factor");
    let (s, _, b) = lees(r).await;
    (s, b)
}

/// A zorgcoördinator of school A invited and activated with
/// [`WACHTWOORD`] (not a demo account): its id, and the browser whose
/// waiting login goes on to enrolment.
pub(super) async fn geactiveerd(app: &App, naam: &str, email: &str) -> (i64, reqwest::Client) {
    let rol = Roltoewijzing {
        rol: Rol::Zorgcoordinator,
        organisatie: app.w.school_a,
    };
    let uitnodiging = schakel_http::account::nodig_uit(
        app.opslag.as_ref(),
        naam,
        email,
        rol,
        Default::default(),
        "test",
        false,
    )
    .await
    .expect("nodig_uit");
    let web = browser(app);
    let r = web
        .post(app.u(&uitnodiging.pad()))
        .form(&[("wachtwoord", WACHTWOORD), ("herhaling", WACHTWOORD)])
        .send()
        .await
        .expect("activeren");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/account/tweede-factor");
    (uitnodiging.medewerker.id, web)
}

pub(super) async fn tweede_factor(app: &App) {
    // Activation: the password, then straight to enrolment.
    let (id, web) = geactiveerd(app, "Zorgcoördinator MFA", EMAIL).await;
    // Before enrolment, the password alone opens nothing: the API sends
    // the account to enrolment.
    let api = browser(app);
    let (s, b) = login_stap1(app, &api).await;
    assert_eq!(
        (s, b["stap"].as_str()),
        (StatusCode::ACCEPTED, Some("inschrijven")),
        "{b}"
    );
    assert_eq!(b["vervolg"], "/account/tweede-factor");
    let (s, _) = login_stap2(app, &api, "123456").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED, "enrolment is no check");

    let pagina = web
        .get(app.u("/account/tweede-factor"))
        .send()
        .await
        .expect("GET");
    assert_eq!(pagina.status(), StatusCode::OK);
    assert_eq!(pagina.headers()["cache-control"], "no-store");
    let html = pagina.text().await.expect("html");
    assert!(html.contains("<svg"), "the QR code inline");
    let geheim = tussen(&html, "<code id=\"totp-geheim\">", "</code>").replace(' ', "");
    let zegel = verborgen(&html, "zegel").to_string();
    let csrf = verborgen(&html, "csrf").to_string();
    let t = totp(&geheim);

    // A wrong confirmation code saves nothing and says so at the field.
    let fout = if t.generate(nu()) == "000000" {
        "111111"
    } else {
        "000000"
    };
    let r = web
        .post(app.u("/account/tweede-factor/totp"))
        .form(&[("csrf", csrf.as_str()), ("zegel", &zegel), ("code", fout)])
        .send()
        .await
        .expect("POST totp");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .expect("html")
            .contains("eze code klopt niet")
    );
    assert!(
        app.opslag
            .tweede_factoren(id)
            .await
            .expect("factoren")
            .is_empty()
    );
    // A forged seal (another secret) is refused too.
    let r = web
        .post(app.u("/account/tweede-factor/totp"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("zegel", "aes:00"),
            ("code", &t.generate(nu())),
        ])
        .send()
        .await
        .expect("POST totp");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // The right code: ten recovery codes, shown once.
    let ingeschreven = nu();
    let code0 = t.generate(ingeschreven);
    let r = web
        .post(app.u("/account/tweede-factor/totp"))
        .form(&[("csrf", csrf.as_str()), ("zegel", &zegel), ("code", &code0)])
        .send()
        .await
        .expect("POST totp");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("html");
    let codes: Vec<String> = html
        .split("<li><code>")
        .skip(1)
        .map(|d| d.split("</code>").next().expect("code").to_string())
        .collect();
    assert_eq!(codes.len(), 10, "{html}");
    let factoren = app.opslag.tweede_factoren(id).await.expect("factoren");
    assert_eq!(factoren.len(), 1);
    // Stored encrypted: neither the base32 secret nor its bytes in clear.
    let bytes = totp_rs::Secret::Encoded(geheim.clone())
        .to_bytes()
        .expect("b32");
    assert!(
        factoren[0].gegevens.starts_with("aes:"),
        "{}",
        factoren[0].gegevens
    );
    assert!(!factoren[0].gegevens.contains(&hex::encode(&bytes)));
    assert!(!factoren[0].gegevens.contains(&geheim));
    assert_eq!(app.opslag.herstelcodes_over(id).await.expect("over"), 10);
    // The enrolment's cookie is spent.
    let r = web
        .get(app.u("/account/tweede-factor"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        records(app, "tweede_factor.inschrijven", id).await,
        vec![
            (Uitkomst::Geweigerd, "totp_bevestiging_onjuist".into()),
            (Uitkomst::Toegestaan, "totp_met_herstelcodes".into()),
        ]
    );

    // Password right: 202 and a waiting login that reads nothing.
    let api = browser(app);
    let (s, b) = login_stap1(app, &api).await;
    assert_eq!(
        (s, b["stap"].as_str()),
        (StatusCode::ACCEPTED, Some("controle")),
        "{b}"
    );
    assert_eq!(b["vervolg"], "/api/v1/sessies/tweede-factor");
    for pad in [
        "/api/v1/sessies/huidige",
        "/api/v1/jeugdigen",
        "/api/v1/hulpvragen",
    ] {
        let r = api.get(app.u(pad)).send().await.expect("GET");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{pad}");
    }
    let r = api.get(app.u("/jeugdigen")).send().await.expect("GET");
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "the pages send it to the login"
    );
    assert!(
        r.headers()["location"]
            .to_str()
            .expect("loc")
            .starts_with("/inloggen")
    );

    // A wrong code, and the enrolment's code again (used: its time step
    // is spent, within the same step or the next).
    let fout = if t.generate(nu()) == "000000" {
        "111111"
    } else {
        "000000"
    };
    assert_eq!(
        login_stap2(app, &api, fout).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        login_stap2(app, &api, &code0).await.0,
        StatusCode::UNAUTHORIZED
    );
    // A recovery code logs in, once.
    let (s, b) = login_stap2(app, &api, &codes[0].to_uppercase()).await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    assert_eq!(b["rol"], "zorgcoordinator");
    let r = api
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.opslag.herstelcodes_over(id).await.expect("over"), 9);
    web_inloggen(app, &codes[2]).await;
    assert_eq!(app.opslag.herstelcodes_over(id).await.expect("over"), 8);
    let api = browser(app);
    assert_eq!(login_stap1(app, &api).await.0, StatusCode::ACCEPTED);
    assert_eq!(
        login_stap2(app, &api, &codes[0]).await.0,
        StatusCode::UNAUTHORIZED
    );
    let mut verwacht = vec![
        (Uitkomst::Geweigerd, "totp_onjuist".to_string()),
        (Uitkomst::Geweigerd, "totp_al_gebruikt".to_string()),
        (Uitkomst::Toegestaan, "herstelcode".to_string()),
        // The web login's.
        (Uitkomst::Toegestaan, "herstelcode".to_string()),
        (
            Uitkomst::Geweigerd,
            "herstelcode_onjuist_of_gebruikt".to_string(),
        ),
    ];
    if ingeschreven / 30 + 1 < nu() / 30 {
        // Slow machine: the enrolment's step left the window of skew.
        verwacht[1].1 = "totp_onjuist".into();
    }
    assert_eq!(records(app, "sessie.tweede_factor", id).await, verwacht);
    let inlog = records(app, "sessie.inloggen", id).await;
    assert!(
        inlog.contains(&(Uitkomst::Toegestaan, "wachtwoord_en_herstelcode".into())),
        "{inlog:?}"
    );
    assert!(inlog.contains(&(
        Uitkomst::Geweigerd,
        "wachtwoord_juist_tweede_factor_controle".into()
    )));

    // Four more wrong codes: five in all on this waiting login, which then
    // ends (even a right code is too late), and the account is blocked for
    // the minute — the right password gets 429 — as after five wrong
    // passwords.
    for _ in 0..4 {
        assert_eq!(
            login_stap2(app, &api, "999999x").await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        login_stap2(app, &api, &codes[1]).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.opslag.herstelcodes_over(id).await.expect("over"),
        8,
        "not spent"
    );
    assert_eq!(
        login_stap1(app, &api).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    let inlog = records(app, "sessie.inloggen", id).await;
    assert_eq!(
        inlog.last(),
        Some(&(Uitkomst::Geweigerd, "geblokkeerd_account".to_string()))
    );

    // Changing factors needs a recent login: a session of 11 minutes ago
    // sees the page without its forms, and a posted change is refused.
    let (geheim, csrf) = super::tokens::sessie_van(app, EMAIL, 11).await;
    let oud = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(app.volgend_adres())
        .build()
        .expect("client");
    let cookie = format!("schakel_sessie={geheim}");
    let r = oud
        .get(app.u("/account/tweede-factor"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("html");
    assert!(html.contains("in de laatste 10 minuten"), "{html}");
    assert!(!html.contains("totp-geheim"));
    let r = oud
        .post(app.u("/account/tweede-factor/herstelcodes"))
        .header(header::COOKIE, &cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("POST");
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.opslag.herstelcodes_over(id).await.expect("over"), 8);
}

/// The same two steps in the browser's pages: the password leads to
/// `/inloggen/tweede-factor`, whose form carries its own CSRF token.
async fn web_inloggen(app: &App, herstelcode: &str) {
    let web = browser(app);
    let html = web
        .get(app.u("/inloggen"))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("html");
    let token = verborgen(&html, "inlogtoken").to_string();
    let r = web
        .post(app.u("/inloggen"))
        .form(&[
            ("email", EMAIL),
            ("wachtwoord", WACHTWOORD),
            ("inlogtoken", &token),
        ])
        .send()
        .await
        .expect("POST /inloggen");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/inloggen/tweede-factor");
    let r = web
        .get(app.u("/inloggen/tweede-factor"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("html");
    assert!(
        html.contains("herstelcodes"),
        "the form mentions recovery codes"
    );
    let csrf = verborgen(&html, "csrf").to_string();
    let post = |csrf: String| {
        web.post(app.u("/inloggen/tweede-factor"))
            .form(&[("csrf", csrf), ("code", herstelcode.to_string())])
            .send()
    };
    assert_eq!(
        post("fout".into()).await.expect("POST").status(),
        StatusCode::FORBIDDEN
    );
    let r = post(csrf).await.expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/start");
    let r = web
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
}
