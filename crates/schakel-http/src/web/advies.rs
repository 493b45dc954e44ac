//! The normenkader advisor and the check of a proposed referral: public
//! pages without personal data, computed by the rules of the child's
//! region (the default region's, or the woongemeente's) from the same
//! JSON input as `POST /api/v1/normenkader/adviezen` and `…/toetsingen`,
//! so a form reports the same field errors as the API.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use schakel_rules::advies::{Advies, Reikwijdte};
use schakel_rules::normenkader::Dekking;
use schakel_rules::{AdviesVraag, Regelset, Regio, ToetsVraag};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::formulier::{Fouten, Keuze};
use super::opmaak;
use super::sessie::Bezoeker;
use super::{Kop, WebResultaat, pagina_met};
use crate::api::vandaag;
use crate::fout::ApiFout;
use crate::state::AppState;

/// The situation as the forms ask it; every field as typed, so a form
/// comes back as it was sent.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SituatieInvoer {
    pub geboortedatum: String,
    pub peildatum: String,
    pub onderwijssituatie: String,
    pub school: String,
    pub tlv: Option<String>,
    pub schooldagdelen: String,
    /// The advisor's "Woongemeente" (CBS code; empty: the default region).
    /// Not part of [`SituatieInvoer::json`]: it picks the rules.
    pub gemeente: String,
}

/// API field name → (form field id, label).
pub const SITUATIEVELDEN: [(&str, &str, &str); 6] = [
    ("geboortedatum", "geboortedatum", "Geboortedatum"),
    ("peildatum", "peildatum", "Peildatum"),
    (
        "onderwijssituatie",
        "onderwijssituatie",
        "Onderwijssituatie",
    ),
    ("school", "school", "School"),
    ("tlv", "tlv", "TLV"),
    ("schooldagdelen", "schooldagdelen", "Dagdelen op school"),
];

impl SituatieInvoer {
    /// The advice input as JSON, as the API receives it; what is left
    /// empty is left out, so the rules name what is missing.
    pub fn json(&self) -> Map<String, Value> {
        let mut m = Map::new();
        let mut tekst = |k: &str, v: &str| {
            if !v.trim().is_empty() {
                m.insert(k.into(), json!(v.trim()));
            }
        };
        tekst("geboortedatum", &self.geboortedatum);
        tekst("peildatum", &self.peildatum);
        tekst("onderwijssituatie", &self.onderwijssituatie);
        tekst("school", &self.school);
        let dagdelen = self.schooldagdelen.trim();
        if !dagdelen.is_empty() {
            // A number when it is one; otherwise the text, which the rules
            // refuse with the field's name.
            m.insert(
                "schooldagdelen".into(),
                dagdelen
                    .parse::<u64>()
                    .map_or(json!(dagdelen), |n| json!(n)),
            );
        }
        m.insert("tlv".into(), json!(self.tlv.is_some()));
        m
    }
}

/// The region's first situation, as a form's first choice (none without
/// a normenkader).
pub fn eerste_situatie(regels: Option<&Regelset>) -> String {
    regels
        .and_then(|r| r.situaties().sleutels().next())
        .unwrap_or_default()
        .into()
}

/// One region's situations, with their labels, in the file's order; none
/// for a region without a normenkader.
pub fn situatiekeuzes_van(regels: Option<&Regelset>) -> Vec<Keuze> {
    let mut k = vec![Keuze::new("", "Kies een situatie")];
    k.extend(
        regels
            .iter()
            .flat_map(|r| r.situaties().iter())
            .map(|s| Keuze::new(s.situatie.naam(), &s.naam)),
    );
    k
}

/// The region whose rules answer a question without a gemeente: the
/// signed-in user's organisation's; for the public, the default region
/// (None: the installation has none, a gemeente must be given).
pub async fn eigen_regio<'s>(
    state: &'s AppState,
    wie: &Bezoeker,
) -> crate::fout::ApiResultaat<Option<&'s Regio>> {
    match &wie.0 {
        Some(i) => crate::regels::regio_van_organisatie(state, i.actor.rol.organisatie).await,
        None => Ok(state.regios.standaard()),
    }
}

