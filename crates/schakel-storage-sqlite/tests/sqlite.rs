//! The shared storage suite on SQLite, and what only SQLite has: the file
//! survives closing, a backup opens as a database (restore), and tampering
//! with the audit table directly is detected by the hash chain.

use std::path::Path;
use std::sync::Arc;

use schakel_storage::audit::{Actie, Breuk, Verificatie};
use schakel_storage::testsuite::{self, bsn, record};
use schakel_storage::{Opslag, OpslagFout};
use schakel_storage_sqlite::{SqliteOpslag, met_wal};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};

async fn open(pad: &Path) -> SqliteOpslag {
    SqliteOpslag::open(pad).await.expect("database openen")
}

/// A second, raw connection to the file: what someone with access to the
/// file (not the application) could do.
async fn rauw(pad: &Path) -> SqliteConnection {
    SqliteConnectOptions::new()
        .filename(pad)
        .busy_timeout(std::time::Duration::from_secs(10))
        .connect()
        .await
        .expect("ruwe verbinding")
}

/// A raw connection to the audit file beside the database at `pad`.
async fn rauw_audit(pad: &Path) -> SqliteConnection {
    rauw(&schakel_storage_sqlite::auditbestand(pad)).await
}

/// The records of the batch that starts at `eerste`, each a JSON array.
async fn pak_records(c: &mut SqliteConnection, eerste: i64) -> Vec<serde_json::Value> {
    let pak: schakel_storage::pak::PakInhoud =
        sqlx::query_as("SELECT records, records_lz4 FROM audit_pak WHERE eerste = ?")
            .bind(eerste)
            .fetch_one(&mut *c)
            .await
            .expect("the batch");
    let json = schakel_storage::pak::pak_json(pak).expect("the batch's JSON");
    serde_json::from_str(&json).expect("JSON")
}

/// Someone with the file (its triggers dropped) stores `records` as the
/// batch that starts at `eerste` and ends at `laatste`, as the store
/// writes a batch.
async fn zet_pak(
    c: &mut SqliteConnection,
    eerste: i64,
    laatste: i64,
    records: &[serde_json::Value],
) {
    let json = serde_json::to_string(records).expect("JSON");
    sqlx::query(
        "INSERT OR REPLACE INTO audit_pak (eerste, laatste, records, records_lz4) \
         VALUES (?, ?, '', ?)",
    )
    .bind(eerste)
    .bind(laatste)
    .bind(schakel_storage::pak::pak_lz4(&json))
    .execute(&mut *c)
    .await
    .expect("the batch");
}

/// The chain check as `schakel audit verify` will do it, returning the break.
async fn verifieer(opslag: &dyn Opslag) -> Result<i64, Breuk> {
    let mut v = Verificatie::default();
    let mut vanaf = 1;
    loop {
        let pagina = opslag.audit_records(vanaf, 7).await.expect("audit_records");
        let Some(laatste) = pagina.last() else { break };
        vanaf = laatste.volgnummer + 1;
        for r in &pagina {
            v.controleer(r)?;
        }
    }
    v.sluit_af(opslag.audit_kop().await.expect("audit_kop"))
}

/// Some households, jeugdigen and audit records.
async fn vul(opslag: &dyn Opslag) -> testsuite::Dossiers {
    let w = testsuite::directory(opslag).await;
    let d = testsuite::jeugdigen(opslag, &w).await;
    testsuite::keten_tegelijk(opslag, 10).await;
    d
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn testsuite_op_een_bestand() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let opslag = open(&map.path().join("schakel.db")).await;
    testsuite::alles(&opslag).await;
    testsuite::gelijktijdig(Arc::new(opslag.clone())).await;
    testsuite::batches_tegelijk(Arc::new(opslag.clone()), 200, 20).await;
    opslag
        .integriteitscontrole()
        .await
        .expect("integriteitscontrole");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn testsuite_in_het_geheugen() {
    let opslag = SqliteOpslag::in_memory().await.expect("in_memory");
    testsuite::alles(&opslag).await;
    testsuite::gelijktijdig(Arc::new(opslag)).await;
}

#[tokio::test]
async fn wal_en_schema_op_het_bestand() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("nieuw").join("schakel.db");
    assert!(
        SqliteOpslag::open(&pad).await.is_err(),
        "een ontbrekende map wordt niet stilzwijgend aangemaakt"
    );
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    assert!(pad.exists(), "open maakt het bestand aan");
    let mut c = rauw(&pad).await;
    let modus: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut c)
        .await
        .expect("journal_mode");
    assert_eq!(modus, "wal");
    let migraties: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations")
        .fetch_one(&mut c)
        .await
        .expect("migraties");
    assert_eq!(
        migraties,
        schakel_storage_sqlite::MIGRATIES.iter().count() as i64,
        "every migration ran once"
    );
    assert!(migraties >= 2, "0001_schema and 0002_toegang at least");
    c.close().await.expect("sluiten");
    opslag.sluit().await;
    // Opening again runs no migration twice.
    let opslag = open(&pad).await;
    opslag
        .integriteitscontrole()
        .await
        .expect("integriteitscontrole");
}

