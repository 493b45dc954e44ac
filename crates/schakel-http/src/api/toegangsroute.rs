//! The access route of seed 000 for one jeugdige: where the parents go with
//! their question, which organisation that is and whom to contact there.
//! Reading it is reading the jeugdige (need to know, logged as
//! `jeugdige.toegangsroute`); the decision itself is
//! `schakel_domain::toegangsroute`.

use axum::Json;
use axum::extract::State;
use schakel_domain::toegangsroute::{
    self, Oja, Route, School, Toegangsadvies, Toegangsvraag, Vraagsoort,
};
use schakel_rules::regio::Regioroute;
use schakel_rules::situatie::Arrangement;
use schakel_storage::{DirectoryGegevens, Id, Jeugdige, Organisatie};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::jeugdigen::JeugdigePad;
use super::vandaag;
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::invoer::{Pad, Vraag};
use crate::openapi::{Geweigerd, NietGevonden, OngeldigeInvoer};
use crate::state::AppState;

/// `?vraag=opvoeding|ouders`
#[derive(Debug, Deserialize, IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ToegangsrouteVraag {
    /// `opvoeding` (default): opvoeden of jeugdhulp voor de jeugdige;
    /// `ouders`: een hulpvraag van de ouders/opvoeders die niet direct met
    /// opvoeden te maken heeft (schulden, laaggeletterdheid, …).
    pub vraag: Option<String>,
}

