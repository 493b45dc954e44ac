//! The course of a joint case, as a sequence of recorded events (seed 003
//! "Wat te doen als de hulp tot onvoldoende resultaat leidt?", seed 000 on
//! the regisseur and bought-in care). The current state is the fold of the
//! events; a new event is first checked against that state and against who
//! records it, so an illegal jump or a second regisseur never lands.
//!
//! Escalation follows seed 003 step by step:
//!
//! 1. an evaluation shows insufficient progress → a conversation with
//!    parents, youth and casusregisseur, with follow-up agreements
//!    ([`Stap::Gesprek`]);
//! 2. still insufficient at the next evaluation → advice of the regional
//!    expertpool ([`Stap::ExpertpoolAdvies`]);
//! 3. still insufficient after that → escalation to the expertpool
//!    ([`Stap::Escalatie`]).
//!
//! A sufficient evaluation brings the case back to normal execution
//! ([`Stap::Afgeschaald`]). The route for unsafety, crisis or calamity
//! stands apart: it is marked at once, by any party, in any phase.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::fout::{VeldFout, VeldFouten};
use crate::plan::{Deel, Plan, Stem};
use crate::rol::{OrganisatieSoort, Rol};

pub type Id = i64;

/// One recorded step of a case. Stored as JSON, tagged by `soort`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    tag = "soort"
)]
pub enum Gebeurtenis {
    /// The plan as a whole, after a change.
    Plan {
        plan: Plan,
    },
    /// The wettelijk vertegenwoordiger agrees to the current plan.
    Akkoord {
        vertegenwoordiger: String,
        #[serde(deserialize_with = "crate::grens::periode")]
        datum: NaiveDate,
    },
    Regisseur {
        regie: Regie,
        organisatie: Id,
    },
    /// The casusregisseur brings in a party of the support route after the
    /// case opened: the JGZ (its gemandateerde verwijzer refers within the
    /// case, and needs to know it) or the school of a jeugdige of the
    /// household. A provider still comes in through a referral, an inkoop
    /// or as regisseur (`route::mag_partij_worden`).
    Partij {
        organisatie: Id,
    },
    Evaluatie(Evaluatie),
    Escalatie {
        stap: Stap,
        toelichting: String,
    },
    Veiligheid {
        melding: Veiligheidssoort,
        toelichting: String,
    },
    VeiligheidAfgerond {
        toelichting: String,
    },
    /// The hoofdaanbieder buys specialist care from another provider, with
    /// the parents' consent; the school's consent follows.
    Inkoop {
        aanbieder: Id,
        omschrijving: String,
        toestemming_ouders: Toestemming,
    },
    InkoopToestemmingSchool {
        inkoop: u32,
        #[serde(deserialize_with = "crate::grens::periode")]
        datum: NaiveDate,
    },
    /// A toelaatbaarheidsverklaring of the samenwerkingsverband.
    Tlv {
        jeugdige: Id,
        #[serde(deserialize_with = "crate::grens::periode")]
        geldig_van: NaiveDate,
        #[serde(deserialize_with = "crate::grens::periode")]
        geldig_tot: NaiveDate,
    },
    Onderwijsuitkomst {
        jeugdige: Id,
        uitkomst: Onderwijsuitkomst,
    },
    Afgesloten {
        reden: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Regie {
    /// The hoofdaanbieder of the school's arrangement.
    Hoofdaanbieder,
    /// The JGZ's medewerker jeugdhulp, for a family with multiple problems.
    Perspectiefregie,
}

impl Regie {
    fn soort(self) -> OrganisatieSoort {
        match self {
            Self::Hoofdaanbieder => OrganisatieSoort::Aanbieder,
            Self::Perspectiefregie => OrganisatieSoort::Jgz,
        }
    }

    pub fn naam(self) -> &'static str {
        match self {
            Self::Hoofdaanbieder => "hoofdaanbieder",
            Self::Perspectiefregie => "perspectiefregie",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stap {
    Gesprek,
    ExpertpoolAdvies,
    Escalatie,
    Afgeschaald,
}

impl Stap {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Gesprek => "gesprek",
            Self::ExpertpoolAdvies => "expertpool_advies",
            Self::Escalatie => "escalatie",
            Self::Afgeschaald => "afgeschaald",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fase {
    Uitvoering,
    Gesprek,
    ExpertpoolAdvies,
    Escalatie,
}

impl Fase {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Uitvoering => "uitvoering",
            Self::Gesprek => "gesprek",
            Self::ExpertpoolAdvies => "expertpool_advies",
            Self::Escalatie => "escalatie",
        }
    }

    /// The phase a step leads to, and the phase it must start from.
    fn na(stap: Stap) -> (Option<Self>, Self) {
        match stap {
            Stap::Gesprek => (Some(Self::Uitvoering), Self::Gesprek),
            Stap::ExpertpoolAdvies => (Some(Self::Gesprek), Self::ExpertpoolAdvies),
            Stap::Escalatie => (Some(Self::ExpertpoolAdvies), Self::Escalatie),
            Stap::Afgeschaald => (None, Self::Uitvoering),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Veiligheidssoort {
    Onveiligheid,
    Crisis,
    Calamiteit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Onderwijsuitkomst {
    /// (Dreigende) thuiszitter.
    Thuiszitter,
    /// Back to regular education.
    TerugkeerRegulier,
    /// Referred to voortgezet speciaal onderwijs.
    VerwijzingVso,
}

impl Onderwijsuitkomst {
    pub fn naam(self) -> &'static str {
        match self {
            Self::Thuiszitter => "thuiszitter",
            Self::TerugkeerRegulier => "terugkeer_regulier",
            Self::VerwijzingVso => "verwijzing_vso",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Toestemming {
    /// Who gave it: a wettelijk vertegenwoordiger of the household.
    pub naam: String,
    #[serde(deserialize_with = "crate::grens::periode")]
    pub datum: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Score {
    Onvoldoende,
    Voldoende,
    Behaald,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DoelScore {
    pub doel: u32,
    pub score: Score,
    #[serde(default)]
    pub toelichting: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evaluatie {
    #[serde(deserialize_with = "crate::grens::periode")]
    pub datum: NaiveDate,
    /// One score for every goal of the plan.
    pub scores: Vec<DoelScore>,
    /// Hoorrecht at every evaluation.
    pub stem_jeugdige: Stem,
    /// The short survey at evaluation: satisfaction 1–10.
    #[serde(default)]
    pub tevredenheid_jeugdige: Option<u8>,
    #[serde(default)]
    pub tevredenheid_ouders: Option<u8>,
}

impl Evaluatie {
    /// Insufficient when any goal is.
    pub fn voldoende(&self) -> bool {
        self.scores.iter().all(|s| s.score != Score::Onvoldoende)
    }

    fn controleer(&self, plan: &Plan) -> Result<(), VeldFouten> {
        let mut fouten = VeldFouten::default();
        for (i, s) in self.scores.iter().enumerate() {
            if plan.doel(s.doel).is_none() {
                fouten.voeg_toe(
                    format!("scores[{i}].doel"),
                    format!("doel {} staat niet in het plan", s.doel),
                );
            } else if self.scores[..i].iter().any(|x| x.doel == s.doel) {
                fouten.voeg_toe(
                    format!("scores[{i}].doel"),
                    format!("doel {} is al gescoord", s.doel),
                );
            }
        }
        let ontbrekend: Vec<String> = plan
            .doelen
            .iter()
            .filter(|d| !self.scores.iter().any(|s| s.doel == d.nummer))
            .map(|d| d.nummer.to_string())
            .collect();
        if !ontbrekend.is_empty() {
            fouten.voeg_toe(
                "scores",
                format!(
                    "elk doel krijgt een score; ontbreekt voor doel {}",
                    ontbrekend.join(", ")
                ),
            );
        }
        for (veld, w) in [
            ("tevredenheidJeugdige", self.tevredenheid_jeugdige),
            ("tevredenheidOuders", self.tevredenheid_ouders),
        ] {
            if w.is_some_and(|w| !(1..=10).contains(&w)) {
                fouten.voeg_toe(veld, "een cijfer van 1 tot en met 10");
            }
        }
        fouten.resultaat(())
    }
}

/// Who records an event: a medewerker in one role at one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Betrokkene {
    pub rol: Rol,
    pub organisatie: Id,
    pub soort: OrganisatieSoort,
}

/// What the case is about, as far as the checks need it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    pub wijkteam: Id,
    /// Organisations party to the case (besides the wijkteam).
    pub partijen: Vec<Id>,
    /// The household's jeugdigen with their school, if any.
    pub jeugdigen: Vec<(Id, Option<Id>)>,
    pub vertegenwoordigers: Vec<String>,
    /// Kinds of organisations an event names (regisseur, inkoop), looked
    /// up by the caller.
    pub soorten: Vec<(Id, OrganisatieSoort)>,
    /// The hoofdaanbieders of the OJA arrangements of the household's
    /// schools: who may take regie as hoofdaanbieder (seed 000).
    pub hoofdaanbieders: Vec<Id>,
}

impl Context {
    fn is_partij(&self, org: Id) -> bool {
        org == self.wijkteam || self.partijen.contains(&org)
    }

    /// The plan's responsible parties: the wijkteam and every party.
    pub fn alle_partijen(&self) -> Vec<Id> {
        std::iter::once(self.wijkteam)
            .chain(self.partijen.iter().copied())
            .collect()
    }

    fn school_van(&self, jeugdige: Id) -> Option<Option<Id>> {
        self.jeugdigen
            .iter()
            .find(|(j, _)| *j == jeugdige)
            .map(|(_, s)| *s)
    }

    fn soort_van(&self, org: Id) -> Option<OrganisatieSoort> {
        self.soorten
            .iter()
            .find(|(o, _)| *o == org)
            .map(|(_, s)| *s)
    }
}

/// Why an event is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weigering {
    /// Not this user's part of the case: 403, logged.
    Verboden {
        reden: &'static str,
        melding: String,
    },
    /// Not now, in this state of the case: 409.
    Conflict(String),
    Ongeldig(VeldFouten),
}

impl From<VeldFouten> for Weigering {
    fn from(f: VeldFouten) -> Self {
        Self::Ongeldig(f)
    }
}

impl From<VeldFout> for Weigering {
    fn from(f: VeldFout) -> Self {
        Self::Ongeldig(f.into())
    }
}

fn verboden(reden: &'static str, melding: impl Into<String>) -> Weigering {
    Weigering::Verboden {
        reden,
        melding: melding.into(),
    }
}

/// A deadline that an event creates, for the responsible organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Termijn {
    pub organisatie: Id,
    pub wat: String,
    /// The rule or text it comes from.
    pub bron: String,
    pub uiterlijk: NaiveDate,
}

/// What else changes with an accepted event, in the same transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gevolgen {
    pub nieuwe_partijen: Vec<Id>,
    pub sluit: bool,
    pub termijnen: Vec<Termijn>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inkoop {
    pub nummer: u32,
    pub aanbieder: Id,
    pub omschrijving: String,
    pub toestemming_ouders: Toestemming,
    /// The school that consented, and when.
    pub toestemming_school: Option<Toestemming>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Veiligheidsmelding {
    pub melding: Veiligheidssoort,
    pub toelichting: String,
    pub door: Id,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Akkoord {
    pub vertegenwoordiger: String,
    pub datum: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Regisseur {
    pub regie: Regie,
    pub organisatie: Id,
}

/// The state of a case: the fold of its events.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Toestand {
    pub open: bool,
    pub plan: Option<Plan>,
    /// The agreement to the current plan; a change of plan needs a new one.
    pub akkoord: Option<Akkoord>,
    pub regisseur: Option<Regisseur>,
    pub fase: Fase,
    pub laatste_evaluatie: Option<Evaluatie>,
    /// Whether that evaluation came after the last escalation step.
    #[serde(skip)]
    geevalueerd_na_stap: bool,
    pub veiligheid: Option<Veiligheidsmelding>,
    pub inkopen: Vec<Inkoop>,
}

impl Default for Toestand {
    fn default() -> Self {
        Self {
            open: true,
            plan: None,
            akkoord: None,
            regisseur: None,
            fase: Fase::Uitvoering,
            laatste_evaluatie: None,
            geevalueerd_na_stap: false,
            veiligheid: None,
            inkopen: Vec::new(),
        }
    }
}

/// The ids and dates the checks need besides the event itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub vandaag: NaiveDate,
    /// Last day of the current school year (31 July).
    pub einde_schooljaar: NaiveDate,
}

impl Toestand {
    /// Replays recorded events; they were checked when recorded.
    pub fn uit<'a>(gebeurtenissen: impl IntoIterator<Item = (&'a Gebeurtenis, Id)>) -> Self {
        let mut t = Self::default();
        for (g, door) in gebeurtenissen {
            t.verwerk(g, door);
        }
        t
    }

    /// Checks `g` by `wie` against this state; on success returns what else
    /// changes with it. The caller then records it and calls
    /// [`Toestand::verwerk`].
    pub fn controleer(
        &self,
        g: &Gebeurtenis,
        wie: &Betrokkene,
        ctx: &Context,
        moment: Moment,
    ) -> Result<Gevolgen, Weigering> {
        if !self.open {
            return Err(Weigering::Conflict(
                "De casus is afgesloten; er kan niets meer aan worden toegevoegd".into(),
            ));
        }
        mag_vastleggen(g.vastlegging(), wie, ctx, self)?;
        if let Some(j) = g.jeugdige() {
            eigen_leerling_voor_school(j, wie, ctx)?;
        }
        let mut gevolgen = Gevolgen::default();
        match g {
            Gebeurtenis::Plan { plan } => {
                let deel = if wie.rol == Rol::Casusregisseur {
                    Deel::Geheel
                } else {
                    Deel::Onderwijs
                };
                plan.wijziging_binnen(self.plan.as_ref(), deel)?;
            }
            Gebeurtenis::Akkoord {
                vertegenwoordiger,
                datum,
            } => {
                self.controleer_akkoord(vertegenwoordiger, *datum, ctx, moment)?;
                gevolgen.termijnen = self.termijnen_bij_akkoord(ctx, moment);
            }
            Gebeurtenis::Regisseur { regie, organisatie } => {
                self.controleer_regisseur(*regie, *organisatie, ctx)?;
                // The casusregisseur's choice brings the regisseur in: the
                // hoofdaanbieder is named at no triage (a provider becomes
                // a party through the case's own steps only).
                if !ctx.is_partij(*organisatie) {
                    gevolgen.nieuwe_partijen = vec![*organisatie];
                }
            }
            Gebeurtenis::Partij { organisatie } => {
                controleer_partij(*organisatie, ctx)?;
                gevolgen.nieuwe_partijen = vec![*organisatie];
            }
            Gebeurtenis::Evaluatie(e) => self.controleer_evaluatie(e, moment)?,
            Gebeurtenis::Escalatie { stap, toelichting } => {
                self.controleer_stap(*stap, toelichting)?
            }
            Gebeurtenis::Veiligheid { toelichting, .. } => niet_leeg("toelichting", toelichting)?,
            Gebeurtenis::VeiligheidAfgerond { toelichting } => {
                niet_leeg("toelichting", toelichting)?;
                if self.veiligheid.is_none() {
                    return Err(Weigering::Conflict(
                        "Er staat geen melding van onveiligheid, crisis of calamiteit open".into(),
                    ));
                }
            }
            Gebeurtenis::Inkoop {
                aanbieder,
                omschrijving,
                toestemming_ouders,
            } => {
                self.controleer_inkoop(*aanbieder, omschrijving, toestemming_ouders, ctx, moment)?
            }
            Gebeurtenis::InkoopToestemmingSchool { inkoop, datum } => {
                gevolgen.nieuwe_partijen =
                    self.controleer_toestemming_school(*inkoop, *datum, ctx, moment)?;
            }
            Gebeurtenis::Tlv {
                jeugdige,
                geldig_van,
                geldig_tot,
            } => {
                gevolgen.termijnen = controleer_tlv(*jeugdige, *geldig_van, *geldig_tot, ctx)?;
            }
            Gebeurtenis::Onderwijsuitkomst { jeugdige, .. } => {
                ctx.school_van(*jeugdige)
                    .ok_or_else(|| VeldFout::new("jeugdige", "geen jeugdige van dit huishouden"))?;
            }
            Gebeurtenis::Afgesloten { reden } => {
                niet_leeg("reden", reden)?;
                gevolgen.sluit = true;
            }
        }
        Ok(gevolgen)
    }

    /// Applies a recorded event.
    pub fn verwerk(&mut self, g: &Gebeurtenis, door_organisatie: Id) {
        match g {
            Gebeurtenis::Plan { plan } => {
                if self.plan.as_ref() != Some(plan) {
                    self.akkoord = None;
                }
                self.plan = Some(plan.clone());
            }
            Gebeurtenis::Akkoord {
                vertegenwoordiger,
                datum,
            } => {
                self.akkoord = Some(Akkoord {
                    vertegenwoordiger: vertegenwoordiger.clone(),
                    datum: *datum,
                });
            }
            Gebeurtenis::Regisseur { regie, organisatie } => {
                self.regisseur = Some(Regisseur {
                    regie: *regie,
                    organisatie: *organisatie,
                })
            }
            Gebeurtenis::Evaluatie(e) => {
                self.laatste_evaluatie = Some(e.clone());
                self.geevalueerd_na_stap = true;
            }
            Gebeurtenis::Escalatie { stap, .. } => {
                self.fase = Fase::na(*stap).1;
                self.geevalueerd_na_stap = false;
            }
            Gebeurtenis::Veiligheid {
                melding,
                toelichting,
            } => {
                self.veiligheid = Some(Veiligheidsmelding {
                    melding: *melding,
                    toelichting: toelichting.clone(),
                    door: door_organisatie,
                });
            }
            Gebeurtenis::VeiligheidAfgerond { .. } => self.veiligheid = None,
            Gebeurtenis::Inkoop {
                aanbieder,
                omschrijving,
                toestemming_ouders,
            } => {
                self.inkopen.push(Inkoop {
                    nummer: self.inkopen.len() as u32 + 1,
                    aanbieder: *aanbieder,
                    omschrijving: omschrijving.clone(),
                    toestemming_ouders: toestemming_ouders.clone(),
                    toestemming_school: None,
                });
            }
            Gebeurtenis::InkoopToestemmingSchool { inkoop, datum } => {
                if let Some(i) = self.inkopen.iter_mut().find(|i| i.nummer == *inkoop) {
                    i.toestemming_school = Some(Toestemming {
                        naam: format!("organisatie {door_organisatie}"),
                        datum: *datum,
                    });
                }
            }
            // The case's parties are the case row's, not its state's.
            Gebeurtenis::Partij { .. }
            | Gebeurtenis::Tlv { .. }
            | Gebeurtenis::Onderwijsuitkomst { .. } => {}
            Gebeurtenis::Afgesloten { .. } => self.open = false,
        }
    }

    fn controleer_akkoord(
        &self,
        vertegenwoordiger: &str,
        datum: NaiveDate,
        ctx: &Context,
        moment: Moment,
    ) -> Result<(), Weigering> {
        let plan = self.plan.as_ref().ok_or_else(|| {
            Weigering::Conflict("Er is nog geen plan om akkoord op te geven".into())
        })?;
        plan.klaar_voor_akkoord()?;
        if !ctx
            .vertegenwoordigers
            .iter()
            .any(|v| v == vertegenwoordiger)
        {
            return Err(VeldFout::new(
                "vertegenwoordiger",
                format!(
                    "geen wettelijk vertegenwoordiger van dit huishouden; bekend: {}",
                    ctx.vertegenwoordigers.join(", ")
                ),
            )
            .into());
        }
        niet_in_toekomst("datum", datum, moment)?;
        if self.akkoord.is_some() {
            return Err(Weigering::Conflict(
                "Op dit plan is al akkoord gegeven".into(),
            ));
        }
        Ok(())
    }

    /// At agreement every goal's deadline becomes an action for its
    /// responsible party, and the end of the school year one for the wijkteam.
    fn termijnen_bij_akkoord(&self, ctx: &Context, moment: Moment) -> Vec<Termijn> {
        let doelen = self.plan.iter().flat_map(|p| p.doelen.iter());
        doelen
            .map(|d| Termijn {
                organisatie: d.verantwoordelijke,
                wat: format!("Doel {} evalueren: {}", d.nummer, d.omschrijving),
                bron: "plan.doel.deadline".into(),
                uiterlijk: d.deadline,
            })
            .chain(std::iter::once(Termijn {
                organisatie: ctx.wijkteam,
                wat:
                    "Einde schooljaar: plan en verwijzingen voor het volgende schooljaar afstemmen"
                        .into(),
                bron: "schooljaar.einde".into(),
                uiterlijk: moment.einde_schooljaar,
            }))
            .collect()
    }

    fn controleer_regisseur(
        &self,
        regie: Regie,
        organisatie: Id,
        ctx: &Context,
    ) -> Result<(), Weigering> {
        if let Some(r) = self.regisseur {
            return Err(Weigering::Conflict(format!(
                "Dit huishouden heeft al een regisseur (organisatie {}, {}); één huishouden heeft één regisseur",
                r.organisatie,
                r.regie.naam()
            )));
        }
        if regie == Regie::Hoofdaanbieder && !ctx.hoofdaanbieders.contains(&organisatie) {
            let melding = if ctx.hoofdaanbieders.is_empty() {
                "geen school van dit huishouden heeft een onderwijs-jeugdhulparrangement met een \
                 hoofdaanbieder; kies perspectiefregie door de JGZ"
                    .to_string()
            } else {
                format!(
                    "de regie ligt bij de hoofdaanbieder van het arrangement van een school van \
                     dit huishouden: organisatie {}",
                    ctx.hoofdaanbieders
                        .iter()
                        .map(Id::to_string)
                        .collect::<Vec<_>>()
                        .join(" of ")
                )
            };
            return Err(VeldFout::new("organisatie", melding).into());
        }
        if ctx.soort_van(organisatie) != Some(regie.soort()) {
            return Err(VeldFout::new(
                "organisatie",
                format!(
                    "{} ligt bij een organisatie van soort {}",
                    regie.naam(),
                    regie.soort().naam()
                ),
            )
            .into());
        }
        Ok(())
    }

    fn controleer_evaluatie(&self, e: &Evaluatie, moment: Moment) -> Result<(), Weigering> {
        let plan = match (&self.plan, &self.akkoord) {
            (Some(p), Some(_)) => p,
            _ => {
                return Err(Weigering::Conflict(
                    "Evalueren kan pas als het plan is vastgesteld met akkoord van de wettelijk vertegenwoordiger".into(),
                ));
            }
        };
        let mut fouten = e.controleer(plan).err().unwrap_or_default();
        if let Err(f) = niet_in_toekomst("datum", e.datum, moment) {
            fouten.0.push(f);
        }
        let (Stem::Gehoord { inbreng: t } | Stem::NietGehoord { reden: t }) = &e.stem_jeugdige;
        if t.trim().is_empty() {
            fouten.voeg_toe(
                "stemJeugdige",
                "de inbreng van de jeugdige of de reden waarom die ontbreekt is verplicht",
            );
        }
        fouten.resultaat(()).map_err(Weigering::from)
    }

    fn controleer_stap(&self, stap: Stap, toelichting: &str) -> Result<(), Weigering> {
        niet_leeg("toelichting", toelichting)?;
        let (vanaf, _) = Fase::na(stap);
        let evaluatie = self
            .laatste_evaluatie
            .as_ref()
            .filter(|_| self.geevalueerd_na_stap);
        match (stap, vanaf) {
            (Stap::Afgeschaald, _) => {
                if self.fase == Fase::Uitvoering {
                    return Err(Weigering::Conflict("De casus is niet opgeschaald".into()));
                }
                if !evaluatie.is_some_and(Evaluatie::voldoende) {
                    return Err(Weigering::Conflict(
                        "Afschalen kan na een evaluatie met voldoende voortgang op elk doel".into(),
                    ));
                }
            }
            (_, Some(vanaf)) => {
                if self.fase != vanaf {
                    return Err(Weigering::Conflict(format!(
                        "Van fase {} kan niet naar {}; de route is gesprek, dan advies van de expertpool, dan escalatie",
                        self.fase.naam(),
                        stap.naam()
                    )));
                }
                if evaluatie.is_none_or(Evaluatie::voldoende) {
                    return Err(Weigering::Conflict(format!(
                        "{} volgt op een evaluatie met onvoldoende voortgang{}",
                        stap.naam(),
                        if self.fase == Fase::Uitvoering {
                            ""
                        } else {
                            " na de vorige stap"
                        }
                    )));
                }
            }
            (_, None) => {}
        }
        Ok(())
    }

    fn controleer_inkoop(
        &self,
        aanbieder: Id,
        omschrijving: &str,
        toestemming: &Toestemming,
        ctx: &Context,
        moment: Moment,
    ) -> Result<(), Weigering> {
        let mut fouten = VeldFouten::default();
        fouten.niet_leeg("omschrijving", omschrijving);
        if ctx.soort_van(aanbieder) != Some(OrganisatieSoort::Aanbieder) {
            fouten.voeg_toe("aanbieder", "moet een jeugdhulpaanbieder zijn");
        } else if Some(aanbieder) == self.regisseur.map(|r| r.organisatie) {
            fouten.voeg_toe(
                "aanbieder",
                "de hoofdaanbieder koopt in bij een andere aanbieder",
            );
        }
        if !ctx.vertegenwoordigers.contains(&toestemming.naam) {
            fouten.voeg_toe(
                "toestemmingOuders.naam",
                format!(
                    "geen wettelijk vertegenwoordiger van dit huishouden; bekend: {}",
                    ctx.vertegenwoordigers.join(", ")
                ),
            );
        }
        if let Err(f) = niet_in_toekomst("toestemmingOuders.datum", toestemming.datum, moment) {
            fouten.0.push(f);
        }
        fouten.resultaat(()).map_err(Weigering::from)
    }

    fn controleer_toestemming_school(
        &self,
        inkoop: u32,
        datum: NaiveDate,
        ctx: &Context,
        moment: Moment,
    ) -> Result<Vec<Id>, Weigering> {
        let i = self
            .inkopen
            .iter()
            .find(|i| i.nummer == inkoop)
            .ok_or_else(|| {
                VeldFout::new(
                    "inkoop",
                    format!("inkoop {inkoop} bestaat niet in deze casus"),
                )
            })?;
        if i.toestemming_school.is_some() {
            return Err(Weigering::Conflict(
                "De school gaf voor deze inkoop al toestemming".into(),
            ));
        }
        niet_in_toekomst("datum", datum, moment)?;
        // The specialist provider joins the case now that both consented.
        Ok(if ctx.is_partij(i.aanbieder) {
            Vec::new()
        } else {
            vec![i.aanbieder]
        })
    }
}

fn controleer_tlv(
    jeugdige: Id,
    van: NaiveDate,
    tot: NaiveDate,
    ctx: &Context,
) -> Result<Vec<Termijn>, Weigering> {
    let school = ctx
        .school_van(jeugdige)
        .ok_or_else(|| VeldFout::new("jeugdige", "geen jeugdige van dit huishouden"))?;
    if tot < van {
        return Err(VeldFout::new("geldigTot", "ligt voor geldigVan").into());
    }
    Ok(vec![Termijn {
        organisatie: school.unwrap_or(ctx.wijkteam),
        wat: format!(
            "TLV loopt af op {}: verlenging of vervolg met het samenwerkingsverband afstemmen",
            crate::grens::nl_datum(tot)
        ),
        bron: "tlv.geldig_tot".into(),
        uiterlijk: tot,
    }])
}

/// A school records a TLV or an education outcome for its own pupils only.
fn eigen_leerling_voor_school(
    jeugdige: Id,
    wie: &Betrokkene,
    ctx: &Context,
) -> Result<(), Weigering> {
    if wie.rol == Rol::Zorgcoordinator
        && ctx.school_van(jeugdige).flatten() != Some(wie.organisatie)
    {
        return Err(verboden(
            "geen_eigen_leerling",
            "Een school legt dit alleen vast voor een eigen leerling",
        ));
    }
    Ok(())
}

/// A party the casusregisseur brings in: one the support route allows
/// ([`crate::route::mag_partij_worden`]; its kind looked up by the caller),
/// and not one already.
fn controleer_partij(organisatie: Id, ctx: &Context) -> Result<(), Weigering> {
    if ctx.is_partij(organisatie) {
        return Err(Weigering::Conflict(format!(
            "Organisatie {organisatie} is al partij bij deze casus"
        )));
    }
    let soort = ctx
        .soort_van(organisatie)
        .ok_or_else(|| VeldFout::new("organisatie", "bestaat niet"))?;
    let school_van_jeugdige = ctx.jeugdigen.iter().any(|(_, s)| *s == Some(organisatie));
    crate::route::mag_partij_worden(soort, school_van_jeugdige)
        .map_err(|m| VeldFout::new("organisatie", m).into())
}

fn niet_leeg(veld: &str, tekst: &str) -> Result<(), VeldFout> {
    let mut f = VeldFouten::default();
    f.niet_leeg(veld, tekst);
    f.resultaat(()).map_err(|mut f| f.0.remove(0))
}

fn niet_in_toekomst(veld: &str, datum: NaiveDate, moment: Moment) -> Result<(), VeldFout> {
    if datum > moment.vandaag {
        return Err(VeldFout::new(
            veld,
            format!(
                "ligt in de toekomst; uiterlijk vandaag ({})",
                crate::grens::nl_datum(moment.vandaag)
            ),
        ));
    }
    Ok(())
}

/// What an event is, as far as who may record it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vastlegging {
    /// The plan (the school only its onderwijsondersteuning part).
    Plan,
    /// A TLV or an education outcome.
    Onderwijs,
    /// A melding of unsafety, crisis or calamity.
    Melding,
    /// Bought-in care.
    Inkoop,
    /// The school's consent to bought-in care.
    InkoopToestemmingSchool,
    /// The casusregisseur's own steps: akkoord, regie, a new party,
    /// evaluation, escalation, closing a melding or the case.
    Regie,
}

impl Gebeurtenis {
    pub fn vastlegging(&self) -> Vastlegging {
        match self {
            Gebeurtenis::Plan { .. } => Vastlegging::Plan,
            Gebeurtenis::Tlv { .. } | Gebeurtenis::Onderwijsuitkomst { .. } => {
                Vastlegging::Onderwijs
            }
            Gebeurtenis::Veiligheid { .. } => Vastlegging::Melding,
            Gebeurtenis::Inkoop { .. } => Vastlegging::Inkoop,
            Gebeurtenis::InkoopToestemmingSchool { .. } => Vastlegging::InkoopToestemmingSchool,
            Gebeurtenis::Akkoord { .. }
            | Gebeurtenis::Regisseur { .. }
            | Gebeurtenis::Partij { .. }
            | Gebeurtenis::Evaluatie(_)
            | Gebeurtenis::Escalatie { .. }
            | Gebeurtenis::VeiligheidAfgerond { .. }
            | Gebeurtenis::Afgesloten { .. } => Vastlegging::Regie,
        }
    }
}

/// Whose part of the case a kind of event is. Deny by default: every kind
/// names who may record it. Public so that a page shows only the forms a
/// user may send; [`Toestand::controleer`] applies it to every event.
pub fn mag_vastleggen(
    v: Vastlegging,
    wie: &Betrokkene,
    ctx: &Context,
    t: &Toestand,
) -> Result<(), Weigering> {
    let regisseur_van_casus = wie.rol == Rol::Casusregisseur && wie.organisatie == ctx.wijkteam;
    let school_van_casus = wie.rol == Rol::Zorgcoordinator
        && wie.soort == OrganisatieSoort::School
        && ctx.partijen.contains(&wie.organisatie);
    let partij = ctx.is_partij(wie.organisatie) && wie.rol.ziet_dossiers();
    let (mag, wie_wel) = match v {
        Vastlegging::Plan => (
            regisseur_van_casus || school_van_casus,
            "de casusregisseur (geheel) of de school (onderwijsdeel)",
        ),
        Vastlegging::Onderwijs => (
            regisseur_van_casus || school_van_casus,
            "de casusregisseur of de school",
        ),
        Vastlegging::Melding => (partij, "elke partij bij de casus"),
        Vastlegging::Inkoop => (
            wie.rol == Rol::Aanbieder
                && t.regisseur
                    == Some(Regisseur {
                        regie: Regie::Hoofdaanbieder,
                        organisatie: wie.organisatie,
                    }),
            "de hoofdaanbieder die de regie heeft",
        ),
        Vastlegging::InkoopToestemmingSchool => (
            school_van_casus
                && ctx
                    .jeugdigen
                    .iter()
                    .any(|(_, s)| *s == Some(wie.organisatie)),
            "de school van een jeugdige van het huishouden",
        ),
        Vastlegging::Regie => (regisseur_van_casus, "de casusregisseur van het basisteam"),
    };
    if mag {
        Ok(())
    } else {
        Err(verboden(
            "geen_deel_van_rol",
            format!("Dit legt {wie_wel} vast, niet de rol {}", wie.rol.naam()),
        ))
    }
}

impl Gebeurtenis {
    /// The event's code in the audit log and in the monitoring facts.
    pub fn code(&self) -> String {
        match self {
            Self::Plan { .. } => "plan".into(),
            Self::Akkoord { .. } => "akkoord".into(),
            Self::Regisseur { .. } => "regisseur".into(),
            Self::Partij { .. } => "partij".into(),
            Self::Evaluatie(_) => "evaluatie".into(),
            Self::Escalatie { stap, .. } => format!("escalatie.{}", stap.naam()),
            Self::Veiligheid { .. } => "veiligheid".into(),
            Self::VeiligheidAfgerond { .. } => "veiligheid_afgerond".into(),
            Self::Inkoop { .. } => "inkoop".into(),
            Self::InkoopToestemmingSchool { .. } => "inkoop_toestemming_school".into(),
            Self::Tlv { .. } => "tlv".into(),
            Self::Onderwijsuitkomst { uitkomst, .. } => format!("onderwijs.{}", uitkomst.naam()),
            Self::Afgesloten { .. } => "afgesloten".into(),
        }
    }

    /// The jeugdige the event is about, when it is about one.
    pub fn jeugdige(&self) -> Option<Id> {
        match self {
            Self::Tlv { jeugdige, .. } | Self::Onderwijsuitkomst { jeugdige, .. } => {
                Some(*jeugdige)
            }
            _ => None,
        }
    }

    /// Figures for monitoring, without personal data: the survey scores.
    pub fn waarden(&self) -> [Option<u8>; 2] {
        match self {
            Self::Evaluatie(e) => [e.tevredenheid_jeugdige, e.tevredenheid_ouders],
            _ => [None, None],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{DoelInvoer, Domein, PlanInvoer};

    const WIJKTEAM: Id = 10;
    const SCHOOL: Id = 20;
    const JGZ: Id = 30;
    const HOOFDAANBIEDER: Id = 40;
    const SPECIALIST: Id = 50;
    const SEM: Id = 1;

    fn datum(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("geldig")
    }

    fn moment() -> Moment {
        Moment {
            vandaag: datum(11, 24),
            einde_schooljaar: NaiveDate::from_ymd_opt(2027, 7, 31).expect("geldig"),
        }
    }

    fn ctx() -> Context {
        Context {
            wijkteam: WIJKTEAM,
            partijen: vec![SCHOOL, JGZ, HOOFDAANBIEDER],
            jeugdigen: vec![(SEM, Some(SCHOOL)), (2, None)],
            vertegenwoordigers: vec!["M. de Vries".into()],
            soorten: vec![
                (HOOFDAANBIEDER, OrganisatieSoort::Aanbieder),
                (SPECIALIST, OrganisatieSoort::Aanbieder),
                (JGZ, OrganisatieSoort::Jgz),
                (SCHOOL, OrganisatieSoort::School),
            ],
            hoofdaanbieders: vec![HOOFDAANBIEDER],
        }
    }

    fn regisseur() -> Betrokkene {
        Betrokkene {
            rol: Rol::Casusregisseur,
            organisatie: WIJKTEAM,
            soort: OrganisatieSoort::Wijkteam,
        }
    }

    fn school() -> Betrokkene {
        Betrokkene {
            rol: Rol::Zorgcoordinator,
            organisatie: SCHOOL,
            soort: OrganisatieSoort::School,
        }
    }

    fn aanbieder() -> Betrokkene {
        Betrokkene {
            rol: Rol::Aanbieder,
            organisatie: HOOFDAANBIEDER,
            soort: OrganisatieSoort::Aanbieder,
        }
    }

    fn plan() -> Plan {
        let doel = |domein, verantwoordelijke| DoelInvoer {
            nummer: None,
            domein,
            omschrijving: "doel".into(),
            indicator: "dagen op school".into(),
            nulmeting: "2".into(),
            streefwaarde: "5".into(),
            deadline: datum(12, 31),
            verantwoordelijke,
        };
        PlanInvoer {
            toekomstperspectief: "Weer volledig naar school".into(),
            doelen: vec![
                doel(Domein::Jeugdhulp, WIJKTEAM),
                doel(Domein::Onderwijsondersteuning, SCHOOL),
            ],
            stem_jeugdige: Some(Stem::Gehoord {
                inbreng: "Ik wil rust".into(),
            }),
        }
        .tot_plan(None, &ctx().alle_partijen())
        .expect("geldig")
    }

    /// Checks and records, as the storage layer would.
    fn doe(t: &mut Toestand, g: Gebeurtenis, wie: Betrokkene) -> Result<Gevolgen, Weigering> {
        let gevolgen = t.controleer(&g, &wie, &ctx(), moment())?;
        t.verwerk(&g, wie.organisatie);
        Ok(gevolgen)
    }

    fn evaluatie(scores: [Score; 2]) -> Gebeurtenis {
        Gebeurtenis::Evaluatie(Evaluatie {
            datum: datum(11, 20),
            scores: scores
                .iter()
                .enumerate()
                .map(|(i, s)| DoelScore {
                    doel: i as u32 + 1,
                    score: *s,
                    toelichting: None,
                })
                .collect(),
            stem_jeugdige: Stem::Gehoord {
                inbreng: "Het gaat niet goed".into(),
            },
            tevredenheid_jeugdige: Some(6),
            tevredenheid_ouders: Some(7),
        })
    }

    fn stap(stap: Stap) -> Gebeurtenis {
        Gebeurtenis::Escalatie {
            stap,
            toelichting: "besproken".into(),
        }
    }

    fn vastgesteld() -> Toestand {
        let mut t = Toestand::default();
        doe(&mut t, Gebeurtenis::Plan { plan: plan() }, regisseur()).expect("geldig");
        doe(
            &mut t,
            Gebeurtenis::Akkoord {
                vertegenwoordiger: "M. de Vries".into(),
                datum: datum(11, 2),
            },
            regisseur(),
        )
        .expect("geldig");
        t
    }

    const SLECHT: [Score; 2] = [Score::Onvoldoende, Score::Voldoende];
    const GOED: [Score; 2] = [Score::Behaald, Score::Voldoende];

    fn conflict(r: Result<Gevolgen, Weigering>) -> String {
        match r {
            Err(Weigering::Conflict(m)) => m,
            other => panic!("verwacht een conflict, kreeg {other:?}"),
        }
    }

    #[test]
    fn escalatie_gaat_stap_voor_stap() {
        let mut t = vastgesteld();
        // No step without an insufficient evaluation first.
        assert!(conflict(doe(&mut t, stap(Stap::Gesprek), regisseur())).contains("onvoldoende"));
        doe(&mut t, evaluatie(SLECHT), regisseur()).expect("geldig");
        // Illegal jumps from execution.
        conflict(doe(&mut t, stap(Stap::ExpertpoolAdvies), regisseur()));
        conflict(doe(&mut t, stap(Stap::Escalatie), regisseur()));
        doe(&mut t, stap(Stap::Gesprek), regisseur()).expect("geldig");
        assert_eq!(t.fase, Fase::Gesprek);
        // The expertpool advises only after a new insufficient evaluation.
        conflict(doe(&mut t, stap(Stap::ExpertpoolAdvies), regisseur()));
        conflict(doe(&mut t, stap(Stap::Escalatie), regisseur()));
        doe(&mut t, evaluatie(SLECHT), regisseur()).expect("geldig");
        doe(&mut t, stap(Stap::ExpertpoolAdvies), regisseur()).expect("geldig");
        conflict(doe(&mut t, stap(Stap::Escalatie), regisseur()));
        doe(&mut t, evaluatie(SLECHT), regisseur()).expect("geldig");
        doe(&mut t, stap(Stap::Escalatie), regisseur()).expect("geldig");
        assert_eq!(t.fase, Fase::Escalatie);
        conflict(doe(&mut t, stap(Stap::Gesprek), regisseur()));
    }

    #[test]
    fn afschalen_na_voldoende_evaluatie() {
        let mut t = vastgesteld();
        conflict(doe(&mut t, stap(Stap::Afgeschaald), regisseur()));
        doe(&mut t, evaluatie(SLECHT), regisseur()).expect("geldig");
        doe(&mut t, stap(Stap::Gesprek), regisseur()).expect("geldig");
        doe(&mut t, evaluatie(SLECHT), regisseur()).expect("geldig");
        conflict(doe(&mut t, stap(Stap::Afgeschaald), regisseur()));
        doe(&mut t, evaluatie(GOED), regisseur()).expect("geldig");
        conflict(doe(&mut t, stap(Stap::ExpertpoolAdvies), regisseur()));
        doe(&mut t, stap(Stap::Afgeschaald), regisseur()).expect("geldig");
        assert_eq!(t.fase, Fase::Uitvoering);
    }

    #[test]
    fn alleen_de_casusregisseur_schaalt_op() {
        let mut t = vastgesteld();
        doe(&mut t, evaluatie(SLECHT), regisseur()).expect("geldig");
        for wie in [school(), aanbieder()] {
            assert!(matches!(
                doe(&mut t, stap(Stap::Gesprek), wie),
                Err(Weigering::Verboden { .. })
            ));
            assert!(matches!(
                doe(&mut t, evaluatie(SLECHT), wie),
                Err(Weigering::Verboden { .. })
            ));
        }
        let ander_wijkteam = Betrokkene {
            organisatie: 11,
            ..regisseur()
        };
        assert!(matches!(
            doe(&mut t, stap(Stap::Gesprek), ander_wijkteam),
            Err(Weigering::Verboden { .. })
        ));
    }

    #[test]
    fn evaluatie_vraagt_vastgesteld_plan_en_elk_doel() {
        let mut t = Toestand::default();
        doe(&mut t, Gebeurtenis::Plan { plan: plan() }, regisseur()).expect("geldig");
        conflict(doe(&mut t, evaluatie(SLECHT), regisseur()));
        let mut t = vastgesteld();
        let Gebeurtenis::Evaluatie(mut e) = evaluatie(GOED) else {
            unreachable!()
        };
        e.scores.pop();
        e.tevredenheid_ouders = Some(11);
        e.stem_jeugdige = Stem::NietGehoord { reden: " ".into() };
        let Err(Weigering::Ongeldig(f)) = doe(&mut t, Gebeurtenis::Evaluatie(e), regisseur())
        else {
            panic!()
        };
        let velden: Vec<_> = f.0.iter().map(|f| f.veld.as_str()).collect();
        assert_eq!(velden, ["scores", "tevredenheidOuders", "stemJeugdige"]);
        assert!(f.0[0].melding.ends_with("doel 2"));
    }

    #[test]
    fn planwijziging_vraagt_nieuw_akkoord() {
        let mut t = vastgesteld();
        assert!(t.akkoord.is_some());
        let mut p = plan();
        p.doelen[1].streefwaarde = "4".into();
        doe(&mut t, Gebeurtenis::Plan { plan: p.clone() }, school()).expect("geldig");
        assert_eq!(t.akkoord, None);
        // The school may not touch the jeugdhulp goal.
        p.doelen[0].streefwaarde = "9".into();
        let Err(Weigering::Ongeldig(f)) = doe(&mut t, Gebeurtenis::Plan { plan: p }, school())
        else {
            panic!()
        };
        assert_eq!(f.0[0].veld, "doelen");
    }

    #[test]
    fn akkoord_maakt_termijnen_per_doel_en_schooljaar() {
        let mut t = Toestand::default();
        doe(&mut t, Gebeurtenis::Plan { plan: plan() }, regisseur()).expect("geldig");
        let onbekend = Gebeurtenis::Akkoord {
            vertegenwoordiger: "Buurman".into(),
            datum: datum(11, 2),
        };
        assert!(matches!(
            doe(&mut t, onbekend, regisseur()),
            Err(Weigering::Ongeldig(_))
        ));
        let g = doe(
            &mut t,
            Gebeurtenis::Akkoord {
                vertegenwoordiger: "M. de Vries".into(),
                datum: datum(11, 2),
            },
            regisseur(),
        )
        .expect("geldig");
        let termijnen: Vec<_> = g
            .termijnen
            .iter()
            .map(|t| (t.organisatie, t.uiterlijk))
            .collect();
        assert_eq!(
            termijnen,
            [
                (WIJKTEAM, datum(12, 31)),
                (SCHOOL, datum(12, 31)),
                (
                    WIJKTEAM,
                    NaiveDate::from_ymd_opt(2027, 7, 31).expect("geldig")
                )
            ]
        );
    }

    #[test]
    fn een_regisseur_per_huishouden() {
        let mut t = vastgesteld();
        let jgz = Gebeurtenis::Regisseur {
            regie: Regie::Perspectiefregie,
            organisatie: JGZ,
        };
        let hoofd = Gebeurtenis::Regisseur {
            regie: Regie::Hoofdaanbieder,
            organisatie: HOOFDAANBIEDER,
        };
        let verkeerd = Gebeurtenis::Regisseur {
            regie: Regie::Perspectiefregie,
            organisatie: HOOFDAANBIEDER,
        };
        let geen_oja = Gebeurtenis::Regisseur {
            regie: Regie::Hoofdaanbieder,
            organisatie: SPECIALIST,
        };
        let Err(Weigering::Ongeldig(f)) = doe(&mut t, geen_oja, regisseur()) else {
            panic!("only the hoofdaanbieder of a household school's OJA")
        };
        assert!(f.0[0].melding.contains("organisatie 40"), "{f:?}");
        assert!(matches!(
            doe(&mut t, verkeerd, regisseur()),
            Err(Weigering::Ongeldig(_))
        ));
        doe(&mut t, hoofd, regisseur()).expect("geldig");
        let m = conflict(doe(&mut t, jgz, regisseur()));
        assert!(m.contains("al een regisseur"), "{m}");
    }

    #[test]
    fn regisseur_brengt_een_partij_in() {
        let t = vastgesteld();
        let zonder_jgz = Context {
            partijen: vec![SCHOOL],
            ..ctx()
        };
        let partij = |organisatie| Gebeurtenis::Partij { organisatie };
        let jgz = partij(JGZ);
        assert!(matches!(
            t.controleer(&jgz, &school(), &zonder_jgz, moment()),
            Err(Weigering::Verboden { .. })
        ));
        let g = t
            .controleer(&jgz, &regisseur(), &zonder_jgz, moment())
            .expect("geldig");
        assert_eq!(g.nieuwe_partijen, [JGZ]);
        let m = conflict(t.controleer(&jgz, &regisseur(), &ctx(), moment()));
        assert_eq!(m, "Organisatie 30 is al partij bij deze casus");
        for (org, melding) in [
            (
                SPECIALIST,
                "een jeugdhulpaanbieder wordt partij via een verwijzing of een inkoop, niet door haar hier te noemen",
            ),
            (99, "bestaat niet"),
        ] {
            let Err(Weigering::Ongeldig(f)) =
                t.controleer(&partij(org), &regisseur(), &zonder_jgz, moment())
            else {
                panic!("{org} is no party the casusregisseur may bring in")
            };
            assert_eq!(
                (f.0[0].veld.as_str(), f.0[0].melding.as_str()),
                ("organisatie", melding)
            );
        }
    }

    #[test]
    fn inkoop_vraagt_toestemming_ouders_en_school() {
        let mut t = vastgesteld();
        let inkoop = Gebeurtenis::Inkoop {
            aanbieder: SPECIALIST,
            omschrijving: "Behandeling specialistisch".into(),
            toestemming_ouders: Toestemming {
                naam: "M. de Vries".into(),
                datum: datum(11, 10),
            },
        };
        // Only the hoofdaanbieder with regie buys in.
        assert!(matches!(
            doe(&mut t, inkoop.clone(), aanbieder()),
            Err(Weigering::Verboden { .. })
        ));
        doe(
            &mut t,
            Gebeurtenis::Regisseur {
                regie: Regie::Hoofdaanbieder,
                organisatie: HOOFDAANBIEDER,
            },
            regisseur(),
        )
        .expect("geldig");
        let g = doe(&mut t, inkoop, aanbieder()).expect("geldig");
        assert!(
            g.nieuwe_partijen.is_empty(),
            "not before the school consents"
        );
        let toestemming = Gebeurtenis::InkoopToestemmingSchool {
            inkoop: 1,
            datum: datum(11, 12),
        };
        assert!(matches!(
            doe(&mut t, toestemming.clone(), aanbieder()),
            Err(Weigering::Verboden { .. })
        ));
        assert_eq!(
            doe(&mut t, toestemming.clone(), school())
                .expect("geldig")
                .nieuwe_partijen,
            [SPECIALIST]
        );
        conflict(doe(&mut t, toestemming, school()));
    }

    #[test]
    fn veiligheid_door_elke_partij_in_elke_fase() {
        let mut t = Toestand::default();
        let melding = Gebeurtenis::Veiligheid {
            melding: Veiligheidssoort::Crisis,
            toelichting: "acuut".into(),
        };
        doe(&mut t, melding.clone(), aanbieder()).expect("geldig");
        assert_eq!(t.veiligheid.as_ref().map(|v| v.door), Some(HOOFDAANBIEDER));
        let buiten = Betrokkene {
            organisatie: 99,
            ..aanbieder()
        };
        assert!(matches!(
            doe(&mut t, melding, buiten),
            Err(Weigering::Verboden { .. })
        ));
        let klaar = Gebeurtenis::VeiligheidAfgerond {
            toelichting: "veilig".into(),
        };
        assert!(matches!(
            doe(&mut t, klaar.clone(), school()),
            Err(Weigering::Verboden { .. })
        ));
        doe(&mut t, klaar.clone(), regisseur()).expect("geldig");
        conflict(doe(&mut t, klaar, regisseur()));
    }

    #[test]
    fn tlv_van_eigen_leerling_geeft_termijn_aan_school() {
        let mut t = Toestand::default();
        let tlv = |jeugdige| Gebeurtenis::Tlv {
            jeugdige,
            geldig_van: datum(8, 1),
            geldig_tot: datum(7, 31),
        };
        let Err(Weigering::Ongeldig(f)) = doe(&mut t, tlv(SEM), school()) else {
            panic!()
        };
        assert_eq!(f.0[0].veld, "geldigTot");
        let tlv = |jeugdige| Gebeurtenis::Tlv {
            jeugdige,
            geldig_van: datum(8, 1),
            geldig_tot: NaiveDate::from_ymd_opt(2028, 7, 31).expect("geldig"),
        };
        let g = doe(&mut t, tlv(SEM), school()).expect("geldig");
        assert_eq!(g.termijnen[0].organisatie, SCHOOL);
        assert_eq!(
            g.termijnen[0].uiterlijk,
            NaiveDate::from_ymd_opt(2028, 7, 31).expect("geldig")
        );
        assert!(matches!(
            doe(&mut t, tlv(2), school()),
            Err(Weigering::Verboden { .. })
        ));
    }

    #[test]
    fn afgesloten_casus_neemt_niets_meer_aan() {
        let mut t = vastgesteld();
        let g = doe(
            &mut t,
            Gebeurtenis::Afgesloten {
                reden: "doelen behaald".into(),
            },
            regisseur(),
        )
        .expect("geldig");
        assert!(g.sluit);
        conflict(doe(&mut t, evaluatie(GOED), regisseur()));
    }

    #[test]
    fn gebeurtenis_als_json_heen_en_terug() {
        let g = evaluatie(SLECHT);
        let json = serde_json::to_string(&g).expect("geldig");
        assert!(json.starts_with(r#"{"soort":"evaluatie""#), "{json}");
        assert_eq!(
            serde_json::from_str::<Gebeurtenis>(&json).expect("geldig"),
            g
        );
    }
}
