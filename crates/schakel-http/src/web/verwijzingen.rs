//! Referrals: the verwijzer creates one for a jeugdige it may see, checked
//! by the normenkader (outside the norms only with a motivation); the
//! provider sees its own with what remains and registers delivered hours.
//! Both go through the API's `maak_verwijzing` and `registreer_levering`.

use schakel_domain::grens::Datumsoort;
use std::collections::HashMap;

use super::formulier::{Path, Query};
use super::sessie::{Velden, veld};
use askama::Template;
use axum::http::StatusCode;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_rules::Regelset;
use schakel_storage::{
    GemeentelijkeToets, Id, Jeugdige, Pagina, Verwijzing, VerwijzingPeriode, VerwijzingSortering,
    VerwijzingStand, VerwijzingenFilter,
};
use serde::Deserialize;
use serde_json::Value;

use super::advies::{
    SituatieInvoer, ToetsWeergave, VerwijzingVoorstel, dienstkeuzes, eenheden, perioden,
    productkeuzes, schoolkeuzes, situatiekeuzes_van, toetsvelden,
};
use super::formulier::{Fouten, Keuze};
use super::jeugdigen::{namen, organisaties, zichtbare_jeugdigen};
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebFout, WebResultaat, lijstkeuze, naar, opmaak, pagina_met};
use crate::api::onderwijssituatie::Dossiersituatie;
use crate::api::verwijzingen::{
    LeveringInvoer, VerwijzingInvoer, bekende_producten, eigen_verwijzingen, maak_verwijzing,
    registreer_levering, verwijzingen_van,
};
use crate::fout::ApiFout;

use super::jeugdigen::VerwijzingRegel;
use super::leveringen::{Leverdelen, Leverinvoer};

fn eenheden_tekst(v: &Verwijzing) -> &'static str {
    if v.gegevens.eenheid == "uur" {
        "uur"
    } else {
        "dagdelen"
    }
}

pub fn regel(v: &Verwijzing, namen: &HashMap<Id, String>) -> VerwijzingRegel {
    let g = &v.gegevens;
    VerwijzingRegel {
        id: v.id,
        product: opmaak::product(&g.product),
        omvang: format!(
            "{} {} {}",
            opmaak::getal(g.volume),
            eenheden_tekst(v),
            if g.per == "week" {
                "per week"
            } else {
                "in totaal"
            }
        ),
        periode: format!(
            "{} – {}",
            opmaak::datum(g.ingangsdatum),
            opmaak::datum(g.einddatum)
        ),
        aanbieder: namen.get(&g.aanbieder).cloned().unwrap_or_default(),
        resterend: format!(
            "{} van {}",
            opmaak::hoeveelheid(v.resterend()),
            opmaak::hoeveelheid(g.toegekend)
        ),
        binnen_normen: g.binnen_normen,
    }
}

/// The referrals of a jeugdige this actor has to do with: a provider its
/// own, a verwijzer its organisation's, others all. The jeugdige itself
/// was read (and logged) by the caller.
pub async fn regels_voor(
    wie: &Ingelogd,
    j: &Jeugdige,
    namen: &HashMap<Id, String>,
) -> Result<Vec<VerwijzingRegel>, WebFout> {
    Ok(
        eigen_verwijzingen(&wie.actor, wie.state.opslag.verwijzingen(j.id).await?)
            .iter()
            .map(|v| regel(v, namen))
            .collect(),
    )
}

/// A referral in the one list, with the jeugdige it is for.
pub struct LijstRegel {
    pub jeugdige: Id,
    pub naam: String,
    pub v: VerwijzingRegel,
}

/// Ended referrals per page.
const AFGELOPEN_PER_PAGINA: i64 = 25;
/// Running referrals per page.
const LOPEND_PER_PAGINA: i64 = 50;

