//! The audit log in a file of its own beside the database file. The
//! request handlers read the one and the sequencer commits its batches to
//! the other, so a batch does not make every reading connection reset its
//! page cache (BENCHMARKS.md, "The audit log in a file of its own").
//!
//! The two files belong together: each holds the same random key
//! (`auditkoppeling`), written when the log moved to its file. A database
//! opened with a missing audit file, or with another database's, is refused
//! rather than given an empty or a foreign log: its outbox (`audit_uit`)
//! would otherwise be matched against another log's `audit_uitvoer`.

use std::path::{Path, PathBuf};

use schakel_storage::{OpslagFout, Resultaat};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::{Connection, SqliteConnection};

use crate::motor::fout;

/// The audit log's file beside the database file at `pad`:
/// `schakel.db` → `schakel.audit.db`. A backup copies both.
pub fn auditbestand(pad: &Path) -> PathBuf {
    let extensie = pad
        .extension()
        .map(|e| format!("audit.{}", e.to_string_lossy()))
        .unwrap_or_else(|| "audit".into());
    pad.with_extension(extensie)
}

/// The audit log's tables, its view and (through `tbl_name`) their indexes
/// and triggers: what moves to the audit file. Changes to them after
/// migration 0043 go to the audit file's connection, not to `migrations/`.
const AUDIT_OBJECTEN: &str = "'audit', 'audit_kop', 'audit_pak', 'audit_pak_client', \
     'audit_checkpoint', 'audit_uitvoer', 'audit_alle'";

const KOPPELING: &str = "CREATE TABLE IF NOT EXISTS auditkoppeling ( \
     id INTEGER PRIMARY KEY CHECK (id = 1), sleutel TEXT NOT NULL) STRICT";

/// Brings the audit log's tables on `pool` (the audit file's, or the
/// database's where the log has no file of its own) to this version's
/// shape: what changed after migration 0043, each change made once, in one
/// transaction.
///
/// - `audit_pak.records_lz4`: a batch's JSON compressed (`schakel_storage::pak`);
///   the batches written before keep it as text in `records`. The view
///   `audit_alle` read `records` with SQLite's JSON functions, which cannot
///   read a compressed batch, so it goes: the log is read through the
///   store (`schakel audit verify`, `schakel audit inzage`).
pub(crate) async fn werk_bij(pool: &SqlitePool) -> Resultaat<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(fout)?;
    let bijgewerkt: bool = sqlx::query_scalar(
        "SELECT count(*) > 0 FROM pragma_table_info('audit_pak') WHERE name = 'records_lz4'",
    )
    .fetch_one(&mut *tx)
    .await
    .map_err(fout)?;
    if !bijgewerkt {
        for sql in [
            "ALTER TABLE audit_pak ADD COLUMN records_lz4 BLOB",
            "DROP VIEW IF EXISTS audit_alle",
        ] {
            sqlx::query(sql).execute(&mut *tx).await.map_err(fout)?;
        }
    }
    tx.commit().await.map_err(fout)
}

/// (type, name, CREATE statement) of each audit object, tables first.
type Objecten = Vec<(String, String, String)>;

/// Opens the audit file beside the database at `pad` (on `pool`, migrated)
/// and checks that it belongs to it; the first time, moves the log there.
pub(crate) async fn koppel(
    pool: &SqlitePool,
    pad: &Path,
    audit_opties: &SqliteConnectOptions,
) -> Resultaat<()> {
    let objecten = audit_objecten(pool).await?;
    let verhuisd = objecten.is_empty();
    let bestand = auditbestand(pad);
    let mut c = SqliteConnection::connect_with(&audit_opties.clone().create_if_missing(!verhuisd))
        .await
        .map_err(|e| {
            if verhuisd {
                ontbreekt(&bestand)
            } else {
                fout(e)
            }
        })?;
    let uit = koppel_op(pool, pad, &bestand, &mut c, &objecten).await;
    c.close().await.map_err(fout)?;
    uit
}

async fn koppel_op(
    pool: &SqlitePool,
    pad: &Path,
    bestand: &Path,
    c: &mut SqliteConnection,
    objecten: &Objecten,
) -> Resultaat<()> {
    let heeft_log: bool =
        sqlx::query_scalar("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'audit'")
            .fetch_one(&mut *c)
            .await
            .map_err(fout)?;
    if objecten.is_empty() {
        if !heeft_log {
            return Err(ontbreekt(bestand));
        }
        if sleutel(&mut *pool.acquire().await.map_err(fout)?).await? != sleutel(c).await? {
            return Err(hoort_niet_bij(bestand));
        }
        return Ok(());
    }
    if heeft_log {
        // A move cut off after the audit file's transaction leaves the same
        // log in both; anything else is another database's log.
        let mut hier = pool.acquire().await.map_err(fout)?;
        if kop(&mut hier).await? != kop(c).await? {
            return Err(hoort_niet_bij(bestand));
        }
    } else {
        kopieer(c, pad, objecten).await?;
    }
    let gedeeld = sleutel(c).await?.ok_or_else(|| hoort_niet_bij(bestand))?;
    verwijder_uit_database(pool, objecten, &gedeeld).await
}

