//! Going live without the demo (issue 13.1), through the real binary: the
//! first beheerder is invited on an empty database by `schakel account
//! uitnodigen`, activates through the printed one-time link (a password
//! checked for length and against common ones), logs in; the link cannot be
//! used again or after it expired; `schakel account deactiveren` ends the
//! account's sessions at once.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use reqwest::blocking::Client;
use schakel_storage::Opslag;
use serde_json::json;

fn schakel() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("schakel"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    c.arg("--data")
        .arg(repo.join("data"))
        .env_remove("SCHAKEL_DATA")
        // The shipped data holds several regions; these accounts and
        // imports are Almere's.
        .env("SCHAKEL_REGIO", "almere")
        .env_remove("SCHAKEL_DATABASE_URL")
        .env_remove("SCHAKEL_BASIS_URL")
        .env_remove("SCHAKEL_PSEUDONIEM_SLEUTEL")
        .env_remove("SCHAKEL_FACTOR_SLEUTEL")
        .env_remove("SCHAKEL_PUBLIEKE_URL");
    c
}

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(data_dir: &Path) -> Server {
    let mut kind = schakel()
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--metrics-listen",
            "127.0.0.1:0",
            "--data-dir",
        ])
        .arg(data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start schakel serve");
    let mut regels = BufReader::new(kind.stdout.take().expect("stdout")).lines();
    let adres = regels
        .by_ref()
        .map_while(Result::ok)
        .find_map(|r| {
            r.strip_prefix("Schakel luistert op ")
                .and_then(|r| r.split_whitespace().next().map(String::from))
        })
        .expect("address printed");
    std::thread::spawn(move || for _ in regels {});
    Server(kind, adres)
}

/// Runs `schakel account …` on the data directory: exit code, stdout, stderr.
fn account(data_dir: &Path, args: &[&str]) -> (i32, String, String) {
    let uit = schakel()
        .arg("account")
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .output()
        .expect("run");
    (
        uit.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&uit.stdout).into_owned(),
        String::from_utf8_lossy(&uit.stderr).into_owned(),
    )
}

/// Invites and returns the link's path (`/activeren/<secret>`).
fn nodig_uit(data_dir: &Path, email: &str) -> String {
    let (code, uit, fout) = account(
        data_dir,
        &[
            "uitnodigen",
            "--email",
            email,
            "--rol",
            "beheerder",
            "--organisatie",
            "Gemeente Almere",
        ],
    );
    assert_eq!(code, 0, "{fout}");
    assert_eq!(uit.lines().count(), 1, "one line: {uit}");
    let begin = uit
        .find("http://127.0.0.1:8080/activeren/")
        .expect("a link")
        + 21;
    let pad = uit[begin..].trim().to_string();
    assert_eq!(pad.len(), "/activeren/".len() + 64, "{pad}");
    pad
}

const WACHTWOORD: &str = "lange zin met vier woorden";

