//! Crash test (issue 3, point 9), through the real binary on each database:
//! several writers register jeugdigen concurrently, the server is killed
//! with SIGKILL while they are at it, and then
//!
//! - every write the server acknowledged (201) is in the database;
//! - nothing is in it that was never sent, and what is stored without an
//!   acknowledgement is one of the requests that were in flight at the kill;
//! - every stored jeugdige has exactly one `jeugdige.aanmaken` audit record,
//!   for its id and its BSN pseudonym, and there is no such record without
//!   its jeugdige (the write and its audit record are one transaction);
//! - `schakel audit verify` accepts the hash chain;
//! - SQLite: `PRAGMA integrity_check` says "ok" and `PRAGMA
//!   foreign_key_check` finds nothing; PostgreSQL: no jeugdige refers to a
//!   missing household or school;
//! - a restarted server (same database, no --demo) accepts the same login,
//!   serves an acknowledged jeugdige and takes new writes, and after a second
//!   kill all of the above still holds.
//!
//! On PostgreSQL it also runs with two instances on one database (issue
//! 15.5), each with its own writers and a reader of the case list, killed
//! one after the other: nothing acknowledged is lost (the reads' records
//! included), the chain is one, every signed checkpoint verifies, and a
//! restarted instance signs the whole log.
//!
//! The PostgreSQL run uses a fresh database on the server named by
//! `SCHAKEL_TEST_PG_URL` (scripts/test starts one); without it the run is
//! skipped with a notice, except in CI (`CI` set), where it fails.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use schakel_domain::{Brin, Bsn, OrganisatieSoort, Rol};
use schakel_storage::{NieuweMedewerker, NieuweOrganisatie, NieuweRegio, Opslag, Roltoewijzing};
use serde_json::{Value, json};

#[allow(dead_code)]
mod gedeeld;
use gedeeld::{PgDb, pg_basis_url, runtime};

const SCHRIJVERS: usize = 4;
/// Bounds every writer's loop, whatever happens.
const MAX_POGINGEN_PER_SCHRIJVER: usize = 5_000;
/// The kill comes after this much writing…
const SCHRIJFTIJD: Duration = Duration::from_millis(1_500);
/// …and not before this many acknowledged writes, so that there is
/// something to lose.
const MIN_BEVESTIGD: usize = 20;
/// Upper bound for anything we wait for (start-up, the writes above).
const GEDULD: Duration = Duration::from_secs(90);
const ZORGCOORDINATOR: &str = "zorgcoordinator@watertuin.demo";

// --- the binary ----------------------------------------------------------------------

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schakel() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("schakel"));
    c.arg("--data")
        .arg(repo().join("data"))
        .env_remove("SCHAKEL_DATA")
        .env_remove("SCHAKEL_DATA_DIR")
        .env_remove("SCHAKEL_DATABASE_URL")
        .env_remove("SCHAKEL_PSEUDONIEM_SLEUTEL")
        .env_remove("SCHAKEL_VEILIGE_COOKIES");
    c
}

/// A running `schakel serve`; killed (SIGKILL) and reaped when dropped.
struct Server {
    kind: Child,
    adres: String,
    /// email → password, as printed by `--demo`.
    wachtwoorden: HashMap<String, String>,
    log: PathBuf,
}

impl Server {
    /// Starts `schakel serve ARGS --listen 127.0.0.1:0` and waits for its
    /// welcome (and, with `--demo`, its accounts). Stderr goes to `log`.
    fn start(args: &[&str], log: PathBuf) -> Self {
        let demo = args.contains(&"--demo");
        let mut kind = schakel()
            .arg("serve")
            .args(args)
            .args(["--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"])
            // The writers register hundreds of jeugdigen in a minute.
            .args(["--bsn-controles-per-uur", "1000000"])
            .stdout(Stdio::piped())
            .stderr(File::create(&log).expect("server log"))
            .spawn()
            .expect("start schakel serve");
        let stdout = kind.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        // Reads stdout to its end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for regel in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(regel);
            }
        });
        let mut server = Self {
            kind,
            adres: String::new(),
            wachtwoorden: HashMap::new(),
            log,
        };
        let einde = Instant::now() + GEDULD;
        loop {
            let over = einde.saturating_duration_since(Instant::now());
            let regel = match rx.recv_timeout(over) {
                Ok(r) => r,
                Err(e) => panic!(
                    "schakel serve {:?} printed no welcome ({e}); log:\n{}",
                    zonder_geheimen(args),
                    server.log_tekst()
                ),
            };
            if let Some(rest) = regel.strip_prefix("Schakel luistert op ") {
                server.adres = rest.split_whitespace().next().expect("address").into();
            }
            if regel.contains("wachtwoord: ") {
                let delen: Vec<&str> = regel.split_whitespace().collect();
                server
                    .wachtwoorden
                    .insert(delen[0].to_string(), delen[delen.len() - 1].to_string());
            }
            let klaar = if demo {
                regel.contains("beheer@schakel.demo")
            } else {
                regel.trim_start().starts_with("Gezond:")
            };
            if klaar {
                break;
            }
        }
        assert!(
            server.adres.starts_with("http://127.0.0.1:"),
            "no address printed: {:?}",
            server.adres
        );
        server
    }

    /// SIGKILL (what `Child::kill` sends on unix), then reap it.
    fn dood(&mut self) {
        let _ = self.kind.kill();
        let status = self.kind.wait().expect("wait for the server");
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "the server ended before the kill: {status}; log:\n{}",
                self.log_tekst()
            );
        }
    }

    fn log_tekst(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.kind.kill();
        let _ = self.kind.wait();
    }
}

