//! The region's set-up from CSV files (issue 13): each school's OJA
//! arrangement with its hoofdaanbieder (`schakel import arrangementen`) and
//! the region's gemandateerde verwijzer with its contact person (`schakel
//! import verwijzers`). Every row goes through the same door as the API and
//! the beheer pages (`schakel_http::inrichting::zet_toegangsroute`): checked
//! there, stored with its own audit record. The file streams: a bad row is
//! reported with its line number and reason, the others are applied.

use std::path::Path;

use schakel_domain::{Agb, Brin};
use schakel_http::inrichting::{GEBEURTENIS, Toegangsroutewijziging, zet_toegangsroute};
use schakel_rules::Regelset;
use schakel_storage::audit::{Actie, NieuwAuditRecord};
use schakel_storage::{OjaArrangement, Opslag, Organisatie};

use crate::Fout;
use crate::gids::{Verslag, bedrijf, invoerfout, open_csv, organisaties, regio_voor, veld};

/// The organisation `tekst` names: by BRIN (schools), AGB (providers) or
/// name, among the region's; a name two organisations share is refused.
fn zoek<'a>(
    orgs: &'a [Organisatie],
    tekst: &str,
    veldnaam: &str,
) -> Result<&'a Organisatie, String> {
    let brin = Brin::parse(tekst).ok();
    let agb = Agb::parse(tekst).ok();
    let op_code = orgs
        .iter()
        .find(|o| (brin.is_some() && o.brin == brin) || (agb.is_some() && o.agb == agb));
    if let Some(o) = op_code {
        return Ok(o);
    }
    let mut op_naam = orgs.iter().filter(|o| o.naam.eq_ignore_ascii_case(tekst));
    match (op_naam.next(), op_naam.next()) {
        (Some(o), None) => Ok(o),
        (Some(_), Some(_)) => Err(format!(
            "{veldnaam}: meer organisaties heten '{tekst}'; geef de BRIN of AGB-code"
        )),
        (None, _) => Err(format!(
            "{veldnaam}: '{tekst}' staat niet in de gids van deze regio (BRIN, AGB-code of naam)"
        )),
    }
}

/// An operator's change of one organisation, in the audit log.
fn record(organisatie: i64) -> NieuwAuditRecord {
    let mut r = NieuwAuditRecord::door_systeem(
        GEBEURTENIS,
        Actie::Wijzigen,
        "organisatie",
        "beheer_cli",
        "cli",
        "schakel",
    );
    r.object_id = Some(organisatie);
    r
}

/// Region `regio`'s id and organisations, which a file's names resolve
/// against.
async fn van_regio(opslag: &dyn Opslag, regio: &str) -> Result<(i64, Vec<Organisatie>), Fout> {
    let regio_id = regio_voor(opslag, regio).await?;
    let orgs = organisaties(opslag)
        .await?
        .into_iter()
        .filter(|o| o.regio == regio_id)
        .collect();
    Ok((regio_id, orgs))
}

/// An optional date column (`YYYY-MM-DD`).
fn datum(tekst: Option<&str>, veldnaam: &str) -> Result<Option<chrono::NaiveDate>, String> {
    tekst
        .map(|t| {
            schakel_rules::datum::parse_datum(t)
                .ok_or_else(|| format!("{veldnaam}: verwacht een datum als JJJJ-MM-DD"))
        })
        .transpose()
}

/// One row of `arrangementen.csv` as a change: the school and its new
/// arrangement (none when the column is empty).
fn arrangementrij(
    orgs: &[Organisatie],
    rij: &csv::StringRecord,
    k: &[Option<usize>; 5],
) -> Result<(i64, Toegangsroutewijziging), String> {
    let school = zoek(orgs, veld(rij, k[0]).ok_or("school: verplicht")?, "school")?;
    let oja = match veld(rij, k[1]) {
        None => None,
        Some(arrangement) => Some(OjaArrangement {
            arrangement: arrangement.into(),
            hoofdaanbieder: veld(rij, k[2])
                .map(|h| zoek(orgs, h, "hoofdaanbieder").map(|o| o.id))
                .transpose()?,
            geldig_vanaf: datum(veld(rij, k[3]), "geldig_vanaf")?,
            geldig_tot: datum(veld(rij, k[4]), "geldig_tot")?,
        }),
    };
    let w = Toegangsroutewijziging {
        oja: Some(oja),
        ..Default::default()
    };
    Ok((school.id, w))
}

/// One row of `verwijzers.csv` as a change: the organisation becomes the
/// region's verwijzer, with the given contact person (kept when empty).
async fn verwijzerrij(
    opslag: &dyn Opslag,
    orgs: &[Organisatie],
    rij: &csv::StringRecord,
    k: &[Option<usize>; 5],
) -> Result<(i64, Toegangsroutewijziging), String> {
    let org = zoek(
        orgs,
        veld(rij, k[0]).ok_or("organisatie: verplicht")?,
        "organisatie",
    )?;
    let contactpersoon = match veld(rij, k[1]) {
        None => None,
        Some(email) => Some(Some(
            opslag
                .medewerker_op_email(email)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("contactpersoon: geen medewerker met e-mailadres {email}"))?
                .0
                .id,
        )),
    };
    let w = Toegangsroutewijziging {
        contactpersoon,
        verwijzer_van_regio: Some(true),
        ..Default::default()
    };
    Ok((org.id, w))
}