#[test]
fn eerste_beheerder_zonder_demo() {
    let map = tempfile::tempdir().expect("tempdir");
    let d = map.path();
    let pad = nodig_uit(d, "Beheer@Almere.example");
    // A second invitation on the same (now not empty) database: the
    // organisation exists, an unknown one is named.
    let tweede = nodig_uit(d, "tweede@almere.example");
    let (code, _, fout) = account(
        d,
        &[
            "uitnodigen",
            "--email",
            "x@almere.example",
            "--rol",
            "beheerder",
            "--organisatie",
            "Gemeente Elders",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        fout.starts_with("fout: --organisatie: geen organisatie 'Gemeente Elders'"),
        "{fout}"
    );
    let (code, _, fout) = account(
        d,
        &[
            "uitnodigen",
            "--email",
            "beheer@almere.example",
            "--rol",
            "beheerder",
            "--organisatie",
            "Gemeente Almere",
        ],
    );
    assert_eq!(
        (code, fout.trim()),
        (
            2,
            "fout: --email: er is al een account met e-mailadres beheer@almere.example"
        )
    );

    // The second link expires (as if 72 hours had passed).
    let geheim = tweede.trim_start_matches("/activeren/");
    let hash = schakel_http::auth::hash_geheim(geheim);
    let db = format!("sqlite://{}", d.join("schakel.db").display());
    tokio::runtime::Runtime::new().expect("runtime").block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::SqliteConnection::connect(&db).await.expect("connect");
        sqlx::query("UPDATE activatie SET verloopt = '2020-01-01T00:00:00.000000Z' WHERE token_hash = ?")
            .bind(&hash)
            .execute(&mut c)
            .await
            .expect("update");
    });

    let server = start(d);
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    let url = |p: &str| format!("{}{p}", server.1);
    let scherm = http.get(url(&pad)).send().expect("GET");
    assert_eq!(scherm.status(), StatusCode::OK);
    assert!(
        scherm
            .text()
            .expect("body")
            .contains("beheer@almere.example")
    );
    let post = |wachtwoord: &str, herhaling: &str| {
        http.post(url(&pad))
            .form(&[("wachtwoord", wachtwoord), ("herhaling", herhaling)])
            .send()
            .expect("POST")
    };
    for (w, h, melding) in [
        ("kort", "kort", "minstens 12 tekens"),
        ("wachtwoord1234", "wachtwoord1234", "te makkelijk te raden"),
        (WACHTWOORD, "iets anders dan dat", "niet gelijk"),
    ] {
        let r = post(w, h);
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let html = r.text().expect("body");
        assert!(html.contains(melding), "{melding}: {html}");
    }
    // Nobody can log in before activation, not even with an empty password.
    let inloggen = |wachtwoord: &str| {
        http.post(url("/api/v1/sessies"))
            .json(&json!({"email": "beheer@almere.example", "wachtwoord": wachtwoord}))
            .send()
            .expect("POST")
            .status()
    };
    assert_eq!(inloggen(""), StatusCode::UNAUTHORIZED);
    let r = post(WACHTWOORD, WACHTWOORD);
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // A beheerder must use a second factor: enrolment comes next.
    assert_eq!(r.headers()["location"], "/account/tweede-factor");
    let herstelcodes = schrijf_totp_in(&http, &url("/account/tweede-factor"));
    // Used once: the link is dead, and says so.
    let r = http.get(url(&pad)).send().expect("GET");
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().expect("body").contains("al gebruikt"));
    assert_eq!(
        post("nog een wachtwoord hier", "nog een wachtwoord hier").status(),
        StatusCode::GONE
    );
    let r = http.get(url(&tweede)).send().expect("GET");
    assert_eq!(r.status(), StatusCode::GONE);
    assert!(r.text().expect("body").contains("verlopen"));
    let r = http
        .get(url(&format!("/activeren/{}", "0".repeat(64))))
        .send()
        .expect("GET");
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The new password and a second factor log in, as beheerder of the
    // gemeente just made.
    let tweede_stap = |code: &str| {
        http.post(url("/api/v1/sessies/tweede-factor"))
            .json(&json!({ "code": code }))
            .send()
            .expect("POST")
            .status()
    };
    assert_eq!(inloggen(WACHTWOORD), StatusCode::ACCEPTED);
    assert_eq!(tweede_stap(&herstelcodes[0]), StatusCode::CREATED);
    let huidig: serde_json::Value = http
        .get(url("/api/v1/sessies/huidige"))
        .send()
        .expect("GET")
        .json()
        .expect("json");
    assert_eq!(huidig["rol"], "beheerder");

    // Deactivated from the command line: the session ends at once.
    let (code, uit, fout) = account(d, &["deactiveren", "--email", "beheer@almere.example"]);
    assert_eq!(code, 0, "{fout}");
    assert!(uit.contains("gedeactiveerd"), "{uit}");
    let r = http
        .get(url("/api/v1/sessies/huidige"))
        .send()
        .expect("GET");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(inloggen(WACHTWOORD), StatusCode::UNAUTHORIZED);
    let (code, _, fout) = account(d, &["heractiveren", "--email", "beheer@almere.example"]);
    assert_eq!(code, 0, "{fout}");
    assert_eq!(inloggen(WACHTWOORD), StatusCode::ACCEPTED);
    assert_eq!(tweede_stap(&herstelcodes[1]), StatusCode::CREATED);
    drop(server);

    // All of it is in the audit log, and the chain holds.
    let uit = schakel()
        .args(["audit", "verify", "--data-dir"])
        .arg(d)
        .output()
        .expect("run");
    assert!(
        uit.status.success(),
        "{}",
        String::from_utf8_lossy(&uit.stderr)
    );
}

