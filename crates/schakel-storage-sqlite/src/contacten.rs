//! The directory's contact persons on SQLite (issue 5, and 13.5 for the
//! beheerder's one-by-one changes): a region's list replaced by an import,
//! or one contact added, changed or removed, each with its audit record in
//! one transaction.

use schakel_storage::Gidscontact;

use super::*;

const KOLOMMEN: &str = "id, regio, organisatie, functie, naam, telefoon, email, gewijzigd";

fn uit_rij(r: &SqliteRow) -> Resultaat<Gidscontact> {
    let gewijzigd: Option<String> = kolom(r, "gewijzigd")?;
    Ok(Gidscontact {
        id: kolom(r, "id")?,
        regio: kolom(r, "regio")?,
        organisatie: kolom(r, "organisatie")?,
        functie: kolom(r, "functie")?,
        naam: kolom(r, "naam")?,
        telefoon: kolom(r, "telefoon")?,
        email: kolom(r, "email")?,
        gewijzigd: match gewijzigd {
            Some(_) => Some(tijd(r, "gewijzigd")?),
            None => None,
        },
    })
}

async fn voeg_in(c: &mut SqliteConnection, regio: Id, g: &Gidscontact, nu: &str) -> Resultaat<Id> {
    Ok(sqlx::query(
        "INSERT INTO contactpersoon_gids \
         (regio, organisatie, functie, naam, telefoon, email, gewijzigd) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(regio)
    .bind(g.organisatie)
    .bind(&g.functie)
    .bind(&g.naam)
    .bind(&g.telefoon)
    .bind(&g.email)
    .bind(nu)
    .execute(&mut *c)
    .await
    .map_err(db)?
    .last_insert_rowid())
}

pub(crate) async fn zet(
    c: &mut SqliteConnection,
    regio: Id,
    contacten: &[Gidscontact],
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM contactpersoon_gids WHERE regio = ?")
        .bind(regio)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    let nu = tijd_tekst(&klok::nu());
    for g in contacten {
        voeg_in(c, regio, g, &nu).await?;
    }
    voeg_audit_toe(c, audit).await?;
    Ok(())
}

pub(crate) async fn lijst(pool: &SqlitePool, regio: Option<Id>) -> Resultaat<Vec<Gidscontact>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {KOLOMMEN} FROM contactpersoon_gids \
         WHERE ?1 IS NULL OR regio = ?1 ORDER BY regio, organisatie NULLS FIRST, functie, naam, id"
    )))
    .bind(regio)
    .fetch_all(pool)
    .await
    .map_err(db)?
    .iter()
    .map(uit_rij)
    .collect()
}

pub(crate) async fn een(c: &mut SqliteConnection, id: Id) -> Resultaat<Option<Gidscontact>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {KOLOMMEN} FROM contactpersoon_gids WHERE id = ?"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(db)?
    .as_ref()
    .map(uit_rij)
    .transpose()
}

pub(crate) async fn bewaar(
    c: &mut SqliteConnection,
    id: Option<Id>,
    g: &Gidscontact,
    audit: &NieuwAuditRecord,
) -> Resultaat<Gidscontact> {
    let nu = tijd_tekst(&klok::nu());
    let id = match id {
        None => voeg_in(c, g.regio, g, &nu).await?,
        Some(id) => {
            let n = sqlx::query(
                "UPDATE contactpersoon_gids SET regio = ?, organisatie = ?, functie = ?, \
                 naam = ?, telefoon = ?, email = ?, gewijzigd = ? WHERE id = ?",
            )
            .bind(g.regio)
            .bind(g.organisatie)
            .bind(&g.functie)
            .bind(&g.naam)
            .bind(&g.telefoon)
            .bind(&g.email)
            .bind(&nu)
            .bind(id)
            .execute(&mut *c)
            .await
            .map_err(db)?
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
    c: &mut SqliteConnection,
    id: Id,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let n = sqlx::query("DELETE FROM contactpersoon_gids WHERE id = ?")
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(db)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    Ok(())
}
