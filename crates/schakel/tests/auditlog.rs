//! The audit log against someone who can write the database (issue 15.5),
//! through the real binary on SQLite and on PostgreSQL: records appended by
//! the sequencer, two signed checkpoints (`schakel audit checkpoint`, what
//! `serve` does at its interval) and an unsigned tail; then each kind of
//! tampering, on a fresh copy, and what `schakel audit verify` says:
//!
//! - a changed record, a removed record: the chain names it;
//! - a truncated tail with the head moved back: the checkpoints cover more
//!   records than are left (the file's too, when the database's are gone);
//! - a rewritten log with every hash recomputed (the chain is whole again):
//!   only the signed roots catch it, from the database or from the file;
//! - an edited checkpoint file: its signature, or its form;
//! - checkpoints without the key to check them: refused, naming the option;
//! - and what `audit verify --vanaf-checkpoint` (the daily check) sees and
//!   does not see.
//!
//! Also: a database made before checkpoints existed verifies after the
//! migration and is signed whole by its first checkpoint; an `audit
//! inzage` export is checked without the database (`audit verify-inzage`).

use std::path::{Path, PathBuf};
use std::process::Command;

use schakel_domain::Bsn;
use schakel_storage::Opslag;
use schakel_storage::audit::{Actie, NieuwAuditRecord, bereken_hash};
use serde_json::Value;

#[allow(dead_code)]
mod gedeeld;
use gedeeld::{PgDb, pg_basis_url, runtime};

const TEST_BSN: &str = "999900006";

fn schakel() -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin!("schakel"));
    for v in [
        "SCHAKEL_DATA_DIR",
        "SCHAKEL_DATABASE_URL",
        "SCHAKEL_PSEUDONIEM_SLEUTEL",
        "SCHAKEL_AUDIT_SLEUTEL",
        "SCHAKEL_AUDIT_CHECKPOINTS",
    ] {
        c.env_remove(v);
    }
    c
}

/// One engine's database for one test, with its data directory (key and
/// checkpoint file).
struct Db {
    map: tempfile::TempDir,
    pg: Option<PgDb>,
}

impl Db {
    fn sqlite() -> Self {
        Self {
            map: tempfile::tempdir().expect("tempdir"),
            pg: None,
        }
    }

    fn postgres(basis: &str) -> Self {
        Self {
            map: tempfile::tempdir().expect("tempdir"),
            pg: Some(PgDb::nieuw(basis.to_string())),
        }
    }

    fn data_dir(&self) -> PathBuf {
        self.map.path().join("data")
    }

    fn url(&self) -> String {
        match &self.pg {
            Some(pg) => pg.url.clone(),
            None => format!("sqlite://{}", self.data_dir().join("schakel.db").display()),
        }
    }

    /// The store, opened in the runtime that will use it (a pool belongs
    /// to its runtime).
    async fn opslag(&self) -> std::sync::Arc<dyn Opslag> {
        {
            match &self.pg {
                Some(pg) => std::sync::Arc::new(
                    schakel_storage_postgres::PgOpslag::connect_met(&pg.url, 2)
                        .await
                        .expect("connect"),
                ) as std::sync::Arc<dyn Opslag>,
                None => {
                    std::fs::create_dir_all(self.data_dir()).expect("data dir");
                    std::sync::Arc::new(
                        schakel_storage_sqlite::SqliteOpslag::open(
                            &self.data_dir().join("schakel.db"),
                        )
                        .await
                        .expect("open"),
                    )
                }
            }
        }
    }

    /// Runs statements as someone with write access to the database: the
    /// append-only triggers out of the way first.
    fn knoei(&self, sql: &[String]) {
        use sqlx::Connection;
        runtime().block_on(async {
            match &self.pg {
                Some(pg) => {
                    let mut c = sqlx::PgConnection::connect(&pg.url).await.expect("connect");
                    for s in [
                        "ALTER TABLE audit DISABLE TRIGGER USER",
                        "ALTER TABLE audit_checkpoint DISABLE TRIGGER USER",
                    ] {
                        sqlx::query(s).execute(&mut c).await.expect(s);
                    }
                    for s in sql {
                        sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                            .execute(&mut c)
                            .await
                            .expect("tamper");
                    }
                }
                None => {
                    // The log is in the audit file beside the database.
                    let mut c = self.auditbestand().await;
                    for s in [
                        "DROP TRIGGER IF EXISTS audit_niet_wijzigen",
                        "DROP TRIGGER IF EXISTS audit_niet_verwijderen",
                        "DROP TRIGGER IF EXISTS audit_checkpoint_niet_wijzigen",
                        "DROP TRIGGER IF EXISTS audit_checkpoint_niet_verwijderen",
                    ] {
                        sqlx::query(s).execute(&mut c).await.expect(s);
                    }
                    for s in sql {
                        sqlx::query(sqlx::AssertSqlSafe(s.clone()))
                            .execute(&mut c)
                            .await
                            .expect("tamper");
                    }
                }
            }
        });
    }