/// Enrols an authenticator app on the enrolment page (the code computed
/// from the secret the page shows) and returns the recovery codes shown.
fn schrijf_totp_in(http: &Client, pagina: &str) -> Vec<String> {
    let html = http.get(pagina).send().expect("GET").text().expect("html");
    let na = |voor: &str| {
        let i = html.find(voor).unwrap_or_else(|| panic!("{voor}: {html}")) + voor.len();
        html[i..].split('"').next().expect("value").to_string()
    };
    let geheim = html
        .split("<code id=\"totp-geheim\">")
        .nth(1)
        .and_then(|r| r.split("</code>").next())
        .expect("secret shown")
        .replace(' ', "");
    let t = totp_rs::TOTP::new(
        totp_rs::Algorithm::SHA1,
        6,
        1,
        30,
        totp_rs::Secret::Encoded(geheim).to_bytes().expect("base32"),
        None,
        String::new(),
    )
    .expect("totp");
    let code = t.generate_current().expect("code");
    let r = http
        .post(pagina.replace("/tweede-factor", "/tweede-factor/totp"))
        .form(&[
            ("csrf", na("name=\"csrf\" value=\"")),
            ("zegel", na("name=\"zegel\" value=\"")),
            ("code", code),
        ])
        .send()
        .expect("POST");
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().expect("html");
    let codes: Vec<String> = html
        .split("<li><code>")
        .skip(1)
        .filter_map(|d| d.split("</code>").next().map(String::from))
        .collect();
    assert_eq!(codes.len(), 10, "{html}");
    codes
}

