//! The regional directory: addresses looked up and paged, the file they
//! came from, the wijkteams' areas and contact points, the schools. How an
//! address file is loaded in bulk differs per engine (each backend's
//! `adresimport`); the swap at its end is [`vervang_adressen`].

use schakel_domain::gids::{Buurtcode, Gebied, Schooltype};
use schakel_storage::gids::{
    Adresbestand, Adresrij, Contactpunt, Importbereik, Schoolimport, Schoolrij, WijkteamGebied,
};
use schakel_storage::klok;
use schakel_storage::{Id, NieuwAuditRecord, OpslagFout, Resultaat};

use crate::motor::{Pool, Verbinding, fout, kol, tijd, tijd_db};
use crate::sql::kern::voeg_audit_toe;
use crate::sql::rij::{geparst, ongeldig};

/// Swaps the loaded `adres_nieuw` in for `adres` and records the file, in
/// the caller's transaction; `daarna` are the engine's statements that
/// follow the rename (PostgreSQL renames the key's constraint). Before the
/// swap, the addresses of every gemeente outside `bereik` are carried over
/// from `adres` (see [`schakel_storage::gids::Adresimport`]); the file
/// record then counts the whole table and names the last file.
pub(crate) async fn vervang_adressen(
    tx: &mut Verbinding,
    bron: &str,
    jaar: Option<i32>,
    daarna: &[&str],
    bereik: &Importbereik,
) -> Resultaat<Adresbestand> {
    if let Some(gemeenten) = bereik.gemeenten() {
        behoud_andere_gemeenten(tx, &gemeenten).await?;
    }
    let rijen: i64 = sqlx::query_scalar("SELECT count(*) FROM adres_nieuw")
        .fetch_one(&mut *tx)
        .await
        .map_err(fout)?;
    for sql in [
        "DROP TABLE adres",
        "ALTER TABLE adres_nieuw RENAME TO adres",
    ]
    .iter()
    .chain(daarna)
    {
        sqlx::query(sqlx::AssertSqlSafe(*sql))
            .execute(&mut *tx)
            .await
            .map_err(fout)?;
    }
    let bestand = Adresbestand {
        bron: bron.into(),
        jaar,
        rijen,
        geimporteerd: klok::nu(),
    };
    sqlx::query(
        "INSERT INTO adresbestand (id, bron, jaar, rijen, geimporteerd) VALUES (1, $1, $2, $3, $4) \
         ON CONFLICT (id) DO UPDATE SET bron = excluded.bron, jaar = excluded.jaar, \
         rijen = excluded.rijen, geimporteerd = excluded.geimporteerd",
    )
    .bind(&bestand.bron)
    .bind(bestand.jaar)
    .bind(bestand.rijen)
    .bind(tijd_db(&bestand.geimporteerd))
    .execute(&mut *tx)
    .await
    .map_err(fout)?;
    Ok(bestand)
}

/// Copies the addresses of the gemeenten not in `vervangen` from `adres`
/// into `adres_nieuw`; an address the new file holds (under another
/// gemeente) keeps the new file's buurt.
async fn behoud_andere_gemeenten(tx: &mut Verbinding, vervangen: &[u32]) -> Resultaat<()> {
    // Numbers only, so they are written into the statement: a national
    // file names some 340 gemeenten, over the engines' parameter habits.
    let lijst = if vervangen.is_empty() {
        "-1".to_string()
    } else {
        vervangen
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO adres_nieuw (postcode, huisnummer, buurt) \
         SELECT postcode, huisnummer, buurt FROM adres WHERE buurt / 10000 NOT IN ({lijst}) \
         ON CONFLICT DO NOTHING"
    )))
    .execute(&mut *tx)
    .await
    .map_err(fout)?;
    Ok(())
}

