//! Break-the-glass grants on closed cases (noodtoegang).

use schakel_storage::{NieuweNoodtoegang, Noodtoegang, NoodtoegangFilter};

use chrono::{DateTime, Utc};
use schakel_storage::{Id, Lijst, NieuwAuditRecord, OpslagFout, Pagina, Resultaat};

use crate::motor::{Rij, VOOR_WIJZIGING, Verbinding, fout, kol, tijd, tijd_db, tijd_optie_db};
use crate::sql::kern::bewaar_audits;
use crate::sql::lijsten::{lijst_met_totaal, met_totaal};
use crate::sql::rij::{geparst, rol_uit};

const KOLOMMEN: &str = "n.id, n.casus, c.huishouden, n.medewerker, m.naam AS medewerker_naam, \
     n.rol, n.organisatie, o.naam AS organisatie_naam, n.reden, n.verleend, n.tot";
const VAN: &str = "FROM noodtoegang n JOIN casus c ON c.id = n.casus \
     JOIN medewerker m ON m.id = n.medewerker JOIN organisatie o ON o.id = n.organisatie";

fn noodtoegang_uit(r: &Rij) -> Resultaat<Noodtoegang> {
    Ok(Noodtoegang {
        id: kol(r, "id")?,
        casus: kol(r, "casus")?,
        huishouden: kol(r, "huishouden")?,
        medewerker: kol(r, "medewerker")?,
        medewerker_naam: kol(r, "medewerker_naam")?,
        rol: geparst(r, "rol", rol_uit)?,
        organisatie: kol(r, "organisatie")?,
        organisatie_naam: kol(r, "organisatie_naam")?,
        reden: kol(r, "reden")?,
        verleend: tijd(r, "verleend")?,
        tot: tijd(r, "tot")?,
    })
}

pub(crate) async fn maak(
    c: &mut Verbinding,
    n: &NieuweNoodtoegang,
    audits: &[NieuwAuditRecord],
) -> Resultaat<Noodtoegang> {
    // Locks the case row: it cannot close or reopen under the grant.
    let open: Option<bool> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT open FROM casus WHERE id = $1{VOOR_WIJZIGING}"
    )))
    .bind(n.casus)
    .fetch_optional(&mut *c)
    .await
    .map_err(fout)?;
    match open {
        None => return Err(OpslagFout::OnbekendeVerwijzing("casus".into())),
        Some(true) => {
            return Err(OpslagFout::Toestand(
                "de casus is open: noodtoegang geldt alleen voor een gesloten casus".into(),
            ));
        }
        Some(false) => {}
    }
    let id: Id = sqlx::query_scalar(
        "INSERT INTO noodtoegang (casus, medewerker, rol, organisatie, reden, verleend, tot) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(n.casus)
    .bind(n.medewerker)
    .bind(n.rol.naam())
    .bind(n.organisatie)
    .bind(&n.reden)
    .bind(tijd_db(&n.verleend))
    .bind(tijd_db(&n.tot))
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    bewaar_audits(c, audits).await?;
    let rij = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {KOLOMMEN} {VAN} WHERE n.id = $1"
    )))
    .bind(id)
    .fetch_one(&mut *c)
    .await
    .map_err(fout)?;
    noodtoegang_uit(&rij)
}

pub(crate) async fn lopend(
    c: &mut Verbinding,
    medewerker: Id,
    organisatie: Id,
    nu: DateTime<Utc>,
) -> Resultaat<Vec<Noodtoegang>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {KOLOMMEN} {VAN} WHERE n.medewerker = $1 AND n.organisatie = $2 AND n.tot > $3 \
         ORDER BY n.verleend DESC, n.id DESC"
    )))
    .bind(medewerker)
    .bind(organisatie)
    .bind(tijd_db(&nu))
    .fetch_all(&mut *c)
    .await
    .map_err(fout)?
    .iter()
    .map(noodtoegang_uit)
    .collect()
}

/// Break-the-glass accesses granted in region $1, from $2 until $3 (each
/// may be NULL).
macro_rules! voorwaarde {
    () => {
        "o.regio = $1 AND ($2 IS NULL OR n.verleend >= $2) AND ($3 IS NULL OR n.verleend < $3)"
    };
}
const VOORWAARDE: &str = voorwaarde!();
/// Those accesses through the region's organisations.
pub(crate) const IN_REGIO: &str = concat!(
    "FROM noodtoegang n JOIN organisatie o ON o.id = n.organisatie WHERE ",
    voorwaarde!()
);

pub(crate) async fn lijst(
    c: &mut Verbinding,
    f: &NoodtoegangFilter,
    pagina: Pagina,
) -> Resultaat<Lijst<Noodtoegang>> {
    macro_rules! gebonden {
        ($sql:expr, $maak:path) => {
            $maak(sqlx::AssertSqlSafe($sql))
                .bind(f.regio)
                .bind(tijd_optie_db(f.van.as_ref()))
                .bind(tijd_optie_db(f.tot.as_ref()))
        };
    }
    let tel = format!("SELECT count(*) {IN_REGIO}");
    let lijst = gebonden!(
        format!(
            "SELECT {KOLOMMEN}, {} {VAN} WHERE {VOORWAARDE} \
             ORDER BY n.verleend DESC, n.id DESC LIMIT $4 OFFSET $5",
            met_totaal(&tel)
        ),
        sqlx::query
    );
    lijst_met_totaal(
        &mut *c,
        lijst,
        pagina,
        noodtoegang_uit,
        gebonden!(tel, sqlx::query_scalar),
    )
    .await
}
