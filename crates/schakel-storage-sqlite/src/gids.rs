//! The regional directory on SQLite. An address import fills
//! `adres_nieuw` in transactions of one batch each (each holds the write
//! lock only briefly, so the service keeps writing meanwhile) and swaps it
//! in at the end: one short transaction drops the old table and renames the
//! new one, so readers see the old file or the new, never half of one.

use async_trait::async_trait;
use schakel_domain::gids::{Buurtcode, Gebied, Schooltype};
use schakel_storage::gids::{
    Adresbestand, Adresimport, Adresrij, Contactpunt, Schoolimport, Schoolrij, WijkteamGebied,
};

use super::*;

/// Rows per INSERT statement: 3 parameters each, under SQLite's limit.
const PER_STATEMENT: usize = 500;

/// Holds the pool, not a connection: between batches the service (and, in
/// memory, the one connection there is) stays available.
pub(crate) struct SqliteAdresimport {
    pool: SqlitePool,
}

pub(crate) async fn begin(pool: &SqlitePool) -> Resultaat<Box<dyn Adresimport>> {
    let mut conn = pool.acquire().await.map_err(db)?;
    for sql in [
        "DROP TABLE IF EXISTS adres_nieuw",
        "CREATE TABLE adres_nieuw (postcode INTEGER NOT NULL, huisnummer INTEGER NOT NULL, \
         buurt INTEGER NOT NULL, PRIMARY KEY (postcode, huisnummer)) WITHOUT ROWID",
    ] {
        sqlx::query(sql).execute(&mut *conn).await.map_err(db)?;
    }
    Ok(Box::new(SqliteAdresimport { pool: pool.clone() }))
}

fn insert_sql(n: usize) -> String {
    let mut sql =
        String::from("INSERT OR IGNORE INTO adres_nieuw (postcode, huisnummer, buurt) VALUES ");
    for i in 0..n {
        sql.push_str(if i == 0 { "(?, ?, ?)" } else { ", (?, ?, ?)" });
    }
    sql
}

#[async_trait]
impl Adresimport for SqliteAdresimport {
    async fn voeg_toe(&mut self, rijen: &[Adresrij]) -> Resultaat<u64> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(db)?;
        let vol = insert_sql(PER_STATEMENT);
        let mut nieuw = 0;
        for deel in rijen.chunks(PER_STATEMENT) {
            let sql = if deel.len() == PER_STATEMENT {
                vol.clone()
            } else {
                insert_sql(deel.len())
            };
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in deel {
                q = q
                    .bind(i64::from(r.postcode))
                    .bind(i64::from(r.huisnummer))
                    .bind(i64::from(r.buurt.getal()));
            }
            nieuw += q.execute(&mut *tx).await.map_err(db)?.rows_affected();
        }
        tx.commit().await.map_err(db)?;
        Ok(nieuw)
    }

    async fn voltooi(
        mut self: Box<Self>,
        bron: &str,
        jaar: Option<i32>,
    ) -> Resultaat<Adresbestand> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(db)?;
        let rijen: i64 = sqlx::query_scalar("SELECT count(*) FROM adres_nieuw")
            .fetch_one(&mut *tx)
            .await
            .map_err(db)?;
        for sql in [
            "DROP TABLE adres",
            "ALTER TABLE adres_nieuw RENAME TO adres",
        ] {
            sqlx::query(sql).execute(&mut *tx).await.map_err(db)?;
        }
        let bestand = Adresbestand {
            bron: bron.into(),
            jaar,
            rijen,
            geimporteerd: klok::nu(),
        };
        sqlx::query(
            "INSERT INTO adresbestand (id, bron, jaar, rijen, geimporteerd) VALUES (1, ?, ?, ?, ?) \
             ON CONFLICT (id) DO UPDATE SET bron = excluded.bron, jaar = excluded.jaar, \
             rijen = excluded.rijen, geimporteerd = excluded.geimporteerd",
        )
        .bind(&bestand.bron)
        .bind(bestand.jaar)
        .bind(bestand.rijen)
        .bind(tijd_tekst(&bestand.geimporteerd))
        .execute(&mut *tx)
        .await
        .map_err(db)?;
        tx.commit().await.map_err(db)?;
        Ok(bestand)
    }
}

