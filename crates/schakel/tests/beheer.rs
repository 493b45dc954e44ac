//! The case-record commands end to end, through the real binary: `serve
//! --demo` on port 0, then `audit verify`, `audit inzage`, `backup` (and a
//! restore from it) and `retentie` on the same data directory.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

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
        .env_remove("SCHAKEL_PSEUDONIEM_SLEUTEL");
    c
}

struct Server {
    kind: Child,
    adres: String,
    /// (email, role, password) printed at start-up.
    accounts: Vec<(String, String, String)>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.kind.kill();
        let _ = self.kind.wait();
    }
}

fn start_demo(data_dir: &Path) -> Server {
    start_demo_op(data_dir, None)
}

/// The demo as it starts on `dag` (`--demo-datum`), or today.
fn start_demo_op(data_dir: &Path, dag: Option<chrono::NaiveDate>) -> Server {
    start_demo_met(data_dir, dag, &[])
}

/// The demo with more options for `serve`.
fn start_demo_met(data_dir: &Path, dag: Option<chrono::NaiveDate>, opties: &[&str]) -> Server {
    let mut kind = schakel()
        .args(["serve", "--demo", "--listen", "127.0.0.1:0"])
        .args(["--metrics-listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .args(dag.map(|d| format!("--demo-datum={d}")))
        .args(opties)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start schakel serve");
    let mut regels = BufReader::new(kind.stdout.take().expect("stdout")).lines();
    let mut adres = String::new();
    let mut accounts = Vec::new();
    for regel in regels.by_ref() {
        let regel = regel.expect("line");
        if let Some(rest) = regel.strip_prefix("Schakel luistert op ") {
            adres = rest.split_whitespace().next().expect("address").to_string();
        }
        if regel.contains("wachtwoord: ") {
            let delen: Vec<&str> = regel.split_whitespace().collect();
            accounts.push((
                delen[0].to_string(),
                delen[1].to_string(),
                delen[delen.len() - 1].to_string(),
            ));
        }
        // The last account printed (the Achterhoek's and the national
        // organisation's follow Almere's).
        if regel.contains("monitor@landelijk.demo") {
            break;
        }
    }
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in regels {});
    assert!(adres.starts_with("http://127.0.0.1:"), "no address printed");
    Server {
        kind,
        adres,
        accounts,
    }
}

fn draai(args: &[&str], data_dir: &Path, extra: &[&str]) -> (i32, Value, String) {
    let uit = schakel()
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .args(extra)
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&uit.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        uit.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&uit.stderr).to_string(),
    )
}

fn demo_db(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("demo.db").display())
}

#[test]
fn demo_serveert_en_beheercommandos_werken_op_dezelfde_data() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir: PathBuf = tmp.path().join("data");
    let server = start_demo(&data_dir);

    // Every role has an account.
    let rollen: Vec<&str> = server.accounts.iter().map(|a| a.1.as_str()).collect();
    for rol in [
        "zorgcoordinator",
        "casusregisseur",
        "wijkteammedewerker",
        "verwijzer",
        "aanbieder",
        "beleid",
        "beheerder",
        "accountbeheerder",
    ] {
        assert!(
            rollen.contains(&rol),
            "no demo account for {rol}: {rollen:?}"
        );
    }
    demo_accounts_door_de_voordeur(&data_dir, &server.accounts);
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .build()
        .expect("client");
    let gezond: Value = client
        .get(format!("{}/api/v1/gezondheid", server.adres))
        .send()
        .expect("health")
        .json()
        .expect("json");
    assert_eq!(gezond["status"], "ok");
    let (email, _, wachtwoord) = server
        .accounts
        .iter()
        .find(|a| a.0 == "zorgcoordinator@watertuin.demo")
        .expect("account");
    let login = client
        .post(format!("{}/api/v1/sessies", server.adres))
        .json(&json!({"email": email, "wachtwoord": wachtwoord}))
        .send()
        .expect("login");
    assert_eq!(login.status().as_u16(), 201);
    let lijst: Value = client
        .get(format!("{}/api/v1/jeugdigen", server.adres))
        .send()
        .expect("list")
        .json()
        .expect("json");
    let namen: Vec<&str> = lijst["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|j| j["voornaam"].as_str())
        .collect();
    // Sem and Yasmina are Watertuin pupils with an open hulpvraag; Lotte goes
    // to another school and stays invisible although her household has a case.
    assert_eq!(namen, ["Sem", "Yasmina"]);
    let geweigerd = client
        .get(format!("{}/api/v1/jeugdigen/2", server.adres))
        .send()
        .expect("read");
    assert_eq!(geweigerd.status().as_u16(), 403);
    drop(server);

    let db = demo_db(&data_dir);
    // The chain verifies and counts every logged access.
    let (code, v, stderr) = draai(&["audit", "verify"], &data_dir, &["--database-url", &db]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["in_orde"], true);
    let records = v["records"].as_i64().expect("count");
    assert!(records >= 10, "{v}");

    // Inzage for Sem: the BSN check of his registration, his creation and
    // hulpvraag (through the API's functions, as a real region's), the
    // access the case granted, and the reads, by pseudonym only.
    let (code, v, stderr) = draai(
        &["audit", "inzage", "--bsn", "999900006"],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 0, "{stderr}");
    let gebeurtenissen: Vec<&str> = v["toegang"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|r| r["gebeurtenis"].as_str())
        .collect();
    assert!(
        gebeurtenissen.starts_with(&[
            "bsn.controle",
            "jeugdige.aanmaken",
            "hulpvraag.aanmaken",
            "toegang.verleend"
        ]),
        "{gebeurtenissen:?}"
    );
    assert!(
        gebeurtenissen.contains(&"jeugdige.lijst"),
        "{gebeurtenissen:?}"
    );
    assert!(
        !v.to_string().contains("999900006"),
        "the export carries pseudonyms, never the BSN"
    );
    // Lotte's refused read is in her own inzage, marked geweigerd.
    let (_, lotte, _) = draai(
        &["audit", "inzage", "--bsn", "999900018"],
        &data_dir,
        &["--database-url", &db],
    );
    assert!(
        lotte["toegang"]
            .as_array()
            .expect("list")
            .iter()
            .any(|r| r["uitkomst"] == "geweigerd"),
        "{lotte}"
    );
    let (code, _, stderr) = draai(
        &["audit", "inzage", "--bsn", "123456789"],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 2);
    assert!(stderr.starts_with("fout: --bsn: "), "{stderr}");

    // Backup, refuse to overwrite, restore by opening the copy.
    let kopie = tmp.path().join("backup.db");
    let (code, _, stderr) = draai(
        &["backup", "--doel", kopie.to_str().expect("path")],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = draai(
        &["backup", "--doel", kopie.to_str().expect("path")],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 2, "{stderr}");
    let hersteld = format!("sqlite://{}", kopie.display());
    let (code, v, stderr) = draai(
        &["audit", "verify"],
        &data_dir,
        &["--database-url", &hersteld],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        v["records"].as_i64().expect("count") >= records,
        "the copy holds the whole chain"
    );

    // Retention: 20 years after the last change.
    let (code, v, _) = draai(&["retentie"], &data_dir, &["--database-url", &db]);
    assert_eq!(code, 0);
    assert_eq!(v["aantal"], 0);
    let ver = (chrono::Utc::now().date_naive() + chrono::Months::new(20 * 12 + 1)).to_string();
    let (code, v, _) = draai(
        &["retentie", "--peildatum", &ver],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 0);
    // 3 jeugdigen and 2 households of Almere, the border school's 4 pupils
    // in 4 households, and each household of the history with its one
    // jeugdige.
    let historie = Historie::lees(chrono::Utc::now().date_naive());
    let huishoudens = historie.open_aan_einde(None, -1)
        + (-11..=-1)
            .map(|m| historie.som(None, m, "afgesloten"))
            .sum::<i64>();
    assert_eq!(v["aantal"], 5 + 8 + 2 * huishoudens, "{v}");
    let (code, _, stderr) = draai(
        &["retentie", "--peildatum", "morgen"],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 2);
    assert!(stderr.starts_with("fout: --peildatum: "), "{stderr}");
}

/// Every demo account came in through the doors a real region uses (issue
/// 13.6): invited (`account.uitnodigen`) and activated through its link
/// (`account.activeren`), and it is marked as a demo account.
fn demo_accounts_door_de_voordeur(data_dir: &Path, accounts: &[(String, String, String)]) {
    use schakel_storage::Opslag;
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let opslag = schakel_storage_sqlite::SqliteOpslag::open(&data_dir.join("demo.db"))
            .await
            .expect("open demo.db");
        let mut records = Vec::new();
        loop {
            let pagina = opslag
                .audit_records(records.len() as i64 + 1, 1000)
                .await
                .expect("audit");
            if pagina.is_empty() {
                break;
            }
            records.extend(pagina);
        }
        for (email, _, _) in accounts {
            let (m, hash) = opslag
                .medewerker_op_email(email)
                .await
                .expect("lees")
                .expect("account");
            assert!(m.demo, "{email} is marked as a demo account");
            assert!(hash.starts_with("$argon2id$"), "{email} has a password");
            for gebeurtenis in ["account.uitnodigen", "account.activeren"] {
                assert!(
                    records
                        .iter()
                        .any(|r| r.record.gebeurtenis == gebeurtenis
                            && r.record.object_id == Some(m.id)),
                    "{email}: no {gebeurtenis} in the log"
                );
            }
        }
        // The history's households, jeugdigen and cases came in through
        // the API's functions, as its casusregisseur (issue 13.6): every
        // such record names that user and role, none is the system's.
        let (regisseur, _) = opslag
            .medewerker_op_email("casusregisseur@stad.demo")
            .await
            .expect("lees")
            .expect("the history's casusregisseur");
        for gebeurtenis in ["huishouden.aanmaken", "jeugdige.aanmaken", "casus.aanmaken"] {
            let door_regisseur = records
                .iter()
                .filter(|r| {
                    r.record.gebeurtenis == gebeurtenis
                        && r.record.gebruiker == Some(regisseur.id)
                        && r.record.rol == Some(schakel_domain::Rol::Casusregisseur)
                })
                .count();
            assert!(door_regisseur >= 190, "{gebeurtenis}: {door_regisseur}");
        }
        let mut door = std::collections::HashMap::new();
        for email in ["verwijzer@jgz.demo", "aanbieder@kompas.demo"] {
            let (m, _) = opslag
                .medewerker_op_email(email)
                .await
                .expect("lees")
                .expect(email);
            door.insert(email, m.id);
        }
        historie_door_de_professionals(
            &records,
            regisseur.id,
            door["verwijzer@jgz.demo"],
            door["aanbieder@kompas.demo"],
        );
    });
}

