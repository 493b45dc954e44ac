//! The policy dashboard: the monitoring figures of `GET /api/v1/monitoring`
//! (the same `monitoring_voor`: beleid only, no personal data, counts below
//! five as "<5") as charts per month, for the region, one school or one
//! gemeente of residence, each chart with its numbers in a table; for the
//! national role (landelijke monitoring) the figures of every region and
//! the country (`GET /api/v1/monitoring/regios`) as tables.

use super::formulier::Query;
use askama::Template;
use schakel_domain::monitoring::Aantal;
use schakel_domain::{OrganisatieSoort, Rol};

use super::formulier::{Fouten, Keuze};
use super::grafiek::{self, Reeks, Waarde};
use super::jeugdigen::organisaties;
use super::sessie::Ingelogd;
use super::{Kop, WebResultaat, opmaak, pagina};
use crate::api::monitoring::{
    KOLOMMEN, LandelijkeVraag, Monitoring, MonitoringVraag, cel, gemeenten_van_regio, kolomnaam,
    landelijk_voor, monitoring_voor,
};

pub struct Grafiek {
    pub id: &'static str,
    pub titel: &'static str,
    pub svg: String,
    /// Bars can show a suppressed count; the legend says how.
    pub staven: bool,
    pub legenda: Vec<String>,
    pub kolommen: Vec<String>,
    pub rijen: Vec<(String, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Dashboard {
    kop: Kop,
    fouten: Fouten,
    scholen: Vec<Keuze>,
    school: String,
    gemeenten: Vec<Keuze>,
    gemeente: String,
    van: String,
    tot: String,
    periode: String,
    /// The same figures as CSV (`GET /api/v1/monitoring/tabel`).
    csv: String,
    grafieken: Vec<Grafiek>,
}

fn aantal(a: Option<&Aantal>) -> Waarde {
    match a {
        Some(Aantal::Getal(n)) => Waarde::Getal(*n as f64),
        Some(Aantal::Onderdrukt) | None => Waarde::Onder(5.0),
        Some(Aantal::Verborgen) => Waarde::Verborgen,
    }
}

fn tabel(maanden: &[String], reeksen: &[(String, Vec<String>)]) -> Vec<(String, Vec<String>)> {
    maanden
        .iter()
        .enumerate()
        .map(|(i, m)| (m.clone(), reeksen.iter().map(|r| r.1[i].clone()).collect()))
        .collect()
}

/// Bars of counts (a suppressed count a marker on the axis, "<5").
fn staven(m: &Monitoring, id: &'static str, titel: &'static str, velden: &[&str]) -> Grafiek {
    let maanden: Vec<String> = m
        .maanden
        .iter()
        .map(|x| opmaak::maand_kort(&x.maand))
        .collect();
    let reeksen: Vec<Reeks<Waarde>> = velden
        .iter()
        .map(|sleutel| Reeks {
            naam: kolomnaam(sleutel).to_string(),
            waarden: m
                .maanden
                .iter()
                .map(|x| Some(aantal(x.aantallen.get(sleutel))))
                .collect(),
        })
        .collect();
    let tekst: Vec<(String, Vec<String>)> = reeksen
        .iter()
        .map(|r| {
            (
                r.naam.clone(),
                r.waarden
                    .iter()
                    .map(|w| w.map_or("–".into(), |w| w.tekst()))
                    .collect(),
            )
        })
        .collect();
    Grafiek {
        id,
        titel,
        svg: grafiek::staven(
            id,
            titel,
            "Aantallen per maand; een aantal onder de 5 is niet precies getoond maar als open ruit op de as (“<5”). De tabel geeft dezelfde gegevens.",
            &maanden,
            &reeksen,
        ),
        staven: true,
        legenda: reeksen.iter().map(|r| r.naam.clone()).collect(),
        kolommen: tekst.iter().map(|r| r.0.clone()).collect(),
        rijen: tabel(&maanden, &tekst),
    }
}

/// Lines of averages or sums (absent when resting on fewer than five).
fn lijnen(
    m: &Monitoring,
    id: &'static str,
    titel: &'static str,
    velden: &[&str],
    max: Option<f64>,
) -> Grafiek {
    let maanden: Vec<String> = m
        .maanden
        .iter()
        .map(|x| opmaak::maand_kort(&x.maand))
        .collect();
    let reeksen: Vec<Reeks<f64>> = velden
        .iter()
        .map(|sleutel| Reeks {
            naam: kolomnaam(sleutel).to_string(),
            waarden: m
                .maanden
                .iter()
                .map(|x| x.waarden.get(sleutel).copied().flatten())
                .collect(),
        })
        .collect();
    let tekst: Vec<(String, Vec<String>)> = reeksen
        .iter()
        .map(|r| {
            (
                r.naam.clone(),
                r.waarden
                    .iter()
                    .map(|w| w.map_or("te weinig gegevens".into(), opmaak::getal))
                    .collect(),
            )
        })
        .collect();
    Grafiek {
        id,
        titel,
        svg: grafiek::lijnen(
            id,
            titel,
            "Per maand; een maand met minder dan 5 waarden ontbreekt. De tabel geeft dezelfde gegevens.",
            &maanden,
            &reeksen,
            max,
            &[],
        ),
        staven: false,
        legenda: reeksen.iter().map(|r| r.naam.clone()).collect(),
        kolommen: tekst.iter().map(|r| r.0.clone()).collect(),
        rijen: tabel(&maanden, &tekst),
    }
}

/// `?school=&gemeente=&van=&tot=` as the form sends them: empty for the
/// whole region and the last twelve months.
#[derive(serde::Deserialize)]
pub struct DashboardVraag {
    school: Option<String>,
    gemeente: Option<String>,
    van: Option<String>,
    tot: Option<String>,
}

/// One figure for every region and the country, a row per month.
pub struct Landtabel {
    pub id: String,
    pub titel: &'static str,
    pub kolommen: Vec<String>,
    pub rijen: Vec<(String, Vec<String>)>,
}

#[derive(Template)]
#[template(path = "dashboard_landelijk.html")]
struct LandelijkDashboard {
    kop: Kop,
    fouten: Fouten,
    van: String,
    tot: String,
    periode: String,
    tabellen: Vec<Landtabel>,
}

/// The national dashboard: per figure a table of the regions side by side
/// and the country's sum (no school, no gemeente, no case).
async fn landelijk(
    wie: Ingelogd,
    van: Option<chrono::NaiveDate>,
    tot: Option<chrono::NaiveDate>,
) -> WebResultaat {
    let mut fouten = Fouten::default();
    let m = match landelijk_voor(&wie.state, &wie.actor, &LandelijkeVraag { van, tot }).await {
        Ok(m) => m,
        Err(f) => {
            fouten.uit(f, &[("van", "van", "Van"), ("tot", "tot", "Tot en met")])?;
            let standaard = LandelijkeVraag {
                van: None,
                tot: None,
            };
            landelijk_voor(&wie.state, &wie.actor, &standaard).await?
        }
    };
    let kolommen: Vec<String> = m
        .regios
        .iter()
        .map(|r| r.naam.clone())
        .chain(["Nederland (som)".to_string()])
        .collect();
    let tabellen = KOLOMMEN
        .iter()
        .map(|(sleutel, titel)| Landtabel {
            id: format!("land-{sleutel}"),
            titel,
            kolommen: kolommen.clone(),
            rijen: m
                .land
                .iter()
                .enumerate()
                .map(|(i, land)| {
                    let cellen = m
                        .regios
                        .iter()
                        .map(|r| cel(&r.maanden[i], sleutel))
                        .chain([cel(land, sleutel)])
                        .collect();
                    (opmaak::maand_kort(&land.maand), cellen)
                })
                .collect(),
        })
        .collect();
    pagina(&LandelijkDashboard {
        kop: Kop::voor(&wie, "Landelijke cijfers", "/dashboard").await?,
        fouten,
        van: m.van.to_string(),
        tot: m.tot.to_string(),
        periode: format!(
            "{} tot en met {}",
            opmaak::datum(m.van),
            opmaak::datum(m.tot)
        ),
        tabellen,
    })
}

pub async fn dashboard(wie: Ingelogd, Query(d): Query<DashboardVraag>) -> WebResultaat {
    let datum = |s: &Option<String>| {
        s.as_deref()
            .and_then(|s| schakel_rules::datum::parse_datum(s.trim()))
    };
    if wie.actor.rol.rol == Rol::Landelijk {
        return landelijk(wie, datum(&d.van), datum(&d.tot)).await;
    }
    let leeg = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let v = MonitoringVraag {
        school: d.school.and_then(|s| s.trim().parse().ok()),
        gemeente: leeg(d.gemeente),
        van: datum(&d.van),
        tot: datum(&d.tot),
    };
    let mut fouten = Fouten::default();
    let m = match monitoring_voor(&wie.state, &wie.actor, &v).await {
        Ok(m) => m,
        Err(f) => {
            fouten.uit(
                f,
                &[
                    ("van", "van", "Van"),
                    ("tot", "tot", "Tot en met"),
                    ("gemeente", "gemeente", "Gemeente"),
                    ("school", "school", "School"),
                ],
            )?;
            let standaard = MonitoringVraag {
                school: None,
                gemeente: None,
                van: None,
                tot: None,
            };
            monitoring_voor(&wie.state, &wie.actor, &standaard).await?
        }
    };
    // Only the region's own schools and gemeenten are offered.
    let orgs = organisaties(&wie.state).await?;
    let mut scholen = vec![Keuze::new("", "Alle scholen in de regio")];
    scholen.extend(
        orgs.iter()
            .filter(|o| o.soort == OrganisatieSoort::School && o.regio == m.regio)
            .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
    );
    let mut gemeenten = vec![Keuze::new("", "Alle gemeenten in de regio")];
    gemeenten.extend(
        gemeenten_van_regio(&wie.state, m.regio)
            .await?
            .into_iter()
            .map(|g| Keuze::new(g.code, g.naam)),
    );
    let grafieken = vec![
        staven(
            &m,
            "casussen",
            "Open en nieuwe casussen",
            &["openCasussen", "nieuweCasussen"],
        ),
        staven(
            &m,
            "onderwijs",
            "Onderwijsuitkomsten",
            &[
                "thuiszitters",
                "terugkeerRegulierOnderwijs",
                "verwijzingenVso",
            ],
        ),
        lijnen(
            &m,
            "uren",
            "Uren jeugdhulp: toegekend en geleverd",
            &["urenToegekend", "urenGeleverd"],
            None,
        ),
        lijnen(
            &m,
            "tevredenheid",
            "Tevredenheid (cijfer 1–10)",
            &["tevredenheidJeugdige", "tevredenheidOuders"],
            Some(10.0),
        ),
        staven(
            &m,
            "escalatie",
            "Evaluaties en escalatiestappen",
            &[
                "evaluaties",
                "gesprekken",
                "expertpoolAdviezen",
                "escalaties",
            ],
        ),
        staven(
            &m,
            "maatwerk",
            "Maatwerk: verwijzingen buiten de normen en besluiten van de gemeente",
            &[
                "maatwerkVerwijzingen",
                "maatwerkAkkoord",
                "maatwerkNietAkkoord",
            ],
        ),
    ];
    pagina(&Dashboard {
        kop: Kop::voor(&wie, "Dashboard", "/dashboard").await?,
        scholen,
        fouten,
        school: m.school.map(|s| s.to_string()).unwrap_or_default(),
        gemeenten,
        gemeente: m.gemeente.clone().unwrap_or_default(),
        van: m.van.to_string(),
        tot: m.tot.to_string(),
        csv: format!(
            "/api/v1/monitoring/tabel?van={}&tot={}{}{}",
            m.van,
            m.tot,
            m.school.map(|s| format!("&school={s}")).unwrap_or_default(),
            m.gemeente
                .as_ref()
                .map(|g| format!("&gemeente={g}"))
                .unwrap_or_default()
        ),
        periode: format!(
            "{} tot en met {}",
            opmaak::datum(m.van),
            opmaak::datum(m.tot)
        ),
        grafieken,
    })
}