pub(crate) async fn adres(
    pool: &SqlitePool,
    postcode: u32,
    huisnummer: u32,
) -> Resultaat<Option<Buurtcode>> {
    let buurt: Option<i64> =
        sqlx::query_scalar("SELECT buurt FROM adres WHERE postcode = ? AND huisnummer = ?")
            .bind(i64::from(postcode))
            .bind(i64::from(huisnummer))
            .fetch_optional(pool)
            .await
            .map_err(db)?;
    buurt
        .map(|b| {
            u32::try_from(b)
                .ok()
                .and_then(|b| Buurtcode::uit_getal(b).ok())
                .ok_or_else(|| ongeldig("buurt", b))
        })
        .transpose()
}

pub(crate) async fn adresbestand(pool: &SqlitePool) -> Resultaat<Option<Adresbestand>> {
    let Some(r) =
        sqlx::query("SELECT bron, jaar, rijen, geimporteerd FROM adresbestand WHERE id = 1")
            .fetch_optional(pool)
            .await
            .map_err(db)?
    else {
        return Ok(None);
    };
    Ok(Some(Adresbestand {
        bron: kolom(&r, "bron")?,
        jaar: kolom(&r, "jaar")?,
        rijen: kolom(&r, "rijen")?,
        geimporteerd: tijd(&r, "geimporteerd")?,
    }))
}

pub(crate) async fn zet_wijkteamgebieden(
    c: &mut SqliteConnection,
    wijkteams: &[WijkteamGebied],
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    for w in wijkteams {
        let soort: Option<String> =
            sqlx::query_scalar("SELECT soort FROM organisatie WHERE id = ?")
                .bind(w.wijkteam)
                .fetch_optional(&mut *c)
                .await
                .map_err(db)?;
        match soort.as_deref() {
            None => return Err(OpslagFout::OnbekendeVerwijzing("wijkteam".into())),
            Some("wijkteam") => {}
            Some(_) => {
                return Err(OpslagFout::Toestand(format!(
                    "organisatie {} is geen wijkteam; alleen een wijkteam heeft een werkgebied",
                    w.wijkteam
                )));
            }
        }
        sqlx::query("DELETE FROM gebied WHERE wijkteam = ?")
            .bind(w.wijkteam)
            .execute(&mut *c)
            .await
            .map_err(db)?;
        for g in &w.gebieden {
            sqlx::query("INSERT OR IGNORE INTO gebied (wijkteam, gebied) VALUES (?, ?)")
                .bind(w.wijkteam)
                .bind(g.to_string())
                .execute(&mut *c)
                .await
                .map_err(db)?;
        }
        sqlx::query("DELETE FROM contactpunt WHERE organisatie = ?")
            .bind(w.wijkteam)
            .execute(&mut *c)
            .await
            .map_err(db)?;
        if let Some(p) = &w.contactpunt {
            sqlx::query(
                "INSERT INTO contactpunt (organisatie, naam, telefoon, email) VALUES (?, ?, ?, ?)",
            )
            .bind(w.wijkteam)
            .bind(&p.naam)
            .bind(&p.telefoon)
            .bind(&p.email)
            .execute(&mut *c)
            .await
            .map_err(db)?;
        }
    }
    voeg_audit_toe(c, audit).await?;
    Ok(())
}

pub(crate) async fn gebieden(pool: &SqlitePool) -> Resultaat<Vec<(Id, Gebied)>> {
    sqlx::query("SELECT wijkteam, gebied FROM gebied ORDER BY wijkteam, gebied")
        .fetch_all(pool)
        .await
        .map_err(db)?
        .iter()
        .map(|r| Ok((kolom(r, "wijkteam")?, ontleed(r, "gebied", Gebied::parse)?)))
        .collect()
}

pub(crate) async fn contactpunt(
    pool: &SqlitePool,
    organisatie: Id,
) -> Resultaat<Option<Contactpunt>> {
    let Some(r) =
        sqlx::query("SELECT naam, telefoon, email FROM contactpunt WHERE organisatie = ?")
            .bind(organisatie)
            .fetch_optional(pool)
            .await
            .map_err(db)?
    else {
        return Ok(None);
    };
    Ok(Some(Contactpunt {
        naam: kolom(&r, "naam")?,
        telefoon: kolom(&r, "telefoon")?,
        email: kolom(&r, "email")?,
    }))
}