#[derive(Template)]
#[template(path = "verwijzingen.html")]
struct Lijst {
    kop: Kop,
    fouten: Fouten,
    lopend: Vec<LijstRegel>,
    lopend_totaal: i64,
    lopend_paginering: lijstkeuze::Paginering,
    afgelopen: Vec<LijstRegel>,
    afgelopen_totaal: i64,
    afgelopen_paginering: lijstkeuze::Paginering,
    aanbieder: bool,
    /// A search by name, from the POST body (never in a URL).
    zoek: String,
    school: String,
    scholen: Vec<Keuze>,
    periode: &'static str,
    periodes: Vec<Keuze>,
    product: String,
    producten: Vec<Keuze>,
    sorteer: &'static str,
    sorteringen: Vec<Keuze>,
    csrf: String,
}

impl Lijst {
    /// Whether a choice narrows the list (beyond the search by name).
    pub fn gekozen(&self) -> bool {
        !(self.school.is_empty() && self.periode.is_empty() && self.product.is_empty())
    }
}

#[derive(Deserialize, Default)]
pub struct LijstVraag {
    pagina: Option<String>,
    lopend: Option<String>,
    school: Option<String>,
    periode: Option<String>,
    product: Option<String>,
    sorteer: Option<String>,
}

fn periode_label(p: VerwijzingPeriode) -> &'static str {
    match p {
        VerwijzingPeriode::Gestart => "Begonnen in de afgelopen 30 dagen",
        VerwijzingPeriode::Eindigt => "Eindigt binnen 30 dagen",
        VerwijzingPeriode::Afgelopen => "Afgelopen",
    }
}

fn sortering_label(s: VerwijzingSortering) -> &'static str {
    match s {
        VerwijzingSortering::Ingangsdatum => "Startdatum, nieuwste eerst",
        _ => "Einddatum, eerst eindigend bovenaan",
    }
}

/// My referrals in one table (issue 16.2): the running ones first, the one
/// ending soonest on top; the ended ones apart below, the latest first;
/// both paged in the database, by school, period and product, sorted by
/// start or end date, searchable by the jeugdige's name. Each listed
/// referral is logged.
pub async fn lijst(wie: Ingelogd, Query(q): Query<LijstVraag>) -> WebResultaat {
    toon(wie, q, String::new()).await
}

/// The search by name: in the body; the page answers directly.
pub async fn zoek(f: Formulier<Velden>) -> WebResultaat {
    let gekozen = |n: &str| Some(veld(&f.invoer, n)).filter(|s| !s.is_empty());
    let q = LijstVraag {
        pagina: gekozen("pagina"),
        lopend: gekozen("lopend"),
        school: gekozen("school"),
        periode: gekozen("periode"),
        product: gekozen("product"),
        sorteer: gekozen("sorteer"),
    };
    let zoek = veld(&f.invoer, "zoek");
    toon(f.wie, q, zoek).await
}

/// One table of the list: the page asked for (the last one when it lies
/// beyond), its number and the number of pages; nothing when the period
/// leaves nothing of it.
async fn deel(
    dossier: &crate::dossier::Dossier<'_>,
    filter: Option<&VerwijzingenFilter>,
    gevraagd: Option<&str>,
    per: i64,
    fouten: &mut Fouten,
) -> Result<(Vec<(Verwijzing, Jeugdige)>, i64, i64, i64), WebFout> {
    let gevraagd = lijstkeuze::paginanummer(gevraagd, fouten);
    let Some(f) = filter else {
        return Ok((Vec::new(), 0, 1, 1));
    };
    let mut l = dossier.verwijzingen(f, Pagina::new(gevraagd, per)).await?;
    let paginas = lijstkeuze::paginas(l.totaal, per);
    let pagina = lijstkeuze::binnen_bereik(gevraagd, paginas, fouten);
    if pagina != gevraagd {
        l = dossier.verwijzingen(f, Pagina::new(pagina, per)).await?;
    }
    Ok((l.items, l.totaal, pagina, paginas))
}

