//! Lists at real volume (issue 16.2): the open cases of an organisation,
//! searched, filtered, sorted and paged in one query.

use chrono::NaiveDate;
use schakel_domain::toegang::Relaties;
use schakel_storage::{
    CasusFilter, CasusOverzicht, Hulpvraag, HulpvraagStand, HulpvragenFilter, Id, Jeugdige,
    JeugdigenFilter, Lijst, OpenCasusVerloop, Pagina, Resultaat, Verwijzing, VerwijzingenFilter,
};

use std::collections::HashMap;

use super::kern::{
    HULPVRAAG_KOLOMMEN, JEUGDIGE_KOLOMMEN, geldig, hulpvraag_uit, jeugdige_uit, relaties_uit,
};
use super::verloop::{VERWIJZING_KOLOMMEN, verwijzing_uit};
use crate::motor::{Rij, Verbinding, datum_db, datum_optie, fout, kol, tijd, tijd_optie_db};

/// The engine this backend is built for.
type Motor = <Verbinding as sqlx::Connection>::Database;

/// Open, and `$1` is its wijkteam or a party: the cases an organisation
/// works in (both engines read `c.open` as a truth value). Written as the
/// ids of its open cases as wijkteam (`casus_wijkteam_open`) and of the
/// cases it is a party to (`casus_partij_organisatie`): with an `OR` of
/// the two, SQLite scanned every case in the database, and the worklist's
/// events query every event of every case (BENCHMARKS.md, "An
/// organisation's open cases from its indexes").
macro_rules! open_van_organisatie {
    () => {
        "c.open \
         AND c.id IN (SELECT k.id FROM casus k WHERE k.wijkteam = $1 AND k.open \
                      UNION ALL SELECT p.casus FROM casus_partij p WHERE p.organisatie = $1)"
    };
}

/// The open cases of `$1`, with the last change, the phase, the
/// organisation's earliest open deadline and the first name to sort on;
/// `$2` a LIKE pattern on "voornaam achternaam", `$3` a school. The phase
/// is the last escalation step's ("escalatie.<stap>"; afgeschaald is back
/// to uitvoering), as `schakel_domain::verloop` folds it.
pub(crate) const CASUSSEN: &str = concat!(
    "SELECT c.id, c.huishouden, c.wijkteam, \
       COALESCE((SELECT max(g.tijdstip) FROM casus_gebeurtenis g WHERE g.casus = c.id), c.aangemaakt) AS gewijzigd, \
       COALESCE((SELECT CASE g.code WHEN 'escalatie.afgeschaald' THEN 'uitvoering' ELSE substr(g.code, 11) END \
                 FROM casus_gebeurtenis g WHERE g.casus = c.id AND g.code LIKE 'escalatie.%' \
                 ORDER BY g.volgnummer DESC LIMIT 1), 'uitvoering') AS fase, \
       (SELECT min(a.uiterlijk) FROM actie a WHERE a.casus = c.id AND a.organisatie = $1 AND a.afgerond IS NULL) AS termijn, \
       (SELECT min(lower(j.achternaam || ' ' || j.voornaam)) FROM jeugdige j WHERE j.huishouden = c.huishouden) AS naam \
     FROM casus c WHERE ",
    open_van_organisatie!(),
    " AND ($2 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden \
            AND lower(j.voornaam || ' ' || j.achternaam) LIKE $2 ESCAPE '\\')) \
       AND ($3 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden AND j.school = $3))"
);

/// The open cases of `$1`, by id.
pub(crate) const OPEN_CASUSSEN_VAN: &str = concat!(
    "SELECT c.id, c.huishouden, c.wijkteam FROM casus c WHERE ",
    open_van_organisatie!(),
    " ORDER BY c.id"
);

