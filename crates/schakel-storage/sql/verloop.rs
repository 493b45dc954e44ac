//! The course of a joint case: events, referrals, deliveries, actions and
//! the monitoring figures. A writer locks the case row (events) or the
//! referral row (deliveries) first ([`VOOR_WIJZIGING`]; on SQLite the write
//! transaction's lock already covers it), so the check "is this the next
//! event number" or "is there budget left" and the insert cannot
//! interleave with another writer's.

use schakel_domain::Hoeveelheid;
use schakel_storage::verloop::GemeentelijkeToets;
use schakel_storage::verloop::{
    Beoordeling, MaatwerkFilter, MonitoringCel, MonitoringVraag, NieuweBeoordeling, eis_open_toets,
    maanden,
};

use schakel_storage::klok;
use schakel_storage::{
    Actiepunt, ActiepuntFilter, Casus, CasusGebeurtenis, Door, Id, Lijst, NieuwActiepunt,
    NieuwAuditRecord, NieuweCasusGebeurtenis, NieuweVerwijzing, OpslagFout, Pagina, Resultaat,
    Verwijzing,
};

use crate::motor::{
    Rij, VOOR_WIJZIGING, Verbinding, boolean, dag_van_tijd, datum, datum_db, datum_optie_db, fout,
    kol, maand_van_datum, maand_van_tijd, postcode_getal, tijd, tijd_db, tijd_optie,
};
use crate::sql::basis::{ORGANISATIE_BESTAAT, eis, raak_huishouden_aan};
use crate::sql::kern::{bewaar_audits, herbereken_huishouden, voeg_audit_toe, voeg_partijen_toe};
use crate::sql::lijsten::{lijst_met_totaal, met_totaal};
use crate::sql::rij::{geparst, ongeldig, optie_geparst, rol_uit};

fn door_uit(rij: &Rij) -> Resultaat<Door> {
    Ok(Door {
        medewerker: kol(rij, "medewerker")?,
        rol: geparst(rij, "rol", rol_uit)?,
        organisatie: kol(rij, "organisatie")?,
    })
}

pub(crate) fn gebeurtenis_uit(rij: &Rij) -> Resultaat<CasusGebeurtenis> {
    Ok(CasusGebeurtenis {
        volgnummer: kol(rij, "volgnummer")?,
        gebeurtenis: geparst(rij, "gegevens", |s| {
            serde_json::from_str::<schakel_domain::verloop::Gebeurtenis>(s)
        })?,
        door: door_uit(rij)?,
        tijdstip: tijd(rij, "tijdstip")?,
    })
}

pub(crate) async fn gebeurtenissen(
    c: &mut Verbinding,
    casus: Id,
) -> Resultaat<Vec<CasusGebeurtenis>> {
    sqlx::query(
        "SELECT volgnummer, gegevens, medewerker, rol, organisatie, tijdstip \
         FROM casus_gebeurtenis WHERE casus = $1 ORDER BY volgnummer",
    )
    .bind(casus)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(gebeurtenis_uit)
    .collect()
}

/// Closes the hulpvragen of case `$1` (through `hulpvraag_casus`, not a scan
/// of every hulpvraag).
pub(crate) const HULPVRAGEN_VAN_CASUS_SLUITEN: &str =
    "UPDATE hulpvraag SET open = FALSE WHERE casus = $1";

