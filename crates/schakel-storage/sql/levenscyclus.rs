//! An account's life cycle (issue 13.2): the list of a region's or an
//! organisation's accounts, role changes and the user's own password change.

use schakel_storage::MedewerkerFilter;

use schakel_storage::{
    Id, Lijst, Medewerker, NieuwAuditRecord, OpslagFout, Pagina, Resultaat, Roltoewijzing,
};

use crate::motor::{VOOR_WIJZIGING, Verbinding, fout, kol, voeg_rollen_toe};
use crate::sql::basis::{ORGANISATIE_BESTAAT, eis};
use crate::sql::kern::{lees_medewerker, voeg_audit_toe};
use crate::sql::lijsten::{lijst_met_totaal, met_totaal};

pub(crate) async fn medewerkers(
    c: &mut Verbinding,
    filter: MedewerkerFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Medewerker>> {
    let (voorwaarde, waarde) = match filter {
        MedewerkerFilter::Regio(r) => (
            "r.organisatie IN (SELECT id FROM organisatie WHERE regio = $1)",
            r,
        ),
        MedewerkerFilter::Organisatie(o) => ("r.organisatie = $1", o),
        MedewerkerFilter::EigenOrganisatie(o) => (
            "r.organisatie = $1 AND NOT EXISTS (SELECT 1 FROM roltoewijzing x \
             WHERE x.medewerker = m.id AND (x.organisatie <> r.organisatie OR x.rol = 'beheerder'))",
            o,
        ),
    };
    // An account with the national role is on no list: its scope is every
    // region, and only the installation's operator manages it.
    let waar = format!(
        "FROM medewerker m WHERE EXISTS (SELECT 1 FROM roltoewijzing r \
         WHERE r.medewerker = m.id AND {voorwaarde}) \
         AND NOT EXISTS (SELECT 1 FROM roltoewijzing l \
         WHERE l.medewerker = m.id AND l.rol = 'landelijk')"
    );
    let tel = format!("SELECT count(*) {waar}");
    let lijst = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT m.id, {} {waar} ORDER BY m.naam, m.id LIMIT $2 OFFSET $3",
        met_totaal(&tel)
    )))
    .bind(waarde);
    let Lijst { items: ids, totaal } = lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        |r| kol::<Id>(r, "id"),
        sqlx::query_scalar(sqlx::AssertSqlSafe(tel)).bind(waarde),
    )
    .await?;
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        items.extend(lees_medewerker(c, id).await?);
    }
    Ok(Lijst { items, totaal })
}

pub(crate) async fn zet_rollen(
    c: &mut Verbinding,
    id: Id,
    rollen: &[Roltoewijzing],
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    // Locked, so that two changes of one account's roles do not interleave.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id FROM medewerker WHERE id = $1{VOOR_WIJZIGING}"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .ok_or(OpslagFout::NietGevonden)?;
    for r in rollen {
        eis(c, ORGANISATIE_BESTAAT, r.organisatie, "organisatie").await?;
    }
    let oud = lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)?
        .rollen;
    // Only what is taken away is deleted: the foreign keys of sessions and
    // tokens end exactly those that act in it.
    for r in oud.iter().filter(|r| !rollen.contains(r)) {
        sqlx::query(
            "DELETE FROM roltoewijzing WHERE medewerker = $1 AND rol = $2 AND organisatie = $3",
        )
        .bind(id)
        .bind(r.rol.naam())
        .bind(r.organisatie)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    let nieuw: Vec<Roltoewijzing> = rollen
        .iter()
        .filter(|r| !oud.contains(r))
        .cloned()
        .collect();
    voeg_rollen_toe(c, id, &nieuw).await?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn zet_wachtwoord(
    c: &mut Verbinding,
    id: Id,
    wachtwoord_hash: &str,
    behoud: Option<&str>,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let n = sqlx::query("UPDATE medewerker SET wachtwoord_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(wachtwoord_hash)
        .execute(&mut *c)
        .await
        .map_err(fout)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    sqlx::query("DELETE FROM sessie WHERE medewerker = $1 AND token_hash IS DISTINCT FROM $2")
        .bind(id)
        .bind(behoud)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    Ok(())
}
