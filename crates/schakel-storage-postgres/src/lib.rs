//! # schakel-storage-postgres
//!
//! [`PgOpslag`]: Schakel's [`Opslag`](schakel_storage::Opslag) on PostgreSQL, for deployments that run
//! `schakel serve --database-url postgres://…`. It has the same tables, keys
//! and rules as the SQLite backend (`migrations/0001_schema.sql` mirrors
//! `schakel-storage-sqlite`'s) and passes the same test suite
//! ([`schakel_storage::testsuite`]).
//!
//! - Every write that takes a [`NieuwAuditRecord`] stores the change and its
//!   audit record in one transaction.
//! - Audit appends lock the single row of `audit_kop` (`SELECT … FOR
//!   UPDATE`), so concurrent appends are serialised and never fork the chain.
//! - Values read back are parsed again through the domain's newtypes: a
//!   corrupt row is an error, never a value.
//! - Error messages never carry a value from a row (no BSN, no name): only
//!   constraint and column names.
//!
//! ## Backup and restore
//!
//! [`Opslag::backup`](schakel_storage::Opslag::backup) runs `pg_dump --format=custom` (one consistent
//! snapshot, online) into a new file; see its documentation on
//! [`PgOpslag`] for the `pg_restore` commands. The crate's tests restore a
//! backup into a new database and verify the audit chain there.
//!
//! ## Tests
//!
//! `tests/postgres.rs` needs a server: `SCHAKEL_TEST_PG_URL` (scripts/test
//! starts a throwaway one with `scripts/pg`). Each test creates its own
//! database on it.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::Utc;
use schakel_storage::{OpslagFout, Resultaat};
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};

mod adresimport;
mod melding;
mod motor;
#[path = "../../schakel-storage/sql/mod.rs"]
mod sql;
use sql::auditlog;

/// The schema, embedded in the binary; [`PgOpslag::connect`] applies what is
/// missing (under sqlx's advisory lock, so concurrent starts are safe).
pub static MIGRATIES: Migrator = sqlx::migrate!("./migrations");

/// Schakel's storage on a PostgreSQL database.
#[derive(Clone)]
pub struct PgOpslag {
    pool: PgPool,
    url: String,
    /// The sequencer's own connection (see [`auditlog::migreer`]).
    schrijfpool: PgPool,
    /// Where the audit log is read: the same database.
    auditpool: PgPool,
    sequencer: schakel_storage::sequencer::Sequencer,
}

/// The URL holds a password: never print it.
impl std::fmt::Debug for PgOpslag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgOpslag").finish_non_exhaustive()
    }
}

impl PgOpslag {
    /// Connects to `url` (`postgres://user:password@host:port/database`, or
    /// with `?host=/socket/dir`) and brings the schema up to date.
    pub async fn connect(url: &str) -> Resultaat<Self> {
        Self::connect_met(url, 10).await
    }

    /// As [`connect`](Self::connect), with at most `verbindingen` pooled
    /// connections.
    pub async fn connect_met(url: &str, verbindingen: u32) -> Resultaat<Self> {
        let opties = PgConnectOptions::from_str(url).map_err(fout)?;
        let pool = PgPoolOptions::new()
            .max_connections(verbindingen.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opties)
            .await
            .map_err(fout)?;
        let schrijfpool = eigen_verbinding(&pool, Duration::from_secs(30));
        auditlog::migreer(&MIGRATIES, &pool).await?;
        Ok(Self {
            sequencer: auditlog::sequencer(&schrijfpool, &pool),
            auditpool: pool.clone(),
            pool,
            schrijfpool,
            url: url.to_string(),
        })
    }

    /// The connection pool, for health checks and tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Closes every pooled connection.
    pub async fn sluit(&self) {
        self.schrijfpool.close().await;
        self.pool.close().await;
    }

    /// A write transaction; what must not change under it is locked as it
    /// is read (`motor::VOOR_WIJZIGING`).
    async fn schrijf(&self) -> Resultaat<sqlx::Transaction<'static, Postgres>> {
        self.pool
            .begin_with(motor::BEGIN_SCHRIJF)
            .await
            .map_err(fout)
    }

    /// A read-only transaction on one snapshot, for reads of several
    /// statements (a page and its total, a record and its parts).
    async fn lees(&self) -> Resultaat<sqlx::Transaction<'static, Postgres>> {
        self.pool
            .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .await
            .map_err(fout)
    }
}

// --- errors and decoding ----------------------------------------------------

/// Maps a database error onto the storage interface's errors. Only the
/// primary message and the constraint name are used: PostgreSQL puts the
/// offending values (a BSN, an e-mail address) in the error's detail, which
/// is never read.
fn fout(e: sqlx::Error) -> OpslagFout {
    match &e {
        sqlx::Error::Database(d) => {
            let wat = beperking(d.constraint(), d.table());
            if d.is_unique_violation() {
                OpslagFout::BestaatAl(wat)
            } else if d.is_foreign_key_violation() {
                OpslagFout::OnbekendeVerwijzing(wat)
            } else {
                OpslagFout::Database(d.message().to_string())
            }
        }
        sqlx::Error::RowNotFound => OpslagFout::NietGevonden,
        andere => OpslagFout::Database(andere.to_string()),
    }
}