/// So did the history's course, its referrals and the hours delivered
/// (issue 13.6): each audit record names the professional who did it, as
/// in a real region — the casusregisseur each case event (and each
/// onderwijssituatie and party brought in before a first referral), the
/// JGZ's verwijzer each referral, the provider's medewerker each delivery —
/// in the numbers the history file asks for; no record about a person is
/// the system's.
fn historie_door_de_professionals(
    records: &[schakel_storage::audit::AuditRecord],
    regisseur: i64,
    verwijzer: i64,
    aanbieder: i64,
) {
    use schakel_domain::Rol;
    let h = Historie::lees(chrono::Utc::now().date_naive());
    let totaal = |veld: &str| (-11..=-1).map(|m| h.som(None, m, veld)).sum::<i64>();
    let huishoudens = h.open_aan_einde(None, -1) + totaal("afgesloten");
    let stappen: i64 = [
        "tevredenheid",
        "gesprekken",
        "expertpool",
        "escalaties",
        "thuiszitters",
        "terugkeer_regulier",
        "verwijzing_vso",
        "afgesloten",
    ]
    .iter()
    .map(|v| totaal(v))
    .sum();
    let door = |past: &dyn Fn(&str) -> bool, wie: i64, rol: Rol| -> i64 {
        let van: Vec<_> = records
            .iter()
            .filter(|r| past(&r.record.gebeurtenis))
            .collect();
        for r in &van {
            assert_eq!(
                (r.record.gebruiker, r.record.rol, r.record.uitkomst),
                (
                    Some(wie),
                    Some(rol),
                    schakel_storage::audit::Uitkomst::Toegestaan
                ),
                "{}",
                r.record.gebeurtenis
            );
        }
        van.len() as i64
    };
    let verloop = |g: &str| {
        g.starts_with("casus.") && !["casus.aanmaken", "casus.lezen", "casus.partij"].contains(&g)
    };
    // Plan and akkoord per household, then every step the file names.
    assert_eq!(
        door(&verloop, regisseur, Rol::Casusregisseur),
        2 * huishoudens + stappen
    );
    let partijen = door(&|g| g == "casus.partij", regisseur, Rol::Casusregisseur);
    let situaties = door(
        &|g| g == "onderwijssituatie.vastleggen",
        regisseur,
        Rol::Casusregisseur,
    );
    let verwijzingen = door(&|g| g == "verwijzing.aanmaken", verwijzer, Rol::Verwijzer);
    assert_eq!(verwijzingen, totaal("verwijzingen"));
    // One party and one onderwijssituatie per case before its first
    // referral; some cases are referred more than once.
    assert!(
        partijen == situaties && partijen > 10 && partijen < verwijzingen,
        "{partijen} {situaties} {verwijzingen}"
    );
    assert_eq!(
        door(&|g| g == "verwijzing.levering", aanbieder, Rol::Aanbieder),
        totaal("geleverd")
    );
    let systeem: Vec<_> = records
        .iter()
        .filter(|r| r.record.client.is_some() && r.record.gebruiker.is_none())
        .map(|r| &r.record.gebeurtenis)
        .collect();
    assert!(systeem.is_empty(), "{systeem:?}");
}

/// `van` copied to `naar`, directories and all.
fn kopieer(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).expect("mkdir");
    for e in std::fs::read_dir(van).expect("read_dir").flatten() {
        let doel = naar.join(e.file_name());
        if e.path().is_dir() {
            kopieer(&e.path(), &doel);
        } else {
            std::fs::copy(e.path(), &doel).expect("copy");
        }
    }
}

/// Issue 13.6: an account of the demo file with more than one role gets
/// the further roles from the region's beheerder through the beheer door
/// (`accountbeheer::zet_rollen`), logged under that beheerder — not
/// written by the system.
#[test]
fn demo_geeft_verdere_rollen_door_de_beheerder() {
    use schakel_storage::Opslag;
    let tmp = tempfile::tempdir().expect("tempdir");
    let gegevens = tmp.path().join("gegevens");
    kopieer(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"),
        &gegevens,
    );
    let bestand = gegevens.join("demo").join("almere.toml");
    let tekst = std::fs::read_to_string(&bestand).expect("demo file");
    let haven = r#"{ rol = "wijkteammedewerker", organisatie = "wijkteam_haven" }"#;
    let stad = r#"{ rol = "wijkteammedewerker", organisatie = "wijkteam_stad" }"#;
    let een = format!("rollen = [{haven}]");
    assert_eq!(tekst.matches(&een).count(), 1);
    let tekst = tekst.replace(&een, &format!("rollen = [{haven}, {stad}]"));
    std::fs::write(&bestand, tekst).expect("write");
    let data_dir = tmp.path().join("data");
    let server = start_demo_met(
        &data_dir,
        None,
        &["--data", gegevens.to_str().expect("path")],
    );
    let rollen: Vec<&str> = server
        .accounts
        .iter()
        .filter(|a| a.0 == "wijkteam@wijkteam.demo")
        .map(|a| a.1.as_str())
        .collect();
    assert_eq!(rollen, ["wijkteammedewerker", "wijkteammedewerker"]);
    drop(server);
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let opslag = schakel_storage_sqlite::SqliteOpslag::open(&data_dir.join("demo.db"))
            .await
            .expect("open demo.db");
        let account = |email: &'static str| {
            let opslag = &opslag;
            async move {
                opslag
                    .medewerker_op_email(email)
                    .await
                    .expect("lees")
                    .expect(email)
                    .0
            }
        };
        let medewerker = account("wijkteam@wijkteam.demo").await;
        let beheerder = account("beheer@schakel.demo").await;
        assert_eq!(medewerker.rollen.len(), 2, "{:?}", medewerker.rollen);
        let records = opslag.audit_records(1, 10_000).await.expect("audit");
        let wijzigingen: Vec<_> = records
            .iter()
            .filter(|r| r.record.gebeurtenis == "account.rollen")
            .map(|r| (r.record.gebruiker, r.record.rol, r.record.object_id))
            .collect();
        assert_eq!(
            wijzigingen,
            [(
                Some(beheerder.id),
                Some(schakel_domain::Rol::Beheerder),
                Some(medewerker.id)
            )]
        );
    });
}

#[test]
fn gemanipuleerd_auditlog_wordt_ontdekt() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    drop(start_demo(&data_dir));
    let pad = data_dir.join("demo.db");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        use sqlx::ConnectOptions;
        let mut c = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(schakel_storage_sqlite::auditbestand(&pad))
            .connect()
            .await
            .expect("open");
        // An insider with database access drops the append-only guards and
        // edits record 3, in whichever form it is stored: a row, or an
        // element of a sequencer's batch.
        let mut geraakt = 0;
        for sql in [
            "DROP TRIGGER audit_niet_wijzigen",
            "DROP TRIGGER audit_pak_niet_wijzigen",
            "UPDATE audit SET gebeurtenis = 'jeugdige.lezen' WHERE volgnummer = 3",
        ] {
            geraakt += sqlx::query(sql)
                .execute(&mut c)
                .await
                .expect("tamper")
                .rows_affected();
        }
        // A batch holds its records as (compressed) JSON: unpacked, edited
        // and packed again as the store writes it.
        let pak: Option<(i64, String, Option<Vec<u8>>)> = sqlx::query_as(
            "SELECT eerste, records, records_lz4 FROM audit_pak WHERE eerste <= 3 AND laatste >= 3",
        )
        .fetch_optional(&mut c)
        .await
        .expect("batch");
        if let Some((eerste, records, lz4)) = pak {
            let json = schakel_storage::pak::pak_json((records, lz4)).expect("batch");
            let mut rijen: Vec<serde_json::Value> = serde_json::from_str(&json).expect("JSON");
            let plek = usize::try_from(3 - eerste).expect("in the batch");
            rijen[plek][1] = "jeugdige.lezen".into();
            let json = serde_json::to_string(&rijen).expect("JSON");
            geraakt += sqlx::query(
                "UPDATE audit_pak SET records = '', records_lz4 = $1 WHERE eerste = $2",
            )
            .bind(schakel_storage::pak::pak_lz4(&json))
            .bind(eerste)
            .execute(&mut c)
            .await
            .expect("tamper")
            .rows_affected();
        }
        assert_eq!(geraakt, 1, "record 3 is stored once");
    });
    let (code, _, stderr) = draai(
        &["audit", "verify"],
        &data_dir,
        &["--database-url", &demo_db(&data_dir)],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stderr.trim(),
        "fout: auditlog: record 3: inhoud gewijzigd (hash klopt niet)"
    );
}

/// "Log in as each role via the API and see exactly what that role may see":
/// the demo region, account by account (README, "What each demo role sees").
#[test]
fn elke_demorol_ziet_precies_wat_mag() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo(&tmp.path().join("data"));
    let verwacht: [(&str, Option<&[&str]>); 14] = [
        ("zorgcoordinator@watertuin.demo", Some(&["Sem", "Yasmina"])),
        ("zorgcoordinator@bombardon.demo", Some(&[])),
        ("zorgcoordinator@regenboog.demo", Some(&[])),
        ("casusregisseur@wijkteam.demo", Some(&["Sem", "Lotte"])),
        ("wijkteam@wijkteam.demo", Some(&["Sem", "Lotte"])),
        ("aanbieder@triade.demo", Some(&[])),
        ("hoofdaanbieder@zeewind.demo", Some(&[])),
        ("beleid@almere.demo", None),
        ("toegang@almere.demo", None),
        ("beheer@schakel.demo", None),
        // The Achterhoek's border school: its own pupils, from both regions.
        (
            "zorgcoordinator@vso-doetinchem.demo",
            Some(&["Daan", "Noor", "Milan", "Fleur"]),
        ),
        ("beleid@achterhoek.demo", None),
        ("beheer@achterhoek.demo", None),
        ("monitor@landelijk.demo", None),
    ];
    for (email, namen) in verwacht {
        let gebruiker = Demogebruiker::login(&server, email);
        let client = &gebruiker.client;
        let lijst = client
            .get(format!("{}/api/v1/jeugdigen", server.adres))
            .send()
            .expect("list");
        match namen {
            None => assert_eq!(
                lijst.status().as_u16(),
                403,
                "{email} sees no personal data"
            ),
            Some(namen) => {
                assert_eq!(lijst.status().as_u16(), 200, "{email}");
                let v: Value = lijst.json().expect("json");
                let gezien: Vec<&str> = v["items"]
                    .as_array()
                    .expect("items")
                    .iter()
                    .filter_map(|j| j["voornaam"].as_str())
                    .collect();
                assert_eq!(gezien, namen, "{email}");
                assert_eq!(
                    v["paginering"]["totaal"],
                    namen.len(),
                    "{email}: the count reveals no hidden child"
                );
            }
        }
        // Every jeugdige the role may not see is refused by id too.
        for (id, naam) in [(1, "Sem"), (2, "Lotte"), (3, "Yasmina")] {
            let status = client
                .get(format!("{}/api/v1/jeugdigen/{id}", server.adres))
                .send()
                .expect("read")
                .status()
                .as_u16();
            let mag = namen.is_some_and(|n| n.contains(&naam));
            assert_eq!(
                status,
                if mag { 200 } else { 403 },
                "{email} reading {naam}"
            );
        }
    }
    jgz_ziet_wie_het_verwees(&server);
}

/// The JGZ's verwijzer sees Sem and Lotte (a party to their case from its
/// opening) and the history's jeugdigen whose case is still open and had a
/// referral: the casusregisseur brought the JGZ in as a party at the first
/// one (issue 13.6). Expected the other way round: the history's wijkteam
/// sees every open case's jeugdige, and their referrals.
fn jgz_ziet_wie_het_verwees(server: &Server) {
    let id = |v: &Value, veld: &str| v[veld].as_i64().expect("id");
    let stad = Demogebruiker::login(server, "casusregisseur@stad.demo");
    let mut verwacht: Vec<i64> = alle_items(&stad, "/api/v1/verwijzingen")
        .iter()
        .map(|v| id(v, "jeugdige"))
        .chain([1, 2])
        .collect();
    verwacht.sort_unstable();
    verwacht.dedup();
    assert!(verwacht.len() > 10, "{verwacht:?}");
    let jgz = Demogebruiker::login(server, "verwijzer@jgz.demo");
    let gezien: Vec<i64> = alle_items(&jgz, "/api/v1/jeugdigen")
        .iter()
        .map(|j| id(j, "id"))
        .collect();
    assert_eq!(gezien, verwacht);
    for (j, status) in [(1, 200), (2, 200), (3, 403)] {
        assert_eq!(jgz.get(&format!("/api/v1/jeugdigen/{j}")).0, status, "{j}");
    }
}

/// A logged-in demo user on the blocking client.
struct Demogebruiker<'a> {
    server: &'a Server,
    client: reqwest::blocking::Client,
    csrf: String,
}

impl<'a> Demogebruiker<'a> {
    fn login(server: &'a Server, email: &str) -> Self {
        let (_, _, wachtwoord) = server
            .accounts
            .iter()
            .find(|a| a.0 == email)
            .expect("account printed");
        let client = reqwest::blocking::Client::builder()
            .cookie_store(true)
            .build()
            .expect("client");
        let antwoord: Value = client
            .post(format!("{}/api/v1/sessies", server.adres))
            .json(&json!({"email": email, "wachtwoord": wachtwoord}))
            .send()
            .expect("login")
            .json()
            .expect("json");
        let csrf = antwoord["csrfToken"]
            .as_str()
            .expect("csrfToken")
            .to_string();
        Self {
            server,
            client,
            csrf,
        }
    }