pub(crate) async fn contactpunten(pool: &SqlitePool) -> Resultaat<Vec<(Id, Contactpunt)>> {
    sqlx::query("SELECT organisatie, naam, telefoon, email FROM contactpunt ORDER BY organisatie")
        .fetch_all(pool)
        .await
        .map_err(db)?
        .iter()
        .map(|r| {
            Ok((
                kolom(r, "organisatie")?,
                Contactpunt {
                    naam: kolom(r, "naam")?,
                    telefoon: kolom(r, "telefoon")?,
                    email: kolom(r, "email")?,
                },
            ))
        })
        .collect()
}

pub(crate) async fn adressen(
    pool: &SqlitePool,
    na: Option<(u32, u32)>,
    aantal: i64,
) -> Resultaat<Vec<Adresrij>> {
    let (pc, nr) = na.map_or((-1, -1), |(p, n)| (i64::from(p), i64::from(n)));
    let rijen: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT postcode, huisnummer, buurt FROM adres WHERE (postcode, huisnummer) > (?, ?) \
         ORDER BY postcode, huisnummer LIMIT ?",
    )
    .bind(pc)
    .bind(nr)
    .bind(aantal)
    .fetch_all(pool)
    .await
    .map_err(db)?;
    rijen
        .into_iter()
        .map(|(p, n, b)| {
            let buurt = u32::try_from(b)
                .ok()
                .and_then(|b| Buurtcode::uit_getal(b).ok())
                .ok_or_else(|| ongeldig("buurt", b))?;
            Ok(Adresrij {
                postcode: u32::try_from(p).map_err(|_| ongeldig("postcode", p))?,
                huisnummer: u32::try_from(n).map_err(|_| ongeldig("huisnummer", n))?,
                buurt,
            })
        })
        .collect()
}

pub(crate) async fn importeer_scholen(
    c: &mut SqliteConnection,
    regio: Id,
    scholen: &[Schoolrij],
    audit: &NieuwAuditRecord,
) -> Resultaat<Schoolimport> {
    let mut uit = Schoolimport::default();
    for s in scholen {
        let bestaand: Option<Id> =
            sqlx::query_scalar("SELECT id FROM organisatie WHERE brin = ? AND soort = 'school'")
                .bind(s.brin.als_tekst())
                .fetch_optional(&mut *c)
                .await
                .map_err(db)?;
        let gemeente = s.gemeente.as_ref().map(|g| g.als_tekst().to_string());
        let id = match bestaand {
            Some(id) => {
                sqlx::query("UPDATE organisatie SET naam = ?, gemeente = ? WHERE id = ?")
                    .bind(&s.naam)
                    .bind(&gemeente)
                    .bind(id)
                    .execute(&mut *c)
                    .await
                    .map_err(db)?;
                uit.bijgewerkt += 1;
                id
            }
            None => {
                uit.nieuw += 1;
                sqlx::query_scalar(
                    "INSERT INTO organisatie (regio, naam, soort, gemeente, brin) \
                     VALUES (?, ?, 'school', ?, ?) RETURNING id",
                )
                .bind(regio)
                .bind(&s.naam)
                .bind(&gemeente)
                .bind(s.brin.als_tekst())
                .fetch_one(&mut *c)
                .await
                .map_err(db)?
            }
        };
        sqlx::query(
            "INSERT INTO school (organisatie, schooltype, postcode) VALUES (?, ?, ?) \
             ON CONFLICT (organisatie) DO UPDATE SET schooltype = excluded.schooltype, \
             postcode = excluded.postcode",
        )
        .bind(id)
        .bind(s.schooltype.naam())
        .bind(s.postcode.as_ref().map(|p| p.als_tekst().to_string()))
        .execute(&mut *c)
        .await
        .map_err(db)?;
    }
    voeg_audit_toe(c, audit).await?;
    Ok(uit)
}

pub(crate) async fn schooltype(
    pool: &SqlitePool,
    organisatie: Id,
) -> Resultaat<Option<Schooltype>> {
    let t: Option<String> =
        sqlx::query_scalar("SELECT schooltype FROM school WHERE organisatie = ?")
            .bind(organisatie)
            .fetch_optional(pool)
            .await
            .map_err(db)?;
    t.map(|t| Schooltype::parse(&t).ok_or_else(|| ongeldig("schooltype", t)))
        .transpose()
}
