//! Care delivered under a referral beyond one day at a time (issue 16 item
//! 6): several days registered at once (a week), the referral's deliveries
//! listed, and a delivery corrected with a mandatory reason. A correction
//! is a record of its own beside the delivery; the budget counts the
//! corrected amount. Only the referral's provider writes; whoever may read
//! the referral reads its deliveries.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::{DateTime, NaiveDate, Utc};
use schakel_domain::Rol;
use schakel_domain::grens::nl_datum;
use schakel_rules::Hoeveelheid;
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{
    Id, Jeugdige, Levercorrectie, Levering, NieuwAuditRecord, NieuweLevercorrectie, NieuweLevering,
    Verwijzing,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::vandaag;
use super::verwijzingen::{LeveringInvoer, VerwijzingDto, VerwijzingPad};
use crate::auth::Actor;
use crate::dossier::{Dossier, grond_naam};
use crate::fout::{ApiFout, ApiResultaat, VeldFout};
use crate::invoer::{Invoer, Pad};
use crate::openapi::{Conflict, Geweigerd, NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

/// At most a month of days in one request.
pub const MAX_DAGEN: usize = 31;
/// A reason is a sentence or a short paragraph.
pub const MAX_REDEN: usize = 500;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeveringenInvoer {
    /// 1 to 31 days, each within the referral's period, none in the future.
    pub leveringen: Vec<LeveringInvoer>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CorrectieInvoer {
    /// What the delivery should have been: 0 to 24 units, at most two
    /// decimals (0: nothing was delivered that day).
    #[schema(value_type = f64)]
    pub hoeveelheid: Hoeveelheid,
    /// Why: required, at most 500 characters.
    pub reden: String,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CorrectieDto {
    pub id: i64,
    #[schema(value_type = f64)]
    pub hoeveelheid: Hoeveelheid,
    pub reden: String,
    pub medewerker: i64,
    pub aangemaakt: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct LeveringDto {
    pub id: i64,
    pub verwijzing: i64,
    pub datum: NaiveDate,
    /// As first registered.
    #[schema(value_type = f64)]
    pub geregistreerd: Hoeveelheid,
    /// As it counts: after the latest correction.
    #[schema(value_type = f64)]
    pub hoeveelheid: Hoeveelheid,
    pub aangemaakt: DateTime<Utc>,
    /// Oldest first.
    pub correcties: Vec<CorrectieDto>,
}

impl From<Levercorrectie> for CorrectieDto {
    fn from(k: Levercorrectie) -> Self {
        Self {
            id: k.id,
            hoeveelheid: k.hoeveelheid,
            reden: k.reden,
            medewerker: k.medewerker,
            aangemaakt: k.aangemaakt,
        }
    }
}

impl From<Levering> for LeveringDto {
    fn from(l: Levering) -> Self {
        Self {
            id: l.id,
            verwijzing: l.verwijzing,
            datum: l.datum,
            geregistreerd: l.geregistreerd,
            hoeveelheid: l.hoeveelheid,
            aangemaakt: l.aangemaakt,
            correcties: l.correcties.into_iter().map(CorrectieDto::from).collect(),
        }
    }
}

#[derive(Deserialize)]
pub struct LeveringPad {
    pub id: i64,
    pub levering: i64,
}

/// Several days' deliveries at once: all or none, the referral's budget
/// checked on their sum (409 when it does not fit).
#[utoipa::path(post, path = "/verwijzingen/{id}/leveringen/reeks", operation_id = "registreerLeveringen", tag = "route", params(("id" = i64, Path)),
    request_body = LeveringenInvoer,
    responses((status = 201, description = "De verwijzing met de nieuwe leveringen", body = VerwijzingDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn lever_reeks(
    State(state): State<AppState>,
    actor: Actor,
    Pad(VerwijzingPad { id }): Pad<VerwijzingPad>,
    Invoer(l): Invoer<LeveringenInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let v = registreer(&dossier, id, &l.leveringen, |i, veld| {
        format!("leveringen[{i}].{veld}")
    })
    .await?;
    Ok((StatusCode::CREATED, Json(VerwijzingDto::from(v))))
}

/// A referral's deliveries with their corrections, by date.
#[utoipa::path(get, path = "/verwijzingen/{id}/leveringen", operation_id = "lijstLeveringen", tag = "route", params(("id" = i64, Path)),
    responses((status = 200, description = "De leveringen van de verwijzing, met hun correcties", body = Vec<LeveringDto>),
              (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Pad(VerwijzingPad { id }): Pad<VerwijzingPad>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(leveringen(&dossier, id).await?.1))
}

/// The referral (read as `GET /verwijzingen/{id}`, logged) and its
/// deliveries.
pub async fn leveringen(
    dossier: &Dossier<'_>,
    id: Id,
) -> ApiResultaat<(Verwijzing, Vec<LeveringDto>)> {
    let (v, _) = dossier.verwijzing_voor(id).await?;
    let lijst = dossier.state.opslag.leveringen(id).await?;
    Ok((v, lijst.into_iter().map(LeveringDto::from).collect()))
}

/// Corrects one delivery with a reason; the original stays as it was
/// registered. Raising it beyond what the referral has left is 409.
#[utoipa::path(post, path = "/verwijzingen/{id}/leveringen/{levering}/correcties", operation_id = "corrigeerLevering", tag = "route",
    params(("id" = i64, Path), ("levering" = i64, Path)),
    request_body = CorrectieInvoer,
    responses((status = 201, description = "De levering zoals die nu telt, met alle correcties", body = LeveringDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 404, response = NietGevonden),
              (status = 409, response = Conflict)))]
pub async fn corrigeer(
    State(state): State<AppState>,
    actor: Actor,
    Pad(LeveringPad { id, levering }): Pad<LeveringPad>,
    Invoer(k): Invoer<CorrectieInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let l = corrigeer_levering(&dossier, id, levering, &k).await?;
    Ok((StatusCode::CREATED, Json(LeveringDto::from(l))))
}

/// Refuses, and logs, a write by a role other than the provider; a
/// refusal by role is not preceded by a logged read.
async fn alleen_aanbieder(dossier: &Dossier<'_>, id: Id, gebeurtenis: &str) -> ApiResultaat<()> {
    if dossier.actor.rol.rol == Rol::Aanbieder {
        return Ok(());
    }
    let state = dossier.state;
    // Refused by role whether the referral exists or not.
    let j = match state.opslag.verwijzing(id).await? {
        Some(v) => state.opslag.jeugdige(v.gegevens.jeugdige).await?,
        None => None,
    };
    Err(dossier
        .weiger(
            gebeurtenis,
            actie(gebeurtenis),
            j.as_ref(),
            ("verwijzing", Some(id)),
            "alleen_aanbieder_van_verwijzing",
            "Geleverde zorg registreert en corrigeert de aanbieder van de verwijzing".into(),
        )
        .await)
}

/// The audit record of a write by the referral's provider.
fn toegestaan(
    dossier: &Dossier<'_>,
    gebeurtenis: &str,
    j: &Jeugdige,
    object: (&str, Option<Id>),
) -> NieuwAuditRecord {
    dossier.record(
        gebeurtenis,
        actie(gebeurtenis),
        Some(&j.bsn),
        object,
        Uitkomst::Toegestaan,
        Some(grond_naam(
            schakel_domain::toegang::Grond::AanbiederMetVerwijzing,
        )),
    )
}

/// A delivery is made, a correction changes one.
fn actie(gebeurtenis: &str) -> Actie {
    if gebeurtenis == GECORRIGEERD {
        Actie::Wijzigen
    } else {
        Actie::Aanmaken
    }
}

const GELEVERD: &str = "verwijzing.levering";
const GECORRIGEERD: &str = "verwijzing.levering.correctie";

fn per_dag_fout(v: &Verwijzing) -> String {
    format!(
        "verwacht een getal groter dan 0 en ten hoogste 24 ({} per dag)",
        v.gegevens.eenheid
    )
}

/// The checks of one day's delivery, each error named by `veld`.
fn controleer(v: &Verwijzing, l: &LeveringInvoer, veld: impl Fn(&str) -> String) -> Vec<VeldFout> {
    let g = &v.gegevens;
    let mut fouten = Vec::new();
    if l.datum < g.ingangsdatum || l.datum > g.einddatum.min(vandaag()) {
        fouten.push(VeldFout {
            name: veld("datum"),
            reason: format!(
                "valt buiten de looptijd van de verwijzing; toegestaan: {} tot en met {}, niet in de toekomst",
                nl_datum(g.ingangsdatum),
                nl_datum(g.einddatum)
            ),
        });
    }
    if !(l.hoeveelheid.is_positief() && l.hoeveelheid <= Hoeveelheid::eenheden(24)) {
        fouten.push(VeldFout {
            name: veld("hoeveelheid"),
            reason: per_dag_fout(v),
        });
    }
    fouten
}

/// The provider of a referral registers one or more days' deliveries (the
/// API and the web page); every wrong field is named at once.
pub async fn registreer(
    dossier: &Dossier<'_>,
    id: Id,
    dagen: &[LeveringInvoer],
    veldnaam: impl Fn(usize, &str) -> String,
) -> ApiResultaat<Verwijzing> {
    alleen_aanbieder(dossier, id, GELEVERD).await?;
    let (v, j) = dossier.verwijzing_voor(id).await?;
    if dagen.is_empty() || dagen.len() > MAX_DAGEN {
        return Err(ApiFout::veld(
            "leveringen",
            format!("verwacht 1 tot en met {MAX_DAGEN} dagen"),
        ));
    }
    let fouten: Vec<VeldFout> = dagen
        .iter()
        .enumerate()
        .flat_map(|(i, l)| controleer(&v, l, |veld| veldnaam(i, veld)))
        .collect();
    if !fouten.is_empty() {
        return Err(ApiFout::Ongeldig(fouten));
    }
    let record = toegestaan(dossier, GELEVERD, &j, ("verwijzing", Some(id)));
    let nieuw: Vec<NieuweLevering> = dagen
        .iter()
        .map(|l| NieuweLevering {
            verwijzing: id,
            datum: l.datum,
            hoeveelheid: l.hoeveelheid,
            door: dossier.actor.door(),
        })
        .collect();
    Ok(dossier
        .state
        .opslag
        .registreer_leveringen(&nieuw, &record)
        .await?)
}

/// The provider corrects one delivery of its referral (the API and the web
/// page); both fields are checked at once.
pub async fn corrigeer_levering(
    dossier: &Dossier<'_>,
    id: Id,
    levering: Id,
    k: &CorrectieInvoer,
) -> ApiResultaat<Levering> {
    alleen_aanbieder(dossier, id, GECORRIGEERD).await?;
    let (v, j) = dossier.verwijzing_voor(id).await?;
    let mut fouten = Vec::new();
    if k.hoeveelheid < Hoeveelheid::NUL || k.hoeveelheid > Hoeveelheid::eenheden(24) {
        fouten.push(VeldFout {
            name: "hoeveelheid".into(),
            reason: format!(
                "verwacht een getal van 0 tot en met 24 ({} per dag)",
                v.gegevens.eenheid
            ),
        });
    }
    let reden = k.reden.trim();
    if reden.is_empty() || reden.chars().count() > MAX_REDEN {
        fouten.push(VeldFout {
            name: "reden".into(),
            reason: format!(
                "verwacht waarom de levering wordt gecorrigeerd, 1 tot en met {MAX_REDEN} tekens"
            ),
        });
    }
    if !fouten.is_empty() {
        return Err(ApiFout::Ongeldig(fouten));
    }
    let record = toegestaan(dossier, GECORRIGEERD, &j, ("levering", Some(levering)));
    let correctie = NieuweLevercorrectie {
        verwijzing: id,
        levering,
        hoeveelheid: k.hoeveelheid,
        reden: reden.to_string(),
        door: dossier.actor.door(),
    };
    Ok(dossier
        .state
        .opslag
        .corrigeer_levering(&correctie, &record)
        .await?)
}
