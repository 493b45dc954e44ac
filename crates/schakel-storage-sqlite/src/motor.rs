//! What the one SQL implementation (`crates/schakel-storage/sql/`, compiled
//! into this crate) needs to know of SQLite: its connection and row types,
//! its error kinds, and how a timestamp, a date and a boolean are stored.
//! Timestamps are TEXT, RFC 3339 UTC with six fractional digits (what
//! [`NieuwAuditRecord::tijdstip_tekst`](schakel_storage::NieuwAuditRecord)
//! writes, so that text sorts as time and the audit hash is recomputed over
//! exactly what was hashed); dates are TEXT `YYYY-MM-DD`; booleans INTEGER
//! 0 or 1.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use schakel_storage::{Id, OpslagFout, Resultaat, Roltoewijzing};
use sqlx::Row;
use sqlx::error::ErrorKind;
pub(crate) use sqlx::sqlite::{
    SqliteConnection as Verbinding, SqlitePool as Pool, SqliteRow as Rij,
};

use crate::sql::kern::{audit_als_json_tekst, pak_clients};
use crate::sql::rij::ongeldig;

/// What follows a `SELECT` that reads a row it is about to change. SQLite
/// needs nothing: every write transaction holds the database's one write
/// lock from its start (`BEGIN IMMEDIATE`).
pub(crate) const VOOR_WIJZIGING: &str = "";

/// Maps a database error: uniqueness and references to their own variants.
pub(crate) fn fout(e: sqlx::Error) -> OpslagFout {
    if let sqlx::Error::Database(d) = &e {
        match d.kind() {
            // "UNIQUE constraint failed: jeugdige.bsn" → "bsn"
            ErrorKind::UniqueViolation => {
                let kolommen = d
                    .message()
                    .rsplit(": ")
                    .next()
                    .unwrap_or_default()
                    .split(", ")
                    .map(|k| k.rsplit('.').next().unwrap_or(k))
                    .collect::<Vec<_>>()
                    .join(",");
                return OpslagFout::BestaatAl(kolommen);
            }
            // SQLite does not say which reference; the write methods check
            // their references first and name them.
            ErrorKind::ForeignKeyViolation => {
                return OpslagFout::OnbekendeVerwijzing("verwijzing".into());
            }
            _ => {}
        }
    }
    if let sqlx::Error::RowNotFound = e {
        return OpslagFout::NietGevonden;
    }
    OpslagFout::Database(e.to_string())
}

pub(crate) fn kol<'r, T>(r: &'r Rij, naam: &str) -> Resultaat<T>
where
    T: sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite>,
{
    r.try_get(naam).map_err(|_| ongeldig(naam))
}

/// A timestamp as bound to a statement.
pub(crate) fn tijd_db(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn tijd_optie_db(t: Option<&DateTime<Utc>>) -> Option<String> {
    t.map(tijd_db)
}

/// A date as bound to a statement.
pub(crate) fn datum_db(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn datum_optie_db(d: Option<NaiveDate>) -> Option<String> {
    d.map(datum_db)
}

fn tijd_uit(s: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc))
}

fn datum_uit(s: &str) -> Result<NaiveDate, chrono::ParseError> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
}

pub(crate) fn tijd(r: &Rij, naam: &str) -> Resultaat<DateTime<Utc>> {
    crate::sql::rij::geparst(r, naam, tijd_uit)
}

pub(crate) fn tijd_optie(r: &Rij, naam: &str) -> Resultaat<Option<DateTime<Utc>>> {
    crate::sql::rij::optie_geparst(r, naam, tijd_uit)
}

pub(crate) fn datum(r: &Rij, naam: &str) -> Resultaat<NaiveDate> {
    crate::sql::rij::geparst(r, naam, datum_uit)
}

pub(crate) fn datum_optie(r: &Rij, naam: &str) -> Resultaat<Option<NaiveDate>> {
    crate::sql::rij::optie_geparst(r, naam, datum_uit)
}

pub(crate) fn boolean(r: &Rij, naam: &str) -> Resultaat<bool> {
    match kol::<i64>(r, naam)? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(ongeldig(naam)),
    }
}

/// The aggregate that gathers rows into one JSON array, and the function
/// that makes one row a JSON array (`sql::kern::audit_als_json`).
pub(crate) const JSON_LIJST: &str = "json_group_array";
pub(crate) const JSON_RIJ: &str = "json_array";

/// How a write transaction begins: with the database's write lock.
pub(crate) const BEGIN_SCHRIJF: &str = "BEGIN IMMEDIATE";

