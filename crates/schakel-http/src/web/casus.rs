//! The joint case: my cases, the integral plan with its goals (and the
//! education part for the school), evaluations with a progress chart per
//! goal, escalation steps, the course, deadlines, and a printable plan for
//! the parents. Reads and writes go through the API's `lees_casus`,
//! `zet_plan_voor` and `leg_gebeurtenis_vast_voor` — which call
//! `Dossier::leg_vast` and so the rules of `schakel_domain::verloop` — so
//! every access is checked and logged as through the API.

use schakel_domain::grens::Datumsoort;
use std::collections::{BTreeSet, HashMap};

use super::formulier::{Path, Query};
use askama::Template;
use chrono::NaiveDate;
use schakel_domain::plan::{DoelInvoer, Domein, Plan, PlanInvoer, Stem};
use schakel_domain::verloop::{
    Betrokkene, DoelScore, Evaluatie, Fase, Gebeurtenis, Inkoop, Onderwijsuitkomst, Regie, Score,
    Stap, Toestemming, Vastlegging, Veiligheidssoort, mag_vastleggen,
};
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_storage::{Id, Organisatie, Pagina};
use serde::Deserialize;

use super::formulier::{Fouten, Keuze, hoofdletter};
use super::grafiek::{self, Reeks};
use super::jeugdigen::{namen, organisaties};
use super::sessie::{Formulier, Ingelogd, Velden};
use super::{Kop, WebResultaat, naar, opmaak, pagina, pagina_met};
use crate::api::acties::{acties_voor, rond_actie_af_voor};
use crate::api::casussen::{
    CasusDossier, basiscontext, lees_casus, leg_gebeurtenis_vast_voor, zet_plan_voor,
};
use crate::api::vandaag;
use crate::fout::{ApiFout, VeldFout};

pub struct DoelWeergave {
    pub nummer: u32,
    pub domein: &'static str,
    pub omschrijving: String,
    pub indicator: String,
    pub nulmeting: String,
    pub streefwaarde: String,
    pub deadline: String,
    pub verantwoordelijke: String,
}

pub struct PlanWeergave {
    pub toekomstperspectief: String,
    pub stem: String,
    pub doelen: Vec<DoelWeergave>,
}

pub struct EvaluatieWeergave {
    pub datum: String,
    pub scores: Vec<(u32, &'static str)>,
    pub stem: String,
    pub tevredenheid_jeugdige: String,
    pub tevredenheid_ouders: String,
}

pub struct StapWeergave {
    pub nummer: i64,
    pub datum: String,
    pub wat: String,
    pub door: String,
}

fn domein(d: Domein) -> &'static str {
    match d {
        Domein::Jeugdhulp => "Jeugdhulp",
        Domein::Onderwijsondersteuning => "Onderwijsondersteuning",
    }
}

fn score(s: Score) -> &'static str {
    match s {
        Score::Onvoldoende => "Onvoldoende",
        Score::Voldoende => "Voldoende",
        Score::Behaald => "Behaald",
    }
}

fn score_waarde(s: Score) -> f64 {
    match s {
        Score::Onvoldoende => 1.0,
        Score::Voldoende => 2.0,
        Score::Behaald => 3.0,
    }
}

fn stem(s: &Option<Stem>) -> String {
    match s {
        Some(Stem::Gehoord { inbreng }) => format!("Gehoord: “{inbreng}”"),
        Some(Stem::NietGehoord { reden }) => format!("Niet gehoord: {reden}"),
        None => "Nog niet vastgelegd".into(),
    }
}

fn fase(f: Fase) -> &'static str {
    match f {
        Fase::Uitvoering => "Uitvoering van het plan",
        Fase::Gesprek => "Gesprek met ouders, jeugdige en casusregisseur (stap 1)",
        Fase::ExpertpoolAdvies => "Advies van de expertpool (stap 2)",
        Fase::Escalatie => "Escalatie (stap 3)",
    }
}

/// A select's fixed choices: the form's value, the domain's value, the
/// Dutch label (also for the course of the case).
type Keuzelijst<T> = [(&'static str, T, &'static str)];

const STAPPEN: [(&str, Stap, &str); 4] = [
    ("gesprek", Stap::Gesprek, "Gesprek met ouders en jeugdige"),
    (
        "expertpool_advies",
        Stap::ExpertpoolAdvies,
        "Advies van de expertpool",
    ),
    ("escalatie", Stap::Escalatie, "Escalatie"),
    (
        "afgeschaald",
        Stap::Afgeschaald,
        "Afgeschaald naar uitvoering",
    ),
];

const VEILIGHEIDSSOORTEN: [(&str, Veiligheidssoort, &str); 3] = [
    (
        "onveiligheid",
        Veiligheidssoort::Onveiligheid,
        "Onveiligheid",
    ),
    ("crisis", Veiligheidssoort::Crisis, "Crisis"),
    ("calamiteit", Veiligheidssoort::Calamiteit, "Calamiteit"),
];

const UITKOMSTEN: [(&str, Onderwijsuitkomst, &str); 3] = [
    (
        "thuiszitter",
        Onderwijsuitkomst::Thuiszitter,
        "(Dreigende) thuiszitter",
    ),
    (
        "terugkeer_regulier",
        Onderwijsuitkomst::TerugkeerRegulier,
        "Terugkeer naar het reguliere onderwijs",
    ),
    (
        "verwijzing_vso",
        Onderwijsuitkomst::VerwijzingVso,
        "Verwijzing naar het voortgezet speciaal onderwijs (VSO)",
    ),
];

/// The Dutch label of a domain value.
fn label<T: PartialEq>(lijst: &Keuzelijst<T>, waarde: T) -> &'static str {
    lijst
        .iter()
        .find(|(_, w, _)| *w == waarde)
        .map_or("", |(_, _, l)| l)
}

/// The options of a select: a prompt, then the fixed choices.
fn opties<T>(vraag: &str, lijst: &Keuzelijst<T>) -> Vec<Keuze> {
    std::iter::once(Keuze::new("", vraag))
        .chain(lijst.iter().map(|(w, _, l)| Keuze::new(*w, *l)))
        .collect()
}

fn stap(s: Stap) -> &'static str {
    label(&STAPPEN, s)
}

/// What the course of a case names by id: organisations, the household's
/// jeugdigen and the case's inkopen.
struct Namen<'a> {
    organisaties: &'a HashMap<Id, String>,
    jeugdigen: &'a [(Id, String)],
    inkopen: &'a [Inkoop],
}

impl Namen<'_> {
    fn organisatie(&self, id: Id) -> String {
        self.organisaties
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("organisatie {id}"))
    }

    fn jeugdige(&self, id: Id) -> String {
        self.jeugdigen
            .iter()
            .find(|(j, _)| *j == id)
            .map_or_else(|| format!("jeugdige {id}"), |(_, n)| n.clone())
    }

    fn inkoop(&self, nummer: u32) -> String {
        match self.inkopen.iter().find(|i| i.nummer == nummer) {
            Some(i) => format!(
                "inkoop {nummer} ({} bij {})",
                i.omschrijving,
                self.organisatie(i.aanbieder)
            ),
            None => format!("inkoop {nummer}"),
        }
    }
}