/// The arguments for a message: a PostgreSQL URL holds a password.
fn zonder_geheimen<'a>(args: &[&'a str]) -> Vec<&'a str> {
    args.iter()
        .map(|a| {
            if a.starts_with("postgres") {
                "postgres://…"
            } else {
                a
            }
        })
        .collect()
}

/// `schakel ARGS`, bounded in time: (exit code, stdout as JSON, stderr).
fn draai(args: &[&str]) -> (i32, Value, String) {
    let mut kind = schakel()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run schakel");
    let einde = Instant::now() + GEDULD;
    while kind.try_wait().expect("try_wait").is_none() {
        if Instant::now() > einde {
            let _ = kind.kill();
            let _ = kind.wait();
            panic!(
                "schakel {:?} did not finish in {GEDULD:?}",
                zonder_geheimen(args)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let uit = kind.wait_with_output().expect("output");
    let stdout = String::from_utf8_lossy(&uit.stdout).to_string();
    (
        uit.status.code().unwrap_or(-1),
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        String::from_utf8_lossy(&uit.stderr).to_string(),
    )
}

/// `schakel audit verify` must accept the chain; returns its record count.
fn audit_verify(database_url: &str, data_dir: &Path) -> i64 {
    let data_dir = data_dir.to_str().expect("path");
    let (code, v, stderr) = draai(&[
        "audit",
        "verify",
        "--database-url",
        database_url,
        "--data-dir",
        data_dir,
    ]);
    assert_eq!(code, 0, "audit verify failed: {stderr}");
    assert_eq!(v["in_orde"], true, "{v}");
    v["records"].as_i64().expect("record count")
}

// --- HTTP ----------------------------------------------------------------------------

struct Sessie {
    client: reqwest::blocking::Client,
    adres: String,
    csrf: String,
    organisatie: i64,
}

fn log_in(adres: &str, email: &str, wachtwoord: &str) -> Sessie {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client");
    let antwoord = client
        .post(format!("{adres}/api/v1/sessies"))
        .json(&json!({"email": email, "wachtwoord": wachtwoord}))
        .send()
        .expect("log in");
    assert_eq!(antwoord.status().as_u16(), 201, "log in as {email}");
    let sessie: Value = antwoord.json().expect("session json");
    Sessie {
        client,
        adres: adres.into(),
        csrf: sessie["csrfToken"].as_str().expect("csrfToken").into(),
        organisatie: sessie["organisatie"].as_i64().expect("organisatie"),
    }
}

impl Sessie {
    fn post(&self, pad: &str, body: &Value) -> reqwest::Result<reqwest::blocking::Response> {
        self.client
            .post(format!("{}/api/v1/{pad}", self.adres))
            .header("X-CSRF-Token", &self.csrf)
            .json(body)
            .send()
    }

    fn maak_huishouden(&self) -> i64 {
        let r = self
            .post(
                "huishoudens",
                &json!({"vertegenwoordigers": [{"naam": "Crash Ouder", "relatie": "ouder"}]}),
            )
            .expect("create household");
        assert_eq!(r.status().as_u16(), 201, "create household");
        r.json::<Value>().expect("json")["id"]
            .as_i64()
            .expect("household id")
    }
}

fn jeugdige(huishouden: i64, school: i64, bsn: &str, n: usize) -> Value {
    json!({
        "huishouden": huishouden,
        "bsn": bsn,
        "geboortedatum": "2015-03-01",
        "voornaam": format!("Crash{n}"),
        "achternaam": "Test",
        "postcode": "1311AB",
        "huisnummer": 1 + (n % 500),
        "school": school,
    })
}

// --- the writers ---------------------------------------------------------------------

/// The BSNs the demo data uses (`data/demo/almere.toml`).
fn demo_bsns() -> BTreeSet<String> {
    let demo = std::fs::read_to_string(repo().join("data/demo/almere.toml")).expect("demo data");
    let bsns: BTreeSet<String> = demo
        .lines()
        .filter_map(|r| r.trim().strip_prefix("bsn = \""))
        .filter_map(|r| r.strip_suffix('"'))
        .map(str::to_string)
        .collect();
    assert!(bsns.contains("999900006"), "demo BSNs not found: {bsns:?}");
    bsns
}

/// Test BSNs (11-proef) in 999900006..=999999990, except the demo's own.
fn test_bsns(demo: &BTreeSet<String>) -> Vec<String> {
    schakel_domain::id::TEST_BSN_BEREIK
        .map(|n| n.to_string())
        .filter(|b| Bsn::parse(b).is_ok() && !demo.contains(b))
        .collect()
}

#[derive(Default)]
struct Uitslag {
    /// Answered 201.
    bevestigd: Vec<String>,
    /// Sent (or possibly sent) but no answer: in flight at the kill.
    onbeantwoord: Vec<String>,
    /// Never reached the server (connection refused): must not be stored.
    niet_verstuurd: Vec<String>,
    /// Anything else: an answer other than 201, or a failure before the kill.
    onverwacht: Vec<String>,
}

struct Schrijvers {
    handvatten: Vec<std::thread::JoinHandle<Uitslag>>,
    bevestigd: Arc<AtomicUsize>,
    gedood: Arc<AtomicBool>,
    gestart: Instant,
}

fn start_schrijvers(sessie: &Sessie, huishouden: i64, bsns: Arc<Vec<String>>) -> Schrijvers {
    let volgende = Arc::new(AtomicUsize::new(0));
    let bevestigd = Arc::new(AtomicUsize::new(0));
    let gedood = Arc::new(AtomicBool::new(false));
    let handvatten = (0..SCHRIJVERS)
        .map(|_| {
            let (volgende, bevestigd, gedood, bsns) = (
                volgende.clone(),
                bevestigd.clone(),
                gedood.clone(),
                bsns.clone(),
            );
            let client = sessie.client.clone();
            let url = format!("{}/api/v1/jeugdigen", sessie.adres);
            let (csrf, school) = (sessie.csrf.clone(), sessie.organisatie);
            std::thread::spawn(move || {
                let mut u = Uitslag::default();
                for _ in 0..MAX_POGINGEN_PER_SCHRIJVER {
                    let n = volgende.fetch_add(1, Ordering::SeqCst);
                    let Some(bsn) = bsns.get(n) else { break };
                    let antwoord = client
                        .post(&url)
                        .header("X-CSRF-Token", &csrf)
                        .json(&jeugdige(huishouden, school, bsn, n))
                        .send();
                    match antwoord {
                        Ok(r) if r.status().as_u16() == 201 => {
                            u.bevestigd.push(bsn.clone());
                            bevestigd.fetch_add(1, Ordering::SeqCst);
                        }
                        Ok(r) => {
                            let status = r.status();
                            let tekst = r.text().unwrap_or_default();
                            u.onverwacht.push(format!("{bsn}: {status} {tekst}"));
                        }
                        Err(e) => {
                            if !gedood.load(Ordering::SeqCst) {
                                u.onverwacht.push(format!("{bsn}: before the kill: {e}"));
                            }
                            if e.is_connect() {
                                u.niet_verstuurd.push(bsn.clone());
                            } else {
                                u.onbeantwoord.push(bsn.clone());
                            }
                            break;
                        }
                    }
                }
                u
            })
        })
        .collect();
    Schrijvers {
        handvatten,
        bevestigd,
        gedood,
        gestart: Instant::now(),
    }
}

/// Lets the writers write, kills the server under them, and collects what
/// each of them saw.
fn dood_onder_schrijvers(naam: &str, server: &mut Server, s: Schrijvers) -> Uitslag {
    let einde = s.gestart + GEDULD;
    while s.gestart.elapsed() < SCHRIJFTIJD || s.bevestigd.load(Ordering::SeqCst) < MIN_BEVESTIGD {
        assert!(
            Instant::now() < einde,
            "only {} acknowledged writes in {GEDULD:?}; log:\n{}",
            s.bevestigd.load(Ordering::SeqCst),
            server.log_tekst()
        );
        assert!(
            s.handvatten.iter().any(|h| !h.is_finished()),
            "every writer stopped before the kill; log:\n{}",
            server.log_tekst()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let bezig = s.handvatten.iter().filter(|h| !h.is_finished()).count();
    s.gedood.store(true, Ordering::SeqCst);
    server.dood();
    let mut totaal = Uitslag::default();
    for h in s.handvatten {
        let u = h.join().expect("writer thread");
        totaal.bevestigd.extend(u.bevestigd);
        totaal.onbeantwoord.extend(u.onbeantwoord);
        totaal.niet_verstuurd.extend(u.niet_verstuurd);
        totaal.onverwacht.extend(u.onverwacht);
    }
    assert!(
        totaal.onverwacht.is_empty(),
        "unexpected answers: {:?}",
        totaal.onverwacht
    );
    eprintln!(
        "crash ({naam}): killed after {:?} with {bezig} of {SCHRIJVERS} writers writing: {} acknowledged, \
         {} in flight, {} refused after the kill",
        s.gestart.elapsed(),
        totaal.bevestigd.len(),
        totaal.onbeantwoord.len(),
        totaal.niet_verstuurd.len()
    );
    totaal
}

// --- what the database holds ----------------------------------------------------------

/// The facts read straight from the database.
struct Stand {
    /// BSN → id of every jeugdige.
    jeugdigen: BTreeMap<String, i64>,
    /// (object_id, client) of every `jeugdige.aanmaken` audit record.
    aanmaken: Vec<Aanmaak>,
    audit_records: i64,
}

/// What the writers saw, over every run so far.
struct Verwachting {
    /// Acknowledged (201): must be stored.
    bevestigd: BTreeSet<String>,
    /// In flight at the kill: may be stored.
    onbeantwoord: BTreeSet<String>,
    /// Never reached the server: must not be stored.
    niet_verstuurd: BTreeSet<String>,
    /// The demo data's own jeugdigen.
    demo: BTreeSet<String>,
}

/// Checks the facts after a crash. Returns the number of stored test
/// jeugdigen.
fn controleer(
    naam: &str,
    stand: &Stand,
    verify_records: i64,
    sleutel: &[u8],
    v: &Verwachting,
) -> usize {
    let Verwachting {
        bevestigd,
        onbeantwoord,
        niet_verstuurd,
        demo,
    } = v;
    for bsn in niet_verstuurd {
        assert!(
            !stand.jeugdigen.contains_key(bsn),
            "{bsn} was never sent, yet it is stored"
        );
    }
    let ontbreekt: Vec<&String> = bevestigd
        .iter()
        .filter(|b| !stand.jeugdigen.contains_key(*b))
        .collect();
    assert!(
        ontbreekt.is_empty(),
        "{} acknowledged writes lost: {ontbreekt:?}",
        ontbreekt.len()
    );
    let mut zonder_antwoord = 0;
    for bsn in stand.jeugdigen.keys() {
        if demo.contains(bsn) || bevestigd.contains(bsn) {
            continue;
        }
        assert!(
            onbeantwoord.contains(bsn),
            "{bsn} is stored but was neither acknowledged nor in flight at the kill \
             (never sent: {})",
            niet_verstuurd.contains(bsn)
        );
        zonder_antwoord += 1;
    }
    // One creation record per jeugdige, for its id and its pseudonym; none
    // without its jeugdige.
    assert_eq!(
        stand.aanmaken.len(),
        stand.jeugdigen.len(),
        "jeugdige.aanmaken records vs stored jeugdigen"
    );
    let mut per_id: HashMap<i64, Vec<Option<String>>> = HashMap::new();
    for (id, client) in &stand.aanmaken {
        per_id
            .entry(id.expect("a jeugdige.aanmaken record names its object"))
            .or_default()
            .push(client.clone());
    }
    for (bsn, id) in &stand.jeugdigen {
        let pseudoniem = Bsn::parse(bsn).expect("stored BSN").pseudoniem(sleutel);
        assert_eq!(
            per_id.get(id).map(Vec::as_slice),
            Some([Some(pseudoniem)].as_slice()),
            "jeugdige {id} has not exactly one jeugdige.aanmaken record with its pseudonym"
        );
    }
    assert_eq!(
        verify_records, stand.audit_records,
        "audit verify counted every record in the table"
    );
    let test_jeugdigen =
        stand.jeugdigen.len() - stand.jeugdigen.keys().filter(|b| demo.contains(*b)).count();
    eprintln!(
        "crash ({naam}): stored {test_jeugdigen} test jeugdigen ({} acknowledged, {zonder_antwoord} \
         committed without an answer), {} audit records, chain verified",
        bevestigd.len(),
        stand.audit_records
    );
    test_jeugdigen
}

fn sleutel(data_dir: &Path) -> Vec<u8> {
    let tekst = std::fs::read_to_string(data_dir.join("pseudoniem.sleutel")).expect("key file");
    hex::decode(tekst.trim()).expect("hex key")
}

fn sqlite_stand(pad: &Path) -> Stand {
    use sqlx::Row;
    runtime().block_on(async {
        let mut c = sqlite_na_crash(pad).await;
        let jeugdigen = sqlx::query("SELECT bsn, id FROM jeugdige")
            .fetch_all(&mut c)
            .await
            .expect("jeugdigen")
            .iter()
            .map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1)))
            .collect();
        // The log is in the audit file beside the database.
        let mut a = sqlite_na_crash(&schakel_storage_sqlite::auditbestand(pad)).await;
        let (aanmaken, audit_records) =
            aanmaken_en_aantal(&audit_records::<sqlx::Sqlite>(&mut a).await);
        for v in [c, a] {
            sqlx::Connection::close(v).await.expect("close");
        }
        Stand {
            jeugdigen,
            aanmaken,
            audit_records,
        }
    })
}

/// A record as the checks need it: (gebeurtenis, object_id, client).
type Record = (String, Option<i64>, Option<String>);
/// A `jeugdige.aanmaken` record's (object_id, client).
type Aanmaak = (Option<i64>, Option<String>);

/// Every record in the log as a [`Record`]: its rows,
/// and the records in its batches, read as the database holds them (not
/// through the store), the same on both engines.
async fn audit_records<DB>(c: &mut DB::Connection) -> Vec<Record>
where
    DB: sqlx::Database,
    for<'e> &'e mut DB::Connection: sqlx::Executor<'e, Database = DB>,
    for<'r> Record: sqlx::FromRow<'r, DB::Row>,
    for<'r> schakel_storage::pak::PakInhoud: sqlx::FromRow<'r, DB::Row>,
    <DB as sqlx::Database>::Arguments: sqlx::IntoArguments<DB>,
{
    let mut records: Vec<Record> =
        sqlx::query_as("SELECT gebeurtenis, object_id, client FROM audit")
            .fetch_all(&mut *c)
            .await
            .expect("audit");
    let pakken: Vec<schakel_storage::pak::PakInhoud> =
        sqlx::query_as("SELECT records, records_lz4 FROM audit_pak")
            .fetch_all(&mut *c)
            .await
            .expect("audit_pak");
    for pak in pakken {
        let json = schakel_storage::pak::pak_json(pak).expect("a batch's records");
        let rijen: Vec<serde_json::Value> = serde_json::from_str(&json).expect("batch JSON");
        // Each record an array in the columns' order of `audit`.
        records.extend(rijen.iter().map(|r| {
            (
                r[1].as_str().expect("gebeurtenis").to_string(),
                r[11].as_i64(),
                r[9].as_str().map(String::from),
            )
        }));
    }
    records
}

/// The `jeugdige.aanmaken` records' (object_id, client), and the number of
/// all records.
fn aanmaken_en_aantal(records: &[Record]) -> (Vec<Aanmaak>, i64) {
    let aanmaken = records
        .iter()
        .filter(|(gebeurtenis, _, _)| gebeurtenis == "jeugdige.aanmaken")
        .map(|(_, object_id, client)| (*object_id, client.clone()))
        .collect();
    (aanmaken, i64::try_from(records.len()).expect("count"))
}

async fn sqlite_na_crash(pad: &Path) -> sqlx::SqliteConnection {
    use sqlx::Connection;
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
    let opties = SqliteConnectOptions::new()
        .filename(pad)
        .create_if_missing(false)
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true);
    let mut c = sqlx::SqliteConnection::connect_with(&opties)
        .await
        .expect("open the database after the crash");
    let integriteit: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut c)
        .await
        .expect("integrity_check");
    assert_eq!(integriteit, ["ok"], "PRAGMA integrity_check");
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut c)
        .await
        .expect("foreign_key_check");
    assert!(fk.is_empty(), "PRAGMA foreign_key_check: {} rows", fk.len());
    c
}

