//! Accounts: API tokens (listed, used, revoked), deactivation,
//! and the failed-login counters every server instance shares.

use chrono::{DateTime, Utc};
use schakel_storage::{Activatie, NieuwApiToken, TokenFilter};
use schakel_storage::{ApiToken, Id, Medewerker, NieuwAuditRecord, OpslagFout, Resultaat};

use crate::motor::{Rij, VOOR_WIJZIGING, Verbinding, fout, kol, tijd, tijd_db, tijd_optie};
use crate::sql::basis::{MEDEWERKER_BESTAAT, eis, eis_rol};
use crate::sql::kern::{lees_medewerker, voeg_audit_toe};
use crate::sql::rij::rol_in_rij;

const TOKEN_KOLOMMEN: &str = "SELECT t.id, t.token_hash, t.medewerker, t.rol, t.organisatie, \
     t.naam, t.aangemaakt, t.laatst_gebruikt, t.verloopt FROM api_token t";

fn token_uit(r: &Rij) -> Resultaat<ApiToken> {
    Ok(ApiToken {
        id: kol(r, "id")?,
        token_hash: kol(r, "token_hash")?,
        medewerker: kol(r, "medewerker")?,
        rol: rol_in_rij(r)?,
        naam: kol(r, "naam")?,
        aangemaakt: tijd(r, "aangemaakt")?,
        laatst_gebruikt: tijd_optie(r, "laatst_gebruikt")?,
        verloopt: tijd(r, "verloopt")?,
    })
}

/// One token, by its id or by the hash of its secret.
pub(crate) enum Welk<'a> {
    Id(Id),
    Hash(&'a str),
}

pub(crate) async fn maak_api_token(
    c: &mut Verbinding,
    t: &NieuwApiToken,
    audit: &NieuwAuditRecord,
) -> Resultaat<ApiToken> {
    eis_rol(c, t.medewerker, t.rol).await?;
    let id: Id = sqlx::query_scalar(
        "INSERT INTO api_token (token_hash, medewerker, rol, organisatie, naam, aangemaakt, \
         verloopt) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&t.token_hash)
    .bind(t.medewerker)
    .bind(t.rol.rol.naam())
    .bind(t.rol.organisatie)
    .bind(&t.naam)
    .bind(tijd_db(&t.aangemaakt))
    .bind(tijd_db(&t.verloopt))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    api_token(c, Welk::Id(id))
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn api_token(c: &mut Verbinding, welk: Welk<'_>) -> Resultaat<Option<ApiToken>> {
    let q = match welk {
        Welk::Id(id) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{TOKEN_KOLOMMEN} WHERE t.id = $1"
        )))
        .bind(id),
        Welk::Hash(h) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{TOKEN_KOLOMMEN} WHERE t.token_hash = $1"
        )))
        .bind(h.to_string()),
    };
    q.fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        .as_ref()
        .map(token_uit)
        .transpose()
}

pub(crate) async fn api_tokens(
    c: &mut Verbinding,
    filter: TokenFilter,
) -> Resultaat<Vec<ApiToken>> {
    let (voorwaarde, waarde) = match filter {
        TokenFilter::Van(m) => ("t.medewerker = $1", m),
        TokenFilter::Regio(r) => (
            "t.organisatie IN (SELECT id FROM organisatie WHERE regio = $1)",
            r,
        ),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TOKEN_KOLOMMEN} WHERE {voorwaarde} ORDER BY t.aangemaakt DESC, t.id DESC"
    )))
    .bind(waarde)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(token_uit)
    .collect()
}