/// A readable Dutch line for an event in the course of the case.
fn omschrijving(g: &Gebeurtenis, n: &Namen) -> String {
    match g {
        Gebeurtenis::Plan { plan } => {
            format!("Integraal plan vastgelegd ({} doelen)", plan.doelen.len())
        }
        Gebeurtenis::Akkoord {
            vertegenwoordiger,
            datum,
        } => {
            format!(
                "Akkoord van {vertegenwoordiger} op {}",
                opmaak::datum(*datum)
            )
        }
        Gebeurtenis::Regisseur { regie, organisatie } => format!(
            "Regie: {} ({})",
            n.organisatie(*organisatie),
            match regie {
                Regie::Hoofdaanbieder => "hoofdaanbieder",
                Regie::Perspectiefregie => "perspectiefregie JGZ",
            }
        ),
        Gebeurtenis::Partij { organisatie } => {
            format!("{} doet mee als partij", n.organisatie(*organisatie))
        }
        Gebeurtenis::Evaluatie(e) => format!(
            "Evaluatie van {}: {}",
            opmaak::datum(e.datum),
            if e.voldoende() {
                "voldoende voortgang"
            } else {
                "onvoldoende voortgang"
            }
        ),
        Gebeurtenis::Escalatie {
            stap: s,
            toelichting,
        } => format!("{}: {toelichting}", stap(*s)),
        Gebeurtenis::Afgesloten { reden } => format!("Casus afgesloten: {reden}"),
        Gebeurtenis::Veiligheid { .. }
        | Gebeurtenis::VeiligheidAfgerond { .. }
        | Gebeurtenis::Inkoop { .. }
        | Gebeurtenis::InkoopToestemmingSchool { .. }
        | Gebeurtenis::Tlv { .. }
        | Gebeurtenis::Onderwijsuitkomst { .. } => omschrijving_route(g, n),
    }
}

/// The lines for unsafety, bought-in care and education.
fn omschrijving_route(g: &Gebeurtenis, n: &Namen) -> String {
    match g {
        Gebeurtenis::Veiligheid {
            melding,
            toelichting,
        } => format!(
            "Melding van {}: {toelichting}",
            label(&VEILIGHEIDSSOORTEN, *melding).to_lowercase()
        ),
        Gebeurtenis::VeiligheidAfgerond { toelichting } => {
            format!("Melding van onveiligheid afgerond: {toelichting}")
        }
        Gebeurtenis::Inkoop {
            aanbieder,
            omschrijving,
            toestemming_ouders: t,
        } => format!(
            "Inkoop bij {}: {omschrijving} (toestemming van {} op {})",
            n.organisatie(*aanbieder),
            t.naam,
            opmaak::datum(t.datum)
        ),
        Gebeurtenis::InkoopToestemmingSchool { inkoop, datum } => format!(
            "Toestemming van de school voor {} op {}",
            n.inkoop(*inkoop),
            opmaak::datum(*datum)
        ),
        Gebeurtenis::Tlv {
            jeugdige,
            geldig_van,
            geldig_tot,
        } => format!(
            "Toelaatbaarheidsverklaring voor {} van {} tot en met {}",
            n.jeugdige(*jeugdige),
            opmaak::datum(*geldig_van),
            opmaak::datum(*geldig_tot)
        ),
        Gebeurtenis::Onderwijsuitkomst { jeugdige, uitkomst } => format!(
            "Onderwijsuitkomst voor {}: {}",
            n.jeugdige(*jeugdige),
            label(&UITKOMSTEN, *uitkomst)
        ),
        // The other events are `omschrijving`'s.
        _ => String::new(),
    }
}

pub fn plan_weergave(plan: &Plan, namen: &HashMap<Id, String>) -> PlanWeergave {
    PlanWeergave {
        toekomstperspectief: plan.toekomstperspectief.clone(),
        stem: stem(&plan.stem_jeugdige),
        doelen: plan
            .doelen
            .iter()
            .map(|d| DoelWeergave {
                nummer: d.nummer,
                domein: domein(d.domein),
                omschrijving: d.omschrijving.clone(),
                indicator: d.indicator.clone(),
                nulmeting: d.nulmeting.clone(),
                streefwaarde: d.streefwaarde.clone(),
                deadline: opmaak::datum(d.deadline),
                verantwoordelijke: namen.get(&d.verantwoordelijke).cloned().unwrap_or_default(),
            })
            .collect(),
    }
}

/// The evaluations in the order of their dates (one recorded late still
/// stands where it happened; the same day in the order recorded).
fn evaluaties(cd: &CasusDossier) -> Vec<&Evaluatie> {
    let mut e: Vec<&Evaluatie> = cd
        .gebeurtenissen
        .iter()
        .filter_map(|g| match &g.gebeurtenis {
            Gebeurtenis::Evaluatie(e) => Some(e),
            _ => None,
        })
        .collect();
    e.sort_by_key(|e| e.datum);
    e
}

/// A goal as a legend names it: its number and the start of its
/// description ("Doel 1: Gaat elke dag naar school").
fn doelnaam(d: &schakel_domain::plan::Doel) -> String {
    const LENGTE: usize = 40;
    let omschrijving = d.omschrijving.trim();
    let kort: String = omschrijving.chars().take(LENGTE).collect();
    if kort.len() < omschrijving.len() {
        format!("Doel {}: {}…", d.nummer, kort.trim_end())
    } else {
        format!("Doel {}: {kort}", d.nummer)
    }
}

/// The progress chart — per goal its score at each evaluation — and its
/// legend, each goal by its name.
fn voortgang(cd: &CasusDossier) -> Option<(String, Vec<String>)> {
    let plan = cd.toestand.plan.as_ref()?;
    let evaluaties = evaluaties(cd);
    if evaluaties.is_empty() {
        return None;
    }
    let datums: Vec<String> = evaluaties.iter().map(|e| opmaak::datum(e.datum)).collect();
    let reeksen: Vec<Reeks<f64>> = plan
        .doelen
        .iter()
        .map(|d| Reeks {
            naam: doelnaam(d),
            waarden: evaluaties
                .iter()
                .map(|e| {
                    e.scores
                        .iter()
                        .find(|s| s.doel == d.nummer)
                        .map(|s| score_waarde(s.score))
                })
                .collect(),
        })
        .collect();
    let svg = grafiek::lijnen(
        "voortgang",
        "Voortgang per doel",
        "De score van elk doel bij elke evaluatie: onvoldoende, voldoende of behaald. De tabel eronder geeft dezelfde gegevens.",
        &datums,
        &reeksen,
        Some(3.0),
        &[(1.0, "onvoldoende"), (2.0, "voldoende"), (3.0, "behaald")],
    );
    Some((svg, reeksen.into_iter().map(|r| r.naam).collect()))
}

#[derive(Template)]
#[template(path = "casus.html")]
struct CasusPagina {
    kop: Kop,
    fouten: Fouten,
    melding: Option<&'static str>,
    id: Id,
    versie: i64,
    open: bool,
    jeugdigen: Vec<(Id, String)>,
    /// The jeugdigen whose page this user may open.
    te_openen: Vec<Id>,
    wijkteam: String,
    partijen: Vec<String>,
    fase: &'static str,
    akkoord: Option<String>,
    regisseur: Option<String>,
    veiligheid: Option<String>,
    plan: Option<PlanWeergave>,
    /// The progress chart and its legend.
    grafiek: Option<(String, Vec<String>)>,
    evaluaties: Vec<EvaluatieWeergave>,
    verloop: Vec<StapWeergave>,
    vertegenwoordigers: Vec<Keuze>,
    regisseurs: Vec<Keuze>,
    stappen: Vec<Keuze>,
    scores: Vec<Keuze>,
    route: Routekeuzes,
    invoer: HashMap<String, String>,
    mag: Mag,
    /// A closed case read under a break-the-glass grant: until when.
    noodtoegang: Option<String>,
}

