//! What waits for the caller's organisation (issue 16.1): the worklist of
//! the start page, and `GET /werkvoorraad`. The facts are read through the
//! same logged functions as the lists they come from (actions, the own
//! hulpvragen, the cases of the jeugdigen this actor may see);
//! [`schakel_domain::werkvoorraad`] decides what of it is work now and in
//! which order.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use schakel_domain::Rol;
use schakel_domain::werkvoorraad::{self as wv, Soort, Werkpunt};
use schakel_storage::Id;
use serde::Serialize;
use utoipa::ToSchema;

use schakel_domain::verloop::Toestand;
use schakel_storage::ActiepuntFilter;
use schakel_storage::audit::{Actie, Uitkomst};
use serde::Deserialize;
use utoipa::IntoParams;

use super::casussen::grond_bij_casus;
use super::route::eigen_hulpvragen;
use super::verwijzingen::verwijzingen_van;
use super::{PaginaVraag, Paginering, alle_items, vandaag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::Vraag;
use crate::openapi::{Geweigerd, OngeldigeInvoer};
use crate::state::AppState;
use schakel_storage::{HulpvraagStand, HulpvragenFilter, VerwijzingStand, VerwijzingenFilter};

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
    /// This page's items, most urgent first.
    pub items: Vec<WerkpuntDto>,
    pub paginering: Paginering,
    /// How many items of each kind (`soort`) wait in all.
    pub aantallen: BTreeMap<String, usize>,
}

/// `?pagina=1&perPagina=20`: one page of the worklist.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct WerkvoorraadVraag {
    pub pagina: Option<i64>,
    pub per_pagina: Option<i64>,
}

