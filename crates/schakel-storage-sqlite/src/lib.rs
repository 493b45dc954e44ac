//! # schakel-storage-sqlite
//!
//! [`Opslag`](schakel_storage::Opslag) on an embedded SQLite file: zero set-up, WAL journal,
//! `synchronous = FULL` (a write that was acknowledged survives a crash or a
//! power cut), foreign keys on, embedded migrations (`migrations/`).
//!
//! Every write that changes a jeugdige's data runs in one `BEGIN IMMEDIATE`
//! transaction together with its audit record, so a change is never
//! committed without its record. The audit log itself is a second file
//! beside the database ([`auditbestand`]): the write's record commits in the
//! database file's outbox (`audit_uit`), and the sequencer moves it into the
//! chain in the audit file with its next batch (`sql::auditlog`). Appends to
//! the chain are serialised by the audit file's single writer lock: two
//! appends can never take the same volgnummer or the same previous hash.
//!
//! Values are stored as TEXT where SQLite has no type: timestamps as RFC 3339
//! UTC with six fractional digits (what [`NieuwAuditRecord::tijdstip_tekst`]
//! writes, so the audit hash is recomputed over exactly what was hashed),
//! dates as `YYYY-MM-DD`. What comes back is parsed through the domain types;
//! a value that does not parse is an [`OpslagFout::Database`] error that
//! names the column, never the value.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use schakel_storage::{OpslagFout, Resultaat};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

mod adresimport;
mod auditbestand;
mod motor;

#[path = "../../schakel-storage/sql/mod.rs"]
mod sql;
pub use auditbestand::{auditbestand, met_wal};
use motor::fout;
use sql::auditlog;

/// The migrations, embedded in the binary.
pub static MIGRATIES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a writer waits for the write lock before giving up.
const WACHTTIJD: Duration = Duration::from_secs(10);

/// How much of the database file each connection reads through a memory
/// map instead of `read` calls into its own page cache. Every committed
/// write (each audit batch of the reads, too) makes every other connection
/// drop its page cache at its next read; with the map, pages are not copied
/// and allocated again but read where the OS already holds them.
const MMAP: u64 = 1 << 30;

/// Schakel's storage on one SQLite file, with its audit log in a second
/// file beside it ([`auditbestand`]).
#[derive(Debug, Clone)]
pub struct SqliteOpslag {
    pool: SqlitePool,
    /// The sequencer's own connection, to the audit file (see
    /// [`auditlog::migreer`]).
    schrijfpool: SqlitePool,
    /// Where the audit log is read and its checkpoints written.
    auditpool: SqlitePool,
    /// The sequencer's connection to the database file, for the outbox.
    uitvoerpool: SqlitePool,
    /// Whether the audit log has a file of its own (not in memory, where
    /// it is in the database).
    apart_auditbestand: bool,
    sequencer: schakel_storage::sequencer::Sequencer,
}

impl SqliteOpslag {
    /// Opens (and creates, when missing) the database file at `pad` and its
    /// audit file, and brings their schema up to date.
    pub async fn open(pad: &Path) -> Resultaat<Self> {
        let opties = SqliteConnectOptions::new()
            .filename(pad)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(WACHTTIJD)
            .pragma("mmap_size", MMAP.to_string());
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(WACHTTIJD * 3)
            .connect_with(opties.clone())
            .await
            .map_err(fout)?;
        auditlog::migreer(&MIGRATIES, &pool).await?;
        let audit_opties = SqliteConnectOptions::new()
            .filename(auditbestand(pad))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(WACHTTIJD);
        auditbestand::koppel(&pool, pad, &audit_opties).await?;
        // Without sqlx's check before each acquire: a connection to a local
        // file does not go stale, and the check is one more hand-over to the
        // connection's thread for every batch the sequencer writes.
        let pool_van = |verbindingen, opties: &SqliteConnectOptions| {
            SqlitePoolOptions::new()
                .max_connections(verbindingen)
                .acquire_timeout(WACHTTIJD * 3)
                .test_before_acquire(false)
                .connect_lazy_with(opties.clone())
        };
        let schrijfpool = pool_van(1, &audit_opties);
        auditbestand::werk_bij(&schrijfpool).await?;
        let uitvoer = pool_van(1, &opties);
        let opslag = Self {
            sequencer: auditlog::sequencer(&schrijfpool, &uitvoer),
            auditpool: pool_van(2, &audit_opties),
            uitvoerpool: uitvoer,
            apart_auditbestand: true,
            pool,
            schrijfpool,
        };
        // Records a crash left in the outbox join the chain now.
        opslag.sequencer.bij().await?;
        Ok(opslag)
    }

