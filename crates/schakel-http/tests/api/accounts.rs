//! An account's life cycle (issue 13.2), end to end on a real server with a
//! real SMTP sink: the beheerder invites an accountbeheerder (the link
//! arrives by mail and is followed), who manages the own school's staff
//! only — invitations, roles, reset links, deactivation — and is refused,
//! logged, elsewhere; the user changes the own password.

use std::sync::Mutex;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

use super::toegang::{instantie_met, login_op};
use super::*;

/// A minimal SMTP server on 127.0.0.1:0 that keeps every message it gets.
struct Postbus {
    adres: SocketAddr,
    berichten: Arc<Mutex<Vec<String>>>,
    taak: tokio::task::JoinHandle<()>,
}

impl Postbus {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind SMTP");
        let adres = listener.local_addr().expect("addr");
        let berichten = Arc::new(Mutex::new(Vec::new()));
        let opslag = Arc::clone(&berichten);
        let taak = tokio::spawn(async move {
            while let Ok((stroom, _)) = listener.accept().await {
                let opslag = Arc::clone(&opslag);
                tokio::spawn(async move {
                    let _ = Self::sessie(stroom, opslag).await;
                });
            }
        });
        Self {
            adres,
            berichten,
            taak,
        }
    }

    /// One SMTP conversation: every command gets its positive answer; the
    /// DATA up to the lone dot is kept.
    async fn sessie(
        stroom: tokio::net::TcpStream,
        berichten: Arc<Mutex<Vec<String>>>,
    ) -> std::io::Result<()> {
        let (lezen, mut schrijven) = stroom.into_split();
        let mut regels = BufReader::new(lezen);
        schrijven.write_all(b"220 postbus.test ESMTP\r\n").await?;
        let mut regel = String::new();
        loop {
            regel.clear();
            if regels.read_line(&mut regel).await? == 0 {
                return Ok(());
            }
            let opdracht = regel.trim_end().to_ascii_uppercase();
            let antwoord: &[u8] = if opdracht.starts_with("EHLO") || opdracht.starts_with("HELO") {
                b"250 postbus.test\r\n"
            } else if opdracht == "DATA" {
                schrijven.write_all(b"354 ga je gang\r\n").await?;
                let mut bericht = String::new();
                loop {
                    regel.clear();
                    regels.read_line(&mut regel).await?;
                    if regel == ".\r\n" || regel.is_empty() {
                        break;
                    }
                    bericht.push_str(&regel);
                }
                berichten.lock().expect("lock").push(bericht);
                b"250 bewaard\r\n"
            } else if opdracht == "QUIT" {
                schrijven.write_all(b"221 dag\r\n").await?;
                return Ok(());
            } else {
                b"250 ok\r\n"
            };
            schrijven.write_all(antwoord).await?;
        }
    }

    fn berichten(&self) -> Vec<String> {
        self.berichten.lock().expect("lock").clone()
    }
}

/// The activation or reset link in a mail (quoted-printable undone where
/// it wraps lines).
fn link_in(bericht: &str) -> String {
    let plat = bericht.replace("=\r\n", "").replace("=3D", "=");
    let begin = plat.find("http://").expect("a link in the mail");
    plat[begin..]
        .split_whitespace()
        .next()
        .expect("link")
        .to_string()
}

/// Sets a password through a link, as the activation page's form does;
/// a first activation then enrols an authenticator app (issue 13.3), whose
/// recovery codes the account's later logins use.
async fn volg_link(link: &str, wachtwoord: &str) -> StatusCode {
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    let scherm = http
        .get(link)
        .send()
        .await
        .expect("GET link")
        .text()
        .await
        .expect("html");
    let r = http
        .post(link)
        .form(&[("wachtwoord", wachtwoord), ("herhaling", wachtwoord)])
        .send()
        .await
        .expect("POST link");
    let naar = r
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok());
    if naar == Some("/account/tweede-factor") {
        let email = scherm
            .split(" tekens voor ")
            .nth(1)
            .and_then(|r| r.split(". ").next())
            .expect("the page names the account");
        let basis = &link[..link.find("/activeren/").expect("a link")];
        super::tweedefactor::schrijf_in(&http, basis, email).await;
    }
    r.status()
}