/// Gives `medewerker` the roles `nieuw`, after those it holds; SQLite
/// keeps their order as the rows' order (`rowid`).
pub(crate) async fn voeg_rollen_toe(
    c: &mut Verbinding,
    medewerker: Id,
    nieuw: &[Roltoewijzing],
) -> Resultaat<()> {
    for r in nieuw {
        sqlx::query(
            "INSERT INTO roltoewijzing (medewerker, rol, organisatie) VALUES ($1, $2, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(medewerker)
        .bind(r.rol.naam())
        .bind(r.organisatie)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    Ok(())
}

/// Keeps other writers off `tabellen` until the transaction ends: nothing to
/// do, as a write transaction holds SQLite's one write lock from its start.
pub(crate) async fn vergrendel(
    _c: &mut Verbinding,
    _tabellen: &str,
    _modus: &str,
) -> Resultaat<()> {
    Ok(())
}

/// The month (`YYYY-MM`) of a timestamp column, in SQL.
pub(crate) fn maand_van_tijd(kolom: &str) -> String {
    format!("substr({kolom}, 1, 7)")
}

/// The month (`YYYY-MM`) of a date column, in SQL.
pub(crate) fn maand_van_datum(kolom: &str) -> String {
    format!("substr({kolom}, 1, 7)")
}

/// The day (UTC) of a timestamp column, in SQL, comparable with a bound
/// date ([`datum_db`]).
pub(crate) fn dag_van_tijd(kolom: &str) -> String {
    format!("substr({kolom}, 1, 10)")
}

/// A postcode text column (`1354AB`) as the directory's number
/// (`schakel_domain::gids::postcode_getal`), in SQL: to join `adres`.
pub(crate) fn postcode_getal(kolom: &str) -> String {
    format!(
        "(CAST(substr({kolom}, 1, 4) AS INTEGER) * 676 + (unicode(substr({kolom}, 5, 1)) - 65) * 26 \
         + unicode(substr({kolom}, 6, 1)) - 65)"
    )
}

/// The order a medewerker's roles are listed in: as given, the rows' order.
pub(crate) const ROL_VOLGORDE: &str = "rowid";

/// Writes hashed audit records in one statement.
pub(crate) async fn schrijf_audits(
    c: &mut Verbinding,
    opgeslagen: &[schakel_storage::AuditRecord],
) -> Resultaat<()> {
    // One statement for the whole batch, its rows as one JSON array that
    // `jsonb_each` unfolds (as UNNEST does on PostgreSQL): one round trip
    // through sqlx's worker thread and one prepared statement, instead of
    // one INSERT per record (≈ 640 per batch at 32 connections). `jsonb_`:
    // each row comes out parsed, so its 18 `->>` do not turn it into text
    // and parse it again, once per column. No `ORDER BY key`: each row
    // carries its volgnummer (the primary key), and `jsonb_each` walks the
    // array in order anyway; sorting made SQLite collect every row first.
    let rijen = audit_als_json_tekst(opgeslagen)?;
    sqlx::query(
        "INSERT INTO audit (volgnummer, gebeurtenis, actie, tijdstip, gebruiker, rol, \
         organisatie, namens, client_type, client, object_type, object_id, uitkomst, grond, \
         bron, systeem, vorige_hash, hash) \
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
           value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, \
           value ->> 12, value ->> 13, value ->> 14, value ->> 15, value ->> 16, value ->> 17 \
         FROM jsonb_each(?)",
    )
    .bind(rijen)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    Ok(())
}

/// How a sequencer's batch is appended after the head `$3`, `$4` (see
/// `sql::auditlog::schrijf_batch_na_kop`): one script on the connection's
/// thread, not statement by statement through sqlx's transaction. sqlx runs
/// each SQLite connection on a thread of its own; every statement sent is a
/// hand-over to that thread and back, which under load waits for a core,
/// and the batch's requests wait for all of them (BENCHMARKS.md, "A batch
/// in one hand-over"). SQLite's write lock serialises it with every other
/// append. The inserts follow only when the head is then the batch's last
/// record, and the head's update returns a row only when it moved it: when
/// another append came first, the script commits nothing and returns no
/// row. (Not the script's count of changed rows: sqlx sums what
/// `sqlite3_changes` says after each statement, and after `BEGIN` and
/// `COMMIT` that is the count of the statement before.)
pub(crate) const BATCH_NA_KOP: &str = "BEGIN IMMEDIATE; \
     UPDATE audit_kop SET volgnummer = $1, hash = $2 \
       WHERE id = 1 AND volgnummer = $3 AND hash = $4 RETURNING id; \
     INSERT INTO audit_pak (eerste, laatste, records, records_lz4) \
       SELECT $5, $1, '', $6 \
       WHERE EXISTS (SELECT 1 FROM audit_kop WHERE id = 1 AND volgnummer = $1 AND hash = $2); \
     INSERT INTO audit_pak_client (client, pak) \
       SELECT value, $5 FROM json_each($7) \
       WHERE EXISTS (SELECT 1 FROM audit_kop WHERE id = 1 AND volgnummer = $1 AND hash = $2); \
     COMMIT";

/// A batch's jeugdigen as [`BATCH_NA_KOP`] takes them: a JSON array.
pub(crate) fn pak_clients_param(opgeslagen: &[schakel_storage::AuditRecord]) -> Resultaat<String> {
    serde_json::to_string(&pak_clients(opgeslagen)).map_err(|e| OpslagFout::Database(e.to_string()))
}

/// What follows a `SELECT` over several tables that reads the rows of
/// `alias` it is about to change: nothing on SQLite (see [`VOOR_WIJZIGING`]).
pub(crate) fn voor_wijziging_van(_alias: &str) -> String {
    String::new()
}

/// Whether a write transaction leaves its records in the outbox `audit_uit`
/// (`sql::kern::bewaar_audits`): the chain is in a file of its own, and
/// SQLite does not commit atomically across files.
pub(crate) const UITVOER: bool = true;
