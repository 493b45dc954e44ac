//! The regional directory through the API (issue 5): the address lookup
//! (by POST, so no address ends up in a URL or an access log) and the
//! beheerder's edit of a wijkteam's werkgebied and contact point.

use axum::Json;
use axum::extract::State;
use axum::response::IntoResponse;
use schakel_domain::gids::Gebied;
use schakel_domain::{Huisnummer, OrganisatieSoort, Postcode, Rol};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{Contactpunt, WijkteamGebied};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::gids::{Adresantwoord, zoek};
use crate::invoer::{Controle, Invoer, Pad};
use crate::openapi::{Conflict, Geweigerd, NietIngelogd, OngeldigeInvoer};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdresInvoer {
    pub postcode: String,
    pub huisnummer: u32,
    /// Accepted, but the CBS file does not tell addresses apart by it.
    pub toevoeging: Option<String>,
}

/// The directory is for the roles within a region (logged refusal, as
/// [`crate::dossier::Dossier::eis_regionale_rol`]).
async fn eis_regionaal(state: &AppState, actor: &Actor, object_type: &str) -> ApiResultaat<()> {
    crate::dossier::Dossier { state, actor }
        .eis_regionale_rol("gids.lezen", object_type)
        .await
}

/// Which wijkteam and which contact point serve an address: gemeente, wijk,
/// buurt, wijkteam and contact, or why none (outside every area, claimed
/// twice, not in the address file). For every role within a region.
#[utoipa::path(post, path = "/adres-zoekopdrachten", operation_id = "zoekAdres", tag = "gids", request_body = AdresInvoer,
    responses((status = 200, description = "Welk wijkteam en welk contactpunt bij het adres horen, of waarom geen", body = Object), (status = 400, response = OngeldigeInvoer),
              (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn zoek_adres(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<AdresInvoer>,
) -> ApiResultaat<Json<Adresantwoord>> {
    eis_regionaal(&state, &actor, "adres").await?;
    Ok(Json(
        zoek_adres_voor(&state, &i.postcode, i.huisnummer).await?,
    ))
}

/// The lookup behind the API and the directory page: the postcode and
/// house number checked (field errors `postcode`, `huisnummer`), then the
/// directory's answer.
pub async fn zoek_adres_voor(
    state: &AppState,
    postcode: &str,
    huisnummer: u32,
) -> ApiResultaat<Adresantwoord> {
    let mut c = Controle::default();
    let postcode = c.veld("postcode", Postcode::parse(postcode));
    let huisnummer = c.veld("huisnummer", Huisnummer::new(huisnummer));
    c.klaar()?;
    let (Some(postcode), Some(huisnummer)) = (postcode, huisnummer) else {
        return Err(ApiFout::veld("body", "onvolledig"));
    };
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    if stand.adressen.is_none() {
        // Load (or reload) the address file into memory in the background;
        // until then this and other lookups ask the database.
        let bij = state.clone();
        tokio::spawn(async move {
            if let Err(e) = bij.gebieden.laad_adressen(bij.opslag.as_ref()).await {
                tracing::error!("adressen laden: {e}");
            }
        });
    }
    Ok(zoek(state.opslag.as_ref(), &stand, &postcode, huisnummer).await?)
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WerkgebiedInvoer {
    /// Areas: `BU00340101`, `1354AA-1354ZZ`, `1315AB 10-20`.
    pub gebieden: Vec<String>,
    pub contactpunt: Option<ContactpuntInvoer>,
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactpuntInvoer {
    pub naam: String,
    pub telefoon: Option<String>,
    pub email: Option<String>,
}

#[derive(Deserialize)]
pub struct OrganisatiePad {
    pub id: i64,
}

/// Replaces a wijkteam's werkgebied and fixed contact point (beheerder
/// only; audited). Areas that would give an address two wijkteams at the
/// same level are refused, naming the other wijkteam.
#[utoipa::path(put, path = "/organisaties/{id}/werkgebied", operation_id = "zetWerkgebied", tag = "gids", params(("id" = i64, Path)),
    request_body = WerkgebiedInvoer,
    responses((status = 200, description = "Het nieuwe werkgebied", body = Object), (status = 400, response = OngeldigeInvoer),
              (status = 403, response = Geweigerd),
              (status = 409, response = Conflict)))]
pub async fn zet_werkgebied(
    State(state): State<AppState>,
    actor: Actor,
    Pad(OrganisatiePad { id }): Pad<OrganisatiePad>,
    Invoer(i): Invoer<WerkgebiedInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let nieuw = zet_werkgebied_voor(&state, &actor, id, i).await?;
    Ok(Json(serde_json::json!({
        "wijkteam": id,
        "gebieden": nieuw.gebieden.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "contactpunt": nieuw.contactpunt,
    })))
}

/// The edit behind the API and the beheerder's page: beheerder only,
/// every area parsed (`gebieden[n]`), no overlap with another wijkteam at
/// the same level, one audit record with the change.
pub async fn zet_werkgebied_voor(
    state: &AppState,
    actor: &Actor,
    id: i64,
    i: WerkgebiedInvoer,
) -> ApiResultaat<WijkteamGebied> {
    crate::dossier::Dossier { state, actor }
        .eis_rol_gelogd(
            &[Rol::Beheerder],
            "werkgebied.wijzigen",
            schakel_storage::audit::Actie::Wijzigen,
            "werkgebied",
            "De gids onderhoudt de beheerder.",
        )
        .await?;
    // The beheerder of the wijkteam's own region (refusal audited).
    let org =
        crate::inrichting::eis_beheerder_van(&Dossier { state, actor }, id, "werkgebied.wijzigen")
            .await?;
    if org.soort != OrganisatieSoort::Wijkteam {
        return Err(ApiFout::veld(
            "id",
            "alleen een wijkteam heeft een werkgebied",
        ));
    }
    let mut c = Controle::default();
    let gebieden: Vec<Gebied> = i
        .gebieden
        .iter()
        .enumerate()
        .filter_map(|(n, g)| c.veld(&format!("gebieden[{n}]"), Gebied::parse(g)))
        .collect();
    if let Some(p) = &i.contactpunt {
        c.eis("contactpunt.naam", !p.naam.trim().is_empty(), "verplicht");
    }
    c.klaar()?;
    weiger_overlap(state, id, &gebieden).await?;
    let dossier = Dossier { state, actor };
    let record = dossier.record(
        "gids.werkgebied",
        Actie::Wijzigen,
        None,
        ("organisatie", Some(id)),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    let nieuw = WijkteamGebied {
        wijkteam: id,
        gebieden,
        contactpunt: i.contactpunt.map(|p| Contactpunt {
            naam: p.naam,
            telefoon: p.telefoon,
            email: p.email,
        }),
    };
    state
        .opslag
        .zet_wijkteamgebieden(std::slice::from_ref(&nieuw), &record)
        .await?;
    state.gebieden.vergeet();
    state.opslag.meld_gidswijziging().await?;
    Ok(nieuw)
}

/// The new areas against everyone else's: no address may get two wijkteams.
async fn weiger_overlap(state: &AppState, id: i64, gebieden: &[Gebied]) -> ApiResultaat<()> {
    let mut alle: Vec<(i64, Gebied)> = state
        .opslag
        .gebieden()
        .await?
        .into_iter()
        .filter(|(t, _)| *t != id)
        .collect();
    alle.extend(gebieden.iter().cloned().map(|g| (id, g)));
    let overlap = schakel_domain::gids::Werkgebieden::nieuw(alle.iter().map(|(t, g)| (*t, g)))
        .overlappen()
        .into_iter()
        .find(|(_, a, b)| *a == id || *b == id);
    match overlap {
        Some((niveau, a, b)) => {
            let ander = if a == id { b } else { a };
            Err(ApiFout::Conflict(format!(
                "Deze gebieden overlappen op niveau {niveau:?} met het werkgebied van wijkteam {ander}; een adres krijgt één wijkteam"
            )))
        }
        None => Ok(()),
    }
}

#[derive(serde::Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct WijkteamDto {
    pub id: i64,
    pub naam: String,
    /// Areas in the notation of the import (`BU00340101`, `1354AA-1354ZZ`, `1315AB 10-20`).
    pub gebieden: Vec<String>,
    /// CBS's name of each buurt among `gebieden`, by code, where the
    /// directory holds it (issue 16.3).
    pub gebiedsnamen: std::collections::BTreeMap<String, String>,
    #[schema(value_type = Option<Object>)]
    pub contactpunt: Option<Contactpunt>,
}

/// The directory's wijkteams with their werkgebied and fixed contact point,
/// by name; for every role within a region (no personal data).
#[utoipa::path(get, path = "/wijkteams", operation_id = "lijstWijkteams", tag = "gids", params(crate::api::PaginaVraag),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina wijkteams met hun werkgebied", body = Object), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn wijkteams(
    State(state): State<AppState>,
    actor: Actor,
    crate::invoer::Vraag(v): crate::invoer::Vraag<crate::api::PaginaVraag>,
) -> ApiResultaat<impl IntoResponse> {
    eis_regionaal(&state, &actor, "wijkteam").await?;
    let pagina = v.pagina()?;
    let lijst = wijkteamlijst_voor(&state, &actor).await?;
    Ok(Json(crate::api::PaginaAntwoord::pagineer(lijst, &pagina)))
}

/// The wijkteams `actor` may list: a beheerder's or beleid user's own
/// region's only (issue 17.2), every one for the other roles.
pub async fn wijkteamlijst_voor(state: &AppState, actor: &Actor) -> ApiResultaat<Vec<WijkteamDto>> {
    let mut lijst = wijkteamlijst(state).await?;
    if let Some(regio) = crate::inrichting::eigen_regio_alleen(state.opslag.as_ref(), actor).await?
    {
        let eigen: std::collections::HashSet<i64> = super::organisaties::alle(state)
            .await?
            .into_iter()
            .filter(|o| o.regio == regio)
            .map(|o| o.id)
            .collect();
        lijst.retain(|t| eigen.contains(&t.id));
    }
    Ok(lijst)
}

/// Every wijkteam of the directory with its areas, by name.
pub async fn wijkteamlijst(state: &AppState) -> ApiResultaat<Vec<WijkteamDto>> {
    let stand = state.gebieden.stand(state.opslag.as_ref()).await?;
    let gebieden = state.opslag.gebieden().await?;
    let mut teams: Vec<&crate::gids::Wijkteam> = stand.wijkteams.values().collect();
    teams.sort_by(|a, b| a.naam.cmp(&b.naam).then(a.id.cmp(&b.id)));
    Ok(teams
        .into_iter()
        .map(|t| WijkteamDto {
            id: t.id,
            naam: t.naam.clone(),
            gebieden: gebieden
                .iter()
                .filter(|(w, _)| *w == t.id)
                .map(|(_, g)| g.to_string())
                .collect(),
            gebiedsnamen: Default::default(),
            contactpunt: t.contactpunt.clone(),
        })
        .map(|mut t| {
            t.gebiedsnamen = t
                .gebieden
                .iter()
                .filter_map(|g| Some((g.clone(), stand.naam(g)?.to_string())))
                .collect();
            t
        })
        .collect())
}

#[derive(serde::Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AanbiederDto {
    pub id: i64,
    pub naam: String,
    pub agb: Option<String>,
    #[schema(value_type = Vec<Object>)]
    pub aanbod: Vec<schakel_storage::Aanbod>,
}