/// The SQLite the store is built with keeps one plan per prepared statement
/// whatever is bound (`.cargo/config.toml`): without the guarantee every
/// query with `LIMIT $n` is parsed and planned again on each execution.
#[tokio::test]
async fn de_planner_hangt_niet_af_van_parameters() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    let opties: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
        .fetch_all(&mut rauw(&pad).await)
        .await
        .expect("compile_options");
    assert!(
        opties.iter().any(|o| o == "ENABLE_QPSG"),
        "SQLite built without SQLITE_ENABLE_QPSG: {opties:?}"
    );
    opslag.sluit().await;
}

#[tokio::test]
async fn gegevens_blijven_na_sluiten_en_heropenen() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    let d = vul(&opslag).await;
    let kop = opslag.audit_kop().await.expect("audit_kop");
    opslag.sluit().await;
    drop(opslag);

    let opnieuw = open(&pad).await;
    for j in [&d.j1, &d.j2, &d.j3] {
        assert_eq!(
            opnieuw.jeugdige(j.id).await.expect("jeugdige").as_ref(),
            Some(j),
            "jeugdige {} na heropenen",
            j.id
        );
    }
    assert_eq!(
        opnieuw
            .huishouden(d.h1.id)
            .await
            .expect("huishouden")
            .as_ref(),
        Some(&d.h1)
    );
    assert_eq!(opnieuw.audit_kop().await.expect("audit_kop"), kop);
    assert_eq!(
        verifieer(&opnieuw).await,
        Ok(kop.as_ref().map_or(0, |k| k.0))
    );
    // The chain goes on where it was.
    let r = opnieuw
        .schrijf_audit(&record(
            "test.heropend",
            Actie::Lezen,
            "jeugdige",
            None,
            None,
        ))
        .await
        .expect("schrijf_audit");
    assert_eq!(Some(r.volgnummer), kop.map(|k| k.0 + 1));
    assert!(verifieer(&opnieuw).await.is_ok());
}

#[tokio::test]
async fn backup_terugzetten() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let opslag = open(&map.path().join("schakel.db")).await;
    let d = vul(&opslag).await;
    let kopie = map.path().join("backup.db");
    opslag.backup(&kopie).await.expect("backup");
    assert!(
        matches!(opslag.backup(&kopie).await, Err(OpslagFout::BestaatAl(_))),
        "backup overschrijft niets"
    );
    let resten: Vec<_> = std::fs::read_dir(map.path())
        .expect("map lezen")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".deel"))
        .collect();
    assert!(
        resten.is_empty(),
        "backup laat geen tijdelijk bestand achter"
    );

    // Written after the backup: not in it.
    let later = opslag
        .schrijf_audit(&record(
            "test.na_backup",
            Actie::Lezen,
            "jeugdige",
            None,
            None,
        ))
        .await
        .expect("schrijf_audit");

    // Restore = open the copy as the database.
    let terug = open(&kopie).await;
    terug
        .integriteitscontrole()
        .await
        .expect("integriteitscontrole van de backup");
    for j in [&d.j1, &d.j2, &d.j3] {
        assert_eq!(
            terug.jeugdige(j.id).await.expect("jeugdige").as_ref(),
            Some(j),
            "jeugdige {} in de backup",
            j.id
        );
    }
    assert_eq!(
        terug
            .huishouden(d.h1.id)
            .await
            .expect("huishouden")
            .as_ref(),
        Some(&d.h1),
        "huishouden in de backup"
    );
    let n = verifieer(&terug)
        .await
        .expect("de auditketen van de backup klopt");
    assert_eq!(
        n,
        later.volgnummer - 1,
        "de backup eindigt vóór het latere record"
    );
    assert_eq!(
        terug.audit_kop().await.expect("audit_kop").map(|k| k.0),
        Some(n)
    );
    // The restored database works: the chain continues.
    terug
        .schrijf_audit(&record(
            "test.hersteld",
            Actie::Lezen,
            "jeugdige",
            None,
            None,
        ))
        .await
        .expect("schrijf_audit na terugzetten");
    assert_eq!(verifieer(&terug).await, Ok(n + 1));
}

#[tokio::test]
async fn het_auditlog_weigert_wijzigen_en_verwijderen() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    vul(&opslag).await;
    let mut c = rauw_audit(&pad).await;
    let wijzig = sqlx::query("UPDATE audit SET gebeurtenis = 'vervalst' WHERE volgnummer = 2")
        .execute(&mut c)
        .await;
    assert!(wijzig.is_err(), "een auditrecord wijzigen wordt geweigerd");
    let verwijder = sqlx::query("DELETE FROM audit WHERE volgnummer = 2")
        .execute(&mut c)
        .await;
    assert!(
        verwijder.is_err(),
        "een auditrecord verwijderen wordt geweigerd"
    );
    assert!(verifieer(&opslag).await.is_ok());
}