    /// A private database in memory, gone when the value is dropped; for
    /// tests. One connection, so every query sees the same database; the
    /// audit log is in it too.
    pub async fn in_memory() -> Resultaat<Self> {
        // The special name ":memory:" rather than SQLITE_OPEN_MEMORY
        // (`in_memory(true)`): with that flag `VACUUM INTO` would write its
        // copy to memory too, and `backup` would produce no file.
        let opties = SqliteConnectOptions::new()
            .filename(":memory:")
            .foreign_keys(true)
            .busy_timeout(WACHTTIJD);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .acquire_timeout(WACHTTIJD * 3)
            .connect_with(opties)
            .await
            .map_err(fout)?;
        auditlog::migreer(&MIGRATIES, &pool).await?;
        auditbestand::werk_bij(&pool).await?;
        // A second connection would open another, empty database.
        Ok(Self {
            sequencer: auditlog::sequencer(&pool, &pool),
            auditpool: pool.clone(),
            uitvoerpool: pool.clone(),
            apart_auditbestand: false,
            schrijfpool: pool.clone(),
            pool,
        })
    }

    /// SQLite's own consistency check (`PRAGMA integrity_check`) plus the
    /// foreign-key check, of the database and its audit file; `Ok` when
    /// both find nothing.
    pub async fn integriteitscontrole(&self) -> Resultaat<()> {
        for pool in [&self.pool, &self.auditpool] {
            integriteit(pool).await?;
        }
        Ok(())
    }

    /// Brings the writes' records into the chain and closes every
    /// connection (checkpointing the WAL); further use fails.
    pub async fn sluit(&self) {
        if let Err(e) = self.sequencer.bij().await {
            tracing::warn!(fout = %e, "auditlog: de uitvoer kon bij het sluiten niet in de keten");
        }
        for pool in [
            &self.schrijfpool,
            &self.uitvoerpool,
            &self.auditpool,
            &self.pool,
        ] {
            pool.close().await;
        }
    }

    /// A write transaction that holds SQLite's write lock from its start, so
    /// what it reads cannot change before it commits.
    async fn schrijf(&self) -> Resultaat<Transaction<'static, Sqlite>> {
        self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(fout)
    }

    /// A read transaction: one consistent snapshot for several queries.
    async fn lees(&self) -> Resultaat<Transaction<'static, Sqlite>> {
        self.pool.begin().await.map_err(fout)
    }
}

// --- conversions ---------------------------------------------------------------

// --- row readers -----------------------------------------------------------------

// --- reads and writes on one connection (inside a transaction) --------------------

/// The store the shared operations (`crate::opslag`) are implemented on.
pub(crate) type DezeOpslag = SqliteOpslag;

/// The operations whose substance differs per engine; the shared
/// [`Opslag`](schakel_storage::Opslag) implementation calls them.
impl SqliteOpslag {
    /// One process owns the file: there is no other instance to tell.
    pub(crate) async fn eigen_meld_gidswijziging(&self) -> Resultaat<()> {
        Ok(())
    }

    pub(crate) async fn eigen_volg_gidswijzigingen(
        &self,
    ) -> Resultaat<Option<schakel_storage::Gidswijzigingen>> {
        Ok(None)
    }

    pub(crate) async fn eigen_meld_regelpublicatie(&self) -> Resultaat<()> {
        Ok(())
    }

    pub(crate) async fn eigen_volg_regelpublicaties(
        &self,
    ) -> Resultaat<Option<schakel_storage::Regelpublicaties>> {
        Ok(None)
    }