    /// `schakel audit ARGS` on this database: exit code, JSON, stderr.
    fn audit(&self, args: &[&str]) -> (i32, Value, String) {
        let (code, stdout, stderr) = self.audit_tekst(args);
        (
            code,
            serde_json::from_str(&stdout).unwrap_or(Value::Null),
            stderr,
        )
    }

    /// `schakel audit ARGS` on this database: exit code, stdout, stderr.
    fn audit_tekst(&self, args: &[&str]) -> (i32, String, String) {
        let uit = schakel()
            .arg("audit")
            .args(args)
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--database-url")
            .arg(self.url())
            .output()
            .expect("run");
        (
            uit.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&uit.stdout).to_string(),
            String::from_utf8_lossy(&uit.stderr).to_string(),
        )
    }

    /// A connection to SQLite's audit file beside the database.
    async fn auditbestand(&self) -> sqlx::SqliteConnection {
        use sqlx::Connection;
        let bestand = schakel_storage_sqlite::auditbestand(&self.data_dir().join("schakel.db"));
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", bestand.display()))
            .await
            .expect("connect")
    }

    /// The batches the log holds (rows of `audit_pak`).
    fn batches(&self) -> i64 {
        use sqlx::Connection;
        let sql = "SELECT count(*) FROM audit_pak";
        runtime().block_on(async {
            match &self.pg {
                Some(pg) => {
                    let mut c = sqlx::PgConnection::connect(&pg.url).await.expect("connect");
                    sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql)
                }
                None => {
                    let mut c = self.auditbestand().await;
                    sqlx::query_scalar(sql).fetch_one(&mut c).await.expect(sql)
                }
            }
        })
    }

    fn checkpoints_bestand(&self) -> PathBuf {
        self.data_dir().join("audit-checkpoints.log")
    }
}

fn pseudoniem_sleutel() -> Vec<u8> {
    vec![7; 32]
}

/// `n` records, every other one about the test BSN.
fn records(van: usize, n: usize) -> Vec<NieuwAuditRecord> {
    let pseudoniem = Bsn::parse(TEST_BSN)
        .expect("bsn")
        .pseudoniem(&pseudoniem_sleutel());
    (van..van + n)
        .map(|i| {
            let mut r = NieuwAuditRecord::door_systeem(
                &format!("test.lezen.{i}"),
                Actie::Lezen,
                "jeugdige",
                "test",
                "api 127.0.0.1",
                "schakel-test",
            );
            if i % 2 == 0 {
                r.client_type = Some("bsn-pseudoniem".into());
                r.client = Some(pseudoniem.clone());
            }
            r
        })
        .collect()
}

/// `n` records through the sequencer of a store opened for them.
fn schrijf(db: &Db, van: usize, n: usize) {
    runtime().block_on(async {
        let opslag = db.opslag().await;
        opslag
            .schrijf_audits(records(van, n))
            .await
            .expect("schrijf_audits");
    });
}

/// 45 records: checkpoints at 30 and 40, records 41..=45 not yet signed.
fn opzet(db: &Db) {
    std::fs::create_dir_all(db.data_dir()).expect("data dir");
    std::fs::write(
        db.data_dir().join("pseudoniem.sleutel"),
        hex::encode(pseudoniem_sleutel()),
    )
    .expect("pseudonym key");
    for i in 0..3 {
        schrijf(db, i * 10, 10);
    }
    let (code, v, stderr) = db.audit(&["checkpoint"]);
    assert_eq!((code, &v["checkpoint"]), (0, &Value::from(30)), "{stderr}");
    schrijf(db, 30, 10);
    let (code, v, stderr) = db.audit(&["checkpoint"]);
    assert_eq!((code, &v["checkpoint"]), (0, &Value::from(40)), "{stderr}");
    let (code, v, _) = db.audit(&["checkpoint"]);
    assert_eq!((code, &v["checkpoint"]), (0, &Value::Null), "nothing new");
    schrijf(db, 40, 5);
    let (code, v, stderr) = db.audit(&["verify"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["in_orde"], true);
    assert_eq!(v["records"], 45);
    assert_eq!(v["checkpoints"]["database"], 2);
    assert_eq!(v["checkpoints"]["bestand"], 2);
    assert_eq!(v["ondertekend_tot"], 40);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let modus = std::fs::metadata(db.data_dir().join("audit.sleutel"))
            .expect("key made on first use")
            .permissions()
            .mode();
        assert_eq!(modus & 0o777, 0o600, "the key is the owner's only");
    }
}