/// The sequencer's batches (one row of `audit_pak` each) are guarded as
/// rows are: the application cannot change or remove one, and someone with
/// the file who does is caught by the chain; an inzage finds the records
/// inside them.
#[tokio::test]
async fn een_partij_wordt_bewaakt_als_een_rij() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    vul(&opslag).await;
    let client = bsn(testsuite::TEST_BSNS[5]);
    for _ in 0..3 {
        let partij = [
            record(
                "test.partij",
                Actie::Lezen,
                "jeugdige",
                Some(1),
                Some(&client),
            ),
            record("test.partij", Actie::Lezen, "jeugdige", Some(2), None),
        ];
        opslag
            .schrijf_audits(partij.to_vec())
            .await
            .expect("schrijf_audits");
    }
    let n = verifieer(&opslag).await.expect("de keten klopt vooraf");
    let mut c = rauw_audit(&pad).await;
    let (eerste, laatste): (i64, i64) =
        sqlx::query_as("SELECT eerste, laatste FROM audit_pak ORDER BY eerste DESC LIMIT 1")
            .fetch_one(&mut c)
            .await
            .expect("de laatste partij");
    assert_eq!(
        (laatste - eerste, laatste),
        (1, n),
        "two records, the log's last"
    );
    let inzage = opslag
        .audit_voor_client(&client.pseudoniem(testsuite::SLEUTEL))
        .await
        .expect("inzage");
    assert!(inzage.iter().any(|r| r.volgnummer == eerste), "{inzage:?}");
    assert!(inzage.iter().all(|r| r.record.gebeurtenis == "test.partij"));

    for poging in [
        "UPDATE audit_pak SET records = '[]' WHERE eerste = (SELECT max(eerste) FROM audit_pak)",
        "DELETE FROM audit_pak WHERE eerste = (SELECT max(eerste) FROM audit_pak)",
        "UPDATE audit_pak_client SET pak = 1",
        "DELETE FROM audit_pak_client",
    ] {
        assert!(
            sqlx::query(poging).execute(&mut c).await.is_err(),
            "{poging}"
        );
    }
    let (records, lz4): schakel_storage::pak::PakInhoud =
        sqlx::query_as("SELECT records, records_lz4 FROM audit_pak WHERE eerste = ?")
            .bind(eerste)
            .fetch_one(&mut c)
            .await
            .expect("the batch");
    assert!(
        records.is_empty() && lz4.is_some(),
        "the store writes a batch compressed"
    );
    let origineel = pak_records(&mut c, eerste).await;
    // Puts the batch back as it was, but with `wijzig` applied to its
    // records, then runs `sql`.
    let knoei = |wijzig: fn(&mut Vec<serde_json::Value>), sql: &'static str| {
        let (pad, mut records) = (pad.clone(), origineel.clone());
        async move {
            let mut c = rauw_audit(&pad).await;
            for s in [
                "DROP TRIGGER IF EXISTS audit_pak_niet_wijzigen",
                "DROP TRIGGER IF EXISTS audit_pak_niet_verwijderen",
            ] {
                sqlx::query(s).execute(&mut c).await.expect(s);
            }
            wijzig(&mut records);
            zet_pak(&mut c, eerste, laatste, &records).await;
            sqlx::query(sql)
                .bind(eerste)
                .execute(&mut c)
                .await
                .expect(sql);
            c.close().await.expect("sluiten");
        }
    };
    let zo = |_: &mut Vec<serde_json::Value>| {};
    knoei(|r| r[0][1] = "jeugdige.niets".into(), "SELECT ?").await;
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::Gewijzigd { volgnummer: eerste })
    );
    knoei(|r| drop(r.remove(0)), "SELECT ?").await;
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::Ontbreekt {
            verwacht: eerste,
            gevonden: laatste
        })
    );
    knoei(zo, "DELETE FROM audit_pak WHERE eerste = ?").await;
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::StaartOntbreekt {
            kop: n,
            laatste: eerste - 1
        })
    );
    knoei(zo, "SELECT ?").await;
    assert_eq!(
        verifieer(&opslag).await,
        Ok(n),
        "restored, it verifies again"
    );
    // A batch written before compression holds its JSON as text, and reads
    // as before; a compressed batch someone broke is an error, not a panic.
    let tekst = serde_json::to_string(&origineel).expect("JSON");
    for (records, lz4, leesbaar) in [
        ("", Some(vec![0xff_u8, 0xff, 0xff, 0xff, 1]), false),
        ("", Some(vec![9_u8]), false),
        (tekst.as_str(), None, true),
    ] {
        let mut c = rauw_audit(&pad).await;
        sqlx::query("UPDATE audit_pak SET records = ?, records_lz4 = ? WHERE eerste = ?")
            .bind(records)
            .bind(lz4)
            .bind(eerste)
            .execute(&mut c)
            .await
            .expect("als tekst");
        c.close().await.expect("sluiten");
        let gelezen = opslag.audit_records(eerste, 2).await;
        assert_eq!(gelezen.is_ok(), leesbaar, "{records:?} {gelezen:?}");
    }
    assert_eq!(verifieer(&opslag).await, Ok(n), "the batch as text");
}

