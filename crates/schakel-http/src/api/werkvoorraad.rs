//! What waits for the caller's organisation (issue 16.1): the worklist of
//! the start page, and `GET /werkvoorraad`. The facts are read through the
//! same logged functions as the lists they come from (actions, the own
//! hulpvragen, the cases of the jeugdigen this actor may see);
//! [`schakel_domain::werkvoorraad`] decides what of it is work now and in
//! which order.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use schakel_domain::Rol;
use schakel_domain::werkvoorraad::{self as wv, Soort, Werkpunt};
use schakel_storage::Id;
use serde::Serialize;
use utoipa::ToSchema;

use super::acties::acties_voor;
use super::casussen::lees_casus;
use super::route::eigen_hulpvragen;
use super::verwijzingen::zichtbare_verwijzingen;
use super::{elke_pagina, vandaag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::openapi::Geweigerd;
use crate::state::AppState;

/// One item of work: what, for whom (names), by when, and where to do it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Werk {
    pub wat: String,
    /// The jeugdigen it is about, by name ("" when it names none).
    pub wie: String,
    /// The page where it is done.
    pub pad: String,
    pub casus: Option<i64>,
    pub hulpvraag: Option<i64>,
    pub verwijzing: Option<i64>,
}

/// An item of [`WerkvoorraadDto`].
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WerkpuntDto {
    /// veiligheid, termijn_verlopen, trieren, oppakken, plan, toestemming,
    /// maatwerk, evaluatie, termijn, tlv or verwijzing_loopt_af.
    pub soort: String,
    pub datum: Option<NaiveDate>,
    #[serde(flatten)]
    pub werk: Werk,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WerkvoorraadDto {
    /// Most urgent first.
    pub items: Vec<WerkpuntDto>,
}

/// What waits for the own organisation, most urgent first.
#[utoipa::path(get, path = "/werkvoorraad", operation_id = "lijstWerkvoorraad", tag = "route",
    responses((status = 200, description = "Wat op de eigen organisatie wacht, het dringendste eerst", body = WerkvoorraadDto), (status = 403, response = Geweigerd)))]
pub async fn lijst(State(state): State<AppState>, actor: Actor) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let items = werkvoorraad_voor(&dossier)
        .await?
        .into_iter()
        .map(|p| WerkpuntDto {
            soort: p.soort.naam().into(),
            datum: p.datum,
            werk: p.wat,
        })
        .collect();
    Ok(Json(WerkvoorraadDto { items }))
}

/// The worklist of the actor's organisation, most urgent first.
pub async fn werkvoorraad_voor(dossier: &Dossier<'_>) -> ApiResultaat<Vec<Werkpunt<Werk>>> {
    let actor = dossier.actor;
    if !actor.rol.rol.ziet_persoonsgegevens() {
        return Err(ApiFout::Geweigerd(format!(
            "De rol {} heeft geen werkvoorraad met dossiers.",
            actor.rol.rol.naam()
        )));
    }
    let nu = vandaag();
    let mut punten = Vec::new();
    let namen = if actor.rol.rol.ziet_dossiers() {
        let (casussen, namen) = casussen(dossier, nu).await?;
        punten.extend(casussen);
        punten.extend(hulpvragen(dossier).await?);
        namen
    } else {
        HashMap::new()
    };
    if actor.rol.rol == Rol::Aanbieder {
        punten.extend(aflopende_verwijzingen(dossier, nu).await?);
    }
    let acties = elke_pagina(|p| acties_voor(dossier, false, false, p)).await?;
    for a in acties {
        let g = a.gegevens;
        let Some(soort) = wv::actie(&g.bron, g.uiterlijk, nu) else {
            continue;
        };
        let pad = match (soort, g.casus, g.verwijzing) {
            (Soort::Maatwerk, ..) => "/maatwerk".to_string(),
            (_, Some(c), _) => format!("/casussen/{c}"),
            (_, None, Some(v)) => format!("/verwijzingen/{v}"),
            _ => "/acties".to_string(),
        };
        punten.push(Werkpunt {
            soort,
            datum: Some(g.uiterlijk),
            wat: Werk {
                wat: g.wat,
                wie: g
                    .casus
                    .and_then(|c| namen.get(&c).cloned())
                    .unwrap_or_default(),
                pad,
                casus: g.casus,
                hulpvraag: None,
                verwijzing: g.verwijzing,
            },
        });
    }
    wv::orden(&mut punten);
    Ok(punten)
}