/// The column(s) a violated constraint is about, comma-separated, as the
/// SQLite backend names them: "jeugdige_bsn_key" → "bsn", "sessie_pkey" →
/// "token_hash", "jeugdige_school_fkey" → "school". PostgreSQL's default
/// constraint names are `<table>_<columns>_key|fkey` and `<table>_pkey`.
fn beperking(naam: Option<&str>, tabel: Option<&str>) -> String {
    let Some(naam) = naam else {
        return tabel.unwrap_or("onbekend").to_string();
    };
    if let Some(t) = naam.strip_suffix("_pkey") {
        return match t {
            "sessie" | "api_token" => "token_hash",
            "roltoewijzing" => "medewerker,rol,organisatie",
            "casus_partij" => "casus,organisatie",
            "audit" => "volgnummer",
            _ => "id",
        }
        .to_string();
    }
    let kern = naam
        .strip_suffix("_fkey")
        .or_else(|| naam.strip_suffix("_key"))
        .unwrap_or(naam);
    let kolommen = tabel
        .and_then(|t| kern.strip_prefix(t)?.strip_prefix('_'))
        .unwrap_or(kern);
    match kolommen {
        // The composite reference of a session or token to a held role.
        "medewerker_rol_organisatie" => "rol".to_string(),
        k => k.to_string(),
    }
}

// --- backups ------------------------------------------------------------------

/// The pg_dump to use: `$SCHAKEL_PG_DUMP`, else the newest
/// `/usr/lib/postgresql/<major>/bin/pg_dump` (Debian; at least the server's
/// version), else `pg_dump` on PATH.
fn pg_dump_pad() -> PathBuf {
    if let Some(p) = std::env::var_os("SCHAKEL_PG_DUMP") {
        return PathBuf::from(p);
    }
    let nieuwste = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|d| {
            let major: u32 = d.file_name().to_str()?.parse().ok()?;
            let pad = d.path().join("bin/pg_dump");
            pad.is_file().then_some((major, pad))
        })
        .max_by_key(|(major, _)| *major);
    nieuwste.map_or_else(|| PathBuf::from("pg_dump"), |(_, pad)| pad)
}

