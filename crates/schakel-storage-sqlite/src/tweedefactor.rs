//! Second factors on SQLite (issue 13.3): TOTP and passkeys, recovery
//! codes, and the half-finished logins that wait for them.

use schakel_storage::{AanmeldDoel, Factorsoort};

use super::*;

const FACTOR_KOLOMMEN: &str = "SELECT id, medewerker, soort, naam, gegevens, aangemaakt, \
     laatste_stap, laatst_gebruikt FROM tweede_factor";

fn factor_uit(rij: &SqliteRow) -> Resultaat<TweedeFactor> {
    Ok(TweedeFactor {
        id: kolom(rij, "id")?,
        medewerker: kolom(rij, "medewerker")?,
        soort: ontleed(rij, "soort", |s| {
            Factorsoort::parse(s).ok_or("onbekende soort")
        })?,
        naam: kolom(rij, "naam")?,
        gegevens: kolom(rij, "gegevens")?,
        aangemaakt: tijd(rij, "aangemaakt")?,
        laatste_stap: kolom(rij, "laatste_stap")?,
        laatst_gebruikt: tijd_optie(rij, "laatst_gebruikt")?,
    })
}

pub(crate) async fn tweede_factoren(
    c: &mut SqliteConnection,
    medewerker: Id,
) -> Resultaat<Vec<TweedeFactor>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{FACTOR_KOLOMMEN} WHERE medewerker = ? ORDER BY id"
    )))
    .bind(medewerker)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(factor_uit)
    .collect()
}

pub(crate) async fn voeg_toe(
    c: &mut SqliteConnection,
    f: &NieuweTweedeFactor,
    herstelcodes: Option<&[String]>,
    audit: &NieuwAuditRecord,
) -> Resultaat<TweedeFactor> {
    eis(
        c,
        "SELECT 1 FROM medewerker WHERE id = ?",
        f.medewerker,
        "medewerker",
    )
    .await?;
    if f.soort == Factorsoort::Totp {
        sqlx::query("DELETE FROM tweede_factor WHERE medewerker = ? AND soort = 'totp'")
            .bind(f.medewerker)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    let id = sqlx::query(
        "INSERT INTO tweede_factor (medewerker, soort, naam, gegevens, aangemaakt) \
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(f.medewerker)
    .bind(f.soort.naam())
    .bind(&f.naam)
    .bind(&f.gegevens)
    .bind(tijd_tekst(&f.aangemaakt))
    .execute(&mut *c)
    .await
    .map_err(db)?
    .last_insert_rowid();
    if let Some(codes) = herstelcodes {
        vervang_herstelcodes(c, f.medewerker, codes).await?;
    }
    voeg_audit_toe(c, &audit.over_object(f.medewerker)).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{FACTOR_KOLOMMEN} WHERE id = ?"
    )))
    .bind(id)
    .fetch_one(&mut *c)
    .await
    .map_err(db)
    .and_then(|r| factor_uit(&r))
}

pub(crate) async fn vervang_herstelcodes(
    c: &mut SqliteConnection,
    medewerker: Id,
    hashes: &[String],
) -> Resultaat<()> {
    sqlx::query("DELETE FROM herstelcode WHERE medewerker = ?")
        .bind(medewerker)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    for h in hashes {
        sqlx::query("INSERT INTO herstelcode (medewerker, code_hash) VALUES (?, ?)")
            .bind(medewerker)
            .bind(h)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    Ok(())
}

pub(crate) async fn herstelcodes_over(c: &mut SqliteConnection, medewerker: Id) -> Resultaat<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM herstelcode WHERE medewerker = ? AND gebruikt IS NULL")
        .bind(medewerker)
        .fetch_one(&mut *c)
        .await
        .map_err(db)
}

pub(crate) async fn gebruik_herstelcode(
    c: &mut SqliteConnection,
    medewerker: Id,
    hash: &str,
    nu: DateTime<Utc>,
) -> Resultaat<bool> {
    let n = sqlx::query(
        "UPDATE herstelcode SET gebruikt = ? \
         WHERE medewerker = ? AND code_hash = ? AND gebruikt IS NULL",
    )
    .bind(tijd_tekst(&nu))
    .bind(medewerker)
    .bind(hash)
    .execute(&mut *c)
    .await
    .map_err(db)?
    .rows_affected();
    Ok(n == 1)
}

