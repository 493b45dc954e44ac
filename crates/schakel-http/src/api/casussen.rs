//! The joint case after triage (seed 003): one integral plan per household
//! and its course — agreement, regisseur, evaluations, escalation, unsafety,
//! bought-in care, TLVs and education outcomes — as recorded events. The
//! rules of the course live in `schakel_domain::verloop`; this module
//! decides who may see the case, builds the context the rules need, logs
//! every access per jeugdige of the household, and stores what the rules
//! accept together with its consequences.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use schakel_domain::VeldFouten;
use schakel_domain::plan::PlanInvoer;
use schakel_domain::verloop::{Betrokkene, Context, Gebeurtenis, Moment, Toestand, Weigering};
use schakel_rules::datum::Schooljaar;
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    Casus, CasusGebeurtenis, Huishouden, Id, Jeugdige, NieuwActiepunt, NieuweCasusGebeurtenis,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::vandaag;
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat, VeldFout};
use crate::invoer::{Invoer, Pad, StrikteInvoer};
use crate::openapi::{
    Conflict, Geweigerd, IfMatchVereist, NietGevonden, OngeldigeInvoer, VersieVerouderd,
};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct CasusPad {
    pub id: i64,
}

/// A case with everything the rules need: its household, the jeugdigen and
/// the events so far, folded into the current state.
pub struct CasusDossier {
    pub casus: Casus,
    pub huishouden: Huishouden,
    pub jeugdigen: Vec<Jeugdige>,
    pub gebeurtenissen: Vec<CasusGebeurtenis>,
    pub toestand: Toestand,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CasusDto {
    pub id: i64,
    pub huishouden: i64,
    pub wijkteam: i64,
    pub partijen: Vec<i64>,
    /// The number of recorded events; the ETag.
    pub versie: i64,
    #[schema(value_type = Object)]
    pub toestand: Toestand,
    #[schema(value_type = Vec<Object>)]
    pub gebeurtenissen: Vec<CasusGebeurtenis>,
}

impl CasusDossier {
    /// The household's jeugdigen by name, "Sem de Vries, Lotte de Vries".
    pub fn namen(&self) -> String {
        self.jeugdigen
            .iter()
            .map(|j| j.naam())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The number of recorded events: the ETag, and what a form expects.
    pub fn versie(&self) -> i64 {
        self.gebeurtenissen.last().map_or(0, |g| g.volgnummer)
    }

    fn antwoord(self, status: StatusCode) -> Response {
        let versie = self.versie();
        let dto = CasusDto {
            id: self.casus.id,
            huishouden: self.casus.huishouden,
            wijkteam: self.casus.wijkteam,
            partijen: self.casus.partijen,
            versie,
            toestand: self.toestand,
            gebeurtenissen: self.gebeurtenissen,
        };
        let mut r = (status, Json(dto)).into_response();
        if let Ok(v) = HeaderValue::from_str(&format!("\"{versie}\"")) {
            r.headers_mut().insert(header::ETAG, v);
        }
        r
    }
}

/// The ground on which this actor's organisation takes part in a case,
/// if it does: the case's wijkteam, or a party to it.
pub(crate) fn grond_bij_casus(actor: &Actor, casus: &Casus) -> Option<&'static str> {
    if !actor.rol.rol.ziet_dossiers() {
        return None;
    }
    let org = actor.rol.organisatie;
    if org == casus.wijkteam {
        Some("eigen_wijkteam_casus")
    } else if casus.partijen.contains(&org) {
        Some("partij_bij_casus")
    } else {
        None
    }
}

/// Why a role that is no party may not see a case; said as well for a case
/// id that does not exist.
const GEEN_PARTIJ: &str = "Alleen het wijkteam van de casus en de partijen erbij zien deze casus";

impl Dossier<'_> {
    /// One audit record per jeugdige of the household: the case is about
    /// each of them, and inzage by BSN must find it.
    pub(crate) fn casus_records(
        &self,
        cd: &CasusDossier,
        gebeurtenis: &str,
        actie: Actie,
        uitkomst: Uitkomst,
        grond: &str,
    ) -> Vec<schakel_storage::NieuwAuditRecord> {
        cd.jeugdigen
            .iter()
            .map(|j| {
                self.record(
                    gebeurtenis,
                    actie,
                    Some(&j.bsn),
                    ("casus", Some(cd.casus.id)),
                    uitkomst,
                    Some(grond),
                )
            })
            .collect()
    }

