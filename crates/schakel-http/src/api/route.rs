//! The support route (seed 003): a contact person of a school or a
//! municipal basisteam registers a hulpvraag; triage hands it to the one
//! party it concerns, or opens a joint case when it concerns both.
//! Every step is logged with the pseudonym of the jeugdige it is about.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use schakel_domain::Bsn;
use schakel_domain::{OrganisatieSoort, Rol, Triage, route};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    Casus, Hulpvraag, Id, Jeugdige, NieuweCasus, NieuweHulpvraag, OpslagFout, Organisatie,
    Triagebesluit,
};
use schakel_storage::{HulpvraagStand, HulpvragenFilter, HulpvragenSortering, Periode};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::api::lijstkeuze::keuze;
use crate::auth::Actor;
use crate::dossier::{Dossier, organisatie_van_soort};
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Controle, Invoer, Pad};
use crate::openapi::{Conflict, Geweigerd, NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

/// The roles of seed 003's contact persons: the zorgcoördinator of a
/// school and the casusregisseur or wijkteammedewerker of a basisteam.
const CONTACTPERSONEN: [Rol; 3] = [
    Rol::Zorgcoordinator,
    Rol::Casusregisseur,
    Rol::Wijkteammedewerker,
];

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HulpvraagInvoer {
    pub jeugdige: i64,
    pub omschrijving: String,
}

impl Dossier<'_> {
    pub(crate) async fn eigen_organisatie(&self) -> ApiResultaat<Organisatie> {
        self.state
            .opslag
            .organisatie(self.actor.rol.organisatie)
            .await?
            .ok_or_else(|| ApiFout::intern("de organisatie van een rol bestaat niet"))
    }

    /// Refuses, logs the refusal about `j` (when known) and says why.
    pub(crate) async fn weiger(
        &self,
        gebeurtenis: &str,
        actie: Actie,
        j: Option<&Jeugdige>,
        object: (&str, Option<Id>),
        reden: &str,
        melding: String,
    ) -> ApiFout {
        let record = self.record(
            gebeurtenis,
            actie,
            j.map(|j| &j.bsn),
            object,
            Uitkomst::Geweigerd,
            Some(reden),
        );
        if let Err(e) = self.state.opslag.schrijf_audit(&record).await {
            return e.into();
        }
        self.log_weigering(object.0, object.1.unwrap_or_default(), reden);
        ApiFout::Geweigerd(format!("{melding}; de poging is gelogd."))
    }
}

/// A contact person registers a hulpvraag: a school for its own pupil, a
/// basisteam for a jeugdige of a household it registered or works with.
#[utoipa::path(post, path = "/hulpvragen", operation_id = "maakHulpvraag", tag = "route", request_body = HulpvraagInvoer,
    responses((status = 400, response = OngeldigeInvoer), (status = 201, description = "De nieuwe hulpvraag", body = Object), (status = 403, response = Geweigerd)))]
pub async fn maak_hulpvraag(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<HulpvraagInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let h = registreer_hulpvraag(&dossier, &i).await?;
    Ok((StatusCode::CREATED, Json(h)))
}