pub(crate) async fn voeg_gebeurtenis_toe(
    c: &mut Verbinding,
    g: &NieuweCasusGebeurtenis,
    audits: &[NieuwAuditRecord],
) -> Resultaat<CasusGebeurtenis> {
    // The case row's lock orders writers of one case: the next number
    // below is read by one of them at a time.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM casus WHERE id = $1{VOOR_WIJZIGING}"
    )))
    .bind(g.casus)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    let casus = lees_casus(c, g.casus)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    if !casus.open {
        return Err(OpslagFout::Toestand("de casus is afgesloten".into()));
    }
    let laatste: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(volgnummer), 0) FROM casus_gebeurtenis WHERE casus = $1",
    )
    .bind(g.casus)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    if g.volgnummer != laatste + 1 {
        return Err(OpslagFout::VersieConflict {
            verwacht: g.volgnummer - 1,
            huidig: laatste,
        });
    }
    for p in &g.nieuwe_partijen {
        eis(c, ORGANISATIE_BESTAAT, *p, "partij").await?;
    }
    let nu = klok::nu();
    let gegevens = serde_json::to_string(&g.gebeurtenis).map_err(|_| ongeldig("gegevens"))?;
    let [jeugdige_score, ouders_score] = g.gebeurtenis.waarden();
    sqlx::query(
        "INSERT INTO casus_gebeurtenis (casus, volgnummer, code, gegevens, jeugdige, medewerker, \
         rol, organisatie, tijdstip, tevredenheid_jeugdige, tevredenheid_ouders) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(g.casus)
    .bind(g.volgnummer)
    .bind(g.gebeurtenis.code())
    .bind(gegevens)
    .bind(g.gebeurtenis.jeugdige())
    .bind(g.door.medewerker)
    .bind(g.door.rol.naam())
    .bind(g.door.organisatie)
    .bind(tijd_db(&nu))
    .bind(jeugdige_score.map(i64::from))
    .bind(ouders_score.map(i64::from))
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    voeg_partijen_toe(c, g.casus, &g.nieuwe_partijen).await?;
    if g.sluit {
        sqlx::query("UPDATE casus SET open = FALSE, gesloten = $1 WHERE id = $2")
            .bind(tijd_db(&nu))
            .bind(g.casus)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
        sqlx::query(HULPVRAGEN_VAN_CASUS_SLUITEN)
            .bind(g.casus)
            .execute(&mut *c)
            .await
            .map_err(fout)?;
    }
    if g.sluit || !g.nieuwe_partijen.is_empty() {
        herbereken_huishouden(c, casus.huishouden).await?;
    }
    voeg_acties_toe(c, &g.acties, None).await?;
    raak_huishouden_aan(c, casus.huishouden, nu).await?;
    let audits: Vec<_> = audits
        .iter()
        .map(|a| a.anders_over_object(g.casus))
        .collect();
    bewaar_audits(c, &audits).await?;
    Ok(CasusGebeurtenis {
        volgnummer: g.volgnummer,
        gebeurtenis: g.gebeurtenis.clone(),
        door: g.door,
        tijdstip: nu,
    })
}

async fn voeg_acties_toe(
    c: &mut Verbinding,
    acties: &[NieuwActiepunt],
    verwijzing: Option<Id>,
) -> Resultaat<()> {
    for a in acties {
        sqlx::query(
            "INSERT INTO actie (casus, verwijzing, organisatie, medewerker, wat, bron, uiterlijk) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(a.casus)
        .bind(verwijzing.or(a.verwijzing))
        .bind(a.organisatie)
        .bind(a.medewerker)
        .bind(&a.wat)
        .bind(&a.bron)
        .bind(datum_db(a.uiterlijk))
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    }
    Ok(())
}

/// A referral's columns as [`verwijzing_uit`] reads them, of `verwijzing v`.
macro_rules! verwijzing_kolommen {
    () => {
        "v.id, v.jeugdige, v.casus, v.medewerker, v.rol, \
         v.organisatie, v.aanbieder, v.product, v.volume, v.eenheid, v.per, v.ingangsdatum, \
         v.einddatum, v.toegekend_honderdsten, v.binnen_normen, v.regels, v.normenkader, v.bevindingen, \
         v.motivatie, v.gemeentelijke_toets, v.toets_motivatie, v.getoetst_door, v.getoetst_op, \
         v.aangemaakt, \
         (SELECT CAST(coalesce(sum(hoeveelheid_honderdsten), 0) AS BIGINT) FROM levering_geldig l WHERE l.verwijzing = v.id) AS geleverd_honderdsten"
    };
}
pub(crate) const VERWIJZING_KOLOMMEN: &str = verwijzing_kolommen!();
pub(crate) const VERWIJZING_SELECT: &str =
    concat!("SELECT ", verwijzing_kolommen!(), " FROM verwijzing v");

pub(crate) fn verwijzing_uit(rij: &Rij) -> Resultaat<Verwijzing> {
    Ok(Verwijzing {
        id: kol(rij, "id")?,
        gegevens: NieuweVerwijzing {
            jeugdige: kol(rij, "jeugdige")?,
            casus: kol(rij, "casus")?,
            door: door_uit(rij)?,
            aanbieder: kol(rij, "aanbieder")?,
            product: kol(rij, "product")?,
            volume: kol(rij, "volume")?,
            eenheid: kol(rij, "eenheid")?,
            per: kol(rij, "per")?,
            ingangsdatum: datum(rij, "ingangsdatum")?,
            einddatum: datum(rij, "einddatum")?,
            toegekend: Hoeveelheid::honderdsten(kol(rij, "toegekend_honderdsten")?),
            binnen_normen: boolean(rij, "binnen_normen")?,
            regels: geparst(rij, "regels", |s| serde_json::from_str::<Vec<String>>(s))?,
            normenkader: kol(rij, "normenkader")?,
            bevindingen: geparst(rij, "bevindingen", |s| {
                serde_json::from_str::<serde_json::Value>(s)
            })?,
            motivatie: kol(rij, "motivatie")?,
        },
        gemeentelijke_toets: optie_geparst(rij, "gemeentelijke_toets", |s| {
            GemeentelijkeToets::parse(s).ok_or(())
        })?,
        beoordeling: match tijd_optie(rij, "getoetst_op")? {
            Some(op) => Some(Beoordeling {
                motivatie: kol(rij, "toets_motivatie")?,
                door: kol(rij, "getoetst_door")?,
                op,
            }),
            None => None,
        },
        geleverd: Hoeveelheid::honderdsten(kol(rij, "geleverd_honderdsten")?),
        aangemaakt: tijd(rij, "aangemaakt")?,
    })
}

pub(crate) async fn lees_verwijzing(c: &mut Verbinding, id: Id) -> Resultaat<Option<Verwijzing>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{VERWIJZING_SELECT} WHERE v.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .as_ref()
    .map(verwijzing_uit)
    .transpose()
}

