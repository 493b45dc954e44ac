//! The directory data of the access route on SQLite (migrations/0004).
//! A write holds SQLite's single write lock (`BEGIN IMMEDIATE`), so the
//! checks below and the replacement cannot interleave with another writer.

use schakel_domain::Pc4;
use schakel_storage::toegangsroute::{
    DirectoryGegevens, OjaArrangement, contactpersoon_elders, geen_aanbieder, pc4_bezet,
    verwijzer_bezet,
};

use super::*;

async fn soort_en_regio(
    c: &mut SqliteConnection,
    id: Id,
) -> Resultaat<Option<(OrganisatieSoort, Id)>> {
    let Some(rij) = sqlx::query("SELECT soort, regio FROM organisatie WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)?
    else {
        return Ok(None);
    };
    let soort = ontleed(&rij, "soort", |s| {
        OrganisatieSoort::parse(s).ok_or("onbekende soort")
    })?;
    Ok(Some((soort, kolom(&rij, "regio")?)))
}

/// The first id `sql` (with two parameters) finds, if any.
async fn eerste(
    c: &mut SqliteConnection,
    sql: &'static str,
    a: i64,
    b: i64,
) -> Resultaat<Option<i64>> {
    sqlx::query_scalar(sql)
        .bind(a)
        .bind(b)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)
}

/// Checks every reference of `g` for `organisatie`; writes nothing.
async fn controleer(
    c: &mut SqliteConnection,
    organisatie: Id,
    regio: Id,
    g: &DirectoryGegevens,
) -> Resultaat<()> {
    if let Some(m) = g.contactpersoon {
        eis(
            c,
            "SELECT 1 FROM medewerker WHERE id = ?",
            m,
            "contactpersoon",
        )
        .await?;
        let sql = "SELECT medewerker FROM roltoewijzing WHERE medewerker = ? AND organisatie = ?";
        if eerste(c, sql, m, organisatie).await?.is_none() {
            return Err(contactpersoon_elders());
        }
    }
    if let Some(h) = g.oja.as_ref().and_then(|o| o.hoofdaanbieder) {
        match soort_en_regio(c, h).await? {
            None => return Err(OpslagFout::OnbekendeVerwijzing("hoofdaanbieder".into())),
            Some((soort, _)) if soort != OrganisatieSoort::Aanbieder => {
                return Err(geen_aanbieder());
            }
            Some(_) => {}
        }
    }
    for pc4 in &g.werkgebied {
        let sql = "SELECT wijkteam FROM werkgebied WHERE pc4 = ? AND wijkteam <> ?";
        if eerste(c, sql, pc4.waarde().into(), organisatie)
            .await?
            .is_some()
        {
            return Err(pc4_bezet(*pc4));
        }
    }
    if g.verwijzer_van_regio {
        let sql = "SELECT verwijzer FROM regio_verwijzer WHERE regio = ? AND verwijzer <> ?";
        if eerste(c, sql, regio, organisatie).await?.is_some() {
            return Err(verwijzer_bezet());
        }
    }
    Ok(())
}

