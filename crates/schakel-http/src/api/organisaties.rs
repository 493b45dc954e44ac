//! The organisations of the region. Reading is for everyone logged in;
//! registering is for the beheerder and audited.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use schakel_domain::{OrganisatieSoort, Rol};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{OjaArrangement, Organisatie};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{PaginaAntwoord, PaginaVraag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::ApiResultaat;
use crate::inrichting::{
    self, InrichtingDto, Organisatieaanvraag, Toegangsroutewijziging, eis_beheerder_van,
    registreer_organisatie,
};
use crate::invoer::{Invoer, Pad, Vraag};
use crate::openapi::{Conflict, Geweigerd, NietGevonden, NietIngelogd, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganisatieDto {
    pub id: i64,
    pub regio: i64,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub gemeente: Option<String>,
    /// CBS's name of `gemeente`, where the directory holds it (issue 16.3).
    pub gemeentenaam: Option<String>,
    pub brin: Option<String>,
    pub agb: Option<String>,
}

impl OrganisatieDto {
    /// With the gemeente's CBS name from the directory.
    fn benoemd(o: Organisatie, stand: &crate::gids::Gidsstand) -> Self {
        let mut d = Self::from(o);
        d.gemeentenaam = d
            .gemeente
            .as_deref()
            .and_then(|g| stand.naam(g))
            .map(String::from);
        d
    }
}

impl From<Organisatie> for OrganisatieDto {
    fn from(o: Organisatie) -> Self {
        Self {
            id: o.id,
            regio: o.regio,
            naam: o.naam,
            soort: o.soort,
            gemeente: o.gemeente.map(|g| g.cbs()),
            gemeentenaam: None,
            brin: o.brin.map(|b| b.to_string()),
            agb: o.agb.map(|a| a.to_string()),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OrganisatieInvoer {
    pub regio: i64,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub gemeente: Option<String>,
    pub brin: Option<String>,
    pub agb: Option<String>,
}

/// Every organisation of the directory (a few hundred at most), by id:
/// for pages that name them and for lookups by kind.
pub async fn alle(state: &AppState) -> ApiResultaat<Vec<schakel_storage::Organisatie>> {
    super::alle_items(|p| async move { Ok(state.opslag.organisaties(p).await?) }).await
}

/// All organisations, paginated.
#[utoipa::path(get, path = "/organisaties", operation_id = "lijstOrganisaties", tag = "organisaties", params(PaginaVraag),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina organisaties", body = inline(PaginaAntwoord<OrganisatieDto>)), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn lijst(
    State(state): State<AppState>,
    actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
) -> ApiResultaat<impl IntoResponse> {
    crate::dossier::Dossier {
        state: &state,
        actor: &actor,
    }
    .eis_regionale_rol("gids.lezen", "organisatie")
    .await?;
    let pagina = p.pagina()?;
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    let dto = |o| OrganisatieDto::benoemd(o, &stand);
    // Beheerder and beleid: their own region's organisations only.
    if let Some(regio) =
        crate::inrichting::eigen_regio_alleen(state.opslag.as_ref(), &actor).await?
    {
        let eigen = alle(&state)
            .await?
            .into_iter()
            .filter(|o| o.regio == regio)
            .map(dto)
            .collect();
        return Ok(Json(PaginaAntwoord::pagineer(eigen, &pagina)));
    }
    let lijst = state.opslag.organisaties(pagina).await?;
    Ok(Json(PaginaAntwoord::new(
        lijst.items.into_iter().map(dto).collect(),
        &pagina,
        lijst.totaal,
    )))
}

/// Registers an organisation (beheerder only).
#[utoipa::path(post, path = "/organisaties", operation_id = "maakOrganisatie", tag = "organisaties", request_body = OrganisatieInvoer,
    responses((status = 201, description = "De nieuwe organisatie", body = OrganisatieDto), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd)))]
pub async fn maak(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<OrganisatieInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    dossier
        .eis_rol_gelogd(
            &[Rol::Beheerder],
            "organisatie.aanmaken",
            Actie::Aanmaken,
            "organisatie",
            &format!(
                "De rol {} mag geen organisaties registreren.",
                actor.rol.rol.naam()
            ),
        )
        .await?;
    // Only in the beheerder's own region (issue 17.2); refused and audited.
    if i.regio != crate::inrichting::regio_van(state.opslag.as_ref(), &actor).await? {
        let record = dossier.record(
            "organisatie.aanmaken",
            Actie::Aanmaken,
            None,
            ("organisatie", None),
            Uitkomst::Geweigerd,
            Some("andere_regio"),
        );
        state.opslag.schrijf_audit(&record).await?;
        return Err(crate::fout::ApiFout::Geweigerd(
            "Een beheerder registreert organisaties in de eigen regio; de poging is gelogd.".into(),
        ));
    }
    let aanvraag = Organisatieaanvraag {
        regio: i.regio,
        naam: i.naam,
        soort: Some(i.soort),
        gemeente: i.gemeente,
        brin: i.brin,
        agb: i.agb,
    };
    let record = dossier.record(
        "organisatie.aanmaken",
        Actie::Aanmaken,
        None,
        ("organisatie", None),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    let organisatie = registreer_organisatie(state.opslag.as_ref(), &aanvraag, &record).await?;
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    Ok((
        StatusCode::CREATED,
        Json(OrganisatieDto::benoemd(organisatie, &stand)),
    ))
}

#[derive(Deserialize)]
pub struct OrganisatiePad {
    pub id: i64,
}

/// The access-route data of an organisation (beheerder of its region).
#[utoipa::path(get, path = "/organisaties/{id}/toegangsroute", operation_id = "leesToegangsrouteVanOrganisatie", tag = "organisaties",
    params(("id" = i64, Path, description = "De organisatie")),
    responses((status = 200, description = "De inrichting van de toegangsroute", body = InrichtingDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden)))]