/// `schakel account rol` gives and takes away a role (not the last one;
/// taking one away ends its sessions), `schakel account herstellink` prints
/// a 24-hour reset link that sets a new password and ends the sessions;
/// bad input names the option.
#[test]
fn rol_en_herstellink_op_de_opdrachtregel() {
    let map = tempfile::tempdir().expect("tempdir");
    let d = map.path();
    let pad = nodig_uit(d, "beheer@almere.example");
    let server = start(d);
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    let url = |p: &str| format!("{}{p}", server.1);
    let zet = |pad: &str, w: &str| {
        http.post(url(pad))
            .form(&[("wachtwoord", w), ("herhaling", w)])
            .send()
            .expect("POST")
            .status()
    };
    assert_eq!(zet(&pad, WACHTWOORD), StatusCode::SEE_OTHER);
    // A beheerder logs in with a second factor: a recovery code each time.
    let herstelcodes =
        std::cell::RefCell::new(schrijf_totp_in(&http, &url("/account/tweede-factor")));
    let sessie = |w: &str, rol: &str| {
        let c = Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let r = c
            .post(url("/api/v1/sessies"))
            .json(&json!({"email": "beheer@almere.example", "wachtwoord": w, "rol": rol}))
            .send()
            .expect("POST");
        if r.status() != StatusCode::ACCEPTED {
            return (r.status(), c);
        }
        let code = herstelcodes
            .borrow_mut()
            .pop()
            .expect("a recovery code left");
        let r = c
            .post(url("/api/v1/sessies/tweede-factor"))
            .json(&json!({ "code": code }))
            .send()
            .expect("POST");
        (r.status(), c)
    };
    let (code, uit, fout) = account(
        d,
        &[
            "rol",
            "--email",
            "beheer@almere.example",
            "--rol",
            "accountbeheerder",
            "--organisatie",
            "Gemeente Almere",
        ],
    );
    assert_eq!(code, 0, "{fout}");
    assert!(uit.contains("toegekend"), "{uit}");
    let (s, als_ab) = sessie(WACHTWOORD, "accountbeheerder");
    assert_eq!(s, StatusCode::CREATED);
    let (code, uit, fout) = account(
        d,
        &[
            "rol",
            "--email",
            "beheer@almere.example",
            "--rol",
            "accountbeheerder",
            "--organisatie",
            "Gemeente Almere",
            "--intrekken",
        ],
    );
    assert_eq!(code, 0, "{fout}");
    assert!(uit.contains("ingetrokken"), "{uit}");
    let huidig = |c: &Client| {
        c.get(url("/api/v1/sessies/huidige"))
            .send()
            .expect("GET")
            .status()
    };
    assert_eq!(
        huidig(&als_ab),
        StatusCode::UNAUTHORIZED,
        "its session ended"
    );
    let (code, _, fout) = account(
        d,
        &[
            "rol",
            "--email",
            "beheer@almere.example",
            "--rol",
            "beheerder",
            "--organisatie",
            "Gemeente Almere",
            "--intrekken",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        fout.contains("--intrekken") && fout.contains("laatste rol"),
        "{fout}"
    );
    let (code, _, fout) = account(
        d,
        &[
            "rol",
            "--email",
            "beheer@almere.example",
            "--rol",
            "baas",
            "--organisatie",
            "Gemeente Almere",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        fout.contains("--rol") && fout.contains("accountbeheerder"),
        "{fout}"
    );

    let (s, als_beheerder) = sessie(WACHTWOORD, "beheerder");
    assert_eq!(s, StatusCode::CREATED);
    let (code, uit, fout) = account(d, &["herstellink", "--email", "beheer@almere.example"]);
    assert_eq!(code, 0, "{fout}");
    assert_eq!(uit.lines().count(), 1, "{uit}");
    let begin = uit.find("/activeren/").expect("a link");
    let herstel = uit[begin..].trim().to_string();
    let nieuw = "een nieuwe lange zin hier";
    assert_eq!(zet(&herstel, nieuw), StatusCode::SEE_OTHER);
    assert_eq!(
        huidig(&als_beheerder),
        StatusCode::UNAUTHORIZED,
        "a reset ends the sessions"
    );
    assert_eq!(sessie(WACHTWOORD, "beheerder").0, StatusCode::UNAUTHORIZED);
    let (s, weer) = sessie(nieuw, "beheerder");
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        zet(&herstel, "en nog een andere zin"),
        StatusCode::GONE,
        "once"
    );
    let (code, _, fout) = account(d, &["herstellink", "--email", "niemand@almere.example"]);
    assert_eq!(code, 2);
    assert!(fout.contains("--email"), "{fout}");

    // The (only) beheerder lost her phone: the operator removes her
    // factors; her session ends and her next login enrols anew.
    let (code, uit, fout) = account(
        d,
        &[
            "tweede-factor-verwijderen",
            "--email",
            "beheer@almere.example",
        ],
    );
    assert_eq!(code, 0, "{fout}");
    assert!(uit.contains("verwijderd (1)"), "{uit}");
    assert_eq!(huidig(&weer), StatusCode::UNAUTHORIZED, "the session ended");
    let r = Client::new()
        .post(url("/api/v1/sessies"))
        .json(&json!({"email": "beheer@almere.example", "wachtwoord": nieuw}))
        .send()
        .expect("POST");
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    assert_eq!(
        r.json::<serde_json::Value>().expect("json")["stap"],
        "inschrijven"
    );
    let (code, _, fout) = account(
        d,
        &[
            "tweede-factor-verwijderen",
            "--email",
            "niemand@almere.example",
        ],
    );
    assert_eq!(code, 2);
    assert!(fout.contains("--email"), "{fout}");
}

/// The national role (issue 17.5) is the operator's to give: `schakel
/// account uitnodigen --rol landelijk` creates the national organisation in
/// the region `--regio` names (one of its own, serving no gemeente) and
/// invites the account; it logs in without a second factor (aggregates
/// only), sees the country's totals per region and nothing of a region.
#[test]
fn landelijke_monitoring_door_de_installatie() {
    let map = tempfile::tempdir().expect("tempdir");
    let d = map.path();
    nodig_uit(d, "beheer@almere.example");
    let uit = schakel()
        .env("SCHAKEL_REGIO", "landelijk")
        .args([
            "account",
            "uitnodigen",
            "--email",
            "monitor@land.example",
            "--rol",
            "landelijk",
            "--organisatie",
            "Landelijke monitor",
            "--data-dir",
        ])
        .arg(d)
        .output()
        .expect("run");
    let tekst = String::from_utf8_lossy(&uit.stdout).into_owned();
    assert!(
        uit.status.success(),
        "{}",
        String::from_utf8_lossy(&uit.stderr)
    );
    assert!(
        tekst.contains("landelijk bij Landelijke monitor"),
        "{tekst}"
    );
    let pad = tekst[tekst.find("/activeren/").expect("a link")..]
        .trim()
        .to_string();
    // Another role still needs an organisation that exists.
    let (code, _, fout) = account(
        d,
        &[
            "uitnodigen",
            "--email",
            "x@almere.example",
            "--rol",
            "beleid",
            "--organisatie",
            "Nergens",
        ],
    );
    assert_eq!(code, 2);
    assert!(fout.contains("--organisatie"), "{fout}");

    let server = start(d);
    let url = |p: &str| format!("{}{p}", server.1);
    let http = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    let r = http
        .post(url(&pad))
        .form(&[("wachtwoord", WACHTWOORD), ("herhaling", WACHTWOORD)])
        .send()
        .expect("POST");
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = http
        .post(url("/api/v1/sessies"))
        .json(&json!({"email": "monitor@land.example", "wachtwoord": WACHTWOORD}))
        .send()
        .expect("POST");
    assert_eq!(r.status(), StatusCode::CREATED, "no second factor");
    let r = http
        .get(url("/api/v1/monitoring/regios"))
        .send()
        .expect("GET");
    assert_eq!(r.status(), StatusCode::OK);
    let m: serde_json::Value = r.json().expect("json");
    let namen: Vec<&str> = m["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .filter_map(|r| r["naam"].as_str())
        .collect();
    assert_eq!(namen, ["Almere"], "not its own region: {m}");
    for pad in [
        "/api/v1/organisaties",
        "/api/v1/jeugdigen",
        "/api/v1/monitoring",
    ] {
        let r = http.get(url(pad)).send().expect("GET");
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{pad}");
    }
    drop(server);
    // The grant is in the audit log: by the command line, with the role
    // and the organisation it was given at.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let opslag = schakel_storage_sqlite::SqliteOpslag::open(&d.join("schakel.db"))
            .await
            .expect("open");
        let (m, _) = opslag
            .medewerker_op_email("monitor@land.example")
            .await
            .expect("lees")
            .expect("account");
        let records = opslag.audit_records(1, 10_000).await.expect("audit");
        let grond = format!("rol landelijk bij organisatie {}", m.rollen[0].organisatie);
        let uitnodiging: Vec<_> = records
            .iter()
            .filter(|r| r.record.gebeurtenis == "account.uitnodigen")
            .filter(|r| r.record.grond.as_deref() == Some(grond.as_str()))
            .map(|r| r.record.bron.as_str())
            .collect();
        assert_eq!(uitnodiging, ["cli"], "{records:?}");
    });
}

