//! The web pages through the real server, on both backends: security
//! headers, login with the form's double-submit token, the session's CSRF
//! token on every form, redirects to the login page, and — the point of
//! building the pages on the API's functions — every read and write of a
//! page logged exactly as through the API, with the web as access point.

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};
use schakel_storage::audit::Uitkomst;

use schakel_domain::Rol;
use schakel_storage::{NieuweMedewerker, Roltoewijzing};

use super::steunroute::{HOOFDAANBIEDER, Route, aanbieders, oja_van_school_a, vandaag};
use super::{
    App, BSNS, NAMEN, OUDER, REGISSEUR, VERWIJZER, VOORNAAM, WACHTWOORD, ZC_A, ZC_B, dossier,
    logtekst, wachtwoord_hash,
};
use serde_json::json;

/// A browser without script: cookies kept, redirects not followed (so the
/// test sees each 303), from its own loopback address.
pub struct Browser {
    url: String,
    http: reqwest::Client,
}

pub struct Pagina {
    pub status: StatusCode,
    pub koppen: HeaderMap,
    pub html: String,
}

impl Pagina {
    /// The value of a hidden field, as a form on the page carries it.
    pub fn verborgen(&self, naam: &str) -> String {
        let teken = format!("name=\"{naam}\" value=\"");
        let begin = self.html.find(&teken).expect("hidden field") + teken.len();
        let lengte = self.html[begin..].find('"').expect("end of value");
        self.html[begin..begin + lengte].to_string()
    }

    pub fn naar(&self) -> &str {
        self.koppen
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn titel(&self) -> &str {
        let begin = self.html.find("<title>").expect("title") + 7;
        let eind = self.html.find("</title>").expect("end of title");
        &self.html[begin..eind]
    }
}

impl Browser {
    pub fn nieuw(app: &App) -> Self {
        Self {
            url: app.url.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .local_address(app.volgend_adres())
                .build()
                .expect("client"),
        }
    }

    /// A browser with cookies kept in `jar` (which the test may fill).
    pub fn met_jar(app: &App, jar: std::sync::Arc<reqwest::cookie::Jar>) -> Self {
        Self {
            url: app.url.clone(),
            http: reqwest::Client::builder()
                .cookie_provider(jar)
                .redirect(reqwest::redirect::Policy::none())
                .local_address(app.volgend_adres())
                .build()
                .expect("client"),
        }
    }

    /// A browser that sends this session cookie (made by the test).
    pub fn met_sessie(app: &App, geheim: &str) -> Self {
        let mut koppen = HeaderMap::new();
        koppen.insert(
            header::COOKIE,
            format!("schakel_sessie={geheim}").parse().expect("header"),
        );
        Self {
            url: app.url.clone(),
            http: reqwest::Client::builder()
                .default_headers(koppen)
                .redirect(reqwest::redirect::Policy::none())
                .local_address(app.volgend_adres())
                .build()
                .expect("client"),
        }
    }

    async fn lees(r: reqwest::Response) -> Pagina {
        let status = r.status();
        let koppen = r.headers().clone();
        let html = r.text().await.expect("body");
        Pagina {
            status,
            koppen,
            html,
        }
    }

    pub async fn get(&self, pad: &str) -> Pagina {
        Self::lees(
            self.http
                .get(format!("{}{pad}", self.url))
                .send()
                .await
                .expect("GET"),
        )
        .await
    }

    pub async fn post(&self, pad: &str, velden: &[(&str, &str)]) -> Pagina {
        Self::lees(
            self.http
                .post(format!("{}{pad}", self.url))
                .form(velden)
                .send()
                .await
                .expect("POST"),
        )
        .await
    }