/// The events of [`OPEN_CASUSSEN_VAN`]'s cases, by case and number.
pub(crate) const VERLOOP_OPEN_CASUSSEN_VAN: &str = concat!(
    "SELECT g.casus, g.volgnummer, g.gegevens, g.medewerker, g.rol, g.organisatie, g.tijdstip \
     FROM casus_gebeurtenis g JOIN casus c ON c.id = g.casus WHERE ",
    open_van_organisatie!(),
    " ORDER BY g.casus, g.volgnummer"
);

/// [`CASUSSEN`] as list `l`, narrowed by phase (`$4`) and last change
/// (`$5` from, `$6` before).
const CASUSSEN_GEFILTERD: &str = "($4 IS NULL OR l.fase = $4) \
     AND ($5 IS NULL OR l.gewijzigd >= $5) AND ($6 IS NULL OR l.gewijzigd < $6)";

pub(crate) async fn casussen(
    c: &mut Verbinding,
    f: &CasusFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<CasusOverzicht>> {
    let patroon = f.patroon();
    let fase = f.fase.map(|x| x.naam());
    let (vanaf, voor) = (
        tijd_optie_db(f.gewijzigd_vanaf.as_ref()),
        tijd_optie_db(f.gewijzigd_voor.as_ref()),
    );
    macro_rules! gebonden {
        ($sql:expr, $maak:path) => {
            $maak(sqlx::AssertSqlSafe($sql))
                .bind(f.organisatie)
                .bind(&patroon)
                .bind(f.school)
                .bind(fase)
                .bind(vanaf.as_ref())
                .bind(voor.as_ref())
        };
    }
    let tel = format!("SELECT count(*) FROM ({CASUSSEN}) l WHERE {CASUSSEN_GEFILTERD}");
    let lijst = gebonden!(
        format!(
            "SELECT l.*, {} FROM ({CASUSSEN}) l WHERE {CASUSSEN_GEFILTERD} \
             ORDER BY {} LIMIT $7 OFFSET $8",
            met_totaal(&tel),
            f.volgorde()
        ),
        sqlx::query
    );
    let casus = |r: &Rij| {
        Ok(CasusOverzicht {
            casus: kol(r, "id")?,
            huishouden: kol(r, "huishouden")?,
            wijkteam: kol(r, "wijkteam")?,
            gewijzigd: tijd(r, "gewijzigd")?,
            termijn: datum_optie(r, "termijn")?,
        })
    };
    lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        casus,
        gebonden!(tel, sqlx::query_scalar),
    )
    .await
}

/// Every open case of `organisatie` with its events, in two queries.
pub(crate) async fn met_verloop(
    c: &mut Verbinding,
    organisatie: Id,
) -> Resultaat<Vec<OpenCasusVerloop>> {
    let casussen = sqlx::query(OPEN_CASUSSEN_VAN)
        .bind(organisatie)
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| Ok((kol(r, "id")?, kol(r, "huishouden")?, kol(r, "wijkteam")?)))
        .collect::<Resultaat<Vec<_>>>()?;
    let gebeurtenissen = sqlx::query(VERLOOP_OPEN_CASUSSEN_VAN)
        .bind(organisatie)
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| Ok((kol(r, "casus")?, super::verloop::gebeurtenis_uit(r)?)))
        .collect::<Resultaat<Vec<_>>>()?;
    Ok(OpenCasusVerloop::groepeer(casussen, gebeurtenissen))
}

/// Whose view a list of jeugdigen is: an organisation's relations that are
/// one of `patronen`, a referral ended before `grens` counting as none.
pub(crate) struct Zicht {
    pub organisatie: Id,
    pub patronen: i64,
    pub grens: NaiveDate,
}

/// The visible rows of `toegang t` (`$1` to `$3` of [`Zicht`]).
const ZICHTBAAR: &str = concat!("t.organisatie = $1 AND (($2 >> ", geldig!(), ") & 1) = 1");

