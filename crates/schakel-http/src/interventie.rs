//! Interventie-afspraken (seed 004, footnote ***: "De verwijzingen voor
//! behandeling zijn voor (dreigende) thuiszitters alleen mogelijk onder
//! voorwaarde van interventie afspraak tussen aanbieder en gemeente"): the
//! region's set-up records which provider has one with which gemeente, for
//! which period. One door for the API, the beheer page and `schakel import
//! interventie-afspraken`: checked here (each problem named by its field)
//! and stored with its audit record. The referral's check reads them
//! (`api::verwijzingen`).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use chrono::NaiveDate;
use schakel_domain::{OrganisatieSoort, grens};
use schakel_storage::audit::{Actie, NieuwAuditRecord, Uitkomst};
use schakel_storage::{Id, Interventieafspraak, NieuweInterventieafspraak, Opslag};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Actor;
use crate::dossier::Dossier;
use crate::fout::{ApiFout, ApiResultaat};
use crate::inrichting::{Naam, regio_van};
use crate::invoer::{Controle, Invoer};
use crate::openapi::{Geweigerd, NietIngelogd, OngeldigeInvoer};
use crate::state::AppState;

/// The audit event of recording an interventie-afspraak.
pub const GEBEURTENIS: &str = "interventieafspraak.vastleggen";

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InterventieafspraakInvoer {
    /// The jeugdhulpaanbieder.
    pub aanbieder: i64,
    /// The gemeente it made the agreement with.
    pub gemeente: i64,
    /// What the agreement is for (observatiegroep, …).
    pub omschrijving: String,
    #[serde(deserialize_with = "grens::periode")]
    pub van: NaiveDate,
    /// The last day it holds.
    #[serde(deserialize_with = "grens::periode")]
    pub tot: NaiveDate,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct InterventieafspraakDto {
    pub id: i64,
    pub aanbieder: Naam,
    pub gemeente: Naam,
    pub omschrijving: String,
    pub van: NaiveDate,
    pub tot: NaiveDate,
    /// Whether it holds today.
    pub geldig: bool,
}

/// Checks `a` (the aanbieder a provider and the gemeente a gemeente, both
/// of region `regio`; a period; a description) and stores it with `audit`.
pub async fn zet(
    opslag: &dyn Opslag,
    regio: Id,
    a: &NieuweInterventieafspraak,
    audit: &NieuwAuditRecord,
) -> ApiResultaat<Interventieafspraak> {
    let mut c = Controle::default();
    for (veld, id, soort, soortnaam) in [
        (
            "aanbieder",
            a.aanbieder,
            OrganisatieSoort::Aanbieder,
            "jeugdhulpaanbieder",
        ),
        (
            "gemeente",
            a.gemeente,
            OrganisatieSoort::Gemeente,
            "gemeente",
        ),
    ] {
        let org = opslag.organisatie(id).await?;
        c.eis(
            veld,
            org.is_some_and(|o| o.soort == soort && o.regio == regio),
            &format!("verwacht een {soortnaam} van deze regio"),
        );
    }
    c.eis(
        "omschrijving",
        !a.omschrijving.trim().is_empty(),
        "verplicht, bijvoorbeeld observatiegroep",
    );
    c.veld(
        "omschrijving",
        grens::tekst(&a.omschrijving, grens::MAX_NAAM),
    );
    c.eis(
        "tot",
        a.tot >= a.van,
        "ligt vóór 'van'; toegestaan: een datum op of na 'van'",
    );
    c.klaar()?;
    let a = NieuweInterventieafspraak {
        omschrijving: a.omschrijving.trim().into(),
        ..a.clone()
    };
    Ok(opslag.zet_interventieafspraak(&a, audit).await?)
}

/// The region's agreements with the names of both parties, by provider.
pub async fn van_regio(
    opslag: &dyn Opslag,
    regio: Id,
) -> ApiResultaat<Vec<InterventieafspraakDto>> {
    let vandaag = crate::api::vandaag();
    let mut uit = Vec::new();
    for a in opslag.interventieafspraken().await? {
        let g = &a.gegevens;
        let (Some(aanbieder), Some(gemeente)) = (
            opslag.organisatie(g.aanbieder).await?,
            opslag.organisatie(g.gemeente).await?,
        ) else {
            continue;
        };
        if gemeente.regio != regio {
            continue;
        }
        uit.push(InterventieafspraakDto {
            id: a.id,
            aanbieder: Naam {
                id: aanbieder.id,
                naam: aanbieder.naam,
            },
            gemeente: Naam {
                id: gemeente.id,
                naam: gemeente.naam,
            },
            omschrijving: g.omschrijving.clone(),
            van: g.van,
            tot: g.tot,
            geldig: a.geldt_op(vandaag),
        });
    }
    Ok(uit)
}

/// Only the region's beheerder: a refusal is audited and logged.
pub async fn eis_beheerder(dossier: &Dossier<'_>, actie: Actie) -> ApiResultaat<Id> {
    if dossier.actor.rol.rol != schakel_domain::Rol::Beheerder {
        let record = dossier.record(
            GEBEURTENIS,
            actie,
            None,
            ("interventieafspraak", None),
            Uitkomst::Geweigerd,
            Some("rol_geen_beheerder"),
        );
        dossier.state.opslag.schrijf_audit(&record).await?;
        dossier.log_weigering("interventieafspraak", 0, "rol_geen_beheerder");
        return Err(ApiFout::Geweigerd(
            "De inrichting van de regio doet de beheerder van die regio; de poging is gelogd."
                .into(),
        ));
    }
    regio_van(dossier.state.opslag.as_ref(), dossier.actor).await
}

/// Records an agreement for `dossier`'s actor (the API and the beheer page).
pub async fn leg_vast(
    dossier: &Dossier<'_>,
    i: InterventieafspraakInvoer,
) -> ApiResultaat<Interventieafspraak> {
    let regio = eis_beheerder(dossier, Actie::Aanmaken).await?;
    let record = dossier.record(
        GEBEURTENIS,
        Actie::Aanmaken,
        None,
        ("interventieafspraak", None),
        Uitkomst::Toegestaan,
        Some("beheerder"),
    );
    let nieuw = NieuweInterventieafspraak {
        aanbieder: i.aanbieder,
        gemeente: i.gemeente,
        omschrijving: i.omschrijving,
        van: i.van,
        tot: i.tot,
    };
    zet(dossier.state.opslag.as_ref(), regio, &nieuw, &record).await
}

/// The region's interventie-afspraken (its beheerder).
#[utoipa::path(get, path = "/interventie-afspraken", operation_id = "lijstInterventieAfspraken", tag = "organisaties",
    responses((status = 200, description = "De interventie-afspraken van de regio", body = Vec<InterventieafspraakDto>),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn lijst(State(state): State<AppState>, actor: Actor) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    let regio = eis_beheerder(&dossier, Actie::Lezen).await?;
    Ok(Json(van_regio(state.opslag.as_ref(), regio).await?))
}

/// Records an interventie-afspraak between a provider and a gemeente of
/// the region for a period (its beheerder); the same provider, gemeente
/// and start replace the earlier end and description.
#[utoipa::path(post, path = "/interventie-afspraken", operation_id = "legInterventieAfspraakVast", tag = "organisaties",
    request_body = InterventieafspraakInvoer,
    responses((status = 201, description = "De interventie-afspraken van de regio, met de nieuwe", body = Vec<InterventieafspraakDto>),
              (status = 400, response = OngeldigeInvoer), (status = 401, response = NietIngelogd), (status = 403, response = Geweigerd)))]
pub async fn maak(
    State(state): State<AppState>,
    actor: Actor,
    Invoer(i): Invoer<InterventieafspraakInvoer>,
) -> ApiResultaat<impl IntoResponse> {
    let dossier = Dossier {
        state: &state,
        actor: &actor,
    };
    leg_vast(&dossier, i).await?;
    let regio = regio_van(state.opslag.as_ref(), &actor).await?;
    Ok((
        StatusCode::CREATED,
        Json(van_regio(state.opslag.as_ref(), regio).await?),
    ))
}
