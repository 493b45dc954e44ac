//! Several instances on one database cannot disagree on their rules (issue
//! 15.3), through the real binary: the first `serve` records its rule and
//! calendar fingerprints; a second one on the same PostgreSQL database with
//! other files refuses to start, naming the region and both fingerprints;
//! `schakel regels publiceer` rolls the new files out, after which the
//! first reports "verouderd" in its health and the second starts. On SQLite
//! (one instance) a start with changed files simply records them.

mod gedeeld;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use gedeeld::{PgDb, pg_basis_url};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn schakel(data: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("schakel"));
    c.arg("--data")
        .arg(data)
        .env_remove("SCHAKEL_DATA")
        .env_remove("SCHAKEL_DATA_DIR")
        .env_remove("SCHAKEL_DATABASE_URL")
        .env_remove("SCHAKEL_PSEUDONIEM_SLEUTEL");
    c
}

/// A copy of the repository's rules and calendar whose Almere normenkader
/// differs by one comment line: another fingerprint, the same decisions.
fn gewijzigde_data(tmp: &Path) -> PathBuf {
    let doel = tmp.join("nieuwe-data");
    kopieer(&repo().join("data"), &doel);
    let map = doel.join("regio/almere/normenkader");
    let bestand = std::fs::read_dir(&map)
        .expect("normenkader")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "toml"))
        .expect("a version file");
    let mut tekst = std::fs::read_to_string(&bestand).expect("read");
    tekst.push_str("\n# nieuwe versie voor de test\n");
    std::fs::write(&bestand, tekst).expect("write");
    doel
}

fn kopieer(van: &Path, naar: &Path) {
    std::fs::create_dir_all(naar).expect("mkdir");
    for e in std::fs::read_dir(van).expect("read_dir") {
        let e = e.expect("entry");
        let doel = naar.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            kopieer(&e.path(), &doel);
        } else {
            std::fs::copy(e.path(), doel).expect("copy");
        }
    }
}

/// A running `schakel serve`; killed when dropped.
struct Server {
    kind: Child,
    adres: String,
    stderr: tempfile::NamedTempFile,
}

impl Server {
    fn log(&self) -> String {
        std::fs::read_to_string(self.stderr.path()).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.kind.kill();
        let _ = self.kind.wait();
    }
}

/// Starts `schakel serve` and returns it once it listens, or its exit code
/// and stderr when it stops before that.
fn start(data: &Path, opslag: &[&str]) -> Result<Server, (i32, String)> {
    let stderr = tempfile::NamedTempFile::new().expect("stderr file");
    let mut kind = schakel(data)
        .arg("serve")
        .args(opslag)
        .args(["--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(stderr.reopen().expect("reopen"))
        .spawn()
        .expect("start schakel serve");
    let stdout = kind.stdout.take().expect("stdout");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for regel in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(regel);
        }
    });
    let einde = Instant::now() + Duration::from_secs(60);
    while Instant::now() < einde {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(regel) => {
                if let Some(rest) = regel.strip_prefix("Schakel luistert op ") {
                    let adres = rest.split_whitespace().next().expect("address").to_string();
                    return Ok(Server {
                        kind,
                        adres,
                        stderr,
                    });
                }
            }
            Err(_) => {
                if let Some(status) = kind.try_wait().expect("try_wait") {
                    let tekst = std::fs::read_to_string(stderr.path()).unwrap_or_default();
                    return Err((status.code().unwrap_or(-1), tekst));
                }
            }
        }
    }
    let _ = kind.kill();
    let _ = kind.wait();
    panic!("schakel serve neither listened nor stopped within a minute");
}

fn gezondheid(s: &Server) -> Value {
    reqwest::blocking::get(format!("{}/api/v1/gezondheid", s.adres))
        .expect("health")
        .json()
        .expect("json")
}

/// Almere's entry in a health answer.
fn almere(g: &Value) -> Value {
    g["regios"]
        .as_array()
        .expect("regios")
        .iter()
        .find(|r| r["regio"] == "almere")
        .cloned()
        .expect("almere")
}

fn publiceer(data: &Path, opslag: &[&str]) -> Value {
    let uit = schakel(data)
        .args(["regels", "publiceer"])
        .args(opslag)
        .output()
        .expect("run publiceer");
    assert!(
        uit.status.success(),
        "publiceer: {}",
        String::from_utf8_lossy(&uit.stderr)
    );
    serde_json::from_slice(&uit.stdout).expect("json")
}