impl CasusPagina {
    pub fn mag_openen(&self, id: &Id) -> bool {
        self.te_openen.contains(id)
    }
}

/// Which forms the page shows this user: the conditions of
/// `schakel_domain::verloop`'s `mag_vastleggen` and of the case's state, so
/// no form is shown that would always be refused. The server checks every
/// event again.
pub struct Mag {
    /// The casusregisseur of the case's wijkteam: akkoord, regie,
    /// evaluatie, escalatie, afsluiten.
    pub regisseur: bool,
    /// The casusregisseur, while a melding of unsafety is open.
    pub afronden: bool,
    /// Any party: a melding of unsafety, crisis or calamity.
    pub melden: bool,
    /// The casusregisseur, or a school party for its own pupils: TLV and
    /// onderwijsuitkomst.
    pub onderwijs: bool,
    /// The hoofdaanbieder that has regie: inkoop.
    pub inkopen: bool,
    /// A household's school, while an inkoop lacks its consent.
    pub toestemmen: bool,
    /// The casusregisseur (the whole plan), or a school party once there
    /// is a plan (its onderwijsondersteuning goals).
    pub plan: bool,
}

impl Mag {
    /// The domain's own rule per kind of event ([`mag_vastleggen`]), and
    /// on top what the case's state asks of a form: an open melding to
    /// close, an inkoop without consent, an own pupil for a school.
    fn voor(wie: &Ingelogd, cd: &CasusDossier, orgs: &[Organisatie]) -> Self {
        let org = wie.actor.rol.organisatie;
        let betrokkene = Betrokkene {
            rol: wie.rol(),
            organisatie: org,
            // The own organisation is in the directory; were it not, it
            // would count as no school (the server decides anyway).
            soort: orgs
                .iter()
                .find(|o| o.id == org)
                .map_or(OrganisatieSoort::Gemeente, |o| o.soort),
        };
        let ctx = basiscontext(cd);
        let t = &cd.toestand;
        let mag = |v| mag_vastleggen(v, &betrokkene, &ctx, t).is_ok();
        let regisseur = mag(Vastlegging::Regie);
        let eigen_school = cd.jeugdigen.iter().any(|j| j.gegevens.school == Some(org));
        Self {
            regisseur,
            afronden: regisseur && t.veiligheid.is_some(),
            melden: mag(Vastlegging::Melding),
            onderwijs: mag(Vastlegging::Onderwijs) && (regisseur || eigen_school),
            inkopen: mag(Vastlegging::Inkoop),
            toestemmen: mag(Vastlegging::InkoopToestemmingSchool)
                && t.inkopen.iter().any(open_inkoop),
            plan: cd.casus.open
                && mag(Vastlegging::Plan)
                && (wie.rol() == Rol::Casusregisseur || t.plan.is_some()),
        }
    }
}

fn open_inkoop(i: &Inkoop) -> bool {
    i.toestemming_school.is_none()
}

/// The choices of the forms for unsafety, bought-in care and education.
pub struct Routekeuzes {
    pub veiligheidssoorten: Vec<Keuze>,
    /// The directory's providers, but the own organisation.
    pub aanbieders: Vec<Keuze>,
    /// The inkopen still without the school's consent.
    pub inkopen: Vec<Keuze>,
    /// The jeugdigen this user records education for: a school its own
    /// pupils only.
    pub leerlingen: Vec<Keuze>,
    pub uitkomsten: Vec<Keuze>,
    /// Who the casusregisseur may bring in as a party: a JGZ, or the school
    /// of a jeugdige of the household (`route::mag_partij_worden`), not yet
    /// in the case.
    pub nieuwe_partijen: Vec<Keuze>,
}

impl Routekeuzes {
    fn voor(wie: &Ingelogd, cd: &CasusDossier, orgs: &[Organisatie], n: &Namen) -> Self {
        let org = wie.actor.rol.organisatie;
        let school = wie.rol() == Rol::Zorgcoordinator;
        let mut aanbieders = vec![Keuze::new("", "Kies een aanbieder")];
        aanbieders.extend(
            orgs.iter()
                .filter(|o| o.soort == OrganisatieSoort::Aanbieder && o.id != org)
                .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
        );
        let mut inkopen = vec![Keuze::new("", "Kies een inkoop")];
        inkopen.extend(
            cd.toestand
                .inkopen
                .iter()
                .filter(|i| open_inkoop(i))
                .map(|i| Keuze::new(i.nummer.to_string(), hoofdletter(&n.inkoop(i.nummer)))),
        );
        let mut leerlingen = vec![Keuze::new("", "Kies een jeugdige")];
        leerlingen.extend(
            cd.jeugdigen
                .iter()
                .filter(|j| !school || j.gegevens.school == Some(org))
                .map(|j| Keuze::new(j.id.to_string(), n.jeugdige(j.id))),
        );
        let scholen: Vec<Id> = cd
            .jeugdigen
            .iter()
            .filter_map(|j| j.gegevens.school)
            .collect();
        let mut nieuwe_partijen = vec![Keuze::new("", "Kies een organisatie")];
        nieuwe_partijen.extend(
            orgs.iter()
                .filter(|o| {
                    o.id != cd.casus.wijkteam
                        && !cd.casus.partijen.contains(&o.id)
                        && schakel_domain::route::mag_partij_worden(
                            o.soort,
                            scholen.contains(&o.id),
                        )
                        .is_ok()
                })
                .map(|o| Keuze::new(o.id.to_string(), &o.naam)),
        );
        Self {
            nieuwe_partijen,
            veiligheidssoorten: opties("Kies de soort melding", &VEILIGHEIDSSOORTEN),
            aanbieders,
            inkopen,
            leerlingen,
            uitkomsten: opties("Kies een uitkomst", &UITKOMSTEN),
        }
    }
}

impl CasusPagina {
    /// A posted value, for filling the form in again after an error.
    pub fn waarde(&self, veld: &str) -> &str {
        self.invoer.get(veld).map_or("", String::as_str)
    }
}

