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

use super::{
    App, BSNS, NAMEN, VOORNAAM, WACHTWOORD, ZC_A, ZC_B, dossier, logtekst, wachtwoord_hash,
};

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
        assert_eq!(p.naar(), "/start");
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
    assert_eq!(p.naar(), "/jeugdigen");
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
    assert_eq!(p.html.matches("role=\"img\"").count(), 5);

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
    assert!(lijst.html.contains("Nog te trieren"));
    assert!(
        app.audit().await[voor_lijst..]
            .iter()
            .any(|r| r.record.gebeurtenis == "hulpvraag.lijst"
                && r.record.object_id.map(|i| i.to_string()) == Some(nummer.clone()))
    );
    // The same BSN again: named at the field, nothing stored.
    let voor = app.audit().await.len();
    let p = stuur(velden(BSNS[1])).await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST);
    assert!(p.html.contains("id=\"bsn-fout\""));
    assert_eq!(app.audit().await.len(), voor);
}