// --- one crash run, for either database ------------------------------------------------

/// How to start the server on the database under test.
struct Opzet<'a> {
    /// "sqlite" or "postgres", for the notices.
    naam: &'static str,
    /// `serve` arguments for the first start (may be `--demo`).
    eerste_start: Vec<String>,
    /// `serve` arguments for the restart on the same database.
    herstart: Vec<String>,
    database_url: String,
    data_dir: &'a Path,
    /// Where the servers' stderr goes.
    logs: &'a Path,
    /// The zorgcoördinator's password, when not printed by `--demo`.
    wachtwoord: Option<String>,
    stand: &'a dyn Fn() -> Stand,
}

fn argumenten(a: &[String]) -> Vec<&str> {
    a.iter().map(String::as_str).collect()
}

fn crash_run(o: &Opzet<'_>) {
    let log = |n: &str| o.logs.join(format!("serve-{n}.log"));

    // 1. Start, log in, one household with a first pupil and its hulpvraag
    // (a relation with the household: only then may more children be added
    // to it), then writers — and the kill.
    let mut server = Server::start(&argumenten(&o.eerste_start), log("1"));
    // What the database holds before the test writes (the demo's named
    // households and its generated history) is no test write.
    let demo: BTreeSet<String> = (o.stand)().jeugdigen.into_keys().collect();
    let benoemd = demo_bsns();
    assert!(
        o.wachtwoord.is_some() || benoemd.is_subset(&demo),
        "the demo's named jeugdigen are stored at the start"
    );
    let mut bsns = test_bsns(&demo);
    let eerste = bsns.pop().expect("a free test BSN");
    let bsns = Arc::new(bsns);
    let wachtwoord = o
        .wachtwoord
        .clone()
        .or_else(|| server.wachtwoorden.get(ZORGCOORDINATOR).cloned())
        .expect("zorgcoordinator password");
    let sessie = log_in(&server.adres, ZORGCOORDINATOR, &wachtwoord);
    let huishouden = sessie.maak_huishouden();
    let r = sessie
        .post(
            "jeugdigen",
            &jeugdige(huishouden, sessie.organisatie, &eerste, 0),
        )
        .expect("first pupil");
    assert_eq!(r.status().as_u16(), 201, "first pupil");
    let eerste_id = r.json::<Value>().expect("json")["id"].as_i64().expect("id");
    let r = sessie
        .post(
            "hulpvragen",
            &json!({"jeugdige": eerste_id, "omschrijving": "voor de crash"}),
        )
        .expect("hulpvraag");
    assert_eq!(r.status().as_u16(), 201, "hulpvraag before the writers");
    let schrijvers = start_schrijvers(&sessie, huishouden, bsns.clone());
    let uitslag = dood_onder_schrijvers(o.naam, &mut server, schrijvers);
    drop(server);
    let mut v = Verwachting {
        bevestigd: uitslag
            .bevestigd
            .iter()
            .cloned()
            .chain([eerste.clone()])
            .collect(),
        onbeantwoord: uitslag.onbeantwoord.into_iter().collect(),
        niet_verstuurd: uitslag.niet_verstuurd.into_iter().collect(),
        demo,
    };
    assert_eq!(
        v.bevestigd.len(),
        uitslag.bevestigd.len() + 1,
        "a BSN acknowledged twice"
    );

    // 2. The crashed database, as it is.
    let records = audit_verify(&o.database_url, o.data_dir);
    let sleutel = sleutel(o.data_dir);
    let stand = (o.stand)();
    let opgeslagen = controleer(o.naam, &stand, records, &sleutel, &v);

    // 3. Restart on the same database: same login, an acknowledged jeugdige
    // readable (after a hulpvraag gives the zorgcoördinator a relation), and
    // a new write taken.
    let mut server = Server::start(&argumenten(&o.herstart), log("2"));
    let sessie = log_in(&server.adres, ZORGCOORDINATOR, &wachtwoord);
    let bsn = v
        .bevestigd
        .iter()
        .next_back()
        .expect("an acknowledged write")
        .clone();
    let id = stand.jeugdigen[&bsn];
    let r = sessie
        .post(
            "hulpvragen",
            &json!({"jeugdige": id, "omschrijving": "na de crash"}),
        )
        .expect("hulpvraag");
    assert_eq!(r.status().as_u16(), 201, "hulpvraag after the restart");
    let r = sessie
        .client
        .get(format!("{}/api/v1/jeugdigen/{id}", server.adres))
        .send()
        .expect("read");
    assert_eq!(r.status().as_u16(), 200, "read after the restart");
    assert_eq!(r.json::<Value>().expect("json")["bsn"], bsn.as_str());
    let nieuw = bsns
        .iter()
        .rev()
        .find(|b| {
            !stand.jeugdigen.contains_key(*b)
                && !v.onbeantwoord.contains(*b)
                && !v.niet_verstuurd.contains(*b)
        })
        .expect("a free BSN")
        .clone();
    let r = sessie
        .post(
            "jeugdigen",
            &jeugdige(huishouden, sessie.organisatie, &nieuw, 0),
        )
        .expect("write after the restart");
    assert_eq!(r.status().as_u16(), 201, "write after the restart");
    v.bevestigd.insert(nieuw);

    // 4. A second kill; everything still holds.
    server.dood();
    drop(server);
    let records = audit_verify(&o.database_url, o.data_dir);
    let stand = (o.stand)();
    let na_herstart = controleer(o.naam, &stand, records, &sleutel, &v);
    assert_eq!(na_herstart, opgeslagen + 1, "the restart's one write");
}