async fn casuspagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    melding: Option<&'static str>,
    invoer: HashMap<String, String>,
) -> WebResultaat {
    let cd = match lees_casus(&wie.dossier(), id).await {
        Ok(cd) => cd,
        // A closed case: its wijkteam may break the glass.
        Err(f @ ApiFout::Geweigerd(_)) => {
            return super::noodtoegang::na_weigering(wie, id, f).await;
        }
        Err(f) => return Err(f.into()),
    };
    let noodtoegang = super::noodtoegang::banner(wie, &cd.casus).await?;
    let orgs = organisaties(&wie.state).await?;
    let namen = namen(&orgs);
    let naam = |id: &Id| namen.get(id).cloned().unwrap_or_default();
    let t = &cd.toestand;
    let jeugdigen: Vec<(Id, String)> = cd.jeugdigen.iter().map(|j| (j.id, j.naam())).collect();
    // Only links to the pages this user may open (a sister at another
    // school is named, not linked).
    let mut te_openen = Vec::new();
    for j in &cd.jeugdigen {
        if wie.dossier().mag_openen(j).await? {
            te_openen.push(j.id);
        }
    }
    let n = Namen {
        organisaties: &namen,
        jeugdigen: &jeugdigen,
        inkopen: &t.inkopen,
    };
    let evaluatie_weergave = evaluaties(&cd)
        .iter()
        .map(|e| EvaluatieWeergave {
            datum: opmaak::datum(e.datum),
            scores: e.scores.iter().map(|s| (s.doel, score(s.score))).collect(),
            stem: stem(&Some(e.stem_jeugdige.clone())),
            tevredenheid_jeugdige: e
                .tevredenheid_jeugdige
                .map_or("–".into(), |x| x.to_string()),
            tevredenheid_ouders: e.tevredenheid_ouders.map_or("–".into(), |x| x.to_string()),
        })
        .collect();
    let mut regisseurs = vec![Keuze::new("", "Kies wie de regie krijgt")];
    for p in &cd.casus.partijen {
        if let Some(o) = wie.state.opslag.organisatie(*p).await? {
            let regie = match o.soort {
                schakel_domain::OrganisatieSoort::Aanbieder => "hoofdaanbieder",
                schakel_domain::OrganisatieSoort::Jgz => "perspectiefregie",
                _ => continue,
            };
            regisseurs.push(Keuze::new(
                format!("{regie}:{}", o.id),
                format!(
                    "{} ({})",
                    o.naam,
                    if regie == "hoofdaanbieder" {
                        "hoofdaanbieder"
                    } else {
                        "perspectiefregie JGZ"
                    }
                ),
            ));
        }
    }
    let mut vertegenwoordigers = vec![Keuze::new("", "Kies een wettelijk vertegenwoordiger")];
    vertegenwoordigers.extend(
        cd.huishouden
            .vertegenwoordigers
            .iter()
            .map(|v| Keuze::new(&v.naam, format!("{} ({})", v.naam, v.relatie))),
    );
    let status = fouten.status();
    pagina_met(
        status,
        &CasusPagina {
            kop: Kop::voor(wie, format!("Casus {id}"), "/casussen").await?,
            fouten,
            melding,
            id,
            versie: cd.versie(),
            open: t.open,
            wijkteam: naam(&cd.casus.wijkteam),
            partijen: cd.casus.partijen.iter().map(naam).collect(),
            fase: fase(t.fase),
            akkoord: t
                .akkoord
                .as_ref()
                .map(|a| format!("{} op {}", a.vertegenwoordiger, opmaak::datum(a.datum))),
            regisseur: t.regisseur.map(|r| naam(&r.organisatie)),
            veiligheid: t.veiligheid.as_ref().map(|v| {
                format!(
                    "{}: {}",
                    label(&VEILIGHEIDSSOORTEN, v.melding),
                    v.toelichting
                )
            }),
            plan: t.plan.as_ref().map(|p| plan_weergave(p, &namen)),
            grafiek: voortgang(&cd),
            evaluaties: evaluatie_weergave,
            verloop: cd
                .gebeurtenissen
                .iter()
                .map(|g| StapWeergave {
                    nummer: g.volgnummer,
                    datum: opmaak::datum(g.tijdstip.date_naive()),
                    wat: omschrijving(&g.gebeurtenis, &n),
                    door: naam(&g.door.organisatie),
                })
                .collect(),
            vertegenwoordigers,
            regisseurs,
            stappen: opties("Kies een stap", &STAPPEN),
            scores: vec![
                Keuze::new("", "Kies een score"),
                Keuze::new("onvoldoende", "Onvoldoende"),
                Keuze::new("voldoende", "Voldoende"),
                Keuze::new("behaald", "Behaald"),
            ],
            route: Routekeuzes::voor(wie, &cd, &orgs, &n),
            mag: Mag::voor(wie, &cd, &orgs),
            jeugdigen,
            te_openen,
            invoer,
            noodtoegang,
        },
    )
}

#[derive(Deserialize, Default)]
pub struct Gelukt {
    gelukt: Option<String>,
}

fn melding(g: &Gelukt) -> Option<&'static str> {
    match g.gelukt.as_deref() {
        Some("getrieerd") => {
            Some("De hulpvraag is getriëerd: zij hoort nu bij deze gezamenlijke casus.")
        }
        Some("plan") => Some(
            "Het integraal plan is opgeslagen. Na een wijziging is opnieuw akkoord van de ouders nodig.",
        ),
        Some("vastgelegd") => Some("Vastgelegd in het verloop van de casus."),
        _ => None,
    }
}

pub async fn casus(wie: Ingelogd, Path(id): Path<Id>, Query(g): Query<Gelukt>) -> WebResultaat {
    casuspagina(&wie, id, Fouten::default(), melding(&g), HashMap::new()).await
}

fn datum(
    invoer: &HashMap<String, String>,
    veld: &str,
    label: &str,
    fouten: &mut Fouten,
) -> Option<NaiveDate> {
    let d = super::formulier::datum(invoer.get(veld).map_or("", |s| s), Datumsoort::Periode);
    if let Err(m) = &d {
        fouten.veld(veld, label, m.as_str());
    }
    d.ok()
}

fn tekst(invoer: &HashMap<String, String>, veld: &str) -> String {
    invoer
        .get(veld)
        .map_or(String::new(), |s| s.trim().to_string())
}

/// The event a form describes; errors of the form's own fields go to
/// `fouten`.
fn gebeurtenis_uit(invoer: &HashMap<String, String>, fouten: &mut Fouten) -> Option<Gebeurtenis> {
    match tekst(invoer, "soort").as_str() {
        "akkoord" => {
            let vertegenwoordiger = tekst(invoer, "akkoord-vertegenwoordiger");
            let d = datum(invoer, "akkoord-datum", "Datum van het akkoord", fouten)?;
            Some(Gebeurtenis::Akkoord {
                vertegenwoordiger,
                datum: d,
            })
        }
        "regisseur" => {
            let (regie, organisatie) = keuze(
                invoer,
                (
                    "regisseur-organisatie",
                    "Regie",
                    "Kies wie de regie krijgt.",
                ),
                fouten,
                |k| {
                    let (regie, org) = k.split_once(':')?;
                    let regie = match regie {
                        "hoofdaanbieder" => Regie::Hoofdaanbieder,
                        "perspectiefregie" => Regie::Perspectiefregie,
                        _ => return None,
                    };
                    Some((regie, org.parse().ok()?))
                },
            )?;
            Some(Gebeurtenis::Regisseur { regie, organisatie })
        }
        "escalatie" => Some(Gebeurtenis::Escalatie {
            stap: uit_lijst(
                invoer,
                ("escalatie-stap", "Stap", "Kies een stap."),
                &STAPPEN,
                fouten,
            )?,
            toelichting: tekst(invoer, "escalatie-toelichting"),
        }),
        "evaluatie" => {
            let d = datum(invoer, "evaluatie-datum", "Datum van de evaluatie", fouten);
            let mut scores = Vec::new();
            let mut nummers: BTreeSet<u32> = BTreeSet::new();
            for k in invoer.keys() {
                if let Some(n) = k
                    .strip_prefix("evaluatie-doel-")
                    .and_then(|n| n.parse().ok())
                {
                    nummers.insert(n);
                }
            }
            for n in nummers {
                let s = match tekst(invoer, &format!("evaluatie-doel-{n}")).as_str() {
                    "onvoldoende" => Score::Onvoldoende,
                    "voldoende" => Score::Voldoende,
                    "behaald" => Score::Behaald,
                    _ => continue,
                };
                scores.push(DoelScore {
                    doel: n,
                    score: s,
                    toelichting: None,
                });
            }
            let inbreng = tekst(invoer, "evaluatie-stem");
            let stem = if tekst(invoer, "evaluatie-gehoord") == "nee" {
                Stem::NietGehoord { reden: inbreng }
            } else {
                Stem::Gehoord { inbreng }
            };
            let cijfer = |veld: &str, label: &str, fouten: &mut Fouten| {
                let t = tekst(invoer, veld);
                if t.is_empty() {
                    return None;
                }
                let c = t.parse::<u8>().ok();
                if c.is_none() {
                    fouten.veld(veld, label, "Een cijfer van 1 tot en met 10.");
                }
                c
            };
            let tevredenheid_jeugdige = cijfer(
                "evaluatie-tevredenheid-jeugdige",
                "Tevredenheid jeugdige",
                fouten,
            );
            let tevredenheid_ouders = cijfer(
                "evaluatie-tevredenheid-ouders",
                "Tevredenheid ouders",
                fouten,
            );
            Some(Gebeurtenis::Evaluatie(Evaluatie {
                datum: d?,
                scores,
                stem_jeugdige: stem,
                tevredenheid_jeugdige,
                tevredenheid_ouders,
            }))
        }
        soort => route_uit(soort, invoer, fouten),
    }
}