async fn toon(wie: Ingelogd, q: LijstVraag, zoek: String) -> WebResultaat {
    let orgs = organisaties(&wie.state).await?;
    let namen = namen(&orgs);
    let vandaag = crate::api::vandaag();
    let mut fouten = Fouten::default();
    let zoek_term = lijstkeuze::zoekterm(&zoek, &mut fouten);
    let school = lijstkeuze::school(q.school.as_deref(), &orgs, &mut fouten);
    let periode = lijstkeuze::keuze(
        q.periode.as_deref(),
        VerwijzingPeriode::parse,
        ("periode", "Periode"),
        &mut fouten,
    );
    let bekend = bekende_producten(&wie.state);
    let product = lijstkeuze::keuze(
        q.product.as_deref(),
        |p| bekend.contains_key(p).then(|| p.to_string()),
        ("product", "Product"),
        &mut fouten,
    );
    let sortering = lijstkeuze::keuze(
        q.sorteer.as_deref(),
        VerwijzingSortering::parse,
        ("sorteer", "Sorteren"),
        &mut fouten,
    )
    .unwrap_or(VerwijzingSortering::Einddatum);
    let basis = VerwijzingenFilter {
        van: verwijzingen_van(&wie.actor),
        zoek: zoek_term,
        school,
        product: product.clone(),
        sortering,
        ..Default::default()
    };
    let filter = |stand| {
        let f = VerwijzingenFilter {
            stand,
            ..basis.clone()
        };
        match periode {
            None => Some(f),
            Some(p) => p.toegepast(f, vandaag),
        }
    };
    let dossier = wie.dossier();
    let (lopend, lopend_totaal, lopend_pagina, lopend_paginas) = deel(
        &dossier,
        filter(VerwijzingStand::Lopend {
            vanaf: vandaag,
            tot: None,
        })
        .as_ref(),
        q.lopend.as_deref(),
        LOPEND_PER_PAGINA,
        &mut fouten,
    )
    .await?;
    let (afgelopen, afgelopen_totaal, pagina, paginas) = deel(
        &dossier,
        filter(VerwijzingStand::Afgelopen(vandaag)).as_ref(),
        q.pagina.as_deref(),
        AFGELOPEN_PER_PAGINA,
        &mut fouten,
    )
    .await?;
    let regels = |l: Vec<(Verwijzing, Jeugdige)>| -> Vec<LijstRegel> {
        l.iter()
            .map(|(v, j)| LijstRegel {
                jeugdige: j.id,
                naam: j.naam(),
                v: regel(v, &namen),
            })
            .collect()
    };
    let aanbieder = wie.rol() == Rol::Aanbieder;
    let titel = if aanbieder {
        "Mijn verwijzingen"
    } else {
        "Verwijzingen"
    };
    let school = school.map(|s| s.to_string()).unwrap_or_default();
    let product = product.unwrap_or_default();
    let periode = periode.map_or("", VerwijzingPeriode::naam);
    // The default order is left out of the links.
    let sorteer = match sortering {
        VerwijzingSortering::Einddatum => "",
        s => s.naam(),
    };
    let keuzes = [
        ("school", school.as_str()),
        ("periode", periode),
        ("product", product.as_str()),
        ("sorteer", sorteer),
    ];
    let (lopend_nummer, afgelopen_nummer) = (lopend_pagina.to_string(), pagina.to_string());
    let lopend_paginering = lijstkeuze::Paginering {
        veld: "lopend",
        anker: "#lopend-kop",
        ..lijstkeuze::Paginering::new(
            "Pagina's van de lopende verwijzingen",
            "/verwijzingen",
            (lopend_pagina, lopend_paginas),
        )
    }
    .met(&keuzes)
    .met(&[("pagina", afgelopen_nummer.as_str())])
    .gezocht_op(&[("zoek", &zoek)], &wie.csrf);
    let afgelopen_paginering = lijstkeuze::Paginering {
        anker: "#afgelopen-kop",
        ..lijstkeuze::Paginering::new(
            "Pagina's van de afgelopen verwijzingen",
            "/verwijzingen",
            (pagina, paginas),
        )
    }
    .met(&keuzes)
    .met(&[(
        "lopend",
        if lopend_pagina > 1 {
            lopend_nummer.as_str()
        } else {
            ""
        },
    )])
    .gezocht_op(&[("zoek", &zoek)], &wie.csrf);
    pagina_met(
        fouten.status(),
        &Lijst {
            kop: Kop::voor(&wie, titel, "/verwijzingen").await?,
            fouten,
            lopend: regels(lopend),
            lopend_totaal,
            lopend_paginering,
            afgelopen: regels(afgelopen),
            afgelopen_totaal,
            afgelopen_paginering,
            aanbieder,
            zoek,
            school,
            scholen: lijstkeuze::scholen(&orgs),
            periode,
            periodes: VerwijzingPeriode::ALLE
                .iter()
                .map(|p| Keuze::new(p.naam(), periode_label(*p)))
                .collect(),
            product,
            producten: bekend
                .iter()
                .map(|(sleutel, naam)| Keuze::new(sleutel, naam))
                .collect(),
            sorteer: sortering.naam(),
            sorteringen: VerwijzingSortering::KEUZES
                .iter()
                .map(|s| Keuze::new(s.naam(), sortering_label(*s)))
                .collect(),
            csrf: wie.csrf.clone(),
        },
    )
}