/// What waits in the open cases of the households this actor may see
/// where the own organisation is the wijkteam or a party (each case read
/// logged), and the names per case for the actions.
async fn casussen(
    dossier: &Dossier<'_>,
    nu: NaiveDate,
) -> ApiResultaat<(Vec<Werkpunt<Werk>>, HashMap<Id, String>)> {
    let (state, org) = (dossier.state, dossier.actor.rol.organisatie);
    let soort = state
        .opslag
        .organisatie(org)
        .await?
        .map(|o| o.soort)
        .ok_or(ApiFout::NietGevonden)?;
    let mut huishoudens = Vec::new();
    for j in elke_pagina(|p| dossier.lijst(p)).await? {
        if !huishoudens.contains(&j.huishouden) {
            huishoudens.push(j.huishouden);
        }
    }
    let (mut punten, mut namen) = (Vec::new(), HashMap::new());
    for h in huishoudens {
        let Some(c) = state.opslag.open_casus(h).await? else {
            continue;
        };
        if c.wijkteam != org && !c.partijen.contains(&org) {
            continue;
        }
        let cd = lees_casus(dossier, c.id).await?;
        let wie = cd
            .jeugdigen
            .iter()
            .map(|j| j.naam())
            .collect::<Vec<_>>()
            .join(", ");
        for p in wv::casus(&cd.toestand, c.wijkteam, org, soort, nu) {
            punten.push(Werkpunt {
                soort: p.soort,
                datum: p.datum,
                wat: Werk {
                    wat: p.wat.into(),
                    wie: wie.clone(),
                    pad: format!("/casussen/{}", c.id),
                    casus: Some(c.id),
                    hulpvraag: None,
                    verwijzing: None,
                },
            });
        }
        namen.insert(c.id, wie);
    }
    Ok((punten, namen))
}

/// The own open hulpvragen not yet triaged, and those handed over to the
/// own organisation (each read logged).
async fn hulpvragen(dossier: &Dossier<'_>) -> ApiResultaat<Vec<Werkpunt<Werk>>> {
    let org = dossier.actor.rol.organisatie;
    let lijst = elke_pagina(|p| eigen_hulpvragen(dossier, true, p)).await?;
    Ok(lijst
        .into_iter()
        .filter_map(|(h, j)| {
            let (soort, wat) = match h.triage {
                None if h.behandelaar == org => (Soort::Trieren, "Hulpvraag triëren"),
                Some(_) if h.behandelaar == org && h.organisatie != org && h.casus.is_none() => {
                    (Soort::Oppakken, "Overgedragen hulpvraag oppakken")
                }
                _ => return None,
            };
            Some(Werkpunt {
                soort,
                datum: Some(h.aangemaakt.date_naive()),
                wat: Werk {
                    wat: wat.into(),
                    wie: j.naam(),
                    pad: format!("/hulpvragen/{}", h.id),
                    casus: None,
                    hulpvraag: Some(h.id),
                    verwijzing: None,
                },
            })
        })
        .collect())
}

/// A provider's running referrals that end within 14 days (the verwijzer
/// has them as actions already).
async fn aflopende_verwijzingen(
    dossier: &Dossier<'_>,
    nu: NaiveDate,
) -> ApiResultaat<Vec<Werkpunt<Werk>>> {
    let mut uit = Vec::new();
    for (j, verwijzingen) in zichtbare_verwijzingen(dossier).await? {
        for v in verwijzingen {
            let einde = v.gegevens.einddatum;
            if let Some(soort) = wv::verwijzing(einde, nu) {
                uit.push(Werkpunt {
                    soort,
                    datum: Some(einde),
                    wat: Werk {
                        wat: "Verwijzing loopt af".into(),
                        wie: j.naam(),
                        pad: format!("/verwijzingen/{}", v.id),
                        casus: v.gegevens.casus,
                        hulpvraag: None,
                        verwijzing: Some(v.id),
                    },
                });
            }
        }
    }
    Ok(uit)
}