pub(crate) async fn verwijzingen(c: &mut Verbinding, jeugdige: Id) -> Resultaat<Vec<Verwijzing>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{VERWIJZING_SELECT} WHERE v.jeugdige = $1 ORDER BY v.id"
    )))
    .bind(jeugdige)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(verwijzing_uit)
    .collect()
}

pub(crate) async fn maak_verwijzing(
    c: &mut Verbinding,
    v: &NieuweVerwijzing,
    acties: &[NieuwActiepunt],
    audit: &NieuwAuditRecord,
) -> Resultaat<Verwijzing> {
    let huishouden: Id = sqlx::query_scalar("SELECT huishouden FROM jeugdige WHERE id = $1")
        .bind(v.jeugdige)
        .fetch_optional(&mut *c)
        .await
        .map_err(fout)?
        .ok_or_else(|| OpslagFout::OnbekendeVerwijzing("jeugdige".into()))?;
    eis(c, ORGANISATIE_BESTAAT, v.aanbieder, "aanbieder").await?;
    if let Some(casus) = v.casus {
        eis(c, "SELECT 1 FROM casus WHERE id = $1", casus, "casus").await?;
    }
    let nu = klok::nu();
    let id: Id = sqlx::query_scalar(
        "INSERT INTO verwijzing (jeugdige, casus, medewerker, rol, organisatie, aanbieder, product, \
         volume, eenheid, per, ingangsdatum, einddatum, toegekend_honderdsten, binnen_normen, regels, \
         normenkader, bevindingen, motivatie, gemeentelijke_toets, aangemaakt) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING id",
    )
    .bind(v.jeugdige)
    .bind(v.casus)
    .bind(v.door.medewerker)
    .bind(v.door.rol.naam())
    .bind(v.door.organisatie)
    .bind(v.aanbieder)
    .bind(&v.product)
    .bind(v.volume)
    .bind(&v.eenheid)
    .bind(&v.per)
    .bind(datum_db(v.ingangsdatum))
    .bind(datum_db(v.einddatum))
    .bind(v.toegekend.in_honderdsten())
    .bind(v.binnen_normen)
    .bind(serde_json::to_string(&v.regels).map_err(|_| ongeldig("regels"))?)
    .bind(&v.normenkader)
    .bind(v.bevindingen.to_string())
    .bind(&v.motivatie)
    .bind((!v.binnen_normen).then_some(GemeentelijkeToets::Open.naam()))
    .bind(tijd_db(&nu))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    voeg_acties_toe(c, acties, Some(id)).await?;
    herbereken_huishouden(c, huishouden).await?;
    raak_huishouden_aan(c, huishouden, nu).await?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    lees_verwijzing(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

fn actiepunt_uit(rij: &Rij) -> Resultaat<Actiepunt> {
    Ok(Actiepunt {
        id: kol(rij, "id")?,
        gegevens: NieuwActiepunt {
            casus: kol(rij, "casus")?,
            verwijzing: kol(rij, "verwijzing")?,
            organisatie: kol(rij, "organisatie")?,
            medewerker: kol(rij, "medewerker")?,
            wat: kol(rij, "wat")?,
            bron: kol(rij, "bron")?,
            uiterlijk: datum(rij, "uiterlijk")?,
        },
        afgerond: tijd_optie(rij, "afgerond")?,
    })
}

// A closed case's deadlines ended with it.
const ACTIE_WAAR: &str = "WHERE organisatie = $1 AND afgerond IS NULL \
    AND ($2 IS NULL OR medewerker IS NULL OR medewerker = $2) \
    AND ($3 IS NULL OR uiterlijk < $3) \
    AND (casus IS NULL OR EXISTS (SELECT 1 FROM casus c WHERE c.id = actie.casus AND c.open))";

/// Closes the open actions of referral `$3` from `bron` `$4` (through
/// `actie_verwijzing`): at `$1`, by medewerker `$2`.
pub(crate) const ACTIES_VAN_VERWIJZING_AFRONDEN: &str = "UPDATE actie SET afgerond = $1, afgerond_door = $2 \
     WHERE verwijzing = $3 AND bron = $4 AND afgerond IS NULL";

/// Records the municipality's decision on an open maatwerk referral and
/// closes the review's action, in the caller's transaction. Locks the
/// referral first, as a delivery does, so a delivery cannot slip in beside
/// a refusal.
pub(crate) async fn beoordeel_verwijzing(
    c: &mut Verbinding,
    b: &NieuweBeoordeling,
    audit: &NieuwAuditRecord,
) -> Resultaat<Verwijzing> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT 1 FROM verwijzing WHERE id = $1{VOOR_WIJZIGING}"
    )))
    .bind(b.verwijzing)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    let v = lees_verwijzing(c, b.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    eis_open_toets(&v)?;
    let nu = klok::nu();
    sqlx::query(
        "UPDATE verwijzing SET gemeentelijke_toets = $1, toets_motivatie = $2, getoetst_door = $3, \
         getoetst_op = $4 WHERE id = $5",
    )
    .bind(b.besluit.naam())
    .bind(&b.motivatie)
    .bind(b.door.medewerker)
    .bind(tijd_db(&nu))
    .bind(b.verwijzing)
    .execute(&mut *c)
    .await
    .map_err(fout)?;
    sqlx::query(ACTIES_VAN_VERWIJZING_AFRONDEN)
        .bind(tijd_db(&nu))
        .bind(b.door.medewerker)
        .bind(b.verwijzing)
        .bind(MaatwerkFilter::ACTIE_BRON)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(b.verwijzing)).await?;
    lees_verwijzing(c, b.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

/// The maatwerk referrals made in region $1, open ones ($2 true) or
/// decided ones: through the region's organisations.
pub(crate) const MAATWERK_VAN_REGIO: &str = "FROM verwijzing v JOIN organisatie o ON o.id = v.organisatie \
    WHERE o.regio = $1 AND v.gemeentelijke_toets IS NOT NULL \
    AND (v.gemeentelijke_toets = 'open') = $2";

/// The region's maatwerk referrals: open ones oldest first (the first due
/// first), decided ones most recent first.
pub(crate) async fn maatwerkverwijzingen(
    c: &mut Verbinding,
    f: MaatwerkFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Verwijzing>> {
    let tel = format!("SELECT count(*) {MAATWERK_VAN_REGIO}");
    let volgorde = if f.open {
        "v.id"
    } else {
        "v.getoetst_op DESC, v.id DESC"
    };
    let lijst = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {VERWIJZING_KOLOMMEN}, {} {MAATWERK_VAN_REGIO} \
         ORDER BY {volgorde} LIMIT $3 OFFSET $4",
        met_totaal(&tel)
    )))
    .bind(f.regio)
    .bind(f.open);
    lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        verwijzing_uit,
        sqlx::query_scalar(sqlx::AssertSqlSafe(tel))
            .bind(f.regio)
            .bind(f.open),
    )
    .await
}