    pub(crate) fn eigen_backend(&self) -> &'static str {
        "sqlite"
    }

    // --- directory -------------------------------------------------------------

    // --- people and access -------------------------------------------------------

    // --- households and jeugdigen ----------------------------------------------------

    // --- relations that grant access ---------------------------------------------------

    // --- keeping data safe over time ----------------------------------------------------

    /// Copies the database file to `doel` and its audit file beside it
    /// ([`auditbestand`]): the database first, so that no outbox row the
    /// copy holds is missing from both (the audit file's copy may hold it
    /// chained already, which `audit_uitvoer` recognises).
    pub(crate) async fn eigen_backup(&self, doel: &Path) -> Resultaat<()> {
        let mut kopieen = vec![(&self.pool, doel.to_path_buf())];
        if self.apart_auditbestand {
            kopieen.push((&self.auditpool, auditbestand(doel)));
        }
        if let Some((_, bestaand)) = kopieen.iter().find(|(_, d)| d.exists()) {
            return Err(bestaat_al(bestaand));
        }
        let mut delen = Vec::new();
        let mut klaar = Ok(());
        for (pool, doel) in &kopieen {
            match vacuum_naar(pool, doel).await {
                Ok(deel) => delen.push(deel),
                Err(e) => {
                    klaar = Err(e);
                    break;
                }
            }
        }
        // The audit file first: a database copy never stands without its log.
        if klaar.is_ok() {
            for ((_, doel), deel) in kopieen.iter().zip(&delen).rev() {
                klaar = zet_op_zijn_plaats(deel, doel);
                if klaar.is_err() {
                    break;
                }
            }
        }
        for deel in &delen {
            let _ = std::fs::remove_file(deel);
        }
        klaar
    }
}

/// `VACUUM INTO` a part file beside `doel`: a consistent snapshot, which it
/// neither syncs nor survives an interruption; [`zet_op_zijn_plaats`] then
/// syncs it and links it into place (which also refuses to overwrite).
async fn vacuum_naar(pool: &SqlitePool, doel: &Path) -> Resultaat<PathBuf> {
    let naam = doel
        .file_name()
        .ok_or_else(|| OpslagFout::Database("backup: het doel heeft geen bestandsnaam".into()))?;
    let mut deel_naam = naam.to_os_string();
    deel_naam.push(format!(
        ".{}-{}.deel",
        std::process::id(),
        Utc::now().timestamp_micros()
    ));
    let deel = doel.with_file_name(deel_naam);
    let deel_tekst = deel
        .to_str()
        .ok_or_else(|| OpslagFout::Database("backup: het pad is geen UTF-8".into()))?
        .to_string();
    let mut c = pool.acquire().await.map_err(fout)?;
    let uit = sqlx::query("VACUUM INTO ?")
        .bind(&deel_tekst)
        .execute(&mut *c)
        .await
        .map_err(fout);
    if let Err(e) = uit {
        let _ = std::fs::remove_file(&deel);
        return Err(e);
    }
    Ok(deel)
}

async fn integriteit(pool: &SqlitePool) -> Resultaat<()> {
    let mut c = pool.acquire().await.map_err(fout)?;
    let uitslag: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?;
    if uitslag != ["ok"] {
        return Err(OpslagFout::Database(format!(
            "integriteitscontrole: {}",
            uitslag.join("; ")
        )));
    }
    let fk = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?;
    if !fk.is_empty() {
        return Err(OpslagFout::Database(format!(
            "integriteitscontrole: {} verwijzing(en) naar niets",
            fk.len()
        )));
    }
    Ok(())
}

fn bestaat_al(doel: &Path) -> OpslagFout {
    OpslagFout::BestaatAl(format!("backup {}", doel.display()))
}

fn io(wat: &str, e: std::io::Error) -> OpslagFout {
    OpslagFout::Database(format!("backup: {wat}: {e}"))
}

