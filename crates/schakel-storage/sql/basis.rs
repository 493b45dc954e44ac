//! Checks every write makes before it changes anything: a reference that
//! does not exist is named (SQLite's foreign-key errors do not say which).

use schakel_storage::{Id, OpslagFout, Resultaat};

use crate::motor::{Verbinding, fout};

pub(crate) const ORGANISATIE_BESTAAT: &str = "SELECT 1 FROM organisatie WHERE id = $1";
pub(crate) const MEDEWERKER_BESTAAT: &str = "SELECT 1 FROM medewerker WHERE id = $1";

pub(crate) async fn bestaat(c: &mut Verbinding, sql: &'static str, id: Id) -> Resultaat<bool> {
    Ok(sqlx::query(sql)
        .bind(id)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        .is_some())
}

/// `Ok` when `sql` finds `id`; otherwise an unknown reference to `wat`.
pub(crate) async fn eis(
    c: &mut Verbinding,
    sql: &'static str,
    id: Id,
    wat: &'static str,
) -> Resultaat<()> {
    if bestaat(c, sql, id).await? {
        Ok(())
    } else {
        Err(OpslagFout::OnbekendeVerwijzing(wat.into()))
    }
}

/// `Ok` when `medewerker` exists and holds `rol`; otherwise an unknown
/// reference to the one that is missing.
pub(crate) async fn eis_rol(
    c: &mut Verbinding,
    medewerker: Id,
    rol: schakel_storage::Roltoewijzing,
) -> Resultaat<()> {
    eis(c, MEDEWERKER_BESTAAT, medewerker, "medewerker").await?;
    let heeft = sqlx::query(
        "SELECT 1 FROM roltoewijzing WHERE medewerker = $1 AND rol = $2 AND organisatie = $3",
    )
    .bind(medewerker)
    .bind(rol.rol.naam())
    .bind(rol.organisatie)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .is_some();
    if heeft {
        Ok(())
    } else {
        Err(OpslagFout::OnbekendeVerwijzing("rol".into()))
    }
}

/// Marks a household as changed at `nu`: its retention deadline moves
/// along. An unknown household is an unknown reference.
pub(crate) async fn raak_huishouden_aan(
    c: &mut Verbinding,
    huishouden: Id,
    nu: chrono::DateTime<chrono::Utc>,
) -> Resultaat<()> {
    let n = sqlx::query("UPDATE huishouden SET gewijzigd = $2, bewaren_tot = $3 WHERE id = $1")
        .bind(huishouden)
        .bind(crate::motor::tijd_db(&nu))
        .bind(crate::motor::datum_db(schakel_storage::bewaren_tot(nu)))
        .execute(&mut *c)
        .await
        .map_err(fout)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::OnbekendeVerwijzing("huishouden".into()));
    }
    Ok(())
}
