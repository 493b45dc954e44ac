//! Monitoring for policy staff (seeds 000 and 002): per region and school,
//! per month, the figures the arrangements are steered on — without any
//! personal data, counts below five shown as "<5" and averages or sums
//! resting on fewer than five values left out
//! (`schakel_domain::monitoring`).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use chrono::{Datelike, Months, NaiveDate};
use schakel_domain::Rol;
use schakel_domain::grens::Datumsoort;
use schakel_domain::monitoring::{Aantal, DREMPEL, gemiddelde, som};
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
    let cel = |kenmerk: &str| {
        cellen
            .iter()
            .find(|c| c.maand == naam && c.kenmerk == kenmerk)
    };
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
    // The dates are checked again here: the dashboard builds this query
    // from its own form. In range, the month arithmetic below cannot fail;
    // it is checked all the same (`checked_sub_months`), never a panic.
    let tot = Datumsoort::Periode
        .controleer(v.tot.unwrap_or_else(vandaag))
        .map_err(|m| ApiFout::veld("tot", m))?;
    let buiten = |veld: &str| ApiFout::veld(veld, "ligt buiten het toegestane bereik");
    let van = match v.van {
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
    let org = state
        .opslag
        .organisatie(actor.rol.organisatie)
        .await?
        .ok_or_else(|| ApiFout::intern("de organisatie van een rol bestaat niet"))?;
    if let Some(school) = v.school {
        let s = crate::dossier::organisatie_van_soort(
            state,
            school,
            schakel_domain::OrganisatieSoort::School,
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
    let vraag = Opslagvraag {
        regio: org.regio,
        school: v.school,
        van,
        tot,
    };
    let cellen = state.opslag.monitoring(&vraag).await?;
    let maanden = schakel_storage::verloop::maanden(van, tot)
        .into_iter()
        .map(|(naam, _)| maand(&cellen, naam))
        .collect();
    Ok(Monitoring {
        regio: org.regio,
        school: v.school,
        van,
        tot,
        drempel: DREMPEL,
        maanden,
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
    let naam = match m.school {
        Some(s) => format!("monitoring-school-{s}-{}-{}.csv", m.van, m.tot),
        None => format!("monitoring-regio-{}-{}.csv", m.van, m.tot),
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
