//! Single sign-on (issue 13.4): the beheerder's settings through the API,
//! and logging in against a real OpenID Provider — the npm package
//! `oidc-provider` (OpenID Certified), run by `web/sso-op/op.mjs` on
//! 127.0.0.1 at a free port — driven hop by hop by a client with a cookie
//! jar that follows no redirect by itself.
//!
//! The provider needs Node.js 20 or newer (`SCHAKEL_NODE`, else `node`)
//! and `npm ci` in `web/sso-op` (scripts/test does both). Without them the
//! login test is skipped with a notice, except in CI (`CI` set), where it
//! fails.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use super::*;

const OP_CLIENT: &str = "schakel";
const OP_GEHEIM: &str = "op-clientgeheim-niet-in-logs";
const PWD: &str = "pwd@school-a.test";
const INACTIEF: &str = "inactief@school-a.test";
const ONBEVESTIGD: &str = "onbevestigd@school-a.test";
const NIEUW: &str = "nieuw@school-a.test";

/// The provider's accounts: sub, e-mail, verified, how they log in.
const TWEE: &str = "twee@school-a.test";
const ACCOUNTS: [(&str, &str, bool, &[&str]); 8] = [
    ("sub-twee", TWEE, true, &["pwd", "otp"]),
    ("sub-zc", ZC_A, true, &["pwd", "otp"]),
    ("sub-pwd", PWD, true, &["pwd"]),
    ("sub-inactief", INACTIEF, true, &["pwd", "otp"]),
    ("sub-onbevestigd", ONBEVESTIGD, false, &["pwd", "otp"]),
    ("sub-nieuw", NIEUW, true, &["pwd", "otp"]),
    ("sub-elders", "iemand@elders.test", true, &["pwd", "otp"]),
    // An address nobody holds, linked by subject to the zorgcoördinator.
    ("sub-gekoppeld", "oud-adres@elders.test", false, &["hwk"]),
];

/// The running provider; stopped when dropped.
struct Op {
    issuer: String,
    proces: Child,
    _map: tempfile::TempDir,
}

impl Drop for Op {
    fn drop(&mut self) {
        let _ = self.proces.kill();
        let _ = self.proces.wait();
    }
}

fn overslaan(waarom: &str) -> Option<Op> {
    if std::env::var_os("CI").is_some() {
        panic!(
            "{waarom}, and CI is set: the single sign-on test must run in CI (scripts/test installs Node.js and web/sso-op's packages)"
        );
    }
    eprintln!(
        "\nOVERGESLAGEN: single sign-on against a real OpenID Provider: {waarom}. Run scripts/test, or \
         install Node.js 20+ and `npm ci` in web/sso-op.\n"
    );
    None
}

/// Starts the provider with a client for `app`, or says why it cannot.
fn start_op(app: &App) -> Option<Op> {
    let node = std::env::var("SCHAKEL_NODE").unwrap_or_else(|_| "node".into());
    let versie = Command::new(&node).arg("--version").output();
    let hoofd = versie
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|v| {
            v.trim()
                .trim_start_matches('v')
                .split('.')
                .next()?
                .parse::<u32>()
                .ok()
        });
    match hoofd {
        Some(v) if v >= 20 => {}
        Some(v) => return overslaan(&format!("Node.js {v} is older than 20")),
        None => return overslaan(&format!("no Node.js ({node})")),
    }
    let map_op = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../web/sso-op");
    if !map_op.join("node_modules/oidc-provider").is_dir() {
        return overslaan("web/sso-op/node_modules is missing");
    }
    let map = tempfile::tempdir().expect("tempdir");
    let config = json!({
        "clients": [{
            "client_id": OP_CLIENT,
            "client_secret": OP_GEHEIM,
            "redirect_uris": [app.u("/inloggen/sso/terug")],
            "post_logout_redirect_uris": [app.u("/inloggen?uitgelogd=1")],
        }],
        "accounts": ACCOUNTS.iter().map(|(sub, email, geverifieerd, amr)| json!({
            "sub": sub, "email": email, "email_verified": geverifieerd,
            "name": format!("Test {sub}"), "amr": amr,
        })).collect::<Vec<_>>(),
    });
    let bestand = map.path().join("op.json");
    std::fs::write(&bestand, config.to_string()).expect("write op.json");
    let mut proces = Command::new(&node)
        .arg(map_op.join("op.mjs"))
        .arg(&bestand)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start node op.mjs");
    let mut regels = BufReader::new(proces.stdout.take().expect("stdout")).lines();
    let regel = regels
        .by_ref()
        .map_while(Result::ok)
        .find(|r| r.starts_with("oidc-provider http"))
        .expect("the provider prints its issuer");
    // Keep reading what it prints later (its notices go to stdout too): a
    // closed pipe would end it at its next line.
    std::thread::spawn(move || {
        regels
            .map_while(Result::ok)
            .for_each(|r| eprintln!("op: {r}"))
    });
    let issuer = regel.trim_start_matches("oidc-provider ").to_string();
    Some(Op {
        issuer,
        proces,
        _map: map,
    })
}