#[test]
fn sqlite_houdt_bevestigde_schrijfacties_na_sigkill() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    let db = data_dir.join("demo.db");
    let url = format!("sqlite://{}", db.display());
    let dir = data_dir.to_str().expect("path").to_string();
    let stand = || sqlite_stand(&db);
    crash_run(&Opzet {
        naam: "sqlite",
        eerste_start: vec!["--demo".into(), "--data-dir".into(), dir.clone()],
        // Without --demo, which would start from a fresh demo.db.
        herstart: vec![
            "--database-url".into(),
            url.clone(),
            "--data-dir".into(),
            dir,
        ],
        database_url: url,
        data_dir: &data_dir,
        logs: tmp.path(),
        wachtwoord: None,
        stand: &stand,
    });
}

// --- PostgreSQL ------------------------------------------------------------------------

/// `--demo` refuses a database URL: the one account the test needs, made
/// through the storage crate. Returns its password.
fn pg_vul(url: &str) -> String {
    let wachtwoord = format!("crash-{}", std::process::id());
    let hash = schakel_http::auth::hash_wachtwoord(&wachtwoord).expect("hash");
    runtime().block_on(async {
        let opslag = schakel_storage_postgres::PgOpslag::connect_met(url, 2)
            .await
            .expect("connect and migrate");
        let regio = opslag
            .maak_regio(&NieuweRegio {
                code: "almere".into(),
                naam: "Almere".into(),
            })
            .await
            .expect("regio");
        let school = opslag
            .maak_organisatie(&NieuweOrganisatie {
                regio: regio.id,
                naam: "SBO De Watertuin".into(),
                soort: OrganisatieSoort::School,
                gemeente: None,
                brin: Some(Brin::parse("99WA00").expect("brin")),
                agb: None,
            })
            .await
            .expect("school");
        opslag
            .maak_medewerker(&NieuweMedewerker {
                naam: "Zorgcoördinator Watertuin".into(),
                email: ZORGCOORDINATOR.into(),
                wachtwoord_hash: hash,
                demo: true,
                rollen: vec![Roltoewijzing {
                    rol: Rol::Zorgcoordinator,
                    organisatie: school.id,
                }],
            })
            .await
            .expect("medewerker");
        opslag.sluit().await;
    });
    wachtwoord
}

