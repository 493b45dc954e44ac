//! Accounts on SQLite: API tokens (listed, used, revoked), deactivation,
//! and the failed-login counters every server instance shares.

use schakel_storage::{Activatie, NieuwApiToken, TokenFilter};

use super::*;

const TOKEN_KOLOMMEN: &str = "SELECT t.id, t.token_hash, t.medewerker, t.rol, t.organisatie, \
     t.naam, t.aangemaakt, t.laatst_gebruikt, t.verloopt FROM api_token t";

fn token_uit(rij: &SqliteRow) -> Resultaat<ApiToken> {
    Ok(ApiToken {
        id: kolom(rij, "id")?,
        token_hash: kolom(rij, "token_hash")?,
        medewerker: kolom(rij, "medewerker")?,
        rol: roltoewijzing(rij)?,
        naam: kolom(rij, "naam")?,
        aangemaakt: tijd(rij, "aangemaakt")?,
        laatst_gebruikt: tijd_optie(rij, "laatst_gebruikt")?,
        verloopt: tijd(rij, "verloopt")?,
    })
}

pub(crate) async fn maak_api_token(
    c: &mut SqliteConnection,
    t: &NieuwApiToken,
    audit: &NieuwAuditRecord,
) -> Resultaat<ApiToken> {
    eis_rol(c, t.medewerker, t.rol).await?;
    let id = sqlx::query(
        "INSERT INTO api_token (token_hash, medewerker, rol, organisatie, naam, aangemaakt, \
         verloopt) VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&t.token_hash)
    .bind(t.medewerker)
    .bind(t.rol.rol.naam())
    .bind(t.rol.organisatie)
    .bind(&t.naam)
    .bind(tijd_tekst(&t.aangemaakt))
    .bind(tijd_tekst(&t.verloopt))
    .execute(&mut *c)
    .await
    .map_err(db)?
    .last_insert_rowid();
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    api_token(c, Welk::Id(id))
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

/// One token, by its id or by the hash of its secret.
pub(crate) enum Welk<'a> {
    Id(Id),
    Hash(&'a str),
}

pub(crate) async fn api_token(
    c: &mut SqliteConnection,
    welk: Welk<'_>,
) -> Resultaat<Option<ApiToken>> {
    let q = match welk {
        Welk::Id(id) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{TOKEN_KOLOMMEN} WHERE t.id = ?"
        )))
        .bind(id),
        Welk::Hash(h) => sqlx::query(sqlx::AssertSqlSafe(format!(
            "{TOKEN_KOLOMMEN} WHERE t.token_hash = ?"
        )))
        .bind(h.to_string()),
    };
    q.fetch_optional(&mut *c)
        .await
        .map_err(db)?
        .as_ref()
        .map(token_uit)
        .transpose()
}

pub(crate) async fn api_tokens(
    c: &mut SqliteConnection,
    filter: TokenFilter,
) -> Resultaat<Vec<ApiToken>> {
    let (voorwaarde, waarde) = match filter {
        TokenFilter::Van(m) => ("t.medewerker = ?", m),
        TokenFilter::Regio(r) => (
            "t.organisatie IN (SELECT id FROM organisatie WHERE regio = ?)",
            r,
        ),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TOKEN_KOLOMMEN} WHERE {voorwaarde} ORDER BY t.aangemaakt DESC, t.id DESC"
    )))
    .bind(waarde)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(token_uit)
    .collect()
}

pub(crate) async fn gebruik_api_token(
    c: &mut SqliteConnection,
    id: Id,
    tijdstip: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("UPDATE api_token SET laatst_gebruikt = ? WHERE id = ?")
        .bind(tijd_tekst(&tijdstip))
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    Ok(())
}