    pub(crate) async fn weiger_casus(
        &self,
        cd: &CasusDossier,
        gebeurtenis: &str,
        actie: Actie,
        reden: &str,
        melding: String,
    ) -> ApiFout {
        let records = self.casus_records(cd, gebeurtenis, actie, Uitkomst::Geweigerd, reden);
        if let Err(e) = self.state.opslag.schrijf_audits(records).await {
            return e.into();
        }
        self.log_weigering("casus", cd.casus.id, reden);
        ApiFout::Geweigerd(format!("{melding}; de poging is gelogd."))
    }

    /// Loads a case with its household, jeugdigen and course; an unknown id
    /// is refused (and logged) as one without relation would be, with
    /// `melding`.
    pub(crate) async fn laad_casus(
        &self,
        id: Id,
        gebeurtenis: &str,
        actie: Actie,
        melding: &str,
    ) -> ApiResultaat<CasusDossier> {
        let opslag = &self.state.opslag;
        let Some(casus) = opslag.casus(id).await? else {
            return Err(self
                .weiger(
                    gebeurtenis,
                    actie,
                    None,
                    ("casus", Some(id)),
                    crate::dossier::ONBEKEND_ID,
                    melding.into(),
                )
                .await);
        };
        let huishouden = opslag
            .huishouden(casus.huishouden)
            .await?
            .ok_or_else(|| ApiFout::intern("het huishouden van een casus bestaat niet"))?;
        let mut jeugdigen = Vec::with_capacity(huishouden.jeugdigen.len());
        for j in &huishouden.jeugdigen {
            if let Some(j) = opslag.jeugdige(*j).await? {
                jeugdigen.push(j);
            }
        }
        let gebeurtenissen = opslag.gebeurtenissen(id).await?;
        let toestand = Toestand::uit(
            gebeurtenissen
                .iter()
                .map(|g| (&g.gebeurtenis, g.door.organisatie)),
        );
        Ok(CasusDossier {
            casus,
            huishouden,
            jeugdigen,
            gebeurtenissen,
            toestand,
        })
    }

    /// Loads a case and checks that this actor's organisation takes part
    /// in it; a refusal is logged per jeugdige. Returns the ground.
    pub async fn casus(
        &self,
        id: Id,
        gebeurtenis: &str,
        actie: Actie,
    ) -> ApiResultaat<(CasusDossier, &'static str)> {
        let cd = self.laad_casus(id, gebeurtenis, actie, GEEN_PARTIJ).await?;
        match grond_bij_casus(self.actor, &cd.casus) {
            // A closed case is no longer open to plain reads (issue 12:
            // access ends with the relation), only to its wijkteam's
            // break-the-glass grant while it holds; writes meet the case's
            // own rule (nothing is added to a closed case).
            Some(_) if !cd.casus.open && actie == Actie::Lezen => {
                if self.noodtoegang_op(cd.casus.id).await?.is_some() {
                    return Ok((cd, super::noodtoegang::GROND));
                }
                Err(self
                    .weiger_casus(
                        &cd,
                        gebeurtenis,
                        actie,
                        "casus_gesloten",
                        "Deze casus is gesloten en niet meer in te zien; alleen het wijkteam dat \
                         hem voerde kan hem nog een tijd openen, met een reden (noodtoegang)"
                            .into(),
                    )
                    .await)
            }
            Some(grond) => Ok((cd, grond)),
            None => Err(self
                .weiger_casus(
                    &cd,
                    gebeurtenis,
                    actie,
                    "geen_partij_bij_casus",
                    GEEN_PARTIJ.into(),
                )
                .await),
        }
    }