/// Every gemeente this installation serves, by name; none when it serves
/// one region's single gemeente (then the choice says nothing). "Not
/// chosen" names the region that then answers.
fn gemeentekeuzes(state: &AppState, eigen: Option<&Regio>) -> Vec<Keuze> {
    let mut alle: Vec<Keuze> = state
        .regios
        .alle()
        .iter()
        .flat_map(|r| &r.gemeenten)
        .map(|g| Keuze::new(&g.code, &g.naam))
        .collect();
    if alle.len() < 2 {
        return Vec::new();
    }
    alle.sort_by(|a, b| a.label.cmp(&b.label));
    let standaard = match eigen {
        Some(r) => format!("Niet gekozen: {}", r.naam),
        None => "Kies de woongemeente".into(),
    };
    alle.insert(0, Keuze::new("", standaard));
    alle
}

/// The advisor's fields: the situation's, and the gemeente that picks the
/// rules.
pub(super) const ADVIESVELDEN: [(&str, &str, &str); 7] = [
    SITUATIEVELDEN[0],
    SITUATIEVELDEN[1],
    SITUATIEVELDEN[2],
    SITUATIEVELDEN[3],
    SITUATIEVELDEN[4],
    SITUATIEVELDEN[5],
    ("gemeente", "gemeente", "Woongemeente"),
];

/// The schools the region's normenkader names (for OJA, JOA and their
/// calendars).
pub fn schoolkeuzes(regels: Option<&Regelset>) -> Vec<Keuze> {
    let mut k = vec![Keuze::new("", "Geen of een andere school")];
    if let Some(kader) = regels.and_then(|r| r.kader_op(vandaag())) {
        k.extend(kader.scholen.iter().map(|s| Keuze::new(&s.naam, &s.naam)));
    }
    k
}

/// The products of the region's normenkader in force; none without one.
pub fn productkeuzes(regels: Option<&Regelset>) -> Vec<Keuze> {
    let mut k = vec![Keuze::new("", "Kies een product")];
    if let Some(kader) = regels.and_then(|r| r.kader_op(vandaag())) {
        k.extend(
            kader
                .producten
                .iter()
                .map(|(id, naam)| Keuze::new(id, naam)),
        );
    }
    k
}

pub struct InzetWeergave {
    pub product: String,
    pub omvang: String,
    /// The referral form's fields for this amount and the option's period,
    /// as a query string (`/verwijzingen/nieuw?…`): "verwijs volgens deze
    /// optie" (issue 16.5). No personal data.
    pub voorstel: String,
}

pub struct BudgetWeergave {
    pub periode: String,
    pub schoolweken: String,
    pub totaal: String,
    pub per_schoolweek: String,
    pub volledig: bool,
}

pub struct OptieWeergave {
    pub id: String,
    pub omschrijving: String,
    pub programma: Option<String>,
    pub periode: String,
    pub inzet: Vec<InzetWeergave>,
    pub budget: Option<BudgetWeergave>,
}

pub struct AdviesWeergave {
    pub situatie: Option<String>,
    pub beschikking: &'static str,
    pub regie: Option<String>,
    pub leeftijd: u32,
    pub peildatum: String,
    pub opties: Vec<OptieWeergave>,
    pub verplichtingen: Vec<(String, String)>,
    pub reikwijdte: Vec<ReikwijdteRegel>,
    pub toelichting: Vec<String>,
    pub bronnen: Vec<String>,
    pub normenkader: String,
}

/// One service of a reikwijdte as the pages show it, with the condition
/// the source attaches (its words and what they mean).
pub struct ReikwijdteRegel {
    pub dienst: String,
    pub hoe: &'static str,
    pub voorwaarde: Option<String>,
}

pub fn reikwijdte_regels(r: &Reikwijdte<'_>) -> Vec<ReikwijdteRegel> {
    r.diensten()
        .map(|(d, x)| ReikwijdteRegel {
            dienst: opmaak::product(d),
            hoe: dekking(x),
            voorwaarde: r
                .voorwaarde(d)
                .map(|w| format!("{} (bron: \u{201c}{}\u{201d})", w.voorwaarde, w.tekst)),
        })
        .collect()
}

