//! An account's life cycle on SQLite (issue 13.2): the list of a region's
//! or an organisation's accounts, role changes and the user's own password
//! change.

use schakel_storage::MedewerkerFilter;

use super::*;

pub(crate) async fn medewerkers(
    c: &mut SqliteConnection,
    filter: MedewerkerFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Medewerker>> {
    let (voorwaarde, waarde) = match filter {
        MedewerkerFilter::Regio(r) => (
            "r.organisatie IN (SELECT id FROM organisatie WHERE regio = ?)",
            r,
        ),
        MedewerkerFilter::Organisatie(o) => ("r.organisatie = ?", o),
    };
    let waar = format!(
        "FROM medewerker m WHERE EXISTS (SELECT 1 FROM roltoewijzing r \
         WHERE r.medewerker = m.id AND {voorwaarde})"
    );
    let totaal: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) {waar}")))
        .bind(waarde)
        .fetch_one(&mut *c)
        .await
        .map_err(db)?;
    let ids: Vec<Id> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT m.id {waar} ORDER BY m.naam, m.id LIMIT ? OFFSET ?"
    )))
    .bind(waarde)
    .bind(pagina.aantal)
    .bind(pagina.vanaf)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.extend(lees_medewerker(c, id).await?);
    }
    Ok(Lijst { items, totaal })
}

pub(crate) async fn zet_rollen(
    c: &mut SqliteConnection,
    id: Id,
    rollen: &[Roltoewijzing],
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let oud = lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    for r in rollen {
        eis(c, ORGANISATIE_BESTAAT, r.organisatie, "organisatie").await?;
    }
    // Only what is taken away is deleted: the foreign keys of sessions and
    // tokens end exactly those that act in it.
    for r in oud.rollen.iter().filter(|r| !rollen.contains(r)) {
        sqlx::query(
            "DELETE FROM roltoewijzing WHERE medewerker = ? AND rol = ? AND organisatie = ?",
        )
        .bind(id)
        .bind(r.rol.naam())
        .bind(r.organisatie)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    }
    for r in rollen.iter().filter(|r| !oud.rollen.contains(r)) {
        sqlx::query(
            "INSERT OR IGNORE INTO roltoewijzing (medewerker, rol, organisatie) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(r.rol.naam())
        .bind(r.organisatie)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    }
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn zet_wachtwoord(
    c: &mut SqliteConnection,
    id: Id,
    wachtwoord_hash: &str,
    behoud: Option<&str>,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let n = sqlx::query("UPDATE medewerker SET wachtwoord_hash = ? WHERE id = ?")
        .bind(wachtwoord_hash)
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(db)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    sqlx::query("DELETE FROM sessie WHERE medewerker = ? AND token_hash IS NOT ?")
        .bind(id)
        .bind(behoud)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    Ok(())
}