/// An audit file from before the batches were compressed (its batches as
/// text, the view `audit_alle` over them) is brought up to date when the
/// store opens it: its old batches read as they are, new ones are written
/// compressed, and the chain verifies across both.
#[tokio::test]
async fn een_auditbestand_van_voor_de_compressie_wordt_bijgewerkt() {
    let (_map, pad, opslag, _) = gevuld_met_ketting().await;
    opslag.sluit().await;
    let mut c = rauw_audit(&pad).await;
    let pakken: Vec<i64> = sqlx::query_scalar("SELECT eerste FROM audit_pak")
        .fetch_all(&mut c)
        .await
        .expect("batches");
    assert!(!pakken.is_empty());
    sqlx::query("DROP TRIGGER audit_pak_niet_wijzigen")
        .execute(&mut c)
        .await
        .expect("trigger");
    for eerste in pakken {
        let tekst = serde_json::to_string(&pak_records(&mut c, eerste).await).expect("JSON");
        sqlx::query("UPDATE audit_pak SET records = ?, records_lz4 = NULL WHERE eerste = ?")
            .bind(tekst)
            .bind(eerste)
            .execute(&mut c)
            .await
            .expect("as text");
    }
    for sql in [
        "ALTER TABLE audit_pak DROP COLUMN records_lz4",
        "CREATE VIEW audit_alle AS SELECT value ->> 0 AS volgnummer \
         FROM audit_pak, json_each(audit_pak.records)",
        "CREATE TRIGGER audit_pak_niet_wijzigen BEFORE UPDATE ON audit_pak \
         BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen-toevoegen'); END",
    ] {
        sqlx::query(sql).execute(&mut c).await.expect(sql);
    }
    c.close().await.expect("sluiten");

    let opslag = open(&pad).await;
    let voor = verifieer(&opslag).await.expect("the old batches verify");
    // The first batch after a start appends the long way (as rows), the
    // next as a batch.
    let twee = vec![record("test.na", Actie::Lezen, "jeugdige", Some(1), None); 2];
    for _ in 0..2 {
        opslag
            .schrijf_audits(twee.clone())
            .await
            .expect("schrijf_audits");
    }
    assert_eq!(verifieer(&opslag).await, Ok(voor + 4));
    let mut c = rauw_audit(&pad).await;
    let (tekst, gepakt): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE records_lz4 IS NULL), \
                count(*) FILTER (WHERE records_lz4 IS NOT NULL) FROM audit_pak",
    )
    .fetch_one(&mut c)
    .await
    .expect("batches");
    assert!(
        tekst > 0 && gepakt == 1,
        "{tekst} as text, {gepakt} compressed"
    );
    let view: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'audit_alle'")
            .fetch_one(&mut c)
            .await
            .expect("view");
    assert_eq!(view, 0, "the view over text batches is gone");
}

/// Someone with the file removes the triggers and changes the table.
async fn knoei(pad: &Path, sql: &str) {
    let mut c = rauw_audit(pad).await;
    for s in [
        "DROP TRIGGER IF EXISTS audit_niet_wijzigen",
        "DROP TRIGGER IF EXISTS audit_niet_verwijderen",
        "DROP TRIGGER IF EXISTS audit_pak_niet_wijzigen",
        sql,
    ] {
        sqlx::query(sqlx::AssertSqlSafe(s.to_string()))
            .execute(&mut c)
            .await
            .expect(s);
    }
    c.close().await.expect("sluiten");
}

async fn gevuld_met_ketting() -> (tempfile::TempDir, std::path::PathBuf, SqliteOpslag, i64) {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    vul(&opslag).await;
    let n = verifieer(&opslag).await.expect("de keten klopt vooraf");
    assert!(n >= 10);
    (map, pad, opslag, n)
}

#[tokio::test]
async fn een_gewijzigd_auditrecord_wordt_ontdekt() {
    let (_map, pad, opslag, _) = gevuld_met_ketting().await;
    knoei(
        &pad,
        "UPDATE audit SET gebeurtenis = 'jeugdige.niets' WHERE volgnummer = 3",
    )
    .await;
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::Gewijzigd { volgnummer: 3 })
    );
}

#[tokio::test]
async fn een_gewijzigd_en_opnieuw_gehasht_record_wordt_ontdekt() {
    // Recomputing the changed record's own hash breaks the next link.
    let (_map, pad, opslag, _) = gevuld_met_ketting().await;
    let mut r = opslag
        .audit_records(3, 1)
        .await
        .expect("audit_records")
        .remove(0);
    r.record.gebeurtenis = "jeugdige.niets".into();
    let hash = schakel_storage::audit::bereken_hash(3, &r.vorige_hash, &r.record);
    let mut c = rauw_audit(&pad).await;
    sqlx::query("DROP TRIGGER audit_niet_wijzigen")
        .execute(&mut c)
        .await
        .expect("trigger");
    sqlx::query("UPDATE audit SET gebeurtenis = 'jeugdige.niets', hash = ? WHERE volgnummer = 3")
        .bind(&hash)
        .execute(&mut c)
        .await
        .expect("knoeien");
    c.close().await.expect("sluiten");
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::KetenBreuk { volgnummer: 4 })
    );
}

#[tokio::test]
async fn een_verwijderd_middelste_record_wordt_ontdekt() {
    let (_map, pad, opslag, _) = gevuld_met_ketting().await;
    knoei(&pad, "DELETE FROM audit WHERE volgnummer = 5").await;
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::Ontbreekt {
            verwacht: 5,
            gevonden: 6
        })
    );
}