/// A browser: cookies, no redirects followed by itself.
fn browser(app: &App) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(app.volgend_adres())
        .build()
        .expect("client")
}

fn locatie(r: &reqwest::Response) -> String {
    let l = r
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("{} {} without Location", r.url(), r.status()));
    r.url().join(l).expect("Location is a URL").to_string()
}

/// Starts a login at an organisation's provider: the authorization URL.
async fn begin(app: &App, b: &reqwest::Client, organisatie: &str) -> String {
    let r = b
        .get(app.u(&format!("/inloggen/sso/start?organisatie={organisatie}")))
        .send()
        .await
        .expect("GET /inloggen/sso/start");
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{:?}", r.text().await);
    locatie(&r)
}

/// Logs `sub` in at the provider from `auth` (or finds it logged in
/// there already), up to the way back to Schakel: the callback URL (not
/// yet opened).
async fn bij_op(op: &Op, b: &reqwest::Client, auth: &str, sub: &str) -> String {
    let mut volgende = auth.to_string();
    while volgende.starts_with(&op.issuer) {
        let r = if volgende.contains("/interaction/") {
            b.post(&volgende).form(&[("account", sub)])
        } else {
            b.get(&volgende)
        }
        .send()
        .await
        .expect("request to the provider");
        assert!(r.status().is_redirection(), "{} {}", r.status(), volgende);
        volgende = locatie(&r);
    }
    volgende
}

/// The way back: status and page.
async fn terug(b: &reqwest::Client, url: &str) -> (StatusCode, String) {
    let r = b.get(url).send().await.expect("GET callback");
    (r.status(), r.text().await.unwrap_or_default())
}

/// A whole login of `sub` in a fresh browser.
async fn login(app: &App, op: &Op, sub: &str) -> (reqwest::Client, StatusCode, String) {
    let b = browser(app);
    let auth = begin(app, &b, &app.w.school_a.to_string()).await;
    let url = bij_op(op, &b, &auth, sub).await;
    let (s, tekst) = terug(&b, &url).await;
    (b, s, tekst)
}

fn met_param(url: &str, naam: &str, waarde: &str) -> String {
    let mut u = url::Url::parse(url).expect("URL");
    let paren: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| {
            let w = if k == naam {
                waarde.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), w)
        })
        .collect();
    u.query_pairs_mut().clear().extend_pairs(paren);
    u.to_string()
}

fn param(url: &str, naam: &str) -> String {
    url::Url::parse(url)
        .expect("URL")
        .query_pairs()
        .find(|(k, _)| k == naam)
        .map(|(_, v)| v.into_owned())
        .unwrap_or_else(|| panic!("{naam} in {url}"))
}

/// The single sign-on records written since `kop`: (event, outcome, ground).
async fn records(app: &App, kop: usize) -> Vec<(String, Uitkomst, String, Option<i64>)> {
    app.audit()
        .await
        .into_iter()
        .skip(kop)
        .filter(|r| r.record.gebeurtenis.starts_with("sso."))
        .map(|r| {
            (
                r.record.gebeurtenis,
                r.record.uitkomst,
                r.record.grond.unwrap_or_default(),
                r.record.gebruiker,
            )
        })
        .collect()
}