pub(crate) async fn gebruik_api_token(
    c: &mut Verbinding,
    id: Id,
    tijdstip: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("UPDATE api_token SET laatst_gebruikt = $2 WHERE id = $1")
        .bind(id)
        .bind(tijd_db(&tijdstip))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

pub(crate) async fn trek_api_token_in(
    c: &mut Verbinding,
    id: Id,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let n = sqlx::query("DELETE FROM api_token WHERE id = $1")
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

pub(crate) async fn zet_medewerker_actief(
    c: &mut Verbinding,
    id: Id,
    actief: bool,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let n = sqlx::query("UPDATE medewerker SET actief = $2 WHERE id = $1")
        .bind(id)
        .bind(actief)
        .execute(&mut *c)
        .await
        .map_err(fout)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    if !actief {
        for sql in [
            "DELETE FROM sessie WHERE medewerker = $1",
            "DELETE FROM api_token WHERE medewerker = $1",
        ] {
            sqlx::query(sql)
                .bind(id)
                .execute(&mut *c)
                .await
                .map_err(fout)?;
        }
    }
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn registreer_mislukte_inlog(
    c: &mut Verbinding,
    sleutels: &[String],
    tijdstip: DateTime<Utc>,
    vergeet_voor: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM mislukte_inlog WHERE tijdstip < $1")
        .bind(tijd_db(&vergeet_voor))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    for s in sleutels {
        sqlx::query("INSERT INTO mislukte_inlog (sleutel, tijdstip) VALUES ($1, $2)")
            .bind(s)
            .bind(tijd_db(&tijdstip))
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    Ok(())
}

pub(crate) async fn mislukte_inlogs(
    c: &mut Verbinding,
    sleutel: &str,
    sinds: DateTime<Utc>,
) -> Resultaat<Vec<DateTime<Utc>>> {
    sqlx::query(
        "SELECT tijdstip FROM mislukte_inlog WHERE sleutel = $1 AND tijdstip >= $2 \
         ORDER BY tijdstip",
    )
    .bind(sleutel)
    .bind(tijd_db(&sinds))
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(|r| tijd(r, "tijdstip"))
    .collect()
}

pub(crate) async fn wis_mislukte_inlogs(c: &mut Verbinding, sleutel: &str) -> Resultaat<()> {
    sqlx::query("DELETE FROM mislukte_inlog WHERE sleutel = $1")
        .bind(sleutel)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

pub(crate) async fn maak_activatie(
    c: &mut Verbinding,
    medewerker: Id,
    token_hash: &str,
    verloopt: DateTime<Utc>,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    eis(c, MEDEWERKER_BESTAAT, medewerker, "medewerker").await?;
    sqlx::query("INSERT INTO activatie (token_hash, medewerker, verloopt) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(medewerker)
        .bind(tijd_db(&verloopt))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(medewerker)).await?;
    Ok(())
}

/// The activation of `token_hash`; `slot` locks its row on engines that
/// lock rows.
async fn lees_activatie(
    c: &mut Verbinding,
    token_hash: &str,
    slot: &str,
) -> Resultaat<Option<Activatie>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT medewerker, verloopt, gebruikt FROM activatie WHERE token_hash = $1{slot}"
    )))
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .map(|r| {
        Ok(Activatie {
            medewerker: kol(&r, "medewerker")?,
            verloopt: tijd(&r, "verloopt")?,
            gebruikt: tijd_optie(&r, "gebruikt")?,
        })
    })
    .transpose()
}

pub(crate) async fn activatie(
    c: &mut Verbinding,
    token_hash: &str,
) -> Resultaat<Option<Activatie>> {
    lees_activatie(c, token_hash, "").await
}

pub(crate) async fn activeer(
    c: &mut Verbinding,
    token_hash: &str,
    wachtwoord_hash: &str,
    nu: DateTime<Utc>,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    // Locked, so that two uses of one link cannot both pass the check.
    let a = lees_activatie(c, token_hash, VOOR_WIJZIGING)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    schakel_storage::eis_bruikbaar(&a, nu)?;
    sqlx::query("UPDATE activatie SET gebruikt = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(tijd_db(&nu))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    sqlx::query("UPDATE medewerker SET wachtwoord_hash = $2 WHERE id = $1")
        .bind(a.medewerker)
        .bind(wachtwoord_hash)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    sqlx::query("DELETE FROM sessie WHERE medewerker = $1")
        .bind(a.medewerker)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(a.medewerker)).await?;
    lees_medewerker(c, a.medewerker)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}