pub fn dekking(d: Dekking) -> &'static str {
    match d {
        Dekking::Oja => "Valt onder het OJA",
        Dekking::V => "Aparte verwijzing nodig",
        Dekking::Joa => "Valt onder de JOA",
        Dekking::NietMogelijk => "Niet mogelijk",
    }
}

/// The referral form's query for an option's amount: the most it allows,
/// from the option's start to its end.
fn voorstel(
    o: &schakel_rules::advies::AdviesOptie<'_>,
    i: &schakel_rules::advies::Inzet<'_>,
) -> String {
    let mut q = url::form_urlencoded::Serializer::new(String::new());
    q.append_pair("product", i.product)
        .append_pair("volume", &i.max.to_string())
        .append_pair("eenheid", i.eenheid.naam())
        .append_pair("per", i.per.naam())
        .append_pair("ingangsdatum", &o.ingangsdatum.to_string());
    if let Some(e) = o.einddatum {
        q.append_pair("einddatum", &e.to_string());
    }
    q.finish()
}

impl AdviesWeergave {
    /// `regels`: the rules the advice came from (its region's), for the
    /// product and situation names.
    pub fn van(a: &Advies<'_>, regels: &schakel_rules::Regelset) -> Self {
        let kader = regels.kader_op(a.peildatum);
        let productnaam =
            |p: &str| kader.map_or_else(|| opmaak::product(p), |k| k.productnaam(p).to_string());
        let opties = a
            .opties
            .iter()
            .map(|o| OptieWeergave {
                id: o.id.into(),
                omschrijving: o.omschrijving.into(),
                programma: o.programma.map(opmaak::product),
                periode: match o.einddatum {
                    Some(e) => format!(
                        "{} tot en met {}",
                        opmaak::datum(o.ingangsdatum),
                        opmaak::datum(e)
                    ),
                    None => format!(
                        "vanaf {} (het normenkader noemt geen einddatum)",
                        opmaak::datum(o.ingangsdatum)
                    ),
                },
                inzet: o
                    .inzet
                    .iter()
                    .map(|i| {
                        let eenheid = match (i.eenheid.naam(), i.max) {
                            ("uur", 1) => "uur",
                            ("uur", _) => "uur",
                            (_, 1) => "dagdeel",
                            _ => "dagdelen",
                        };
                        let per = if i.per.naam() == "week" {
                            " per week"
                        } else {
                            " in totaal"
                        };
                        let omvang = match i.min {
                            Some(min) => format!("{min} tot {} {eenheid}{per}", i.max),
                            None => format!("ten hoogste {} {eenheid}{per}", i.max),
                        };
                        InzetWeergave {
                            product: productnaam(i.product),
                            omvang,
                            voorstel: voorstel(o, i),
                        }
                    })
                    .collect(),
                budget: o.budget.as_ref().map(|b| BudgetWeergave {
                    periode: format!(
                        "{} tot en met {}",
                        opmaak::datum(b.van),
                        opmaak::datum(b.tot)
                    ),
                    schoolweken: opmaak::getal(b.schoolweken),
                    totaal: opmaak::hoeveelheid(b.totaal_uren),
                    per_schoolweek: b
                        .uren_per_schoolweek
                        .map_or_else(|| "–".into(), opmaak::hoeveelheid),
                    volledig: b.volledig,
                }),
            })
            .collect();
        Self {
            situatie: a.situatie.map(|s| opmaak::situatie(Some(regels), s.naam())),
            beschikking: opmaak::ja_nee(a.beschikking_nodig),
            regie: a.regie.map(|r| match r {
                "onderwijs" => "Bij het onderwijs".to_string(),
                "jeugdhulp" => "Bij de jeugdhulp".to_string(),
                "hoofdaanbieder" => "Bij de hoofdaanbieder van het OJA".to_string(),
                r => opmaak::product(r),
            }),
            leeftijd: a.leeftijd,
            peildatum: opmaak::datum(a.peildatum),
            opties,
            verplichtingen: a
                .verplichtingen
                .iter()
                .map(|v| (v.wat.to_string(), opmaak::datum(v.uiterlijk)))
                .collect(),
            reikwijdte: a
                .reikwijdte
                .as_ref()
                .map(reikwijdte_regels)
                .unwrap_or_default(),
            toelichting: a.toelichting.iter().map(|t| t.to_string()).collect(),
            bronnen: a.bronnen.iter().map(|b| b.to_string()).collect(),
            normenkader: format!(
                "{} {} (geldig vanaf {})",
                opmaak::product(a.normenkader.regio),
                a.normenkader.versie,
                opmaak::datum(a.normenkader.geldig_vanaf)
            ),
        }
    }
}

