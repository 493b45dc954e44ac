//! The course of a joint case on SQLite: events, referrals, deliveries,
//! actions and the monitoring figures. Writers hold SQLite's single write
//! lock (`BEGIN IMMEDIATE`), so the check "is this the next event number"
//! and the insert cannot interleave with another writer.

use schakel_domain::Hoeveelheid;
use schakel_storage::verloop::GemeentelijkeToets;
use schakel_storage::verloop::{
    Beoordeling, MaatwerkFilter, MonitoringCel, MonitoringVraag, NieuweBeoordeling,
    budget_toereikend, eis_leverbaar, eis_open_toets, maanden,
};

use super::*;

fn door_uit(rij: &SqliteRow) -> Resultaat<Door> {
    Ok(Door {
        medewerker: kolom(rij, "medewerker")?,
        rol: ontleed(rij, "rol", rol)?,
        organisatie: kolom(rij, "organisatie")?,
    })
}

fn gebeurtenis_uit(rij: &SqliteRow) -> Resultaat<CasusGebeurtenis> {
    Ok(CasusGebeurtenis {
        volgnummer: kolom(rij, "volgnummer")?,
        gebeurtenis: ontleed(rij, "gegevens", |s| serde_json::from_str(s))?,
        door: door_uit(rij)?,
        tijdstip: tijd(rij, "tijdstip")?,
    })
}

pub(crate) async fn gebeurtenissen(
    c: &mut SqliteConnection,
    casus: Id,
) -> Resultaat<Vec<CasusGebeurtenis>> {
    sqlx::query(
        "SELECT volgnummer, gegevens, medewerker, rol, organisatie, tijdstip \
         FROM casus_gebeurtenis WHERE casus = ? ORDER BY volgnummer",
    )
    .bind(casus)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(gebeurtenis_uit)
    .collect()
}

pub(crate) async fn voeg_gebeurtenis_toe(
    c: &mut SqliteConnection,
    g: &NieuweCasusGebeurtenis,
    audits: &[NieuwAuditRecord],
) -> Resultaat<CasusGebeurtenis> {
    let casus = lees_casus(c, g.casus)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    if !casus.open {
        return Err(OpslagFout::Toestand("de casus is afgesloten".into()));
    }
    let laatste: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(volgnummer), 0) FROM casus_gebeurtenis WHERE casus = ?",
    )
    .bind(g.casus)
    .fetch_one(&mut *c)
    .await
    .map_err(db)?;
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
    let gegevens = serde_json::to_string(&g.gebeurtenis).map_err(|e| ongeldig("gegevens", e))?;
    let [jeugdige_score, ouders_score] = g.gebeurtenis.waarden();
    sqlx::query(
        "INSERT INTO casus_gebeurtenis (casus, volgnummer, code, gegevens, jeugdige, medewerker, \
         rol, organisatie, tijdstip, tevredenheid_jeugdige, tevredenheid_ouders) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(g.casus)
    .bind(g.volgnummer)
    .bind(g.gebeurtenis.code())
    .bind(gegevens)
    .bind(g.gebeurtenis.jeugdige())
    .bind(g.door.medewerker)
    .bind(g.door.rol.naam())
    .bind(g.door.organisatie)
    .bind(tijd_tekst(&nu))
    .bind(jeugdige_score.map(i64::from))
    .bind(ouders_score.map(i64::from))
    .execute(&mut *c)
    .await
    .map_err(db)?;
    voeg_partijen_toe(c, g.casus, &g.nieuwe_partijen).await?;
    if g.sluit {
        sqlx::query("UPDATE casus SET open = 0, gesloten = ? WHERE id = ?")
            .bind(tijd_tekst(&nu))
            .bind(g.casus)
            .execute(&mut *c)
            .await
            .map_err(db)?;
        sqlx::query("UPDATE hulpvraag SET open = 0 WHERE casus = ?")
            .bind(g.casus)
            .execute(&mut *c)
            .await
            .map_err(db)?;
    }
    if g.sluit || !g.nieuwe_partijen.is_empty() {
        herbereken_huishouden(c, casus.huishouden).await?;
    }
    voeg_acties_toe(c, &g.acties, None).await?;
    raak_huishouden_aan(c, casus.huishouden, &nu).await?;
    let audits: Vec<_> = audits
        .iter()
        .map(|a| a.anders_over_object(g.casus))
        .collect();
    voeg_audits_toe(c, &audits).await?;
    Ok(CasusGebeurtenis {
        volgnummer: g.volgnummer,
        gebeurtenis: g.gebeurtenis.clone(),
        door: g.door,
        tijdstip: nu,
    })
}