/// A wrong `--smtp-url` or `--smtp-afzender` stops `serve` before it
/// starts, naming the option; one without the other is refused by the
/// argument parser.
#[test]
fn serve_weigert_een_verkeerde_smtp_instelling() {
    let map = tempfile::tempdir().expect("tempdir");
    for (url, afzender, optie) in [
        (
            "mail.example:25",
            "Schakel <schakel@gemeente.test>",
            "--smtp-url",
        ),
        ("smtp://mail.example:25", "geen adres", "--smtp-afzender"),
    ] {
        let uit = schakel()
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--metrics-listen",
                "127.0.0.1:0",
            ])
            .args(["--smtp-url", url, "--smtp-afzender", afzender, "--data-dir"])
            .arg(map.path())
            .output()
            .expect("run");
        assert!(!uit.status.success());
        assert!(uit.stdout.is_empty(), "nothing started");
        let fout = String::from_utf8_lossy(&uit.stderr);
        assert!(fout.contains(optie), "{fout}");
    }
    let uit = schakel()
        .args([
            "serve",
            "--smtp-url",
            "smtp://mail.example:25",
            "--data-dir",
        ])
        .arg(map.path())
        .output()
        .expect("run");
    assert_eq!(uit.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&uit.stderr).contains("--smtp-afzender"));
}