/// The directory's providers with what they offer (products of the
/// normenkader, in general or within an OJA arrangement); for every
/// role within a region.
#[utoipa::path(get, path = "/aanbieders", operation_id = "lijstAanbieders", tag = "gids", params(crate::api::PaginaVraag),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina aanbieders met hun aanbod", body = Object), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn aanbieders(
    State(state): State<AppState>,
    actor: Actor,
    crate::invoer::Vraag(v): crate::invoer::Vraag<crate::api::PaginaVraag>,
) -> ApiResultaat<impl IntoResponse> {
    eis_regionaal(&state, &actor, "aanbieder").await?;
    let pagina = v.pagina()?;
    Ok(Json(crate::api::PaginaAntwoord::pagineer(
        aanbiederlijst(&state).await?,
        &pagina,
    )))
}

/// Every provider with an offer in the directory, by id.
pub async fn aanbiederlijst(state: &AppState) -> ApiResultaat<Vec<AanbiederDto>> {
    let mut per_aanbieder: std::collections::BTreeMap<i64, Vec<schakel_storage::Aanbod>> =
        Default::default();
    for (a, r) in state.opslag.aanbod().await? {
        per_aanbieder.entry(a).or_default().push(r);
    }
    let mut items = Vec::new();
    for (id, aanbod) in per_aanbieder {
        let org = state.opslag.organisatie(id).await?;
        items.push(AanbiederDto {
            id,
            naam: org.as_ref().map_or_else(String::new, |o| o.naam.clone()),
            agb: org.and_then(|o| o.agb).map(|a| a.als_tekst().to_string()),
            aanbod,
        });
    }
    Ok(items)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ContactVraag {
    /// Only this organisation's contact persons; `expertpool=true` only the
    /// region's expertpool.
    pub organisatie: Option<i64>,
    pub expertpool: Option<bool>,
}

/// Contact persons of the directory — of the organisations in the user's
/// region and of its expertpool — with role, phone and e-mail.
#[utoipa::path(get, path = "/contactpersonen", operation_id = "lijstContactpersonen", tag = "gids", params(ContactVraag),
    responses((status = 400, response = OngeldigeInvoer), (status = 200, description = "Een pagina contactpersonen", body = Object), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn contactpersonen(
    State(state): State<AppState>,
    actor: Actor,
    crate::invoer::Vraag(v): crate::invoer::Vraag<ContactVraag>,
) -> ApiResultaat<impl IntoResponse> {
    eis_regionaal(&state, &actor, "contactpersoon").await?;
    let (regio, alle) = contacten_voor(&state, &actor).await?;
    let items: Vec<_> = alle
        .into_iter()
        .filter(|c| v.organisatie.is_none_or(|o| c.organisatie == Some(o)))
        .filter(|c| !v.expertpool.unwrap_or(false) || c.organisatie.is_none())
        .collect();
    Ok(Json(serde_json::json!({ "regio": regio, "items": items })))
}

/// The contact persons of the user's region (its organisations' and its
/// expertpool's), with the region's id.
pub async fn contacten_voor(
    state: &AppState,
    actor: &Actor,
) -> ApiResultaat<(i64, Vec<schakel_storage::Gidscontact>)> {
    let regio = state
        .opslag
        .organisatie(actor.rol.organisatie)
        .await?
        .map(|o| o.regio)
        .ok_or_else(|| ApiFout::intern("de organisatie van een rol bestaat niet"))?;
    Ok((regio, state.opslag.contacten(Some(regio)).await?))
}