async fn voeg_acties_toe(
    c: &mut SqliteConnection,
    acties: &[NieuwActiepunt],
    verwijzing: Option<Id>,
) -> Resultaat<()> {
    for a in acties {
        sqlx::query(
            "INSERT INTO actie (casus, verwijzing, organisatie, medewerker, wat, bron, uiterlijk) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(a.casus)
        .bind(verwijzing.or(a.verwijzing))
        .bind(a.organisatie)
        .bind(a.medewerker)
        .bind(&a.wat)
        .bind(&a.bron)
        .bind(datum_tekst(a.uiterlijk))
        .execute(&mut *c)
        .await
        .map_err(db)?;
    }
    Ok(())
}

const VERWIJZING_SELECT: &str = "SELECT v.id, v.jeugdige, v.casus, v.medewerker, v.rol, \
    v.organisatie, v.aanbieder, v.product, v.volume, v.eenheid, v.per, v.ingangsdatum, \
    v.einddatum, v.toegekend_honderdsten, v.binnen_normen, v.regels, v.normenkader, v.bevindingen, \
    v.motivatie, v.gemeentelijke_toets, v.toets_motivatie, v.getoetst_door, v.getoetst_op, \
    v.aangemaakt, \
    (SELECT coalesce(sum(hoeveelheid_honderdsten), 0) FROM levering l WHERE l.verwijzing = v.id) AS geleverd_honderdsten \
    FROM verwijzing v";

fn verwijzing_uit(rij: &SqliteRow) -> Resultaat<Verwijzing> {
    Ok(Verwijzing {
        id: kolom(rij, "id")?,
        gegevens: NieuweVerwijzing {
            jeugdige: kolom(rij, "jeugdige")?,
            casus: kolom(rij, "casus")?,
            door: door_uit(rij)?,
            aanbieder: kolom(rij, "aanbieder")?,
            product: kolom(rij, "product")?,
            volume: kolom(rij, "volume")?,
            eenheid: kolom(rij, "eenheid")?,
            per: kolom(rij, "per")?,
            ingangsdatum: datum(rij, "ingangsdatum")?,
            einddatum: datum(rij, "einddatum")?,
            toegekend: Hoeveelheid::honderdsten(kolom(rij, "toegekend_honderdsten")?),
            binnen_normen: boolean(rij, "binnen_normen")?,
            regels: ontleed(rij, "regels", |s| serde_json::from_str(s))?,
            normenkader: kolom(rij, "normenkader")?,
            bevindingen: ontleed(rij, "bevindingen", |s| serde_json::from_str(s))?,
            motivatie: kolom(rij, "motivatie")?,
        },
        gemeentelijke_toets: ontleed_optie(rij, "gemeentelijke_toets", |s| {
            GemeentelijkeToets::parse(s).ok_or("onbekende toets")
        })?,
        beoordeling: match tijd_optie(rij, "getoetst_op")? {
            Some(op) => Some(Beoordeling {
                motivatie: kolom(rij, "toets_motivatie")?,
                door: kolom(rij, "getoetst_door")?,
                op,
            }),
            None => None,
        },
        geleverd: Hoeveelheid::honderdsten(kolom(rij, "geleverd_honderdsten")?),
        aangemaakt: tijd(rij, "aangemaakt")?,
    })
}

pub(crate) async fn lees_verwijzing(
    c: &mut SqliteConnection,
    id: Id,
) -> Resultaat<Option<Verwijzing>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{VERWIJZING_SELECT} WHERE v.id = ?"
    )))
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(db)?
    .as_ref()
    .map(verwijzing_uit)
    .transpose()
}