/// Zeno's login as zorgcoördinator of school A (he holds two roles there).
async fn inloggen(
    url: &str,
    school: i64,
    email: &str,
    wachtwoord: &str,
) -> (StatusCode, Option<Gebruiker>) {
    let http = client(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let (s, _, body) = lees(
        http.post(format!("{url}/api/v1/sessies"))
            .json(&json!({"email": email, "wachtwoord": wachtwoord,
                         "rol": "zorgcoordinator", "organisatie": school}))
            .send()
            .await
            .expect("login"),
    )
    .await;
    let (s, body) = if s == StatusCode::ACCEPTED {
        super::tweedefactor::tweede_stap(&http, url, email).await
    } else {
        (s, body)
    };
    let g = (s == StatusCode::CREATED).then(|| Gebruiker {
        url: url.into(),
        http,
        csrf: body["csrfToken"].as_str().unwrap_or_default().into(),
        bearer: None,
    });
    (s, g)
}

pub async fn accounts_levenscyclus(app: &App) {
    let postbus = Postbus::start().await;
    let instellingen = Instellingen {
        pseudoniem_sleutel: SLEUTEL.to_vec(),
        post: Some(
            schakel_http::post::Post::new(
                &format!("smtp://{}", postbus.adres),
                "Schakel <schakel@gemeente.test>",
            )
            .expect("post"),
        ),
        ..Instellingen::default()
    };
    // The links start with the configured basis_url; the test follows
    // their secret on this instance.
    let (url, server) = instantie_met(app, instellingen).await;

    // 1. The beheerder invites an accountbeheerder for school A; the link
    //    is in the answer once and in the mail, and works.
    let beheer = login_op(app, &url, BEHEERDER).await;
    let (s, _, body) = beheer
        .post(
            "/api/v1/medewerkers",
            json!({"naam": "Anna Accounts", "email": "anna@school-a.test",
                   "rol": "accountbeheerder", "organisatie": app.w.school_a}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(body["verstuurd"], json!(true), "{body}");
    let link = body["link"].as_str().expect("link").to_string();
    assert!(link.contains("/activeren/"), "{link}");
    let berichten = postbus.berichten();
    assert_eq!(berichten.len(), 1, "one mail");
    assert!(
        berichten[0].contains("anna@school-a.test"),
        "{}",
        berichten[0]
    );
    assert!(
        berichten[0].contains("Subject: Uw account voor Schakel"),
        "{}",
        berichten[0]
    );
    let gemaild = link_in(&berichten[0]);
    assert!(
        link.starts_with("http://127.0.0.1:8080/activeren/"),
        "{link}"
    );
    assert!(link.ends_with(gemaild.rsplit('/').next().expect("secret")));
    let gemaild = format!(
        "{url}/activeren/{}",
        gemaild.rsplit('/').next().expect("secret")
    );
    assert_eq!(volg_link(&gemaild, WACHTWOORD).await, StatusCode::SEE_OTHER);
    assert_eq!(
        volg_link(&gemaild, WACHTWOORD).await,
        StatusCode::GONE,
        "once"
    );
    let anna_id = body["medewerker"]["id"].as_i64().expect("id");
    let anna = login_op(app, &url, "anna@school-a.test").await;

    // 2. Within the own school: invite, change roles, reset link.
    let (s, _, body) = anna
        .post(
            "/api/v1/medewerkers",
            json!({"naam": "Zeno Zorg", "email": "zeno@school-a.test",
                   "rol": "zorgcoordinator", "organisatie": app.w.school_a}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let zeno = body["medewerker"]["id"].as_i64().expect("id");
    let link = format!(
        "{url}/activeren/{}",
        body["link"]
            .as_str()
            .expect("link")
            .rsplit('/')
            .next()
            .expect("secret")
    );
    assert_eq!(volg_link(&link, WACHTWOORD).await, StatusCode::SEE_OTHER);
    let (s, _, body) = anna
        .put(
            &format!("/api/v1/medewerkers/{zeno}/rollen"),
            None,
            json!({"rollen": [{"rol": "zorgcoordinator", "organisatie": app.w.school_a},
                              {"rol": "beleid", "organisatie": app.w.school_a}]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["rollen"].as_array().map(Vec::len), Some(2));
    let (s, _, lijst) = anna.get("/api/v1/medewerkers?perPagina=100").await;
    assert_eq!(s, StatusCode::OK, "{lijst}");
    let namen: Vec<&str> = lijst["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|m| m["naam"].as_str())
        .collect();
    assert!(
        namen.contains(&"Zeno Zorg") && namen.contains(&"Anna Accounts"),
        "{namen:?}"
    );
    assert!(
        lijst["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|m| m["rollen"]
                .as_array()
                .expect("rollen")
                .iter()
                .all(|r| r["organisatie"] == json!(app.w.school_a))),
        "only school A's staff: {lijst}"
    );

    // The beheerder lists the whole region, page by page, or one school.
    let (s, _, pagina) = beheer.get("/api/v1/medewerkers?perPagina=1&pagina=2").await;
    assert_eq!(s, StatusCode::OK, "{pagina}");
    assert_eq!(pagina["items"].as_array().map(Vec::len), Some(1));
    let totaal = pagina["paginering"]["totaal"].as_i64().expect("totaal");
    assert!(totaal >= 5, "the seeded staff and the invited: {pagina}");
    assert_eq!(pagina["paginering"]["paginas"], json!(totaal));
    let (_, _, school_b) = beheer
        .get(&format!(
            "/api/v1/medewerkers?organisatie={}",
            app.w.school_b
        ))
        .await;
    let emails: Vec<&str> = school_b["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|m| m["email"].as_str())
        .collect();
    assert_eq!(emails, [ZC_B], "school B's staff");
    let onbekend = beheer.get("/api/v1/medewerkers?organisatie=1000000").await;
    assert_eq!(ongeldig(&onbekend), ["organisatie"]);

    // 3. Outside the own school: refused (403) and logged, every time.
    let zc_b = app.w.medewerker(ZC_B);
    let buiten = [
        anna.post(
            "/api/v1/medewerkers",
            json!({"naam": "X", "email": "x@school-b.test", "rol": "zorgcoordinator",
                   "organisatie": app.w.school_b}),
        )
        .await,
        anna.post(
            "/api/v1/medewerkers",
            json!({"naam": "Y", "email": "y@school-a.test", "rol": "beheerder",
                   "organisatie": app.w.school_a}),
        )
        .await,
        anna.put(
            &format!("/api/v1/medewerkers/{zeno}/rollen"),
            None,
            json!({"rollen": [{"rol": "zorgcoordinator", "organisatie": app.w.school_b}]}),
        )
        .await,
        anna.put(
            &format!("/api/v1/medewerkers/{zc_b}/actief"),
            None,
            json!({"actief": false}),
        )
        .await,
        anna.post(
            &format!("/api/v1/medewerkers/{zc_b}/herstellink"),
            json!({}),
        )
        .await,
        anna.get(&format!(
            "/api/v1/medewerkers?organisatie={}",
            app.w.school_b
        ))
        .await,
        anna.get(&format!(
            "/api/v1/medewerkers/{}",
            app.w.medewerker(BEHEERDER)
        ))
        .await,
    ];
    for antwoord in &buiten {
        probleem(antwoord, StatusCode::FORBIDDEN, "geen-toegang");
    }
    let weigeringen: Vec<_> = app
        .audit()
        .await
        .into_iter()
        .filter(|r| {
            r.record.gebruiker == Some(anna_id)
                && r.record.gebeurtenis.starts_with("account.")
                && r.record.uitkomst == Uitkomst::Geweigerd
        })
        .collect();
    assert_eq!(weigeringen.len(), buiten.len(), "each refusal logged once");
    assert!(
        weigeringen
            .iter()
            .all(|r| r.record.rol == Some(Rol::Accountbeheerder)),
        "as accountbeheerder"
    );
    // The refused role change changed nothing.
    let m = app
        .opslag
        .medewerker(zeno)
        .await
        .expect("lees")
        .expect("zeno");
    assert_eq!(m.rollen.len(), 2);

    // 4. A reset link: Zeno's sessions end when it is used.
    let (_, zeno_sessie) = inloggen(&url, app.w.school_a, "zeno@school-a.test", WACHTWOORD).await;
    let zeno_sessie = zeno_sessie.expect("Zeno logs in");
    let (s, _, body) = anna
        .post(
            &format!("/api/v1/medewerkers/{zeno}/herstellink"),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let verloopt: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(body["verloopt"].clone()).expect("verloopt");
    let uren = (verloopt - chrono::Utc::now()).num_minutes();
    assert!((23 * 60..=24 * 60).contains(&uren), "24 hours: {uren} min");
    let herstel = postbus.berichten().last().cloned().expect("mail");
    assert!(
        herstel.contains("Subject: Nieuw wachtwoord voor Schakel"),
        "{herstel}"
    );
    let secret = body["link"]
        .as_str()
        .expect("link")
        .rsplit('/')
        .next()
        .expect("s")
        .to_string();
    assert!(link_in(&herstel).ends_with(&secret));
    let nieuw = "een heel ander wachtwoord nu";
    assert_eq!(
        volg_link(&format!("{url}/activeren/{secret}"), nieuw).await,
        StatusCode::SEE_OTHER
    );
    probleem(
        &zeno_sessie.get("/api/v1/sessies/huidige").await,
        StatusCode::UNAUTHORIZED,
        "niet-ingelogd",
    );
    assert_eq!(
        inloggen(&url, app.w.school_a, "zeno@school-a.test", WACHTWOORD)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );

    // 5. Zeno changes the own password: the current one is needed; the
    //    other session ends, this one stays.
    let (_, z1) = inloggen(&url, app.w.school_a, "zeno@school-a.test", nieuw).await;
    let (_, z2) = inloggen(&url, app.w.school_a, "zeno@school-a.test", nieuw).await;
    let (z1, z2) = (z1.expect("z1"), z2.expect("z2"));
    let pad = "/api/v1/sessies/huidige/wachtwoord";
    let fout = z1
        .put(pad, None, json!({"huidigWachtwoord": "niet het goede", "nieuwWachtwoord": "weer een ander wachtwoord"}))
        .await;
    assert_eq!(ongeldig(&fout), ["huidigWachtwoord"]);
    let zwak = z1
        .put(
            pad,
            None,
            json!({"huidigWachtwoord": nieuw, "nieuwWachtwoord": "kort"}),
        )
        .await;
    assert_eq!(ongeldig(&zwak), ["nieuwWachtwoord"]);
    let derde = "weer een ander wachtwoord";
    let (s, _, body) = z1
        .put(
            pad,
            None,
            json!({"huidigWachtwoord": nieuw, "nieuwWachtwoord": derde}),
        )
        .await;
    assert_eq!(s, StatusCode::NO_CONTENT, "{body}");
    assert_eq!(z1.get("/api/v1/sessies/huidige").await.0, StatusCode::OK);
    assert_eq!(
        z2.get("/api/v1/sessies/huidige").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        inloggen(&url, app.w.school_a, "zeno@school-a.test", derde)
            .await
            .0,
        StatusCode::CREATED
    );

    // 6. Deactivation within the own school ends Zeno's session.
    let (s, _, body) = anna
        .put(
            &format!("/api/v1/medewerkers/{zeno}/actief"),
            None,
            json!({"actief": false}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        z1.get("/api/v1/sessies/huidige").await.0,
        StatusCode::UNAUTHORIZED
    );

    // 7. The log says who changed whose access, and what.
    let wijzigingen: Vec<(String, Option<i64>, Option<String>)> = app
        .audit()
        .await
        .into_iter()
        .filter(|r| {
            r.record.gebeurtenis.starts_with("account.")
                && r.record.uitkomst == Uitkomst::Toegestaan
                && r.record.object_id == Some(zeno)
        })
        .map(|r| (r.record.gebeurtenis, r.record.gebruiker, r.record.grond))
        .collect();
    let rollen = format!(
        "rollen: zorgcoordinator@{a}, beleid@{a} (was: zorgcoordinator@{a})",
        a = app.w.school_a
    );
    let verwacht = [
        ("account.uitnodigen", Some(anna_id), None),
        ("account.activeren", Some(zeno), Some("activeringslink")),
        ("account.rollen", Some(anna_id), Some(rollen.as_str())),
        (
            "account.herstellink",
            Some(anna_id),
            Some("herstellink, 24 uur geldig"),
        ),
        ("account.activeren", Some(zeno), Some("activeringslink")),
        ("account.wachtwoord", Some(zeno), None),
        (
            "account.deactiveren",
            Some(anna_id),
            Some("accountbeheerder_organisatie"),
        ),
    ];
    assert_eq!(wijzigingen.len(), verwacht.len(), "{wijzigingen:#?}");
    for ((g, wie, grond), (vg, vwie, vgrond)) in wijzigingen.iter().zip(verwacht) {
        assert_eq!((g.as_str(), *wie), (vg, vwie), "{wijzigingen:#?}");
        if let Some(vgrond) = vgrond {
            assert_eq!(grond.as_deref(), Some(vgrond));
        }
    }
    server.abort();
    postbus.taak.abort();
}

/// The beheer pages and the own password page: the beheerder invites
/// through the form and sees the link once; the accountbeheerder of school
/// A lists only the own school's staff (the filter on another organisation
/// is refused), gives and takes a role, makes a reset link, deactivates;
/// a person's page of another school is refused (403). A user changes the
/// own password (the current one is asked).
pub async fn web_medewerkers(app: &App) {
    use super::web::Browser;
    let beheer = Browser::nieuw(app);
    let csrf = beheer.inloggen(BEHEERDER).await;
    let p = beheer.get("/beheer/medewerkers/nieuw").await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    // Only what the beheerder may grant: not the national role, which the
    // installation's operator gives (issue 17.5).
    assert!(p.html.contains("value=\"toegang\""), "{}", p.html);
    assert!(!p.html.contains("value=\"landelijk\""), "{}", p.html);
    let p = beheer
        .post(
            "/beheer/medewerkers",
            &[
                ("csrf", &csrf),
                ("naam", "Bea Beheer"),
                ("email", "bea@school-a.test"),
                ("rol", "accountbeheerder"),
                ("organisatie", &app.w.school_a.to_string()),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.html);
    assert!(p.html.contains("/activeren/"), "the link once: {}", p.html);
    assert!(p.html.contains("niet per e-mail verstuurd"), "no SMTP here");
    let dubbel = beheer
        .post(
            "/beheer/medewerkers",
            &[
                ("csrf", &csrf),
                ("naam", "Bea"),
                ("email", "bea@school-a.test"),
                ("rol", "zorgcoordinator"),
                ("organisatie", &app.w.school_a.to_string()),
            ],
        )
        .await;
    assert_eq!(dubbel.status, StatusCode::BAD_REQUEST, "{}", dubbel.html);
    assert!(dubbel.html.contains("al een account"), "{}", dubbel.html);
    // Bea's password is set directly here (activation has its own tests).
    let (bea, _) = app
        .opslag
        .medewerker_op_email("bea@school-a.test")
        .await
        .expect("lees")
        .expect("bea");
    let record = schakel_storage::NieuwAuditRecord::door_systeem(
        "test",
        schakel_storage::audit::Actie::Wijzigen,
        "medewerker",
        "test",
        "test",
        "test",
    );
    app.opslag
        .zet_wachtwoord(bea.id, &wachtwoord_hash(), None, &record)
        .await
        .expect("wachtwoord");

    let b = Browser::nieuw(app);
    let csrf = b.inloggen("bea@school-a.test").await;
    let lijst = b.get("/beheer/medewerkers").await;
    assert_eq!(lijst.status, StatusCode::OK, "{}", lijst.html);
    assert!(
        lijst.html.contains(ZC_A) && !lijst.html.contains(ZC_B),
        "{}",
        lijst.html
    );
    let ander = b
        .get(&format!(
            "/beheer/medewerkers?organisatie={}",
            app.w.school_b
        ))
        .await;
    assert_eq!(ander.status, StatusCode::FORBIDDEN);
    let zc_b = app.w.medewerker(ZC_B);
    assert_eq!(
        b.get(&format!("/beheer/medewerkers/{zc_b}")).await.status,
        StatusCode::FORBIDDEN
    );
    let zc = app.w.medewerker(ZC_A);
    let pad = format!("/beheer/medewerkers/{zc}");
    let p = b.get(&pad).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.html);
    let school = app.w.school_a.to_string();
    let p = b
        .post(
            &format!("{pad}/rollen"),
            &[("csrf", &csrf), ("rol", "beleid"), ("organisatie", &school)],
        )
        .await;
    assert_eq!(p.naar(), format!("{pad}?gelukt=rollen"), "{}", p.html);
    let p = b
        .post(
            &format!("{pad}/rollen"),
            &[
                ("csrf", &csrf),
                ("rol", "beheerder"),
                ("organisatie", &school),
            ],
        )
        .await;
    assert_eq!(p.status, StatusCode::FORBIDDEN, "never beheerder");
    let weg = format!("beleid@{school}");
    let p = b
        .post(&format!("{pad}/rollen"), &[("csrf", &csrf), ("weg", &weg)])
        .await;
    assert_eq!(p.naar(), format!("{pad}?gelukt=rollen"), "{}", p.html);
    let m = app.opslag.medewerker(zc).await.expect("lees").expect("zc");
    assert_eq!(m.rollen.len(), 1, "the role is gone again");
    let p = b
        .post(&format!("{pad}/herstellink"), &[("csrf", &csrf)])
        .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.html);
    assert!(p.html.contains("/activeren/"));
    assert_eq!(
        p.koppen
            .get(header::CACHE_CONTROL)
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let p = b
        .post(
            &format!("{pad}/actief"),
            &[("csrf", &csrf), ("actief", "nee")],
        )
        .await;
    assert_eq!(p.naar(), format!("{pad}?gelukt=actief"), "{}", p.html);
    assert!(
        !app.opslag
            .medewerker(zc)
            .await
            .expect("lees")
            .expect("zc")
            .actief
    );
    let p = b
        .post(
            &format!("{pad}/actief"),
            &[("csrf", &csrf), ("actief", "ja")],
        )
        .await;
    assert_eq!(p.naar(), format!("{pad}?gelukt=actief"));

    // The own password.
    let p = b.get("/account/wachtwoord").await;
    assert_eq!(p.status, StatusCode::OK);
    let fout = b
        .post(
            "/account/wachtwoord",
            &[
                ("csrf", &csrf),
                ("huidig", "fout fout fout"),
                ("nieuw", "een lange nieuwe zin"),
                ("herhaling", "een lange nieuwe zin"),
            ],
        )
        .await;
    assert_eq!(fout.status, StatusCode::BAD_REQUEST);
    assert!(
        fout.html.contains("niet uw huidige wachtwoord"),
        "{}",
        fout.html
    );
    let goed = b
        .post(
            "/account/wachtwoord",
            &[
                ("csrf", &csrf),
                ("huidig", WACHTWOORD),
                ("nieuw", "een lange nieuwe zin"),
                ("herhaling", "een lange nieuwe zin"),
            ],
        )
        .await;
    assert_eq!(
        goed.naar(),
        "/account/wachtwoord?gelukt=ja",
        "{}",
        goed.html
    );
    assert_eq!(
        b.get("/account/wachtwoord?gelukt=ja").await.status,
        StatusCode::OK
    );
}