pub(crate) async fn acties(
    c: &mut Verbinding,
    f: ActiepuntFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Actiepunt>> {
    macro_rules! gebonden {
        ($sql:expr, $maak:path) => {
            $maak(sqlx::AssertSqlSafe($sql))
                .bind(f.organisatie)
                .bind(f.medewerker)
                .bind(datum_optie_db(f.verlopen_op))
        };
    }
    let tel = format!("SELECT count(*) FROM actie {ACTIE_WAAR}");
    let lijst = gebonden!(
        format!(
            "SELECT id, casus, verwijzing, organisatie, medewerker, wat, bron, uiterlijk, afgerond, \
             {} FROM actie {ACTIE_WAAR} ORDER BY uiterlijk, id LIMIT $4 OFFSET $5",
            met_totaal(&tel)
        ),
        sqlx::query
    );
    lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        actiepunt_uit,
        gebonden!(tel, sqlx::query_scalar),
    )
    .await
}

pub(crate) async fn rond_actie_af(
    c: &mut Verbinding,
    id: Id,
    door: Door,
    audit: &NieuwAuditRecord,
) -> Resultaat<Actiepunt> {
    let rij = sqlx::query(
        "SELECT id, casus, verwijzing, organisatie, medewerker, wat, bron, uiterlijk, afgerond \
         FROM actie WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    .ok_or(OpslagFout::NietGevonden)?;
    let mut actie = actiepunt_uit(&rij)?;
    if actie.gegevens.organisatie != door.organisatie {
        return Err(OpslagFout::NietGevonden);
    }
    if actie.afgerond.is_some() {
        return Err(OpslagFout::Toestand("deze actie is al afgerond".into()));
    }
    let nu = klok::nu();
    sqlx::query("UPDATE actie SET afgerond = $1, afgerond_door = $2 WHERE id = $3")
        .bind(tijd_db(&nu))
        .bind(door.medewerker)
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(fout)?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    actie.afgerond = Some(nu);
    Ok(actie)
}

/// Whether jeugdige `j` lives in gemeente $5 (its CBS number) by the
/// directory's address file; true when $5 is NULL.
fn woont_in(j: &str) -> String {
    let pc = postcode_getal(&format!("{j}.postcode"));
    format!(
        "($5 IS NULL OR EXISTS (SELECT 1 FROM adres a WHERE a.postcode = {pc} \
         AND a.huisnummer = {j}.huisnummer AND a.buurt / 10000 = $5))"
    )
}

/// The maatwerk referrals of region $1 (of pupils of school $2, living in
/// gemeente $5, when given).
fn maatwerk() -> String {
    format!(
        "FROM verwijzing v JOIN organisatie o ON o.id = v.organisatie \
         JOIN jeugdige jj ON jj.id = v.jeugdige WHERE o.regio = $1 AND ($2 IS NULL OR jj.school = $2) \
         AND {} AND v.gemeentelijke_toets IS NOT NULL",
        woont_in("jj")
    )
}

/// The statements of the monitoring figures: the six per month and kind,
/// then the cases open at the end of each of `maanden` months (those ends
/// as $6, $7, …; the first and the last as $3 and $4), in one pass, as
/// columns `m0`, `m1`, …. $1 regio, $2 school or NULL, $3 first day, $4
/// last day, $5 gemeente or NULL; over the cases of one region's wijkteams
/// (and, when asked, those with a jeugdige at one school, or living in one
/// gemeente). Each goes from the region's organisations to their cases (or
/// households), never through a whole table (a plan test holds this).
pub(crate) fn monitoring_vragen(maanden: usize) -> ([String; 6], String) {
    let dt_c_aangemaakt = dag_van_tijd("c.aangemaakt");
    let dt_c_gesloten = dag_van_tijd("c.gesloten");
    let dt_g_tijdstip = dag_van_tijd("g.tijdstip");
    let dt_v_aangemaakt = dag_van_tijd("v.aangemaakt");
    let dt_v_getoetst_op = dag_van_tijd("v.getoetst_op");
    let md_l_datum = maand_van_datum("l.datum");
    let md_v_ingangsdatum = maand_van_datum("v.ingangsdatum");
    let mt_c_aangemaakt = maand_van_tijd("c.aangemaakt");
    let mt_g_tijdstip = maand_van_tijd("g.tijdstip");
    let mt_v_aangemaakt = maand_van_tijd("v.aangemaakt");
    let mt_v_getoetst_op = maand_van_tijd("v.getoetst_op");
    let binnen = format!(
        "JOIN organisatie w ON w.id = c.wijkteam WHERE w.regio = $1 \
         AND ($2 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden AND j.school = $2)) \
         AND ($5 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden AND {}))",
        woont_in("j")
    );
    // A household belongs to the region through its cases there, counted
    // once however many it has had (a join would count a referral once per
    // case).
    let huishouden_in_regio =
        format!("jj.huishouden IN (SELECT c.huishouden FROM casus c {binnen})");
    let maatwerk = maatwerk();
    let vragen = [
        format!(
            "SELECT {mt_g_tijdstip} AS maand, g.code AS kenmerk, count(*) AS aantal, \
             CAST(sum(g.tevredenheid_jeugdige) AS BIGINT) AS som1, count(g.tevredenheid_jeugdige) AS n1, \
             CAST(sum(g.tevredenheid_ouders) AS BIGINT) AS som2, count(g.tevredenheid_ouders) AS n2 \
             FROM casus_gebeurtenis g JOIN casus c ON c.id = g.casus {binnen} \
             AND {dt_g_tijdstip} BETWEEN $3 AND $4 GROUP BY 1, 2"
        ),
        format!(
            "SELECT {mt_c_aangemaakt} AS maand, 'casus.nieuw' AS kenmerk, count(*) AS aantal, \
             CAST(NULL AS BIGINT) AS som1, CAST(0 AS BIGINT) AS n1, CAST(NULL AS BIGINT) AS som2, CAST(0 AS BIGINT) AS n2 FROM casus c {binnen} \
             AND {dt_c_aangemaakt} BETWEEN $3 AND $4 GROUP BY 1"
        ),
        format!(
            "SELECT {md_v_ingangsdatum} AS maand, 'uren.toegekend' AS kenmerk, count(*) AS aantal, \
             CAST(sum(v.toegekend_honderdsten) AS BIGINT) AS som1, count(*) AS n1, CAST(NULL AS BIGINT) AS som2, CAST(0 AS BIGINT) AS n2 \
             FROM verwijzing v JOIN jeugdige jj ON jj.id = v.jeugdige \
             WHERE {huishouden_in_regio} AND v.eenheid = 'uur' \
             AND v.ingangsdatum BETWEEN $3 AND $4 GROUP BY 1"
        ),
        format!(
            "SELECT {md_l_datum} AS maand, 'uren.geleverd' AS kenmerk, count(DISTINCT v.id) AS aantal, \
             CAST(sum(l.hoeveelheid_honderdsten) AS BIGINT) AS som1, count(*) AS n1, CAST(NULL AS BIGINT) AS som2, CAST(0 AS BIGINT) AS n2 \
             FROM levering_geldig l JOIN verwijzing v ON v.id = l.verwijzing JOIN jeugdige jj ON jj.id = v.jeugdige \
             WHERE {huishouden_in_regio} AND v.eenheid = 'uur' \
             AND l.hoeveelheid_honderdsten > 0 AND l.datum BETWEEN $3 AND $4 GROUP BY 1"
        ),
        // Maatwerk by the verwijzer's region, with or without a case.
        format!(
            "SELECT {mt_v_aangemaakt} AS maand, 'maatwerk.verwezen' AS kenmerk, \
             count(*) AS aantal, CAST(NULL AS BIGINT) AS som1, CAST(0 AS BIGINT) AS n1, CAST(NULL AS BIGINT) AS som2, CAST(0 AS BIGINT) AS n2 \
             {maatwerk} AND {dt_v_aangemaakt} BETWEEN $3 AND $4 GROUP BY 1"
        ),
        format!(
            "SELECT {mt_v_getoetst_op} AS maand, \
             'maatwerk.' || v.gemeentelijke_toets AS kenmerk, \
             count(*) AS aantal, CAST(NULL AS BIGINT) AS som1, CAST(0 AS BIGINT) AS n1, CAST(NULL AS BIGINT) AS som2, CAST(0 AS BIGINT) AS n2 \
             {maatwerk} AND {dt_v_getoetst_op} BETWEEN $3 AND $4 GROUP BY 1, 2"
        ),
    ];
    let open_op = |einde: &str| {
        format!(
            "{dt_c_aangemaakt} <= {einde} AND (c.gesloten IS NULL OR {dt_c_gesloten} > {einde})"
        )
    };
    let per_maand: Vec<String> = (0..maanden)
        .map(|i| {
            format!(
                "count(CASE WHEN {} THEN 1 END) AS m{i}",
                open_op(&format!("${}", i + 6))
            )
        })
        .collect();
    let open_aan_einden = format!(
        "SELECT {} FROM casus c {binnen} AND {dt_c_aangemaakt} <= $4 \
         AND (c.gesloten IS NULL OR {dt_c_gesloten} > $3)",
        per_maand.join(", ")
    );
    (vragen, open_aan_einden)
}

pub(crate) async fn monitoring(
    c: &mut Verbinding,
    v: &MonitoringVraag,
) -> Resultaat<Vec<MonitoringCel>> {
    let mut cellen = Vec::new();
    let maanden = maanden(v.van, v.tot);
    let (vragen, open_aan_einden) = monitoring_vragen(maanden.len());
    let gemeente = v.gemeente.map(i64::from);
    for sql in vragen {
        let rijen = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(v.regio)
            .bind(v.school)
            .bind(datum_db(v.van))
            .bind(datum_db(v.tot))
            .bind(gemeente)
            .fetch_all(&mut *c)
            .await
            .map_err(fout)?;
        for r in &rijen {
            cellen.push(MonitoringCel {
                maand: kol(r, "maand")?,
                kenmerk: kol(r, "kenmerk")?,
                aantal: kol(r, "aantal")?,
                waarden: [
                    (kol(r, "som1")?, kol(r, "n1")?),
                    (kol(r, "som2")?, kol(r, "n2")?),
                ],
            });
        }
    }
    let (Some(eerste), Some(laatste)) = (maanden.first(), maanden.last()) else {
        return Ok(cellen);
    };
    let mut vraag = sqlx::query(sqlx::AssertSqlSafe(open_aan_einden))
        .bind(v.regio)
        .bind(v.school)
        .bind(datum_db(eerste.1))
        .bind(datum_db(laatste.1))
        .bind(gemeente);
    for (_, einde) in &maanden {
        vraag = vraag.bind(datum_db(*einde));
    }
    let rij = vraag.fetch_one(&mut *c).await.map_err(fout)?;
    for (i, (maand, _)) in maanden.into_iter().enumerate() {
        cellen.push(MonitoringCel {
            maand,
            kenmerk: "casus.open".into(),
            aantal: kol(&rij, &format!("m{i}"))?,
            waarden: [(None, 0), (None, 0)],
        });
    }
    Ok(cellen)
}

pub(crate) async fn lees_casus(c: &mut Verbinding, id: Id) -> Resultaat<Option<Casus>> {
    let Some(rij) = sqlx::query(
        "SELECT id, huishouden, wijkteam, open, aangemaakt, gesloten FROM casus WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?
    else {
        return Ok(None);
    };
    let partijen = sqlx::query_scalar(
        "SELECT organisatie FROM casus_partij WHERE casus = $1 ORDER BY organisatie",
    )
    .bind(id)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?;
    Ok(Some(Casus {
        id: kol(&rij, "id")?,
        huishouden: kol(&rij, "huishouden")?,
        wijkteam: kol(&rij, "wijkteam")?,
        partijen,
        open: boolean(&rij, "open")?,
        aangemaakt: tijd(&rij, "aangemaakt")?,
        gesloten: tijd_optie(&rij, "gesloten")?,
    }))
}