/// [`JeugdigenFilter`]'s conditions on the jeugdige `j`, `$4` to `$6`.
const GEFILTERD: &str = " AND ($4 IS NULL OR lower(j.voornaam || ' ' || j.achternaam) LIKE $4 ESCAPE '\\') \
     AND ($5 IS NULL OR j.bsn = $5) AND ($6 IS NULL OR j.school = $6)";

/// The jeugdigen `zicht` may see, narrowed and ordered by `filter`. The
/// whole list in registration order is cut from the access index alone
/// and joins only its page's rows.
pub(crate) async fn jeugdigen(
    c: &mut Verbinding,
    zicht: &Zicht,
    filter: &JeugdigenFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<(Jeugdige, Relaties)>> {
    let kolommen = jeugdige_kolommen();
    let alles = filter.is_alles();
    let (totaal_sql, pagina_sql) = if alles {
        let tel = format!("SELECT count(*) FROM toegang t WHERE {ZICHTBAAR}");
        let pagina = format!(
            "SELECT {kolommen}, t.relaties, t.verwijzing_tot, {} FROM \
               (SELECT jeugdige, relaties, verwijzing_tot FROM toegang t WHERE {ZICHTBAAR} \
               ORDER BY jeugdige LIMIT $4 OFFSET $5) t \
             JOIN jeugdige j ON j.id = t.jeugdige ORDER BY t.jeugdige",
            met_totaal(&tel)
        );
        (tel, pagina)
    } else {
        let van = format!(
            "FROM toegang t JOIN jeugdige j ON j.id = t.jeugdige WHERE {ZICHTBAAR}{GEFILTERD}"
        );
        let tel = format!("SELECT count(*) {van}");
        let pagina = format!(
            "SELECT {kolommen}, t.relaties, t.verwijzing_tot, {} {van} ORDER BY {} LIMIT $7 OFFSET $8",
            met_totaal(&tel),
            filter.volgorde()
        );
        (tel, pagina)
    };
    let grens = datum_db(zicht.grens);
    let patroon = filter.patroon();
    macro_rules! gebonden {
        ($sql:expr, $maak:path) => {{
            let q = $maak(sqlx::AssertSqlSafe($sql))
                .bind(zicht.organisatie)
                .bind(zicht.patronen)
                .bind(grens.clone());
            if alles {
                q
            } else {
                q.bind(patroon.clone())
                    .bind(filter.bsn.as_ref().map(|b| b.als_tekst().to_string()))
                    .bind(filter.school)
            }
        }};
    }
    let lijst = gebonden!(pagina_sql, sqlx::query);
    lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        |r| Ok((jeugdige_uit(r)?, relaties_uit(r)?)),
        gebonden!(totaal_sql, sqlx::query_scalar),
    )
    .await
}

/// The column `totaal` with the number of rows `tel` counts (a `SELECT
/// count(*) …` with the page's own parameters), for a page's select list:
/// the page and its total in one statement, so on one snapshot without a
/// transaction, and one round trip instead of four (`BEGIN`, count, page,
/// `COMMIT`) on every list request. Not correlated with the page's rows,
/// both engines count once per statement.
pub(crate) fn met_totaal(tel: &str) -> String {
    format!("({tel}) AS totaal")
}

/// The page `pagina` of `lijst` (its statement, bound up to its last two
/// parameters, `LIMIT` and `OFFSET`, and selecting [`met_totaal`]), each
/// row read by `lees`, with its total: the `totaal` column of its first
/// row. A page past the end has no row to carry it: then `tel` (the count,
/// bound) counts, in a statement of its own (an empty page has nothing to
/// disagree with).
pub(crate) async fn lijst_met_totaal<'q, T, A>(
    c: &mut Verbinding,
    lijst: sqlx::query::Query<'q, Motor, <Motor as sqlx::Database>::Arguments>,
    pagina: Pagina,
    lees: impl Fn(&Rij) -> Resultaat<T>,
    tel: sqlx::query::QueryScalar<'q, Motor, i64, A>,
) -> Resultaat<Lijst<T>>
where
    A: 'q + Send + sqlx::IntoArguments<Motor>,
{
    let rijen = lijst
        .bind(pagina.aantal)
        .bind(pagina.vanaf)
        .fetch_all(&mut *c)
        .await
        .map_err(fout)?;
    let totaal = match rijen.first() {
        Some(r) => kol(r, "totaal")?,
        None => tel.fetch_one(c).await.map_err(fout)?,
    };
    let items = rijen.iter().map(lees).collect::<Resultaat<Vec<_>>>()?;
    Ok(Lijst { items, totaal })
}