    fn stuur(
        &self,
        methode: reqwest::Method,
        pad: &str,
        body: Option<Value>,
        if_match: Option<&str>,
    ) -> (u16, Value) {
        let mut r = self
            .client
            .request(methode, format!("{}{pad}", self.server.adres))
            .header("X-CSRF-Token", &self.csrf);
        if let Some(b) = body {
            r = r.json(&b);
        }
        if let Some(e) = if_match {
            r = r.header("If-Match", e);
        }
        let antwoord = r.send().expect("request");
        let status = antwoord.status().as_u16();
        (status, antwoord.json().unwrap_or(Value::Null))
    }

    fn get(&self, pad: &str) -> (u16, Value) {
        self.stuur(reqwest::Method::GET, pad, None, None)
    }

    fn post(&self, pad: &str, body: Value) -> (u16, Value) {
        self.stuur(reqwest::Method::POST, pad, Some(body), None)
    }
}

/// Issue 4, "Done when": in the demo region one household walks the whole
/// route through the API — hulpvraag, triage, plan with goals, referral
/// within and outside the norms, evaluation, escalation — each party doing
/// its part (README, "Walking the support route in the demo").
#[test]
fn demo_huishouden_doorloopt_de_steunroute() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo(&tmp.path().join("data"));
    let school = Demogebruiker::login(&server, "zorgcoordinator@watertuin.demo");
    let regisseur = Demogebruiker::login(&server, "casusregisseur@wijkteam.demo");
    let verwijzer = Demogebruiker::login(&server, "verwijzer@jgz.demo");
    let aanbieder = Demogebruiker::login(&server, "aanbieder@triade.demo");

    let (_, orgs) = school.get("/api/v1/organisaties?perPagina=100");
    let org = |naam: &str| {
        orgs["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|o| o["naam"].as_str().is_some_and(|n| n.starts_with(naam)))
            .and_then(|o| o["id"].as_i64())
            .expect("demo organisation")
    };
    let (wijkteam, jgz, triade, watertuin, zeewind) = (
        org("Wijkteam Almere Haven"),
        org("JGZ Almere"),
        org("Triade Vitree"),
        org("SBO De Watertuin"),
        org("Jeugdhulp Zeewind"),
    );
    // The demo's hulpvraag 1 is Sem's, registered by the Watertuin.
    let (s, vraag) = school.get("/api/v1/hulpvragen/1");
    assert_eq!(s, 200, "{vraag}");
    let (_, sem) = school.get(&format!("/api/v1/jeugdigen/{}", vraag["jeugdige"]));
    assert_eq!(sem["voornaam"], "Sem");
    // Issue 12: a triage names no provider, no gemeente and no other
    // wijkteam, and adds nobody to the household's open case.
    let (s, fout) = school.post(
        "/api/v1/hulpvragen/1/triage",
        json!({"uitkomst": "beide", "wijkteam": org("Wijkteam Almere Stad"),
               "partijen": [org("Jeugdhulp Kompas"), org("Gemeente Almere"), triade, zeewind]}),
    );
    assert_eq!(s, 400, "{fout}");
    let velden: Vec<&str> = fout["invalidParams"]
        .as_array()
        .expect("invalidParams")
        .iter()
        .filter_map(|v| v["name"].as_str())
        .collect();
    assert_eq!(
        velden,
        [
            "wijkteam",
            "partijen[0]",
            "partijen[1]",
            "partijen[2]",
            "partijen[3]"
        ]
    );
    // Triage "beide": the question joins the household's open case; Zeewind
    // comes in as regisseur (the casusregisseur's choice), Triade through
    // its referral.
    let (s, vraag) = school.post(
        "/api/v1/hulpvragen/1/triage",
        json!({"uitkomst": "beide", "wijkteam": wijkteam, "partijen": [jgz]}),
    );
    assert_eq!(s, 200, "{vraag}");
    let casus = vraag["casus"].as_i64().expect("case");
    let pad = format!("/api/v1/casussen/{casus}");
    // Dates follow today (scripts/test-datums runs this on turning days):
    // the referral starts a week ago within the school year, never in its
    // summer holiday (then it belongs to next year's option), and runs to
    // the school year's end; agreement, delivery and evaluation fall on its
    // first day, which is never in the future.
    let (ingang, einde) = verwijsperiode(chrono::Utc::now().date_naive());
    let deadline = einde.to_string();
    let plan = json!({
        "toekomstperspectief": "Sem gaat weer vijf dagen naar school; thuis is er rust",
        "stemJeugdige": {"soort": "gehoord", "inbreng": "In de klas is het te druk"},
        "doelen": [
            {"domein": "jeugdhulp", "omschrijving": "Ouders hanteren overprikkeling thuis",
             "indicator": "avonden per week zonder escalatie", "nulmeting": "2", "streefwaarde": "5",
             "deadline": deadline, "verantwoordelijke": wijkteam},
            {"domein": "onderwijsondersteuning", "omschrijving": "Prikkelarme werkplek in de klas",
             "indicator": "dagen per week op school", "nulmeting": "3", "streefwaarde": "5",
             "deadline": deadline, "verantwoordelijke": watertuin},
        ],
    });
    let (s, c) = regisseur.stuur(
        reqwest::Method::PUT,
        &format!("{pad}/plan"),
        Some(plan),
        Some("\"0\""),
    );
    assert_eq!(s, 200, "{c}");
    for g in [
        json!({"soort": "akkoord", "vertegenwoordiger": "M. de Vries", "datum": ingang}),
        json!({"soort": "regisseur", "regie": "hoofdaanbieder", "organisatie": zeewind}),
    ] {
        let (s, c) = regisseur.post(&format!("{pad}/gebeurtenissen"), g);
        assert_eq!(s, 201, "{c}");
    }
    // Referrals by JGZ: Lotte (Regenboog, no arrangement) within the norms;
    // Sem at the Watertuin's arrangement needs no beschikking, so a separate
    // referral is outside the norms and only goes as motivated maatwerk.
    let (_, lijst) = verwijzer.get("/api/v1/jeugdigen");
    let id = |naam: &str| {
        lijst["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|j| j["voornaam"] == naam)
            .and_then(|j| j["id"].as_i64())
            .expect("jeugdige")
    };
    let verwijzing = |jeugdige: i64, situatie: Value| {
        json!({"jeugdige": jeugdige, "aanbieder": triade, "situatie": situatie,
               "verwijzing": {"product": "begeleiding_individueel_basis", "volume": 3, "eenheid": "uur",
                              "per": "week", "ingangsdatum": ingang, "einddatum": einde}})
    };
    let (s, binnen) = verwijzer.post(
        "/api/v1/verwijzingen",
        verwijzing(
            id("Lotte"),
            json!({"onderwijssituatie": "volledig_onderwijs"}),
        ),
    );
    assert_eq!(s, 201, "{binnen}");
    assert_eq!(binnen["binnenNormen"], true);
    // 3 hours × days / 7, in hundredths, halves up (e.g. 2026-11-02 ..
    // 2027-07-31: 272 days, 116.57 hours).
    let dagen = (einde - ingang).num_days() + 1;
    let toegekend = (2 * 300 * dagen + 7) / 14;
    assert_eq!(binnen["toegekend"], json!(toegekend as f64 / 100.0));
    let mut buiten = verwijzing(
        id("Sem"),
        json!({"onderwijssituatie": "oja", "school": "Watertuin"}),
    );
    let (s, p) = verwijzer.post("/api/v1/verwijzingen", buiten.clone());
    assert_eq!(s, 422, "{p}");
    buiten["motivatie"] = json!("Begeleiding thuis na schooltijd, naast het arrangement");
    let (s, maatwerk) = verwijzer.post("/api/v1/verwijzingen", buiten);
    assert_eq!(s, 201, "{maatwerk}");
    assert_eq!(maatwerk["gemeentelijkeToets"], "open");
    // Triade delivers against Lotte's referral.
    let (s, v) = aanbieder.post(
        &format!("/api/v1/verwijzingen/{}/leveringen", binnen["id"]),
        json!({"datum": ingang, "hoeveelheid": 2}),
    );
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["resterend"], json!((toegekend - 200) as f64 / 100.0));
    // Evaluation, then the first escalation step.
    let (s, c) = regisseur.post(
        &format!("{pad}/gebeurtenissen"),
        json!({"soort": "evaluatie", "datum": ingang,
               "scores": [{"doel": 1, "score": "onvoldoende"}, {"doel": 2, "score": "voldoende"}],
               "stemJeugdige": {"soort": "gehoord", "inbreng": "Thuis gaat het nog niet"},
               "tevredenheidJeugdige": 6, "tevredenheidOuders": 5}),
    );
    assert_eq!(s, 201, "{c}");
    let (s, c) = regisseur.post(
        &format!("{pad}/gebeurtenissen"),
        json!({"soort": "escalatie", "stap": "gesprek", "toelichting": "Vervolgafspraak: extra flexibele ondersteuning"}),
    );
    assert_eq!(s, 201, "{c}");
    assert_eq!(c["toestand"]["fase"], "gesprek");
    // Every party sees the same plan; the other school sees nothing.
    let (s, gezien) = school.get(&pad);
    assert_eq!(s, 200);
    assert_eq!(gezien["toestand"], c["toestand"]);
    let andere_school = Demogebruiker::login(&server, "zorgcoordinator@regenboog.demo");
    assert_eq!(andere_school.get(&pad).0, 403);
}

/// A referral "from now" (as `verwijsdatum` in the API tests): a week
/// before `vandaag` within its school year and at the latest 15 June,
/// before every region's summer holiday; to the school year's end.
fn verwijsperiode(vandaag: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
    use chrono::Datelike;
    let eindjaar = vandaag.year() + i32::from(vandaag.month() >= 8);
    let datum = |j, m, d| chrono::NaiveDate::from_ymd_opt(j, m, d).expect("date");
    let ingang = (vandaag - chrono::Days::new(7))
        .min(datum(eindjaar, 6, 15))
        .max(datum(eindjaar - 1, 8, 1));
    (ingang, datum(eindjaar, 7, 31))
}

/// The access route (seed 000) on the demo region: Sem's school De
/// Watertuin has an OJA, Lotte's De Regenboog has none, and Wijkteam Almere
/// Haven serves both demo households' postcode areas (1354, 1357).
#[test]
fn demo_toegangsroute() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo(&tmp.path().join("data"));
    let route = |gebruiker: &Demogebruiker, jeugdige: i64, vraag: &str| -> Value {
        let (status, body) = gebruiker.get(&format!(
            "/api/v1/jeugdigen/{jeugdige}/toegangsroute?vraag={vraag}"
        ));
        assert_eq!(status, 200, "{jeugdige} {vraag}: {body}");
        body
    };
    let school = Demogebruiker::login(&server, "zorgcoordinator@watertuin.demo");
    // Sem (1) at De Watertuin: its hoofdaanbieder, no beschikking.
    let sem = route(&school, 1, "opvoeding");
    assert_eq!(sem["route"], "oja_hoofdaanbieder", "{sem}");
    assert_eq!(sem["beschikkingNodig"], false);
    assert_eq!(
        sem["organisatie"]["naam"],
        "Jeugdhulp Zeewind (fictief; hoofdaanbieder OJA)"
    );
    assert_eq!(
        sem["contactpersoon"],
        json!({"naam": "Jeugdhulpverlener Zeewind", "email": "hoofdaanbieder@zeewind.demo"})
    );
    // The parents' own question, for Sem (1354) and Yasmina (1357).
    for jeugdige in [1, 3] {
        let ouders = route(&school, jeugdige, "ouders");
        assert_eq!(ouders["route"], "wijkteam", "{ouders}");
        assert_eq!(ouders["organisatie"]["naam"], "Wijkteam Almere Haven");
        assert_eq!(
            ouders["contactpersoon"],
            json!({"naam": "Wijkteammedewerker Haven", "email": "wijkteam@wijkteam.demo"})
        );
    }
    // Lotte (2) at De Regenboog, seen by the JGZ verwijzer: the regular route.
    let verwijzer = Demogebruiker::login(&server, "verwijzer@jgz.demo");
    let lotte = route(&verwijzer, 2, "opvoeding");
    assert_eq!(lotte["route"], "regulier_verwijzer", "{lotte}");
    assert_eq!(lotte["beschikkingNodig"], true);
    assert_eq!(lotte["organisatie"]["naam"], "JGZ Almere");
    assert_eq!(
        lotte["contactpersoon"],
        json!({"naam": "Jeugdarts JGZ (gemandateerd verwijzer)", "email": "verwijzer@jgz.demo"})
    );
}

