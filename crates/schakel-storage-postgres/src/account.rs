//! Accounts on PostgreSQL: API tokens (listed, used, revoked), deactivation,
//! and the failed-login counters every server instance shares.

use schakel_storage::{Activatie, NieuwApiToken, TokenFilter};

use super::*;

const TOKEN_KOLOMMEN: &str = "SELECT t.id, t.token_hash, t.medewerker, t.rol, t.organisatie, \
     t.naam, t.aangemaakt, t.laatst_gebruikt, t.verloopt FROM api_token t";

fn token_uit(r: &PgRow) -> Resultaat<ApiToken> {
    Ok(ApiToken {
        id: kol(r, "id")?,
        token_hash: kol(r, "token_hash")?,
        medewerker: kol(r, "medewerker")?,
        rol: rol_in_rij(r)?,
        naam: kol(r, "naam")?,
        aangemaakt: kol(r, "aangemaakt")?,
        laatst_gebruikt: kol(r, "laatst_gebruikt")?,
        verloopt: kol(r, "verloopt")?,
    })
}

/// One token, by its id or by the hash of its secret.
pub(crate) enum Welk<'a> {
    Id(Id),
    Hash(&'a str),
}

pub(crate) async fn maak_api_token(
    c: &mut PgConnection,
    t: &NieuwApiToken,
    audit: &NieuwAuditRecord,
) -> Resultaat<ApiToken> {
    let id: Id = sqlx::query_scalar(
        "INSERT INTO api_token (token_hash, medewerker, rol, organisatie, naam, aangemaakt, \
         verloopt) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&t.token_hash)
    .bind(t.medewerker)
    .bind(t.rol.rol.naam())
    .bind(t.rol.organisatie)
    .bind(&t.naam)
    .bind(t.aangemaakt)
    .bind(t.verloopt)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    api_token(c, Welk::Id(id))
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn api_token(c: &mut PgConnection, welk: Welk<'_>) -> Resultaat<Option<ApiToken>> {
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
    c: &mut PgConnection,
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
    c: &mut PgConnection,
    id: Id,
    tijdstip: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("UPDATE api_token SET laatst_gebruikt = $2 WHERE id = $1")
        .bind(id)
        .bind(tijdstip)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

pub(crate) async fn trek_api_token_in(
    c: &mut PgConnection,
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
    c: &mut PgConnection,
    id: Id,
    actief: bool,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let Some(rij) = sqlx::query(
        "UPDATE medewerker SET actief = $2 WHERE id = $1 RETURNING id, naam, email, actief, demo",
    )
    .bind(id)
    .bind(actief)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    else {
        return Err(OpslagFout::NietGevonden);
    };
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
    let rollen = rollen_van(c, id).await?;
    medewerker_uit(&rij, rollen)
}

pub(crate) async fn registreer_mislukte_inlog(
    c: &mut PgConnection,
    sleutels: &[String],
    tijdstip: DateTime<Utc>,
    vergeet_voor: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM mislukte_inlog WHERE tijdstip < $1")
        .bind(vergeet_voor)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    sqlx::query("INSERT INTO mislukte_inlog (sleutel, tijdstip) SELECT unnest($1::text[]), $2")
        .bind(sleutels)
        .bind(tijdstip)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

pub(crate) async fn mislukte_inlogs(
    c: &mut PgConnection,
    sleutel: &str,
    sinds: DateTime<Utc>,
) -> Resultaat<Vec<DateTime<Utc>>> {
    sqlx::query_scalar(
        "SELECT tijdstip FROM mislukte_inlog WHERE sleutel = $1 AND tijdstip >= $2 \
         ORDER BY tijdstip",
    )
    .bind(sleutel)
    .bind(sinds)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)
}

pub(crate) async fn wis_mislukte_inlogs(c: &mut PgConnection, sleutel: &str) -> Resultaat<()> {
    sqlx::query("DELETE FROM mislukte_inlog WHERE sleutel = $1")
        .bind(sleutel)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}

pub(crate) async fn maak_activatie(
    c: &mut PgConnection,
    medewerker: Id,
    token_hash: &str,
    verloopt: DateTime<Utc>,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    sqlx::query("INSERT INTO activatie (token_hash, medewerker, verloopt) VALUES ($1, $2, $3)")
        .bind(token_hash)
        .bind(medewerker)
        .bind(verloopt)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(medewerker)).await?;
    Ok(())
}

pub(crate) async fn activatie(
    c: &mut PgConnection,
    token_hash: &str,
) -> Resultaat<Option<Activatie>> {
    sqlx::query("SELECT medewerker, verloopt, gebruikt FROM activatie WHERE token_hash = $1")
        .bind(token_hash)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        .map(|r| {
            Ok(Activatie {
                medewerker: kol(&r, "medewerker")?,
                verloopt: kol(&r, "verloopt")?,
                gebruikt: kol(&r, "gebruikt")?,
            })
        })
        .transpose()
}

pub(crate) async fn activeer(
    c: &mut PgConnection,
    token_hash: &str,
    wachtwoord_hash: &str,
    nu: DateTime<Utc>,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    // Locked, so that two uses of one link cannot both pass the check.
    let a = sqlx::query(
        "SELECT medewerker, verloopt, gebruikt FROM activatie WHERE token_hash = $1 FOR UPDATE",
    )
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .ok_or(OpslagFout::NietGevonden)?;
    let a = Activatie {
        medewerker: kol(&a, "medewerker")?,
        verloopt: kol(&a, "verloopt")?,
        gebruikt: kol(&a, "gebruikt")?,
    };
    schakel_storage::eis_bruikbaar(&a, nu)?;
    sqlx::query("UPDATE activatie SET gebruikt = $2 WHERE token_hash = $1")
        .bind(token_hash)
        .bind(nu)
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