    /// Logs in through the form; returns the session's CSRF token.
    pub async fn inloggen(&self, email: &str) -> String {
        let scherm = self.get("/inloggen").await;
        let token = scherm.verborgen("inlogtoken");
        let p = self
            .post(
                "/inloggen",
                &[
                    ("inlogtoken", &token),
                    ("email", email),
                    ("wachtwoord", WACHTWOORD),
                ],
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
        if p.naar() == "/account/tweede-factor" {
            // No second factor yet: enrol one, then log in with it.
            super::tweedefactor::schrijf_in(&self.http, &self.url, email).await;
            return Box::pin(self.inloggen(email)).await;
        }
        if p.naar() == "/inloggen/tweede-factor" {
            let stap = self.get("/inloggen/tweede-factor").await;
            let code = super::tweedefactor::herstelcode(&self.url, email);
            let p = self
                .post(
                    "/inloggen/tweede-factor",
                    &[("csrf", &stap.verborgen("csrf")), ("code", &code)],
                )
                .await;
            assert_eq!(p.naar(), "/start", "{}", p.html);
        } else {
            assert_eq!(p.naar(), "/start");
        }
        self.get("/jeugdigen").await;
        self.get("/start").await;
        // Any page carries the token in its logout form.
        self.get("/advies").await.verborgen("csrf")
    }
}

fn csp(p: &Pagina) -> &str {
    p.koppen
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

pub async fn web_inloggen_en_beveiliging(app: &App) {
    let b = Browser::nieuw(app);
    let p = b.get("/advies").await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(csp(&p).contains("default-src 'self'"), "{}", csp(&p));
    assert!(csp(&p).contains("frame-ancestors 'none'"));
    assert!(!csp(&p).contains("unsafe-inline"));
    assert_eq!(p.koppen[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(p.koppen[header::REFERRER_POLICY], "no-referrer");
    assert!(p.html.contains("<html lang=\"nl\""));
    assert!(!p.html.contains("style=\""), "no inline style");
    assert!(!p.html.contains("<script>"), "no inline script");

    // Without a session every personal page sends to the login page.
    let p = b.get("/jeugdigen").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.naar(), "/inloggen");

    // A login post without the form's own token (another site's form) is refused.
    let vreemd = Browser::nieuw(app);
    let p = vreemd
        .post(
            "/inloggen",
            &[
                ("inlogtoken", "x"),
                ("email", ZC_A),
                ("wachtwoord", WACHTWOORD),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("verlopen"), "{}", p.html);
    assert!(
        p.koppen
            .get(header::SET_COOKIE)
            .is_none_or(|c| !c.to_str().unwrap_or_default().starts_with("schakel_sessie"))
    );

    // A wrong password: the error beside the field and in the summary.
    let token = b.get("/inloggen").await.verborgen("inlogtoken");
    let p = b
        .post(
            "/inloggen",
            &[
                ("inlogtoken", &token),
                ("email", ZC_A),
                ("wachtwoord", "fout"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"foutoverzicht\""));
    assert!(p.html.contains("href=\"#wachtwoord\""));
    assert!(p.html.contains("aria-describedby=\"wachtwoord-fout\""));
    assert!(p.html.contains("aria-invalid=\"true\""));

    // The right one: the API's session cookie, HttpOnly and SameSite=Strict.
    let token = p.verborgen("inlogtoken");
    let p = b
        .post(
            "/inloggen",
            &[
                ("inlogtoken", &token),
                ("email", ZC_A),
                ("wachtwoord", WACHTWOORD),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let cookies: Vec<&str> = p
        .koppen
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|c| c.to_str().ok())
        .collect();
    let sessie = cookies
        .iter()
        .find(|c| c.starts_with("schakel_sessie="))
        .expect("session cookie");
    assert!(
        sessie.contains("HttpOnly") && sessie.contains("SameSite=Strict"),
        "{sessie}"
    );
    let p = b.get("/start").await;
    assert_eq!(
        p.naar(),
        "/werk",
        "a role that sees dossiers starts at what waits"
    );
    let p = b.get("/werk").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.titel(), "Wat wacht – Schakel");
    let p = b.get("/jeugdigen").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(p.titel(), "Mijn leerlingen – Schakel");
    let csrf = p.verborgen("csrf");

    // A form without the session's CSRF token changes nothing.
    let p = b.post("/uitloggen", &[("csrf", "niet-het-token")]).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert_eq!(b.get("/jeugdigen").await.status, StatusCode::OK);
    let p = b.post("/uitloggen", &[("csrf", &csrf)]).await;
    assert_eq!(p.naar(), "/inloggen?uitgelogd=1");
    assert_eq!(b.get("/jeugdigen").await.status, StatusCode::SEE_OTHER);

    // Unknown paths: a page outside /api, problem+json inside.
    let p = b.get("/bestaat-niet").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert!(p.html.contains("Pagina niet gevonden"));
    assert!(csp(&p).contains("default-src 'self'"));
    let p = b.get("/api/v1/bestaat-niet").await;
    assert_eq!(p.status, StatusCode::NOT_FOUND);
    assert_eq!(p.koppen[header::CONTENT_TYPE], "application/problem+json");

    // The public advisor: the rules' field errors, and the advice.
    let p = b
        .post("/advies", &[("onderwijssituatie", "volledig_onderwijs")])
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"geboortedatum-fout\""), "{}", p.html);
    let p = b
        .post(
            "/advies",
            &[
                ("geboortedatum", "2016-05-12"),
                ("onderwijssituatie", "volledig_onderwijs"),
                ("peildatum", "2026-11-23"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    // The README's example: 3 hours a week is 3,71 per school week.
    assert!(p.html.contains("3,71"), "{}", p.html);
    assert!(p.html.contains("almere.rij.volledig_onderwijs"));
    // An OJA school's reikwijdte shows the conditions the source attaches.
    let p = b
        .post(
            "/advies",
            &[
                ("geboortedatum", "2016-05-12"),
                ("onderwijssituatie", "oja"),
                ("school", "PrO"),
                ("peildatum", "2026-11-23"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(
        p.html.contains("Alleen als na onderzoek van het OJA blijkt dat de hulp niet in het OJA kan worden ondergebracht."),
        "{}",
        p.html
    );
    assert!(p.html.contains("psychiatrie voorligt"), "{}", p.html);
    // The check of a JGGZ referral for a pupil of Watertuin ("JGGZ*VVVV"):
    // a separate, regular referral.
    let p = b
        .post(
            "/toets",
            &[
                ("geboortedatum", "2016-05-12"),
                ("onderwijssituatie", "oja"),
                ("school", "Watertuin"),
                ("peildatum", "2026-11-23"),
                ("product", "behandeling_specialistisch_psychiatrie"),
                ("volume", "2"),
                ("eenheid", "uur"),
                ("per", "week"),
                ("ingangsdatum", "2026-11-23"),
                ("einddatum", "2027-07-31"),
                ("dienst", "jggz"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(
        p.html.contains("vraagt een aparte verwijzing (V)"),
        "{}",
        p.html
    );
    assert!(p.html.contains("almere.reikwijdte.jggz"), "{}", p.html);
}

pub async fn web_logt_zoals_de_api(app: &App) {
    let zc = app.login(ZC_A).await;
    let d = dossier(app, &zc, BSNS[0]).await;
    let b = Browser::nieuw(app);
    let csrf = b.inloggen(ZC_A).await;
    let voor = app.audit().await.len();

    // Reading a jeugdige's page is a logged read, from the web.
    let p = b.get(&format!("/jeugdigen/{}", d.jeugdige)).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.html.contains(VOORNAAM));
    for geheim in NAMEN.iter().chain(BSNS.iter()) {
        assert!(!p.titel().contains(geheim), "title holds {geheim}");
    }
    let audit = app.audit().await;
    let gelezen = &audit[voor..];
    assert!(
        gelezen
            .iter()
            .any(|r| r.record.gebeurtenis == "jeugdige.lezen"
                && r.record.object_id == Some(d.jeugdige)
                && r.record.uitkomst == Uitkomst::Toegestaan
                && r.record.bron.starts_with("web ")),
        "{gelezen:?}"
    );

    // The access route page logs as the API's does.
    let voor = audit.len();
    let p = b
        .get(&format!("/jeugdigen/{}/toegangsroute", d.jeugdige))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    let audit = app.audit().await;
    assert_eq!(
        audit[voor..]
            .iter()
            .filter(|r| r.record.gebeurtenis == "jeugdige.toegangsroute")
            .count(),
        2,
        "both questions' routes read and logged"
    );

    // Another school's zorgcoördinator: refused, and the refusal logged.
    let ander = Browser::nieuw(app);
    ander.inloggen(ZC_B).await;
    let voor = app.audit().await.len();
    let p = ander.get(&format!("/jeugdigen/{}", d.jeugdige)).await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);
    assert!(!p.html.contains(VOORNAAM));
    let audit = app.audit().await;
    assert!(
        audit[voor..]
            .iter()
            .any(|r| r.record.gebeurtenis == "jeugdige.lezen"
                && r.record.uitkomst == Uitkomst::Geweigerd
                && r.record.bron.starts_with("web "))
    );

    // A hulpvraag registered through the form: the API's checks and record.
    let jeugdige = d.jeugdige.to_string();
    let zonder_token = b
        .post(
            "/hulpvragen/nieuw",
            &[
                ("jeugdige", &jeugdige),
                ("omschrijving", "Vraag via het web"),
            ],
        )
        .await;
    assert_eq!(zonder_token.status, StatusCode::FORBIDDEN);
    let voor = app.audit().await.len();
    let p = b
        .post(
            "/hulpvragen/nieuw",
            &[
                ("csrf", &csrf),
                ("jeugdige", &jeugdige),
                ("omschrijving", "Vraag via het web"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert!(p.naar().starts_with("/hulpvragen/"), "{}", p.naar());
    let audit = app.audit().await;
    let nieuw: Vec<_> = audit[voor..]
        .iter()
        .filter(|r| r.record.gebeurtenis == "hulpvraag.aanmaken")
        .collect();
    assert_eq!(nieuw.len(), 1, "one record, and none for the refused form");
    assert!(nieuw[0].record.bron.starts_with("web "));
    // The other school may not register one for this pupil: refused and logged.
    let p = ander
        .post(
            "/hulpvragen/nieuw",
            &[
                ("csrf", &ander.get("/advies").await.verborgen("csrf")),
                ("jeugdige", &jeugdige),
                ("omschrijving", "Niet mijn leerling"),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN);

    // The hulpvraag of the dossier, its page and its triage form.
    let p = b.get(&format!("/hulpvragen/{}", d.hulpvraag)).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.html.contains("Triage vastleggen"));
    let p = b
        .post(
            &format!("/hulpvragen/{}/triage", d.hulpvraag),
            &[("csrf", &csrf), ("uitkomst", "onderwijs")],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);

    // Beleid sees no personal data, on a page either.
    let beleid = Browser::nieuw(app);
    beleid.inloggen(super::BELEID).await;
    assert_eq!(beleid.get("/jeugdigen").await.status, StatusCode::FORBIDDEN);
    let p = beleid.get("/dashboard").await;
    assert_eq!(p.status, StatusCode::OK);
    assert_eq!(
        p.html.matches("role=\"img\"").count(),
        6,
        "six charts, maatwerk the last"
    );

    // Names and BSNs never reach the application log through the pages.
    let log = logtekst();
    for geheim in NAMEN.iter().chain(BSNS.iter()) {
        assert!(!log.contains(geheim), "application log holds {geheim}");
    }
}

/// An account with two roles chooses one at login and then works in it
/// only (the API's `kies_rol`, as a choice in the form).
pub async fn web_rol_kiezen(app: &App) {
    let email = "twee-rollen@wijkteam.test";
    app.opslag
        .maak_medewerker(&NieuweMedewerker {
            naam: "Twee Rollen".into(),
            email: email.into(),
            wachtwoord_hash: wachtwoord_hash(),
            demo: true,
            rollen: vec![
                Roltoewijzing {
                    rol: Rol::Casusregisseur,
                    organisatie: app.w.wijkteam,
                },
                Roltoewijzing {
                    rol: Rol::Beleid,
                    organisatie: app.w.gemeente,
                },
            ],
        })
        .await
        .expect("medewerker");
    let b = Browser::nieuw(app);
    let token = b.get("/inloggen").await.verborgen("inlogtoken");
    let p = b
        .post(
            "/inloggen",
            &[
                ("inlogtoken", &token),
                ("email", email),
                ("wachtwoord", WACHTWOORD),
            ],
        )
        .await;
    assert_eq!(
        p.status,
        StatusCode::BAD_REQUEST,
        "a choice, no session yet"
    );
    assert!(
        p.html.contains("Dit account heeft meer rollen"),
        "{}",
        p.html
    );
    let beleid = format!("beleid:{}", app.w.gemeente);
    assert!(
        p.html.contains(&format!("value=\"{beleid}\"")),
        "{}",
        p.html
    );
    assert_eq!(b.get("/jeugdigen").await.status, StatusCode::SEE_OTHER);
    let token = p.verborgen("inlogtoken");
    let p = b
        .post(
            "/inloggen",
            &[
                ("inlogtoken", &token),
                ("email", email),
                ("wachtwoord", WACHTWOORD),
                ("rol", &beleid),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert_eq!(b.get("/start").await.naar(), "/dashboard");
    // In the beleid role, no personal data: the other role does not leak in.
    assert_eq!(b.get("/jeugdigen").await.status, StatusCode::FORBIDDEN);
}

/// A school registers a pupil not yet in Schakel, with the household and
/// the question: the API's three writes with their audit records; a form
/// the checks refuse stores nothing at all.
pub async fn web_jeugdige_registreren(app: &App) {
    let b = Browser::nieuw(app);
    let csrf = b.inloggen(ZC_A).await;
    let velden = |bsn: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("bsn", bsn.to_string()),
            ("voornaam", VOORNAAM.to_string()),
            ("achternaam", "Zwartewaterland".to_string()),
            ("geboortedatum", "2015-03-14".to_string()),
            ("postcode", "1315 AB".to_string()),
            ("huisnummer", "12".to_string()),
            ("ouder", "Wilhelmina Zwartewaterland".to_string()),
            ("relatie", "ouder".to_string()),
            ("omschrijving", "Komt vaak te laat".to_string()),
        ]
    };
    let stuur = |v: Vec<(&'static str, String)>| {
        let b = &b;
        async move {
            let paren: Vec<(&str, &str)> = v.iter().map(|(k, w)| (*k, w.as_str())).collect();
            b.post("/jeugdigen/nieuw", &paren).await
        }
    };
    let voor = app.audit().await.len();
    let p = stuur(velden("123456789")).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"bsn-fout\""), "{}", p.html);
    assert_eq!(
        app.audit().await.len(),
        voor,
        "nothing stored, nothing logged"
    );

    let p = stuur(velden(BSNS[1])).await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    assert!(p.naar().starts_with("/hulpvragen/"));
    let audit = app.audit().await;
    let gebeurtenissen: Vec<&str> = audit[voor..]
        .iter()
        .map(|r| r.record.gebeurtenis.as_str())
        .collect();
    assert_eq!(
        gebeurtenissen,
        [
            "bsn.controle",
            "huishouden.aanmaken",
            "jeugdige.aanmaken",
            "hulpvraag.aanmaken"
        ]
    );
    assert!(
        audit[voor..]
            .iter()
            .all(|r| r.record.bron.starts_with("web "))
    );
    // The pupil is now on the school's need-to-know list, and the question
    // among the school's open hulpvragen (the listing logged).
    let nummer = p.naar()["/hulpvragen/".len()..]
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    let voor_lijst = app.audit().await.len();
    let lijst = b.get("/jeugdigen").await;
    assert!(lijst.html.contains(VOORNAAM));
    assert!(
        lijst.html.contains(&format!(
            "<a href=\"/hulpvragen/{nummer}\">Nr. {nummer}</a>"
        )),
        "{}",
        lijst.html
    );
    assert!(lijst.html.contains("Nog te triëren"));
    assert!(
        app.audit().await[voor_lijst..]
            .iter()
            .any(|r| r.record.gebeurtenis == "hulpvraag.lijst"
                && r.record.object_id.map(|i| i.to_string()) == Some(nummer.clone()))
    );
    // The same BSN again: named at the field, nothing stored; only the
    // check of the BSN is logged (issue 12).
    let voor = app.audit().await.len();
    let p = stuur(velden(BSNS[1])).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"bsn-fout\""));
    assert!(
        p.html
            .contains("Met dit BSN is al een jeugdige geregistreerd")
    );
    let na: Vec<String> = app.audit().await[voor..]
        .iter()
        .map(|r| format!("{} {:?}", r.record.gebeurtenis, r.record.grond))
        .collect();
    assert_eq!(na, ["bsn.controle Some(\"bekend_zichtbaar\")"]);
}

// --- the case page: the events of the route, through its forms ------------------------------

/// A joint case for the household of BSNS[0] (school A's pupil), with the
/// JGZ and the hoofdaanbieder as parties and, through the API, the
/// hoofdaanbieder of school A's OJA as regisseur. Returns the jeugdige,
/// the case and the providers.
async fn casus_met_regie(app: &App) -> (i64, i64, Route) {
    let route = aanbieders(app).await;
    let zc = app.login(ZC_A).await;
    let d = dossier(app, &zc, BSNS[0]).await;
    let (s, _, vraag) = zc
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": app.w.wijkteam,
                   "partijen": [app.w.jgz]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    let casus = vraag["casus"].as_i64().expect("joint case");
    oja_van_school_a(app, route.hoofdaanbieder).await;
    let (s, _, b) = app
        .login(REGISSEUR)
        .await
        .post(
            &format!("/api/v1/casussen/{casus}/gebeurtenissen"),
            json!({"soort": "regisseur", "regie": "hoofdaanbieder",
                   "organisatie": route.hoofdaanbieder}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{b}");
    (d.jeugdige, casus, route)
}

impl Browser {
    /// Posts one of the case page's event forms, with the hidden fields
    /// (CSRF token, version) as the page carries them.
    async fn leg_vast(&self, casus: i64, soort: &str, velden: &[(&str, &str)]) -> Pagina {
        let p = self.get(&format!("/casussen/{casus}")).await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.html);
        let csrf = p.verborgen("csrf");
        let versie = if p.html.contains("name=\"versie\"") {
            p.verborgen("versie")
        } else {
            String::new()
        };
        let mut alle = vec![
            ("csrf", csrf.as_str()),
            ("versie", &versie),
            ("soort", soort),
        ];
        alle.extend_from_slice(velden);
        self.post(&format!("/casussen/{casus}/gebeurtenissen"), &alle)
            .await
    }
}

/// The number of recorded events of a case, as the store holds them.
async fn versie(app: &App, casus: i64) -> usize {
    app.opslag
        .gebeurtenissen(casus)
        .await
        .expect("gebeurtenissen")
        .len()
}

/// The outcomes of the audit records of event `code` since record `voor`,
/// each one asserted to come from the web.
async fn gelogd(app: &App, voor: usize, code: &str) -> Vec<Uitkomst> {
    let audit = app.audit().await;
    let records: Vec<_> = audit[voor..]
        .iter()
        .filter(|r| r.record.gebeurtenis == code)
        .collect();
    assert!(
        records.iter().all(|r| r.record.bron.starts_with("web ")),
        "{records:?}"
    );
    records.iter().map(|r| r.record.uitkomst).collect()
}

/// A form of the case page as `b` posts it, and what it should do: `Ok`
/// stores event `code` (303 back to the case, logged as allowed from the
/// web); `Err(veld)` is sent back with the error beside that field, or,
/// with `Err("")`, refused (403, the refusal logged). Either way the case
/// changes only when stored. Returns the case page after a success, else
/// the answer.
#[derive(Clone, Copy)]
struct Formulier<'a> {
    soort: &'a str,
    velden: &'a [(&'a str, &'a str)],
    code: &'a str,
}

fn formulier<'a>(soort: &'a str, code: &'a str, velden: &'a [(&'a str, &'a str)]) -> Formulier<'a> {
    Formulier {
        soort,
        velden,
        code,
    }
}

async fn stuur(
    app: &App,
    b: &Browser,
    casus: i64,
    f: Formulier<'_>,
    verwacht: Result<(), &str>,
) -> Pagina {
    let (voor, n) = (app.audit().await.len(), versie(app, casus).await);
    let p = b.leg_vast(casus, f.soort, f.velden).await;
    let (status, nieuw, log) = match verwacht {
        Ok(()) => (StatusCode::SEE_OTHER, 1, vec![Uitkomst::Toegestaan]),
        Err("") => (StatusCode::FORBIDDEN, 0, vec![Uitkomst::Geweigerd]),
        Err(_) => (StatusCode::BAD_REQUEST, 0, vec![]),
    };
    assert_eq!(p.status, status, "{}: {}", f.soort, p.html);
    assert_eq!(versie(app, casus).await, n + nieuw, "{}", f.soort);
    assert_eq!(gelogd(app, voor, f.code).await, log, "{}", f.code);
    match verwacht {
        Ok(()) if f.soort == "afgesloten" => {
            assert_eq!(p.naar(), "/casussen?gelukt=afgesloten");
            b.get(p.naar()).await
        }
        Ok(()) => {
            assert_eq!(p.naar(), format!("/casussen/{casus}?gelukt=vastgelegd"));
            let p = b.get(p.naar()).await;
            assert!(p.html.contains("Vastgelegd in het verloop van de casus."));
            p
        }
        Err("") => p,
        Err(veld) => {
            assert!(
                p.html.contains(&format!("id=\"{veld}-fout\"")),
                "{veld}: {}",
                p.html
            );
            assert!(p.html.contains(&format!("href=\"#{veld}\"")));
            assert!(p.html.contains("aria-invalid=\"true\""));
            p
        }
    }
}

/// One form three times: refused for `niet` (403, logged), sent back to
/// `wel` with the error beside `veld` when posted as `leeg`, and stored for
/// `wel` when posted as `vol`. Returns the case page after.
async fn weigert_meldt_slaat_op(
    app: &App,
    casus: i64,
    (soort, code): (&str, &str),
    (niet, wel): (&Browser, &Browser),
    (leeg, veld): (&[(&str, &str)], &str),
    vol: &[(&str, &str)],
) -> Pagina {
    stuur(app, niet, casus, formulier(soort, code, vol), Err("")).await;
    stuur(app, wel, casus, formulier(soort, code, leeg), Err(veld)).await;
    stuur(app, wel, casus, formulier(soort, code, vol), Ok(())).await
}

/// Unsafety reported by any party and seen by every other one, closed by
/// the casusregisseur; then the case closed: "Gesloten" and no forms.
pub async fn web_casus_veiligheid_en_afsluiten(app: &App) {
    let (_, casus, _) = casus_met_regie(app).await;
    let pad = format!("/casussen/{casus}");
    let jgz = Browser::nieuw(app);
    jgz.inloggen(VERWIJZER).await;
    let school = Browser::nieuw(app);
    school.inloggen(ZC_A).await;
    let regisseur = Browser::nieuw(app);
    regisseur.inloggen(REGISSEUR).await;

    // The JGZ, a party, reports; it sees no forms of the casusregisseur's.
    let p = jgz.get(&pad).await;
    assert!(p.html.contains("id=\"form-veiligheid\""), "{}", p.html);
    for form in [
        "form-afronding",
        "form-afsluiten",
        "form-tlv",
        "form-inkoop",
    ] {
        assert!(!p.html.contains(form), "{form}");
    }
    let melding = |soort, toelichting| {
        [
            ("veiligheid-melding", soort),
            ("veiligheid-toelichting", toelichting),
        ]
    };
    // No kind chosen: the form's own check; no text: the API's, mapped.
    let p = stuur(
        app,
        &jgz,
        casus,
        formulier("veiligheid", "casus.veiligheid", &melding("", "Acute zorg")),
        Err("veiligheid-melding"),
    )
    .await;
    assert!(p.html.contains("Acute zorg"), "the text filled in again");
    stuur(
        app,
        &jgz,
        casus,
        formulier("veiligheid", "casus.veiligheid", &melding("crisis", " ")),
        Err("veiligheid-toelichting"),
    )
    .await;
    let p = stuur(
        app,
        &jgz,
        casus,
        formulier(
            "veiligheid",
            "casus.veiligheid",
            &melding("crisis", "Acute zorg over de thuissituatie"),
        ),
        Ok(()),
    )
    .await;
    assert!(
        p.html
            .contains("Melding van crisis: Acute zorg over de thuissituatie")
    );
    // Another party sees the alert on top.
    let p = school.get(&pad).await;
    assert!(
        p.html.contains(
            "<h2>Melding van onveiligheid, crisis of calamiteit</h2><p>Crisis: Acute zorg"
        ),
        "{}",
        p.html
    );

    // Only the casusregisseur closes the report.
    let afronding = Formulier {
        soort: "veiligheid_afgerond",
        velden: &[(
            "afronding-toelichting",
            "Veiligheidsplan met ouders gemaakt",
        )],
        code: "casus.veiligheid_afgerond",
    };
    assert!(!school.get(&pad).await.html.contains("form-afronding"));
    stuur(app, &school, casus, afronding, Err("")).await;
    let p = stuur(app, &regisseur, casus, afronding, Ok(())).await;
    assert!(
        p.html
            .contains("Melding van onveiligheid afgerond: Veiligheidsplan")
    );
    assert!(!p.html.contains("Crisis: Acute zorg"), "no alert any more");
    assert!(!p.html.contains("form-afronding"), "nothing left to close");

    // Closing the case: the casusregisseur's, with a reason.
    let reden = [
        ("afsluiten-reden", "Doelen behaald"),
        ("afsluiten-zeker", "ja"),
    ];
    assert!(!school.get(&pad).await.html.contains("form-afsluiten"));
    // It cannot be undone: without the confirmation nothing is recorded.
    stuur(
        app,
        &regisseur,
        casus,
        formulier("afgesloten", "casus.afgesloten", &reden[..1]),
        Err("afsluiten-zeker"),
    )
    .await;
    let p = weigert_meldt_slaat_op(
        app,
        casus,
        ("afgesloten", "casus.afgesloten"),
        (&school, &regisseur),
        (
            &[("afsluiten-reden", ""), ("afsluiten-zeker", "ja")],
            "afsluiten-reden",
        ),
        &reden,
    )
    .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert!(p.html.contains("De casus is afgesloten."), "{}", p.html);
    // Closed: no longer open to plain reads, for the wijkteam and every
    // party (issue 12); each refusal logged.
    for b in [&regisseur, &school, &jgz] {
        let p = b.get(&pad).await;
        assert_eq!(p.status, StatusCode::FORBIDDEN, "{}", p.html);
        assert!(p.html.contains("gesloten"), "{}", p.html);
        assert!(!p.html.contains("/gebeurtenissen"), "no forms: {}", p.html);
    }
    assert!(
        app.audit()
            .await
            .iter()
            .any(|r| r.record.gebeurtenis == "casus.lezen"
                && r.record.grond.as_deref() == Some("casus_gesloten"))
    );
}

/// Bought-in care (the hoofdaanbieder with regie, then the school's
/// consent), a TLV and an education outcome, each through its form and
/// only for whom the rules let record it.
pub async fn web_casus_inkoop_en_onderwijs(app: &App) {
    let (jeugdige, casus, route) = casus_met_regie(app).await;
    let pad = format!("/casussen/{casus}");
    let hoofd = Browser::nieuw(app);
    hoofd.inloggen(HOOFDAANBIEDER).await;
    let school = Browser::nieuw(app);
    school.inloggen(ZC_A).await;
    let regisseur = Browser::nieuw(app);
    regisseur.inloggen(REGISSEUR).await;
    let vandaag = vandaag().to_string();
    let specialist = route.specialist.to_string();

    // The hoofdaanbieder buys in, from another provider of the directory.
    let p = hoofd.get(&pad).await;
    assert!(p.html.contains("id=\"form-inkoop\""), "{}", p.html);
    assert!(p.html.contains(&format!(
        "<option value=\"{specialist}\">GGZ Specialist</option>"
    )));
    assert!(
        !p.html
            .contains(&format!("<option value=\"{}\">", route.hoofdaanbieder))
    );
    for form in ["form-tlv", "form-afsluiten", "form-schooltoestemming"] {
        assert!(!p.html.contains(form), "{form}");
    }
    assert!(!regisseur.get(&pad).await.html.contains("form-inkoop"));
    let inkoop = |datum| {
        [
            ("inkoop-aanbieder", specialist.as_str()),
            ("inkoop-omschrijving", "Behandeling specialistisch"),
            ("inkoop-ouder", OUDER),
            ("inkoop-datum", datum),
        ]
    };
    let p = weigert_meldt_slaat_op(
        app,
        casus,
        ("inkoop", "casus.inkoop"),
        (&regisseur, &hoofd),
        (&inkoop(""), "inkoop-datum"),
        &inkoop(&vandaag),
    )
    .await;
    assert!(
        p.html.contains(&format!(
            "Inkoop bij GGZ Specialist: Behandeling specialistisch (toestemming van {OUDER}"
        )),
        "{}",
        p.html
    );

    // The pupil's school consents to the open inkoop: the specialist joins.
    let p = school.get(&pad).await;
    assert!(
        p.html.contains(
            "<option value=\"1\">Inkoop 1 (Behandeling specialistisch bij GGZ Specialist)</option>"
        ),
        "{}",
        p.html
    );
    let toestemming = Formulier {
        soort: "inkoop_toestemming_school",
        velden: &[
            ("schooltoestemming-inkoop", "1"),
            ("schooltoestemming-datum", &vandaag),
        ],
        code: "casus.inkoop_toestemming_school",
    };
    let p = stuur(app, &school, casus, toestemming, Ok(())).await;
    assert!(p.html.contains("Toestemming van de school voor inkoop 1"));
    assert!(!p.html.contains("form-schooltoestemming"), "none open");
    let p = hoofd.get(&pad).await;
    let partijen = p.html.split("<dt>Partijen</dt>").nth(1).unwrap_or_default();
    assert!(
        partijen
            .split("</dd>")
            .next()
            .unwrap_or_default()
            .contains("GGZ Specialist")
    );

    // A TLV: the school for its own pupil; a provider may not.
    let j = jeugdige.to_string();
    let tlv = |jeugdige| {
        [
            ("tlv-jeugdige", jeugdige),
            ("tlv-van", "2024-08-01"),
            ("tlv-tot", "2026-07-31"),
        ]
    };
    let p = weigert_meldt_slaat_op(
        app,
        casus,
        ("tlv", "casus.tlv"),
        (&hoofd, &school),
        (&tlv(""), "tlv-jeugdige"),
        &tlv(&j),
    )
    .await;
    assert!(
        p.html.contains(&format!(
            "Toelaatbaarheidsverklaring voor {VOORNAAM} Zwartewaterland van 1 augustus 2024"
        )),
        "{}",
        p.html
    );

    // An education outcome, recorded by the casusregisseur.
    let uitkomst = Formulier {
        soort: "onderwijsuitkomst",
        velden: &[
            ("uitkomst-jeugdige", &j),
            ("uitkomst-soort", "terugkeer_regulier"),
        ],
        code: "casus.onderwijs.terugkeer_regulier",
    };
    let p = stuur(app, &regisseur, casus, uitkomst, Ok(())).await;
    assert!(p.html.contains(&format!(
        "Onderwijsuitkomst voor {VOORNAAM} Zwartewaterland: Terugkeer naar het reguliere onderwijs"
    )));
}

/// An API token from the web: shown once (not cached), its creation logged,
/// then usable as a bearer token in the same role; bad input at its field.
pub async fn web_api_token(app: &App) {
    let b = Browser::nieuw(app);
    let csrf = b.inloggen(ZC_A).await;
    let scherm = b.get("/api-token").await;
    assert_eq!(scherm.status, StatusCode::OK);
    let p = b
        .post(
            "/api-token",
            &[("csrf", &csrf), ("naam", "koppeling"), ("dagen", "400")],
        )
        .await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"dagen-fout\""), "{}", p.html);
    let p = b
        .post(
            "/api-token",
            &[("csrf", &csrf), ("naam", " "), ("dagen", "30")],
        )
        .await;
    assert!(p.html.contains("id=\"naam-fout\""), "{}", p.html);
    let voor = app.audit().await.len();
    let p = b
        .post(
            "/api-token",
            &[("csrf", &csrf), ("naam", "koppeling LVS"), ("dagen", "30")],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    assert_eq!(
        p.koppen
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let begin = p.html.find("<code id=\"token\">").expect("token shown") + 17;
    let token = &p.html[begin..begin + p.html[begin..].find('<').expect("end")];
    assert!(token.len() >= 32, "{token}");
    let audit = app.audit().await;
    assert_eq!(audit.len(), voor + 1);
    assert_eq!(audit[voor].record.gebeurtenis, "api_token.aanmaken");
    assert!(audit[voor].record.bron.starts_with("web "));
    assert!(
        !logtekst().contains(token),
        "the token is in no application log"
    );
    // The token works as the zorgcoördinator, with the role's access.
    let r = reqwest::Client::new()
        .get(format!("{}/api/v1/jeugdigen", app.url))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
}

/// The casusregisseur brings the JGZ in as a party from the case page
/// (the `partij` event, issue 13.6's gap in the web): only she gets the
/// form, it offers only who may become a party and is not one yet, a
/// missing choice is named at the field, and afterwards the JGZ's
/// verwijzer opens the case.
pub async fn web_partij_toevoegen(app: &App) {
    let zc = app.login(ZC_A).await;
    let d = dossier(app, &zc, BSNS[1]).await;
    let (s, _, vraag) = zc
        .post(
            &format!("/api/v1/hulpvragen/{}/triage", d.hulpvraag),
            json!({"uitkomst": "beide", "wijkteam": app.w.wijkteam, "partijen": []}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{vraag}");
    let casus = vraag["casus"].as_i64().expect("joint case");
    let pad = format!("/casussen/{casus}");
    let regisseur = Browser::nieuw(app);
    regisseur.inloggen(REGISSEUR).await;
    let school = Browser::nieuw(app);
    school.inloggen(ZC_A).await;
    let jgz = Browser::nieuw(app);
    jgz.inloggen(VERWIJZER).await;

    assert!(!school.get(&pad).await.html.contains("form-partij"));
    assert_eq!(jgz.get(&pad).await.status, StatusCode::FORBIDDEN);
    let p = regisseur.get(&pad).await;
    assert!(p.html.contains("id=\"form-partij\""), "{}", p.html);
    let opties = p
        .html
        .split("id=\"partij-organisatie\"")
        .nth(1)
        .and_then(|r| r.split("</select>").next())
        .unwrap_or_default()
        .to_string();
    assert!(
        opties.contains(&format!("value=\"{}\"", app.w.jgz)),
        "{opties}"
    );
    for geen in [
        app.w.wijkteam,
        app.w.school_a,
        app.w.school_b,
        app.w.gemeente,
    ] {
        assert!(
            !opties.contains(&format!("value=\"{geen}\"")),
            "{geen}: {opties}"
        );
    }
    stuur(
        app,
        &regisseur,
        casus,
        formulier("partij", "casus.partij", &[("partij-organisatie", "")]),
        Err("partij-organisatie"),
    )
    .await;
    let jgz_id = app.w.jgz.to_string();
    let p = stuur(
        app,
        &regisseur,
        casus,
        formulier("partij", "casus.partij", &[("partij-organisatie", &jgz_id)]),
        Ok(()),
    )
    .await;
    assert!(
        !p.html.contains("id=\"form-partij\""),
        "nobody left to bring in"
    );
    assert_eq!(jgz.get(&pad).await.status, StatusCode::OK);
}
