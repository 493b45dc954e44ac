//! A lost second factor removed by a beheerder or accountbeheerder (issue 13.3): every factor, every recovery code, every
//! session and waiting login of the account, with the audit record, in one
//! transaction.

use schakel_storage::{Id, NieuwAuditRecord, OpslagFout, Resultaat};

use crate::motor::{Verbinding, fout};
use crate::sql::kern::voeg_audit_toe;

pub(crate) async fn verwijder(
    c: &mut Verbinding,
    medewerker: Id,
    audit: &NieuwAuditRecord,
) -> Resultaat<u64> {
    let bestaat: Option<Id> = sqlx::query_scalar("SELECT id FROM medewerker WHERE id = $1")
        .bind(medewerker)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?;
    if bestaat.is_none() {
        return Err(OpslagFout::NietGevonden);
    }
    let weg = sqlx::query("DELETE FROM tweede_factor WHERE medewerker = $1")
        .bind(medewerker)
        .execute(&mut *c)
        .await
        .map_err(fout)?
        .rows_affected();
    for sql in [
        "DELETE FROM herstelcode WHERE medewerker = $1",
        "DELETE FROM aanmelding WHERE medewerker = $1",
        "DELETE FROM sessie WHERE medewerker = $1",
    ] {
        sqlx::query(sql)
            .bind(medewerker)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    voeg_audit_toe(c, audit).await?;
    Ok(weg)
}