fn verify_faalt(db: &Db, verwacht: &str) {
    let (code, v, stderr) = db.audit(&["verify"]);
    assert_eq!(code, 1, "verify must fail ({verwacht}): {v} {stderr}");
    assert!(
        stderr.contains(verwacht),
        "expected «{verwacht}», got: {stderr}"
    );
}

/// Every record from 12 on rewritten with `grond` changed and each hash
/// recomputed, and the head moved along: a chain that verifies.
fn herschrijf(db: &Db) {
    let records = runtime()
        .block_on(async { db.opslag().await.audit_records(1, 1000).await })
        .expect("records");
    let mut vorige = records[10].hash.clone();
    let mut sql = Vec::new();
    for r in &records[11..] {
        let mut nieuw = r.record.clone();
        if r.volgnummer == 12 {
            nieuw.grond = Some("vervalst".into());
        }
        let hash = bereken_hash(r.volgnummer, &vorige, &nieuw);
        sql.push(format!(
            "UPDATE audit SET grond = '{}', vorige_hash = '{vorige}', hash = '{hash}' WHERE volgnummer = {}",
            nieuw.grond.as_deref().unwrap_or_default(),
            r.volgnummer
        ));
        vorige = hash;
    }
    sql.push(format!(
        "UPDATE audit_kop SET hash = '{vorige}' WHERE id = 1"
    ));
    db.knoei(&sql);
}

fn manipulatie_valt_op(nieuwe_db: &dyn Fn() -> Db) {
    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&["UPDATE audit SET grond = 'vervalst' WHERE volgnummer = 12".into()]);
    verify_faalt(&db, "record 12: inhoud gewijzigd");

    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&["DELETE FROM audit WHERE volgnummer = 12".into()]);
    verify_faalt(&db, "record 12 ontbreekt");
    // An inzage cannot prove its records in a tree that lacks a leaf.
    let (code, _, stderr) = db.audit(&["inzage", "--bsn", TEST_BSN]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("er ontbreken records onder checkpoint 40"),
        "{stderr}"
    );

    // The tail cut off and the head moved back: the chain alone is whole.
    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&[
        "DELETE FROM audit WHERE volgnummer > 35".into(),
        "UPDATE audit_kop SET volgnummer = 35, hash = (SELECT hash FROM audit WHERE volgnummer = 35) WHERE id = 1".into(),
    ]);
    verify_faalt(
        &db,
        "checkpoint 40 (database) dekt 40 records, het log heeft er 35",
    );
    db.knoei(&["DELETE FROM audit_checkpoint WHERE grootte > 35".into()]);
    verify_faalt(
        &db,
        "checkpoint 40 (bestand) dekt 40 records, het log heeft er 35",
    );

    // Rewritten with recomputed hashes: only the signatures catch it.
    let db = nieuwe_db();
    opzet(&db);
    herschrijf(&db);
    verify_faalt(
        &db,
        "checkpoint 30 (database): de records kloppen niet met de ondertekende boom",
    );
    db.knoei(&["DELETE FROM audit_checkpoint".into()]);
    verify_faalt(
        &db,
        "checkpoint 30 (bestand): de records kloppen niet met de ondertekende boom",
    );
    // Without the file, the rewritten log would pass: the file is the point.
    std::fs::remove_file(db.checkpoints_bestand()).expect("remove file");
    let (code, _, stderr) = db.audit(&["verify"]);
    assert_eq!(code, 0, "no checkpoint left to compare with: {stderr}");

    // The checkpoint file edited: a size changed, then a line garbled.
    let db = nieuwe_db();
    opzet(&db);
    let tekst = std::fs::read_to_string(db.checkpoints_bestand()).expect("file");
    std::fs::write(
        db.checkpoints_bestand(),
        tekst.replacen("\"grootte\":30", "\"grootte\":31", 1),
    )
    .expect("edit");
    verify_faalt(&db, "checkpoint 31 (bestand): handtekening klopt niet");
    std::fs::write(db.checkpoints_bestand(), format!("{{kapot\n{tekst}")).expect("edit");
    verify_faalt(&db, "regel 1: geen checkpoint");

    // Checkpoints without the key that checks them.
    std::fs::write(db.checkpoints_bestand(), &tekst).expect("restore");
    std::fs::remove_file(db.data_dir().join("audit.sleutel")).expect("remove key");
    verify_faalt(&db, "--audit-sleutel");
}

