//! The advisor and the check for one jeugdige (issue 17.3), opened from
//! its dossier page: `/jeugdigen/{id}/advies` and `/jeugdigen/{id}/toets`.
//! As `POST /api/v1/normenkader/adviezen` with `"jeugdige"`: the read is
//! need to know and logged as `normenkader.advies` (allowed or refused,
//! on every page view), the jeugdige's address picks the region whose
//! rules apply, and its dossier gives the birth date and the recorded
//! onderwijssituatie ([`crate::api::normenkader::vul_uit_dossier`]). What
//! the dossier does not record stays a field of the form. The URL holds
//! the jeugdige's id only.

use schakel_rules::{InvoerFout, Keuze as Regelkeuze, Regelset};
use schakel_storage::{Id, Jeugdige};
use serde_json::{Map, Value, json};

use super::advies::{
    ADVIESVELDEN, AdviesPagina, Getoetst, SituatieInvoer, ToetsInvoer, advies_uit, eerste_situatie,
    schoolkeuzes, situatiekeuzes_van, toets_uit, toetspagina, toetsvelden,
};
use super::formulier::{Fouten, Path};
use super::sessie::{Formulier, Ingelogd};
use super::{Kop, WebResultaat, opmaak, pagina_met};
use crate::api::normenkader::{jeugdige_en_regels, peildag, vul_uit_dossier};
use crate::api::onderwijssituatie::Dossiersituatie;
use crate::fout::{ApiFout, ApiResultaat};

/// Whose advice or check it is, as the page's header shows it.
pub struct VoorJeugdige {
    pub id: Id,
    pub naam: String,
    /// The gemeente of the address, by name.
    pub woongemeente: String,
    pub school: String,
    pub geboortedatum: String,
    /// The onderwijssituatie the dossier records on the peildatum, in
    /// words; None: the form asks it.
    pub situatie: Option<String>,
    /// The situation comes from the dossier: the form asks only the
    /// peildatum.
    pub situatie_vast: bool,
    /// Whether there is a form: not when its region has no normenkader
    /// (nothing to ask), nor when its gemeente is served by no region.
    pub formulier: bool,
    pub csrf: String,
}

/// A refused situation names `situatie` in the API: the form's situation
/// field.
const SITUATIEFOUT: (&str, &str, &str) = ("situatie", "onderwijssituatie", "Onderwijssituatie");

/// The jeugdige, read and logged, with its rules (or why there are none).
struct Gelezen<'s> {
    j: Jeugdige,
    keuze: ApiResultaat<Regelkeuze<'s>>,
    /// The dossier's situation on the question's peildatum.
    dossier: Option<Dossiersituatie>,
}

/// The jeugdige read for the form's situation `invoer`: what the form
/// sends beyond the dossier (for [`Gelezen::uitkomst`]), the jeugdige, and
/// the form's errors so far (a gemeente no region here serves). An empty
/// situation field becomes the region's first choice.
async fn lees<'s>(
    wie: &'s Ingelogd,
    id: Id,
    invoer: &mut SituatieInvoer,
) -> ApiResultaat<(Map<String, Value>, Gelezen<'s>, Fouten)> {
    let m = zonder_dossiervelden(invoer);
    let (j, keuze) = jeugdige_en_regels(&wie.state, &wie.actor, id).await?;
    let dossier = Dossiersituatie::op(&wie.state, &j, peildag(&m)).await?;
    let g = Gelezen { j, keuze, dossier };
    let mut fouten = Fouten::default();
    g.regiofout(&mut fouten);
    if invoer.onderwijssituatie.is_empty() {
        invoer.onderwijssituatie = eerste_situatie(g.regels());
    }
    Ok((m, g, fouten))
}