async fn audit_objecten(pool: &SqlitePool) -> Resultaat<Objecten> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT type, name, sql FROM sqlite_master \
         WHERE tbl_name IN ({AUDIT_OBJECTEN}) AND sql IS NOT NULL \
         ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 \
           ELSE 3 END, rowid"
    )))
    .fetch_all(pool)
    .await
    .map_err(fout)
}

/// Creates `objecten` on `c` (the audit file) as the database file defines
/// them, copies the tables' rows and gives the pair its key, in one
/// transaction.
async fn kopieer(c: &mut SqliteConnection, pad: &Path, objecten: &Objecten) -> Resultaat<()> {
    let hoofd = pad
        .to_str()
        .ok_or_else(|| OpslagFout::Database("auditlog: het pad is geen UTF-8".into()))?;
    sqlx::query("ATTACH DATABASE ? AS hoofd")
        .bind(hoofd)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    let mut tx = c.begin_with("BEGIN IMMEDIATE").await.map_err(fout)?;
    let mut opdrachten: Vec<String> = objecten.iter().map(|(_, _, sql)| sql.clone()).collect();
    opdrachten.extend(
        objecten
            .iter()
            .filter(|(soort, _, _)| soort == "table")
            .map(|(_, naam, _)| format!("INSERT INTO main.{naam} SELECT * FROM hoofd.{naam}")),
    );
    opdrachten.push(KOPPELING.into());
    opdrachten.push(
        "INSERT INTO auditkoppeling (id, sleutel) VALUES (1, lower(hex(randomblob(16))))".into(),
    );
    for sql in opdrachten {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await
            .map_err(fout)?;
    }
    tx.commit().await.map_err(fout)?;
    sqlx::query("DETACH DATABASE hoofd")
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

/// Drops the moved objects from the database file and notes the pair's
/// key there, in one transaction.
async fn verwijder_uit_database(
    pool: &SqlitePool,
    objecten: &Objecten,
    gedeeld: &str,
) -> Resultaat<()> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(fout)?;
    for (soort, naam, _) in objecten.iter().rev() {
        if soort == "table" || soort == "view" {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP {} IF EXISTS {naam}",
                soort.to_uppercase()
            )))
            .execute(&mut *tx)
            .await
            .map_err(fout)?;
        }
    }
    sqlx::query(KOPPELING)
        .execute(&mut *tx)
        .await
        .map_err(fout)?;
    sqlx::query("INSERT OR REPLACE INTO auditkoppeling (id, sleutel) VALUES (1, $1)")
        .bind(gedeeld)
        .execute(&mut *tx)
        .await
        .map_err(fout)?;
    tx.commit().await.map_err(fout)
}

async fn sleutel(c: &mut SqliteConnection) -> Resultaat<Option<String>> {
    let bestaat: bool =
        sqlx::query_scalar("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'auditkoppeling'")
            .fetch_one(&mut *c)
            .await
            .map_err(fout)?;
    if !bestaat {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT sleutel FROM auditkoppeling WHERE id = 1")
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)
}

async fn kop(c: &mut SqliteConnection) -> Resultaat<Option<(i64, String)>> {
    sqlx::query_as("SELECT volgnummer, hash FROM audit_kop WHERE id = 1")
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)
}

fn ontbreekt(bestand: &Path) -> OpslagFout {
    OpslagFout::Database(format!(
        "auditlog: het auditbestand {} ontbreekt of is leeg, terwijl de database het auditlog \
         daarheen verplaatste; zet het terug uit dezelfde backup als de database",
        bestand.display()
    ))
}

fn hoort_niet_bij(bestand: &Path) -> OpslagFout {
    OpslagFout::Database(format!(
        "auditlog: het auditbestand {} hoort niet bij deze database (een ander auditlog); \
         zet het bijbehorende terug of verplaats dit bestand",
        bestand.display()
    ))
}

/// A SQLite file with its WAL and its index beside it: what a copy or a
/// removal of the file takes.
pub fn met_wal(pad: &Path) -> [PathBuf; 3] {
    ["", "-wal", "-shm"].map(|achtervoegsel| {
        let mut naam = pad.as_os_str().to_os_string();
        naam.push(achtervoegsel);
        naam.into()
    })
}