pub(crate) async fn adres(
    pool: &Pool,
    postcode: u32,
    huisnummer: u32,
) -> Resultaat<Option<Buurtcode>> {
    let buurt: Option<i32> =
        sqlx::query_scalar("SELECT buurt FROM adres WHERE postcode = $1 AND huisnummer = $2")
            .bind(postcode as i32)
            .bind(huisnummer as i32)
            .fetch_optional(pool)
            .await
            .map_err(fout)?;
    buurt
        .map(|b| {
            u32::try_from(b)
                .ok()
                .and_then(|b| Buurtcode::uit_getal(b).ok())
                .ok_or_else(|| ongeldig("buurt"))
        })
        .transpose()
}

pub(crate) async fn adresbestand(pool: &Pool) -> Resultaat<Option<Adresbestand>> {
    let Some(r) =
        sqlx::query("SELECT bron, jaar, rijen, geimporteerd FROM adresbestand WHERE id = 1")
            .fetch_optional(pool)
            .await
            .map_err(fout)?
    else {
        return Ok(None);
    };
    Ok(Some(Adresbestand {
        bron: kol(&r, "bron")?,
        jaar: kol(&r, "jaar")?,
        rijen: kol(&r, "rijen")?,
        geimporteerd: tijd(&r, "geimporteerd")?,
    }))
}

pub(crate) async fn zet_wijkteamgebieden(
    c: &mut Verbinding,
    wijkteams: &[WijkteamGebied],
    audit: &NieuwAuditRecord,
) -> Resultaat<()> {
    for w in wijkteams {
        let soort: Option<String> =
            sqlx::query_scalar("SELECT soort FROM organisatie WHERE id = $1")
                .bind(w.wijkteam)
                .fetch_optional(&mut *c)
                .await
                .map_err(fout)?;
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
        sqlx::query("DELETE FROM gebied WHERE wijkteam = $1")
            .bind(w.wijkteam)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
        for g in &w.gebieden {
            sqlx::query(
                "INSERT INTO gebied (wijkteam, gebied) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(w.wijkteam)
            .bind(g.to_string())
            .execute(&mut *c)
            .await
            .map_err(fout)?;
        }
        sqlx::query("DELETE FROM contactpunt WHERE organisatie = $1")
            .bind(w.wijkteam)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
        if let Some(p) = &w.contactpunt {
            sqlx::query("INSERT INTO contactpunt (organisatie, naam, telefoon, email) VALUES ($1, $2, $3, $4)")
                .bind(w.wijkteam)
                .bind(&p.naam)
                .bind(&p.telefoon)
                .bind(&p.email)
                .execute(&mut *c)
                .await
                .map_err(fout)?;
        }
    }
    voeg_audit_toe(c, audit).await?;
    Ok(())
}

pub(crate) async fn gebieden(pool: &Pool) -> Resultaat<Vec<(Id, Gebied)>> {
    sqlx::query("SELECT wijkteam, gebied FROM gebied ORDER BY wijkteam, gebied")
        .fetch_all(pool)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| Ok((kol(r, "wijkteam")?, geparst(r, "gebied", Gebied::parse)?)))
        .collect()
}

pub(crate) async fn contactpunt(pool: &Pool, organisatie: Id) -> Resultaat<Option<Contactpunt>> {
    let Some(r) =
        sqlx::query("SELECT naam, telefoon, email FROM contactpunt WHERE organisatie = $1")
            .bind(organisatie)
            .fetch_optional(pool)
            .await
            .map_err(fout)?
    else {
        return Ok(None);
    };
    Ok(Some(Contactpunt {
        naam: kol(&r, "naam")?,
        telefoon: kol(&r, "telefoon")?,
        email: kol(&r, "email")?,
    }))
}

pub(crate) async fn contactpunten(pool: &Pool) -> Resultaat<Vec<(Id, Contactpunt)>> {
    sqlx::query("SELECT organisatie, naam, telefoon, email FROM contactpunt ORDER BY organisatie")
        .fetch_all(pool)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| {
            Ok((
                kol(r, "organisatie")?,
                Contactpunt {
                    naam: kol(r, "naam")?,
                    telefoon: kol(r, "telefoon")?,
                    email: kol(r, "email")?,
                },
            ))
        })
        .collect()
}