#[tokio::test]
async fn een_verwijderd_laatste_record_wordt_ontdekt() {
    let (_map, pad, opslag, n) = gevuld_met_ketting().await;
    // The last record, whether a row or the last of a sequencer's batch.
    knoei(&pad, &format!("DELETE FROM audit WHERE volgnummer = {n}")).await;
    let mut c = rauw_audit(&pad).await;
    let pak: Option<i64> = sqlx::query_scalar("SELECT eerste FROM audit_pak WHERE laatste = ?")
        .bind(n)
        .fetch_optional(&mut c)
        .await
        .expect("the last batch");
    if let Some(eerste) = pak {
        let mut records = pak_records(&mut c, eerste).await;
        records.pop();
        knoei(&pad, "DROP TRIGGER IF EXISTS audit_pak_niet_verwijderen").await;
        zet_pak(&mut c, eerste, n - 1, &records).await;
    }
    c.close().await.expect("sluiten");
    assert_eq!(
        verifieer(&opslag).await,
        Err(Breuk::StaartOntbreekt {
            kop: n,
            laatste: n - 1
        })
    );
}

#[tokio::test]
async fn zonder_auditrecord_geen_wijziging() {
    // When the audit record cannot be written, the change is not committed.
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    let d = vul(&opslag).await;
    let kop = opslag.audit_kop().await.expect("audit_kop");
    let mut c = rauw(&pad).await;
    // A write's record commits with it in the outbox, in the database file.
    sqlx::query(
        "CREATE TRIGGER storing BEFORE INSERT ON audit_uit BEGIN SELECT RAISE(ABORT, 'storing'); END",
    )
    .execute(&mut c)
    .await
    .expect("trigger");

    let h2 = opslag
        .huishouden(d.h2.id)
        .await
        .expect("huishouden")
        .expect("h2 bestaat");
    let b = bsn(testsuite::TEST_BSNS[5]);
    let nieuw = schakel_storage::NieuweJeugdige {
        huishouden: d.h2.id,
        bsn: b.clone(),
        geboortedatum: d.j3.geboortedatum,
        gegevens: d.j3.gegevens.clone(),
    };
    let a = record(
        "jeugdige.aanmaken",
        Actie::Aanmaken,
        "jeugdige",
        None,
        Some(&b),
    );
    let fout = opslag.maak_jeugdige(&nieuw, &a).await;
    assert!(matches!(fout, Err(OpslagFout::Database(_))), "{fout:?}");
    assert_eq!(
        opslag.jeugdige_op_bsn(&b).await.expect("jeugdige_op_bsn"),
        None
    );
    assert_eq!(
        opslag
            .huishouden(d.h2.id)
            .await
            .expect("huishouden")
            .as_ref(),
        Some(&h2),
        "ook het huishouden is onveranderd"
    );
    let w = schakel_storage::JeugdigeWijziging {
        voornaam: "Anders".into(),
        ..d.j1.gegevens.clone()
    };
    let fout = opslag.wijzig_jeugdige(d.j1.id, d.j1.versie, &w, &a).await;
    assert!(fout.is_err());
    assert_eq!(
        opslag.jeugdige(d.j1.id).await.expect("jeugdige").as_ref(),
        Some(&d.j1),
        "een wijziging zonder auditrecord is teruggedraaid"
    );
    assert_eq!(opslag.audit_kop().await.expect("audit_kop"), kop);

    sqlx::query("DROP TRIGGER storing")
        .execute(&mut c)
        .await
        .expect("trigger weg");
    c.close().await.expect("sluiten");
    opslag
        .maak_jeugdige(&nieuw, &a)
        .await
        .expect("zonder storing lukt het");
    assert!(verifieer(&opslag).await.is_ok());
}

#[tokio::test]
async fn een_onleesbare_waarde_is_een_fout_geen_waarde() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    let d = vul(&opslag).await;
    let mut c = rauw(&pad).await;
    sqlx::query("UPDATE jeugdige SET postcode = 'XXXX' WHERE id = ?")
        .bind(d.j2.id)
        .execute(&mut c)
        .await
        .expect("knoeien");
    c.close().await.expect("sluiten");
    match opslag.jeugdige(d.j2.id).await {
        Err(OpslagFout::Database(m)) => {
            assert!(m.contains("postcode"), "de fout noemt de kolom: {m}");
            assert!(!m.contains("XXXX"), "de fout noemt de waarde niet: {m}");
        }
        anders => panic!("verwacht een Database-fout, kreeg {anders:?}"),
    }
}