fn pg_stand(url: &str) -> Stand {
    use sqlx::{Connection, Row};
    runtime().block_on(async {
        let mut c = sqlx::PgConnection::connect(url).await.expect("connect");
        // PostgreSQL checks references itself; this only makes sure.
        let wees: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM jeugdige j \
             LEFT JOIN huishouden h ON h.id = j.huishouden \
             LEFT JOIN organisatie o ON o.id = j.school \
             WHERE h.id IS NULL OR (j.school IS NOT NULL AND o.id IS NULL)",
        )
        .fetch_one(&mut c)
        .await
        .expect("orphans");
        assert_eq!(wees, 0, "jeugdigen referring to nothing");
        let jeugdigen = sqlx::query("SELECT bsn, id FROM jeugdige")
            .fetch_all(&mut c)
            .await
            .expect("jeugdigen")
            .iter()
            .map(|r| (r.get::<String, _>(0), r.get::<i64, _>(1)))
            .collect();
        let (aanmaken, audit_records) =
            aanmaken_en_aantal(&audit_records::<sqlx::Postgres>(&mut c).await);
        c.close().await.ok();
        Stand {
            jeugdigen,
            aanmaken,
            audit_records,
        }
    })
}

/// A fresh database with the zorgcoördinator's account, and a data
/// directory; `None` (skipped) without a PostgreSQL server.
struct PgOpzet {
    db: PgDb,
    wachtwoord: String,
    tmp: tempfile::TempDir,
    data_dir: PathBuf,
    /// `data_dir` as an argument.
    dir: String,
}