/// The events of unsafety, bought-in care, education and closing.
fn route_uit(
    soort: &str,
    invoer: &HashMap<String, String>,
    fouten: &mut Fouten,
) -> Option<Gebeurtenis> {
    match soort {
        "veiligheid" => Some(Gebeurtenis::Veiligheid {
            melding: uit_lijst(
                invoer,
                (
                    "veiligheid-melding",
                    "Soort melding",
                    "Kies de soort melding.",
                ),
                &VEILIGHEIDSSOORTEN,
                fouten,
            )?,
            toelichting: tekst(invoer, "veiligheid-toelichting"),
        }),
        "veiligheid_afgerond" => Some(Gebeurtenis::VeiligheidAfgerond {
            toelichting: tekst(invoer, "afronding-toelichting"),
        }),
        "inkoop" => inkoop_uit(invoer, fouten),
        "inkoop_toestemming_school" => {
            let inkoop = nummer(
                invoer,
                ("schooltoestemming-inkoop", "Inkoop", "Kies een inkoop."),
                fouten,
            );
            let d = datum(
                invoer,
                "schooltoestemming-datum",
                "Datum van de toestemming",
                fouten,
            );
            Some(Gebeurtenis::InkoopToestemmingSchool {
                inkoop: inkoop?,
                datum: d?,
            })
        }
        "tlv" => {
            let jeugdige = jeugdige_uit(invoer, "tlv-jeugdige", fouten);
            let van = datum(invoer, "tlv-van", "Geldig van", fouten);
            let tot = datum(invoer, "tlv-tot", "Geldig tot en met", fouten);
            Some(Gebeurtenis::Tlv {
                jeugdige: jeugdige?,
                geldig_van: van?,
                geldig_tot: tot?,
            })
        }
        "onderwijsuitkomst" => {
            let jeugdige = jeugdige_uit(invoer, "uitkomst-jeugdige", fouten);
            let uitkomst = uit_lijst(
                invoer,
                ("uitkomst-soort", "Uitkomst", "Kies een uitkomst."),
                &UITKOMSTEN,
                fouten,
            );
            Some(Gebeurtenis::Onderwijsuitkomst {
                jeugdige: jeugdige?,
                uitkomst: uitkomst?,
            })
        }
        "partij" => match tekst(invoer, "partij-organisatie").parse::<Id>() {
            Ok(organisatie) => Some(Gebeurtenis::Partij { organisatie }),
            Err(_) => {
                fouten.veld(
                    "partij-organisatie",
                    "Organisatie",
                    "Kies de organisatie die meedoet.",
                );
                None
            }
        },
        "afgesloten" => Some(Gebeurtenis::Afgesloten {
            reden: tekst(invoer, "afsluiten-reden"),
        }),
        _ => {
            fouten.algemeen("Onbekend formulier.");
            None
        }
    }
}

fn inkoop_uit(invoer: &HashMap<String, String>, fouten: &mut Fouten) -> Option<Gebeurtenis> {
    let aanbieder = nummer(
        invoer,
        ("inkoop-aanbieder", "Aanbieder", "Kies een aanbieder."),
        fouten,
    );
    let naam = keuze(
        invoer,
        (
            "inkoop-ouder",
            "Toestemming gegeven door",
            "Kies wie toestemming gaf.",
        ),
        fouten,
        |k| Some(k.to_string()),
    );
    let d = datum(invoer, "inkoop-datum", "Datum van de toestemming", fouten);
    Some(Gebeurtenis::Inkoop {
        aanbieder: aanbieder?,
        omschrijving: tekst(invoer, "inkoop-omschrijving"),
        toestemming_ouders: Toestemming {
            naam: naam?,
            datum: d?,
        },
    })
}

fn jeugdige_uit(invoer: &HashMap<String, String>, veld: &str, fouten: &mut Fouten) -> Option<Id> {
    nummer(invoer, (veld, "Jeugdige", "Kies een jeugdige."), fouten)
}

/// An id or number chosen in a select.
fn nummer<T: std::str::FromStr>(
    invoer: &HashMap<String, String>,
    veld: (&str, &str, &str),
    fouten: &mut Fouten,
) -> Option<T> {
    keuze(invoer, veld, fouten, |k| k.parse().ok())
}

/// The value of a select, read by `lees`; without one (nothing chosen, or
/// not a choice `lees` knows) `melding` goes beside the field.
fn keuze<T>(
    invoer: &HashMap<String, String>,
    (veld, label, melding): (&str, &str, &str),
    fouten: &mut Fouten,
    lees: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    let t = tekst(invoer, veld);
    let w = if t.is_empty() { None } else { lees(&t) };
    if w.is_none() {
        fouten.veld(veld, label, melding);
    }
    w
}

/// A choice of a fixed list.
fn uit_lijst<T: Copy>(
    invoer: &HashMap<String, String>,
    veld: (&str, &str, &str),
    lijst: &Keuzelijst<T>,
    fouten: &mut Fouten,
) -> Option<T> {
    keuze(invoer, veld, fouten, |k| {
        lijst.iter().find(|(w, _, _)| *w == k).map(|(_, x, _)| *x)
    })
}

