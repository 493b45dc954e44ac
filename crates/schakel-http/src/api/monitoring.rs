//! Monitoring for policy staff (seeds 000 and 002): per region, per school
//! and per gemeente of residence, per month, the figures the arrangements
//! are steered on — without any personal data, counts below five shown as
//! "<5" and averages or sums resting on fewer than five values left out
//! (`schakel_domain::monitoring`). A beleid user sees its own region only;
//! the national role [`Rol::Landelijk`] sees every region's totals side
//! by side and the country's sum, aggregated only (issue 17.5), and no
//! region's own dashboard. Where parts are
//! shown beside their total (a region's gemeenten, the regions beside the
//! country) a small part is hidden together with another
//! (`schakel_domain::monitoring::aanvullend_onderdrukt`), so that the
//! total minus the shown parts reveals no small count.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use chrono::{Datelike, Months, NaiveDate};
use schakel_domain::Rol;
use schakel_domain::grens::Datumsoort;
use schakel_domain::monitoring::{Aantal, DREMPEL, aanvullend_onderdrukt, gemiddelde, som};
use schakel_domain::{GemeenteCode, OrganisatieSoort};
use schakel_storage::{MonitoringCel, MonitoringVraag as Opslagvraag};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::vandaag;
use crate::auth::Actor;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::Vraag;
use crate::openapi::{Geweigerd, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct MonitoringVraag {
    /// One school (organisation id); all schools when absent.
    pub school: Option<i64>,
    /// One gemeente of residence of the region (CBS code, e.g. GM0034): the
    /// cases with a jeugdige living there; not together with `school`.
    pub gemeente: Option<String>,
    /// First day (default: 12 months before `tot`); 2000-01-01 .. 2100-12-31.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub van: Option<NaiveDate>,
    /// Last day (default: today); 2000-01-01 .. 2100-12-31.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub tot: Option<NaiveDate>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Maand {
    pub maand: String,
    #[schema(value_type = Object)]
    pub aantallen: BTreeMap<&'static str, Aantal>,
    /// Averages (1–10) and sums; absent when fewer than five values.
    pub waarden: BTreeMap<&'static str, Option<f64>>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Monitoring {
    pub regio: i64,
    pub school: Option<i64>,
    /// The gemeente of residence asked for (GM0034), if any.
    pub gemeente: Option<String>,
    /// Its name (CBS's, else the region's; issue 16.3).
    pub gemeentenaam: Option<String>,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    /// Counts below this are shown as "<5".
    pub drempel: i64,
    pub maanden: Vec<Maand>,
}

/// Which stored figure feeds which published count.
const AANTALLEN: [(&str, &str); 12] = [
    ("openCasussen", "casus.open"),
    ("nieuweCasussen", "casus.nieuw"),
    ("thuiszitters", "onderwijs.thuiszitter"),
    ("terugkeerRegulierOnderwijs", "onderwijs.terugkeer_regulier"),
    ("verwijzingenVso", "onderwijs.verwijzing_vso"),
    ("gesprekken", "escalatie.gesprek"),
    ("expertpoolAdviezen", "escalatie.expertpool_advies"),
    ("escalaties", "escalatie.escalatie"),
    ("evaluaties", "evaluatie"),
    ("maatwerkVerwijzingen", "maatwerk.verwezen"),
    ("maatwerkAkkoord", "maatwerk.akkoord"),
    ("maatwerkNietAkkoord", "maatwerk.afgewezen"),
];

fn maand(cellen: &[MonitoringCel], naam: String) -> Maand {
    let cel = |kenmerk: &str| cel_van(cellen, &naam, kenmerk);
    let aantallen = AANTALLEN
        .iter()
        .map(|(sleutel, kenmerk)| (*sleutel, Aantal::van(cel(kenmerk).map_or(0, |c| c.aantal))))
        .collect();
    let evaluatie = cel("evaluatie");
    let uren = |kenmerk: &str| cel(kenmerk).and_then(|c| som(c.waarden[0].0, c.aantal));
    let waarden = BTreeMap::from([
        (
            "tevredenheidJeugdige",
            evaluatie.and_then(|c| gemiddelde(c.waarden[0].0, c.waarden[0].1)),
        ),
        (
            "tevredenheidOuders",
            evaluatie.and_then(|c| gemiddelde(c.waarden[1].0, c.waarden[1].1)),
        ),
        ("urenToegekend", uren("uren.toegekend")),
        ("urenGeleverd", uren("uren.geleverd")),
    ]);
    Maand {
        maand: naam,
        aantallen,
        waarden,
    }
}

/// The cell of `kenmerk` in month `naam`.
fn cel_van<'a>(
    cellen: &'a [MonitoringCel],
    naam: &str,
    kenmerk: &str,
) -> Option<&'a MonitoringCel> {
    cellen
        .iter()
        .find(|c| c.maand == naam && c.kenmerk == kenmerk)
}