pub(crate) async fn gebruik_totp_stap(
    c: &mut SqliteConnection,
    factor: Id,
    stap: i64,
    nu: DateTime<Utc>,
) -> Resultaat<bool> {
    let n = sqlx::query(
        "UPDATE tweede_factor SET laatste_stap = ?, laatst_gebruikt = ? \
         WHERE id = ? AND soort = 'totp' AND (laatste_stap IS NULL OR laatste_stap < ?)",
    )
    .bind(stap)
    .bind(tijd_tekst(&nu))
    .bind(factor)
    .bind(stap)
    .execute(&mut *c)
    .await
    .map_err(db)?
    .rows_affected();
    Ok(n == 1)
}

pub(crate) async fn werk_bij(
    c: &mut SqliteConnection,
    factor: Id,
    gegevens: &str,
    nu: DateTime<Utc>,
) -> Resultaat<()> {
    let n = sqlx::query("UPDATE tweede_factor SET gegevens = ?, laatst_gebruikt = ? WHERE id = ?")
        .bind(gegevens)
        .bind(tijd_tekst(&nu))
        .bind(factor)
        .execute(&mut *c)
        .await
        .map_err(db)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    Ok(())
}

pub(crate) async fn maak_aanmelding(c: &mut SqliteConnection, a: &Aanmelding) -> Resultaat<()> {
    eis(
        c,
        "SELECT 1 FROM medewerker WHERE id = ?",
        a.medewerker,
        "medewerker",
    )
    .await?;
    sqlx::query(
        "INSERT INTO aanmelding (token_hash, medewerker, rol, organisatie, doel, csrf_token, \
         staat, aangemaakt, verloopt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&a.token_hash)
    .bind(a.medewerker)
    .bind(a.rol.map(|r| r.rol.naam()))
    .bind(a.rol.map(|r| r.organisatie))
    .bind(a.doel.naam())
    .bind(&a.csrf_token)
    .bind(&a.staat)
    .bind(tijd_tekst(&a.aangemaakt))
    .bind(tijd_tekst(&a.verloopt))
    .execute(&mut *c)
    .await
    .map_err(db)?;
    Ok(())
}

pub(crate) async fn aanmelding(
    c: &mut SqliteConnection,
    token_hash: &str,
) -> Resultaat<Option<Aanmelding>> {
    let Some(rij) = sqlx::query(
        "SELECT token_hash, medewerker, rol, organisatie, doel, csrf_token, staat, aangemaakt, \
         verloopt FROM aanmelding WHERE token_hash = ?",
    )
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await
    .map_err(db)?
    else {
        return Ok(None);
    };
    let rol: Option<String> = kolom(&rij, "rol")?;
    let rol = match rol {
        Some(_) => Some(roltoewijzing(&rij)?),
        None => None,
    };
    Ok(Some(Aanmelding {
        token_hash: kolom(&rij, "token_hash")?,
        medewerker: kolom(&rij, "medewerker")?,
        rol,
        doel: ontleed(&rij, "doel", |s| {
            AanmeldDoel::parse(s).ok_or("onbekend doel")
        })?,
        csrf_token: kolom(&rij, "csrf_token")?,
        staat: kolom(&rij, "staat")?,
        aangemaakt: tijd(&rij, "aangemaakt")?,
        verloopt: tijd(&rij, "verloopt")?,
    }))
}

pub(crate) async fn zet_aanmelding_staat(
    c: &mut SqliteConnection,
    token_hash: &str,
    staat: &str,
) -> Resultaat<()> {
    let n = sqlx::query("UPDATE aanmelding SET staat = ? WHERE token_hash = ?")
        .bind(staat)
        .bind(token_hash)
        .execute(&mut *c)
        .await
        .map_err(db)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    Ok(())
}

pub(crate) async fn verwijder_aanmelding(
    c: &mut SqliteConnection,
    token_hash: &str,
) -> Resultaat<()> {
    sqlx::query("DELETE FROM aanmelding WHERE token_hash = ?")
        .bind(token_hash)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    Ok(())
}