/// The referrals of the jeugdigen `zicht` may see, as `filter` narrows and
/// orders them, with each one's jeugdige and facts: the page of referrals
/// in one query, their jeugdigen in a second.
pub(crate) async fn verwijzingen(
    c: &mut Verbinding,
    zicht: &Zicht,
    filter: &VerwijzingenFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<(Verwijzing, Jeugdige, Relaties)>> {
    let waar = format!(
        "JOIN toegang t ON t.jeugdige = v.jeugdige JOIN jeugdige j ON j.id = v.jeugdige \
         WHERE {ZICHTBAAR} AND ($4 IS NULL OR v.aanbieder = $4) AND ($5 IS NULL OR v.organisatie = $5) \
         AND ($6 IS NULL OR lower(j.voornaam || ' ' || j.achternaam) LIKE $6 ESCAPE '\\') \
         AND ($7 IS NULL OR v.einddatum >= $7) AND ($8 IS NULL OR v.einddatum <= $8) \
         AND ($9 IS NULL OR v.einddatum < $9) AND ($10 IS NULL OR j.school = $10) \
         AND ($11 IS NULL OR v.product = $11) AND ($12 IS NULL OR v.ingangsdatum >= $12) \
         AND ($13 IS NULL OR v.ingangsdatum <= $13)"
    );
    let (aanbieder, verwijzer) = filter.partijen();
    let patroon = filter.patroon();
    let (vanaf, tot, voor) = filter.einddatum();
    let [vanaf, tot, voor, ingang_vanaf, ingang_tot] =
        [vanaf, tot, voor, filter.ingang_vanaf, filter.ingang_tot].map(|d| d.map(datum_db));
    let grens = datum_db(zicht.grens);
    macro_rules! gebonden {
        ($sql:expr, $maak:path) => {
            $maak(sqlx::AssertSqlSafe($sql))
                .bind(zicht.organisatie)
                .bind(zicht.patronen)
                .bind(grens.clone())
                .bind(aanbieder)
                .bind(verwijzer)
                .bind(patroon.clone())
                .bind(vanaf.clone())
                .bind(tot.clone())
                .bind(voor.clone())
                .bind(filter.school)
                .bind(filter.product.clone())
                .bind(ingang_vanaf.clone())
                .bind(ingang_tot.clone())
        };
    }
    let tel = format!("SELECT count(*) FROM verwijzing v {waar}");
    let lijst = gebonden!(
        format!(
            "SELECT {VERWIJZING_KOLOMMEN}, {} FROM verwijzing v {waar} \
             ORDER BY {} LIMIT $14 OFFSET $15",
            met_totaal(&tel),
            filter.volgorde()
        ),
        sqlx::query
    );
    let Lijst {
        items: verwijzingen,
        totaal,
    } = lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        verwijzing_uit,
        gebonden!(tel, sqlx::query_scalar),
    )
    .await?;
    let mut ids: Vec<Id> = verwijzingen.iter().map(|v| v.gegevens.jeugdige).collect();
    ids.sort_unstable();
    ids.dedup();
    let jeugdigen = jeugdigen_van(c, zicht.organisatie, &ids).await?;
    let items = verwijzingen
        .into_iter()
        .filter_map(|v| {
            let (j, r) = jeugdigen.get(&v.gegevens.jeugdige)?.clone();
            Some((v, j, r))
        })
        .collect();
    Ok(Lijst { items, totaal })
}

