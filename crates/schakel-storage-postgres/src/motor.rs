//! What the one SQL implementation (`crates/schakel-storage/sql/`, compiled
//! into this crate) needs to know of PostgreSQL: its connection and row
//! types, its error kinds, and how a timestamp, a date and a boolean are
//! stored (timestamptz, date and boolean, through sqlx's chrono types; the
//! audit timestamp alone is TEXT, exactly as hashed).

use crate::sql::kern::pak_clients;
use chrono::{DateTime, NaiveDate, Utc};
use schakel_storage::{Id, Resultaat, Roltoewijzing};
use sqlx::Row;
pub(crate) use sqlx::postgres::{PgConnection as Verbinding, PgPool as Pool, PgRow as Rij};

/// What follows a `SELECT` that reads a row it is about to change: the row
/// stays locked until the transaction ends, so a concurrent writer waits
/// and then reads what this one left.
pub(crate) const VOOR_WIJZIGING: &str = " FOR UPDATE";

pub(crate) use crate::fout;

pub(crate) fn kol<'r, T>(r: &'r Rij, naam: &str) -> Resultaat<T>
where
    T: sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres>,
{
    r.try_get(naam).map_err(fout)
}

/// A timestamp as bound to a statement.
pub(crate) fn tijd_db(t: &DateTime<Utc>) -> DateTime<Utc> {
    *t
}

pub(crate) fn tijd_optie_db(t: Option<&DateTime<Utc>>) -> Option<DateTime<Utc>> {
    t.copied()
}

/// A date as bound to a statement.
pub(crate) fn datum_db(d: NaiveDate) -> NaiveDate {
    d
}

pub(crate) fn datum_optie_db(d: Option<NaiveDate>) -> Option<NaiveDate> {
    d
}

pub(crate) fn tijd(r: &Rij, naam: &str) -> Resultaat<DateTime<Utc>> {
    kol(r, naam)
}

pub(crate) fn tijd_optie(r: &Rij, naam: &str) -> Resultaat<Option<DateTime<Utc>>> {
    kol(r, naam)
}

pub(crate) fn datum(r: &Rij, naam: &str) -> Resultaat<NaiveDate> {
    kol(r, naam)
}

pub(crate) fn datum_optie(r: &Rij, naam: &str) -> Resultaat<Option<NaiveDate>> {
    kol(r, naam)
}

pub(crate) fn boolean(r: &Rij, naam: &str) -> Resultaat<bool> {
    kol(r, naam)
}

/// The aggregate that gathers rows into one JSON array, and the function
/// that makes one row a JSON array (`sql::kern::audit_als_json`).
pub(crate) const JSON_LIJST: &str = "json_agg";
pub(crate) const JSON_RIJ: &str = "json_build_array";

/// How a write transaction begins: rows are locked as they are read
/// ([`VOOR_WIJZIGING`]), the audit head among them.
pub(crate) const BEGIN_SCHRIJF: &str = "BEGIN";

/// Gives `medewerker` the roles `nieuw`, after those it holds; PostgreSQL
/// keeps their order in the `volgorde` column.
pub(crate) async fn voeg_rollen_toe(
    c: &mut Verbinding,
    medewerker: Id,
    nieuw: &[Roltoewijzing],
) -> Resultaat<()> {
    let volgorde: i32 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(volgorde), -1) + 1 FROM roltoewijzing WHERE medewerker = $1",
    )
    .bind(medewerker)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    for (n, r) in nieuw.iter().enumerate() {
        sqlx::query(
            "INSERT INTO roltoewijzing (medewerker, rol, organisatie, volgorde) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(medewerker)
        .bind(r.rol.naam())
        .bind(r.organisatie)
        .bind(volgorde.saturating_add(i32::try_from(n).unwrap_or(i32::MAX)))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    Ok(())
}

/// Keeps others off `tabellen` until the transaction ends, in PostgreSQL's
/// lock `modus` (SHARE ROW EXCLUSIVE: other writers wait, readers go on),
/// so checks made on them hold until the commit.
pub(crate) async fn vergrendel(c: &mut Verbinding, tabellen: &str, modus: &str) -> Resultaat<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "LOCK TABLE {tabellen} IN {modus} MODE"
    )))
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    Ok(())
}

/// The month (`YYYY-MM`) of a timestamp column, in SQL.
pub(crate) fn maand_van_tijd(kolom: &str) -> String {
    format!("to_char({kolom} AT TIME ZONE 'UTC', 'YYYY-MM')")
}

/// The month (`YYYY-MM`) of a date column, in SQL.
pub(crate) fn maand_van_datum(kolom: &str) -> String {
    format!("to_char({kolom}, 'YYYY-MM')")
}

/// The day (UTC) of a timestamp column, in SQL, comparable with a bound
/// date ([`datum_db`]).
pub(crate) fn dag_van_tijd(kolom: &str) -> String {
    format!("({kolom} AT TIME ZONE 'UTC')::date")
}

/// A postcode text column (`1354AB`) as the directory's number
/// (`schakel_domain::gids::postcode_getal`), in SQL: to join `adres`.
pub(crate) fn postcode_getal(kolom: &str) -> String {
    format!(
        "(CAST(substr({kolom}, 1, 4) AS INTEGER) * 676 + (ascii(substr({kolom}, 5, 1)) - 65) * 26 \
         + ascii(substr({kolom}, 6, 1)) - 65)"
    )
}