#[test]
fn manipulatie_valt_op_sqlite() {
    manipulatie_valt_op(&Db::sqlite);
}

#[test]
fn manipulatie_valt_op_postgres() {
    let Some(basis) = pg_basis_url() else {
        return;
    };
    manipulatie_valt_op(&|| Db::postgres(&basis));
}

/// A checkpoint signs the chain as stored: it refuses a gap or a broken
/// link among the records it would sign, but does not rehash content — a
/// record changed before it is signed is signed as it is, and `audit
/// verify` finds it against its own hash.
fn checkpoint_tekent_alleen_een_gesloten_keten(nieuwe_db: &dyn Fn() -> Db) {
    let checkpoint_faalt = |db: &Db, verwacht: &str| {
        let (code, v, stderr) = db.audit(&["checkpoint"]);
        assert_eq!(code, 1, "checkpoint must fail ({verwacht}): {v} {stderr}");
        assert!(
            stderr.contains(verwacht),
            "expected «{verwacht}», got: {stderr}"
        );
    };

    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&["DELETE FROM audit WHERE volgnummer = 42".into()]);
    checkpoint_faalt(&db, "record 42 ontbreekt (volgende gevonden: 43)");

    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&[format!(
        "UPDATE audit SET vorige_hash = '{}' WHERE volgnummer = 43",
        "0".repeat(64)
    )]);
    checkpoint_faalt(&db, "record 43: sluit niet aan op het vorige record");

    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&["UPDATE audit SET grond = 'vervalst' WHERE volgnummer = 44".into()]);
    let (code, v, stderr) = db.audit(&["checkpoint"]);
    assert_eq!((code, &v["checkpoint"]), (0, &Value::from(45)), "{stderr}");
    verify_faalt(&db, "record 44: inhoud gewijzigd");
}

#[test]
fn checkpoint_tekent_alleen_een_gesloten_keten_sqlite() {
    checkpoint_tekent_alleen_een_gesloten_keten(&Db::sqlite);
}

#[test]
fn checkpoint_tekent_alleen_een_gesloten_keten_postgres() {
    let Some(basis) = pg_basis_url() else {
        return;
    };
    checkpoint_tekent_alleen_een_gesloten_keten(&|| Db::postgres(&basis));
}