impl Gelezen<'_> {
    fn regels(&self) -> Option<&Regelset> {
        self.keuze.as_ref().ok().and_then(|k| k.regels())
    }

    /// Why there is no advice (the gemeente by its name).
    fn geen_normenkader(&self) -> Option<String> {
        Some(self.keuze.as_ref().ok()?.zonder_regels()?.toelichting)
    }

    /// A gemeente this installation does not serve (or an address the
    /// directory does not know): the reason, on top of the form.
    fn regiofout(&self, fouten: &mut Fouten) {
        if let Err(ApiFout::Ongeldig(v)) = &self.keuze {
            for f in v.iter() {
                fouten.algemeen(super::formulier::hoofdletter(&f.reason));
            }
        }
    }

    /// The answer by the jeugdige's rules (`bereken`) for the form's
    /// input `m` filled from the dossier as the API fills it; None without
    /// rules, or with the field errors put in `fouten` (`velden`: the
    /// form's fields).
    async fn uitkomst<T>(
        &self,
        wie: &Ingelogd,
        mut m: Map<String, Value>,
        bereken: impl FnOnce(&Regelset, Map<String, Value>) -> Result<T, InvoerFout>,
        mut velden: Vec<(&'static str, &'static str, &'static str)>,
        fouten: &mut Fouten,
    ) -> ApiResultaat<Option<T>> {
        let Some(regels) = self.regels() else {
            return Ok(None);
        };
        let uitkomst = match vul_uit_dossier(&wie.state, &self.j, &mut m).await {
            Ok(()) => bereken(regels, m).map_err(ApiFout::from),
            Err(f) => Err(f),
        };
        match uitkomst {
            Ok(t) => Ok(Some(t)),
            Err(f) => {
                velden.push(SITUATIEFOUT);
                fouten.uit(f, &velden)?;
                Ok(None)
            }
        }
    }

    async fn kop(&self, wie: &Ingelogd, fouten: &Fouten) -> ApiResultaat<VoorJeugdige> {
        let state = &wie.state;
        let code = crate::regels::woongemeente(state, &self.j).await?;
        let woongemeente = match code {
            Some(c) => match state.regios.alle().iter().find_map(|r| r.gemeente(&c)) {
                Some(g) => g.naam.clone(),
                None => format!("Een gemeente buiten de regio's van Schakel ({c})"),
            },
            None => "Onbekend: het adres staat niet in het adressenbestand van de organisatiegids"
                .into(),
        };
        let school = match self.j.gegevens.school {
            Some(s) => state.opslag.organisatie(s).await?.map(|o| o.naam),
            None => None,
        };
        Ok(VoorJeugdige {
            id: self.j.id,
            naam: self.j.naam(),
            woongemeente,
            school: school.unwrap_or_else(|| "Geen school geregistreerd".into()),
            geboortedatum: opmaak::datum(self.j.geboortedatum),
            situatie: self
                .dossier
                .as_ref()
                .map(|d| super::onderwijssituatie::beschrijving(self.regels(), d)),
            situatie_vast: self.dossier.is_some() && fouten.voor("onderwijssituatie").is_none(),
            formulier: self.regels().is_some(),
            csrf: wie.csrf.clone(),
        })
    }
}

/// The form's fields the dossier does not decide: the situation's only
/// when the form asked them (the dossier records none), as the referral
/// form sends them; never the birth date.
fn zonder_dossiervelden(invoer: &SituatieInvoer) -> Map<String, Value> {
    let mut m = invoer.json();
    m.remove("geboortedatum");
    if invoer.onderwijssituatie.trim().is_empty() {
        m.retain(|k, _| k == "peildatum");
    }
    m
}

pub async fn advies(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    advies_voor(&wie, id, SituatieInvoer::default(), false).await
}

pub async fn bereken(Path(id): Path<Id>, f: Formulier<SituatieInvoer>) -> WebResultaat {
    advies_voor(&f.wie, id, f.invoer, true).await
}

/// The page for a jeugdige: the advice at once when the dossier says all
/// (a recorded situation) or when its region has no normenkader; else
/// after the form is sent (`gevraagd`).
async fn advies_voor(
    wie: &Ingelogd,
    id: Id,
    mut invoer: SituatieInvoer,
    gevraagd: bool,
) -> WebResultaat {
    let (m, g, mut fouten) = lees(wie, id, &mut invoer).await?;
    let advies = if gevraagd || g.dossier.is_some() {
        let velden = ADVIESVELDEN.to_vec();
        g.uitkomst(wie, m, advies_uit, velden, &mut fouten).await?
    } else {
        None
    };
    let jeugdige = g.kop(wie, &fouten).await?;
    let status = fouten.status();
    let p = AdviesPagina {
        kop: Kop::voor(wie, "Advies voor deze jeugdige", "/advies").await?,
        verwijzer: wie.rol() == schakel_domain::Rol::Verwijzer,
        invoer,
        situaties: situatiekeuzes_van(g.regels()),
        scholen: schoolkeuzes(g.regels()),
        gemeenten: Vec::new(),
        advies,
        geen_normenkader: g.geen_normenkader(),
        jeugdige: Some(jeugdige),
        fouten,
    };
    pagina_met(status, &p)
}

pub async fn toets(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    toets_voor(&wie, id, ToetsInvoer::default(), false).await
}

pub async fn toets_bereken(Path(id): Path<Id>, f: Formulier<ToetsInvoer>) -> WebResultaat {
    toets_voor(&f.wie, id, f.invoer, true).await
}

/// The check for a jeugdige: after the form is sent, by its region's
/// rules; for a region without a normenkader its route at once.
async fn toets_voor(
    wie: &Ingelogd,
    id: Id,
    mut invoer: ToetsInvoer,
    gevraagd: bool,
) -> WebResultaat {
    let (m, g, mut fouten) = lees(wie, id, &mut invoer.situatie).await?;
    let toetsing = if gevraagd {
        let verwijzing = invoer.voorstel.json();
        let toets =
            |r: &Regelset, m| toets_uit(r, &json!({"situatie": m, "verwijzing": verwijzing}));
        g.uitkomst(wie, m, toets, toetsvelden(), &mut fouten)
            .await?
    } else {
        None
    };
    let getoetst = Getoetst {
        toetsing,
        geen_normenkader: g.geen_normenkader(),
        regels: g.regels(),
        jeugdige: Some(g.kop(wie, &fouten).await?),
    };
    let kop = Kop::voor(wie, "Verwijzing toetsen voor deze jeugdige", "/toets").await?;
    toetspagina(kop, Vec::new(), fouten, invoer, getoetst)
}