async fn zet_sso(app: &App, beheer: &Gebruiker, issuer: &str, aanmaken: bool) -> Value {
    let (s, _, body) = beheer
        .put(
            &format!("/api/v1/organisaties/{}/sso", app.w.school_a),
            None,
            json!({"actief": true, "issuer": issuer, "clientId": OP_CLIENT,
                   "clientSecret": OP_GEHEIM, "domeinen": ["School-A.test"],
                   "onbekendeAccountsAanmaken": aanmaken}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    body
}

/// The settings: the beheerder of the region only, checked per field, the
/// secret stored but never shown, logged or echoed.
pub(crate) async fn sso_instellen(app: &App) {
    let pad = format!("/api/v1/organisaties/{}/sso", app.w.school_a);
    let beheer = app.login(BEHEERDER).await;
    let (s, _, leeg) = beheer.get(&pad).await;
    assert_eq!(s, StatusCode::OK, "{leeg}");
    assert_eq!(leeg["actief"], false);
    assert_eq!(leeg["clientSecretIngesteld"], false);
    assert_eq!(leeg["redirectUri"], app.u("/inloggen/sso/terug"));
    // Every field named; an http:// issuer elsewhere than loopback refused.
    let fout = beheer
        .put(
            &pad,
            None,
            json!({"actief": true, "issuer": "http://login.school-a.test", "clientId": "",
                   "domeinen": ["school a"]}),
        )
        .await;
    assert_eq!(
        ongeldig(&fout),
        ["issuer", "clientId", "clientSecret", "domeinen[0]"],
        "{}",
        fout.2
    );
    let body = zet_sso(app, &beheer, "https://login.school-a.test/realm", false).await;
    assert_eq!(body["actief"], true);
    assert_eq!(body["domeinen"], json!(["school-a.test"]));
    assert_eq!(body["clientSecretIngesteld"], true);
    assert!(!body.to_string().contains(OP_GEHEIM), "{body}");
    // Absent keeps the stored secret.
    let (s, _, body) = beheer
        .put(
            &pad,
            None,
            json!({"actief": false, "issuer": "https://login.school-a.test/realm",
                   "clientId": OP_CLIENT, "domeinen": ["school-a.test"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(body["clientSecretIngesteld"], true);
    let opgeslagen = app
        .opslag
        .sso_instelling(app.w.school_a)
        .await
        .expect("read");
    assert_eq!(
        opgeslagen.map(|i| i.client_secret),
        Some(OP_GEHEIM.to_string())
    );
    // Another role: refused and logged; the secret in no record or log line.
    let zc = app.login(ZC_A).await;
    let (s, _, _) = zc.get(&pad).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let audit = app.audit().await;
    let wijzigingen = audit
        .iter()
        .filter(|r| r.record.gebeurtenis == "organisatie.sso")
        .map(|r| r.record.uitkomst)
        .collect::<Vec<_>>();
    assert_eq!(
        wijzigingen,
        [
            Uitkomst::Toegestaan,
            Uitkomst::Toegestaan,
            Uitkomst::Geweigerd
        ]
    );
    let alles = serde_json::to_string(&audit).expect("json");
    assert!(!alles.contains(OP_GEHEIM) && !logtekst().contains(OP_GEHEIM));
    // The page says SSO is configured, without the secret.
    let html = beheer
        .http
        .get(app.u(&format!("/beheer/organisaties/{}/sso", app.w.school_a)))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains("Er is een geheim bewaard"), "{html}");
    assert!(!html.contains(OP_GEHEIM));

    // The beheer page's form: errors at their fields, nothing stored;
    // then saved, the stored secret kept when the field is left empty.
    let web = super::web::Browser::nieuw(app);
    let csrf = web.inloggen(BEHEERDER).await;
    let pagina = format!("/beheer/organisaties/{}/sso", app.w.school_a);
    let organisatie = web
        .get(&format!("/beheer/organisaties/{}", app.w.school_a))
        .await;
    assert!(organisatie.html.contains(&format!(r#"href="{pagina}""#)));
    let stuur = |domeinen: &'static str| {
        let csrf = csrf.clone();
        let web = &web;
        let pagina = pagina.clone();
        async move {
            let velden = [
                ("csrf", csrf.as_str()),
                ("actief", "ja"),
                ("issuer", "https://login.school-a.test/realm"),
                ("client_id", OP_CLIENT),
                ("client_secret", ""),
                ("domeinen", domeinen),
                ("aanmaken", "nee"),
                ("acr_mfa", "urn:school:mfa"),
            ];
            web.post(&pagina, &velden).await
        }
    };
    let p = stuur("school-a.test\nschool a").await;
    assert_eq!(p.status, StatusCode::BAD_REQUEST, "{}", p.html);
    assert!(p.html.contains(r#"id="domeinen-fout""#), "{}", p.html);
    assert_eq!(
        app.opslag
            .sso_instelling(app.w.school_a)
            .await
            .expect("read")
            .map(|i| i.actief),
        Some(false),
        "nothing stored"
    );
    let p = stuur("school-a.test\nschool-a.nl").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.html);
    let opgeslagen = app
        .opslag
        .sso_instelling(app.w.school_a)
        .await
        .expect("read")
        .expect("stored");
    assert!(opgeslagen.actief);
    assert_eq!(opgeslagen.domeinen, ["school-a.test", "school-a.nl"]);
    assert_eq!(opgeslagen.acr_mfa, ["urn:school:mfa"]);
    assert_eq!(opgeslagen.client_secret, OP_GEHEIM, "kept");
}

/// Logging in through the provider, every refusal with its reason.
pub(crate) async fn sso_inloggen(app: &App) {
    let Some(op) = start_op(app) else {
        return;
    };
    let o = app.opslag.as_ref();
    for (email, actief) in [(PWD, true), (INACTIEF, false), (ONBEVESTIGD, true)] {
        let m = o
            .maak_medewerker(&NieuweMedewerker {
                naam: format!("Uitgenodigd {email}"),
                email: email.into(),
                wachtwoord_hash: String::new(),
                rollen: vec![Roltoewijzing {
                    rol: Rol::Zorgcoordinator,
                    organisatie: app.w.school_a,
                }],
                demo: false,
            })
            .await
            .expect("invited account");
        if !actief {
            o.zet_medewerker_actief(m.id, false, &opzet_record("medewerker"))
                .await
                .expect("deactivate");
        }
    }
    let twee = o
        .maak_medewerker(&NieuweMedewerker {
            naam: "Twee Rollen".into(),
            email: TWEE.into(),
            wachtwoord_hash: String::new(),
            rollen: [Rol::Zorgcoordinator, Rol::Beleid]
                .map(|rol| Roltoewijzing {
                    rol,
                    organisatie: app.w.school_a,
                })
                .to_vec(),
            demo: false,
        })
        .await
        .expect("account with two roles");
    let beheer = app.login(BEHEERDER).await;
    zet_sso(app, &beheer, &op.issuer, false).await;
    let zc = app.w.medewerker(ZC_A);
    let kop = app.audit().await.len();

    // The login page lists the organisation, and finds it by an address's
    // domain (then on by a refresh: no form may end at another site).
    let b = browser(app);
    let start = format!("/inloggen/sso/start?organisatie={}", app.w.school_a);
    let html = b
        .get(app.u("/inloggen/sso"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(
        html.contains(&format!(
            r#"<a href="{start}">Basisschool De Regenboog</a>"#
        )),
        "{html}"
    );
    let r = b
        .post(app.u("/inloggen/sso"))
        .form(&[("email", "Iemand@School-A.test")])
        .send()
        .await
        .expect("zoek");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("html");
    assert!(
        html.contains(&format!(r#"content="0; url={start}""#)),
        "{html}"
    );
    let r = b
        .post(app.u("/inloggen/sso"))
        .form(&[("email", "iemand@elders.test")])
        .send()
        .await
        .expect("zoek");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.expect("html").contains(r#"id="email-fout""#));

    // First login: found by the verified address, the subject linked; the
    // provider asserted a second factor, so the session is complete.
    let (b, s, tekst) = login(app, &op, "sub-zc").await;
    let sso_log = || {
        logtekst()
            .lines()
            .filter(|r| r.contains("sso:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(s, StatusCode::OK, "{tekst}\n{}", sso_log());
    assert!(
        tekst.contains(r#"http-equiv="refresh" content="0; url=/start""#),
        "{tekst}"
    );
    let r = b
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige");
    let sessie: Value = r.json().await.expect("json");
    assert_eq!(sessie["medewerker"], zc, "{sessie}");
    assert_eq!(sessie["organisatie"], app.w.school_a);
    let koppeling = o
        .sso_koppeling(&op.issuer, "sub-zc")
        .await
        .expect("read")
        .expect("linked");
    assert_eq!(koppeling.medewerker, zc);
    let gelogd = records(app, kop).await;
    assert_eq!(
        gelogd,
        [
            (
                "sso.koppelen".into(),
                Uitkomst::Toegestaan,
                format!("organisatie {}", app.w.school_a),
                Some(zc)
            ),
            (
                "sso.inloggen".into(),
                Uitkomst::Toegestaan,
                "sso_mfa_door_idp".into(),
                Some(zc)
            ),
        ]
    );

    // Replaying that way back: the state works once.
    let kop = app.audit().await.len();
    let b2 = browser(app);
    let auth = begin(app, &b2, &app.w.school_a.to_string()).await;
    let nonce_1 = param(&auth, "nonce");
    let terug_url = bij_op(&op, &b2, &auth, "sub-zc").await;
    let (s, _) = terug(&b2, &terug_url).await;
    assert_eq!(s, StatusCode::OK);
    let (s, tekst) = terug(&b2, &terug_url).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{tekst}");
    assert!(tekst.contains("verlopen, al gebruikt"), "{tekst}");
    // Second login: by the subject, no new link.
    let gelogd = records(app, kop).await;
    assert_eq!(gelogd.len(), 2, "{gelogd:?}");
    assert_eq!(gelogd[0].2, "sso_mfa_door_idp");
    assert_eq!(gelogd[1].2, "state_onbekend");

    // A forged state, and a state handed to another browser.
    let kop = app.audit().await.len();
    let vreemd = browser(app);
    let (s, _) = terug(&vreemd, &app.u("/inloggen/sso/terug?code=x&state=vervalst")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let auth = begin(app, &browser(app), &app.w.school_a.to_string()).await;
    let url = bij_op(&op, &vreemd, &auth, "sub-zc").await;
    let (s, _) = terug(&vreemd, &url).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let r = vreemd
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige");
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "no session for a foreign state"
    );
    let gronden: Vec<String> = records(app, kop).await.into_iter().map(|r| r.2).collect();
    assert_eq!(gronden, ["state_onbekend", "state_andere_browser"]);

    // A forged nonce, and the nonce of an earlier login replayed: the ID
    // token carries what the provider was asked for, Schakel expects its own.
    let kop = app.audit().await.len();
    for nonce in ["vervalst", nonce_1.as_str()] {
        let b = browser(app);
        let auth = begin(app, &b, &app.w.school_a.to_string()).await;
        let url = bij_op(&op, &b, &met_param(&auth, "nonce", nonce), "sub-zc").await;
        let (s, tekst) = terug(&b, &url).await;
        assert_eq!(s, StatusCode::FORBIDDEN, "{tekst}");
        assert!(tekst.contains("klopt niet"), "{tekst}");
    }
    let gronden: Vec<String> = records(app, kop).await.into_iter().map(|r| r.2).collect();
    let verwacht = format!("nonce_onjuist organisatie {}", app.w.school_a);
    assert_eq!(gronden, [verwacht.clone(), verwacht]);

    // Matched by subject, whatever address the provider sends now.
    o.koppel_sso(
        &schakel_storage::SsoKoppeling {
            issuer: op.issuer.clone(),
            subject: "sub-gekoppeld".into(),
            medewerker: app.w.medewerker(ZC_B),
            organisatie: app.w.school_a,
            aangemaakt: chrono::Utc::now(),
        },
        &opzet_record("medewerker"),
    )
    .await
    .expect("link");
    let kop = app.audit().await.len();
    let (_, s, _) = login(app, &op, "sub-gekoppeld").await;
    // ZC B has no role at school A: refused, about that account.
    assert_eq!(s, StatusCode::FORBIDDEN);
    let gelogd = records(app, kop).await;
    assert_eq!(
        gelogd,
        [(
            "sso.inloggen".into(),
            Uitkomst::Geweigerd,
            "account_andere_organisatie".into(),
            Some(app.w.medewerker(ZC_B))
        )]
    );

    // No second factor at the provider: no session yet, but Schakel's own
    // step, as after a password — here enrolment, since the account has
    // no factor — and the record says so.
    let kop = app.audit().await.len();
    let (b, s, tekst) = login(app, &op, "sub-pwd").await;
    assert_eq!(s, StatusCode::OK);
    assert!(tekst.contains("Nog één stap"), "{tekst}");
    assert!(tekst.contains("/account/tweede-factor"), "{tekst}");
    let r = b
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige");
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "no session before the second factor"
    );
    let gronden: Vec<String> = records(app, kop).await.into_iter().map(|r| r.2).collect();
    assert_eq!(
        gronden,
        [
            format!("organisatie {}", app.w.school_a),
            "sso_zonder_mfa_tweede_factor_inschrijven".into()
        ]
    );

    // Refusals: deactivated, address not verified, domain not allowed,
    // nobody invited (with the address only as a pseudonym).
    let kop = app.audit().await.len();
    for (sub, status, melding) in [
        ("sub-inactief", StatusCode::FORBIDDEN, "gedeactiveerd"),
        ("sub-onbevestigd", StatusCode::FORBIDDEN, "niet bevestigd"),
        ("sub-elders", StatusCode::FORBIDDEN, "geen account"),
        ("sub-nieuw", StatusCode::FORBIDDEN, "geen account"),
    ] {
        let (b, s, tekst) = login(app, &op, sub).await;
        assert_eq!(s, status, "{sub}: {tekst}");
        assert!(tekst.contains(melding), "{sub}: {tekst}");
        let r = b
            .get(app.u("/api/v1/sessies/huidige"))
            .send()
            .await
            .expect("huidige");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{sub}");
    }
    let gelogd = records(app, kop).await;
    let gronden: Vec<&str> = gelogd
        .iter()
        .map(|r| r.2.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        gronden,
        [
            "account_inactief",
            "email_niet_geverifieerd",
            "domein_niet_toegestaan",
            "onbekend_account"
        ]
    );
    assert!(gelogd.iter().all(|r| r.1 == Uitkomst::Geweigerd));
    let alles = serde_json::to_string(&app.audit().await).expect("json");
    assert!(!alles.contains(NIEUW) && !alles.contains(OP_GEHEIM));
    assert_eq!(
        o.medewerker_op_email(NIEUW).await.expect("read"),
        None,
        "nothing created"
    );

    // With "create unknown accounts": an account without a role, which
    // waits for the beheerder.
    zet_sso(app, &beheer, &op.issuer, true).await;
    let (b, s, tekst) = login(app, &op, "sub-nieuw").await;
    assert_eq!(s, StatusCode::FORBIDDEN, "{tekst}");
    assert!(tekst.contains("Uw account wacht op een rol"), "{tekst}");
    let r = b
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let (nieuw, _) = o
        .medewerker_op_email(NIEUW)
        .await
        .expect("read")
        .expect("made");
    assert!(
        nieuw.rollen.is_empty() && nieuw.naam == "Test sub-nieuw",
        "{nieuw:?}"
    );
    let (_, _, body) = beheer
        .get(&format!("/api/v1/organisaties/{}/sso", app.w.school_a))
        .await;
    assert_eq!(body["wachtenOpRol"][0]["email"], NIEUW, "{body}");

    // Two roles at the organisation: the person chooses, and the choice
    // goes round the provider once more (logged in there already).
    let (b, s, tekst) = login(app, &op, "sub-twee").await;
    assert_eq!(s, StatusCode::OK, "{tekst}");
    assert!(tekst.contains("Kies uw rol"), "{tekst}");
    let keuze = format!(
        "/inloggen/sso/start?organisatie={0}&#38;rol=beleid%3A{0}",
        app.w.school_a
    );
    assert!(tekst.contains(&format!(r#"href="{keuze}""#)), "{tekst}");
    let r = b
        .get(app.u(&keuze.replace("&#38;", "&")))
        .send()
        .await
        .expect("choose");
    let url = bij_op(&op, &b, &locatie(&r), "sub-twee").await;
    let (s, _) = terug(&b, &url).await;
    assert_eq!(s, StatusCode::OK);
    let sessie: Value = b
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige")
        .json()
        .await
        .expect("json");
    assert_eq!(sessie["medewerker"], twee.id);
    assert_eq!(sessie["rol"], "beleid", "{sessie}");

    // Logout ends the session and offers the provider's end-session endpoint.
    let (b, _, _) = login(app, &op, "sub-zc").await;
    let html = b
        .get(app.u("/jeugdigen"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let csrf = html
        .split(r#"name="csrf" value=""#)
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("csrf field")
        .to_string();
    let r = b
        .post(app.u("/uitloggen"))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(locatie(&r), app.u("/inloggen/sso/uitgelogd"));
    let html = b
        .get(app.u("/inloggen/sso/uitgelogd"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    let eind = format!("{}/session/end?client_id={OP_CLIENT}", op.issuer);
    assert!(html.contains(&eind), "{html}");
    let r = b
        .get(app.u("/api/v1/sessies/huidige"))
        .send()
        .await
        .expect("huidige");
    assert_eq!(
        r.status(),
        StatusCode::UNAUTHORIZED,
        "the session has ended"
    );

    // Switched off: a login under way is refused on its way back, and no
    // new one starts.
    let b = browser(app);
    let auth = begin(app, &b, &app.w.school_a.to_string()).await;
    let (s, _, _) = beheer
        .put(
            &format!("/api/v1/organisaties/{}/sso", app.w.school_a),
            None,
            json!({"actief": false, "issuer": op.issuer, "clientId": OP_CLIENT,
                   "domeinen": ["school-a.test"]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let kop = app.audit().await.len();
    let url = bij_op(&op, &b, &auth, "sub-zc").await;
    let (s, tekst) = terug(&b, &url).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{tekst}");
    assert!(tekst.contains("staat uit"), "{tekst}");
    let gronden: Vec<String> = records(app, kop).await.into_iter().map(|r| r.2).collect();
    assert_eq!(gronden, [format!("sso_uit organisatie {}", app.w.school_a)]);
    let r = b
        .get(app.u(&format!(
            "/inloggen/sso/start?organisatie={}",
            app.w.school_a
        )))
        .send()
        .await
        .expect("start");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    drop(op);
}

/// Failed returns from a provider are limited per client address like
/// failed passwords (no provider needed: forged states fail alone). From
/// one address 20 forged callbacks a minute, from any browser, each 400
/// and audited; the 21st is 429 with Retry-After, audited as
/// `geblokkeerd_adres_sso` and logged; another address is not blocked,
/// and password logins from the blocked address still work.
pub(crate) async fn sso_terugkeer_begrensd(app: &App) {
    let adres = app.volgend_adres();
    let vanaf = |a| {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .local_address(a)
            .build()
            .expect("client")
    };
    let kop = app.audit().await.len();
    let vervalst = |i: usize| app.u(&format!("/inloggen/sso/terug?code=x&state=vervalst{i}"));
    for i in 0..schakel_http::state::Inlogpogingen::PER_ADRES {
        // A new browser now and then: the limit is the address's.
        let (s, tekst) = terug(&vanaf(adres), &vervalst(i)).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{i}: {tekst}");
    }
    let r = vanaf(adres)
        .get(vervalst(99))
        .send()
        .await
        .expect("callback");
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wacht: u64 = r
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&wacht), "{wacht}");
    let gronden: Vec<String> = records(app, kop).await.into_iter().map(|r| r.2).collect();
    let mut verwacht = vec!["state_onbekend".to_string(); 20];
    verwacht.push("geblokkeerd_adres_sso".into());
    assert_eq!(gronden, verwacht);
    let laatste = app.audit().await.pop().expect("a record").record;
    assert_eq!(
        (laatste.uitkomst, laatste.bron),
        (Uitkomst::Geweigerd, format!("web {adres}"))
    );
    assert!(
        logtekst().contains("te veel mislukte terugkeren van single sign-on"),
        "logged"
    );
    // Another address: refused as usual, not blocked.
    let (s, _) = terug(&vanaf(app.volgend_adres()), &vervalst(100)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // The password login from the blocked address is counted apart.
    let r = vanaf(adres)
        .post(app.u("/api/v1/sessies"))
        .json(&json!({"email": ZC_A, "wachtwoord": WACHTWOORD}))
        .send()
        .await
        .expect("login");
    assert_eq!(r.status(), StatusCode::CREATED);
}

/// An account without a password (single sign-on only) whose login is not
/// recent re-confirms it by a fresh login at its provider before making an
/// API token (issue 13.4 follow-up): the token page offers the link
/// instead of a password field and refuses the form with a message that
/// says so; the link asks the provider for a new login (`prompt=login`,
/// `max_age=0`, unlike an ordinary login), and after it the page comes
/// back and the token is made.
pub(crate) async fn sso_herbevestigen(app: &App) {
    let Some(op) = start_op(app) else {
        return;
    };
    app.opslag
        .maak_medewerker(&NieuweMedewerker {
            naam: "Alleen SSO".into(),
            email: NIEUW.into(),
            wachtwoord_hash: String::new(),
            rollen: vec![Roltoewijzing {
                rol: Rol::Zorgcoordinator,
                organisatie: app.w.school_a,
            }],
            demo: false,
        })
        .await
        .expect("account without a password");
    let beheer = app.login(BEHEERDER).await;
    zet_sso(app, &beheer, &op.issuer, false).await;
    let gewoon = begin(app, &browser(app), &app.w.school_a.to_string()).await;
    assert!(!gewoon.contains("prompt=login"), "{gewoon}");

    // A session of 11 minutes ago, in a browser's cookie jar.
    let (geheim, csrf) = super::tokens::sessie_van(app, NIEUW, 11).await;
    let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
    jar.add_cookie_str(
        &format!("schakel_sessie={geheim}; Path=/"),
        &app.u("/").parse().expect("url"),
    );
    let b = reqwest::Client::builder()
        .cookie_provider(jar)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(app.volgend_adres())
        .build()
        .expect("client");
    let maak_token = |b: &reqwest::Client, csrf: &str| {
        let r = b
            .post(app.u("/api-token"))
            .form(&[("csrf", csrf), ("naam", "koppeling"), ("dagen", "30")])
            .send();
        async move {
            let r = r.await.expect("POST");
            (r.status(), r.text().await.expect("html"))
        }
    };
    let pagina = |b: &reqwest::Client| {
        let r = b.get(app.u("/api-token")).send();
        async move { r.await.expect("GET").text().await.expect("html") }
    };
    let html = pagina(&b).await;
    let opnieuw = format!(
        "/inloggen/sso/start?organisatie={}&opnieuw=1",
        app.w.school_a
    );
    assert!(
        html.contains(&format!("href=\"{}\"", opnieuw.replace('&', "&#38;"))),
        "{html}"
    );
    assert!(!html.contains("id=\"wachtwoord\""), "no password to ask");
    let (status, tekst) = maak_token(&b, &csrf).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(tekst.contains("Log eerst opnieuw in via uw organisatie"));

    // The fresh login at the provider, then back to the token page.
    let r = b.get(app.u(&opnieuw)).send().await.expect("start");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let auth = locatie(&r);
    assert!(
        auth.contains("prompt=login") && auth.contains("max_age=0"),
        "{auth}"
    );
    let kop = app.audit().await.len();
    let url = bij_op(&op, &b, &auth, "sub-nieuw").await;
    let (s, tekst) = terug(&b, &url).await;
    assert_eq!(s, StatusCode::OK, "{tekst}");
    assert!(tekst.contains(r#"content="0; url=/api-token""#), "{tekst}");
    let gelogd = records(app, kop).await;
    assert_eq!(
        gelogd.last().map(|r| r.2.as_str()),
        Some("sso_mfa_door_idp")
    );

    let html = pagina(&b).await;
    assert!(!html.contains("opnieuw=1"), "recent now: {html}");
    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("csrf")
        .to_string();
    let (status, tekst) = maak_token(&b, &csrf).await;
    assert_eq!(status, StatusCode::OK);
    assert!(tekst.contains("id=\"token\""));
}