fn pg_opzet() -> Option<PgOpzet> {
    let db = PgDb::nieuw(pg_basis_url()?);
    let wachtwoord = pg_vul(&db.url);
    let tmp = tempfile::tempdir().expect("tempdir");
    let data_dir = tmp.path().join("data");
    std::fs::create_dir_all(&data_dir).expect("data dir");
    let dir = data_dir.to_str().expect("path").to_string();
    Some(PgOpzet {
        db,
        wachtwoord,
        tmp,
        data_dir,
        dir,
    })
}

#[test]
fn postgres_houdt_bevestigde_schrijfacties_na_sigkill() {
    let Some(PgOpzet {
        db,
        wachtwoord,
        tmp,
        data_dir,
        dir,
    }) = pg_opzet()
    else {
        return;
    };
    let args = vec![
        "--database-url".to_string(),
        db.url.clone(),
        "--data-dir".into(),
        dir,
    ];
    let url = db.url.clone();
    let stand = || pg_stand(&url);
    crash_run(&Opzet {
        naam: "postgres",
        eerste_start: args.clone(),
        herstart: args,
        database_url: db.url.clone(),
        data_dir: &data_dir,
        logs: tmp.path(),
        wachtwoord: Some(wachtwoord),
        stand: &stand,
    });
}