/// What the form starts from: a jeugdige (from its page) and an option of
/// the advisor ("verwijs volgens deze optie": its amount and period).
#[derive(Deserialize, Default)]
pub struct NieuwVraag {
    jeugdige: Option<String>,
    #[serde(flatten)]
    voorstel: VerwijzingVoorstel,
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct VerwijzingFormulier {
    jeugdige: String,
    aanbieder: String,
    motivatie: String,
    #[serde(flatten)]
    situatie: SituatieInvoer,
    #[serde(flatten)]
    voorstel: VerwijzingVoorstel,
}

#[derive(Template)]
#[template(path = "verwijzing_nieuw.html")]
struct Nieuw {
    kop: Kop,
    fouten: Fouten,
    invoer: VerwijzingFormulier,
    situatie: SituatieInvoer,
    voorstel: VerwijzingVoorstel,
    jeugdigen: Vec<Keuze>,
    aanbieders: Vec<Keuze>,
    situaties: Vec<Keuze>,
    scholen: Vec<Keuze>,
    producten: Vec<Keuze>,
    eenheden: Vec<Keuze>,
    perioden: Vec<Keuze>,
    diensten: Vec<Keuze>,
    /// The chosen jeugdige's onderwijssituatie from the dossier, in words.
    dossier: Option<String>,
    /// The situation fields: only while the dossier holds no situation, or
    /// to show a claimed one that differs from it at its field.
    toon_situatie: bool,
    /// Outside the norms: the findings, and the motivation field.
    buiten_normen: Option<ToetsWeergave>,
    /// The chosen jeugdige's region has no normenkader (or the jeugdige
    /// lives outside every region): why no product is offered.
    geen_normenkader: Option<String>,
}

/// The chosen jeugdige's situation as the dossier holds it on the
/// referral's start (today when none is given yet), in words; nothing
/// for a jeugdige this verwijzer may not see (that read is refused and
/// logged, and the form says nothing about it).
async fn dossiersituatie(
    wie: &Ingelogd,
    j: &Jeugdige,
    namen: Option<&Regelset>,
    invoer: &VerwijzingFormulier,
) -> Option<String> {
    let dag = chrono::NaiveDate::parse_from_str(invoer.voorstel.ingangsdatum.trim(), "%Y-%m-%d")
        .unwrap_or_else(|_| crate::api::vandaag());
    let d = Dossiersituatie::op(&wie.state, j, dag).await.ok()??;
    Some(super::onderwijssituatie::beschrijving(namen, &d))
}

/// The chosen jeugdige, when this verwijzer may read it.
async fn gekozen(wie: &Ingelogd, invoer: &VerwijzingFormulier) -> Option<Jeugdige> {
    let id = invoer.jeugdige.trim().parse::<Id>().ok()?;
    wie.dossier()
        .lees_voor(id, "onderwijssituatie.lezen")
        .await
        .ok()
}

/// The rules the form offers: the chosen jeugdige's region's
/// (woonplaatsbeginsel; none when its region has no normenkader), and
/// before a jeugdige is chosen the verwijzer's own region's; with the
/// reason when there are none.
async fn formulierregels<'s>(
    wie: &'s Ingelogd,
    j: Option<&Jeugdige>,
) -> crate::fout::ApiResultaat<(Option<&'s Regelset>, Option<String>)> {
    let state = &wie.state;
    let keuze = match j {
        Some(j) => match crate::regels::keuze_voor(state, j).await {
            Ok(k) => k,
            Err(ApiFout::Ongeldig(f)) => {
                return Ok((None, f.into_iter().next().map(|p| p.reason)));
            }
            Err(f) => return Err(f),
        },
        None => {
            let eigen =
                crate::regels::regio_van_organisatie(state, wie.actor.rol.organisatie).await?;
            match state.regios.kies_in(None, eigen, "jeugdige") {
                Ok(k) => k,
                Err(_) => return Ok((None, None)),
            }
        }
    };
    Ok((keuze.regels(), keuze.zonder_regels().map(|g| g.toelichting)))
}