pub(crate) async fn zet(
    c: &mut SqliteConnection,
    organisatie: Id,
    g: &DirectoryGegevens,
) -> Resultaat<()> {
    let g = g.genormaliseerd();
    let (soort, regio) = soort_en_regio(c, organisatie)
        .await?
        .ok_or_else(|| OpslagFout::OnbekendeVerwijzing("organisatie".into()))?;
    g.controleer(soort)?;
    controleer(c, organisatie, regio, &g).await?;
    for sql in [
        "DELETE FROM contactpersoon WHERE organisatie = ?",
        "DELETE FROM oja_arrangement WHERE school = ?",
        "DELETE FROM werkgebied WHERE wijkteam = ?",
        "DELETE FROM regio_verwijzer WHERE verwijzer = ?",
    ] {
        sqlx::query(sql)
            .bind(organisatie)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    if let Some(m) = g.contactpersoon {
        sqlx::query("INSERT INTO contactpersoon (organisatie, medewerker) VALUES (?, ?)")
            .bind(organisatie)
            .bind(m)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    if let Some(oja) = &g.oja {
        sqlx::query(
            "INSERT INTO oja_arrangement (school, arrangement, hoofdaanbieder, geldig_vanaf, geldig_tot) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(organisatie)
        .bind(&oja.arrangement)
        .bind(oja.hoofdaanbieder)
        .bind(oja.geldig_vanaf)
        .bind(oja.geldig_tot)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    }
    for pc4 in &g.werkgebied {
        sqlx::query("INSERT INTO werkgebied (pc4, wijkteam) VALUES (?, ?)")
            .bind(i64::from(pc4.waarde()))
            .bind(organisatie)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    if g.verwijzer_van_regio {
        sqlx::query("INSERT INTO regio_verwijzer (regio, verwijzer) VALUES (?, ?)")
            .bind(regio)
            .bind(organisatie)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    Ok(())
}

fn pc4_uit(n: i64) -> Resultaat<Pc4> {
    u16::try_from(n)
        .map_err(|e| ongeldig("pc4", e))
        .and_then(|n| Pc4::new(n).map_err(|e| ongeldig("pc4", e)))
}

pub(crate) async fn lees(
    c: &mut SqliteConnection,
    organisatie: Id,
) -> Resultaat<Option<DirectoryGegevens>> {
    if !bestaat(c, ORGANISATIE_BESTAAT, organisatie).await? {
        return Ok(None);
    }
    let contactpersoon =
        sqlx::query_scalar("SELECT medewerker FROM contactpersoon WHERE organisatie = ?")
            .bind(organisatie)
            .fetch_optional(&mut *c)
            .await
            .map_err(db)?;
    let oja = sqlx::query(
        "SELECT arrangement, hoofdaanbieder, geldig_vanaf, geldig_tot FROM oja_arrangement \
             WHERE school = ?",
    )
    .bind(organisatie)
    .fetch_optional(&mut *c)
    .await
    .map_err(db)?
    .map(|rij| -> Resultaat<OjaArrangement> {
        Ok(OjaArrangement {
            arrangement: kolom(&rij, "arrangement")?,
            hoofdaanbieder: kolom(&rij, "hoofdaanbieder")?,
            geldig_vanaf: kolom(&rij, "geldig_vanaf")?,
            geldig_tot: kolom(&rij, "geldig_tot")?,
        })
    })
    .transpose()?;
    let werkgebied =
        sqlx::query_scalar::<_, i64>("SELECT pc4 FROM werkgebied WHERE wijkteam = ? ORDER BY pc4")
            .bind(organisatie)
            .fetch_all(&mut *c)
            .await
            .map_err(db)?
            .into_iter()
            .map(pc4_uit)
            .collect::<Resultaat<Vec<_>>>()?;
    let verwijzer_van_regio = bestaat(
        c,
        "SELECT 1 FROM regio_verwijzer WHERE verwijzer = ?",
        organisatie,
    )
    .await?;
    Ok(Some(DirectoryGegevens {
        contactpersoon,
        oja,
        werkgebied,
        verwijzer_van_regio,
    }))
}

pub(crate) async fn wijkteam_voor_pc4(c: &mut SqliteConnection, pc4: Pc4) -> Resultaat<Option<Id>> {
    sqlx::query_scalar("SELECT wijkteam FROM werkgebied WHERE pc4 = ?")
        .bind(i64::from(pc4.waarde()))
        .fetch_optional(&mut *c)
        .await
        .map_err(db)
}

pub(crate) async fn verwijzer_van_regio(
    c: &mut SqliteConnection,
    regio: Id,
) -> Resultaat<Option<Id>> {
    sqlx::query_scalar("SELECT verwijzer FROM regio_verwijzer WHERE regio = ?")
        .bind(regio)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)
}