pub(crate) async fn verwijzingen(
    c: &mut SqliteConnection,
    jeugdige: Id,
) -> Resultaat<Vec<Verwijzing>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{VERWIJZING_SELECT} WHERE v.jeugdige = ? ORDER BY v.id"
    )))
    .bind(jeugdige)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(verwijzing_uit)
    .collect()
}

pub(crate) async fn maak_verwijzing(
    c: &mut SqliteConnection,
    v: &NieuweVerwijzing,
    acties: &[NieuwActiepunt],
    audit: &NieuwAuditRecord,
) -> Resultaat<Verwijzing> {
    let huishouden: Id = sqlx::query_scalar("SELECT huishouden FROM jeugdige WHERE id = ?")
        .bind(v.jeugdige)
        .fetch_optional(&mut *c)
        .await
        .map_err(db)?
        .ok_or_else(|| OpslagFout::OnbekendeVerwijzing("jeugdige".into()))?;
    eis(c, ORGANISATIE_BESTAAT, v.aanbieder, "aanbieder").await?;
    if let Some(casus) = v.casus {
        eis(c, "SELECT 1 FROM casus WHERE id = ?", casus, "casus").await?;
    }
    let nu = klok::nu();
    let id = sqlx::query(
        "INSERT INTO verwijzing (jeugdige, casus, medewerker, rol, organisatie, aanbieder, product, \
         volume, eenheid, per, ingangsdatum, einddatum, toegekend_honderdsten, binnen_normen, regels, \
         normenkader, bevindingen, motivatie, gemeentelijke_toets, aangemaakt) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    .bind(datum_tekst(v.ingangsdatum))
    .bind(datum_tekst(v.einddatum))
    .bind(v.toegekend.in_honderdsten())
    .bind(i64::from(v.binnen_normen))
    .bind(serde_json::to_string(&v.regels).map_err(|e| ongeldig("regels", e))?)
    .bind(&v.normenkader)
    .bind(v.bevindingen.to_string())
    .bind(&v.motivatie)
    .bind((!v.binnen_normen).then_some(GemeentelijkeToets::Open.naam()))
    .bind(tijd_tekst(&nu))
    .execute(&mut *c)
    .await
    .map_err(db)?
    .last_insert_rowid();
    voeg_acties_toe(c, acties, Some(id)).await?;
    herbereken_huishouden(c, huishouden).await?;
    raak_huishouden_aan(c, huishouden, &nu).await?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    lees_verwijzing(c, id)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

pub(crate) async fn registreer_levering(
    c: &mut SqliteConnection,
    l: &NieuweLevering,
    audit: &NieuwAuditRecord,
) -> Resultaat<Verwijzing> {
    let v = lees_verwijzing(c, l.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    eis_leverbaar(&v)?;
    budget_toereikend(&v, l.hoeveelheid)?;
    sqlx::query(
        "INSERT INTO levering (verwijzing, datum, hoeveelheid_honderdsten, medewerker, organisatie, aangemaakt) \
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(l.verwijzing)
    .bind(datum_tekst(l.datum))
    .bind(l.hoeveelheid.in_honderdsten())
    .bind(l.door.medewerker)
    .bind(l.door.organisatie)
    .bind(tijd_tekst(&klok::nu()))
    .execute(&mut *c)
    .await
    .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(l.verwijzing)).await?;
    lees_verwijzing(c, l.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

/// Records the municipality's decision on an open maatwerk referral and
/// closes the review's action, in the caller's transaction.
pub(crate) async fn beoordeel_verwijzing(
    c: &mut SqliteConnection,
    b: &NieuweBeoordeling,
    audit: &NieuwAuditRecord,
) -> Resultaat<Verwijzing> {
    let v = lees_verwijzing(c, b.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)?;
    eis_open_toets(&v)?;
    let nu = tijd_tekst(&klok::nu());
    sqlx::query(
        "UPDATE verwijzing SET gemeentelijke_toets = ?, toets_motivatie = ?, getoetst_door = ?, \
         getoetst_op = ? WHERE id = ?",
    )
    .bind(b.besluit.naam())
    .bind(&b.motivatie)
    .bind(b.door.medewerker)
    .bind(&nu)
    .bind(b.verwijzing)
    .execute(&mut *c)
    .await
    .map_err(db)?;
    sqlx::query(
        "UPDATE actie SET afgerond = ?, afgerond_door = ? \
         WHERE verwijzing = ? AND bron = ? AND afgerond IS NULL",
    )
    .bind(&nu)
    .bind(b.door.medewerker)
    .bind(b.verwijzing)
    .bind(MaatwerkFilter::ACTIE_BRON)
    .execute(&mut *c)
    .await
    .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(b.verwijzing)).await?;
    lees_verwijzing(c, b.verwijzing)
        .await?
        .ok_or(OpslagFout::NietGevonden)
}

/// The region's maatwerk referrals: open ones oldest first (the first due
/// first), decided ones most recent first.
pub(crate) async fn maatwerkverwijzingen(
    c: &mut SqliteConnection,
    f: MaatwerkFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Verwijzing>> {
    let waar = "JOIN organisatie o ON o.id = v.organisatie \
        WHERE o.regio = ?1 AND v.gemeentelijke_toets IS NOT NULL \
        AND (v.gemeentelijke_toets = 'open') = ?2";
    let totaal: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM verwijzing v {waar}"
    )))
    .bind(f.regio)
    .bind(f.open)
    .fetch_one(&mut *c)
    .await
    .map_err(db)?;
    let volgorde = if f.open {
        "v.id"
    } else {
        "v.getoetst_op DESC, v.id DESC"
    };
    let items = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{VERWIJZING_SELECT} {waar} ORDER BY {volgorde} LIMIT ?3 OFFSET ?4"
    )))
    .bind(f.regio)
    .bind(f.open)
    .bind(pagina.aantal)
    .bind(pagina.vanaf)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(verwijzing_uit)
    .collect::<Resultaat<_>>()?;
    Ok(Lijst { items, totaal })
}