#[derive(Template)]
#[template(path = "advies.html")]
pub(super) struct AdviesPagina {
    pub(super) kop: Kop,
    /// A gemandateerde verwijzer: each amount links to the referral form.
    pub(super) verwijzer: bool,
    pub(super) fouten: Fouten,
    pub(super) invoer: SituatieInvoer,
    pub(super) situaties: Vec<Keuze>,
    pub(super) scholen: Vec<Keuze>,
    /// Where the child lives: its region's rules apply (empty: one region).
    pub(super) gemeenten: Vec<Keuze>,
    pub(super) advies: Option<AdviesWeergave>,
    /// For a gemeente whose region has no normenkader: why there is no
    /// advice, and the route there.
    pub(super) geen_normenkader: Option<String>,
    /// Asked for a jeugdige (`/jeugdigen/{id}/advies`): whose advice it
    /// is, and what its dossier decides; None on the public advisor.
    pub(super) jeugdige: Option<super::advies_jeugdige::VoorJeugdige>,
}

impl AdviesPagina {
    /// The form, except for a jeugdige whose region has no rules.
    fn formulier(&self) -> bool {
        self.jeugdige.as_ref().is_none_or(|j| j.formulier)
    }
}

async fn kop(wie: &Bezoeker, titel: &str, huidig: &'static str) -> Result<Kop, super::WebFout> {
    match &wie.0 {
        Some(i) => Kop::voor(i, titel, huidig).await,
        None => Ok(Kop::openbaar(titel, huidig)),
    }
}

fn is_verwijzer(wie: &Bezoeker) -> bool {
    wie.0
        .as_ref()
        .is_some_and(|i| i.rol() == schakel_domain::Rol::Verwijzer)
}

pub async fn formulier(State(state): State<AppState>, wie: Bezoeker) -> WebResultaat {
    let eigen = eigen_regio(&state, &wie).await?;
    let regels = eigen.and_then(|r| r.regels.as_ref());
    let p = AdviesPagina {
        kop: kop(&wie, "Wat mag worden verwezen?", "/advies").await?,
        verwijzer: is_verwijzer(&wie),
        fouten: Fouten::default(),
        invoer: SituatieInvoer {
            onderwijssituatie: eerste_situatie(regels),
            ..SituatieInvoer::default()
        },
        situaties: situatiekeuzes_van(regels),
        scholen: schoolkeuzes(regels),
        gemeenten: gemeentekeuzes(&state, eigen),
        advies: None,
        geen_normenkader: None,
        jeugdige: None,
    };
    pagina_met(StatusCode::OK, &p)
}

/// The advice by `regels` for the advice input `m`, for the page.
pub(super) fn advies_uit(
    regels: &Regelset,
    m: Map<String, Value>,
) -> Result<AdviesWeergave, schakel_rules::InvoerFout> {
    let v = AdviesVraag::uit_json(&Value::Object(m), vandaag(), regels.situaties())?;
    Ok(AdviesWeergave::van(&regels.advies(&v)?, regels))
}