async fn formulier(
    wie: &Ingelogd,
    fouten: Fouten,
    invoer: VerwijzingFormulier,
    buiten_normen: Option<ToetsWeergave>,
) -> WebResultaat {
    let orgs = organisaties(&wie.state).await?;
    let mut jeugdigen = vec![Keuze::new("", "Kies een jeugdige")];
    jeugdigen.extend(
        zichtbare_jeugdigen(wie)
            .await?
            .iter()
            .map(super::jeugdigen::jeugdige_keuze),
    );
    let mut aanbieders = vec![Keuze::new("", "Kies een jeugdhulpaanbieder")];
    aanbieders.extend(
        orgs.iter()
            .filter(|o| o.soort == OrganisatieSoort::Aanbieder)
            .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
    );
    let status = if !fouten.is_leeg() {
        StatusCode::BAD_REQUEST
    } else if buiten_normen.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let j = gekozen(wie, &invoer).await;
    let (regels, geen_normenkader) = formulierregels(wie, j.as_ref()).await?;
    let dossier = match &j {
        Some(j) => dossiersituatie(wie, j, regels, &invoer).await,
        None => None,
    };
    let toon_situatie = dossier.is_none() || fouten.voor("onderwijssituatie").is_some();
    let mut situatie = invoer.situatie.clone();
    if toon_situatie && situatie.onderwijssituatie.is_empty() {
        situatie.onderwijssituatie = "volledig_onderwijs".into();
    }
    let mut voorstel = invoer.voorstel.clone();
    if voorstel.eenheid.is_empty() {
        voorstel.eenheid = "uur".into();
        voorstel.per = "week".into();
    }
    pagina_met(
        status,
        &Nieuw {
            kop: Kop::voor(wie, "Verwijzing maken", "/verwijzingen/nieuw").await?,
            fouten,
            invoer,
            situatie,
            voorstel,
            jeugdigen,
            aanbieders,
            situaties: situatiekeuzes_van(regels),
            scholen: schoolkeuzes(regels),
            producten: productkeuzes(regels),
            eenheden: eenheden(),
            perioden: perioden(),
            diensten: dienstkeuzes(regels),
            geen_normenkader,
            dossier,
            toon_situatie,
            buiten_normen,
        },
    )
}

pub async fn nieuw(wie: Ingelogd, Query(v): Query<NieuwVraag>) -> WebResultaat {
    if wie.rol() != Rol::Verwijzer {
        return Err(ApiFout::Geweigerd(
            "Verwijzingen geeft alleen een gemandateerde verwijzer af.".into(),
        )
        .into());
    }
    let invoer = VerwijzingFormulier {
        jeugdige: v.jeugdige.unwrap_or_default(),
        voorstel: v.voorstel,
        ..VerwijzingFormulier::default()
    };
    formulier(&wie, Fouten::default(), invoer, None).await
}

