//! Break-the-glass grants on closed cases (noodtoegang) on SQLite.

use schakel_storage::{NieuweNoodtoegang, Noodtoegang, NoodtoegangFilter};

use super::*;

const KOLOMMEN: &str = "SELECT n.id, n.casus, c.huishouden, n.medewerker, m.naam AS medewerker_naam, \
     n.rol, n.organisatie, o.naam AS organisatie_naam, n.reden, n.verleend, n.tot \
     FROM noodtoegang n JOIN casus c ON c.id = n.casus JOIN medewerker m ON m.id = n.medewerker \
     JOIN organisatie o ON o.id = n.organisatie";

fn noodtoegang_uit(rij: &SqliteRow) -> Resultaat<Noodtoegang> {
    Ok(Noodtoegang {
        id: kolom(rij, "id")?,
        casus: kolom(rij, "casus")?,
        huishouden: kolom(rij, "huishouden")?,
        medewerker: kolom(rij, "medewerker")?,
        medewerker_naam: kolom(rij, "medewerker_naam")?,
        rol: ontleed(rij, "rol", rol)?,
        organisatie: kolom(rij, "organisatie")?,
        organisatie_naam: kolom(rij, "organisatie_naam")?,
        reden: kolom(rij, "reden")?,
        verleend: tijd(rij, "verleend")?,
        tot: tijd(rij, "tot")?,
    })
}

pub(crate) async fn maak(
    c: &mut SqliteConnection,
    n: &NieuweNoodtoegang,
    audits: &[NieuwAuditRecord],
) -> Resultaat<Noodtoegang> {
    let open: Option<i64> = sqlx::query_scalar("SELECT open FROM casus WHERE id = ?")
        .bind(n.casus)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)?;
    match open {
        None => return Err(OpslagFout::OnbekendeVerwijzing("casus".into())),
        Some(1) => {
            return Err(OpslagFout::Toestand(
                "de casus is open: noodtoegang geldt alleen voor een gesloten casus".into(),
            ));
        }
        Some(_) => {}
    }
    let id = sqlx::query(
        "INSERT INTO noodtoegang (casus, medewerker, rol, organisatie, reden, verleend, tot) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(n.casus)
    .bind(n.medewerker)
    .bind(n.rol.naam())
    .bind(n.organisatie)
    .bind(&n.reden)
    .bind(tijd_tekst(&n.verleend))
    .bind(tijd_tekst(&n.tot))
    .execute(&mut *c)
    .await
    .map_err(db)?
    .last_insert_rowid();
    voeg_audits_toe(c, audits).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("{KOLOMMEN} WHERE n.id = ?")))
        .bind(id)
        .fetch_one(&mut *c)
        .await
        .map_err(db)
        .and_then(|r| noodtoegang_uit(&r))
}

pub(crate) async fn lopend(
    c: &mut SqliteConnection,
    medewerker: Id,
    organisatie: Id,
    nu: DateTime<Utc>,
) -> Resultaat<Vec<Noodtoegang>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{KOLOMMEN} WHERE n.medewerker = ? AND n.organisatie = ? AND n.tot > ? \
         ORDER BY n.verleend DESC, n.id DESC"
    )))
    .bind(medewerker)
    .bind(organisatie)
    .bind(tijd_tekst(&nu))
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(noodtoegang_uit)
    .collect()
}

pub(crate) async fn lijst(
    c: &mut SqliteConnection,
    f: &NoodtoegangFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Noodtoegang>> {
    // Open bounds as the widest texts that sort before and after every stamp.
    let van = f.van.as_ref().map_or_else(String::new, tijd_tekst);
    let tot = f.tot.as_ref().map_or_else(|| "~".to_string(), tijd_tekst);
    let voorwaarde = "o.regio = ?1 AND n.verleend >= ?2 AND n.verleend < ?3";
    let totaal: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM noodtoegang n JOIN organisatie o ON o.id = n.organisatie \
         WHERE {voorwaarde}"
    )))
    .bind(f.regio)
    .bind(&van)
    .bind(&tot)
    .fetch_one(&mut *c)
    .await
    .map_err(db)?;
    let items = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{KOLOMMEN} WHERE {voorwaarde} ORDER BY n.verleend DESC, n.id DESC LIMIT ?4 OFFSET ?5"
    )))
    .bind(f.regio)
    .bind(&van)
    .bind(&tot)
    .bind(pagina.aantal)
    .bind(pagina.vanaf)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(noodtoegang_uit)
    .collect::<Resultaat<_>>()?;
    Ok(Lijst { items, totaal })
}
