//! Onderwijssituaties and interventie-afspraken (see
//! `schakel_storage::onderwijs`).

use schakel_storage::{
    Door, Interventieafspraak, NieuweInterventieafspraak, NieuweOnderwijssituatie,
    Onderwijssituatie,
};

use schakel_storage::klok;
use schakel_storage::{Id, NieuwAuditRecord, Resultaat};

use crate::motor::{
    Rij, Verbinding, datum, datum_db, datum_optie, datum_optie_db, fout, kol, tijd, tijd_db,
};
use crate::sql::kern::voeg_audit_toe;
use crate::sql::rij::{geparst, ongeldig, rol_uit};

const SITUATIE: &str = "SELECT id, jeugdige, situatie, school, schooldagdelen, van, tot, \
     medewerker, rol, organisatie, vastgelegd FROM onderwijssituatie";

fn situatie_uit(r: &Rij) -> Resultaat<Onderwijssituatie> {
    let dagdelen: Option<i16> = kol(r, "schooldagdelen")?;
    Ok(Onderwijssituatie {
        id: kol(r, "id")?,
        gegevens: NieuweOnderwijssituatie {
            jeugdige: kol(r, "jeugdige")?,
            situatie: kol(r, "situatie")?,
            school: kol(r, "school")?,
            schooldagdelen: dagdelen
                .map(|d| u8::try_from(d).map_err(|_| ongeldig("schooldagdelen")))
                .transpose()?,
            van: datum(r, "van")?,
            tot: datum_optie(r, "tot")?,
            door: Door {
                medewerker: kol(r, "medewerker")?,
                rol: geparst(r, "rol", rol_uit)?,
                organisatie: kol(r, "organisatie")?,
            },
        },
        vastgelegd: tijd(r, "vastgelegd")?,
    })
}

pub(crate) async fn leg_vast(
    c: &mut Verbinding,
    s: &NieuweOnderwijssituatie,
    audit: &NieuwAuditRecord,
) -> Resultaat<Onderwijssituatie> {
    let id: Id = sqlx::query_scalar(
        "INSERT INTO onderwijssituatie (jeugdige, situatie, school, schooldagdelen, van, tot, \
         medewerker, rol, organisatie, vastgelegd) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(s.jeugdige)
    .bind(&s.situatie)
    .bind(&s.school)
    .bind(s.schooldagdelen.map(i16::from))
    .bind(datum_db(s.van))
    .bind(datum_optie_db(s.tot))
    .bind(s.door.medewerker)
    .bind(s.door.rol.naam())
    .bind(s.door.organisatie)
    .bind(tijd_db(&klok::nu()))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, audit).await?;
    let rij = sqlx::query(sqlx::AssertSqlSafe(format!("{SITUATIE} WHERE id = $1")))
        .bind(id)
        .fetch_one(&mut *c)
        .await
        .map_err(fout)?;
    situatie_uit(&rij)
}

pub(crate) async fn historie(
    c: &mut Verbinding,
    jeugdige: Id,
) -> Resultaat<Vec<Onderwijssituatie>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SITUATIE} WHERE jeugdige = $1 ORDER BY van, id"
    )))
    .bind(jeugdige)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(situatie_uit)
    .collect()
}

const AFSPRAAK: &str =
    "SELECT id, aanbieder, gemeente, omschrijving, van, tot, vastgelegd FROM interventieafspraak";

fn afspraak_uit(r: &Rij) -> Resultaat<Interventieafspraak> {
    Ok(Interventieafspraak {
        id: kol(r, "id")?,
        gegevens: NieuweInterventieafspraak {
            aanbieder: kol(r, "aanbieder")?,
            gemeente: kol(r, "gemeente")?,
            omschrijving: kol(r, "omschrijving")?,
            van: datum(r, "van")?,
            tot: datum(r, "tot")?,
        },
        vastgelegd: tijd(r, "vastgelegd")?,
    })
}

pub(crate) async fn zet_afspraak(
    c: &mut Verbinding,
    a: &NieuweInterventieafspraak,
    audit: &NieuwAuditRecord,
) -> Resultaat<Interventieafspraak> {
    let id: Id = sqlx::query_scalar(
        "INSERT INTO interventieafspraak (aanbieder, gemeente, omschrijving, van, tot, vastgelegd) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (aanbieder, gemeente, van) DO UPDATE SET \
         omschrijving = excluded.omschrijving, tot = excluded.tot, vastgelegd = excluded.vastgelegd \
         RETURNING id",
    )
    .bind(a.aanbieder)
    .bind(a.gemeente)
    .bind(&a.omschrijving)
    .bind(datum_db(a.van))
    .bind(datum_db(a.tot))
    .bind(tijd_db(&klok::nu()))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, audit).await?;
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{AFSPRAAK} WHERE id = $1")))
        .bind(id)
        .fetch_one(&mut *c)
        .await
        .map_err(fout)?;
    afspraak_uit(&r)
}

pub(crate) async fn afspraken(c: &mut Verbinding) -> Resultaat<Vec<Interventieafspraak>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{AFSPRAAK} ORDER BY aanbieder, gemeente, van"
    )))
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(afspraak_uit)
    .collect()
}