/// `audit verify --vanaf-checkpoint` (the daily check) reads only the
/// records after the latest checkpoint in the database: it finds what
/// changed there, and — by design — not what changed under it, which the
/// full check finds. A damaged border makes it start from the checkpoint
/// before; a second checkpoint of the same size over another tree (the key
/// signed a fork) is refused before any record is read.
fn verify_vanaf_checkpoint(nieuwe_db: &dyn Fn() -> Db) {
    let dagelijks = |db: &Db| db.audit(&["verify", "--vanaf-checkpoint"]);
    let dagelijks_faalt = |db: &Db, verwacht: &str| {
        let (code, v, stderr) = dagelijks(db);
        assert_eq!(code, 1, "must fail ({verwacht}): {v} {stderr}");
        assert!(
            stderr.contains(verwacht),
            "expected «{verwacht}», got: {stderr}"
        );
    };
    let begin_en_eind = |v: &Value| (v["gecontroleerd_vanaf"].clone(), v["records"].clone());

    let db = nieuwe_db();
    opzet(&db);
    let (code, v, stderr) = dagelijks(&db);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(begin_en_eind(&v), (Value::from(41), Value::from(45)));
    let (_, v, _) = db.audit(&["verify"]);
    assert_eq!(begin_en_eind(&v), (Value::from(1), Value::from(45)));
    db.knoei(&["UPDATE audit SET grond = 'vervalst' WHERE volgnummer = 12".into()]);
    let (code, _, stderr) = dagelijks(&db);
    assert_eq!(code, 0, "record 12 is under the checkpoint: {stderr}");
    verify_faalt(&db, "record 12: inhoud gewijzigd");
    db.knoei(&["UPDATE audit SET grond = 'vervalst' WHERE volgnummer = 43".into()]);
    dagelijks_faalt(&db, "record 43: inhoud gewijzigd");

    // The tail cut back under the checkpoint, the head moved along.
    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&[
        "DELETE FROM audit WHERE volgnummer > 35".into(),
        "UPDATE audit_kop SET volgnummer = 35, hash = (SELECT hash FROM audit WHERE volgnummer = 35) WHERE id = 1".into(),
    ]);
    dagelijks_faalt(&db, "de kop van de keten klopt niet met record 40");

    // Checkpoint 40's border damaged: from checkpoint 30 on, and the
    // file's checkpoint 40 is then checked against the records.
    let db = nieuwe_db();
    opzet(&db);
    db.knoei(&["UPDATE audit_checkpoint SET rand = '[]' WHERE grootte = 40".into()]);
    let (code, v, stderr) = dagelijks(&db);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(begin_en_eind(&v), (Value::from(31), Value::from(45)));

    // The key signed another tree of 40 records (in the file).
    let db = nieuwe_db();
    opzet(&db);
    let zaad: [u8; 32] = hex::decode(
        std::fs::read_to_string(db.data_dir().join("audit.sleutel"))
            .expect("key")
            .trim(),
    )
    .expect("hex")
    .try_into()
    .expect("32 bytes");
    let mut anders = schakel_storage::merkle::Rand::default();
    for i in 0..40u8 {
        anders.voeg_toe(&[i; 32]);
    }
    let vork = schakel_storage::Checkpoint::onderteken(
        &anders,
        &"ab".repeat(32),
        "2026-12-06T23:00:00.000000Z",
        &ed25519_dalek::SigningKey::from_bytes(&zaad),
    );
    let mut bestand = std::fs::OpenOptions::new()
        .append(true)
        .open(db.checkpoints_bestand())
        .expect("file");
    std::io::Write::write_all(&mut bestand, format!("{}\n", vork.regel()).as_bytes())
        .expect("append");
    dagelijks_faalt(
        &db,
        "checkpoint 40 (bestand): verschilt van het checkpoint van dezelfde grootte in de database",
    );
    verify_faalt(
        &db,
        "checkpoint 40 (bestand): de records kloppen niet met de ondertekende boom",
    );
}

#[test]
fn verify_vanaf_checkpoint_sqlite() {
    verify_vanaf_checkpoint(&Db::sqlite);
}

#[test]
fn verify_vanaf_checkpoint_postgres() {
    let Some(basis) = pg_basis_url() else {
        return;
    };
    verify_vanaf_checkpoint(&|| Db::postgres(&basis));
}