/// The jeugdigen `ids` with `organisatie`'s facts about each, by id.
async fn jeugdigen_van(
    c: &mut Verbinding,
    organisatie: Id,
    ids: &[Id],
) -> Resultaat<HashMap<Id, (Jeugdige, Relaties)>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let kolommen = jeugdige_kolommen();
    let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {kolommen}, t.relaties, t.verwijzing_tot FROM jeugdige j \
         JOIN toegang t ON t.jeugdige = j.id AND t.organisatie = $1 WHERE j.id IN ({})",
        plaatsen(2, ids.len())
    )))
    .bind(organisatie);
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(&mut *c)
        .await
        .map_err(fout)?
        .iter()
        .map(|r| {
            let j = jeugdige_uit(r)?;
            Ok((j.id, (j, relaties_uit(r)?)))
        })
        .collect()
}

/// One placeholder per id, from `$eerste` on (only placeholders are
/// generated into the statement).
fn plaatsen(eerste: usize, aantal: usize) -> String {
    (eerste..eerste + aantal)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The jeugdigen of `ids` that exist, by id.
pub(crate) async fn jeugdigen_op_id(c: &mut Verbinding, ids: &[Id]) -> Resultaat<Vec<Jeugdige>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {JEUGDIGE_KOLOMMEN} FROM jeugdige WHERE id IN ({}) ORDER BY id",
        plaatsen(1, ids.len())
    )));
    for id in ids {
        q = q.bind(*id);
    }
    q.fetch_all(&mut *c)
        .await
        .map_err(fout)?
        .iter()
        .map(jeugdige_uit)
        .collect()
}

/// The jeugdige's columns, as `j.<kolom>`.
fn jeugdige_kolommen() -> String {
    JEUGDIGE_KOLOMMEN
        .split(',')
        .map(|k| format!("j.{}", k.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The hulpvragen `filter.organisatie` registered or handles, as `filter`
/// narrows and orders them.
pub(crate) async fn hulpvragen(
    c: &mut Verbinding,
    filter: &HulpvragenFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Hulpvraag>> {
    let stand = filter.stand.map_or("TRUE", HulpvraagStand::sql);
    // Only `hulpvraag h` is in the outer FROM: its columns need no prefix.
    let waar = format!(
        "WHERE (h.organisatie = $1 OR h.behandelaar = $1) AND (h.open OR NOT $2) \
         AND ($3 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.id = h.jeugdige \
              AND lower(j.voornaam || ' ' || j.achternaam) LIKE $3 ESCAPE '\\')) \
         AND ($4 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.id = h.jeugdige AND j.school = $4)) \
         AND ($5 IS NULL OR h.aangemaakt >= $5) AND ($6 IS NULL OR h.aangemaakt < $6) AND {stand}"
    );
    let patroon = filter.patroon();
    let (vanaf, voor) = (
        tijd_optie_db(filter.aangemaakt_vanaf.as_ref()),
        tijd_optie_db(filter.aangemaakt_voor.as_ref()),
    );
    macro_rules! gebonden {
        ($sql:expr, $maak:path) => {
            $maak(sqlx::AssertSqlSafe($sql))
                .bind(filter.organisatie)
                .bind(filter.alleen_open)
                .bind(&patroon)
                .bind(filter.school)
                .bind(vanaf.clone())
                .bind(voor.clone())
        };
    }
    let tel = format!("SELECT count(*) FROM hulpvraag h {waar}");
    let lijst = gebonden!(
        format!(
            "SELECT {HULPVRAAG_KOLOMMEN}, {} FROM hulpvraag h {waar} ORDER BY {} LIMIT $7 OFFSET $8",
            met_totaal(&tel),
            filter.volgorde()
        ),
        sqlx::query
    );
    lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        hulpvraag_uit,
        gebonden!(tel, sqlx::query_scalar),
    )
    .await
}