    async fn context(&self, cd: &CasusDossier, g: &Gebeurtenis) -> ApiResultaat<Context> {
        let genoemd: Vec<(Id, &str)> = match g {
            Gebeurtenis::Regisseur { organisatie, .. } | Gebeurtenis::Partij { organisatie } => {
                vec![(*organisatie, "organisatie")]
            }
            Gebeurtenis::Inkoop { aanbieder, .. } => vec![(*aanbieder, "aanbieder")],
            _ => Vec::new(),
        };
        let mut soorten = Vec::new();
        for (id, veld) in genoemd {
            let org = self
                .state
                .opslag
                .organisatie(id)
                .await?
                .ok_or_else(|| ApiFout::veld(veld, format!("organisatie {id} bestaat niet")))?;
            soorten.push((id, org.soort));
        }
        let hoofdaanbieders = match g {
            Gebeurtenis::Regisseur { .. } => self.hoofdaanbieders(cd).await?,
            _ => Vec::new(),
        };
        Ok(Context {
            hoofdaanbieders,
            soorten,
            ..basiscontext(cd)
        })
    }

    /// The hoofdaanbieders of the OJA arrangements of the household's
    /// schools, as the directory records them.
    async fn hoofdaanbieders(&self, cd: &CasusDossier) -> ApiResultaat<Vec<Id>> {
        let mut scholen: Vec<Id> = cd
            .jeugdigen
            .iter()
            .filter_map(|j| j.gegevens.school)
            .collect();
        scholen.sort_unstable();
        scholen.dedup();
        let mut uit = Vec::new();
        for school in scholen {
            let gegevens = self.state.opslag.directory_gegevens(school).await?;
            if let Some(h) = gegevens
                .and_then(|g| g.oja)
                .filter(|o| o.geldt_op(super::vandaag()))
                .and_then(|o| o.hoofdaanbieder)
            {
                uit.push(h);
            }
        }
        Ok(uit)
    }

    async fn betrokkene(&self) -> ApiResultaat<Betrokkene> {
        let org = self
            .state
            .opslag
            .organisatie(self.actor.rol.organisatie)
            .await?
            .ok_or_else(|| ApiFout::intern("de organisatie van een rol bestaat niet"))?;
        Ok(Betrokkene {
            rol: self.actor.rol.rol,
            organisatie: org.id,
            soort: org.soort,
        })
    }

    /// Checks `g` against the case's rules and stores it with its
    /// consequences; returns the case as it now stands.
    pub async fn leg_vast(
        &self,
        mut cd: CasusDossier,
        g: Gebeurtenis,
        verwacht: Option<i64>,
    ) -> ApiResultaat<CasusDossier> {
        let code = format!("casus.{}", g.code());
        if let Some(v) = verwacht
            && v != cd.versie()
        {
            return Err(ApiFout::VersieVerouderd {
                huidig: cd.versie(),
            });
        }
        let wie = self.betrokkene().await?;
        let ctx = self.context(&cd, &g).await?;
        let vandaag = vandaag();
        let moment = Moment {
            vandaag,
            einde_schooljaar: Schooljaar::van_datum(vandaag).periode().tot,
        };
        let gevolgen = match cd.toestand.controleer(&g, &wie, &ctx, moment) {
            Ok(g) => g,
            Err(Weigering::Verboden { reden, melding }) => {
                return Err(self
                    .weiger_casus(&cd, &code, Actie::Wijzigen, reden, melding)
                    .await);
            }
            Err(Weigering::Conflict(m)) => return Err(ApiFout::Conflict(m)),
            Err(Weigering::Ongeldig(f)) => return Err(ongeldig(f)),
        };
        let acties = gevolgen
            .termijnen
            .iter()
            .map(|t| {
                let eigen = t.organisatie == self.actor.rol.organisatie;
                NieuwActiepunt::uit_termijn(
                    t,
                    Some(cd.casus.id),
                    eigen.then_some(self.actor.medewerker.id),
                )
            })
            .collect();
        let nieuw = NieuweCasusGebeurtenis {
            casus: cd.casus.id,
            volgnummer: cd.versie() + 1,
            gebeurtenis: g,
            door: self.actor.door(),
            nieuwe_partijen: gevolgen.nieuwe_partijen.clone(),
            sluit: gevolgen.sluit,
            acties,
        };
        let grond = grond_bij_casus(self.actor, &cd.casus).unwrap_or("partij_bij_casus");
        let mut records =
            self.casus_records(&cd, &code, Actie::Wijzigen, Uitkomst::Toegestaan, grond);
        // A party joining (the specialist of an inkoop) is a grant of access
        // to every jeugdige of the household.
        records.extend(self.verleend(super::route::Toegang {
            organisaties: gevolgen.nieuwe_partijen.clone(),
            jeugdigen: cd.jeugdigen.iter().map(|j| &j.bsn).collect(),
            grond: "casus_gebeurtenis",
        }));
        let opgeslagen = self
            .state
            .opslag
            .voeg_gebeurtenis_toe(&nieuw, &records)
            .await?;
        cd.toestand
            .verwerk(&opgeslagen.gebeurtenis, opgeslagen.door.organisatie);
        cd.casus.partijen.extend(gevolgen.nieuwe_partijen);
        cd.casus.open = cd.toestand.open;
        cd.gebeurtenissen.push(opgeslagen);
        Ok(cd)
    }
}