/// Registers a hulpvraag for `dossier`'s actor (the API and the web page).
pub async fn registreer_hulpvraag(
    dossier: &Dossier<'_>,
    i: &HulpvraagInvoer,
) -> ApiResultaat<Hulpvraag> {
    let state = dossier.state;
    let actor = dossier.actor;
    const WAT: &str = "hulpvraag.aanmaken";
    let j = state.opslag.jeugdige(i.jeugdige).await?;
    let org = dossier.eigen_organisatie().await?;
    if !CONTACTPERSONEN.contains(&actor.rol.rol) || !route::mag_registreren(org.soort) {
        return Err(dossier
            .weiger(
                WAT,
                Actie::Aanmaken,
                j.as_ref(),
                ("jeugdige", Some(i.jeugdige)),
                "rol_mag_niet_registreren",
                format!(
                    "Een hulpvraag registreert de contactpersoon van een school of basisteam, niet de rol {}",
                    actor.rol.rol.naam()
                ),
            )
            .await);
    }
    if i.omschrijving.trim().is_empty() {
        return Err(ApiFout::veld("omschrijving", "verplicht"));
    }
    let j = j.ok_or_else(|| ApiFout::veld("jeugdige", "bestaat niet"))?;
    let (mag, grond) = match org.soort {
        OrganisatieSoort::School => (j.gegevens.school == Some(org.id), "leerling_eigen_school"),
        _ => {
            let h = state
                .opslag
                .huishouden(j.huishouden)
                .await?
                .ok_or(ApiFout::NietGevonden)?;
            (
                dossier.ziet_huishouden(&h).await?,
                "huishouden_eigen_basisteam",
            )
        }
    };
    if !mag {
        return Err(dossier
            .weiger(
                WAT,
                Actie::Aanmaken,
                Some(&j),
                ("jeugdige", Some(j.id)),
                "geen_relatie",
                match org.soort {
                    OrganisatieSoort::School => "Alleen voor leerlingen van uw eigen school".into(),
                    _ => "Alleen voor jeugdigen van een huishouden dat uw basisteam registreerde of waarmee het werkt".into(),
                },
            )
            .await);
    }
    let record = dossier.record(
        WAT,
        Actie::Aanmaken,
        Some(&j.bsn),
        ("hulpvraag", None),
        Uitkomst::Toegestaan,
        Some(grond),
    );
    let h = state
        .opslag
        .maak_hulpvraag(
            &NieuweHulpvraag {
                jeugdige: j.id,
                organisatie: org.id,
                omschrijving: i.omschrijving.trim().into(),
            },
            &record,
        )
        .await?;
    Ok(h)
}

/// A hulpvraag, for the organisation that registered it and the one that
/// handles it (so the registrant sees where it went).
#[utoipa::path(get, path = "/hulpvragen/{id}", operation_id = "leesHulpvraag", tag = "route",
    params(("id" = i64, Path)),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De hulpvraag en waar ze is gebleven", body = Object), (status = 403, response = Geweigerd),
        (status = 404, response = NietGevonden)))]