// --- two instances on one PostgreSQL (issue 15.5) ------------------------------------------

/// A reader per instance: the case list again and again (each answer
/// logged through that instance's sequencer) until the kill. Returns how
/// many were answered 200 and how many were in flight at the kill.
fn start_lezer(
    sessie: &Sessie,
    gedood: Arc<AtomicBool>,
) -> std::thread::JoinHandle<(usize, usize)> {
    let client = sessie.client.clone();
    let url = format!("{}/api/v1/jeugdigen", sessie.adres);
    std::thread::spawn(move || {
        let mut gelezen = 0;
        for _ in 0..MAX_POGINGEN_PER_SCHRIJVER {
            match client.get(&url).send() {
                Ok(r) if r.status().as_u16() == 200 => gelezen += 1,
                Ok(r) => panic!("case list: {}", r.status()),
                Err(e) => {
                    assert!(gedood.load(Ordering::SeqCst), "before the kill: {e}");
                    return (gelezen, usize::from(!e.is_connect()));
                }
            }
        }
        (gelezen, 0)
    })
}

/// `audit verify` on the shared data directory (key and checkpoint file):
/// (records, signed up to).
fn verify_met_checkpoints(url: &str, data_dir: &Path) -> (i64, i64) {
    let (code, v, stderr) = draai(&[
        "audit",
        "verify",
        "--database-url",
        url,
        "--data-dir",
        data_dir.to_str().expect("path"),
    ]);
    assert_eq!(code, 0, "audit verify failed: {stderr}");
    (
        v["records"].as_i64().expect("records"),
        v["ondertekend_tot"].as_i64().expect("signed up to"),
    )
}