/// What each published count or sum of month `naam` rests on: the count
/// itself, or the number of values behind a sum of hours. (Averages are
/// left out: without their weights no difference reveals one.)
fn grootten(cellen: &[MonitoringCel], naam: &str) -> Vec<(&'static str, i64)> {
    let n = |kenmerk: &str| cel_van(cellen, naam, kenmerk).map_or(0, |c| c.aantal);
    AANTALLEN
        .iter()
        .map(|(sleutel, kenmerk)| (*sleutel, n(kenmerk)))
        .chain([
            ("urenToegekend", n("uren.toegekend")),
            ("urenGeleverd", n("uren.geleverd")),
        ])
        .collect()
}

/// Hides one published figure: a count as "verborgen" (a small one stays
/// "<5"), a sum left out.
fn verberg(m: &mut Maand, sleutel: &'static str) {
    if let Some(a @ Aantal::Getal(_)) = m.aantallen.get_mut(sleutel) {
        *a = Aantal::Verborgen;
    }
    if let Some(w) = m.waarden.get_mut(sleutel) {
        *w = None;
    }
}

/// The months of each part (a gemeente, a region) as published beside
/// their total, with complementary suppression per month and figure;
/// `totaal` holds the total's cells (its excess over the parts is the
/// hidden rest).
fn publiceer_delen(
    totaal: &[MonitoringCel],
    delen: &[Vec<MonitoringCel>],
    maanden: &[(String, NaiveDate)],
) -> Vec<Vec<Maand>> {
    let mut uit: Vec<Vec<Maand>> = delen
        .iter()
        .map(|d| maanden.iter().map(|(n, _)| maand(d, n.clone())).collect())
        .collect();
    for (i, (naam, _)) in maanden.iter().enumerate() {
        let per_deel: Vec<_> = delen.iter().map(|d| grootten(d, naam)).collect();
        for (k, (sleutel, geheel)) in grootten(totaal, naam).into_iter().enumerate() {
            let groot: Vec<i64> = per_deel.iter().map(|g| g[k].1).collect();
            let rest = geheel - groot.iter().sum::<i64>();
            for (d, weg) in aanvullend_onderdrukt(&groot, rest).into_iter().enumerate() {
                if weg {
                    verberg(&mut uit[d][i], sleutel);
                }
            }
        }
    }
    uit
}

/// The cells of several parts added up (the country from its regions).
fn optel(delen: &[Vec<MonitoringCel>]) -> Vec<MonitoringCel> {
    let mut som: BTreeMap<(String, String), MonitoringCel> = BTreeMap::new();
    let plus = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    };
    for c in delen.iter().flatten() {
        let s = som
            .entry((c.maand.clone(), c.kenmerk.clone()))
            .or_insert_with(|| MonitoringCel {
                maand: c.maand.clone(),
                kenmerk: c.kenmerk.clone(),
                aantal: 0,
                waarden: [(None, 0), (None, 0)],
            });
        s.aantal += c.aantal;
        for (w, v) in s.waarden.iter_mut().zip(&c.waarden) {
            *w = (plus(w.0, v.0), w.1 + v.1);
        }
    }
    som.into_values().collect()
}