/// The case's parties, jeugdigen and representatives as the rules see
/// them; without what only some events need (the kinds of organisations an
/// event names, the household's hoofdaanbieders).
pub fn basiscontext(cd: &CasusDossier) -> Context {
    Context {
        wijkteam: cd.casus.wijkteam,
        partijen: cd.casus.partijen.clone(),
        jeugdigen: cd
            .jeugdigen
            .iter()
            .map(|j| (j.id, j.gegevens.school))
            .collect(),
        vertegenwoordigers: cd
            .huishouden
            .vertegenwoordigers
            .iter()
            .map(|v| v.naam.clone())
            .collect(),
        soorten: Vec::new(),
        hoofdaanbieders: Vec::new(),
    }
}

pub fn ongeldig(f: VeldFouten) -> ApiFout {
    ApiFout::Ongeldig(
        f.0.into_iter()
            .map(|f| VeldFout {
                name: f.veld,
                reason: f.melding,
            })
            .collect(),
    )
}

/// The version a client last read, from `If-Match`, when it sent one.
fn if_match(headers: &HeaderMap) -> ApiResultaat<Option<i64>> {
    let Some(v) = headers.get(header::IF_MATCH) else {
        return Ok(None);
    };
    v.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .map(Some)
        .ok_or_else(|| {
            ApiFout::veld(
                "If-Match",
                "verwacht de ETag van de laatst opgehaalde versie, bijvoorbeeld \"3\"",
            )
        })
}

/// The case: plan, state and course, for its wijkteam and its parties.
#[utoipa::path(get, path = "/casussen/{id}", operation_id = "leesCasus", tag = "route", params(("id" = i64, Path)),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De casus met plan, toestand en verloop; de ETag is de versie", body = CasusDto, headers(("ETag" = String))), (status = 403, response = Geweigerd),
              (status = 404, response = NietGevonden)))]
pub async fn lees(
    State(state): State<AppState>,
    actor: Actor,
    Pad(CasusPad { id }): Pad<CasusPad>,
) -> ApiResultaat<Response> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(lees_casus(&dossier, id).await?.antwoord(StatusCode::OK))
}

/// Reads a case for its wijkteam and parties, logged per jeugdige of the
/// household (the API and the web pages).
pub async fn lees_casus(dossier: &Dossier<'_>, id: Id) -> ApiResultaat<CasusDossier> {
    let (cd, grond) = dossier.casus(id, "casus.lezen", Actie::Lezen).await?;
    let records = dossier.casus_records(
        &cd,
        "casus.lezen",
        Actie::Lezen,
        Uitkomst::Toegestaan,
        grond,
    );
    dossier.state.opslag.schrijf_audits(records).await?;
    Ok(cd)
}