/// Two `serve` processes on one PostgreSQL database, with one data
/// directory (one signing key, one checkpoint file), each with its own
/// writers and a reader, killed one after the other: no acknowledged write
/// or read record is lost, the chain is one, every checkpoint either wrote
/// (database and file) verifies, and after a restart the new checkpoint
/// covers the whole log.
#[test]
fn postgres_twee_instanties_houden_bevestigde_schrijfacties_na_sigkill() {
    let Some(PgOpzet {
        db,
        wachtwoord,
        tmp,
        data_dir,
        dir,
    }) = pg_opzet()
    else {
        return;
    };
    let args = [
        "--database-url",
        db.url.as_str(),
        "--data-dir",
        dir.as_str(),
        "--audit-checkpoint-interval",
        "1",
    ];
    let mut servers = [
        Server::start(&args, tmp.path().join("serve-a.log")),
        Server::start(&args, tmp.path().join("serve-b.log")),
    ];
    let sessies: Vec<Sessie> = servers
        .iter()
        .map(|s| log_in(&s.adres, ZORGCOORDINATOR, &wachtwoord))
        .collect();
    // One household with a first pupil and its hulpvraag, through the first.
    let mut bsns = test_bsns(&BTreeSet::new());
    let eerste = bsns.pop().expect("a free test BSN");
    let huishouden = sessies[0].maak_huishouden();
    let r = sessies[0]
        .post(
            "jeugdigen",
            &jeugdige(huishouden, sessies[0].organisatie, &eerste, 0),
        )
        .expect("first pupil");
    assert_eq!(r.status().as_u16(), 201, "first pupil");
    let eerste_id = r.json::<Value>().expect("json")["id"].as_i64().expect("id");
    let r = sessies[0]
        .post(
            "hulpvragen",
            &json!({"jeugdige": eerste_id, "omschrijving": "twee"}),
        )
        .expect("hulpvraag");
    assert_eq!(r.status().as_u16(), 201);
    // Each instance its own BSNs.
    let (even, oneven): (Vec<(usize, String)>, Vec<_>) =
        bsns.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let helften = [even, oneven].map(|h| Arc::new(h.into_iter().map(|(_, b)| b).collect()));
    let mut v = Verwachting {
        bevestigd: [eerste].into(),
        onbeantwoord: BTreeSet::new(),
        niet_verstuurd: BTreeSet::new(),
        demo: BTreeSet::new(),
    };
    let mut lezingen = (0, 0);
    for ((server, sessie), bsns) in servers.iter_mut().zip(&sessies).zip(helften) {
        let schrijvers = start_schrijvers(sessie, huishouden, bsns);
        let lezer = start_lezer(sessie, schrijvers.gedood.clone());
        let uitslag = dood_onder_schrijvers("postgres, twee instanties", server, schrijvers);
        let (gelezen, onderweg) = lezer.join().expect("reader");
        lezingen = (lezingen.0 + gelezen, lezingen.1 + onderweg);
        v.bevestigd.extend(uitslag.bevestigd);
        v.onbeantwoord.extend(uitslag.onbeantwoord);
        v.niet_verstuurd.extend(uitslag.niet_verstuurd);
    }
    drop(servers);
    let (records, _) = verify_met_checkpoints(&db.url, &data_dir);
    let stand = pg_stand(&db.url);
    controleer(
        "postgres, twee instanties",
        &stand,
        records,
        &sleutel(&data_dir),
        &v,
    );
    // The reader sees the one pupil with a hulpvraag: one record per list.
    let lijst = runtime().block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(&db.url).await.expect("connect");
        audit_records::<sqlx::Postgres>(&mut c)
            .await
            .iter()
            .filter(|(gebeurtenis, _, _)| gebeurtenis == "jeugdige.lijst")
            .count()
    });
    assert!(lezingen.0 >= 10, "the readers read: {lezingen:?}");
    assert!(
        (lezingen.0..=lezingen.0 + lezingen.1).contains(&lijst),
        "{lijst} list records for {} acknowledged reads (+{} in flight)",
        lezingen.0,
        lezingen.1
    );
    // A restarted instance signs the whole log; every checkpoint verifies.
    let mut server = Server::start(&args, tmp.path().join("serve-c.log"));
    let einde = Instant::now() + GEDULD;
    while verify_met_checkpoints(&db.url, &data_dir) != (records, records) {
        assert!(Instant::now() < einde, "no checkpoint after the restart");
        std::thread::sleep(Duration::from_millis(200));
    }
    server.dood();
}