/// The period asked for: `tot` (default today) and `van` (default the
/// first of the month eleven months before), at most 36 months apart.
fn periode(van: Option<NaiveDate>, tot: Option<NaiveDate>) -> ApiResultaat<(NaiveDate, NaiveDate)> {
    // The dates are checked again here: the dashboard builds this query
    // from its own form. In range, the month arithmetic below cannot fail;
    // it is checked all the same (`checked_sub_months`), never a panic.
    let tot = Datumsoort::Periode
        .controleer(tot.unwrap_or_else(vandaag))
        .map_err(|m| ApiFout::veld("tot", m))?;
    let buiten = |veld: &str| ApiFout::veld(veld, "ligt buiten het toegestane bereik");
    let van = match van {
        Some(van) => Datumsoort::Periode
            .controleer(van)
            .map_err(|m| ApiFout::veld("van", m))?,
        None => tot
            .checked_sub_months(Months::new(11))
            .and_then(|d| d.with_day0(0))
            .ok_or_else(|| buiten("tot"))?,
    };
    if van > tot {
        return Err(ApiFout::veld("van", "ligt na tot"));
    }
    let vroegst = tot
        .checked_sub_months(Months::new(36))
        .ok_or_else(|| buiten("tot"))?;
    if vroegst > van {
        return Err(ApiFout::veld("van", "ten hoogste 36 maanden vóór tot"));
    }
    Ok((van, tot))
}

/// A gemeente of a region, with the name the dashboard shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Gemeente {
    /// CBS code, e.g. GM0034.
    pub code: String,
    pub naam: String,
}

/// The gemeenten of a region: those its region file declares; for a region
/// this installation has no file for, those its organisations lie in (its
/// wijkteams and municipalities), named after the region's municipality
/// organisation where it has one ("Gemeente Aalten" → "Aalten").
pub async fn gemeenten_van_regio(state: &AppState, regio: i64) -> ApiResultaat<Vec<Gemeente>> {
    if let Some(uit) = gemeenten_uit_regiobestand(state, regio).await? {
        return Ok(uit);
    }
    let mut uit: BTreeMap<GemeenteCode, String> = BTreeMap::new();
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    for o in super::organisaties::alle(state).await? {
        let Some(g) = o.gemeente.filter(|_| o.regio == regio) else {
            continue;
        };
        // CBS's name from the directory; else the municipality's own.
        let cbs = stand.naam(&g.cbs()).map(String::from);
        let naam = uit
            .entry(g.clone())
            .or_insert_with(|| cbs.clone().unwrap_or_else(|| stand.benoem(&g.cbs())));
        if o.soort == OrganisatieSoort::Gemeente && cbs.is_none() {
            *naam = o
                .naam
                .strip_prefix("Gemeente ")
                .unwrap_or(&o.naam)
                .to_string();
        }
    }
    let mut lijst: Vec<Gemeente> = uit
        .into_iter()
        .map(|(g, naam)| Gemeente {
            code: g.cbs(),
            naam,
        })
        .collect();
    lijst.sort_by(|a, b| a.naam.cmp(&b.naam));
    Ok(lijst)
}

/// The gemeenten the region's file declares (`data/regio/<code>/regio.toml`),
/// by name; None for a region this installation has no file for.
async fn gemeenten_uit_regiobestand(
    state: &AppState,
    regio: i64,
) -> ApiResultaat<Option<Vec<Gemeente>>> {
    let Some(code) = state
        .opslag
        .alle_regios()
        .await?
        .into_iter()
        .find(|r| r.id == regio)
        .map(|r| r.code)
    else {
        return Ok(None);
    };
    Ok(state.regios.regio(&code).map(|r| {
        let mut lijst: Vec<Gemeente> = r
            .gemeenten
            .iter()
            .map(|g| Gemeente {
                code: g.code.clone(),
                naam: g.naam.clone(),
            })
            .collect();
        lijst.sort_by(|a, b| a.naam.cmp(&b.naam));
        lijst
    }))
}