impl ToegangsrouteVraag {
    fn soort(&self) -> ApiResultaat<Vraagsoort> {
        match self.vraag.as_deref().map(str::trim) {
            None | Some("") => Ok(Vraagsoort::default()),
            Some(v) => Vraagsoort::parse(v).ok_or_else(|| {
                ApiFout::veld(
                    "vraag",
                    "onbekende soort vraag; toegestaan: opvoeding, ouders",
                )
            }),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganisatieKort {
    pub id: i64,
    pub naam: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Contactpersoon {
    pub naam: String,
    pub email: String,
}

/// One of the organisation's contact persons in the directory (role,
/// phone, e-mail), as the region's beheerder keeps them.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RouteContact {
    pub functie: String,
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ToegangsrouteDto {
    pub vraag: Vraagsoort,
    /// oja_hoofdaanbieder | regulier_verwijzer | wijkteam
    pub route: Route,
    pub beschikking_nodig: bool,
    /// Where the parents go; null when the directory does not say (the
    /// toelichting explains).
    pub organisatie: Option<OrganisatieKort>,
    /// Null when the organisation has no active contact person (the
    /// toelichting explains).
    pub contactpersoon: Option<Contactpersoon>,
    /// The organisation's contact persons in the directory (beheer page
    /// *Contactpersonen en expertpool*, `POST /contactpersonen`), read
    /// anew on every request.
    pub contacten: Vec<RouteContact>,
    pub toelichting: Vec<String>,
    /// Ids of the rules relied on: `toegang.*` (seed 000) and, for the OJA
    /// route, the normenkader's row.
    pub bronnen: Vec<String>,
}

/// The access route for a jeugdige's question (seed 000).
#[utoipa::path(get, path = "/jeugdigen/{id}/toegangsroute", operation_id = "leesToegangsroute", tag = "jeugdigen",
    params(("id" = i64, Path), ToegangsrouteVraag),
    responses((status = 200, description = "Waar de vraag heen gaat, met organisatie en contactpersoon", body = ToegangsrouteDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 404, response = NietGevonden)))]
pub async fn toegangsroute(
    State(state): State<AppState>,
    actor: Actor,
    Pad(JeugdigePad { id }): Pad<JeugdigePad>,
    Vraag(v): Vraag<ToegangsrouteVraag>,
) -> ApiResultaat<Json<ToegangsrouteDto>> {
    let soort = v.soort()?;
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(toegangsroute_voor(&dossier, id, soort).await?))
}

/// The access route for one jeugdige and kind of question, read under need
/// to know and logged as `jeugdige.toegangsroute` (the API and the web page).
pub async fn toegangsroute_voor(
    dossier: &Dossier<'_>,
    id: Id,
    soort: Vraagsoort,
) -> ApiResultaat<ToegangsrouteDto> {
    let j = dossier.lees_voor(id, "jeugdige.toegangsroute").await?;
    // The route is the pupil's own gemeente's (woonplaatsbeginsel).
    let keuze = crate::regels::keuze_of_geen(dossier.state, &j).await?;
    let vraag = toegangsvraag(dossier.state, dossier.actor, &j, soort, keuze).await?;
    let mut advies = toegangsroute::bepaal(&vraag);
    if let Some(k) = keuze.filter(|k| k.regio().route != Regioroute::Oja) {
        let r = k.regio();
        advies.toelichting.push(format!(
            "De jeugdige woont in regio {}; daar geldt {}.",
            r.naam,
            r.route.uitleg("waar de jeugdige woont")
        ));
    }
    antwoord(dossier.state, soort, advies, keuze.and_then(|k| k.regels())).await
}

/// An organisation that a stored reference points to; its absence is a
/// broken store, not a client error.
async fn organisatie(state: &AppState, id: Id) -> ApiResultaat<Organisatie> {
    state
        .opslag
        .organisatie(id)
        .await?
        .ok_or_else(|| ApiFout::intern("een verwijzing naar een organisatie die niet bestaat"))
}

async fn directory(state: &AppState, id: Id) -> ApiResultaat<DirectoryGegevens> {
    Ok(state
        .opslag
        .directory_gegevens(id)
        .await?
        .unwrap_or_default())
}

/// The wijkteams that serve the jeugdige's address as the directory says:
/// its areas decide (most specific wins); where they cover nothing, the
/// PC4 werkgebied list. Several when two claim the address at the same
/// level, none when nothing covers it.
pub async fn wijkteams_van_adres(state: &AppState, j: &Jeugdige) -> ApiResultaat<Vec<Id>> {
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    let adres = crate::gids::zoek(
        state.opslag.as_ref(),
        &stand,
        &j.gegevens.postcode,
        j.gegevens.huisnummer,
    )
    .await?;
    Ok(match (adres.uitkomst, adres.wijkteam) {
        ("wijkteam", Some(w)) => vec![w.id],
        ("overlap", _) => adres.wijkteams,
        _ => state
            .opslag
            .wijkteam_voor_pc4(j.gegevens.postcode.pc4())
            .await?
            .into_iter()
            .collect(),
    })
}

/// Gathers what the decision needs from the directory.
async fn toegangsvraag(
    state: &AppState,
    actor: &Actor,
    j: &Jeugdige,
    soort: Vraagsoort,
    keuze: Option<schakel_rules::Keuze<'_>>,
) -> ApiResultaat<Toegangsvraag> {
    let school = match j.gegevens.school {
        Some(id) => Some((organisatie(state, id).await?, directory(state, id).await?)),
        None => None,
    };
    // Two claimants give none at all.
    let wijkteam = match wijkteams_van_adres(state, j).await?[..] {
        [w] => Some(w),
        _ => None,
    };
    // The region responsible is where the jeugdige lives; until the address
    // directory exists, the wijkteam's region says that best, then the
    // school's, then the asking organisation's.
    let regio = match (wijkteam, &school) {
        (Some(w), _) => organisatie(state, w).await?.regio,
        (None, Some((s, _))) => s.regio,
        (None, None) => organisatie(state, actor.rol.organisatie).await?.regio,
    };
    // The OJA route is the pupil's own gemeente's arrangement
    // (woonplaatsbeginsel): a pupil of an OJA school living where the
    // regular or the support route holds does not take it, and the OJA is
    // judged by the rules of the pupil's region.
    let oja_regio = keuze.is_some_and(|k| k.regio().route == Regioroute::Oja);
    let eigen_regels = keuze.filter(|_| oja_regio).and_then(|k| k.regels());
    Ok(Toegangsvraag {
        vraag: soort,
        school: school.map(|(s, g)| School {
            organisatie: s.id,
            oja: g
                .oja
                .filter(|o| o.geldt_op(vandaag()) && eigen_regels.is_some())
                .map(|o| Oja {
                    in_normenkader: eigen_regels
                        .is_some_and(|r| oja_in_normenkader(r, &o.arrangement)),
                    arrangement: o.arrangement,
                    hoofdaanbieder: o.hoofdaanbieder,
                }),
        }),
        verwijzer: state.opslag.verwijzer_van_regio(regio).await?,
        pc4: j.gegevens.postcode.pc4(),
        wijkteam,
        oja_regio,
    })
}

/// Whether the normenkader in force today lists the school as an OJA school.
fn oja_in_normenkader(regels: &schakel_rules::Regelset, arrangement: &str) -> bool {
    regels.kader_op(vandaag()).is_some_and(|k| {
        k.school(arrangement)
            .is_some_and(|i| k.scholen[i].arrangement == Some(Arrangement::Oja))
    })
}

/// The normenkader's row for OJA schools, cited with the OJA route.
fn oja_rij(regels: Option<&schakel_rules::Regelset>) -> Option<String> {
    let kader = regels?.kader_op(vandaag())?;
    kader
        .rijen
        .iter()
        .find(|r| r.arrangement == Some(Arrangement::Oja))
        .map(|r| r.id.clone())
}

/// The advice with the organisation's name and its contact person.
async fn antwoord(
    state: &AppState,
    soort: Vraagsoort,
    advies: Toegangsadvies,
    regels: Option<&schakel_rules::Regelset>,
) -> ApiResultaat<ToegangsrouteDto> {
    let mut toelichting = advies.toelichting;
    let mut bronnen: Vec<String> = advies.bronnen.iter().map(|b| b.to_string()).collect();
    if advies.route == Route::OjaHoofdaanbieder {
        bronnen.extend(oja_rij(regels));
    }
    let (organisatie_kort, contactpersoon, contacten) = match advies.organisatie {
        Some(id) => {
            let o = organisatie(state, id).await?;
            let contact = contactpersoon(state, id).await?;
            let contacten = gidscontacten(state, &o).await?;
            if contact.is_none() {
                toelichting.push(toegangsroute::geen_contactpersoon(&o.naam));
            }
            let kort = OrganisatieKort {
                id: o.id,
                naam: o.naam,
            };
            (Some(kort), contact, contacten)
        }
        None => (None, None, Vec::new()),
    };
    Ok(ToegangsrouteDto {
        vraag: soort,
        route: advies.route,
        beschikking_nodig: advies.beschikking_nodig,
        organisatie: organisatie_kort,
        contactpersoon,
        contacten,
        toelichting,
        bronnen,
    })
}

/// The organisation's contact persons in the directory.
async fn gidscontacten(state: &AppState, o: &Organisatie) -> ApiResultaat<Vec<RouteContact>> {
    Ok(state
        .opslag
        .contacten(Some(o.regio))
        .await?
        .into_iter()
        .filter(|c| c.organisatie == Some(o.id))
        .map(|c| RouteContact {
            functie: c.functie,
            naam: c.naam,
            telefoon: c.telefoon,
            email: c.email,
        })
        .collect())
}

/// The organisation's contact person, when recorded and still active.
async fn contactpersoon(state: &AppState, organisatie: Id) -> ApiResultaat<Option<Contactpersoon>> {
    let Some(id) = directory(state, organisatie).await?.contactpersoon else {
        return Ok(None);
    };
    Ok(state
        .opslag
        .medewerker(id)
        .await?
        .filter(|m| m.actief)
        .map(|m| Contactpersoon {
            naam: m.naam,
            email: m.email,
        }))
}