pub(crate) async fn adressen(
    pool: &Pool,
    na: Option<(u32, u32)>,
    aantal: i64,
) -> Resultaat<Vec<Adresrij>> {
    let (pc, nr) = na.map_or((-1, -1), |(p, n)| (p as i32, n as i32));
    let rijen: Vec<(i32, i32, i32)> = sqlx::query_as(
        "SELECT postcode, huisnummer, buurt FROM adres WHERE (postcode, huisnummer) > ($1, $2) \
         ORDER BY postcode, huisnummer LIMIT $3",
    )
    .bind(pc)
    .bind(nr)
    .bind(aantal)
    .fetch_all(pool)
    .await
    .map_err(fout)?;
    rijen
        .into_iter()
        .map(|(p, n, b)| {
            let buurt = u32::try_from(b)
                .ok()
                .and_then(|b| Buurtcode::uit_getal(b).ok())
                .ok_or_else(|| ongeldig("buurt"))?;
            Ok(Adresrij {
                postcode: u32::try_from(p).map_err(|_| ongeldig("postcode"))?,
                huisnummer: u32::try_from(n).map_err(|_| ongeldig("huisnummer"))?,
                buurt,
            })
        })
        .collect()
}

pub(crate) async fn importeer_scholen(
    c: &mut Verbinding,
    regio: Id,
    scholen: &[Schoolrij],
    audit: &NieuwAuditRecord,
) -> Resultaat<Schoolimport> {
    let mut uit = Schoolimport::default();
    for s in scholen {
        let bestaand: Option<Id> =
            sqlx::query_scalar("SELECT id FROM organisatie WHERE brin = $1 AND soort = 'school'")
                .bind(s.brin.als_tekst())
                .fetch_optional(&mut *c)
                .await
                .map_err(fout)?;
        let gemeente = s.gemeente.as_ref().map(|g| g.als_tekst().to_string());
        let id = match bestaand {
            Some(id) => {
                sqlx::query("UPDATE organisatie SET naam = $1, gemeente = $2 WHERE id = $3")
                    .bind(&s.naam)
                    .bind(&gemeente)
                    .bind(id)
                    .execute(&mut *c)
                    .await
                    .map_err(fout)?;
                uit.bijgewerkt += 1;
                id
            }
            None => {
                uit.nieuw += 1;
                sqlx::query_scalar(
                    "INSERT INTO organisatie (regio, naam, soort, gemeente, brin) \
                     VALUES ($1, $2, 'school', $3, $4) RETURNING id",
                )
                .bind(regio)
                .bind(&s.naam)
                .bind(&gemeente)
                .bind(s.brin.als_tekst())
                .fetch_one(&mut *c)
                .await
                .map_err(fout)?
            }
        };
        sqlx::query(
            "INSERT INTO school (organisatie, schooltype, postcode) VALUES ($1, $2, $3) \
             ON CONFLICT (organisatie) DO UPDATE SET schooltype = excluded.schooltype, \
             postcode = excluded.postcode",
        )
        .bind(id)
        .bind(s.schooltype.naam())
        .bind(s.postcode.as_ref().map(|p| p.als_tekst().to_string()))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    voeg_audit_toe(c, audit).await?;
    Ok(uit)
}

pub(crate) async fn schooltype(pool: &Pool, organisatie: Id) -> Resultaat<Option<Schooltype>> {
    let t: Option<String> =
        sqlx::query_scalar("SELECT schooltype FROM school WHERE organisatie = $1")
            .bind(organisatie)
            .fetch_optional(pool)
            .await
            .map_err(fout)?;
    t.map(|t| Schooltype::parse(&t).ok_or_else(|| ongeldig("schooltype")))
        .transpose()
}
