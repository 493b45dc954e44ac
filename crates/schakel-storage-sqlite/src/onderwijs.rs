//! Onderwijssituaties and interventie-afspraken on SQLite (see
//! `schakel_storage::onderwijs`).

use schakel_storage::{
    Door, Interventieafspraak, NieuweInterventieafspraak, NieuweOnderwijssituatie,
    Onderwijssituatie,
};

use super::*;

const SITUATIE: &str = "SELECT id, jeugdige, situatie, school, schooldagdelen, van, tot, \
     medewerker, rol, organisatie, vastgelegd FROM onderwijssituatie";

fn situatie_uit(rij: &SqliteRow) -> Resultaat<Onderwijssituatie> {
    let tot: Option<String> = kolom(rij, "tot")?;
    let dagdelen: Option<i64> = kolom(rij, "schooldagdelen")?;
    Ok(Onderwijssituatie {
        id: kolom(rij, "id")?,
        gegevens: NieuweOnderwijssituatie {
            jeugdige: kolom(rij, "jeugdige")?,
            situatie: kolom(rij, "situatie")?,
            school: kolom(rij, "school")?,
            schooldagdelen: dagdelen
                .map(|d| u8::try_from(d).map_err(|e| ongeldig("schooldagdelen", e)))
                .transpose()?,
            van: datum(rij, "van")?,
            tot: tot
                .map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| ongeldig("tot", e)))
                .transpose()?,
            door: Door {
                medewerker: kolom(rij, "medewerker")?,
                rol: ontleed(rij, "rol", rol)?,
                organisatie: kolom(rij, "organisatie")?,
            },
        },
        vastgelegd: tijd(rij, "vastgelegd")?,
    })
}

pub(crate) async fn leg_vast(
    c: &mut SqliteConnection,
    s: &NieuweOnderwijssituatie,
    audit: &NieuwAuditRecord,
) -> Resultaat<Onderwijssituatie> {
    let id = sqlx::query(
        "INSERT INTO onderwijssituatie (jeugdige, situatie, school, schooldagdelen, van, tot, \
         medewerker, rol, organisatie, vastgelegd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(s.jeugdige)
    .bind(&s.situatie)
    .bind(&s.school)
    .bind(s.schooldagdelen.map(i64::from))
    .bind(datum_tekst(s.van))
    .bind(s.tot.map(datum_tekst))
    .bind(s.door.medewerker)
    .bind(s.door.rol.naam())
    .bind(s.door.organisatie)
    .bind(tijd_tekst(&klok::nu()))
    .execute(&mut *c)
    .await
    .map_err(db)?
    .last_insert_rowid();
    voeg_audits_toe(c, std::slice::from_ref(audit)).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("{SITUATIE} WHERE id = ?")))
        .bind(id)
        .fetch_one(&mut *c)
        .await
        .map_err(db)
        .and_then(|r| situatie_uit(&r))
}

pub(crate) async fn historie(
    c: &mut SqliteConnection,
    jeugdige: Id,
) -> Resultaat<Vec<Onderwijssituatie>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SITUATIE} WHERE jeugdige = ? ORDER BY van, id"
    )))
    .bind(jeugdige)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(situatie_uit)
    .collect()
}

const AFSPRAAK: &str =
    "SELECT id, aanbieder, gemeente, omschrijving, van, tot, vastgelegd FROM interventieafspraak";

fn afspraak_uit(rij: &SqliteRow) -> Resultaat<Interventieafspraak> {
    Ok(Interventieafspraak {
        id: kolom(rij, "id")?,
        gegevens: NieuweInterventieafspraak {
            aanbieder: kolom(rij, "aanbieder")?,
            gemeente: kolom(rij, "gemeente")?,
            omschrijving: kolom(rij, "omschrijving")?,
            van: datum(rij, "van")?,
            tot: datum(rij, "tot")?,
        },
        vastgelegd: tijd(rij, "vastgelegd")?,
    })
}

pub(crate) async fn zet_afspraak(
    c: &mut SqliteConnection,
    a: &NieuweInterventieafspraak,
    audit: &NieuwAuditRecord,
) -> Resultaat<Interventieafspraak> {
    sqlx::query(
        "INSERT INTO interventieafspraak (aanbieder, gemeente, omschrijving, van, tot, vastgelegd) \
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (aanbieder, gemeente, van) DO UPDATE SET \
         omschrijving = excluded.omschrijving, tot = excluded.tot, vastgelegd = excluded.vastgelegd",
    )
    .bind(a.aanbieder)
    .bind(a.gemeente)
    .bind(&a.omschrijving)
    .bind(datum_tekst(a.van))
    .bind(datum_tekst(a.tot))
    .bind(tijd_tekst(&klok::nu()))
    .execute(&mut *c)
    .await
    .map_err(db)?;
    voeg_audits_toe(c, std::slice::from_ref(audit)).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{AFSPRAAK} WHERE aanbieder = ? AND gemeente = ? AND van = ?"
    )))
    .bind(a.aanbieder)
    .bind(a.gemeente)
    .bind(datum_tekst(a.van))
    .fetch_one(&mut *c)
    .await
    .map_err(db)
    .and_then(|r| afspraak_uit(&r))
}

pub(crate) async fn afspraken(c: &mut SqliteConnection) -> Resultaat<Vec<Interventieafspraak>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{AFSPRAAK} ORDER BY aanbieder, gemeente, van"
    )))
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(afspraak_uit)
    .collect()
}