#[tokio::test]
async fn schrijf_audits_is_alles_of_niets() {
    // When one record of a batch cannot be written, none is: neither as
    // rows (the long way) nor as a batch, whose row is written before the
    // row per jeugdige that fails here.
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    vul(&opslag).await;
    let kop = opslag.audit_kop().await.expect("audit_kop");
    let client = bsn(testsuite::TEST_BSNS[5]);
    let pseudoniem = client.pseudoniem(testsuite::SLEUTEL);
    let mut c = rauw_audit(&pad).await;
    for sql in [
        "CREATE TRIGGER storing BEFORE INSERT ON audit WHEN NEW.gebeurtenis = 'test.storing' \
         BEGIN SELECT RAISE(ABORT, 'storing'); END"
            .to_string(),
        format!(
            "CREATE TRIGGER storing_pak BEFORE INSERT ON audit_pak_client \
             WHEN NEW.client = '{pseudoniem}' BEGIN SELECT RAISE(ABORT, 'storing'); END"
        ),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut c)
            .await
            .expect("trigger");
    }
    let partij = [
        record("test.goed", Actie::Lezen, "jeugdige", Some(1), None),
        record("test.goed", Actie::Lezen, "jeugdige", Some(2), None),
        record(
            "test.storing",
            Actie::Lezen,
            "jeugdige",
            Some(3),
            Some(&client),
        ),
    ];
    assert!(opslag.schrijf_audits(partij.to_vec()).await.is_err());
    assert_eq!(
        opslag.audit_kop().await.expect("audit_kop"),
        kop,
        "geen enkel record van de partij is toegevoegd"
    );
    assert!(verifieer(&opslag).await.is_ok());
    for sql in ["DROP TRIGGER storing", "DROP TRIGGER storing_pak"] {
        sqlx::query(sql).execute(&mut c).await.expect("trigger weg");
    }
    c.close().await.expect("sluiten");
    let uit = opslag
        .schrijf_audits(partij.to_vec())
        .await
        .expect("schrijf_audits");
    assert_eq!(uit.len(), 3);
    assert_eq!(verifieer(&opslag).await, Ok(uit[2].volgnummer));
}

/// Migration 0020 rebuilds `roltoewijzing` (for the role accountbeheerder):
/// a database in use keeps its roles in their order, its sessions and its
/// API tokens, and the new role can be given afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accountbeheerder_migratie_behoudt_sessies_en_tokens() {
    use schakel_domain::Rol;
    use schakel_storage::Roltoewijzing;
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    {
        let pool = sqlx::SqlitePool::connect_with(
            SqliteConnectOptions::new()
                .filename(&pad)
                .create_if_missing(true)
                .foreign_keys(true),
        )
        .await
        .expect("pool");
        schakel_storage_sqlite::MIGRATIES
            .run_to(19, &pool)
            .await
            .expect("migraties tot en met 0019");
        for sql in [
            "INSERT INTO regio (id, code, naam) VALUES (1, 'almere', 'Almere')",
            "INSERT INTO organisatie (id, regio, naam, soort) VALUES (1, 1, 'School', 'school')",
            "INSERT INTO medewerker (id, naam, email, wachtwoord_hash) VALUES (1, 'A', 'a@school.test', 'h')",
            "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'zorgcoordinator', 1)",
            "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'beleid', 1)",
            "INSERT INTO sessie (token_hash, medewerker, rol, organisatie, csrf_token, aangemaakt, \
             laatst_actief, verloopt) VALUES ('sessie-1', 1, 'zorgcoordinator', 1, 'c', \
             '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', '2099-01-01T00:00:00.000000Z')",
            "INSERT INTO api_token (token_hash, medewerker, rol, organisatie, naam, aangemaakt, verloopt) \
             VALUES ('token-1', 1, 'beleid', 1, 'koppeling', '2026-01-01T00:00:00.000000Z', \
             '2099-01-01T00:00:00.000000Z')",
        ] {
            sqlx::query(sql).execute(&pool).await.expect(sql);
        }
        pool.close().await;
    }
    let opslag = open(&pad).await;
    let m = opslag
        .medewerker(1)
        .await
        .expect("lees")
        .expect("medewerker");
    let rol = |rol| Roltoewijzing {
        rol,
        organisatie: 1,
    };
    assert_eq!(m.rollen, vec![rol(Rol::Zorgcoordinator), rol(Rol::Beleid)]);
    assert!(!m.demo, "an existing account is no demo account");
    assert!(opslag.sessie("sessie-1").await.expect("sessie").is_some());
    assert!(opslag.api_token("token-1").await.expect("token").is_some());
    opslag.integriteitscontrole().await.expect("integriteit");
    let nieuw = [
        rol(Rol::Zorgcoordinator),
        rol(Rol::Beleid),
        rol(Rol::Accountbeheerder),
    ];
    let m = opslag
        .zet_rollen(
            1,
            &nieuw,
            &record("account.rollen", Actie::Wijzigen, "medewerker", None, None),
        )
        .await
        .expect("zet_rollen");
    assert_eq!(m.rollen, nieuw);
    assert!(opslag.sessie("sessie-1").await.expect("sessie").is_some());
}