pub async fn maak(f: Formulier<VerwijzingFormulier>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let jeugdige = invoer.jeugdige.trim().parse::<Id>();
    let aanbieder = invoer.aanbieder.trim().parse::<Id>();
    if jeugdige.is_err() {
        fouten.veld(
            "jeugdige",
            "Jeugdige",
            "Kies de jeugdige voor wie de verwijzing is.",
        );
    }
    if aanbieder.is_err() {
        fouten.veld("aanbieder", "Aanbieder", "Kies de jeugdhulpaanbieder.");
    }
    let (Ok(jeugdige), Ok(aanbieder)) = (jeugdige, aanbieder) else {
        return formulier(&wie, fouten, invoer, None).await;
    };
    // The situation comes from the dossier; the fields are sent only when
    // the form showed them (no situation recorded yet, or a claimed one
    // shown again at its field). The birth date always comes from the
    // dossier, as through the API.
    let situatie = (!invoer.situatie.onderwijssituatie.trim().is_empty()).then(|| {
        let mut m = invoer.situatie.json();
        m.remove("geboortedatum");
        Value::Object(m)
    });
    let i = VerwijzingInvoer {
        jeugdige,
        aanbieder,
        situatie,
        verwijzing: invoer.voorstel.json(),
        motivatie: Some(invoer.motivatie.clone()).filter(|m| !m.trim().is_empty()),
    };
    match maak_verwijzing(&wie.dossier(), i).await {
        Ok(v) => Ok(naar(format!("/verwijzingen/{}?gelukt=gemaakt", v.id))),
        Err(ApiFout::BuitenNormen { bevindingen }) => {
            let weergave = ToetsWeergave {
                binnen_normen: false,
                bevindingen: bevindingen
                    .as_array()
                    .map(|b| {
                        b.iter()
                            .map(|x| {
                                (
                                    x["regel"].as_str().unwrap_or_default().to_string(),
                                    x["melding"].as_str().unwrap_or_default().to_string(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                optie: None,
                bronnen: vec![],
                normenkader: String::new(),
            };
            formulier(&wie, fouten, invoer, Some(weergave)).await
        }
        Err(f) => {
            let mut velden = toetsvelden();
            velden.extend([
                ("jeugdige", "jeugdige", "Jeugdige"),
                ("aanbieder", "aanbieder", "Aanbieder"),
                ("situatie", "onderwijssituatie", "Onderwijssituatie"),
            ]);
            fouten.uit(f, &velden)?;
            formulier(&wie, fouten, invoer, None).await
        }
    }
}

#[derive(Deserialize, Default)]
pub struct Gelukt {
    gelukt: Option<String>,
}

#[derive(Template)]
#[template(path = "verwijzing.html")]
struct VerwijzingPagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    v: VerwijzingRegel,
    jeugdige: Id,
    jeugdige_naam: String,
    maatwerk: Option<String>,
    gemeentelijke_toets: Option<String>,
    toets_motivatie: Option<String>,
    bevindingen: Vec<(String, String)>,
    regels: Vec<String>,
    normenkader: String,
    geleverd: String,
    eenheid: &'static str,
    kan_leveren: bool,
    invoer: Leverinvoer,
    leveringen: Leverdelen,
}

/// Where the municipality's review of a maatwerk referral stands, in words.
fn toetstekst(wie: &Ingelogd, v: &Verwijzing) -> Option<String> {
    let dag =
        |b: &schakel_storage::Beoordeling| opmaak::datum(schakel_domain::grens::dag_van(b.op));
    Some(match (v.gemeentelijke_toets?, &v.beoordeling) {
        (GemeentelijkeToets::Akkoord, Some(b)) => {
            format!("De gemeente is akkoord (besloten op {}).", dag(b))
        }
        (GemeentelijkeToets::Afgewezen, Some(b)) => format!(
            "De gemeente is niet akkoord (besloten op {}). Op deze verwijzing kan niet geleverd worden.",
            dag(b)
        ),
        _ => format!(
            "De gemeente beoordeelt deze maatwerkverwijzing nog; uiterlijk {}.",
            opmaak::datum(crate::api::maatwerk::uiterlijk(&wie.state, v))
        ),
    })
}

/// The referral's page with its deliveries, the forms showing `invoer`.
pub async fn pagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    melding: Option<&'static str>,
    invoer: Leverinvoer,
) -> WebResultaat {
    let (v, j) = wie.dossier().verwijzing_voor(id).await?;
    let leveringen = super::leveringen::delen(wie, &v, eenheden_tekst(&v)).await?;
    let namen = namen(&organisaties(&wie.state).await?);
    let g = &v.gegevens;
    let bevindingen = g
        .bevindingen
        .as_array()
        .map(|b| {
            b.iter()
                .map(|x| {
                    (
                        x["regel"].as_str().unwrap_or_default().to_string(),
                        x["melding"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let status = fouten.status();
    pagina_met(
        status,
        &VerwijzingPagina {
            kop: Kop::voor(wie, "Verwijzing", "/verwijzingen").await?,
            fouten,
            melding,
            jeugdige: j.id,
            jeugdige_naam: j.naam(),
            maatwerk: g.motivatie.clone(),
            gemeentelijke_toets: toetstekst(wie, &v),
            toets_motivatie: v.beoordeling.as_ref().map(|b| b.motivatie.clone()),
            bevindingen,
            regels: g.regels.clone(),
            normenkader: g.normenkader.clone(),
            geleverd: opmaak::hoeveelheid(v.geleverd),
            eenheid: eenheden_tekst(&v),
            kan_leveren: wie.rol() == Rol::Aanbieder
                && v.gemeentelijke_toets != Some(GemeentelijkeToets::Afgewezen),
            invoer,
            leveringen,
            v: regel(&v, &namen),
        },
    )
}

pub async fn verwijzing(
    wie: Ingelogd,
    Path(id): Path<Id>,
    Query(g): Query<Gelukt>,
) -> WebResultaat {
    let melding = match g.gelukt.as_deref() {
        Some("gemaakt") => Some("De verwijzing is vastgelegd."),
        Some("geleverd") => Some("De geleverde zorg is geregistreerd."),
        Some("week") => Some("De uren van de week zijn geregistreerd."),
        Some("gecorrigeerd") => {
            Some("De correctie is vastgelegd. De oorspronkelijke registratie blijft bewaard.")
        }
        _ => None,
    };
    pagina(&wie, id, Fouten::default(), melding, Default::default()).await
}

pub async fn lever(Path(id): Path<Id>, f: Formulier<Leverinvoer>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let mut fouten = Fouten::default();
    let datum = super::formulier::datum(&invoer.datum, Datumsoort::Periode);
    let hoeveelheid = schakel_rules::Hoeveelheid::parse(&invoer.hoeveelheid);
    if let Err(m) = &datum {
        let m = if invoer.datum.trim().is_empty() {
            "Vul de datum in waarop de zorg is geleverd."
        } else {
            m.as_str()
        };
        fouten.veld("datum", "Datum", m);
    }
    let datum = datum.ok();
    if hoeveelheid.is_err() {
        fouten.veld(
            "hoeveelheid",
            "Hoeveelheid",
            "Vul een getal in met ten hoogste twee cijfers achter de komma, bijvoorbeeld 2 of 1,5.",
        );
    }
    let (Some(datum), Ok(hoeveelheid)) = (datum, hoeveelheid) else {
        return pagina(&wie, id, fouten, None, invoer).await;
    };
    match registreer_levering(&wie.dossier(), id, &LeveringInvoer { datum, hoeveelheid }).await {
        Ok(_) => Ok(naar(format!("/verwijzingen/{id}?gelukt=geleverd"))),
        Err(f) => {
            fouten.uit(
                f,
                &[
                    ("datum", "datum", "Datum"),
                    ("hoeveelheid", "hoeveelheid", "Hoeveelheid"),
                ],
            )?;
            pagina(&wie, id, fouten, None, invoer).await
        }
    }
}