/// The CBS number of a gemeente code (GM0034 → 34).
fn gemeentegetal(g: &GemeenteCode) -> u32 {
    g.als_tekst().parse().unwrap_or_default()
}

/// Aggregates for the region of the policy officer's organisation.
#[utoipa::path(get, path = "/monitoring", operation_id = "leesMonitoring", tag = "monitoring", params(MonitoringVraag),
    responses((status = 200, description = "Cijfers per maand, zonder persoonsgegevens", body = Monitoring), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd)))]
pub async fn monitoring(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<MonitoringVraag>,
) -> ApiResultaat<impl IntoResponse> {
    Ok(Json(monitoring_voor(&state, &actor, &v).await?))
}

/// The figures for the policy officer's region (the API and the dashboard).
pub async fn monitoring_voor(
    state: &AppState,
    actor: &Actor,
    v: &MonitoringVraag,
) -> ApiResultaat<Monitoring> {
    crate::dossier::Dossier { state, actor }
        .eis_rol_gelogd(
            &[Rol::Beleid],
            "monitoring.lezen",
            schakel_storage::audit::Actie::Lezen,
            "monitoring",
            "Monitoring is voor beleidsmedewerkers (rol beleid).",
        )
        .await?;
    let (van, tot) = periode(v.van, v.tot)?;
    let org = state
        .opslag
        .organisatie(actor.rol.organisatie)
        .await?
        .ok_or_else(|| ApiFout::intern("de organisatie van een rol bestaat niet"))?;
    if v.school.is_some() && v.gemeente.is_some() {
        return Err(ApiFout::veld(
            "gemeente",
            "kies een school of een gemeente, niet allebei",
        ));
    }
    if let Some(school) = v.school {
        let s = crate::dossier::organisatie_van_soort(
            state,
            school,
            OrganisatieSoort::School,
            "school",
        )
        .await?;
        if s.regio != org.regio {
            return Err(ApiFout::veld(
                "school",
                "hoort niet bij de regio van uw organisatie",
            ));
        }
    }
    let maanden = schakel_storage::verloop::maanden(van, tot);
    let vraag = Opslagvraag {
        regio: org.regio,
        school: v.school,
        gemeente: None,
        van,
        tot,
    };
    let cellen = state.opslag.monitoring(&vraag).await?;
    let (gemeente, gemeentenaam, maanden) = match &v.gemeente {
        None => (
            None,
            None,
            maanden
                .into_iter()
                .map(|(naam, _)| maand(&cellen, naam))
                .collect(),
        ),
        Some(g) => {
            let code =
                GemeenteCode::parse(g).map_err(|e| ApiFout::veld("gemeente", e.to_string()))?;
            let gemeenten = gemeenten_van_regio(state, org.regio).await?;
            let Some(plek) = gemeenten.iter().position(|x| x.code == code.cbs()) else {
                return Err(ApiFout::veld(
                    "gemeente",
                    "hoort niet bij de regio van uw organisatie",
                ));
            };
            // Every gemeente of the region, so that the one asked for is
            // suppressed as it is beside the others and the region.
            let mut delen = Vec::new();
            for x in &gemeenten {
                let g = GemeenteCode::parse(&x.code).map_err(ApiFout::intern)?;
                let deel = Opslagvraag {
                    gemeente: Some(gemeentegetal(&g)),
                    ..vraag
                };
                delen.push(state.opslag.monitoring(&deel).await?);
            }
            let mut per_gemeente = publiceer_delen(&cellen, &delen, &maanden);
            (
                Some(code.cbs()),
                Some(gemeenten[plek].naam.clone()),
                per_gemeente.swap_remove(plek),
            )
        }
    };
    Ok(Monitoring {
        regio: org.regio,
        school: v.school,
        gemeente,
        gemeentenaam,
        van,
        tot,
        drempel: DREMPEL,
        maanden,
    })
}