/// Migration 0041 rebuilds `roltoewijzing` again (for the national role
/// `landelijk`): a database in use keeps every role, including toegang,
/// its sessions and its API tokens, and the new role can be given
/// afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn landelijk_migratie_behoudt_rollen_sessies_en_tokens() {
    use schakel_domain::Rol;
    use schakel_storage::Roltoewijzing;
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    {
        let pool = sqlx::SqlitePool::connect_with(
            SqliteConnectOptions::new()
                .filename(&pad)
                .create_if_missing(true)
                .foreign_keys(true),
        )
        .await
        .expect("pool");
        schakel_storage_sqlite::MIGRATIES
            .run_to(40, &pool)
            .await
            .expect("migraties tot en met 0040");
        for sql in [
            "INSERT INTO regio (id, code, naam) VALUES (1, 'almere', 'Almere')",
            "INSERT INTO organisatie (id, regio, naam, soort) VALUES (1, 1, 'Gemeente', 'gemeente')",
            "INSERT INTO medewerker (id, naam, email, wachtwoord_hash) VALUES (1, 'A', 'a@gemeente.test', 'h')",
            "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'toegang', 1)",
            "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'beleid', 1)",
            "INSERT INTO sessie (token_hash, medewerker, rol, organisatie, csrf_token, aangemaakt, \
             laatst_actief, verloopt) VALUES ('sessie-1', 1, 'toegang', 1, 'c', \
             '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z', '2099-01-01T00:00:00.000000Z')",
            "INSERT INTO api_token (token_hash, medewerker, rol, organisatie, naam, aangemaakt, verloopt) \
             VALUES ('token-1', 1, 'beleid', 1, 'koppeling', '2026-01-01T00:00:00.000000Z', \
             '2099-01-01T00:00:00.000000Z')",
        ] {
            sqlx::query(sql).execute(&pool).await.expect(sql);
        }
        pool.close().await;
    }
    let opslag = open(&pad).await;
    let rol = |rol| Roltoewijzing {
        rol,
        organisatie: 1,
    };
    let m = opslag
        .medewerker(1)
        .await
        .expect("lees")
        .expect("medewerker");
    assert_eq!(m.rollen, vec![rol(Rol::Toegang), rol(Rol::Beleid)]);
    assert!(opslag.sessie("sessie-1").await.expect("sessie").is_some());
    assert!(opslag.api_token("token-1").await.expect("token").is_some());
    opslag.integriteitscontrole().await.expect("integriteit");
    let nieuw = [rol(Rol::Toegang), rol(Rol::Beleid), rol(Rol::Landelijk)];
    let m = opslag
        .zet_rollen(
            1,
            &nieuw,
            &record("account.rollen", Actie::Wijzigen, "medewerker", None, None),
        )
        .await
        .expect("zet_rollen");
    assert_eq!(m.rollen, nieuw);
    assert!(opslag.sessie("sessie-1").await.expect("sessie").is_some());
    // The CHECK still refuses a role that does not exist.
    let mut c = rauw(&pad).await;
    let fout = sqlx::query(
        "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES (1, 'baas', 1)",
    )
    .execute(&mut c)
    .await;
    assert!(fout.is_err(), "an unknown role is refused");
}

/// The SQLite side of `een_afgebroken_begin_laat_de_verbinding_niet_in_een_transactie`
/// (PostgreSQL's test, where sqlx 0.9.0 failed): reads cancelled at moments
/// spread over their start, from another thread, on a database file (sqlx
/// closes a connection whose operation was cancelled, which would empty an
/// in-memory one). The pool hands its connections out in turn, so one left
/// inside a transaction would soon refuse a read's `BEGIN` ("cannot start a
/// transaction within a transaction").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn een_afgebroken_begin_laat_de_verbinding_niet_in_een_transactie() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let o = open(&map.path().join("schakel.db")).await;
    testsuite::breek_lezingen_af(&o, async |poging| {
        if let Err(e) = o.medewerker(1).await {
            panic!("poging {poging}: de lezing na een afgebroken lezing faalt: {e}");
        }
    })
    .await;
}

/// A database whose log moved to its audit file does not open without it:
/// no empty log is made in its place, and no file is created.
#[tokio::test]
async fn zonder_zijn_auditbestand_opent_de_database_niet() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    vul(&opslag).await;
    opslag.sluit().await;
    let bestand = schakel_storage_sqlite::auditbestand(&pad);
    assert_eq!(bestand, map.path().join("schakel.audit.db"));
    for f in met_wal(&bestand) {
        let _ = std::fs::remove_file(f);
    }
    match SqliteOpslag::open(&pad).await {
        Err(OpslagFout::Database(m)) => assert!(
            m.contains("schakel.audit.db ontbreekt"),
            "the message names the file: {m}"
        ),
        anders => panic!("expected a refusal, got {anders:?}"),
    }
    assert!(!bestand.exists(), "no empty audit file was made");
}

/// Another database's audit file is refused: its log is not this one's.
#[tokio::test]
async fn een_ander_auditbestand_wordt_geweigerd() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let (a, b) = (map.path().join("a.db"), map.path().join("b.db"));
    for pad in [&a, &b] {
        let opslag = open(pad).await;
        vul(&opslag).await;
        opslag.sluit().await;
    }
    let (van, naar) = (
        schakel_storage_sqlite::auditbestand(&b),
        schakel_storage_sqlite::auditbestand(&a),
    );
    for (v, n) in met_wal(&van).into_iter().zip(met_wal(&naar)) {
        let _ = std::fs::remove_file(&n);
        if v.exists() {
            std::fs::copy(&v, &n).expect("copy");
        }
    }
    match SqliteOpslag::open(&a).await {
        Err(OpslagFout::Database(m)) => {
            assert!(m.contains("a.audit.db hoort niet bij deze database"), "{m}")
        }
        anders => panic!("expected a refusal, got {anders:?}"),
    }
}