/// The API's field names per form (the `soort` it posts), to the form's
/// ids: (soort, API name, form id, label).
#[rustfmt::skip]
const GEBEURTENISVELDEN: [(&str, &str, &str, &str); 29] = [
    ("partij", "organisatie", "partij-organisatie", "Organisatie"),
    ("akkoord", "vertegenwoordiger", "akkoord-vertegenwoordiger", "Vertegenwoordiger"),
    ("akkoord", "datum", "akkoord-datum", "Datum"),
    ("regisseur", "organisatie", "regisseur-organisatie", "Regie"),
    ("regisseur", "regie", "regisseur-organisatie", "Regie"),
    ("escalatie", "toelichting", "escalatie-toelichting", "Toelichting"),
    ("escalatie", "stap", "escalatie-stap", "Stap"),
    ("evaluatie", "datum", "evaluatie-datum", "Datum"),
    ("evaluatie", "scores", "evaluatie-scores", "Scores"),
    ("evaluatie", "stemJeugdige", "evaluatie-stem", "Stem van de jeugdige"),
    ("evaluatie", "stemJeugdige.inbreng", "evaluatie-stem", "Stem van de jeugdige"),
    ("evaluatie", "stemJeugdige.reden", "evaluatie-stem", "Stem van de jeugdige"),
    ("evaluatie", "tevredenheidJeugdige", "evaluatie-tevredenheid-jeugdige", "Tevredenheid jeugdige"),
    ("evaluatie", "tevredenheidOuders", "evaluatie-tevredenheid-ouders", "Tevredenheid ouders"),
    ("veiligheid", "melding", "veiligheid-melding", "Soort melding"),
    ("veiligheid", "toelichting", "veiligheid-toelichting", "Toelichting"),
    ("veiligheid_afgerond", "toelichting", "afronding-toelichting", "Afronding"),
    ("inkoop", "aanbieder", "inkoop-aanbieder", "Aanbieder"),
    ("inkoop", "omschrijving", "inkoop-omschrijving", "Omschrijving"),
    ("inkoop", "toestemmingOuders.naam", "inkoop-ouder", "Toestemming gegeven door"),
    ("inkoop", "toestemmingOuders.datum", "inkoop-datum", "Datum van de toestemming"),
    ("inkoop_toestemming_school", "inkoop", "schooltoestemming-inkoop", "Inkoop"),
    ("inkoop_toestemming_school", "datum", "schooltoestemming-datum", "Datum van de toestemming"),
    ("tlv", "jeugdige", "tlv-jeugdige", "Jeugdige"),
    ("tlv", "geldigVan", "tlv-van", "Geldig van"),
    ("tlv", "geldigTot", "tlv-tot", "Geldig tot en met"),
    ("onderwijsuitkomst", "jeugdige", "uitkomst-jeugdige", "Jeugdige"),
    ("onderwijsuitkomst", "uitkomst", "uitkomst-soort", "Uitkomst"),
    ("afgesloten", "reden", "afsluiten-reden", "Reden"),
];

/// The field names of one form, as `Fouten::uit` takes them.
fn velden_van(soort: &str) -> Vec<(&'static str, &'static str, &'static str)> {
    GEBEURTENISVELDEN
        .iter()
        .filter(|(s, ..)| *s == soort)
        .map(|(_, naam, id, label)| (*naam, *id, *label))
        .collect()
}

/// Records an event of the case (agreement, regisseur, evaluation,
/// escalation, unsafety, inkoop, TLV, education outcome, closing) for the
/// version the form was loaded with: a stale form changes nothing.
pub async fn gebeurtenis(Path(id): Path<Id>, f: Formulier<Velden>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let invoer: HashMap<String, String> = invoer.into_iter().collect();
    let mut fouten = Fouten::default();
    let verwacht = tekst(&invoer, "versie").parse::<i64>().ok();
    let g = gebeurtenis_uit(&invoer, &mut fouten);
    // Closing cannot be undone: the form asks to confirm it first.
    if matches!(g, Some(Gebeurtenis::Afgesloten { .. }))
        && tekst(&invoer, "afsluiten-zeker") != "ja"
    {
        fouten.veld(
            "afsluiten-zeker",
            "Bevestiging",
            "vink aan dat u de casus wilt afsluiten; daarna kan niemand nog iets toevoegen",
        );
    }
    let Some(g) = g.filter(|_| fouten.is_leeg()) else {
        return casuspagina(&wie, id, fouten, None, invoer).await;
    };
    match leg_gebeurtenis_vast_voor(&wie.dossier(), id, g, verwacht).await {
        // A closed case is no longer open to plain reads: back to the list.
        Ok(cd) if !cd.casus.open => Ok(naar("/casussen?gelukt=afgesloten")),
        Ok(_) => Ok(naar(format!("/casussen/{id}?gelukt=vastgelegd"))),
        Err(f) => {
            fouten.uit(f, &velden_van(&tekst(&invoer, "soort")))?;
            casuspagina(&wie, id, fouten, None, invoer).await
        }
    }
}

pub struct DoelRij {
    pub index: usize,
    pub nummer: String,
    pub domein: String,
    pub omschrijving: String,
    pub indicator: String,
    pub nulmeting: String,
    pub streefwaarde: String,
    pub deadline: String,
    pub verantwoordelijke: String,
}

impl DoelRij {
    /// The deadline in Dutch, for a read-only goal.
    pub fn deadline_tekst(&self) -> String {
        chrono::NaiveDate::parse_from_str(&self.deadline, "%Y-%m-%d")
            .map_or_else(|_| self.deadline.clone(), opmaak::datum)
    }