/// One region's figures in the national view.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Regiocijfers {
    pub regio: i64,
    pub naam: String,
    pub maanden: Vec<Maand>,
}

/// Every region's totals side by side and the country's sum: counts only,
/// with the same suppression, and complementary suppression across the
/// regions.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LandelijkeMonitoring {
    pub van: NaiveDate,
    pub tot: NaiveDate,
    /// Counts below this are shown as "<5".
    pub drempel: i64,
    pub regios: Vec<Regiocijfers>,
    /// The sum of the regions.
    pub land: Vec<Maand>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct LandelijkeVraag {
    /// First day (default: 12 months before `tot`); 2000-01-01 .. 2100-12-31.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub van: Option<NaiveDate>,
    /// Last day (default: today); 2000-01-01 .. 2100-12-31.
    #[serde(default, deserialize_with = "schakel_domain::grens::periode_optie")]
    pub tot: Option<NaiveDate>,
}

/// The country's figures per region, for the national role (landelijke
/// monitoring); no school, gemeente, case or name.
#[utoipa::path(get, path = "/monitoring/regios", operation_id = "leesMonitoringPerRegio", tag = "monitoring", params(LandelijkeVraag),
    responses((status = 200, description = "Cijfers per regio en voor het land, per maand, zonder persoonsgegevens", body = LandelijkeMonitoring),
              (status = 400, response = OngeldigeInvoer), (status = 403, response = Geweigerd)))]
pub async fn per_regio(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<LandelijkeVraag>,
) -> ApiResultaat<impl IntoResponse> {
    Ok(Json(landelijk_voor(&state, &actor, &v).await?))
}

/// The national figures (the API and the dashboard): the role
/// [`Rol::Landelijk`] only, whatever its organisation; any other attempt
/// (a region's beleid too) is refused and logged.
pub async fn landelijk_voor(
    state: &AppState,
    actor: &Actor,
    v: &LandelijkeVraag,
) -> ApiResultaat<LandelijkeMonitoring> {
    let dossier = crate::dossier::Dossier { state, actor };
    dossier
        .eis_rol_gelogd(
            &[Rol::Landelijk],
            "monitoring.landelijk",
            schakel_storage::audit::Actie::Lezen,
            "monitoring",
            "De landelijke cijfers zijn voor de rol landelijke monitoring.",
        )
        .await?;
    let (van, tot) = periode(v.van, v.tot)?;
    let maanden = schakel_storage::verloop::maanden(van, tot);
    // A region that serves no gemeente (such as the one a national
    // organisation is registered in) has no figures to show.
    let mut regios = Vec::new();
    for r in state.opslag.alle_regios().await? {
        if !gemeenten_van_regio(state, r.id).await?.is_empty() {
            regios.push(r);
        }
    }
    let mut delen = Vec::new();
    for r in &regios {
        let vraag = Opslagvraag {
            regio: r.id,
            school: None,
            gemeente: None,
            van,
            tot,
        };
        delen.push(state.opslag.monitoring(&vraag).await?);
    }
    let land = optel(&delen);
    let per_regio = publiceer_delen(&land, &delen, &maanden);
    Ok(LandelijkeMonitoring {
        van,
        tot,
        drempel: DREMPEL,
        regios: regios
            .into_iter()
            .zip(per_regio)
            .map(|(r, maanden)| Regiocijfers {
                regio: r.id,
                naam: r.naam,
                maanden,
            })
            .collect(),
        land: maanden
            .into_iter()
            .map(|(naam, _)| maand(&land, naam))
            .collect(),
    })
}

