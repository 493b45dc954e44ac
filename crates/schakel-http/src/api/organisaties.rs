//! The organisations of the region. Reading is for everyone logged in;
//! registering is for the beheerder and audited.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use schakel_domain::{Agb, Brin, GemeenteCode, OrganisatieSoort, Rol};
use schakel_storage::audit::{Actie, Uitkomst};
use schakel_storage::{NieuweOrganisatie, Organisatie};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{PaginaAntwoord, PaginaVraag};
use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiResultaat, Probleem};
use crate::invoer::{Controle, Invoer, Vraag};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganisatieDto {
    pub id: i64,
    pub regio: i64,
    pub naam: String,
    pub soort: OrganisatieSoort,
    pub gemeente: Option<String>,
    pub brin: Option<String>,
    pub agb: Option<String>,
}

impl From<Organisatie> for OrganisatieDto {
    fn from(o: Organisatie) -> Self {
        Self {
            id: o.id,
            regio: o.regio,
            naam: o.naam,
            soort: o.soort,
            gemeente: o.gemeente.map(|g| g.cbs()),
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

/// All organisations, paginated.
#[utoipa::path(get, path = "/api/v1/organisaties", tag = "organisaties", params(PaginaVraag),
    responses((status = 200, body = PaginaAntwoord<OrganisatieDto>), (status = 401, body = Probleem, content_type = "application/problem+json")))]
pub async fn lijst(
    State(state): State<AppState>,
    _actor: Actor,
    Vraag(p): Vraag<PaginaVraag>,
) -> ApiResultaat<impl IntoResponse> {
    let pagina = p.pagina()?;
    let lijst = state.opslag.organisaties(pagina).await?;
    Ok(Json(PaginaAntwoord::new(
        lijst.items.into_iter().map(OrganisatieDto::from).collect(),
        &pagina,
        lijst.totaal,
    )))
}

/// Registers an organisation (beheerder only).
#[utoipa::path(post, path = "/api/v1/organisaties", tag = "organisaties", request_body = OrganisatieInvoer,
    responses((status = 201, body = OrganisatieDto), (status = 400, body = Probleem, content_type = "application/problem+json"),
              (status = 403, body = Probleem, content_type = "application/problem+json")))]
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
    let mut c = Controle::default();
    let gemeente = i
        .gemeente
        .as_deref()
        .and_then(|g| c.veld("gemeente", GemeenteCode::parse(g)));
    let brin = i
        .brin
        .as_deref()
        .and_then(|b| c.veld("brin", Brin::parse(b)));
    let agb = i.agb.as_deref().and_then(|a| c.veld("agb", Agb::parse(a)));
    c.eis("naam", !i.naam.trim().is_empty(), "verplicht");
    c.eis(
        "brin",
        i.soort != OrganisatieSoort::School || brin.is_some(),
        "verplicht voor een school",
    );
    c.eis(
        "agb",
        i.soort != OrganisatieSoort::Aanbieder || agb.is_some(),
        "verplicht voor een aanbieder",
    );
    c.klaar()?;
    let nieuw = NieuweOrganisatie {
        regio: i.regio,
        naam: i.naam.trim().into(),
        soort: i.soort,
        gemeente,
        brin,
        agb,
    };
    let organisatie = state.opslag.maak_organisatie(&nieuw).await?;
    let record = dossier.record(
        "organisatie.aanmaken",
        Actie::Aanmaken,
        None,
        ("organisatie", Some(organisatie.id)),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    state.opslag.schrijf_audit(&record).await?;
    Ok((StatusCode::CREATED, Json(OrganisatieDto::from(organisatie))))
}