/// Syncs `deel` and links it to `doel`, never overwriting, then syncs the
/// directory so the new name is durable too.
fn zet_op_zijn_plaats(deel: &Path, doel: &Path) -> Resultaat<()> {
    std::fs::File::open(deel)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("synchroniseren", e))?;
    match std::fs::hard_link(deel, doel) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(bestaat_al(doel)),
        // A file system without hard links: rename after checking.
        Err(_) if !doel.exists() => {
            std::fs::rename(deel, doel).map_err(|e| io("hernoemen", e))?;
        }
        Err(_) => return Err(bestaat_al(doel)),
    }
    if let Some(map) = doel.parent().filter(|p| !p.as_os_str().is_empty()) {
        // Not every platform can open a directory; the file itself is synced.
        if let Ok(m) = std::fs::File::open(map) {
            let _ = m.sync_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sql::{lijsten, noodtoegang, verloop};

    /// SQLite's plan for `sql` (no statistics, so the same on a store of
    /// any size) with its `parameters` bound: its steps, outermost first.
    async fn plan(sql: &str, parameters: usize) -> Vec<String> {
        let opslag = SqliteOpslag::in_memory().await.expect("open");
        let mut vraag = sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")));
        for p in 0..parameters {
            vraag = vraag.bind(i64::try_from(p).expect("few") + 5);
        }
        let plan: Vec<(i64, i64, i64, String)> = vraag.fetch_all(&opslag.pool).await.expect("plan");
        plan.into_iter().map(|(.., stap)| stap).collect()
    }

    fn scant_niet(stappen: &[String], tabellen: &[&str]) {
        for t in tabellen {
            assert!(
                !stappen.iter().any(|s| s.starts_with(&format!("SCAN {t}"))),
                "{t} scanned: {stappen:?}"
            );
        }
    }

    /// A checkpoint, and each window of a verification, reads the batches of
    /// its own range: one search of the key bounded on both sides. Bounded
    /// only above, it read every batch from the first one on, and verifying
    /// a log of small batches took quadratic time.
    #[tokio::test]
    async fn een_reeks_pakken_is_een_zoektocht_tussen_twee_grenzen() {
        let stappen = plan(&format!("SELECT eerste {}", auditlog::PAKKEN_TUSSEN), 2).await;
        assert_eq!(
            stappen.first().map(String::as_str),
            Some("SEARCH audit_pak USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"),
            "{stappen:?}"
        );
        scant_niet(&stappen, &["audit_pak"]);
    }

    /// The worklist reads an organisation's open cases and their events
    /// through its indexes, not every case and every event in the database;
    /// closing a case finds its hulpvragen by index.
    #[tokio::test]
    async fn open_casussen_en_hun_verloop_uit_de_indexen() {
        for sql in [
            lijsten::OPEN_CASUSSEN_VAN,
            lijsten::VERLOOP_OPEN_CASUSSEN_VAN,
        ] {
            let stappen = plan(sql, 1).await;
            scant_niet(&stappen, &["c", "k", "p", "g"]);
            assert!(
                stappen
                    .iter()
                    .any(|s| s.contains("USING INDEX casus_wijkteam_open (wijkteam=?)")),
                "{stappen:?}"
            );
        }
        let stappen = plan(verloop::HULPVRAGEN_VAN_CASUS_SLUITEN, 1).await;
        assert_eq!(
            stappen,
            ["SEARCH hulpvraag USING INDEX hulpvraag_casus (casus=?)"]
        );
    }

    /// The case list reads each listed case's earliest open deadline from
    /// that case's actions, not from every open action of the organisation;
    /// a decision on a referral closes its actions by index.
    #[tokio::test]
    async fn acties_per_casus_en_per_verwijzing_uit_de_indexen() {
        let stappen = plan(lijsten::CASUSSEN, 3).await;
        assert!(
            stappen
                .iter()
                .any(|s| s == "SEARCH a USING INDEX actie_casus (casus=? AND organisatie=?)"),
            "{stappen:?}"
        );
        scant_niet(&stappen, &["c", "k", "p", "a"]);
        let stappen = plan(verloop::ACTIES_VAN_VERWIJZING_AFRONDEN, 4).await;
        assert_eq!(
            stappen,
            ["SEARCH actie USING INDEX actie_verwijzing (verwijzing=?)"]
        );
    }

    /// A region's reports (the monitoring figures, the maatwerk referrals
    /// to decide on, the break-the-glass accesses) start from the region's
    /// organisations and read only their cases (or households), events,
    /// referrals and deliveries: in an installation of many regions, not
    /// the country's.
    #[tokio::test]
    async fn een_regio_leest_haar_eigen_overzicht() {
        let (vragen, open_aan_einden) = verloop::monitoring_vragen(12);
        let regio = [
            (
                format!("SELECT count(*) {}", verloop::MAATWERK_VAN_REGIO),
                2,
            ),
            (format!("SELECT count(*) {}", noodtoegang::IN_REGIO), 3),
            (open_aan_einden, 5 + 12),
        ];
        let alle = vragen.into_iter().map(|v| (v, 5)).chain(regio);
        for (sql, parameters) in alle {
            let stappen = plan(&sql, parameters).await;
            assert!(
                stappen
                    .iter()
                    .any(|s| s.ends_with("USING COVERING INDEX organisatie_regio (regio=?)")),
                "{stappen:?}"
            );
            scant_niet(&stappen, &["c", "g", "v", "jj", "l", "n"]);
        }
    }
}
