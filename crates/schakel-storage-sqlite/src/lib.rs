//! # schakel-storage-sqlite
//!
//! [`Opslag`](schakel_storage::Opslag) on an embedded SQLite file: zero set-up, WAL journal,
//! `synchronous = FULL` (a write that was acknowledged survives a crash or a
//! power cut), foreign keys on, embedded migrations (`migrations/`).
//!
//! Every write that changes a jeugdige's data runs in one `BEGIN IMMEDIATE`
//! transaction together with its audit record, so a change is never
//! committed without its record, and appends to the audit hash chain are
//! serialised by SQLite's single writer lock: two appends can never take the
//! same volgnummer or the same previous hash.
//!
//! Values are stored as TEXT where SQLite has no type: timestamps as RFC 3339
//! UTC with six fractional digits (what [`NieuwAuditRecord::tijdstip_tekst`]
//! writes, so the audit hash is recomputed over exactly what was hashed),
//! dates as `YYYY-MM-DD`. What comes back is parsed through the domain types;
//! a value that does not parse is an [`OpslagFout::Database`] error that
//! names the column, never the value.

use std::path::Path;
use std::time::Duration;

use chrono::Utc;
use schakel_storage::{OpslagFout, Resultaat};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

mod adresimport;
mod motor;
#[path = "../../schakel-storage/sql/mod.rs"]
mod sql;
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

/// Schakel's storage on one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteOpslag {
    pool: SqlitePool,
    /// The sequencer's own connection (see [`auditlog::migreer`]).
    schrijfpool: SqlitePool,
    sequencer: schakel_storage::sequencer::Sequencer,
}

impl SqliteOpslag {
    /// Opens (and creates, when missing) the database file at `pad` and
    /// brings its schema up to date.
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
            .connect_with(opties)
            .await
            .map_err(fout)?;
        let schrijfpool = auditlog::eigen_verbinding(&pool, WACHTTIJD * 3);
        Self::migreer(pool, schrijfpool).await
    }

    /// A private database in memory, gone when the value is dropped; for
    /// tests. One connection, so every query sees the same database.
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
        // A second connection would open another, empty database.
        Self::migreer(pool.clone(), pool).await
    }

    async fn migreer(pool: SqlitePool, schrijfpool: SqlitePool) -> Resultaat<Self> {
        Ok(Self {
            sequencer: auditlog::migreer(&MIGRATIES, &pool, &schrijfpool).await?,
            pool,
            schrijfpool,
        })
    }

    /// SQLite's own consistency check (`PRAGMA integrity_check`) plus the
    /// foreign-key check; `Ok` when both find nothing.
    pub async fn integriteitscontrole(&self) -> Resultaat<()> {
        let mut c = self.pool.acquire().await.map_err(fout)?;
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

    /// Closes every connection (checkpointing the WAL); further use fails.
    pub async fn sluit(&self) {
        self.schrijfpool.close().await;
        self.pool.close().await;
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

    pub(crate) async fn eigen_backup(&self, doel: &Path) -> Resultaat<()> {
        if doel.exists() {
            return Err(bestaat_al(doel));
        }
        // VACUUM INTO writes a consistent snapshot but neither syncs it nor
        // survives an interruption: write beside the target, sync, then link
        // it into place (which also refuses to overwrite).
        let naam = doel.file_name().ok_or_else(|| {
            OpslagFout::Database("backup: het doel heeft geen bestandsnaam".into())
        })?;
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
        let mut c = self.pool.acquire().await.map_err(fout)?;
        sqlx::query("VACUUM INTO ?")
            .bind(&deel_tekst)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
        drop(c);
        let klaar = zet_op_zijn_plaats(&deel, doel);
        let _ = std::fs::remove_file(&deel);
        klaar
    }
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