/// The order a medewerker's roles are listed in: as given, kept in a
/// column.
pub(crate) const ROL_VOLGORDE: &str = "volgorde, rol, organisatie";

/// The audit table's columns, in the order the UNNEST below gives them.
const AUDIT_INSERT: &str = "INSERT INTO audit (volgnummer, gebeurtenis, actie, tijdstip, \
     gebruiker, rol, organisatie, namens, client_type, client, object_type, object_id, uitkomst, \
     grond, bron, systeem, vorige_hash, hash)";

/// The batch's rows as one array per column, parameters $1 to $18.
const AUDIT_RIJEN: &str = "SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], \
     $4::text[], $5::bigint[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], \
     $11::text[], $12::bigint[], $13::text[], $14::text[], $15::text[], $16::text[], \
     $17::text[], $18::text[]) AS rij";

/// Binds the columns of `opgeslagen` as $1 to $18 ([`AUDIT_RIJEN`]),
/// borrowing the records' text rather than copying it per column.
fn bind_audits<'q>(
    q: sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments>,
    opgeslagen: &'q [schakel_storage::AuditRecord],
) -> sqlx::query::Query<'q, sqlx::Postgres, sqlx::postgres::PgArguments> {
    use schakel_storage::AuditRecord;
    let tekst =
        |f: fn(&'q AuditRecord) -> Option<&'q str>| opgeslagen.iter().map(f).collect::<Vec<_>>();
    let getal = |f: fn(&AuditRecord) -> Option<i64>| opgeslagen.iter().map(f).collect::<Vec<_>>();
    q.bind(getal(|a| Some(a.volgnummer)))
        .bind(tekst(|a| Some(&a.record.gebeurtenis)))
        .bind(tekst(|a| Some(a.record.actie.code())))
        .bind(
            opgeslagen
                .iter()
                .map(|a| a.record.tijdstip_tekst())
                .collect::<Vec<_>>(),
        )
        .bind(getal(|a| a.record.gebruiker))
        .bind(tekst(|a| a.record.rol.map(|r| r.naam())))
        .bind(getal(|a| a.record.organisatie))
        .bind(getal(|a| a.record.namens))
        .bind(tekst(|a| a.record.client_type.as_deref()))
        .bind(tekst(|a| a.record.client.as_deref()))
        .bind(tekst(|a| Some(&a.record.object_type)))
        .bind(getal(|a| a.record.object_id))
        .bind(tekst(|a| Some(a.record.uitkomst.naam())))
        .bind(tekst(|a| a.record.grond.as_deref()))
        .bind(tekst(|a| Some(&a.record.bron)))
        .bind(tekst(|a| Some(&a.record.systeem)))
        .bind(tekst(|a| Some(&a.vorige_hash)))
        .bind(tekst(|a| Some(&a.hash)))
}

/// Writes hashed audit records (bulk loading): one statement for the whole
/// batch, so a page of 20 reads costs one round trip to the server, not 20.
pub(crate) async fn schrijf_audits(
    c: &mut Verbinding,
    opgeslagen: &[schakel_storage::AuditRecord],
) -> Resultaat<()> {
    let sql = format!("{AUDIT_INSERT} {AUDIT_RIJEN}");
    bind_audits(sqlx::query(sqlx::AssertSqlSafe(sql)), opgeslagen)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

/// How a sequencer's batch is appended after the head `$3`, `$4` (see
/// `sql::auditlog::schrijf_batch_na_kop`): one statement, its own
/// transaction, whose row lock on the head serialises it with every other
/// append; one round trip, committed (durable) when it returns. Its one row
/// says that the head moved.
pub(crate) const BATCH_NA_KOP: &str = "WITH kop AS (UPDATE audit_kop SET volgnummer = $1, hash = $2 \
       WHERE id = 1 AND volgnummer = $3 AND hash = $4 RETURNING id), \
     pak AS (INSERT INTO audit_pak (eerste, laatste, records, records_lz4) \
       SELECT $5, $1, '', $6 FROM kop RETURNING eerste), \
     cl AS (INSERT INTO audit_pak_client (client, pak) \
       SELECT c.client, pak.eerste FROM pak, UNNEST($7::text[]) AS c (client)) \
     SELECT eerste FROM pak";

/// A batch's jeugdigen as [`BATCH_NA_KOP`] takes them: a `text[]`.
pub(crate) fn pak_clients_param(
    opgeslagen: &[schakel_storage::AuditRecord],
) -> Resultaat<Vec<&str>> {
    Ok(pak_clients(opgeslagen))
}

/// What follows a `SELECT` over several tables that reads the rows of
/// `alias` it is about to change: those rows alone stay locked.
pub(crate) fn voor_wijziging_van(alias: &str) -> String {
    format!(" FOR UPDATE OF {alias}")
}

/// Whether a write transaction leaves its records in an outbox instead of
/// appending them to the chain (`sql::kern::bewaar_audits`): the chain is in
/// the same database.
pub(crate) const UITVOER: bool = false;