/// Issue 17.4: the demo serves a second region, the Achterhoek, with its
/// gemeenten, sociale teams and schools exactly as the data files list
/// them, and a (fictitious) border school whose pupils live in both
/// regions: each gets the wijkteam of their own address.
#[test]
fn demo_twee_regios_en_een_grensschool() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo(&tmp.path().join("data"));
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let lees = |pad: &str| std::fs::read_to_string(repo.join(pad)).expect(pad);
    // What the files say: gemeenten in the region file, distinct sociale
    // teams in the wijkteam file, schools in DUO's file.
    let gemeenten = lees("regio/achterhoek/regio.toml")
        .lines()
        .filter(|r| r.trim() == "[[gemeente]]")
        .count();
    let teams: std::collections::BTreeSet<String> = lees("gids/achterhoek/wijkteams.csv")
        .lines()
        .skip(1)
        .filter_map(|r| r.split(';').next().map(str::to_string))
        .collect();
    // (The file's day-care centre, KDV, is no school: the import refuses it.)
    let scholen = lees("gids/achterhoek/scholen-duo.csv")
        .lines()
        .skip(1)
        .filter(|r| !r.ends_with("\"KDV\""))
        .count();
    assert_eq!((gemeenten, teams.len(), scholen), (8, 24, 4));

    let zc = Demogebruiker::login(&server, "zorgcoordinator@vso-doetinchem.demo");
    let organisaties = alle_items(&zc, "/api/v1/organisaties");
    let school = organisaties
        .iter()
        .find(|o| o["brin"] == "99AJ00")
        .expect("the border school");
    assert_eq!(school["naam"], "Voorbeeldschool voor VSO");
    let per_soort = |regio: &Value| {
        let mut n = std::collections::BTreeMap::new();
        for o in organisaties.iter().filter(|o| &o["regio"] == regio) {
            *n.entry(o["soort"].as_str().expect("soort").to_string())
                .or_insert(0usize) += 1;
        }
        n
    };
    let achterhoek = per_soort(&school["regio"]);
    assert_eq!(
        achterhoek,
        std::collections::BTreeMap::from([
            ("gemeente".to_string(), gemeenten),
            ("school".to_string(), scholen),
            ("wijkteam".to_string(), teams.len()),
        ])
    );
    let namen: std::collections::BTreeSet<String> = organisaties
        .iter()
        .filter(|o| o["regio"] == school["regio"] && o["soort"] == "wijkteam")
        .map(|o| o["naam"].as_str().expect("naam").to_string())
        .collect();
    assert_eq!(namen, teams, "the region's teams are the file's");
    // Almere's organisations stay in their own region.
    let watertuin = organisaties
        .iter()
        .find(|o| o["naam"] == "SBO De Watertuin")
        .expect("watertuin");
    assert_ne!(watertuin["regio"], school["regio"]);
    assert_eq!(per_soort(&watertuin["regio"])["wijkteam"], 3);

    // The border school's pupils, each with the wijkteam of their address:
    // two in the Achterhoek, two in Almere.
    let leerlingen = alle_items(&zc, "/api/v1/jeugdigen");
    let verwacht = [
        ("Daan", "Sociaal team Doetinchem 2"),
        ("Noor", "Sociaal team Winterswijk 1"),
        ("Milan", "Wijkteam Almere Stad"),
        ("Fleur", "Wijkteam Almere Haven"),
    ];
    assert_eq!(leerlingen.len(), verwacht.len());
    for (naam, wijkteam) in verwacht {
        let j = leerlingen
            .iter()
            .find(|j| j["voornaam"] == naam)
            .expect(naam);
        let (status, route) = zc.get(&format!(
            "/api/v1/jeugdigen/{}/toegangsroute?vraag=ouders",
            j["id"]
        ));
        assert_eq!(status, 200, "{naam}: {route}");
        assert_eq!(route["route"], "wijkteam", "{naam}: {route}");
        assert_eq!(route["organisatie"]["naam"], wijkteam, "{naam}");
    }

    // ... and the rules of their own gemeente (the woonplaatsbeginsel,
    // issue 17.3): the public advice for that gemeente, and recording the
    // pupil's onderwijssituatie at the school. The Achterhoek has no
    // normenkader: no situation, its support route named, never Almere's
    // rules; an Almere pupil at the same school gets Almere's.
    let (van, _) = verwijsperiode(chrono::Local::now().date_naive());
    let anoniem = reqwest::blocking::Client::new();
    for (naam, gemeente, plaats) in [
        ("Daan", "GM0222", Some("Doetinchem")),
        ("Noor", "GM0294", Some("Winterswijk")),
        ("Milan", "GM0034", None),
        ("Fleur", "GM0034", None),
    ] {
        let advies: Value = anoniem
            .post(format!("{}/api/v1/normenkader/adviezen", server.adres))
            .json(&json!({"gemeente": gemeente, "geboortedatum": "2012-04-17",
                          "peildatum": van, "onderwijssituatie": "volledig_onderwijs"}))
            .send()
            .expect("advies")
            .json()
            .expect("json");
        let id = leerlingen
            .iter()
            .find(|j| j["voornaam"] == naam)
            .map(|j| j["id"].clone())
            .expect(naam);
        let (status, situatie) = zc.stuur(
            reqwest::Method::POST,
            &format!("/api/v1/jeugdigen/{id}/onderwijssituaties"),
            Some(json!({"onderwijssituatie": "volledig_onderwijs", "van": van})),
            None,
        );
        match plaats {
            Some(plaats) => {
                assert_eq!(advies["situatie"], Value::Null, "{naam}: {advies}");
                assert_eq!(
                    (&advies["regio"], &advies["route"]),
                    (&json!("achterhoek"), &json!("ondersteuningsroute")),
                    "{naam}: {advies}"
                );
                assert_eq!(status, 400, "{naam}: {situatie}");
                let reden = situatie["invalidParams"][0]["reason"]
                    .as_str()
                    .expect("reason");
                assert!(
                    reden.starts_with(&format!("{plaats} hoort bij regio Achterhoek"))
                        && reden.contains("de ondersteuningsroute")
                        && !reden.contains("Almere"),
                    "{naam}: {reden}"
                );
            }
            None => {
                assert_eq!(advies["normenkader"]["regio"], "almere", "{naam}: {advies}");
                assert_eq!(status, 201, "{naam}: {situatie}");
            }
        }
    }

    // Monitoring (issue 17.5): the national monitor sees both regions
    // side by side and their sum. The Achterhoek has no cases yet, so the
    // country's figures are exactly Almere's, and Almere's own column is
    // hidden wherever it would reveal the Achterhoek's small (zero) count.
    let (_, almere) = Demogebruiker::login(&server, "beleid@almere.demo").get("/api/v1/monitoring");
    let land = Demogebruiker::login(&server, "monitor@landelijk.demo");
    let (status, m) = land.get("/api/v1/monitoring/regios");
    assert_eq!(status, 200, "{m}");
    let regios: Vec<&str> = m["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .filter_map(|r| r["naam"].as_str())
        .collect();
    assert_eq!(regios, ["Almere", "Achterhoek"], "not its own region");
    assert_eq!(m["land"], almere["maanden"], "the country is the sum");
    // The role (landelijke monitoring), not its region, decides: no
    // region's dashboard or directory.
    for pad in ["/api/v1/monitoring", "/api/v1/organisaties"] {
        assert_eq!(land.get(pad).0, 403, "{pad}");
    }
    assert!(
        almere["maanden"][11]["aantallen"]["openCasussen"].is_number(),
        "{almere}"
    );
    for maand in m["regios"][0]["maanden"].as_array().expect("maanden") {
        for (k, v) in maand["aantallen"].as_object().expect("aantallen") {
            assert!(v == "<5" || v == "verborgen", "Almere {k}: {v}");
        }
    }
    // The Achterhoek's beleid: its own gemeenten, not Almere's.
    let ah = Demogebruiker::login(&server, "beleid@achterhoek.demo");
    let (status, m) = ah.get("/api/v1/monitoring?gemeente=GM0222");
    assert_eq!(
        (status, m["gemeente"].clone()),
        (200, json!("GM0222")),
        "{m}"
    );
    let (status, _) = ah.get("/api/v1/monitoring?gemeente=GM0034");
    assert_eq!(status, 400);
    let (status, _) = ah.get("/api/v1/monitoring/regios");
    assert_eq!(status, 403);
}