/// Every published figure with its Dutch name, in the dashboard's order:
/// the column heads of the CSV and the names of the dashboard's series.
pub const KOLOMMEN: [(&str, &str); 16] = [
    ("openCasussen", "Open casussen"),
    ("nieuweCasussen", "Nieuwe casussen"),
    ("thuiszitters", "Thuiszitters"),
    (
        "terugkeerRegulierOnderwijs",
        "Terug naar regulier onderwijs",
    ),
    ("verwijzingenVso", "Verwijzingen naar het vso"),
    ("urenToegekend", "Uren toegekend"),
    ("urenGeleverd", "Uren geleverd"),
    ("tevredenheidJeugdige", "Tevredenheid jeugdigen"),
    ("tevredenheidOuders", "Tevredenheid ouders"),
    ("evaluaties", "Evaluaties"),
    ("gesprekken", "Gesprekken"),
    ("expertpoolAdviezen", "Expertpooladviezen"),
    ("escalaties", "Escalaties"),
    ("maatwerkVerwijzingen", "Maatwerkverwijzingen"),
    ("maatwerkAkkoord", "Maatwerk akkoord"),
    ("maatwerkNietAkkoord", "Maatwerk niet akkoord"),
];

/// The Dutch name of a published figure (its key when unknown).
pub fn kolomnaam(sleutel: &str) -> &str {
    KOLOMMEN
        .iter()
        .find(|(k, _)| *k == sleutel)
        .map_or(sleutel, |(_, naam)| naam)
}

/// One month's figure as the dashboard's tables show it: a count, "<5"
/// for a suppressed one, a number with a decimal comma, or empty when an
/// average or sum rests on fewer than five values.
pub fn cel(m: &Maand, sleutel: &str) -> String {
    match (m.aantallen.get(sleutel), m.waarden.get(sleutel)) {
        (Some(Aantal::Getal(n)), _) => n.to_string(),
        (Some(Aantal::Onderdrukt), _) => format!("<{DREMPEL}"),
        (Some(Aantal::Verborgen), _) => "verborgen".into(),
        (None, Some(Some(x))) => crate::web::opmaak::getal(*x),
        (None, _) => String::new(),
    }
}

/// The figures as CSV for a spreadsheet in Dutch: `;` between fields, a
/// decimal comma, one row per month (`jjjj-mm`), the same suppression as
/// the API and the dashboard, and a byte-order mark so that a spreadsheet
/// reads it as UTF-8.
pub fn als_csv(m: &Monitoring) -> Result<String, ApiFout> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let kop = std::iter::once("Maand").chain(KOLOMMEN.iter().map(|(_, naam)| *naam));
    w.write_record(kop).map_err(ApiFout::intern)?;
    for maand in &m.maanden {
        let rij = std::iter::once(maand.maand.clone())
            .chain(KOLOMMEN.iter().map(|(sleutel, _)| cel(maand, sleutel)));
        w.write_record(rij).map_err(ApiFout::intern)?;
    }
    let bytes = w.into_inner().map_err(|e| ApiFout::intern(e.to_string()))?;
    let tekst = String::from_utf8(bytes).map_err(ApiFout::intern)?;
    Ok(format!("\u{feff}{tekst}"))
}

/// The same figures as `GET /monitoring`, as one table to download: a
/// column per figure, a row per month (the dashboard's "Download als
/// CSV"). The same role check, audit and suppression.
#[utoipa::path(get, path = "/monitoring/tabel", operation_id = "leesMonitoringTabel", tag = "monitoring", params(MonitoringVraag),
    responses((status = 200, description = "Cijfers per maand als CSV (`;`, decimale komma), zonder persoonsgegevens; aantallen onder de 5 als \"<5\"",
               content_type = "text/csv", body = String),
              (status = 400, response = OngeldigeInvoer), (status = 403, response = Geweigerd)))]
pub async fn tabel(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<MonitoringVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let m = monitoring_voor(&state, &actor, &v).await?;
    let naam = match (m.school, &m.gemeente) {
        (Some(s), _) => format!("monitoring-school-{s}-{}-{}.csv", m.van, m.tot),
        (None, Some(g)) => format!("monitoring-gemeente-{g}-{}-{}.csv", m.van, m.tot),
        (None, None) => format!("monitoring-regio-{}-{}.csv", m.van, m.tot),
    };
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{naam}\""),
            ),
        ],
        als_csv(&m)?,
    ))
}