pub async fn lees_hulpvraag(
    State(state): State<AppState>,
    actor: Actor,
    Pad(id): Pad<i64>,
) -> ApiResultaat<Json<Hulpvraag>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(lees_hulpvraag_voor(&dossier, id).await?.0))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HulpvragenVraag {
    /// Only the open ones (default `true`).
    pub open: Option<bool>,
    /// `te_trieren`, `oppakken` (handed over to the own organisation),
    /// `bij_ons` or `overgedragen` (handed over to another).
    pub stand: Option<String>,
    /// Only those about a pupil of this school (an organisation id).
    pub school: Option<i64>,
    /// When it was asked: `week` (within 7 days), `maand` (within 30
    /// days) or `ouder` (30 days ago or longer).
    pub periode: Option<String>,
    /// `nieuwste` (default) or `oudste` first, by when it was asked.
    pub sorteer: Option<String>,
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

impl HulpvragenVraag {
    /// The storage filter for `organisatie`, every wrong choice named with
    /// what is allowed.
    fn filter(&self, organisatie: Id) -> ApiResultaat<HulpvragenFilter> {
        let mut c = Controle::default();
        let stand = keuze(
            &mut c,
            "stand",
            self.stand.as_deref(),
            &HulpvraagStand::ALLE,
            HulpvraagStand::naam,
        );
        let periode = keuze(
            &mut c,
            "periode",
            self.periode.as_deref(),
            &Periode::ALLE,
            Periode::naam,
        );
        let sortering = keuze(
            &mut c,
            "sorteer",
            self.sorteer.as_deref(),
            &HulpvragenSortering::ALLE,
            HulpvragenSortering::naam,
        );
        c.klaar()?;
        let (aangemaakt_vanaf, aangemaakt_voor) =
            periode.map_or((None, None), |p| p.grenzen(schakel_storage::klok::nu()));
        Ok(HulpvragenFilter {
            organisatie,
            alleen_open: self.open.unwrap_or(true),
            stand,
            zoek: None,
            school: self.school,
            aangemaakt_vanaf,
            aangemaakt_voor,
            sortering: sortering.unwrap_or_default(),
        })
    }
}

/// The hulpvragen the own organisation registered or handles (by default
/// the open ones, the newest first), by stand, school and when they were
/// asked: a zorgcoördinator's pupils with open questions. Each listed
/// hulpvraag is a logged read of its jeugdige.
#[utoipa::path(get, path = "/hulpvragen", operation_id = "lijstHulpvragen", tag = "route", params(HulpvragenVraag),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina hulpvragen van de eigen organisatie", body = Object), (status = 403, response = Geweigerd)))]
pub async fn hulpvragen(
    State(state): State<AppState>,
    actor: Actor,
    crate::invoer::Vraag(v): crate::invoer::Vraag<HulpvragenVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let pagina = crate::api::PaginaVraag {
        pagina: v.pagina,
        per_pagina: v.per_pagina,
    }
    .pagina()?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let filter = v.filter(actor.rol.organisatie)?;
    let lijst = eigen_hulpvragen(&dossier, &filter, pagina).await?;
    Ok(Json(serde_json::json!({
        "items": lijst.items.iter().map(|(h, _)| h).collect::<Vec<_>>(),
        "paginering": crate::api::Paginering::new(&pagina, lijst.totaal),
    })))
}

/// The own organisation's hulpvragen with their jeugdigen as `filter`
/// narrows them (its organisation is always the actor's; the API and the
/// web page): for the roles that see dossiers, each read logged in one
/// transaction before the items are handed out.
pub async fn eigen_hulpvragen(
    dossier: &Dossier<'_>,
    filter: &HulpvragenFilter,
    pagina: schakel_storage::Pagina,
) -> ApiResultaat<schakel_storage::Lijst<(Hulpvraag, Jeugdige)>> {
    let (state, actor) = (dossier.state, dossier.actor);
    if !actor.rol.rol.ziet_dossiers() {
        return Err(ApiFout::Geweigerd(format!(
            "De rol {} ziet geen persoonsgegevens.",
            actor.rol.rol.naam()
        )));
    }
    let org = actor.rol.organisatie;
    let filter = HulpvragenFilter {
        organisatie: org,
        ..filter.clone()
    };
    let lijst = state.opslag.hulpvragen_van(&filter, pagina).await?;
    let mut ids: Vec<Id> = lijst.items.iter().map(|h| h.jeugdige).collect();
    ids.sort_unstable();
    ids.dedup();
    let jeugdigen: std::collections::HashMap<Id, Jeugdige> = state
        .opslag
        .jeugdigen_op_id(&ids)
        .await?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    let mut items = Vec::with_capacity(lijst.items.len());
    let mut records = Vec::with_capacity(lijst.items.len());
    for h in lijst.items {
        let Some(j) = jeugdigen.get(&h.jeugdige).cloned() else {
            continue;
        };
        records.push(dossier.record(
            "hulpvraag.lijst",
            Actie::Lezen,
            Some(&j.bsn),
            ("hulpvraag", Some(h.id)),
            Uitkomst::Toegestaan,
            Some(if h.organisatie == org {
                "registrant"
            } else {
                "behandelaar"
            }),
        ));
        items.push((h, j));
    }
    state.opslag.schrijf_audits(records).await?;
    Ok(schakel_storage::Lijst {
        items,
        totaal: lijst.totaal,
    })
}

/// A hulpvraag and its jeugdige, for the organisation that registered or
/// handles it; the read (or its refusal) is logged.
pub async fn lees_hulpvraag_voor(
    dossier: &Dossier<'_>,
    id: Id,
) -> ApiResultaat<(Hulpvraag, Jeugdige)> {
    let state = dossier.state;
    let actor = dossier.actor;
    let (h, j) =
        hulpvraag_met_jeugdige(dossier, id, ("hulpvraag.lezen", Actie::Lezen, NIET_EIGEN)).await?;
    let eigen = actor.rol.rol.ziet_dossiers()
        && [h.organisatie, h.behandelaar].contains(&actor.rol.organisatie);
    if !eigen {
        return Err(dossier
            .weiger(
                "hulpvraag.lezen",
                Actie::Lezen,
                Some(&j),
                ("hulpvraag", Some(id)),
                "geen_relatie",
                NIET_EIGEN.into(),
            )
            .await);
    }
    let record = dossier.record(
        "hulpvraag.lezen",
        Actie::Lezen,
        Some(&j.bsn),
        ("hulpvraag", Some(id)),
        Uitkomst::Toegestaan,
        Some(if h.organisatie == actor.rol.organisatie {
            "registrant"
        } else {
            "behandelaar"
        }),
    );
    state.opslag.schrijf_audit(&record).await?;
    Ok((h, j))
}

/// Who sees a hulpvraag; said as well for an id that does not exist.
const NIET_EIGEN: &str =
    "Alleen de organisatie die de hulpvraag registreerde of behandelt, ziet haar";
/// Who triages; said as well for an id that does not exist.
const GEEN_REGISTRANT: &str =
    "Alleen de contactpersoon van de organisatie die de hulpvraag registreerde, trieert haar";

/// A hulpvraag and its jeugdige; for an id that does not exist, the
/// refusal (`melding`) a role without a relation gets for one that does.
async fn hulpvraag_met_jeugdige(
    dossier: &Dossier<'_>,
    id: Id,
    (gebeurtenis, actie, melding): (&str, Actie, &str),
) -> ApiResultaat<(Hulpvraag, Jeugdige)> {
    let state = dossier.state;
    let Some(h) = state.opslag.hulpvraag(id).await? else {
        return Err(dossier
            .weiger(
                gebeurtenis,
                actie,
                None,
                ("hulpvraag", Some(id)),
                crate::dossier::ONBEKEND_ID,
                melding.into(),
            )
            .await);
    };
    let j = state
        .opslag
        .jeugdige(h.jeugdige)
        .await?
        .ok_or_else(|| ApiFout::intern("een hulpvraag zonder jeugdige"))?;
    Ok((h, j))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TriageInvoer {
    pub uitkomst: Triage,
    /// The wijkteam serving the address: needed when a school hands a
    /// question to the municipality or opens a joint case.
    pub wijkteam: Option<i64>,
    /// Further parties of a joint case (JGZ, a provider, …).
    #[serde(default)]
    pub partijen: Vec<i64>,
}

/// Triage by the registrant: only the municipality, only education, or
/// both. Only "beide" opens a joint case (or joins the household's open
/// case: one household, one plan); otherwise the question is handed over.
#[utoipa::path(post, path = "/hulpvragen/{id}/triage", operation_id = "trieerHulpvraag", tag = "route", request_body = TriageInvoer,
    params(("id" = i64, Path)),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De getrieerde hulpvraag", body = Object), (status = 403, response = Geweigerd),
        (status = 409, response = Conflict)))]