fn wacht_op<F: Fn() -> bool>(wat: &str, f: F) {
    let einde = Instant::now() + Duration::from_secs(20);
    while !f() {
        assert!(Instant::now() < einde, "waited 20 s for {wat}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn postgres_tweede_instantie_met_andere_regels_start_niet() {
    let Some(basis) = pg_basis_url() else {
        return;
    };
    let db = PgDb::nieuw(basis);
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("d").to_str().expect("path").to_string();
    let opslag = [
        "--database-url",
        db.url.as_str(),
        "--data-dir",
        dir.as_str(),
    ];
    let oud = repo().join("data");
    let nieuw = gewijzigde_data(tmp.path());

    let eerste = start(&oud, &opslag).expect("the first instance starts");
    let g = gezondheid(&eerste);
    assert_eq!(g["status"], "ok");
    let a = almere(&g);
    let oude_vinger = a["vingerafdruk"].as_str().expect("fingerprint").to_string();
    assert_eq!(a["vastgelegd"]["vingerafdruk"], oude_vinger.as_str());
    // The same files on a second instance: it starts.
    let tweede = start(&oud, &opslag).expect("the same files start");
    drop(tweede);

    let (code, stderr) = match start(&nieuw, &opslag) {
        Ok(_) => panic!("an instance with other rules started"),
        Err(e) => e,
    };
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("regio almere: deze instantie "), "{stderr}");
    assert!(
        stderr.contains(&format!("de database {oude_vinger}")),
        "{stderr}"
    );
    assert!(stderr.contains("schakel regels publiceer"), "{stderr}");
    let nieuwe_vinger = stderr
        .split("regio almere: deze instantie ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .expect("its fingerprint")
        .to_string();
    assert_eq!(nieuwe_vinger.len(), 64, "{stderr}");
    assert_ne!(nieuwe_vinger, oude_vinger);
    assert!(
        !stderr.contains("regio zeewolde"),
        "only the region that differs: {stderr}"
    );

    let uit = publiceer(&nieuw, &opslag);
    let gepubliceerd = uit["gepubliceerd"].as_array().expect("list");
    assert!(
        gepubliceerd
            .iter()
            .any(|v| v["regio"] == "almere" && v["vingerafdruk"] == nieuwe_vinger.as_str()),
        "{uit}"
    );
    // The running instance hears of it (NOTIFY) and says so in its log …
    wacht_op("the first instance's warning", || {
        eerste
            .log()
            .contains("deze instantie is verouderd (regio almere")
    });
    // … and in its health, which reads what is recorded.
    let g = gezondheid(&eerste);
    assert_eq!(g["status"], "verouderd", "{g}");
    let a = almere(&g);
    assert_eq!(a["vingerafdruk"], oude_vinger.as_str());
    assert_eq!(a["vastgelegd"]["vingerafdruk"], nieuwe_vinger.as_str());
    // Now the new files start, and the old ones do not.
    let derde = start(&nieuw, &opslag).expect("the published files start");
    assert_eq!(gezondheid(&derde)["status"], "ok");
    assert!(
        start(&oud, &opslag).is_err(),
        "the old files no longer start"
    );
    drop(eerste);

    // The publication is in the audit log, and the log verifies.
    let audit = |opdracht: &str| {
        let uit = schakel(&nieuw)
            .args(["audit", opdracht])
            .args(opslag)
            .output()
            .expect(opdracht);
        let fout = String::from_utf8_lossy(&uit.stderr);
        assert!(uit.status.success(), "audit {opdracht}: {fout}");
        uit
    };
    audit("verify");
    let uit = audit("export");
    let gebeurtenissen: Vec<String> = String::from_utf8_lossy(&uit.stdout)
        .lines()
        .map(|r| serde_json::from_str::<Value>(r).expect("a JSON line"))
        .filter(|r| r["object_type"] == "regelversie")
        .map(|r| r["gebeurtenis"].as_str().expect("gebeurtenis").to_string())
        .collect();
    assert_eq!(gebeurtenissen, ["regels.vastleggen", "regels.publiceren"]);
}

#[test]
fn sqlite_een_instantie_legt_gewijzigde_regels_zelf_vast() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("d").to_str().expect("path").to_string();
    let opslag = ["--data-dir", dir.as_str()];
    let nieuw = gewijzigde_data(tmp.path());
    let eerste = start(&repo().join("data"), &opslag).expect("starts");
    let oude_vinger = almere(&gezondheid(&eerste))["vingerafdruk"].clone();
    drop(eerste);
    let tweede = start(&nieuw, &opslag).expect("changed files start on SQLite");
    let g = gezondheid(&tweede);
    assert_eq!(g["status"], "ok");
    let a = almere(&g);
    assert_ne!(a["vingerafdruk"], oude_vinger);
    assert_eq!(a["vastgelegd"]["vingerafdruk"], a["vingerafdruk"]);
}