/// Draws up or changes the integral plan. The casusregisseur changes the
/// whole plan, the school only its onderwijsondersteuning goals; a change
/// needs the vertegenwoordiger's agreement again. Requires If-Match.
#[utoipa::path(put, path = "/casussen/{id}/plan", operation_id = "zetPlan", tag = "route", params(("id" = i64, Path), ("If-Match" = String, Header)),
    request_body = PlanInvoer,
    responses((status = 200, description = "De casus met het nieuwe plan", body = CasusDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 412, response = VersieVerouderd),
              (status = 428, response = IfMatchVereist)))]
pub async fn zet_plan(
    State(state): State<AppState>,
    actor: Actor,
    Pad(CasusPad { id }): Pad<CasusPad>,
    headers: HeaderMap,
    Invoer(invoer): Invoer<PlanInvoer>,
) -> ApiResultaat<Response> {
    let verwacht = if_match(&headers)?.ok_or(ApiFout::IfMatchVereist)?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let cd = zet_plan_voor(&dossier, id, verwacht, invoer).await?;
    Ok(cd.antwoord(StatusCode::OK))
}

/// Draws up or changes the plan, for the version the writer last read
/// (the API and the web page).
pub async fn zet_plan_voor(
    dossier: &Dossier<'_>,
    id: Id,
    verwacht: i64,
    invoer: PlanInvoer,
) -> ApiResultaat<CasusDossier> {
    let (cd, _) = dossier.casus(id, "casus.plan", Actie::Wijzigen).await?;
    let mut partijen = vec![cd.casus.wijkteam];
    partijen.extend(&cd.casus.partijen);
    let plan = invoer
        .tot_plan(cd.toestand.plan.as_ref(), &partijen)
        .map_err(ongeldig)?;
    dossier
        .leg_vast(cd, Gebeurtenis::Plan { plan }, Some(verwacht))
        .await
}

/// Records a step in the case's course: `akkoord`, `regisseur`, `partij`
/// (the casusregisseur brings in the JGZ or a household's school),
/// `evaluatie`, `escalatie`, `veiligheid`, `veiligheid_afgerond`, `inkoop`,
/// `inkoop_toestemming_school`, `tlv`, `onderwijsuitkomst` or `afgesloten`
/// (tagged by `soort`). The plan itself changes with PUT …/plan. With
/// If-Match, a stale version gets 412.
#[utoipa::path(post, path = "/casussen/{id}/gebeurtenissen", operation_id = "legGebeurtenisVast", tag = "route", params(("id" = i64, Path)),
    request_body(content = Object, description = "Een gebeurtenis, getagd met soort"),
    responses((status = 201, description = "De casus met de vastgelegde gebeurtenis", body = CasusDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn leg_gebeurtenis_vast(
    State(state): State<AppState>,
    actor: Actor,
    Pad(CasusPad { id }): Pad<CasusPad>,
    headers: HeaderMap,
    StrikteInvoer(g): StrikteInvoer<Gebeurtenis>,
) -> ApiResultaat<Response> {
    if matches!(g, Gebeurtenis::Plan { .. }) {
        return Err(ApiFout::veld(
            "soort",
            "het plan wijzigt met PUT /api/v1/casussen/{id}/plan",
        ));
    }
    let verwacht = if_match(&headers)?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let cd = leg_gebeurtenis_vast_voor(&dossier, id, g, verwacht).await?;
    Ok(cd.antwoord(StatusCode::CREATED))
}

/// Records a step in the case's course (the API and the web pages).
pub async fn leg_gebeurtenis_vast_voor(
    dossier: &Dossier<'_>,
    id: Id,
    g: Gebeurtenis,
    verwacht: Option<i64>,
) -> ApiResultaat<CasusDossier> {
    let (cd, _) = dossier
        .casus(id, &format!("casus.{}", g.code()), Actie::Wijzigen)
        .await?;
    dossier.leg_vast(cd, g, verwacht).await
}