pub async fn trieer(
    State(state): State<AppState>,
    actor: Actor,
    Pad(id): Pad<i64>,
    Invoer(i): Invoer<TriageInvoer>,
) -> ApiResultaat<Json<Hulpvraag>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(trieer_hulpvraag(&dossier, id, &i).await?))
}

/// Triage by the registrant (the API and the web page).
pub async fn trieer_hulpvraag(
    dossier: &Dossier<'_>,
    id: Id,
    i: &TriageInvoer,
) -> ApiResultaat<Hulpvraag> {
    let state = dossier.state;
    let actor = dossier.actor;
    const WAT: &str = "hulpvraag.trieren";
    let (h, j) =
        hulpvraag_met_jeugdige(dossier, id, (WAT, Actie::Wijzigen, GEEN_REGISTRANT)).await?;
    if !CONTACTPERSONEN.contains(&actor.rol.rol) || h.organisatie != actor.rol.organisatie {
        return Err(dossier
            .weiger(
                WAT,
                Actie::Wijzigen,
                Some(&j),
                ("hulpvraag", Some(id)),
                "geen_registrant",
                GEEN_REGISTRANT.into(),
            )
            .await);
    }
    let registrant = dossier.eigen_organisatie().await?;
    let besluit = dossier.triagebesluit(&registrant, &j, i).await?;
    let record = dossier.record(
        WAT,
        Actie::Wijzigen,
        Some(&j.bsn),
        ("hulpvraag", Some(id)),
        Uitkomst::Toegestaan,
        Some("registrant"),
    );
    state
        .opslag
        .trieer_hulpvraag(id, &besluit, &record)
        .await
        .map_err(partijen_fout)
}

