//! The directory data of the access route (SQLite migrations/0004,
//! PostgreSQL 0005). A write first keeps other directory writers off the
//! directory tables (`vergrendel`; readers go on), so the checks below and
//! the replacement cannot interleave with another writer's; the unique keys
//! stay as a backstop.

use schakel_domain::Pc4;
use schakel_storage::toegangsroute::{
    DirectoryGegevens, OjaArrangement, contactpersoon_elders, geen_aanbieder, pc4_bezet,
    verwijzer_bezet,
};

use schakel_domain::OrganisatieSoort;
use schakel_storage::{Id, OpslagFout, Resultaat};

use crate::motor::{Verbinding, fout, kol, vergrendel};
use crate::sql::basis::{MEDEWERKER_BESTAAT, ORGANISATIE_BESTAAT, bestaat};
use crate::sql::rij::{geparst, ongeldig};

async fn soort_en_regio(c: &mut Verbinding, id: Id) -> Resultaat<Option<(OrganisatieSoort, Id)>> {
    let Some(rij) = sqlx::query("SELECT soort, regio FROM organisatie WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
    else {
        return Ok(None);
    };
    let soort = geparst(&rij, "soort", |s| OrganisatieSoort::parse(s).ok_or(()))?;
    Ok(Some((soort, kol(&rij, "regio")?)))
}

/// The first id `sql` (with two parameters) finds, if any.
async fn eerste(c: &mut Verbinding, sql: &'static str, a: i64, b: i64) -> Resultaat<Option<i64>> {
    sqlx::query_scalar(sql)
        .bind(a)
        .bind(b)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)
}

/// Checks every reference of `g` for `organisatie`; writes nothing.
async fn controleer(
    c: &mut Verbinding,
    organisatie: Id,
    regio: Id,
    g: &DirectoryGegevens,
) -> Resultaat<()> {
    if let Some(m) = g.contactpersoon {
        if !bestaat(c, MEDEWERKER_BESTAAT, m).await? {
            return Err(OpslagFout::OnbekendeVerwijzing("contactpersoon".into()));
        }
        let sql = "SELECT medewerker FROM roltoewijzing WHERE medewerker = $1 AND organisatie = $2";
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
        let sql = "SELECT wijkteam FROM werkgebied WHERE pc4 = $1 AND wijkteam <> $2";
        if eerste(c, sql, pc4.waarde().into(), organisatie)
            .await?
            .is_some()
        {
            return Err(pc4_bezet(*pc4));
        }
    }
    if g.verwijzer_van_regio {
        let sql = "SELECT verwijzer FROM regio_verwijzer WHERE regio = $1 AND verwijzer <> $2";
        if eerste(c, sql, regio, organisatie).await?.is_some() {
            return Err(verwijzer_bezet());
        }
    }
    Ok(())
}

pub(crate) async fn zet(
    c: &mut Verbinding,
    organisatie: Id,
    g: &DirectoryGegevens,
) -> Resultaat<()> {
    let g = g.genormaliseerd();
    vergrendel(
        c,
        "contactpersoon, oja_arrangement, werkgebied, regio_verwijzer",
        "SHARE ROW EXCLUSIVE",
    )
    .await?;
    let (soort, regio) = soort_en_regio(c, organisatie)
        .await?
        .ok_or_else(|| OpslagFout::OnbekendeVerwijzing("organisatie".into()))?;
    g.controleer(soort)?;
    controleer(c, organisatie, regio, &g).await?;
    for sql in [
        "DELETE FROM contactpersoon WHERE organisatie = $1",
        "DELETE FROM oja_arrangement WHERE school = $1",
        "DELETE FROM werkgebied WHERE wijkteam = $1",
        "DELETE FROM regio_verwijzer WHERE verwijzer = $1",
    ] {
        sqlx::query(sql)
            .bind(organisatie)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    if let Some(m) = g.contactpersoon {
        sqlx::query("INSERT INTO contactpersoon (organisatie, medewerker) VALUES ($1, $2)")
            .bind(organisatie)
            .bind(m)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    if let Some(oja) = &g.oja {
        sqlx::query(
            "INSERT INTO oja_arrangement (school, arrangement, hoofdaanbieder, geldig_vanaf, geldig_tot) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(organisatie)
        .bind(&oja.arrangement)
        .bind(oja.hoofdaanbieder)
        .bind(oja.geldig_vanaf)
        .bind(oja.geldig_tot)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    for pc4 in &g.werkgebied {
        sqlx::query("INSERT INTO werkgebied (pc4, wijkteam) VALUES ($1, $2)")
            .bind(i32::from(pc4.waarde()))
            .bind(organisatie)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    if g.verwijzer_van_regio {
        sqlx::query("INSERT INTO regio_verwijzer (regio, verwijzer) VALUES ($1, $2)")
            .bind(regio)
            .bind(organisatie)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    Ok(())
}

fn pc4_uit(n: i32) -> Resultaat<Pc4> {
    u16::try_from(n)
        .ok()
        .and_then(|n| Pc4::new(n).ok())
        .ok_or_else(|| ongeldig("pc4"))
}

pub(crate) async fn lees(
    c: &mut Verbinding,
    organisatie: Id,
) -> Resultaat<Option<DirectoryGegevens>> {
    if !bestaat(c, ORGANISATIE_BESTAAT, organisatie).await? {
        return Ok(None);
    }
    let contactpersoon =
        sqlx::query_scalar("SELECT medewerker FROM contactpersoon WHERE organisatie = $1")
            .bind(organisatie)
            .fetch_optional(&mut *c)
            .await
            .map_err(fout)?;
    let oja = sqlx::query(
        "SELECT arrangement, hoofdaanbieder, geldig_vanaf, geldig_tot FROM oja_arrangement \
             WHERE school = $1",
    )
    .bind(organisatie)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .map(|rij| -> Resultaat<OjaArrangement> {
        Ok(OjaArrangement {
            arrangement: kol(&rij, "arrangement")?,
            hoofdaanbieder: kol(&rij, "hoofdaanbieder")?,
            geldig_vanaf: kol(&rij, "geldig_vanaf")?,
            geldig_tot: kol(&rij, "geldig_tot")?,
        })
    })
    .transpose()?;
    let werkgebied =
        sqlx::query_scalar::<_, i32>("SELECT pc4 FROM werkgebied WHERE wijkteam = $1 ORDER BY pc4")
            .bind(organisatie)
            .fetch_all(&mut *c)
            .await
            .map_err(fout)?
            .into_iter()
            .map(pc4_uit)
            .collect::<Resultaat<Vec<_>>>()?;
    let verwijzer_van_regio = bestaat(
        c,
        "SELECT 1 FROM regio_verwijzer WHERE verwijzer = $1",
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

pub(crate) async fn wijkteam_voor_pc4(c: &mut Verbinding, pc4: Pc4) -> Resultaat<Option<Id>> {
    sqlx::query_scalar("SELECT wijkteam FROM werkgebied WHERE pc4 = $1")
        .bind(i32::from(pc4.waarde()))
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)
}

pub(crate) async fn verwijzer_van_regio(c: &mut Verbinding, regio: Id) -> Resultaat<Option<Id>> {
    sqlx::query_scalar("SELECT verwijzer FROM regio_verwijzer WHERE regio = $1")
        .bind(regio)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)
}
