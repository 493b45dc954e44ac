//! What the one SQL implementation (`crates/schakel-storage/sql/`, compiled
//! into this crate) needs to know of PostgreSQL: its connection and row
//! types, its error kinds, and how a timestamp, a date and a boolean are
//! stored (timestamptz, date and boolean, through sqlx's chrono types; the
//! audit timestamp alone is TEXT, exactly as hashed).

use chrono::{DateTime, NaiveDate, Utc};
use schakel_storage::Resultaat;
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