fn actiepunt_uit(rij: &SqliteRow) -> Resultaat<Actiepunt> {
    Ok(Actiepunt {
        id: kolom(rij, "id")?,
        gegevens: NieuwActiepunt {
            casus: kolom(rij, "casus")?,
            verwijzing: kolom(rij, "verwijzing")?,
            organisatie: kolom(rij, "organisatie")?,
            medewerker: kolom(rij, "medewerker")?,
            wat: kolom(rij, "wat")?,
            bron: kolom(rij, "bron")?,
            uiterlijk: datum(rij, "uiterlijk")?,
        },
        afgerond: tijd_optie(rij, "afgerond")?,
    })
}

// A closed case's deadlines ended with it.
const ACTIE_WAAR: &str = "WHERE organisatie = ?1 AND afgerond IS NULL \
    AND (?2 IS NULL OR medewerker IS NULL OR medewerker = ?2) \
    AND (?3 IS NULL OR uiterlijk < ?3) \
    AND (casus IS NULL OR EXISTS (SELECT 1 FROM casus c WHERE c.id = actie.casus AND c.open = 1))";

pub(crate) async fn acties(
    c: &mut SqliteConnection,
    f: ActiepuntFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Actiepunt>> {
    let verlopen = f.verlopen_op.map(datum_tekst);
    let totaal: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM actie {ACTIE_WAAR}"
    )))
    .bind(f.organisatie)
    .bind(f.medewerker)
    .bind(&verlopen)
    .fetch_one(&mut *c)
    .await
    .map_err(db)?;
    let items = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id, casus, verwijzing, organisatie, medewerker, wat, bron, uiterlijk, afgerond \
         FROM actie {ACTIE_WAAR} ORDER BY uiterlijk, id LIMIT ?4 OFFSET ?5"
    )))
    .bind(f.organisatie)
    .bind(f.medewerker)
    .bind(&verlopen)
    .bind(pagina.aantal)
    .bind(pagina.vanaf)
    .fetch_all(&mut *c)
    .await
    .map_err(db)?
    .iter()
    .map(actiepunt_uit)
    .collect::<Resultaat<Vec<_>>>()?;
    Ok(Lijst { items, totaal })
}