/// The advice for the posted situation, on the same page as the form. No
/// state changes and no personal data, so no session or CSRF token is
/// needed (the public can use it).
pub async fn bereken(
    State(state): State<AppState>,
    wie: Bezoeker,
    super::formulier::OpenFormulier(invoer): super::formulier::OpenFormulier<SituatieInvoer>,
) -> WebResultaat {
    let mut fouten = Fouten::default();
    let gemeente = Some(invoer.gemeente.trim()).filter(|g| !g.is_empty());
    // The gemeente picks the region whose rules apply (woonplaatsbeginsel);
    // without one, the user's own region.
    let eigen = eigen_regio(&state, &wie).await?;
    let keuze = match state.regios.kies_in(gemeente, eigen, "gemeente") {
        Ok(k) => Some(k),
        Err(f) => {
            fouten.uit(ApiFout::from(f), &ADVIESVELDEN)?;
            None
        }
    };
    // The form's choices: the chosen region's; after a refused gemeente,
    // the own region's.
    let regels = match keuze {
        Some(k) => k.regels(),
        None => eigen.and_then(|r| r.regels.as_ref()),
    };
    let geen_normenkader = keuze.and_then(|k| k.zonder_regels()).map(|g| g.toelichting);
    // No advice without the region's rules: never another region's.
    let mut advies = None;
    if let Some(regels) = keuze.and_then(|k| k.regels()) {
        match advies_uit(regels, invoer.json()) {
            Ok(a) => advies = Some(a),
            Err(f) => fouten.uit(ApiFout::from(f), &ADVIESVELDEN)?,
        }
    }
    let status = fouten.status();
    let titel = if advies.is_some() {
        "Advies volgens het normenkader"
    } else {
        "Wat mag worden verwezen?"
    };
    let p = AdviesPagina {
        kop: kop(&wie, titel, "/advies").await?,
        verwijzer: is_verwijzer(&wie),
        fouten,
        invoer,
        situaties: situatiekeuzes_van(regels),
        scholen: schoolkeuzes(regels),
        gemeenten: gemeentekeuzes(&state, eigen),
        advies,
        geen_normenkader,
        jeugdige: None,
    };
    pagina_met(status, &p)
}

/// A proposed referral, as the check form asks it.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct VerwijzingVoorstel {
    pub product: String,
    pub volume: String,
    pub eenheid: String,
    pub per: String,
    pub ingangsdatum: String,
    pub einddatum: String,
    /// For a pupil of an OJA school or JOA group: the reikwijdte's service.
    pub dienst: String,
}

pub const VOORSTELVELDEN: [(&str, &str, &str); 7] = [
    ("verwijzing.product", "product", "Product"),
    ("verwijzing.volume", "volume", "Omvang"),
    ("verwijzing.eenheid", "eenheid", "Eenheid"),
    ("verwijzing.per", "per", "Per"),
    ("verwijzing.ingangsdatum", "ingangsdatum", "Ingangsdatum"),
    ("verwijzing.einddatum", "einddatum", "Einddatum"),
    ("verwijzing.dienst", "dienst", "Dienst (OJA of JOA)"),
];

impl VerwijzingVoorstel {
    pub fn json(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in [
            ("product", &self.product),
            ("eenheid", &self.eenheid),
            ("per", &self.per),
            ("ingangsdatum", &self.ingangsdatum),
            ("einddatum", &self.einddatum),
            ("dienst", &self.dienst),
        ] {
            if !v.trim().is_empty() {
                m.insert(k.into(), json!(v.trim()));
            }
        }
        let volume = self.volume.trim().replace(',', ".");
        if !volume.is_empty() {
            m.insert(
                "volume".into(),
                volume.parse::<f64>().map_or(json!(volume), |n| json!(n)),
            );
        }
        Value::Object(m)
    }
}

/// The form fields of the check: the API's names with and without the
/// `situatie.` prefix.
pub fn toetsvelden() -> Vec<(&'static str, &'static str, &'static str)> {
    const GEPREFIXT: [(&str, &str, &str); 6] = [
        ("situatie.geboortedatum", "geboortedatum", "Geboortedatum"),
        ("situatie.peildatum", "peildatum", "Peildatum"),
        (
            "situatie.onderwijssituatie",
            "onderwijssituatie",
            "Onderwijssituatie",
        ),
        ("situatie.school", "school", "School"),
        ("situatie.tlv", "tlv", "TLV"),
        (
            "situatie.schooldagdelen",
            "schooldagdelen",
            "Dagdelen op school",
        ),
    ];
    SITUATIEVELDEN
        .iter()
        .chain(GEPREFIXT.iter())
        .chain(VOORSTELVELDEN.iter())
        .chain([ADVIESVELDEN[6]].iter())
        .copied()
        .collect()
}