/// `schakel import arrangementen|verwijzers FILE` for region `regio`.
pub async fn importeer(
    bestand: &Path,
    opslag: &dyn Opslag,
    regels: Option<&Regelset>,
    regio: &str,
    arrangementen: bool,
) -> Result<Verslag, Fout> {
    let (wat, kolommen, verwacht) = if arrangementen {
        (
            "arrangementen",
            [
                "school",
                "arrangement",
                "hoofdaanbieder",
                "geldig_vanaf",
                "geldig_tot",
            ],
            "verwacht school;arrangement;hoofdaanbieder(;geldig_vanaf;geldig_tot)",
        )
    } else {
        (
            "verwijzers",
            ["organisatie", "contactpersoon", "", "", ""],
            "verwacht organisatie;contactpersoon",
        )
    };
    let (mut lezer, kop, balk) = open_csv(bestand, wat)?;
    let k = kolommen.map(|n| kop.iter().position(|c| c == n));
    if k[0].is_none() || k[1].is_none() {
        return Err(invoerfout("kopregel", verwacht));
    }
    let (_, orgs) = van_regio(opslag, regio).await?;
    let vandaag = schakel_http::api::vandaag();
    let mut verslag = Verslag::over(bestand);
    for (i, rij) in lezer.records().enumerate() {
        let Some((regel, rij)) = verslag.lees(i, rij) else {
            continue;
        };
        let wijziging = if arrangementen {
            arrangementrij(&orgs, &rij, &k)
        } else {
            verwijzerrij(opslag, &orgs, &rij, &k).await
        };
        let (id, w) = match wijziging {
            Ok(x) => x,
            Err(reden) => {
                verslag.fout(regel, reden);
                continue;
            }
        };
        match zet_toegangsroute(opslag, regels, vandaag, id, &w, &record(id)).await {
            Ok(_) => verslag.opgeslagen += 1,
            Err(schakel_http::fout::ApiFout::Intern(e)) => return Err(bedrijf(e)),
            Err(e) => verslag.fout(regel, e.to_string()),
        }
    }
    balk.finish_and_clear();
    Ok(verslag)
}

/// One row of `interventie-afspraken.csv` (aanbieder;gemeente;omschrijving;
/// van;tot) as an agreement between two organisations of the region.
fn afspraakrij(
    orgs: &[Organisatie],
    rij: &csv::StringRecord,
    k: &[Option<usize>; 5],
) -> Result<schakel_storage::NieuweInterventieafspraak, String> {
    let verplicht = |i: usize, naam: &str| veld(rij, k[i]).ok_or(format!("{naam}: verplicht"));
    let datum_verplicht = |i: usize, naam: &str| {
        datum(Some(verplicht(i, naam)?), naam).map(|d| d.unwrap_or_default())
    };
    Ok(schakel_storage::NieuweInterventieafspraak {
        aanbieder: zoek(orgs, verplicht(0, "aanbieder")?, "aanbieder")?.id,
        gemeente: zoek(orgs, verplicht(1, "gemeente")?, "gemeente")?.id,
        omschrijving: verplicht(2, "omschrijving")?.into(),
        van: datum_verplicht(3, "van")?,
        tot: datum_verplicht(4, "tot")?,
    })
}

/// `schakel import interventie-afspraken FILE` for region `regio`: each
/// row through the same door as the API and the beheer page
/// (`schakel_http::interventie::zet`), with its own audit record.
pub async fn importeer_interventie(
    bestand: &Path,
    opslag: &dyn Opslag,
    regio: &str,
) -> Result<Verslag, Fout> {
    let (mut lezer, kop, balk) = open_csv(bestand, "interventie-afspraken")?;
    let k = ["aanbieder", "gemeente", "omschrijving", "van", "tot"]
        .map(|n| kop.iter().position(|c| c == n));
    if k.iter().any(Option::is_none) {
        return Err(invoerfout(
            "kopregel",
            "verwacht aanbieder;gemeente;omschrijving;van;tot",
        ));
    }
    let (regio_id, orgs) = van_regio(opslag, regio).await?;
    let mut verslag = Verslag::over(bestand);
    for (i, rij) in lezer.records().enumerate() {
        let Some((regel, rij)) = verslag.lees(i, rij) else {
            continue;
        };
        let afspraak = match afspraakrij(&orgs, &rij, &k) {
            Ok(a) => a,
            Err(reden) => {
                verslag.fout(regel, reden);
                continue;
            }
        };
        let record = NieuwAuditRecord::door_systeem(
            schakel_http::interventie::GEBEURTENIS,
            Actie::Aanmaken,
            "interventieafspraak",
            "beheer_cli",
            "cli",
            "schakel",
        );
        match schakel_http::interventie::zet(opslag, regio_id, &afspraak, &record).await {
            Ok(_) => verslag.opgeslagen += 1,
            Err(schakel_http::fout::ApiFout::Intern(e)) => return Err(bedrijf(e)),
            Err(e) => verslag.fout(regel, e.to_string()),
        }
    }
    balk.finish_and_clear();
    Ok(verslag)
}