/// Issue 5: the demo imports the Almere samples, so every sample address
/// answers at once — by the CLI on the same data as the server.
#[test]
fn demo_gids_beantwoordt_de_voorbeeldadressen() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let _server = start_demo(&data_dir);
    let db = demo_db(&data_dir);
    let zoek = |postcode: &str, huisnummer: &str| {
        let (code, json, stderr) = draai(
            &[
                "wijkteam",
                "--postcode",
                postcode,
                "--huisnummer",
                huisnummer,
            ],
            &data_dir,
            &["--database-url", &db],
        );
        assert_eq!(code, 0, "{stderr}");
        json
    };
    let team = |a: &Value| {
        (
            a["uitkomst"].clone(),
            a["wijkteam"]["naam"].clone(),
            a["niveau"].clone(),
        )
    };
    // Postcode range of Haven; its buurt and gemeente from the CBS sample.
    let a = zoek("1354AB", "12");
    assert_eq!(
        team(&a),
        (
            json!("wijkteam"),
            json!("Wijkteam Almere Haven"),
            json!("postcode")
        )
    );
    assert_eq!(
        (a["buurt"].clone(), a["wijk"].clone(), a["gemeente"].clone()),
        (json!("BU00340101"), json!("WK003401"), json!("GM0034"))
    );
    // ... and their names, from the sample's gebieden.csv (issue 16.3).
    assert_eq!(
        (
            a["buurtnaam"].clone(),
            a["wijknaam"].clone(),
            a["gemeentenaam"].clone()
        ),
        (
            json!("Havenkwartier (fictief)"),
            json!("Wijk Haven (fictief)"),
            json!("Almere")
        )
    );
    assert_eq!(a["wijkteam"]["contactpunt"]["telefoon"], "036-0000001");
    // A buurt of Haven; a house-number range of Stad beats a buurt of Buiten.
    assert_eq!(
        team(&zoek("1357CD", "3")),
        (
            json!("wijkteam"),
            json!("Wijkteam Almere Haven"),
            json!("buurt")
        )
    );
    assert_eq!(
        team(&zoek("1315AB", "12")),
        (
            json!("wijkteam"),
            json!("Wijkteam Almere Stad"),
            json!("adres")
        )
    );
    assert_eq!(
        team(&zoek("1315AB", "30")),
        (
            json!("wijkteam"),
            json!("Wijkteam Almere Buiten"),
            json!("buurt")
        )
    );
    assert_eq!(zoek("1335AA", "1")["uitkomst"], "buiten");
    assert_eq!(zoek("9999ZZ", "1")["uitkomst"], "onbekend_adres");
    let (code, _, stderr) = draai(
        &["wijkteam", "--postcode", "0315AB", "--huisnummer", "1"],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 2);
    assert!(stderr.starts_with("fout: --postcode: "), "{stderr}");

    // The providers' offer, from the demo's aanbieders.csv.
    let verwijzer = Demogebruiker::login(&_server, "verwijzer@jgz.demo");
    let (s, lijst) = verwijzer.get("/api/v1/aanbieders");
    assert_eq!(s, 200, "{lijst}");
    assert_eq!(lijst["paginering"]["totaal"], 3);
    let zeewind = lijst["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|a| a["agb"] == "99000002")
        .expect("Zeewind");
    assert_eq!(
        zeewind["aanbod"],
        json!([
            {"product": "begeleiding_groep_specialistisch", "arrangement": "Watertuin"},
            {"product": "begeleiding_individueel_basis", "arrangement": "Bombardon"},
            {"product": "begeleiding_individueel_basis", "arrangement": "Watertuin"},
        ])
    );
    // Contact persons with their role, and the region's expertpool.
    let (s, contacten) = verwijzer.get("/api/v1/contactpersonen?expertpool=true");
    assert_eq!(s, 200, "{contacten}");
    assert_eq!(
        contacten["items"].as_array().map(Vec::len),
        Some(1),
        "{contacten}"
    );
    assert_eq!(contacten["items"][0]["functie"], "expertpool");
    assert_eq!(contacten["items"][0]["telefoon"], "036-0000301");
    let (_, alle) = verwijzer.get("/api/v1/contactpersonen");
    assert_eq!(alle["items"].as_array().map(Vec::len), Some(4));
    // Saved by Excel as "CSV UTF-8", with a byte-order mark: the header is
    // still recognised, and the row is judged on its product.
    let onbekend = tmp.path().join("aanbod.csv");
    std::fs::write(
        &onbekend,
        "\u{feff}aanbieder;agb;product;arrangement\nTriade Vitree (KBC);99000001;yoga;\n",
    )
    .expect("write");
    let (code, verslag, _) = draai(
        &["import", "aanbieders", onbekend.to_str().expect("utf-8")],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!((code, verslag["fouten"].clone()), (0, json!(1)));
    assert!(
        verslag["eersteFouten"][0]["reden"]
            .as_str()
            .unwrap_or("")
            .starts_with("product: 'yoga' staat niet in het normenkader; toegestaan: begeleiding_"),
        "{verslag}"
    );

    // Overlapping areas: refused as a whole, naming both wijkteams.
    let overlap = tmp.path().join("overlap.csv");
    std::fs::write(
        &overlap,
        "wijkteam;gebied\nWijkteam Almere Stad;1354AB-1354AC\n",
    )
    .expect("write");
    let (code, _, stderr) = draai(
        &["import", "wijkteams", overlap.to_str().expect("utf-8")],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("gebied") && stderr.contains("er is niets ingelezen"),
        "{stderr}"
    );
    assert_eq!(
        team(&zoek("1354AB", "12")).1,
        json!("Wijkteam Almere Haven")
    );
}

/// Issue 5: an address import reports bad rows by line and reason, keeps
/// the good ones, skips repeats, and a re-import replaces everything.
#[test]
fn adresimport_meldt_foute_regels_en_vervangt_in_een_keer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let bestand = tmp.path().join("adressen.csv");
    std::fs::write(
        &bestand,
        "PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024\n\
         1354AB;1;00340101;003401;0034\n\
         0354AB;2;00340101;003401;0034\n\
         1354AB;3;00340101;003401;0034\n\
         1354AB;4;BU0034XX01;003401;0034\n\
         1354AB;5;00340101;003402;0034\n\
         1354AB;1;00340102;003401;0034\n\
         1354AB;6;00340101;003401;0363\n\
         1354AB;0;00340101;003401;0034\n",
    )
    .expect("write");
    let pad = bestand.to_str().expect("utf-8");
    let (code, verslag, stderr) = draai(&["import", "adressen", pad], &data_dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (
            verslag["rijen"].clone(),
            verslag["opgeslagen"].clone(),
            verslag["dubbel"].clone(),
            verslag["fouten"].clone(),
            verslag["jaar"].clone()
        ),
        (json!(8), json!(2), json!(1), json!(5), json!(2024))
    );
    let regels: Vec<i64> = verslag["eersteFouten"]
        .as_array()
        .expect("eersteFouten")
        .iter()
        .filter_map(|f| f["regel"].as_i64())
        .collect();
    assert_eq!(regels, [3, 5, 6, 8, 9], "{verslag}");
    let redenen: Vec<&str> = verslag["eersteFouten"]
        .as_array()
        .expect("eersteFouten")
        .iter()
        .filter_map(|f| f["reden"].as_str())
        .collect();
    assert!(
        redenen[0].starts_with("postcode:") && redenen[1].starts_with("buurt:"),
        "{redenen:?}"
    );
    assert!(
        redenen[2].starts_with("wijk:") && redenen[3].starts_with("gemeente:"),
        "{redenen:?}"
    );
    assert!(stderr.contains("5 regel(s) niet ingelezen"), "{stderr}");
    let buurt = |nummer: &str| {
        let (_, a, _) = draai(
            &["wijkteam", "--postcode", "1354AB", "--huisnummer", nummer],
            &data_dir,
            &[],
        );
        a["buurt"].clone()
    };
    assert_eq!(
        buurt("1"),
        "BU00340101",
        "the first of a repeated address counts"
    );
    assert_eq!(buurt("3"), "BU00340101");
    // A re-import replaces the whole file.
    std::fs::write(
        &bestand,
        "PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025\n1354AB;7;00340102;003401;0034\n",
    )
    .expect("write");
    let (code, verslag, _) = draai(&["import", "adressen", pad], &data_dir, &[]);
    assert_eq!((code, verslag["opgeslagen"].clone()), (0, json!(1)));
    assert_eq!(buurt("1"), Value::Null);
    assert_eq!(buurt("7"), "BU00340102");
    // A file without the CBS columns is refused before anything changes.
    std::fs::write(&bestand, "postcode,nummer\n1354AB,1\n").expect("write");
    let (code, _, stderr) = draai(&["import", "adressen", pad], &data_dir, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("kopregel"), "{stderr}");
    assert_eq!(buurt("7"), "BU00340102");
}