/// The case a "beide" triage goes to: a new one, or the household's open
/// case it joins (`aansluiten`); and who gains access by it.
struct Gezamenlijk {
    casus: NieuweCasus,
    aansluiten: Option<Id>,
    nieuw: Vec<Id>,
}

/// Who gains access by a triage or a new case: these organisations, to
/// these jeugdigen, on this ground.
pub(crate) struct Toegang<'a> {
    pub organisaties: Vec<Id>,
    pub jeugdigen: Vec<&'a Bsn>,
    pub grond: &'static str,
}

impl Dossier<'_> {
    /// The jeugdigen of a household, for the records of what opens to
    /// whom: a case is about each of them.
    pub(crate) async fn jeugdigen_van(&self, huishouden: Id) -> ApiResultaat<Vec<Jeugdige>> {
        let h = self
            .state
            .opslag
            .huishouden(huishouden)
            .await?
            .ok_or(ApiFout::NietGevonden)?;
        let mut uit = Vec::with_capacity(h.jeugdigen.len());
        for id in h.jeugdigen {
            uit.extend(self.state.opslag.jeugdige(id).await?);
        }
        Ok(uit)
    }

    /// One `toegang.verleend` record per organisation and jeugdige: every
    /// grant of access shows in each jeugdige's inzage (AVG art. 15).
    pub(crate) fn verleend(&self, t: Toegang<'_>) -> Vec<schakel_storage::NieuwAuditRecord> {
        t.organisaties
            .iter()
            .flat_map(|org| {
                t.jeugdigen.iter().map(move |bsn| {
                    self.record(
                        "toegang.verleend",
                        Actie::Aanmaken,
                        Some(bsn),
                        ("organisatie", Some(*org)),
                        Uitkomst::Toegestaan,
                        Some(t.grond),
                    )
                })
            })
            .collect()
    }

    /// Who handles the question after triage, and the joint case if any,
    /// with a record of every access it opens.
    async fn triagebesluit(
        &self,
        registrant: &Organisatie,
        j: &Jeugdige,
        i: &TriageInvoer,
    ) -> ApiResultaat<Triagebesluit> {
        let besluit = |behandelaar, casus, aansluiten, toegang| Triagebesluit {
            uitkomst: i.uitkomst,
            behandelaar,
            door: self.actor.medewerker.id,
            casus,
            aansluiten,
            toegang,
        };
        match i.uitkomst {
            Triage::Gemeente | Triage::Onderwijs => {
                let behandelaar = if i.uitkomst == Triage::Gemeente {
                    self.triage_wijkteam(registrant, j, i.wijkteam).await?
                } else {
                    onderwijs_behandelaar(registrant, j)?
                };
                let toegang = self.verleend(Toegang {
                    organisaties: vec![behandelaar]
                        .into_iter()
                        .filter(|b| *b != registrant.id)
                        .collect(),
                    jeugdigen: vec![&j.bsn],
                    grond: "triage_overdracht",
                });
                Ok(besluit(behandelaar, None, None, toegang))
            }
            Triage::Beide => {
                let jeugdigen = self.jeugdigen_van(j.huishouden).await?;
                let bsns = jeugdigen.iter().map(|x| &x.bsn).collect();
                let g = match self.state.opslag.open_casus(j.huishouden).await? {
                    Some(open) => self.aansluiten(&open, registrant, j, i)?,
                    None => self.nieuwe_casus(registrant, j, i).await?,
                };
                let toegang = self.verleend(Toegang {
                    organisaties: g.nieuw,
                    jeugdigen: bsns,
                    grond: "triage_beide",
                });
                Ok(besluit(registrant.id, Some(g.casus), g.aansluiten, toegang))
            }
        }
    }

    /// The wijkteam a question goes to: the registrant itself when it is
    /// one; otherwise the named wijkteam, which must be the one serving
    /// the jeugdige's address as the directory says (any wijkteam of the
    /// region where the directory knows none).
    async fn triage_wijkteam(
        &self,
        registrant: &Organisatie,
        j: &Jeugdige,
        genoemd: Option<Id>,
    ) -> ApiResultaat<Id> {
        if registrant.soort == OrganisatieSoort::Wijkteam {
            return match genoemd {
                Some(w) if w != registrant.id => Err(ApiFout::veld(
                    "wijkteam",
                    "een wijkteam trieert voor zichzelf: laat dit veld leeg of noem het eigen wijkteam",
                )),
                _ => Ok(registrant.id),
            };
        }
        let id = genoemd.ok_or_else(|| {
            ApiFout::veld("wijkteam", "verplicht: het wijkteam dat het adres bedient")
        })?;
        let w =
            organisatie_van_soort(self.state, id, OrganisatieSoort::Wijkteam, "wijkteam").await?;
        let bedienen = super::toegangsroute::wijkteams_van_adres(self.state, j).await?;
        if !bedienen.is_empty() && !bedienen.contains(&id) {
            let mut namen = Vec::new();
            for b in &bedienen {
                let naam = self.state.opslag.organisatie(*b).await?.map(|o| o.naam);
                namen.push(format!("{} (id {b})", naam.unwrap_or_default()));
            }
            let namen = namen.join(" of ");
            return Err(ApiFout::veld(
                "wijkteam",
                format!(
                    "dit wijkteam bedient het adres van de jeugdige niet; volgens de gids doet {namen} dat (zoek het op met Wijkteam zoeken)"
                ),
            ));
        }
        if bedienen.is_empty() && w.regio != registrant.regio {
            return Err(ApiFout::veld(
                "wijkteam",
                "dit wijkteam hoort bij een andere regio dan uw organisatie",
            ));
        }
        Ok(id)
    }

    /// A new joint case: the wijkteam serving the address, the jeugdige's
    /// school and the named parties the support route allows (each
    /// checked by its kind). Returns the case and who gains access.
    async fn nieuwe_casus(
        &self,
        registrant: &Organisatie,
        j: &Jeugdige,
        i: &TriageInvoer,
    ) -> ApiResultaat<Gezamenlijk> {
        let wijkteam = self.triage_wijkteam(registrant, j, i.wijkteam).await;
        let scholen: Vec<Id> = j.gegevens.school.into_iter().collect();
        let genoemd = self
            .toegestane_partijen(&i.partijen, &scholen, i.wijkteam.unwrap_or(registrant.id))
            .await;
        let (wijkteam, genoemd) = beide_of_alle_fouten(wijkteam, genoemd)?;
        let eigen = (registrant.soort == OrganisatieSoort::School
            && j.gegevens.school == Some(registrant.id))
        .then_some(registrant.id);
        let mut partijen: Vec<Id> = genoemd
            .into_iter()
            .chain(j.gegevens.school)
            .chain(eigen)
            .filter(|p| *p != wijkteam)
            .collect();
        partijen.sort_unstable();
        partijen.dedup();
        let mut nieuw = vec![wijkteam];
        nieuw.extend(&partijen);
        let casus = NieuweCasus {
            huishouden: j.huishouden,
            wijkteam,
            partijen,
        };
        Ok(Gezamenlijk {
            casus,
            aansluiten: None,
            nieuw,
        })
    }

    /// Joining the household's open case (one household, one plan) adds
    /// no party the case's casusregisseur did not choose: a named wijkteam
    /// must be the case's, and a named party must be one already. Only the
    /// jeugdige's own school, which brought the question, joins (it sees
    /// its own pupil only). Returns the case and who gains access.
    fn aansluiten(
        &self,
        open: &Casus,
        registrant: &Organisatie,
        j: &Jeugdige,
        i: &TriageInvoer,
    ) -> ApiResultaat<Gezamenlijk> {
        let mut c = Controle::default();
        let ander_wijkteam = i.wijkteam.is_some_and(|w| w != open.wijkteam)
            || (registrant.soort == OrganisatieSoort::Wijkteam && registrant.id != open.wijkteam);
        c.eis(
            "wijkteam",
            !ander_wijkteam,
            &format!(
                "dit huishouden heeft al een open casus (casus {}) bij wijkteam {}; de vraag sluit daarbij aan (één huishouden, één plan)",
                open.id, open.wijkteam
            ),
        );
        for (n, p) in i.partijen.iter().enumerate() {
            c.eis(
                &format!("partijen[{n}]"),
                *p == open.wijkteam || open.partijen.contains(p),
                &format!(
                    "dit huishouden heeft al een open casus (casus {}); alleen de casusregisseur van die casus voegt partijen toe",
                    open.id
                ),
            );
        }
        c.klaar()?;
        let school = (registrant.soort == OrganisatieSoort::School
            && j.gegevens.school == Some(registrant.id)
            && !open.partijen.contains(&registrant.id))
        .then_some(registrant.id);
        let casus = NieuweCasus {
            huishouden: open.huishouden,
            wijkteam: open.wijkteam,
            partijen: school.into_iter().collect(),
        };
        Ok(Gezamenlijk {
            casus,
            aansluiten: Some(open.id),
            nieuw: school.into_iter().collect(),
        })
    }

    /// The named parties, each checked by its kind
    /// ([`route::mag_partij_worden`]; `scholen`: the schools of the
    /// jeugdigen concerned; the case's `wijkteam` named again is one
    /// already): a field error `partijen[n]` per party the support route
    /// does not allow.
    pub(crate) async fn toegestane_partijen(
        &self,
        partijen: &[Id],
        scholen: &[Id],
        wijkteam: Id,
    ) -> ApiResultaat<Vec<Id>> {
        let mut c = Controle::default();
        for (n, p) in partijen.iter().enumerate().filter(|(_, p)| **p != wijkteam) {
            let veld = format!("partijen[{n}]");
            match self.state.opslag.organisatie(*p).await? {
                None => c.eis(
                    &veld,
                    false,
                    "verwijst naar een organisatie die niet bestaat",
                ),
                Some(o) => {
                    if let Err(m) = route::mag_partij_worden(o.soort, scholen.contains(&o.id)) {
                        c.eis(&veld, false, m);
                    }
                }
            }
        }
        c.klaar()?;
        Ok(partijen.to_vec())
    }
}

