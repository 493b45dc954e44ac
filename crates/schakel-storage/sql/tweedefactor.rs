//! Second factors (issue 13.3): TOTP and passkeys, recovery
//! codes, and the half-finished logins that wait for them.

use chrono::{DateTime, Utc};
use schakel_storage::{AanmeldDoel, Factorsoort};
use schakel_storage::{
    Aanmelding, Id, NieuwAuditRecord, NieuweTweedeFactor, OpslagFout, Resultaat, TweedeFactor,
};

use crate::motor::{Rij, Verbinding, fout, kol, tijd, tijd_db, tijd_optie};
use crate::sql::basis::{MEDEWERKER_BESTAAT, eis};
use crate::sql::kern::voeg_audit_toe;
use crate::sql::rij::{geparst, rol_in_rij};

const FACTOR_KOLOMMEN: &str = "SELECT id, medewerker, soort, naam, gegevens, aangemaakt, \
     laatste_stap, laatst_gebruikt FROM tweede_factor";

fn factor_uit(rij: &Rij) -> Resultaat<TweedeFactor> {
    Ok(TweedeFactor {
        id: kol(rij, "id")?,
        medewerker: kol(rij, "medewerker")?,
        soort: geparst(rij, "soort", |s| {
            Factorsoort::parse(s).ok_or("onbekende soort")
        })?,
        naam: kol(rij, "naam")?,
        gegevens: kol(rij, "gegevens")?,
        aangemaakt: tijd(rij, "aangemaakt")?,
        laatste_stap: kol(rij, "laatste_stap")?,
        laatst_gebruikt: tijd_optie(rij, "laatst_gebruikt")?,
    })
}

pub(crate) async fn tweede_factoren(
    c: &mut Verbinding,
    medewerker: Id,
) -> Resultaat<Vec<TweedeFactor>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{FACTOR_KOLOMMEN} WHERE medewerker = $1 ORDER BY id"
    )))
    .bind(medewerker)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(factor_uit)
    .collect()
}

pub(crate) async fn voeg_toe(
    c: &mut Verbinding,
    f: &NieuweTweedeFactor,
    herstelcodes: Option<&[String]>,
    audit: &NieuwAuditRecord,
) -> Resultaat<TweedeFactor> {
    eis(c, MEDEWERKER_BESTAAT, f.medewerker, "medewerker").await?;
    if f.soort == Factorsoort::Totp {
        sqlx::query("DELETE FROM tweede_factor WHERE medewerker = $1 AND soort = 'totp'")
            .bind(f.medewerker)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    let id: Id = sqlx::query_scalar(
        "INSERT INTO tweede_factor (medewerker, soort, naam, gegevens, aangemaakt) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(f.medewerker)
    .bind(f.soort.naam())
    .bind(&f.naam)
    .bind(&f.gegevens)
    .bind(tijd_db(&f.aangemaakt))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    if let Some(codes) = herstelcodes {
        vervang_herstelcodes(c, f.medewerker, codes).await?;
    }
    voeg_audit_toe(c, &audit.over_object(f.medewerker)).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{FACTOR_KOLOMMEN} WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)
    .and_then(|r| factor_uit(&r))
}

pub(crate) async fn vervang_herstelcodes(
    c: &mut Verbinding,
    medewerker: Id,
    hashes: &[String],
) -> Resultaat<()> {
    sqlx::query("DELETE FROM herstelcode WHERE medewerker = $1")
        .bind(medewerker)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    for h in hashes {
        sqlx::query("INSERT INTO herstelcode (medewerker, code_hash) VALUES ($1, $2)")
            .bind(medewerker)
            .bind(h)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    Ok(())
}

pub(crate) async fn herstelcodes_over(c: &mut Verbinding, medewerker: Id) -> Resultaat<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM herstelcode WHERE medewerker = $1 AND gebruikt IS NULL",
    )
    .bind(medewerker)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)
}