pub(crate) async fn rond_actie_af(
    c: &mut SqliteConnection,
    id: Id,
    door: Door,
    audit: &NieuwAuditRecord,
) -> Resultaat<Actiepunt> {
    let rij = sqlx::query(
        "SELECT id, casus, verwijzing, organisatie, medewerker, wat, bron, uiterlijk, afgerond \
         FROM actie WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *c)
    .await
    .map_err(db)?
    .ok_or(OpslagFout::NietGevonden)?;
    let mut actie = actiepunt_uit(&rij)?;
    if actie.gegevens.organisatie != door.organisatie {
        return Err(OpslagFout::NietGevonden);
    }
    if actie.afgerond.is_some() {
        return Err(OpslagFout::Toestand("deze actie is al afgerond".into()));
    }
    let nu = klok::nu();
    sqlx::query("UPDATE actie SET afgerond = ?, afgerond_door = ? WHERE id = ?")
        .bind(tijd_tekst(&nu))
        .bind(door.medewerker)
        .bind(id)
        .execute(&mut *c)
        .await
        .map_err(db)?;
    voeg_audit_toe(c, &audit.over_object(id)).await?;
    actie.afgerond = Some(nu);
    Ok(actie)
}

/// The maatwerk referrals of region ?1 (of pupils of school ?2 when given).
const MAATWERK: &str = "FROM verwijzing v JOIN organisatie o ON o.id = v.organisatie \
    JOIN jeugdige jj ON jj.id = v.jeugdige WHERE o.regio = ?1 AND (?2 IS NULL OR jj.school = ?2) \
    AND v.gemeentelijke_toets IS NOT NULL";

/// Figures per month and kind, over the cases of one region's wijkteams
/// (and, when asked, those with a jeugdige at one school).
pub(crate) async fn monitoring(
    c: &mut SqliteConnection,
    v: &MonitoringVraag,
) -> Resultaat<Vec<MonitoringCel>> {
    let (van, tot) = (datum_tekst(v.van), datum_tekst(v.tot));
    let mut cellen = Vec::new();
    // ?1 regio, ?2 school or NULL, ?3 first day, ?4 last day.
    let binnen = "JOIN organisatie w ON w.id = c.wijkteam WHERE w.regio = ?1 \
        AND (?2 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden AND j.school = ?2))";
    let vragen = [
        format!(
            "SELECT substr(g.tijdstip, 1, 7) AS maand, g.code AS kenmerk, count(*) AS aantal, \
             sum(g.tevredenheid_jeugdige) AS som1, count(g.tevredenheid_jeugdige) AS n1, \
             sum(g.tevredenheid_ouders) AS som2, count(g.tevredenheid_ouders) AS n2 \
             FROM casus_gebeurtenis g JOIN casus c ON c.id = g.casus {binnen} \
             AND substr(g.tijdstip, 1, 10) BETWEEN ?3 AND ?4 GROUP BY 1, 2"
        ),
        format!(
            "SELECT substr(c.aangemaakt, 1, 7) AS maand, 'casus.nieuw' AS kenmerk, count(*) AS aantal, \
             NULL AS som1, 0 AS n1, NULL AS som2, 0 AS n2 FROM casus c {binnen} \
             AND substr(c.aangemaakt, 1, 10) BETWEEN ?3 AND ?4 GROUP BY 1"
        ),
        format!(
            "SELECT substr(v.ingangsdatum, 1, 7) AS maand, 'uren.toegekend' AS kenmerk, count(*) AS aantal, \
             sum(v.toegekend_honderdsten) AS som1, count(*) AS n1, NULL AS som2, 0 AS n2 \
             FROM verwijzing v JOIN jeugdige jj ON jj.id = v.jeugdige \
             JOIN casus c ON c.huishouden = jj.huishouden {binnen} AND v.eenheid = 'uur' \
             AND v.ingangsdatum BETWEEN ?3 AND ?4 GROUP BY 1"
        ),
        format!(
            "SELECT substr(l.datum, 1, 7) AS maand, 'uren.geleverd' AS kenmerk, count(DISTINCT v.id) AS aantal, \
             sum(l.hoeveelheid_honderdsten) AS som1, count(*) AS n1, NULL AS som2, 0 AS n2 \
             FROM levering l JOIN verwijzing v ON v.id = l.verwijzing JOIN jeugdige jj ON jj.id = v.jeugdige \
             JOIN casus c ON c.huishouden = jj.huishouden {binnen} AND v.eenheid = 'uur' \
             AND l.datum BETWEEN ?3 AND ?4 GROUP BY 1"
        ),
        // Maatwerk by the verwijzer's region, with or without a case.
        format!(
            "SELECT substr(v.aangemaakt, 1, 7) AS maand, 'maatwerk.verwezen' AS kenmerk, count(*) AS aantal, \
             NULL AS som1, 0 AS n1, NULL AS som2, 0 AS n2 {MAATWERK} \
             AND substr(v.aangemaakt, 1, 10) BETWEEN ?3 AND ?4 GROUP BY 1"
        ),
        format!(
            "SELECT substr(v.getoetst_op, 1, 7) AS maand, 'maatwerk.' || v.gemeentelijke_toets AS kenmerk, \
             count(*) AS aantal, NULL AS som1, 0 AS n1, NULL AS som2, 0 AS n2 {MAATWERK} \
             AND substr(v.getoetst_op, 1, 10) BETWEEN ?3 AND ?4 GROUP BY 1, 2"
        ),
    ];
    for sql in vragen {
        let rijen = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(v.regio)
            .bind(v.school)
            .bind(&van)
            .bind(&tot)
            .fetch_all(&mut *c)
            .await
            .map_err(db)?;
        for r in &rijen {
            cellen.push(MonitoringCel {
                maand: kolom(r, "maand")?,
                kenmerk: kolom(r, "kenmerk")?,
                aantal: kolom(r, "aantal")?,
                waarden: [
                    (kolom(r, "som1")?, kolom(r, "n1")?),
                    (kolom(r, "som2")?, kolom(r, "n2")?),
                ],
            });
        }
    }
    for maand in maanden(v.van, v.tot) {
        let open: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM casus c {binnen} AND substr(c.aangemaakt, 1, 10) <= ?3 \
             AND (c.gesloten IS NULL OR substr(c.gesloten, 1, 10) > ?3)"
        )))
        .bind(v.regio)
        .bind(v.school)
        .bind(datum_tekst(maand.1))
        .fetch_one(&mut *c)
        .await
        .map_err(db)?;
        cellen.push(MonitoringCel {
            maand: maand.0,
            kenmerk: "casus.open".into(),
            aantal: open,
            waarden: [(None, 0), (None, 0)],
        });
    }
    Ok(cellen)
}
