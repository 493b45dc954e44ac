//! The directory's contact persons (issue 5, and 13.5 for the
//! beheerder's one-by-one changes): a region's list replaced by an import,
//! or one contact added, changed or removed, each with its audit record in
//! one transaction.

use schakel_storage::Gidscontact;

use schakel_storage::klok;
use schakel_storage::{Id, NieuwAuditRecord, OpslagFout, Resultaat};

use crate::motor::{Pool, Rij, Verbinding, fout, kol, tijd_db, tijd_optie};
use crate::sql::kern::voeg_audit_toe;

const KOLOMMEN: &str = "id, regio, organisatie, functie, naam, telefoon, email, gewijzigd";

fn uit_rij(r: &Rij) -> Resultaat<Gidscontact> {
    Ok(Gidscontact {
        id: kol(r, "id")?,
        regio: kol(r, "regio")?,
        organisatie: kol(r, "organisatie")?,
        functie: kol(r, "functie")?,
        naam: kol(r, "naam")?,
        telefoon: kol(r, "telefoon")?,
        email: kol(r, "email")?,
        gewijzigd: tijd_optie(r, "gewijzigd")?,
    })
}

async fn voeg_in(c: &mut Verbinding, regio: Id, g: &Gidscontact) -> Resultaat<Id> {
    sqlx::query_scalar(
        "INSERT INTO contactpersoon_gids \
         (regio, organisatie, functie, naam, telefoon, email, gewijzigd) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(regio)
    .bind(g.organisatie)
    .bind(&g.functie)
    .bind(&g.naam)
    .bind(&g.telefoon)
    .bind(&g.email)
    .bind(tijd_db(&klok::nu()))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)
}

pub(crate) async fn zet(
    c: &mut Verbinding,
    regio: Id,
    contacten: &[Gidscontact],
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM contactpersoon_gids WHERE regio = $1")
        .bind(regio)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    for g in contacten {
        voeg_in(c, regio, g).await?;
    }
    voeg_audit_toe(c, audit).await?;
    Ok(())
}

pub(crate) async fn lijst(pool: &Pool, regio: Option<Id>) -> Resultaat<Vec<Gidscontact>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {KOLOMMEN} FROM contactpersoon_gids \
         WHERE $1 IS NULL OR regio = $1 ORDER BY regio, organisatie NULLS FIRST, functie, naam, id"
    )))
    .bind(regio)
    .fetch_all(pool)
    .await
    .map_err(fout)?
    .iter()
    .map(uit_rij)
    .collect()
}

pub(crate) async fn een(c: &mut Verbinding, id: Id) -> Resultaat<Option<Gidscontact>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {KOLOMMEN} FROM contactpersoon_gids WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .as_ref()
    .map(uit_rij)
    .transpose()
}

pub(crate) async fn bewaar(
    c: &mut Verbinding,
    id: Option<Id>,
    g: &Gidscontact,
    audit: &NieuwAuditRecord,
) -> Resultaat<Gidscontact> {
    let id = match id {
        None => voeg_in(c, g.regio, g).await?,
        Some(id) => {
            let n = sqlx::query(
                "UPDATE contactpersoon_gids SET regio = $1, organisatie = $2, functie = $3, \
                 naam = $4, telefoon = $5, email = $6, gewijzigd = $7 WHERE id = $8",
            )
            .bind(g.regio)
            .bind(g.organisatie)
            .bind(&g.functie)
            .bind(&g.naam)
            .bind(&g.telefoon)
            .bind(&g.email)
            .bind(tijd_db(&klok::nu()))
            .bind(id)
            .execute(&mut *c)
            .await
            .map_err(fout)?
            .rows_affected();
            if n == 0 {
                return Err(OpslagFout::NietGevonden);
            }
            id
        }
    };
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    een(c, id).await?.ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn verwijder(
    c: &mut Verbinding,
    id: Id,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let n = sqlx::query("DELETE FROM contactpersoon_gids WHERE id = $1")
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(fout)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    Ok(())
}