/// Issue 16.3: CBS's area names (`code;naam`) — a bad row named by line
/// and field and left out, the good ones stored; the address lookup then
/// gives the names beside the codes; a gemeente's re-import replaces its
/// names only, and a file without the columns changes nothing.
#[test]
fn gebiedenimport_noemt_regel_en_veld_en_vervangt_per_gemeente() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let adressen = tmp.path().join("adressen.csv");
    std::fs::write(
        &adressen,
        "PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025\n\
         1354AB;1;00340101;003401;0034\n\
         7121BB;1;01970101;019701;0197\n",
    )
    .expect("write");
    let pad = |p: &Path| p.to_str().expect("utf-8").to_string();
    let (code, _, stderr) = draai(&["import", "adressen", &pad(&adressen)], &data_dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    let bestand = tmp.path().join("gebieden.csv");
    std::fs::write(
        &bestand,
        format!(
            "\u{feff}code;naam\n\
             GM0034;Almere\n\
             WK003401;Haven\n\
             BU00340101;Haven-Centrum\n\
             0034;Almere zonder prefix\n\
             BU0034010;Te kort\n\
             WK003402;\n\
             GM0034;Nog eens Almere\n\
             GM0197;{}\n\
             GM0197;Aalten\n",
            "x".repeat(201)
        ),
    )
    .expect("write");
    let (code, verslag, stderr) = draai(&["import", "gebieden", &pad(&bestand)], &data_dir, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (
            verslag["rijen"].clone(),
            verslag["opgeslagen"].clone(),
            verslag["fouten"].clone()
        ),
        (json!(9), json!(4), json!(5)),
        "{verslag}"
    );
    let fouten: Vec<(i64, String)> = verslag["eersteFouten"]
        .as_array()
        .expect("eersteFouten")
        .iter()
        .map(|f| {
            (
                f["regel"].as_i64().unwrap_or(0),
                f["reden"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        fouten.iter().map(|f| f.0).collect::<Vec<_>>(),
        [5, 6, 7, 8, 9],
        "{verslag}"
    );
    for (i, begin) in [
        "code: verwacht GM",
        "code: verwacht GM",
        "naam: verplicht, 1 tot 200",
        "code: GM0034 staat al op een eerdere regel",
        "naam: verplicht, 1 tot 200 tekens zonder regeleinden (nu 201)",
    ]
    .iter()
    .enumerate()
    {
        assert!(fouten[i].1.starts_with(begin), "{i}: {fouten:?}");
    }
    assert!(stderr.contains("5 regel(s) niet ingelezen"), "{stderr}");
    let zoek = |postcode: &str| {
        let (code, a, stderr) = draai(
            &["wijkteam", "--postcode", postcode, "--huisnummer", "1"],
            &data_dir,
            &[],
        );
        assert_eq!(code, 0, "{stderr}");
        a
    };
    let namen = |a: &Value| {
        (
            a["gemeentenaam"].clone(),
            a["wijknaam"].clone(),
            a["buurtnaam"].clone(),
            a["buurt"].clone(),
        )
    };
    assert_eq!(
        namen(&zoek("1354AB")),
        (
            json!("Almere"),
            json!("Haven"),
            json!("Haven-Centrum"),
            json!("BU00340101")
        )
    );
    assert_eq!(
        namen(&zoek("7121BB")),
        (
            json!("Aalten"),
            Value::Null,
            Value::Null,
            json!("BU01970101")
        ),
        "no name known: the code stays, the name is null"
    );
    // Almere again: its names replaced, Aalten's kept.
    std::fs::write(
        &bestand,
        "code;naam\nGM0034;Almere\nBU00340101;Haven-Centrum en Sluis\n",
    )
    .expect("write");
    let (code, verslag, _) = draai(&["import", "gebieden", &pad(&bestand)], &data_dir, &[]);
    assert_eq!((code, verslag["fouten"].clone()), (0, json!(0)));
    assert_eq!(
        namen(&zoek("1354AB")),
        (
            json!("Almere"),
            Value::Null,
            json!("Haven-Centrum en Sluis"),
            json!("BU00340101")
        )
    );
    assert_eq!(zoek("7121BB")["gemeentenaam"], "Aalten");
    // CBS's own wide file is not this format: refused before anything changes.
    std::fs::write(
        &bestand,
        "gwb_code;regio;gm_naam;recs\nGM0034;Almere;Almere;Gemeente\n",
    )
    .expect("write");
    let (code, _, stderr) = draai(&["import", "gebieden", &pad(&bestand)], &data_dir, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("kopregel") && stderr.contains("code;naam"),
        "{stderr}"
    );
    assert_eq!(zoek("1354AB")["buurtnaam"], "Haven-Centrum en Sluis");
}

/// Issue 16.3: each shipped region's `gebieden.csv` names every CBS code
/// its address and wijkteam files use, and imports without a bad row.
#[test]
fn voorbeeldgebieden_noemen_elke_gebruikte_code() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let gids = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gids");
    for regio in ["almere", "achterhoek"] {
        let lees = |f: &str| std::fs::read_to_string(gids.join(regio).join(f)).expect("read");
        let namen: std::collections::BTreeSet<String> = lees("gebieden.csv")
            .lines()
            .skip(1)
            .filter_map(|r| r.split(';').next().map(String::from))
            .collect();
        let mut gebruikt = std::collections::BTreeSet::new();
        for rij in lees("adressen-2025.csv").lines().skip(1) {
            let v: Vec<&str> = rij.split(';').collect();
            gebruikt.extend([
                format!("BU{}", v[2]),
                format!("WK{}", v[3]),
                format!("GM{}", v[4]),
            ]);
        }
        for rij in lees("wijkteams.csv").lines().skip(1) {
            let v: Vec<&str> = rij.split(';').collect();
            gebruikt.insert(v[1].to_string());
            if v[2].starts_with("BU") {
                gebruikt.insert(v[2].to_string());
            }
        }
        let zonder: Vec<_> = gebruikt.difference(&namen).collect();
        assert!(zonder.is_empty(), "{regio}: no name for {zonder:?}");
        let bestand = gids.join(regio).join("gebieden.csv");
        let (code, verslag, stderr) = draai(
            &["import", "gebieden", bestand.to_str().expect("utf-8")],
            &tmp.path().join("data"),
            &[],
        );
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(
            (verslag["fouten"].clone(), verslag["opgeslagen"].clone()),
            (json!(0), json!(namen.len())),
            "{regio}: {verslag}"
        );
    }
}

/// Issue 5: the second example region — eight municipalities, 24 sociale
/// teams — imported into an empty database, its wijkteams added with their
/// gemeente: a school's pupils from across the region each find theirs.
#[test]
fn tweede_regio_met_vele_wijkteams() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let regio = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gids/achterhoek");
    let pad = |f: &str| regio.join(f).display().to_string();
    let (code, verslag, stderr) = draai(
        &[
            "--regio",
            "achterhoek",
            "import",
            "wijkteams",
            &pad("wijkteams.csv"),
        ],
        &data_dir,
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (verslag["rijen"].clone(), verslag["fouten"].clone()),
        (json!(48), json!(0))
    );
    let (code, verslag, _) = draai(
        &["import", "adressen", &pad("adressen-2025.csv")],
        &data_dir,
        &[],
    );
    assert_eq!((code, verslag["opgeslagen"].clone()), (0, json!(240)));
    let mut teams = std::collections::BTreeSet::new();
    let mut gemeenten = std::collections::BTreeSet::new();
    let csv = std::fs::read_to_string(regio.join("adressen-2025.csv")).expect("sample");
    // One address per buurt: house number 3 of every postcode.
    for regel in csv
        .lines()
        .skip(1)
        .filter(|r| r.split(';').nth(1) == Some("3"))
    {
        let velden: Vec<&str> = regel.split(';').collect();
        let (_, a, _) = draai(
            &["wijkteam", "--postcode", velden[0], "--huisnummer", "3"],
            &data_dir,
            &[],
        );
        assert_eq!(a["uitkomst"], "wijkteam", "{a}");
        assert_eq!(a["gemeente"], format!("GM{}", velden[4]));
        teams.insert(
            a["wijkteam"]["naam"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
        gemeenten.insert(a["gemeente"].as_str().unwrap_or_default().to_string());
    }
    assert_eq!((teams.len(), gemeenten.len()), (24, 8));
    let (_, a, _) = draai(
        &["wijkteam", "--postcode", "7272BC", "--huisnummer", "3"],
        &data_dir,
        &[],
    );
    assert_eq!(a["wijkteam"]["naam"], "Sociaal team Berkelland 2");
    assert_eq!(
        a["wijkteam"]["contactpunt"]["email"],
        "berkelland2@sociaalteam.voorbeeld"
    );
    // Almere's address file beside it (issue 17.4): it replaces only
    // Almere's gemeente, so both regions' addresses answer; a national
    // import (--vervang-alles) replaces every address.
    let almere = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/gids/almere/adressen-2025.csv")
        .display()
        .to_string();
    let (code, verslag, _) = draai(&["import", "adressen", &almere], &data_dir, &[]);
    assert_eq!((code, verslag["opgeslagen"].clone()), (0, json!(76)));
    let adres = |pc: &str| {
        draai(
            &["wijkteam", "--postcode", pc, "--huisnummer", "3"],
            &data_dir,
            &[],
        )
        .1
    };
    assert_eq!(
        adres("7272BC")["wijkteam"]["naam"],
        "Sociaal team Berkelland 2"
    );
    assert_eq!(adres("1354AB")["gemeente"], "GM0034", "{}", adres("1354AB"));
    let (code, _, _) = draai(
        &["import", "adressen", "--vervang-alles", &almere],
        &data_dir,
        &[],
    );
    assert_eq!(code, 0);
    assert_eq!(adres("7272BC")["uitkomst"], "onbekend_adres");
    assert_eq!(adres("1354AB")["gemeente"], "GM0034");
    // Back to the Achterhoek's sample beside Almere's, for what follows.
    let (code, _, _) = draai(
        &["import", "adressen", &pad("adressen-2025.csv")],
        &data_dir,
        &[],
    );
    assert_eq!(code, 0);
    // DUO's school file: a vso, a vo, a pro and an mbo location; a row that
    // is no school is reported, the rest stored; a re-import updates.
    let (code, verslag, stderr) = draai(
        &[
            "--regio",
            "achterhoek",
            "import",
            "scholen",
            &pad("scholen-duo.csv"),
        ],
        &data_dir,
        &[],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (
            verslag["rijen"].clone(),
            verslag["opgeslagen"].clone(),
            verslag["fouten"].clone()
        ),
        (json!(5), json!(4), json!(1))
    );
    assert_eq!(verslag["eersteFouten"][0]["regel"], 6);
    assert!(
        verslag["eersteFouten"][0]["reden"]
            .as_str()
            .unwrap_or("")
            .starts_with("schooltype: 'KDV' onbekend"),
        "{verslag}"
    );
    let hernoemd = tmp.path().join("scholen.csv");
    std::fs::write(
        &hernoemd,
        std::fs::read_to_string(regio.join("scholen-duo.csv"))
            .expect("sample")
            .replace(
                "Voorbeeldcollege Doetinchem (mbo)",
                "Voorbeeldcollege Doetinchem",
            ),
    )
    .expect("write");
    let (code, verslag, _) = draai(
        &[
            "--regio",
            "achterhoek",
            "import",
            "scholen",
            hernoemd.to_str().expect("utf-8"),
        ],
        &data_dir,
        &[],
    );
    assert_eq!((code, verslag["opgeslagen"].clone()), (0, json!(4)));
    let scholen: Vec<(String, String, String)> = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            use sqlx::ConnectOptions;
            let mut c = sqlx::sqlite::SqliteConnectOptions::new()
                .filename(data_dir.join("schakel.db"))
                .connect()
                .await
                .expect("connect");
            sqlx::query_as(
                "SELECT o.brin, o.naam, s.schooltype FROM organisatie o JOIN school s ON s.organisatie = o.id ORDER BY o.brin",
            )
            .fetch_all(&mut c)
            .await
            .expect("scholen")
        });
    let kort: Vec<(&str, &str)> = scholen
        .iter()
        .map(|(b, _, t)| (b.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        kort,
        [
            ("99AH00", "mbo"),
            ("99AH01", "vo"),
            ("99AJ00", "vso"),
            ("99AK00", "pro")
        ]
    );
    assert_eq!(
        scholen[0].1, "Voorbeeldcollege Doetinchem",
        "updated, not added"
    );

    // A team without a gemeente is not guessed into the directory.
    let los = tmp.path().join("los.csv");
    std::fs::write(&los, "wijkteam;gebied\nSociaal team Nergens;BU99990101\n").expect("write");
    let (code, verslag, _) = draai(
        &["import", "wijkteams", los.to_str().expect("utf-8")],
        &data_dir,
        &[],
    );
    assert_eq!((code, verslag["fouten"].clone()), (0, json!(1)));
    assert!(
        verslag["eersteFouten"][0]["reden"]
            .as_str()
            .unwrap_or("")
            .contains("geef een gemeente"),
        "{verslag}"
    );
}

/// The demo's past (`data/demo/almere-historie.toml`), parsed here and
/// summed per month: what `GET /api/v1/monitoring` must publish.
struct Historie {
    bestand: toml::Table,
    /// The first day of the month the demo starts in.
    eerste: chrono::NaiveDate,
}

impl Historie {
    /// The history as a demo started on `dag` replays it.
    fn lees(dag: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        let pad =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/demo/almere-historie.toml");
        let tekst = std::fs::read_to_string(pad).expect("history file");
        Self {
            bestand: tekst.parse().expect("toml"),
            eerste: dag.with_day(1).expect("day 1"),
        }
    }

    fn begin(&self, maand: i64) -> chrono::NaiveDate {
        self.eerste - chrono::Months::new(maand.unsigned_abs() as u32)
    }

    /// The rows of one month (and school), or of all months up to it.
    fn rijen(&self, school: Option<&str>, past: impl Fn(i64) -> bool) -> Vec<&toml::Table> {
        self.bestand["maand"]
            .as_array()
            .expect("maand")
            .iter()
            .filter_map(|r| r.as_table())
            .filter(|r| past(r["maand"].as_integer().expect("maand")))
            .filter(|r| school.is_none_or(|s| r["school"].as_str() == Some(s)))
            .collect()
    }

    fn som(&self, school: Option<&str>, maand: i64, veld: &str) -> i64 {
        self.rijen(school, |m| m == maand)
            .iter()
            .map(|r| match r.get(veld) {
                Some(toml::Value::Integer(n)) => *n,
                Some(toml::Value::Array(a)) => a.len() as i64,
                _ => 0,
            })
            .sum()
    }

    fn lijst(&self, school: Option<&str>, maand: i64, veld: &str) -> Vec<toml::Value> {
        self.rijen(school, |m| m == maand)
            .iter()
            .flat_map(|r| {
                r.get(veld)
                    .and_then(|v| v.as_array())
                    .cloned()
                    .unwrap_or_default()
            })
            .collect()
    }

    fn open_aan_einde(&self, school: Option<&str>, maand: i64) -> i64 {
        let lopend: i64 = self.bestand["school"]
            .as_array()
            .expect("school")
            .iter()
            .filter(|s| school.is_none_or(|n| s["school"].as_str() == Some(n)))
            .map(|s| s["lopend"].as_integer().expect("lopend"))
            .sum();
        lopend
            + (-11..=maand)
                .map(|m| self.som(school, m, "nieuw") - self.som(school, m, "afgesloten"))
                .sum::<i64>()
    }

    /// What one month of `GET /api/v1/monitoring` publishes, by the rules
    /// of `schakel_domain::monitoring`: "<5" below five, averages and sums
    /// only over five values or more, rounded to one decimal.
    fn verwacht(&self, school: Option<&str>, maand: i64) -> (Value, Value) {
        use chrono::Datelike;
        let aantal = |n: i64| if n < 5 { json!("<5") } else { json!(n) };
        let som = |veld: &str| aantal(self.som(school, maand, veld));
        let aantallen = json!({
            "openCasussen": aantal(self.open_aan_einde(school, maand)),
            "nieuweCasussen": som("nieuw"),
            "thuiszitters": som("thuiszitters"),
            "terugkeerRegulierOnderwijs": som("terugkeer_regulier"),
            "verwijzingenVso": som("verwijzing_vso"),
            "gesprekken": som("gesprekken"),
            "expertpoolAdviezen": som("expertpool"),
            "escalaties": som("escalaties"),
            "evaluaties": som("tevredenheid"),
            // The history refers within the norms only: no maatwerk, so
            // 0 each month, shown as "<5".
            "maatwerkVerwijzingen": aantal(0),
            "maatwerkAkkoord": aantal(0),
            "maatwerkNietAkkoord": aantal(0),
        });
        // Exact arithmetic, rounded once as `schakel_rules::hoeveelheid`
        // documents: tenths, halves away from zero (all values here are
        // positive, so that is (2 × teller + noemer) / (2 × noemer)).
        let tienden = |teller: i64, noemer: i64| {
            json!(((2 * teller * 10 + noemer) / (2 * noemer)) as f64 / 10.0)
        };
        let gemiddelde = |waarden: Vec<i64>| {
            let n = waarden.len() as i64;
            if n < 5 {
                Value::Null
            } else {
                tienden(waarden.iter().sum(), n)
            }
        };
        let som_uren = |honderdsten: Vec<i64>| {
            if honderdsten.len() < 5 {
                Value::Null
            } else {
                tienden(honderdsten.iter().sum(), 100)
            }
        };
        let honderdsten = |v: &toml::Value| {
            let x = v
                .as_float()
                .or(v.as_integer().map(|n| n as f64))
                .expect("number");
            (x * 100.0).round() as i64
        };
        let scores = self.lijst(school, maand, "tevredenheid");
        let score = |i: usize| {
            scores
                .iter()
                .map(|p| p.as_array().expect("pair")[i].as_integer().expect("score"))
                .collect()
        };
        // A referral runs from day 1 for twelve weeks, at most until 31 July;
        // it grants hours per week × days / 7, in hundredths, halves up.
        let ingang = self.begin(maand);
        let einde_jaar =
            chrono::NaiveDate::from_ymd_opt(ingang.year() + i32::from(ingang.month() >= 8), 7, 31)
                .expect("date");
        let dagen = ((ingang + chrono::Days::new(83)).min(einde_jaar) - ingang).num_days() + 1;
        let toegekend = self
            .lijst(school, maand, "verwijzingen")
            .iter()
            .map(|v| (2 * honderdsten(v) * dagen + 7) / 14)
            .collect();
        let geleverd = self
            .lijst(school, maand, "geleverd")
            .iter()
            .map(honderdsten)
            .collect();
        let waarden = json!({
            "tevredenheidJeugdige": gemiddelde(score(0)),
            "tevredenheidOuders": gemiddelde(score(1)),
            "urenToegekend": som_uren(toegekend),
            "urenGeleverd": som_uren(geleverd),
        });
        (aantallen, waarden)
    }
}

/// The demo's past: the beleid account sees a year of figures for the
/// region and per school — exactly what the history file states, with the
/// small-count rules applied — and the dashboard draws them. Checked for a
/// demo started on the last day of each month of a school year, so the
/// history's referral periods (and their hours) cross every month end, the
/// turn of the school year and a holiday, whatever day the test runs.
#[test]
fn beleid_ziet_een_jaar_demo_historie() {
    use chrono::Datelike;
    let dagen: Vec<chrono::NaiveDate> = (0..12)
        .map(|k| {
            let eerste =
                chrono::NaiveDate::from_ymd_opt(2026, 8, 1).expect("date") + chrono::Months::new(k);
            (eerste + chrono::Months::new(1)).pred_opt().expect("date")
        })
        .collect();
    assert_eq!(
        (dagen[0].day(), dagen[6].to_string()),
        (31, "2027-02-28".to_string())
    );
    // Three demo servers at a time: each replays the year on start.
    for groep in dagen.chunks(3) {
        std::thread::scope(|s| {
            for dag in groep {
                s.spawn(move || historie_op(*dag));
            }
        });
    }
}

/// The monitoring figures and dashboard of a demo started on `dag`.
fn historie_op(dag: chrono::NaiveDate) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo_op(&tmp.path().join("data"), Some(dag));
    let beleid = Demogebruiker::login(&server, "beleid@almere.demo");
    let h = Historie::lees(dag);
    let van = h.begin(-11);
    let tot = h.eerste - chrono::Days::new(1);
    let (s, orgs) = beleid.get("/api/v1/organisaties?perPagina=100");
    assert_eq!(s, 200, "{orgs}");
    let watertuin = orgs["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|o| o["naam"] == "SBO De Watertuin")
        .and_then(|o| o["id"].as_i64())
        .expect("Watertuin");
    let mut getallen = 0;
    for (school, filter) in [
        (None, String::new()),
        (Some("watertuin"), format!("&school={watertuin}")),
    ] {
        let (s, m) = beleid.get(&format!("/api/v1/monitoring?van={van}&tot={tot}{filter}"));
        assert_eq!(s, 200, "{m}");
        let maanden = m["maanden"].as_array().expect("maanden");
        assert_eq!(maanden.len(), 11, "{m}");
        for (i, maand) in (-11..=-1).enumerate() {
            let wat = format!("demo op {dag}, {school:?} maand {maand}");
            assert_eq!(
                maanden[i]["maand"],
                h.begin(maand).format("%Y-%m").to_string(),
                "{wat}"
            );
            let (aantallen, waarden) = h.verwacht(school, maand);
            assert_eq!(maanden[i]["aantallen"], aantallen, "{wat}");
            assert_eq!(maanden[i]["waarden"], waarden, "{wat}");
            getallen += [aantallen, waarden]
                .iter()
                .flat_map(|v| v.as_object().expect("object").values())
                .filter(|v| v.is_number())
                .count();
        }
    }
    // Most of the 13 figures a month are shown, not "<5" or left out.
    assert!(
        getallen > 2 * 11 * 13 / 2,
        "demo op {dag}: {getallen} figures of 286 shown"
    );
    // The dashboard draws bars and points, not only dashed "<5" bars.
    let pagina = beleid
        .client
        .get(format!("{}/dashboard?van={van}&tot={tot}", server.adres))
        .send()
        .expect("dashboard");
    assert_eq!(pagina.status().as_u16(), 200);
    let html = pagina.text().expect("html");
    let staven = html.matches(r#"<rect class="reeks-"#).count();
    let punten = html.matches(r#"<circle class="reeks-"#).count();
    assert!(
        staven >= 40 && punten >= 20,
        "{staven} bars, {punten} points"
    );
}

/// Issue 12, item 9: a command that reads the case records refuses a data
/// directory (or SQLite URL) without a database — exit 2, one line naming
/// the option — and creates nothing; it used to verify a fresh, empty
/// `schakel.db` and report an intact chain.
#[test]
fn leescommandos_weigeren_een_ontbrekende_database() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let leeg = tmp.path().join("elders");
    let doel = tmp.path().join("kopie.db");
    let doel = doel.to_str().expect("path");
    let commandos: [&[&str]; 6] = [
        &["audit", "verify"],
        &["audit", "inzage", "--bsn", "999900006"],
        &["audit", "export"],
        &["backup", "--doel", doel],
        &["retentie"],
        &["wijkteam", "--postcode", "1315AB", "--huisnummer", "12"],
    ];
    for args in commandos {
        let (code, stdout, stderr) = draai(args, &leeg, &[]);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_eq!(stdout, Value::Null, "{args:?}: nothing on stdout");
        let verwacht = format!(
            "fout: --data-dir: {} bestaat niet; geef de map (--data-dir) of --database-url van een bestaande database\n",
            leeg.join("schakel.db").display()
        );
        assert_eq!(stderr, verwacht, "{args:?}");
        assert!(!leeg.exists(), "{args:?} created {}", leeg.display());
        assert!(!Path::new(doel).exists(), "{args:?} wrote a backup");
    }
    let url = format!("sqlite://{}", tmp.path().join("weg.db").display());
    let (code, _, stderr) = draai(&["audit", "verify"], &leeg, &["--database-url", &url]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("fout: --database-url: ") && stderr.contains("weg.db bestaat niet"),
        "{stderr}"
    );
    assert!(!tmp.path().join("weg.db").exists());
    assert!(!leeg.exists());
}

/// Issue 13: the region's set-up from CSV on the demo's data, through the
/// same door as the API — the Almere samples match the demo (applied, the
/// routes unchanged); a bad row is reported with its line and field, the
/// others are applied and the access route shows them at once.
#[test]
fn inrichting_import_arrangementen_en_verwijzers() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let server = start_demo(&data_dir);
    let db = demo_db(&data_dir);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/gids/almere");
    let importeer = |soort: &str, bestand: &Path| {
        let (code, verslag, stderr) = draai(
            &["import", soort, bestand.to_str().expect("utf-8")],
            &data_dir,
            &["--database-url", &db],
        );
        assert_eq!(code, 0, "{stderr}");
        let regels: Vec<(i64, String)> = verslag["eersteFouten"]
            .as_array()
            .expect("eersteFouten")
            .iter()
            .map(|f| {
                (
                    f["regel"].as_i64().expect("regel"),
                    f["reden"].as_str().expect("reden").to_string(),
                )
            })
            .collect();
        (
            verslag["rijen"].as_i64(),
            verslag["opgeslagen"].as_i64(),
            regels,
        )
    };
    let verwijzer = Demogebruiker::login(&server, "verwijzer@jgz.demo");
    let route = |jeugdige: i64| {
        let (s, body) = verwijzer.get(&format!("/api/v1/jeugdigen/{jeugdige}/toegangsroute"));
        assert_eq!(s, 200, "{body}");
        (body["route"].clone(), body["organisatie"]["naam"].clone())
    };
    let zeewind = json!("Jeugdhulp Zeewind (fictief; hoofdaanbieder OJA)");
    assert_eq!(route(1), (json!("oja_hoofdaanbieder"), zeewind.clone()));
    assert_eq!(route(2), (json!("regulier_verwijzer"), json!("JGZ Almere")));

    // The samples describe the demo as it is.
    assert_eq!(
        importeer("arrangementen", &samples.join("arrangementen.csv")),
        (Some(2), Some(2), vec![])
    );
    assert_eq!(
        importeer("verwijzers", &samples.join("verwijzers.csv")),
        (Some(1), Some(1), vec![])
    );
    assert_eq!(route(1), (json!("oja_hoofdaanbieder"), zeewind));
    assert_eq!(route(2), (json!("regulier_verwijzer"), json!("JGZ Almere")));

    // Bad rows by line and field; the good one is applied: Lotte's school
    // De Regenboog gets the PrO arrangement with Triade as hoofdaanbieder.
    let bestand = tmp.path().join("arrangementen.csv");
    std::fs::write(
        &bestand,
        "school;arrangement;hoofdaanbieder;geldig_vanaf;geldig_tot\n\
         99RE00;PrO;99000001;2025-08-01;\n\
         Onbekende School;Watertuin;\n\
         99BO00;Bombardon;JGZ Almere\n\
         Wijkteam Almere Haven;Bombardon;\n\
         SBO De Bombardon;Kwekerij;\n\
         SBO De Watertuin;Watertuin;99000002;2027-08-01;2027-07-31\n\
         99BO00;Bombardon;;1-8-2027;\n",
    )
    .expect("write");
    let (rijen, opgeslagen, fouten) = importeer("arrangementen", &bestand);
    assert_eq!((rijen, opgeslagen), (Some(7), Some(1)), "{fouten:?}");
    let velden: Vec<(i64, &str)> = fouten
        .iter()
        .map(|(r, reden)| (*r, reden.split(':').next().unwrap_or_default()))
        .collect();
    assert_eq!(
        velden,
        [
            (3, "school"),
            (4, "oja.hoofdaanbieder"),
            (5, "oja"),
            (6, "oja.arrangement"),
            (7, "oja.geldigTot"),
            (8, "geldig_vanaf")
        ],
        "{fouten:?}"
    );
    assert_eq!(
        route(2),
        (json!("oja_hoofdaanbieder"), json!("Triade Vitree (KBC)"))
    );

    let bestand = tmp.path().join("verwijzers.csv");
    std::fs::write(
        &bestand,
        "organisatie;contactpersoon\n\
         SBO De Watertuin;zorgcoordinator@watertuin.demo\n\
         JGZ Almere;onbekend@jgz.demo\n\
         JGZ Almere;zorgcoordinator@watertuin.demo\n",
    )
    .expect("write");
    let (rijen, opgeslagen, fouten) = importeer("verwijzers", &bestand);
    assert_eq!((rijen, opgeslagen), (Some(3), Some(0)), "{fouten:?}");
    let velden: Vec<(i64, &str)> = fouten
        .iter()
        .map(|(r, reden)| (*r, reden.split(':').next().unwrap_or_default()))
        .collect();
    assert_eq!(
        velden,
        [
            (2, "verwijzerVanRegio"),
            (3, "contactpersoon"),
            (4, "contactpersoon")
        ],
        "{fouten:?}"
    );
    // A file without the expected columns changes nothing.
    std::fs::write(&bestand, "naam;email\nJGZ Almere;x@y.z\n").expect("write");
    let (code, _, stderr) = draai(
        &["import", "verwijzers", bestand.to_str().expect("utf-8")],
        &data_dir,
        &["--database-url", &db],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("kopregel"), "{stderr}");
    // Every change is in the audit chain, which still verifies.
    let (code, _, stderr) = draai(&["audit", "verify"], &data_dir, &["--database-url", &db]);
    assert_eq!(code, 0, "{stderr}");
}

/// Issue 14.2: `schakel import interventie-afspraken` on the demo's data,
/// through the same door as the API (`schakel_http::interventie::zet`):
/// seed 004's footnote *** names "KBC(KinderBehandelcentrum) Triade
/// Vitree (observatiegroep)" as a party with an agreement; the good row is
/// stored and listed for the beheerder, bad rows are reported by line and
/// field, the same provider, gemeente and start replace the end, and the
/// audit chain still verifies.
#[test]
fn import_interventie_afspraken() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let server = start_demo(&data_dir);
    let db = demo_db(&data_dir);
    let bestand = tmp.path().join("interventie-afspraken.csv");
    let importeer = |inhoud: &str| {
        std::fs::write(&bestand, inhoud).expect("write");
        let (code, verslag, stderr) = draai(
            &[
                "import",
                "interventie-afspraken",
                bestand.to_str().expect("utf-8"),
            ],
            &data_dir,
            &["--database-url", &db],
        );
        assert_eq!(code, 0, "{stderr}");
        let fouten: Vec<(i64, String)> = verslag["eersteFouten"]
            .as_array()
            .expect("eersteFouten")
            .iter()
            .map(|f| {
                (
                    f["regel"].as_i64().expect("regel"),
                    f["reden"]
                        .as_str()
                        .expect("reden")
                        .split(':')
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                )
            })
            .collect();
        (verslag["opgeslagen"].as_i64(), fouten)
    };
    assert_eq!(
        importeer(
            "aanbieder;gemeente;omschrijving;van;tot\n\
             Triade Vitree (KBC);Gemeente Almere;observatiegroep;2026-08-01;2027-07-31\n\
             Onbekende Zorg;Gemeente Almere;observatiegroep;2026-08-01;2027-07-31\n\
             Triade Vitree (KBC);SBO De Watertuin;observatiegroep;2026-08-01;2027-07-31\n\
             Triade Vitree (KBC);Gemeente Almere;observatiegroep;1-8-2026;2027-07-31\n\
             Triade Vitree (KBC);Gemeente Almere;observatiegroep;2027-08-01;2027-07-31\n"
        ),
        (
            Some(1),
            vec![
                (3, "aanbieder".to_string()),
                (4, "gemeente".to_string()),
                (5, "van".to_string()),
                (6, "tot".to_string())
            ]
        )
    );
    // Again with a later end: replaced, not added.
    assert_eq!(
        importeer(
            "aanbieder;gemeente;omschrijving;van;tot\n\
             Triade Vitree (KBC);Gemeente Almere;observatiegroep;2026-08-01;2028-07-31\n"
        ),
        (Some(1), vec![])
    );
    let beheerder = Demogebruiker::login(&server, "beheer@schakel.demo");
    let (s, lijst) = beheerder.get("/api/v1/interventie-afspraken");
    assert_eq!(s, 200, "{lijst}");
    let rijen: Vec<(Value, Value, Value, Value)> = lijst
        .as_array()
        .expect("list")
        .iter()
        .map(|a| {
            (
                a["aanbieder"]["naam"].clone(),
                a["gemeente"]["naam"].clone(),
                a["van"].clone(),
                a["tot"].clone(),
            )
        })
        .collect();
    assert_eq!(
        rijen,
        [(
            json!("Triade Vitree (KBC)"),
            json!("Gemeente Almere"),
            json!("2026-08-01"),
            json!("2028-07-31")
        )]
    );
    let (code, _, stderr) = draai(&["audit", "verify"], &data_dir, &["--database-url", &db]);
    assert_eq!(code, 0, "{stderr}");
}

/// `serve --inzage-gesloten-maanden` sets how long the wijkteam may break
/// the glass on a closed case (issue 12.3): with 0 months, every case the
/// demo's history closed (months ago) is past it, where the default 12
/// months would grant it; the refusal says so. A value out of range is
/// refused at start.
#[test]
fn serve_stelt_de_termijn_van_noodtoegang_in() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo_met(
        &tmp.path().join("data"),
        None,
        &["--inzage-gesloten-maanden", "0"],
    );
    let stad = Demogebruiker::login(&server, "casusregisseur@stad.demo");
    let mut verstreken = 0;
    for id in 1..=60 {
        let (status, body) = stad.stuur(
            reqwest::Method::POST,
            &format!("/api/v1/casussen/{id}/inzage-gesloten"),
            Some(json!({"reden": "Vraag van de rechter over dit gezin"})),
            None,
        );
        assert_ne!(status, 201, "case {id}: {body}");
        if status == 403
            && body["detail"]
                .as_str()
                .is_some_and(|d| d.contains("termijn is voorbij"))
        {
            verstreken += 1;
        }
    }
    assert!(
        verstreken > 0,
        "the history closes cases of Wijkteam Almere Stad"
    );

    let uit = schakel()
        .args(["serve", "--inzage-gesloten-maanden", "121"])
        .output()
        .expect("run");
    assert_eq!(uit.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&uit.stderr).contains("--inzage-gesloten-maanden"),
        "{}",
        String::from_utf8_lossy(&uit.stderr)
    );
}