/// What waits for the own organisation, most urgent first, a page at a
/// time; only the page's items name a jeugdige (and are logged as read).
#[utoipa::path(get, path = "/werkvoorraad", operation_id = "lijstWerkvoorraad", tag = "route", params(WerkvoorraadVraag),
    responses((status = 200, description = "Wat op de eigen organisatie wacht, het dringendste eerst", body = WerkvoorraadDto),
              (status = 400, response = OngeldigeInvoer), (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(v): Vraag<WerkvoorraadVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let pagina = PaginaVraag {
        pagina: v.pagina,
        per_pagina: v.per_pagina,
    }
    .pagina()?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let alle = werkvoorraad_voor(&dossier).await?;
    let mut aantallen = BTreeMap::new();
    for p in &alle {
        *aantallen.entry(p.soort.naam().to_string()).or_default() += 1;
    }
    let totaal = alle.len() as i64;
    let items = benoem(&dossier, super::deel_van(alle, &pagina))
        .await?
        .into_iter()
        .map(|p| WerkpuntDto {
            soort: p.soort.naam().into(),
            datum: p.datum,
            werk: p.wat,
        })
        .collect();
    Ok(Json(WerkvoorraadDto {
        items,
        paginering: Paginering::new(&pagina, totaal),
        aantallen,
    }))
}

/// How an item gets the names of the jeugdigen it is about once it is
/// shown: a case (or an action in one) is read and logged then.
#[derive(Debug, Clone, PartialEq)]
enum Naamgeving {
    /// The name came with a read already logged (hulpvraag, referral).
    Bekend,
    Casus(Id),
    Actie {
        actie: Id,
        casus: Option<Id>,
    },
}

/// An item of work before it is shown: its text and link, and how to name
/// it.
#[derive(Debug, Clone, PartialEq)]
pub struct Onbenoemd {
    werk: Werk,
    naamgeving: Naamgeving,
}

/// The worklist of the actor's organisation, most urgent first. Nothing in
/// it names a jeugdige yet: [`benoem`] does that for the items shown.
/// What waits in a case is decided on its events, read in bulk for all
/// open cases the organisation works in
/// ([`schakel_storage::Opslag::open_casussen_met_verloop`]).
pub async fn werkvoorraad_voor(dossier: &Dossier<'_>) -> ApiResultaat<Vec<Werkpunt<Onbenoemd>>> {
    let actor = dossier.actor;
    if !actor.rol.rol.ziet_persoonsgegevens() {
        return Err(ApiFout::Geweigerd(format!(
            "De rol {} heeft geen werkvoorraad met dossiers.",
            actor.rol.rol.naam()
        )));
    }
    let nu = vandaag();
    let mut punten = Vec::new();
    if actor.rol.rol.ziet_dossiers() {
        punten.extend(casussen(dossier, nu).await?);
        punten.extend(hulpvragen(dossier).await?.into_iter().map(bekend));
    }
    if actor.rol.rol == Rol::Aanbieder {
        punten.extend(
            aflopende_verwijzingen(dossier, nu)
                .await?
                .into_iter()
                .map(bekend),
        );
    }
    punten.extend(acties(dossier, nu).await?);
    wv::orden(&mut punten);
    Ok(punten)
}

fn bekend(p: Werkpunt<Werk>) -> Werkpunt<Onbenoemd> {
    Werkpunt {
        soort: p.soort,
        datum: p.datum,
        wat: Onbenoemd {
            werk: p.wat,
            naamgeving: Naamgeving::Bekend,
        },
    }
}

/// The open actions of the own organisation that are work now (read
/// without names; the shown ones are logged by [`benoem`]).
async fn acties(dossier: &Dossier<'_>, nu: NaiveDate) -> ApiResultaat<Vec<Werkpunt<Onbenoemd>>> {
    let filter = ActiepuntFilter {
        organisatie: dossier.actor.rol.organisatie,
        medewerker: None,
        verlopen_op: None,
    };
    let opslag = &dossier.state.opslag;
    let acties = alle_items(|p| async move { Ok(opslag.acties(filter, p).await?) }).await?;
    Ok(acties
        .into_iter()
        .filter_map(|a| {
            let g = a.gegevens;
            let soort = wv::actie(&g.bron, g.uiterlijk, nu)?;
            let pad = match (soort, g.casus, g.verwijzing) {
                (Soort::Maatwerk, ..) => "/maatwerk".to_string(),
                (_, Some(c), _) => format!("/casussen/{c}"),
                (_, None, Some(v)) => format!("/verwijzingen/{v}"),
                _ => "/acties".to_string(),
            };
            Some(Werkpunt {
                soort,
                datum: Some(g.uiterlijk),
                wat: Onbenoemd {
                    werk: Werk {
                        wat: g.wat,
                        wie: String::new(),
                        pad,
                        casus: g.casus,
                        hulpvraag: None,
                        verwijzing: g.verwijzing,
                    },
                    naamgeving: Naamgeving::Actie {
                        actie: a.id,
                        casus: g.casus,
                    },
                },
            })
        })
        .collect())
}

/// What waits in the open cases where the own organisation is the wijkteam
/// or a party, decided on each case's folded events.
async fn casussen(dossier: &Dossier<'_>, nu: NaiveDate) -> ApiResultaat<Vec<Werkpunt<Onbenoemd>>> {
    let (state, org) = (dossier.state, dossier.actor.rol.organisatie);
    let soort = state
        .opslag
        .organisatie(org)
        .await?
        .map(|o| o.soort)
        .ok_or(ApiFout::NietGevonden)?;
    let mut punten = Vec::new();
    for c in state.opslag.open_casussen_met_verloop(org).await? {
        let toestand = Toestand::uit(
            c.gebeurtenissen
                .iter()
                .map(|g| (&g.gebeurtenis, g.door.organisatie)),
        );
        for p in wv::casus(&toestand, c.wijkteam, org, soort, nu) {
            punten.push(Werkpunt {
                soort: p.soort,
                datum: p.datum,
                wat: Onbenoemd {
                    werk: Werk {
                        wat: p.wat.into(),
                        wie: String::new(),
                        pad: format!("/casussen/{}", c.casus),
                        casus: Some(c.casus),
                        hulpvraag: None,
                        verwijzing: None,
                    },
                    naamgeving: Naamgeving::Casus(c.casus),
                },
            });
        }
    }
    Ok(punten)
}

/// Names the items that are shown: the jeugdigen of each case they are
/// about ([`casusnamen`]) and each action logged as handed out. All
/// records go to the audit log in one batch before the names are returned.
pub async fn benoem(
    dossier: &Dossier<'_>,
    punten: Vec<Werkpunt<Onbenoemd>>,
) -> ApiResultaat<Vec<Werkpunt<Werk>>> {
    let mut records = Vec::new();
    let casussen = punten.iter().filter_map(|p| match p.wat.naamgeving {
        Naamgeving::Bekend => None,
        Naamgeving::Casus(c) => Some(c),
        Naamgeving::Actie { casus, .. } => casus,
    });
    let namen = casusnamen(dossier, casussen, &mut records).await?;
    let uit = punten
        .into_iter()
        .map(|p| {
            let Onbenoemd {
                mut werk,
                naamgeving,
            } = p.wat;
            let casus = match naamgeving {
                Naamgeving::Bekend => None,
                Naamgeving::Casus(c) => Some(c),
                Naamgeving::Actie { actie, casus } => {
                    records.push(dossier.record(
                        "actie.lezen",
                        Actie::Lezen,
                        None,
                        ("actie", Some(actie)),
                        Uitkomst::Toegestaan,
                        Some("eigen_organisatie"),
                    ));
                    casus
                }
            };
            if let Some(naam) = casus.and_then(|c| namen.get(&c)) {
                werk.wie = naam.clone();
            }
            Werkpunt {
                soort: p.soort,
                datum: p.datum,
                wat: werk,
            }
        })
        .collect();
    dossier.state.opslag.schrijf_audits(records).await?;
    Ok(uit)
}

/// The names of the jeugdigen of each case (each once), for the cases that
/// are open and where the organisation takes part (on the ground a case
/// read has, [`grond_bij_casus`]), with a read record per jeugdige in
/// `records`; a case without one stays unnamed.
pub(crate) async fn casusnamen(
    dossier: &Dossier<'_>,
    casussen: impl Iterator<Item = Id>,
    records: &mut Vec<schakel_storage::NieuwAuditRecord>,
) -> ApiResultaat<HashMap<Id, String>> {
    let opslag = &dossier.state.opslag;
    let mut ids: Vec<Id> = casussen.collect();
    ids.sort_unstable();
    ids.dedup();
    let mut namen = HashMap::new();
    for id in ids {
        let Some(c) = opslag.casus(id).await?.filter(|c| c.open) else {
            continue;
        };
        let (Some(grond), Some(h)) = (
            grond_bij_casus(dossier.actor, &c),
            opslag.huishouden(c.huishouden).await?,
        ) else {
            continue;
        };
        let mut wie = Vec::new();
        for j in &h.jeugdigen {
            if let Some(j) = opslag.jeugdige(*j).await? {
                records.push(dossier.record(
                    "casus.lezen",
                    Actie::Lezen,
                    Some(&j.bsn),
                    ("casus", Some(id)),
                    Uitkomst::Toegestaan,
                    Some(grond),
                ));
                wie.push(j.naam());
            }
        }
        namen.insert(id, wie.join(", "));
    }
    Ok(namen)
}

/// The own open hulpvragen not yet triaged, and those handed over to the
/// own organisation (each read logged).
async fn hulpvragen(dossier: &Dossier<'_>) -> ApiResultaat<Vec<Werkpunt<Werk>>> {
    let org = dossier.actor.rol.organisatie;
    let mut lijst = Vec::new();
    for stand in [HulpvraagStand::TeTrieren, HulpvraagStand::Oppakken] {
        let filter = HulpvragenFilter {
            organisatie: org,
            alleen_open: true,
            stand: Some(stand),
            ..Default::default()
        };
        lijst.extend(alle_items(|p| eigen_hulpvragen(dossier, &filter, p)).await?);
    }
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
    let filter = VerwijzingenFilter {
        van: verwijzingen_van(dossier.actor),
        stand: VerwijzingStand::Lopend {
            vanaf: nu,
            tot: Some(nu + wv::TERMIJN_VOORUIT),
        },
        ..Default::default()
    };
    let lopend = super::alle_items(|p| dossier.verwijzingen(&filter, p)).await?;
    Ok(lopend
        .into_iter()
        .filter_map(|(v, j)| {
            let einde = v.gegevens.einddatum;
            Some(Werkpunt {
                soort: wv::verwijzing(einde, nu)?,
                datum: Some(einde),
                wat: Werk {
                    wat: "Verwijzing loopt af".into(),
                    wie: j.naam(),
                    pad: format!("/verwijzingen/{}", v.id),
                    casus: v.gegevens.casus,
                    hulpvraag: None,
                    verwijzing: Some(v.id),
                },
            })
        })
        .collect())
}