/// libpq's view of a connection URL: sqlx-only query parameters dropped, the
/// password split off (it goes to pg_dump through PGPASSWORD, not on its
/// command line where every local user could read it).
fn libpq_url(url: &str) -> Resultaat<(String, Option<String>)> {
    const LIBPQ: &[&str] = &[
        "host",
        "hostaddr",
        "port",
        "dbname",
        "user",
        "application_name",
        "options",
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "connect_timeout",
    ];
    let mut u =
        url::Url::parse(url).map_err(|_| OpslagFout::Database("ongeldige database-URL".into()))?;
    let wachtwoord = u
        .password()
        .map(|p| {
            percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned()
        })
        .filter(|p| !p.is_empty());
    let _ = u.set_password(None);
    let houden: Vec<(String, String)> = u
        .query_pairs()
        .filter(|(k, _)| LIBPQ.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if houden.is_empty() {
        u.set_query(None);
    } else {
        u.query_pairs_mut().clear().extend_pairs(houden);
    }
    Ok((u.to_string(), wachtwoord))
}

fn io_fout(wat: &str, e: std::io::Error) -> OpslagFout {
    OpslagFout::Database(format!("backup: {wat}: {e}"))
}

// --- the trait ------------------------------------------------------------------

/// The store the shared operations (`crate::opslag`) are implemented on.
pub(crate) type DezeOpslag = PgOpslag;

/// The operations whose substance differs per engine; the shared
/// [`Opslag`](schakel_storage::Opslag) implementation calls them.
impl PgOpslag {
    pub(crate) fn eigen_backend(&self) -> &'static str {
        "postgres"
    }

    pub(crate) async fn eigen_meld_gidswijziging(&self) -> Resultaat<()> {
        melding::meld(&self.pool, melding::GIDS).await
    }

    pub(crate) async fn eigen_volg_gidswijzigingen(
        &self,
    ) -> Resultaat<Option<schakel_storage::Gidswijzigingen>> {
        melding::volg(&self.pool, melding::GIDS).await.map(Some)
    }

    pub(crate) async fn eigen_meld_regelpublicatie(&self) -> Resultaat<()> {
        melding::meld(&self.pool, melding::REGELS).await
    }

    pub(crate) async fn eigen_volg_regelpublicaties(
        &self,
    ) -> Resultaat<Option<schakel_storage::Regelpublicaties>> {
        melding::volg(&self.pool, melding::REGELS).await.map(Some)
    }

    /// A consistent online copy with `pg_dump --format=custom`: pg_dump reads
    /// the whole database in one snapshot while writers carry on. The file
    /// is written beside `doel` and linked into place only when complete, so
    /// `doel` is never a partial dump; an existing `doel` is never
    /// overwritten ([`OpslagFout::BestaatAl`]).
    ///
    /// Restore into a new, empty database (the schema's migrations come with
    /// the dump, so `schakel serve` finds them applied):
    ///
    /// ```sh
    /// createdb -h HOST -U USER schakel_hersteld
    /// pg_restore --exit-on-error --single-transaction --no-owner \
    ///     --dbname=postgres://USER@HOST/schakel_hersteld BACKUPFILE
    /// schakel audit verify --database-url postgres://USER@HOST/schakel_hersteld
    /// ```
    ///
    /// pg_dump and pg_restore must be at least the server's major version:
    /// set `SCHAKEL_PG_DUMP` to pick a pg_dump.
    pub(crate) async fn eigen_backup(&self, doel: &Path) -> Resultaat<()> {
        if doel.symlink_metadata().is_ok() {
            return Err(OpslagFout::BestaatAl(format!(
                "backupbestand {}",
                doel.display()
            )));
        }
        let naam = doel.file_name().ok_or_else(|| {
            OpslagFout::Database("backup: het doel heeft geen bestandsnaam".into())
        })?;
        let map = match doel.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let stempel = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        let deel = map.join(format!(
            ".{}.{}-{stempel}.deel",
            naam.to_string_lossy(),
            std::process::id()
        ));
        let (url, wachtwoord) = libpq_url(&self.url)?;
        let programma = pg_dump_pad();
        let mut opdracht = tokio::process::Command::new(&programma);
        opdracht
            .arg("--format=custom")
            .arg("--no-password")
            .arg(format!("--file={}", deel.display()))
            .arg(format!("--dbname={url}"))
            .kill_on_drop(true);
        if let Some(w) = wachtwoord {
            opdracht.env("PGPASSWORD", w);
        }
        let uit = opdracht
            .output()
            .await
            .map_err(|e| io_fout(&format!("{} starten", programma.display()), e))?;
        if !uit.status.success() {
            let _ = std::fs::remove_file(&deel);
            let melding = String::from_utf8_lossy(&uit.stderr);
            return Err(OpslagFout::Database(format!(
                "backup: pg_dump faalde ({}): {}",
                uit.status,
                melding.trim()
            )));
        }
        let klaar = (|| -> std::io::Result<()> {
            std::fs::File::open(&deel)?.sync_all()?;
            // A hard link fails when `doel` appeared meanwhile: never overwrite.
            std::fs::hard_link(&deel, doel)?;
            std::fs::remove_file(&deel)?;
            if let Ok(m) = std::fs::File::open(&map) {
                let _ = m.sync_all();
            }
            Ok(())
        })();
        match klaar {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = std::fs::remove_file(&deel);
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Err(OpslagFout::BestaatAl(format!(
                        "backupbestand {}",
                        doel.display()
                    )))
                } else {
                    Err(io_fout("wegschrijven", e))
                }
            }
        }
    }
}

/// A pool of one connection with `pool`'s settings, opened on first use:
/// the sequencer's own connection (see `sql::auditlog::migreer`).
fn eigen_verbinding(pool: &PgPool, wachttijd: Duration) -> PgPool {
    sqlx::pool::PoolOptions::new()
        .max_connections(1)
        .acquire_timeout(wachttijd)
        .connect_lazy_with((*pool.connect_options()).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beperkingen_krijgen_tabel_en_kolom() {
        assert_eq!(beperking(Some("jeugdige_bsn_key"), Some("jeugdige")), "bsn");
        assert_eq!(
            beperking(Some("medewerker_email_key"), Some("medewerker")),
            "email"
        );
        assert_eq!(
            beperking(
                Some("sessie_medewerker_rol_organisatie_fkey"),
                Some("sessie")
            ),
            "rol"
        );
        assert_eq!(
            beperking(Some("jeugdige_school_fkey"), Some("jeugdige")),
            "school"
        );
        assert_eq!(
            beperking(Some("roltoewijzing_pkey"), Some("roltoewijzing")),
            "medewerker,rol,organisatie"
        );
        assert_eq!(beperking(Some("sessie_pkey"), Some("sessie")), "token_hash");
        assert_eq!(beperking(None, None), "onbekend");
    }

    #[test]
    fn libpq_url_zonder_wachtwoord_en_sqlx_opties() {
        let (url, w) = libpq_url(
            "postgres://postgres:ge%40heim@127.0.0.1:5432/db?sslmode=disable&statement-cache-capacity=10",
        )
        .expect("valid");
        assert_eq!(url, "postgres://postgres@127.0.0.1:5432/db?sslmode=disable");
        assert_eq!(w.as_deref(), Some("ge@heim"));
        let (url, w) = libpq_url("postgres:///db?host=/tmp/sock").expect("valid");
        assert_eq!(url, "postgres:///db?host=%2Ftmp%2Fsock");
        assert_eq!(w, None);
    }
}
