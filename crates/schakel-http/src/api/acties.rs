//! Deadlines as actions (issue 4, point 7): what the rules, the plan, TLVs
//! and referrals oblige an organisation to do, and by when. Each
//! organisation sees its own; `verlopen=true` lists the overdue ones.

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Actiepunt, ActiepuntFilter, Id};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{PaginaAntwoord, PaginaVraag, vandaag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::Pad;
use crate::openapi::{Conflict, Geweigerd, NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ActieVraag {
    /// Only actions whose due date has passed.
    pub verlopen: Option<bool>,
    /// Only actions for me (or for nobody in particular at my organisation).
    pub alleen_eigen: Option<bool>,
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ActieDto {
    pub id: i64,
    pub casus: Option<i64>,
    pub verwijzing: Option<i64>,
    pub organisatie: i64,
    pub medewerker: Option<i64>,
    pub wat: String,
    /// The rule or text the deadline comes from.
    pub bron: String,
    pub uiterlijk: chrono::NaiveDate,
    pub verlopen: bool,
    pub afgerond: Option<chrono::DateTime<chrono::Utc>>,
}

impl From<Actiepunt> for ActieDto {
    fn from(a: Actiepunt) -> Self {
        let g = a.gegevens;
        Self {
            id: a.id,
            casus: g.casus,
            verwijzing: g.verwijzing,
            organisatie: g.organisatie,
            medewerker: g.medewerker,
            verlopen: a.afgerond.is_none() && g.uiterlijk < vandaag(),
            wat: g.wat,
            bron: g.bron,
            uiterlijk: g.uiterlijk,
            afgerond: a.afgerond,
        }
    }
}

fn eis_dossierrol(actor: &Actor) -> ApiResultaat<()> {
    if actor.rol.rol.ziet_persoonsgegevens() {
        Ok(())
    } else {
        Err(ApiFout::Geweigerd(format!(
            "De rol {} heeft geen acties in dossiers.",
            actor.rol.rol.naam()
        )))
    }
}

/// The open actions of the own organisation, earliest due first.
#[utoipa::path(get, path = "/acties", operation_id = "lijstActies", tag = "route", params(ActieVraag),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina acties met hun termijn", body = Object), (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    crate::invoer::Vraag(v): crate::invoer::Vraag<ActieVraag>,
) -> ApiResultaat<impl IntoResponse> {
    eis_dossierrol(&actor)?;
    let pagina = PaginaVraag {
        pagina: v.pagina,
        per_pagina: v.per_pagina,
    }
    .pagina()?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let lijst = acties_voor(
        &dossier,
        v.verlopen.unwrap_or(false),
        v.alleen_eigen.unwrap_or(false),
        pagina,
    )
    .await?;
    let items = lijst.items.into_iter().map(ActieDto::from).collect();
    Ok(Json(PaginaAntwoord::new(items, &pagina, lijst.totaal)))
}

/// The open actions of the actor's organisation, each handed out logged as
/// a read (the API and the web page).
pub async fn acties_voor(
    dossier: &Dossier<'_>,
    verlopen: bool,
    alleen_eigen: bool,
    pagina: schakel_storage::Pagina,
) -> ApiResultaat<schakel_storage::Lijst<Actiepunt>> {
    let (state, actor) = (dossier.state, dossier.actor);
    eis_dossierrol(actor)?;
    let filter = ActiepuntFilter {
        organisatie: actor.rol.organisatie,
        medewerker: alleen_eigen.then_some(actor.medewerker.id),
        verlopen_op: verlopen.then(vandaag),
    };
    let lijst = state.opslag.acties(filter, pagina).await?;
    // An action names a case and what is due in it: each one handed out is
    // logged as a read.
    let records: Vec<_> = lijst
        .items
        .iter()
        .map(|a| {
            dossier.record(
                "actie.lezen",
                Actie::Lezen,
                None,
                ("actie", Some(a.id)),
                Uitkomst::Toegestaan,
                Some("eigen_organisatie"),
            )
        })
        .collect();
    state.opslag.schrijf_audits(records).await?;
    Ok(lijst)
}

#[derive(Deserialize)]
pub struct ActiePad {
    pub id: i64,
}

/// Marks an action of the own organisation done.
#[utoipa::path(post, path = "/acties/{id}/afronding", operation_id = "rondActieAf", tag = "route", params(("id" = i64, Path)),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "De afgeronde actie", body = ActieDto), (status = 404, response = NietGevonden),
              (status = 409, response = Conflict)))]
pub async fn rond_af(
    State(state): State<AppState>,
    actor: Actor,
    Pad(ActiePad { id }): Pad<ActiePad>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(ActieDto::from(
        rond_actie_af_voor(&dossier, id).await?,
    )))
}

/// Marks an action of the own organisation done (the API and the web page).
pub async fn rond_actie_af_voor(dossier: &Dossier<'_>, id: Id) -> ApiResultaat<Actiepunt> {
    let (state, actor) = (dossier.state, dossier.actor);
    eis_dossierrol(actor)?;
    let record = dossier.record(
        "actie.afronden",
        Actie::Wijzigen,
        None,
        ("actie", Some(id)),
        Uitkomst::Toegestaan,
        Some("eigen_organisatie"),
    );
    let door = actor.door();
    Ok(state.opslag.rond_actie_af(id, door, &record).await?)
}