pub(crate) async fn trek_api_token_in(
    c: &mut SqliteConnection,
    id: Id,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    let n = sqlx::query("DELETE FROM api_token WHERE id = ?")
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

pub(crate) async fn zet_medewerker_actief(
    c: &mut SqliteConnection,
    id: Id,
    actief: bool,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let n = sqlx::query("UPDATE medewerker SET actief = ? WHERE id = ?")
        .bind(i64::from(actief))
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(db)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    if !actief {
        for sql in [
            "DELETE FROM sessie WHERE medewerker = ?",
            "DELETE FROM api_token WHERE medewerker = ?",
        ] {
            sqlx::query(sql)
                .bind(id)
                .execute(&mut *c)
                .await
                .map_err(db)?;
        }
    }
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    lees_medewerker(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn registreer_mislukte_inlog(
    c: &mut SqliteConnection,
    sleutels: &[String],
    tijdstip: DateTime<Utc>,
    vergeet_voor: DateTime<Utc>,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM mislukte_inlog WHERE tijdstip < ?")
        .bind(tijd_tekst(&vergeet_voor))
        .execute(&mut *c)
        .await
        .map_err(db)?;
    for s in sleutels {
        sqlx::query("INSERT INTO mislukte_inlog (sleutel, tijdstip) VALUES (?, ?)")
            .bind(s)
            .bind(tijd_tekst(&tijdstip))
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    Ok(())
}

pub(crate) async fn mislukte_inlogs(
    c: &mut SqliteConnection,
    sleutel: &str,
    sinds: DateTime<Utc>,
) -> Resultaat<Vec<DateTime<Utc>>> {
    sqlx::query(
        "SELECT tijdstip FROM mislukte_inlog WHERE sleutel = ? AND tijdstip >= ? \
         ORDER BY tijdstip",
    )
    .bind(sleutel)
    .bind(tijd_tekst(&sinds))
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(|r| tijd(r, "tijdstip"))
    .collect()
}

pub(crate) async fn wis_mislukte_inlogs(c: &mut SqliteConnection, sleutel: &str) -> Resultaat<()> {
    sqlx::query("DELETE FROM mislukte_inlog WHERE sleutel = ?")
        .bind(sleutel)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    Ok(())
}

pub(crate) async fn maak_activatie(
    c: &mut SqliteConnection,
    medewerker: Id,
    token_hash: &str,
    verloopt: DateTime<Utc>,
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    eis(
        c,
        "SELECT 1 FROM medewerker WHERE id = ?",
        medewerker,
        "medewerker",
    )
    .await?;
    sqlx::query("INSERT INTO activatie (token_hash, medewerker, verloopt) VALUES (?, ?, ?)")
        .bind(token_hash)
        .bind(medewerker)
        .bind(tijd_tekst(&verloopt))
        .execute(&mut *c)
        .await
        .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(medewerker)).await?;
    Ok(())
}

pub(crate) async fn activatie(
    c: &mut SqliteConnection,
    token_hash: &str,
) -> Resultaat<Option<Activatie>> {
    sqlx::query("SELECT medewerker, verloopt, gebruikt FROM activatie WHERE token_hash = ?")
        .bind(token_hash)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)?
        .map(|r| {
            Ok(Activatie {
                medewerker: kolom(&r, "medewerker")?,
                verloopt: tijd(&r, "verloopt")?,
                gebruikt: tijd_optie(&r, "gebruikt")?,
            })
        })
        .transpose()
}

pub(crate) async fn activeer(
    c: &mut SqliteConnection,
    token_hash: &str,
    wachtwoord_hash: &str,
    nu: DateTime<Utc>,
    audit: &NieuwAuditRecord,
) -> Resultaat<Medewerker> {
    let a = activatie(c, token_hash)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    schakel_storage::eis_bruikbaar(&a, nu)?;
    sqlx::query("UPDATE activatie SET gebruikt = ? WHERE token_hash = ?")
        .bind(tijd_tekst(&nu))
        .bind(token_hash)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    sqlx::query("UPDATE medewerker SET wachtwoord_hash = ? WHERE id = ?")
        .bind(wachtwoord_hash)
        .bind(a.medewerker)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    sqlx::query("DELETE FROM sessie WHERE medewerker = ?")
        .bind(a.medewerker)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(a.medewerker)).await?;
    lees_medewerker(c, a.medewerker)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}