/// Both results, or every field error of both (one answer names every
/// field that is wrong).
fn beide_of_alle_fouten<A, B>(a: ApiResultaat<A>, b: ApiResultaat<B>) -> ApiResultaat<(A, B)> {
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (Err(ApiFout::Ongeldig(mut x)), Err(ApiFout::Ongeldig(y))) => {
            x.extend(y);
            Err(ApiFout::Ongeldig(x))
        }
        (Err(f), _) | (_, Err(f)) => Err(f),
    }
}

/// The school a question goes to when it concerns only education.
fn onderwijs_behandelaar(registrant: &Organisatie, j: &Jeugdige) -> ApiResultaat<Id> {
    if registrant.soort == OrganisatieSoort::School {
        return Ok(registrant.id);
    }
    j.gegevens.school.ok_or_else(|| {
        ApiFout::veld(
            "uitkomst",
            "onderwijs kan niet: de jeugdige heeft geen school geregistreerd",
        )
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CasusInvoer {
    pub huishouden: i64,
    /// Other organisations party to the case.
    #[serde(default)]
    pub partijen: Vec<i64>,
}

/// A casusregisseur opens a case for the own wijkteam, for a household the
/// wijkteam registered or already works with. A school's question reaches a
/// wijkteam through triage instead.
#[utoipa::path(post, path = "/casussen", operation_id = "maakCasus", tag = "route", request_body = CasusInvoer,
    responses((status = 400, response = OngeldigeInvoer), (status = 201, description = "De nieuwe casus", body = Object), (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn maak_casus(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<CasusInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let casus = open_casus_voor(&dossier, i).await?;
    Ok((StatusCode::CREATED, Json(casus)))
}

/// Opens a case for `dossier`'s actor (the API and the web page): a
/// casusregisseur, for a household the wijkteam sees; refusals logged.
pub async fn open_casus_voor(
    dossier: &Dossier<'_>,
    i: CasusInvoer,
) -> ApiResultaat<schakel_storage::Casus> {
    let (state, actor) = (dossier.state, dossier.actor);
    const WAT: &str = "casus.aanmaken";
    let object = ("huishouden", Some(i.huishouden));
    if actor.rol.rol != Rol::Casusregisseur {
        return Err(dossier
            .weiger(
                WAT,
                Actie::Aanmaken,
                None,
                object,
                "rol_mag_niet",
                format!("De rol {} opent geen casussen", actor.rol.rol.naam()),
            )
            .await);
    }
    let h = state
        .opslag
        .huishouden(i.huishouden)
        .await?
        .ok_or_else(|| ApiFout::veld("huishouden", "bestaat niet"))?;
    if !dossier.ziet_huishouden(&h).await? {
        return Err(dossier
            .weiger(
                WAT,
                Actie::Aanmaken,
                None,
                object,
                "geen_relatie_met_huishouden",
                "Alleen voor een huishouden dat uw wijkteam registreerde of waarvan u een jeugdige mag zien".into(),
            )
            .await);
    }
    let jeugdigen = dossier.jeugdigen_van(h.id).await?;
    let scholen: Vec<Id> = jeugdigen.iter().filter_map(|j| j.gegevens.school).collect();
    let mut partijen = dossier
        .toegestane_partijen(&i.partijen, &scholen, actor.rol.organisatie)
        .await?;
    // A party named twice is one party; the wijkteam is one already.
    partijen.sort_unstable();
    partijen.dedup();
    partijen.retain(|p| *p != actor.rol.organisatie);
    let record = dossier.record(
        WAT,
        Actie::Aanmaken,
        None,
        ("casus", None),
        Uitkomst::Toegestaan,
        Some("casusregisseur_eigen_wijkteam"),
    );
    let toegang = dossier.verleend(Toegang {
        organisaties: partijen.clone(),
        jeugdigen: jeugdigen.iter().map(|j| &j.bsn).collect(),
        grond: "casus_geopend",
    });
    state
        .opslag
        .maak_casus(
            &NieuweCasus {
                huishouden: i.huishouden,
                wijkteam: actor.rol.organisatie,
                partijen,
            },
            &record,
            &toegang,
        )
        .await
        .map_err(partijen_fout)
}

/// The backends name an unknown party by their column ("partij",
/// "organisatie"); the client knows it as `partijen`.
fn partijen_fout(f: OpslagFout) -> ApiFout {
    match f {
        OpslagFout::OnbekendeVerwijzing(w) if w == "partij" || w == "organisatie" => {
            ApiFout::veld("partijen", "verwijst naar een organisatie die niet bestaat")
        }
        f => f.into(),
    }
}