#[derive(Debug, Default, Clone, Deserialize)]
pub struct ToetsInvoer {
    #[serde(flatten)]
    pub situatie: SituatieInvoer,
    #[serde(flatten)]
    pub voorstel: VerwijzingVoorstel,
}

pub struct ToetsWeergave {
    pub binnen_normen: bool,
    pub bevindingen: Vec<(String, String)>,
    pub optie: Option<String>,
    pub bronnen: Vec<String>,
    pub normenkader: String,
}

#[derive(Template)]
#[template(path = "toets.html")]
struct ToetsPagina {
    kop: Kop,
    fouten: Fouten,
    situatie: SituatieInvoer,
    voorstel: VerwijzingVoorstel,
    situaties: Vec<Keuze>,
    scholen: Vec<Keuze>,
    producten: Vec<Keuze>,
    eenheden: Vec<Keuze>,
    perioden: Vec<Keuze>,
    diensten: Vec<Keuze>,
    /// The woongemeenten to choose from (none with one gemeente).
    gemeenten: Vec<Keuze>,
    /// For a gemeente whose region has no normenkader: its route.
    geen_normenkader: Option<String>,
    toetsing: Option<ToetsWeergave>,
    /// Asked for a jeugdige (`/jeugdigen/{id}/toets`); None on the public
    /// check.
    jeugdige: Option<super::advies_jeugdige::VoorJeugdige>,
}

impl ToetsPagina {
    /// The form, except for a jeugdige whose region has no rules.
    fn formulier(&self) -> bool {
        self.jeugdige.as_ref().is_none_or(|j| j.formulier)
    }
}

/// The services of the reikwijdte, for a pupil of an OJA school or JOA
/// group; empty for any other pupil.
pub fn dienstkeuzes(regels: Option<&Regelset>) -> Vec<Keuze> {
    let mut k = vec![Keuze::new("", "Geen (geen OJA of JOA)")];
    if let Some(kader) = regels.and_then(|r| r.kader_op(vandaag())) {
        k.extend(
            kader
                .reikwijdte
                .iter()
                .map(|r| Keuze::new(&r.dienst, &r.omschrijving)),
        );
    }
    k
}

pub fn eenheden() -> Vec<Keuze> {
    vec![Keuze::new("uur", "Uren"), Keuze::new("dagdeel", "Dagdelen")]
}

pub fn perioden() -> Vec<Keuze> {
    vec![
        Keuze::new("week", "Per week"),
        Keuze::new("totaal", "In totaal"),
    ]
}

pub async fn toetsformulier(State(state): State<AppState>, wie: Bezoeker) -> WebResultaat {
    let eigen = eigen_regio(&state, &wie).await?;
    let getoetst = Getoetst {
        regels: eigen.and_then(|r| r.regels.as_ref()),
        ..Getoetst::default()
    };
    let kop = kop(&wie, TOETSTITEL, "/toets").await?;
    let gemeenten = gemeentekeuzes(&state, eigen);
    toetspagina(
        kop,
        gemeenten,
        Fouten::default(),
        ToetsInvoer::default(),
        getoetst,
    )
}

const TOETSTITEL: &str = "Verwijzing toetsen";

/// What a check found: the outcome, or why the woongemeente's region has
/// no rules to check against; and whose rules the form offers (none for
/// a region without a normenkader).
#[derive(Default)]
pub(super) struct Getoetst<'r> {
    pub(super) toetsing: Option<ToetsWeergave>,
    pub(super) geen_normenkader: Option<String>,
    pub(super) regels: Option<&'r schakel_rules::Regelset>,
    /// Asked for a jeugdige: its header.
    pub(super) jeugdige: Option<super::advies_jeugdige::VoorJeugdige>,
}