/// An outbox row the chain already holds (a crash after the chain's commit,
/// before the row's deletion) is deleted, not chained a second time: the
/// row here is no valid record at all, so chaining it would fail.
#[tokio::test]
async fn een_al_geketende_uitvoerrij_komt_niet_twee_keer_in_de_keten() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    vul(&opslag).await;
    let kop = opslag.audit_kop().await.expect("audit_kop");
    opslag.sluit().await;
    let mut c = rauw(&pad).await;
    let tot: i64 = sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit_uit'")
        .fetch_one(&mut c)
        .await
        .expect("the outbox was used");
    sqlx::query("INSERT INTO audit_uit (id, records) VALUES (?, 'geen record')")
        .bind(tot)
        .execute(&mut c)
        .await
        .expect("a row left behind");
    c.close().await.expect("sluiten");

    let opslag = open(&pad).await;
    assert_eq!(opslag.audit_kop().await.expect("audit_kop"), kop);
    let mut c = rauw(&pad).await;
    let over: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_uit")
        .fetch_one(&mut c)
        .await
        .expect("count");
    assert_eq!(over, 0, "the row was recognised and deleted");
    assert!(verifieer(&opslag).await.is_ok());
}

/// Someone with the file rewrites a batch appended after the last
/// checkpoint — one record changed, every hash after it recomputed, the
/// head moved along — before the next checkpoint. A checkpoint built from
/// the stored links would sign the rewritten chain; the store signs the
/// tree of what it committed, and verification finds the rewrite.
#[tokio::test]
async fn een_herschrijving_voor_het_volgende_checkpoint_wordt_ontdekt() {
    use schakel_storage::checkpoint::{self, Vanaf, controleer_log};
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let opslag = open(&pad).await;
    let sleutel = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let vijf = || vec![record("test.voor", Actie::Lezen, "jeugdige", Some(1), None); 5];
    opslag.schrijf_audits(vijf()).await.expect("records 1-5");
    let c1 = checkpoint::volgende(&opslag, &sleutel)
        .await
        .expect("checkpoint")
        .expect("records");
    opslag.schrijf_checkpoint(&c1).await.expect("opslaan");
    let batch = opslag.schrijf_audits(vijf()).await.expect("records 6-10");
    assert_eq!(batch.first().map(|r| r.volgnummer), Some(6));

    let mut c = rauw_audit(&pad).await;
    let mut json = pak_records(&mut c, 6).await;
    let mut vorige = c1.kop.clone();
    for (r, rij) in batch.iter().zip(json.iter_mut()) {
        let mut record = r.record.clone();
        if r.volgnummer == 6 {
            record.gebeurtenis = "jeugdige.niets".into();
            rij[1] = "jeugdige.niets".into();
        }
        let hash = schakel_storage::audit::bereken_hash(r.volgnummer, &vorige, &record);
        rij[16] = vorige.clone().into();
        rij[17] = hash.clone().into();
        vorige = hash;
    }
    knoei(
        &pad,
        &format!("UPDATE audit_kop SET hash = '{vorige}' WHERE id = 1"),
    )
    .await;
    zet_pak(&mut c, 6, 10, &json).await;
    c.close().await.expect("sluiten");
    assert_eq!(verifieer(&opslag).await, Ok(10), "the chain is whole again");

    let uit_de_links = checkpoint::volgende_uit_database(&opslag, &sleutel)
        .await
        .expect("checkpoint")
        .expect("records");
    assert_eq!(
        uit_de_links.kop, vorige,
        "the stored links sign the rewrite"
    );
    let c2 = checkpoint::volgende(&opslag, &sleutel)
        .await
        .expect("checkpoint")
        .expect("records");
    assert_eq!(c2.grootte, 10);
    assert_eq!(c2.kop, batch[4].hash, "the store signs what it committed");
    opslag.schrijf_checkpoint(&c2).await.expect("opslaan");
    let fout = controleer_log(
        &opslag,
        Some(&sleutel.verifying_key()),
        vec![],
        Vanaf::Begin,
    )
    .await
    .expect_err("the rewrite is found");
    assert!(
        fout.contains("checkpoint 10 (database): de records kloppen niet"),
        "{fout}"
    );
}

/// Two stores on one file (two processes, or a CLI command beside `serve`)
/// appending in turn: each batch finds the head moved by the other, commits
/// nothing, is hashed again onto the head as stored and then stored as one
/// compressed batch; only each store's first batch, which knows no head
/// yet, goes the long way as rows.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twee_opslagen_op_een_bestand_schrijven_om_beurten_batches() {
    let map = tempfile::tempdir().expect("tijdelijke map");
    let pad = map.path().join("schakel.db");
    let a = open(&pad).await;
    let b = open(&pad).await;
    testsuite::om_de_beurt(&a, &b, async || {
        let mut c = rauw_audit(&pad).await;
        sqlx::query_as(testsuite::RIJEN_EN_BATCHES)
            .fetch_one(&mut c)
            .await
            .expect("count")
    })
    .await;
}
