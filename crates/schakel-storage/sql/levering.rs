//! Deliveries registered several at once, listed, and corrected (see
//! `schakel_storage::levering`). Writers lock the referral row first
//! ([`VOOR_WIJZIGING`]) so the budget check and the insert cannot
//! interleave with another writer's.

use schakel_domain::Hoeveelheid;
use schakel_storage::klok;
use schakel_storage::verloop::{budget_toereikend, eis_leverbaar};
use schakel_storage::{
    Id, Levercorrectie, Levering, NieuwAuditRecord, NieuweLevercorrectie, NieuweLevering,
    OpslagFout, Resultaat, Verwijzing,
};

use crate::motor::{Rij, VOOR_WIJZIGING, Verbinding, datum, datum_db, fout, kol, tijd, tijd_db};
use crate::sql::kern::voeg_audit_toe;
use crate::sql::verloop::lees_verwijzing;

/// Locks the referral row and reads it.
async fn vergrendelde_verwijzing(c: &mut Verbinding, id: Id) -> Resultaat<Verwijzing> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM verwijzing WHERE id = $1{VOOR_WIJZIGING}"
    )))
    .bind(id)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    lees_verwijzing(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn registreer_leveringen(
    c: &mut Verbinding,
    l: &[NieuweLevering],
    audit: &NieuwAuditRecord,
) -> Resultaat<Verwijzing> {
    let Some(eerste) = l.first() else {
        return Err(OpslagFout::Toestand("geen leveringen".into()));
    };
    if l.iter().any(|x| x.verwijzing != eerste.verwijzing) {
        return Err(OpslagFout::Toestand(
            "leveringen van meer dan één verwijzing".into(),
        ));
    }
    let v = vergrendelde_verwijzing(c, eerste.verwijzing).await?;
    eis_leverbaar(&v)?;
    let som = l
        .iter()
        .try_fold(Hoeveelheid::NUL, |s, x| s.checked_add(x.hoeveelheid))
        .ok_or_else(|| OpslagFout::Toestand("te grote hoeveelheid".into()))?;
    budget_toereikend(&v, som)?;
    let nu = klok::nu();
    for x in l {
        sqlx::query(
            "INSERT INTO levering (verwijzing, datum, hoeveelheid_honderdsten, medewerker, organisatie, aangemaakt) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(x.verwijzing)
        .bind(datum_db(x.datum))
        .bind(x.hoeveelheid.in_honderdsten())
        .bind(x.door.medewerker)
        .bind(x.door.organisatie)
        .bind(tijd_db(&nu))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    voeg_audit_toe(c, &audit.over_object(eerste.verwijzing)).await?;
    lees_verwijzing(c, eerste.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

fn correctie_uit(rij: &Rij) -> Resultaat<Levercorrectie> {
    Ok(Levercorrectie {
        id: kol(rij, "id")?,
        levering: kol(rij, "levering")?,
        hoeveelheid: Hoeveelheid::honderdsten(kol(rij, "hoeveelheid_honderdsten")?),
        reden: kol(rij, "reden")?,
        medewerker: kol(rij, "medewerker")?,
        organisatie: kol(rij, "organisatie")?,
        aangemaakt: tijd(rij, "aangemaakt")?,
    })
}

fn levering_uit(rij: &Rij) -> Resultaat<Levering> {
    let geregistreerd = Hoeveelheid::honderdsten(kol(rij, "hoeveelheid_honderdsten")?);
    Ok(Levering {
        id: kol(rij, "id")?,
        verwijzing: kol(rij, "verwijzing")?,
        datum: datum(rij, "datum")?,
        geregistreerd,
        hoeveelheid: geregistreerd,
        medewerker: kol(rij, "medewerker")?,
        organisatie: kol(rij, "organisatie")?,
        aangemaakt: tijd(rij, "aangemaakt")?,
        correcties: Vec::new(),
    })
}

/// The deliveries of a referral, or the one delivery `levering` of it.
async fn lees(
    c: &mut Verbinding,
    verwijzing: Id,
    levering: Option<Id>,
) -> Resultaat<Vec<Levering>> {
    let rijen = sqlx::query(
        "SELECT id, verwijzing, datum, hoeveelheid_honderdsten, medewerker, organisatie, aangemaakt \
         FROM levering WHERE verwijzing = $1 AND ($2 IS NULL OR id = $2) ORDER BY datum, id",
    )
    .bind(verwijzing)
    .bind(levering)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?;
    let mut uit = rijen
        .iter()
        .map(levering_uit)
        .collect::<Resultaat<Vec<_>>>()?;
    let correcties = sqlx::query(
        "SELECT k.id, k.levering, k.hoeveelheid_honderdsten, k.reden, k.medewerker, k.organisatie, k.aangemaakt \
         FROM leveringcorrectie k JOIN levering l ON l.id = k.levering \
         WHERE l.verwijzing = $1 AND ($2 IS NULL OR l.id = $2) ORDER BY k.id",
    )
    .bind(verwijzing)
    .bind(levering)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?;
    for rij in &correcties {
        let k = correctie_uit(rij)?;
        if let Some(l) = uit.iter_mut().find(|l| l.id == k.levering) {
            l.hoeveelheid = k.hoeveelheid;
            l.correcties.push(k);
        }
    }
    Ok(uit)
}

pub(crate) async fn leveringen(c: &mut Verbinding, verwijzing: Id) -> Resultaat<Vec<Levering>> {
    lees(c, verwijzing, None).await
}

pub(crate) async fn corrigeer_levering(
    c: &mut Verbinding,
    k: &NieuweLevercorrectie,
    audit: &NieuwAuditRecord,
) -> Resultaat<Levering> {
    if k.reden.trim().is_empty() {
        return Err(OpslagFout::Toestand("een correctie heeft een reden".into()));
    }
    let v = vergrendelde_verwijzing(c, k.verwijzing).await?;
    let huidig = lees(c, k.verwijzing, Some(k.levering))
        .await?
        .pop()
        .ok_or(OpslagFout::NietGevonden)?;
    // Only what a correction adds must fit in what is left.
    if k.hoeveelheid > huidig.hoeveelheid {
        let erbij = k.hoeveelheid.checked_sub(huidig.hoeveelheid);
        budget_toereikend(&v, erbij.unwrap_or(k.hoeveelheid))?;
    }
    sqlx::query(
        "INSERT INTO leveringcorrectie (levering, hoeveelheid_honderdsten, reden, medewerker, organisatie, aangemaakt) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(k.levering)
    .bind(k.hoeveelheid.in_honderdsten())
    .bind(k.reden.trim())
    .bind(k.door.medewerker)
    .bind(k.door.organisatie)
    .bind(tijd_db(&klok::nu()))
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(k.levering)).await?;
    lees(c, k.verwijzing, Some(k.levering))
        .await?
        .pop()
        .ok_or(OpslagFout::NietGevonden)
}