/// The check's page; `gemeenten`: the woongemeenten to choose from (none
/// for a jeugdige, whose address decides).
pub(super) fn toetspagina(
    kop: Kop,
    gemeenten: Vec<Keuze>,
    fouten: Fouten,
    invoer: ToetsInvoer,
    getoetst: Getoetst<'_>,
) -> WebResultaat {
    let status = fouten.status();
    let mut situatie = invoer.situatie;
    if situatie.onderwijssituatie.is_empty() {
        situatie.onderwijssituatie = "volledig_onderwijs".into();
    }
    let mut voorstel = invoer.voorstel;
    if voorstel.eenheid.is_empty() {
        voorstel.eenheid = "uur".into();
        voorstel.per = "week".into();
    }
    let p = ToetsPagina {
        kop,
        fouten,
        situatie,
        voorstel,
        situaties: situatiekeuzes_van(getoetst.regels),
        scholen: schoolkeuzes(getoetst.regels),
        producten: productkeuzes(getoetst.regels),
        eenheden: eenheden(),
        perioden: perioden(),
        diensten: dienstkeuzes(getoetst.regels),
        gemeenten,
        geen_normenkader: getoetst.geen_normenkader,
        toetsing: getoetst.toetsing,
        jeugdige: getoetst.jeugdige,
    };
    pagina_met(status, &p)
}

pub fn toetsweergave(t: &schakel_rules::toets::Toetsing<'_>) -> ToetsWeergave {
    ToetsWeergave {
        binnen_normen: t.binnen_normen,
        bevindingen: t
            .bevindingen
            .iter()
            .map(|b| (b.regel.to_string(), b.melding.clone()))
            .collect(),
        optie: t.optie.map(String::from),
        bronnen: t.bronnen.iter().map(|b| b.to_string()).collect(),
        normenkader: format!("{} {}", t.normenkader.regio, t.normenkader.versie),
    }
}

/// Checks the proposed referral, as `POST /api/v1/normenkader/toetsingen`.
pub async fn toets(
    State(state): State<AppState>,
    wie: Bezoeker,
    super::formulier::OpenFormulier(invoer): super::formulier::OpenFormulier<ToetsInvoer>,
) -> WebResultaat {
    let mut fouten = Fouten::default();
    let gemeente = Some(invoer.situatie.gemeente.trim()).filter(|g| !g.is_empty());
    // The woongemeente picks the region whose rules apply; none of
    // another region's. Without one: the user's own region.
    let eigen = eigen_regio(&state, &wie).await?;
    let keuze = match state.regios.kies_in(gemeente, eigen, "gemeente") {
        Ok(k) => Some(k),
        Err(f) => {
            fouten.uit(ApiFout::from(f), &toetsvelden())?;
            None
        }
    };
    let regels = keuze.and_then(|k| k.regels());
    let mut getoetst = Getoetst {
        geen_normenkader: keuze.and_then(|k| k.zonder_regels()).map(|g| g.toelichting),
        regels: match keuze {
            Some(k) => k.regels(),
            None => eigen.and_then(|r| r.regels.as_ref()),
        },
        toetsing: None,
        jeugdige: None,
    };
    if let Some(regels) = regels {
        let vraag =
            json!({"situatie": invoer.situatie.json(), "verwijzing": invoer.voorstel.json()});
        match toets_uit(regels, &vraag) {
            Ok(t) => getoetst.toetsing = Some(t),
            Err(f) => fouten.uit(ApiFout::from(f), &toetsvelden())?,
        }
    }
    let kop = kop(&wie, TOETSTITEL, "/toets").await?;
    toetspagina(kop, gemeentekeuzes(&state, eigen), fouten, invoer, getoetst)
}

/// The check by `regels` of the check input `vraag`, for the page.
pub(super) fn toets_uit(
    regels: &Regelset,
    vraag: &Value,
) -> Result<ToetsWeergave, schakel_rules::InvoerFout> {
    let v = ToetsVraag::uit_json(vraag, vandaag(), regels.situaties())?;
    Ok(toetsweergave(&regels.toets(&v)?))
}