/// Every page of a paged API list.
fn alle_items(gebruiker: &Demogebruiker, pad: &str) -> Vec<Value> {
    let mut uit = Vec::new();
    for pagina in 1.. {
        let (status, lijst) = gebruiker.get(&format!("{pad}?pagina={pagina}&perPagina=100"));
        assert_eq!(status, 200, "{pad}: {lijst}");
        uit.extend(lijst["items"].as_array().expect("items").iter().cloned());
        if pagina >= lijst["paginering"]["paginas"].as_i64().expect("paginas") {
            return uit;
        }
    }
    unreachable!()
}

/// The worklist's count per kind (of all its pages), checked against its
/// total.
fn soorten(werk: &Value) -> std::collections::BTreeMap<String, usize> {
    let n: std::collections::BTreeMap<String, usize> = werk["aantallen"]
        .as_object()
        .expect("aantallen")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().expect("aantal") as usize))
        .collect();
    assert_eq!(
        n.values().sum::<usize>() as i64,
        werk["paginering"]["totaal"].as_i64().expect("totaal")
    );
    n
}

/// Issue 16.1: what waits on each role's start page, from the demo's data.
/// The expected counts are computed another way than the worklist does:
/// from each open case's plan and evaluations as the case API gives them
/// (the worklist reads the action table and classifies), and from the
/// provider's referral list. The history's goals, due six months after
/// their case opened, are overdue, and so is the end of the last school
/// year for the cases agreed in it; evaluations fall due three months
/// after the last one.
#[test]
fn werkvoorraad_uit_de_demo() {
    use chrono::Datelike;
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = start_demo(&tmp.path().join("data"));
    let vandaag = schakel_domain::grens::vandaag();
    let over_14 = vandaag + chrono::Days::new(14);
    let datum =
        |v: &Value| -> chrono::NaiveDate { v.as_str().expect("datum").parse().expect("datum") };

    let stad = Demogebruiker::login(&server, "casusregisseur@stad.demo");
    let (status, werk) = stad.get("/api/v1/werkvoorraad");
    assert_eq!(status, 200, "{werk}");
    let (mut verlopen, mut evaluaties, mut open) = (0, 0, 0);
    for id in 1..=400 {
        let (status, casus) = stad.get(&format!("/api/v1/casussen/{id}"));
        if status != 200 || casus["toestand"]["open"] != json!(true) {
            continue;
        }
        open += 1;
        let t = &casus["toestand"];
        for d in t["plan"]["doelen"].as_array().expect("doelen") {
            if datum(&d["deadline"]) < vandaag {
                verlopen += 1;
            }
        }
        let akkoord = datum(&t["akkoord"]["datum"]);
        // The agreement also set the end of its school year (31 July) as a
        // deadline for the wijkteam.
        let jaar = akkoord.year() + i32::from(akkoord.month() >= 8);
        if chrono::NaiveDate::from_ymd_opt(jaar, 7, 31).expect("31 juli") < vandaag {
            verlopen += 1;
        }
        let laatst = match &t["laatsteEvaluatie"] {
            Value::Null => akkoord,
            e => datum(&e["datum"]).max(akkoord),
        };
        if laatst + chrono::Months::new(3) <= over_14 {
            evaluaties += 1;
        }
    }
    assert!(
        open > 40,
        "the history leaves cases of the wijkteam open ({open})"
    );
    assert!(verlopen > 0, "the history's first goals are overdue");
    let verwacht = std::collections::BTreeMap::from([
        ("evaluatie".to_string(), evaluaties),
        ("termijn_verlopen".to_string(), verlopen),
    ]);
    assert_eq!(
        soorten(&werk)
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .collect::<std::collections::BTreeMap<_, _>>(),
        verwacht.into_iter().filter(|(_, n)| *n > 0).collect()
    );
    let items = alle_items(&stad, "/api/v1/werkvoorraad");
    assert_eq!(items.len(), soorten(&werk).values().sum::<usize>());
    // Most urgent first: the overdue deadlines, earliest first, then the
    // evaluations; every item names its jeugdige and links to the case.
    let eerste_evaluatie = items
        .iter()
        .position(|i| i["soort"] == "evaluatie")
        .unwrap_or(items.len());
    assert!(
        items[..eerste_evaluatie]
            .iter()
            .all(|i| i["soort"] == "termijn_verlopen")
    );
    let data: Vec<_> = items[..eerste_evaluatie]
        .iter()
        .map(|i| datum(&i["datum"]))
        .collect();
    assert!(data.windows(2).all(|w| w[0] <= w[1]), "earliest first");
    assert!(data.iter().all(|d| *d < vandaag));
    for i in &items {
        assert!(!i["wie"].as_str().expect("wie").is_empty(), "{i}");
        assert_eq!(i["pad"], json!(format!("/casussen/{}", i["casus"])), "{i}");
    }

    // The school: its two pupils' hulpvragen wait for triage, by name.
    let school = Demogebruiker::login(&server, "zorgcoordinator@watertuin.demo");
    let (_, werk) = school.get("/api/v1/werkvoorraad");
    let mut namen: Vec<_> = werk["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            (
                i["soort"].as_str().unwrap_or("").to_string(),
                i["wie"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    namen.sort();
    assert_eq!(
        namen,
        [
            ("trieren".to_string(), "Sem de Vries".to_string()),
            ("trieren".to_string(), "Yasmina El Amrani".to_string())
        ]
    );

    // The provider: its running referrals that end within 14 days.
    let kompas = Demogebruiker::login(&server, "aanbieder@kompas.demo");
    let aflopend = alle_items(&kompas, "/api/v1/verwijzingen")
        .iter()
        .filter(|v| (vandaag..=over_14).contains(&datum(&v["einddatum"])))
        .count();
    let (_, werk) = kompas.get("/api/v1/werkvoorraad");
    assert_eq!(
        soorten(&werk)
            .get("verwijzing_loopt_af")
            .copied()
            .unwrap_or(0),
        aflopend
    );

    // A page at a time: the page's items, the counts of all; a page that
    // is no whole number from 1 is refused naming the parameter.
    let (status, pagina) = stad.get("/api/v1/werkvoorraad?pagina=1&perPagina=2");
    assert_eq!(status, 200, "{pagina}");
    assert_eq!(pagina["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(pagina["items"][0], items[0]);
    assert_eq!(pagina["paginering"]["totaal"], json!(items.len()));
    for fout in ["perPagina=0", "pagina=nul", "perPagina=101"] {
        let (status, p) = stad.get(&format!("/api/v1/werkvoorraad?{fout}"));
        assert_eq!(status, 400, "{fout}: {p}");
        let veld = fout.split('=').next().unwrap_or_default();
        assert!(p.to_string().contains(veld), "{fout}: {p}");
    }

    // The JGZ's verwijzer (issue 13.6: it refers in the history's cases
    // now): the end of each of its referrals, an action for it since the
    // referral, overdue or within 14 days; those of cases that closed are
    // no longer its work, nor listed.
    let jgz = Demogebruiker::login(&server, "verwijzer@jgz.demo");
    let einden: Vec<chrono::NaiveDate> = alle_items(&jgz, "/api/v1/verwijzingen")
        .iter()
        .map(|v| datum(&v["einddatum"]))
        .collect();
    let verwacht = std::collections::BTreeMap::from([
        (
            "termijn_verlopen".to_string(),
            einden.iter().filter(|d| **d < vandaag).count(),
        ),
        (
            "verwijzing_loopt_af".to_string(),
            einden
                .iter()
                .filter(|d| (vandaag..=over_14).contains(*d))
                .count(),
        ),
    ]);
    assert!(verwacht["termijn_verlopen"] > 0, "{einden:?}");
    let (_, werk) = jgz.get("/api/v1/werkvoorraad");
    assert_eq!(
        soorten(&werk),
        verwacht.into_iter().filter(|(_, n)| *n > 0).collect()
    );

    // Roles without dossiers have no worklist.
    let beleid = Demogebruiker::login(&server, "beleid@almere.demo");
    assert_eq!(beleid.get("/api/v1/werkvoorraad").0, 403);
}
