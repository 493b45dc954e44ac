//! Lists at real volume (issue 16.2): the open cases of an organisation,
//! searched, filtered, sorted and paged in one query.

use schakel_storage::{
    CasusFilter, CasusOverzicht, Id, Lijst, OpenCasusVerloop, Pagina, Resultaat,
};

use crate::motor::{Verbinding, datum_optie, fout, kol, tijd};

/// Open, and `$1` is its wijkteam or a party: the cases an organisation
/// works in (both engines read `c.open` as a truth value).
macro_rules! open_van_organisatie {
    () => {
        "c.open \
         AND (c.wijkteam = $1 OR EXISTS (SELECT 1 FROM casus_partij p WHERE p.casus = c.id AND p.organisatie = $1))"
    };
}

/// The open cases of `$1`, with the last change, the organisation's
/// earliest open deadline and the first name to sort on; `$2` a LIKE
/// pattern on "voornaam achternaam", `$3` a school.
const CASUSSEN: &str = concat!(
    "SELECT c.id, c.huishouden, c.wijkteam, \
       COALESCE((SELECT max(g.tijdstip) FROM casus_gebeurtenis g WHERE g.casus = c.id), c.aangemaakt) AS gewijzigd, \
       (SELECT min(a.uiterlijk) FROM actie a WHERE a.casus = c.id AND a.organisatie = $1 AND a.afgerond IS NULL) AS termijn, \
       (SELECT min(lower(j.achternaam || ' ' || j.voornaam)) FROM jeugdige j WHERE j.huishouden = c.huishouden) AS naam \
     FROM casus c WHERE ",
    open_van_organisatie!(),
    " AND ($2 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden \
            AND lower(j.voornaam || ' ' || j.achternaam) LIKE $2 ESCAPE '\\')) \
       AND ($3 IS NULL OR EXISTS (SELECT 1 FROM jeugdige j WHERE j.huishouden = c.huishouden AND j.school = $3))"
);

/// The open cases of `$1`, by id.
const OPEN_CASUSSEN_VAN: &str = concat!(
    "SELECT c.id, c.huishouden, c.wijkteam FROM casus c WHERE ",
    open_van_organisatie!(),
    " ORDER BY c.id"
);

/// The events of [`OPEN_CASUSSEN_VAN`]'s cases, by case and number.
const VERLOOP_OPEN_CASUSSEN_VAN: &str = concat!(
    "SELECT g.casus, g.volgnummer, g.gegevens, g.medewerker, g.rol, g.organisatie, g.tijdstip \
     FROM casus_gebeurtenis g JOIN casus c ON c.id = g.casus WHERE ",
    open_van_organisatie!(),
    " ORDER BY g.casus, g.volgnummer"
);

pub(crate) async fn casussen(
    c: &mut Verbinding,
    f: &CasusFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<CasusOverzicht>> {
    let patroon = f.patroon();
    let totaal: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM ({CASUSSEN}) l"
    )))
    .bind(f.organisatie)
    .bind(&patroon)
    .bind(f.school)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    let items = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT * FROM ({CASUSSEN}) l ORDER BY {} LIMIT $4 OFFSET $5",
        f.volgorde()
    )))
    .bind(f.organisatie)
    .bind(&patroon)
    .bind(f.school)
    .bind(pagina.aantal)
    .bind(pagina.vanaf)
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(|r| {
        Ok(CasusOverzicht {
            casus: kol(r, "id")?,
            huishouden: kol(r, "huishouden")?,
            wijkteam: kol(r, "wijkteam")?,
            gewijzigd: tijd(r, "gewijzigd")?,
            termijn: datum_optie(r, "termijn")?,
        })
    })
    .collect::<Resultaat<_>>()?;
    Ok(Lijst { items, totaal })
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