    /// Every field with its form name, to send a read-only goal back.
    pub fn velden(&self) -> [(&'static str, &str); 8] {
        [
            ("nummer", &self.nummer),
            ("domein", &self.domein),
            ("omschrijving", &self.omschrijving),
            ("indicator", &self.indicator),
            ("nulmeting", &self.nulmeting),
            ("streefwaarde", &self.streefwaarde),
            ("deadline", &self.deadline),
            ("verantwoordelijke", &self.verantwoordelijke),
        ]
    }
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanFormulier {
    kop: Kop,
    fouten: Fouten,
    id: Id,
    versie: String,
    toekomstperspectief: String,
    gehoord: String,
    stem: String,
    doelen: Vec<DoelRij>,
    domeinen: Vec<Keuze>,
    partijen: Vec<Keuze>,
    /// A party's name by its value in `partijen`, for read-only goals.
    verantwoordelijken: HashMap<String, String>,
    /// The user changes only the onderwijsondersteuning goals.
    school: bool,
    /// The household's jeugdigen, by name: whose plan it is.
    jeugdigen: String,
}

impl PlanFormulier {
    /// A goal outside the user's part of the plan (a school's view of an
    /// existing jeugdhulp goal): shown, sent back unchanged.
    pub fn alleen_lezen(&self, d: &DoelRij) -> bool {
        self.school && !d.nummer.is_empty() && d.domein != "onderwijsondersteuning"
    }

    pub fn verantwoordelijke(&self, waarde: &str) -> String {
        self.verantwoordelijken
            .get(waarde)
            .cloned()
            .unwrap_or_default()
    }
}

async fn planpagina(
    wie: &Ingelogd,
    id: Id,
    fouten: Fouten,
    invoer: Option<HashMap<String, String>>,
) -> WebResultaat {
    let cd = lees_casus(&wie.dossier(), id).await?;
    let orgs = organisaties(&wie.state).await?;
    if !Mag::voor(wie, &cd, &orgs).plan {
        return Err(ApiFout::Geweigerd(
            "Het plan stelt de casusregisseur van het wijkteam op; een school vult daarna de \
             doelen voor onderwijsondersteuning aan. U kunt het plan op de casuspagina lezen."
                .into(),
        )
        .into());
    }
    let namen = namen(&orgs);
    // A school changes only its onderwijsondersteuning goals (the domain's
    // `Deel::Onderwijs`): the rest is shown and sent back as it is.
    let school = wie.rol() != Rol::Casusregisseur;
    let mut partijen = vec![Keuze::new("", "Kies de verantwoordelijke partij")];
    for p in std::iter::once(&cd.casus.wijkteam).chain(cd.casus.partijen.iter()) {
        partijen.push(Keuze::new(
            p.to_string(),
            namen.get(p).cloned().unwrap_or_default(),
        ));
    }
    let (versie, toekomstperspectief, gehoord, stem, doelen) = match invoer {
        Some(i) => {
            let t = |k: &str| i.get(k).cloned().unwrap_or_default();
            let doelen = (0..rijen(&i))
                .map(|n| DoelRij {
                    index: n,
                    nummer: t(&format!("doel{n}-nummer")),
                    domein: t(&format!("doel{n}-domein")),
                    omschrijving: t(&format!("doel{n}-omschrijving")),
                    indicator: t(&format!("doel{n}-indicator")),
                    nulmeting: t(&format!("doel{n}-nulmeting")),
                    streefwaarde: t(&format!("doel{n}-streefwaarde")),
                    deadline: t(&format!("doel{n}-deadline")),
                    verantwoordelijke: t(&format!("doel{n}-verantwoordelijke")),
                })
                .collect();
            (
                t("versie"),
                t("toekomstperspectief"),
                t("gehoord"),
                t("stem"),
                doelen,
            )
        }
        None => {
            let plan = cd.toestand.plan.as_ref();
            let mut doelen: Vec<DoelRij> = plan
                .map(|p| {
                    p.doelen
                        .iter()
                        .enumerate()
                        .map(|(i, d)| DoelRij {
                            index: i,
                            nummer: d.nummer.to_string(),
                            domein: d.domein.naam().into(),
                            omschrijving: d.omschrijving.clone(),
                            indicator: d.indicator.clone(),
                            nulmeting: d.nulmeting.clone(),
                            streefwaarde: d.streefwaarde.clone(),
                            deadline: d.deadline.to_string(),
                            verantwoordelijke: d.verantwoordelijke.to_string(),
                        })
                        .collect()
                })
                .unwrap_or_default();
            // Room for new goals: two empty rows (more after saving).
            for _ in 0..2 {
                doelen.push(DoelRij {
                    index: doelen.len(),
                    nummer: String::new(),
                    domein: if school {
                        "onderwijsondersteuning".into()
                    } else {
                        String::new()
                    },
                    omschrijving: String::new(),
                    indicator: String::new(),
                    nulmeting: String::new(),
                    streefwaarde: String::new(),
                    deadline: String::new(),
                    verantwoordelijke: String::new(),
                });
            }
            let (gehoord, stem) = match plan.and_then(|p| p.stem_jeugdige.as_ref()) {
                Some(Stem::Gehoord { inbreng }) => ("ja".to_string(), inbreng.clone()),
                Some(Stem::NietGehoord { reden }) => ("nee".to_string(), reden.clone()),
                None => ("ja".to_string(), String::new()),
            };
            (
                cd.versie().to_string(),
                plan.map(|p| p.toekomstperspectief.clone())
                    .unwrap_or_default(),
                gehoord,
                stem,
                doelen,
            )
        }
    };
    let verantwoordelijken: HashMap<String, String> = partijen
        .iter()
        .map(|k| (k.waarde.clone(), k.label.clone()))
        .collect();
    let status = fouten.status();
    pagina_met(
        status,
        &PlanFormulier {
            kop: Kop::voor(wie, "Integraal plan", "/casussen").await?,
            fouten,
            id,
            versie,
            toekomstperspectief,
            gehoord,
            stem,
            doelen,
            domeinen: vec![
                Keuze::new("", "Kies een domein"),
                Keuze::new("jeugdhulp", "Jeugdhulp"),
                Keuze::new("onderwijsondersteuning", "Onderwijsondersteuning"),
            ],
            partijen,
            verantwoordelijken,
            school,
            jeugdigen: cd.namen(),
        },
    )
}

/// How many goal rows a posted plan form has.
fn rijen(i: &HashMap<String, String>) -> usize {
    i.keys()
        .filter_map(|k| {
            k.strip_prefix("doel")?
                .split_once('-')?
                .0
                .parse::<usize>()
                .ok()
        })
        .max()
        .map_or(0, |n| n + 1)
}

pub async fn planformulier(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    planpagina(&wie, id, Fouten::default(), None).await
}

/// The plan from the form: rows without a description are left out (empty
/// rows for new goals); `rij` maps the API's goal index to the form's row.
fn plan_uit(i: &HashMap<String, String>, fouten: &mut Fouten) -> (PlanInvoer, Vec<usize>) {
    let t = |k: String| i.get(&k).map_or(String::new(), |s| s.trim().to_string());
    let mut doelen = Vec::new();
    let mut rij = Vec::new();
    for n in 0..rijen(i) {
        let omschrijving = t(format!("doel{n}-omschrijving"));
        if omschrijving.is_empty() && t(format!("doel{n}-nummer")).is_empty() {
            continue;
        }
        let domein = match t(format!("doel{n}-domein")).as_str() {
            "jeugdhulp" => Some(Domein::Jeugdhulp),
            "onderwijsondersteuning" => Some(Domein::Onderwijsondersteuning),
            _ => {
                fouten.veld(
                    &format!("doel{n}-domein"),
                    &format!("Doel {}: domein", n + 1),
                    "Kies een domein.",
                );
                None
            }
        };
        let deadline =
            super::formulier::datum(&t(format!("doel{n}-deadline")), Datumsoort::Periode);
        if let Err(m) = &deadline {
            fouten.veld(
                &format!("doel{n}-deadline"),
                &format!("Doel {}: deadline", n + 1),
                m.as_str(),
            );
        }
        let verantwoordelijke = t(format!("doel{n}-verantwoordelijke")).parse::<Id>().ok();
        if verantwoordelijke.is_none() {
            fouten.veld(
                &format!("doel{n}-verantwoordelijke"),
                &format!("Doel {}: verantwoordelijke", n + 1),
                "Kies de verantwoordelijke partij.",
            );
        }
        if let (Some(domein), Some(deadline), Some(verantwoordelijke)) =
            (domein, deadline.ok(), verantwoordelijke)
        {
            doelen.push(DoelInvoer {
                nummer: t(format!("doel{n}-nummer")).parse().ok(),
                domein,
                omschrijving,
                indicator: t(format!("doel{n}-indicator")),
                nulmeting: t(format!("doel{n}-nulmeting")),
                streefwaarde: t(format!("doel{n}-streefwaarde")),
                deadline,
                verantwoordelijke,
            });
            rij.push(n);
        }
    }
    let stem = t("stem".into());
    let stem_jeugdige = if stem.is_empty() {
        None
    } else if t("gehoord".into()) == "nee" {
        Some(Stem::NietGehoord { reden: stem })
    } else {
        Some(Stem::Gehoord { inbreng: stem })
    };
    (
        PlanInvoer {
            toekomstperspectief: t("toekomstperspectief".into()),
            doelen,
            stem_jeugdige,
        },
        rij,
    )
}

/// The API's `doelen[2].indicator` as the form's `doel{row}-indicator`.
fn planveld(f: &VeldFout, rij: &[usize]) -> (String, String) {
    if let Some(rest) = f.name.strip_prefix("doelen[")
        && let Some((i, veld)) = rest.split_once("].")
        && let Some(n) = i.parse::<usize>().ok().and_then(|i| rij.get(i))
    {
        return (format!("doel{n}-{veld}"), format!("Doel {}: {veld}", n + 1));
    }
    match f.name.as_str() {
        "toekomstperspectief" => ("toekomstperspectief".into(), "Toekomstperspectief".into()),
        n if n.starts_with("stemJeugdige") => ("stem".into(), "Stem van de jeugdige".into()),
        _ => (String::new(), String::new()),
    }
}

pub async fn zet_plan(Path(id): Path<Id>, f: Formulier<Velden>) -> WebResultaat {
    let Formulier { wie, invoer } = f;
    let invoer: HashMap<String, String> = invoer.into_iter().collect();
    let mut fouten = Fouten::default();
    let (plan, rij) = plan_uit(&invoer, &mut fouten);
    let Some(verwacht) = invoer.get("versie").and_then(|v| v.parse::<i64>().ok()) else {
        return Err(ApiFout::IfMatchVereist.into());
    };
    if !fouten.is_leeg() {
        return planpagina(&wie, id, fouten, Some(invoer)).await;
    }
    match zet_plan_voor(&wie.dossier(), id, verwacht, plan).await {
        Ok(_) => Ok(naar(format!("/casussen/{id}?gelukt=plan"))),
        Err(ApiFout::Ongeldig(v)) => {
            for f in &v {
                let (veld, label) = planveld(f, &rij);
                if veld.is_empty() {
                    fouten.algemeen(format!("{}: {}", f.name, f.reason));
                } else {
                    fouten.veld(&veld, &label, hoofdletter(&f.reason));
                }
            }
            planpagina(&wie, id, fouten, Some(invoer)).await
        }
        Err(f) => {
            fouten.uit(f, &[])?;
            planpagina(&wie, id, fouten, Some(invoer)).await
        }
    }
}

#[derive(Template)]
#[template(path = "afdruk.html")]
struct Afdruk {
    kop: Kop,
    id: Id,
    jeugdigen: Vec<String>,
    vertegenwoordigers: Vec<String>,
    wijkteam: String,
    plan: Option<PlanWeergave>,
    akkoord: Option<String>,
    regisseur: Option<String>,
    datum: String,
}

/// The integral plan as the parents get it on paper (print CSS hides the
/// navigation; the browser's print prints it).
pub async fn afdruk(wie: Ingelogd, Path(id): Path<Id>) -> WebResultaat {
    let cd = lees_casus(&wie.dossier(), id).await?;
    let namen = namen(&organisaties(&wie.state).await?);
    let t = &cd.toestand;
    pagina(&Afdruk {
        kop: Kop::voor(&wie, "Integraal plan voor ouders", "/casussen").await?,
        id,
        jeugdigen: cd
            .jeugdigen
            .iter()
            .map(|j| {
                format!(
                    "{} {} (geboren {})",
                    j.gegevens.voornaam,
                    j.gegevens.achternaam,
                    opmaak::datum(j.geboortedatum)
                )
            })
            .collect(),
        vertegenwoordigers: cd
            .huishouden
            .vertegenwoordigers
            .iter()
            .map(|v| v.naam.clone())
            .collect(),
        wijkteam: namen.get(&cd.casus.wijkteam).cloned().unwrap_or_default(),
        plan: t.plan.as_ref().map(|p| plan_weergave(p, &namen)),
        akkoord: t
            .akkoord
            .as_ref()
            .map(|a| format!("{} op {}", a.vertegenwoordiger, opmaak::datum(a.datum))),
        regisseur: t.regisseur.and_then(|r| namen.get(&r.organisatie).cloned()),
        datum: opmaak::datum(vandaag()),
    })
}

pub struct ActieRegel {
    pub id: Id,
    pub wat: String,
    pub uiterlijk: String,
    pub casus: Option<Id>,
    /// The case's jeugdigen by name ("" for a case the organisation no
    /// longer takes part in).
    pub casus_naam: String,
    pub verlopen: bool,
    pub bron: String,
}

#[derive(Template)]
#[template(path = "acties.html")]
struct Acties {
    kop: Kop,
    melding: Option<&'static str>,
    fout: Option<String>,
    acties: Vec<ActieRegel>,
    alleen_verlopen: bool,
    totaal: i64,
    pagina: i64,
    paginas: i64,
    csrf: String,
}

impl Acties {
    /// Another page of the same list.
    pub fn naar(&self, pagina: i64) -> String {
        let verlopen = if self.alleen_verlopen {
            "verlopen=1&"
        } else {
            ""
        };
        format!("/acties?{verlopen}pagina={pagina}")
    }
}

#[derive(Deserialize, Default)]
pub struct ActieVraag {
    verlopen: Option<String>,
    gelukt: Option<String>,
    pagina: Option<String>,
}

/// Deadlines per page.
const ACTIES_PER_PAGINA: i64 = 50;

/// The open deadlines of the own organisation, earliest first, paged;
/// overdue ones marked (each read logged, as through the API).
pub async fn acties(wie: Ingelogd, Query(v): Query<ActieVraag>) -> WebResultaat {
    let alleen_verlopen = v.verlopen.is_some();
    let (mut pagina, mut fout) = match v.pagina.as_deref().map(str::parse::<i64>) {
        None => (1, None),
        Some(Ok(n)) if n >= 1 => (n, None),
        Some(_) => (
            1,
            Some("Een paginanummer is een heel getal vanaf 1. U ziet pagina 1.".to_string()),
        ),
    };
    let dossier = wie.dossier();
    let mut lijst = acties_voor(
        &dossier,
        alleen_verlopen,
        false,
        Pagina::new(pagina, ACTIES_PER_PAGINA),
    )
    .await?;
    let paginas = ((lijst.totaal + ACTIES_PER_PAGINA - 1) / ACTIES_PER_PAGINA).max(1);
    if pagina > paginas {
        fout = Some(format!(
            "Pagina {pagina} bestaat niet: er zijn {paginas} pagina's. U ziet pagina 1."
        ));
        pagina = 1;
        lijst = acties_voor(
            &dossier,
            alleen_verlopen,
            false,
            Pagina::new(1, ACTIES_PER_PAGINA),
        )
        .await?;
    }
    let nu = vandaag();
    // Each case named is read and logged once, in one batch.
    let mut records = Vec::new();
    let namen = crate::api::werkvoorraad::casusnamen(
        &dossier,
        lijst.items.iter().filter_map(|a| a.gegevens.casus),
        &mut records,
    )
    .await?;
    wie.state.opslag.schrijf_audits(records).await?;
    let acties = lijst
        .items
        .into_iter()
        .map(|a| ActieRegel {
            id: a.id,
            verlopen: a.afgerond.is_none() && a.gegevens.uiterlijk < nu,
            wat: a.gegevens.wat,
            uiterlijk: opmaak::datum(a.gegevens.uiterlijk),
            casus_naam: a
                .gegevens
                .casus
                .and_then(|c| namen.get(&c).cloned())
                .unwrap_or_default(),
            casus: a.gegevens.casus,
            bron: a.gegevens.bron,
        })
        .collect();
    let status = if fout.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    pagina_met(
        status,
        &Acties {
            kop: Kop::voor(&wie, "Termijnen", "/acties").await?,
            melding: (v.gelukt.as_deref() == Some("afgerond")).then_some("De actie is afgerond."),
            fout,
            acties,
            alleen_verlopen,
            totaal: lijst.totaal,
            pagina,
            paginas,
            csrf: wie.csrf.clone(),
        },
    )
}

#[derive(Deserialize)]
pub struct Leeg {}

pub async fn rond_af(Path(id): Path<Id>, f: Formulier<Leeg>) -> WebResultaat {
    rond_actie_af_voor(&f.wie.dossier(), id).await?;
    Ok(naar("/acties?gelukt=afgerond"))
}