pub async fn lees_toegangsroute(
    State(state): State<AppState>,
    actor: Actor,
    Pad(OrganisatiePad { id }): Pad<OrganisatiePad>,
) -> ApiResultaat<Json<InrichtingDto>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let org = eis_beheerder_van(&dossier, id, inrichting::GEBEURTENIS).await?;
    Ok(Json(
        inrichting::lees_toegangsroute(state.opslag.as_ref(), &org).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OjaInvoer {
    /// The normenkader's name of the OJA school, as its `[[school]]` list has it.
    pub arrangement: String,
    /// The id of an aanbieder.
    pub hoofdaanbieder: Option<i64>,
    /// The first day the arrangement runs (absent: open).
    pub geldig_vanaf: Option<chrono::NaiveDate>,
    /// The last day the arrangement runs (absent: open).
    pub geldig_tot: Option<chrono::NaiveDate>,
}

/// The whole of an organisation's access-route data but its werkgebied:
/// what is absent or null is removed.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ToegangsrouteInvoer {
    /// The id of a medewerker with a role at the organisation.
    pub contactpersoon: Option<i64>,
    /// Schools only.
    pub oja: Option<OjaInvoer>,
    /// JGZ only: the region's gemandateerde verwijzer (one per region).
    #[serde(default)]
    pub verwijzer_van_regio: bool,
}

impl From<ToegangsrouteInvoer> for Toegangsroutewijziging {
    fn from(i: ToegangsrouteInvoer) -> Self {
        Self {
            contactpersoon: Some(i.contactpersoon),
            oja: Some(i.oja.map(|o| OjaArrangement {
                arrangement: o.arrangement,
                hoofdaanbieder: o.hoofdaanbieder,
                geldig_vanaf: o.geldig_vanaf,
                geldig_tot: o.geldig_tot,
            })),
            verwijzer_van_regio: Some(i.verwijzer_van_regio),
            werkgebied: None,
        }
    }
}

/// Sets an organisation's contact person, OJA arrangement with its
/// hoofdaanbieder and whether it is the region's gemandateerde verwijzer
/// (beheerder of its region; audited with the change). The access route
/// uses it from the next request on; the werkgebied stays.
#[utoipa::path(put, path = "/organisaties/{id}/toegangsroute", operation_id = "zetToegangsrouteVanOrganisatie", tag = "organisaties",
    params(("id" = i64, Path, description = "De organisatie")),
    request_body = ToegangsrouteInvoer,
    responses((status = 200, description = "De inrichting zoals nu vastgelegd", body = InrichtingDto),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd),
              (status = 403, response = Geweigerd), (status = 404, response = NietGevonden),
              (status = 409, response = Conflict)))]
pub async fn zet_toegangsroute(
    State(state): State<AppState>,
    actor: Actor,
    Pad(OrganisatiePad { id }): Pad<OrganisatiePad>,
    Invoer(i): Invoer<ToegangsrouteInvoer>,
) -> ApiResultaat<Json<InrichtingDto>> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    Ok(Json(zet_toegangsroute_voor(&dossier, id, &i.into()).await?))
}

/// The change behind the API and the beheer page: beheerder of the
/// region, checked, stored with its audit record; returns what is stored.
pub async fn zet_toegangsroute_voor(
    dossier: &Dossier<'_>,
    id: i64,
    w: &Toegangsroutewijziging,
) -> ApiResultaat<InrichtingDto> {
    let org = eis_beheerder_van(dossier, id, inrichting::GEBEURTENIS).await?;
    let record = dossier.record(
        inrichting::GEBEURTENIS,
        Actie::Wijzigen,
        None,
        ("organisatie", Some(id)),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    let state = dossier.state;
    // The school's own region's normenkader names its OJA.
    let regels = crate::regels::regels_van_organisatie(state, id).await?;
    inrichting::zet_toegangsroute(
        state.opslag.as_ref(),
        regels,
        super::vandaag(),
        id,
        w,
        &record,
    )
    .await?;
    inrichting::lees_toegangsroute(state.opslag.as_ref(), &org).await
}