/// `audit export` gives every record, rows and compressed batches alike,
/// one JSON object a line in chain order, after logging itself; `--vanaf`
/// continues from a record, and a volgnummer below 1 is refused naming
/// the option.
fn export_geeft_elk_record(db: &Db) {
    opzet(db);
    runtime().block_on(async {
        let opslag = db.opslag().await;
        for van in [45, 55] {
            opslag
                .schrijf_audits(records(van, 10))
                .await
                .expect("schrijf_audits");
        }
    });
    assert_eq!(db.batches(), 1, "the second append of one store is a batch");

    let (code, uit, stderr) = db.audit_tekst(&["export"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "audit export: 66 records vanaf 1\n");
    let regels: Vec<Value> = uit
        .lines()
        .map(|r| serde_json::from_str(r).expect("one JSON object a line"))
        .collect();
    assert_eq!(regels.len(), 66);
    let mut vorige = Value::from(schakel_storage::audit::BEGIN_HASH);
    for (i, r) in regels.iter().enumerate() {
        assert_eq!(r["volgnummer"], i + 1, "in chain order");
        assert_eq!(r["vorige_hash"], vorige, "record {} follows {i}", i + 1);
        vorige = r["hash"].clone();
    }
    assert_eq!(regels[64]["gebeurtenis"], "test.lezen.64", "from the batch");
    assert_eq!(regels[50]["client_type"], "bsn-pseudoniem");
    assert_eq!(
        (
            &regels[65]["gebeurtenis"],
            &regels[65]["grond"],
            &regels[65]["bron"]
        ),
        (
            &Value::from("audit.export"),
            &Value::from("nen_7513_controle"),
            &Value::from("cli")
        ),
        "the export logs itself before it reads"
    );
    assert!(!uit.contains(TEST_BSN), "pseudonyms, never the BSN");

    let (code, uit, stderr) = db.audit_tekst(&["export", "--vanaf", "60"]);
    assert_eq!(code, 0, "{stderr}");
    let volgnummers: Vec<i64> = uit
        .lines()
        .map(|r| {
            serde_json::from_str::<Value>(r).expect("JSON")["volgnummer"]
                .as_i64()
                .expect("n")
        })
        .collect();
    assert_eq!(volgnummers, (60..=67).collect::<Vec<_>>());

    let (code, uit, stderr) = db.audit_tekst(&["export", "--vanaf", "0"]);
    assert_eq!((code, uit.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("--vanaf"), "{stderr}");

    let (code, v, stderr) = db.audit(&["verify"]);
    assert_eq!((code, &v["records"]), (0, &Value::from(67)), "{stderr}");
}

#[test]
fn export_geeft_elk_record_sqlite() {
    export_geeft_elk_record(&Db::sqlite());
}

#[test]
fn export_geeft_elk_record_postgres() {
    let Some(basis) = pg_basis_url() else {
        return;
    };
    export_geeft_elk_record(&Db::postgres(&basis));
}

/// `audit inzage` gives each record an inclusion proof against the latest
/// checkpoint; `audit verify-inzage` checks the export alone, with the
/// public key `audit verify` prints, and refuses a changed record, a
/// changed proof and another key.
#[test]
fn inzage_met_bewijzen_is_los_te_controleren() {
    let db = Db::sqlite();
    opzet(&db);
    let (code, verify, _) = db.audit(&["verify"]);
    assert_eq!(code, 0);
    let publiek = verify["publieke_sleutel"]
        .as_str()
        .expect("public key")
        .to_string();
    let (code, export, stderr) = db.audit(&["inzage", "--bsn", TEST_BSN]);
    assert_eq!(code, 0, "{stderr}");
    let toegang = export["toegang"].as_array().expect("list");
    // Every even record of 0..45 is about the child: 23, of which 20 signed.
    assert_eq!(toegang.len(), 23);
    assert_eq!(export["checkpoint"]["grootte"], 40);
    let met_bewijs = toegang.iter().filter(|r| r["bewijs"].is_array()).count();
    assert_eq!(met_bewijs, 20);

    let bestand = db.map.path().join("inzage.json");
    let controleer = |export: &Value, sleutel: &str| {
        std::fs::write(&bestand, export.to_string()).expect("write export");
        let uit = schakel()
            .args(["audit", "verify-inzage"])
            .arg(&bestand)
            .args(["--publieke-sleutel", sleutel])
            .output()
            .expect("run");
        (
            uit.status.code().unwrap_or(-1),
            serde_json::from_slice::<Value>(&uit.stdout).unwrap_or(Value::Null),
            String::from_utf8_lossy(&uit.stderr).to_string(),
        )
    };
    let (code, v, stderr) = controleer(&export, &publiek);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (&v["in_orde"], &v["bewezen"], &v["niet_ondertekend"]),
        (&Value::from(true), &Value::from(20), &Value::from(3))
    );

    let mut gewijzigd = export.clone();
    gewijzigd["toegang"][1]["grond"] = "vervalst".into();
    let (code, _, stderr) = controleer(&gewijzigd, &publiek);
    assert_eq!(code, 1);
    assert!(stderr.contains("inhoud gewijzigd"), "{stderr}");

    let mut ander_bewijs = export.clone();
    ander_bewijs["toegang"][1]["bewijs"][0] = hex::encode([0u8; 32]).into();
    let (code, _, stderr) = controleer(&ander_bewijs, &publiek);
    assert_eq!(code, 1);
    assert!(stderr.contains("bewijs klopt niet"), "{stderr}");

    let ander = hex::encode(
        ed25519_dalek::SigningKey::from_bytes(&[1; 32])
            .verifying_key()
            .as_bytes(),
    );
    let (code, _, stderr) = controleer(&export, &ander);
    assert_eq!(code, 1);
    assert!(stderr.contains("handtekening klopt niet"), "{stderr}");

    let (code, _, stderr) = controleer(&export, "xyz");
    assert_eq!(code, 2);
    assert!(stderr.contains("--publieke-sleutel"), "{stderr}");
}

/// A database made by the release before checkpoints (migrations up to
/// 0026, records in the same chain) verifies after the migration, and its
/// first checkpoint signs every old record.
#[test]
fn een_database_van_de_vorige_release_verifieert() {
    let db = Db::sqlite();
    std::fs::create_dir_all(db.data_dir()).expect("data dir");
    let pad = db.data_dir().join("schakel.db");
    runtime().block_on(async {
        use sqlx::sqlite::SqliteConnectOptions;
        let pool = sqlx::SqlitePool::connect_with(
            SqliteConnectOptions::new()
                .filename(&pad)
                .create_if_missing(true),
        )
        .await
        .expect("pool");
        schakel_storage_sqlite::MIGRATIES
            .run_to(26, &pool)
            .await
            .expect("migrations up to 0026");
        let mut vorige = schakel_storage::audit::BEGIN_HASH.to_string();
        for n in 1..=12i64 {
            let r = NieuwAuditRecord::door_systeem(
                "import.oud",
                Actie::Uitvoeren,
                "gids",
                "oud",
                "cli",
                "schakel",
            );
            // As the previous release stored it: microseconds, UTC.
            let r = NieuwAuditRecord {
                tijdstip: r.tijdstip_tekst().parse().expect("time"),
                ..r
            };
            let hash = bereken_hash(n, &vorige, &r);
            sqlx::query(
                "INSERT INTO audit (volgnummer, gebeurtenis, actie, tijdstip, object_type, \
                 uitkomst, grond, bron, systeem, vorige_hash, hash) \
                 VALUES (?, ?, 'E', ?, 'gids', 'toegestaan', 'oud', 'cli', 'schakel', ?, ?)",
            )
            .bind(n)
            .bind(&r.gebeurtenis)
            .bind(r.tijdstip_tekst())
            .bind(&vorige)
            .bind(&hash)
            .execute(&pool)
            .await
            .expect("insert");
            vorige = hash;
        }
        sqlx::query("INSERT INTO audit_kop (id, volgnummer, hash) VALUES (1, 12, ?)")
            .bind(&vorige)
            .execute(&pool)
            .await
            .expect("head");
        pool.close().await;
    });
    let (code, v, stderr) = db.audit(&["verify"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        (&v["records"], &v["ondertekend_tot"]),
        (&Value::from(12), &Value::from(0))
    );
    let (code, v, stderr) = db.audit(&["checkpoint"]);
    assert_eq!((code, &v["checkpoint"]), (0, &Value::from(12)), "{stderr}");
    let (code, v, stderr) = db.audit(&["verify"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["ondertekend_tot"], 12);
}

/// `serve` signs at its interval and on shutdown (SIGTERM): the file and
/// the database hold a checkpoint of everything, and verify agrees.
#[cfg(unix)]
#[test]
fn serve_ondertekent_bij_het_stoppen() {
    let db = Db::sqlite();
    opzet(&db);
    let log = db.map.path().join("serve.log");
    let mut kind = schakel()
        .args(["--data"])
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--metrics-listen",
            "127.0.0.1:0",
        ])
        .args(["--audit-checkpoint-interval", "3600"])
        .arg("--data-dir")
        .arg(db.data_dir())
        .arg("--database-url")
        .arg(db.url())
        .stdout(std::fs::File::create(&log).expect("log"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve");
    let begin = std::time::Instant::now();
    while !std::fs::read_to_string(&log)
        .unwrap_or_default()
        .contains("http://")
    {
        assert!(begin.elapsed().as_secs() < 60, "serve did not start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The first tick of the interval comes at once: the unsigned tail,
    // with the record of the rule versions this first start recorded.
    while db.audit(&["verify"]).1["ondertekend_tot"] != 46 {
        assert!(begin.elapsed().as_secs() < 60, "no checkpoint at start");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    schrijf(&db, 45, 3);
    let pid = kind.id().to_string();
    let gestopt = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(gestopt.success());
    let status = kind.wait().expect("wait");
    assert!(status.success(), "serve stops cleanly on SIGTERM: {status}");
    let (code, v, stderr) = db.audit(&["verify"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(v["records"], 49);
    assert_eq!(v["ondertekend_tot"], 49, "signed on shutdown");
    assert_eq!(v["checkpoints"]["bestand"], 4);
}