pub(crate) async fn gebruik_herstelcode(
    c: &mut Verbinding,
    medewerker: Id,
    hash: &str,
    nu: DateTime<Utc>,
) -> Resultaat<bool> {
    let n = sqlx::query(
        "UPDATE herstelcode SET gebruikt = $1 \
         WHERE medewerker = $2 AND code_hash = $3 AND gebruikt IS NULL",
    )
    .bind(tijd_db(&nu))
    .bind(medewerker)
    .bind(hash)
    .execute(&mut *c)
    .await
    .map_err(fout)?
    .rows_affected();
    Ok(n == 1)
}

pub(crate) async fn gebruik_totp_stap(
    c: &mut Verbinding,
    factor: Id,
    stap: i64,
    nu: DateTime<Utc>,
) -> Resultaat<bool> {
    let n = sqlx::query(
        "UPDATE tweede_factor SET laatste_stap = $1, laatst_gebruikt = $2 \
         WHERE id = $3 AND soort = 'totp' AND (laatste_stap IS NULL OR laatste_stap < $4)",
    )
    .bind(stap)
    .bind(tijd_db(&nu))
    .bind(factor)
    .bind(stap)
    .execute(&mut *c)
    .await
    .map_err(fout)?
    .rows_affected();
    Ok(n == 1)
}

pub(crate) async fn werk_bij(
    c: &mut Verbinding,
    factor: Id,
    gegevens: &str,
    nu: DateTime<Utc>,
) -> Resultaat<()> {
    let n =
        sqlx::query("UPDATE tweede_factor SET gegevens = $1, laatst_gebruikt = $2 WHERE id = $3")
            .bind(gegevens)
            .bind(tijd_db(&nu))
            .bind(factor)
            .execute(&mut *c)
            .await
            .map_err(fout)?
            .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    Ok(())
}

pub(crate) async fn maak_aanmelding(c: &mut Verbinding, a: &Aanmelding) -> Resultaat<()> {
    eis(c, MEDEWERKER_BESTAAT, a.medewerker, "medewerker").await?;
    sqlx::query(
        "INSERT INTO aanmelding (token_hash, medewerker, rol, organisatie, doel, csrf_token, \
         staat, aangemaakt, verloopt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&a.token_hash)
    .bind(a.medewerker)
    .bind(a.rol.map(|r| r.rol.naam()))
    .bind(a.rol.map(|r| r.organisatie))
    .bind(a.doel.naam())
    .bind(&a.csrf_token)
    .bind(&a.staat)
    .bind(tijd_db(&a.aangemaakt))
    .bind(tijd_db(&a.verloopt))
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    Ok(())
}

pub(crate) async fn aanmelding(
    c: &mut Verbinding,
    token_hash: &str,
) -> Resultaat<Option<Aanmelding>> {
    let Some(rij) = sqlx::query(
        "SELECT token_hash, medewerker, rol, organisatie, doel, csrf_token, staat, aangemaakt, \
         verloopt FROM aanmelding WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    else {
        return Ok(None);
    };
    let rol: Option<String> = kol(&rij, "rol")?;
    let rol = match rol {
        Some(_) => Some(rol_in_rij(&rij)?),
        None => None,
    };
    Ok(Some(Aanmelding {
        token_hash: kol(&rij, "token_hash")?,
        medewerker: kol(&rij, "medewerker")?,
        rol,
        doel: geparst(&rij, "doel", |s| {
            AanmeldDoel::parse(s).ok_or("onbekend doel")
        })?,
        csrf_token: kol(&rij, "csrf_token")?,
        staat: kol(&rij, "staat")?,
        aangemaakt: tijd(&rij, "aangemaakt")?,
        verloopt: tijd(&rij, "verloopt")?,
    }))
}

pub(crate) async fn zet_aanmelding_staat(
    c: &mut Verbinding,
    token_hash: &str,
    staat: &str,
) -> Resultaat<()> {
    let n = sqlx::query("UPDATE aanmelding SET staat = $1 WHERE token_hash = $2")
        .bind(staat)
        .bind(token_hash)
        .execute(&mut *c)
        .await
        .map_err(fout)?
        .rows_affected();
    if n == 0 {
        return Err(OpslagFout::NietGevonden);
    }
    Ok(())
}

pub(crate) async fn verwijder_aanmelding(c: &mut Verbinding, token_hash: &str) -> Resultaat<()> {
    sqlx::query("DELETE FROM aanmelding WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    Ok(())
}
