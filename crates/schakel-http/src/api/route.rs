//! The support route (seed 003): a contact person of a school or a
//! municipal basisteam registers a hulpvraag; triage hands it to the one
//! party it concerns, or opens a joint case when it concerns both.
//! Every step is logged with the pseudonym of the jeugdige it is about.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use schakel_domain::{OrganisatieSoort, Rol, Triage, route};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    Hulpvraag, Id, Jeugdige, NieuweCasus, NieuweHulpvraag, OpslagFout, Organisatie, Triagebesluit,
};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Invoer, Pad};
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
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

/// The hulpvragen the own organisation registered or handles, newest first
/// (by default the open ones): a zorgcoördinator's pupils with open
/// questions. Each listed hulpvraag is a logged read of its jeugdige.
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
    let lijst = eigen_hulpvragen(&dossier, v.open.unwrap_or(true), pagina).await?;
    Ok(Json(serde_json::json!({
        "items": lijst.items.iter().map(|(h, _)| h).collect::<Vec<_>>(),
        "paginering": crate::api::Paginering::new(&pagina, lijst.totaal),
    })))
}

/// The own organisation's hulpvragen with their jeugdigen (the API and the
/// web page): for the roles that see dossiers, each read logged in one
/// transaction before the items are handed out.
pub async fn eigen_hulpvragen(
    dossier: &Dossier<'_>,
    alleen_open: bool,
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
    let lijst = state
        .opslag
        .hulpvragen_van(org, alleen_open, pagina)
        .await?;
    let mut items = Vec::with_capacity(lijst.items.len());
    let mut records = Vec::with_capacity(lijst.items.len());
    for h in lijst.items {
        let Some(j) = state.opslag.jeugdige(h.jeugdige).await? else {
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
    state.opslag.schrijf_audits(&records).await?;
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
    let (h, j) = hulpvraag_met_jeugdige(state, id).await?;
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
                "Alleen de organisatie die de hulpvraag registreerde of behandelt, ziet haar"
                    .into(),
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

async fn hulpvraag_met_jeugdige(state: &AppState, id: Id) -> ApiResultaat<(Hulpvraag, Jeugdige)> {
    let h = state
        .opslag
        .hulpvraag(id)
        .await?
        .ok_or(ApiFout::NietGevonden)?;
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
    let (h, j) = hulpvraag_met_jeugdige(state, id).await?;
    if !CONTACTPERSONEN.contains(&actor.rol.rol) || h.organisatie != actor.rol.organisatie {
        return Err(dossier
            .weiger(
                WAT,
                Actie::Wijzigen,
                Some(&j),
                ("hulpvraag", Some(id)),
                "geen_registrant",
                "Alleen de contactpersoon van de organisatie die de hulpvraag registreerde, trieert haar".into(),
            )
            .await);
    }
    let registrant = dossier.eigen_organisatie().await?;
    let besluit = triagebesluit(state, actor, &registrant, &j, i).await?;
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

/// Who handles the question after triage, and the joint case if any.
async fn triagebesluit(
    state: &AppState,
    actor: &Actor,
    registrant: &Organisatie,
    j: &Jeugdige,
    i: &TriageInvoer,
) -> ApiResultaat<Triagebesluit> {
    let wijkteam = || async {
        if registrant.soort == OrganisatieSoort::Wijkteam {
            return Ok(registrant.id);
        }
        let id = i.wijkteam.ok_or_else(|| {
            ApiFout::veld("wijkteam", "verplicht: het wijkteam dat het adres bedient")
        })?;
        match state.opslag.organisatie(id).await? {
            Some(o) if o.soort == OrganisatieSoort::Wijkteam => Ok(id),
            _ => Err(ApiFout::veld("wijkteam", "verwijst niet naar een wijkteam")),
        }
    };
    let (behandelaar, casus) = match i.uitkomst {
        Triage::Gemeente => (wijkteam().await?, None),
        Triage::Onderwijs => {
            let school = if registrant.soort == OrganisatieSoort::School {
                registrant.id
            } else {
                j.gegevens.school.ok_or_else(|| {
                    ApiFout::veld(
                        "uitkomst",
                        "onderwijs kan niet: de jeugdige heeft geen school geregistreerd",
                    )
                })?
            };
            (school, None)
        }
        Triage::Beide => {
            let wijkteam = wijkteam().await?;
            let mut partijen: Vec<Id> = i
                .partijen
                .iter()
                .copied()
                .chain(j.gegevens.school)
                .chain([registrant.id])
                .filter(|p| *p != wijkteam)
                .collect();
            partijen.sort_unstable();
            partijen.dedup();
            (
                registrant.id,
                Some(NieuweCasus {
                    huishouden: j.huishouden,
                    wijkteam,
                    partijen,
                }),
            )
        }
    };
    Ok(Triagebesluit {
        uitkomst: i.uitkomst,
        behandelaar,
        door: actor.medewerker.id,
        casus,
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
    responses((status = 400, response = OngeldigeInvoer), (status = 201, description = "De nieuwe casus", body = Object), (status = 403, response = Geweigerd)))]
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
    let record = dossier.record(
        WAT,
        Actie::Aanmaken,
        None,
        ("casus", None),
        Uitkomst::Toegestaan,
        Some("casusregisseur_eigen_wijkteam"),
    );
    // A party named twice is one party; the wijkteam is one already.
    let mut partijen = i.partijen;
    partijen.sort_unstable();
    partijen.dedup();
    partijen.retain(|p| *p != actor.rol.organisatie);
    state
        .opslag
        .maak_casus(
            &NieuweCasus {
                huishouden: i.huishouden,
                wijkteam: actor.rol.organisatie,
                partijen,
            },
            &record,
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
